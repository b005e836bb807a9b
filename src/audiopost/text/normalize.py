"""Text for the ear: written forms rewritten as a person would say them.

This is the base set; every rule is tested in tests/test_normalize.py.
"""

from __future__ import annotations

import re

_TYPOGRAPHY = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'", "…": "...",
                             "\u00a0": " ", "\u200b": "", "\u200c": "", "\u200d": "", "\ufeff": ""})


def normalize(text: str, language: str = "en") -> str:
    """The spoken form of one sentence or paragraph."""
    text = text.translate(_TYPOGRAPHY)
    text = re.sub(r"\s*[—–]\s*", ", ", text)
    text = re.sub(r"[*#|•_~^`]+", " ", text)
    if language.lower().startswith("en"):
        text = re.sub(r"\s&\s", " and ", text)
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r",\s*,", ",", text)
    return re.sub(r"\s+", " ", text).strip(" ,")
