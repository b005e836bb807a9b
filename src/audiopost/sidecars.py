"""Files beside the MP3: WebVTT and SRT transcripts, Podcasting 2.0 JSON chapters.

Cue times come from the master (the real length of every synthesized sentence and every pause the
master inserted, shifted by the intro clip), not from word counts. Cue text is the post's own wording.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from audiopost.files import write_atomic

if TYPE_CHECKING:
    from audiopost.master import Cue, Master
    from audiopost.script import Script

VTT_MARK = "NOTE made by audiopost"


@dataclass(frozen=True)
class Chapter:
    title: str
    start: float
    end: float


def chapters(script: Script, master: Master, title: str) -> list[Chapter]:
    """One chapter per heading, plus an opening chapter (intro, and any text before the first heading).

    A post without headings has no chapters: one chapter spanning the whole episode helps nobody.
    """
    if not any(section.title for section in script.sections):
        return []
    starts: list[tuple[str, float]] = [(title, 0.0)]
    for s, section in enumerate(script.sections):
        if not section.title:
            continue
        first = next((c.start for c in master.cues if c.section == s and c.kind != "intro"), None)
        if first is None:
            continue
        if s == 0 and not any(c.section == 0 and c.kind == "intro" for c in master.cues) and first < 0.5:
            starts[0] = (section.title, 0.0)  # the post opens with a heading: no separate opening chapter
            continue
        starts.append((section.title, first))
    ends = [start for _, start in starts[1:]] + [master.duration]
    return [Chapter(t, round(start, 3), round(end, 3)) for (t, start), end in zip(starts, ends, strict=True)]


def transcript_cues(master: Master) -> list[Cue]:
    """Cues worth showing: every sentence with text (the spoken "Quote." announcements have none)."""
    return [c for c in master.cues if c.text.strip()]


def _stamp(seconds: float, sep: str) -> str:
    ms = max(0, round(seconds * 1000))
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def vtt(cues: Sequence[Cue]) -> str:
    """WebVTT: one cue per sentence."""
    lines = ["WEBVTT", "", VTT_MARK, ""]
    for i, c in enumerate(cues, 1):
        lines += [str(i), f"{_stamp(c.start, '.')} --> {_stamp(c.end, '.')}", _cue_text(c.text), ""]
    return "\n".join(lines)


def srt(cues: Sequence[Cue]) -> str:
    """SubRip: the same cues, numbered, with comma decimal marks."""
    lines: list[str] = []
    for i, c in enumerate(cues, 1):
        lines += [str(i), f"{_stamp(c.start, ',')} --> {_stamp(c.end, ',')}", _cue_text(c.text), ""]
    return "\n".join(lines)


def _cue_text(text: str) -> str:
    # "-->" and blank lines would end a cue early; & and < are markup in WebVTT.
    text = " ".join(text.split()).replace("-->", "→")
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def chapters_json(items: Sequence[Chapter]) -> str:
    """Podcasting 2.0 JSON chapters, version 1.2."""
    return json.dumps({"version": "1.2", "chapters": [{"startTime": c.start, "title": c.title} for c in items]},
                      indent=2, ensure_ascii=False) + "\n"


def read_chapters(path: Path) -> tuple[Chapter, ...]:
    """Chapters back from a JSON chapters file we wrote (ends: the next start; the last is open)."""
    try:
        items = json.loads(path.read_text(encoding="utf-8"))["chapters"]
    except (OSError, ValueError, KeyError, TypeError):
        return ()
    starts = [float(c["startTime"]) for c in items]
    ends = [*starts[1:], float("inf")]
    return tuple(Chapter(str(c["title"]), s, e) for c, s, e in zip(items, starts, ends, strict=True))


def paths(mp3: Path) -> dict[str, Path]:
    """Where the side files of ``mp3`` go."""
    return {"vtt": mp3.with_suffix(".vtt"), "srt": mp3.with_suffix(".srt"),
            "chapters": mp3.with_suffix(".chapters.json")}


def write(path: Path, text: str) -> Path:
    """Atomically: a temp file beside ``path``, then rename."""
    return write_atomic(path, text)
