"""audiopost.dsp against the scipy / pyloudnorm functions it replaces."""

from __future__ import annotations

import subprocess
import sys
from itertools import pairwise
from math import prod

import numpy as np
import pyloudnorm
import pytest
from scipy.ndimage import minimum_filter1d, uniform_filter1d
from scipy.signal import butter, resample_poly, sosfilt

from audiopost.dsp import (
    TP_GAIN_BOUND,
    TP_PHASES,
    SosFilter,
    box_mean,
    k_weighting,
    sliding_min,
    true_peak_4x,
    true_peak_above,
)


def rng(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(20240611 + seed)


def speech_like(n: int, rate: int = 44100) -> np.ndarray:
    """Harmonics of a wandering pitch up to 8 kHz, in syllable-rate bursts, plus a little noise: float32."""
    gen, t = rng(n), np.arange(n) / rate
    pitch = 140 + 30 * np.sin(2 * np.pi * 0.7 * t)
    phase = 2 * np.pi * np.cumsum(pitch) / rate
    voice = sum(np.sin(k * phase + gen.uniform(0, 2 * np.pi)) / k for k in range(1, 50))
    envelope = np.clip(np.sin(2 * np.pi * 4 * t), 0, None) ** 2
    return (0.3 * voice * envelope + 0.01 * gen.standard_normal(n)).astype(np.float32)


@pytest.mark.parametrize("rate", [16000, 22050, 24000, 44100, 48000])
def test_k_weighting_is_pyloudnorms(rate: int) -> None:
    stages = pyloudnorm.Meter(rate)._filters.values()
    expected = np.array([np.concatenate([s.b, s.a]) for s in stages])
    expected[0, :3] *= prod(s.passband_gain for s in stages)
    got = k_weighting(rate)
    assert got.shape == (2, 6)
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-12)


def cuts(n: int, sizes: list[int]) -> list[tuple[int, int]]:
    """Consecutive (start, end) pieces of the given sizes, then the rest."""
    return list(pairwise([*np.minimum(np.cumsum([0, *sizes]), n).tolist(), n]))


@pytest.mark.parametrize("rate", [16000, 44100, 48000])
def test_sos_filter_equals_sosfilt_piece_by_piece(rate: int) -> None:
    sos = k_weighting(rate)
    x = speech_like(80_000, rate)
    expected = sosfilt(sos, x.astype(np.float64))
    rms = np.sqrt(np.mean(expected**2))
    # empty, single-sample, sub-block, block-sized and multi-slice pieces (> 32768 samples), at odd offsets
    pieces = cuts(len(x), [0, 1, 1, 31, 0, 32, 33, 5, 1000, 40_000, 7, 0, 3])
    f = SosFilter(sos)
    outs = [f.filt(x[a:b]) for a, b in pieces]
    assert all(len(o) == b - a and o.dtype == np.float64 for o, (a, b) in zip(outs, pieces, strict=True))
    got = np.concatenate(outs)
    assert np.abs(got - expected).max() <= 1e-9 * rms
    _, zf = sosfilt(sos, x.astype(np.float64), zi=np.zeros((2, 2)))
    np.testing.assert_allclose(f.state, zf.reshape(-1), rtol=0, atol=1e-9 * rms)
    whole = SosFilter(sos).filt(x)
    assert np.abs(whole - expected).max() <= 1e-9 * rms


@pytest.mark.parametrize("sos", [butter(6, 0.05, output="sos"), butter(2, [0.1, 0.3], btype="band", output="sos")[0]])
def test_sos_filter_takes_any_cascade(sos: np.ndarray) -> None:
    x = rng().standard_normal(5_000)
    expected = sosfilt(np.atleast_2d(sos), x)
    f = SosFilter(sos)
    got = np.concatenate([f.filt(x[a:b]) for a, b in cuts(len(x), [17, 1, 2000])])
    assert np.abs(got - expected).max() <= 1e-9 * np.sqrt(np.mean(expected**2))


def test_sos_filter_edges() -> None:
    f = SosFilter(k_weighting(48000))
    assert f.filt(np.zeros(0, np.float32)).shape == (0,)
    assert np.array_equal(f.filt(np.zeros(100)), np.zeros(100))
    with pytest.raises(ValueError):
        SosFilter(np.ones((2, 5)))


