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


def _plugins() -> None:
    """Engines from other packages: entry points in the ``audiopost.engines`` group (name = module:Class)."""
    from importlib.metadata import entry_points

    for point in entry_points(group="audiopost.engines"):
        if point.name not in ENGINES:
            try:
                ENGINES[point.name] = point.load()
            except Exception as e:  # a broken plugin must not break the built-in engines
                raise AudiopostError(f"engine plugin {point.name!r} ({point.value}) failed to load: {e}") from None


def engine_class(name: str) -> type[Engine]:
    """The engine registered as ``name``; an error listing the known ones otherwise."""
    if name not in ENGINES:
        _plugins()
    try:
        return ENGINES[name]  # type: ignore[return-value]
    except KeyError:
        raise AudiopostError(f"unknown engine {name!r} (available: {', '.join(ENGINES)})") from None
