"""Podcast RSS out: add an episode to a feed file, and check a feed against Apple's rules.

The feed is RSS 2.0 with the itunes, podcast (Podcasting 2.0), atom and content namespaces. Updating a
feed changes only what audiopost owns (the channel fields below and the item with the episode's guid);
other items, unknown elements and namespaces, and comments are kept. Writes are atomic and locked.
Rules cited from Apple's podcast RSS guide and the Podcasting 2.0 namespace (see docs/field-notes.md).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from email.utils import format_datetime, parsedate_to_datetime, parsedate_tz
from pathlib import Path
from urllib.parse import unquote, urlsplit

from filelock import FileLock, Timeout
from lxml import etree

from audiopost.errors import AudiopostError
from audiopost.files import write_atomic

__all__ = ["Channel", "Item", "check_feed", "episode_guid", "podcast_guid", "update_feed"]

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
ATOM = "http://www.w3.org/2005/Atom"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
NSMAP = {"itunes": ITUNES, "podcast": PODCAST, "atom": ATOM, "content": CONTENT}

PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
"""Podcasting 2.0 ``podcast:guid``: UUIDv5 of the feed URL (no scheme, no trailing slash) in this namespace."""
EPISODE_GUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://audiopost/episode-guid")
"""audiopost's own namespace for episode guids, so they never collide with other UUIDv5 users."""

MAX_DESCRIPTION_BYTES = 4000  # Apple podcast RSS guide: <description> up to 4000 bytes
EPISODE_TYPES = ("full", "trailer", "bonus")  # Apple: itunes:episodeType
ENCLOSURE_TYPES = ("audio/mpeg", "audio/x-m4a", "audio/mp4", "video/mp4", "video/quicktime", "video/x-m4v")
CHAPTERS_TYPE = "application/json+chapters"  # Podcasting 2.0 podcast:chapters
LOCK_TIMEOUT = 60.0
"""Seconds to wait for another process's update of the same feed."""


@dataclass(frozen=True)
class Channel:
    """The show: the feed's channel fields that audiopost writes."""

    title: str
    """Show title (``<title>``)."""
    link: str = ""
    """The show's website (``<link>``)."""
    description: str = ""
    """Show description (``<description>``); the title is used when a new feed has none."""
    author: str = ""
    """``itunes:author``."""
    owner_name: str = ""
    """``itunes:owner/itunes:name``."""
    owner_email: str = ""
    """``itunes:owner/itunes:email`` (Apple mails verification codes here)."""
    language: str = "en"
    """``<language>``, an ISO 639 code such as ``en`` or ``en-us``."""
    category: str = "News"
    """``itunes:category``: an Apple category, or ``"Parent > Sub"`` for a subcategory."""
    explicit: bool = False
    """``itunes:explicit`` true/false."""
    image: str = ""
    """Cover art URL for ``itunes:image`` (square JPEG/PNG, 1400–3000 px)."""
    feed_url: str = ""
    """Where the feed is published: ``atom:link rel="self"`` and the source of ``podcast:guid``."""


@dataclass(frozen=True)
class Item:
    """One episode: the item audiopost adds or updates, matched by ``guid``."""

    guid: str
    """Never changes for this episode (see :func:`episode_guid`)."""
    title: str
    """Episode title."""
    enclosure_url: str
    """Public URL of the MP3."""
    length: int
    """The MP3's exact size in bytes."""
    duration: float
    """Length in seconds; written as whole seconds in ``itunes:duration``."""
    pub_date: str
    """ISO 8601 date or date-time; "" (or unparseable) keeps the item's existing date, else now."""
    description: str = ""
    """Show notes (plain text); cut at a word boundary to 4000 bytes of UTF-8."""
    link: str = ""
    """The original post's URL."""
    image: str = ""
    """Episode art URL for ``itunes:image``."""
    explicit: bool = False
    """``itunes:explicit`` true/false."""
    episode_type: str = "full"
    """``itunes:episodeType``: full, trailer or bonus."""
    transcript_url: str = ""
    """URL for ``podcast:transcript``."""
    transcript_type: str = "text/vtt"
    """MIME type of the transcript (text/vtt, application/x-subrip, application/json, text/html)."""
    chapters_url: str = ""
    """URL of JSON chapters for ``podcast:chapters``."""


