"""Source → Post: read a path (or ``-`` for stdin), detect its format, find body and metadata."""

from __future__ import annotations

import sys
from pathlib import Path

from audiopost.errors import AudiopostError
from audiopost.sources import html, markdown, text
from audiopost.sources.post import Block, Post

__all__ = ["Block", "Post", "decode", "detect", "read_post"]

MAX_CHARS = 2_000_000
"""Default size limit for one post, in characters (a long book chapter is ~100,000)."""

READERS = {"text": text.parse, "markdown": markdown.parse, "html": html.parse}
EXTENSIONS = {
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


def read_post(source: str | Path, *, fmt: str | None = None, max_chars: int = MAX_CHARS) -> Post:
    """Read a post from a path or ``-`` (stdin) and return its body and metadata."""
    name = str(source)
    data = _read_bytes(name, max_chars)
    content = decode(data, name)
    if len(content) > max_chars:
        raise AudiopostError(f"{name} has {len(content):,} characters, over the limit of {max_chars:,} "
                             "(raise it with --max-chars)")
    if not content.strip():
        raise AudiopostError(f"{name} is empty")
    kind = fmt or detect(name, content)
    if kind not in READERS:
        raise AudiopostError(f"unknown input format {kind!r} (choose from {', '.join(READERS)})")
    post = READERS[kind](content)
    return Post(**{**post.__dict__, "source": name})


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
    ext = Path(name).suffix.lower() if name != "-" else ""
    if ext in EXTENSIONS:
        return EXTENSIONS[ext]
    head = content.lstrip()[:2000].lower()
    if head.startswith(("<!doctype html", "<html")) or "<body" in head or "<article" in head:
        return "html"
    if content.startswith("---\n") or content.startswith("---\r\n") or head.startswith("# "):
        return "markdown"
    return "text"
