"""Speech → Master: trimmed sentences joined with structural pauses, intro/outro clips, loudness to spec.

Loudness: integrated loudness per ITU-R BS.1770-4 (pyloudnorm). The target is what a stereo listener
hears: a mono file plays on both speakers, ~3 dB louder than its single channel measures (ffmpeg
``ebur128=dualmono=true``, ``loudnorm dual_mono``), so -16 LUFS means -19 LUFS on the channel (Apple
Podcasts: -16 LKFS ±1, true peak ≤ -1 dBFS; field-notes.md). True peak is read at 4× oversampling
(BS.1770-4 Annex 2) and held under the ceiling by a look-ahead limiter, with a margin for the MP3
encoder's overshoot.
"""

from __future__ import annotations

import wave
from dataclasses import dataclass
from math import gcd
from pathlib import Path

import numpy as np
import pyloudnorm
from scipy.ndimage import minimum_filter1d, uniform_filter1d
from scipy.signal import resample_poly, sosfilt

from audiopost.errors import AudiopostError
from audiopost.profiles import Profile
from audiopost.speech import Speech

RATE = 44100
DUAL_MONO_DB = 10 * np.log10(2)
"""+3.01 dB: a mono channel heard on two speakers (BS.1770 sums the channels' power)."""
MP3_MARGIN_DB = 1.0
"""Extra true-peak headroom before encoding: libmp3lame's reconstruction overshoots by up to ~1 dB."""
SILENCE_DB = -50.0
CLIP_GAP = 0.6
"""Seconds between an intro/outro clip and the speech."""


@dataclass(frozen=True)
class Cue:
    """Where a chunk sits in the master, in seconds."""

    start: float
    end: float
    text: str
    section: int
    kind: str


@dataclass(frozen=True)
class Master:
    wav: Path
    """Mono 44.1 kHz float WAV."""
    duration: float
    loudness_lufs: float
    """Integrated loudness as a stereo listener hears it (single channel + 3.01 dB)."""
    true_peak_dbtp: float
    cues: tuple[Cue, ...]
    speech_start: float
    """Seconds of intro clip (and gap) before the speech starts."""


def read_wav(path: Path) -> tuple[np.ndarray, int]:
    """Mono float32 samples in [-1, 1] and the sample rate of a PCM WAV."""
    with wave.open(str(path), "rb") as w:
        rate, channels, width = w.getframerate(), w.getnchannels(), w.getsampwidth()
        raw = w.readframes(w.getnframes())
    if width != 2:
        raise AudiopostError(f"{path.name}: expected 16-bit PCM, got {8 * width}-bit")
    x = np.frombuffer(raw, dtype="<i2").astype(np.float32) / 32768.0
    if channels > 1:
        x = x.reshape(-1, channels).mean(axis=1)
    return x, rate


