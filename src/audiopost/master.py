"""Speech → Master: trimmed sentences joined with structural pauses, intro/outro clips, loudness to spec.

Loudness: integrated loudness per ITU-R BS.1770-4 (pyloudnorm's filters and gating, in numpy: dsp.py).
The target is what a stereo listener hears: a mono file plays on both speakers, ~3 dB louder than its
single channel measures (ffmpeg ``ebur128=dualmono=true``, ``loudnorm dual_mono``), so -16 LUFS means
-19 LUFS on the channel (Apple Podcasts: -16 LKFS ±1, true peak ≤ -1 dBFS; field-notes.md). True peak
is read at 4× oversampling (BS.1770-4 Annex 2) and held under the ceiling by a look-ahead limiter, with
a margin for the MP3 encoder's overshoot.
"""

from __future__ import annotations

import copy
import functools
import itertools
import math
import wave
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from math import gcd
from pathlib import Path

import numpy as np

from audiopost.dsp import (
    TP_GAIN_BOUND,
    SosFilter,
    box_mean,
    k_weighting,
    sliding_min,
    true_peak_4x,
    true_peak_above,
)
from audiopost.errors import AudiopostError
from audiopost.profiles import Profile
from audiopost.speech import Speech

RATE = 44100
DUAL_MONO_DB = 10 * np.log10(2)
"""+3.01 dB: a mono channel heard on two speakers (BS.1770 sums the channels' power)."""
MP3_MARGIN_DB = 1.0
"""Extra true-peak headroom before encoding: libmp3lame's reconstruction overshoots by up to ~1 dB."""
TP_DROOP_DB = 0.25
"""BS.1770-4 Annex 2's interpolator reads up to 0.24 dB low between samples (its middle phases have a DC
gain of 0.973); other meters (ffmpeg's ebur128) do not: the limiter aims this much lower, and the true
peak reported is raised by it."""
SILENCE_DB = -50.0
CLIP_GAP = 0.6
"""Seconds between an intro/outro clip and the speech."""
GAIN_HOLD_DB = 0.05
"""An earlier master's gain is kept when the new estimate is this close to its estimate (see gain_hint)."""
PART_SECONDS = 120.0
"""Audio per separately encoded part of a long episode (measured on 2 cores, 12 minutes of audio: parts
of 2 minutes narrate 0.2 s sooner than 90 s ones, each part costing an encoder start of ~80 ms of CPU,
and 0.3 s sooner than 3 minutes; smaller parts make an edit cheaper)."""


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
    parts: tuple[Path, ...]
    """Mono float WAVs, in order (one, unless a long episode was cut in pauses for parallel encoding)."""
    part_starts: tuple[float, ...]
    """Seconds where each part starts."""
    duration: float
    loudness_lufs: float
    """Integrated loudness as a stereo listener hears it (single channel + 3.01 dB)."""
    true_peak_dbtp: float
    cues: tuple[Cue, ...]
    speech_start: float
    """Seconds of intro clip (and gap) before the speech starts."""
    gain_db: float = 0.0
    gain_estimate: float = 0.0
    """The gain estimated before rendering (gain_db differs when a corrective pass was needed)."""
    """The gain that took the speech to the target (before the limiter)."""

    @property
    def wav(self) -> Path:
        """The master as one file (only when it was not cut into parts)."""
        if len(self.parts) != 1:
            raise ValueError("this master is in several parts")
        return self.parts[0]


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
    from scipy.signal import resample_poly  # only for voices and clips at another rate: it takes 0.9 s to import

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


@functools.lru_cache(maxsize=8)
def _k_filter(rate: int) -> SosFilter:
    """The K-weighting filter for ``rate`` (designed once; meters copy it with a fresh state)."""
    return SosFilter(k_weighting(rate))


