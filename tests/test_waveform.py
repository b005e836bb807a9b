"""The waveform envelope: from blocks, from the master's WAVs and from an MP3 (real ffmpeg), and its SVG path."""

from __future__ import annotations

import itertools
import subprocess
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audiopost import waveform
from audiopost.errors import AudiopostError
from audiopost.waveform import Envelope, half_path, of_blocks, of_mp3, of_wavs, scale_of
from conftest import need, wave_heights


def direct(x: np.ndarray, columns: int) -> tuple[np.ndarray, np.ndarray]:
    """Peak and RMS per column the plain way (the column bounds of of_blocks: ceil(k * n / columns))."""
    bounds = [-(-k * len(x) // columns) for k in range(columns + 1)]
    cols = [np.abs(x[a:b]).astype(np.float64) for a, b in itertools.pairwise(bounds)]
    return np.array([c.max() for c in cols]), np.array([np.sqrt(np.mean(c ** 2)) for c in cols])


@settings(max_examples=60, deadline=None)
@given(n=st.integers(1, 5000), columns=st.integers(1, 300), cuts=st.lists(st.integers(0, 5000), max_size=6),
       seed=st.integers(0, 2**32 - 1))
def test_blocks_give_the_same_columns_however_the_stream_is_cut(n: int, columns: int, cuts: list[int],
                                                                 seed: int) -> None:
    x = (np.random.default_rng(seed).standard_normal(n) * 0.3).astype(np.float32)
    edges = sorted({0, n, *(c for c in cuts if c < n)})
    env = of_blocks([x[a:b] for a, b in itertools.pairwise(edges)], n, 8000, columns)
    peak, rms = direct(x, min(columns, n))
    assert len(env.peak) == min(columns, n)
    np.testing.assert_array_equal(env.peak, peak.astype(np.float32))  # a max: no arithmetic
    np.testing.assert_allclose(env.rms, rms, rtol=1e-5)
    assert env.duration == pytest.approx(n / 8000)


def test_a_short_stream_leaves_silent_columns_and_a_long_one_is_cut() -> None:
    ones = np.ones(100, np.float32)
    short = of_blocks([ones], 200, 100, 4)
    assert short.peak.tolist() == [1, 1, 0, 0] and short.duration == 2.0
    long = of_blocks([ones, ones * 0.5, ones * 9], 150, 100, 3)
    assert long.peak.tolist() == [1, 1, 0.5]


def test_coarser_columns_keep_the_max_peak_and_the_power_mean() -> None:
    x = (np.random.default_rng(1).standard_normal(19200) * 0.2).astype(np.float32)
    fine = of_blocks([x], len(x), 16000, 1920)
    for n in (480, 120, 7):
        coarse, direct_ = fine.columns(n), of_blocks([x], len(x), 16000, n)
        if 1920 % n == 0:  # the same samples in each column
            np.testing.assert_array_equal(coarse.peak, direct_.peak)
            np.testing.assert_allclose(coarse.rms, direct_.rms, rtol=1e-5)
        assert len(coarse.peak) == n and coarse.peak.max() == fine.peak.max()
    assert fine.columns(5000) is fine
    with pytest.raises(ValueError):
        fine.columns(0)


def float_wav(path: Path, x: np.ndarray, rate: int) -> Path:
    size = len(x) * 4
    path.write_bytes(b"".join([b"RIFF", (36 + size).to_bytes(4, "little"), b"WAVEfmt ", (16).to_bytes(4, "little"),
                               (3).to_bytes(2, "little"), (1).to_bytes(2, "little"), rate.to_bytes(4, "little"),
                               (rate * 4).to_bytes(4, "little"), (4).to_bytes(2, "little"), (32).to_bytes(2, "little"),
                               b"data", size.to_bytes(4, "little"), x.astype("<f4").tobytes()]))
    return path


def test_master_parts_read_as_one_stream(tmp_path: Path) -> None:
    x = (np.random.default_rng(2).standard_normal(30_000) * 0.1).astype(np.float32)
    parts = [float_wav(tmp_path / "a.wav", x[:12_345], 22050), float_wav(tmp_path / "b.wav", x[12_345:], 22050)]
    env = of_wavs(parts, len(x) / 22050, 300)
    whole = of_blocks([x], len(x), 22050, 300)
    np.testing.assert_array_equal(env.peak, whole.peak)
    np.testing.assert_allclose(env.rms, whole.rms, rtol=1e-6)
    (tmp_path / "int.wav").write_bytes(b"RIFF\0\0\0\0WAVEfmt " + b"\0" * 24)
    with pytest.raises(AudiopostError, match="not a float WAV"):
        of_wavs([tmp_path / "int.wav"], 1.0)


def test_mp3_envelope_follows_the_sound(tmp_path: Path) -> None:
    need("ffmpeg")
    mp3 = tmp_path / "tone.mp3"  # 4 s of a loud tone, 4 s of silence, 2 s of a quiet tone
    subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    "aevalsrc='if(lt(t,4),0.8,if(lt(t,8),0,0.1))*sin(2*PI*440*t)':s=44100:d=10",
                    "-ac", "1", "-b:a", "128k", str(mp3)], check=True)
    env = of_mp3(mp3, columns=100)
    assert env.duration == pytest.approx(10.0, abs=0.05)
    assert len(env.peak) == 100
    assert np.all(np.abs(env.peak[2:38] - 0.8) < 0.05)
    assert np.all(np.abs(env.rms[2:38] - 0.8 / np.sqrt(2)) < 0.03)
    assert np.all(env.peak[42:78] < 0.01)
    assert np.all(np.abs(env.peak[82:98] - 0.1) < 0.02)
    (tmp_path / "not.mp3").write_bytes(b"nothing here")
    with pytest.raises(AudiopostError, match="not an MP3"):
        of_mp3(tmp_path / "not.mp3")


