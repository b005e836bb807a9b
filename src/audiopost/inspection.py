"""What a podcast app will see in an MP3: tags, cover, chapters, duration, loudness, Xing header."""

from __future__ import annotations

import re
import subprocess
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
    proc = subprocess.run([tools.program("ffmpeg"), "-nostats", "-hide_banner", "-nostdin", "-i", str(path),
                           "-af", "ebur128=peak=true:dualmono=true", "-f", "null", "-"],
                          capture_output=True, text=True, errors="replace", timeout=3600)
    found = proc.stderr.rfind("Summary:")
    if proc.returncode != 0 or found < 0:
        raise AudiopostError(f"ffmpeg cannot measure {path}")
    summary = proc.stderr[found:]
    lufs = re.search(r"I:\s+(-?[\d.]+|-inf) LUFS", summary)
    peak = re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary)
    return (float(lufs.group(1)) if lufs else float("nan"), float(peak.group(1)) if peak else float("nan"))


def inspect(path: Path) -> dict[str, Any]:
    """A plain dict describing the episode (printed as text or JSON by the CLI)."""
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
    lufs, peak = measure(path)
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
