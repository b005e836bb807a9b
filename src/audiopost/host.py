"""Feed → Host: put what ``narrate``/``batch`` wrote in a folder on a host, the feed last.

Episodes and their side files go first; then every enclosure each feed names is checked on the target
(size equal to the feed's ``length``); only then is the feed replaced, atomically. A failure before that
leaves the public feed as it was, and a re-run finishes the job. A manifest in the target
(``.audiopost-manifest.json``) records what audiopost published, so that ``prune`` never deletes
anything else. Targets: a local folder now (``FolderTarget``); S3 and SFTP plug into ``TARGETS``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urlsplit

from audiopost.errors import AudiopostError
from audiopost.files import copy_atomic, write_atomic

MANIFEST = ".audiopost-manifest.json"

LONG = "public, max-age=604800"
"""A week, not "immutable": an edited episode is re-published under the same name."""
FEED_CACHE = "public, max-age=300"
DAY = "public, max-age=86400"

# Suffix → (Content-Type, Cache-Control); the longest matching suffix wins (.chapters.json before .json).
TYPES: dict[str, tuple[str, str]] = {
    ".mp3": ("audio/mpeg", LONG),
    ".vtt": ("text/vtt", DAY),
    ".srt": ("application/x-subrip", DAY),
    ".chapters.json": ("application/json+chapters", DAY),
    ".html": ("text/html; charset=utf-8", DAY),
    ".xml": ("application/rss+xml", FEED_CACHE),
    ".jpg": ("image/jpeg", DAY),
    ".jpeg": ("image/jpeg", DAY),
    ".png": ("image/png", DAY),
}


@dataclass(frozen=True)
class Remote:
    """A file on the target: its size, and its SHA-256 when the target knows it (else "")."""

    name: str
    size: int
    sha256: str = ""


@dataclass(frozen=True)
class Action:
    """One file of the plan: ``send`` (new), ``replace`` (differs), ``keep`` (same) or ``delete`` (prune)."""

    name: str
    action: str
    size: int = 0
    sha256: str = ""
    content_type: str = ""
    cache_control: str = ""
    path: Path | None = None

    @property
    def is_feed(self) -> bool:
        """Whether this is a feed (published last, atomically)."""
        return self.name.lower().endswith(".xml")


@dataclass
class Report:
    """What ``publish`` did (or, with ``dry_run``, would do)."""

    actions: list[Action]
    dry_run: bool = False
    seconds: dict[str, float] = field(default_factory=dict)

    def count(self, action: str) -> int:
        """How many files have this action."""
        return sum(a.action == action for a in self.actions)

    def summary(self) -> str:
        """``N files: a sent, b replaced, c kept`` (``, d deleted`` with prune; future tense on a dry run)."""
        files = sum(a.action != "delete" for a in self.actions)
        sent, replaced = ("to send", "to replace") if self.dry_run else ("sent", "replaced")
        text = f"{files} files: {self.count('send')} {sent}, {self.count('replace')} {replaced}, " \
               f"{self.count('keep')} kept"
        if self.count("delete"):
            text += f", {self.count('delete')} {'to delete' if self.dry_run else 'deleted'}"
        return text + (" (dry run)" if self.dry_run else "")

    def to_json(self) -> dict[str, object]:
        """Every file with its action, type and size (no paths, no secrets)."""
        files = [{k: v for k, v in asdict(a).items() if k != "path"} for a in self.actions]
        return {"dry_run": self.dry_run, "files": files, "summary": self.summary()}


class Target(Protocol):
    """Where files are published. Names are plain file names (no folders)."""

    def stat(self, name: str) -> Remote | None:
        """The file on the target, or None; ``sha256`` from metadata or the manifest ("" if unknown)."""

    def put(self, local_path: Path, name: str, content_type: str, cache_control: str) -> None:
        """Upload ``local_path`` as ``name``."""

    def put_atomic(self, local_path: Path, name: str, content_type: str, cache_control: str) -> None:
        """Upload so that readers see the old file or the new one, never a part (temp name, then rename)."""

    def delete(self, name: str) -> None:
        """Remove ``name`` (absent is no error)."""

    def read_manifest(self) -> dict[str, Remote]:
        """What audiopost published here ({} if nothing yet)."""

    def write_manifest(self, files: dict[str, Remote]) -> None:
        """Replace the manifest."""


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file, hex."""
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def manifest_bytes(files: dict[str, Remote]) -> bytes:
    """The manifest as JSON: ``{"version": 1, "files": {name: {size, sha256}}}``."""
    body = {n: {"size": r.size, "sha256": r.sha256} for n, r in sorted(files.items())}
    return (json.dumps({"version": 1, "files": body}, indent=1) + "\n").encode()


