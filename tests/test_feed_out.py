"""Feeds out: writing and updating a podcast RSS feed, and checking one against Apple's rules."""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import shutil
import subprocess
from email.utils import parsedate_to_datetime
from multiprocessing.synchronize import Barrier
from pathlib import Path

import feedparser
import pytest
from lxml import etree

from audiopost.errors import AudiopostError
from audiopost.feed import (
    ITUNES,
    PODCAST,
    Channel,
    Item,
    cap_description,
    check_feed,
    episode_guid,
    podcast_guid,
    update_feed,
)

CHANNEL = Channel(
    title="Harbor Lights Audio", link="https://harbor.example.net/", description="Posts, read aloud.",
    author="Ines Calloway", owner_name="Ines Calloway", owner_email="ines@harbor.example.net",
    language="en-us", category="Arts > Books", image="https://harbor.example.net/cover.jpg",
    feed_url="https://harbor.example.net/podcast/feed.xml",
)
NS = {"itunes": ITUNES, "podcast": PODCAST, "atom": "http://www.w3.org/2005/Atom"}


def make_item(guid: str = "ep-1", **changes: object) -> Item:
    fields: dict[str, object] = {
        "guid": guid, "title": f"Episode {guid}", "enclosure_url": f"https://harbor.example.net/{guid}.mp3",
        "length": 1000, "duration": 61.6, "pub_date": "2024-03-15T17:00:00+00:00",
        "description": "We found the ledger.", "link": "https://harbor.example.net/ledger",
    }
    return Item(**{**fields, **changes})  # type: ignore[arg-type]


def xml(path: Path) -> etree._Element:
    return etree.parse(str(path)).getroot()


def items(path: Path) -> list[etree._Element]:
    return xml(path).findall("channel/item")


# --- guids ---------------------------------------------------------------------------------------------


def test_podcast_guid_matches_the_podcasting_2_0_test_vector() -> None:
    assert podcast_guid("https://mp3s.nashownotes.com/pc20rss.xml") == "917393e3-1b1e-5cef-ace4-edaa54e1f810"


@pytest.mark.parametrize("url", ["http://mp3s.nashownotes.com/pc20rss.xml",
                                 "mp3s.nashownotes.com/pc20rss.xml", "https://mp3s.nashownotes.com/pc20rss.xml//"])
def test_podcast_guid_ignores_scheme_and_trailing_slashes(url: str) -> None:
    assert podcast_guid(url) == "917393e3-1b1e-5cef-ace4-edaa54e1f810"


def test_podcast_guid_needs_a_url() -> None:
    with pytest.raises(AudiopostError):
        podcast_guid("https://")


def test_episode_guid_is_stable_and_prefers_the_post_guid() -> None:
    a = episode_guid("harbor-post-103", "https://harbor.example.net/ledger", "Ledger")
    assert a == episode_guid("harbor-post-103", "https://elsewhere.example/", "Renamed")
    assert a != episode_guid("harbor-post-104", "https://harbor.example.net/ledger", "Ledger")
    by_link = episode_guid("", "https://harbor.example.net/ledger/", "Ledger")
    assert by_link == episode_guid("", "http://harbor.example.net/ledger", "Another title")
    assert episode_guid("", "", "Ledger") == episode_guid("", "", "  ledger ")
    assert len({a, by_link, episode_guid("", "", "Ledger")}) == 3
    with pytest.raises(AudiopostError):
        episode_guid("", "", " ")


# --- writing -------------------------------------------------------------------------------------------


