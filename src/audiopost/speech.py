"""Script → Speech: every sentence synthesized to its own WAV, in worker processes, checked."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from audiopost.engines import Engine, VoiceSettings, engine_class
from audiopost.engines.base import wav_info
from audiopost.errors import AudiopostError

if TYPE_CHECKING:  # worker processes import this module: keep it light
    from audiopost.cache import ChunkCache
    from audiopost.profiles import Profile
    from audiopost.script import Script


@dataclass(frozen=True)
class Chunk:
    """One synthesis call: a sentence, where it sits, and the silence that follows it."""

    index: int
    spoken: str
    shown: str
    section: int
    kind: str
    pause_after: float
    voice: str = ""
    """The profile that reads it: "" for the main one, else the ``quote_voice``/``title_voice`` name."""


@dataclass(frozen=True)
class Clip:
    chunk: Chunk
    path: Path
    duration: float
    """Seconds of audio the engine produced (before trimming)."""


@dataclass(frozen=True)
class Speech:
    clips: tuple[Clip, ...]
    sample_rate: int
    engine: str
    synthesized: int = 0
    """How many chunks were synthesized now (the rest came from the cache)."""


def chunks(script: Script, profile: Profile) -> list[Chunk]:
    """The script's sentences in order, each with the pause the structure asks for after it."""
    flat = [(s, p, line) for s, section in enumerate(script.sections)
            for p, para in enumerate(section.paragraphs) for line in para.lines]
    out: list[Chunk] = []
    for i, (s, p, line) in enumerate(flat):
        para = script.sections[s].paragraphs[p]
        if i + 1 == len(flat):
            pause = 0.0
        elif flat[i + 1][:2] == (s, p):
            pause = profile.pause_sentence
        elif flat[i + 1][0] != s or para.kind in ("intro", "heading"):
            pause = profile.pause_section
        else:
            pause = profile.pause_paragraph
        voice = profile.quote_voice if para.kind == "quote" else \
            profile.title_voice if para.kind in ("intro", "outro") else ""
        out.append(Chunk(i, line.spoken, line.shown, s, para.kind, pause, voice))
    return out


def settings_of(profile: Profile) -> VoiceSettings:
    return VoiceSettings(voice=profile.voice, rate=profile.rate, pitch=profile.pitch,
                         volume=profile.volume, model=profile.model)


def engine_version(name: str) -> str:
    version = getattr(engine_class(name), "version", None)
    return str(version()) if callable(version) else ""


def speak(script: Script, profile: Profile, workdir: Path, *, workers: int | None = None,
          cache: ChunkCache | None = None, progress: Callable[[int, int], None] | None = None) -> Speech:
    """Synthesize every chunk of ``script`` into ``workdir`` (or take it from ``cache``).

    Chunks run in ``workers`` processes (default: one per CPU). A failing chunk is retried once.
    Quotes and the spoken intro/outro go to the profile's ``quote_voice``/``title_voice`` when set.
    """
    from audiopost import profiles

    items = chunks(script, profile)
    voices = {name: profiles.load(name) if name else profile for name in {c.voice for c in items}}
    for voice in voices.values():
        profiles.validate(voice)
        engine_class(voice.engine).check()
    report = _Progress(len(items), 0, progress)
    paths: dict[int, Path] = {}
    synthesized = 0
    for name, voice in voices.items():
        group = [c for c in items if c.voice == name]
        synthesized += _speak_group(group, voice, workdir, workers, cache, report, paths)
    clips = tuple(Clip(c, paths[c.index], wav_info(paths[c.index])[2]) for c in items)
    # The WAVs carry each engine's real rate (a Piper model's own, for instance): master at the highest.
    rate = max((wav_info(c.path)[0] for c in clips), default=22050)
    return Speech(clips, rate, engine_class(profile.engine).name, synthesized=synthesized)


def _speak_group(items: list[Chunk], profile: Profile, workdir: Path, workers: int | None,
                 cache: ChunkCache | None, report: _Progress, paths: dict[int, Path]) -> int:
    """Synthesize the chunks one voice reads; fill ``paths``; return how many were not cached."""
    cls = engine_class(profile.engine)
    settings = settings_of(profile)
    keys: dict[int, str] = {}
    for c in items:
        paths[c.index] = _path(workdir, c)
    todo = items
    if cache is not None:  # a hit is copied out of the cache, proved whole (see cache.py)
        version = engine_version(cls.name)
        for c in items:
            keys[c.index] = cache.key(c.spoken, cls.name, version, settings)
        hits = {key for key in set(keys.values()) if cache.fetch(key, workdir / f"cached-{key}.wav")}
        for c in items:
            if keys[c.index] in hits:
                paths[c.index] = workdir / f"cached-{keys[c.index]}.wav"
                report.step(1)
        todo = [c for c in items if keys[c.index] not in hits]
    if cache is not None:  # content-addressed: a sentence that recurs is synthesized once
        first = {keys[c.index]: c for c in reversed(todo)}
        for c in todo:
            if first[keys[c.index]] is not c:
                paths[c.index] = _path(workdir, first[keys[c.index]])
                report.step(1)
        todo = [c for c in todo if first[keys[c.index]] is c]
    done: dict[int, float] = {}
    n = 1 if cls.uses_all_cores and not workers else max(1, min(workers or os.cpu_count() or 1, len(todo)))
    # A worker that died (a crash in the engine's library) breaks the pool: what is left is retried
    # below, one chunk at a time, so a chunk that crashes twice is named.
    with contextlib.suppress(BrokenProcessPool):
        _run(cls.name, settings, todo, workdir, n, done, report)
    for chunk in todo:
        if chunk.index not in done:
            _run(cls.name, settings, [chunk], workdir, 1, done, report, retry=True)
        if cache is not None:
            cache.put(keys[chunk.index], paths[chunk.index])
    return len(todo)