def parse_manifest(data: bytes, where: str) -> dict[str, Remote]:
    """The manifest's files; a damaged one is an error (prune must not guess)."""
    try:
        files = json.loads(data)["files"]
        return {n: Remote(n, int(v["size"]), str(v["sha256"])) for n, v in files.items()}
    except (ValueError, KeyError, TypeError) as e:
        raise AudiopostError(f"{where}: damaged publish manifest ({e})") from None


class FolderTarget:
    """A local folder (a mounted share, a static site's ``public/``): every write is temp file + rename."""

    def __init__(self, root: Path) -> None:
        if not root.is_dir():
            raise AudiopostError(f"target folder {root} does not exist")
        self.root = root

    def __str__(self) -> str:
        return str(self.root)

    def stat(self, name: str) -> Remote | None:
        """Size and SHA-256 read from the file itself (hashing a local file is cheap and exact)."""
        path = self.root / name
        return Remote(name, path.stat().st_size, sha256_of(path)) if path.is_file() else None

    def put(self, local_path: Path, name: str, content_type: str, cache_control: str) -> None:
        """Copy through a temp file beside the target (a folder has no headers to set)."""
        self.put_atomic(local_path, name, content_type, cache_control)

    def put_atomic(self, local_path: Path, name: str, content_type: str, cache_control: str) -> None:
        """Copy to a hidden temp name, sync, rename over ``name``."""
        copy_atomic(local_path, self.root / name)

    def delete(self, name: str) -> None:
        """Remove the file if it is there."""
        (self.root / name).unlink(missing_ok=True)

    def read_manifest(self) -> dict[str, Remote]:
        """The manifest in the folder, or {}."""
        path = self.root / MANIFEST
        return parse_manifest(path.read_bytes(), str(path)) if path.is_file() else {}

    def write_manifest(self, files: dict[str, Remote]) -> None:
        """Write the manifest atomically."""
        write_atomic(self.root / MANIFEST, manifest_bytes(files))


@dataclass(frozen=True)
class Settings:
    """How to reach a target, besides its URL. Secrets are never here: they come from the environment,
    ``~/.aws/credentials``, the SSH agent or ``~/.ssh``."""

    endpoint_url: str = ""
    """S3: the endpoint of an S3-compatible store (R2, B2, Spaces, MinIO, SeaweedFS); "" for AWS."""
    acl: str = ""
    """S3: a canned ACL for every object, such as ``public-read``; "" to leave the bucket's default."""
    accept_new_host_key: bool = False
    """SFTP: trust and record the host key of a host not yet in ``known_hosts`` (a changed key is always
    refused)."""
    known_hosts: Path | None = None
    """SFTP: the known_hosts file (default ``~/.ssh/known_hosts``)."""
    identity: Path | None = None
    """SFTP: a private key file (default: the SSH agent, then ``~/.ssh/id_*``)."""


def _folder(spec: str, settings: Settings) -> Target:
    """``file:///path`` or a plain path."""
    return FolderTarget(Path(unquote(urlsplit(spec).path) if spec.startswith("file://") else spec))


def _s3(spec: str, settings: Settings) -> Target:
    from audiopost.host_s3 import S3Target

    return S3Target.open(spec, settings)


def _sftp(spec: str, settings: Settings) -> Target:
    from audiopost.host_sftp import SftpTarget

    return SftpTarget.open(spec, settings)


TARGETS: dict[str, Callable[[str, Settings], Target]] = {"file": _folder, "s3": _s3, "sftp": _sftp}
"""Target factories by URL scheme; a spec without ``scheme://`` is a local folder."""


def open_target(spec: str, settings: Settings = Settings()) -> Target:
    """The target a ``--to`` value names."""
    scheme = spec.split("://", 1)[0].lower() if "://" in spec else "file"
    if scheme not in TARGETS:
        raise AudiopostError(f"unsupported publish target {scheme}:// (supported: {', '.join(sorted(TARGETS))})")
    return TARGETS[scheme](spec, settings)


