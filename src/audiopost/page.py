"""The episode page: ``<stem>.html`` beside the MP3, or ``<stem>.embed.html``, a fragment for a blog post.

Self-contained (no CDN, fonts or outside scripts): a native ``<audio>`` player pointing at the MP3 by
relative URL, title/author/date from the ID3 tags, the cover scaled down to a small JPEG and embedded as a
data: URI (so the page is one file), the chapter list (``#t=`` media-fragment links that seek), and the
transcript from the WebVTT cues, one focusable sentence per cue, grouped in paragraphs where the pauses are
long. Everything is there without JavaScript; a small inline script adds click/Enter-to-seek and highlights
the sentence being spoken (``aria-current``).

Under the player, the episode's waveform as inline SVG (peak and RMS envelope in ``WAVE_COLUMNS``
columns, 2-5 KB, computed here so no browser decodes audio) with its chapter starts marked (titles on
hover, links that seek). Without JavaScript it is a picture; the script makes it a slider
(``role="slider"``: click or drag to seek, arrow keys 5 s, Page Up/Down 30 s, Home/End) and draws the
played part and a playhead that follows ``currentTime``.
"""

from __future__ import annotations

import base64
import html
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol
from urllib.parse import quote

from mutagen.id3 import ID3
from mutagen.mp3 import MP3

from audiopost import sidecars, tools, waveform
from audiopost.errors import AudiopostError
from audiopost.inspection import id3_chapters, tag_text
from audiopost.sidecars import Chapter
from audiopost.text import lang
from audiopost.waveform import Envelope

PARAGRAPH_GAP = 0.6
"""Seconds of silence between two cues that start a new paragraph (sentences in a paragraph: ~0.3 s)."""
WAVE_COLUMNS = 480
"""Columns of the page's waveform (each a few bytes of SVG path)."""
COVER_PX = 480
"""Side of the cover copy embedded in the page (shown at most 240 CSS px wide: sharp on 2x screens)."""
GENERATOR = "audiopost"
_OURS = re.compile(r'<meta name="generator" content="audiopost"|data-generator="audiopost"')


@dataclass(frozen=True)
class Sentence:
    start: float
    end: float
    text: str


@dataclass(frozen=True)
class Info:
    """What the page shows about an episode."""

    file: str
    title: str
    author: str = ""
    album: str = ""
    date: str = ""
    summary: str = ""
    link: str = ""
    duration: float = 0.0
    cover: bytes = b""
    """Cover image (JPEG) as it goes into the page; b"" for none."""
    chapters: tuple[Chapter, ...] = ()
    language: str = "en"
    """ISO 639-1 code of the episode's language (from its TLAN tag): the page's ``lang`` and its words."""

    def words(self) -> dict[str, str]:
        """The page's fixed words in the episode's language (English for a language without rules)."""
        english = lang.get("en")
        own = lang.get(self.language)
        return {**(english.words if english else {}), **(own.words if own else {})}


def page_path(mp3: Path, *, embed: bool = False) -> Path:
    """Where the page of ``mp3`` goes: ``<stem>.html`` or ``<stem>.embed.html``."""
    return mp3.with_suffix(".embed.html" if embed else ".html")


def write_page(mp3: Path, *, embed: bool = False, force: bool = False, cues: Sequence[Timed] | None = None,
               envelope: Envelope | None = None) -> Path:
    """Write the episode page beside ``mp3`` (atomically) and return its path.

    ``cues``: the transcript's sentences when the caller holds them (the pipeline); else the page reads
    the .vtt beside the MP3. ``envelope``: the waveform, when the caller holds it; else the MP3 is
    decoded for it. Refuses to replace an HTML file audiopost did not make unless ``force``.
    """
    target = page_path(mp3, embed=embed)
    check_target(target, force)
    text = render(mp3, embed=embed, cues=cues, envelope=envelope)
    check_target(target, force)  # again: someone may have put a file there meanwhile
    return sidecars.write(target, text)


def check_target(path: Path, force: bool) -> None:
    if path.is_dir():
        raise AudiopostError(f"{path} is a directory")
    if path.exists() and not force and not is_our_page(path):
        raise AudiopostError(f"{path} exists and was not made by audiopost (use --force to replace it)")


