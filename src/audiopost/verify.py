"""Verify a published podcast as an app fetches it: the feed, and each enclosure by HEAD and a byte range.

Apple Podcasts and most apps HEAD an enclosure for its size and type, then read it in ranges to seek: an
MP3 served without ``Accept-Ranges: bytes`` (or a 200 to a ``Range`` request) is refused or cannot seek,
and a ``Content-Length`` other than the feed's ``length`` marks the episode broken. ``check`` returns one
problem per failed check, naming the file; an empty list is a pass.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from lxml import etree

from audiopost.errors import AudiopostError

TIMEOUT = 30.0
RANGE = 1024
"""Bytes asked for by the range request (``Range: bytes=0-1023``)."""
FEED_LIMIT = 20_000_000
"""The largest feed read (bytes)."""


@dataclass(frozen=True)
class Enclosure:
    url: str
    length: int
    type: str


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


def _parse(feed: bytes, where: str) -> etree._Element:
    """A feed's XML, with no entities resolved and nothing fetched."""
    try:
        return etree.fromstring(feed, etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False))
    except etree.XMLSyntaxError as e:
        raise AudiopostError(f"{where} is not well-formed XML ({e})") from None


def enclosures(feed: bytes, where: str = "the feed") -> list[Enclosure]:
    """Every ``<enclosure>`` of the feed's items (``length`` -1 when it is not a number)."""
    found = []
    for enc in _parse(feed, where).iter("enclosure"):
        try:
            found.append(Enclosure(enc.get("url", ""), int(enc.get("length", "")), enc.get("type", "")))
        except ValueError:
            found.append(Enclosure(enc.get("url", ""), -1, enc.get("type", "")))
    return found


def fetch(url: str, method: str = "GET", headers: dict[str, str] | None = None, limit: int = RANGE + 1) -> Answer:
    """One HTTP request; an HTTP error status is an answer, a network failure an AudiopostError."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise AudiopostError(f"cannot verify {url}: not an http(s) URL")
    request = urllib.request.Request(url, method=method, headers={"User-Agent": "audiopost-verify", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return Answer(response.status, {k.lower(): v for k, v in response.headers.items()},
                          response.read(limit) if method == "GET" else b"")
    except urllib.error.HTTPError as e:
        return Answer(e.code, {k.lower(): v for k, v in e.headers.items()}, b"")
    except (urllib.error.URLError, OSError) as e:
        reason = getattr(e, "reason", e)
        raise AudiopostError(f"cannot fetch {url}: {reason}") from None


def self_url(feed: Path) -> str:
    """The public URL a local feed states for itself (``atom:link rel="self"``, set from ``--base-url``)."""
    link = _parse(feed.read_bytes(), str(feed)).find(".//{http://www.w3.org/2005/Atom}link[@rel='self']")
    if link is None or not link.get("href"):
        raise AudiopostError(f"{feed} states no public URL (atom:link rel=self); use --verify-url BASE")
    return str(link.get("href"))


def public_url(enclosure: Enclosure, base: str) -> str:
    """Where the app will fetch the enclosure: its own URL, or the same file name under ``base``."""
    if not base:
        return enclosure.url
    name = urlsplit(enclosure.url).path.rsplit("/", 1)[-1]
    return urljoin(base if base.endswith("/") else base + "/", name)


def check_enclosure(enclosure: Enclosure, url: str) -> list[str]:
    """HEAD and ``Range: bytes=0-1023`` GET, as a podcast app does."""
    name = urlsplit(url).path.rsplit("/", 1)[-1] or url
    problems = []
    head = fetch(url, "HEAD")
    if head.status != 200:
        return [f"{name}: HEAD {url} answered {head.status}, not 200"]
    size = head.headers.get("content-length", "")
    if size != str(enclosure.length):
        problems.append(f"{name}: Content-Length {size or 'missing'}, but the feed says length {enclosure.length}")
    kind = head.headers.get("content-type", "").split(";")[0].strip()
    if kind != (enclosure.type or "audio/mpeg"):
        problems.append(f"{name}: Content-Type {kind or 'missing'}, but the feed says {enclosure.type}")
    if head.headers.get("accept-ranges", "").lower() != "bytes":
        problems.append(f"{name}: no Accept-Ranges: bytes (apps cannot seek)")
    part = fetch(url, "GET", {"Range": f"bytes=0-{RANGE - 1}"})
    wanted = f"bytes 0-{RANGE - 1}/{enclosure.length}"
    if part.status != 206:
        problems.append(f"{name}: a Range request answered {part.status}, not 206")
    elif part.headers.get("content-range") != wanted or len(part.body) != RANGE:
        problems.append(f"{name}: a Range request gave {part.headers.get('content-range')!r} and {len(part.body)} "
                        f"bytes, not {wanted!r} and {RANGE}")
    return problems


def check(feed_url: str, base: str = "") -> list[str]:
    """Fetch the published feed and check every enclosure it names; ``base`` replaces the enclosures' own
    folder URL (to check a copy of the site, a staging host …)."""
    answer = fetch(feed_url, limit=FEED_LIMIT)
    if answer.status != 200:
        return [f"feed {feed_url} answered {answer.status}, not 200"]
    problems = []
    for enclosure in enclosures(answer.body, feed_url):
        if enclosure.length < 0:
            problems.append(f"{enclosure.url}: the feed gives no numeric length")
            continue
        problems += check_enclosure(enclosure, public_url(enclosure, base))
    return problems
