"""Source → Post: formats, metadata and bodies of our own sample inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from audiopost.errors import AudiopostError
from audiopost.sources import decode, detect, read_post
from audiopost.sources.text import paragraphs
from conftest import DATA, EXAMPLE


def test_markdown_front_matter_and_structure() -> None:
    post = read_post(EXAMPLE)
    assert post.title == "Why Our Town Library Opens at Dawn"
    assert post.author == "Marta Quill"
    assert post.date == "2025-10-14"
    assert post.site == "The Riverside Ledger"
    assert post.link == "https://example.org/2025/10/library-at-dawn"
    kinds = [b.kind for b in post.blocks]
    assert kinds[0] == "paragraph"  # the duplicate H1 title is not repeated in the body
    assert [b.text for b in post.blocks if b.kind == "heading"] == [
        "The early crowd", "What it costs", "What comes next"]
    assert kinds.count("quote") == 1 and kinds.count("item") == 3


def test_html_article_body_without_chrome() -> None:
    post = read_post(DATA / "wordpress.html")
    assert post.title == "Seed Swap Returns to the Old Mill"
    assert post.author == "Ines Farrow"
    assert post.date == "2025-04-02T08:30:00+00:00"
    assert post.site == "Hillside Notes"
    assert post.link == "https://example.net/2025/04/seed-swap/"
    assert post.image == "https://example.net/img/seeds.jpg"
    assert post.language == "en-GB"
    texts = [b.text for b in post.blocks]
    assert texts[0].startswith("The spring seed swap is back")
    assert "Bring seeds in labelled envelopes. Printable labels are on our site." in texts
    assert texts[-1] == "Doors open at ten. See you there."
    joined = " ".join(texts)
    for never in ("Home", "Hidden tracking", "Share this", "Recent posts", "Copyright", "dataLayer"):
        assert never not in joined
    assert ("code", 'print("not for the ear")') in [(b.kind, b.text) for b in post.blocks]
    assert ("quote", "Every tomato in my garden started as a stranger's envelope.") in [
        (b.kind, b.text) for b in post.blocks]


def test_text_paragraphs_flattened_and_wrapped() -> None:
    assert paragraphs("One line ends here.\nAnother starts here.") == ["One line ends here.", "Another starts here."]
    wrapped = "This sentence was wrapped by an editor at a fixed width of\nsixty characters or so.\n\nNext."
    assert paragraphs(wrapped) == [
        "This sentence was wrapped by an editor at a fixed width of sixty characters or so.", "Next."]


def test_text_title_from_first_line() -> None:
    post = read_post(DATA / "plain.txt")
    assert post.title == "Notes from the Allotment"
    assert post.blocks[0].text.startswith("The beans came up")


@pytest.mark.parametrize(("data", "expected"), [
    ("café".encode(), "café"),
    (b"\xef\xbb\xbfcaf\xc3\xa9", "café"),             # UTF-8 with BOM
    ("café “quoted”".encode("cp1252"), "café “quoted”"),  # Windows-1252
    ("naïve".encode("utf-16"), "naïve"),
])
def test_decode_encodings(data: bytes, expected: str) -> None:
    assert decode(data) == expected


def test_decode_refuses_binary() -> None:
    with pytest.raises(AudiopostError, match="binary data"):
        decode(bytes(range(256)) * 4)


@pytest.mark.parametrize(("name", "content", "kind"), [
    ("a.md", "anything", "markdown"),
    ("a.htm", "anything", "html"),
    ("-", "<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
    ("-", "---\ntitle: x\n---\nBody", "markdown"),
    ("-", "# Heading\n\nBody", "markdown"),
    ("-", "Just words.", "text"),
    ("post", "Just words.", "text"),
])
def test_detect(name: str, content: str, kind: str) -> None:
    assert detect(name, content) == kind


def test_size_limit(tmp_path: Path) -> None:
    post = tmp_path / "big.txt"
    post.write_text("word " * 1000)
    with pytest.raises(AudiopostError, match="limit of 100 characters"):
        read_post(post, max_chars=100)


def test_bad_front_matter(tmp_path: Path) -> None:
    post = tmp_path / "bad.md"
    post.write_text("---\ntitle: [unclosed\n---\nBody text.\n")
    with pytest.raises(AudiopostError, match="front matter is not valid YAML"):
        read_post(post)
