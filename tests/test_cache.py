"""Incremental work: cached chunks, unchanged episodes not rebuilt, edits re-synthesize only what changed."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from audiopost import tools
from audiopost.cache import HEADER, ChunkCache, Info, clear, info
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


def write_wav(path: Path, seconds: float = 0.5, rate: int = 22050) -> Path:
    import wave

    x = (0.3 * np.sin(2 * np.pi * 220 * np.arange(int(seconds * rate)) / rate) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(x.tobytes())
    return path


def test_cache_info_and_clear(tmp_path: Path) -> None:
    wav = write_wav(tmp_path / "a.wav")
    cache = ChunkCache(tmp_path / "c")
    cache.put("ab" * 32, wav)
    cache.encoded().put("cd" * 32, wav)
    size = wav.stat().st_size + HEADER
    assert cache.encoded().fetch("cd" * 32, tmp_path / "out.mp3")
    assert (tmp_path / "out.mp3").read_bytes() == wav.read_bytes()
    assert info(cache.root) == Info(1, size, 0) and info(cache.root, "parts") == Info(1, size, 0)
    result = CliRunner().invoke(main, ["cache", "info", "--cache-dir", str(cache.root)])
    assert result.stdout == f"{cache.root}: 1 chunks, 0.0 MB; 1 encoded parts, 0.0 MB\n"
    damage(cache.path("ab" * 32), "flip")
    assert info(cache.root) == Info(1, size, 1)
    result = CliRunner().invoke(main, ["cache", "info", "--cache-dir", str(cache.root)])
    assert result.stdout == (f"{cache.root}: 1 chunks, 0.0 MB; 1 encoded parts, 0.0 MB; "
                             "1 damaged (made again when next needed)\n")
    assert clear(cache.root) == 1 and info(cache.root) == Info(0, 0, 0) and info(cache.root, "parts") == Info(0, 0, 0)


DAMAGES = ["truncate", "zero", "garbage", "flip"]


def damage(path: Path, how: str) -> None:
    """What disks, sync tools and cut-short copies do to a file."""
    data = path.read_bytes()
    if how == "truncate":  # the header of a WAV still claims every frame
        path.write_bytes(data[:100])
    elif how == "zero":
        path.write_bytes(bytes(len(data)))
    elif how == "garbage":
        path.write_bytes(np.random.default_rng(7).integers(0, 256, len(data), dtype=np.uint8).tobytes())
    elif how == "flip":  # one bit of rot in the audio
        i = len(data) // 2
        path.write_bytes(data[:i] + bytes([data[i] ^ 0x10]) + data[i + 1:])
    else:
        raise ValueError(how)


@pytest.mark.parametrize("how", DAMAGES)
@pytest.mark.parametrize("kind", ["chunks", "parts"])
def test_a_damaged_entry_is_a_counted_miss_and_is_removed(tmp_path: Path, kind: str, how: str) -> None:
    wav = write_wav(tmp_path / "a.wav")
    cache = ChunkCache(tmp_path / "c", kind)
    path = cache.put("ef" * 32, wav)
    assert path is not None
    damage(path, how)
    out = tmp_path / "out.wav"
    assert cache.fetch("ef" * 32, out) is False and not out.exists()
    assert cache.repaired == [path] and not path.exists()
    assert cache.fetch("ef" * 32, out) is False and cache.repaired == [path]  # gone now: a plain miss
    cache.put("ef" * 32, wav)
    assert cache.fetch("ef" * 32, out) is True and out.read_bytes() == wav.read_bytes()


def test_an_entry_from_an_older_cache_is_not_trusted(tmp_path: Path) -> None:
    cache = ChunkCache(tmp_path / "c")
    path = cache.path("12" * 32)
    path.parent.mkdir(parents=True)
    write_wav(path)  # a bare WAV, as the cache stored them before it kept checksums
    assert cache.fetch("12" * 32, tmp_path / "out.wav") is False and cache.repaired == [path]


def test_a_short_wav_is_never_stored(tmp_path: Path) -> None:
    wav = write_wav(tmp_path / "a.wav")
    wav.write_bytes(wav.read_bytes()[:2000])  # the header claims 11025 frames
    cache = ChunkCache(tmp_path / "c")
    assert cache.put("34" * 32, wav) is None and not cache.path("34" * 32).exists()


SECTIONS = ["The quay", "The market", "The ferry", "The yard"]


def harbour(edit: str = "") -> str:
    """A Markdown post of about two and a half minutes in four chapters (so it is encoded in parts)."""
    out = ["---\ntitle: Harbour survey\nauthor: Ada Quill\n---\n"]
    for n, name in enumerate(SECTIONS):
        out.append(f"## {name}\n")
        for day in range(1, 5):
            out.append(f"On day {day} near {name.lower()} we counted {day + 3 * n} boats and {day * n} gulls. "
                       f"The wind on day {day} at {name.lower()} came from the west, and the light held late.\n")
    out.append(edit or "That closes the survey.")
    return "\n".join(out) + "\n"


def episode_facts(mp3: Path) -> tuple[float, list[float]]:
    """(duration, chapter start times), both as ffprobe reads them from the MP3."""
    out = subprocess.run(["ffprobe", "-v", "error", "-show_chapters", "-of", "json", str(mp3)],
                         capture_output=True, text=True, check=True).stdout
    return float(ffprobe(mp3)["duration"]), [float(c["start_time"]) for c in json.loads(out)["chapters"]]


@pytest.fixture(scope="module")
def uncached(tmp_path_factory: pytest.TempPathFactory) -> tuple[float, list[float]]:
    folder = tmp_path_factory.mktemp("uncached")
    post = folder / "harbour.md"
    post.write_text(harbour("That closes the survey for this year."))
    narrate(post, folder / "cache", "--no-cache", "--workers", "2")
    return episode_facts(post.with_suffix(".mp3"))


@pytest.mark.parametrize("how", ["truncate", "zero", "garbage"])
def test_damaged_chunk_and_part_are_made_again(tmp_path: Path, how: str, uncached: tuple[float, list[float]]) -> None:
    need("ffmpeg", "ffprobe", "mp3val")
    post, cache = tmp_path / "harbour.md", tmp_path / "cache"
    post.write_text(harbour())
    first = narrate(post, cache, "--workers", "2")
    assert first["parts"] >= 2 and [c["title"] for c in first["chapters"]] == ["Harbour survey", *SECTIONS]
    assert 0 == first["chapters"][0]["start"] < first["chapters"][1]["start"] < 5  # the spoken title, then 1
    chunk = max((cache / "chunks").glob("*/*.wav"), key=lambda p: p.stat().st_size)  # a long sentence
    damage(chunk, how)
    for part in (cache / "parts").glob("*/*.mp3"):
        damage(part, how)
    post.write_text(harbour("That closes the survey for this year."))
    edited = CliRunner().invoke(main, ["narrate", str(post), "-o", str(post.with_suffix(".mp3")), "--engine",
                                       "espeak", "--cache-dir", str(cache), "--json", "--workers", "2"])
    assert edited.exit_code == 0, edited.output
    facts = json.loads(edited.stdout)
    # The damaged chunk, and every part the edit left alone (the edited one has a new key): all made again.
    assert facts["synthesized"] == 2  # the edited sentence and the damaged one
    assert facts["parts_reused"] == 0 and facts["cache_repaired"] == 1 + (facts["parts"] - 1)
    repaired = f"audiopost: {facts['cache_repaired']} damaged cache entries removed and made again\n"
    assert edited.stderr.count(repaired) == 1
    out = post.with_suffix(".mp3")
    assert mp3val_problems(out) == []
    duration, starts = episode_facts(out)
    assert duration == pytest.approx(uncached[0], abs=0.05)
    assert starts == pytest.approx(uncached[1], abs=0.05)
    # Left: the old version of the edited part, which no run asked for; `cache info` sees it.
    assert info(cache).damaged == 0 and info(cache, "parts").damaged == 1


def test_cache_cleared_while_a_run_uses_it(tmp_path: Path, uncached: tuple[float, list[float]]) -> None:
    """`audiopost cache clear` in another terminal, after this run looked its chunks up: the run is whole."""
    from audiopost.pipeline import Options
    from audiopost.pipeline import narrate as narrate_api

    post, cache = tmp_path / "harbour.md", tmp_path / "cache"
    post.write_text(harbour())
    narrate(post, cache, "--workers", "2")
    post.write_text(harbour("That closes the survey for this year."))

    def clear_when_spoken(done: int, total: int) -> None:
        if done == total:
            clear(cache)

    result = narrate_api(post, Options(output=post.with_suffix(".mp3"), engine="espeak", cache_dir=cache,
                                       workers=2, progress=clear_when_spoken))
    assert result.synthesized == 1 and result.cache_repaired == 0
    duration, starts = episode_facts(post.with_suffix(".mp3"))
    assert duration == pytest.approx(uncached[0], abs=0.05)
    assert starts == pytest.approx(uncached[1], abs=0.05)