def is_our_page(path: Path) -> bool:
    """Whether ``path`` is a page audiopost wrote (its generator mark is in the first 4 KB)."""
    try:
        with path.open(encoding="utf-8", errors="replace") as f:
            return bool(_OURS.search(f.read(4096)))
    except OSError:
        return False


class Timed(Protocol):
    start: float
    end: float
    text: str


def render(mp3: Path, *, embed: bool = False, cues: Sequence[Timed] | None = None,
           envelope: Envelope | None = None) -> str:
    """The page (or the embeddable fragment) of ``mp3`` as HTML text."""
    info = read_info(mp3)
    if envelope is None:
        envelope = waveform.of_mp3(mp3, info.duration)
    if cues is not None:
        sentences: list[Sentence] | None = [Sentence(c.start, c.end, c.text) for c in cues if c.text.strip()]
    else:
        vtt = sidecars.paths(mp3)["vtt"]
        sentences = read_vtt(vtt) if vtt.is_file() else None
    body = _figure(info, sentences, envelope, embed=embed)
    return body if embed else _document(info, body)


# --- reading the episode -------------------------------------------------------------------------------------


def read_info(mp3: Path) -> Info:
    """Tags, duration, cover and chapters of ``mp3`` (chapters from the .chapters.json, else ID3 CHAP)."""
    if not mp3.is_file():
        raise AudiopostError(f"{mp3}: no such file")
    try:
        audio = MP3(mp3)
    except Exception:  # HeaderNotFoundError, or any other mutagen error on a file that is not MP3
        raise AudiopostError(f"{mp3} is not an MP3 file") from None
    if audio.info.length <= 0:
        raise AudiopostError(f"{mp3} is not an MP3 file")
    try:
        tags = ID3(mp3)  # translated to ID3v2.4: TYER + TDAT become TDRC
    except Exception:  # ID3NoHeaderError, or a broken tag: a page without tags
        tags = ID3()
    apic = tags.getall("APIC")
    return Info(
        file=mp3.name, title=tag_text(tags, "TIT2") or mp3.stem, author=tag_text(tags, "TPE1"),
        album=tag_text(tags, "TALB"), date=tag_text(tags, "TDRC")[:10],
        summary=str(tags.getall("COMM")[0]) if tags.getall("COMM") else "",
        link=tags.getall("WOAR")[0].url if tags.getall("WOAR") else "",
        duration=audio.info.length, cover=small_cover(apic[0].data) if apic else b"",
        chapters=sidecars.read_chapters(sidecars.paths(mp3)["chapters"]) or _id3_chapters(tags, audio.info.length),
        language=_language(tag_text(tags, "TLAN")),
    )


def _language(iso639_2: str) -> str:
    """TLAN's three letters → the two-letter code ("spa" → "es"); "en" when not known."""
    code = iso639_2.strip().lower()
    for two in lang.CODES:
        rules = lang.get(two)
        if rules is not None and code in (rules.iso639_2, two):
            return two
    return "en"


def _id3_chapters(tags: ID3, length: float) -> tuple[Chapter, ...]:
    return tuple(Chapter(title, start, min(end, length)) for title, start, end in id3_chapters(tags))


def small_cover(image: bytes) -> bytes:
    """A JPEG copy of the cover at most ``COVER_PX`` wide (ffmpeg); the original when that fails."""
    with tempfile.TemporaryDirectory(prefix="audiopost-page-") as tmp:
        src, out = Path(tmp) / "cover", Path(tmp) / "small.jpg"
        src.write_bytes(image)
        try:
            tools.ffmpeg("-i", str(src), "-frames:v", "1", "-vf", f"scale='min({COVER_PX},iw)':-2,format=yuvj420p",
                         "-q:v", "5", str(out), what="scaling the cover", timeout=60)
            return out.read_bytes()
        except (AudiopostError, OSError):
            return image if image[:3] == b"\xff\xd8\xff" else b""


_TIMING = re.compile(r"^\s*(?:(\d+):)?(\d{1,2}):(\d{2})\.(\d{3})\s+-->\s+(?:(\d+):)?(\d{1,2}):(\d{2})\.(\d{3})")


