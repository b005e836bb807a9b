"""The ffmpeg and ffprobe programs, found once, run with errors turned into one clear line."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from audiopost.errors import AudiopostError, MissingDependency


def program(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise MissingDependency(f"{name} is not installed (Debian/Ubuntu: sudo apt-get install ffmpeg)")
    return path


def stamp(name: str) -> str:
    """A program's path, size and mtime: changes when it is upgraded (for cache keys; no process started)."""
    path = program(name)
    st = Path(path).stat()
    return f"{path}:{st.st_size}:{int(st.st_mtime)}"


def ffmpeg(*args: str, what: str = "ffmpeg", timeout: float = 3600) -> None:
    """Run ffmpeg quietly; a failure is an AudiopostError with ffmpeg's last line."""
    cmd = [program("ffmpeg"), "-hide_banner", "-nostdin", "-loglevel", "error", "-y", *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, errors="replace", timeout=timeout)
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or [f"exit {proc.returncode}"])[-1]
        raise AudiopostError(f"{what} failed: {last[:300]}")


def duration(path: Path) -> float:
    """The duration in seconds, as ffprobe reads the file (what podcast apps and hosts see)."""
    proc = subprocess.run([program("ffprobe"), "-v", "error", "-show_entries", "format=duration",
                           "-of", "default=noprint_wrappers=1:nokey=1", str(path)],
                          capture_output=True, text=True, timeout=120)
    try:
        return float(proc.stdout.strip())
    except ValueError:
        raise AudiopostError(f"ffprobe cannot read {path}") from None


def decode(path: Path, *args: str, rate: int = 44100) -> bytes:
    """Audio of ``path`` as mono float32 little-endian samples at ``rate`` (extra args go before -i)."""
    cmd = [program("ffmpeg"), "-hide_banner", "-nostdin", "-loglevel", "error", *args, "-i", str(path),
           "-f", "f32le", "-ac", "1", "-ar", str(rate), "-"]
    proc = subprocess.run(cmd, capture_output=True, timeout=3600)
    if proc.returncode != 0:
        raise AudiopostError(f"ffmpeg cannot decode {path}: {proc.stderr.decode(errors='replace')[-200:]}")
    return proc.stdout
