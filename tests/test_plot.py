"""`audiopost inspect EPISODE --plot FILE`: the picture's data, read back, against known test tones (real ffmpeg,
real matplotlib)."""

from __future__ import annotations

import json
import math
import shutil
import struct
import subprocess
import sys
import wave
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from mutagen.id3 import ID3

from audiopost import plot
from audiopost.cli import main
from audiopost.episode import add_chapters
from audiopost.inspection import measure
from conftest import need

RATE = 44100
FREQ = 997.0
REFERENCE = 0.1
"""Amplitude of the calibration tone."""


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def tone(path: Path, parts: list[tuple[float, float]]) -> Path:
    """A mono 997 Hz sine, ``parts`` (seconds, peak amplitude) one after another with no phase jump, encoded
    to MP3 as audiopost encodes episodes (libmp3lame CBR, 44.1 kHz, Xing header)."""
    envelope = np.concatenate([np.full(round(seconds * RATE), amplitude) for seconds, amplitude in parts])
    samples = envelope * np.sin(2 * np.pi * FREQ * np.arange(len(envelope)) / RATE)
    wav = path.with_suffix(".wav")
    with wave.open(str(wav), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(np.round(samples * 32767).astype("<i2").tobytes())
    subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-i", str(wav), "-c:a", "libmp3lame",
                    "-b:a", "128k", "-write_xing", "1", str(path)], check=True)
    wav.unlink()
    return path


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    need("ffmpeg")
    return tmp_path_factory.mktemp("plot")


@pytest.fixture(scope="module")
def amplitude(folder: Path):
    """Peak amplitude of a sine that ffmpeg's ebur128 (dual mono) reads at a given LUFS, measured once."""
    level, _ = measure(tone(folder / "reference.mp3", [(10, REFERENCE)]))
    # Analytically a 997 Hz sine on one channel reads its peak level - 3.01 LUFS (BS.1770 is built so);
    # heard as dual mono, 3.01 dB more: its peak level in dBFS.
    assert level == pytest.approx(20 * math.log10(REFERENCE), abs=0.5)
    return lambda lufs: REFERENCE * 10 ** ((lufs - level) / 20)


@pytest.fixture(scope="module")
def steps(folder: Path, amplitude) -> Path:
    """10 s at -23 LUFS, then 10 s at -13 LUFS."""
    return tone(folder / "steps.mp3", [(10, amplitude(-23)), (10, amplitude(-13))])


@pytest.fixture(scope="module")
def clean(folder: Path, amplitude) -> Path:
    """8 s at -16 LUFS: peaks near -16 dBTP, far from any over."""
    return tone(folder / "clean.mp3", [(8, amplitude(-16))])


def check_steps(data: dict, episode: Path) -> None:
    """The short-term series of the -23/-13 LUFS steps, as the picture carries it."""
    series = [(t, s) for t, s in data["short_term"]]
    assert series[0][0] == pytest.approx(3.0, abs=0.06)  # from the first full 3 s window on
    first = [s for t, s in series if 3.5 <= t <= 9.9]
    second = [s for t, s in series if 13.2 <= t <= 20]
    assert len(first) >= 60 and len(second) >= 60
    assert all(abs(s + 23) <= 0.5 for s in first), first
    assert all(abs(s + 13) <= 0.5 for s in second), second
    # The 3 s window is -18 LUFS when a fraction f of it is the louder tone: 1 + 9f = 10^0.5, t = 10.72 s.
    crossing = next(t for (t, s), (_, before) in zip(series[1:], series, strict=False) if before < -18 <= s)
    assert 10.4 < crossing < 11.1
    integrated, true_peak = measure(episode)
    assert data["integrated_lufs"] == pytest.approx(integrated, abs=0.1)
    assert data["true_peak_dbtp"] == pytest.approx(true_peak, abs=0.1)
    assert data["target_lufs"] == -16.0
    assert data["overs"] == []
    assert data["chapters"] == []
    assert data["file"] == episode.name
    assert data["duration"] == pytest.approx(20, abs=0.1)


