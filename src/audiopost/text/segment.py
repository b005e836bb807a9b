"""Sentence splitting that does not stop at abbreviations, initials or decimals."""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    "mr mrs ms mx dr prof sr jr st gen sen rep gov lt col capt sgt maj adm rev hon pres supt "
    "vs etc e.g i.e cf al approx est no nos vol vols fig figs ch pp inc ltd co corp bros dept univ "
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun ave blvd rd mt ft "
    "a.m p.m u.s u.k u.n e.u d.c".split()
)
_BOUNDARY = re.compile(r"(?<=[.!?…])([\"”’)\]]*)\s+(?=[\"“‘(\[]?[A-Z0-9À-Ý])")
MAX_SENTENCE = 400
"""Longer sentences are cut at clause boundaries (; : , —) so one synthesis call stays small."""


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences."""
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        return []
    out: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.start() + len(m.group(1))
        candidate = text[start:end]
        last = candidate.rstrip("\"”’)]").split(" ")[-1].lower()
        word = last.rstrip(".")
        if candidate.rstrip("\"”’)]").endswith(".") and (
            word in ABBREVIATIONS or re.fullmatch(r"[a-z]", word) or re.fullmatch(r"([a-z]\.)+[a-z]", word)
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
