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
from scipy.signal import resample_poly

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


def loudness(x: np.ndarray, rate: int = RATE) -> float:
    """Integrated loudness of a mono signal in LUFS (BS.1770-4), as measured on its one channel."""
    if len(x) < int(0.4 * rate):
        x = np.concatenate([x, np.zeros(int(0.4 * rate) - len(x) + 1, dtype=x.dtype)])
    with np.errstate(divide="ignore"):
        value = pyloudnorm.Meter(rate).integrated_loudness(x.astype(np.float64))
    return float(value)


def true_peak(x: np.ndarray, block: int = 1 << 16) -> np.ndarray:
    """Per-sample true-peak magnitude (max of 4× oversampled values), computed in blocks."""
    out = np.empty(len(x), dtype=np.float32)
    pad = 64
    for start in range(0, len(x), block):
        lo, hi = max(0, start - pad), min(len(x), start + block + pad)
        up = np.abs(resample_poly(x[lo:hi], 4, 1)).reshape(-1, 4).max(axis=1)
        out[start: min(start + block, len(x))] = up[start - lo: start - lo + min(block, len(x) - start)]
    return out


def limit(x: np.ndarray, ceiling_db: float, rate: int = RATE, lookahead: float = 0.005) -> np.ndarray:
    """Look-ahead limiter: the gain never exceeds what keeps every true peak under the ceiling."""
    ceiling = 10 ** (ceiling_db / 20)
    peaks = true_peak(x)
    need = np.minimum(1.0, ceiling / np.maximum(peaks, 1e-9)).astype(np.float32)
    if need.min() >= 1.0:
        return x
    n = max(1, int(lookahead * rate))
    gain = minimum_filter1d(need, size=2 * n + 1)
    gain = uniform_filter1d(gain, size=n + 1)
    return (x * np.minimum(gain, need.max())).astype(np.float32)


def db(value: float) -> float:
    return float(20 * np.log10(max(value, 1e-12)))


def master(speech: Speech, profile: Profile, out: Path, *, intro: str = "", outro: str = "") -> Master:
    """Join the clips with their pauses, add intro/outro clips, reach the loudness target, write WAV."""
    pieces: list[np.ndarray] = []
    cues: list[Cue] = []
    t = 0.0
    intro_clip = load_clip(intro) if intro else None
    outro_clip = load_clip(outro) if outro else None
    if intro_clip is not None:
        pieces += [intro_clip, np.zeros(int(CLIP_GAP * RATE), np.float32)]
        t = (len(intro_clip) + int(CLIP_GAP * RATE)) / RATE
    speech_start = t
    for clip in speech.clips:
        x, rate = read_wav(clip.path)
        x = resample(trim(x, rate), rate)
        pause = np.zeros(int(round(clip.chunk.pause_after * RATE)), np.float32)
        cues.append(Cue(t, t + len(x) / RATE, clip.chunk.shown, clip.chunk.section, clip.chunk.kind))
        pieces += [x, pause]
        t += (len(x) + len(pause)) / RATE
    voice = np.concatenate(pieces[2 if intro_clip is not None else 0:]) if speech.clips else np.zeros(1)
    if not np.any(np.abs(voice) > 1e-4):
        raise AudiopostError("the speech engine produced only silence")
    target = profile.loudness - DUAL_MONO_DB
    gain = 10 ** ((target - loudness(voice)) / 20)
    for clip_samples in (intro_clip, outro_clip):  # clips sit at the level of the speech
        if clip_samples is not None:
            clip_samples *= 10 ** ((target - loudness(clip_samples)) / 20) / gain
    if outro_clip is not None:
        pieces += [np.zeros(int(CLIP_GAP * RATE), np.float32), outro_clip]
    x = np.concatenate(pieces) * np.float32(gain)
    ceiling = profile.true_peak - MP3_MARGIN_DB
    for _ in range(3):  # limiting lowers loudness a little: make up and limit again
        x = limit(x, ceiling)
        miss = target - loudness(x)
        if abs(miss) < 0.1:
            break
        x = (x * np.float32(10 ** (miss / 20))).astype(np.float32)
    x = limit(x, ceiling)
    _write_float_wav(out, x)
    return Master(out, len(x) / RATE, loudness(x) + DUAL_MONO_DB, db(float(true_peak(x).max())),
                  tuple(cues), speech_start)


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