def annex2_reference(x: np.ndarray, before: np.ndarray, after: np.ndarray) -> np.ndarray:
    """true_peak_4x written out: each phase as np.convolve; the values at n -3/8, -1/8 (phases 2, 3 of the
    interval before n) and n + 1/8, +3/8 (phases 0, 1 of the interval after n), and |x[n]|."""
    n = len(x)
    xp = np.concatenate([np.zeros(6 - len(before)), before, x, after, np.zeros(6 - len(after))]).astype(np.float64)
    values = [np.abs(x.astype(np.float64))]
    for phase, k in [(2, 5), (3, 5), (0, 6), (1, 6)]:  # sum_t c[t] x[n + k - t] is x at n + k - 6 + (2 phase + 1)/8
        values.append(np.abs(np.convolve(xp, TP_PHASES[phase])[np.arange(n) + k + 6]))
    return np.max(values, axis=0)


@pytest.mark.parametrize("n", [0, 1, 2, 5, 7, 8, 13, 100, 5_003])
def test_true_peak_is_annex2_around_each_sample(n: int) -> None:
    x = (0.5 * rng(n).standard_normal(n)).astype(np.float32)
    got = true_peak_4x(x)
    assert got.shape == (n,) and got.dtype == np.float32
    np.testing.assert_allclose(got, annex2_reference(x, np.zeros(0), np.zeros(0)), rtol=1e-6, atol=1e-7)
    assert np.all(got >= np.abs(x))


def test_true_peak_pieces_with_neighbours_equal_the_whole() -> None:
    x = speech_like(20_000)
    whole = true_peak_4x(x)
    parts = [true_peak_4x(x[a:b], before=x[:a], after=x[b:]) for a, b in cuts(len(x), [0, 3, 1, 6_000, 5])]
    np.testing.assert_allclose(np.concatenate(parts), whole, rtol=1e-6, atol=1e-7)  # float32 sums, in other orders
    np.testing.assert_allclose(true_peak_4x(x[10:20], before=x[7:10], after=x[20:22]),
                               annex2_reference(x[10:20], x[7:10], x[20:22]), rtol=1e-6, atol=1e-7)


def test_true_peak_finds_the_inter_sample_peak() -> None:
    rate = 48000
    n = np.arange(4800)
    x = np.sin(2 * np.pi * (rate / 4) * n / rate + np.pi / 4).astype(np.float32)  # samples at ±0.707, peak 1.0
    assert abs(np.abs(x).max() - 0.7071) < 1e-3
    peak = true_peak_4x(x)
    assert abs(20 * np.log10(peak.max())) < 0.2
    assert abs(20 * np.log10(peak[100:-100].min())) < 0.2  # every sample sees the crest next to it


def test_true_peak_agrees_with_resample_poly() -> None:
    t = np.arange(20_000) / 44100
    tones = sum(np.sin(2 * np.pi * f * t + p) for f, p in [(11025, np.pi / 4), (7000, 1.0), (15000, 2.0)]) / 3
    signals = [speech_like(44100), (0.1 * rng().standard_normal(10_000)).astype(np.float32), tones.astype(np.float32)]
    for x in signals:
        expected = np.abs(resample_poly(x, 4, 1)).max()
        assert abs(20 * np.log10(true_peak_4x(x).max() / expected)) < 0.3
    assert 20 * np.log10(expected / np.abs(signals[-1]).max()) > 0.6  # the tones peak between samples


def test_true_peak_gain_bound() -> None:
    assert max(np.abs(TP_PHASES).sum(axis=1)) == pytest.approx(TP_GAIN_BOUND)
    worst = np.sign(TP_PHASES[1][::-1]).astype(np.float32)  # phase 1 read at the sample that lines it up
    assert true_peak_4x(np.tile(worst, 3)).max() == pytest.approx(TP_GAIN_BOUND, rel=1e-6)
    x = rng().uniform(-1, 1, 10_000).astype(np.float32)
    assert true_peak_4x(x).max() <= TP_GAIN_BOUND * np.abs(x).max() + 1e-6


