"""What a podcast app will see in an MP3: tags, cover, chapters, duration, loudness, Xing header."""

from __future__ import annotations

import math
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mutagen.id3 import ID3, ID3NoHeaderError
from mutagen.mp3 import MP3, HeaderNotFoundError

from audiopost import tools
from audiopost.episode import MARK
from audiopost.errors import AudiopostError


def xing_header(path: Path) -> str:
    """"Xing" (VBR) or "Info" (CBR) when the first MPEG frame carries a LAME/Xing header, else ""."""
    with path.open("rb") as f:
        head = f.read(10)
        start = 0
        if head[:3] == b"ID3":
            start = 10 + ((head[6] << 21) | (head[7] << 14) | (head[8] << 7) | head[9])
        f.seek(start)
        frame = f.read(200)
    for tag in ("Xing", "Info"):
        if tag.encode() in frame:
            return tag
    return ""


def measure(path: Path) -> tuple[float, float]:
    """(integrated LUFS as a stereo listener hears it, true peak dBTP), read by ffmpeg's ebur128."""
    series = loudness_series(path)
    return series.integrated, series.true_peak


OVER_DBTP = -1.0
"""True peak above this is an "over": lossy encoding and resampling after it may clip."""


@dataclass(frozen=True)
class Series:
    """ffmpeg ebur128's reading of a file: one frame per 100 ms (``times``: each frame's end, seconds) and
    the summary. Loudness is mono heard as dual mono (``dualmono=true``), as a stereo listener hears it.

    ffmpeg logs a placeholder (about -117.7 LUFS) until a window is full; those frames hold NaN instead:
    ``momentary`` (400 ms window) before 0.4 s, ``short_term`` (3 s window) before 3 s. Silence itself
    reads very low (-160 LUFS and less) or ``-inf``: kept as ffmpeg reports it, for the reader to clip.
    """

    times: list[float]
    momentary: list[float]
    short_term: list[float]
    frame_peak: list[float]
    """True peak of each frame, dBTP (the loudest channel's)."""
    integrated: float
    """Integrated loudness, LUFS (-70.0 for silence: ffmpeg's floor)."""
    true_peak: float
    """True peak of the whole file, dBTP."""

    def overs(self, limit: float = OVER_DBTP) -> list[tuple[float, float, float]]:
        """(start s, end s, highest dBTP) of each run of frames whose true peak goes above ``limit``."""
        runs: list[tuple[float, float, float]] = []
        for i, (t, peak) in enumerate(zip(self.times, self.frame_peak, strict=True)):
            if peak <= limit:
                continue
            start = self.times[i - 1] if i else 0.0
            if runs and runs[-1][1] == start:
                runs[-1] = (runs[-1][0], t, max(runs[-1][2], peak))
            else:
                runs.append((start, t, peak))
        return runs


_NUMBER = r"-?(?:[\d.]+|inf)"
_FRAME = re.compile(rf"\bt:\s*({_NUMBER})\s+TARGET:.*?\bM:\s*({_NUMBER})\s+S:\s*({_NUMBER})\s"
                    rf".*?\bFTPK:((?:\s+{_NUMBER})+) dBFS")


def loudness_series(path: Path) -> Series:
    """Run ffmpeg's ebur128 filter once over ``path`` and read its per-frame log and its summary."""
    proc = subprocess.run([tools.program("ffmpeg"), "-nostats", "-hide_banner", "-nostdin", "-loglevel", "info",
                           "-i", str(path), "-af", "ebur128=peak=true:dualmono=true:framelog=info", "-f", "null", "-"],
                          capture_output=True, text=True, errors="replace", timeout=3600)
    found = proc.stderr.rfind("Summary:")
    if proc.returncode != 0 or found < 0:
        raise AudiopostError(f"ffmpeg cannot measure {path}")
    times: list[float] = []
    momentary: list[float] = []
    short_term: list[float] = []
    frame_peak: list[float] = []
    for match in _FRAME.finditer(proc.stderr, 0, found):
        t = float(match.group(1))
        times.append(t)
        momentary.append(float(match.group(2)) if t > 0.35 else math.nan)
        short_term.append(float(match.group(3)) if t > 2.95 else math.nan)
        frame_peak.append(max(float(v) for v in match.group(4).split()))
    summary = proc.stderr[found:]
    lufs = re.search(rf"I:\s+({_NUMBER}) LUFS", summary)
    peak = re.search(rf"Peak:\s+({_NUMBER}) dBFS", summary)
    return Series(times, momentary, short_term, frame_peak,
                  float(lufs.group(1)) if lufs else math.nan, float(peak.group(1)) if peak else math.nan)


