"""What says a block is not the article: evidence, not a list of known sites.

The regular-expression rules of ``boilerplate.py`` know phrasings; these mechanisms know shapes, the way the
field's extractors do (jusText's link density, Readability's link density, Boilerpipe's shallow features),
plus one signal only a feed gives:

- ``recurring``: a block found in several other entries of the same feed (after masking the entry's own
  title, numbers and addresses) is template, when it sits at the start or the end of the entry.
- ``link-dense``: a list or paragraph whose text is mostly link text (tag clouds, related posts, category
  lists, share rows); a heading whose section holds only such blocks goes with them.
- ``call-to-action``: the first and last few blocks, scored for subscribe / follow / support / share /
  listen-on / privacy / show-notes language (a small lexicon per language), links and shortness.
- ``byline``: a "By NAME" line at the top that repeats the post's author.

Each is a named rule (``script --explain`` prints its evidence; a profile's ``disable_rules`` turns it off).
None may take more than a third of the body's prose (its text that is not link text; a few sentences are
always allowed) nor every block: then it keeps its hands off, and says so.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from audiopost.sources.post import Block, Post, word_chars
from audiopost.text import lang
from audiopost.text.boilerplate import Removal

MECHANISMS = ("byline", "link-dense", "recurring", "call-to-action")
TEXT_KINDS = ("paragraph", "quote", "item", "heading")
MAX_SHARE = 1 / 3
"""No mechanism may remove more than this share of the body's prose characters (link text not counted)..."""
SMALL = 320
"""... unless what it removes is this small, in letters and digits (two or three sentences of a footer)."""

@functools.cache
def lexicon(language: str) -> re.Pattern[str]:
    """One pattern of the call-to-action phrases (``Language.calls_to_action``): English's and the
    language's; every language's when it is not one audiopost has rules for ("" included)."""
    codes = ["en", language] if lang.get(language) is not None else list(lang.CODES)
    words = [w for code in dict.fromkeys(codes) if (rules := lang.get(code)) is not None
             for w in rules.calls_to_action]
    return re.compile(r"\b(" + "|".join(words) + r")", re.I)


CTA_THRESHOLD = 4
"""Two call-to-action phrases, or one with a link in a short block (one phrase in plain prose stays)."""
EDGE_START, EDGE_END = 3, 6
_REFERENCES = re.compile(r"(references?|sources?|bibliography|works cited|referencias|fuentes|bibliograf[ií]a|"
                         r"r[ée]f[ée]rences|bibliographie|quellen|literatur(verzeichnis)?|refer[êe]ncias|fontes|"
                         r"riferimenti|fonti|bibliografia)", re.I)
"""How many blocks from each edge the call-to-action score looks at."""


@dataclass(frozen=True)
class Verdict:
    removals: dict[int, Removal]
    """Block index → why it goes."""
    notes: tuple[str, ...] = ()
    """Mechanisms that kept their hands off, and why."""


def flat(text: str) -> str:
    """Case-folded words, for comparing blocks."""
    return re.sub(r"[\W_]+", " ", unicodedata.normalize("NFKC", text).casefold()).strip()


def template_key(text: str, title: str = "", link: str = "") -> str:
    """A block's text with what differs between a feed's entries masked: the entry's title and link,
    web addresses, numbers (dates, episode numbers, times)."""
    for own in (title, link):
        if len(own) > 3:
            text = text.replace(own, " ")
    text = re.sub(r"https?://\S+|www\.\S+|\S+@\S+\.\w+", " ", text)
    label = re.fullmatch(r"\s*([^:.!?]{1,30}):\s+(.+)", text)
    if label and _words(label[1]) <= 3 and _words(text) <= 12 and not re.search(r"[.!?…]\s*$", text):
        # "Guest: NAME", "Music: TITLE" (not "Note: a sentence."): the label is the template
        return flat(label[1]) + " :"
    return re.sub(r"\d+", "0", flat(text))


def judge(post: Post, removed: Collection[int], language: str, disabled: Collection[str] = ()) -> Verdict:
    """The blocks of ``post`` that evidence says are not the article (``removed``: already gone by rule).

    ``language`` picks the call-to-action lexicon (English and that language's); "" (not known) uses all.
    """
    blocks = post.blocks
    gone = set(removed)
    body = sum(_prose(b) for i, b in enumerate(blocks) if b.kind in TEXT_KINDS and i not in gone) or 1
    out: dict[int, Removal] = {}
    notes: list[str] = []
    steps = {"byline": lambda: _byline(blocks, gone, post.author),
             "recurring": lambda: _recurring(blocks, gone, post.recurring, post.compared),
             "link-dense": lambda: _link_dense(blocks, gone),
             "call-to-action": lambda: _call_to_action(blocks, gone, language)}
    for name in MECHANISMS:
        if name in disabled:
            continue
        found = steps[name]()
        size = sum(_prose(blocks[i]) for i in found)
        if found and size > max(MAX_SHARE * body, SMALL):
            notes.append(f"{name}: would remove {size / body:.0%} of the body's prose ({len(found)} blocks); kept")
            continue
        for i, evidence in found.items():
            out[i] = Removal(name, blocks[i].text.strip(), evidence)
        gone |= set(found)
    return Verdict(out, tuple(notes))


