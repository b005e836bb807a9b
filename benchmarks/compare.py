"""audiopost against the plain pipeline a blogger would script by hand, on the same 2,000-word text.

    .venv/bin/python benchmarks/compare.py [--words 2000] [--runs 1]

Baselines (both on the same text file):
  loudnorm:  espeak-ng -w  +  ffmpeg loudnorm two-pass (-16 LUFS, TP -1.5)  +  libmp3lame 96k
  plain:     espeak-ng -w  +  libmp3lame 96k (no loudness work at all)
Prints wall times, the ratios, and each output's loudness as ffmpeg's ebur128 reads it.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AUDIOPOST = ROOT / ".venv" / "bin" / "audiopost"

PARAGRAPHS = [
    "The ferry to the outer islands left at seven every morning, rain or shine, and the crew knew most "
    "passengers by name. On Tuesdays it carried the post, on Thursdays the doctor, and on Saturdays "
    "almost everyone who had a reason to be somewhere else.",
    "When the council proposed cutting the early crossing, the islanders wrote letters, then petitions, "
    "then a short play that toured three village halls. Nobody could say which of these changed minds, "
    "but the crossing stayed.",
    "The harbour master kept a ledger of every departure since the new pier opened. Reading it now is "
    "like reading weather: long calm stretches, a sudden week of cancellations, then calm again.",
    "Fuel costs doubled in the space of two winters. The operator raised fares once, apologised in the "
    "local paper, and then quietly found savings by repainting the hull itself instead of hiring a yard.",
    "Children who grew up on the islands describe the ferry as a second school. Homework was finished "
    "on the lower deck, friendships began at the rail, and more than one engagement was announced over "
    "the tannoy between the lighthouse and the breakwater.",
    "There is talk now of an electric vessel, charged overnight from the wind turbines on the ridge. "
    "Engineers visited in the spring, measured the pier, and left with more questions than answers.",
]


SEASONS = ["spring", "summer", "autumn", "winter"]


def make_text(words: int) -> str:
    """About ``words`` words of the paragraphs above, every sentence made unique by its season and year
    (a real post repeats no sentences, and audiopost synthesizes a recurring sentence only once)."""
    out, count, i = [], 0, 0
    while count < words:
        rounds = i // len(PARAGRAPHS)
        para = PARAGRAPHS[i % len(PARAGRAPHS)]
        if rounds:
            when = f"In the {SEASONS[rounds % 4]} of {1990 + rounds}"
            para = " ".join(f"{when}, {s[0].lower()}{s[1:]}" for s in re.split(r"(?<=\.) ", para))
        out.append(para)
        count += len(para.split())
        i += 1
    return "The Island Ferry\n\n" + "\n\n".join(out) + "\n"


def run(cmd: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)  # type: ignore[call-overload]


def timed(fn) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def ebur128(path: Path) -> str:
    err = run(["ffmpeg", "-nostats", "-hide_banner", "-i", str(path), "-af", "ebur128=peak=true:dualmono=true",
               "-f", "null", "-"]).stderr
    summary = err[err.rindex("Summary:"):]
    lufs = re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1)  # type: ignore[union-attr]
    peak = re.search(r"Peak:\s+(-?[\d.]+) dBFS", summary).group(1)  # type: ignore[union-attr]
    return f"{lufs} LUFS, TP {peak} dBTP"


def loudnorm_pipeline(text: Path, work: Path) -> Path:
    wav, mp3 = work / "base.wav", work / "loudnorm.mp3"
    run(["espeak-ng", "-v", "en-us", "-s", "170", "-w", str(wav), "-f", str(text)])
    first = run(["ffmpeg", "-hide_banner", "-nostats", "-i", str(wav), "-af",
                 "loudnorm=I=-16:TP=-1.5:LRA=11:print_format=json", "-f", "null", "-"]).stderr
    m = json.loads(first[first.rindex("{"):])
    second = (f"loudnorm=I=-16:TP=-1.5:LRA=11:measured_I={m['input_i']}:measured_TP={m['input_tp']}:"
              f"measured_LRA={m['input_lra']}:measured_thresh={m['input_thresh']}:offset={m['target_offset']}:"
              "linear=true")
    run(["ffmpeg", "-y", "-hide_banner", "-loglevel", "error", "-i", str(wav), "-af", second, "-ar", "44100",
         "-ac", "1", "-c:a", "libmp3lame", "-b:a", "96k", str(mp3)])
    return mp3


def plain_pipeline(text: Path, work: Path) -> Path:
    wav, mp3 = work / "plain.wav", work / "plain.mp3"
    run(["espeak-ng", "-v", "en-us", "-s", "170", "-w", str(wav), "-f", str(text)])
    run(["ffmpeg", "-y", "-hide_banner", "-loglevel", "error", "-i", str(wav), "-ar", "44100", "-ac", "1",
         "-c:a", "libmp3lame", "-b:a", "96k", str(mp3)])
    return mp3


def audiopost(text: Path, work: Path, *extra: str) -> Path:
    mp3 = work / "audiopost.mp3"
    run([str(AUDIOPOST), "narrate", str(text), "-o", str(mp3), "--force", "--no-cache", *extra])
    return mp3


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=1, help="best of N runs for each pipeline")
    args = parser.parse_args()
    for tool in ("espeak-ng", "ffmpeg"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is missing: run `make demo` first")
    if not AUDIOPOST.exists():
        sys.exit("audiopost is not installed in .venv: run `make demo` first")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        text = work / "post.txt"
        text.write_text(make_text(args.words), encoding="utf-8")
        times: dict[str, float] = {}
        outputs: dict[str, Path] = {}
        for name, fn in (("audiopost", audiopost), ("loudnorm", loudnorm_pipeline), ("plain", plain_pipeline)):
            best = float("inf")
            for _ in range(args.runs):
                best = min(best, timed(lambda fn=fn, name=name: outputs.__setitem__(name, fn(text, work))))
            times[name] = best
        words = len(text.read_text().split())
        print(f"{words} words, {sys.platform}, best of {args.runs}")
        for name in ("audiopost", "loudnorm", "plain"):
            print(f"  {name:<10} {times[name]:7.2f} s   {ebur128(outputs[name])}")
        print(f"ratio audiopost / (espeak-ng + loudnorm two-pass + lame): {times['audiopost'] / times['loudnorm']:.2f}")
        print(f"ratio audiopost / (espeak-ng + lame):                     {times['audiopost'] / times['plain']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
