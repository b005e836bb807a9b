"""The engine contract: one method turns a chunk of text into a WAV file."""

from __future__ import annotations

import time
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Protocol

from audiopost.errors import AudiopostError


@dataclass(frozen=True)
class VoiceSettings:
    """What an engine needs from a voice profile (picklable, sent to worker processes)."""

    voice: str = "en-us"
    rate: int = 170
    """Words per minute."""
    pitch: int = 50
    """0–100."""
    volume: float = 1.0
    model: str = ""
    """Path to a model file, for engines that use one."""


class Engine(Protocol):
    """A speech engine. Instances are made once per worker process and reused for every chunk."""

    name: ClassVar[str]
    sample_rate: ClassVar[int]
    """Native sample rate of the WAVs it writes."""
    shares_process: ClassVar[bool]
    """Whether several instances may run in one process (espeak-ng's library allows only one)."""
    uses_all_cores: ClassVar[bool]
    """Whether one instance already keeps every core busy (then the speech stage runs one worker)."""

    def __init__(self, settings: VoiceSettings) -> None: ...

    def synthesize(self, text: str, out: Path) -> None:
        """Speak ``text`` into a WAV file at ``out``; raise AudiopostError on failure."""
        ...

    @classmethod
    def check(cls) -> None:
        """Raise MissingDependency (naming what to install) when the engine cannot run here."""
        ...

    @classmethod
    def voices(cls) -> list[str]:
        """The voice ids this engine offers."""
        ...


def wav_info(path: Path) -> tuple[int, int, float]:
    """(sample rate, channels, duration in seconds) of a complete WAV file."""
    with wave.open(str(path), "rb") as w:
        return w.getframerate(), w.getnchannels(), w.getnframes() / w.getframerate()


def wait_for_wav(path: Path, timeout: float = 20.0) -> None:
    """Wait until ``path`` is a complete WAV (its RIFF size matches the file) — some drivers return early."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            data = path.read_bytes()[:8]
            size = path.stat().st_size
            if data[:4] == b"RIFF" and int.from_bytes(data[4:8], "little") + 8 == size and size > 44:
                wav_info(path)
                return
        except (OSError, EOFError, wave.Error):
            pass
        if time.monotonic() > deadline:
            raise AudiopostError(f"the speech engine did not finish writing {path.name}")
        time.sleep(0.01)
