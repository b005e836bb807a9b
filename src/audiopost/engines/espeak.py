"""espeak-ng, the program, one subprocess per chunk."""

from __future__ import annotations

import functools
import shutil
import subprocess
from pathlib import Path
from typing import ClassVar

from audiopost.engines.base import VoiceSettings
from audiopost.errors import AudiopostError, MissingDependency


@functools.cache
def espeak_version() -> str:
    """The installed espeak-ng's version line (part of the cache key: a new release may sound different)."""
    program = shutil.which("espeak-ng")
    if program is None:
        return ""
    proc = subprocess.run([program, "--version"], capture_output=True, text=True, timeout=30)
    return proc.stdout.strip()


class EspeakEngine:
    name: ClassVar[str] = "espeak"
    sample_rate: ClassVar[int] = 22050
    shares_process: ClassVar[bool] = True
    uses_all_cores: ClassVar[bool] = False

    def __init__(self, settings: VoiceSettings) -> None:
        self.settings = settings
        self.program = self.check()

    def synthesize(self, text: str, out: Path) -> None:
        s = self.settings
        cmd = [self.program, "-b", "1", "-v", s.voice, "-s", str(s.rate), "-p", str(s.pitch),
               "-a", str(round(max(0.0, min(s.volume, 2.0)) * 100)), "-w", str(out), "--stdin"]
        proc = subprocess.run(cmd, input=text.encode("utf-8"), capture_output=True, timeout=300)
        if proc.returncode != 0 or not out.exists():
            err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            raise AudiopostError(f"espeak-ng failed: {err[-1] if err else f'exit {proc.returncode}'}")

    @classmethod
    def check(cls) -> str:
        program = shutil.which("espeak-ng")
        if program is None:
            raise MissingDependency("espeak-ng is not installed (Debian/Ubuntu: sudo apt-get install espeak-ng)")
        return program

    @classmethod
    def version(cls) -> str:
        return espeak_version()

    @classmethod
    def voices(cls) -> list[str]:
        proc = subprocess.run([cls.check(), "--voices"], capture_output=True, text=True, timeout=30)
        rows = [line.split() for line in proc.stdout.splitlines()[1:]]
        return sorted({row[1] for row in rows if len(row) > 3})
