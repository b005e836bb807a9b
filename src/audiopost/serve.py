"""A preview server for a folder of episodes: MP3s, pages, transcripts, chapters and feeds.

Standard library only (http.server), with what podcast apps and browsers need: the right MIME types,
HEAD, and single byte ranges (``Range: bytes=a-b``, ``a-``, ``-n`` → 206; unsatisfiable → 416), which
they use to read durations and to seek. Never serves anything outside the folder (``..`` or symlinks).
Meant for previewing on this machine, not for the open internet.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import sys
from email.utils import formatdate
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import BinaryIO
from urllib.parse import quote

from audiopost.errors import AudiopostError

TYPES = {
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".vtt": "text/vtt; charset=utf-8",
    ".srt": "application/x-subrip",
    ".json": "application/json",
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
}
"""Content types by suffix. ``.chapters.json`` is plain JSON over HTTP (the feed's ``podcast:chapters``
tag carries ``application/json+chapters``; apps parse the body, browsers show ``application/json``)."""

_RANGE = re.compile(r"\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$")
_CHUNK = 64 * 1024


class Unsatisfiable(Exception):
    """The Range header asks for no byte of the file (→ 416)."""


def parse_range(header: str | None, size: int) -> tuple[int, int] | None:
    """(first, last) byte, inclusive, of a single ``bytes=`` range, or None to send the whole file.

    Malformed and multi-range headers are ignored (RFC 9110 allows that); a range that starts past the
    end, or a zero-length suffix, raises Unsatisfiable.
    """
    match = _RANGE.match(header or "")
    if not match or match.group(1) == match.group(2) == "":
        return None
    first, last = match.groups()
    if first == "":  # bytes=-n: the last n bytes
        if int(last) == 0 or size == 0:
            raise Unsatisfiable
        return max(0, size - int(last)), size - 1
    start = int(first)
    if last and int(last) < start:
        return None
    if start >= size:
        raise Unsatisfiable
    return start, min(int(last) if last else size - 1, size - 1)


def feed_type(path: Path) -> str:
    """RSS or Atom by the root element (an .xml file in an episode folder is almost always a feed)."""
    try:
        with path.open("rb") as f:
            head = f.read(2048)
    except OSError:
        head = b""
    if b"<rss" in head:
        return "application/rss+xml; charset=utf-8"
    if b"<feed" in head:
        return "application/atom+xml; charset=utf-8"
    return "application/xml; charset=utf-8"


class Handler(SimpleHTTPRequestHandler):
    """Static files of one folder, with byte ranges and podcast MIME types; quiet unless ``log``."""

    server_version = "audiopost"
    protocol_version = "HTTP/1.1"  # keep-alive: players send many small range requests
    log = False

    def __init__(self, *args, directory: str, log: bool = False, **kwargs) -> None:  # type: ignore[no-untyped-def]
        self.log = log
        self._length: int | None = None
        super().__init__(*args, directory=directory, **kwargs)

    def guess_type(self, path: str | os.PathLike[str]) -> str:
        p = Path(path)
        if p.suffix.lower() in (".xml", ".rss", ".atom"):
            return feed_type(p)
        return TYPES.get(p.suffix.lower()) or super().guess_type(path)

    def log_message(self, format: str, *args: object) -> None:
        if self.log:
            super().log_message(format, *args)

    def _inside(self, path: str) -> bool:
        """Whether ``path``, symlinks resolved, is the served folder or below it."""
        root = Path(self.directory).resolve()
        real = Path(path).resolve()
        return real == root or root in real.parents

    def send_head(self) -> BinaryIO | None:  # type: ignore[override]
        self._length = None
        path = self.translate_path(self.path)
        if not self._inside(path):
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        if os.path.isdir(path):
            return super().send_head()  # redirect to the slash, index.html, or the listing
        try:
            f = open(path, "rb")  # noqa: SIM115 (returned to the caller, which closes it)
        except OSError:
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        try:
            return self._send_file_head(f, path)
        except BaseException:
            f.close()
            raise

    def _send_file_head(self, f: BinaryIO, path: str) -> BinaryIO | None:
        st = os.fstat(f.fileno())
        size = st.st_size
        etag = f'"{st.st_mtime_ns:x}-{size:x}"'
        modified = formatdate(st.st_mtime, usegmt=True)
        header = self.headers.get("Range")
        if_range = self.headers.get("If-Range")
        if if_range and if_range.strip() not in (etag, modified):
            header = None  # the file changed since the client's first part: send it whole
        try:
            span = parse_range(header, size)
        except Unsatisfiable:
            f.close()
            self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
            self.send_header("Content-Range", f"bytes */{size}")
            self.send_header("Content-Length", "0")
            self.send_header("Accept-Ranges", "bytes")
            self.end_headers()
            return None
        if span is None:
            self.send_response(HTTPStatus.OK)
            start, length = 0, size
        else:
            self.send_response(HTTPStatus.PARTIAL_CONTENT)
            start, length = span[0], span[1] - span[0] + 1
            self.send_header("Content-Range", f"bytes {span[0]}-{span[1]}/{size}")
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Length", str(length))
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Last-Modified", modified)
        self.send_header("ETag", etag)
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        f.seek(start)
        self._length = length
        return f

    def copyfile(self, source, outputfile) -> None:  # type: ignore[no-untyped-def]
        """Send the body (only the range's bytes); a client that hangs up mid-way is no error."""
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            if self._length is None:
                shutil.copyfileobj(source, outputfile)
                return
            left = self._length
            while left > 0:
                chunk = source.read(min(_CHUNK, left))
                if not chunk:
                    break
                outputfile.write(chunk)
                left -= len(chunk)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        if not isinstance(sys.exc_info()[1], ConnectionError):  # browsers drop media connections all the time
            super().handle_error(request, client_address)


class _Server6(_Server):
    address_family = socket.AF_INET6


def make_server(folder: Path, host: str = "127.0.0.1", port: int = 8000, *, log: bool = False) -> ThreadingHTTPServer:
    """A server for ``folder`` bound to host:port (port 0: a free one; see ``server.server_address``).

    Not started: call ``serve_forever()`` (in a thread, for tests) and ``shutdown()``/``server_close()``.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise AudiopostError(f"{folder}: no such folder")
    handler = partial(Handler, directory=str(folder.resolve()), log=log)
    server_class = _Server6 if ":" in host else _Server
    try:
        return server_class((host, port), handler)
    except OSError as e:
        raise AudiopostError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None


def url(server: ThreadingHTTPServer) -> str:
    """The server's base URL (``http://127.0.0.1:8000/``)."""
    host, port = server.server_address[:2]
    if isinstance(host, bytes):
        host = host.decode()
    shown = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)
    return f"http://[{shown}]:{port}/" if ":" in shown else f"http://{shown}:{port}/"


def serve(folder: Path, host: str = "127.0.0.1", port: int = 8000, *, log: bool = False) -> None:
    """Serve ``folder`` until Ctrl-C, printing its URL and the episode pages in it."""
    server = make_server(folder, host, port, log=log)
    base = url(server)
    print(f"Serving {folder} at {base} (Ctrl-C to stop)", flush=True)
    pages = sorted(p.name for p in Path(folder).glob("*.html") if not p.name.endswith(".embed.html"))
    for name in pages[:10]:
        print(f"  {base}{quote(name)}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("\nStopped.", file=sys.stderr)
    finally:
        server.server_close()

