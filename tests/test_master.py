"""Speech → Master on synthetic signals, checked against ffmpeg's ebur128 (an independent meter)."""

from __future__ import annotations

import io
import subprocess
import wave
from pathlib import Path

import numpy as np
import pytest

from audiopost.master import (
    DUAL_MONO_DB,
    RATE,
    limiter_gain,
    loudness,
    master,
    peak_db,
    read_wav,
    resample,
    trim,
    true_peak,
)
from audiopost.profiles import Profile
from audiopost.speech import Chunk, Clip, Speech
from conftest import ebur128


def sine(freq: float, seconds: float, dbfs: float, rate: int = RATE) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (10 ** (dbfs / 20) * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def wav_bytes(x: np.ndarray, rate: int) -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes((np.clip(x, -1, 1) * 32767).astype("<i2").tobytes())
    return buf.getvalue()


def test_meter_matches_ebu_tech_3341_case_1() -> None:
    # A 1 kHz sine at -23 dBFS on both channels reads -23.0 LUFS; one channel of it reads 3.01 dB less.
    assert loudness(sine(1000, 20, -23)) == pytest.approx(-23 - DUAL_MONO_DB, abs=0.1)


def test_meter_agrees_with_pyloudnorm_at_22050() -> None:
    import pyloudnorm

    rng = np.random.default_rng(7)
    x = (rng.standard_normal(22050 * 10) * 0.05).astype(np.float32)
    x[22050 * 3: 22050 * 5] = 0  # a gap, so gating matters
    assert loudness(x, 22050) == pytest.approx(pyloudnorm.Meter(22050).integrated_loudness(x.astype(float)),
                                               abs=1e-6)


def test_meter_silence_shortcut_equals_filtering_zeros() -> None:
    from audiopost.master import LoudnessMeter

    rng = np.random.default_rng(3)
    pieces = [(rng.standard_normal(n) * 0.1).astype(np.float32) for n in (30000, 4410, 52000)]
    exact, fast = LoudnessMeter(22050), LoudnessMeter(22050)
    for x, pause in zip(pieces, (6615, 28665, 100), strict=True):
        exact.add(x).add(np.zeros(pause, np.float32))
        fast.add(x).silence(pause)
    assert fast.value() == pytest.approx(exact.value(), abs=1e-9)
    assert len(np.concatenate(fast.steps)) == len(np.concatenate(exact.steps))


def test_true_peak_sees_inter_sample_peaks() -> None:
    # fs/4 sine sampled at 45° phase: every sample is at 0.707 of the real peak (-3.01 dB under it).
    n = np.arange(4096)
    x = (0.5 * np.sin(np.pi / 2 * n + np.pi / 4)).astype(np.float32)
    assert 20 * np.log10(np.abs(x).max()) == pytest.approx(-9.03, abs=0.01)
    assert peak_db(x) == pytest.approx(-6.02, abs=0.2)


def test_limiter_holds_the_ceiling() -> None:
    x = sine(300, 2, -3)
    x[RATE // 2: RATE // 2 + 400] *= 3  # a burst over full scale
    gain = limiter_gain(true_peak(x), 1.0, -6.0, RATE)
    y = x * gain
    assert peak_db(y) <= -5.95
    quiet = sine(300, 2, -20)
    assert np.array_equal(quiet * limiter_gain(true_peak(quiet), 1.0, -6.0, RATE), quiet)


def test_limiter_filters_only_around_peaks_and_equals_the_whole_computation() -> None:
    from audiopost.dsp import box_mean, sliding_min

    rng = np.random.default_rng(5)
    peaks = np.abs(rng.standard_normal(50000)).astype(np.float32) * 0.1
    peaks[[3, 900, 960, 20000, 20100, 49990]] = [0.9, 0.8, 1.2, 0.7, 0.95, 1.1]  # edges, close and far apart
    gain, ceiling_db, rate = 1.3, -3.0, 22050
    need = np.minimum(gain, 10 ** (ceiling_db / 20) / np.maximum(peaks, 1e-9)).astype(np.float32)
    n = int(0.005 * rate)
    whole = np.minimum(box_mean(sliding_min(need, 2 * n + 1), n + 1).astype(np.float32), need)
    got = limiter_gain(peaks, gain, ceiling_db, rate)
    # Not the same computation: box_mean's float64 running sum starts at the stretch, not at sample 0. Its
    # rounding (~1e-12 here) is far under float32's, so after the cast to float32 a value can only land on
    # the neighbouring float32 when the exact mean sits at a rounding boundary: at most 1 ulp apart.
    np.testing.assert_array_max_ulp(got, whole, maxulp=1)
    assert np.array_equal(got[25000:45000], np.full(20000, np.float32(gain)))  # far from peaks: the gain itself


def test_trim_and_resample() -> None:
    x = np.concatenate([np.zeros(22050), sine(440, 1, -12, 22050), np.zeros(11025)])
    trimmed = trim(x, 22050)
    assert len(trimmed) == pytest.approx(22050 + 2 * 441, abs=441)
    assert len(resample(trimmed, 22050, 44100)) == 2 * len(trimmed)


def test_read_wav_from_bytes(tmp_path: Path) -> None:
    path = tmp_path / "a.wav"
    path.write_bytes(wav_bytes(sine(440, 0.5, -6, 22050), 22050))
    x, rate = read_wav(path)
    assert rate == 22050 and len(x) == 11025 and x.dtype == np.float32
    assert np.abs(x).max() == pytest.approx(10 ** (-6 / 20), abs=0.01)


def test_master_reaches_target_measured_by_ffmpeg(tmp_path: Path) -> None:
    # Speech-like: bursts of noise shaped like syllables, at a level far from the target.
    rng = np.random.default_rng(1)
    clips = []
    for i in range(6):
        burst = rng.standard_normal(22050 * 2).astype(np.float32) * 0.02
        burst *= np.abs(np.sin(np.linspace(0, 12 * np.pi, len(burst)))).astype(np.float32)
        burst[5000:5040] = 0.9  # a spike the limiter must catch
        path = tmp_path / f"c{i}.wav"
        path.write_bytes(wav_bytes(burst, 22050))
        clips.append(Clip(Chunk(i, "x", "x", 0, "body", 0.5 if i < 5 else 0.0), path, 2.0))
    m = master(Speech(tuple(clips), 22050, "fake"), Profile(), tmp_path / "m.wav")
    assert m.duration == pytest.approx(6 * 2.0 + 5 * 0.5, abs=0.1)
    lufs, peak = ebur128(m.wav)
    assert lufs == pytest.approx(-16.0, abs=0.3)
    assert peak <= -1.9
    assert m.loudness_lufs == pytest.approx(lufs, abs=0.2)
    assert [round(c.start, 2) for c in m.cues][:2] == [0.0, round(m.cues[0].end + 0.5, 2)]


def test_an_earlier_gain_is_held_when_close(tmp_path: Path) -> None:
    rng = np.random.default_rng(2)
    clips = []
    for i in range(4):
        burst = rng.standard_normal(22050).astype(np.float32) * 0.03
        path = tmp_path / f"c{i}.wav"
        path.write_bytes(wav_bytes(burst, 22050))
        clips.append(Clip(Chunk(i, "x", "x", 0, "body", 0.4), path, 1.0))
    speech = Speech(tuple(clips), 22050, "fake")
    first = master(speech, Profile(), tmp_path / "a.wav")
    est = first.gain_estimate
    near = master(speech, Profile(), tmp_path / "b.wav", gain_hint=(est + 0.03, first.gain_db + 0.04))  # kept
    off = master(speech, Profile(), tmp_path / "c.wav", gain_hint=(est, first.gain_db + 0.3))  # then corrected
    far = master(speech, Profile(), tmp_path / "d.wav", gain_hint=(est + 0.2, first.gain_db + 0.2))  # not used
    same = master(speech, Profile(), tmp_path / "e.wav", gain_hint=(est, first.gain_db))
    assert near.gain_db == round(first.gain_db + 0.04, 4) and far.gain_db == first.gain_db
    assert off.gain_db != round(first.gain_db + 0.3, 4) and off.loudness_lufs == pytest.approx(-16.0, abs=0.1)
    assert same.wav.read_bytes() == first.wav.read_bytes() != near.wav.read_bytes()


def test_master_refuses_silence(tmp_path: Path) -> None:
    from audiopost.errors import AudiopostError

    path = tmp_path / "s.wav"
    path.write_bytes(wav_bytes(np.zeros(22050, np.float32), 22050))
    with pytest.raises(AudiopostError, match="only silence"):
        master(Speech((Clip(Chunk(0, "x", "x", 0, "body", 0.0), path, 1.0),), 22050, "fake"), Profile(),
               tmp_path / "m.wav")


def test_clip_that_is_not_audio(tmp_path: Path) -> None:
    from audiopost.errors import AudiopostError
    from audiopost.master import load_clip

    bad = tmp_path / "jingle.mp3"
    bad.write_text("not audio at all")
    with pytest.raises(AudiopostError, match="could not be decoded"):
        load_clip(str(bad))
    with pytest.raises(AudiopostError, match="no such file"):
        load_clip(str(tmp_path / "missing.wav"))


def test_ffmpeg_is_the_meter_here() -> None:
    out = subprocess.run(["ffmpeg", "-hide_banner", "-filters"], capture_output=True, text=True).stdout
    assert " ebur128 " in out
