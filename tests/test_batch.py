"""A whole blog in one command: feeds and folders, failures isolated, Dask gives the same bytes."""

from __future__ import annotations

import shutil
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner

from audiopost.batch import jobs
from audiopost.cli import main
from conftest import DATA

pytestmark = pytest.mark.slow
FEED = DATA / "feeds" / "rss2_content.xml"


def batch(*args: str) -> CliRunner:
    return CliRunner().invoke(main, ["batch", *args, "--engine", "espeak", "-q"])


def test_feed_batch_then_up_to_date(tmp_path: Path) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    out.mkdir()
    common = ("--out-dir", str(out), "--cache-dir", str(cache), "--feed", str(out / "podcast.xml"),
              "--base-url", "https://example.org/ep/", "--workers", "2")
    first = batch(str(FEED), *common)
    assert first.exit_code == 0, first.output
    assert first.stdout.splitlines()[-1] == "3 posts: 3 made, 0 up to date, 0 skipped, 0 failed"
    names = sorted(p.name for p in out.glob("*.mp3"))
    assert names == ["ledger.mp3", "mending-nets.mp3", "tide-tables.mp3"]  # from each post's link
    items = feedparser.parse((out / "podcast.xml").read_bytes()).entries
    assert sorted(e.enclosures[0].href.rsplit("/", 1)[1] for e in items) == names
    assert all(int(e.enclosures[0].length) == (out / e.enclosures[0].href.rsplit("/", 1)[1]).stat().st_size
               for e in items)
    again = batch(str(FEED), *common)
    assert again.exit_code == 0, again.output
    assert again.stdout.splitlines()[-1] == "3 posts: 0 made, 3 up to date, 0 skipped, 0 failed"
    assert len(feedparser.parse((out / "podcast.xml").read_bytes()).entries) == 3


def test_folder_batch_reports_a_failure_and_goes_on(tmp_path: Path) -> None:
    posts, out = tmp_path / "posts", tmp_path / "out"
    posts.mkdir()
    out.mkdir()
    (posts / "good.md").write_text("---\ntitle: Good\n---\nThe mill reopened.\n")
    (posts / "empty.txt").write_text("Listen on Spotify | Apple Podcasts\n*\n")
    (posts / "blank.html").write_text("  \n")
    (posts / "also-good.txt").write_text("Also good\n\nThe bridge is painted green.\n")
    result = batch(str(posts), "--out-dir", str(out), "--no-cache")
    assert result.exit_code == 1
    assert result.stderr == "Error: 1 of 4 posts failed\n"
    lines = result.stdout.splitlines()
    assert lines[-1] == "4 posts: 2 made, 0 up to date, 1 skipped, 1 failed"
    failed = next(line for line in lines if line.startswith("failed"))
    assert "blank.mp3" in failed and "blank.html is empty" in failed
    skipped = next(line for line in lines if line.startswith("skipped"))  # nothing went wrong: nothing to read
    assert "empty.mp3" in skipped and "empty.txt has nothing to say after cleaning" in skipped
    assert sorted(p.name for p in out.glob("*.mp3")) == ["also-good.mp3", "good.mp3"]


TITLE_ONLY = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Harbour notes</title><link>https://example.org/</link>
<item><title>The slipway is open</title><link>https://example.org/slipway</link>
<pubDate>Tue, 24 Nov 2026 09:00:00 GMT</pubDate><description>The slipway opened at dawn.</description></item>
<item><title>Photo of the week</title><link>https://example.org/photo</link>
<pubDate>Mon, 23 Nov 2026 09:00:00 GMT</pubDate></item>
</channel></rss>
"""


def test_title_only_entry_is_skipped_with_its_reason_and_out_dir_is_made(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text(TITLE_ONLY)
    out = tmp_path / "new" / "folder"
    result = batch(str(feed), "--out-dir", str(out), "--cache-dir", str(tmp_path / "c"))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[-1] == "2 posts: 1 made, 0 up to date, 1 skipped, 0 failed"
    assert lines[1] == f"skipped               {out / 'photo.mp3'}  entry 2 of {feed} has a title and no text"
    assert sorted(p.name for p in out.iterdir()) == ["slipway.mp3", "slipway.srt", "slipway.vtt"]
    alone = CliRunner().invoke(main, ["narrate", str(feed), "--entry", "2", "-o", str(tmp_path / "x.mp3")])
    assert alone.exit_code == 1 and alone.stderr == f"Error: entry 2 of {feed} has a title and no text\n"


def test_since_and_limit() -> None:
    everything = jobs(str(FEED), Path("out"))
    assert len(everything) == 3
    assert [j.title for j in jobs(str(FEED), Path("out"), limit=1)] == [everything[0].title]
    newest_date = everything[0].date[:10]
    assert all(j.date[:10] >= newest_date for j in jobs(str(FEED), Path("out"), since=newest_date))


def test_dask_cluster_gives_the_same_bytes(tmp_path: Path) -> None:
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    local, dask = tmp_path / "local", tmp_path / "dask"
    local.mkdir()
    dask.mkdir()
    assert batch(str(FEED), "--out-dir", str(local), "--no-cache", "--workers", "2").exit_code == 0
    result = batch(str(FEED), "--out-dir", str(dask), "--no-cache", "--workers", "2", "--executor", "dask")
    assert result.exit_code == 0, result.output
    made = sorted(p.name for p in local.iterdir())
    assert made == sorted(p.name for p in dask.iterdir())
    assert len(made) == 10  # 3 posts × (mp3, vtt, srt) + one chapters file (one post has headings)
    for name in made:
        assert (local / name).read_bytes() == (dask / name).read_bytes(), name


def test_out_dir_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("a file")
    result = batch(str(FEED), "--out-dir", str(tmp_path / "taken" / "sub"), "--no-cache")
    assert result.exit_code == 1
    assert result.stderr == f"Error: cannot make output folder {tmp_path / 'taken' / 'sub'}: Not a directory\n"
    shutil.rmtree(tmp_path, ignore_errors=True)
