"""The CLI's contract: exact error lines, exit codes, stdout kept clean."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from audiopost.cli import main
from conftest import EXAMPLE


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def test_missing_file(tmp_path: Path) -> None:
    result = run("narrate", str(tmp_path / "nope.md"))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'nope.md'}: no such file\n"
    assert result.stdout == ""


def test_directory(tmp_path: Path) -> None:
    result = run("narrate", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path} is a directory, not a post\n"


@pytest.mark.parametrize("content", ["", "   \n\n \t\n"])
def test_empty_post(tmp_path: Path, content: str) -> None:
    post = tmp_path / "empty.txt"
    post.write_text(content)
    result = run("narrate", str(post))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {post} is empty\n"


def test_only_boilerplate_is_an_error_not_an_empty_mp3(tmp_path: Path) -> None:
    post = tmp_path / "residue.txt"
    post.write_text("Listen on Overcast | Apple Podcasts | Online\n*\nSupport the show on Patreon\n")
    out = tmp_path / "out.mp3"
    result = run("narrate", str(post), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and "nothing to say" in result.stderr
    assert result.stderr.count("\n") == 1
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [post]


def test_binary_input(tmp_path: Path) -> None:
    post = tmp_path / "photo.txt"
    post.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    result = run("script", str(post))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {post} is a PNG image, not a text post\n"


def test_existing_foreign_output_is_not_overwritten(tmp_path: Path) -> None:
    out = tmp_path / "mine.mp3"
    out.write_bytes(b"precious bytes")
    result = run("narrate", str(EXAMPLE), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {out} exists and was not made by audiopost (use --force to replace it)\n"
    assert out.read_bytes() == b"precious bytes"


def test_missing_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "no" / "such" / "ep.mp3"
    result = run("narrate", str(EXAMPLE), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == f"Error: output folder {out.parent} does not exist\n"


def test_unknown_voice(tmp_path: Path) -> None:
    result = run("script", str(EXAMPLE), "--voice", "nobody")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: unknown voice 'nobody' (available: ")
    assert "default" in result.stderr


def test_usage_error_is_exit_2() -> None:
    result = run("narrate")
    assert result.exit_code == 2


def test_script_prints_title_first_and_paragraphs(tmp_path: Path) -> None:
    result = run("script", str(EXAMPLE))
    assert result.exit_code == 0
    paragraphs = result.stdout.rstrip("\n").split("\n\n")
    assert paragraphs[0] == "Why Our Town Library Opens at Dawn, by Marta Quill."
    assert paragraphs[1].startswith("Three winters ago")
    assert "The early crowd." in paragraphs
    assert paragraphs[-1].startswith("This was an audio edition of Why Our Town Library Opens at Dawn, published")
    assert "appeared first on" not in result.stdout
    assert result.stderr == ""


def test_script_from_stdin() -> None:
    result = run("script", "-", "--no-spoken-intro", input="Harbour news\n\nThe ferry runs again.\n")
    assert result.exit_code == 0
    assert result.stdout == "Harbour news\n\nThe ferry runs again.\n"


def test_script_explain_names_the_rules(seed_or_own: Path) -> None:
    result = run("script", str(seed_or_own), "--explain")
    assert result.exit_code == 0
    assert "removed by player-links: Listen on Overcast | Apple Podcasts | Online" in result.stderr
    assert "removed by separator: *" in result.stderr


@pytest.fixture
def seed_or_own(tmp_path: Path) -> Path:
    post = tmp_path / "post.txt"
    post.write_text("Listen on Overcast | Apple Podcasts | Online\n*\nThe town hall reopened on Friday.\n")
    return post


@pytest.mark.slow
def test_json_stdout_is_one_object_and_logs_go_to_stderr(tmp_path: Path) -> None:
    post = tmp_path / "note.txt"
    post.write_text("Ferry news\n\nThe ferry runs again from Monday.\n")
    out = tmp_path / "note.mp3"
    result = run("narrate", str(post), "-o", str(out), "--json", "--no-cache")
    assert result.exit_code == 0, result.output
    info = json.loads(result.stdout)
    assert info["output"] == str(out) and info["bytes"] == out.stat().st_size
    assert info["title"] == "Ferry news" and info["author"] == ""
    assert "audiopost: speaking" in result.stderr
    # audiopost may replace its own earlier output without --force
    again = run("narrate", str(post), "-o", str(out), "--json")
    assert again.exit_code == 0, again.output


def test_default_output_is_slug_of_title(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from audiopost.pipeline import slug

    assert slug("Why Our Town Library Opens at Dawn") == "why-our-town-library-opens-at-dawn"
    assert slug("Café — Ünïcode & ../../etc/passwd") == "cafe-unicode-etc-passwd"
    assert slug("CON") == "con-episode"
    assert slug("!!!") == "episode"
    assert len(slug("word " * 100)) <= 80


def test_voices_lists_profiles_and_engines() -> None:
    result = run("voices")
    assert result.exit_code == 0
    assert "default" in result.stdout
    assert "Engine pyttsx3:" in result.stdout and "Engine espeak:" in result.stdout
    assert "en-us" in result.stdout
