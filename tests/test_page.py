"""The episode page (page.py) and the preview server (serve.py): HTML checks, HTTP range requests, and a real
headless Chromium that plays the episode, seeks by chapter and by sentence, and takes a screenshot."""

from __future__ import annotations

import http.client
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import lxml.html
import pytest
from mutagen.id3 import ID3, TLAN

from audiopost import sidecars
from audiopost.episode import Tags, prepare_cover, write_tags
from audiopost.errors import AudiopostError
from audiopost.master import Cue
from audiopost.page import page_path, paragraphs, read_vtt, write_page
from audiopost.serve import make_server, parse_range
from conftest import ffprobe, need, wave_heights

ARTIFACTS = Path(__file__).parent / "artifacts"
EVIL = '<script>alert(1)</script> & "quotes"'
LINK = "https://example.org/posts/evil?a=1&b=2"
CHAPTERS = (("Opening", 0.0, 3.2), ("Part <two> & more", 3.2, 6.9), ("Third part", 6.9, 8.0))
CUES = [  # (start, end, text): gaps of 0.7 s and more start a paragraph, 0.3 s do not
    (0.0, 1.0, "First sentence."),
    (1.3, 2.5, "Second sentence with <b>tags</b> & ampersands."),
    (3.2, 3.8, "Part <two> & more"),
    (4.5, 5.5, "Third sentence."),
    (5.8, 6.2, "Fourth."),
    (6.9, 7.5, "Last one --> really."),
]
TEXTS = [t.replace("-->", "→") for _, _, t in CUES]  # as the WebVTT writer keeps them
BROWSER_INSTALL = ("apt-get update && apt-get install -y chromium chromium-driver && "
                   ".venv/bin/pip install 'selenium>=4.20'")


# --- a small episode made without speech: a tone, our tags, our sidecars -------------------------------------


def make_episode(folder: Path, name: str = "ep.mp3", *, vtt: bool = True, chapters_json: bool = True,
                 title: str = EVIL) -> Path:
    need("ffmpeg", "ffprobe")
    mp3 = folder / name
    subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    "sine=frequency=440:duration=8", "-ac", "1", "-c:a", "libmp3lame", "-b:a", "64k", str(mp3)],
                   check=True)
    png = folder / "cover-source.png"
    subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=800x800",
                    "-frames:v", "1", str(png)], check=True)
    cover = prepare_cover(str(png), folder)
    write_tags(mp3, Tags(title=title, author="Ann & Bob", date="2025-03-04", link=LINK, chapters=CHAPTERS),
               "test-digest", cover)
    cover.unlink()
    png.unlink()
    paths = sidecars.paths(mp3)
    if vtt:
        sidecars.write(paths["vtt"], sidecars.vtt([Cue(s, e, t, 0, "sentence") for s, e, t in CUES]))
    if chapters_json:
        sidecars.write(paths["chapters"], sidecars.chapters_json([sidecars.Chapter(*c) for c in CHAPTERS]))
    return mp3


