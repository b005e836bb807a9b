"""A content-addressed cache, so an edited post only re-synthesizes and re-encodes what changed.

Chunks: keyed on the spoken text, the engine, every voice setting and the engine's version, in
``<cache dir>/chunks/ab/abcdef….wav`` (the user cache dir by default: ``~/.cache/audiopost`` on Linux).
Encoded parts of long episodes: keyed on the part's master audio and the encoder's settings, in
``<cache dir>/parts/ab/abcdef….mp3``.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

import platformdirs

from audiopost.engines import VoiceSettings


def default_dir() -> Path:
    return Path(platformdirs.user_cache_dir("audiopost"))


KINDS = {"chunks": ".wav", "parts": ".mp3"}


@dataclass(frozen=True)
class ChunkCache:
    root: Path
    """The cache folder (its ``chunks/`` subfolder holds the WAVs, ``parts/`` the MP3 parts)."""
    kind: str = "chunks"

    def encoded(self) -> ChunkCache:
        """The same cache folder, for encoded MP3 parts."""
        return ChunkCache(self.root, "parts")

    def key(self, text: str, engine: str, version: str, settings: VoiceSettings) -> str:
        blob = json.dumps([text, engine, version, asdict(settings), _model_stamp(settings.model)], sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()

    def path(self, key: str) -> Path:
        return self.root / self.kind / key[:2] / f"{key}{KINDS[self.kind]}"

    def get(self, key: str) -> Path | None:
        path = self.path(key)
        return path if path.is_file() else None

    def put(self, key: str, file: Path) -> Path:
        """Copy ``file`` into the cache atomically (another run may be writing the same key)."""
        path = self.path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        os.close(fd)
        try:
            shutil.copyfile(file, tmp)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return path


def _model_stamp(model: str) -> list[int]:
    """A model file's size and mtime, so replacing the model invalidates its chunks."""
    try:
        st = os.stat(model) if model else None
    except OSError:
        return []
    return [st.st_size, int(st.st_mtime)] if st else []


def info(root: Path, kind: str = "chunks") -> tuple[int, int]:
    """(number of cached chunks, or parts, and their total bytes)."""
    files = list((root / kind).glob(f"*/*{KINDS[kind]}"))
    return len(files), sum(f.stat().st_size for f in files)


def clear(root: Path) -> int:
    """Remove every cached chunk and part; return how many chunks there were."""
    count, _ = info(root)
    for kind in KINDS:
        shutil.rmtree(root / kind, ignore_errors=True)
    return count