def trim(x: np.ndarray, rate: int, keep: float = 0.02) -> np.ndarray:
    """Cut leading and trailing silence (below -50 dBFS in 10 ms windows), keeping ``keep`` s of edge."""
    win = max(1, rate // 100)
    n = len(x) // win
    if n == 0:
        return x
    rms = np.sqrt(np.mean(x[: n * win].reshape(n, win) ** 2, axis=1) + 1e-20)
    loud = np.flatnonzero(20 * np.log10(rms) > SILENCE_DB)
    if len(loud) == 0:
        return x[:0]
    pad = int(keep * rate)
    return x[max(0, loud[0] * win - pad): min(len(x), (loud[-1] + 1) * win + pad)]


def resample(x: np.ndarray, rate: int, to: int = RATE) -> np.ndarray:
    if rate == to:
        return x
    g = gcd(rate, to)
    return resample_poly(x, to // g, rate // g).astype(np.float32)


def load_clip(path: str) -> np.ndarray:
    """An intro/outro clip in any format ffmpeg reads, as mono 44.1 kHz float, with short fades."""
    from pydub import AudioSegment
    from pydub.exceptions import CouldntDecodeError

    try:
        seg = AudioSegment.from_file(path)
    except FileNotFoundError:
        raise AudiopostError(f"audio clip {path}: no such file") from None
    except (CouldntDecodeError, IndexError, OSError) as e:
        raise AudiopostError(f"audio clip {path} could not be decoded: {str(e).splitlines()[0][:200]}") from None
    if len(seg) < 50:
        raise AudiopostError(f"audio clip {path} is empty")
    seg = seg.set_channels(1).set_frame_rate(RATE).set_sample_width(2)
    seg = seg.fade_in(min(20, len(seg) // 4)).fade_out(min(300, len(seg) // 4))
    return np.array(seg.get_array_of_samples(), dtype=np.float32) / 32768.0


def _k_weighting(rate: int) -> np.ndarray:
    """BS.1770 K-weighting (pyloudnorm's two biquads for this rate) as second-order sections."""
    stages = pyloudnorm.Meter(rate)._filters.values()
    sos = np.array([np.concatenate([s.b, s.a]) for s in stages])
    sos[0, :3] *= np.prod([s.passband_gain for s in stages])
    return sos


def loudness(x: np.ndarray, rate: int = RATE) -> float:
    """Integrated loudness of a mono signal in LUFS (BS.1770-4), as measured on its one channel.

    pyloudnorm's K-weighting filters and gating (400 ms blocks, 75 % overlap, -70 LUFS absolute and
    -10 LU relative gates), vectorized: the power of each 100 ms step is summed once, and each
    400 ms block is four consecutive steps. Agrees with pyloudnorm to 1e-6 LU (tests).
    """
    y = sosfilt(_k_weighting(rate), x.astype(np.float32))
    step = int(0.1 * rate)
    if len(y) < 4 * step:
        y = np.concatenate([y, np.zeros(4 * step - len(y), np.float32)])
    n = len(y) // step
    steps = np.einsum("ij,ij->i", y[: n * step].reshape(n, step), y[: n * step].reshape(n, step),
                      dtype=np.float64)
    z = (steps[:-3] + steps[1:-2] + steps[2:-1] + steps[3:]) / (4 * step)
    with np.errstate(divide="ignore"):
        blocks = -0.691 + 10 * np.log10(z)
    gated = z[blocks >= -70.0]
    if len(gated) == 0:
        return float("-inf")
    relative = -0.691 + 10 * np.log10(gated.mean()) - 10.0
    gated = z[(blocks >= -70.0) & (blocks >= relative)]
    return float(-0.691 + 10 * np.log10(gated.mean())) if len(gated) else float("-inf")


def true_peak(x: np.ndarray, floor: float = 0.0, block: int = 1 << 16) -> np.ndarray:
    """Per-sample true-peak magnitude (max of the 4× oversampled values, BS.1770-4 Annex 2).

    Blocks whose sample peak is under ``floor`` are not oversampled (inter-sample peaks of speech
    stay well within 6 dB of the sample peak, so callers pass a floor 6 dB under what they look for).
    """
    out = np.abs(x).astype(np.float32)
    pad = 64
    for start in range(0, len(x), block):
        end = min(start + block, len(x))
        if out[start:end].max(initial=0.0) < floor:
            continue
        lo, hi = max(0, start - pad), min(len(x), end + pad)
        up = np.abs(resample_poly(x[lo:hi], 4, 1).astype(np.float32))
        four = np.maximum(np.maximum(up[0::4], up[1::4]), np.maximum(up[2::4], up[3::4]))
        out[start:end] = np.maximum(out[start:end], four[start - lo: end - lo])
    return out


def peak_db(x: np.ndarray) -> float:
    """True peak of the whole signal in dBTP."""
    floor = float(np.abs(x).max(initial=0.0)) / 2  # true peak is within 6 dB of the sample peak
    return db(float(true_peak(x, floor).max(initial=0.0)))


def limiter_gain(peaks: np.ndarray, gain: float, ceiling_db: float, rate: int,
                 lookahead: float = 0.005) -> np.ndarray:
    """Per-sample gain that keeps ``peaks * gain`` under the ceiling: a look-ahead limiter.

    The need is min-filtered over ±lookahead, then box-smoothed over half that window, so the smoothed
    gain is never above what any sample needs and changes slowly enough to add no audible distortion.
    """
    ceiling = 10 ** (ceiling_db / 20)
    need = np.minimum(gain, ceiling / np.maximum(peaks, 1e-9)).astype(np.float32)
    if need.min() >= gain:
        return np.full(1, gain, np.float32)
    n = max(1, int(lookahead * rate))
    smooth = uniform_filter1d(minimum_filter1d(need, size=2 * n + 1), size=n + 1)
    return np.minimum(smooth, need)


def db(value: float) -> float:
    return float(20 * np.log10(max(value, 1e-12)))


def master(speech: Speech, profile: Profile, out: Path, *, intro: str = "", outro: str = "") -> Master:
    """Join the clips with their pauses, add intro/outro clips, reach the loudness target, write WAV.

    The master stays at the engine's rate when there are no music clips (ffmpeg resamples to 44.1 kHz
    while encoding); with clips it is built at 44.1 kHz so the music keeps its highs.
    """
    intro_clip = load_clip(intro) if intro else None
    outro_clip = load_clip(outro) if outro else None
    rate = RATE if intro_clip is not None or outro_clip is not None else speech.sample_rate
    pieces, cues = _join(speech, rate)
    voice = np.concatenate(pieces) if pieces else np.zeros(1, np.float32)
    if not np.any(np.abs(voice) > 1e-4):
        raise AudiopostError("the speech engine produced only silence")
    target = profile.loudness - DUAL_MONO_DB
    level = loudness(voice, rate)
    gap = np.zeros(int(CLIP_GAP * rate), np.float32)
    offset = 0.0
    if intro_clip is not None:  # clips sit at the level of the speech
        intro_clip *= np.float32(10 ** ((level - loudness(intro_clip)) / 20))
        pieces = [intro_clip, gap, *pieces]
        offset = (len(intro_clip) + len(gap)) / rate
    if outro_clip is not None:
        outro_clip *= np.float32(10 ** ((level - loudness(outro_clip)) / 20))
        pieces += [gap, outro_clip]
    x = np.concatenate(pieces)
    del pieces, voice
    ceiling = profile.true_peak - MP3_MARGIN_DB
    gain = 10 ** ((target - level) / 20)
    peaks = true_peak(x, floor=10 ** ((ceiling - 9) / 20) / gain)  # quieter blocks cannot reach the ceiling
    for _ in range(4):  # the limiter lowers loudness a little: make up for it and limit again
        gain_curve = limiter_gain(peaks, gain, ceiling, rate)
        y = x * gain_curve
        miss = target - loudness(y, rate)
        if abs(miss) < 0.05:
            break
        gain *= 10 ** (miss / 20)
    _write_float_wav(out, y, rate)
    cues = tuple(Cue(c.start + offset, c.end + offset, c.text, c.section, c.kind) for c in cues)
    # The gain curve is smooth (milliseconds), so the true peak of y is the peaks of x times the gain.
    final_peak = db(float(np.max(peaks * gain_curve)))
    return Master(out, len(y) / rate, loudness(y, rate) + DUAL_MONO_DB, final_peak, cues, offset)


def _join(speech: Speech, rate: int) -> tuple[list[np.ndarray], list[Cue]]:
    """Trimmed chunks with their pauses, at ``rate``, and where each chunk sits (from 0)."""
    pieces: list[np.ndarray] = []
    cues: list[Cue] = []
    samples = 0
    for clip in speech.clips:
        x, native = read_wav(clip.path)
        x = resample(trim(x, native), native, rate)
        pause = np.zeros(round(clip.chunk.pause_after * rate), np.float32)
        cues.append(Cue(samples / rate, (samples + len(x)) / rate, clip.chunk.shown, clip.chunk.section,
                        clip.chunk.kind))
        pieces += [x, pause]
        samples += len(x) + len(pause)
    return pieces, cues


def _write_float_wav(path: Path, x: np.ndarray, rate: int = RATE) -> None:
    """32-bit float mono WAV (WAVE_FORMAT_IEEE_FLOAT), which ffmpeg reads without loss."""
    data = x.astype("<f4").tobytes()
    header = b"".join([
        b"RIFF", (36 + len(data)).to_bytes(4, "little"), b"WAVE",
        b"fmt ", (16).to_bytes(4, "little"), (3).to_bytes(2, "little"), (1).to_bytes(2, "little"),
        rate.to_bytes(4, "little"), (rate * 4).to_bytes(4, "little"), (4).to_bytes(2, "little"),
        (32).to_bytes(2, "little"), b"data", len(data).to_bytes(4, "little"),
    ])
    with open(path, "wb") as f:
        f.write(header)
        f.write(data)
