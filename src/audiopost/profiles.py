"""Voice profiles: TOML files in ``voices/`` (or the user's config folder) with documented defaults."""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from audiopost.errors import AudiopostError


@dataclass(frozen=True)
class Profile:
    """How an episode sounds. Every field can be set in a voice profile TOML file."""

    name: str = "default"
    """The profile's name (its file name without ``.toml``)."""
    engine: str = "pyttsx3"
    """Speech engine: ``pyttsx3`` (default), ``espeak``."""
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
