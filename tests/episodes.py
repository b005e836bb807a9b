"""Tiny real episodes for the publishing tests: made with the real CLI (espeak-ng, ffmpeg), added to a feed."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from audiopost.cli import main

BASE = "https://example.org/pod/"
POSTS = {"first": "The mill reopened today. The river was high.",
         "second": "The bridge is painted green. The ferry still runs."}


def narrate(folder: Path, slug: str, text: str) -> None:
    """One tiny episode with the real CLI, added to folder/podcast.xml."""
    post = folder.parent / f"{slug}.md"
    post.write_text(f"---\ntitle: {slug.title()}\n---\n{text}\n")
    result = CliRunner().invoke(main, ["narrate", str(post), "-o", str(folder / f"{slug}.mp3"), "--feed",
                                       str(folder / "podcast.xml"), "--base-url", BASE, "--engine", "espeak",
                                       "--no-cache", "-q"])
    assert result.exit_code == 0, result.output


def two_episodes(factory: pytest.TempPathFactory) -> Path:
    """A folder with the two POSTS narrated and their feed (for a module-scoped fixture)."""
    out = factory.mktemp("episodes") / "out"
    out.mkdir()
    for slug, text in POSTS.items():
        narrate(out, slug, text)
    return out
