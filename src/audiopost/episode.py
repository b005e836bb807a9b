"""Master → Episode: MP3 (libmp3lame through ffmpeg) with ID3v2.3 tags (mutagen), written atomically.

audiopost marks each MP3 it makes with a ``TXXX:audiopost`` frame holding a digest of the script and
settings, so it may replace its own earlier output but never a file it did not make (without --force).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import shutil
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mutagen.id3 import (
    APIC,
    CHAP,
    COMM,
    CTOC,
    ID3,
    PCST,
    TALB,
    TCON,
    TDES,
    TDRC,
    TIT2,
    TLAN,
    TLEN,
    TPE1,
    TSSE,
    TXXX,
    USLT,
    WOAR,
    CTOCFlags,
    ID3NoHeaderError,
)
from mutagen.mp3 import MP3, HeaderNotFoundError

from audiopost import tools
from audiopost.errors import AudiopostError
from audiopost.files import temp_beside

if TYPE_CHECKING:
    from audiopost.cache import ChunkCache
    from audiopost.master import Master

MARK = "audiopost"
COVER_MAX_BYTES = 500_000
"""Hosts advise embedded artwork of at most 300–500 KB (field-notes.md)."""
OFFSET_STEP = 0.05
"""dB: the codec offset is applied in these steps (its measurement wanders by ~0.005 dB with the text)."""
COVER_SIDE = 1400
"""Apple's minimum artwork side; larger covers are scaled down to it (page 896)."""


@dataclass(frozen=True)
class Tags:
    title: str
    author: str = ""
    album: str = ""
    date: str = ""
    summary: str = ""
    link: str = ""
    cover: str = ""
    """Path of a local image file."""
    chapters: tuple[tuple[str, float, float], ...] = ()
    """(title, start s, end s) for ID3 CHAP frames under one CTOC."""
    lyrics: str = ""
    """Full transcript for a USLT frame ("" for none)."""
    language: str = "eng"
    """ISO 639-2 code of the spoken language: the TLAN frame, and the language of COMM and USLT."""


@dataclass(frozen=True)
class Episode:
    path: Path
    bytes: int
    duration: float
    """Seconds, as ffprobe reads the file (see seconds())."""
    loudness_lufs: float
    true_peak_dbtp: float
    digest: str
    junctions: tuple[tuple[float, float], ...] = ()
    """Where separately encoded parts meet: (master time, seconds of encoder delay added there)."""

    def shift(self, t: float) -> float:
        """Where master time ``t`` ends up in the MP3."""
        return shifted(t, self.junctions)


def shifted(t: float, junctions: tuple[tuple[float, float], ...]) -> float:
    """Master time ``t`` after the junctions of parts encoded apart (each adds its encoder delay)."""
    return t + sum(extra for at, extra in junctions if t >= at)


def seconds(path: Path) -> float:
    """The duration of an MP3 audiopost made, from its Xing/LAME header (mutagen): the frame count less the
    encoder's delay and padding, equal to what ffprobe reports (tests), without starting a process."""
    try:
        return float(MP3(path).info.length)
    except (HeaderNotFoundError, OSError) as e:
        raise AudiopostError(f"cannot read the MP3 {path}: {e}") from None


def made_by_us(path: Path) -> bool:
    """Whether ``path`` is an MP3 that audiopost made (it carries our TXXX mark)."""
    try:
        return bool(ID3(path).getall(f"TXXX:{MARK}"))
    except (ID3NoHeaderError, OSError, Exception):
        return False


def stored(path: Path) -> Episode | None:
    """The episode audiopost made at ``path`` earlier (from its tags), or None."""
    try:
        id3 = ID3(path)
        digest = str(id3.getall(f"TXXX:{MARK}")[0].text[0])
        loud = float(id3.getall(f"TXXX:{MARK}-loudness")[0].text[0])
        peak = float(id3.getall(f"TXXX:{MARK}-true-peak")[0].text[0])
    except (ID3NoHeaderError, OSError, IndexError, ValueError, Exception):
        return None
    return Episode(path, path.stat().st_size, seconds(path), loud, peak, digest)


