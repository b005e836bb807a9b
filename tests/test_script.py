"""Post → Script: boilerplate gone, body kept, structure and pauses right."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from audiopost.errors import AudiopostError
from audiopost.profiles import Profile
from audiopost.script import make_script, render
from audiopost.sources import Block, Post, read_post
from audiopost.speech import chunks
from audiopost.text.boilerplate import find_rule
from audiopost.text.segment import sentences

RESIDUE = re.compile(r"^(Listen (on|to) |\*+$|Support this podcast|The post .* appeared first on|From .* via .*RSS)")


def test_seed_script_drops_every_boilerplate_line_and_keeps_the_body(seed: Path) -> None:
    lines = [line.strip() for line in seed.read_text(encoding="utf-8").splitlines() if line.strip()]
    residue = [line for line in lines if RESIDUE.match(line)]
    body = [line for line in lines if not RESIDUE.match(line)]
    assert len(residue) >= 5 and len(body) >= 5
    script = make_script(read_post(seed), Profile(intro="", outro=""))
    shown = " ".join(line.shown for p in script.paragraphs() for line in p.lines)
    for line in residue:
        assert line not in shown
    assert "appeared first on" not in shown and "Patreon" not in shown and "Spotify" not in shown
    assert sentences(body[0])[0] in shown
    assert sentences(body[-1])[-1] in shown
    spoken_body = [p for p in script.paragraphs() if p.kind == "body"]
    assert sum(len(p.lines) for p in spoken_body) == sum(len(sentences(b)) for b in body)


@pytest.mark.parametrize("line", [
    "Listen on Overcast | Apple Podcasts | Online",
    "Listen to this week's episode on Spotify or on Apple Podcasts.",
    "Support our show on Patreon",
    "The post Ten Quiet Streets appeared first on Town Crier.",
    "From Town Crier via This RSS Feed.",
    "*", "***", "---", "• • •",
    "Spotify | Apple Podcasts | YouTube",
])
def test_default_rules_match_residue(line: str) -> None:
    assert find_rule(line) is not None


@pytest.mark.parametrize("line", [
    "We listened to the council on Spotify's future in the city.",  # prose that mentions a platform
    "Support for the ferry came from every household on the island.",
    "The post office on Elm Street appeared first on the map of 1820, then vanished.",
    "From the harbour you can see three lighthouses.",
])
def test_default_rules_leave_prose_alone(line: str) -> None:
    # The last two are close calls on purpose: rules match whole paragraphs, never parts.
    assert find_rule(line) is None


def test_structure_headings_quotes_lists_and_omissions() -> None:
    post = Post(title="T", author="A", blocks=(
        Block("paragraph", "Opening words here."),
        Block("heading", "Second part", 2),
        Block("quote", "Quoted line."),
        Block("item", "first item"), Block("item", "second item"),
        Block("code", "x = 1"), Block("table", ""), Block("image", "a map"),
    ))
    script = make_script(post, Profile(outro=""))
    assert [s.title for s in script.sections] == ["", "Second part"]
    assert script.text().split("\n\n") == [
        "T, by A.", "Opening words here.", "Second part.", "Quote. Quoted line. End quote.",
        "First item. Second item.", "A code example is omitted.", "A table is omitted."]


def test_pauses_follow_structure() -> None:
    post = Post(title="T", blocks=(
        Block("paragraph", "One. Two."), Block("paragraph", "Three."), Block("heading", "H", 2),
        Block("paragraph", "Four.")))
    profile = Profile(intro="", outro="")
    got = [(c.spoken, c.pause_after) for c in chunks(make_script(post, profile), profile)]
    assert got == [("T", profile.pause_section), ("One.", profile.pause_sentence),
                   ("Two.", profile.pause_paragraph), ("Three.", profile.pause_section),
                   ("H.", profile.pause_section), ("Four.", 0.0)]


def test_nothing_to_say() -> None:
    post = Post(title="T", blocks=(Block("paragraph", "*"), Block("image", "")), source="p.md")
    with pytest.raises(AudiopostError, match=r"p\.md has nothing to say after cleaning"):
        make_script(post, Profile())


def test_templates_drop_unknown_clauses() -> None:
    post = Post(title="Tide Tables", blocks=())
    assert render("{title}, by {author}.", post) == "Tide Tables."
    assert render("This was {title}, published {date}.", post) == "This was Tide Tables."
    dated = Post(title="Tide Tables", blocks=(), author="Ann", date="2025-03-09")
    assert render("{title}, by {author}, published {date}.", dated) == "Tide Tables, by Ann, published March 9, 2025."


def test_profile_rules_extend_and_disable() -> None:
    post = Post(title="T", blocks=(Block("paragraph", "Real text."), Block("paragraph", "Sponsored by Acme."),
                                   Block("paragraph", "*")))
    profile = Profile(intro="", outro="", boilerplate={"sponsor": r"sponsored by .*"}, disable_rules=("separator",))
    script = make_script(post, profile)
    assert [r.rule for r in script.removed] == ["sponsor"]
    assert "Real text." in script.text()


def test_sentences_keep_abbreviations_together() -> None:
    text = "Dr. Okafor met the U.S. team at 9 a.m. on Monday. It went well! Did it? Yes."
    assert sentences(text) == ["Dr. Okafor met the U.S. team at 9 a.m. on Monday.", "It went well!", "Did it?", "Yes."]


def test_profile_lexicon_applies_after_normalization(tmp_path: Path) -> None:
    lexicon = tmp_path / "names.tsv"
    lexicon.write_text("# names\nSiobhan\tShih-vawn\nnginx\tengine x\n")
    post = Post(title="T", blocks=(Block("paragraph", "Siobhan runs nginx on 2 servers. SIOBHANS is not a name."),))
    script = make_script(post, Profile(intro="", outro="", lexicon=str(lexicon)))
    assert script.paragraphs()[1].lines[0].spoken == "Shih-vawn runs engine x on two servers."
    assert script.paragraphs()[1].lines[0].shown == "Siobhan runs nginx on 2 servers."


def test_bad_lexicon_line_names_file_and_line(tmp_path: Path) -> None:
    lexicon = tmp_path / "bad.tsv"
    lexicon.write_text("good\tfine\nno tab here\n")
    post = Post(title="T", blocks=(Block("paragraph", "Words."),))
    with pytest.raises(AudiopostError, match=r"bad\.tsv.*line 2"):
        make_script(post, Profile(lexicon=str(lexicon)))


def test_profile_acronyms_are_said_as_words() -> None:
    post = Post(title="T", blocks=(Block("paragraph", "Send the JPEG to the CIA today."),))
    plain = make_script(post, Profile(intro="", outro="")).paragraphs()[1].lines[0].spoken
    mine = make_script(post, Profile(intro="", outro="", acronyms=("JPEG",))).paragraphs()[1].lines[0].spoken
    assert plain == "Send the J.P.E.G to the C.I.A today."
    assert mine == "Send the Jpeg to the C.I.A today."


def test_post_language_picks_the_espeak_voice() -> None:
    from audiopost.pipeline import for_language

    assert for_language(Profile(), "de-DE").voice == "de"
    assert for_language(Profile(), "de-DE").language == "de"
    assert for_language(Profile(), "en-GB").voice == "en-us"  # same language: the profile's own voice
    assert for_language(Profile(), "").voice == "en-us"
    assert for_language(Profile(engine="piper", model="x.onnx"), "fr").voice == "en-us"  # a model speaks one language
