"""Speech engines behind one small contract (see base.Engine), looked up by name."""

from __future__ import annotations

from collections.abc import Callable

from audiopost.engines.base import Engine, VoiceSettings
from audiopost.engines.espeak import EspeakEngine
from audiopost.engines.piper import PiperEngine
from audiopost.engines.pyttsx3_engine import Pyttsx3Engine
from audiopost.errors import AudiopostError

ENGINES: dict[str, Callable[[VoiceSettings], Engine]] = {
    Pyttsx3Engine.name: Pyttsx3Engine,
    EspeakEngine.name: EspeakEngine,
    PiperEngine.name: PiperEngine,
}

__all__ = ["ENGINES", "Engine", "VoiceSettings", "engine_class"]


def engine_class(name: str) -> type[Engine]:
    """The engine registered as ``name``; an error listing the known ones otherwise."""
    try:
        return ENGINES[name]  # type: ignore[return-value]
    except KeyError:
        raise AudiopostError(f"unknown engine {name!r} (available: {', '.join(ENGINES)})") from None