@pytest.fixture(scope="module")
def episode(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_episode(tmp_path_factory.mktemp("page"), "my episode #1.mp3")


@pytest.fixture(scope="module")
def doc(episode: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(write_page(episode).read_bytes())


def xp(root: lxml.html.HtmlElement, cls: str) -> list[lxml.html.HtmlElement]:
    return root.xpath(f'//*[contains(concat(" ", normalize-space(@class), " "), " {cls} ")]')


# --- the HTML ------------------------------------------------------------------------------------------------


def test_page_is_written_beside_the_mp3(episode: Path, doc: lxml.html.HtmlElement) -> None:
    assert page_path(episode) == episode.with_name("my episode #1.html")
    assert page_path(episode, embed=True) == episode.with_name("my episode #1.embed.html")
    assert page_path(episode).is_file()


def test_audio_element_points_at_the_mp3_by_percent_encoded_relative_url(doc: lxml.html.HtmlElement) -> None:
    (audio,) = doc.xpath("//audio")
    assert audio.get("src") == "my%20episode%20%231.mp3"
    assert audio.get("controls") is not None and audio.get("preload") == "metadata"


def test_head_is_for_phones_and_marked_as_ours(doc: lxml.html.HtmlElement) -> None:
    assert doc.xpath('//meta[@name="viewport"]/@content') == ["width=device-width, initial-scale=1"]
    assert doc.xpath('//meta[@name="generator"]/@content') == ["audiopost"]
    assert doc.xpath("//html/@lang") == ["en"]
    css = "".join(doc.xpath("//style/text()"))
    assert "prefers-color-scheme:dark" in css and "focus-visible" in css
    assert "font-size:1.125rem" in css  # 18 px text; the smallest (.9em) stays above 16 px


def test_title_author_date_from_the_tags_escaped(episode: Path, doc: lxml.html.HtmlElement) -> None:
    raw = page_path(episode).read_text(encoding="utf-8")
    assert "<script>alert(1)" not in raw and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;" in raw
    assert doc.xpath("//title")[0].text == EVIL
    assert doc.xpath("//h1")[0].text_content() == EVIL
    assert "Ann & Bob" in xp(doc, "ap-meta")[0].text_content()
    assert doc.xpath("//time/@datetime") == ["2025-03-04"]
    assert len(doc.xpath("//script")) == 1  # ours, and no other


def test_chapter_links_seek_with_media_fragments(doc: lxml.html.HtmlElement) -> None:
    links = xp(doc, "ap-ch")
    assert [a.get("href") for a in links] == ["my%20episode%20%231.mp3#t=0", "my%20episode%20%231.mp3#t=3.2",
                                              "my%20episode%20%231.mp3#t=6.9"]
    assert [float(a.get("data-start")) for a in links] == [c[1] for c in CHAPTERS]
    assert [a.text_content() for a in links] == ["0:00Opening", "0:03Part <two> & more", "0:06Third part"]


def test_every_cue_once_in_order_with_its_start(doc: lxml.html.HtmlElement) -> None:
    spans = xp(doc, "ap-cue")
    assert [s.text_content() for s in spans] == TEXTS
    assert [float(s.get("data-start")) for s in spans] == [s for s, _, _ in CUES]


def test_transcript_paragraphs_break_at_long_pauses_and_headings_stand_alone(doc: lxml.html.HtmlElement) -> None:
    (section,) = doc.xpath('//section[@aria-labelledby="ap-transcript"]')
    blocks = [[s.text_content() for s in xp(block, "ap-cue") if block in s.iterancestors()]
              for block in section if block.tag in ("p", "h3")]
    assert blocks == [TEXTS[0:2], TEXTS[2:3], TEXTS[3:5], TEXTS[5:6]]
    assert [b.tag for b in section if b.tag in ("p", "h3")] == ["p", "h3", "p", "p"]


def test_paragraph_grouping_threshold(tmp_path: Path) -> None:
    cues = read_vtt_text("00:00.000 --> 00:01.000\nA.\n\n00:01.599 --> 00:02.000\nB.\n\n"
                         "00:02.600 --> 00:03.000\nC.\n", tmp_path)
    assert [[c.text for c in p] for p in paragraphs(cues)] == [["A.", "B."], ["C."]]


def read_vtt_text(body: str, folder: Path) -> list:
    path = folder / "x.vtt"
    path.write_text("WEBVTT\n\n" + body, encoding="utf-8")
    return read_vtt(path)


def test_vtt_reader_unescapes_and_reads_hours(tmp_path: Path) -> None:
    cues = read_vtt_text("1\n01:02:03.250 --> 01:02:04.000 align:start\n<v Ann>a &lt;b&gt; &amp;\nc</v>\n\n"
                         "NOTE a comment\n\n00:05.000 --> 00:06.000\n\n", tmp_path)
    assert [(c.start, c.end, c.text) for c in cues] == [(3723.25, 3724.0, "a <b> & c")]


def test_no_outside_resources_only_the_post_link(doc: lxml.html.HtmlElement, episode: Path) -> None:
    urls = doc.xpath("//@src | //@href")
    outside = [u for u in urls if re.match(r"\s*(https?:)?//", u)]
    assert outside == [LINK]
    assert all(not u.startswith("data:") or u.startswith("data:image/jpeg;base64,") for u in urls)
    raw = page_path(episode).read_text(encoding="utf-8")
    assert "@import" not in raw and not re.search(r"url\((?!#)", raw)  # url(#…): the waveform's own clip
    assert "<link" not in raw


def test_size_budget(doc: lxml.html.HtmlElement, episode: Path) -> None:
    code = "".join(doc.xpath("//style/text() | //script/text()")).encode()
    assert len(code) < 8_000, len(code)
    (img,) = doc.xpath("//header/img")
    assert img.get("alt") == "" and len(img.get("src")) < 100_000  # the cover, scaled down to 480 px
    assert page_path(episode).stat().st_size < 150_000


def test_works_without_javascript(doc: lxml.html.HtmlElement) -> None:
    # Everything is in the markup: the script only adds tabindex, seeking by click/Enter and the highlight.
    assert doc.xpath("//audio/a[@href]")  # a download link for browsers without <audio>
    for el in xp(doc, "ap-t"):
        if el.tag == "a":
            assert re.fullmatch(r"my%20episode%20%231\.mp3#t=[\d.]+", el.get("href"))
    assert doc.xpath('//footer//a[@href="my%20episode%20%231.vtt"]')


def page_heights(root: lxml.html.HtmlElement) -> list[int]:
    """Column heights (0-50) of the peak path of the page's waveform."""
    (path,) = root.xpath('//div[@class="ap-wave"]//defs/g/path[@fill-opacity]')
    return wave_heights(path.get("d"))


def test_waveform_is_a_picture_of_the_audio(tmp_path: Path) -> None:
    need("ffmpeg")
    mp3 = tmp_path / "half.mp3"  # loud for 4 s, then silent for 4 s
    subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    "aevalsrc='if(lt(t,4),0.5,0)*sin(2*PI*300*t)':s=44100:d=8", "-ac", "1", "-b:a", "96k", str(mp3)],
                   check=True)
    doc = lxml.html.fromstring(write_page(mp3).read_bytes())
    (wave,) = xp(doc, "ap-wave")
    assert float(wave.get("data-duration")) == pytest.approx(8.0, abs=0.05)
    assert wave.get("role") is None and wave.get("tabindex") is None  # a picture until the script makes it a slider
    assert wave.get("data-label") == "Position in the episode"
    (svg,) = wave.xpath("svg")
    assert svg.get("viewbox") == "0 0 480 100" and svg.get("aria-hidden") == "true"
    h = page_heights(doc)
    assert len(h) == 480
    assert min(h[5:235]) >= 48 and max(h[245:]) == 0  # the loudest column fills the height
    assert len(lxml.html.tostring(wave)) < 6_000


