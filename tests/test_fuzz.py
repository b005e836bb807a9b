"""Fuzzing the readers and the script stage: any input ends in a Post or one AudiopostError, fast."""

from __future__ import annotations

import contextlib
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audiopost.errors import AudiopostError
from audiopost.profiles import Profile
from audiopost.script import make_script
from audiopost.sources import decode, html, markdown, text
from audiopost.sources.feed import parse_feed

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MARKUP = st.sampled_from(["<p>", "</p>", "<h2>", "</h2>", "<script>", "</script>", "<article>", "</article>",
                          "<blockquote>", "<li>", "<pre>", "<!--", "-->", "<![CDATA[", "&amp;", "&#0;", "<br/>",
                          "# ", "## ", "> ", "- ", "```", "---\n", "title: x\n", "[a](b)", "![i](j)", "|a|b|\n",
                          "*", "\n\n", "The post X appeared first on Y.", "1,000", "$5", "Dr.", "U.S.", "e.g."])
DOCS = st.lists(st.one_of(MARKUP, st.text(max_size=40)), max_size=40).map("".join)


def survives(parse, content: str) -> None:  # type: ignore[no-untyped-def]
    start = time.monotonic()
    try:
        post = parse(content)
        script = make_script(post, Profile(intro="", outro=""))
        assert len(script.text()) < 60 * len(content) + 1000
    except AudiopostError as e:
        assert str(e) and "\n" not in str(e)
    assert time.monotonic() - start < 5


@FAST
@given(DOCS)
def test_text_reader(content: str) -> None:
    survives(text.parse, content)


@FAST
@given(DOCS)
def test_markdown_reader(content: str) -> None:
    survives(markdown.parse, content)


@FAST
@given(DOCS)
def test_html_reader(content: str) -> None:
    survives(html.parse, "<html><body>" + content + "</body></html>")


@FAST
@given(st.binary(max_size=400))
def test_decode_bytes(data: bytes) -> None:
    with contextlib.suppress(AudiopostError):
        assert isinstance(decode(data), str)


@FAST
@given(DOCS)
def test_feed_reader(content: str) -> None:
    doc = f"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title><item><title>i</title>" \
          f"<description>{content}</description></item></channel></rss>"
    with contextlib.suppress(AudiopostError):
        parse_feed(doc.encode())
