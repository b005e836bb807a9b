"""Source → Post: read a path (or ``-`` for stdin), detect its format, find body and metadata."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from audiopost.errors import AudiopostError
from audiopost.sources import feed as feeds
from audiopost.sources import html, markdown, text
from audiopost.sources.fetch import fetch, is_url
from audiopost.sources.post import Block, Post, author_name

__all__ = ["Block", "Pick", "Post", "decode", "detect", "read_post"]

MAX_CHARS = 2_000_000
"""Default size limit for one post, in characters (a long book chapter is ~100,000)."""

READERS = {"text": text.parse, "markdown": markdown.parse, "html": html.parse, "feed": None}
EXTENSIONS = {
    ".xml": "feed", ".rss": "feed", ".atom": "feed", ".rdf": "feed",
    ".txt": "text", ".text": "text",
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
}
MAGIC = {
    b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
    b"%PDF": "a PDF document", b"PK\x03\x04": "a ZIP archive", b"ID3": "an MP3 file",
    b"RIFF": "a RIFF (WAV/WebP) file", b"\x1f\x8b": "gzip data", b"OggS": "an Ogg file",
    b"fLaC": "a FLAC file", b"\x7fELF": "a program",
}


@dataclass(frozen=True)
class Pick:
    """Which entry of a feed to narrate (at most one field set; none = the newest)."""

    entry: int | None = None
    guid: str | None = None
    match: str | None = None


def read_post(source: str | Path, *, fmt: str | None = None, max_chars: int = MAX_CHARS,
              pick: Pick = Pick()) -> Post:
    """Read a post from a path, an http(s) URL or ``-`` (stdin) and return its body and metadata.

    A feed (RSS/Atom) gives one of its entries: the newest, or the one ``pick`` names.
    """
    name = str(source)
    data = fetch(name, max_chars * 4) if is_url(name) else _read_bytes(name, max_chars)
    if fmt == "feed" or (fmt is None and (EXTENSIONS.get(_extension(name)) == "feed"
                                          or feeds.looks_like_feed(data[:4096].decode("latin-1")))):
        post = feeds.parse_feed(data, entry=pick.entry, guid=pick.guid, match=pick.match,
                                base_url=name if is_url(name) else "")
        return _language(replace(post, source=name, author=author_name(post.author)), "feed")
    if pick != Pick():
        raise AudiopostError(f"{name} is not a feed: --entry, --guid and --match apply to RSS/Atom feeds only")
    content = decode(data, name)
    if len(content) > max_chars:
        raise AudiopostError(f"{name} has {len(content):,} characters, over the limit of {max_chars:,} "
                             "(raise it with --max-chars)")
    if not content.strip():
        raise AudiopostError(f"{name} is empty")
    kind = fmt or detect(name, content)
    reader = READERS.get(kind)
    if reader is None:
        raise AudiopostError(f"unknown input format {kind!r} (choose from {', '.join(READERS)})")
    post = reader(content)
    return _language(replace(post, source=name, author=author_name(post.author)), kind)


LANGUAGE_FROM = {"feed": "from the feed (xml:lang or <language>)", "html": "from the page (lang or og:locale)",
                 "markdown": "from the front matter", "text": "from the text's header"}


def _language(post: Post, kind: str) -> Post:
    """The post's language: as its source states it, unless the body is clearly in another (a WordPress
    feed often states its installation's language, a theme its default); else guessed from the body."""
    from audiopost.sources.language import SURE, guess

    stated = post.language
    found = guess("\n".join(b.text for b in post.blocks if b.kind in ("paragraph", "quote", "item", "heading")))
    if stated and (found is None or found.code == stated.lower().replace("_", "-").split("-")[0]
                   or found.probability < SURE):
        return replace(post, language_from=LANGUAGE_FROM.get(kind, kind))
    if found is None:
        return post
    over = f", not {stated!r} as {LANGUAGE_FROM.get(kind, kind)[len('from '):]} says" if stated else ""
    return replace(post, language=found.code, language_from=f"guessed from the text ({found}){over}")


def _extension(name: str) -> str:
    return "" if name == "-" else Path(name.split("?")[0]).suffix.lower()


def _read_bytes(name: str, max_chars: int) -> bytes:
    limit = max_chars * 4 + 4  # a character is at most 4 bytes of UTF-8
    if name == "-":
        data = sys.stdin.buffer.read(limit + 1)
    else:
        path = Path(name)
        if path.is_dir():
            raise AudiopostError(f"{name} is a directory, not a post")
        try:
            with path.open("rb") as f:
                data = f.read(limit + 1)
        except FileNotFoundError:
            raise AudiopostError(f"{name}: no such file") from None
        except OSError as e:
            raise AudiopostError(f"cannot read {name}: {e.strerror or e}") from None
    if len(data) > limit:
        raise AudiopostError(f"{name} is larger than the limit of {max_chars:,} characters "
                             "(raise it with --max-chars)")
    return data


def decode(data: bytes, name: str = "input") -> str:
    """Bytes → text: UTF-8 (BOM or not), else cp1252, else latin-1. Binary data is refused."""
    for magic, what in MAGIC.items():
        if data.startswith(magic):
            raise AudiopostError(f"{name} is {what}, not a text post")
    head = data[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise AudiopostError(f"{name} looks like binary data, not a text post")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            content = data.decode("cp1252")
        except UnicodeDecodeError:
            content = data.decode("latin-1")
    controls = sum(1 for c in content[:8192] if ord(c) < 32 and c not in "\t\n\r\f")
    if controls > max(8, len(content[:8192]) // 20):
        raise AudiopostError(f"{name} looks like binary data, not a text post")
    return content


def detect(name: str, content: str) -> str:
    """The input format: by file extension first, then by content."""
    ext = _extension(name)
    if ext in EXTENSIONS:
        return EXTENSIONS[ext]
    head = content.lstrip()[:2000].lower()
    if feeds.looks_like_feed(content[:4096]):
        return "feed"
    if head.startswith(("<!doctype html", "<html")) or "<body" in head or "<article" in head:
        return "html"
    if re.match(r"\ufeff?(---|\+\+\+)[ \t]*\r?\n", content) or head.startswith("# "):
        return "markdown"
    return "text"