def kind(name: str) -> tuple[str, str] | None:
    """(Content-Type, Cache-Control) for a file audiopost publishes, or None for anything else."""
    lower = name.lower()
    matches = [s for s in TYPES if lower.endswith(s)]
    return TYPES[max(matches, key=len)] if matches else None


def local_files(folder: Path) -> list[Path]:
    """The files to publish: known kinds, not hidden (temp files, the manifest), not batch's report, feeds
    last."""
    if not folder.is_dir():
        raise AudiopostError(f"{folder} is not a folder")
    from audiopost.report import NAME, is_report

    files = [p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".") and kind(p.name)
             and not (p.name == NAME and is_report(p))]  # batch --report is for the publisher
    return sorted(files, key=lambda p: (p.name.lower().endswith(".xml"), p.name))


def _action(path: Path, target: Target) -> Action:
    """Send, replace or keep ``path``, by what the target has."""
    size, digest = path.stat().st_size, sha256_of(path)
    remote = target.stat(path.name)
    verb = "send" if remote is None else "keep" if (remote.size, remote.sha256) == (size, digest) else "replace"
    content_type, cache = kind(path.name) or ("application/octet-stream", DAY)
    return Action(path.name, verb, size, digest, content_type, cache, path)


def plan(folder: Path, target: Target, prune: bool = False) -> list[Action]:
    """Every file to publish with its action, feeds last; with ``prune``, manifest files gone from ``folder``."""
    actions = [_action(p, target) for p in local_files(folder)]
    if prune:
        here = {a.name for a in actions}
        actions += [Action(n, "delete", r.size, r.sha256) for n, r in sorted(target.read_manifest().items())
                    if n not in here]
    return actions


def verify(feed: bytes, name: str, target: Target, deleting: Iterable[str] = ()) -> None:
    """Every enclosure the feed names is on the target with the length the feed states."""
    from audiopost.verify import enclosures

    gone = set(deleting)
    for enclosure in enclosures(feed, name):
        file, length = unquote(urlsplit(enclosure.url).path.rsplit("/", 1)[-1]), enclosure.length
        if length < 0:
            raise AudiopostError(f"{name}: enclosure {enclosure.url} has no valid length")
        remote = target.stat(file)
        if remote is None or file in gone:
            raise AudiopostError(f"{name} names {file}, which is not on {target}; the feed was not replaced")
        if remote.size != length:
            raise AudiopostError(f"{name} says {file} has {length} bytes, {target} has {remote.size}; "
                                 "the feed was not replaced")


Progress = Callable[[Action, float], None]


def _put(target: Target, action: Action, source: Path, manifest: dict[str, Remote], atomic: bool) -> float:
    """Upload one file, record it in ``manifest``; the seconds it took. Failures name the file."""
    start = time.monotonic()
    put = target.put_atomic if atomic else target.put
    try:
        put(source, action.name, action.content_type, action.cache_control)
    except (OSError, AudiopostError) as e:
        raise AudiopostError(f"could not publish {action.name} to {target}: {e}; the feed was not replaced") \
            from None
    manifest[action.name] = Remote(action.name, action.size, action.sha256)
    return time.monotonic() - start


def _send_files(actions: list[Action], target: Target, manifest: dict[str, Remote], report: Report,
                progress: Progress | None) -> None:
    """Episodes and side files: upload what changed; kept files join the manifest too. When an upload
    fails, what did land is still recorded (if the target still answers): its error is the one reported."""
    try:
        for a in actions:
            if a.action in ("send", "replace"):
                report.seconds[a.name] = _put(target, a, a.path, manifest, atomic=False)  # type: ignore[arg-type]
            else:
                manifest[a.name] = Remote(a.name, a.size, a.sha256)
            if progress:
                progress(a, report.seconds.get(a.name, 0.0))
    except BaseException:
        with contextlib.suppress(OSError, AudiopostError):
            target.write_manifest(manifest)
        raise
    target.write_manifest(manifest)


