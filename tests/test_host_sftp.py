"""Publish over SFTP to a real OpenSSH server started by the tests on 127.0.0.1 (a throwaway ``sshd -D``).

The server runs as the current user with a generated host key and one authorized client key; it is always
stopped, even on failure. Without ``/usr/sbin/sshd`` (Debian: ``apt-get install openssh-server``) or paramiko
the tests skip and say why.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from audiopost.cli import main
from audiopost.errors import AudiopostError
from audiopost.host import MANIFEST, Remote, Settings, local_files, open_target, publish
from episodes import narrate, two_episodes

SSHD = Path("/usr/sbin/sshd")
if not SSHD.is_file() or shutil.which("ssh-keygen") is None:
    pytest.skip("SFTP tests need OpenSSH's server: apt-get install openssh-server (/usr/sbin/sshd, ssh-keygen)",
                allow_module_level=True)
pytest.importorskip("paramiko", reason="SFTP tests need paramiko: pip install paramiko")

from audiopost.host_sftp import SftpTarget  # noqa: E402 - after the skips

USER = getpass.getuser()


def keygen(path: Path) -> Path:
    """A new ed25519 key pair without a passphrase; the private key's path."""
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", path.name, "-f", str(path)], check=True)
    return path


def fingerprint(key: Path) -> str:
    """``SHA256:…`` of a key, as OpenSSH prints it."""
    out = subprocess.run(["ssh-keygen", "-l", "-f", f"{key}.pub"], check=True, capture_output=True, text=True)
    return out.stdout.split()[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Sshd:
    """A throwaway ``sshd -D -e -f CONFIG`` on a free loopback port; :meth:`restart` can change its host key."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.port = free_port()
        self.host_key = keygen(home / "host_key")
        self.client_key = keygen(home / "client_key")
        (home / "authorized_keys").write_text(Path(f"{self.client_key}.pub").read_text())
        self.config = home / "sshd_config"
        self.log = home / "sshd.log"
        self.proc: subprocess.Popen[bytes] | None = None

    def write_config(self) -> None:
        self.config.write_text(f"""\
Port {self.port}
ListenAddress 127.0.0.1
HostKey {self.host_key}
PidFile {self.home / 'sshd.pid'}
AuthorizedKeysFile {self.home / 'authorized_keys'}
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
Subsystem sftp internal-sftp
""")

    def start(self) -> None:
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # the privilege-separation directory
        self.write_config()
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen([str(SSHD), "-D", "-e", "-f", str(self.config)], stdin=subprocess.DEVNULL,
                                         stdout=log, stderr=log)
        deadline = time.monotonic() + 10
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"sshd exited with {self.proc.returncode}: {self.log.read_text()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                    if s.recv(4).startswith(b"SSH-"):
                        return
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"sshd did not listen on 127.0.0.1:{self.port}: {self.log.read_text()}")
            time.sleep(0.05)

    def sessions(self) -> list[int]:
        """The per-connection sshd processes the listener forked (they outlive it while a client is connected)."""
        if self.proc is None:
            return []
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.proc.pid:
                found.append(int(stat.parent.name))
        return found

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            for pid in self.sessions():
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGTERM)
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.proc = None

    def restart(self, new_host_key: bool = False) -> None:
        self.stop()
        if new_host_key:
            for p in (self.host_key, Path(f"{self.host_key}.pub")):
                p.unlink()
            keygen(self.host_key)
        self.start()

    def url(self, folder: Path) -> str:
        return f"sftp://{USER}@127.0.0.1:{self.port}{folder}"

    def settings(self, accept: bool = True, identity: Path | None = None) -> Settings:
        return Settings(identity=identity or self.client_key, known_hosts=self.home / "known_hosts",
                        accept_new_host_key=accept)


@pytest.fixture
def sshd(tmp_path: Path) -> Iterator[Sshd]:
    home = tmp_path / "ssh"
    home.mkdir()
    server = Sshd(home)
    try:
        server.start()
        yield server
    finally:
        server.stop()



@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two episodes and their feed, made once for the module."""
    return two_episodes(tmp_path_factory)


@pytest.fixture
def dirs(pristine: Path, tmp_path: Path) -> tuple[Path, Path]:
    """(a fresh copy of the episodes folder, an empty remote folder ``www``)."""
    (tmp_path / "work").mkdir()
    out = shutil.copytree(pristine, tmp_path / "work" / "out")
    www = tmp_path / "www"
    www.mkdir()
    return out, www


class Spy:
    """Wraps a paramiko SFTPClient and records the calls that change the server, in order."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.calls = inner, []

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self.inner, name)
        if name not in ("open", "posix_rename", "rename", "remove", "chmod", "mkdir", "put", "putfo"):
            return attr

        def record(*args: Any) -> Any:
            if name != "open" or "w" in (args[1] if len(args) > 1 else "r"):
                self.calls.append((name, *(os.path.basename(str(a)) for a in args if not str(a).isdigit())))
            return attr(*args)
        return record


def spied(server: Sshd, www: Path) -> tuple[SftpTarget, Spy]:
    target = SftpTarget.open(server.url(www), server.settings())
    spy = Spy(target.sftp)
    target.sftp = spy  # type: ignore[assignment]
    return target, spy


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.slow
def test_unknown_host_is_refused_then_accepted_and_a_folder_is_published(sshd: Sshd, dirs: tuple[Path, Path]
                                                                         ) -> None:
    out, www = dirs
    known = sshd.home / "known_hosts"
    with pytest.raises(AudiopostError, match=r"\[127\.0\.0\.1\]:\d+ is not in .*known_hosts .*"
                                             r"--accept-new-host-key") as refused:
        open_target(sshd.url(www), sshd.settings(accept=False))
    assert fingerprint(sshd.host_key) in str(refused.value)
    assert not known.exists()
    target = open_target(sshd.url(www), sshd.settings(accept=True))
    assert known.read_text().split()[:2] == [f"[127.0.0.1]:{sshd.port}", "ssh-ed25519"]
    assert oct(known.stat().st_mode & 0o777) == "0o600"
    report = publish(out, target)
    assert report.summary() == "7 files: 7 sent, 0 replaced, 0 kept"
    published = [p.name for p in local_files(out)]
    assert all((www / n).read_bytes() == (out / n).read_bytes() for n in published)
    assert names(www) == sorted([MANIFEST, *published])  # no .NAME.xxxx.tmp left behind
    manifest = json.loads((www / MANIFEST).read_text())["files"]
    assert manifest["first.mp3"]["size"] == (out / "first.mp3").stat().st_size
    # Now known: a second connection needs no flag, and known_hosts is not appended again.
    again = SftpTarget.open(sshd.url(www), sshd.settings(accept=False))
    assert again.stat("first.mp3") == Remote("first.mp3", (out / "first.mp3").stat().st_size,
                                             manifest["first.mp3"]["sha256"])
    assert again.stat("nothing.mp3") is None
    again.close()
    assert len(known.read_text().splitlines()) == 1


@pytest.mark.slow
def test_every_upload_and_the_feed_go_through_a_temp_name_and_a_rename(sshd: Sshd, dirs: tuple[Path, Path]) -> None:
    out, www = dirs
    target, spy = spied(sshd, www)
    publish(out, target)
    feed_ops = [c for c in spy.calls if "podcast.xml" in "".join(c)]
    assert [c[0] for c in feed_ops] == ["open", "posix_rename"]
    tmp = feed_ops[0][1]
    assert tmp.startswith(".podcast.xml.") and tmp.endswith(".tmp")
    assert feed_ops[1][1:] == (tmp, "podcast.xml")
    writes = [c for c in spy.calls if c[0] == "open"]
    assert all(c[1].startswith(".") and c[1].endswith(".tmp") for c in writes)  # never written in place
    renamed = [c[2] for c in spy.calls if c[0] == "posix_rename"]
    assert renamed[-1] == MANIFEST and renamed[-2] == "podcast.xml"  # the feed last, then its record
    # The rename is visible on disk: a new inode, while a reader of the old feed keeps a whole old file.
    old_inode = (www / "podcast.xml").stat().st_ino
    old_bytes = (www / "podcast.xml").read_bytes()
    narrate(out, "second", "The bridge is painted blue now. The ferry still runs.")
    with (www / "podcast.xml").open("rb") as reader:
        target2, spy2 = spied(sshd, www)
        publish(out, target2)
        assert reader.read() == old_bytes
    assert (www / "podcast.xml").stat().st_ino != old_inode
    assert (www / "podcast.xml").read_bytes() == (out / "podcast.xml").read_bytes()
    assert [c[1].startswith(".podcast.xml.") for c in spy2.calls if c[0] == "posix_rename" and c[2] == "podcast.xml"
            ] == [True]
    assert [n for n in names(www) if n.endswith(".tmp")] == []


@pytest.mark.slow
def test_second_run_sends_nothing_and_an_edit_is_resent(sshd: Sshd, dirs: tuple[Path, Path]) -> None:
    out, www = dirs
    publish(out, open_target(sshd.url(www), sshd.settings()))
    target, spy = spied(sshd, www)
    report = publish(out, target)
    assert report.summary() == "7 files: 0 sent, 0 replaced, 7 kept"
    assert spy.calls == []  # not even the manifest
    narrate(out, "first", "The mill reopened today after a long and very wet winter. The river was high.")
    target, spy = spied(sshd, www)
    report = publish(out, target)
    replaced = sorted(a.name for a in report.actions if a.action == "replace")
    assert "first.mp3" in replaced and "podcast.xml" in replaced and "second.mp3" not in replaced
    assert (www / "first.mp3").read_bytes() == (out / "first.mp3").read_bytes()
    # A file changed on the server behind audiopost's back (size differs from the manifest) is sent again.
    with (www / "second.vtt").open("ab") as f:
        f.write(b"\n")
    target, spy = spied(sshd, www)
    assert target.stat("second.vtt").sha256 == ""  # the manifest's checksum is not trusted for another size
    report = publish(out, target)
    assert [a.name for a in report.actions if a.action == "replace"] == ["second.vtt"]
    assert (www / "second.vtt").read_bytes() == (out / "second.vtt").read_bytes()


def test_a_changed_host_key_is_refused_even_with_accept(sshd: Sshd, tmp_path: Path) -> None:
    www = tmp_path / "www"
    www.mkdir()
    SftpTarget.open(sshd.url(www), sshd.settings(accept=True)).close()
    known = (sshd.home / "known_hosts").read_text()
    old = fingerprint(sshd.host_key)
    sshd.restart(new_host_key=True)
    new = fingerprint(sshd.host_key)
    for accept in (True, False):
        with pytest.raises(AudiopostError, match=r"host key of \[127\.0\.0\.1\]:\d+ has CHANGED") as e:
            SftpTarget.open(sshd.url(www), sshd.settings(accept=accept))
        assert new in str(e.value) and old in str(e.value)
    assert (sshd.home / "known_hosts").read_text() == known  # not overwritten


def test_a_wrong_key_a_missing_folder_and_a_stopped_server_are_clear_errors(sshd: Sshd, tmp_path: Path) -> None:
    www = tmp_path / "www"
    www.mkdir()
    stranger = keygen(tmp_path / "stranger")
    with pytest.raises(AudiopostError, match=rf"authentication as {USER} failed with the key .*stranger"):
        SftpTarget.open(sshd.url(www), sshd.settings(identity=stranger))
    with pytest.raises(AudiopostError, match=r"identity file .*absent does not exist"):
        SftpTarget.open(sshd.url(www), sshd.settings(identity=tmp_path / "absent"))
    with pytest.raises(AudiopostError, match=rf"remote folder {tmp_path}/nope does not exist on 127\.0\.0\.1"):
        SftpTarget.open(sshd.url(tmp_path / "nope"), sshd.settings())
    (tmp_path / "file").write_text("x")
    with pytest.raises(AudiopostError, match=r"is not a folder"):
        SftpTarget.open(sshd.url(tmp_path / "file"), sshd.settings())
    with pytest.raises(AudiopostError, match=r"take no password in the URL") as e:
        SftpTarget.open(f"sftp://{USER}:hunter2@127.0.0.1:{sshd.port}{www}", sshd.settings())
    assert "hunter2" not in str(e.value)
    sshd.stop()
    with pytest.raises(AudiopostError, match=rf"cannot connect to sftp://{USER}@127\.0\.0\.1:\d+.*refused"):
        SftpTarget.open(sshd.url(www), sshd.settings())


def test_manifest_round_trip_delete_and_a_failed_upload_leaves_no_temp(sshd: Sshd, tmp_path: Path) -> None:
    www = tmp_path / "www"
    www.mkdir()
    with SftpTarget.open(sshd.url(www), sshd.settings()) as target:
        assert target.read_manifest() == {}
        files = {"a.mp3": Remote("a.mp3", 3, "ab" * 32)}
        target.write_manifest(files)
        assert target.read_manifest() == files
        src = tmp_path / "a.mp3"
        src.write_bytes(b"abc")
        target.put(src, "a.mp3", "audio/mpeg", "")
        (www / "a.mp3").chmod(0o640)
        src.write_bytes(b"abcd")
        target.put(src, "a.mp3", "audio/mpeg", "")
        assert (www / "a.mp3").read_bytes() == b"abcd"
        assert oct((www / "a.mp3").stat().st_mode & 0o777) == "0o640"  # a replaced file keeps its mode
        target.delete("a.mp3")
        target.delete("a.mp3")  # absent: no error
        assert not (www / "a.mp3").exists()
        (www / "sub").mkdir()  # a folder where the file should go: the rename fails, the temp is removed
        src.write_bytes(b"abc")
        with pytest.raises(AudiopostError, match=r"upload of sub failed"):
            target.put(src, "sub", "audio/mpeg", "")
        assert names(www) == [MANIFEST, "sub"]
        (www / MANIFEST).write_text("{not json")
        with pytest.raises(AudiopostError, match=r"damaged publish manifest"):
            target.read_manifest()


@pytest.mark.slow
def test_cli_publishes_over_sftp(sshd: Sshd, dirs: tuple[Path, Path]) -> None:
    out, www = dirs
    args = ["publish", str(out), "--to", sshd.url(www), "--identity", str(sshd.client_key),
            "--known-hosts", str(sshd.home / "known_hosts")]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 1 and "--accept-new-host-key" in first.stderr
    second = CliRunner().invoke(main, [*args, "--accept-new-host-key"])
    assert second.exit_code == 0, second.output
    assert second.stdout == "7 files: 7 sent, 0 replaced, 0 kept\n"
    third = CliRunner().invoke(main, args)
    assert third.stdout == "7 files: 0 sent, 0 replaced, 7 kept\n"


def test_defaults_use_the_keys_and_known_hosts_in_home(sshd: Sshd, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True, mode=0o700)
    shutil.copy(sshd.client_key, home / ".ssh" / "id_ed25519")
    shutil.copy(f"{sshd.client_key}.pub", home / ".ssh" / "id_ed25519.pub")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)
    www = tmp_path / "www"
    www.mkdir()
    with pytest.raises(AudiopostError, match=r"is not in .*/home/\.ssh/known_hosts"):
        SftpTarget.open(sshd.url(www), Settings())
    SftpTarget.open(sshd.url(www), Settings(accept_new_host_key=True)).close()  # key found in ~/.ssh
    assert f"[127.0.0.1]:{sshd.port} ssh-ed25519 " in (home / ".ssh" / "known_hosts").read_text()
    (home / ".ssh" / "id_ed25519").unlink()
    with pytest.raises(AudiopostError, match=r"no SSH key to log in as .*pass --identity"):
        SftpTarget.open(sshd.url(www), Settings())


def test_without_paramiko_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(__import__("sys").modules, "paramiko", None)
    with pytest.raises(AudiopostError, match=r"need paramiko: pip install paramiko"):
        SftpTarget.open("sftp://me@example.org/www", Settings())
