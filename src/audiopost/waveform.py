"""The episode's waveform: a peak and RMS envelope in a fixed number of columns, and its SVG shape.

Made once, when a page or report is written, so no browser ever decodes audio: from the master's float
WAVs while the pipeline still holds them (milliseconds), else by decoding the MP3 with ffmpeg, streamed
(about 1 s per 10 minutes of audio here; memory stays at one block however long the episode).
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from audiopost import tools
from audiopost.errors import AudiopostError

COLUMNS = 1920
"""Columns of the envelope kept (and carried between processes): divisible by every width drawn."""
BLOCK = 1 << 18
"""Samples read at a time."""


@dataclass(frozen=True)
class Envelope:
    """Per column of equal duration: the largest |sample| and the RMS, linear (1.0 = full scale)."""

    peak: np.ndarray
    rms: np.ndarray
    duration: float
    """Seconds the columns span."""

    def columns(self, n: int) -> Envelope:
        """The envelope in ``n`` columns (each the max peak and the power mean of the columns it covers)."""
        if n <= 0:
            raise ValueError("columns must be positive")
        have = len(self.peak)
        if n >= have:
            return self
        edges = (np.arange(n) * have) // n
        counts = np.diff(np.append(edges, have))
        power = np.add.reduceat(self.rms.astype(np.float64) ** 2, edges) / counts
        return Envelope(np.maximum.reduceat(self.peak, edges), np.sqrt(power).astype(np.float32), self.duration)


def of_blocks(blocks: Iterable[np.ndarray], samples: int, rate: int, columns: int = COLUMNS) -> Envelope:
    """The envelope of ``samples`` samples arriving in ``blocks`` (mono float; a short or long stream is
    cut or zero-padded to ``samples``, so the columns always span the stated duration)."""
    columns = max(1, min(columns, samples))
    # Column k holds samples bounds[k] up to bounds[k + 1].
    bounds = -((-np.arange(columns + 1, dtype=np.int64) * samples) // columns)
    peak = np.zeros(columns, np.float32)
    power = np.zeros(columns, np.float64)
    counts = np.zeros(columns, np.int64)
    at = 0
    for block in blocks:
        block = block[: max(0, samples - at)]
        if not len(block):
            continue
        first = int(np.searchsorted(bounds, at, side="right")) - 1
        last = int(np.searchsorted(bounds, at + len(block) - 1, side="right")) - 1
        starts = np.concatenate(([0], bounds[first + 1:last + 1] - at))
        a = np.abs(block)
        index = slice(first, last + 1)
        peak[index] = np.maximum(peak[index], np.maximum.reduceat(a, starts))
        power[index] += np.add.reduceat(np.square(a), starts)
        counts[index] += np.diff(np.append(starts, len(block)))
        at += len(block)
    rms = np.sqrt(power / np.maximum(counts, 1)).astype(np.float32)
    return Envelope(peak, rms, samples / rate if rate else 0.0)


def of_wavs(parts: Sequence[Path], duration: float, columns: int = COLUMNS) -> Envelope:
    """The envelope of the master: mono 32-bit float WAVs (as master.py writes them), one after another."""
    rate = _wav_rate(parts[0])
    return of_blocks(_wav_blocks(parts), round(duration * rate), rate, columns)


def _wav_rate(path: Path) -> int:
    with path.open("rb") as f:
        head = f.read(44)
    if head[:4] != b"RIFF" or head[36:40] != b"data" or int.from_bytes(head[20:22], "little") != 3:
        raise AudiopostError(f"{path} is not a float WAV of the master")
    return int.from_bytes(head[24:28], "little")


def _wav_blocks(parts: Sequence[Path]) -> Iterator[np.ndarray]:
    for path in parts:
        _wav_rate(path)
        with path.open("rb") as f:
            f.seek(44)
            while chunk := f.read(BLOCK * 4):
                yield np.frombuffer(chunk[: len(chunk) // 4 * 4], "<f4")


def of_mp3(path: Path, duration: float | None = None, columns: int = COLUMNS) -> Envelope:
    """The envelope of an MP3, decoded by ffmpeg at its own rate as it streams (``duration``: seconds the
    columns span, default the length mutagen reads from its header)."""
    from mutagen.mp3 import MP3

    try:
        info = MP3(path).info
    except Exception:  # HeaderNotFoundError, or any other mutagen error on a file that is not MP3
        raise AudiopostError(f"{path} is not an MP3 file") from None
    rate = int(info.sample_rate)
    duration = info.length if duration is None else duration
    cmd = [tools.program("ffmpeg"), "-hide_banner", "-nostdin", "-loglevel", "error", "-i", str(path),
           "-map", "0:a:0", "-f", "f32le", "-ac", "1", "-"]
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        assert proc.stdout is not None and proc.stderr is not None

        def blocks() -> Iterator[np.ndarray]:
            while chunk := proc.stdout.read(BLOCK * 4):  # type: ignore[union-attr]
                yield np.frombuffer(chunk[: len(chunk) // 4 * 4], "<f4")

        envelope = of_blocks(blocks(), max(1, round(duration * rate)), rate, columns)
        proc.stdout.read()
        error = proc.stderr.read().decode(errors="replace").strip()
    if proc.returncode != 0:
        raise AudiopostError(f"ffmpeg cannot decode {path}: {error[-200:]}")
    return envelope


# --- drawing ---------------------------------------------------------------------------------------------------

HEIGHT = 100
"""The SVG's viewBox height: the envelope is drawn as its top half (0-50) and mirrored."""


def half_path(values: np.ndarray, scale: float) -> str:
    """An SVG path of the top half of a mirrored envelope: one unit of width per column, the centre line
    at y=50, ``values * scale`` of full height 50 (integers: a few bytes per column)."""
    mid = HEIGHT // 2
    heights = np.clip(np.rint(np.asarray(values, np.float64) * scale * mid), 0, mid).astype(int)
    parts = [f"M0 {mid}"]
    run = 0
    for i, h in enumerate(heights):
        run += 1
        if i + 1 == len(heights) or heights[i + 1] != h:
            parts.append(f"V{mid - h}h{run}")
            run = 0
    return "".join(parts) + f"V{mid}Z"


def mirrored(envelope: Envelope, uid: str) -> tuple[str, str]:
    """The envelope as SVG: (a ``<g id=uid>`` of the peak path, light, and the RMS path, for ``<defs>``;
    the two ``<use>`` that draw it, the second mirrored below the centre line)."""
    scale = scale_of(envelope)
    shape = (f'<g id="{uid}"><path fill-opacity=".45" d="{half_path(envelope.peak, scale)}"/>'
             f'<path d="{half_path(envelope.rms, scale)}"/></g>')
    return shape, f'<use href="#{uid}"/><use href="#{uid}" transform="matrix(1 0 0 -1 0 {HEIGHT})"/>'


def scale_of(envelope: Envelope) -> float:
    """The factor that makes the loudest column fill the height (1.0 for silence)."""
    top = float(np.max(envelope.peak)) if len(envelope.peak) else 0.0
    return 1.0 / top if top > 1e-6 else 1.0