class LoudnessMeter:
    """Integrated loudness (BS.1770-4) of a mono signal fed piece by piece, in bounded memory.

    pyloudnorm's K-weighting filters (dsp.k_weighting, their state carried from piece to piece) and its
    gating: 400 ms blocks with 75 % overlap, -70 LUFS absolute and -10 LU relative gates.
    The power of each 100 ms step is kept (36,000 floats for an hour); a block is four steps. Agrees
    with pyloudnorm to 1e-6 LU (tests).
    """

    def __init__(self, rate: int) -> None:
        self.filter = copy.copy(_k_filter(rate))
        self.filter.state = np.zeros_like(self.filter.state)
        self.step = int(0.1 * rate)
        self.settle = int(0.2 * rate)
        self.rest = np.zeros(0, np.float32)
        self.steps: list[np.ndarray] = []

    def add(self, x: np.ndarray) -> LoudnessMeter:
        if len(x):
            self._measure(self.filter.filt(x).astype(np.float32))
        return self

    def silence(self, n: int) -> LoudnessMeter:
        """Add ``n`` samples of silence: the filter rings out in 0.2 s (its slowest pole decays in ~4 ms),
        the rest is zeros without filtering."""
        self.add(np.zeros(min(n, self.settle), np.float32))
        if n > self.settle:
            self.filter.state = np.zeros_like(self.filter.state)
            self._measure(np.zeros(n - self.settle, np.float32))
        return self

    def _measure(self, y: np.ndarray) -> None:
        y = np.concatenate([self.rest, y])
        n = len(y) // self.step
        frames = y[: n * self.step].reshape(n, self.step)
        self.steps.append(np.einsum("ij,ij->i", frames, frames, dtype=np.float64))
        self.rest = y[n * self.step:]

    def value(self) -> float:
        """Integrated loudness in LUFS, as measured on the one channel."""
        steps = np.concatenate([*self.steps, np.zeros(max(0, 4 - sum(len(s) for s in self.steps)))])
        z = (steps[:-3] + steps[1:-2] + steps[2:-1] + steps[3:]) / (4 * self.step)
        with np.errstate(divide="ignore"):
            blocks = -0.691 + 10 * np.log10(z)
        gated = z[blocks >= -70.0]
        if len(gated) == 0:
            return float("-inf")
        relative = -0.691 + 10 * np.log10(gated.mean()) - 10.0
        gated = z[(blocks >= -70.0) & (blocks >= relative)]
        return float(-0.691 + 10 * np.log10(gated.mean())) if len(gated) else float("-inf")


def loudness(x: np.ndarray, rate: int = RATE) -> float:
    """Integrated loudness of a mono signal in LUFS (BS.1770-4), as measured on its one channel."""
    if len(x) < int(0.4 * rate):
        x = np.concatenate([x, np.zeros(int(0.4 * rate) - len(x), np.float32)])
    return LoudnessMeter(rate).add(x).value()


def true_peak(x: np.ndarray, floor: float = 0.0) -> np.ndarray:
    """Per-sample true-peak magnitude (max of the 4× oversampled values, BS.1770-4 Annex 2; dsp.true_peak_4x).

    Samples with none of the 13 samples their interpolation reads at ``floor`` or more keep their sample
    peak: their true peak is under TP_GAIN_BOUND times ``floor`` (dsp.true_peak_above).
    """
    return true_peak_above(x, floor) if floor > 0 else true_peak_4x(x)


def peak_db(x: np.ndarray) -> float:
    """True peak of the whole signal in dBTP (as Annex 2's interpolator reads it)."""
    floor = float(np.abs(x).max(initial=0.0)) / TP_GAIN_BOUND  # no block under it can hold the maximum
    return db(float(true_peak(x, floor).max(initial=0.0)))


def limiter_gain(peaks: np.ndarray, gain: float, ceiling_db: float, rate: int,
                 lookahead: float = 0.005) -> np.ndarray:
    """Per-sample gain that keeps ``peaks * gain`` under the ceiling: a look-ahead limiter.

    The need is min-filtered over ±lookahead, then box-smoothed over half that window, so the smoothed
    gain is never above what any sample needs and changes slowly enough to add no audible distortion.
    Only the stretches around samples that need limiting are filtered (elsewhere the gain is ``gain``,
    within 1 float32 ulp of filtering the whole signal: the float64 running mean starts elsewhere); a single
    value means no sample needed it.
    """
    ceiling = 10 ** (ceiling_db / 20)
    over = np.flatnonzero(peaks * gain > ceiling)
    if len(over) == 0:
        return np.full(1, gain, np.float32)
    need = np.minimum(gain, ceiling / np.maximum(peaks, 1e-9)).astype(np.float32)
    n = max(1, int(lookahead * rate))
    reach = n + (n + 1) // 2 + 1  # how far a limited sample can lower the smoothed gain
    curve = np.full(len(peaks), gain, np.float32)
    breaks = np.flatnonzero(np.diff(over) > 2 * reach)
    for a, b in zip(over[np.r_[0, breaks + 1]], over[np.r_[breaks, len(over) - 1]], strict=True):
        lo, hi = max(0, a - 2 * reach), min(len(need), b + 2 * reach + 1)
        smooth = box_mean(sliding_min(need[lo:hi], 2 * n + 1), n + 1).astype(np.float32)
        keep = slice(max(0, a - reach) - lo, min(len(need), b + reach + 1) - lo)
        curve[lo + keep.start: lo + keep.stop] = np.minimum(smooth[keep], need[lo:hi][keep])
    return curve


