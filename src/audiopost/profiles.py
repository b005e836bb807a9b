"""Voice profiles: TOML files in ``voices/`` (or the user's config folder) with documented defaults."""

from __future__ import annotations

import dataclasses
import difflib
import functools
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from audiopost.errors import AudiopostError, MissingDependency


@dataclass(frozen=True)
class Profile:
    """How an episode sounds. Every field can be set in a voice profile TOML file."""

    name: str = "default"
    """The profile's name (its file name without ``.toml``)."""
    engine: str = "pyttsx3"
    """Speech engine: ``pyttsx3`` (default), ``espeak``, ``piper`` (needs ``model``)."""
    voice: str = "en-us"
    """The engine's voice id (an espeak-ng voice such as ``en-us`` or ``en-gb``)."""
    model: str = ""
    """Path to a Piper ``.onnx`` voice (relative to the profile's folder)."""
    rate: int = 170
    """Speaking rate in words per minute."""
    pitch: int = 50
    """Pitch, 0–100 (espeak-ng's scale)."""
    volume: float = 1.0
    """Engine volume, 0.0–1.0 (loudness is normalized afterwards anyway)."""
    language: str = "en"
    """Language of the text rules (normalization, abbreviations)."""
    lexicon: str = ""
    """Path to a pronunciation lexicon (TSV: word, tab, spoken form)."""
    intro: str = "{title}, by {author}."
    """Spoken intro template ({title}, {author}, {date}, {site}); empty to turn it off."""
    outro: str = "This was an audio edition of {title}, published {date}."
    """Spoken outro template; empty to turn it off."""
    intro_clip: str = ""
    """Audio file played before the speech (any format ffmpeg reads)."""
    outro_clip: str = ""
    """Audio file played after the speech."""
    pause_sentence: float = 0.30
    """Seconds of silence between sentences of one paragraph."""
    pause_paragraph: float = 0.75
    """Seconds of silence between paragraphs."""
    pause_section: float = 1.30
    """Seconds of silence before a heading (a new section)."""
    loudness: float = -16.0
    """Integrated loudness target in LUFS as a stereo listener hears it (ffmpeg ebur128 dualmono)."""
    true_peak: float = -1.0
    """True-peak ceiling in dBTP of the published MP3."""
    bitrate: int = 96
    """MP3 bitrate in kbit/s (CBR, mono)."""
    quote_voice: str = ""
    """Another profile's name that reads block quotes."""
    title_voice: str = ""
    """Another profile's name that reads the title and the spoken intro and outro."""
    boilerplate: dict[str, str] = field(default_factory=dict)
    """Extra boilerplate rules: name = regex matched against whole paragraphs."""
    disable_rules: tuple[str, ...] = ()
    """Names of built-in boilerplate rules to turn off."""
    read_alt_text: bool = False
    """Read images' alt text aloud instead of skipping images."""
    voices: dict[str, str] = field(default_factory=dict)
    """Per-language voices, for a blog in several languages: language code = a profile name (such as a
    Piper voice installed with ``audiopost voices add``) or the engine's voice id (``es = "es-419"``). A post
    in that language is read with that voice; everything else comes from this profile."""
    acronyms: tuple[str, ...] = ()
    """More all-caps words to say as words, not letters (NASA and UNESCO are built in)."""
    path: str = ""
    """The file the profile was read from ("" for built-in defaults)."""

    def replace(self, **changes: Any) -> Profile:
        return dataclasses.replace(self, **changes)


FIELDS = {f.name: f for f in dataclasses.fields(Profile) if f.name not in ("name", "path")}
PATH_KEYS = ("model", "lexicon", "intro_clip", "outro_clip")


def builtin_dir() -> Path:
    """The ``voices/`` folder shipped with audiopost (inside the wheel, or the source checkout's)."""
    inside = Path(__file__).parent / "voices"
    return inside if inside.is_dir() else Path(__file__).resolve().parents[2] / "voices"


def user_dir() -> Path:
    """The user's own profiles: ``$XDG_CONFIG_HOME/audiopost/voices`` on Linux."""
    return Path(platformdirs.user_config_dir("audiopost")) / "voices"


def search_dirs() -> list[Path]:
    """Where profile names are looked up, first match wins."""
    return [user_dir(), builtin_dir()]


def find(name: str) -> Path:
    """The file of profile ``name`` (or ``name`` itself when it is a path to a TOML file)."""
    if name.endswith(".toml") or "/" in name:
        path = Path(name).expanduser()
        if not path.is_file():
            raise AudiopostError(f"voice profile {name}: no such file")
        return path
    for folder in search_dirs():
        path = folder / f"{name}.toml"
        if path.is_file():
            return path
    names = sorted({p.stem for d in search_dirs() if d.is_dir() for p in d.glob("*.toml")})
    raise AudiopostError(f"unknown voice {name!r} (available: {', '.join(names) or 'none'})")


def load(name: str = "default") -> Profile:
    """Load a profile by name or path. Unknown keys and wrong types are errors naming file and key."""
    path = find(name)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise AudiopostError(f"cannot read voice profile {path}: {e}") from None
    except tomllib.TOMLDecodeError as e:
        raise AudiopostError(f"voice profile {path} is not valid TOML: {e}") from None
    return from_dict(data, path)