# --- guids ---------------------------------------------------------------------------------------------


def _strip_scheme(url: str) -> str:
    return re.sub(r"^[A-Za-z][A-Za-z0-9+.-]*://", "", url.strip()).rstrip("/")


def podcast_guid(feed_url: str) -> str:
    """``podcast:guid`` for a feed URL, per Podcasting 2.0: UUIDv5 of the URL without scheme/trailing '/'."""
    key = _strip_scheme(feed_url)
    if not key:
        raise AudiopostError("a podcast guid needs the feed's URL")
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, key))


def episode_guid(post_guid: str, link: str, title: str) -> str:
    """A stable episode guid from the post's own guid, else its link, else its title.

    The same post always gives the same guid. A link is compared without scheme and trailing slash, so a
    move from http to https keeps it; a post known only by its title gets a new guid if retitled.
    """
    if post_guid.strip():
        key = "guid:" + post_guid.strip()
    elif _strip_scheme(link):
        key = "link:" + _strip_scheme(link)
    elif title.strip():
        key = "title:" + re.sub(r"\s+", " ", title).strip().casefold()
    else:
        raise AudiopostError("cannot make an episode guid: the post has no guid, link or title")
    return str(uuid.uuid5(EPISODE_GUID_NAMESPACE, key))


# --- updating ------------------------------------------------------------------------------------------


def _serialize(tree: etree._ElementTree) -> bytes:
    return bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def update_feed(path: Path, channel: Channel, item: Item) -> None:
    """Create the feed at ``path``, or add ``item`` to it (replacing the item with the same guid)."""
    _validate(channel, item)
    path = Path(path)
    lock = FileLock(str(path.with_name(path.name + ".lock")), timeout=LOCK_TIMEOUT)
    try:
        with lock:
            before = path.read_bytes() if path.exists() else b""
            tree = _load(path) if before else _new_tree()
            ch = _channel_element(tree, path)
            _apply_channel(ch, channel)
            _apply_item(ch, item)
            _sort_items(ch)
            root = tree.getroot()
            etree.cleanup_namespaces(root, top_nsmap=NSMAP, keep_ns_prefixes=[*root.nsmap, *NSMAP])
            if before and _serialize(tree) == before:
                return  # nothing changed: the feed keeps its bytes (and its lastBuildDate), so a publish sends nothing
            _set(ch, "lastBuildDate", format_datetime(dt.datetime.now(dt.UTC), usegmt=True))
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, _serialize(tree), keep_mode=True)
    except Timeout:
        raise AudiopostError(f"{path} is locked by another audiopost process (gave up after "
                             f"{LOCK_TIMEOUT:.0f} s; remove {lock.lock_file} if none is running)") from None


def _validate(channel: Channel, item: Item) -> None:
    if not channel.title.strip():
        raise AudiopostError("the podcast feed needs a channel title")
    if not item.guid.strip():
        raise AudiopostError("the episode needs a guid")
    if not item.enclosure_url.strip():
        raise AudiopostError("the episode needs the MP3's public URL")
    if item.length <= 0:
        raise AudiopostError(f"enclosure length must be the MP3's size in bytes, not {item.length}")
    if item.episode_type not in EPISODE_TYPES:
        raise AudiopostError(f"episode type {item.episode_type!r} is not one of {', '.join(EPISODE_TYPES)}")


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_blank_text=True,
                           huge_tree=False)


def _load(path: Path) -> etree._ElementTree:
    try:
        return etree.parse(str(path), _parser())
    except etree.XMLSyntaxError as e:
        raise AudiopostError(f"{path} is not well-formed XML ({e}); not changing it") from None
    except OSError as e:
        raise AudiopostError(f"cannot read {path}: {e}") from None


def _new_tree() -> etree._ElementTree:
    rss = etree.Element("rss", nsmap=NSMAP)
    rss.set("version", "2.0")
    etree.SubElement(rss, "channel")
    return etree.ElementTree(rss)


