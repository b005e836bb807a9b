"""Files audiopost writes are whole or absent: written to a temp file beside the target, then renamed.

The MP3, its side files (.vtt, .srt, .chapters.json), the episode page, the feed and the voice profiles
all go through here. A temp file is hidden (``.NAME.*.tmpSUFFIX``), on the same file system as its target
(so ``os.replace`` is atomic), and readable like any file the user makes: mkstemp's 0600 would hide an
episode or a feed from the web server that publishes it.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import tempfile
import time
from pathlib import Path


def temp_beside(target: Path) -> Path:
    """A new hidden temp file next to ``target``, with the permissions a new file of the user gets."""
    remove_stale(target)
    fd, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=f".tmp{target.suffix}", dir=target.parent)
    os.fchmod(fd, default_mode())
    os.close(fd)
    return Path(name)


def default_mode() -> int:
    """0666 less the process's umask: what ``open(…, "w")`` would give a new file."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(path: Path, data: bytes | str, *, keep_mode: bool = False) -> Path:
    """Write ``data`` (str as UTF-8) to ``path`` through a temp file beside it, synced, then renamed.
    ``keep_mode``: an existing file keeps its permissions (a published feed stays as readable as it was)."""
    mode = path.stat().st_mode & 0o777 if keep_mode and path.exists() else None
    tmp = temp_beside(path)
    try:
        with tmp.open("wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
            f.flush()
            os.fsync(f.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def copy_atomic(source: Path, path: Path) -> Path:
    """Copy ``source`` to ``path`` the same way: streamed to a temp file beside it, synced, renamed."""
    tmp = temp_beside(path)
    try:
        with source.open("rb") as src, tmp.open("wb") as out:
            shutil.copyfileobj(src, out, 1 << 20)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def remove_stale(target: Path, age: float = 3600.0) -> None:
    """Temp files of ours that a killed run (SIGKILL, power loss) left beside ``target`` an hour ago or more."""
    now = time.time()
    for stale in target.parent.glob(f".{glob.escape(target.stem)}.*.tmp{glob.escape(target.suffix)}"):
        with contextlib.suppress(OSError):
            if now - stale.stat().st_mtime > age:
                stale.unlink()
