"""RSS and Atom feeds: pick one entry and read it as a Post.

Feeds are untrusted XML. Before feedparser sees the bytes, any DTD that declares entities is refused
(billion laughs, quadratic blowup, external entities / XXE), so nothing is ever expanded or read from disk.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import html as htmllib
import io
import re
import time
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urljoin
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree
import feedparser
from defusedxml import DefusedXmlException

from audiopost.errors import AudiopostError
from audiopost.sources import html
from audiopost.sources.dates import iso_date, parse_iso
from audiopost.sources.post import Block, Post, word_chars

__all__ = ["EntryInfo", "entries", "looks_like_feed", "parse_feed"]

ENTITIES_REFUSED = ("the feed declares XML entities, which audiopost refuses to expand "
                    "(possible XML attack)")
SUMMARY_ONLY = "the feed has only a summary for this entry, not the full post"
HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")

# The prolog ends where the root element starts; comments, PIs and the DOCTYPE come before it.
_PROLOG_SKIP = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>)", re.S | re.I)
_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF)[\s>/]", re.I)
_DOCTYPE_ENTITY = re.compile(rb"<!ENTITY", re.I)
_ROOT_START = re.compile(rb"<[A-Za-z_]")


@dataclass(frozen=True)
class EntryInfo:
    """One feed entry, for listing and batch runs. Entries are numbered newest first, from 1."""

    title: str
    guid: str
    """The entry's id (RSS ``guid``, Atom ``id``); empty when the feed gives none."""
    date: str
    """ISO 8601 published (else updated) date, or empty."""
    link: str
    """The entry's link, made absolute against the feed's link when it was relative."""


def looks_like_feed(content: str) -> bool:
    """True when ``content`` starts like an RSS or Atom document (after the XML declaration)."""
    text = content.lstrip("\ufeff")
    pos = 0
    while match := _PROLOG_SKIP.match(text, pos):
        pos = match.end()
    return bool(_ROOT.match(text[pos:].lstrip()))


def parse_feed(data: bytes, *, entry: int | None = None, guid: str | None = None, match: str | None = None,
               base_url: str = "") -> Post:
    """A Post from one entry of an RSS or Atom feed: the newest by default, else the one chosen.

    ``entry`` counts from 1 = newest; ``guid`` matches the entry's id (or link); ``match`` is a
    case-insensitive substring of the title (the newest such entry wins). ``base_url`` is where the
    feed came from, for resolving relative links.
    """
    if sum(x is not None for x in (entry, guid, match)) > 1:
        raise AudiopostError("choose only one of --entry, --guid and --match")
    parsed = _parse(data, base_url)
    items = _sorted_entries(parsed)
    if not items:
        raise AudiopostError("the feed has no entries")
    chosen = _choose(items, entry, guid, match, _base(parsed, base_url))
    number = next(i for i, e in enumerate(items, 1) if e is chosen)
    post = _post(chosen, parsed, _base(parsed, base_url))
    counts, compared = _recurrence(hashlib.sha1(data).hexdigest(), items, number - 1, post)
    return replace(post, entry=number, recurring=counts, compared=compared)


def entries(data: bytes, *, base_url: str = "") -> list[EntryInfo]:
    """The feed's entries, newest first (the numbering ``parse_feed(entry=N)`` uses)."""
    parsed = _parse(data, base_url)
    base = _base(parsed, base_url)
    return [EntryInfo(title=_title(e), guid=str(e.get("id") or ""), date=_date(e),
                      link=_resolve(base, e.get("link", ""))) for e in _sorted_entries(parsed)]


# --- parsing -------------------------------------------------------------------------------------------


def _parse(data: bytes, base_url: str) -> Any:
    _refuse_entities(data)
    headers = {"content-location": base_url} if base_url else {}
    # A BytesIO, never the bytes themselves: feedparser treats a bytes/str argument that names an
    # existing file or a URL as something to open.
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    if not parsed.entries and not parsed.get("version"):
        raise AudiopostError("the input is not an RSS or Atom feed")
    return parsed