def read_vtt(path: Path) -> list[Sentence]:
    """The cues of a WebVTT file (text unescaped, tags dropped, lines joined)."""
    try:
        blocks = re.split(r"\n\s*\n", path.read_text(encoding="utf-8-sig").replace("\r\n", "\n"))
    except (OSError, UnicodeDecodeError) as e:
        raise AudiopostError(f"cannot read the transcript {path}: {e}") from None
    cues: list[Sentence] = []
    for block in blocks:
        lines = block.strip("\n").split("\n")
        at = next((i for i, line in enumerate(lines) if _TIMING.match(line)), None)
        if at is None:
            continue
        g = _TIMING.match(lines[at]).groups()  # type: ignore[union-attr]
        text = html.unescape(re.sub(r"<[^>]*>", "", " ".join(lines[at + 1:]))).strip()
        if text:
            cues.append(Sentence(_seconds(*g[:4]), _seconds(*g[4:]), " ".join(text.split())))
    return cues


def _seconds(h: str | None, m: str, s: str, ms: str) -> float:
    return int(h or 0) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000


def paragraphs(cues: list[Sentence], gap: float = PARAGRAPH_GAP) -> list[list[Sentence]]:
    """Cues grouped where the silence before a cue is at least ``gap`` seconds."""
    groups: list[list[Sentence]] = []
    for cue in cues:
        if not groups or cue.start - groups[-1][-1].end >= gap:
            groups.append([])
        groups[-1].append(cue)
    return groups


# --- writing HTML --------------------------------------------------------------------------------------------

CSS = """\
.audiopost{--hl:#ffe680;--hlt:#000;--fo:#1a73e8;font-size:1.125rem;line-height:1.6;\
max-width:42rem;margin:1.5rem 0;overflow-wrap:break-word}
.audiopost header{display:flex;flex-wrap:wrap;gap:1rem;align-items:center}
.audiopost header img{width:min(100%,10rem);height:auto;border-radius:.5rem}
.audiopost header>div{flex:1 1 16rem}
.audiopost .ap-title{font-size:1.6em;line-height:1.25;margin:0 0 .25rem}
.audiopost .ap-h{font-size:1.25em;margin:1.5rem 0 .5rem}
.audiopost .ap-sub{font-size:1.05em;margin:1.25rem 0 .25rem}
.audiopost p{margin:0 0 .75rem}
.audiopost .ap-meta{opacity:.8;margin:0}
.audiopost audio{display:block;width:100%;margin:1rem 0}
.audiopost ol{padding-left:1.6em}
.audiopost li{margin:.4rem 0}
.audiopost .ap-t{opacity:.8;font-variant-numeric:tabular-nums;margin-right:.5em;font-size:.9em}
.audiopost .ap-cue{cursor:pointer;border-radius:.2em}
.audiopost .ap-cue:hover{text-decoration:underline}
.audiopost [aria-current]{background:var(--hl);color:var(--hlt)}
.audiopost [aria-current] .ap-t{opacity:1}
.audiopost :focus-visible{outline:3px solid var(--fo);outline-offset:2px}
.audiopost summary{cursor:pointer}
.audiopost .ap-wave{position:relative;height:4.5rem;margin:-.25rem 0 1rem;border-radius:.25rem}
.audiopost .ap-wave svg{display:block;width:100%;height:100%}
.audiopost .ap-base{fill:currentColor;opacity:.35}
.audiopost .ap-played{fill:var(--wp,currentColor)}
.audiopost .ap-head{stroke:currentColor;stroke-width:2;visibility:hidden}
.audiopost .ap-live{cursor:pointer;touch-action:none}
.audiopost .ap-live .ap-head{visibility:visible}
.audiopost .ap-wm{position:absolute;top:0;bottom:0;width:11px;margin-left:-5px;color:inherit}
.audiopost .ap-wm::before{content:"";position:absolute;left:5px;top:0;bottom:0;border-left:1px dashed;opacity:.7}
.audiopost .ap-wm::after{content:"";position:absolute;left:1px;top:0;border:4px solid transparent;\
border-top:6px solid;border-bottom:0}
.audiopost .ap-wm:hover::before{border-left-style:solid;opacity:1}
.audiopost footer{opacity:.85;margin-top:2rem}
"""
"""Shared by the page and the fragment; colour-neutral, so an embedded player suits the blog's own colours."""

