"""Sentence splitting that does not stop at abbreviations, initials or decimals."""

from __future__ import annotations

import re
from collections.abc import Collection

from audiopost.text.lang.en import ABBREVIATIONS

_BOUNDARY = re.compile(r"(?<=[.!?…])([\"”’»)\]]*)\s+(?=[\"“‘«(\[¿¡]?[A-Z0-9À-ÝĀ-Ž])")
MAX_SENTENCE = 400
"""Longer sentences are cut at clause boundaries (; : , —) so one synthesis call stays small."""


def sentences(text: str, abbreviations: Collection[str] = ABBREVIATIONS, ordinal_dot: bool = False) -> list[str]:
    """Split a paragraph into sentences; a period after one of ``abbreviations`` (lower-case, inner
    periods kept: "p.ej", "z.b") or after a single letter (an initial; a unit after a number, "8:30 h.",
    does end one) does not end one, nor (``ordinal_dot``, German)
    one after a number of one or two digits: "am 3. Oktober"."""
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        return []
    out: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.start() + len(m.group(1))
        candidate = text[start:end]
        last = candidate.rstrip("\"”’»)]").split(" ")[-1].lower()
        word = last.rstrip(".")
        pair = " ".join(candidate.rstrip("\"”’»)]").split(" ")[-2:]).lower().rstrip(".").replace(". ", ".")
        if candidate.rstrip("\"”’»)]").endswith(".") and (
            word in abbreviations or pair in abbreviations
            or (re.fullmatch(r"[a-z]", word) and not re.search(r"\d\s?\S\.?$", candidate.rstrip("\"”’»)]")))
            or re.fullmatch(r"([a-z]\.)+[a-z]", word) or (ordinal_dot and re.fullmatch(r"\d{1,2}", word))
        ):
            continue
        out.append(candidate.strip())
        start = m.end()
    out.append(text[start:].strip())
    return [piece for s in out if s for piece in _cut(s)]


def _cut(sentence: str, limit: int = MAX_SENTENCE) -> list[str]:
    if len(sentence) <= limit:
        return [sentence]
    for sep in ("; ", ": ", " — ", ", ", " "):
        parts = sentence.split(sep)
        if len(parts) > 1:
            out: list[str] = []
            current = ""
            for part in parts:
                joined = f"{current}{sep}{part}" if current else part
                if current and len(joined) > limit:
                    out.append(current + sep.rstrip())
                    current = part
                else:
                    current = joined
            out.append(current)
            if all(len(p) <= limit for p in out):
                return out
            return [q for p in out for q in _cut(p, limit)]
    return [sentence[i:i + limit] for i in range(0, len(sentence), limit)]
