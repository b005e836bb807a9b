"""batch --report: DIR/report.html, one row per post, checked against the files (ffprobe, sizes, chapters)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner

from audiopost.batch import Outcome
from audiopost.cli import main
from audiopost.episode import stored
from audiopost.host import FolderTarget, local_files, plan
from audiopost.report import NAME, is_report, warnings, write_report
from conftest import ffprobe, need, wave_heights

pytestmark = pytest.mark.slow

POSTS = {
    "harbour.md": "---\ntitle: The Harbour Wall\n---\nThe wall was rebuilt in the spring. Gulls sit on it all day.\n\n"
                  "## Storms\n\nIn winter the waves reach the top. Nobody walks there then.\n",
    "market.md": "---\ntitle: Market Day & More\n---\nThe market opens at seven. The baker sells out by nine.\n",
    "empty.txt": "Listen on Spotify | Apple Podcasts\n*\n",
    "blank.html": "  \n",
}


def batch(posts: Path, out: Path, *more: str) -> object:
    return CliRunner().invoke(main, ["batch", str(posts), "--out-dir", str(out), "--engine", "espeak", "-q",
                                     "--cache-dir", str(out.parent / "cache"), "--report", *more])


def rows(out: Path) -> dict[str, lxml.html.HtmlElement]:
    doc = lxml.html.fromstring((out / NAME).read_bytes())
    return {tr.xpath('.//div[@class="file"]')[0].text: tr for tr in doc.xpath("//tbody/tr")}


def cells(tr: lxml.html.HtmlElement) -> list[str]:
    return [td.text_content().strip() for td in tr.xpath("td")]


def heights(tr: lxml.html.HtmlElement) -> list[int]:
    (path,) = tr.xpath(".//svg/defs/g/path[@fill-opacity]")
    return wave_heights(path.get("d"))


@pytest.fixture(scope="module")
def blog(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, object]:
    need("ffmpeg", "ffprobe", "espeak-ng")
    root = tmp_path_factory.mktemp("report")
    posts, out = root / "posts", root / "out"
    posts.mkdir()
    for name, text in POSTS.items():
        (posts / name).write_text(text, encoding="utf-8")
    return posts, out, batch(posts, out, "--page")


def test_one_row_per_post_with_what_the_files_say(blog: tuple[Path, Path, object]) -> None:
    _, out, result = blog
    assert result.exit_code == 1  # blank.html failed; the report is written all the same
    assert result.stdout.splitlines()[-1] == f"report: {out / NAME}"
    table = rows(out)
    assert sorted(table) == ["blank.mp3", "empty.mp3", "harbour.mp3", "market.mp3"]
    for name, chapters in (("harbour.mp3", 2), ("market.mp3", 0)):
        mp3 = out / name
        _, status, _, duration, lufs, dbtp, mb, parts, chs, warn = cells(table[name])
        info = json.loads(CliRunner().invoke(main, ["inspect", str(mp3), "--json"]).stdout)
        assert status == "made" and warn == ""
        seconds, probed = float(table[name].xpath("td[4]")[0].get("data-s")), float(ffprobe(mp3)["duration"])
        assert seconds == pytest.approx(probed, abs=0.06)
        assert duration == f"0:{round(probed):02d}"
        assert abs(float(lufs) - info["loudness_lufs"]) <= 0.3  # audiopost's meter against ffmpeg's
        ours = stored(mp3)  # the values the MP3's tags keep, as audiopost measured them when mastering
        assert (lufs, dbtp) == (f"{ours.loudness_lufs:.1f}", f"{ours.true_peak_dbtp:.1f}")
        assert info["true_peak_dbtp"] - 0.1 <= float(dbtp) <= -1.0  # ours reads high, never low
        assert float(mb) == pytest.approx(mp3.stat().st_size / 1e6, abs=0.05)
        assert parts == "0 of 1" and int(chs) == chapters == len(info["chapters"])
        link = table[name].xpath('td[@class="t"]/a')[0]
        assert link.get("href") == mp3.with_suffix(".html").name  # --page: the row links to the episode page
        assert len(heights(table[name])) == 120 and max(heights(table[name])) == 50
    assert cells(table["harbour.mp3"])[0].startswith("The Harbour Wall")
    assert cells(table["market.mp3"])[0].startswith("Market Day & More")  # escaped in the markup, read back whole
    assert cells(table["empty.mp3"])[1] == "skipped"
    assert "has nothing to say after cleaning" in cells(table["empty.mp3"])[-1]
    assert cells(table["blank.mp3"])[1] == "failed" and "blank.html is empty" in cells(table["blank.mp3"])[-1]
    assert not table["blank.mp3"].xpath(".//svg")
    head = lxml.html.fromstring((out / NAME).read_bytes()).xpath("//h1")[0].text_content()
    assert head == "4 posts: 2 made, 0 up to date, 1 skipped, 1 failed"


def test_up_to_date_rows_decode_the_mp3_for_the_same_picture(blog: tuple[Path, Path, object]) -> None:
    posts, out, _ = blog
    before = {name: heights(tr) for name, tr in rows(out).items() if tr.xpath(".//svg")}
    again = batch(posts, out)
    assert again.exit_code == 1
    after = rows(out)
    for name, first in before.items():
        assert cells(after[name])[1] == "up to date" and cells(after[name])[7] == "–"
        second = heights(after[name])
        assert len(second) == len(first) == 120
        assert sum(abs(a - b) for a, b in zip(first, second, strict=True)) / 120 <= 1.0  # master vs MP3 decoded
        assert after[name].xpath('td[@class="t"]/a')[0].get("href") == name.replace(".mp3", ".html")


def test_warnings_name_what_is_off_target(blog: tuple[Path, Path, object], tmp_path: Path) -> None:
    from audiopost.batch import Job
    from audiopost.pipeline import Options, narrate
    from audiopost.sources import Pick

    posts, out, _ = blog
    result = narrate(posts / "market.md", Options(output=out / "market.mp3", engine="espeak",
                                                  cache_dir=out.parent / "cache"))
    job = Job(str(posts / "market.md"), Pick(), out / "market.mp3", "Market Day")
    fine = Outcome(job, "up to date", result)
    assert warnings(fine, -16.0, -1.0) == []
    loud = dataclasses.replace(result, episode=dataclasses.replace(result.episode, loudness_lufs=-14.2,
                                                                   true_peak_dbtp=-0.4), cache_repaired=2)
    assert warnings(Outcome(job, "made", loud), -16.0, -1.0) == [
        "loudness -14.2 LUFS, target -16", "true peak -0.4 dBTP, over -1", "2 damaged cache entries made again"]
    page = write_report(tmp_path, [Outcome(job, "made", loud)])
    (tr,) = lxml.html.fromstring(page.read_bytes()).xpath("//tbody/tr")
    assert [td.get("class") for td in tr.xpath("td")][4:6] == ["n bad", "n bad"]
    assert tr.xpath('td[@class="t"]/a')[0].get("href").startswith("file://")  # the episode lives elsewhere


def test_never_over_a_file_it_did_not_write(tmp_path: Path, blog: tuple[Path, Path, object]) -> None:
    posts, out, _ = blog
    theirs = tmp_path / NAME  # an episode titled "Report" has a page of this name
    theirs.write_text("<!DOCTYPE html><title>Report</title>", encoding="utf-8")
    refused = CliRunner().invoke(main, ["batch", str(posts), "--out-dir", str(tmp_path), "--engine", "espeak",
                                        "-q", "--report"])
    assert refused.exit_code == 1 and refused.stderr == (
        f"Error: {theirs} exists and is not an audiopost report (use --force to replace it)\n")
    assert not list(tmp_path.glob("*.mp3"))  # refused before any work
    assert theirs.read_text(encoding="utf-8") == "<!DOCTYPE html><title>Report</title>"
    assert is_report(out / NAME) and not is_report(theirs)


def test_publish_leaves_the_report_out(blog: tuple[Path, Path, object], tmp_path: Path) -> None:
    _, out, _ = blog
    names = [p.name for p in local_files(out)]
    assert NAME not in names and "harbour.html" in names and "harbour.mp3" in names
    assert NAME not in [a.name for a in plan(out, FolderTarget(tmp_path))]