PAGE_CSS = """\
:root{color-scheme:light dark}
main.audiopost{margin:0 auto}
.audiopost{--wp:#0b57d0}
body{margin:0;padding:1rem;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;\
background:#fff;color:#1a1a1a}
a{color:#0b57d0}
@media (prefers-color-scheme:dark){body{background:#121212;color:#e6e6e6}a{color:#9ec1ff}\
.audiopost{--hl:#6b5400;--hlt:#fff;--fo:#9ec1ff;--wp:#9ec1ff}}
"""

JS = """\
(()=>{const r=document.currentScript.closest('.audiopost'),a=r.querySelector('audio');
const cues=[...r.querySelectorAll('.ap-cue')],chs=[...r.querySelectorAll('.ap-ch')];
const at=el=>parseFloat(el.dataset.start),marks=new Map();
function seek(el){a.currentTime=at(el);const p=a.play();if(p)p.catch(()=>{});}
function mark(list,t){let hit=null;for(const el of list){if(at(el)<=t+0.05)hit=el;else break;}
const old=marks.get(list);if(old===hit)return;if(old)old.removeAttribute('aria-current');
if(hit)hit.setAttribute('aria-current','true');marks.set(list,hit);}
function update(){if(a.currentTime>0||!a.paused){mark(cues,a.currentTime);mark(chs,a.currentTime);}}
for(const el of cues){el.tabIndex=0;el.title='Play from here';}
r.addEventListener('click',e=>{const el=e.target.closest('[data-start]');
if(el&&r.contains(el)){e.preventDefault();seek(el);}});
r.addEventListener('keydown',e=>{const el=e.target.closest('.ap-cue');
if(el&&(e.key==='Enter'||e.key===' ')){e.preventDefault();seek(el);}});
for(const k of ['timeupdate','seeked'])a.addEventListener(k,update);
const w=r.querySelector('.ap-wave');if(!w)return;
const svg=w.querySelector('svg'),clip=w.querySelector('.ap-clip'),head=w.querySelector('.ap-head');
const W=svg.viewBox.baseVal.width,dur=()=>a.duration>0&&isFinite(a.duration)?a.duration:+w.dataset.duration;
const two=n=>String(n).padStart(2,'0'),clock=s=>{s=Math.max(0,Math.floor(s));const h=Math.floor(s/3600),
m=Math.floor(s/60)%60;return(h?h+':'+two(m):m)+':'+two(s%60);};
Object.entries({role:'slider',tabindex:'0','aria-label':w.dataset.label,'aria-valuemin':'0'})
.forEach(([k,v])=>w.setAttribute(k,v));w.classList.add('ap-live');
const cp=w.querySelector('clipPath');cp.id+='-'+[...document.querySelectorAll('.ap-wave')].indexOf(w);
w.querySelector('.ap-played').setAttribute('clip-path','url(#'+cp.id+')');
let said=-1,raf=0;
function draw(){const d=dur(),t=a.currentTime,x=d?Math.min(1,t/d)*W:0;clip.setAttribute('width',x);
head.setAttribute('x1',x);head.setAttribute('x2',x);const s=Math.floor(t);if(s===said)return;said=s;
w.setAttribute('aria-valuemax',Math.round(d));w.setAttribute('aria-valuenow',s);
w.setAttribute('aria-valuetext',clock(t)+' / '+clock(d));}
function to(t){a.currentTime=Math.max(0,Math.min(dur(),t));draw();}
const where=e=>{const b=w.getBoundingClientRect();return(e.clientX-b.left)/b.width*dur();};
w.addEventListener('pointerdown',e=>{if(e.button||e.target.closest('.ap-wm'))return;e.preventDefault();
w.focus();w.setPointerCapture(e.pointerId);to(where(e));});
w.addEventListener('pointermove',e=>{if(w.hasPointerCapture(e.pointerId))to(where(e));});
w.addEventListener('keydown',e=>{const step={ArrowRight:5,ArrowUp:5,ArrowLeft:-5,ArrowDown:-5,PageUp:30,
PageDown:-30}[e.key];if(step)to(a.currentTime+step);else if(e.key==='Home')to(0);else if(e.key==='End')to(dur());
else return;e.preventDefault();});
function frame(){draw();raf=a.paused?0:requestAnimationFrame(frame);}
a.addEventListener('play',()=>{if(!raf)raf=requestAnimationFrame(frame);});
for(const k of ['timeupdate','seeked','durationchange'])a.addEventListener(k,draw);draw();})();
"""