def previous_gain(path: Path) -> tuple[float, float] | None:
    """(estimated, final) master gain in dB of the episode audiopost made at ``path`` earlier, if any."""
    try:
        estimate, final = (float(v) for v in str(ID3(path).getall(f"TXXX:{MARK}-gain")[0].text[0]).split())
    except (ID3NoHeaderError, OSError, IndexError, ValueError, Exception):
        return None
    return estimate, final


def check_target(path: Path, force: bool) -> None:
    """Refuse to replace a file audiopost did not make, unless forced."""
    if path.is_dir():
        raise AudiopostError(f"{path} is a directory")
    if path.exists() and not force and not made_by_us(path):
        raise AudiopostError(f"{path} exists and was not made by audiopost (use --force to replace it)")
    if not path.parent.is_dir():
        raise AudiopostError(f"output folder {path.parent} does not exist")
    if not os.access(path.parent, os.W_OK):
        raise AudiopostError(f"output folder {path.parent} is not writable")


def prepare_cover(image: str, workdir: Path) -> Path:
    """A square JPEG (centre crop) of at most 1400 px and 500 KB, made with ffmpeg from any image."""
    src = Path(image).expanduser()
    if not src.is_file():
        raise AudiopostError(f"cover image {image}: no such file")
    out = workdir / "cover.jpg"
    for quality in (3, 6, 10, 16):
        tools.ffmpeg("-i", str(src), "-frames:v", "1", "-vf",
                     f"crop='min(iw,ih)':'min(iw,ih)',scale='min({COVER_SIDE},iw)':-2,format=yuvj420p",
                     "-q:v", str(quality), str(out), what=f"reading cover image {image}")
        if out.stat().st_size <= COVER_MAX_BYTES:
            return out
    raise AudiopostError(f"cover image {image} stays over {COVER_MAX_BYTES // 1000} KB after compression")


def export(master: Master, target: Path, tags: Tags, digest: str, *, bitrate: int = 96,
           cover: Path | None = None, force: bool = False, encoder: PartEncoder | None = None) -> Episode:
    """Encode (or finish encoding), tag and move the MP3 into place atomically (a temp file beside the
    target, then rename). ``encoder`` is the one the master fed its parts to while mastering."""
    check_target(target, force)
    tmp = temp_beside(target)
    try:
        if encoder is None:
            encoder = PartEncoder(bitrate, master.parts[0])
            for index, part in enumerate(master.parts):
                encoder(index, part)
        junctions = encoder.join(master, tmp)
        tags = dataclasses.replace(tags, chapters=tuple((t, shifted(a, junctions), shifted(b, junctions))
                                                        for t, a, b in tags.chapters))
        offset = encoder.offset()
        stats = {"loudness": f"{master.loudness_lufs:.2f}", "true-peak": f"{master.true_peak_dbtp + offset:.2f}",
                 "gain": f"{master.gain_estimate:.4f} {master.gain_db:.4f}"}
        write_tags(tmp, tags, digest, cover, stats)
        check_target(target, force)  # again: someone may have put a file there meanwhile
        os.replace(tmp, target)
    except BaseException as e:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(e, OSError):  # a full disk, a vanished folder …: the previous episode is untouched
            raise AudiopostError(f"cannot write {target}: {e.strerror or e}") from None
        raise
    finally:
        if encoder is not None:
            encoder.close()
    # The values as the tags keep them, so a later run that finds the episode up to date reports the same.
    return Episode(target, target.stat().st_size, seconds(target), float(stats["loudness"]),
                   float(stats["true-peak"]), digest, junctions)


