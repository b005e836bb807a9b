"""Publish to a real folder target: real episodes, the feed last, incremental, fault-safe, prune, Range."""

from __future__ import annotations

import http.client
import json
import shutil
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from audiopost.cli import main
from audiopost.errors import AudiopostError
from audiopost.host import MANIFEST, FolderTarget, Remote, local_files, plan, publish
from audiopost.serve import Handler
from episodes import POSTS, narrate, two_episodes

pytestmark = pytest.mark.slow



@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two episodes, made once for the module."""
    return two_episodes(tmp_path_factory)


@pytest.fixture
def dirs(pristine: Path, tmp_path: Path) -> tuple[Path, Path]:
    """(a fresh copy of the episodes folder, an empty target folder)."""
    (tmp_path / "work").mkdir()
    out = shutil.copytree(pristine, tmp_path / "work" / "out")
    site = tmp_path / "site"
    site.mkdir()
    return out, site


class Recording:
    """A FolderTarget that records every write, in order; ``fail_on`` makes that MP3 put (1-based) fail."""

    def __init__(self, root: Path, fail_on: int = 0) -> None:
        self.inner, self.calls, self.fail_on, self.mp3s = FolderTarget(root), [], fail_on, 0

    def __str__(self) -> str:
        return str(self.inner)

    def stat(self, name: str) -> Remote | None:
        return self.inner.stat(name)

    def put(self, local_path: Path, name: str, content_type: str, cache_control: str) -> None:
        if name.endswith(".mp3"):
            self.mp3s += 1
            if self.mp3s == self.fail_on:
                raise OSError("connection reset by peer")
        self.calls.append(("put", name, content_type, cache_control))
        self.inner.put(local_path, name, content_type, cache_control)

    def put_atomic(self, local_path: Path, name: str, content_type: str, cache_control: str) -> None:
        self.calls.append(("put_atomic", name, content_type, cache_control))
        self.inner.put_atomic(local_path, name, content_type, cache_control)

    def delete(self, name: str) -> None:
        self.calls.append(("delete", name, "", ""))
        self.inner.delete(name)

    def read_manifest(self) -> dict[str, Remote]:
        return self.inner.read_manifest()

    def write_manifest(self, files: dict[str, Remote]) -> None:
        self.inner.write_manifest(files)


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_files_land_with_their_bytes_and_the_feed_last(dirs: tuple[Path, Path]) -> None:
    out, site = dirs
    target = Recording(site)
    report = publish(out, target)
    published = [p.name for p in local_files(out)]
    assert sorted(published) == ["first.mp3", "first.srt", "first.vtt", "podcast.xml",
                                 "second.mp3", "second.srt", "second.vtt"]
    assert report.summary() == "7 files: 7 sent, 0 replaced, 0 kept"
    assert all((site / n).read_bytes() == (out / n).read_bytes() for n in published)
    assert target.calls[-1] == ("put_atomic", "podcast.xml", "application/rss+xml", "public, max-age=300")
    assert [c[1] for c in target.calls[:-1]] == sorted(n for n in published if n != "podcast.xml")
    types = {c[1]: c[2:] for c in target.calls}
    assert types["first.mp3"] == ("audio/mpeg", "public, max-age=604800")
    assert types["first.vtt"] == ("text/vtt", "public, max-age=86400")
    assert types["first.srt"] == ("application/x-subrip", "public, max-age=86400")
    assert names(site) == sorted([MANIFEST, *published])  # no temp files, no podcast.xml.lock
    manifest = json.loads((site / MANIFEST).read_text())["files"]
    assert manifest["second.mp3"]["size"] == (out / "second.mp3").stat().st_size


def test_second_run_sends_nothing_and_an_edit_is_replaced(dirs: tuple[Path, Path]) -> None:
    out, site = dirs
    publish(out, FolderTarget(site))
    again = Recording(site)
    assert publish(out, again).summary() == "7 files: 0 sent, 0 replaced, 7 kept"
    assert again.calls == []
    narrate(out, "first", "The mill reopened today after a long and very wet winter. The river was high.")
    edited = Recording(site)
    report = publish(out, edited)
    replaced = sorted(a.name for a in report.actions if a.action == "replace")
    assert "first.mp3" in replaced and "podcast.xml" in replaced and "second.mp3" not in replaced
    assert edited.calls[-1][:2] == ("put_atomic", "podcast.xml")
    assert (site / "first.mp3").read_bytes() == (out / "first.mp3").read_bytes()


def test_dry_run_changes_nothing_and_prints_the_plan(dirs: tuple[Path, Path]) -> None:
    out, site = dirs
    result = CliRunner().invoke(main, ["publish", str(out), "--to", str(site), "--dry-run"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[-1] == "7 files: 7 to send, 0 to replace, 0 kept (dry run)"
    assert lines[0].split()[:2] == ["send", "first.mp3"] and "audio/mpeg" in lines[0]
    assert lines[-2].split()[:2] == ["send", "podcast.xml"]
    assert names(site) == []


def test_a_failed_upload_leaves_the_old_feed_and_a_rerun_completes(tmp_path: Path) -> None:
    out, site = tmp_path / "work" / "out", tmp_path / "site"
    out.mkdir(parents=True)
    site.mkdir()
    narrate(out, "first", POSTS["first"])
    publish(out, FolderTarget(site))
    old_feed = (site / "podcast.xml").read_bytes()
    narrate(out, "first", "The mill reopened today, a week late. The river was high.")
    narrate(out, "second", POSTS["second"])
    failing = Recording(site, fail_on=2)
    with pytest.raises(AudiopostError, match=r"could not publish second\.mp3 .*connection reset by peer.*"
                                             r"the feed was not replaced"):
        publish(out, failing)
    assert (site / "podcast.xml").read_bytes() == old_feed
    assert not (site / "second.mp3").exists()
    assert "first.mp3" in json.loads((site / MANIFEST).read_text())["files"]  # what did land is recorded
    report = publish(out, FolderTarget(site))
    assert report.count("send") + report.count("replace") >= 2  # second.mp3 and the feed
    assert (site / "podcast.xml").read_bytes() == (out / "podcast.xml").read_bytes()
    assert publish(out, FolderTarget(site)).count("keep") == len(local_files(out))


def drop_item(feed: Path, enclosure: str) -> None:
    """Remove the item whose enclosure URL ends with ``enclosure`` (as if the post were withdrawn)."""
    tree = etree.parse(str(feed))
    for item in tree.iter("item"):
        if item.find("enclosure").get("url").endswith(enclosure):
            item.getparent().remove(item)
    tree.write(str(feed), xml_declaration=True, encoding="UTF-8")


def test_prune_deletes_only_what_audiopost_published(dirs: tuple[Path, Path]) -> None:
    out, site = dirs
    publish(out, FolderTarget(site))
    published_feed = (site / "podcast.xml").read_bytes()
    (site / "about.html").write_text("mine")  # the site's own files: never audiopost's to delete
    (site / "old.mp3").write_bytes(b"not ours")
    for name in ("second.mp3", "second.vtt", "second.srt"):
        (out / name).unlink()
    with pytest.raises(AudiopostError, match=r"podcast\.xml names second\.mp3, which is not on"):
        publish(out, FolderTarget(site), prune=True)  # the feed still names it: nothing deleted
    assert (site / "second.mp3").exists() and (site / "podcast.xml").read_bytes() == published_feed
    drop_item(out / "podcast.xml", "/second.mp3")
    deletes = [a.name for a in plan(out, FolderTarget(site), prune=True) if a.action == "delete"]
    assert deletes == ["second.mp3", "second.srt", "second.vtt"]
    target = Recording(site)
    report = publish(out, target, prune=True)
    assert report.summary() == "4 files: 0 sent, 1 replaced, 3 kept, 3 deleted"
    assert [c[0] for c in target.calls] == ["put_atomic", "delete", "delete", "delete"]  # feed first, then prune
    assert names(site) == sorted([MANIFEST, "about.html", "first.mp3", "first.srt", "first.vtt", "old.mp3",
                                  "podcast.xml"])
    assert sorted(json.loads((site / MANIFEST).read_text())["files"]) == ["first.mp3", "first.srt", "first.vtt",
                                                                          "podcast.xml"]


def test_cli_summary_json_and_error_lines(dirs: tuple[Path, Path], tmp_path: Path) -> None:
    out, site = dirs
    first = CliRunner().invoke(main, ["publish", str(out), "--to", str(site)])
    assert first.exit_code == 0, first.output
    assert first.stdout == "7 files: 7 sent, 0 replaced, 0 kept\n"
    assert "audiopost: sent first.mp3 (" in first.stderr and "audiopost: sent podcast.xml (" in first.stderr
    again = CliRunner().invoke(main, ["publish", str(out), "--to", f"file://{site}", "--json"])
    body = json.loads(again.stdout)
    assert {f["action"] for f in body["files"]} == {"keep"} and body["summary"] == "7 files: 0 sent, 0 replaced, 7 kept"
    missing = CliRunner().invoke(main, ["publish", str(out), "--to", str(tmp_path / "nowhere")])
    assert missing.exit_code == 1
    assert missing.stderr == f"Error: target folder {tmp_path / 'nowhere'} does not exist\n"
    s3 = CliRunner().invoke(main, ["publish", str(out), "--to", "ftp://host/pod"])
    assert (s3.exit_code, s3.stderr) == (1, "Error: unsupported publish target ftp:// (supported: file, s3, sftp)\n")


@pytest.fixture
def served(dirs: tuple[Path, Path]) -> Iterator[tuple[Path, Path]]:
    out, site = dirs
    publish(out, FolderTarget(site))
    yield out, site


def get_range(site: Path, handler: type[SimpleHTTPRequestHandler]) -> tuple[int, dict[str, str], bytes]:
    """GET first.mp3 with ``Range: bytes=0-1023`` from a server on 127.0.0.1:0, always shut down."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
        conn.request("GET", "/first.mp3", headers={"Range": "bytes=0-1023"})
        response = conn.getresponse()
        body = response.read()
        conn.close()
        return response.status, dict(response.getheaders()), body
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def test_published_folder_serves_byte_ranges(served: tuple[Path, Path]) -> None:
    _, site = served
    mp3 = (site / "first.mp3").read_bytes()
    status, _, body = get_range(site, Quiet)
    assert (status, body) == (200, mp3)  # Python's http.server ignores Range: the whole file, no 206
    status, headers, body = get_range(site, Handler)  # audiopost's preview server (audiopost.serve) does ranges
    assert status == 206 and body == mp3[:1024]
    assert headers["Content-Range"] == f"bytes 0-1023/{len(mp3)}"
    assert headers["Content-Type"] == "audio/mpeg" and headers["Accept-Ranges"] == "bytes"