class _Progress:
    def __init__(self, total: int, start: int, callback: Callable[[int, int], None] | None) -> None:
        self.total, self.count, self.callback = total, start, callback
        self.step()

    def step(self, n: int = 0) -> None:
        self.count += n
        if self.callback is not None:
            self.callback(self.count, self.total)


def _path(workdir: Path, chunk: Chunk) -> Path:
    return workdir / f"chunk-{chunk.index:05d}.wav"


def _run(engine: str, settings: VoiceSettings, items: list[Chunk], workdir: Path, workers: int,
         done: dict[int, float], report: _Progress, retry: bool = False) -> None:
    if not items:
        return
    if multiprocessing.current_process().daemon:  # e.g. a Dask worker: it may not start processes
        _start(engine, settings, quiet=False)
        for chunk in items:
            done[chunk.index] = _synthesize(chunk.spoken, str(_path(workdir, chunk)))
            report.step(1)
        return
    ctx = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_start, initargs=(engine, settings))
    try:
        _collect(engine, pool, items, workdir, done, report, retry)
    finally:  # on an error or Ctrl-C, drop the queued chunks instead of synthesizing them all first
        pool.shutdown(wait=True, cancel_futures=True)


def _collect(engine: str, pool: ProcessPoolExecutor, items: list[Chunk], workdir: Path, done: dict[int, float],
             report: _Progress, retry: bool) -> None:
    with _children_ignore_sigint():
        futures: list[tuple[Chunk, Future[float]]] = [
            (c, pool.submit(_synthesize, c.spoken, str(_path(workdir, c)))) for c in items]
    for chunk, future in futures:
        try:
            done[chunk.index] = future.result()
            report.step(1)
        except BrokenProcessPool:
            if retry:
                raise AudiopostError(f"the {engine} engine crashed on chunk {chunk.index + 1} "
                                     f"({_first_words(chunk.spoken)})") from None
            raise
        except AudiopostError as e:
            if retry:
                raise AudiopostError(f"chunk {chunk.index + 1} ({_first_words(chunk.spoken)}): {e}") from None
            continue  # retried once, by the caller, in a fresh worker


@contextlib.contextmanager
def _children_ignore_sigint() -> Iterator[None]:
    """Workers are started (on submit) with SIGINT blocked from their first instruction (a signal mask
    survives exec), until ``_start`` ignores it: a Ctrl-C to the process group while a worker is still
    importing cannot print its traceback. The parent only defers a Ctrl-C that comes meanwhile: it is
    delivered, and stops the pool, as soon as the workers are started."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _first_words(text: str, n: int = 6) -> str:
    words = text.split()
    return '"' + " ".join(words[:n]) + (" …" if len(words) > n else "") + '"'


_engine: Engine | AudiopostError | None = None
_rate = 170


def _start(name: str, settings: VoiceSettings, quiet: bool = True) -> None:
    """Worker start: keep engine prints off the parent's stdout; make the engine once."""
    global _engine, _rate
    if quiet:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        # Ctrl-C reaches the whole process group: the parent stops the pool; workers just finish.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # blocked at spawn (see above)
    _rate = settings.rate
    try:
        _engine = engine_class(name)(settings)
    except AudiopostError as e:
        _engine = e  # reported by the first chunk, with its message intact


def _synthesize(text: str, out: str) -> float:
    """Speak one chunk in a worker; return its duration. Checks the WAV is sane for its text."""
    if isinstance(_engine, AudiopostError):
        raise _engine
    assert _engine is not None
    path = Path(out)
    _engine.synthesize(text, path)
    try:
        _, _, duration = wav_info(path)
    except Exception as e:
        raise AudiopostError(f"the engine wrote no readable WAV ({e})") from None
    expected = len(text.split()) / max(_rate, 40) * 60
    if duration < min(0.1, expected) or duration > 10 * expected + 5:
        raise AudiopostError(f"the engine wrote {duration:.2f} s of audio for {len(text.split())} words")
    return duration
