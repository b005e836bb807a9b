"""SFTP target: ``sftp://USER@HOST[:PORT]/PATH``, a web host over SSH (paramiko).

Keys come from ``Settings.identity``, else the SSH agent, else ``~/.ssh/id_*``; passwords are never taken.
The host key is checked against ``Settings.known_hosts`` (default ``~/.ssh/known_hosts``): an unknown host is
an error unless ``accept_new_host_key`` (then its key is appended to that file); a changed key is always
refused. Every upload goes to a hidden temp name in the target folder and is then renamed over the file
(``posix-rename@openssh.com``), so readers never see a partial file. SFTP has no checksums: a file's SHA-256
comes from the sidecar manifest (``PATH/.audiopost-manifest.json``), trusted only while the size on the
server still matches it. Content-Type and Cache-Control are the web server's business on an SSH host.

``PATH`` is absolute (``sftp://me@host/var/www/pod``); ``sftp://me@host/~/www`` is relative to the login's home.
"""

from __future__ import annotations

import contextlib
import errno
import getpass
import hashlib
import io
import os
import posixpath
import secrets
import socket
import stat as statmod
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from audiopost.errors import AudiopostError, MissingDependency
from audiopost.host import MANIFEST, Remote, Settings, manifest_bytes, parse_manifest

if TYPE_CHECKING:
    import paramiko

TIMEOUT = 30.0
CHUNK = 1 << 20


def _errors() -> tuple[type[BaseException], ...]:
    """The exceptions a connection or transfer may raise (paramiko's, sockets', a dropped channel)."""
    import paramiko

    return (paramiko.SSHException, OSError, EOFError, socket.timeout)


def _reason(e: BaseException) -> str:
    """A short, secret-free description of a failure."""
    inner = getattr(e, "errors", None)  # paramiko's NoValidConnectionsError: one socket error per address
    if isinstance(inner, dict) and inner:
        return "; ".join(sorted({_reason(x) for x in inner.values()}))
    if isinstance(e, OSError) and e.errno is not None and e.strerror:
        return e.strerror
    text = str(e).strip()
    return f"{type(e).__name__}: {text}" if text and type(e).__name__ not in text else text or type(e).__name__


def _parse(spec: str) -> tuple[str, str, int, str]:
    """(user, host, port, path) of ``sftp://USER@HOST[:PORT]/PATH``; a password in the URL is refused."""
    url = urlsplit(spec)
    try:
        port = url.port or 22
    except ValueError:
        raise AudiopostError(f"{spec}: invalid port") from None
    if url.password is not None:
        # Never echo the URL: it holds the password.
        raise AudiopostError("sftp:// targets take no password in the URL; use a key (SSH agent, ~/.ssh or "
                             "--identity)")
    host = url.hostname
    if not host:
        raise AudiopostError(f"{spec}: no host (expected sftp://USER@HOST[:PORT]/PATH)")
    path = unquote(url.path)
    if path in ("/~", "/~/"):
        path = "."
    elif path.startswith("/~/"):
        path = path[3:]
    if not path:
        raise AudiopostError(f"{spec}: no folder (expected sftp://USER@HOST[:PORT]/PATH)")
    return unquote(url.username) if url.username else getpass.getuser(), host, port, path


def _where(user: str, host: str, port: int, path: str) -> str:
    """The target as a URL for messages (no secrets: the URL never holds one)."""
    netloc = f"{user}@{f'[{host}]' if ':' in host else host}{'' if port == 22 else f':{port}'}"
    tail = path if path.startswith("/") else "/~" if path == "." else f"/~/{path}"
    return f"sftp://{netloc}{tail}"


def _host_key_name(host: str, port: int) -> str:
    """How OpenSSH and paramiko name a host in known_hosts."""
    return host if port == 22 else f"[{host}]:{port}"


