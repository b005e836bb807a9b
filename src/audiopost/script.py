"""Post → Script: boilerplate removed, structure kept, every sentence in its spoken and shown form."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from audiopost.errors import AudiopostError, NothingToSay
from audiopost.profiles import Profile
from audiopost.sources.dates import parse_iso
from audiopost.sources.post import Block, Post
from audiopost.text import boilerplate, evidence, lang
from audiopost.text.lexicon import apply_lexicon, load_lexicon
from audiopost.text.normalize import normalize
from audiopost.text.segment import sentences

OMITTED = {"code": "code_omitted", "table": "table_omitted"}
"""Blocks that are not read, and the ``Language.words`` key of the sentence said in their place."""


@dataclass(frozen=True)
class Line:
    """One sentence: what the engine says, and what a reader of the transcript sees."""

    spoken: str
    shown: str


@dataclass(frozen=True)
class Paragraph:
    lines: tuple[Line, ...]
    kind: str = "body"
    """body | heading | quote | intro | outro"""


@dataclass(frozen=True)
class Section:
    title: str
    """The heading that opens the section ("" before the first heading)."""
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Script:
    title: str
    sections: tuple[Section, ...]
    language: str = "en"
    removed: tuple[boilerplate.Removal, ...] = field(default=(), compare=False)
    notes: tuple[str, ...] = field(default=(), compare=False)
    """What the evidence rules chose not to do (``script --explain`` shows it)."""

    def paragraphs(self) -> list[Paragraph]:
        return [p for s in self.sections for p in s.paragraphs]

    def text(self) -> str:
        """The spoken text: paragraphs separated by a blank line."""
        return "\n\n".join(" ".join(line.spoken for line in p.lines) for p in self.paragraphs())


def rules_for(profile: Profile) -> list[boilerplate.Rule]:
    rules = [r for r in boilerplate.DEFAULT_RULES if r.name not in profile.disable_rules]
    rules += [boilerplate.rule(name, regex) for name, regex in profile.boilerplate.items()]
    return rules


def make_script(post: Post, profile: Profile) -> Script:
    """The script of a post. A post with nothing left to say is an error."""
    language = lang.base_code(post.language or profile.language or "en")
    rules = rules_for(profile)
    say = _Reader(profile, language)
    texts = [b.text if b.kind in ("paragraph", "quote", "item", "heading") else "\0" for b in post.blocks]
    kept, by_rule = boilerplate.clean(texts, rules)  # rules judge text blocks only ("\0" never matches)
    ruled = dict(zip(sorted(set(range(len(texts))) - set(kept)), by_rule, strict=True))
    verdict = evidence.judge(post, ruled, lang.base_code(post.language), profile.disable_rules)
    gone = {**ruled, **verdict.removals}
    removed = [gone[i] for i in sorted(gone)]
    blocks = [b for i, b in enumerate(post.blocks) if i not in gone]
    sections: list[Section] = []
    title, paras = "", []
    for block in _merge_items(blocks):
        if block.kind == "heading":
            if paras:
                sections.append(Section(title, tuple(paras)))
            title, paras = block.text, _some(_paragraph(block.text, "heading", say))
            continue
        para = _block_paragraph(block, profile, say)
        if para is not None:
            paras.append(para)
    if paras:
        sections.append(Section(title, tuple(paras)))
    if not any(p.kind in ("body", "quote") for s in sections for p in s.paragraphs):
        where = f"entry {post.entry} of {post.source}" if post.entry else post.source or "the post"
        if not removed:
            raise NothingToSay(f"{where} has a title and no text" if post.title else f"{where} has no text")
        raise NothingToSay(f"{where} has nothing to say after cleaning "
                           f"(removed {len(removed)} boilerplate block(s))")
    intro = render(profile.intro, post, language) if profile.intro else post.title
    opening = _some(_paragraph(intro, "intro", say))
    closing = _some(_paragraph(render(profile.outro, post, language), "outro", say))
    first = sections[0]
    sections[0] = Section(first.title, (*opening, *first.paragraphs))
    last = sections[-1]
    sections[-1] = Section(last.title, (*last.paragraphs, *closing))
    return Script(post.title, tuple(sections), language, tuple(removed), verdict.notes)


def _some(paragraph: Paragraph | None) -> list[Paragraph]:
    return [paragraph] if paragraph is not None else []


def _merge_items(blocks: list[Block]) -> list[Block]:
    """Consecutive list items become one paragraph, each item a sentence."""
    out: list[Block] = []
    for block in blocks:
        if block.kind == "item":
            text = block.text if re.search(r"[.!?:;]$", block.text) else block.text + "."
            if out and out[-1].kind == "item":
                out[-1] = Block("item", f"{out[-1].text} {text}")
                continue
            block = Block("item", text)
        out.append(block)
    return out


class _Reader:
    """Written text → spoken sentences in one language: split at its sentence ends, normalized by its
    rules, then the profile's lexicon. ``words`` are the language's own fixed words ({} for a language
    audiopost has no rules for: nothing is announced in a language the post is not in)."""

    def __init__(self, profile: Profile, language: str) -> None:
        self.language = language
        self.rules = lang.get(language)
        self.words = dict(self.rules.words) if self.rules else {}
        self.acronyms = profile.acronyms
        self.lexicon = load_lexicon(profile.lexicon) if profile.lexicon else {}

    def sentences(self, text: str) -> list[str]:
        if self.rules is None:
            return sentences(text)
        return sentences(text, self.rules.abbreviations, self.rules.ordinal_dot)

    def __call__(self, sentence: str) -> str:
        spoken = normalize(sentence, self.language, words=self.acronyms)
        return apply_lexicon(spoken, self.lexicon) if self.lexicon else spoken


def _block_paragraph(block: Block, profile: Profile, say: _Reader) -> Paragraph | None:
    if block.kind in OMITTED:
        note = say.words.get(OMITTED[block.kind], "")
        return _paragraph(note, "note", say) if note else None
    if block.kind == "image":
        if profile.read_alt_text and block.text:
            label = say.words.get("image", "")
            return _paragraph(f"{label}: {block.text}" if label else block.text, "body", say)
        return None
    if block.kind == "quote":
        para = _paragraph(block.text, "quote", say)
        if para is not None and not profile.quote_voice and "quote" in say.words:
            # announced, unless a second voice reads it
            para = Paragraph((Line(say.words["quote"], ""), *para.lines, Line(say.words["end_quote"], "")),
                             "quote")
        return para
    return _paragraph(block.text, "body", say)


def _paragraph(text: str, kind: str, say: _Reader) -> Paragraph | None:
    lines = []
    for sentence in say.sentences(text):
        spoken = say(sentence)
        if kind == "heading" and not re.search(r"[.!?:]$", spoken):
            spoken += "."  # said as a sentence of its own, with falling intonation; shown as written
        if re.search(r"\w", spoken):
            lines.append(Line(spoken, sentence))
    return Paragraph(tuple(lines), kind) if lines else None


def written_date(iso: str, language: str = "en") -> str:
    """"2025-11-03" → "November 3, 2025", "3 de noviembre de 2025" … as the language writes a date in
    prose (the normalizer then says it); the ISO text itself when it is not a date."""
    when = parse_iso(iso)
    rules = lang.get(language) or lang.get("en")
    return rules.date(when.date()) if when and rules else iso


def render(template: str, post: Post, language: str = "en") -> str:
    """Fill an intro/outro template; a clause whose value is unknown is left out (", published {date}",
    ", publicada el {date}", "by {author}")."""
    values = {"title": post.title, "author": post.author, "date": written_date(post.date, language),
              "site": post.site}
    text = template
    for key, value in values.items():
        if not value:
            text = re.sub(r"[,;]\s*(?:[^\W\d][\w']*\s+){0,3}\{" + key + r"\}", "", text)
            text = re.sub(r"\s*(?:\b(?:by|on|published|from|at)\s+)?\{" + key + r"\}", "", text)
    try:
        text = text.format(**values)
    except (KeyError, IndexError, ValueError) as e:
        raise AudiopostError(f"bad template {template!r}: unknown placeholder {e}") from None
    return re.sub(r"\s+([,.])", r"\1", text).strip()