def _refuse_entities(data: bytes) -> None:
    """Raise when the XML declares entities (internal or external); never expand them."""
    root = _ROOT_START.search(_comments_blanked(data))
    prolog = data[: root.start()] if root else data
    if _DOCTYPE_ENTITY.search(prolog):
        raise AudiopostError(ENTITIES_REFUSED)
    if b"<!DOCTYPE" not in prolog.upper().replace(b"\x00", b""):
        return
    # A second opinion from expat (handles UTF-16 and anything the scan above misses).
    try:
        defusedxml.ElementTree.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise AudiopostError(ENTITIES_REFUSED) from None
    except (ParseError, ValueError, LookupError):
        pass  # malformed: feedparser's lenient parser may still find entries


def _comments_blanked(data: bytes) -> bytes:
    """``data`` with comments and PIs replaced by spaces of the same length, so offsets stay valid."""
    return re.sub(rb"<!--.*?-->|<\?.*?\?>", lambda m: b" " * len(m.group()), data[:1_000_000], flags=re.S)


# --- what recurs from entry to entry (template, not article: see text/evidence.py) ----------------------

COMPARED = 12
"""Entries (the nearest in date to the one narrated) that its blocks are looked for in."""
_KEYS: dict[tuple[str, int], frozenset[str]] = {}
"""(feed digest, entry index) → the template keys of its blocks: a batch works each entry out once."""


def _recurrence(digest: str, items: list[Any], index: int, post: Post) -> tuple[tuple[int, ...], int]:
    """For each block of ``post`` (entry ``index``), in how many of the compared entries it recurs."""
    from audiopost.text.evidence import template_key  # (the text stage imports this package)

    others = sorted((i for i in range(len(items)) if i != index), key=lambda i: abs(i - index))[:COMPARED]
    if not others:
        return (), 0
    if len(_KEYS) > 20_000:
        _KEYS.clear()
    found = []
    for i in others:
        if (digest, i) not in _KEYS:
            e = items[i]
            _KEYS[digest, i] = frozenset(template_key(b.text, _title(e), str(e.get("link", "")))
                                         for b in _body(e)[0] if b.text.strip())
        found.append(_KEYS[digest, i])
    keys = [template_key(b.text, post.title, post.link) if b.text.strip() else "" for b in post.blocks]
    return tuple(sum(key in other for other in found) if key else 0 for key in keys), len(others)


# --- choosing an entry ---------------------------------------------------------------------------------


def _timestamp(e: Any) -> float | None:
    parsed = e.get("published_parsed") or e.get("updated_parsed")
    return calendar.timegm(parsed) if parsed else None


def _sorted_entries(parsed: Any) -> list[Any]:
    """Newest first; entries without a date keep their feed order after the dated ones."""
    items = list(parsed.entries)
    dated = sorted((e for e in items if _timestamp(e) is not None), key=_timestamp, reverse=True)
    return dated + [e for e in items if _timestamp(e) is None]


def _choose(items: list[Any], entry: int | None, guid: str | None, match: str | None, base: str) -> Any:
    if entry is not None:
        if not 1 <= entry <= len(items):
            count = f"{len(items)} entr{'y' if len(items) == 1 else 'ies'}"
            raise AudiopostError(f"--entry {entry} is out of range: the feed has {count}")
        return items[entry - 1]
    if guid is not None:
        wanted = guid.strip()
        for e in items:
            if wanted in (str(e.get("id") or "").strip(), _resolve(base, e.get("link", ""))):
                return e
        raise AudiopostError(f"no entry in the feed has the guid {guid!r}")
    if match is not None:
        needle = match.casefold()
        for e in items:
            if needle in _title(e).casefold():
                return e
        raise AudiopostError(f"no entry title in the feed contains {match!r}")
    return items[0]


# --- building the Post ---------------------------------------------------------------------------------


def _post(e: Any, parsed: Any, base: str) -> Post:
    blocks, full = _body(e)
    title = _title(e)
    if not title and blocks:
        title = blocks[0].text[:120]
    return Post(
        title=title,
        blocks=blocks,
        author=_author(e) or _author(parsed.feed),
        date=_date(e),
        link=_resolve(base, e.get("link", "")),
        image=_resolve(base, _image(e) or _channel_image(parsed.feed)),
        site=_clean_text(parsed.feed.get("title", "")),
        language=_language(e, parsed.feed),
        guid=str(e.get("id") or ""),
        categories=_categories(e),
        notes=() if full else (SUMMARY_ONLY,),
    )