def _document(info: Info, body: str) -> str:
    e = html.escape
    description = info.summary or f"{info.title}: the podcast episode" + (f" by {info.author}" if info.author else "")
    return f"""<!DOCTYPE html>
<html lang="{e(info.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="{GENERATOR}">
<meta name="color-scheme" content="light dark">
<title>{e(info.title)}</title>
<meta name="description" content="{e(description)}">
<style>
{CSS}{PAGE_CSS}</style>
</head>
<body>
{body}
</body>
</html>
"""


def _figure(info: Info, cues: list[Sentence] | None, envelope: Envelope, *, embed: bool) -> str:
    """The player, chapters and transcript: the page's <main>, or a <section> to paste into a blog post."""
    src = quote(info.file)
    ids = _Ids(info.file if embed else "")
    root = "section" if embed else "main"
    parts = [
        f'<{root} class="audiopost" data-generator="{GENERATOR}" aria-labelledby="{ids.title}">',
        f"<style>\n{CSS}</style>" if embed else "",
        _header(info, ids, 2 if embed else 1),
        f'<audio controls preload="metadata" src="{src}" '
        f'aria-label="{html.escape(info.words()["listen"])}: {html.escape(info.title)}">'
        f'<a href="{src}">{html.escape(info.words()["download"])}</a></audio>',
        wave(envelope, info, src, ids.wave),
        _chapters(info, src, ids, 3 if embed else 2),
        _transcript(info, cues, src, ids, 3 if embed else 2, embed=embed),
        _footer(info, src, has_vtt=cues is not None, post_link=not embed),
        f"<script>\n{JS}</script>",
        f"</{root}>",
    ]
    return "\n".join(p for p in parts if p)


class _Ids:
    """Element ids, made unique per episode in a fragment (a blog post may embed several episodes)."""

    def __init__(self, file: str) -> None:
        suffix = "-" + re.sub(r"[^a-z0-9]+", "-", Path(file).stem.lower()).strip("-") if file else ""
        self.title, self.chapters, self.transcript, self.wave = (
            f"ap-{n}{suffix}" for n in ("title", "chapters", "transcript", "wave"))


def wave(envelope: Envelope, info: Info, src: str, uid: str, columns: int = WAVE_COLUMNS) -> str:
    """The waveform as inline SVG: peak and RMS envelope (top half drawn once, mirrored), a played copy
    clipped to the playhead, and the chapter starts as links over it (for the pointer: the chapter list
    is the keyboard's way to them)."""
    env = envelope.columns(columns)
    n, h = len(env.peak), waveform.HEIGHT
    shape, both = waveform.mirrored(env, uid)
    marks = "".join(
        f'<a class="ap-wm" href="{src}#t={c.start:g}" data-start="{c.start:g}" tabindex="-1" aria-hidden="true" '
        f'style="left:{100 * c.start / info.duration:.2f}%" title="{_clock(c.start)} {html.escape(c.title)}"></a>'
        for c in info.chapters if 0 < c.start < info.duration)
    return (f'<div class="ap-wave" data-duration="{info.duration:.3f}" '
            f'data-label="{html.escape(info.words()["position"])}">'
            f'<svg viewBox="0 0 {n} {h}" preserveAspectRatio="none" aria-hidden="true" focusable="false">'
            f'<defs>{shape}<clipPath id="{uid}-c"><rect class="ap-clip" width="0" height="{h}"/></clipPath></defs>'
            f'<g class="ap-base">{both}</g><g class="ap-played" clip-path="url(#{uid}-c)">{both}</g>'
            f'<line class="ap-head" x1="0" x2="0" y1="0" y2="{h}" vector-effect="non-scaling-stroke"/></svg>'
            f"{marks}</div>")