def from_dict(data: dict[str, Any], path: Path) -> Profile:
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in FIELDS:
            raise AudiopostError(f"voice profile {path}: unknown key {key!r} "
                                 f"(known keys: {', '.join(sorted(FIELDS))})")
        values[key] = _check_type(path, key, value)
    for key in PATH_KEYS:
        if values.get(key):
            values[key] = str((path.parent / Path(values[key]).expanduser()).resolve())
    return Profile(name=path.stem, path=str(path), **values)


def _check_type(path: Path, key: str, value: Any) -> Any:
    default = getattr(Profile(), key)
    kind = type(default)
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if kind is tuple and isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    if kind is dict and isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
        return dict(value)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise AudiopostError(f"voice profile {path}: {key} must be a {kind.__name__}, "
                             f"not {type(value).__name__} ({value!r})")
    return value


def available() -> list[tuple[str, Path]]:
    """Every profile name with the file it resolves to (user profiles shadow built-in ones)."""
    seen: dict[str, Path] = {}
    for folder in search_dirs():
        if folder.is_dir():
            for path in sorted(folder.glob("*.toml")):
                seen.setdefault(path.stem, path)
    return sorted(seen.items())


RANGES: dict[str, tuple[float, float, str]] = {
    "rate": (60, 500, "words per minute"),
    "pitch": (0, 100, "espeak-ng's scale"),
    "volume": (0, 2, "1.0 is the engine's normal level"),
    "pause_sentence": (0, 10, "seconds"),
    "pause_paragraph": (0, 10, "seconds"),
    "pause_section": (0, 10, "seconds"),
    "loudness": (-30, -10, "LUFS; Apple Podcasts asks for -16"),
    "true_peak": (-10, 0, "dBTP"),
}
"""Allowed values of the numeric keys, inclusive, with the unit named in the error."""
MP3_BITRATES = (32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)
"""The MPEG-1 Layer III bitrates (kbit/s) a CBR MP3 at 44.1 kHz can have."""


def validate(profile: Profile) -> None:
    """Raise one AudiopostError, naming the profile file and the key, for the first value that cannot work."""
    for check in (_check_engine, _check_model, _check_numbers, _check_espeak_voice, _check_references):
        problem = check(profile)
        if problem:
            raise AudiopostError(f"voice profile {profile.path or '(built-in defaults)'}: {problem}")


def _check_engine(profile: Profile) -> str:
    from audiopost.engines import ENGINES, engine_class

    try:
        engine_class(profile.engine)  # also finds engines that other packages register
    except AudiopostError:
        return f"engine {profile.engine!r} is not a registered engine (available: {', '.join(ENGINES)})"
    return ""


def _check_model(profile: Profile) -> str:
    if profile.engine != "piper":
        return ""
    from audiopost.engines.piper import config_of, how_to_get_a_model

    model = Path(profile.model).expanduser()
    if not profile.model:
        return f"model: the piper engine needs a voice model (model = \"/path/to/voice.onnx\"); {how_to_get_a_model()}"
    if not model.is_file():
        return f"model {model}: no such file; {how_to_get_a_model()}"
    if not config_of(model).is_file():
        return f"model {model} has no {config_of(model).name} beside it (a Piper voice is both files)"
    return ""


def _check_numbers(profile: Profile) -> str:
    for key, (low, high, unit) in RANGES.items():
        value = getattr(profile, key)
        if not low <= value <= high:
            return f"{key} must be between {low:g} and {high:g} ({unit}), not {value:g}"
    if profile.bitrate not in MP3_BITRATES:
        return (f"bitrate must be an MP3 CBR bitrate in kbit/s ({', '.join(map(str, MP3_BITRATES))}), "
                f"not {profile.bitrate}")
    return ""


def _check_espeak_voice(profile: Profile) -> str:
    if profile.engine != "espeak":
        return ""
    try:
        known = _espeak_voices()
    except MissingDependency:
        return ""  # not a profile problem: the speech stage reports the missing program
    base = profile.voice.split("+", 1)[0].lower()  # "en-us+f3": a voice with an espeak-ng variant
    if base in known:
        return ""
    close = difflib.get_close_matches(base, sorted(known), n=3)
    hint = f"did you mean {', '.join(close)}? " if close else ""
    return f"voice {profile.voice!r} is not an espeak-ng voice ({hint}`audiopost voices` lists them)"


@functools.cache
def _espeak_voices() -> frozenset[str]:
    """espeak-ng's voices, lower-case, asked once per process (it runs ``espeak-ng --voices``)."""
    from audiopost.engines.espeak import EspeakEngine

    return frozenset(v.lower() for v in EspeakEngine.voices())


def _check_references(profile: Profile) -> str:
    for key in ("quote_voice", "title_voice"):
        name = getattr(profile, key)
        if name:
            try:
                find(name)
            except AudiopostError:
                names = ", ".join(n for n, _ in available()) or "none"
                return f"{key} names profile {name!r}, which does not exist (available: {names})"
    return ""
