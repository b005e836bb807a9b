"""A second voice for quotes and titles, matched in loudness; voice samples."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from audiopost.cli import main
from audiopost.engines import VoiceSettings, engine_class
from audiopost.master import loudness, master, read_wav
from audiopost.profiles import Profile
from audiopost.script import make_script
from audiopost.sources import Block, Post
from audiopost.speech import speak
from conftest import ffprobe

pytestmark = pytest.mark.slow
POST = Post(title="Two Voices", author="Ann", blocks=(
    Block("paragraph", "The harbour was quiet this morning."),
    Block("quote", "Every boat has a story, and most of them are about the weather."),
    Block("paragraph", "That is what the old skipper told me."),
))


def profile(tmp_path: Path, **second: object) -> Profile:
    quiet = tmp_path / "quiet.toml"
    quiet.write_text('engine = "espeak"\nvoice = "en-gb"\n' + "".join(f"{k} = {v}\n" for k, v in second.items()))
    return Profile(engine="espeak", voice="en-us", quote_voice=str(quiet), title_voice=str(quiet), outro="")


def test_quote_and_title_are_read_by_the_second_voice(tmp_path: Path) -> None:
    p = profile(tmp_path)
    script = make_script(POST, p)
    assert "Quote." not in script.text()  # a second voice replaces the spoken announcement
    speech = speak(script, p, tmp_path, workers=1)
    by_text = {c.chunk.spoken: c for c in speech.clips}
    quote = by_text["Every boat has a story, and most of them are about the weather."]
    title = by_text["Two Voices, by Ann."]
    body = by_text["The harbour was quiet this morning."]
    assert quote.chunk.voice == title.chunk.voice == str(tmp_path / "quiet.toml")
    assert body.chunk.voice == ""
    alone = tmp_path / "alone.wav"
    engine_class("espeak")(VoiceSettings(voice="en-gb")).synthesize(quote.chunk.spoken, alone)
    assert quote.path.read_bytes() == alone.read_bytes()  # espeak-ng is deterministic: same voice, same bytes


def test_voices_are_matched_in_loudness(tmp_path: Path) -> None:
    p = profile(tmp_path, volume=0.25)  # the second voice is 12 dB quieter out of the engine
    speech = speak(make_script(POST, p), p, tmp_path, workers=1)
    raw = {c.chunk.voice: loudness(read_wav(c.path)[0], 22050)
           for c in speech.clips if c.chunk.kind in ("quote", "body")}
    assert raw[""] - raw[str(tmp_path / "quiet.toml")] > 8
    m = master(speech, p, tmp_path / "m.wav")
    x = np.fromfile(m.wav, dtype="<f4", offset=44)
    level = {cue.kind: loudness(x[int(cue.start * 22050):int(cue.end * 22050)], 22050) for cue in m.cues}
    assert abs(level["quote"] - level["body"]) < 2.0


def test_voice_sample(tmp_path: Path) -> None:
    out = tmp_path / "sample.mp3"
    result = CliRunner().invoke(main, ["voices", "--sample", "en-gb", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert float(ffprobe(out)["duration"]) > 5
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sample.mp3"]
