"""Speed and scale of audiopost itself (issue 7's targets), on texts made by compare.make_text.

    .venv/bin/python benchmarks/scale.py [--engine pyttsx3 | --voice PROFILE.toml] [--skip-long] [--skip-batch]

Prints:
  * cache: first run, unchanged re-run (target ≤ 0.25×), one paragraph edited (target ≤ 0.6×);
  * long post: 15,000 words vs 2,000 words, time per word ratio (target ≤ 1.25×) and peak RSS of the
    audiopost process and of its largest worker (target < 1 GB);
  * batch: 12 posts with --workers 2 vs --workers 1 (target ≥ 1.5× faster).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from compare import AUDIOPOST, PARAGRAPHS, make_text


def narrate(post: Path, out: Path, *args: str) -> tuple[float, dict]:
    start = time.perf_counter()
    proc = subprocess.run([str(AUDIOPOST), "narrate", str(post), "-o", str(out), "--json", "-q", *args],
                          capture_output=True, text=True, check=True)
    return time.perf_counter() - start, json.loads(proc.stdout)


def peak_rss_mb(cmd: list[str]) -> tuple[float, float]:
    """(seconds, peak RSS in MB of the largest process among the command and its workers).

    A fresh wrapper process runs the command, so its RUSAGE_CHILDREN covers exactly that run (a child's
    figure includes the grandchildren it waited for).
    """
    script = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
              "subprocess.run(sys.argv[1:], check=True, capture_output=True); "
              "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    proc = subprocess.run([sys.executable, "-c", script, *cmd], capture_output=True, text=True, check=True)
    seconds, kb = proc.stdout.split()
    return float(seconds), int(kb) / 1024


def cache_ratios(work: Path, engine: str, voice: str = "") -> None:
    post = work / "cache.txt"
    post.write_text(make_text(2000))
    cache = work / "cache"
    args = ("--voice", voice, "--cache-dir", str(cache)) if voice else ("--engine", engine, "--cache-dir", str(cache))
    first, _ = narrate(post, work / "cache.mp3", *args)
    unchanged, info = narrate(post, work / "cache.mp3", *args)
    assert info["up_to_date"]
    post.write_text(post.read_text().replace(PARAGRAPHS[1], PARAGRAPHS[1].replace("letters", "long letters"), 1))
    edited, info = narrate(post, work / "cache.mp3", *args)
    name = Path(voice).stem if voice else engine
    print(f"cache ({name}, 2,000 words): first {first:.2f} s, unchanged {unchanged:.2f} s "
          f"({unchanged / first:.2f}×), one paragraph edited {edited:.2f} s ({edited / first:.2f}×, "
          f"{info['synthesized']} of {info['chunks']} chunks synthesized, "
          f"{info['parts'] - info['parts_reused']} of {info['parts']} parts encoded)")


def long_post(work: Path, engine: str) -> None:
    rows = {}
    for words in (2000, 15000):
        post = work / f"long-{words}.txt"
        post.write_text(make_text(words))
        cmd = [str(AUDIOPOST), "narrate", str(post), "-o", str(work / f"long-{words}.mp3"), "--no-cache",
               "--engine", engine, "-q"]
        seconds, child = peak_rss_mb(cmd)
        rows[words] = (seconds, child, len(post.read_text().split()))
        print(f"{rows[words][2]:>6} words: {seconds:7.2f} s, {seconds / rows[words][2] * 1000:.2f} ms/word, "
              f"peak RSS of the largest process {child:.0f} MB")
    ratio = (rows[15000][0] / rows[15000][2]) / (rows[2000][0] / rows[2000][2])
    print(f"time per word, 15,000 vs 2,000 words: {ratio:.2f}×")


def batch_speedup(work: Path, engine: str) -> None:
    posts = work / "posts"
    posts.mkdir()
    for i in range(12):
        (posts / f"post-{i:02d}.txt").write_text(f"Post number {i}\n\n" + make_text(250).split("\n\n", 1)[1])
    times = {}
    for workers in (1, 2):
        out = work / f"batch-{workers}"
        out.mkdir()
        start = time.perf_counter()
        subprocess.run([str(AUDIOPOST), "batch", str(posts), "--out-dir", str(out), "--workers", str(workers),
                        "--no-cache", "--engine", engine, "-q"], check=True, capture_output=True)
        times[workers] = time.perf_counter() - start
    print(f"batch of 12 posts: 1 worker {times[1]:.1f} s, 2 workers {times[2]:.1f} s "
          f"({times[1] / times[2]:.2f}× faster)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", default="pyttsx3")
    parser.add_argument("--voice", default="", help="a voice profile for the cache figures (e.g. a Piper one)")
    parser.add_argument("--skip-long", action="store_true")
    parser.add_argument("--skip-batch", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        cache_ratios(work, args.engine, args.voice)
        if not args.skip_long:
            long_post(work, args.engine)
        if not args.skip_batch:
            batch_speedup(work, args.engine)
    print(f"(peak RSS of this benchmark process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