def inspect(path: Path, loudness: Series | None = None) -> dict[str, Any]:
    """A plain dict describing the episode (printed as text or JSON by the CLI). ``loudness``: the file's
    ``loudness_series`` when the caller has already read it (then ffmpeg does not measure it again)."""
    if not path.is_file():
        raise AudiopostError(f"{path}: no such file")
    try:
        audio = MP3(path)
    except HeaderNotFoundError:
        raise AudiopostError(f"{path} is not an MP3 file") from None
    try:
        tags = ID3(path, translate=False)
    except ID3NoHeaderError:
        tags = ID3()
    lufs, peak = (loudness.integrated, loudness.true_peak) if loudness else measure(path)
    cover = tags.getall("APIC")
    return {
        "file": str(path), "bytes": path.stat().st_size, "duration": round(tools.duration(path), 3),
        "sample_rate": audio.info.sample_rate, "channels": audio.info.channels,
        "bitrate": audio.info.bitrate, "xing": xing_header(path),
        "loudness_lufs": lufs, "true_peak_dbtp": peak,
        "id3_version": ".".join(map(str, tags.version)) if tags.version else "",
        "title": tag_text(tags, "TIT2"), "author": tag_text(tags, "TPE1"), "album": tag_text(tags, "TALB"),
        "date": _date(tags), "genre": tag_text(tags, "TCON"),
        "summary": str(tags.getall("COMM")[0]) if tags.getall("COMM") else "",
        "link": tags.getall("WOAR")[0].url if tags.getall("WOAR") else "",
        "cover": {"mime": cover[0].mime, "bytes": len(cover[0].data)} if cover else None,
        "chapters": [{"title": t, "start": a, "end": b} for t, a, b in id3_chapters(tags)],
        "transcript_frame": bool(tags.getall("USLT")),
        "made_by_audiopost": bool(tags.getall(f"TXXX:{MARK}")),
    }


def tag_text(tags: Any, key: str) -> str:
    """The first text of frame ``key`` ("" when there is none)."""
    frame = tags.get(key) if tags is not None else None
    return str(frame.text[0]) if frame is not None and frame.text else ""


def id3_chapters(tags: ID3) -> list[tuple[str, float, float]]:
    """(title, start s, end s) of the CHAP frames, in time order."""
    frames = sorted(tags.getall("CHAP"), key=lambda c: c.start_time)
    return [(tag_text(c.sub_frames, "TIT2") or f"Chapter {i}", c.start_time / 1000, c.end_time / 1000)
            for i, c in enumerate(frames, 1)]


def _date(tags: Any) -> str:
    """TDRC (ID3v2.4), or TYER + TDAT (ID3v2.3: year, then DDMM) as an ISO date."""
    if tag_text(tags, "TDRC"):
        return tag_text(tags, "TDRC")
    year, ddmm = tag_text(tags, "TYER"), tag_text(tags, "TDAT")
    return f"{year}-{ddmm[2:]}-{ddmm[:2]}" if year and len(ddmm) == 4 else year


def report(info: dict[str, Any]) -> str:
    """The human-readable form."""
    channels = "mono" if info["channels"] == 1 else f"{info['channels']} channels"
    lines = [
        f"{info['file']}: {info['duration']:.1f} s, {info['bytes']:,} bytes, {info['bitrate'] // 1000} kbit/s, "
        f"{info['sample_rate']} Hz, {channels}",
        f"  loudness {info['loudness_lufs']:.1f} LUFS, true peak {info['true_peak_dbtp']:.1f} dBTP (ffmpeg ebur128)",
        f"  Xing/Info header: {info['xing'] or 'missing (players may show a wrong duration)'}",
        f"  ID3v{info['id3_version'] or ' none'}: title {info['title']!r}, author {info['author']!r}, "
        f"album {info['album']!r}, date {info['date']!r}, genre {info['genre']!r}",
    ]
    if info["link"]:
        lines.append(f"  link: {info['link']}")
    cover = info["cover"]
    lines.append(f"  cover: {cover['mime']}, {cover['bytes']:,} bytes" if cover else "  cover: none")
    lines.append(f"  chapters: {len(info['chapters'])}")
    lines += [f"    {c['start']:8.2f}  {c['title']}" for c in info["chapters"]]
    if info["made_by_audiopost"]:
        lines.append("  made by audiopost")
    return "\n".join(lines)
