"""The text stage's shared machinery: rewrite steps, typography, tidying and web text, for every language.

A language's rules (``text/lang/<code>.py``) are an ordered list of ``Step`` s (str → str) run by
``run``; each step sees only what earlier ones left. The pieces here know no language: web text takes
its words ("dot", "at" …) from the language that calls it.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

log = logging.getLogger("audiopost.text.normalize")

Step = Callable[[str], str]


def sub(pattern: str, repl: str | Callable[[re.Match[str]], str], flags: int = 0) -> Step:
    """A step that rewrites every match of ``pattern``."""
    compiled = re.compile(pattern, flags)

    def step(text: str) -> str:
        return compiled.sub(repl, text)

    step.__name__ = f"sub({pattern[:40]})"
    return step


def run(steps: Iterable[Step], text: str) -> str:
    """``text`` through every step in order."""
    for step in steps:
        text = safely(step, text)
    return text


def safely(step: Step, text: str) -> str:
    """One broken rule must not lose a sentence: the text goes on unchanged and the bug is logged."""
    try:
        return step(text)
    except Exception:  # pragma: no cover - a rule bug, reported rather than raised mid-episode
        log.warning("normalizer step %s failed on %r", getattr(step, "__name__", step), text, exc_info=True)
        return text


def ends(m: re.Match[str], before_capital: bool = True) -> str:
    """The period an abbreviation ate ("etc.", "p.m.", "U.S.") comes back where it also ended a sentence:
    at the end of the text or, in a paragraph, before a capital letter. Mid-sentence it is dropped,
    because espeak-ng ends the clause at any period ("the U.S. Army" → a pause before "Army")."""
    if not m.group(0).endswith("."):
        return ""
    if m.string[m.end():].lstrip(" ")[:1] in ("\"", "'", ")", "]", "”", "’"):  # "(… the U.S.)": the period closes
        return "."  # a sentence inside the brackets or quotes, and a second pass must read it the same way
    rest = m.string[m.end():].lstrip(" \"')]")
    if not rest or not rest[0].isalnum():  # end of text, or punctuation such as "(": as a sentence period would
        return "."
    new_sentence = before_capital and m.string[m.end():m.end() + 1].isspace() and rest[0].isupper()
    return "." if new_sentence else ""


def spaced(m: re.Match[str], words: str) -> str:
    """``words`` with a space on each side where the match touched a letter ("5km" → " five km")."""
    before = " " if m.start() > 0 and m.string[m.start() - 1].isalnum() else ""
    after = " " if m.end() < len(m.string) and m.string[m.end()].isalnum() else ""
    return f"{before}{words}{after}"


# --------------------------------------------------------------------------- typography

_TYPOGRAPHY = str.maketrans({
    "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"', "‹": "'", "›": "'",
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'", "´": "'",
    "…": "...", "\u2212": "-", "\u2010": "-", "\u2011": "-", "⁄": "/", "∕": "/",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\t": " ", "\n": " ", "\r": " ",
    "\u200b": "", "\u200c": "", "\u200d": "", "\u2060": "", "\ufeff": "", "\u00ad": "",
    # Other C0 control characters (bell, escape, form feed …) are never spoken: a space keeps words apart.
    **{chr(c): " " for c in range(32) if chr(c) not in "\t\n\r"}, "\x7f": " ",
})
_STRAY = re.compile(r"[*#|•·_~^\\]+")
_KEEP_SYMBOLS = frozenset("°$€£¥₹¢%‰+<=>~±×÷≈≤≥→←&@/§½¼¾⅓⅔⅕⅛⅜⅝⅞²³ºª")


def typography(text: str) -> str:
    """Curly quotes, guillemets, dashes and odd spaces to plain ones; emoji and pictographs dropped."""
    text = text.translate(_TYPOGRAPHY)
    if not text.isascii():
        text = "".join(_char(ch) for ch in text)
    return text


def _char(ch: str) -> str:
    """Emoji, pictographs and control characters are never spoken (espeak-ng reads emoji names)."""
    if ch in _KEEP_SYMBOLS:
        return ch
    cat = unicodedata.category(ch)
    if cat in ("Cc", "Zl", "Zp", "Zs"):
        return " "
    if cat in ("So", "Sk", "Sm", "Cf", "Co", "Cs", "Cn", "Me") or ch in "\ufe0f\ufe0e":
        return " " if cat in ("So", "Sm") else ""
    if cat == "No" and not ch.isdigit():
        return " "  # ① and friends
    return ch


def number_dashes(text: str) -> str:
    """An en or em dash between numbers is a range ("3–4"), read by the number rules, not a pause."""
    return re.sub(r"(?<=\d)\s*[–—]\s*(?=[\d$€£¥₹])", "-", text)


def dashes(text: str) -> str:
    """Em/en dashes and spaced hyphens between words are a pause: ", "."""
    text = re.sub(r"(?<=\d)\s*[–—]\s*(?=\d)", "-", text)
    text = re.sub(r"\s*(?:[—–]|--+)\s*", ", ", text)
    return re.sub(r"(?<!\w)-+(?!\w)|(?:^|(?<=\s))-+", ", ", text)


def tidy(text: str) -> str:
    """Whitespace and punctuation left over from the rewrites, tidied until nothing changes."""
    text = _STRAY.sub(" ", text)
    for _ in range(5):
        before = text
        text = _tidy_once(text)
        if text == before:
            break
    return text


def _tidy_once(text: str) -> str:
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r"([!?])[!?.]*(?=[!?])", r"\1", text)
    text = re.sub(r"(?<!\.)\.\.(?!\.)", ".", text)
    text = re.sub(r"\.{4,}", "...", text)
    text = re.sub(r"(?<!\.)\.(?=[!?,;:])", "", text)
    text = re.sub(r"[,;:]+(?=[,.;:!?])", "", text)
    text = re.sub(r"([(\[])\s+", r"\1", text)
    text = re.sub(r"\(\s*\)|\[\s*\]", " ", text)
    return text.strip(" ,;:")


def capitalize(text: str) -> str:
    """A sentence starts with a capital even when its first word was a number or a shouted word. Only a
    lower-case letter with a one-letter capital changes ("ß" stays: "SS" would read as an initialism)."""
    def upper(m: re.Match[str]) -> str:
        first = m.group(2)[0]
        if not first.islower() or len(first.upper()) != 1 or m.group(2)[1:2].isupper():
            return m.group(0)
        return m.group(1) + first.upper() + m.group(2)[1:]

    return re.sub(r"(?:^|(?<=[.!?]\s))([\"'(¿¡]?)([^\W\d_][\w'-]*)\b", upper, text)


def basic(text: str) -> str:
    """The only rules a language audiopost does not know gets."""
    text = text.translate(_TYPOGRAPHY)
    text = re.sub(r"(?<=\d)\s*[–—]\s*(?=\d)", "-", text)
    text = re.sub(r"\s*(?:[—–]|--+)\s*", ", ", text)
    return tidy(text)


# --------------------------------------------------------------------------- web text


@dataclass(frozen=True)
class WebWords:
    """How a language says the parts of web addresses, e-mail, hashtags and handles."""

    dot: str = "dot"
    at: str = "at"
    dash: str = "dash"
    underscore: str = "underscore"
    plus: str = "plus"
    number: str = "number"
    """"#5" → "number five"."""


TLDS = ("com|org|net|edu|gov|mil|int|io|ai|dev|app|co|uk|de|fr|nl|eu|ca|au|nz|jp|cn|ru|br|es|se|ch|"
        "info|biz|xyz|tech|blog|news|site|online|store|page|tv|fm|ly|gg|sh|cc|ws|social|cloud|club|"
        "design|media|world|today|email|link|pro|dk|fi|pl|pt|ie|be|at|it|ly|museum|coop|aero|travel|"
        "mx|ar|cl|pe|uy|ve|cat|gal|eus|lu|li|ao|mz|sm|va|re|qc|bzh|paris|berlin|wien|swiss")
_URL = re.compile(r"\b(?:https?://|ftp://|www\.)[^\s<>\"]+", re.I)
_DOMAIN = (rf"(?<![\w@./-])((?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+(?:{TLDS}))(?![\w@-])"
           r"(?:/[^\s<>\"]*)?")
_EMAIL = r"(?<![\w.+-])([\w.+-]+)@((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,})(?!\w)"
_TRAILING = ".,;:!?)]}'\""


def camel(word: str) -> str:
    """"AllThatsLeftPod" → "All Thats Left Pod"; "NYTimes" → "NY Times"; "the_verge" → "the verge"."""
    word = word.replace("_", " ")
    word = re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[^\W\d])(?=\d)|(?<=\d)(?=[^\W\d])",
                  " ", word)
    return word.strip()


def web_steps(words: WebWords = WebWords()) -> list[Step]:
    """URLs read as their site name ("example dot com", paths dropped), e-mail addresses, bare domains,
    "#5", hashtags and handles."""
    def host(name: str) -> str:
        name = re.sub(r"^(?:www\d?\.)", "", name.lower())
        return f" {words.dot} ".join(label.replace("-", f" {words.dash} ") for label in name.split(".") if label)

    def url(m: re.Match[str]) -> str:
        text, tail = m.group(0), ""
        while text and text[-1] in _TRAILING:
            tail, text = text[-1] + tail, text[:-1]
        name = re.sub(r"^[a-z]+://", "", text, flags=re.I)
        name = re.split(r"[/?#:]", name.split("@")[-1], maxsplit=1)[0]
        return spaced(m, host(name)) + tail

    def domain(m: re.Match[str]) -> str:
        tail = m.group(0)[len(m.group(1)):][-1:]
        return spaced(m, host(m.group(1))) + (tail if tail in _TRAILING and tail else "")

    said = {".": f" {words.dot} ", "_": f" {words.underscore} ", "+": f" {words.plus} ", "-": f" {words.dash} "}

    def email(m: re.Match[str]) -> str:
        local = re.sub(r"[._+-]", lambda s: said[s.group(0)], m.group(1))
        return f"{local} {words.at} {host(m.group(2))}"

    return [
        sub(_URL.pattern, url, re.I),
        sub(_EMAIL, email),
        sub(_DOMAIN, domain),
        sub(r"(?<![\w&])#(?=\d)", f"{words.number} "),
        sub(r"(?<![\w&])#([^\W\d][\w]*)", lambda m: camel(m.group(1))),
        sub(r"(?<![\w.])@([^\W\d][\w]*)", lambda m: camel(m.group(1))),
        sub(r"\s@\s", f" {words.at} "),
    ]


# --------------------------------------------------------------------------- Roman numerals

_ROMAN = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman_value(numeral: str) -> int | None:
    """"XIV" → 14; None when it is not a well-formed numeral."""
    if not numeral or not _ROMAN.fullmatch(numeral):
        return None
    total = 0
    for ch, nxt in zip(numeral, [*numeral[1:], ""], strict=True):
        value = _ROMAN_VALUES[ch]
        total += -value if nxt and _ROMAN_VALUES[nxt] > value else value
    return total


# --------------------------------------------------------------------------- numbers with a language's separators


def number_pattern(group: str = r"\.", decimal: str = ",") -> str:
    """A written number with thousands groups (``group``: a regex of the separator, "\\." or "[ .]") and an
    optional decimal part: "7", "1.500", "2.500.000", "2,5", "1.234,56" with the defaults."""
    return rf"(?:\d{{1,3}}(?:{group}\d{{3}})+|\d+)(?:{re.escape(decimal)}\d+)?"


def parse_number(text: str, group: str = r"\.", decimal: str = ",") -> tuple[bool, str, str]:
    """"-1.500,25" → (True, "1500", "25"): the sign, the whole part's digits and the decimal digits."""
    text = text.strip()
    negative = text[:1] in "-−"
    text = text.lstrip("-−")
    whole, _, frac = text.partition(decimal)
    return negative, re.sub(group, "", whole), frac


