"""Shared fixtures: the seed post (skipped when ../shared is absent) and outside meters (ffmpeg, mp3val)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
SEED = ROOT.parent / "shared" / "seed" / "000_85af0d4c1e041208.txt"
EXAMPLE = ROOT / "examples" / "sample-post.md"


@pytest.fixture
def seed() -> Path:
    if not SEED.is_file():
        pytest.skip("the seed post (../shared/seed/) is not beside this clone; it exists only on the team's machines")
    return SEED


def ebur128(path: Path) -> tuple[float, float]:
    """(integrated LUFS, true peak dBTP) as ffmpeg's ebur128 filter reads the file, mono heard as dual mono."""
    out = subprocess.run(["ffmpeg", "-nostats", "-hide_banner", "-i", str(path), "-af",
                          "ebur128=peak=true:dualmono=true", "-f", "null", "-"],
                         capture_output=True, text=True, check=True).stderr
    summary = out[out.rindex("Summary:"):]
    lufs = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1))
    peak = float(re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary).group(1))
    return lufs, peak


def ffprobe(path: Path) -> dict[str, str]:
    """Stream and format fields of the first audio stream as ffprobe reports them."""
    out = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries",
                          "stream=codec_name,sample_rate,channels,bit_rate:format=duration,format_name",
                          "-of", "default=noprint_wrappers=1", str(path)], capture_output=True, text=True,
                         check=True).stdout
    return dict(line.split("=", 1) for line in out.splitlines() if "=" in line)


def mp3val_problems(path: Path) -> list[str]:
    out = subprocess.run(["mp3val", str(path)], capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if line.startswith(("WARNING", "ERROR"))]


def has_xing(path: Path) -> bool:
    """A Xing or Info (LAME) header in the first MPEG frame after the ID3 tag."""
    data = path.read_bytes()
    start = 0
    if data[:3] == b"ID3":
        size = data[6:10]
        start = 10 + ((size[0] << 21) | (size[1] << 14) | (size[2] << 7) | size[3])
    first = data[start:start + 200]
    return b"Xing" in first or b"Info" in first


def need(*programs: str) -> None:
    missing = [p for p in programs if shutil.which(p) is None]
    if missing:
        pytest.fail(f"missing programs {missing}: run `make test`, which installs them")


def wave_heights(d: str) -> list[int]:
    """The column heights (0-50) an audiopost waveform half path draws ("V{y}h{run}": run columns at 50 - y)."""
    assert d.startswith("M0 50") and d.endswith("V50Z"), d[:40]
    return [50 - int(y) for y, run in re.findall(r"V(\d+)h(\d+)", d) for _ in range(int(run))]
