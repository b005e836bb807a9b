"""A content-addressed cache of synthesized chunks, so an edited post only re-synthesizes what changed.

Key: the spoken text, the engine, every voice setting and the engine's version. Files live in
``<cache dir>/chunks/ab/abcdef….wav`` (the user cache dir by default: ``~/.cache/audiopost`` on Linux).
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


@dataclass(frozen=True)
class ChunkCache:
    root: Path
    """The cache folder (its ``chunks/`` subfolder holds the WAVs)."""

    def key(self, text: str, engine: str, version: str, settings: VoiceSettings) -> str:
        blob = json.dumps([text, engine, version, asdict(settings), _model_stamp(settings.model)], sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()

    def path(self, key: str) -> Path:
        return self.root / "chunks" / key[:2] / f"{key}.wav"

    def get(self, key: str) -> Path | None:
        path = self.path(key)
        return path if path.is_file() else None

    def put(self, key: str, wav: Path) -> Path:
        """Copy ``wav`` into the cache atomically (another run may be writing the same key)."""
        path = self.path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        os.close(fd)
        try:
            shutil.copyfile(wav, tmp)
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


def info(root: Path) -> tuple[int, int]:
    """(number of cached chunks, total bytes)."""
    files = list((root / "chunks").glob("*/*.wav"))
    return len(files), sum(f.stat().st_size for f in files)


def clear(root: Path) -> int:
    """Remove every cached chunk; return how many there were."""
    count, _ = info(root)
    shutil.rmtree(root / "chunks", ignore_errors=True)
    return count