def test_waveform_marks_the_chapters(doc: lxml.html.HtmlElement) -> None:
    (wave,) = xp(doc, "ap-wave")
    marks = wave.xpath('a[@class="ap-wm"]')  # the opening chapter at 0 needs no mark
    assert [m.get("href") for m in marks] == ["my%20episode%20%231.mp3#t=3.2", "my%20episode%20%231.mp3#t=6.9"]
    duration = float(wave.get("data-duration"))
    lefts = [float(re.fullmatch(r"left:([\d.]+)%", m.get("style")).group(1)) for m in marks]
    assert lefts == [pytest.approx(100 * 3.2 / duration, abs=0.01), pytest.approx(100 * 6.9 / duration, abs=0.01)]
    assert marks[0].get("title") == "0:03 Part <two> & more"  # hover; escaped in the markup
    assert all(m.get("tabindex") == "-1" and m.get("aria-hidden") == "true" for m in marks)
    assert doc.xpath('//audio/following-sibling::div[1][@class="ap-wave"]')  # right under the player


def test_waveform_in_another_language(tmp_path: Path) -> None:
    mp3 = make_episode(tmp_path)
    tags = ID3(mp3)
    tags.add(TLAN(encoding=3, text=["deu"]))
    tags.save(mp3)
    (wave,) = xp(lxml.html.fromstring(write_page(mp3).read_bytes()), "ap-wave")
    assert wave.get("data-label") == "Position in der Folge"


def test_embed_is_a_fragment(episode: Path) -> None:
    path = write_page(episode, embed=True)
    assert path.name == "my episode #1.embed.html"
    raw = path.read_text(encoding="utf-8")
    assert not re.search(r"<(html|head|body|meta|title|!DOCTYPE)\b", raw, re.IGNORECASE)
    frag = lxml.html.fragment_fromstring(raw)
    assert frag.tag == "section" and frag.get("class") == "audiopost"
    assert frag.xpath(".//style") and frag.xpath(".//script") and frag.xpath(".//audio")
    assert "my-episode-1" in frag.get("aria-labelledby")  # ids unique per episode on a blog page
    assert frag.xpath(".//details/summary")  # transcript folded: the post itself is the text
    assert [s.text_content() for s in xp(frag, "ap-cue")] == TEXTS
    (shape,) = frag.xpath(".//svg/defs/g")
    assert shape.get("id") == "ap-wave-my-episode-1"  # the waveform comes along, its ids unique too
    assert frag.xpath('.//svg//g[@clip-path="url(#ap-wave-my-episode-1-c)"]')
    css = "".join(frag.xpath(".//style/text()"))
    assert all(rule.startswith(("@media", ".audiopost")) or rule.startswith("}") or not rule
               for rule in css.splitlines()), "embedded CSS must be scoped to .audiopost"


