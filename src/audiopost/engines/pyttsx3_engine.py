"""pyttsx3: the default engine (espeak-ng's library on Linux, the system voices on macOS and Windows).

pyttsx3 2.99 on Linux needs care (measured): ``runAndWait()`` may return before the file is written,
only the last queued ``save_to_file`` is spoken, synthesis slows quadratically with text length,
every save prints "Audio saved to …" on stdout, and a crash in libespeak kills the process. So: one
short chunk per ``save_to_file``/``runAndWait``, wait for a complete WAV, prints kept off stdout, and
the speech stage runs this engine in worker processes.

``runAndWait()`` does not wait: it starts the utterance, sleeps 10 ms (longer than espeak-ng takes for
most sentences) and returns, while the driver's callback thread still writes the WAV. The adapter makes
that sleep 1 ms and waits for the driver's "finished-utterance" event instead (measured: 112 sentences
in 0.71 s instead of 1.23 s, the same audio).
"""

from __future__ import annotations

import contextlib
import ctypes.util
import io
import sys
import threading
import time
import types
from pathlib import Path
from typing import Any, ClassVar

from audiopost.engines.base import VoiceSettings, wait_for_wav
from audiopost.errors import AudiopostError, MissingDependency

INSTALL = "sudo apt-get install espeak-ng"
ATTEMPTS = 3
POLL = 0.001
"""Seconds between the espeak driver's checks for the end of an utterance (pyttsx3's own: 0.01)."""


class Pyttsx3Engine:
    name: ClassVar[str] = "pyttsx3"
    sample_rate: ClassVar[int] = 22050
    shares_process: ClassVar[bool] = False
    uses_all_cores: ClassVar[bool] = False

    def __init__(self, settings: VoiceSettings) -> None:
        self.settings = settings
        self.engine = _init()
        self.finished = threading.Event()
        self.completed = False
        self.engine.connect("finished-utterance", self._finished)
        voice = _find_voice(self.engine, settings.voice)
        with contextlib.redirect_stdout(io.StringIO()):
            if voice is not None:
                self.engine.setProperty("voice", voice)
            self.engine.setProperty("rate", settings.rate)
            self.engine.setProperty("volume", max(0.0, min(settings.volume, 1.0)))
            if sys.platform.startswith("linux"):
                self.engine.setProperty("pitch", settings.pitch)

    def synthesize(self, text: str, out: Path) -> None:
        out.unlink(missing_ok=True)
        if not sys.platform.startswith("linux"):  # macOS writes AIFF whatever the name says
            return self._synthesize_other(text, out)
        # runAndWait() sometimes returns before its utterance is written, and then nothing writes it until
        # the driver loop runs again (measured: ~1 call in 200). Ask again rather than wait in vain.
        timeout = 2 + len(text) / 100
        for _ in range(ATTEMPTS):
            self.finished.clear()
            with contextlib.redirect_stdout(io.StringIO()):  # the callback thread prints "Audio saved to …"
                self.engine.save_to_file(text, str(out))
                self.engine.runAndWait()
                if not (self.finished.wait(timeout) and self.completed):
                    continue  # cancelled, or never started: ask again
                _idle(timeout)
            try:
                wait_for_wav(out, timeout=0.5)
                return
            except AudiopostError:
                continue
        raise AudiopostError(f"pyttsx3 wrote no complete WAV in {ATTEMPTS} attempts")

    def _finished(self, completed: bool = True, **_: object) -> None:
        self.completed = completed
        self.finished.set()

    def _synthesize_other(self, text: str, out: Path) -> None:
        """The system voices of macOS and Windows: save, wait for the file to settle, convert to WAV."""
        import time

        from audiopost import tools

        raw = out.with_suffix(".aiff" if sys.platform == "darwin" else ".raw.wav")
        self.engine.save_to_file(text, str(raw))
        self.engine.runAndWait()
        size, deadline = -1, time.monotonic() + 10 + len(text) / 20
        while not raw.exists() or raw.stat().st_size != size or size == 0:
            if time.monotonic() > deadline:
                raise AudiopostError("the system voice wrote no audio")
            size = raw.stat().st_size if raw.exists() else -1
            time.sleep(0.2)
        tools.ffmpeg("-i", str(raw), "-ac", "1", "-c:a", "pcm_s16le", str(out), what="converting the system voice")
        raw.unlink(missing_ok=True)

    @classmethod
    def check(cls) -> None:
        try:
            import pyttsx3  # noqa: F401
        except ImportError:
            raise MissingDependency("pyttsx3 is not installed (pip install pyttsx3)") from None
        if sys.platform.startswith("linux") and not (
            ctypes.util.find_library("espeak-ng") or ctypes.util.find_library("espeak")
        ):
            raise MissingDependency(f"pyttsx3 needs the espeak-ng library, which is not installed ({INSTALL})")

    @classmethod
    def version(cls) -> str:
        from importlib.metadata import version

        from audiopost.engines.espeak import espeak_version

        return f"pyttsx3 {version('pyttsx3')}; {espeak_version()}"

    @classmethod
    def voices(cls) -> list[str]:
        engine = _init()
        return sorted(str(v.languages[0] if v.languages else v.id) for v in engine.getProperty("voices"))


def _init() -> Any:
    Pyttsx3Engine.check()
    import pyttsx3

    if sys.platform.startswith("linux"):
        _poll_faster()
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            return pyttsx3.init()
    except (OSError, RuntimeError) as e:
        raise MissingDependency(f"pyttsx3 could not start its speech driver ({e}); on Linux: {INSTALL}") from None


def _idle(timeout: float) -> None:
    """Wait until libespeak's synthesis thread is idle: the utterance's callback has returned, so the next
    one can start (starting it earlier made the driver cancel it now and then)."""
    from pyttsx3.drivers import _espeak

    deadline = time.monotonic() + timeout
    while _espeak.IsPlaying() and time.monotonic() < deadline:
        time.sleep(POLL)


def _poll_faster() -> None:
    """The espeak driver's loop polls with ``time.sleep(0.01)``: give it a clock that waits ``POLL`` instead."""
    import pyttsx3.drivers.espeak as driver

    if isinstance(driver.time, types.ModuleType):
        driver.time = types.SimpleNamespace(**{**vars(time), "sleep": lambda s: time.sleep(min(s, POLL))})


def _find_voice(engine: Any, wanted: str) -> str | None:
    """The pyttsx3 voice id for a profile voice ("en-us", a name, or an id); None keeps the default."""
    if not wanted:
        return None
    key = wanted.lower()
    voices = engine.getProperty("voices")
    for v in voices:
        langs = [str(x).lower() for x in (v.languages or [])]
        if key in (v.id.lower(), str(v.name).lower()) or key in langs or v.id.lower().endswith("/" + key):
            return str(v.id)
    names = sorted(str(v.languages[0]) for v in voices if v.languages)
    raise AudiopostError(f"pyttsx3 has no voice {wanted!r} (some it has: {', '.join(names[:12])} …; "
                         "`audiopost voices` lists all)")
