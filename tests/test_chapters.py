"""Chapters and transcripts, timed to the audio: checked with ffprobe, webvtt-py and the waveform itself."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import feedparser
import numpy as np
import pytest
import webvtt
from click.testing import CliRunner
from scipy.signal import correlate

from audiopost.cli import main
from audiopost.engines import VoiceSettings, engine_class
from audiopost.master import read_wav, trim
from conftest import ffprobe

pytestmark = pytest.mark.slow

POST = """---
title: Four Seasons of the Canal
author: Ruth Abara
date: 2025-06-01
---

The canal was dug by hand two centuries ago. Today it carries more swans than barges.

## Spring

Lock keepers repaint the gates in April. The towpath fills with cyclists.

## Summer

Boats queue at every lock. Children fish for minnows with jam jars.

## Autumn

Leaves clog the weirs. Volunteers rake them out each Saturday morning.

## Winter

Ice forms on the quiet stretches. The swans move to the basin by the mill.
"""
KNOWN = "Children fish for minnows with jam jars."


@pytest.fixture(scope="module")
def episode(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    folder = tmp_path_factory.mktemp("canal")
    post = folder / "canal.md"
    post.write_text(POST)
    result = CliRunner().invoke(main, ["narrate", str(post), "-o", str(folder / "canal.mp3"), "--engine", "espeak",
                                       "--json", "--lyrics", "--feed", str(folder / "podcast.xml"),
                                       "--base-url", "https://example.org/pod/"])
    assert result.exit_code == 0, result.output
    return folder / "canal.mp3", json.loads(result.stdout)


def seconds(stamp: str) -> float:
    """WebVTT "hh:mm:ss.mmm" in seconds (webvtt-py's *_in_seconds round down to whole seconds)."""
    h, m, s = stamp.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


def window_energy(audio: np.ndarray, n: int) -> np.ndarray:
    """sqrt of the energy in every n-sample window (a cumulative sum, not an O(N·n) convolution)."""
    csum = np.concatenate([[0.0], np.cumsum(audio.astype(np.float64) ** 2)])
    return np.sqrt(np.maximum(csum[n:] - csum[:-n], 0)) + 1e-9


def where_spoken(sentence: str, mp3: Path, tmp_path: Path) -> float:
    """Where ``sentence``, synthesized alone by espeak-ng, best matches the episode's audio (seconds):
    normalized cross-correlation of the waveforms, independent of audiopost's own timing."""
    alone = tmp_path / "alone.wav"
    engine_class("espeak")(VoiceSettings()).synthesize(sentence, alone)
    x, rate = read_wav(alone)
    x = trim(x, rate)
    raw = subprocess.run(["ffmpeg", "-loglevel", "error", "-i", str(mp3), "-f", "f32le", "-ac", "1", "-ar",
                          str(rate), "-"], capture_output=True, check=True).stdout
    audio = np.frombuffer(raw, dtype="<f4")
    score = correlate(audio, x, mode="valid", method="fft")
    return int(np.argmax(score / window_energy(audio, len(x)))) / rate


def ffprobe_chapters(path: Path) -> list[dict]:
    out = subprocess.run(["ffprobe", "-v", "error", "-show_chapters", "-of", "json", str(path)],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)["chapters"]


def test_chapters_as_ffprobe_reads_them(episode: tuple[Path, dict]) -> None:
    mp3, info = episode
    chapters = ffprobe_chapters(mp3)
    assert [c["tags"]["title"] for c in chapters] == [
        "Four Seasons of the Canal", "Spring", "Summer", "Autumn", "Winter"]
    starts = [float(c["start_time"]) for c in chapters]
    ends = [float(c["end_time"]) for c in chapters]
    duration = float(ffprobe(mp3)["duration"])
    assert starts[0] == 0.0 and starts == sorted(starts)
    assert ends[:-1] == starts[1:]
    assert ends[-1] == pytest.approx(duration, abs=0.1)
    assert info["chapters"] == [{"title": c["tags"]["title"], "start": pytest.approx(s, abs=0.002)}
                                for c, s in zip(chapters, starts, strict=True)]


def test_chapter_json_file(episode: tuple[Path, dict]) -> None:
    mp3, info = episode
    data = json.loads(mp3.with_suffix(".chapters.json").read_text())
    assert data["version"] == "1.2"
    assert [c["title"] for c in data["chapters"]] == [c["title"] for c in info["chapters"]]
    assert [c["startTime"] for c in data["chapters"]] == pytest.approx([c["start"] for c in info["chapters"]])


def test_vtt_parses_and_ends_with_the_audio(episode: tuple[Path, dict]) -> None:
    mp3, info = episode
    assert info["transcript"] == str(mp3.with_suffix(".vtt"))
    cues = webvtt.read(info["transcript"])
    texts = [c.text for c in cues]
    assert texts[0] == "Four Seasons of the Canal, by Ruth Abara."
    assert "The canal was dug by hand two centuries ago." in texts
    assert "Spring" in texts  # the heading as written, not its spoken form "Spring."
    assert KNOWN in texts
    duration = float(ffprobe(mp3)["duration"])
    assert abs(seconds(cues[-1].end) - duration) < 0.5
    starts = [seconds(c.start) for c in cues]
    assert starts == sorted(starts)
    srt = mp3.with_suffix(".srt").read_text()
    assert srt.count(" --> ") == len(cues)
    assert "00:00:00,000 --> " in srt


def test_known_sentence_starts_where_its_cue_says(episode: tuple[Path, dict], tmp_path: Path) -> None:
    mp3, _ = episode
    cue = next(c for c in webvtt.read(str(mp3.with_suffix(".vtt"))) if c.text == KNOWN)
    assert abs(where_spoken(KNOWN, mp3, tmp_path) - seconds(cue.start)) < 0.3


def test_lyrics_frame_and_inspect(episode: tuple[Path, dict]) -> None:
    mp3, _ = episode
    result = CliRunner().invoke(main, ["inspect", str(mp3), "--json"])
    assert result.exit_code == 0, result.output
    info = json.loads(result.stdout)
    assert info["xing"] == "Info"
    assert info["transcript_frame"] is True
    assert [c["title"] for c in info["chapters"]][1:] == ["Spring", "Summer", "Autumn", "Winter"]
    assert -17 <= info["loudness_lufs"] <= -15 and info["true_peak_dbtp"] <= -1.0
    assert info["date"] == "2025-06-01"
    assert info["made_by_audiopost"] is True
    text = CliRunner().invoke(main, ["inspect", str(mp3)]).stdout
    assert "Xing/Info header: Info" in text and "chapters: 5" in text


def test_feed_points_at_transcript_and_chapters(episode: tuple[Path, dict]) -> None:
    mp3, _ = episode
    xml = (mp3.parent / "podcast.xml").read_text()
    assert '<podcast:transcript url="https://example.org/pod/canal.vtt" type="text/vtt"/>' in xml
    assert ('<podcast:chapters url="https://example.org/pod/canal.chapters.json" '
            'type="application/json+chapters"/>') in xml
    assert feedparser.parse(xml).entries[0].enclosures[0].href == "https://example.org/pod/canal.mp3"


def test_post_without_headings_has_no_chapters(tmp_path: Path) -> None:
    post = tmp_path / "flat.txt"
    post.write_text("A flat note\n\nOne paragraph only. Two sentences in it.\n")
    result = CliRunner().invoke(main, ["narrate", str(post), "-o", str(tmp_path / "flat.mp3"), "--engine", "espeak",
                                       "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["chapters"] == []
    assert ffprobe_chapters(tmp_path / "flat.mp3") == []
    assert not (tmp_path / "flat.chapters.json").exists()
    assert (tmp_path / "flat.vtt").exists()


def test_foreign_side_file_is_not_overwritten(tmp_path: Path) -> None:
    post = tmp_path / "n.txt"
    post.write_text("Note\n\nWords.\n")
    (tmp_path / "n.vtt").write_text("someone else's subtitles")
    result = CliRunner().invoke(main, ["narrate", str(post), "-o", str(tmp_path / "n.mp3")])
    assert result.exit_code == 1
    vtt = tmp_path / "n.vtt"
    assert result.stderr == f"Error: {vtt} exists and was not made by audiopost (use --force to replace it)\n"
    assert (tmp_path / "n.vtt").read_text() == "someone else's subtitles"
    assert not (tmp_path / "n.mp3").exists()


def test_long_episode_encoded_in_parts_keeps_cues_on_the_audio(tmp_path: Path) -> None:
    """Past two minutes the MP3 is encoded in parts at once; cues after a junction must still line up."""
    sentences = [f"Entry {n} of the harbour log notes calm water and a light breeze." for n in range(1, 41)]
    sentences[33] = "Then a lighthouse keeper whistled a strange tune that nobody had ever heard before."
    post = tmp_path / "log.txt"
    post.write_text("Harbour log\n\n" + "\n\n".join(" ".join(sentences[i:i + 2]) for i in range(0, 40, 2)) + "\n")
    mp3 = tmp_path / "log.mp3"
    result = CliRunner().invoke(main, ["narrate", str(post), "-o", str(mp3), "--engine", "espeak", "--workers", "2",
                                       "--json", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert float(ffprobe(mp3)["duration"]) > 150
    from conftest import mp3val_problems

    assert mp3val_problems(mp3) == []
    cues = webvtt.read(str(mp3.with_suffix(".vtt")))
    assert abs(seconds(cues[-1].end) - float(ffprobe(mp3)["duration"])) < 0.5
    late = sentences[33]  # well past the middle, where the parts meet
    cue = next(c for c in cues if c.text == late)
    assert abs(where_spoken(late, mp3, tmp_path) - seconds(cue.start)) < 0.1