def test_create_writes_channel_and_item(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    update_feed(path, CHANNEL, make_item(transcript_url="https://harbor.example.net/ep-1.vtt",
                                         chapters_url="https://harbor.example.net/ep-1.json",
                                         image="https://harbor.example.net/ep-1.jpg"))
    root = xml(path)
    assert root.tag == "rss" and root.get("version") == "2.0"
    assert {"itunes", "podcast", "atom", "content"} <= set(root.nsmap)
    ch = root.find("channel")
    assert ch.findtext("title") == "Harbor Lights Audio"
    assert ch.findtext("language") == "en-us"
    assert ch.findtext("podcast:guid", namespaces=NS) == podcast_guid(CHANNEL.feed_url)
    self_link = ch.find("atom:link", NS)
    assert self_link.attrib == {"href": CHANNEL.feed_url, "rel": "self", "type": "application/rss+xml"}
    assert ch.findtext("itunes:owner/itunes:email", namespaces=NS) == "ines@harbor.example.net"
    assert ch.find("itunes:image", NS).get("href") == "https://harbor.example.net/cover.jpg"
    category = ch.find("itunes:category", NS)
    assert category.get("text") == "Arts" and category.find("itunes:category", NS).get("text") == "Books"
    assert ch.findtext("itunes:explicit", namespaces=NS) == "false"
    parsedate_to_datetime(ch.findtext("lastBuildDate"))

    (item,) = ch.findall("item")
    assert item.find("guid").get("isPermaLink") == "false"
    assert item.findtext("pubDate") == "Fri, 15 Mar 2024 17:00:00 GMT"
    assert item.find("enclosure").attrib == {"url": "https://harbor.example.net/ep-1.mp3", "length": "1000",
                                             "type": "audio/mpeg"}
    assert item.findtext("itunes:duration", namespaces=NS) == "62"
    assert item.findtext("itunes:episodeType", namespaces=NS) == "full"
    assert item.find("itunes:image", NS).get("href") == "https://harbor.example.net/ep-1.jpg"
    assert item.find("podcast:transcript", NS).attrib == {"url": "https://harbor.example.net/ep-1.vtt",
                                                          "type": "text/vtt"}
    assert item.find("podcast:chapters", NS).get("type") == "application/json+chapters"
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".feed.xml.*"))