def test_svg_carries_the_loudness_it_shows(folder: Path, steps: Path) -> None:
    out = folder / "steps.svg"
    result = run("inspect", str(steps), "--plot", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == f"  plot: {out}"
    root = ET.fromstring(out.read_bytes())  # well-formed XML
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    element = root.find("{http://www.w3.org/2000/svg}metadata[@id='audiopost-data']")
    assert element is not None
    assert json.loads(element.text) == plot.read_data(out)
    check_steps(plot.read_data(out), steps)
    assert not [p.name for p in folder.glob(".*")]  # no temp file left behind


def test_svg_is_the_same_every_time(folder: Path, steps: Path) -> None:
    first, second = folder / "first.svg", folder / "second.svg"
    assert run("inspect", str(steps), "--plot", str(first)).exit_code == 0
    assert run("inspect", str(steps), "--plot", str(second)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()


def test_png_is_a_png_of_the_stated_size_with_the_same_data(folder: Path, steps: Path) -> None:
    out = folder / "steps.PNG"
    result = run("inspect", str(steps), "--plot", str(out), "--json")
    assert result.exit_code == 0, result.output
    info = json.loads(result.stdout)
    assert info["plot"] == str(out)
    # The usual inspect JSON is all there; integrated: the power mean of the two halves (both pass the gates).
    assert info["loudness_lufs"] == pytest.approx(10 * math.log10((10 ** -2.3 + 10 ** -1.3) / 2), abs=0.3)
    raw = out.read_bytes()
    assert raw[:8] == b"\x89PNG\r\n\x1a\n"
    length, kind, width, height = struct.unpack(">I4sII", raw[8:24])
    assert (length, kind, width, height) == (13, b"IHDR", 1200, 500)
    data = plot.read_data(out)
    check_steps(data, steps)
    from PIL import Image  # an independent reader of the picture and of its text chunk

    with Image.open(out) as image:
        assert image.size == (1200, 500)
        assert json.loads(image.text["audiopost"]) == data


def test_overs_are_found_and_a_clean_tone_has_none(folder: Path, amplitude, clean: Path) -> None:
    burst = tone(folder / "burst.mp3", [(4, amplitude(-23)), (2, 0.99), (4, amplitude(-23))])
    out = folder / "burst.svg"
    assert run("inspect", str(burst), "--plot", str(out)).exit_code == 0
    data = plot.read_data(out)
    assert data["overs"], data["overs"]
    assert all(3.8 <= o["start"] < o["end"] <= 6.3 for o in data["overs"])
    assert max(o["peak_dbtp"] for o in data["overs"]) > -1.0
    assert data["true_peak_dbtp"] > -1.0

    out = folder / "clean.svg"
    assert run("inspect", str(clean), "--plot", str(out)).exit_code == 0
    data = plot.read_data(out)
    assert data["overs"] == []
    assert data["integrated_lufs"] == pytest.approx(-16.0, abs=0.3)


def test_chapters_are_marked(folder: Path, clean: Path) -> None:
    episode = folder / "chapters.mp3"
    shutil.copyfile(clean, episode)
    tags = ID3()
    add_chapters(tags, (("Intro", 0.0, 2.5), ("Q&A <live> — Über ✓", 2.5, 8.0)), 8000)
    tags.save(episode)
    for out in (folder / "chapters.png", folder / "chapters.svg"):  # text that is neither Latin-1 nor XML-safe
        result = run("inspect", str(episode), "--plot", str(out))
        assert result.exit_code == 0, result.output
        assert plot.read_data(out)["chapters"] == [{"title": "Intro", "start": 0.0, "end": 2.5},
                                                     {"title": "Q&A <live> — Über ✓", "start": 2.5, "end": 8.0}]


def test_bad_suffix_is_one_error_line(folder: Path, clean: Path) -> None:
    out = folder / "picture.jpg"
    result = run("inspect", str(clean), "--plot", str(out))
    assert result.exit_code == 1
    assert result.stderr == "Error: --plot FILE must end in .png or .svg\n"
    assert not out.exists()


def test_missing_output_folder(folder: Path, clean: Path) -> None:
    out = folder / "no" / "such" / "plot.svg"
    result = run("inspect", str(clean), "--plot", str(out))
    assert result.exit_code == 1
    assert result.stderr == f"Error: output folder {out.parent} does not exist\n"


def test_replaces_its_own_picture_but_not_a_foreign_file(folder: Path, clean: Path) -> None:
    out = folder / "theirs.svg"
    out.write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    result = run("inspect", str(clean), "--plot", str(out))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {out} exists and was not made by audiopost (use --force to replace it)\n"
    assert out.read_text() == '<svg xmlns="http://www.w3.org/2000/svg"/>'

    assert run("inspect", str(clean), "--plot", str(out), "--force").exit_code == 0
    assert plot.read_data(out)["file"] == clean.name
    assert run("inspect", str(clean), "--plot", str(out)).exit_code == 0  # now it is ours

    png = folder / "theirs.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    assert run("inspect", str(clean), "--plot", str(png)).exit_code == 1
    assert png.read_bytes() == b"\x89PNG\r\n\x1a\n" + bytes(100)


def test_the_cli_does_not_import_matplotlib() -> None:
    code = "import sys, audiopost.cli, audiopost.inspection, audiopost.plot; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
