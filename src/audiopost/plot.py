"""A picture of an MP3 as measured from the MP3 itself: waveform, short-term loudness, true-peak overs, chapters.

``audiopost inspect EPISODE.mp3 --plot FILE.png|FILE.svg`` draws it. matplotlib is imported lazily, inside
``render`` only. Measured here (``python -X importtime``, best of 7): ``import matplotlib`` alone 0.31 s,
``matplotlib.figure`` 0.61 s, and with the Agg and SVG canvases and Pillow about 0.63 s, against 0.084 s for
the whole of ``import audiopost.cli``: every other command would pay seven times its start-up for a picture it
does not draw. No pyplot either: a ``Figure`` saved through its canvas keeps no global state (nothing to
close, no GUI backend chosen).

The picture carries the data it shows, as one JSON object (see ``data``) that ``read_data`` reads back:

- SVG: the text of a ``<metadata id="audiopost-data">`` element, right after the root ``<svg>`` tag;
- PNG: a compressed text chunk with the keyword ``audiopost``: zTXt, or iTXt when the JSON holds text outside
  Latin-1 (a chapter title); an hour of short-term loudness at 10 values a second is about 0.5 MB of JSON.

The same object marks the file as audiopost's own, so ``inspect --plot`` replaces a picture it made and
refuses any other file there unless ``--force``. Output is deterministic: the same MP3 gives the same bytes.
"""

from __future__ import annotations

import io
import json
import math
import struct
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from audiopost import __version__, files, inspection
from audiopost.errors import AudiopostError
from audiopost.inspection import OVER_DBTP, Series

if TYPE_CHECKING:
    from audiopost.waveform import Envelope

TARGET_LUFS = -16.0
"""The loudness podcast apps expect (Apple, Spotify: -16 LUFS integrated, as a stereo listener hears it)."""
KEY = "audiopost"
"""PNG text keyword, and the ``id`` of the SVG ``<metadata>`` element is ``audiopost-data``."""
SUFFIXES = (".png", ".svg")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
WIDTH, HEIGHT, DPI = 12, 5, 100
"""Inches, and pixels per inch of the PNG (1200 x 500 pixels)."""
LUFS_RANGE = (-40.0, -5.0)
"""The loudness axis, widened only when the integrated value or the loudest moment lies outside it."""

# Colours (matplotlib's tab10 family, muted): one meaning each, the same on both panels.
PEAK_COLOUR, RMS_COLOUR = "#a6c8e8", "#2f6fa8"
LOUDNESS_COLOUR, MOMENTARY_COLOUR = "#1f4e79", "#9ab8d6"
TARGET_COLOUR, INTEGRATED_COLOUR = "#2b8a3e", "#e8590c"
OVER_COLOUR, CHAPTER_COLOUR = "#d62728", "#7f7f7f"


def write(mp3: Path, target: Path, *, force: bool = False) -> Series:
    """Draw ``mp3`` into ``target`` (.png or .svg), whole or not at all, and return the loudness it read
    (so that ``inspect`` need not run ffmpeg's meter again)."""
    from mutagen.id3 import ID3, ID3NoHeaderError

    from audiopost import waveform

    check_target(target, force)
    if not mp3.is_file():
        raise AudiopostError(f"{mp3}: no such file")
    envelope = waveform.of_mp3(mp3)  # first: it says plainly when mp3 is not an MP3
    series = inspection.loudness_series(mp3)
    try:
        chapters = inspection.id3_chapters(ID3(mp3, translate=False))
    except ID3NoHeaderError:
        chapters = []
    payload = data(mp3.name, envelope.duration, series, chapters)
    picture = render(envelope, series, payload, target.suffix.lower())
    check_target(target, force)  # again: someone may have put a file there meanwhile
    files.write_atomic(target, picture)
    return series


def check_target(path: Path, force: bool) -> None:
    """Refuse a wrong suffix, a missing folder, and an existing file audiopost did not make (unless ``force``)."""
    if path.suffix.lower() not in SUFFIXES:
        raise AudiopostError("--plot FILE must end in .png or .svg")
    if not path.parent.is_dir():
        raise AudiopostError(f"output folder {path.parent} does not exist")
    if path.is_dir():
        raise AudiopostError(f"{path} is a directory")
    if path.exists() and not force and not is_ours(path):
        raise AudiopostError(f"{path} exists and was not made by audiopost (use --force to replace it)")


