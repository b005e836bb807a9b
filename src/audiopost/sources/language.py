"""A post's language when its source does not say (or says wrong): guessed from the body by langdetect.

langdetect (the Python port of Google's language-detection, Apache-2.0) is loaded with the profiles of
the languages audiopost has rules for and three neighbours only: that takes ~0.1 s instead of ~0.5 s
for all 55. py3langid was measured too (benchmarks/
language_detect.py): as accurate on these posts, but loading its model takes ~1 s, ten times the
budget a narration allows for this.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

LANGUAGES = ("en", "es", "fr", "de", "pt", "it", "nl", "ca", "ro")
"""The six audiopost reads, and three close neighbours, so that a Dutch, Catalan or Romanian post is
named as such (and read with typography only) rather than taken for German, Spanish or Italian."""
MIN_LETTERS = 40
"""Fewer letters than this are too few to guess from (a title alone): no guess."""
MIN_PROBABILITY = 0.80
"""A guess less sure than this is no guess."""
SURE = 0.999
"""A guess this sure, on a body of ``MIN_SURE_LETTERS`` or more, wins over the language the source states."""
MIN_SURE_LETTERS = 400
SAMPLE = 1500
"""Characters of the body the guess reads: more adds time, not accuracy."""


@dataclass(frozen=True)
class Guess:
    code: str
    probability: float

    def __str__(self) -> str:
        return f"{self.code}, p={self.probability:.2f}"


@cache
def _factory() -> Any:
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
    from langdetect.utils.lang_profile import LangProfile

    factory = DetectorFactory()
    # Not load_json_profile: its bare ``except:`` would turn a Ctrl-C into a "profile format error".
    for index, code in enumerate(LANGUAGES):
        data = json.loads((Path(PROFILES_DIRECTORY) / code).read_text(encoding="utf-8"))
        factory.add_profile(LangProfile(**data), index, len(LANGUAGES))
    factory.set_seed(0)  # langdetect samples at random: a seed makes the same text give the same guess
    return factory


def guess(text: str) -> Guess | None:
    """The language of ``text`` among ``LANGUAGES``, or None when the text is too short or the
    guess too unsure."""
    text = re.sub(r"https?://\S+|\S+@\S+", " ", text[:SAMPLE])
    if sum(c.isalpha() for c in text) < MIN_LETTERS:
        return None
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory().create()
    detector.append(text)
    try:
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return None
    if best.prob < MIN_PROBABILITY:
        return None
    # a short body is never "sure": it cannot overrule what the source states
    return Guess(best.lang, best.prob if sum(c.isalpha() for c in text) >= MIN_SURE_LETTERS else min(best.prob, 0.99))