def _body(e: Any) -> tuple[tuple[Block, ...], bool]:
    """The entry's blocks, and whether they came from full content (not a summary).

    The content wins unless the summary holds far more prose: some podcast feeds put the episode's text in
    ``description`` and only headings and link lists (show notes) in ``content:encoded``.
    """
    detail = e.get("summary_detail") or {}
    raw = e.get("summary", "")
    contents = [c for c in e.get("content", []) if (c.get("value") or "").strip()]
    if contents:
        best = max(contents, key=lambda c: len(c.value))
        content = _blocks(best.value, best.get("type", "text/html"), _title(e))
        need = 2 * _prose(content) + 100
        if len(raw) <= need:  # its markup alone is too short to hold more prose: not worth parsing
            return content, True
        summary = _blocks(raw, detail.get("type", "text/html"), _title(e))
        return (summary if _prose(summary) > need else content), True
    return _blocks(raw, detail.get("type", "text/html"), _title(e)), False


def _prose(blocks: tuple[Block, ...]) -> int:
    """Letters and digits of paragraph text that is not link text."""
    return sum(word_chars(b.text) - b.links for b in blocks if b.kind in ("paragraph", "quote", "item"))


def _blocks(value: str, kind: str, title: str) -> tuple[Block, ...]:
    if not value.strip():
        return ()
    if kind in HTML_TYPES or kind.endswith(("html", "xml")):
        page = (f"<html><head><title>{htmllib.escape(title)}</title></head>"
                f"<body><article>{value}</article></body></html>")
        return html.parse(page).blocks
    paragraphs = re.split(r"\n\s*\n", value)
    return tuple(Block("paragraph", re.sub(r"\s+", " ", p).strip()) for p in paragraphs if p.strip())


def _clean_text(value: str) -> str:
    return re.sub(r"\s+", " ", htmllib.unescape(re.sub(r"<[^>]+>", "", value or ""))).strip()


def _title(e: Any) -> str:
    return _clean_text(e.get("title", ""))


def _author(item: Any) -> str:
    detail = item.get("author_detail") or {}
    return _clean_text(detail.get("name") or item.get("author") or "")


def _date(e: Any) -> str:
    raw = e.get("published") or e.get("updated") or ""
    iso = iso_date(raw)
    if parse_iso(iso) is not None or not raw:
        return iso
    parsed: time.struct_time | None = e.get("published_parsed") or e.get("updated_parsed")
    if parsed is None:
        return iso
    return dt.datetime.fromtimestamp(calendar.timegm(parsed), dt.UTC).isoformat()


def _language(e: Any, feed: Any) -> str:
    candidates = [e.get("language")]
    candidates += [c.get("language") for c in e.get("content", [])]
    candidates += [(e.get("summary_detail") or {}).get("language"), feed.get("language")]
    return next((str(c).strip() for c in candidates if c and str(c).strip()), "")


def _categories(e: Any) -> tuple[str, ...]:
    terms = (_clean_text(t.get("term") or t.get("label") or "") for t in e.get("tags", []))
    return tuple(dict.fromkeys(t for t in terms if t))


def _image(e: Any) -> str:
    for thumb in e.get("media_thumbnail", []):
        if thumb.get("url"):
            return str(thumb["url"])
    for media in e.get("media_content", []):
        if media.get("url") and (media.get("medium") == "image"
                                 or str(media.get("type", "")).startswith("image/")):
            return str(media["url"])
    for enclosure in e.get("enclosures", []):
        if enclosure.get("href") and str(enclosure.get("type", "")).startswith("image/"):
            return str(enclosure["href"])
    return str((e.get("image") or {}).get("href") or "")


def _channel_image(feed: Any) -> str:
    image = feed.get("image") or {}
    return str(image.get("href") or image.get("url") or feed.get("logo") or feed.get("icon") or "")


def _base(parsed: Any, base_url: str) -> str:
    link = str(parsed.feed.get("link") or "")
    return urljoin(base_url, link) if link else base_url


def _resolve(base: str, url: str) -> str:
    url = str(url or "").strip()
    return urljoin(base, url) if base and url else url