class SftpTarget:
    """A folder on an SSH host. Build it with :meth:`open`; :meth:`close` (or ``with``) ends the session."""

    def __init__(self, client: paramiko.SSHClient, sftp: paramiko.SFTPClient, where: str, root: str) -> None:
        self.client, self.sftp, self.where, self.root = client, sftp, where, root
        self._known: dict[str, Remote] | None = None
        self._on_server: bytes | None = None
        """The manifest's bytes on the server as last read or written (an unchanged manifest is not re-sent)."""
        self._finalizer = weakref.finalize(self, client.close)

    def __str__(self) -> str:
        return self.where

    def __enter__(self) -> SftpTarget:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """End the SSH session."""
        self._finalizer()

    @classmethod
    def open(cls, spec: str, settings: Settings) -> SftpTarget:
        """Connect, check the host key, authenticate with a key, and check that the folder exists."""
        try:
            import paramiko
        except ImportError:
            raise MissingDependency("sftp:// targets need paramiko: pip install paramiko "
                                    "(or pip install 'audiopost[sftp]')") from None
        user, host, port, path = _parse(spec)
        where = _where(user, host, port, path)
        known_hosts = Path(settings.known_hosts or Path.home() / ".ssh" / "known_hosts").expanduser()
        client = paramiko.SSHClient()
        try:
            if known_hosts.is_file():
                client.load_host_keys(str(known_hosts))
        except (OSError, paramiko.SSHException) as e:
            raise AudiopostError(f"cannot read {known_hosts}: {_reason(e)}") from None
        client.set_missing_host_key_policy(_Policy(known_hosts, settings.accept_new_host_key))
        identity = Path(settings.identity).expanduser() if settings.identity else None
        if identity is not None and not identity.is_file():
            raise AudiopostError(f"identity file {identity} does not exist")
        try:
            client.connect(host, port, username=user, key_filename=str(identity) if identity else None,
                           allow_agent=identity is None, look_for_keys=identity is None, timeout=TIMEOUT,
                           banner_timeout=TIMEOUT, auth_timeout=TIMEOUT)
            sftp = client.open_sftp()
            sftp.get_channel().settimeout(TIMEOUT * 4)
        except AudiopostError:
            client.close()
            raise
        except paramiko.BadHostKeyException as e:
            client.close()
            raise AudiopostError(
                f"the host key of {_host_key_name(host, port)} has CHANGED: the server offered "
                f"{e.key.get_name()} {e.key.fingerprint}, but {known_hosts} records {e.expected_key.fingerprint}. "
                "This may be an attack (or the server was reinstalled); publish refuses to connect. If the "
                f"change is expected, remove the old entry (ssh-keygen -R '{_host_key_name(host, port)}' "
                f"-f {known_hosts}) and connect again with --accept-new-host-key") from None
        except paramiko.PasswordRequiredException:
            client.close()
            raise AudiopostError(f"{where}: the key {identity or 'in ~/.ssh'} is protected by a passphrase; add "
                                 "it to the SSH agent (ssh-add) so that publish can use it") from None
        except paramiko.AuthenticationException:
            client.close()
            tried = f"the key {identity}" if identity else "the SSH agent and ~/.ssh/id_* keys"
            raise AudiopostError(f"{where}: authentication as {user} failed with {tried} (publish never uses "
                                 "passwords; authorize a key on the host)") from None
        except _errors() as e:
            client.close()
            if "No authentication methods available" in str(e):  # no agent key, no ~/.ssh/id_*, no --identity
                raise AudiopostError(f"{where}: no SSH key to log in as {user} (none in the SSH agent, no "
                                     "~/.ssh/id_*); pass --identity (publish never uses passwords)") from None
            raise AudiopostError(f"cannot connect to {where}: {_reason(e)}") from None
        target = cls(client, sftp, where, path)
        try:
            info = sftp.stat(path)
        except _errors() as e:
            target.close()
            if isinstance(e, OSError) and e.errno == errno.ENOENT:
                raise AudiopostError(f"remote folder {path} does not exist on {host} (create it first)") \
                    from None
            raise AudiopostError(f"{where}: cannot open remote folder {path}: {_reason(e)}") from None
        if not statmod.S_ISDIR(info.st_mode or 0):
            target.close()
            raise AudiopostError(f"remote path {path} on {host} is not a folder")
        return target

    # -- helpers ----------------------------------------------------------------------------------------

    def _path(self, name: str) -> str:
        if not name or "/" in name or name in (".", ".."):
            raise AudiopostError(f"{name!r} is not a plain file name")
        return posixpath.join(self.root, name)

    def _fail(self, what: str, e: BaseException) -> AudiopostError:
        return AudiopostError(f"{self.where}: {what}: {_reason(e)}")

    def _manifest(self) -> dict[str, Remote]:
        """What the manifest says (read once, then kept up to date by this target's writes)."""
        if self._known is None:
            self._known = self.read_manifest()
        return self._known

    def _upload(self, source: Any, name: str) -> tuple[int, str]:
        """Stream ``source`` (a binary file) to a temp name beside ``name``, then rename it over ``name``;
        (bytes, SHA-256) of what was sent. The temp file is removed on any failure."""
        dest = self._path(name)
        tmp = self._path(f".{name}.{secrets.token_hex(4)}.tmp")
        digest, size = hashlib.sha256(), 0
        try:
            try:
                mode = self.sftp.stat(dest).st_mode
            except FileNotFoundError:
                mode = None
            with self.sftp.open(tmp, "wb") as out:
                out.set_pipelined(True)
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                    out.write(chunk)
            remote_size = self.sftp.stat(tmp).st_size
            if remote_size != size:
                raise AudiopostError(f"{self.where}: {name}: sent {size} bytes, the server has {remote_size}")
            if mode is not None:
                self.sftp.chmod(tmp, statmod.S_IMODE(mode))  # a replaced file keeps its permissions
            self.sftp.posix_rename(tmp, dest)
        except BaseException as e:
            with contextlib.suppress(Exception):  # best effort: the original failure is what matters
                self.sftp.remove(tmp)
            if isinstance(e, _errors()):
                raise self._fail(f"upload of {name} failed", e) from None
            raise
        return size, digest.hexdigest()

    # -- the Target protocol ----------------------------------------------------------------------------

    def stat(self, name: str) -> Remote | None:
        """Size from the server; SHA-256 from the manifest when its size still matches ("" otherwise)."""
        try:
            info = self.sftp.stat(self._path(name))
        except FileNotFoundError:
            return None
        except _errors() as e:
            raise self._fail(f"cannot stat {name}", e) from None
        if not statmod.S_ISREG(info.st_mode or 0):
            return None
        size = int(info.st_size or 0)
        known = self._manifest().get(name)
        return Remote(name, size, known.sha256 if known and known.size == size else "")

    def put(self, local_path: Path, name: str, content_type: str, cache_control: str) -> None:
        """Upload ``local_path`` as ``name`` (temp name, then rename: every upload is atomic)."""
        self.put_atomic(local_path, name, content_type, cache_control)

    def put_atomic(self, local_path: Path, name: str, content_type: str, cache_control: str) -> None:
        """Upload to ``.NAME.xxxxxxxx.tmp`` in the folder, check its size, ``posix-rename`` it over ``name``."""
        with local_path.open("rb") as source:
            size, digest = self._upload(source, name)
        self._manifest()[name] = Remote(name, size, digest)

    def delete(self, name: str) -> None:
        """Remove ``name`` if it is there."""
        try:
            self.sftp.remove(self._path(name))
        except FileNotFoundError:
            pass
        except _errors() as e:
            raise self._fail(f"cannot delete {name}", e) from None
        self._manifest().pop(name, None)

    def read_manifest(self) -> dict[str, Remote]:
        """The manifest in the folder, or {}."""
        try:
            with self.sftp.open(self._path(MANIFEST), "rb") as f:
                data = f.read()
        except FileNotFoundError:
            self._on_server = None
            return {}
        except _errors() as e:
            raise self._fail(f"cannot read {MANIFEST}", e) from None
        files = parse_manifest(data, f"{self.where}/{MANIFEST}")
        self._on_server = data
        return files

    def write_manifest(self, files: dict[str, Remote]) -> None:
        """Replace the manifest atomically (temp name, then rename); nothing is sent when it is unchanged."""
        data = manifest_bytes(files)
        if data != self._on_server:
            self._upload(io.BytesIO(data), MANIFEST)
            self._on_server = data
        self._known = dict(files)


