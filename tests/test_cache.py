"""Incremental work: cached chunks, unchanged episodes not rebuilt, edits re-synthesize only what changed."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from audiopost import tools
from audiopost.cache import ChunkCache, clear, info
from audiopost.cli import main
from audiopost.engines import VoiceSettings
from conftest import ebur128, ffprobe, mp3val_problems, need

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


def test_a_recurring_sentence_is_synthesized_once(tmp_path: Path) -> None:
    post = tmp_path / "chorus.txt"
    post.write_text("Chorus\n\nThe bell rang twice. The boats came home.\n\nThe bell rang twice. Night fell.\n")
    first = narrate(post, tmp_path / "cache")
    assert first["synthesized"] == first["chunks"] - 1  # "The bell rang twice." once


def survey(edit: str = "") -> str:
    """About three and a half minutes of distinct sentences (so no chunk is shared), last one editable."""
    counts = ["three", "five", "eight", "eleven", "fourteen", "seventeen", "twenty", "twenty-two"]
    places = ["north quay", "old slipway", "fish market", "ferry ramp", "boat yard", "sea wall"]
    paragraphs = []
    for day in range(1, 15):
        count, place = counts[day % len(counts)], places[day % len(places)]
        paragraphs.append(f"On day {day} of the survey we counted {count} boats near the {place}. "
                          f"The wind on day {day} came from the west, and the light held until late. "
                          f"Every skipper on day {day} said the catch near the {place} was thin.")
    return "Harbour survey\n\n" + "\n\n".join(paragraphs) + "\n\n" + (edit or "That closes the survey.") + "\n"


def test_an_edit_reencodes_only_the_part_it_touches(tmp_path: Path) -> None:
    need("ffmpeg", "ffprobe", "mp3val")
    post, cache = tmp_path / "survey.txt", tmp_path / "cache"
    post.write_text(survey())
    first = narrate(post, cache, "--workers", "2")
    assert first["duration"] > 180 and first["parts"] >= 2 and first["parts_reused"] == 0
    post.write_text(survey("That closes the survey for this year."))
    edited = narrate(post, cache, "--workers", "2")
    assert edited["synthesized"] == 1
    assert edited["parts"] == first["parts"] and edited["parts_reused"] == edited["parts"] - 1
    out = post.with_suffix(".mp3")
    assert mp3val_problems(out) == []
    assert float(ffprobe(out)["duration"]) == pytest.approx(edited["duration"], abs=0.01)
    lufs, peak = ebur128(out)
    assert lufs == pytest.approx(-16.0, abs=0.5) and peak <= -1.0
    # The reused parts sit in the right order: the episode sounds like one built from scratch.
    fresh = tmp_path / "fresh.mp3"
    result = CliRunner().invoke(main, ["narrate", str(post), "-o", str(fresh), "--engine", "espeak", "--no-cache",
                                       "--workers", "2", "-q"])
    assert result.exit_code == 0, result.output
    a, b = (np.frombuffer(tools.decode(p, rate=8000), dtype="<f4") for p in (out, fresh))
    assert abs(len(a) - len(b)) < 80
    n = min(len(a), len(b))
    assert np.corrcoef(a[:n], b[:n])[0, 1] > 0.99


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
    cache.encoded().put("cd" * 32, wav)
    assert cache.encoded().get("cd" * 32) == tmp_path / "c" / "parts" / "cd" / f"{'cd' * 32}.mp3"
    assert info(cache.root) == (1, 8) and info(cache.root, "parts") == (1, 8)
    result = CliRunner().invoke(main, ["cache", "info", "--cache-dir", str(cache.root)])
    assert result.stdout == f"{cache.root}: 1 chunks, 0.0 MB; 1 encoded parts, 0.0 MB\n"
    assert clear(cache.root) == 1 and info(cache.root) == (0, 0) and info(cache.root, "parts") == (0, 0)