def test_update_replaces_the_item_in_place(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    update_feed(path, CHANNEL, make_item("ep-1"))
    update_feed(path, CHANNEL, make_item("ep-2", pub_date="2024-04-01"))
    update_feed(path, CHANNEL, make_item("ep-1", title="Fixed title", length=2000, pub_date=""))
    update_feed(path, CHANNEL, make_item("ep-1", title="Fixed title", length=2000, pub_date=""))
    found = items(path)
    assert [i.findtext("guid") for i in found] == ["ep-2", "ep-1"]
    assert found[1].findtext("title") == "Fixed title"
    assert found[1].find("enclosure").get("length") == "2000"
    assert found[1].findtext("pubDate") == "Fri, 15 Mar 2024 17:00:00 GMT"  # unknown date keeps the old one
    assert len(xml(path).findall("channel/podcast:guid", NS)) == 1


def test_items_are_newest_first(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    for guid, date in [("b", "2024-02-01"), ("c", "2024-03-01"), ("a", "2024-01-01T23:00:00-05:00")]:
        update_feed(path, CHANNEL, make_item(guid, pub_date=date))
    assert [i.findtext("guid") for i in items(path)] == ["c", "b", "a"]


def test_unknown_pub_date_on_a_new_item_is_now(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    update_feed(path, CHANNEL, make_item(pub_date=""))
    when = parsedate_to_datetime(items(path)[0].findtext("pubDate"))
    assert when.year >= 2025


FOREIGN = """<?xml version="1.0" encoding="UTF-8"?>
<!-- hand-written header comment -->
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"
     xmlns:spotify="http://www.spotify.com/ns/rss" xmlns:unused="urn:example:unused">
  <channel>
    <title>Old Title</title>
    <description>Kept description.</description>
    <spotify:limit recentCount="5"/>
    <!-- channel comment -->
    <copyright>(c) 2024 Harbor</copyright>
    <item>
      <title>Hand-made episode</title>
      <guid isPermaLink="false">manual-1</guid>
      <pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate>
      <enclosure url="https://harbor.example.net/manual.mp3" length="5" type="audio/mpeg"/>
      <itunes:duration>5</itunes:duration>
    </item>
    <item>
      <title>Episode ep-1</title>
      <guid isPermaLink="false">ep-1</guid>
      <pubDate>Fri, 15 Mar 2024 17:00:00 GMT</pubDate>
      <itunes:season>2</itunes:season>
      <!-- item comment -->
    </item>
  </channel>
</rss>
"""


def test_update_keeps_what_it_does_not_own(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(FOREIGN)
    update_feed(path, Channel(title="New Title"), make_item("ep-1"))
    text = path.read_text()
    for kept in ("<!-- hand-written header comment -->", "<!-- channel comment -->", "<!-- item comment -->",
                 '<spotify:limit recentCount="5"/>', "<copyright>(c) 2024 Harbor</copyright>",
                 "<itunes:season>2</itunes:season>", 'xmlns:unused="urn:example:unused"',
                 "<description>Kept description.</description>", "Hand-made episode"):
        assert kept in text
    root = xml(path)
    assert root.findtext("channel/title") == "New Title"
    assert [i.findtext("guid") for i in root.findall("channel/item")] == ["ep-1", "manual-1"]
    assert len(root.findall("channel/item")) == 2
    assert root.nsmap["podcast"] == PODCAST  # namespaces audiopost needs were declared on the root
    assert text.count("xmlns:itunes") == 1


def test_a_broken_feed_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text("<rss><channel><item></channel>")
    with pytest.raises(AudiopostError, match="not well-formed"):
        update_feed(path, CHANNEL, make_item())
    assert path.read_text() == "<rss><channel><item></channel>"


def test_entities_in_an_existing_feed_are_not_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-7f3a9c")
    path = tmp_path / "feed.xml"
    path.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY s SYSTEM "file://{secret}">]>\n'
                    '<rss version="2.0"><channel><title>t</title><copyright>&s;</copyright></channel></rss>')
    update_feed(path, CHANNEL, make_item())
    assert "TOP-SECRET" not in path.read_text()
    assert "TOP-SECRET" not in " ".join(check_feed(path))


@pytest.mark.parametrize(("item", "message"), [
    (make_item(length=0), "enclosure length"),
    (make_item(guid=" "), "guid"),
    (make_item(episode_type="special"), "episode type"),
    (make_item(enclosure_url=""), "public URL"),
])
def test_bad_items_are_refused(tmp_path: Path, item: Item, message: str) -> None:
    with pytest.raises(AudiopostError, match=message):
        update_feed(tmp_path / "feed.xml", CHANNEL, item)
    assert not (tmp_path / "feed.xml").exists()


def test_description_is_capped_at_4000_bytes_on_a_word_boundary(tmp_path: Path) -> None:
    words = "Grüße " * 1000  # 7 bytes a word in UTF-8
    capped = cap_description(words)
    assert len(capped.encode("utf-8")) <= 4000
    assert capped.endswith("Grüße…")
    assert cap_description("short text") == "short text"
    path = tmp_path / "feed.xml"
    update_feed(path, CHANNEL, make_item(description=words))
    description = items(path)[0].findtext("description")
    assert 3990 <= len(description.encode("utf-8")) <= 4000
    assert check_feed(path) == []


def test_file_mode_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    update_feed(path, CHANNEL, make_item())
    path.chmod(0o644)
    update_feed(path, CHANNEL, make_item("ep-2"))
    assert path.stat().st_mode & 0o777 == 0o644


# --- round trip ----------------------------------------------------------------------------------------


def test_round_trip_through_feedparser(tmp_path: Path) -> None:
    mp3 = tmp_path / "ep-1.mp3"
    mp3.write_bytes(b"\xff\xfb" + bytes(12_345))
    path = tmp_path / "feed.xml"
    update_feed(path, CHANNEL, make_item(length=mp3.stat().st_size, duration=3725.4))
    parsed = feedparser.parse(io.BytesIO(path.read_bytes()))
    assert not parsed.bozo
    assert parsed.feed.title == "Harbor Lights Audio"
    assert parsed.feed.image.href == "https://harbor.example.net/cover.jpg"
    (entry,) = parsed.entries
    assert entry.id == "ep-1"
    assert entry.itunes_duration == "3725"
    (enclosure,) = entry.enclosures
    assert int(enclosure.length) == mp3.stat().st_size == 12_347
    assert enclosure.type == "audio/mpeg"
    assert enclosure.href == "https://harbor.example.net/ep-1.mp3"
    assert entry.published_parsed[:3] == (2024, 3, 15)
    assert check_feed(path) == []


# --- checking ------------------------------------------------------------------------------------------


def test_check_feed_passes_a_good_feed(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    (tmp_path / "ep-1.mp3").write_bytes(bytes(1000))
    update_feed(path, CHANNEL, make_item())
    update_feed(path, CHANNEL, make_item("ep-2"))
    assert check_feed(path) == []


BAD = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
  <channel>
    <title>Bad Show</title>
    <itunes:explicit>yes</itunes:explicit>
    <item>
      <title>No Enclosure</title>
      <guid>g1</guid>
      <pubDate>2024-01-01</pubDate>
    </item>
    <item>
      <title>Wrong Bits</title>
      <pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate>
      <enclosure url="https://x.example/episode.mp3" length="123" type="audio/mp3"/>
      <itunes:duration>about an hour</itunes:duration>
      <description>DESCRIPTION</description>
    </item>
    <item>
      <title>Empty Length</title>
      <guid>g3</guid>
      <pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate>
      <enclosure url="https://x.example/other.mp3" length="0" type="audio/mpeg"/>
      <itunes:duration>1:02:03</itunes:duration>
    </item>
    <item>
      <title>Not A Number</title>
      <guid>g3</guid>
      <pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate>
      <enclosure url="https://x.example/caf\u00e9.mp3" length="12 MB" type="audio/mpeg"/>
      <itunes:duration>60</itunes:duration>
    </item>
  </channel>
</rss>
"""


def test_check_feed_finds_planted_problems(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(BAD.replace("DESCRIPTION", "x" * 4001), encoding="utf-8")
    (tmp_path / "episode.mp3").write_bytes(bytes(456))
    assert check_feed(path) == [
        "channel has no description",
        "channel has no language",
        "channel has no itunes:image (Apple requires cover art)",
        "channel has no itunes:category",
        "channel: itunes:explicit 'yes' should be true or false",
        "channel has no itunes:author (recommended)",
        "channel has no itunes:owner email (recommended)",
        "item 'No Enclosure': pubDate '2024-01-01' is not an RFC 2822 date",
        "item 'No Enclosure' has no itunes:duration",
        "item 'No Enclosure' has no enclosure",
        "item 'Wrong Bits' has no guid",
        "item 'Wrong Bits': description is 4001 bytes, over Apple's limit of 4000",
        "item 'Wrong Bits': itunes:duration 'about an hour' is not seconds or HH:MM:SS",
        "item 'Wrong Bits': enclosure type 'audio/mp3' should be audio/mpeg for an MP3",
        "item 'Wrong Bits': enclosure length 123 differs from episode.mp3 (456 bytes)",
        "item 'Empty Length': enclosure length is 0",
        "item 'Not A Number': guid 'g3' is used by another item",
        "item 'Not A Number': enclosure url is not ASCII (Apple requires ASCII URLs)",
        "item 'Not A Number': enclosure length '12 MB' is not a number of bytes",
    ]


def test_check_feed_on_broken_and_missing_files(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_text("<rss><channel>")
    (problem,) = check_feed(broken)
    assert problem.startswith("broken.xml is not well-formed XML")
    atom = tmp_path / "atom.xml"
    atom.write_text('<feed xmlns="http://www.w3.org/2005/Atom"/>')
    assert check_feed(atom) == ["atom.xml is not an RSS 2.0 feed (no <rss><channel>)"]
    with pytest.raises(AudiopostError, match="no such file"):
        check_feed(tmp_path / "missing.xml")


# --- concurrency ---------------------------------------------------------------------------------------


def _add_many(path: str, prefix: str, count: int, barrier: Barrier) -> None:
    barrier.wait()  # start together, so the updates really overlap
    for n in range(count):
        update_feed(Path(path), CHANNEL, make_item(f"{prefix}-{n}", pub_date=f"2024-01-{n % 28 + 1:02d}"))


def test_concurrent_updates_from_two_processes_lose_nothing(tmp_path: Path) -> None:
    # Without the lock this loses about half the items (checked by hand while writing it).
    path = tmp_path / "feed.xml"
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    workers = [ctx.Process(target=_add_many, args=(str(path), prefix, 25, barrier)) for prefix in ("a", "b")]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
    assert [w.exitcode for w in workers] == [0, 0]
    guids = sorted(i.findtext("guid") for i in items(path))  # parses: the file is well-formed
    assert guids == sorted(f"{p}-{n}" for p in ("a", "b") for n in range(25))
    assert check_feed(path) == []
    assert not list(tmp_path.glob("*.tmp"))


# --- a second reader: podcast-partytime (Podcasting 2.0 parser used by podcast apps) --------------------

JS = Path(__file__).parent / "js"


def _node_modules() -> Path:
    """Where podcast-partytime is installed: $AUDIOPOST_NODE_MODULES, else tests/js/node_modules."""
    return Path(os.environ.get("AUDIOPOST_NODE_MODULES") or JS / "node_modules")


def _partytime_missing() -> str:
    if shutil.which("node") is None:
        return "node is not installed"
    if not (_node_modules() / "podcast-partytime").is_dir():
        return ("podcast-partytime is not installed (npm install --prefix tests/js, or set "
                "AUDIOPOST_NODE_MODULES to a node_modules folder that has it)")
    return ""


@pytest.mark.skipif(bool(_partytime_missing()), reason=_partytime_missing() or "installed")
def test_round_trip_through_podcast_partytime(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    update_feed(path, CHANNEL, make_item(duration=125.2, transcript_url="https://harbor.example.net/t.vtt",
                                         chapters_url="https://harbor.example.net/c.json"))
    update_feed(path, CHANNEL, make_item("ep-0", pub_date="2024-01-01", explicit=True, episode_type="trailer"))
    out = subprocess.run(["node", str(JS / "partytime_summary.js"), str(path)], capture_output=True, text=True,
                         timeout=60, env={**os.environ, "NODE_PATH": str(_node_modules())})
    assert out.returncode == 0, out.stderr
    summary = json.loads(out.stdout)
    assert summary["title"] == "Harbor Lights Audio"
    assert summary["guid"] == podcast_guid(CHANNEL.feed_url)
    assert summary["self"] == CHANNEL.feed_url
    assert summary["itunesCategory"] == ["Arts > Books"]  # nested category understood
    assert summary["owner"] == {"name": "Ines Calloway", "email": "ines@harbor.example.net"}
    newest, oldest = summary["items"]
    assert newest == {
        "guid": "ep-1", "title": "Episode ep-1", "duration": 125, "explicit": False, "episodeType": "full",
        "enclosure": {"url": "https://harbor.example.net/ep-1.mp3", "length": 1000, "type": "audio/mpeg"},
        "transcripts": ["https://harbor.example.net/t.vtt"], "chapters": "https://harbor.example.net/c.json",
    }
    assert (oldest["guid"], oldest["explicit"], oldest["episodeType"]) == ("ep-0", True, "trailer")
    assert (oldest["transcripts"], oldest["chapters"]) == ([], None)
