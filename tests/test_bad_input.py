"""Bad input, attacks, crashes and concurrent runs, through the real CLI (a subprocess, as a user runs it).

Every failure is one ``Error: …`` line on stderr, a non-zero exit, no traceback, and nothing partial
where the output should be.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import DATA, EXAMPLE

FEEDS = DATA / "feeds"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(200)


def audiopost(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
              timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "audiopost", *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, **(env or {})}, timeout=timeout)


def one_error_line(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode == 1, proc.stderr
    lines = proc.stderr.splitlines()
    errors = [line for line in lines if line.startswith("Error: ")]
    assert len(errors) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    return errors[0]


def write(tmp: Path, name: str, data: bytes | str) -> Path:
    path = tmp / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path


# (case, make the post and extra args, expected text in the error line)
CASES: list[tuple[str, Callable[[Path], list[str]], str]] = [
    ("missing file", lambda t: [str(t / "nope.md")], "no such file"),
    ("directory", lambda t: [str(t)], "is a directory, not a post"),
    ("empty file", lambda t: [str(write(t, "e.txt", ""))], "is empty"),
    ("whitespace only", lambda t: [str(write(t, "w.txt", " \n\t\n  "))], "is empty"),
    ("binary data", lambda t: [str(write(t, "b.txt", bytes(range(256)) * 8))], "binary data"),
    ("image renamed .txt", lambda t: [str(write(t, "photo.txt", PNG))], "is a PNG image, not a text post"),
    ("only boilerplate", lambda t: [str(write(t, "r.txt", "Listen on Spotify | Apple Podcasts\n*\n"
                                                              "Support the show on Patreon\n"))], "nothing to say"),
    ("broken XML feed", lambda t: [str(write(t, "f.xml", "<?xml version='1.0'?><rss><channel><title>x"))],
     "feed"),
    ("HTML without a body", lambda t: [str(write(t, "h.html", "<html><head><title>T</title></head></html>"))],
     "has no body"),
    ("feed with zero entries", lambda t: [str(FEEDS / "empty.xml")], "the feed has no entries"),
    ("--entry out of range", lambda t: [str(FEEDS / "rss2_content.xml"), "--entry", "9"], "out of range"),
    ("unknown --voice", lambda t: [str(EXAMPLE), "--voice", "nobody"], "unknown voice 'nobody'"),
    ("missing --intro", lambda t: [str(EXAMPLE), "--intro", str(t / "none.mp3")], "no such file"),
    ("corrupt --outro", lambda t: [str(EXAMPLE), "--outro", str(write(t, "o.mp3", b"ID3" + bytes(300)))],
     "could not be decoded"),
    ("missing --cover", lambda t: [str(EXAMPLE), "--cover", str(t / "none.jpg")], "no such file"),
    ("cover that is not an image", lambda t: [str(EXAMPLE), "--cover", str(write(t, "c.jpg", "just text"))],
     "cover image"),
    ("output folder missing", lambda t: [str(EXAMPLE), "-o", str(t / "no" / "x.mp3")], "does not exist"),
    ("output is a directory", lambda t: [str(EXAMPLE), "-o", str(t)], "is a directory"),
    ("50 MB post", lambda t: [str(write(t, "big.txt", b"word " * 10_000_000))], "--max-chars"),
    ("XML bomb", lambda t: [str(FEEDS / "billion_laughs.xml")], "refuses to expand"),
    ("file:// URL", lambda t: ["file:///etc/passwd"], "only http and https"),
    ("unreachable URL", lambda t: ["http://127.0.0.1:9/feed.xml"], "cannot fetch"),
    ("bad profile key", lambda t: [str(EXAMPLE), "--voice", str(write(t, "v.toml", "speed = 3\n"))],
     "unknown key 'speed'"),
]


@pytest.mark.parametrize(("case", "make", "expected"), CASES, ids=[c[0] for c in CASES])
def test_bad_input(case: str, make: Callable[[Path], list[str]], expected: str, tmp_path: Path) -> None:
    args = make(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    if "-o" not in args:
        args += ["-o", str(out / "episode.mp3")]
    before = sorted(p.name for p in tmp_path.rglob("*"))
    start = time.monotonic()
    proc = audiopost("narrate", *args, "--engine", "espeak")
    assert expected in one_error_line(proc)
    assert time.monotonic() - start < 30
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # nothing partial left anywhere


@pytest.mark.parametrize("text", [
    b"Caf\xe9 na\xefve \x93quoted\x94 \x96 dash, in Windows-1252.",
    "Grüße aus Köln. Ελληνικά κείμενα. 日本語の文章。".encode(),
    "שלום עולם. مرحبا بالعالم. Mixed RTL and English text here.".encode(),
    "Emoji 🎙️ and a heart ❤️ in a sentence. Zero\u200bwidth\u200cjoiners\u2060here.".encode(),
    b"Control \x07characters\x1b and a form\x0cfeed stay harmless.",
])
def test_odd_text_is_read_not_rejected(text: bytes, tmp_path: Path) -> None:
    post = write(tmp_path, "odd.txt", b"Odd text\n\n" + text + b"\n")
    proc = audiopost("script", str(post))
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.strip()) > 10
    assert not any(ord(c) < 32 and c not in "\n" for c in proc.stdout)  # no control characters reach the engine


def test_max_chars_raises_the_limit(tmp_path: Path) -> None:
    post = write(tmp_path, "p.txt", "Title\n\n" + "Word after word. " * 200)
    assert "--max-chars" in one_error_line(audiopost("script", str(post), "--max-chars", "1000"))
    assert audiopost("script", str(post), "--max-chars", "10000").returncode == 0


def test_xxe_reads_no_local_file(tmp_path: Path) -> None:
    secret = write(tmp_path, "secret.txt", "TOP-SECRET-CONTENT")
    template = (FEEDS / "xxe_template.xml").read_text()
    feed = write(tmp_path, "x.xml", template.replace("SECRET_PATH", str(secret)).replace("{secret}", str(secret)))
    proc = audiopost("script", str(feed))
    assert "TOP-SECRET-CONTENT" not in proc.stdout + proc.stderr
    assert proc.returncode == 1


def test_html_scripts_styles_iframes_hidden_never_spoken(tmp_path: Path) -> None:
    page = write(tmp_path, "p.html", """<html><head><style>p{color:red}</style><script>var x='SCRIPTTEXT'</script>
        </head><body><article><h1>T</h1><p>Visible words here.</p><script>alert('INLINE')</script>
        <iframe src="x">IFRAMETEXT</iframe><p hidden>HIDDENTEXT</p><p style="display: none">NONETEXT</p>
        <div aria-hidden="true">ARIAHIDDEN</div><noscript>NOSCRIPTTEXT</noscript><template>TPL</template>
        </article></body></html>""")
    proc = audiopost("script", str(page))
    assert proc.returncode == 0, proc.stderr
    assert "Visible words here." in proc.stdout
    for hidden in ("SCRIPTTEXT", "INLINE", "IFRAMETEXT", "HIDDENTEXT", "NONETEXT", "ARIAHIDDEN", "NOSCRIPTTEXT",
                   "TPL", "color"):
        assert hidden not in proc.stdout


def test_slug_has_no_traversal_or_device_names(tmp_path: Path) -> None:
    post = write(tmp_path, "p.md", "---\ntitle: ../../etc/passwd\n---\nWords here.\n")
    proc = audiopost("narrate", str(post), "--engine", "espeak", "--json", "-q", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "output" / "etc-passwd.mp3").is_file()


@pytest.mark.parametrize(("sig", "code", "after"), [(signal.SIGINT, 130, 2.5), (signal.SIGTERM, 143, 1.0),
                                                    (signal.SIGTERM, 143, 2.5), (signal.SIGTERM, 143, 4.0)])
def test_signal_mid_run_leaves_target_untouched_and_no_temp_files(sig: int, code: int, after: float,
                                                                   tmp_path: Path) -> None:
    """Signals during synthesis, mastering and encoding (this run takes ~6.5 s)."""
    post = write(tmp_path, "long.txt", "A long one\n\n" + "The tide turned and the boats came home. " * 300)
    target = tmp_path / "long.mp3"
    target.write_bytes(b"old episode")  # ours or not, it must survive an interrupted run
    proc = subprocess.Popen([sys.executable, "-m", "audiopost", "narrate", str(post), "-o", str(target), "--force",
                             "--no-cache", "--engine", "espeak"], stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    time.sleep(after)
    os.killpg(proc.pid, sig) if sig == signal.SIGINT else proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err
    assert "Traceback" not in err
    assert target.read_bytes() == b"old episode"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["long.mp3", "long.txt"]


def test_sigkill_leaves_no_partial_mp3_at_the_target(tmp_path: Path) -> None:
    post = write(tmp_path, "k.txt", "Killed\n\n" + "One more sentence for the pile. " * 200)
    target = tmp_path / "k.mp3"
    proc = subprocess.Popen([sys.executable, "-m", "audiopost", "narrate", str(post), "-o", str(target),
                             "--no-cache", "--engine", "espeak"], stderr=subprocess.DEVNULL, start_new_session=True)
    time.sleep(3)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert not target.exists()


def test_disk_full_keeps_the_previous_episode(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs to fill needs root")
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", str(disk)]).returncode != 0:
        pytest.skip("this machine does not allow mounting a tmpfs")
    try:
        short = write(tmp_path, "s.txt", "Short\n\nA brief note.\n")
        target = disk / "ep.mp3"
        first = audiopost("narrate", str(short), "-o", str(target), "--engine", "espeak", "--no-cache")
        assert first.returncode == 0, first.stderr
        old = target.read_bytes()
        longer = write(tmp_path, "l.txt", "Short\n\n" + "A much longer note that fills the disk. " * 150)
        proc = audiopost("narrate", str(longer), "-o", str(target), "--engine", "espeak", "--no-cache")
        line = one_error_line(proc)
        assert "No space left on device" in line or "space" in line
        assert target.read_bytes() == old
        assert sorted(p.name for p in disk.iterdir()) == ["ep.mp3", "ep.srt", "ep.vtt"]
    finally:
        subprocess.run(["umount", str(disk)])


def test_two_narrations_into_one_feed_at_once(tmp_path: Path) -> None:
    feed = tmp_path / "podcast.xml"
    posts = [write(tmp_path, f"p{i}.txt", f"Post {i}\n\nThe number of this post is {i}.\n") for i in range(2)]
    procs = [subprocess.Popen([sys.executable, "-m", "audiopost", "narrate", str(p), "-o", str(p.with_suffix(".mp3")),
                               "--engine", "espeak", "--feed", str(feed), "--base-url", "https://e.org/",
                               "--no-cache", "-q"], stderr=subprocess.PIPE, text=True) for p in posts]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    from lxml import etree

    items = etree.parse(str(feed)).findall("./channel/item")
    assert sorted(i.findtext("title") for i in items) == ["Post 0", "Post 1"]


def test_a_crashing_engine_is_an_error_naming_the_chunk(tmp_path: Path) -> None:
    """A third-party engine (registered by entry point) that segfaults on one sentence."""
    site = tmp_path / "site"
    (site / "crashy-1.0.dist-info").mkdir(parents=True)
    (site / "crashy-1.0.dist-info" / "METADATA").write_text("Metadata-Version: 2.1\nName: crashy\nVersion: 1.0\n")
    (site / "crashy-1.0.dist-info" / "entry_points.txt").write_text("[audiopost.engines]\ncrashy = crashy:Crashy\n")
    (site / "crashy.py").write_text('''
import ctypes
from audiopost.engines.espeak import EspeakEngine

class Crashy(EspeakEngine):
    name = "crashy"

    def synthesize(self, text, out):
        if "explodes" in text:
            ctypes.string_at(0)  # a segfault, like a crash inside libespeak
        super().synthesize(text, out)
''')
    post = write(tmp_path, "c.txt", "Crash test\n\nThis sentence is fine. This one explodes right here. Fine again.\n")
    profile = write(tmp_path, "crashy.toml", 'engine = "crashy"\n')
    proc = audiopost("narrate", str(post), "-o", str(tmp_path / "c.mp3"), "--voice", str(profile), "--no-cache",
                     env={"PYTHONPATH": str(site)})
    line = one_error_line(proc)
    assert line == 'Error: the crashy engine crashed on chunk 3 ("This one explodes right here.")'
    assert not (tmp_path / "c.mp3").exists()


@pytest.mark.parametrize(("engine", "on_path", "expected"), [
    ("espeak", ("ffmpeg", "ffprobe"),
     "Error: espeak-ng is not installed (Debian/Ubuntu: sudo apt-get install espeak-ng)"),
    ("pyttsx3", (), "Error: ffmpeg is not installed (Debian/Ubuntu: sudo apt-get install ffmpeg)"),
])
def test_missing_programs_name_the_package(engine: str, on_path: tuple[str, ...], expected: str,
                                           tmp_path: Path) -> None:
    import shutil

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for program in on_path:
        (bin_dir / program).symlink_to(shutil.which(program))
    post = write(tmp_path, "p.txt", "Title\n\nA sentence to say.\n")
    proc = audiopost("narrate", str(post), "-o", str(tmp_path / "p.mp3"), "--engine", engine, "--no-cache",
                     env={"PATH": str(bin_dir)})
    assert one_error_line(proc) == expected
    assert not (tmp_path / "p.mp3").exists()
