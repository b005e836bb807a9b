"""A user's pronunciation lexicon: words the engine says wrong, and how to write them so it says them right.

The file is a TSV: ``word<TAB>spoken form`` per line, ``#`` comments and blank lines allowed. An entry
written in lowercase matches the word in any case ("kubectl" matches "Kubectl"); an entry with capitals
matches that exact case only ("Nice" the city, not "nice"). Entries may hold several words ("New York").
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from audiopost.errors import AudiopostError


def load_lexicon(path: str | Path) -> dict[str, str]:
    """Entries of a lexicon file; a malformed line is an error naming the file and the line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise AudiopostError(f"lexicon {path}: no such file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise AudiopostError(f"lexicon {path}: cannot read it ({e})") from None
    entries: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split("\t")
        word, spoken = (" ".join(p.split()) for p in parts) if len(parts) == 2 else ("", "")
        if not word or not spoken:
            raise AudiopostError(f"lexicon {path}, line {number}: expected 'word<TAB>spoken form', "
                                 f"got {line!r}")
        entries[word] = spoken
    return entries


def apply_lexicon(text: str, lexicon: dict[str, str]) -> str:
    """``text`` with every whole-word lexicon entry replaced by its spoken form, longest entries first."""
    if not lexicon or not text:
        return text
    pattern, exact, folded = _compiled(tuple(lexicon.items()))

    def repl(m: re.Match[str]) -> str:
        found = " ".join(m.group(0).split())
        if found in exact:
            return exact[found]
        return folded.get(found.lower(), m.group(0))

    return pattern.sub(repl, text)


@lru_cache(maxsize=8)
def _compiled(items: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], dict[str, str], dict[str, str]]:
    """One alternation for the whole lexicon (cached: the same lexicon is applied to every sentence)."""
    exact = {word: spoken for word, spoken in items if word != word.lower()}
    folded = {word: spoken for word, spoken in items if word == word.lower()}
    # Longest first so "New York" wins over "York"; for equal length exact-case entries come first.
    ordered = sorted(items, key=lambda item: (-len(item[0]), item[0] == item[0].lower()))
    alternatives = []
    for word, _ in ordered:
        body = r"\s+".join(re.escape(part) for part in word.split())
        alternatives.append(f"(?i:{body})" if word == word.lower() else body)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")
    return pattern, exact, folded