def test_chapters_from_id3_when_there_is_no_chapters_json(tmp_path: Path) -> None:
    mp3 = make_episode(tmp_path, chapters_json=False, title="Plain")
    doc = lxml.html.fromstring(write_page(mp3).read_bytes())
    assert [a.get("data-start") for a in xp(doc, "ap-ch")] == ["0", "3.2", "6.9"]
    assert xp(doc, "ap-ch")[1].text_content().endswith("Part <two> & more")


def test_missing_vtt_says_so(tmp_path: Path) -> None:
    mp3 = make_episode(tmp_path, vtt=False, title="No words")
    doc = lxml.html.fromstring(write_page(mp3).read_bytes())
    assert not xp(doc, "ap-cue")
    text = doc.xpath('//section[@aria-labelledby="ap-transcript"]')[0].text_content()
    assert "no transcript" in text and "ep.vtt" in text
    assert not doc.xpath('//a[@href="ep.vtt"]')


def test_refuses_to_replace_a_page_it_did_not_make(tmp_path: Path) -> None:
    mp3 = make_episode(tmp_path, title="Mine")
    theirs = tmp_path / "ep.html"
    theirs.write_text("<!DOCTYPE html><title>hand-made</title>", encoding="utf-8")
    with pytest.raises(AudiopostError, match=r"ep\.html exists and was not made by audiopost \(use --force"):
        write_page(mp3)
    assert theirs.read_text(encoding="utf-8").endswith("hand-made</title>")
    write_page(mp3, force=True)
    assert "Mine" in theirs.read_text(encoding="utf-8")
    write_page(mp3)  # ours now: replaced without --force
    write_page(mp3, embed=True)
    write_page(mp3, embed=True)
    assert not list(tmp_path.glob(".*tmp*"))  # atomic writes leave no temp files


def test_missing_or_non_mp3_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(AudiopostError, match="no such file"):
        write_page(tmp_path / "nothing.mp3")
    text = tmp_path / "notes.mp3"
    text.write_text("just some words, not audio\n" * 50, encoding="utf-8")
    with pytest.raises(AudiopostError, match="is not an MP3"):
        write_page(text)
    png = tmp_path / "image.mp3"
    subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=64x64",
                    "-frames:v", "1", "-f", "image2", "-c:v", "png", str(png)], check=True)
    with pytest.raises(AudiopostError, match="is not an MP3"):
        write_page(png)
    assert not (tmp_path / "notes.html").exists() and not (tmp_path / "image.html").exists()


