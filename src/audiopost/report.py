"""``batch --report``: ``DIR/report.html``, a whole blog's episodes at a glance, for the publisher.

One row per post: title (linked to its page, else its MP3), status, duration, loudness and true peak (as
audiopost measured them when mastering; ``inspect`` measures the MP3 again with ffmpeg), size, encoded
parts reused from the cache, chapters, warnings, and a small waveform (inline SVG). One self-contained
file, no script. It is not published: ``publish`` leaves a report audiopost wrote out.
"""

from __future__ import annotations

import html
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from audiopost.errors import AudiopostError
from audiopost.files import write_atomic

if TYPE_CHECKING:  # this module is also read by ``publish`` (is_report): it imports nothing heavy
    from audiopost.batch import Outcome
    from audiopost.waveform import Envelope

NAME = "report.html"
MARK = '<meta name="generator" content="audiopost report">'
COLUMNS = 120
"""Columns of each row's waveform."""
LOUDNESS_SLACK = 1.0
"""LU off the target before a row warns (Apple and the AES recommend ±1 LU around −16 LUFS)."""


def is_report(path: Path) -> bool:
    """Whether ``path`` is a report audiopost wrote (its mark is in the first 1 KB)."""
    try:
        with path.open(encoding="utf-8", errors="replace") as f:
            return MARK in f.read(1024)
    except OSError:
        return False


def check_target(folder: Path, force: bool) -> Path:
    """``folder/report.html``, unless it is a file audiopost did not write as a report (and not ``force``)."""
    path = folder / NAME
    if path.is_dir() or (path.exists() and not force and not is_report(path)):
        raise AudiopostError(f"{path} exists and is not an audiopost report (use --force to replace it)")
    return path


def write_report(folder: Path, outcomes: Sequence[Outcome], *, loudness: float = -16.0, true_peak: float = -1.0,
                 force: bool = False) -> Path:
    """Write ``folder/report.html`` (atomically) and return its path; never over a file audiopost did not
    write as a report (an episode titled "Report" has a page of that name) unless ``force``."""
    path = check_target(folder, force)
    envelopes = _envelopes(outcomes)
    notes = [warnings(o, loudness, true_peak) for o in outcomes]
    rows = [_row(i, o, envelopes[i], notes[i], folder, loudness, true_peak) for i, o in enumerate(outcomes)]
    write_atomic(path, _document(outcomes, rows, sum(map(bool, notes)), loudness, true_peak).encode("utf-8"))
    return path


def _envelopes(outcomes: Sequence[Outcome]) -> list[Envelope | None]:
    """Each episode's waveform: the one narrate made, else (up to date) its MP3 decoded, several at once."""
    from audiopost import waveform

    def one(o: Outcome) -> Envelope | None:
        if o.result is None:
            return None
        if o.result.envelope is not None:
            return o.result.envelope.columns(COLUMNS)
        try:
            return waveform.of_mp3(o.result.episode.path, o.result.episode.duration, COLUMNS)
        except AudiopostError:
            return None  # the row says so: no waveform

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        return list(pool.map(one, outcomes))


def warnings(o: Outcome, loudness: float, true_peak: float) -> list[str]:
    """What a publisher should look at in this row."""
    found = [o.error] if o.error else []
    result = o.result
    if result is None:
        return found
    found += list(result.post.notes)
    episode = result.episode
    if _off_target(episode.loudness_lufs, loudness):
        found.append(f"loudness {episode.loudness_lufs:.1f} LUFS, target {loudness:g}")
    if _over(episode.true_peak_dbtp, true_peak):
        found.append(f"true peak {episode.true_peak_dbtp:.1f} dBTP, over {true_peak:g}")
    if result.cache_repaired:
        found.append(f"{result.cache_repaired} damaged cache entries made again")
    return found


def _off_target(lufs: float, target: float) -> bool:
    return abs(lufs - target) > LOUDNESS_SLACK


def _over(dbtp: float, ceiling: float) -> bool:
    return dbtp > ceiling + 0.05  # the tags keep two decimals