def _channel_element(tree: etree._ElementTree, path: Path) -> etree._Element:
    root = tree.getroot()
    ch = root.find("channel")
    if root.tag != "rss" or ch is None:
        raise AudiopostError(f"{path} is not an RSS 2.0 feed (no <rss><channel>); not changing it")
    return ch


def _insert(parent: etree._Element, el: etree._Element) -> etree._Element:
    """Add ``el`` to ``parent``: before the first item (channel fields come first), else at the end."""
    first_item = parent.find("item")
    if first_item is not None:
        first_item.addprevious(el)
    else:
        parent.append(el)
    return el


def _child(parent: etree._Element, tag: str) -> etree._Element:
    """The first ``tag`` child of ``parent``, created when missing."""
    found = parent.find(tag)
    return found if found is not None else _insert(parent, etree.Element(tag))


def _set(parent: etree._Element, tag: str, text: str, **attrib: str) -> None:
    """Set ``tag``'s text and attributes when ``text``/attributes are given; leave it alone otherwise."""
    if not text and not any(attrib.values()):
        return
    el = _child(parent, tag)
    if text:
        el.text = text
    for key, value in attrib.items():
        el.set(key, value)


def _remove(parent: etree._Element, tag: str) -> None:
    for el in parent.findall(tag):
        parent.remove(el)


def _q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


def _bool(value: bool) -> str:
    return "true" if value else "false"  # Apple: true/false; yes/no/clean are outdated


def _apply_channel(ch: etree._Element, c: Channel) -> None:
    _set(ch, "title", c.title.strip())
    _set(ch, "link", c.link)
    _set(ch, "description", c.description.strip() or ("" if ch.find("description") is not None
                                                      else c.title.strip()))
    _set(ch, "language", c.language)
    if c.feed_url:
        self_link = ch.find(f"{_q(ATOM, 'link')}[@rel='self']")
        if self_link is None:
            self_link = _insert(ch, etree.Element(_q(ATOM, "link")))
        self_link.attrib.update({"href": c.feed_url, "rel": "self", "type": "application/rss+xml"})
        if ch.find(_q(PODCAST, "guid")) is None:  # a podcast:guid never changes, even if the feed moves
            _set(ch, _q(PODCAST, "guid"), podcast_guid(c.feed_url))
    _set(ch, _q(ITUNES, "author"), c.author)
    if c.owner_name or c.owner_email:
        owner = _child(ch, _q(ITUNES, "owner"))
        _set(owner, _q(ITUNES, "name"), c.owner_name)
        _set(owner, _q(ITUNES, "email"), c.owner_email)
    _set(ch, _q(ITUNES, "image"), "", href=c.image)
    _apply_category(ch, c.category)
    _set(ch, _q(ITUNES, "explicit"), _bool(c.explicit))


def _apply_category(ch: etree._Element, category: str) -> None:
    names = [part.strip() for part in category.split(">") if part.strip()]
    if not names:
        return
    tag = _q(ITUNES, "category")
    existing = ch.find(tag)
    el = etree.Element(tag, {"text": names[0]})
    if len(names) > 1:
        etree.SubElement(el, tag, {"text": names[1]})
    if existing is not None:
        existing.addprevious(el)
        ch.remove(existing)
    else:
        _insert(ch, el)


def _find_item(ch: etree._Element, guid: str) -> etree._Element | None:
    for el in ch.findall("item"):
        if (el.findtext("guid") or "").strip() == guid:
            return el
    return None


