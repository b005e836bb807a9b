"""Incremental work: cached chunks, unchanged episodes not rebuilt, edits re-synthesize only what changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from audiopost.cache import ChunkCache, clear, info
from audiopost.cli import main
from audiopost.engines import VoiceSettings

pytestmark = pytest.mark.slow

POST = """Tidal notes

The tide came in at noon. The boats lifted off the mud.

By evening the harbour was full again. Gulls argued over the fish market.

Tomorrow the ferry runs early.
"""


def narrate(post: Path, cache: Path, *extra: str) -> dict:
    result = CliRunner().invoke(main, ["narrate", str(post), "-o", str(post.with_suffix(".mp3")), "--engine",
                                       "espeak", "--cache-dir", str(cache), "--json", "-q", *extra])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_unchanged_is_up_to_date_and_edit_resynthesizes_one_chunk(tmp_path: Path) -> None:
    post, cache = tmp_path / "tide.txt", tmp_path / "cache"
    post.write_text(POST)
    first = narrate(post, cache)
    assert first["synthesized"] == first["chunks"] == 7 and first["up_to_date"] is False
    mtime = post.with_suffix(".mp3").stat().st_mtime_ns
    again = narrate(post, cache)
    assert again["up_to_date"] is True and again["synthesized"] == 0
    assert post.with_suffix(".mp3").stat().st_mtime_ns == mtime  # not rewritten
    assert {k: again[k] for k in ("bytes", "duration", "loudness_lufs", "chapters")} == {
        k: first[k] for k in ("bytes", "duration", "loudness_lufs", "chapters")}
    post.write_text(POST.replace("Gulls argued over the fish market.", "Gulls quarrelled by the market."))
    edited = narrate(post, cache)
    assert edited["up_to_date"] is False and edited["synthesized"] == 1
    forced = narrate(post, cache, "--force")
    assert forced["up_to_date"] is False and forced["synthesized"] == 0  # --force rebuilds; chunks still cached
    nocache = narrate(post, tmp_path / "other-cache", "--no-cache", "--force")
    assert nocache["synthesized"] == 7
    assert not (tmp_path / "other-cache").exists()  # --no-cache stores nothing


def test_cache_key_covers_text_engine_version_and_settings(tmp_path: Path) -> None:
    cache = ChunkCache(tmp_path)
    base = cache.key("Hello.", "espeak", "1.51", VoiceSettings())
    assert base == cache.key("Hello.", "espeak", "1.51", VoiceSettings())
    assert len({base, cache.key("Hello!", "espeak", "1.51", VoiceSettings()),
                cache.key("Hello.", "pyttsx3", "1.51", VoiceSettings()),
                cache.key("Hello.", "espeak", "1.52", VoiceSettings()),
                cache.key("Hello.", "espeak", "1.51", VoiceSettings(rate=171)),
                cache.key("Hello.", "espeak", "1.51", VoiceSettings(voice="en-gb"))}) == 6


def test_cache_info_and_clear(tmp_path: Path) -> None:
    wav = tmp_path / "a.wav"
    wav.write_bytes(b"RIFF....")
    cache = ChunkCache(tmp_path / "c")
    cache.put("ab" * 32, wav)
    assert info(cache.root) == (1, 8)
    result = CliRunner().invoke(main, ["cache", "info", "--cache-dir", str(cache.root)])
    assert result.stdout == f"{cache.root}: 1 chunks, 0.0 MB\n"
    assert clear(cache.root) == 1 and info(cache.root) == (0, 0)