def is_ours(path: Path) -> bool:
    """Whether ``path`` is a picture this module wrote (it carries our data)."""
    try:
        return read_data(path).get("generator", "").startswith("audiopost")
    except (AudiopostError, OSError):
        return False


def data(name: str, duration: float, series: Series, chapters: list[tuple[str, float, float]]) -> dict[str, Any]:
    """The data behind the picture, as JSON-ready values (LUFS, dBTP, seconds; ``null`` for -inf or NaN).

    ``short_term``: [time, LUFS] every 100 ms from the first full 3 s window on, time being the window's end.
    ``overs``: runs of 100 ms frames whose true peak exceeds ``over_dbtp``, with the highest value in each.
    """
    return {
        "generator": f"audiopost {__version__}", "file": name, "duration": round(duration, 3),
        "target_lufs": TARGET_LUFS, "integrated_lufs": _number(series.integrated),
        "true_peak_dbtp": _number(series.true_peak), "over_dbtp": OVER_DBTP,
        "short_term": [[round(t, 3), _number(s)] for t, s in zip(series.times, series.short_term, strict=True)
                       if not math.isnan(s)],
        "overs": [{"start": round(a, 3), "end": round(b, 3), "peak_dbtp": _number(p)} for a, b, p in series.overs()],
        "chapters": [{"title": title, "start": start, "end": end} for title, start, end in chapters],
    }


def _number(value: float) -> float | None:
    return round(value, 2) if math.isfinite(value) else None


def read_data(path: Path) -> dict[str, Any]:
    """The data a picture written by ``write`` carries (AudiopostError when it carries none)."""
    raw = path.read_bytes()
    text = _png_text(raw, KEY) if raw.startswith(PNG_SIGNATURE) else _svg_metadata(raw)
    if text is None:
        raise AudiopostError(f"{path} carries no audiopost plot data")
    try:
        found = json.loads(text)
    except ValueError:
        raise AudiopostError(f"{path} carries damaged audiopost plot data") from None
    if not isinstance(found, dict):
        raise AudiopostError(f"{path} carries damaged audiopost plot data")
    return found


def _png_text(raw: bytes, key: str) -> str | None:
    """The tEXt, zTXt or (uncompressed or compressed) iTXt chunk with keyword ``key``."""
    at = len(PNG_SIGNATURE)
    while at + 8 <= len(raw):
        length, kind = struct.unpack(">I4s", raw[at:at + 8])
        body = raw[at + 8:at + 8 + length]
        at += 12 + length
        if kind == b"IEND":
            break
        keyword, _, rest = body.partition(b"\0")
        if kind not in (b"tEXt", b"zTXt", b"iTXt") or keyword != key.encode("latin-1"):
            continue
        try:
            if kind == b"tEXt":
                return rest.decode("latin-1")
            if kind == b"zTXt":
                return zlib.decompress(rest[1:]).decode("latin-1")
            compressed, text = rest[0], rest[2:].split(b"\0", 2)[2]  # iTXt: flag, method, language, keyword
            return (zlib.decompress(text) if compressed else text).decode("utf-8")
        except (zlib.error, IndexError, UnicodeDecodeError):
            return None
    return None


def _svg_metadata(raw: bytes) -> str | None:
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        root = fromstring(raw)
    except (SyntaxError, DefusedXmlException, ValueError):  # ParseError is a SyntaxError
        return None
    for element in root.iter("{http://www.w3.org/2000/svg}metadata"):
        if element.get("id") == f"{KEY}-data":
            return element.text or ""
    return None


# --- drawing ---------------------------------------------------------------------------------------------------