def _prose(block: Block) -> int:
    """Characters of a block that are not link text: what the one-third guard protects."""
    return max(0, word_chars(block.text) - block.links)


def _text_indexes(blocks: Sequence[Block], gone: Collection[int]) -> list[int]:
    return [i for i, b in enumerate(blocks) if b.kind in TEXT_KINDS and i not in gone and b.text.strip()]


def _words(text: str) -> int:
    return len(text.split())


_AUTHOR_LABEL = re.compile(r"(authors?|written by|autor(es|as|a)?|auteure?s?|autor(in|en)?|autori|autore)\s*:",
                           re.I)
_BY = r"(by|written by|posted by|words by|text by|por|par|von|di|de|da)"
_BARE_BY = re.compile(rf"(?i:{_BY})\s*:?\s+[A-Z][\w.'’-]*(\s+[A-Z][\w.'’-]*){{0,3}}\.?")
"""A line that is only "By First Last": a byline, whoever the feed says the author is."""
_CREDIT = re.compile(r"(photo(graph)?s?|images?|pictures?|illustrations?|cover|fotos?|bild|imagen|immagine|"
                     r"cr[ée]dits? photo)\s*(courtesy( of)?|credits?|by|de|von|di|:)", re.I)
"""A picture's credit line ("Photo courtesy of NAME", "Foto: NAME")."""
_TEAM = re.compile(r"(the )?[\w ]{0,30}\b(team|equipo|[ée]quipe|squadra|redacci[oó]n|r[ée]daction|redaktion|"
                   r"redazione|reda[çc][ãa]o|staff|editors)\b[\w ]{0,30}", re.I)


def _signature(text: str, by_author: re.Pattern[str] | None) -> str:
    """What kind of byline ``text`` is: "author" (By AUTHOR), "by" (By First Last), "credit" (Photo: NAME),
    "label" (Author: …), or ""."""
    if by_author and by_author.fullmatch(text) and _words(text) <= 16:
        return "author"
    if _BARE_BY.fullmatch(text):
        return "by"
    if _CREDIT.match(text) and _words(text) <= 10:
        return "credit"
    return "label" if _AUTHOR_LABEL.match(text) and _words(text) <= 60 else ""


def _byline(blocks: Sequence[Block], gone: Collection[int], author: str) -> dict[int, str]:
    """A byline at the top ("By NAME" repeating the author, "Author: NAME, ROLE"), a signature at the end."""
    order = _text_indexes(blocks, gone)
    found: dict[int, str] = {}
    by_author = re.compile(rf"{_BY}\s*:?\s+{re.escape(author.strip())}\b[^.!?]{{0,60}}",
                           re.I) if author.strip() else None
    for i in order[:3]:
        kind = _signature(blocks[i].text.strip(), by_author)
        if kind:
            found[i] = {"author": f"repeats the author ({author})", "by": "a byline at the top",
                        "label": "an author label at the top", "credit": "a picture credit"}[kind]
            break
    for i in order[::-1][:16]:  # a signature may sit above a reference list
        text = blocks[i].text.strip()
        if i in found or blocks[i].kind == "heading":
            continue
        kind = _signature(text, by_author)
        if kind in ("author", "by", "credit"):
            found[i] = {"author": f"signed by the author ({author})", "by": "signed",
                        "credit": "a picture credit"}[kind]
            break
        if i == order[-1] and _words(text) <= 5 and _TEAM.fullmatch(text):
            found[i] = "signed by a team"
            break
    for i in order:  # a picture's credit, wherever the picture stood
        text = blocks[i].text.strip().strip("[]()")
        if i not in found and _CREDIT.match(text) and _words(text) <= 10:
            found[i] = "a picture credit"
    if len(found) == len(order):
        return {}
    return found


def _recurring(blocks: Sequence[Block], gone: Collection[int], counts: Sequence[int], compared: int) -> dict[int, str]:
    """Runs of recurring blocks at the start and at the end of a feed entry."""
    if compared < 1 or len(counts) != len(blocks):
        return {}
    need = 1  # at an edge, one other entry with the same block is already a template
    order = _text_indexes(blocks, gone)
    found: dict[int, str] = {}
    for run in (order, order[::-1]):
        for n, i in enumerate(run):
            if i in found:
                break
            if counts[i] < need:
                # A credits line ("Break: SONG") beside the template is part of it, though its value is new.
                while n and n < len(run) and template_key(blocks[run[n]].text).endswith(" :"):
                    found[run[n]] = "a credits line beside the feed's template"
                    n += 1
                break
            found[i] = f"in {counts[i] + 1} of {compared + 1} entries"
    if len(found) == len(order):  # every block is in other entries too: that is the feed repeating itself
        return {}
    return found


