"""Plain text posts: paragraphs from blank lines (or one per line when the text is flattened)."""

from __future__ import annotations

import re

from audiopost.sources.post import Block, Post
from audiopost.text.boilerplate import find_rule, residue_metadata

_END = re.compile(r"[.!?…:;\"”’)\]]$")


def paragraphs(content: str) -> list[str]:
    """Split text into paragraphs.

    A blank line always ends one. A single newline ends one when the line before it ends a sentence
    (flattened feed text puts one paragraph on each line); otherwise it is a hard wrap and is joined.
    """
    out: list[str] = []
    current: list[str] = []
    for raw in content.splitlines():
        line = raw.strip()
        if not line:
            if current:
                out.append(" ".join(current))
                current = []
            continue
        if find_rule(line) is not None:  # a residue line (player links, "*") stands alone
            if current:
                out.append(" ".join(current))
                current = []
            out.append(line)
            continue
        current.append(line)
        if _END.search(line) or len(line) < 40:
            out.append(" ".join(current))
            current = []
    if current:
        out.append(" ".join(current))
    return out


def _looks_like_title(line: str) -> bool:
    return len(line) <= 150 and not re.search(r"[.!?,;]$", line) and len(line.split()) <= 20


def parse(content: str) -> Post:
    """A Post from plain text. Title: the first line when it looks like one, else the feed residue's."""
    paras = paragraphs(content)
    meta = residue_metadata(paras)
    body = [p for p in paras]
    title = ""
    first = next((i for i, p in enumerate(body) if find_rule(p) is None), None)
    if first is not None and _looks_like_title(body[first]) and len(body) > first + 1:
        title = body.pop(first)
    title = title or meta.get("title", "")
    if not title and body:
        title = next((p for p in body if find_rule(p) is None), body[0])
        title = re.split(r"(?<=[.!?])\s", title, maxsplit=1)[0][:120]
    blocks = tuple(Block("paragraph", p) for p in body)
    return Post(title=title.strip(), blocks=blocks, site=meta.get("site", ""))
