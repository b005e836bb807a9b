"""End to end with the real parts: pyttsx3 (espeak-ng), ffmpeg, mutagen; checked by outside meters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from mutagen.id3 import ID3
from mutagen.mp3 import MP3

from audiopost.cli import main
from conftest import EXAMPLE, ebur128, ffprobe, has_xing, mp3val_problems, need

pytestmark = pytest.mark.slow


def narrate_json(args: list[str]) -> dict:
    result = CliRunner().invoke(main, ["narrate", *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def seed_episode(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    from conftest import SEED

    if not SEED.is_file():
        pytest.skip("the seed post (../shared/seed/) is not beside this clone")
    need("ffmpeg", "ffprobe", "mp3val", "espeak-ng")
    out = tmp_path_factory.mktemp("seed") / "seed.mp3"
    return out, narrate_json([str(SEED), "-o", str(out)])


@pytest.fixture(scope="module")
def example_episode(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("example") / "library.mp3"
    cover = tmp_path_factory.mktemp("cover") / "cover.png"
    import subprocess

    subprocess.run(["ffmpeg", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc=size=1800x1600:rate=1",
                    "-frames:v", "1", str(cover)], check=True)
    return out, narrate_json([str(EXAMPLE), "-o", str(out), "--cover", str(cover)])


def test_seed_json_matches_the_file(seed_episode: tuple[Path, dict]) -> None:
    out, info = seed_episode
    assert set(info) == {"output", "duration", "bytes", "loudness_lufs", "true_peak_dbtp", "title", "author",
                         "language", "language_from", "voice", "chunks", "synthesized", "up_to_date", "parts",
                         "parts_reused", "cache_repaired", "chapters",
                         "transcript"}
    assert info["up_to_date"] is False and info["chapters"] == []  # the seed has no headings
    assert (info["language"], info["voice"]) == ("en", "pyttsx3 en-us")
    assert info["language_from"].startswith("guessed from the text (en, p=")  # the flattened item says nothing
    assert info["output"] == str(out)
    assert info["bytes"] == out.stat().st_size
    assert info["duration"] == pytest.approx(float(ffprobe(out)["duration"]), abs=0.01)
    assert 120 < info["duration"] < 260  # ~480 words at 170 wpm plus pauses
    assert info["chunks"] >= 15
    assert info["title"].endswith("in Iran")  # from the "appeared first on" residue


def test_seed_loudness_meets_podcast_spec(seed_episode: tuple[Path, dict]) -> None:
    out, info = seed_episode
    lufs, peak = ebur128(out)
    assert -17.0 <= lufs <= -15.0
    assert peak <= -1.0
    assert info["loudness_lufs"] == pytest.approx(lufs, abs=0.5)


def test_seed_mp3_is_clean_mono_cbr_with_xing(seed_episode: tuple[Path, dict]) -> None:
    out, _ = seed_episode
    probe = ffprobe(out)
    assert probe["codec_name"] == "mp3"
    assert probe["sample_rate"] == "44100"
    assert probe["channels"] == "1"
    assert int(probe["bit_rate"]) == 96000
    assert has_xing(out)
    assert mp3val_problems(out) == []


def test_seed_tags(seed_episode: tuple[Path, dict]) -> None:
    out, info = seed_episode
    tags = ID3(out)
    assert tags.version[:2] == (2, 3)
    assert str(tags["TIT2"]) == info["title"]
    assert str(tags["TALB"]) == "Left Voice"  # site named by the feed residue
    assert str(tags["TCON"]) == "Podcast"
    assert tags.getall("TXXX:audiopost")
    assert int(str(tags["TLEN"])) == pytest.approx(MP3(out).info.length * 1000, abs=30)
    assert str(tags.getall("COMM")[0]).startswith("Right before the new year")


def test_example_with_cover_and_metadata(example_episode: tuple[Path, dict]) -> None:
    out, info = example_episode
    assert info["title"] == "Why Our Town Library Opens at Dawn"
    assert info["author"] == "Marta Quill"
    tags = ID3(out, translate=False)  # as stored: ID3v2.3 keeps the date in TYER + TDAT
    assert str(tags["TPE1"]) == "Marta Quill"
    assert str(tags["TALB"]) == "The Riverside Ledger"
    assert str(tags["TYER"]) == "2025"
    assert str(tags["TDAT"]) == "1410"  # DDMM
    assert tags.getall("WOAR")[0].url == "https://example.org/2025/10/library-at-dawn"
    apic = tags.getall("APIC")[0]
    assert apic.type == 3 and apic.mime == "image/jpeg"
    assert len(apic.data) < 500_000
    assert apic.data[:2] == b"\xff\xd8"
    lufs, peak = ebur128(out)
    assert -17.0 <= lufs <= -15.0 and peak <= -1.0
    assert mp3val_problems(out) == []


def test_intro_and_outro_clips_lengthen_and_stay_in_spec(tmp_path: Path) -> None:
    import subprocess

    jingle = tmp_path / "jingle.wav"
    subprocess.run(["ffmpeg", "-loglevel", "error", "-f", "lavfi", "-i",
                    "sine=frequency=660:duration=2:sample_rate=48000", "-af", "volume=-30dB", str(jingle)],
                   check=True)
    post = tmp_path / "short.txt"
    post.write_text("A short note\n\nThe ferry runs again from Monday. Bring a coat.\n")
    plain = narrate_json([str(post), "-o", str(tmp_path / "plain.mp3"), "--no-spoken-intro"])
    clips = narrate_json([str(post), "-o", str(tmp_path / "clips.mp3"), "--intro", str(jingle),
                          "--outro", str(jingle), "--no-spoken-intro"])
    added = clips["duration"] - plain["duration"]
    assert added == pytest.approx(2 * (2.0 + 0.6), abs=0.3)  # two 2 s clips, each with a 0.6 s gap
    lufs, peak = ebur128(tmp_path / "clips.mp3")
    assert -17.5 <= lufs <= -14.5 and peak <= -1.0


def test_long_post_narrates_in_many_chunks(tmp_path: Path) -> None:
    paragraph = ("The harbour master counted the boats every evening, and every evening the number was "
                 "a little different. Some had gone north for the herring; some had simply been hauled "
                 "out for paint. She wrote each figure in a green ledger that her mother had kept before "
                 "her, and she never once skipped a day. ")
    words = 0
    parts = []
    i = 0
    while words < 5200:
        i += 1
        text = f"Day {i} of the ledger. " + paragraph * 2
        parts.append(text)
        words += len(text.split())
    post = tmp_path / "ledger.txt"
    post.write_text("The Harbour Ledger\n\n" + "\n\n".join(parts) + "\n")
    info = narrate_json([str(post), "-o", str(tmp_path / "ledger.mp3"), "--no-spoken-intro"])
    assert info["chunks"] > 250
    assert info["duration"] > 5200 / 200 * 60  # at least as long as 5,200 words at 200 wpm
    lufs, peak = ebur128(tmp_path / "ledger.mp3")
    assert -17.0 <= lufs <= -15.0 and peak <= -1.0
