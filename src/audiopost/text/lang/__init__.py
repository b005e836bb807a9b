"""The languages audiopost reads, one module each, all keeping one contract (``Language``).

Adding a language is adding a file here, named by its ISO 639-1 code, that defines ``LANGUAGE``.
A language without a file gets typography only (``text.rules.basic``), and the pipeline says so once.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache

CODES = tuple(sorted(m.name for m in pkgutil.iter_modules(__path__) if len(m.name) == 2))
"""The languages with rules of their own (ISO 639-1): the two-letter modules of this package."""

WORD_KEYS = ("chapters", "transcript", "listen", "download", "read_post", "play_from", "position", "quote",
             "end_quote", "code_omitted", "table_omitted", "image")
"""The fixed words every language gives: the episode page's and those the script adds."""


@dataclass(frozen=True)
class Language:
    """What the text stage, the script, the episode and its page need to speak one language."""

    code: str
    """ISO 639-1, "es"."""
    name: str
    """The language's own name, "español"."""
    iso639_2: str
    """The three-letter code ID3 frames carry (COMM, USLT): "spa"."""
    normalize: Callable[[str, Collection[str]], str]
    """One sentence → its spoken form (``words``: extra acronyms said as words). May leave digits: the
    caller turns any left into digit words."""
    abbreviations: frozenset[str]
    """Lower-case words that end with a period and do not end a sentence ("sr", "p. ej" as "p.ej")."""
    intro: str
    """Spoken intro template ({title}, {author}, {date}, {site})."""
    outro: str
    """Spoken outro template."""
    date: Callable[[date], str]
    """A date as the outro, the ID3 comment and the page write it: "27 de noviembre de 2026"."""
    words: Mapping[str, str]
    """The page's and the script's fixed words, keyed by ``WORD_KEYS``."""
    footers: tuple[str, ...] = ()
    """Regular expressions of whole blocks that are feed boilerplate in this language ("La entrada … se
    publicó primero en …")."""
    calls_to_action: tuple[str, ...] = ()
    """Phrases (regular expressions) that mark a block at the edge of a post as a call to action."""
    ordinal_dot: bool = False
    """A period after a number of one or two digits makes an ordinal and does not end a sentence
    ("am 3. Oktober", German)."""
    digits: tuple[str, ...] = field(default=())
    """The words for 0-9, said one by one for a digit no rule took."""


@cache
def get(code: str) -> Language | None:
    """The rules for ``code`` ("es", "es-MX", "pt_BR"), or None when audiopost has none."""
    base = base_code(code)
    if base not in CODES:
        return None
    return importlib.import_module(f"{__name__}.{base}").LANGUAGE  # type: ignore[no-any-return]


def base_code(code: str) -> str:
    """"es-MX" → "es"; "pt_BR" → "pt"; "" → ""."""
    return (code or "").strip().lower().replace("_", "-").split("-")[0]
