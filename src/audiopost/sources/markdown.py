"""Markdown posts: YAML front matter for metadata, markdown-it-py for the block structure."""

from __future__ import annotations

import re
import tomllib
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from audiopost.errors import AudiopostError
from audiopost.sources.dates import iso_date
from audiopost.sources.post import Block, Post, word_chars

_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_TOML_FRONT = re.compile(r"\A\ufeff?\+\+\+[ \t]*\r?\n(.*?)\r?\n\+\+\+[ \t]*(?:\r?\n|\Z)", re.S)
"""Hugo's default front matter: TOML between ``+++`` lines."""
_md = MarkdownIt("commonmark").enable("table").enable("strikethrough")

_KEYS = {
    "title": ("title",), "author": ("author", "authors", "by"), "date": ("date", "published", "pubdate"),
    "image": ("image", "cover", "cover_image", "featured_image", "og_image"),
    "link": ("link", "url", "canonical_url", "permalink"), "site": ("site", "site_name", "publication"),
    "language": ("language", "lang", "locale"), "guid": ("guid", "id"),
}


def front_matter(content: str) -> tuple[dict[str, Any], str]:
    """The front matter, YAML (``---``) or TOML (``+++``), as a dict (maybe empty), and the rest of the text."""
    m = _TOML_FRONT.match(content)
    if m:
        try:
            return tomllib.loads(m.group(1).replace("\r\n", "\n")), content[m.end():]
        except tomllib.TOMLDecodeError as e:
            raise AudiopostError(f"front matter is not valid TOML: {e}") from None
    m = _FRONT.match(content)
    if not m:
        return {}, content
    try:
        data = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError as e:
        raise AudiopostError(f"front matter is not valid YAML: {str(e).splitlines()[0]}") from None
    if not isinstance(data, dict):
        raise AudiopostError("front matter must be a YAML mapping (key: value lines)")
    return data, content[m.end():]


def _meta(data: dict[str, Any], key: str) -> str:
    for name in _KEYS[key]:
        value = data.get(name)
        if value is None:
            continue
        if isinstance(value, list):
            value = ", ".join(str(v.get("name", v)) if isinstance(v, dict) else str(v) for v in value)
        elif isinstance(value, dict):
            value = value.get("name") or value.get("url") or ""
        return iso_date(value) if key == "date" else str(value).strip()
    return ""


def inline_text(token: Token) -> str:
    """Plain text of an inline token: link text kept, URLs, images, HTML and footnote marks dropped."""
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    text = "".join(parts)
    text = re.sub(r"\[\^[^\]]+\]", "", text)  # footnote references
    return re.sub(r"\s+", " ", text).strip()


def link_chars(token: Token) -> int:
    """Letters and digits of link text in an inline token."""
    depth = count = 0
    for child in token.children or []:
        if child.type == "link_open":
            depth += 1
        elif child.type == "link_close":
            depth = max(0, depth - 1)
        elif depth and child.type in ("text", "code_inline"):
            count += word_chars(child.content)
    return count


def blocks(tokens: list[Token]) -> list[Block]:
    """The reading-order blocks of a markdown-it token stream."""
    out: list[Block] = []
    quote = item = 0
    for i, tok in enumerate(tokens):
        if tok.type == "blockquote_open":
            quote += 1
        elif tok.type == "blockquote_close":
            quote -= 1
        elif tok.type == "list_item_open":
            item += 1
        elif tok.type == "list_item_close":
            item -= 1
        elif tok.type in ("fence", "code_block"):
            out.append(Block("code", tok.content))
        elif tok.type == "table_open":
            out.append(Block("table", ""))
        elif tok.type == "inline" and i > 0:
            parent = tokens[i - 1]
            if parent.type == "heading_open":
                out.append(Block("heading", inline_text(tok), int(parent.tag[1]), link_chars(tok)))
            elif parent.type == "paragraph_open" and not _in_table(tokens, i):
                images = [c for c in tok.children or [] if c.type == "image"]
                text = inline_text(tok)
                if not text and images:
                    out.append(Block("image", images[0].content or str(images[0].attrs.get("alt", ""))))
                elif text:
                    out.append(Block("quote" if quote else "item" if item else "paragraph", text,
                                     links=min(word_chars(text), link_chars(tok))))
        elif tok.type == "html_block":
            continue
    return out


def _in_table(tokens: list[Token], i: int) -> bool:
    return any(t.type in ("td_open", "th_open") for t in tokens[max(0, i - 1):i])


def parse(content: str) -> Post:
    """A Post from Markdown. Title: front matter, else the first level-1 heading, else the first line."""
    data, body = front_matter(content)
    found = blocks(_md.parse(body))
    title = _meta(data, "title")
    if not title:
        first = next((b for b in found if b.kind == "heading"), None)
        if first is not None and first is found[0]:
            title = first.text
            found = found[1:]
        elif found:
            title = re.split(r"(?<=[.!?])\s", found[0].text, maxsplit=1)[0][:120]
    elif found and found[0].kind == "heading" and found[0].text.strip().lower() == title.strip().lower():
        found = found[1:]
    tags = data.get("tags") or data.get("categories") or ()
    if isinstance(tags, str):
        tags = [t.strip() for t in tags.split(",")]
    return Post(
        title=title, blocks=tuple(found), author=_meta(data, "author"), date=_meta(data, "date"),
        link=_meta(data, "link"), image=_meta(data, "image"), site=_meta(data, "site"),
        language=_meta(data, "language"), guid=_meta(data, "guid"),
        categories=tuple(str(t) for t in tags),
    )