SIZES = [1, 2, 3, 4, 5, 8, 221, 222]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("n", [0, 1, 2, 7, 1_000])
@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int16])
def test_sliding_min_is_minimum_filter1d(size: int, n: int, dtype: type) -> None:
    x = (1000 * rng(n).standard_normal(n)).astype(dtype)
    got = sliding_min(x, size)
    assert got.dtype == x.dtype
    assert np.array_equal(got, minimum_filter1d(x, size, mode="nearest"))


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("n", [0, 1, 2, 7, 1_000])
def test_box_mean_is_uniform_filter1d(size: int, n: int) -> None:
    x32 = rng(n).standard_normal(n).astype(np.float32)
    got = box_mean(x32, size)
    assert got.dtype == np.float32
    np.testing.assert_allclose(got, uniform_filter1d(x32, size, mode="nearest"), rtol=0, atol=1e-6)
    x64 = 3.0 + rng(n + 1).standard_normal(n)
    np.testing.assert_allclose(box_mean(x64, size), uniform_filter1d(x64, size, mode="nearest"), rtol=0, atol=1e-9)


def test_box_mean_long_signal_keeps_precision() -> None:
    x = (0.5 + 0.1 * rng().standard_normal(2_000_000)).astype(np.float32)  # the cumulative sum reaches 1e6
    np.testing.assert_allclose(box_mean(x, 221), uniform_filter1d(x, 221, mode="nearest"), rtol=0, atol=1e-6)


@pytest.mark.parametrize("fn", [sliding_min, box_mean])
def test_filters_reject_bad_sizes(fn) -> None:
    with pytest.raises(ValueError):
        fn(np.zeros(5), 0)


def test_importing_dsp_loads_no_scipy() -> None:
    code = "import sys, audiopost.dsp; print(sorted({m.split('.')[0] for m in sys.modules} & {'scipy', 'pyloudnorm'}))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "[]\n"


# true_peak_above computes each interpolated value as a 13-tap float32 dot product (a window times a (13, 4)
# matrix); true_peak_4x does it inside a larger float32 matmul. Same terms, other order (and BLAS may fuse
# multiply-adds): each sum of k = 12 products is within k·u·Σ|c·x| of the exact value, u = 2^-24, so two of them
# differ by at most 2·12·u·TP_GAIN_BOUND·max|x over the 13 samples|. Taking |·| and the max keeps that bound.
# A wrong phase or a missed window is off by orders of magnitude more (the signal is 0.1 rms).
def float32_sum_tolerance(x: np.ndarray, terms: int = 12) -> np.ndarray:
    reach = np.array([np.abs(x[max(0, i - 6): i + 7]).max() for i in range(len(x))])
    return 2 * terms * 2.0**-24 * TP_GAIN_BOUND * reach


@pytest.mark.parametrize("floor", [0.2, 0.35, 0.5, 2.0])
def test_true_peak_above_is_exact_where_it_can_matter(floor: float) -> None:
    gen = rng(9)
    x = (gen.standard_normal(40000) * 0.1).astype(np.float32)
    x[[2, 500, 505, 39998]] = [0.9, -0.8, 0.85, 0.7]  # near the edges and close together
    full, got = true_peak_4x(x), true_peak_above(x, floor)
    near = np.array([np.abs(x[max(0, i - 6): i + 7]).max() >= floor for i in range(len(x))])
    tol = float32_sum_tolerance(x)
    assert np.all(np.abs(got[near] - full[near]) <= tol[near])
    if near.mean() < 1 / 8:  # the samples gathered one by one; the others keep their sample peak (no arithmetic)
        np.testing.assert_array_equal(got[~near], np.abs(x[~near]))
    else:  # most samples qualify: all are computed, by true_peak_4x itself (the same computation: exact)
        np.testing.assert_array_equal(got, full)
    assert np.all(full[~near] < floor * TP_GAIN_BOUND)


def test_float32_sum_tolerance_catches_a_wrong_phase() -> None:
    x = speech_like(5_000)
    wrong = np.roll(true_peak_4x(x), 1)  # each value read one sample off: the tolerance must not hide it
    assert np.any(np.abs(wrong - true_peak_4x(x)) > float32_sum_tolerance(x))
