"""How often espeak-ng says each test case as intended: from the raw text, and after audiopost's normalizer.

For every (input, expected spoken text) pair in a language's table (tests/test_normalize.py ``CASES`` for
English, tests/test_lang_<code>.py ``CASES`` for the others), espeak-ng's phonemes (``espeak-ng -q -x``,
with the language's voice) of the raw input and of ``normalize(input, code)`` are compared with the
phonemes of the expected text. A case counts as pronounced as expected when the phoneme strings are
identical.

    .venv/bin/python benchmarks/espeak_cases.py [-v] [en|es|fr|de|pt|it|all]
"""

from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from audiopost.text import lang  # noqa: E402
from audiopost.text.normalize import normalize  # noqa: E402


def phonemes(text: str, voice: str = "en") -> str:
    """espeak-ng's phoneme string for ``text`` (clause breaks as spaces)."""
    done = subprocess.run(["espeak-ng", "-q", "-x", "-v", voice, "--stdin"], input=text, capture_output=True,
                          text=True, check=True)
    return " ".join(done.stdout.split())


def cases(code: str) -> list[tuple[str, str]]:
    module = importlib.import_module("test_normalize" if code == "en" else f"test_lang_{code}")
    return list(module.CASES)


def main(verbose: bool = False, code: str = "en") -> int:
    if shutil.which("espeak-ng") is None:
        print("espeak-ng is not installed", file=sys.stderr)
        return 1
    if code == "all":
        return max(main(verbose, c) for c in lang.CODES)
    table = cases(code)
    texts = sorted({t for raw, expected in table for t in (raw, expected, normalize(raw, code))})
    with ThreadPoolExecutor(max_workers=8) as pool:
        said = dict(zip(texts, pool.map(lambda t: phonemes(t, code), texts), strict=True))
    raw_ok = ours_ok = 0
    for raw, expected in table:
        want = said[expected]
        raw_ok += said[raw] == want
        ours = said[normalize(raw, code)] == want
        ours_ok += ours
        if verbose and said[raw] != want:
            print(f"raw differs: {raw!r}\n  raw:      {said[raw]}\n  expected: {want}")
        if not ours:
            print(f"audiopost differs: {raw!r} -> {normalize(raw, code)!r}")
    total = len(table)
    print(f"{code}: raw espeak-ng {raw_ok}/{total} cases pronounced as expected; audiopost {ours_ok}/{total}")
    return 0


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "-v"]
    sys.exit(main("-v" in sys.argv[1:], args[0] if args else "en"))