@dataclass(frozen=True)
class Numbers:
    """A language's way of saying plain numbers, around num2words."""

    lang: str
    """num2words's language code ("es", "fr", "de", "pt", "it")."""
    point: str
    """The decimal separator's word: "coma", "virgule", "Komma", "vírgula", "virgola"."""
    minus: str
    """"menos", "moins", "minus", "menos", "meno"."""
    digitwise: bool = False
    """Decimals said digit by digit ("drei Komma eins vier", German) rather than as a number
    ("tres coma catorce", the Romance languages)."""
    group: str = r"\."
    decimal: str = ","

    def cardinal(self, n: int) -> str:
        from num2words import num2words

        if abs(n) >= 10**15:
            return (f"{self.minus} " if n < 0 else "") + self.digits(str(abs(n)))
        return str(num2words(n, lang=self.lang))

    def digits(self, digits: str) -> str:
        """One digit word each: "007" → "cero cero siete"."""
        return " ".join(self.cardinal(int(d)) for d in digits if d.isdigit())

    def say(self, text: str) -> str:
        """Any written number in this language's separators: "1.500" → "mil quinientos", "2,5", "-3"."""
        negative, whole, frac = parse_number(text, self.group, self.decimal)
        sign = f"{self.minus} " if negative else ""
        if len(whole) > 1 and whole.startswith("0") and not frac:
            return sign + self.digits(whole)  # "007", a code, not a quantity
        words = self.cardinal(int(whole)) if whole else self.cardinal(0)
        if frac:
            if self.digitwise or frac.startswith("0") or len(frac) > 3:
                words += f" {self.point} {self.digits(frac)}"
            else:
                words += f" {self.point} {self.cardinal(int(frac))}"
        return sign + words


# --------------------------------------------------------------------------- initialisms


def spell(letters: str) -> str:
    """"CIA" → "C.I.A": dotted letters are the one written form espeak-ng spells letter by letter in every
    position, in every language (a spaced capital "A" is read as a word; "UE" as one syllable)."""
    return ".".join(letters)


def dotted_initialisms(capitals: str = "A-Z") -> Step:
    """"U.S." → "U.S", "EE.UU." stays letters; the final period comes back at the end of a sentence
    (``ends``). ``capitals``: the capital letters of the language, as a character class body."""
    c = capitals
    return sub(rf"(?<![\w.])(?:[{c}]\.){{1,}}[{c}](?![\w])\.?(?![\w.])|(?<![\w.])(?:[{c}]\.){{2,}}(?![\w.])",
               lambda m: spell(m.group(0).replace(".", "")) + ends(m))