def _header(info: Info, ids: _Ids, level: int) -> str:
    e = html.escape
    cover = (f'<img src="data:image/jpeg;base64,{base64.b64encode(info.cover).decode()}" alt="" '
             f'width="240" height="240">') if info.cover else ""
    meta = [e(info.author)] if info.author else []
    if info.date:
        meta.append(f'<time datetime="{e(info.date)}">{e(_nice_date(info.date, info.language))}</time>')
    meta.append(_duration(info.duration))
    lines = [f'<h{level} class="ap-title" id="{ids.title}">{e(info.title)}</h{level}>',
             f'<p class="ap-meta">{" · ".join(meta)}</p>']
    if info.album and info.album not in (info.title, info.author):
        lines.append(f'<p class="ap-meta">{e(info.album)}</p>')
    return f"<header>{cover}<div>{''.join(lines)}</div></header>"


def _chapters(info: Info, src: str, ids: _Ids, level: int) -> str:
    if not info.chapters:
        return ""
    items = "".join(f'<li><a class="ap-ch" href="{src}#t={c.start:g}" data-start="{c.start:g}">'
                    f'<span class="ap-t">{_clock(c.start)}</span>{html.escape(c.title)}</a></li>'
                    for c in info.chapters)
    title = html.escape(info.words()["chapters"])
    return (f'<nav aria-labelledby="{ids.chapters}"><h{level} class="ap-h" id="{ids.chapters}">{title}</h{level}>'
            f"<ol>{items}</ol></nav>")


def _transcript(info: Info, cues: list[Sentence] | None, src: str, ids: _Ids, level: int, *, embed: bool) -> str:
    h = f"h{level}"
    words = info.words()
    title = html.escape(words["transcript"])
    if not cues:
        why = "no WebVTT file was found beside the MP3" if cues is None else "its WebVTT file has no cues"
        return (f'<section aria-labelledby="{ids.transcript}"><{h} class="ap-h" id="{ids.transcript}">{title}</{h}>'
                f"<p>This episode has no transcript here: {why} "
                f"({html.escape(Path(info.file).stem)}.vtt).</p></section>")
    headings = {c.title.casefold().strip() for c in info.chapters}
    play_from = html.escape(words["play_from"])
    body = "\n".join(_paragraph(group, src, level + 1, headings, play_from) for group in paragraphs(cues))
    if embed:
        return f'<details><summary class="ap-h" id="{ids.transcript}">{title}</summary>\n{body}\n</details>'
    return (f'<section aria-labelledby="{ids.transcript}"><{h} class="ap-h" id="{ids.transcript}">{title}</{h}>\n'
            f"{body}\n</section>")


def _paragraph(group: list[Sentence], src: str, level: int, headings: set[str], play_from: str) -> str:
    spans = " ".join(f'<span class="ap-cue" data-start="{c.start:g}">{html.escape(c.text)}</span>' for c in group)
    if len(group) == 1 and group[0].text.casefold().strip() in headings:
        return f'<h{level} class="ap-sub">{spans}</h{level}>'  # the spoken heading of a chapter
    start = group[0].start
    return (f'<p><a class="ap-t" href="{src}#t={start:g}" data-start="{start:g}" '
            f'aria-label="{play_from} {_clock(start)}">{_clock(start)}</a> {spans}</p>')


def _footer(info: Info, src: str, *, has_vtt: bool, post_link: bool) -> str:
    e = html.escape
    links = [f'<a href="{src}" download>{e(info.words()["download"])}</a>']
    if post_link and info.link.startswith(("https://", "http://")):  # an embed sits in the post itself
        links.insert(0, f'<a href="{e(info.link)}">{e(info.words()["read_post"])}</a>')
    if has_vtt:
        links.append(f'<a href="{quote(Path(info.file).stem)}.vtt">transcript (WebVTT)</a>')
    return f'<footer><p>{" · ".join(links)}</p></footer>'


def _clock(seconds: float) -> str:
    s = int(seconds)
    h, rest = divmod(s, 3600)
    return f"{h}:{rest // 60:02d}:{rest % 60:02d}" if h else f"{rest // 60}:{rest % 60:02d}"


def _duration(seconds: float) -> str:
    minutes = round(seconds / 60)
    return f"{minutes} min" if minutes >= 1 else f"{round(seconds)} s"


def _nice_date(text: str, language: str = "en") -> str:
    """The date as the episode's language writes it ("27 de noviembre de 2026")."""
    try:
        d = date.fromisoformat(text)
    except ValueError:
        return text
    rules = lang.get(language) or lang.get("en")
    return rules.date(d) if rules else text
