"""Text for the ear: one sentence in, its spoken form out, by the rules of its language.

``normalize`` is called once per sentence by the script stage and its result goes straight to the
engine. The rules of each language live in ``text/lang/<code>.py`` (the shared machinery in
``text/rules.py``); a language audiopost has no rules for gets typography cleanup only.

The contract for every language with rules: the output never contains a digit. Every number is
spelled out, so the engine never guesses; a digit no rule took is said digit by digit.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from audiopost.text import lang
from audiopost.text.rules import basic, safely, tidy


def normalize(text: str, language: str = "en", *, words: Collection[str] = ()) -> str:
    """The spoken form of one sentence or paragraph in ``language`` (ISO 639-1, "es" or "es-MX").

    ``words``: extra acronyms said as words.
    """
    if not isinstance(text, str) or not text:
        return ""
    rules = lang.get(language or "en")
    if rules is None:
        return safely(basic, text)
    text = rules.normalize(text, words)
    if re.search(r"\d", text):  # the contract: no digit reaches the engine
        text = tidy(re.sub(r"\d", lambda m: f" {rules.digits[int(m.group(0))]} ", text))
    return text


def known(language: str) -> bool:
    """Whether audiopost has rules of its own for ``language``."""
    return lang.get(language or "en") is not None