class PartEncoder:
    """Encodes master parts to MP3 as soon as the master has written each one (on the other cores),
    then joins their frames. Parts meet in pauses: each later part starts with the encoder's delay
    (~25 ms of silence) and the one before ends with its padding, which nobody hears in a pause.

    The codec offset (see codec_offset) is measured first, in the background, from ``calibration``: a
    WAV of the speech at any level, since libmp3lame's loss is an even gain.
    """

    def __init__(self, bitrate: int, calibration: Path, cache: ChunkCache | None = None) -> None:
        self.bitrate = bitrate
        self.cache = cache
        self.scratch = Path(tempfile.mkdtemp(prefix="audiopost-encode-"))
        self.pool = ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 1))
        self._offset = self.pool.submit(codec_offset, calibration, bitrate, self.scratch / "calibration.mp3")
        self.parts: dict[int, tuple[Path, Future[bool]]] = {}

    def __call__(self, index: int, wav: Path) -> None:
        """Start encoding part ``index`` (a newer version of a part replaces the older one)."""
        old = self.parts.pop(index, None)
        if old is not None:
            old[1].result()
            old[0].unlink(missing_ok=True)
        out = wav.with_suffix(".mp3")
        self.parts[index] = (out, self.pool.submit(self._encode, wav, out))

    def _encode(self, wav: Path, out: Path) -> bool:
        """Encode ``wav`` to ``out``, or copy the MP3 the cache holds for it; return whether it was cached."""
        if self.cache is None:
            encode(wav, out, self.bitrate, self.offset())
            return False
        key = hashlib.sha256(wav.read_bytes())
        key.update(f"{self.offset():.2f} {self.bitrate} {tools.stamp('ffmpeg')}".encode())
        if self.cache.fetch(key.hexdigest(), out):
            return True
        encode(wav, out, self.bitrate, self.offset())
        self.cache.put(key.hexdigest(), out)
        return False

    @property
    def reused(self) -> int:
        """Parts taken from the cache instead of encoded (once they are all done)."""
        return sum(future.result() for _, future in self.parts.values())

    def offset(self) -> float:
        """The codec offset in steps of OFFSET_STEP dB, so a small edit keeps the parts' encoder settings."""
        return round(self._offset.result() / OFFSET_STEP) * OFFSET_STEP

    def join(self, master: Master, out: Path) -> tuple[tuple[float, float], ...]:
        """Wait for every part, join them into ``out``; return the junctions (time, extra seconds)."""
        files = [self.parts[i][0] for i in range(len(master.parts))]
        for i in range(len(master.parts)):
            self.parts[i][1].result()
        if len(files) == 1:
            shutil.copyfile(files[0], out)  # the work folder may be on another file system
            return ()
        listing = self.scratch / "parts.txt"
        listing.write_text("".join(f"file '{f}'\n" for f in files), encoding="utf-8")
        tools.ffmpeg("-f", "concat", "-safe", "0", "-i", str(listing), "-c", "copy", "-write_xing", "1",
                     "-id3v2_version", "3", "-write_id3v1", "0", "-f", "mp3", str(out), what="joining MP3 parts")
        extra = max(0.0, seconds(out) - master.duration) / (len(files) - 1)
        return tuple((start, extra) for start in master.part_starts[1:])

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(self.scratch, ignore_errors=True)


def calibration_wav(paths: list[Path], out: Path, seconds: float = 10.0) -> Path:
    """Up to ``seconds`` of speech from the chunk WAVs, joined, for the codec offset."""
    import wave

    with wave.open(str(out), "wb") as w:
        total = 0.0
        for path in paths:
            with wave.open(str(path), "rb") as r:
                if total == 0.0:
                    w.setparams(r.getparams())
                elif r.getframerate() != w.getframerate():
                    continue
                w.writeframes(r.readframes(r.getnframes()))
                total += r.getnframes() / r.getframerate()
            if total >= seconds:
                break
    return out


class ChapterOrderID3(ID3):
    """ID3 that writes CTOC and CHAP frames last and in chapter order.

    mutagen orders frames by size; ffmpeg (and players that read the file in order) list CHAP frames in
    file order, so the chapters would come out shuffled. Uses mutagen's frame writer (a private module,
    stable since mutagen 1.32).
    """

    def _write(self, config):  # type: ignore[no-untyped-def]
        from mutagen.id3._tags import save_frame

        chapters = [f for f in self.values() if f.FrameID in ("CTOC", "CHAP")]
        for frame in chapters:
            del self[frame.HashKey]
        try:
            data = super()._write(config)
        finally:
            for frame in chapters:
                self.add(frame)
        return data + b"".join(save_frame(f, config=config) for f in chapters)