def _row(i: int, o: Outcome, envelope: Envelope | None, notes: list[str], folder: Path, loudness: float,
         true_peak: float) -> str:
    e = html.escape
    result = o.result
    title = (result.post.title if result else "") or o.job.title or o.job.output.stem
    cells = [_title_cell(e(title), o, folder), f'<td class="st st-{o.status.replace(" ", "-")}">{e(o.status)}</td>']
    if result is None:
        cells += ['<td class="wave"></td>', *['<td class="n">–</td>'] * 6]
    else:
        ep = result.episode
        parts = f"{result.parts_reused} of {result.parts}" if result.parts else "–"
        bad_l, bad_p = _off_target(ep.loudness_lufs, loudness), _over(ep.true_peak_dbtp, true_peak)
        cells += [
            f'<td class="wave">{_wave(i, envelope) if envelope is not None else "no waveform"}</td>',
            f'<td class="n" data-s="{ep.duration:.1f}">{_clock(ep.duration)}</td>',
            f'<td class="n{" bad" if bad_l else ""}">{ep.loudness_lufs:.1f}</td>',
            f'<td class="n{" bad" if bad_p else ""}">{ep.true_peak_dbtp:.1f}</td>',
            f'<td class="n">{ep.bytes / 1e6:.1f}</td>',
            f'<td class="n">{parts}</td>',
            f'<td class="n">{len(result.chapters)}</td>',
        ]
    cells.append(f'<td class="warn">{"<br>".join(e(w) for w in notes)}</td>')
    return f'<tr{" class=has-warn" if notes else ""}>{"".join(cells)}</tr>'


def _title_cell(title: str, o: Outcome, folder: Path) -> str:
    mp3 = o.job.output
    link = ""
    if o.result is not None:
        page = mp3.with_suffix(".html")  # page.page_path
        target = page if page.is_file() else mp3
        try:
            link = quote(target.resolve().relative_to(folder.resolve()).as_posix())
        except ValueError:
            link = target.resolve().as_uri()
    name = html.escape(mp3.name)
    inner = f'<a href="{link}">{title}</a>' if link else title
    return f'<td class="t">{inner}<div class="file">{name}</div></td>'


def _wave(i: int, envelope: Envelope) -> str:
    from audiopost import waveform

    shape, both = waveform.mirrored(envelope, f"w{i}")
    return (f'<svg viewBox="0 0 {len(envelope.peak)} {waveform.HEIGHT}" preserveAspectRatio="none" role="img" '
            f'aria-label="waveform"><defs>{shape}</defs>{both}</svg>')


def _clock(seconds: float) -> str:
    s = round(seconds)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


CSS = """\
:root{color-scheme:light dark}
body{margin:0;padding:1rem;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#fff;\
color:#1a1a1a;--bad:#b3261e;--ok:#146c2e;--line:#ddd}
@media (prefers-color-scheme:dark){body{background:#121212;color:#e6e6e6;--bad:#f2b8b5;--ok:#8fd19e;--line:#333}\
a{color:#9ec1ff}}
h1{font-size:1.4rem;margin:0 0 .25rem}
p{margin:.25rem 0 1rem;opacity:.85}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{padding:.4rem .5rem;border-bottom:1px solid var(--line);vertical-align:middle;text-align:left}
th{font-weight:600;white-space:nowrap}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.t{min-width:12rem}
.file{font-size:.8em;opacity:.7;overflow-wrap:anywhere}
td.wave{width:9rem}
td.wave svg{display:block;width:9rem;height:2rem;fill:currentColor}
.bad{color:var(--bad);font-weight:600}
.warn{color:var(--bad);font-size:.85em;max-width:20rem}
.st-made,.st-up-to-date{color:var(--ok)}
.st-failed{color:var(--bad);font-weight:600}
.table{overflow-x:auto}
"""


def _document(outcomes: Sequence[Outcome], rows: list[str], warned: int, loudness: float, true_peak: float) -> str:
    made = [o.result for o in outcomes if o.result is not None]
    count = {s: sum(o.status == s for o in outcomes) for s in ("made", "up to date", "skipped", "failed")}
    summary = ", ".join(f"{n} {status}" for status, n in count.items())
    total = sum(r.episode.duration for r in made)
    size = sum(r.episode.bytes for r in made)
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    head = ("<tr><th>episode</th><th>status</th><th>waveform</th><th class=n>duration</th>"
            "<th class=n>LUFS</th><th class=n>dBTP</th><th class=n>MB</th><th class=n>parts reused</th>"
            "<th class=n>chapters</th><th>warnings</th></tr>")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
{MARK}
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>audiopost report: {len(outcomes)} posts</title>
<style>
{CSS}</style>
</head>
<body>
<h1>{len(outcomes)} posts: {summary}</h1>
<p>{len(made)} episodes, {_clock(total)} in all, {size / 1e6:.1f} MB · {warned} with warnings · target \
{loudness:g} LUFS, true peak ≤ {true_peak:g} dBTP (as measured when mastered; <code>audiopost inspect</code> \
measures an MP3 again) · {when}</p>
<div class="table"><table>
<thead>{head}</thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table></div>
</body>
</html>
"""