def _apply_item(ch: etree._Element, item: Item) -> None:
    el = _find_item(ch, item.guid.strip())
    if el is None:
        el = etree.SubElement(ch, "item")
    _set(el, "title", item.title.strip())
    _set(el, "link", item.link)
    guid = _child(el, "guid")
    guid.text = item.guid.strip()
    guid.set("isPermaLink", "false")
    _set(el, "pubDate", _pub_date(item.pub_date, el.findtext("pubDate")))
    if item.description.strip():
        _set(el, "description", cap_description(item.description))
    enclosure = _child(el, "enclosure")
    enclosure.attrib.update({"url": item.enclosure_url, "length": str(item.length), "type": "audio/mpeg"})
    _set(el, _q(ITUNES, "duration"), str(round(item.duration)))
    _set(el, _q(ITUNES, "explicit"), _bool(item.explicit))
    _set(el, _q(ITUNES, "episodeType"), item.episode_type)
    _optional(el, _q(ITUNES, "image"), {"href": item.image})
    _optional(el, _q(PODCAST, "transcript"), {"url": item.transcript_url, "type": item.transcript_type})
    _optional(el, _q(PODCAST, "chapters"), {"url": item.chapters_url, "type": CHAPTERS_TYPE})


def _optional(parent: etree._Element, tag: str, attrib: dict[str, str]) -> None:
    """An element audiopost owns that is present only when its URL is set (first attribute)."""
    if next(iter(attrib.values())):
        _child(parent, tag).attrib.update(attrib)
    else:
        _remove(parent, tag)


def _pub_date(iso: str, existing: str | None) -> str:
    """RFC 2822 for ``iso``; the item's existing date when ``iso`` is unknown; else now."""
    when = _parse_iso(iso)
    if when is None and existing and parsedate_tz(existing):
        return existing
    return format_datetime((when or dt.datetime.now(dt.UTC)).astimezone(dt.UTC), usegmt=True)


def _parse_iso(value: str) -> dt.datetime | None:
    try:
        when = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return None
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def cap_description(text: str, limit: int = MAX_DESCRIPTION_BYTES) -> str:
    """``text`` cut at a word boundary so that it fits in ``limit`` bytes of UTF-8 (with an ellipsis)."""
    text = text.strip()
    if len(text.encode("utf-8")) <= limit:
        return text
    ellipsis = "…"
    room = limit - len(ellipsis.encode("utf-8"))
    cut = text.encode("utf-8")[:room].decode("utf-8", "ignore")
    if " " in cut:
        cut = cut[: cut.rstrip().rfind(" ")]
    return cut.rstrip(" ,;:.-") + ellipsis


def _date_key(el: etree._Element) -> float:
    try:
        return parsedate_to_datetime(el.findtext("pubDate") or "").timestamp()
    except (TypeError, ValueError, IndexError):
        return float("-inf")


def _sort_items(ch: etree._Element) -> None:
    """Items newest first by pubDate, in the place of the first item; undated items last."""
    items = ch.findall("item")
    if len(items) < 2:
        return
    anchor = etree.Element("__anchor__")
    items[0].addprevious(anchor)
    for el in items:
        ch.remove(el)
    for el in sorted(items, key=_date_key, reverse=True):  # sorted() is stable: ties keep feed order
        anchor.addprevious(el)
    ch.remove(anchor)


# --- checking ------------------------------------------------------------------------------------------


def check_feed(path: Path) -> list[str]:
    """Problems found in the podcast feed at ``path`` (Apple's required/recommended tags); [] when fine."""
    path = Path(path)
    if not path.is_file():
        raise AudiopostError(f"{path}: no such file")
    try:
        root = etree.parse(str(path), _parser()).getroot()
    except etree.XMLSyntaxError as e:
        return [f"{path.name} is not well-formed XML: {e}"]
    ch = root.find("channel")
    if root.tag != "rss" or ch is None:
        return [f"{path.name} is not an RSS 2.0 feed (no <rss><channel>)"]
    problems = list(_channel_problems(ch))
    guids: set[str] = set()
    for number, item in enumerate(ch.findall("item"), 1):
        problems += _item_problems(item, number, path.parent, guids)
    return problems


def _text(el: etree._Element, tag: str) -> str:
    return (el.findtext(tag) or "").strip()