class _Policy:
    """paramiko's missing-host-key policy: refuse, or (``accept``) record the key in ``known_hosts``."""

    def __init__(self, known_hosts: Path, accept: bool) -> None:
        self.known_hosts, self.accept = known_hosts, accept

    def missing_host_key(self, client: paramiko.SSHClient, hostname: str, key: paramiko.PKey) -> None:
        if not self.accept:
            raise AudiopostError(
                f"{hostname} is not in {self.known_hosts} (its {key.get_name()} key is {key.fingerprint}); "
                "check that fingerprint with the host's administrator, then pass --accept-new-host-key once "
                "to record it (or add it with ssh-keyscan)")
        line = f"{hostname} {key.get_name()} {key.get_base64()}\n"
        try:
            self.known_hosts.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            existed = self.known_hosts.exists()
            with self.known_hosts.open("a", encoding="ascii") as f:
                if existed and self.known_hosts.stat().st_size and not _ends_with_newline(self.known_hosts):
                    f.write("\n")
                f.write(line)
            if not existed:
                os.chmod(self.known_hosts, 0o600)
        except OSError as e:
            raise AudiopostError(f"cannot record the host key in {self.known_hosts}: {_reason(e)}") from None
        client.get_host_keys().add(hostname, key.get_name(), key)


def _ends_with_newline(path: Path) -> bool:
    with path.open("rb") as f:
        f.seek(-1, os.SEEK_END)
        return f.read(1) == b"\n"
