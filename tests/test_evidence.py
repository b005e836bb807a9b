"""The evidence rules (text/evidence.py): each removes where real publishers put chrome, keeps prose elsewhere.

Removals are shown on real feeds and pages of tests/data/real (see SOURCES.md there); the keeps are shown on
the same real posts where they can be, and on small posts written here where a rule needs a counter-example.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from audiopost.cli import main
from audiopost.profiles import Profile
from audiopost.script import Script, make_script
from audiopost.sources import Block, Pick, Post, read_post
from audiopost.sources.post import author_name
from audiopost.text.evidence import judge

REAL = Path(__file__).parent / "data" / "real"


def script_of(path: str, match: str | None = None, **profile: object) -> Script:
    post = read_post(REAL / path, pick=Pick(match=match) if match else Pick())
    return make_script(post, Profile(intro="", outro="", **profile))  # type: ignore[arg-type]


def shown(script: Script) -> str:
    return " ".join(line.shown for p in script.paragraphs() for line in p.lines)


def removed(script: Script, rule: str) -> list[str]:
    return [r.text for r in script.removed if r.rule == rule]


def test_recurring_removes_the_feeds_template_with_its_count() -> None:
    script = script_of("feeds/podcast-selfhosted-theomnishow.xml", "Andrea McVittie")
    found = [r for r in script.removed if r.rule == "recurring"]
    assert [r.text for r in found] == ["Full transcript and show notes at theomnishow.omnigroup.com"]
    assert found[0].evidence == "in 4 of 4 entries"
    assert shown(script).startswith(f"{script.title} Andrea studied fine art")  # the spoken title, then the body


def test_recurring_needs_a_feed_and_can_be_disabled() -> None:
    one = script_of("feeds/podcast-transistor-oxide-and-friends.xml")  # a one-entry feed: nothing to compare
    assert removed(one, "recurring") == []
    # Off, the footer falls to the next rule that has evidence against it; with both off, it is spoken.
    off = script_of("feeds/podcast-selfhosted-theomnishow.xml", "Andrea McVittie", disable_rules=("recurring",))
    assert removed(off, "recurring") == [] and removed(off, "call-to-action") == [
        "Full transcript and show notes at theomnishow.omnigroup.com"]
    both = script_of("feeds/podcast-selfhosted-theomnishow.xml", "Andrea McVittie",
                     disable_rules=("recurring", "call-to-action"))
    assert "Full transcript and show notes" in shown(both)


def feed(*entries: str) -> str:
    items = "".join(f"<item><title>Entry {n}</title><link>https://example.org/{n}</link>"
                    f"<pubDate>Mon, {10 + n:02d} Nov 2026 09:00:00 GMT</pubDate>"
                    f"<description><![CDATA[{body}]]></description></item>" for n, body in enumerate(entries))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'


def test_recurring_keeps_a_shared_block_in_the_middle(tmp_path: Path) -> None:
    shared = "<p>The council meets on Tuesdays in the old library hall.</p>"
    path = tmp_path / "feed.xml"
    path.write_text(feed(*(f"<p>Opening {w} of the week.</p>{shared}<p>Closing {w} thoughts here.</p>"
                           for w in ("one", "two", "three"))))
    script = make_script(read_post(path), Profile(intro="", outro=""))
    assert "old library hall" in shown(script) and script.removed == ()


def test_link_dense_removes_lists_of_links_and_their_label_but_not_prose_with_links() -> None:
    script = script_of("feeds/podcast-transistor-oxide-and-friends.xml")
    dense = [r for r in script.removed if r.rule == "link-dense"]
    assert "Some of the topics we hit on, in the order that we hit them:" in [r.text for r in dense]
    assert {r.evidence for r in dense} >= {"label of a list of links"}
    assert len(dense) == 7  # the label and its six links
    # A sentence that links every name it mentions is still a sentence: it stays.
    assert "our esteemed guest was Max Cherney" in shown(script)


def test_link_dense_on_a_page_drops_a_row_of_links() -> None:
    script = script_of("pages/wordpress-jovelstefan-de.html")
    assert "Kommentarfeed | Kommentare geschlossen | Trackback-URL" in removed(script, "link-dense")
    assert "Gut investierte 20 Cent" in shown(script)


def test_call_to_action_at_the_end_goes() -> None:
    script = script_of("feeds/podcast-transistor-oxide-and-friends.xml")
    [cta] = [r for r in script.removed if r.rule == "call-to-action"]
    assert cta.text.startswith("If we got something wrong or missed something")
    assert '"subscribe"' in cta.evidence and "a link" in cta.evidence


def test_the_same_words_in_the_middle_stay() -> None:
    body = ("The ferry timetable changed this spring, and the harbour office asked everyone to subscribe to "
            "the new text alerts and follow us on the noticeboard by the slipway.")
    post = Post("Ferries", (Block("paragraph", "The first boat now leaves at six."),
                            Block("paragraph", body, links=20),
                            Block("paragraph", "The last one leaves at ten, as it always did.")))
    assert judge(post, (), "en").removals == {}


def test_a_reference_list_at_the_end_goes_and_the_byline_above_it() -> None:
    script = script_of("feeds/medium-invironment-food.xml", "My Favorite Wild Green")
    rules = {r.text: (r.rule, r.evidence) for r in script.removed}
    assert rules["References"] == ("call-to-action", "reference list at the end (12 entries)")
    assert rules["By K.D. Healey"] == ("byline", "signed")
    assert shown(script).rstrip().endswith("harvest in areas that are not known for contamination.") or \
        "harvest in areas that are not known" in shown(script)


@pytest.mark.parametrize(("raw", "name"), [
    ("webmaster@example.net (Webmaster)", "Webmaster"), ("Jane Roe <jane@example.org>", "Jane Roe"),
    ("jane@example.org", ""), ("noreply@blogger.com (Unknown)", ""), ("Ana Lima", "Ana Lima"),
])
def test_author_names_are_never_e_mail_addresses(raw: str, name: str) -> None:
    assert author_name(raw) == name


def test_byline_repeating_the_author_is_dropped_once() -> None:
    post = Post("Tides", (Block("paragraph", "By Mara Quill"), Block("paragraph", "The tide turned at noon."),
                          Block("paragraph", "By Mara Quill's reckoning it was early.")), author="Mara Quill")
    verdict = judge(post, (), "en")
    assert {i: r.evidence for i, r in verdict.removals.items()} == {0: "repeats the author (Mara Quill)"}


def test_author_label_at_the_top_of_a_real_post() -> None:
    script = script_of("markdown/pt-kubernetes-blog-katacoda-encerrados.md")
    assert removed(script, "byline") == ["Author: Natali Vlatko, SIG Docs Co-Chair para Kubernetes"]


def test_a_mechanism_that_would_take_a_third_of_the_prose_keeps_its_hands_off() -> None:
    plug = ("Subscribe to the harbourmaster's newsletter and follow us for the timetables, the announcements, "
            "the weather warnings, the photographs, the recordings of the council meetings and the letters from "
            "readers, published every single week, and remember that the whole archive of earlier announcements "
            "is always available on the website of the harbour office. Paper copies wait at the chandlery, "
            "the café and the lifeboat station.")  # 64 words, 350 letters: not a small footer
    post = Post("Short", (Block("paragraph", "The harbour opened at dawn, an hour early."),
                          Block("paragraph", plug, links=10)))
    verdict = judge(post, (), "en")
    assert verdict.removals == {}
    assert verdict.notes and verdict.notes[0].startswith("call-to-action: would remove")


def test_explain_shows_rule_evidence_and_notes() -> None:
    result = CliRunner().invoke(main, ["script", str(REAL / "feeds/podcast-selfhosted-theomnishow.xml"),
                                       "--match", "Andrea McVittie", "--explain"])
    assert result.exit_code == 0, result.output
    assert ("removed by recurring (in 4 of 4 entries): Full transcript and show notes at "
            "theomnishow.omnigroup.com\n") in result.stderr
    assert "removed by link-dense (list of 22, 100% link text): Mike Monteiro\n" in result.stderr


def test_a_summary_with_the_prose_wins_over_content_with_only_show_notes() -> None:
    script = script_of("feeds/podcast-podlove-podlovers-de.xml", "Müssen Reden")
    assert "Lange war es still im Podlove Projekt" in shown(script)


def test_toml_and_crlf_front_matter(tmp_path: Path) -> None:
    toml = tmp_path / "hugo.md"
    toml.write_text('+++\r\ntitle = "Spring beans"\r\ndate = 2024-04-02T10:00:00Z\r\nauthor = "Lee Park"\r\n+++\r\n\r\n'
                    "The beans went in early.\r\n", newline="")
    post = read_post(toml)
    assert (post.title, post.author, post.date[:10]) == ("Spring beans", "Lee Park", "2024-04-02")
    assert [b.text for b in post.blocks] == ["The beans went in early."]
    real = read_post(REAL / "markdown/hugo-material-blog-migrer-depuis-jekyll-fr.md")
    assert real.title and not any("+++" in b.text or "title =" in b.text for b in real.blocks)


def test_a_picture_credit_goes_wherever_it_stands() -> None:
    script = script_of("feeds/wordpress-onefoottsunami.atom", "Head of the Charles")
    assert [(r.text, r.evidence) for r in script.removed if r.rule == "byline"] == [
        ("[Photo courtesy of P. Kafasis]", "a picture credit")]
    assert "does anyone actually want to drink water from the Charles River" in shown(script)
