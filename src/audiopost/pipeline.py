"""narrate(): the one function that knows the order of the stages. Temp files live and die here."""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import json
import os
import re
import shutil
import tempfile
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from audiopost import profiles, sidecars, tools
from audiopost.episode import Episode, Tags, check_target, export, made_by_us, prepare_cover, stored
from audiopost.errors import AudiopostError
from audiopost.feed import Channel
from audiopost.profiles import Profile
from audiopost.publish import SETTINGS, publish
from audiopost.script import Script, make_script
from audiopost.sidecars import Chapter, chapters, chapters_json, srt, transcript_cues, vtt
from audiopost.sources import MAX_CHARS, Pick, Post, read_post
from audiopost.text import lang
from audiopost.text.lang import base_code

if TYPE_CHECKING:
    from audiopost.master import Cue
    from audiopost.waveform import Envelope

ISO639_2 = {"nl": "nld", "ca": "cat", "ro": "ron", "sv": "swe", "da": "dan", "no": "nor", "nb": "nob",
            "pl": "pol", "cs": "ces", "fi": "fin", "el": "ell", "tr": "tur", "ru": "rus", "uk": "ukr", "ja": "jpn",
            "zh": "zho", "ko": "kor", "ar": "ara", "he": "heb", "hi": "hin", "hu": "hun", "eu": "eus", "gl": "glg"}
"""ID3's three-letter codes of languages audiopost has no rules for (those with rules name their own)."""
RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


@dataclass(frozen=True)
class Options:
    """What a user can change for one narration (the CLI's flags)."""

    output: Path | None = None
    """The MP3 path; default ``<out_dir>/<slug-of-title>.mp3``."""
    out_dir: Path = Path("output")
    force: bool = False
    """Replace an existing file audiopost did not make."""
    title: str = ""
    author: str = ""
    cover: str = ""
    """Cover image path (default: the post's own image when it is a local file)."""
    intro: str = ""
    """Intro clip (default: the profile's ``intro_clip``)."""
    outro: str = ""
    voice: str = "default"
    """Voice profile name or path."""
    engine: str = ""
    """Override the profile's engine."""
    bitrate: int | None = None
    spoken_intro: bool = True
    """Speak the profile's intro/outro templates."""
    lyrics: bool = False
    """Embed the full transcript as an ID3 USLT frame."""
    page: bool = False
    """Also write ``<stem>.html``: a player with chapters and a live transcript."""
    cache: bool = True
    """Reuse synthesized chunks from the chunk cache."""
    cache_dir: Path | None = None
    """Chunk cache folder (default: the user cache dir, ``~/.cache/audiopost``)."""
    workers: int | None = None
    """Synthesis processes (default: one per CPU)."""
    progress: Callable[[int, int], None] | None = field(default=None, compare=False)
    """Called with (chunks done, chunks in all) while speaking."""
    max_chars: int = MAX_CHARS
    language: str = ""
    """The post's language (ISO 639-1 or BCP 47: "es", "pt-BR"), over what the source says or the text
    suggests."""
    pick: Pick = field(default_factory=Pick)
    """Which entry of a feed to narrate (default: the newest)."""
    feed: Path | None = None
    """Podcast feed to create or update with this episode."""
    base_url: str = ""
    """Public URL of the folder the episode files are uploaded to (needed with ``feed``)."""
    channel: Channel = SETTINGS
    """Feed channel settings; empty fields are taken from the post (see publish.channel_for)."""


@dataclass(frozen=True)
class Result:
    post: Post
    script: Script
    episode: Episode
    chapters: tuple[Chapter, ...]
    files: dict[str, Path]
    """Side files beside the MP3: ``vtt``, ``srt`` and (with chapters) ``chapters``."""
    chunks: int
    """Synthesis chunks in the script."""
    synthesized: int
    """Chunks synthesized in this run (the others came from the cache)."""
    up_to_date: bool = False
    """Nothing changed since audiopost made this episode: it was not rebuilt."""
    parts: int = 0
    """Parts the master was encoded in (0 when it was not rebuilt)."""
    parts_reused: int = 0
    """Encoded parts taken from the cache (unchanged since an earlier run)."""
    cache_repaired: int = 0
    """Cache entries found damaged in this run: removed, and their audio made again."""
    voice: str = ""
    """The engine and voice that spoke it: "pyttsx3 es", "piper /path/es_ES-davefx-medium.onnx"."""
    cues: tuple[Cue, ...] | None = field(default=None, compare=False)
    """The transcript's cues as written to the .vtt (None when the episode was up to date: not rebuilt)."""
    envelope: Envelope | None = field(default=None, compare=False)
    """The master's waveform (None when the episode was up to date: the page decodes the MP3 instead)."""


