"""Post: what the Source stage finds in an input, the value handed to the Script stage."""

from __future__ import annotations

from dataclasses import dataclass, field

BLOCK_KINDS = ("heading", "paragraph", "quote", "item", "code", "table", "image")


@dataclass(frozen=True)
class Block:
    """One structural piece of the body, in reading order."""

    kind: str
    """One of BLOCK_KINDS."""
    text: str
    """Plain text (inline markup removed; for ``image`` the alt text)."""
    level: int = 0
    """Heading level 1–6; 0 for other kinds."""


@dataclass(frozen=True)
class Post:
    """A post with its metadata. Empty strings mean "not known"."""

    title: str
    blocks: tuple[Block, ...]
    author: str = ""
    date: str = ""
    """ISO 8601 date or date-time, as found (normalized when it could be parsed)."""
    link: str = ""
    image: str = ""
    """Cover image: a local path or a URL, as the source names it."""
    site: str = ""
    """Site or feed name; becomes the album (show) tag."""
    language: str = ""
    guid: str = ""
    categories: tuple[str, ...] = field(default=())
    source: str = ""
    """Where the post was read from: a path or ``-``."""
    entry: int = 0
    """Which entry of the feed ``source`` it is (1 = newest); 0 when the source is not a feed."""
    notes: tuple[str, ...] = field(default=())
    """Things worth telling the user on stderr (e.g. "feed only had a summary")."""
