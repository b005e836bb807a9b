"""Each engine for real: a sentence in, a WAV out, at the engine's rate, of a sane length."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from audiopost.engines import ENGINES, VoiceSettings, engine_class
from audiopost.engines.base import wav_info
from audiopost.errors import AudiopostError
from audiopost.profiles import Profile
from audiopost.script import make_script
from audiopost.sources import Block, Post
from audiopost.speech import speak

SENTENCE = "The lighthouse keeper climbed one hundred and twelve steps every evening."


@pytest.mark.parametrize("name", sorted(ENGINES))
def test_engine_writes_a_wav_of_sane_length(name: str, tmp_path: Path) -> None:
    engine = engine_class(name)(VoiceSettings(voice="en-us", rate=170))
    out = tmp_path / "s.wav"
    engine.synthesize(SENTENCE, out)
    rate, channels, seconds = wav_info(out)
    assert rate == engine.sample_rate == 22050 and channels == 1
    assert 2.5 < seconds < 8.0  # 11 words at 170 wpm is ~3.9 s


def test_rate_changes_duration(tmp_path: Path) -> None:
    slow, fast = tmp_path / "slow.wav", tmp_path / "fast.wav"
    engine_class("espeak")(VoiceSettings(rate=120)).synthesize(SENTENCE, slow)
    engine_class("espeak")(VoiceSettings(rate=240)).synthesize(SENTENCE, fast)
    assert wav_info(slow)[2] > 1.6 * wav_info(fast)[2]


def test_speak_in_workers_keeps_order_and_stdout_clean(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    post = Post(title="Order", blocks=tuple(Block("paragraph", f"Sentence number {w}.") for w in
                                           ("one", "two", "three", "four", "five")))
    profile = Profile(intro="", outro="")
    speech = speak(make_script(post, profile), profile, tmp_path, workers=2)
    assert [c.chunk.spoken for c in speech.clips] == ["Order", *(f"Sentence number {w}." for w in
                                                                 ("one", "two", "three", "four", "five"))]
    assert all(c.path.is_file() and c.duration > 0.3 for c in speech.clips)
    assert capfd.readouterr().out == ""  # pyttsx3's "Audio saved to" never reaches stdout


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the espeak driver is pyttsx3's Linux backend")
def test_pyttsx3_back_to_back_needs_no_second_attempt(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    """Each utterance is waited for until libespeak is idle, so the next one is never cancelled or lost:
    one runAndWait per sentence (starting the next too soon cost a retry every ~50 sentences)."""
    engine = engine_class("pyttsx3")(VoiceSettings(voice="en-us", rate=170))
    calls = []
    run = engine.engine.runAndWait
    engine.engine.runAndWait = lambda: (calls.append(1), run())
    words = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
    # Busy cores, as when workers share the machine: that is when the race showed.
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(os.cpu_count() or 1)]
    try:
        for i in range(200):
            engine.synthesize(f"Short line {words[i % 10]}.", tmp_path / f"{i}.wav")
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()
    assert len(calls) == 200
    assert all(0.5 < wav_info(tmp_path / f"{i}.wav")[2] < 3.0 for i in range(200))
    assert capfd.readouterr().out == ""  # "Audio saved to …" comes from the driver's thread: captured too


def test_unknown_engine_and_voice(tmp_path: Path) -> None:
    with pytest.raises(AudiopostError, match="unknown engine 'nope'"):
        engine_class("nope")
    post = Post(title="T", blocks=(Block("paragraph", "Words."),))
    profile = Profile(voice="xx-nowhere", intro="", outro="")
    with pytest.raises(AudiopostError, match="pyttsx3 has no voice 'xx-nowhere'"):
        speak(make_script(post, profile), profile, tmp_path, workers=1)