Log = Callable[[str], None]


def slug(title: str, limit: int = 80) -> str:
    """An ASCII file name stem from a title: no path separators, no device names, at most ``limit`` chars."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:limit].strip("-")
    if not text:
        return "episode"
    return f"{text}-episode" if text in RESERVED else text


def load_profile(options: Options) -> Profile:
    profile = profiles.load(options.voice)
    changes: dict[str, object] = {}
    if options.engine:
        changes["engine"] = options.engine
    if options.bitrate:
        changes["bitrate"] = options.bitrate
    if not options.spoken_intro:
        changes.update(intro="", outro="")
    profile = profile.replace(**changes) if changes else profile
    profiles.validate(profile)
    return profile


def prepare(source: str | Path, options: Options) -> tuple[Post, Profile, Script]:
    """Source → Post → Script (what ``audiopost script`` prints)."""
    post = read_post(source, max_chars=options.max_chars, pick=options.pick)
    overrides = {k: v for k, v in (("title", options.title), ("author", options.author)) if v}
    if options.language:
        overrides.update(language=check_language(options.language), language_from="from --language")
    if overrides:
        post = dataclasses.replace(post, **overrides)
    base = load_profile(options)
    profile = for_language(base, post.language)
    if profile.engine == "espeak" or profile.voices:
        profiles.validate(profile)
    if profile.engine == "piper" and profile.model == base.model and profile.language != base_code(base.language):
        note = (f"the Piper voice of profile {base.name!r} speaks {base.language!r}, not {profile.language!r}: "
                f"name one for it in the profile ([voices] {profile.language} = \"…\"; `audiopost voices add` "
                f"installs one)")
        post = dataclasses.replace(post, notes=(*post.notes, note))
    if not lang.get(profile.language):
        note = (f"audiopost has no text rules for language {profile.language!r}: numbers, dates and "
                "abbreviations are left to the engine (typography only)")
        post = dataclasses.replace(post, notes=(*post.notes, note))
    return post, profile, make_script(post, profile)


def check_language(code: str) -> str:
    """A language code as the user typed it, checked: "es", "pt-BR", "es_MX"."""
    if not re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*", code.strip()):
        raise AudiopostError(f"--language {code!r} is not a language code (such as es, fr, de, pt-BR)")
    return code.strip()


def for_language(profile: Profile, language: str) -> Profile:
    """The profile that reads a post in ``language``. The voice: the profile's ``[voices]`` entry for the
    language; else, with the espeak-ng engines, espeak-ng's voice for it. The text rules follow the
    language, and so do the spoken intro and outro while the profile keeps the English ones (a language
    audiopost has no rules for gets the title alone: nothing is said in a language the post is not in)."""
    want = base_code(language)
    if not want:
        return profile
    named = profile.voices.get(language.lower().replace("_", "-")) or profile.voices.get(want)
    if named:
        profile = _named_voice(profile, named)
    elif want != base_code(profile.language) and profile.engine in ("pyttsx3", "espeak"):
        profile = profile.replace(voice=_espeak_voice(language) or profile.voice)
    rules, english = lang.get(want), lang.get("en")
    if english is not None and rules is not english:
        # English templates in another language: that language's, or (no rules for it) the bare title
        if profile.intro == english.intro:
            profile = profile.replace(intro=rules.intro if rules else "{title}.")
        if profile.outro == english.outro:
            profile = profile.replace(outro=rules.outro if rules else "")
    return profile.replace(language=want)


def _named_voice(profile: Profile, name: str) -> Profile:
    """A ``[voices]`` entry: another profile's engine and voice, a Piper model file, or a voice id."""
    if name.endswith(".onnx"):
        return profile.replace(engine="piper", model=name)
    try:
        other = profiles.load(name)
    except AudiopostError:
        return profile.replace(voice=name)  # the engine's own voice id; validate() checks it
    return profile.replace(engine=other.engine, voice=other.voice, model=other.model, rate=other.rate,
                           pitch=other.pitch, volume=other.volume)


