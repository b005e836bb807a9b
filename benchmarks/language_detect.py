"""Two language detectors on the same real posts: langdetect (what audiopost uses) and py3langid.

For every row of tests/data/real/expect.tsv (real posts in six languages, each with its language), the
post's body is read as audiopost reads it and each detector guesses its language among the same nine
(``sources.language.LANGUAGES``), from the whole body (first 4,000 characters) and from its first
sentence only (the hard case). Load time is measured in a fresh process: it is what a narration pays.

    .venv/bin/python benchmarks/language_detect.py
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from audiopost.sources import Pick, read_post  # noqa: E402
from audiopost.sources.language import LANGUAGES, SAMPLE, guess  # noqa: E402
from audiopost.text.segment import sentences  # noqa: E402
from realworld import REAL, rows  # noqa: E402

LOAD = {
    "langdetect": "from audiopost.sources.language import guess; guess('Ceci est une phrase assez longue pour "
                  "deviner sa langue sans trop de doute.')",
    "py3langid": "from py3langid.langid import LanguageIdentifier, MODEL_FILE; "
                 "i = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True); "
                 f"i.set_languages({list(LANGUAGES)!r}); i.classify('Ceci est une phrase assez longue.')",
}


def py3langid() -> object:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(list(LANGUAGES))
    return ident


def load_seconds(code: str, runs: int = 3) -> float:
    """Best of ``runs``: a fresh interpreter importing and loading the detector, minus a bare interpreter."""
    def best(statement: str) -> float:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", statement], check=True, env={"PYTHONPATH": str(ROOT / "src")})
            times.append(time.perf_counter() - start)
        return min(times)

    return best(code) - best("import audiopost.sources.language")


def main() -> int:
    ident = py3langid()
    texts: list[tuple[str, str, str]] = []  # (language, body, first sentence)
    for row in rows():
        pick = Pick(match=row.pick[len("match:"):]) if row.pick.startswith("match:") else Pick()
        post = read_post(REAL / row.file, pick=pick)
        body = "\n".join(b.text for b in post.blocks if b.kind in ("paragraph", "quote", "item", "heading"))
        first = next((s for s in sentences(body) if len(s) >= 40), body[:200])
        texts.append((row.language, body, first))
    for name, detect in (("langdetect", lambda t: (g.code if (g := guess(t)) else "?")),
                         ("py3langid", lambda t: ident.classify(t[:SAMPLE])[0])):  # type: ignore[attr-defined]
        start = time.perf_counter()
        whole = sum(detect(body) == want for want, body, _ in texts)
        first = sum(detect(sentence) == want for want, _, sentence in texts)
        per_call = (time.perf_counter() - start) / (2 * len(texts))
        print(f"{name:<11} whole body {whole}/{len(texts)}, first sentence {first}/{len(texts)}; "
              f"{per_call * 1000:.1f} ms a guess; load {load_seconds(LOAD[name]):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