def db(value: float) -> float:
    return float(20 * np.log10(max(value, 1e-12)))


def master(speech: Speech, profile: Profile, out: Path, *, intro: str = "", outro: str = "", parts: int = 1,
           on_part: Callable[[int, Path], None] | None = None,
           gain_hint: tuple[float, float] | None = None) -> Master:
    """Join the clips with their pauses, add intro/outro clips, reach the loudness target, write WAV.

    Works piece by piece (one sentence in memory at a time), so a 90-minute episode needs no more memory
    than a short one: a first pass measures the speech, a second limits, writes and measures the result,
    and a third corrects the gain in the rare case the limiter cost more than 0.1 LU.

    An episode of two minutes or more is written as several WAV files cut in pauses (see _Plan.cuts;
    ``parts`` is how many the encoder runs at once), and ``on_part(index, path)`` is called as soon as each
    is complete, so the encoder can start on it while the rest is mastered (after a corrective pass it is
    called again, with new paths).

    The master stays at the engine's rate when there are no music clips (ffmpeg resamples to 44.1 kHz
    while encoding); with clips it is built at 44.1 kHz so the music keeps its highs.

    ``gain_hint`` is (estimated, final gain) in dB of an earlier master of the same post: when the gain
    estimated now is within GAIN_HOLD_DB of that estimate, the earlier final gain is used (and kept if
    the result is within 0.1 LU of the target, like any gain), so an edit leaves the untouched parts
    bit-identical and their encoded MP3s reusable from the cache.
    """
    clips = (load_clip(intro) if intro else None, load_clip(outro) if outro else None)
    rate = RATE if any(c is not None for c in clips) else speech.sample_rate
    plan = _Plan(speech, rate, clips)
    if plan.level < -70:
        raise AudiopostError("the speech engine produced only silence")
    target = profile.loudness - DUAL_MONO_DB
    ceiling = profile.true_peak - MP3_MARGIN_DB - TP_DROOP_DB
    # The limiter takes a little loudness away (~0.1 LU for espeak-ng's voices): make up for it from the
    # start (0.0001 dB steps, so an earlier gain is reproduced exactly).
    # Measured: on every 8th sentence the estimate falls 0.1 dB short for Piper's voice (0.45 of 0.54 dB),
    # on every 4th, at the raised gain, 0.07 dB; espeak-ng's voices lose ~0.13 dB, estimated within 0.02.
    loss = plan.limiter_loss(10 ** ((target - plan.level) / 20), ceiling, every=8)
    loss = plan.limiter_loss(10 ** ((target - plan.level + loss) / 20), ceiling, every=4)  # more gain, more limiting
    estimate = gain_db = round(target - plan.level + loss, 4)
    if gain_hint is not None and abs(estimate - gain_hint[0]) < GAIN_HOLD_DB:
        gain_db = round(gain_hint[1], 4)
    cuts = plan.cuts(parts)
    for attempt in range(3):  # the limiter lowers loudness a little: make up for it and limit again
        again = f"-r{attempt}" if attempt else ""  # new names: an encoder may still read the last ones
        names = [out.with_name(f"{out.stem}{again}{f'-{i}' if cuts else ''}{out.suffix}")
                 for i in range(len(cuts) + 1)]
        measured, peak = plan.render(names, cuts, 10 ** (gain_db / 20), ceiling, on_part or (lambda i, p: None))
        miss = target - measured
        if abs(miss) < 0.1:
            break
        gain_db = round(gain_db + miss, 4)
    starts = tuple(plan.start_of(c) / rate for c in [0, *cuts])
    return Master(tuple(names), starts, plan.samples / rate, measured + DUAL_MONO_DB, db(peak) + TP_DROOP_DB,
                  tuple(plan.cues), plan.offset, gain_db, estimate)