PREFERRED = {"en": "en-us", "fr": "fr-fr"}
"""espeak-ng's voice for a language it names only with regions (English: not "en-029", the first in order)."""


def _espeak_voice(language: str) -> str:
    """espeak-ng's voice for a language: "pt-br" for pt-BR, "es-419" for Latin American Spanish, "fr-fr"
    for French (espeak-ng names some voices only with their region); "" when it has none."""
    from audiopost.engines.espeak import EspeakEngine

    try:
        voices = sorted(v.lower() for v in EspeakEngine.voices())
    except AudiopostError:
        return ""
    code = language.lower().replace("_", "-")
    base = base_code(code)
    latin_american = base == "es" and code not in ("es", "es-es") and f"{base}-419" in voices
    candidates = [code, f"{base}-419" if latin_american else base, PREFERRED.get(base, ""), f"{base}-{base}"]
    return next((c for c in candidates if c in voices), next((v for v in voices if v.startswith(f"{base}-")), ""))


def digest(script: Script, profile: Profile, options: Options, inputs: tuple[str, ...]) -> str:
    """What the episode depends on: script, voice, engine version, settings, clip and cover contents."""
    from audiopost import __version__
    from audiopost.speech import engine_version

    h = hashlib.sha256()
    h.update(json.dumps([__version__, engine_version(profile.engine), script.text(),
                         [[c.shown for c in p.lines] for p in script.paragraphs()],
                         dataclasses.asdict(profile), options.bitrate, options.lyrics],
                        sort_keys=True, default=str).encode())
    for path in inputs:
        h.update(Path(path).read_bytes() if path and Path(path).is_file() else b"-")
    return h.hexdigest()[:32]


def narrate(source: str | Path, options: Options = Options(), log: Log = lambda _: None) -> Result:
    """Post → podcast-ready MP3: read, script, speak, master, export (and publish to a feed)."""
    post, profile, script = prepare(source, options)
    for note in post.notes:
        log(note)
    if options.output is None:
        options.out_dir.mkdir(parents=True, exist_ok=True)  # the default folder is ours to make
    target = options.output or options.out_dir / f"{slug(post.title)}.mp3"
    if options.feed is not None and not options.base_url:
        raise AudiopostError("--feed needs --base-url: the public URL of the folder the MP3 is uploaded to")
    intro = options.intro or profile.intro_clip
    outro = options.outro or profile.outro_clip
    cover = options.cover or (post.image if post.image and Path(post.image).is_file() else "")
    key = digest(script, profile, options, (cover, intro, outro))
    check_target(target, options.force)  # fail before the slow part
    check_sidecars(target, options.force)
    if options.page:
        from audiopost.page import check_target as check_page
        from audiopost.page import page_path

        check_page(page_path(target), options.force)
    result = None if options.force else up_to_date(target, key, post, script, chunk_count(script))
    if result is not None:
        log(f"up to date: {target}")
    else:
        workdir = Path(tempfile.mkdtemp(prefix="audiopost-"))
        try:
            result = render(post, profile, script, options, target, key, (cover, intro, outro), workdir, log)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
    result = dataclasses.replace(result, voice=f"{profile.engine} {profile.model or profile.voice}")
    if options.page:
        from audiopost.page import write_page

        result.files["page"] = write_page(result.episode.path, force=options.force, cues=result.cues,
                                          envelope=result.envelope)
    if options.feed is not None:
        log(f"updating feed {options.feed}")
        publish(options.feed, options.base_url, options.channel, post, result.episode, summary(script, 4000),
                transcript=result.files["vtt"], chapters=result.files.get("chapters"))
    return result


def chunk_count(script: Script) -> int:
    """Synthesis calls the script needs: one per sentence."""
    return sum(len(p.lines) for p in script.paragraphs())


def up_to_date(target: Path, key: str, post: Post, script: Script, chunks: int) -> Result | None:
    """The earlier result when ``target`` and its side files were made from exactly these inputs."""
    files = sidecars.paths(target)
    if not target.exists() or not files["vtt"].exists() or not files["srt"].exists():
        return None
    episode = stored(target)
    if episode is None or episode.digest != key:
        return None
    marks = sidecars.read_chapters(files["chapters"])
    if not marks:
        files.pop("chapters")
    return Result(post, script, episode, marks, files, chunks, synthesized=0, up_to_date=True)