def test_half_path_draws_each_column_and_runs_share_a_command() -> None:
    values = np.array([0.0, 1.0, 1.0, 1.0, 0.5, 0.26, 2.0])
    path = half_path(values, 1.0)
    assert wave_heights(path) == [0, 50, 50, 50, 25, 13, 50]  # clipped at full height
    assert path.count("V50h") == 1 and "h3" in path
    assert scale_of(Envelope(np.array([0.0, 0.25], np.float32), np.zeros(2, np.float32), 1.0)) == 4.0
    assert scale_of(Envelope(np.zeros(3, np.float32), np.zeros(3, np.float32), 1.0)) == 1.0
    assert waveform.HEIGHT == 100


def test_the_masters_envelope_is_the_mp3s(tmp_path: Path) -> None:
    """narrate computes the page's waveform from the master it holds: it must be the MP3's, as decoded."""
    need("ffmpeg", "ffprobe", "espeak-ng")
    from audiopost.pipeline import Options, narrate

    post = tmp_path / "post.md"
    post.write_text("---\ntitle: The Tide Table\n---\nThe tide turns at noon. Boats wait in the channel.\n\n"
                    "## Evening\n\nAt dusk the harbour lights come on, one by one, along the wall.\n")
    result = narrate(post, Options(output=tmp_path / "tide.mp3", engine="espeak", cache=False, workers=1))
    assert result.envelope is not None
    mine, decoded = result.envelope.columns(120), of_mp3(result.episode.path).columns(120)
    assert mine.duration == pytest.approx(decoded.duration, abs=0.001)
    loud = decoded.peak > 0.05  # where there is speech (MP3 noise in the pauses is not the point)
    assert loud.mean() > 0.5
    ratio_db = 20 * np.log10(mine.peak[loud] / decoded.peak[loud])
    assert np.median(np.abs(ratio_db)) < 0.5, ratio_db
    assert np.corrcoef(mine.rms, decoded.rms)[0, 1] > 0.98
