"""Feed and page residue that must never be spoken, as named rules over whole blocks.

A rule is a name and a regular expression; a block whose whole text matches is dropped. Users add or
disable rules in their voice profile (see ``profiles.py``); ``audiopost script --explain`` prints which
rule removed what.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_PLATFORMS = (r"spotify|apple podcasts?|google podcasts|youtube( music)?|online|stitcher|overcast|"
              r"pocket ?casts|castbox|amazon music|soundcloud|podbean|rss|deezer|tunein|iheart(radio)?|"
              r"the web|our website|anchor|radio ?public|patreon|substack")


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]

    def matches(self, text: str) -> bool:
        return self.pattern.fullmatch(text.strip()) is not None


def rule(name: str, regex: str) -> Rule:
    """A rule from a name and a regex matched (case-insensitively) against a whole block."""
    try:
        return Rule(name, re.compile(regex, re.IGNORECASE | re.DOTALL))
    except re.error as e:
        from audiopost.errors import AudiopostError

        raise AudiopostError(f"boilerplate rule {name!r}: bad regular expression: {e}") from None


APPEARED_FIRST = re.compile(r"the post (?P<title>.+?) appeared first on (?P<site>[^,;]{1,80}?)\.?", re.I | re.S)
RSS_BRIDGE = re.compile(r"from (?P<site>.+?) via .{0,80}?\brss feed\.?", re.I | re.S)

DEFAULT_RULES: tuple[Rule, ...] = (
    rule("separator", r"[\s*•·\-–—_=~#|+.<>]*"),
    rule("player-links", rf"(listen|watch|stream|hear|subscribe|follow)\b.{{0,60}}?\b(on|at|in|via)\b.{{0,40}}?"
                         rf"\b({_PLATFORMS})\b.{{0,120}}"),
    rule("platform-row", rf"(\s*[|•·,/]?\s*({_PLATFORMS})\s*)+"),
    rule("support-plug", r"(support|back|fund|join|become a (patron|member|supporter) of)\b.{0,80}?"
                         r"\b(patreon|ko-?fi|buy ?me ?a ?coffee|paypal|liberapay|open ?collective|"
                         r"substack|membership)\b.{0,80}"),
    rule("appeared-first", APPEARED_FIRST.pattern),
    rule("rss-bridge", RSS_BRIDGE.pattern),
)


@dataclass(frozen=True)
class Removal:
    rule: str
    text: str


def find_rule(text: str, rules: Sequence[Rule] = DEFAULT_RULES) -> str | None:
    """The name of the first rule that matches the whole of ``text``, or None."""
    for r in rules:
        if r.matches(text):
            return r.name
    return None


def clean(texts: Iterable[str], rules: Sequence[Rule] = DEFAULT_RULES) -> tuple[list[int], list[Removal]]:
    """Indexes of the texts to keep, and what was removed by which rule."""
    kept: list[int] = []
    removed: list[Removal] = []
    for i, text in enumerate(texts):
        name = find_rule(text, rules)
        if name is None:
            kept.append(i)
        else:
            removed.append(Removal(name, text.strip()))
    return kept, removed


def residue_metadata(lines: Iterable[str]) -> dict[str, str]:
    """Title and site named by feed residue ("The post T appeared first on S.", "From S via … RSS Feed")."""
    found: dict[str, str] = {}
    for line in lines:
        line = line.strip()
        m = APPEARED_FIRST.fullmatch(line)
        if m:
            found.setdefault("title", m["title"].strip())
            found.setdefault("site", m["site"].strip().rstrip("."))
        m = RSS_BRIDGE.fullmatch(line)
        if m:
            found.setdefault("site", m["site"].strip())
    return found