def render(post: Post, profile: Profile, script: Script, options: Options, target: Path, key: str,
           inputs: tuple[str, str, str], workdir: Path, log: Log) -> Result:
    """The slow part: speak, master, encode and tag, then write the side files."""
    from audiopost.cache import ChunkCache, default_dir
    from audiopost.speech import speak

    # numpy takes a moment to import: let that happen while the workers speak.
    preload = threading.Thread(target=importlib.import_module, args=("audiopost.master",), daemon=True)
    preload.start()

    for program in ("ffmpeg", "ffprobe"):  # missing tools are reported before minutes of synthesis
        tools.program(program)
    cover, intro, outro = inputs
    cover_jpg = prepare_cover(cover, workdir) if cover else None
    cache = ChunkCache(options.cache_dir or default_dir()) if options.cache else None
    log(f"speaking {chunk_count(script)} chunks with {profile.engine} ({profile.voice})")
    speech = speak(script, profile, workdir, workers=options.workers, cache=cache, progress=options.progress)
    log("mastering")
    preload.join()
    from audiopost.episode import PartEncoder, calibration_wav, previous_gain
    from audiopost.master import master

    # Long episodes are mastered in parts, each encoded as soon as it is written, on the other cores.
    encoder = PartEncoder(profile.bitrate, calibration_wav([c.path for c in speech.clips], workdir / "cal.wav"),
                          cache=cache.encoded() if cache else None)
    try:
        mastered = master(speech, profile, workdir / "master.wav", intro=intro, outro=outro,
                          parts=options.workers or os.cpu_count() or 1, on_part=encoder,
                          gain_hint=previous_gain(target) if cache else None)
    except BaseException:
        encoder.close()
        raise
    log(f"encoding {target}")
    marks = tuple(chapters(script, mastered, post.title))
    cues = transcript_cues(mastered)
    spoken = lang.get(script.language)
    tags = Tags(title=post.title, author=post.author, album=post.site, date=post.date,
                summary=summary(script), link=post.link, chapters=tuple((c.title, c.start, c.end) for c in marks),
                lyrics="\n".join(c.text for c in cues) if options.lyrics else "",
                language=spoken.iso639_2 if spoken else ISO639_2.get(script.language, "und"))
    episode = export(mastered, target, tags, key, bitrate=profile.bitrate, cover=cover_jpg, force=options.force,
                     encoder=encoder)
    from audiopost.waveform import of_wavs

    # The page's waveform, from the master while it is here, over the MP3's duration (its last frame).
    envelope = of_wavs(mastered.parts, episode.duration)
    # Parts encoded at once meet in pauses, each junction a few ms longer: cue times follow.
    marks = tuple(Chapter(c.title, episode.shift(c.start), episode.shift(c.end)) for c in marks)
    cues = [dataclasses.replace(c, start=episode.shift(c.start), end=episode.shift(c.end)) for c in cues]
    files = sidecars.paths(target)
    sidecars.write(files["vtt"], vtt(cues))
    sidecars.write(files["srt"], srt(cues))
    if marks:
        sidecars.write(files["chapters"], chapters_json(marks))
    else:
        files.pop("chapters").unlink(missing_ok=True)  # an earlier version of the post had headings
    return Result(post, script, episode, marks, files, len(speech.clips), speech.synthesized,
                  parts=len(mastered.parts), parts_reused=encoder.reused,
                  cache_repaired=len(cache.repaired) if cache else 0, cues=tuple(cues), envelope=envelope)


def check_sidecars(target: Path, force: bool) -> None:
    """Side files may replace our own earlier ones (their MP3 is ours), never anyone else's."""
    if force or made_by_us(target):
        return
    for path in sidecars.paths(target).values():
        if path.exists():
            raise AudiopostError(f"{path} exists and was not made by audiopost (use --force to replace it)")


def summary(script: Script, limit: int = 400) -> str:
    """The first sentences of the body, up to ``limit`` characters, for the COMM tag."""
    out = ""
    for para in script.paragraphs():
        if para.kind != "body":
            continue
        for line in para.lines:
            if out and len(out) + len(line.shown) + 1 > limit:
                return out
            out = f"{out} {line.shown}".strip()
    if len(out) > limit:
        out = out[: out.rfind(" ", 0, limit - 1)] + "…"
    return out


__all__ = ["AudiopostError", "Options", "Result", "narrate", "prepare", "slug"]