def add_chapters(id3: ID3, chapters: tuple[tuple[str, float, float], ...], length_ms: int) -> None:
    """ID3v2 Chapter Frame Addendum: a top-level, ordered CTOC listing one CHAP per chapter.

    Times in milliseconds; byte offsets 0xFFFFFFFF (unused), as the addendum allows.
    """
    if not chapters:
        return
    ids = [f"chp{i}" for i in range(len(chapters))]
    id3.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED, child_element_ids=ids,
                 sub_frames=[TIT2(encoding=1, text="Chapters")]))
    for element_id, (title, start, end) in zip(ids, chapters, strict=True):
        id3.add(CHAP(element_id=element_id, start_time=round(start * 1000),
                     end_time=min(round(end * 1000), length_ms), start_offset=0xFFFFFFFF, end_offset=0xFFFFFFFF,
                     sub_frames=[TIT2(encoding=1, text=title)]))


def encode(wav: Path, out: Path, bitrate: int, gain_db: float = 0.0, *args: str) -> None:
    """libmp3lame CBR mono 44.1 kHz with a Xing/Info header (players need it for duration and seeking)."""
    tools.ffmpeg(*args, "-i", str(wav), "-map_metadata", "-1", "-af", f"volume={gain_db:.3f}dB",
                 "-ac", "1", "-ar", "44100", "-c:a", "libmp3lame", "-b:a", f"{bitrate}k", "-write_xing", "1",
                 "-id3v2_version", "3", "-write_id3v1", "0", "-f", "mp3", str(out), what="MP3 encoding")


def codec_offset(wav: Path, bitrate: int, scratch: Path, seconds: float = 10.0) -> float:
    """dB to add before encoding so the MP3 keeps the master's loudness.

    Measured here: libmp3lame in CBR lowers the level evenly across the spectrum (-0.45 dB at 96 kbit/s,
    -0.3 dB at 192 kbit/s), so a stretch of speech, encoded and decoded, tells the offset.
    """
    import numpy as np

    from audiopost.master import loudness, read_wav

    encode(wav, scratch, bitrate, 0.0, "-t", f"{seconds:.3f}")
    before, rate = read_wav(wav)
    after = np.frombuffer(tools.decode(scratch), dtype="<f4")
    scratch.unlink(missing_ok=True)
    offset = loudness(before[: int(seconds * rate)], rate) - loudness(after)
    return float(np.clip(offset, -3.0, 3.0)) if np.isfinite(offset) else 0.0


def write_tags(path: Path, tags: Tags, digest: str, cover: Path | None, stats: dict[str, str] | None = None) -> None:
    """ID3v2.3 frames podcast apps read: TIT2 TPE1 TALB TDRC TCON COMM WOAR TLEN APIC (+ PCST, TDES)."""
    try:
        length_ms = round(MP3(path).info.length * 1000)
    except HeaderNotFoundError:
        raise AudiopostError("the encoder wrote no MP3 audio") from None
    id3 = ChapterOrderID3()
    id3.add(TIT2(encoding=1, text=tags.title))
    if tags.author:
        id3.add(TPE1(encoding=1, text=tags.author))
    id3.add(TALB(encoding=1, text=tags.album or tags.author or tags.title))
    if tags.date:
        id3.add(TDRC(encoding=1, text=tags.date[:10]))
    id3.add(TCON(encoding=1, text="Podcast"))
    id3.add(TLAN(encoding=1, text=tags.language))
    id3.add(PCST(value=1))
    if tags.summary:
        id3.add(COMM(encoding=1, lang=tags.language, desc="", text=tags.summary))
        id3.add(TDES(encoding=1, text=tags.summary))
    if tags.link:
        id3.add(WOAR(url=tags.link))
    id3.add(TLEN(encoding=1, text=str(length_ms)))
    id3.add(TSSE(encoding=1, text="audiopost (libmp3lame)"))
    id3.add(TXXX(encoding=1, desc=MARK, text=digest))
    for name, value in (stats or {}).items():  # what --json reports when the episode is up to date
        id3.add(TXXX(encoding=1, desc=f"{MARK}-{name}", text=value))
    if cover is not None:
        id3.add(APIC(encoding=0, mime="image/jpeg", type=3, desc="Cover", data=cover.read_bytes()))
    if tags.lyrics:
        id3.add(USLT(encoding=1, lang=tags.language, desc="", text=tags.lyrics))
    add_chapters(id3, tags.chapters, length_ms)
    id3.update_to_v23()
    id3.save(path, v2_version=3, v1=0)