def render(envelope: Envelope, series: Series, payload: dict[str, Any], suffix: str) -> bytes:
    """The picture as PNG or SVG bytes (``suffix`` ".png" or ".svg"), carrying ``payload``."""
    import matplotlib
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH, HEIGHT), dpi=DPI, layout="constrained")
    top, bottom = figure.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [1.15, 1.35]})
    duration = envelope.duration or (series.times[-1] if series.times else 1.0)
    _draw_waveform(top, envelope.columns(1200))
    _draw_loudness(bottom, series, payload)
    _draw_overs(top, bottom, payload["overs"])
    _draw_chapters(top, bottom, payload["chapters"])
    handles = [h for ax in (top, bottom) for h in ax.get_legend_handles_labels()[0]]
    figure.legend(handles=handles, loc="outside upper right", ncol=4, fontsize=8, frameon=False)
    bottom.set_xlim(0, duration)
    _time_axis(bottom, duration)
    figure.suptitle(f"{payload['file']}\n{_db(payload['integrated_lufs'])} LUFS integrated · "
                    f"{_db(payload['true_peak_dbtp'])} dBTP true peak", x=0.01, ha="left", fontsize=11,
                    linespacing=1.5)
    out = io.BytesIO()
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    if suffix == ".svg":
        with matplotlib.rc_context({"svg.hashsalt": KEY, "svg.fonttype": "path"}):
            figure.savefig(out, format="svg", metadata={"Date": None, "Creator": f"audiopost {__version__}"})
        return _with_svg_metadata(out.getvalue(), text)
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Software", f"audiopost {__version__} (matplotlib {matplotlib.__version__})")
    info.add_text(KEY, text, zip=True)
    figure.savefig(out, format="png", dpi=DPI, pil_kwargs={"pnginfo": info})
    return out.getvalue()


def _with_svg_metadata(svg: bytes, text: str) -> bytes:
    """``svg`` with ``<metadata id="audiopost-data">text</metadata>`` first inside its root element."""
    start = svg.index(b"<svg")
    end = svg.index(b">", start) + 1
    element = f'\n <metadata id="{KEY}-data">{escape(text)}</metadata>'.encode()
    return svg[:end] + element + svg[end:]


def _draw_waveform(ax: Any, envelope: Envelope) -> None:
    import numpy as np

    n = len(envelope.peak)
    x = (np.arange(n) + 0.5) * (envelope.duration / n if n else 0.0)
    ax.fill_between(x, -envelope.peak, envelope.peak, color=PEAK_COLOUR, linewidth=0, label="peak")
    ax.fill_between(x, -envelope.rms, envelope.rms, color=RMS_COLOUR, linewidth=0, label="RMS")
    ax.set_ylim(-1.08, 1.08)
    ax.set_yticks([-1, 0, 1], ["−1", "0", "1"])
    ax.set_ylabel("waveform\n(full scale)", fontsize=9)
    ax.axhline(0, color=RMS_COLOUR, linewidth=0.4)
    _style(ax)


def _draw_loudness(ax: Any, series: Series, payload: dict[str, Any]) -> None:
    import numpy as np

    times = np.asarray(series.times, float)
    short = np.asarray(series.short_term, float)
    integrated = payload["integrated_lufs"]
    finite = short[np.isfinite(short)]
    low, high = LUFS_RANGE
    if integrated is not None and integrated - 6 < low:
        low = max(-70.0, integrated - 6)
    loudest = max(float(finite.max()) if len(finite) else -math.inf, -math.inf if integrated is None else integrated)
    if loudest + 2 > high:
        high = min(3.0, loudest + 2)
    # Silence reads -120 LUFS or less: drawn on the bottom edge, not plunging out of sight.
    momentary = np.clip(np.asarray(series.momentary, float), low, high)
    ax.plot(times, momentary, color=MOMENTARY_COLOUR, linewidth=0.5, label="momentary (0.4 s)")
    ax.plot(times, np.clip(short, low, high), color=LOUDNESS_COLOUR, linewidth=1.4, label="short-term (3 s)")
    ax.axhline(TARGET_LUFS, color=TARGET_COLOUR, linestyle=(0, (6, 3)), linewidth=1.2, zorder=3,
               label=f"target {_db(TARGET_LUFS)} LUFS")
    _line_label(ax, TARGET_LUFS, f"target {_db(TARGET_LUFS)} LUFS", TARGET_COLOUR, x=0.005, ha="left")
    if integrated is not None:
        ax.axhline(integrated, color=INTEGRATED_COLOUR, linestyle=(0, (1, 1.5)), linewidth=2, zorder=3,
                   label=f"integrated {_db(integrated)} LUFS")
        _line_label(ax, integrated, f"integrated {_db(integrated)} LUFS", INTEGRATED_COLOUR, x=0.995, ha="right")
    ax.set_ylim(low, high)
    ax.set_ylabel("loudness (LUFS)", fontsize=9)
    _style(ax)


