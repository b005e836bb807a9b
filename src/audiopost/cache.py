"""A content-addressed cache, so an edited post only re-synthesizes and re-encodes what changed.

Chunks: keyed on the spoken text, the engine, every voice setting and the engine's version, in
``<cache dir>/chunks/ab/abcdef….wav`` (the user cache dir by default: ``~/.cache/audiopost`` on Linux).
Encoded parts of long episodes: keyed on the part's master audio and the encoder's settings, in
``<cache dir>/parts/ab/abcdef….mp3``.

Caches get damaged: a full disk, a sync tool, a copy cut short, bit rot. So every entry is one file that
starts with a header holding the SHA-256 and length of the audio after it, written to a temporary name and
renamed (so the header and the audio can't come from two writers), and every read checks both before the
audio is used. A chunk's WAV is also parsed, and its frame count must fill its data exactly. An entry that
fails is removed and counted (``repaired``); the caller makes it again. A hit is copied out of the cache,
so removing an entry while a run is using it changes nothing for that run.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tempfile
import wave
from dataclasses import asdict, dataclass, field
from pathlib import Path

import platformdirs

from audiopost.engines import VoiceSettings


def default_dir() -> Path:
    return Path(platformdirs.user_cache_dir("audiopost"))


KINDS = {"chunks": ".wav", "parts": ".mp3"}
MAGIC = b"APCACHE1"
HEADER = len(MAGIC) + 32 + 8
"""Magic, the SHA-256 of the audio, its length (8 bytes, little-endian); the audio follows."""


class DamagedEntry(Exception):
    """A cache entry that cannot be proved whole."""


@dataclass(frozen=True)
class ChunkCache:
    root: Path
    """The cache folder (its ``chunks/`` subfolder holds the WAVs, ``parts/`` the MP3 parts)."""
    kind: str = "chunks"
    repaired: list[Path] = field(default_factory=list, compare=False)
    """Entries found damaged (and removed) by this cache and its ``encoded()`` sibling."""

    def encoded(self) -> ChunkCache:
        """The same cache folder, for encoded MP3 parts (damaged entries are counted together)."""
        return ChunkCache(self.root, "parts", self.repaired)

    def key(self, text: str, engine: str, version: str, settings: VoiceSettings) -> str:
        blob = json.dumps([text, engine, version, asdict(settings), _model_stamp(settings.model)], sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()

    def path(self, key: str) -> Path:
        return self.root / self.kind / key[:2] / f"{key}{KINDS[self.kind]}"

    def fetch(self, key: str, dest: Path) -> bool:
        """Copy the audio cached under ``key`` to ``dest`` if the entry is whole; return whether it was.

        A missing entry is a miss; a damaged one is removed, counted in ``repaired``, and also a miss.
        """
        path = self.path(key)
        try:
            data = read_entry(path, self.kind)
        except FileNotFoundError:
            return False
        except (OSError, DamagedEntry):
            self.repaired.append(path)
            path.unlink(missing_ok=True)
            return False
        dest.write_bytes(data)
        return True

    def put(self, key: str, file: Path) -> Path | None:
        """Store the audio of ``file`` under ``key`` atomically (another run may be writing the same key).

        A chunk that is not a whole WAV is not stored (None): it could never be read back.
        """
        data = file.read_bytes()
        if self.kind == "chunks":
            try:
                _check_wav(data)
            except DamagedEntry:
                return None
        path = self.path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(MAGIC + hashlib.sha256(data).digest() + len(data).to_bytes(8, "little"))
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return path


def read_entry(path: Path, kind: str) -> bytes:
    """The audio of the cache entry at ``path``, proved whole; raises DamagedEntry (or OSError) otherwise."""
    blob = path.read_bytes()
    if len(blob) < HEADER or not blob.startswith(MAGIC):
        raise DamagedEntry(f"{path.name}: no cache header ({len(blob)} bytes)")
    digest, size = blob[len(MAGIC):len(MAGIC) + 32], int.from_bytes(blob[len(MAGIC) + 32:HEADER], "little")
    data = blob[HEADER:]
    if len(data) != size:
        raise DamagedEntry(f"{path.name}: {len(data)} bytes of audio, {size} written")
    if hashlib.sha256(data).digest() != digest:
        raise DamagedEntry(f"{path.name}: checksum mismatch")
    if kind == "chunks":
        _check_wav(data)
    return data


def _check_wav(data: bytes) -> None:
    """A WAV whose header parses and whose frames fill its data chunk exactly."""
    try:
        with wave.open(io.BytesIO(data), "rb") as w:
            frames, block = w.getnframes(), w.getsampwidth() * w.getnchannels()
            got = len(w.readframes(frames))
    except (EOFError, wave.Error) as e:
        raise DamagedEntry(f"not a readable WAV ({e})") from None
    if frames == 0 or got != frames * block:
        raise DamagedEntry(f"WAV header says {frames} frames, data holds {got // max(block, 1)}")


def _model_stamp(model: str) -> list[int]:
    """A model file's size and mtime, so replacing the model invalidates its chunks."""
    try:
        st = os.stat(model) if model else None
    except OSError:
        return []
    return [st.st_size, int(st.st_mtime)] if st else []


@dataclass(frozen=True)
class Info:
    entries: int
    bytes: int
    damaged: int
    """Entries that fail their check (they are removed and made again when a run needs them)."""


def info(root: Path, kind: str = "chunks", verify: bool = True) -> Info:
    """How many chunks (or parts) the cache holds, their total bytes, and how many are damaged."""
    files = list((root / kind).glob(f"*/*{KINDS[kind]}"))
    damaged = 0
    if verify:
        for f in files:
            try:
                read_entry(f, kind)
            except FileNotFoundError:
                continue
            except (OSError, DamagedEntry):
                damaged += 1
    return Info(len(files), sum(f.stat().st_size for f in files if f.exists()), damaged)


def clear(root: Path) -> int:
    """Remove every cached chunk and part; return how many chunks there were."""
    count = info(root, verify=False).entries
    for kind in KINDS:
        shutil.rmtree(root / kind, ignore_errors=True)
    return count
