"""Publish, then verify as a podcast app fetches it (HEAD, a byte range, the feed's lengths), against real
HTTP servers on 127.0.0.1: audiopost's own preview server (ranges) and Python's plain one (no ranges).
Named targets from config.toml, and ``narrate --publish``."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from audiopost import verify
from audiopost.cli import main
from audiopost.errors import AudiopostError
from audiopost.host import Settings, named
from audiopost.serve import make_server

pytestmark = pytest.mark.slow
BASE = "https://example.org/pod/"


@contextmanager
def running(server: ThreadingHTTPServer) -> Iterator[str]:
    """``http://127.0.0.1:PORT/`` while ``server`` runs in a thread; always shut down."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


class Plain(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def narrate(out: Path, slug: str, *more: str) -> CliRunner:
    post = out.parent / f"{slug}.md"
    post.write_text(f"---\ntitle: {slug.title()}\n---\nThe mill reopened today. The river was high.\n")
    result = CliRunner().invoke(main, ["narrate", str(post), "-o", str(out / f"{slug}.mp3"), "--feed",
                                       str(out / "podcast.xml"), "--base-url", BASE, "--engine", "espeak",
                                       "--no-cache", "-q", *more])
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def site(tmp_path: Path) -> tuple[Path, Path]:
    out, site = tmp_path / "out", tmp_path / "site"
    out.mkdir()
    site.mkdir()
    narrate(out, "first")
    return out, site


def test_publish_then_verify_passes_on_a_server_with_ranges(site: tuple[Path, Path]) -> None:
    out, folder = site
    with running(make_server(folder, port=0)) as url:
        result = CliRunner().invoke(main, ["publish", str(out), "--to", str(folder), "--verify-url", url])
        assert result.exit_code == 0, result.output
        assert f"audiopost: verified as a podcast app fetches it: {url}\n" in result.stderr
        (folder / "first.mp3").write_bytes((folder / "first.mp3").read_bytes()[:-100])  # a broken upload
        problems = verify.check(url + "podcast.xml", url)
    size = (out / "first.mp3").stat().st_size
    assert problems == [f"first.mp3: Content-Length {size - 100}, but the feed says length {size}",
                        f"first.mp3: a Range request gave 'bytes 0-1023/{size - 100}' and 1024 bytes, not "
                        f"'bytes 0-1023/{size}' and 1024"]


def test_a_server_without_byte_ranges_fails_verification(site: tuple[Path, Path]) -> None:
    out, folder = site
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Plain, directory=str(folder)))
    with running(server) as url:
        result = CliRunner().invoke(main, ["publish", str(out), "--to", str(folder), "--verify-url", url])
    assert result.exit_code == 1
    assert "audiopost: verify: first.mp3: no Accept-Ranges: bytes (apps cannot seek)\n" in result.stderr
    assert "audiopost: verify: first.mp3: a Range request answered 200, not 206\n" in result.stderr
    assert result.stderr.splitlines()[-1] == f"Error: 2 problem(s) as a podcast app fetches {url}"
    assert (folder / "podcast.xml").is_file()  # published: verification reports, it does not undo


def test_a_named_target_and_narrate_publish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config" / "audiopost" / "config.toml"
    config.parent.mkdir(parents=True)
    site = tmp_path / "site"
    site.mkdir()
    config.write_text(f'[publish.blog]\nto = "file://{site}"\nacl = "public-read"\n', encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    spec, settings, verify_url = named("blog", Settings(endpoint_url="http://127.0.0.1:1"))
    assert (spec, settings.acl, settings.endpoint_url, verify_url) == (f"file://{site}", "public-read",
                                                                        "http://127.0.0.1:1", "")
    out = tmp_path / "out"
    out.mkdir()
    narrate(out, "second", "--publish", "blog")
    written = {p.name for p in out.iterdir() if not p.name.startswith(".") and not p.name.endswith(".lock")}
    assert {p.name for p in site.iterdir()} == written | {".audiopost-manifest.json"}
    assert {"second.mp3", "second.vtt", "second.srt", "podcast.xml"} <= written
    assert (site / "second.mp3").read_bytes() == (out / "second.mp3").read_bytes()
    assert (site / "podcast.xml").read_bytes() == (out / "podcast.xml").read_bytes()
    config.write_text('[publish.blog]\nto = "s3://b/p"\naws_secret_access_key = "x"\n', encoding="utf-8")
    with pytest.raises(AudiopostError, match=r"\[publish.blog\] needs to = \"URL\" and may have only .* "
                                             r"\(not aws_secret_access_key\)"):
        named("blog", Settings())
    with pytest.raises(AudiopostError, match="publish target 'nosuch' is neither a folder, a URL nor a name in"):
        named("nosuch", Settings())


def test_verify_at_the_urls_the_feed_states(tmp_path: Path) -> None:
    out, site = tmp_path / "out", tmp_path / "site"
    out.mkdir()
    site.mkdir()
    with running(make_server(site, port=0)) as url:
        post = tmp_path / "third.md"
        post.write_text("---\ntitle: Third\n---\nThe ferry still runs. The gulls are loud.\n")
        made = CliRunner().invoke(main, ["narrate", str(post), "-o", str(out / "third.mp3"), "--feed",
                                         str(out / "podcast.xml"), "--base-url", url, "--engine", "espeak",
                                         "--no-cache", "-q"])
        assert made.exit_code == 0, made.output
        result = CliRunner().invoke(main, ["publish", str(out), "--to", str(site), "--verify"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1] == f"audiopost: verified as a podcast app fetches it: {url}podcast.xml"
