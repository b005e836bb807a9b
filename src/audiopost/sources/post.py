"""Post: what the Source stage finds in an input, the value handed to the Script stage."""

from __future__ import annotations

import re
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
    links: int = 0
    """Letters and digits of ``text`` that are link text (for link density: tag clouds, related posts)."""


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
    """BCP 47 / ISO 639 code as given ("es", "pt-BR"); "" when neither the source nor the text tells."""
    language_from: str = ""
    """Where ``language`` came from, for ``script --explain``: "from the feed", "guessed from the text (es, p=1.00)"."""
    guid: str = ""
    categories: tuple[str, ...] = field(default=())
    source: str = ""
    """Where the post was read from: a path or ``-``."""
    entry: int = 0
    """Which entry of the feed ``source`` it is (1 = newest); 0 when the source is not a feed."""
    recurring: tuple[int, ...] = field(default=())
    """For a feed entry: in how many of the ``compared`` other entries of its feed each block recurs."""
    compared: int = 0
    """How many other entries of the feed ``recurring`` counts in (0: not a feed, or a one-entry feed)."""
    notes: tuple[str, ...] = field(default=())
    """Things worth telling the user on stderr (e.g. "feed only had a summary")."""


def word_chars(text: str) -> int:
    """Letters and digits: what link density is measured in (separators and spaces do not count)."""
    return sum(c.isalnum() for c in text)


_EMAIL = re.compile(r"<?\b(mailto:)?[\w.+-]+@[\w-]+(\.[\w-]+)+\b>?", re.I)


def author_name(author: str) -> str:
    """The name to speak for a byline: RSS's ``name@host (Name)`` and ``Name <name@host>`` give "Name"; an
    e-mail address alone gives "" (a listener should never hear one read out as the author)."""
    m = re.fullmatch(r"\s*\S+@\S+\s*\((?P<name>[^()]+)\)\s*", author)
    if m:
        name = m["name"].strip()
        return "" if name.lower() in ("unknown", "anonymous") else name  # Blogger's hidden profiles
    name = _EMAIL.sub(" ", author)
    name = re.sub(r"\(\s*\)|\s+", " ", name).strip(" ,;()")
    return name if re.search(r"\w", name) else ""
