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


def test_an_unchanged_feed_keeps_its_bytes_and_the_channel_link_is_the_site(tmp_path: Path) -> None:
    """A second run that changes nothing must not touch the feed (a publish would send it again), and the
    channel's link is the post's site, whichever post came last."""
    from audiopost.feed import Channel, Item, update_feed
    from audiopost.publish import channel_for, site_root
    from audiopost.sources.post import Post

    feed = tmp_path / "podcast.xml"
    item = Item(guid="g1", title="One", enclosure_url="https://e.org/p/one.mp3", length=1000, duration=12.5,
                pub_date="2026-11-27T08:00:00+00:00", description="d", link="https://blog.example.org/2026/one")
    post = Post(title="One", blocks=(), link="https://blog.example.org/2026/one")
    channel = channel_for(Channel(title="", language=""), post, "https://e.org/p/podcast.xml")
    assert channel.link == "https://blog.example.org/" == site_root("https://blog.example.org/2026/two?x=1")
    update_feed(feed, channel, item)
    first = feed.read_bytes()
    mtime = feed.stat().st_mtime_ns
    update_feed(feed, channel, item)
    assert feed.read_bytes() == first and feed.stat().st_mtime_ns == mtime
    update_feed(feed, channel, Item(**{**item.__dict__, "length": 1001}))
    assert feed.read_bytes() != first and b'length="1001"' in feed.read_bytes()