class _Plan:
    """The master's pieces in order (clips, sentences, silences), measured once."""

    def __init__(self, speech: Speech, rate: int, clips: tuple[np.ndarray | None, np.ndarray | None]) -> None:
        self.speech, self.rate = speech, rate
        intro, outro = clips
        gap = int(CLIP_GAP * rate)
        self.offset = (len(intro) + gap) / rate if intro is not None else 0.0
        meter = LoudnessMeter(rate)
        voices: dict[str, LoudnessMeter] = {}
        self.cues: list[Cue] = []
        self.voice_gain: dict[str, float] = {}
        samples = len(intro) + gap if intro is not None else 0
        self.sizes: list[tuple[int, int]] = [(len(intro), gap)] if intro is not None else []
        """(audio, silence) samples of every piece, in the order of pieces()."""
        several = len({c.chunk.voice for c in speech.clips}) > 1
        for clip, x in zip(speech.clips, self._speech(), strict=True):
            pause = round(clip.chunk.pause_after * rate)
            self.sizes.append((len(x), pause))
            if several:  # a second voice (quotes, title) is measured on its own, to be matched
                if clip.chunk.voice not in voices:
                    voices[clip.chunk.voice] = LoudnessMeter(rate)
                voices[clip.chunk.voice].add(x)
            meter.add(x).silence(pause)
            self.cues.append(Cue(samples / rate, (samples + len(x)) / rate, clip.chunk.shown,
                                 clip.chunk.section, clip.chunk.kind))
            samples += len(x) + pause
        # A second voice (quotes, title) is brought to the main voice's loudness before anything else.
        levels = {name: m.value() for name, m in voices.items()}
        main = levels.get("", max(levels.values(), default=-70.0))
        self.voice_gain = {name: 10 ** ((main - level) / 20) if level > -70 else 1.0 for name, level in levels.items()}
        if len(voices) > 1:  # measure again with the voices matched
            meter = LoudnessMeter(rate)
            for clip, x in zip(speech.clips, self._speech(), strict=True):
                meter.add(x).silence(round(clip.chunk.pause_after * rate))
        self.level = meter.value()
        self.intro = self._matched(intro)
        self.outro = self._matched(outro)
        if outro is not None:
            self.sizes += [(0, gap), (len(outro), 0)]
        self.samples = sum(a + s for a, s in self.sizes)

    def start_of(self, piece: int) -> int:
        """The sample where piece number ``piece`` starts."""
        return sum(a + s for a, s in self.sizes[:piece])

    def cuts(self, lanes: int, min_pause: float = 0.25, long_pause: float = 0.5, edge: float = 30.0) -> list[int]:
        """Pieces that start a new part, for ``lanes`` encoders working at once.

        Cuts fall about every PART_SECONDS (doubled until there are at most four parts per lane; one
        part per lane for shorter episodes), each on the paragraph or section break nearest to its
        mark (else the nearest pause of ``min_pause`` s), none within ``edge`` s of an end or of another
        cut. The marks are fixed times, not fractions of the episode, so an edit moves the cuts after it
        only when it shifts a mark past the middle between two breaks: the other parts stay identical
        (and their MP3s are reused from the cache). Episodes under two minutes stay whole.
        """
        total = self.samples / self.rate
        if lanes < 2 or total < 120:
            return []
        step = PART_SECONDS
        while total / step > 4 * lanes:
            step *= 2
        step = min(step, total / lanes)
        starts = [self.start_of(j) / self.rate for j in range(len(self.sizes))]
        pauses = {j: self.sizes[j - 1][1] / self.rate for j in range(1, len(self.sizes))}
        cuts: list[int] = []
        for k in range(1, math.ceil(total / step)):
            mark = k * step
            near = [j for j, p in pauses.items() if p >= min_pause and abs(starts[j] - mark) < step / 2]
            breaks = [j for j in near if pauses[j] >= long_pause and abs(starts[j] - mark) < step / 4]
            best = min(breaks or near, key=lambda j: abs(starts[j] - mark), default=None)
            if best is not None and starts[best] > (starts[cuts[-1]] if cuts else 0.0) + edge \
                    and starts[best] < total - edge:
                cuts.append(best)
        return cuts

    def limiter_loss(self, gain: float, ceiling: float, every: int = 8) -> float:
        """dB of energy the limiter will take at ``gain``, estimated on every ``every``-th sentence."""
        floor = 10 ** (ceiling / 20) / TP_GAIN_BOUND / gain
        before = after = 0.0
        for x in itertools.islice(self._speech(), 0, None, every):
            peaks = true_peak(x, floor)
            curve = limiter_gain(peaks, gain, ceiling, self.rate)
            before += float(np.dot(x, x)) * gain * gain
            after += float(np.dot(x * curve, x * curve)) if len(curve) > 1 else float(np.dot(x, x)) * gain * gain
        return 10 * math.log10(before / after) if after > 0 else 0.0

    def _matched(self, clip: np.ndarray | None) -> np.ndarray | None:
        """A music clip at the level of the speech."""
        if clip is None:
            return None
        return clip * np.float32(10 ** ((self.level - loudness(clip)) / 20))

    def _speech(self) -> Iterator[np.ndarray]:
        for clip in self.speech.clips:
            x, native = read_wav(clip.path)
            x = resample(trim(x, native), native, self.rate)
            gain = self.voice_gain.get(clip.chunk.voice, 1.0)
            yield x if gain == 1.0 else x * np.float32(gain)

    def pieces(self) -> Iterator[tuple[np.ndarray, int]]:
        """(audio, samples of silence after it), in order."""
        gap = int(CLIP_GAP * self.rate)
        if self.intro is not None:
            yield self.intro, gap
        for clip, x in zip(self.speech.clips, self._speech(), strict=True):
            yield x, round(clip.chunk.pause_after * self.rate)
        if self.outro is not None:
            yield np.zeros(0, np.float32), gap
            yield self.outro, 0

    def render(self, outs: list[Path], cuts: list[int], gain: float, ceiling: float,
               on_part: Callable[[int, Path], None]) -> tuple[float, float]:
        """Write the limited master at ``gain`` into ``outs`` (one file per part, cut before the pieces in
        ``cuts``); return its loudness (LUFS) and true peak (linear)."""
        meter = LoudnessMeter(self.rate)
        floor = 10 ** (ceiling / 20) / TP_GAIN_BOUND / gain  # quieter blocks cannot reach the ceiling
        peak = 0.0
        bounds = [0, *cuts, len(self.sizes)]
        pieces = self.pieces()
        for part, (first, last) in enumerate(itertools.pairwise(bounds)):
            size = sum(a + s for a, s in self.sizes[first:last])
            with _FloatWav(outs[part], self.rate, size) as wav:
                for x, silence in itertools.islice(pieces, last - first):
                    if len(x):
                        peaks = true_peak(x, floor)
                        curve = limiter_gain(peaks, gain, ceiling, self.rate)
                        y = (x * curve).astype(np.float32)
                        # The gain curve is smooth (milliseconds): y's true peaks are x's times the curve.
                        peak = max(peak, float(np.max(peaks * curve)))
                        meter.add(y)
                        wav.write(y)
                    meter.silence(silence)
                    wav.write(np.zeros(silence, np.float32))
            on_part(part, outs[part])
        return meter.value(), peak


class _FloatWav:
    """A 32-bit float mono WAV (WAVE_FORMAT_IEEE_FLOAT, which ffmpeg reads without loss) of a known
    length, written piece by piece."""

    def __init__(self, path: Path, rate: int, samples: int) -> None:
        self.path, self.rate, self.samples = path, rate, samples

    def __enter__(self) -> _FloatWav:
        size = self.samples * 4
        self.file = open(self.path, "wb")
        self.file.write(b"".join([
            b"RIFF", (36 + size).to_bytes(4, "little"), b"WAVE",
            b"fmt ", (16).to_bytes(4, "little"), (3).to_bytes(2, "little"), (1).to_bytes(2, "little"),
            self.rate.to_bytes(4, "little"), (self.rate * 4).to_bytes(4, "little"), (4).to_bytes(2, "little"),
            (32).to_bytes(2, "little"), b"data", size.to_bytes(4, "little"),
        ]))
        return self

    def write(self, x: np.ndarray) -> None:
        self.file.write(x.astype("<f4").tobytes())

    def __exit__(self, *exc: object) -> None:
        self.file.close()