def _channel_problems(ch: etree._Element) -> Iterator[str]:
    for tag in ("title", "description", "language"):
        if not _text(ch, tag):
            yield f"channel has no {tag}"
    image = ch.find(_q(ITUNES, "image"))
    if image is None or not (image.get("href") or "").strip():
        yield "channel has no itunes:image (Apple requires cover art)"
    category = ch.find(_q(ITUNES, "category"))
    if category is None or not (category.get("text") or "").strip():
        yield "channel has no itunes:category"
    yield from _explicit_problems(ch, "channel")
    if not _text(ch, _q(ITUNES, "author")):
        yield "channel has no itunes:author (recommended)"
    if not _text(ch, f"{_q(ITUNES, 'owner')}/{_q(ITUNES, 'email')}"):
        yield "channel has no itunes:owner email (recommended)"


def _explicit_problems(el: etree._Element, label: str, required: bool = True) -> Iterator[str]:
    found = el.find(_q(ITUNES, "explicit"))
    if found is None:
        if required:
            yield f"{label} has no itunes:explicit"
        return
    value = (found.text or "").strip().lower()
    if value not in ("true", "false"):
        yield f"{label}: itunes:explicit {value!r} should be true or false"


def _item_problems(item: etree._Element, number: int, folder: Path, guids: set[str]) -> list[str]:
    title = _text(item, "title")
    label = f"item {title!r}" if title else f"item {number}"
    problems = [] if title else [f"{label} has no title"]
    guid = _text(item, "guid")
    if not guid:
        problems.append(f"{label} has no guid")
    elif guid in guids:
        problems.append(f"{label}: guid {guid!r} is used by another item")
    guids.add(guid)
    problems += _pub_date_problems(item, label)
    description = item.findtext("description") or ""
    size = len(description.encode("utf-8"))
    if size > MAX_DESCRIPTION_BYTES:
        problems.append(f"{label}: description is {size} bytes, over Apple's limit of {MAX_DESCRIPTION_BYTES}")
    problems += _duration_problems(item, label)
    problems += _explicit_problems(item, label, required=False)
    problems += _enclosure_problems(item, label, folder)
    return problems


def _pub_date_problems(item: etree._Element, label: str) -> list[str]:
    value = _text(item, "pubDate")
    if not value:
        return [f"{label} has no pubDate"]
    if parsedate_tz(value) is None:
        return [f"{label}: pubDate {value!r} is not an RFC 2822 date"]
    return []


def _duration_problems(item: etree._Element, label: str) -> list[str]:
    value = _text(item, _q(ITUNES, "duration"))
    if not value:
        return [f"{label} has no itunes:duration"]
    if not re.fullmatch(r"\d+|(\d+:)?[0-5]?\d:[0-5]\d", value):
        return [f"{label}: itunes:duration {value!r} is not seconds or HH:MM:SS"]
    return []


def _enclosure_problems(item: etree._Element, label: str, folder: Path) -> list[str]:
    enclosure = item.find("enclosure")
    if enclosure is None:
        return [f"{label} has no enclosure"]
    url = (enclosure.get("url") or "").strip()
    length = (enclosure.get("length") or "").strip()
    kind = (enclosure.get("type") or "").strip()
    problems = []
    if not url:
        problems.append(f"{label}: enclosure has no url")
    elif not url.isascii():
        problems.append(f"{label}: enclosure url is not ASCII (Apple requires ASCII URLs)")
    if not length.isdigit():
        problems.append(f"{label}: enclosure length {length!r} is not a number of bytes")
    elif int(length) == 0:
        problems.append(f"{label}: enclosure length is 0")
    is_mp3 = urlsplit(url).path.lower().endswith(".mp3")
    if kind not in ENCLOSURE_TYPES or (is_mp3 and kind != "audio/mpeg"):
        problems.append(f"{label}: enclosure type {kind!r} should be audio/mpeg for an MP3")
    local = _local_file(url, folder)
    if local is not None and length.isdigit() and int(length) != local.stat().st_size:
        problems.append(f"{label}: enclosure length {length} differs from {local.name} "
                        f"({local.stat().st_size} bytes)")
    return problems


def _local_file(url: str, folder: Path) -> Path | None:
    """The file beside the feed with the enclosure URL's file name, if there is one."""
    name = unquote(urlsplit(url).path.rsplit("/", 1)[-1])
    if not name or name in (".", "..") or "/" in name or "\\" in name:
        return None
    candidate = folder / name
    return candidate if candidate.is_file() else None
