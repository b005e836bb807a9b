"""Feeds in: choosing an entry, reading its body and metadata, and refusing hostile XML."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from audiopost.errors import AudiopostError
from audiopost.sources.feed import SUMMARY_ONLY, EntryInfo, entries, looks_like_feed, parse_feed
from audiopost.sources.post import Block

FEEDS = Path(__file__).parent / "data" / "feeds"
REFUSED = "declares XML entities"


def feed(name: str) -> bytes:
    return (FEEDS / name).read_bytes()


# --- choosing an entry ---------------------------------------------------------------------------------


def test_newest_entry_by_default_even_when_not_first_in_the_feed() -> None:
    post = parse_feed(feed("rss2_content.xml"))
    assert post.title == "The Lighthouse Keeper's Ledger"
    assert post.guid == "harbor-post-103"


def test_entries_are_listed_newest_first() -> None:
    listed = entries(feed("rss2_content.xml"))
    assert [e.guid for e in listed] == ["harbor-post-103", "harbor-post-102", "harbor-post-101"]
    assert listed[1] == EntryInfo(title="Tide Tables and Tea", guid="harbor-post-102",
                                  date="2024-02-10T09:00:00+00:00",
                                  link="https://harbor.example.net/2024/02/tide-tables")


@pytest.mark.parametrize(("number", "guid"), [(1, "harbor-post-103"), (2, "harbor-post-102"),
                                              (3, "harbor-post-101")])
def test_entry_by_number_counts_from_the_newest(number: int, guid: str) -> None:
    assert parse_feed(feed("rss2_content.xml"), entry=number).guid == guid


@pytest.mark.parametrize("number", [0, 4, 9, -1])
def test_entry_out_of_range(number: int) -> None:
    with pytest.raises(AudiopostError) as err:
        parse_feed(feed("rss2_content.xml"), entry=number)
    assert str(err.value) == f"--entry {number} is out of range: the feed has 3 entries"


def test_entry_out_of_range_singular() -> None:
    with pytest.raises(AudiopostError, match=r"the feed has 1 entry$"):
        parse_feed(feed("summary_only.xml"), entry=2)


def test_entry_by_guid() -> None:
    post = parse_feed(feed("rss2_content.xml"), guid="harbor-post-101")
    assert post.title == "Mending Nets in Winter"


def test_entry_by_guid_not_found() -> None:
    with pytest.raises(AudiopostError, match="no entry in the feed has the guid 'nope'"):
        parse_feed(feed("rss2_content.xml"), guid="nope")


def test_entry_by_title_match_is_case_insensitive() -> None:
    assert parse_feed(feed("rss2_content.xml"), match="TIDE tab").guid == "harbor-post-102"


def test_entry_by_match_not_found() -> None:
    with pytest.raises(AudiopostError, match="no entry title in the feed contains 'volcano'"):
        parse_feed(feed("rss2_content.xml"), match="volcano")


def test_only_one_way_to_choose() -> None:
    with pytest.raises(AudiopostError, match="only one of"):
        parse_feed(feed("rss2_content.xml"), entry=1, match="tide")


def test_feed_with_no_entries() -> None:
    with pytest.raises(AudiopostError) as err:
        parse_feed(feed("empty.xml"))
    assert str(err.value) == "the feed has no entries"
    assert entries(feed("empty.xml")) == []


@pytest.mark.parametrize("data", [b"<html><body><p>hello</p></body></html>", b"just some words",
                                  b"/etc/passwd", b""])
def test_not_a_feed(data: bytes) -> None:
    with pytest.raises(AudiopostError) as err:
        parse_feed(data)
    assert str(err.value) == "the input is not an RSS or Atom feed"


# --- body ----------------------------------------------------------------------------------------------


def test_content_encoded_html_becomes_blocks() -> None:
    post = parse_feed(feed("rss2_content.xml"), guid="harbor-post-101")
    assert post.blocks == (
        Block("paragraph", "The cold months are when the nets come indoors."),
        Block("heading", "Tools on the bench", 3),
        Block("item", "A wooden needle"),
        Block("item", "Tarred twine"),
        Block("quote", "Every knot is a promise."),
        Block("paragraph", "By March the work is done."),
    )  # the leading <h2> repeats the title and is dropped
    assert post.notes == ()


def test_atom_html_content() -> None:
    post = parse_feed(feed("atom_content.xml"), guid="tag:orchard.example.org,2024:grafting")
    assert [b.text for b in post.blocks] == ["Choose a scion as thick as a pencil.",
                                             "Cut a clean slope and bind it tight."]
    assert post.notes == ()


def test_atom_xhtml_content() -> None:
    post = parse_feed(feed("atom_content.xml"))
    assert post.title == "Pressing Cider by Hand"
    assert post.blocks == (Block("heading", "The press", 2),
                           Block("paragraph", "Our press is older than the barn."),
                           Block("paragraph", "Wash the apples twice."))


def test_atom_text_content_splits_paragraphs() -> None:
    post = parse_feed(feed("atom_content.xml"), match="pruning")
    assert post.blocks == (Block("paragraph", "Prune in late winter."),
                           Block("paragraph", "Never remove more than a third."))
    assert post.notes == ()


def test_summary_only_entry_is_read_with_a_note() -> None:
    post = parse_feed(feed("summary_only.xml"))
    assert post.blocks[0] == Block("paragraph", "The pass closed early this year.")
    assert post.notes == (SUMMARY_ONLY,)
    assert "only a summary" in post.notes[0]


def test_rss1_rdf_feed() -> None:
    listed = entries(feed("rss1_rdf.xml"))
    assert [e.title for e in listed] == ["Throwing the Weft", "Setting the Warp"]
    post = parse_feed(feed("rss1_rdf.xml"), entry=2)
    assert post.title == "Setting the Warp"
    assert [b.text for b in post.blocks] == ["Warp threads run the length of the cloth.",
                                             "Tension matters most."]
    assert (post.author, post.language, post.site) == ("Hanne Vogt", "de-de", "The Loom Room")
    assert post.date == "2024-02-01T09:00:00+00:00"
    assert post.link == "https://loom.example.org/warp"


def test_malformed_feed_with_entries_still_works() -> None:
    post = parse_feed(feed("malformed.xml"))
    assert post.title == "Salt & Vinegar"
    assert post.site == "Fish & Chips Weekly"
    assert post.blocks == (Block("paragraph", "Always malt vinegar."),)


def test_rss091_with_public_doctype_is_accepted() -> None:
    post = parse_feed(feed("rss091_doctype.xml"))
    assert post.title == "Dial-up Memories"
    assert post.language == "en"


# --- metadata ------------------------------------------------------------------------------------------


def test_rss_metadata() -> None:
    post = parse_feed(feed("rss2_content.xml"), guid="harbor-post-101")
    assert post.title == "Mending Nets in Winter"
    assert post.author == "Ines Calloway"
    assert post.date == "2024-01-09T08:30:00+00:00"
    assert post.link == "https://harbor.example.net/2024/01/mending-nets"
    assert post.categories == ("Craft", "Winter")
    assert post.language == "en-us"
    assert post.site == "Harbor Lights Journal"
    assert post.image == "https://harbor.example.net/img/nets.jpg"  # media:thumbnail


@pytest.mark.parametrize(("guid", "image"), [
    ("harbor-post-103", "https://harbor.example.net/img/ledger.jpg"),  # image enclosure
    ("harbor-post-102", "https://harbor.example.net/img/tea.png"),  # itunes:image
])
def test_entry_image_sources(guid: str, image: str) -> None:
    assert parse_feed(feed("rss2_content.xml"), guid=guid).image == image


def test_atom_metadata_falls_back_to_feed_author_and_xml_lang() -> None:
    post = parse_feed(feed("atom_content.xml"), match="grafting")
    assert post.author == "Mara Lindqvist"
    assert post.date == "2024-04-20T07:15:00+02:00"  # published wins over updated
    assert post.language == "en-gb"
    assert post.categories == ("Orchard", "Techniques")
    assert post.site == "Quiet Orchard Notes"
    assert post.guid == "tag:orchard.example.org,2024:grafting"


def test_relative_links_resolve_against_the_channel_link() -> None:
    data = feed("relative_links.xml")
    first = parse_feed(data)
    assert first.link == "https://ramble.example.com/blog/posts/absolute-path"
    assert first.image == "https://ramble.example.com/static/cover.png"  # channel image, relative
    second = parse_feed(data, entry=2)
    assert second.link == "https://ramble.example.com/blog/posts/relative-path"
    assert parse_feed(data, guid="https://ramble.example.com/blog/posts/relative-path").guid == "ramble-2"


def test_relative_links_resolve_against_base_url_when_the_channel_has_no_link() -> None:
    data = feed("relative_links.xml").replace(b"<link>https://ramble.example.com/blog/</link>", b"")
    assert parse_feed(data).link == "/blog/posts/absolute-path"
    post = parse_feed(data, base_url="https://mirror.example.org/feeds/rss.xml", entry=2)
    assert post.link == "https://mirror.example.org/feeds/posts/relative-path"


def test_iso_8859_1_feed_decodes() -> None:
    data = feed("latin1.xml")
    assert "Müller".encode("latin-1") in data and "Müller".encode() not in data
    post = parse_feed(data)
    assert post.title == "Schöne Grüße aus Köln"
    assert post.site == "Café Müller Blätter"
    assert post.author == "Jürgen Weiß"
    assert post.blocks[0].text.startswith("Der Kaffee war stark, der Käsekuchen süß. Près de la cathédrale")
    assert post.language == "de"
    assert post.date == "2024-07-07T15:00:00+02:00"


# --- safety --------------------------------------------------------------------------------------------


def assert_refused_fast(data: bytes) -> None:
    start = time.perf_counter()
    with pytest.raises(AudiopostError, match=REFUSED):
        parse_feed(data)
    with pytest.raises(AudiopostError, match=REFUSED):
        entries(data)
    assert time.perf_counter() - start < 1.0


def test_billion_laughs_is_refused_fast() -> None:
    assert_refused_fast(feed("billion_laughs.xml"))


def test_quadratic_blowup_is_refused_fast() -> None:
    big = "A" * 100_000
    refs = "&a;" * 10_000
    data = (f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "{big}">]>\n<rss version="2.0"><channel>'
            f"<title>t</title><item><title>q</title><description>{refs}</description></item>"
            "</channel></rss>").encode()
    assert_refused_fast(data)


def xxe_feed(secret: Path, template: str = "xxe_template.xml") -> bytes:
    return (FEEDS / template).read_text().replace("SECRET_PATH", str(secret)).encode()


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text("TOP-SECRET-7f3a9c")
    return path


def test_external_entity_is_refused_and_never_read(secret: Path) -> None:
    data = xxe_feed(secret)
    with pytest.raises(AudiopostError) as err:
        parse_feed(data)
    assert REFUSED in str(err.value)
    assert "TOP-SECRET" not in str(err.value)
    assert_refused_fast(data)


def test_parameter_entity_is_refused(secret: Path) -> None:
    data = (f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY % p SYSTEM "file://{secret}"> %p;]>\n'
            '<rss version="2.0"><channel><title>t</title><item><title>x</title></item></channel></rss>').encode()
    assert_refused_fast(data)


def test_utf16_entity_declaration_is_refused() -> None:
    text = ('<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE rss [<!ENTITY a "aaaa">]>\n'
            '<rss version="2.0"><channel><title>&a;</title><item><title>x</title></item></channel></rss>')
    assert_refused_fast(text.encode("utf-16"))


def test_external_dtd_is_never_loaded(secret: Path) -> None:
    data = (f'<?xml version="1.0"?>\n<!DOCTYPE rss SYSTEM "file://{secret}">\n'
            '<rss version="2.0"><channel><title>Plain</title><item><title>Only item</title>'
            "<description>Body text.</description></item></channel></rss>").encode()
    post = parse_feed(data)
    assert post.title == "Only item"
    assert "TOP-SECRET" not in repr(post)


def test_entity_talk_inside_content_is_not_an_attack() -> None:
    data = (b'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>XML blog</title><item>'
            b"<title>About entities</title><description>&lt;p&gt;Never write &amp;lt;!ENTITY x SYSTEM"
            b" ...&amp;gt; in a feed.&lt;/p&gt;</description></item></channel></rss>")
    post = parse_feed(data)
    assert post.blocks == (Block("paragraph", "Never write <!ENTITY x SYSTEM ...> in a feed."),)


# --- detection -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["rss2_content.xml", "atom_content.xml", "rss1_rdf.xml", "empty.xml",
                                  "rss091_doctype.xml", "summary_only.xml"])
def test_looks_like_feed_fixtures(name: str) -> None:
    assert looks_like_feed((FEEDS / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize(("content", "expected"), [
    ('<rss version="2.0"><channel/></rss>', True),
    ('\ufeff  <feed xmlns="http://www.w3.org/2005/Atom"></feed>', True),
    ('<?xml version="1.0"?>\n<?xml-stylesheet href="s.xsl"?>\n<!-- hi -->\n<rss>', True),
    ("<!DOCTYPE html><html><body>rss</body></html>", False),
    ('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', False),
    ("# A markdown post about <rss>", False),
    ("<rssfeed/>", False),
])
def test_looks_like_feed(content: str, expected: bool) -> None:
    assert looks_like_feed(content) is expected
