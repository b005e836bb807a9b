"""What the pictures cost: the episode page's waveform, `inspect --plot`, `batch --report`.

    .venv/bin/python benchmarks/pictures.py [--words 2000] [--runs 3]

On compare.py's text: `narrate --page` against `narrate` alone (alternated, no cache, best of N), and the
plain espeak-ng + libmp3lame pipeline on the same text for scale; then, on the episode made, `audiopost
page` (which decodes the MP3 for its waveform), `inspect` against `inspect --plot` (PNG and SVG), and the
page's and the waveform's size in bytes.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compare import AUDIOPOST, audiopost, make_text, plain_pipeline, run, timed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="audiopost-bench-") as tmp:
        work = Path(tmp)
        text = work / "post.txt"
        text.write_text(make_text(args.words), encoding="utf-8")
        best = {"narrate": float("inf"), "narrate --page": float("inf"), "plain": float("inf")}
        for _ in range(args.runs):  # alternated, so a slow moment of the machine hits both
            best["narrate"] = min(best["narrate"], timed(lambda: audiopost(text, work)))
            best["narrate --page"] = min(best["narrate --page"], timed(lambda: audiopost(text, work, "--page")))
            best["plain"] = min(best["plain"], timed(lambda: plain_pipeline(text, work)))
        mp3 = work / "audiopost.mp3"
        page = mp3.with_suffix(".html")
        html = page.read_text(encoding="utf-8")
        wave = re.search(r'<div class="ap-wave".*?</svg>', html, re.S)
        tools = {
            "page (decodes the MP3)": lambda: run([str(AUDIOPOST), "page", str(mp3)]),
            "inspect": lambda: run([str(AUDIOPOST), "inspect", str(mp3)]),
            "inspect --plot PNG": lambda: run([str(AUDIOPOST), "inspect", str(mp3), "--plot", str(work / "p.png")]),
            "inspect --plot SVG": lambda: run([str(AUDIOPOST), "inspect", str(mp3), "--plot", str(work / "p.svg")]),
        }
        times = {name: min(timed(fn) for _ in range(args.runs)) for name, fn in tools.items()}
    print(f"{args.words} words, best of {args.runs}")
    for name, seconds in best.items():
        print(f"  {name:<26} {seconds:6.2f} s  {seconds / best['plain']:.2f}x the plain pipeline")
    print(f"  --page costs {best['narrate --page'] / best['narrate']:.3f}x narrate alone")
    for name, seconds in times.items():
        print(f"  {name:<26} {seconds:6.2f} s")
    print(f"  --plot costs {times['inspect --plot PNG'] / times['inspect']:.2f}x (PNG), "
          f"{times['inspect --plot SVG'] / times['inspect']:.2f}x (SVG) inspect alone")
    print(f"  page {len(html.encode()):,} bytes, its waveform {len(wave.group(0).encode()) if wave else 0:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
