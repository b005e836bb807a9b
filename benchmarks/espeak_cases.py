"""How often espeak-ng says each test case as intended: from the raw text, and after audiopost's normalizer.

For every (input, expected spoken text) pair in tests/test_normalize.py ``CASES``, espeak-ng's phonemes
(``espeak-ng -q -x``) of the raw input and of ``normalize(input)`` are compared with the phonemes of the
expected text. A case counts as pronounced as expected when the phoneme strings are identical.

    .venv/bin/python benchmarks/espeak_cases.py [-v]
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from audiopost.text.normalize import normalize  # noqa: E402
from test_normalize import CASES  # noqa: E402


def phonemes(text: str) -> str:
    """espeak-ng's phoneme string for ``text`` (clause breaks as spaces)."""
    done = subprocess.run(["espeak-ng", "-q", "-x", "--stdin"], input=text, capture_output=True, text=True,
                          check=True)
    return " ".join(done.stdout.split())


def main(verbose: bool = False) -> int:
    if shutil.which("espeak-ng") is None:
        print("espeak-ng is not installed", file=sys.stderr)
        return 1
    texts = sorted({t for raw, expected in CASES for t in (raw, expected, normalize(raw))})
    with ThreadPoolExecutor(max_workers=8) as pool:
        said = dict(zip(texts, pool.map(phonemes, texts), strict=True))
    raw_ok = ours_ok = 0
    for raw, expected in CASES:
        want = said[expected]
        raw_ok += said[raw] == want
        ours = said[normalize(raw)] == want
        ours_ok += ours
        if verbose and said[raw] != want:
            print(f"raw differs: {raw!r}\n  raw:      {said[raw]}\n  expected: {want}")
        if not ours:
            print(f"audiopost differs: {raw!r} -> {normalize(raw)!r}")
    total = len(CASES)
    print(f"raw espeak-ng: {raw_ok}/{total} cases pronounced as expected; audiopost: {ours_ok}/{total}")
    return 0


if __name__ == "__main__":
    sys.exit(main("-v" in sys.argv[1:]))