def _density(group: Sequence[Block]) -> float:
    return sum(b.links for b in group) / max(1, sum(word_chars(b.text) for b in group))


def _link_dense(blocks: Sequence[Block], gone: Collection[int]) -> dict[int, str]:
    """Lists and short paragraphs that are mostly link text; headings over only such blocks."""
    order = _text_indexes(blocks, gone)
    groups: list[list[int]] = []
    for i in order:  # consecutive list items are one list
        if groups and blocks[i].kind == "item" and blocks[groups[-1][-1]].kind == "item" and groups[-1][-1] == i - 1:
            groups[-1].append(i)
        else:
            groups.append([i])
    found: dict[int, str] = {}
    for group in groups:
        members = [blocks[i] for i in group]
        if members[0].kind == "heading":
            if _density(members) >= 0.9:  # a card's title, the whole heading a link
                found[group[0]] = "a heading that is all link"
            continue
        density = _density(members)
        words = sum(_words(b.text) for b in members)
        rest = sum(_prose(b) for b in members)  # a sentence naming linked people has words around them
        if (members[0].kind == "item" and density >= 0.5) or (words <= 40 and (density >= 0.75 or
                                                                           (density >= 0.5 and rest <= 40))):
            what = f"list of {len(group)}" if members[0].kind == "item" else "paragraph"
            for i in group:
                found[i] = f"{what}, {density:.0%} link text"
    # The label of a list of links ("Some of the topics we hit on", "Links:") goes with it.
    for n, i in enumerate(order[:-1]):
        after = order[n + 1]
        if i not in found and after in found and blocks[after].kind == "item" and _label(blocks[i]):
            found[i] = "label of a list of links"
    # A heading whose section (up to the next heading that is not itself a link) is all link-dense goes too.
    for n, i in enumerate(order):
        if blocks[i].kind != "heading" or i in found:
            continue
        section = []
        for j in order[n + 1:]:
            if blocks[j].kind == "heading" and j not in found:
                break
            section.append(j)
        body = section
        if body and all(j in found for j in body):
            found[i] = "heading of a section of links only"
            for j in section:
                found.setdefault(j, "heading of a section of links only")
    return found


def _label(block: Block) -> bool:
    """A short line that introduces what follows: no sentence of its own."""
    text = block.text.strip()
    return block.kind in ("paragraph", "heading") and _words(text) <= 14 and (
        text.endswith(":") or not re.search(r"[.!?…]$", text))


def _call_to_action(blocks: Sequence[Block], gone: Collection[int], language: str) -> dict[int, str]:
    """Blocks at the edges that ask the listener to do something else (subscribe, follow, listen on...).

    A closing list of references (a "References" / "Quellen" label, then citations) is no article to hear
    either: it goes, and the calls to action are looked for before it.
    """
    phrases = lexicon(language)
    order = _text_indexes(blocks, gone)
    found: dict[int, str] = {}
    for n in range(max(0, len(order) - 40), len(order)):
        i = order[n]
        if _label(blocks[i]) and _REFERENCES.fullmatch(blocks[i].text.strip().rstrip(":.").strip()):
            if n > 0 and all(blocks[j].kind in ("item", "paragraph") for j in order[n + 1:]):
                for j in order[n:]:
                    found[j] = f"reference list at the end ({len(order) - n - 1} entries)"
                order = order[:n]
            break
    for run in (order[:EDGE_START], order[::-1][:EDGE_END]):
        for i in run:
            if i in found:
                break
            score, why = _cta_score(blocks[i], [phrases])
            if score < CTA_THRESHOLD:
                break
            found[i] = why
    if len(found) == len(order):
        return {}
    return found


def _cta_score(block: Block, lexicon: Sequence[re.Pattern[str]]) -> tuple[int, str]:
    text = block.text
    hits = sorted({m.group(0).lower() for pattern in lexicon for m in pattern.finditer(text)})
    words = _words(text)
    if not hits:
        return 0, ""
    whole = sum(len(h.split()) for h in hits) * 2 >= words  # the block is little more than the call itself
    score = (2 * min(len(hits), 2) + (1 if block.links else 0) + (1 if words <= 30 else 0) + (1 if whole else 0)
             - (2 if words > 80 else 0))
    why = ", ".join(f'"{h}"' for h in hits[:3]) + (", a link" if block.links else "") + \
        (", short" if words <= 30 else "") + (", nothing else" if whole else "")
    return score, f"call to action at the edge: {why} (score {score})"
