"""Feed in → episode → feed out, with real narration, read back by feedparser and checked by ffprobe."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner

from audiopost.cli import main
from conftest import DATA, ffprobe

pytestmark = pytest.mark.slow
FEED_IN = DATA / "feeds" / "rss2_content.xml"


def narrate(*args: str) -> dict:
    result = CliRunner().invoke(main, ["narrate", *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_feed_entry_to_podcast_feed_round_trip(tmp_path: Path) -> None:
    feed = tmp_path / "podcast.xml"
    base = "https://cdn.example.org/audio/"
    first = narrate(str(FEED_IN), "-o", str(tmp_path / "one.mp3"), "--feed", str(feed), "--base-url", base,
                    "--owner-email", "editor@example.org")
    second = narrate(str(FEED_IN), "--entry", "2", "-o", str(tmp_path / "two.mp3"), "--feed", str(feed),
                     "--base-url", base)
    parsed = feedparser.parse(feed.read_bytes())
    assert not parsed.bozo
    assert len(parsed.entries) == 2
    by_url = {e.enclosures[0].href: e for e in parsed.entries}
    for info, name in ((first, "one.mp3"), (second, "two.mp3")):
        entry = by_url[base + name]
        enclosure = entry.enclosures[0]
        assert int(enclosure.length) == (tmp_path / name).stat().st_size == info["bytes"]
        assert enclosure.type == "audio/mpeg"
        assert float(entry.itunes_duration) == pytest.approx(float(ffprobe(tmp_path / name)["duration"]), abs=1.0)
        assert entry.title == info["title"]
    guids = sorted(e.id for e in parsed.entries)
    # Narrating the same entry again updates its item: same guid, no duplicate.
    narrate(str(FEED_IN), "-o", str(tmp_path / "one.mp3"), "--feed", str(feed), "--base-url", base)
    again = feedparser.parse(feed.read_bytes())
    assert sorted(e.id for e in again.entries) == guids
    check = CliRunner().invoke(main, ["feed", "check", str(feed)])
    assert "enclosure length" not in check.output  # lengths match the files beside the feed


def test_feed_needs_base_url(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["narrate", str(FEED_IN), "--feed", str(tmp_path / "p.xml")])
    assert result.exit_code == 1
    assert result.stderr == "Error: --feed needs --base-url: the public URL of the folder the MP3 is uploaded to\n"


def test_entry_flags_on_a_non_feed(tmp_path: Path) -> None:
    post = tmp_path / "a.txt"
    post.write_text("Words here.\n")
    result = CliRunner().invoke(main, ["script", str(post), "--entry", "2"])
    assert result.exit_code == 1
    assert "is not a feed" in result.stderr