# --- the server ----------------------------------------------------------------------------------------------


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, Callable[..., http.client.HTTPResponse]]]:
    folder = tmp_path / "site"
    folder.mkdir()
    (tmp_path / "secret.txt").write_text("outside the folder", encoding="utf-8")
    (folder / "ep.mp3").write_bytes(bytes(range(256)) * 40)  # 10240 bytes
    (folder / "ep.vtt").write_text("WEBVTT\n", encoding="utf-8")
    (folder / "ep.srt").write_text("1\n", encoding="utf-8")
    (folder / "ep.chapters.json").write_text('{"version": "1.2", "chapters": []}', encoding="utf-8")
    (folder / "ep.html").write_text("<!DOCTYPE html><title>x</title>", encoding="utf-8")
    (folder / "feed.xml").write_text('<?xml version="1.0"?><rss version="2.0"></rss>', encoding="utf-8")
    (folder / "atom.xml").write_text('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"/>',
                                     encoding="utf-8")
    (folder / "leak").symlink_to(tmp_path / "secret.txt")
    server = make_server(folder, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    port = server.server_address[1]

    def request(path: str, method: str = "GET", headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request(method, path, headers=headers or {})
        response = conn.getresponse()
        response.body = response.read()  # type: ignore[attr-defined]
        conn.close()
        return response

    try:
        yield folder, request
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_port_zero_picks_a_free_port(served: Any) -> None:
    _, request = served
    assert request("/").status == 200  # a listing of the folder itself is fine


def test_whole_file_advertises_ranges(served: Any) -> None:
    folder, request = served
    r = request("/ep.mp3")
    assert r.status == 200 and r.getheader("Accept-Ranges") == "bytes"
    assert r.getheader("Content-Length") == "10240" and r.body == (folder / "ep.mp3").read_bytes()


@pytest.mark.parametrize(("header", "first", "last"), [
    ("bytes=0-99", 0, 99), ("bytes=100-", 100, 10239), ("bytes=-50", 10190, 10239),
    ("bytes=10000-99999", 10000, 10239), ("bytes=-99999", 0, 10239), ("bytes=10239-10239", 10239, 10239),
])
def test_single_range_is_206(served: Any, header: str, first: int, last: int) -> None:
    folder, request = served
    r = request("/ep.mp3", headers={"Range": header})
    assert r.status == 206
    assert r.getheader("Content-Range") == f"bytes {first}-{last}/10240"
    assert r.getheader("Content-Length") == str(last - first + 1)
    assert r.body == (folder / "ep.mp3").read_bytes()[first:last + 1]
    assert r.getheader("Content-Type") == "audio/mpeg"


@pytest.mark.parametrize("header", ["bytes=10240-", "bytes=20000-30000", "bytes=-0"])
def test_unsatisfiable_range_is_416(served: Any, header: str) -> None:
    _, request = served
    r = request("/ep.mp3", headers={"Range": header})
    assert r.status == 416 and r.getheader("Content-Range") == "bytes */10240" and r.body == b""


@pytest.mark.parametrize("header", ["bytes=5-2", "items=0-5", "bytes=0-1,4-5", "bytes=x-"])
def test_malformed_or_multiple_ranges_get_the_whole_file(served: Any, header: str) -> None:
    _, request = served
    r = request("/ep.mp3", headers={"Range": header})
    assert r.status == 200 and len(r.body) == 10240


def test_if_range_with_a_stale_validator_gets_the_whole_file(served: Any) -> None:
    _, request = served
    etag = request("/ep.mp3", "HEAD").getheader("ETag")
    assert request("/ep.mp3", headers={"Range": "bytes=0-9", "If-Range": etag}).status == 206
    assert request("/ep.mp3", headers={"Range": "bytes=0-9", "If-Range": '"old"'}).status == 200


def test_head_has_headers_and_no_body(served: Any) -> None:
    _, request = served
    r = request("/ep.mp3", "HEAD")
    assert r.status == 200 and r.getheader("Content-Length") == "10240" and r.body == b""
    r = request("/ep.mp3", "HEAD", {"Range": "bytes=0-9"})
    assert r.status == 206 and r.getheader("Content-Range") == "bytes 0-9/10240" and r.body == b""


@pytest.mark.parametrize(("name", "mime"), [
    ("ep.mp3", "audio/mpeg"), ("ep.vtt", "text/vtt; charset=utf-8"), ("ep.srt", "application/x-subrip"),
    ("ep.chapters.json", "application/json"), ("ep.html", "text/html; charset=utf-8"),
    ("feed.xml", "application/rss+xml; charset=utf-8"), ("atom.xml", "application/atom+xml; charset=utf-8"),
])
def test_mime_types(served: Any, name: str, mime: str) -> None:
    _, request = served
    assert request(f"/{quote(name)}", "HEAD").getheader("Content-Type") == mime


@pytest.mark.parametrize("path", ["/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/..%2fsecret.txt",
                                  "/site/../../secret.txt", "/./../secret.txt", "/leak", "/..", "/%2e%2e/"])
def test_nothing_outside_the_folder(served: Any, path: str) -> None:
    _, request = served
    r = request(path)
    assert b"outside the folder" not in r.body and b"secret.txt" not in r.body
    assert r.status in (301, 404) or b'<a href="ep.mp3">' in r.body  # at most the folder's own listing


def test_missing_file_and_missing_folder(served: Any, tmp_path: Path) -> None:
    _, request = served
    assert request("/nope.mp3").status == 404
    with pytest.raises(AudiopostError, match="no such folder"):
        make_server(tmp_path / "absent", "127.0.0.1", 0)


def test_parse_range_edges() -> None:
    assert parse_range(None, 10) is None
    assert parse_range("bytes=0-0", 10) == (0, 0)
    assert parse_range("bytes=-10", 10) == (0, 9)
    assert parse_range("bytes=-", 10) is None


def test_busy_port_is_an_error() -> None:
    server = make_server(Path(__file__).parent, "127.0.0.1", 0)
    try:
        with pytest.raises(AudiopostError, match=r"cannot listen on 127\.0\.0\.1"):
            make_server(Path(__file__).parent, "127.0.0.1", server.server_address[1])
    finally:
        server.server_close()


# --- a real browser --------------------------------------------------------------------------------------------

POST = """\
---
title: Notes From the Night Ferry
author: Ines Calder
date: 2025-06-02
link: https://example.org/night-ferry
---

The last ferry leaves the harbour at eleven. Most nights it carries fewer than twenty people.
The crossing takes forty minutes, and nobody is ever in a hurry.

## The crew

Four people run the boat after dark. The captain has done the route for thirty years.
The deckhand learned the job from his mother. The cook serves soup until the pot is empty.

## The passengers

Nurses going home ride on the upper deck. Students sleep on the benches below.
A man with a cello sits in the same seat every Thursday. Nobody has ever asked him to play.

## The future

The council wants to cut the late crossing next year. A petition to keep it has four thousand names.
The vote is in September. Until then, the ferry leaves at eleven.
"""


def browser_or_skip() -> tuple[Any, Any, Any]:
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.options import Options
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip(f"selenium is not installed; install the browser test's needs with: {BROWSER_INSTALL}")
    for program in ("/usr/bin/chromium", "/usr/bin/chromedriver"):
        if not Path(program).is_file():
            pytest.skip(f"{program} is missing; install the browser test's needs with: {BROWSER_INSTALL}")
    return webdriver, Options, Service


@pytest.fixture
def browser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    webdriver, Options, Service = browser_or_skip()
    monkeypatch.setenv("SE_OFFLINE", "true")  # Selenium Manager must not fetch anything
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--autoplay-policy=no-user-gesture-required", "--mute-audio", "--window-size=1000,1400",
                f"--user-data-dir={tmp_path / 'chromium-profile'}"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def narrated(tmp_path: Path) -> Path:
    need("ffmpeg", "ffprobe", "espeak-ng")
    site = tmp_path / "site"
    site.mkdir()
    post = tmp_path / "night-ferry.md"
    post.write_text(POST, encoding="utf-8")
    cover = tmp_path / "cover.png"
    subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=600x600",
                    "-frames:v", "1", str(cover)], check=True)
    mp3 = site / "night ferry.mp3"  # a space: the page must percent-encode the file name
    proc = subprocess.run([sys.executable, "-m", "audiopost", "narrate", str(post), "-o", str(mp3),
                           "--engine", "espeak", "--cover", str(cover)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    write_page(mp3)
    return mp3


def wait_for(what: str, check: Callable[[], Any], timeout: float = 10.0) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


@pytest.mark.slow
def test_page_in_headless_chromium(narrated: Path, browser: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    server = make_server(narrated.parent, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        browser.get(f"http://127.0.0.1:{server.server_address[1]}/{quote(page_path(narrated).name)}")
        run = browser.execute_script
        audio = "document.querySelector('audio')"

        duration = wait_for("the audio metadata", lambda: run(f"return {audio}.readyState >= 1 && {audio}.duration"))
        assert abs(duration - float(ffprobe(narrated)["duration"])) < 0.5

        chapters = browser.find_elements(By.CSS_SELECTOR, ".ap-ch")
        assert len(chapters) == 4  # the opening and three headings
        start = float(chapters[2].get_attribute("data-start"))
        chapters[2].click()
        wait_for("the chapter seek", lambda: abs(run(f"return {audio}.currentTime") - start) < 0.5, 5)
        assert chapters[2].get_attribute("aria-current") == "true" or wait_for(
            "the current chapter mark", lambda: chapters[2].get_attribute("aria-current") == "true", 5)

        run(f"{audio}.pause(); {audio}.currentTime = 0;")
        error = browser.execute_async_script(
            f"const done = arguments[0]; {audio}.play().then(() => done(''), e => done(String(e)));")
        assert error == ""
        cues = browser.find_elements(By.CSS_SELECTOR, ".ap-cue")

        def current() -> int:
            return run("return [...document.querySelectorAll('.ap-cue')]"
                       ".findIndex(el => el.getAttribute('aria-current') === 'true')")

        time.sleep(2.5)
        assert run(f"return {audio}.currentTime") > 1.5, "the audio does not play"
        wait_for("the highlight to pass the first sentence", lambda: current() >= 1, 10)
        assert len(browser.find_elements(By.CSS_SELECTOR, ".ap-cue[aria-current]")) == 1

        later = cues[-4]
        run("arguments[0].scrollIntoView({block: 'center'})", later)
        later.click()
        target = float(later.get_attribute("data-start"))
        wait_for("the sentence seek", lambda: abs(run(f"return {audio}.currentTime") - target) < 0.5, 5)
        wait_for("the clicked sentence to be highlighted", lambda: current() == len(cues) - 4, 5)

        other = cues[3]  # Enter on a focused sentence seeks too
        run("arguments[0].focus()", other)
        assert run("return document.activeElement") == other
        other.send_keys(Keys.ENTER)
        target = float(other.get_attribute("data-start"))
        wait_for("the keyboard seek", lambda: abs(run(f"return {audio}.currentTime") - target) < 0.5, 5)

        ARTIFACTS.mkdir(exist_ok=True)
        run("window.scrollTo(0, 0)")
        background = "return getComputedStyle(arguments[0]).backgroundColor"
        assert run(background, browser.find_element(By.TAG_NAME, "body")) == "rgb(255, 255, 255)"
        assert run(background, other) == "rgb(255, 230, 128)"  # the highlight
        browser.save_screenshot(str(ARTIFACTS / "page.png"))

        browser.execute_cdp_cmd("Emulation.setEmulatedMedia",
                                {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
        browser.set_window_size(390, 1000)
        run("arguments[0].scrollIntoView({block: 'center'})", other)
        assert run(background, browser.find_element(By.TAG_NAME, "body")) == "rgb(18, 18, 18)"
        assert run(background, other) == "rgb(107, 84, 0)"
        assert run("return parseFloat(getComputedStyle(arguments[0]).fontSize)", other) >= 16
        width = run("return document.documentElement.scrollWidth")
        assert width <= run("return window.innerWidth"), "the page scrolls sideways on a phone"
        browser.save_screenshot(str(ARTIFACTS / "page-phone-dark.png"))
        run(f"{audio}.pause()")

        embed_in_a_blog_post(browser, narrated, server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()


def embed_in_a_blog_post(browser: Any, mp3: Path, port: int) -> None:
    """The fragment pasted into someone's page: its script finds its own player and seeks it."""
    from selenium.webdriver.common.by import By

    fragment = write_page(mp3, embed=True).read_text(encoding="utf-8")
    blog = mp3.with_name("blog.html")
    blog.write_text(f"<!DOCTYPE html><html lang=en><meta charset=utf-8><title>Blog</title>"
                    f"<body style='font-family:serif;max-width:50rem;margin:auto'><h1>A blog post</h1>"
                    f"<p>Some words first.</p>{fragment}<p>More words after.</p></body></html>", encoding="utf-8")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
    browser.set_window_size(1000, 1400)
    browser.get(f"http://127.0.0.1:{port}/blog.html")
    chapter = browser.find_elements(By.CSS_SELECTOR, ".audiopost .ap-ch")[1]
    chapter.click()
    start = float(chapter.get_attribute("data-start"))
    wait_for("the embedded player's seek",
             lambda: abs(browser.execute_script("return document.querySelector('audio').currentTime") - start) < 0.5)
    browser.save_screenshot(str(ARTIFACTS / "embed.png"))


@pytest.mark.slow
def test_waveform_in_headless_chromium(narrated: Path, browser: Any) -> None:
    """The waveform is a slider: click and drag seek, arrow keys seek 5 s, the playhead follows the audio."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    server = make_server(narrated.parent, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        browser.get(f"http://127.0.0.1:{server.server_address[1]}/{quote(page_path(narrated).name)}")
        run = browser.execute_script
        audio = "document.querySelector('audio')"
        duration = wait_for("the audio metadata", lambda: run(f"return {audio}.readyState >= 1 && {audio}.duration"))
        now = lambda: run(f"return {audio}.currentTime")  # noqa: E731
        wave = browser.find_element(By.CSS_SELECTOR, ".ap-wave")
        assert wave.get_attribute("role") == "slider" and wave.get_attribute("tabindex") == "0"
        assert wave.get_attribute("aria-label") == "Position in the episode"
        assert int(wave.get_attribute("aria-valuemax")) == round(duration)
        width = wave.size["width"]
        assert width > 600

        ActionChains(browser).move_to_element(wave).click().perform()  # the middle: 50 % of its width
        assert abs(now() - duration / 2) <= 1.0
        assert run(f"return {audio}.paused"), "a click on the waveform seeks, it does not start playing"
        clip = float(browser.find_element(By.CSS_SELECTOR, ".ap-clip").get_attribute("width"))
        assert clip == pytest.approx(240, abs=3)  # the played part drawn to the middle of 480 columns
        assert int(wave.get_attribute("aria-valuenow")) == int(now())

        ActionChains(browser).move_to_element_with_offset(wave, -width * 0.3, 0).click_and_hold() \
            .move_to_element_with_offset(wave, width * 0.1, 0).move_to_element_with_offset(wave, width * 0.3, 0) \
            .release().perform()  # a drag from 20 % to 80 %
        assert abs(now() - duration * 0.8) <= 1.0

        assert run("return document.activeElement") == wave  # the click focused the slider
        before = now()
        wave.send_keys(Keys.ARROW_LEFT)
        wait_for("the key seek back", lambda: abs(now() - (before - 5)) < 0.3, 5)
        wave.send_keys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT)
        wait_for("the key seeks forward", lambda: abs(now() - (before + 5)) < 0.3, 5)
        wave.send_keys(Keys.HOME)
        wait_for("Home", lambda: now() == 0, 5)
        assert wave.get_attribute("aria-valuetext") == f"0:00 / {int(duration) // 60}:{int(duration) % 60:02d}"
        wave.send_keys(Keys.END)
        wait_for("End", lambda: abs(now() - duration) < 0.3, 5)

        mark = browser.find_elements(By.CSS_SELECTOR, ".ap-wm")[1]  # the second heading's chapter
        assert mark.get_attribute("title").endswith("The passengers")
        mark.click()
        start = float(mark.get_attribute("data-start"))
        wait_for("the chapter mark's seek", lambda: abs(now() - start) < 0.5, 5)

        run(f"{audio}.currentTime = 1;")
        error = browser.execute_async_script(
            f"const done = arguments[0]; {audio}.play().then(() => done(''), e => done(String(e)));")
        assert error == ""
        head = "return +document.querySelector('.ap-head').getAttribute('x1')"
        first = wait_for("the playhead to move", lambda: run(head) > 480 / duration, 5)
        time.sleep(1.5)
        later, t = run(head), now()
        assert later > first + 480 * 1.0 / duration, "the playhead does not follow the audio"
        assert later == pytest.approx(480 * t / duration, abs=480 * 0.5 / duration)
        run(f"{audio}.pause()")

        ARTIFACTS.mkdir(exist_ok=True)
        run("arguments[0].scrollIntoView({block: 'center'})", wave)
        played = "return getComputedStyle(document.querySelector('.ap-played')).fill"
        assert run(played) == "rgb(11, 87, 208)"
        browser.save_screenshot(str(ARTIFACTS / "waveform.png"))
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia",
                                {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
        assert run(played) == "rgb(158, 193, 255)"
        browser.save_screenshot(str(ARTIFACTS / "waveform-dark.png"))
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})

        fragment = write_page(narrated, embed=True).read_text(encoding="utf-8")  # two players on one blog page
        narrated.with_name("two.html").write_text(
            f"<!DOCTYPE html><html lang=en><meta charset=utf-8><title>Blog</title><body style='max-width:40rem'>"
            f"<p>First.</p>{fragment}<p>Again.</p>{fragment}</body></html>",  # the same episode twice
            encoding="utf-8")
        browser.get(f"http://127.0.0.1:{server.server_address[1]}/two.html")
        waves = browser.find_elements(By.CSS_SELECTOR, ".ap-wave")
        assert len(waves) == 2
        wait_for("the second player's metadata", lambda: run("return document.querySelectorAll('audio')[1].duration"))
        run("arguments[0].scrollIntoView({block: 'center'})", waves[1])
        ActionChains(browser).move_to_element_with_offset(waves[1], -waves[1].size["width"] * 0.25, 0).click().perform()
        times = run("return [...document.querySelectorAll('audio')].map(a => a.currentTime)")
        assert times[0] == 0 and abs(times[1] - duration / 4) <= 1.0  # each waveform seeks its own player
        clips = run("return [...document.querySelectorAll('.ap-clip')].map(c => +c.getAttribute('width'))")
        assert clips[0] == 0 and clips[1] == pytest.approx(120, abs=3)  # each draws its own played part
        assert run("return document.querySelectorAll('.ap-played')[1].getAttribute('clip-path')") \
            != run("return document.querySelectorAll('.ap-played')[0].getAttribute('clip-path')")
        browser.save_screenshot(str(ARTIFACTS / "waveform-embed.png"))
    finally:
        server.shutdown()
        server.server_close()