def _line_label(ax: Any, y: float, text: str, colour: str, x: float, ha: str) -> None:
    """``text`` just above the horizontal line at ``y``, at ``x`` (a fraction of the width)."""
    ax.annotate(text, (x, y), xycoords=ax.get_yaxis_transform(), xytext=(0, 2), textcoords="offset points",
                ha=ha, va="bottom", fontsize=8, color=colour, zorder=4,
                bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.8})


def _draw_overs(top: Any, bottom: Any, overs: list[dict[str, Any]]) -> None:
    """A red band on the loudness panel over each run (too thin to see in a long episode), and a red
    marker above the waveform at each, which stays visible at any length."""
    if not overs:
        return
    spans = [(o["start"], o["end"] - o["start"]) for o in overs]
    bottom.broken_barh(spans, (0, 1), transform=bottom.get_xaxis_transform(), color=OVER_COLOUR, alpha=0.35,
                       linewidth=0, label=f"true peak > {_db(OVER_DBTP)} dBTP")
    top.broken_barh(spans, (0, 1), transform=top.get_xaxis_transform(), color=OVER_COLOUR, alpha=0.15,
                    linewidth=0)
    centres = [(o["start"] + o["end"]) / 2 for o in overs]
    top.plot(centres, [1.0] * len(centres), linestyle="none", marker="v", markersize=5, color=OVER_COLOUR,
             transform=top.get_xaxis_transform(), clip_on=False)


def _draw_chapters(top: Any, bottom: Any, chapters: list[dict[str, Any]]) -> None:
    for chapter in chapters:
        for ax in (top, bottom):
            ax.axvline(chapter["start"], color=CHAPTER_COLOUR, linewidth=0.8, alpha=0.8)
        title = chapter["title"] if len(chapter["title"]) <= 26 else chapter["title"][:25] + "…"
        label = top.annotate(title, (chapter["start"], 1.0), xycoords=top.get_xaxis_transform(), xytext=(2, -3),
                             textcoords="offset points", rotation=90, ha="left", va="top", fontsize=7,
                             color="#333333", clip_on=True, bbox={"boxstyle": "square,pad=0.1",
                                                                   "facecolor": "white", "edgecolor": "none",
                                                                   "alpha": 0.7})
        label.set_in_layout(False)  # a long title is cut at the panel's edge, not given room by the layout


TICK_STEPS = (1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200)
"""Seconds between time ticks: the first that gives at most 15 ticks."""


def _time_axis(ax: Any, duration: float) -> None:
    from matplotlib.ticker import FuncFormatter, MultipleLocator

    step = next((s for s in TICK_STEPS if duration / s <= 15), TICK_STEPS[-1])
    ax.xaxis.set_major_locator(MultipleLocator(step))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda s, _: clock(s, hours=duration >= 3600)))
    ax.set_xlabel("time (m:ss)" if duration < 3600 else "time (h:mm:ss)", fontsize=9)


def _style(ax: Any) -> None:
    ax.grid(True, color="#e5e5e5", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.tick_params(labelsize=8, length=3, color="#999999")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color("#999999")


def clock(seconds: float, hours: bool = False) -> str:
    """m:ss (or h:mm:ss) of ``seconds``, rounded to the second."""
    whole = round(max(seconds, 0))
    if hours:
        return f"{whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d}"
    return f"{whole // 60}:{whole % 60:02d}"


def _db(value: float | None) -> str:
    """``-16.0`` as "−16.0" (a typographic minus), or "n/a"."""
    return "n/a" if value is None else f"{value:.1f}".replace("-", "−")