def _send_feed(a: Action, target: Target, manifest: dict[str, Remote], report: Report, deleting: set[str],
               progress: Progress | None) -> None:
    """Snapshot the feed, verify its enclosures on the target, then replace it atomically."""
    data = a.path.read_bytes()  # type: ignore[union-attr]
    if hashlib.sha256(data).hexdigest() != a.sha256:
        raise AudiopostError(f"{a.name} changed while publishing; run publish again")
    verify(data, a.name, target, deleting)
    if a.action == "keep":
        manifest[a.name] = Remote(a.name, a.size, a.sha256)
    else:
        with tempfile.TemporaryDirectory(prefix="audiopost-feed-") as tmp:
            snapshot = Path(tmp) / a.name
            snapshot.write_bytes(data)
            report.seconds[a.name] = _put(target, a, snapshot, manifest, atomic=True)
    target.write_manifest(manifest)
    if progress:
        progress(a, report.seconds.get(a.name, 0.0))


def _prune(deletes: list[Action], target: Target, manifest: dict[str, Remote], progress: Progress | None) -> None:
    """Delete files audiopost published that are no longer in the folder (after the new feed is up)."""
    for a in deletes:
        target.delete(a.name)
        manifest.pop(a.name, None)
        if progress:
            progress(a, 0.0)
    target.write_manifest(manifest)


def publish(folder: Path, target: Target, dry_run: bool = False, prune: bool = False,
            progress: Progress | None = None) -> Report:
    """Publish ``folder`` to ``target``: files, then verified feeds (atomically), then the prune."""
    actions = plan(folder, target, prune)
    report = Report(actions, dry_run)
    if dry_run:
        return report
    manifest = target.read_manifest()
    deletes = [a for a in actions if a.action == "delete"]
    _send_files([a for a in actions if a.action != "delete" and not a.is_feed], target, manifest, report, progress)
    for feed in (a for a in actions if a.action != "delete" and a.is_feed):
        _send_feed(feed, target, manifest, report, {d.name for d in deletes}, progress)
    if deletes:
        _prune(deletes, target, manifest, progress)
    return report


def config_file() -> Path:
    """``$XDG_CONFIG_HOME/audiopost/config.toml``: named publish targets (``[publish.site] to = "s3://…"``)."""
    import platformdirs

    return Path(platformdirs.user_config_dir("audiopost")) / "config.toml"


NAMED_KEYS = {"to", "endpoint_url", "acl", "verify_url", "known_hosts", "identity", "accept_new_host_key"}


def named(spec: str, settings: Settings, config: Path | None = None) -> tuple[str, Settings, str]:
    """A ``--to`` value that is a name in the config file, resolved: (target URL, settings, verify URL).
    Options given on the command line win over the file's. Secrets never go in this file: the keys
    allowed are ``NAMED_KEYS``."""
    if "://" in spec or "/" in spec or spec in (".", ".."):
        return spec, settings, ""
    path = config or config_file()
    table = _publish_table(path).get(spec)
    if table is None:
        if Path(spec).is_dir():
            return spec, settings, ""
        raise AudiopostError(f"publish target {spec!r} is neither a folder, a URL nor a name in {path}")
    unknown = set(table) - NAMED_KEYS
    if unknown or not isinstance(table.get("to"), str):
        raise AudiopostError(f"{path}: [publish.{spec}] needs to = \"URL\" and may have only "
                             f"{', '.join(sorted(NAMED_KEYS))} (not {', '.join(sorted(unknown)) or 'to'})")
    defaults = Settings(endpoint_url=table.get("endpoint_url", ""), acl=table.get("acl", ""),
                        accept_new_host_key=bool(table.get("accept_new_host_key", False)),
                        known_hosts=Path(table["known_hosts"]).expanduser() if table.get("known_hosts") else None,
                        identity=Path(table["identity"]).expanduser() if table.get("identity") else None)
    merged = Settings(**{f: getattr(settings, f) or getattr(defaults, f) for f in Settings.__dataclass_fields__})
    return table["to"], merged, str(table.get("verify_url", ""))


def _publish_table(path: Path) -> dict[str, dict[str, object]]:
    import tomllib

    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise AudiopostError(f"cannot read {path}: {e}") from None
    section = data.get("publish", {})
    return {k: v for k, v in section.items() if isinstance(v, dict)} if isinstance(section, dict) else {}
