"""English: written forms rewritten as an American newsreader would say them.

The steps run in order and each sees only what earlier ones left (a URL must be read before its dots
look like decimals, money before plain numbers, every specific number form before the catch-all that
reads any remaining digits).

Choices checked against ``espeak-ng -q -x`` (phoneme output), see benchmarks/espeak_cases.py:

* Initialisms are written as dotted letters, "CIA" → "C.I.A". espeak-ng reads a spaced capital "A"
  that is followed by a word as the article ("C I A agents" → "see eye uh agents"); the dotted form is
  spelled letter by letter in every position.
* Acronyms said as words (``ACRONYMS_AS_WORDS``) become capitalized words, "NASA" → "Nasa".
* "AM"/"PM" stay in capitals after a time: "eleven AM" is said "ay em", "a m" is not.
* URLs are read as their site name ("example dot com"); paths and queries are dropped.
* The output never contains a digit: every number is spelled out, so the engine never guesses.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from datetime import date
from functools import lru_cache

from num2words import num2words

from audiopost.text.lang import Language
from audiopost.text.rules import (
    Step,
    WebWords,
    capitalize,
    dashes,
    dotted_initialisms,
    ends,
    roman_value,
    run,
    spaced,
    spell,
    typography,
    web_steps,
)
from audiopost.text.rules import number_dashes as _range_dashes
from audiopost.text.rules import sub as _sub
from audiopost.text.rules import tidy as _tidy

_ends = ends
_spaced = spaced

ACRONYMS_AS_WORDS: set[str] = {
    "NASA", "NATO", "UNESCO", "UNICEF", "FIFA", "UEFA", "SCOTUS", "POTUS", "FLOTUS", "OPEC", "NAFTA",
    "ASEAN", "AIDS", "COVID", "SARS", "MERS", "ICE", "FEMA", "OSHA", "DARPA", "CERN", "IKEA", "LEGO",
    "SWAT", "NIMBY", "YOLO", "FOMO", "RADAR", "LASER", "SCUBA", "INTERPOL", "NASDAQ", "AWOL", "BAFTA",
    "DEFCON", "JSON", "YAML", "GIF", "PIN", "RAM", "ROM", "WASP", "TED", "ANZAC", "OFCOM", "OFSTED",
    "EULA", "CAPTCHA", "SIM", "ZIP", "GULAG", "SEAL", "SEALS", "MENA", "NOAA", "ESA", "WAN", "LAN",
}
"""Acronyms said as words. "ICE" (the US agency) is said "ice", so it is here, not spelled out."""

KNOWN_INITIALISMS = frozenset(
    "AI API CIA FBI NSA CEO CFO CTO COO DNA RNA CPU GPU USA EU UN UK BBC CNN NBC ABC CBS NPR HTML CSS "
    "PDF URL USB TV DIY FAQ IPO GDP IRS IMF EPA FDA CDC NHS MIT UCLA NYU PR HR IT US UAE LGBT LGBTQ "
    "SUV ATM ID VPN DVD CD PC SQL SMS MVP NFL NBA MLB NHL UFC BMW VW HP IBM AMD AT NY LA DC".split()
)
"""Initialisms that stay spelled even inside a shouted all-caps run ("THE FBI IS HERE")."""

_SHOUT_WORDS = frozenset(
    "A ALL ALSO AN AND ANY ARE AS ASK AT AWAY BAD BE BEST BIG BUT BUY BY CAN COME COOL DAY DEAD DID DO "
    "DONE DONT DOWN EACH EPIC EVEN EVER FAST FEW FINE FOR FREE FROM FUN GET GO GOD GOOD GOT HAD HAS HATE "
    "HAVE HE HELP HER HERE HEY HI HIM HIS HOT HOW HUGE IF IN INTO IS ITS JUST KEEP KILL LAST LATE LESS "
    "LIKE LIVE LOL LONG LOOK LOST LOT LOVE MADE MAKE MANY MAY ME MORE MOST MUCH MUST MY NEED NEVER NEW "
    "NEWS NEXT NICE NO NONE NOR NOT NOW OF OFF OH OLD ON ONE ONLY OR OUR OUT OVER OWN PLAY READ REAL RIP "
    "RUN SAD SALE SAID SAME SAVE SAY SEE SHE SHOW SO SOME STOP SUCH SURE TAKE THAN THAT THE THEM THEN "
    "THEY THIS TO TOO TOP TRUE TRY TWO UP UPON VERY WAIT WANT WAS WAY WE WELL WENT WERE WHAT WHEN WHO "
    "WHY WILL WIN WITH WORK WOW YES YET YOU YOUR".split()
)
"""Short all-caps words that are shouted English when they stand alone ("this is NOT a drill")."""

_REGNAL_NAMES = frozenset(
    "Elizabeth Charles Henry Louis George Edward William James Richard John Paul Pius Benedict Leo "
    "Gregory Napoleon Catherine Peter Alexander Nicholas Frederick Philip Mary Victoria Ramesses Felipe "
    "Constantine Innocent Clement Urban Boniface Henri Carlos Gustav Olav Harald Haakon Christian "
    "Wilhelm Friedrich Ludwig Otto Ivan Selim Suleiman Mehmed Rama Willem Albert Umberto Ferdinand "
    "Isabella Anne Francis Sixtus Alfonso Pedro Manuel Joseph Leopold Franz Karl Rudolf Ptolemy Darius "
    "Cyrus Xerxes Thutmose Amenhotep David Malcolm Robert Stephen Matilda Harold Canute Edmund Alfred "
    "Juan Margrethe Frederik Baudouin Sobhuza Mswati Akihito Hirohito Naruhito".split()
)
"""Names after which a lone I, V or X is a regnal number ("Charles I", "Henry V") and not a word."""

_ROMAN_TRIGGERS = frozenset(
    "War Bowl Part Chapter Volume Book Act Scene Phase Episode Season Apollo Gemini Type Class Mark "
    "Title Article Section Round Stage Level Grade Category Appendix Vatican Rocky Fantasy Auto "
    "Civilization Schedule Tier Division Clause Canto Psalm Unit Lesson Game Figure".split()
)
"""Words after which a Roman numeral is a plain number: "World War two", "Super Bowl fifty-eight"."""

_MONTHS = ("January February March April May June July August September October November "
           "December").split()
_MONTH_ABBR = {"jan": "January", "feb": "February", "mar": "March", "apr": "April", "jun": "June",
               "jul": "July", "aug": "August", "sep": "September", "sept": "September",
               "oct": "October", "nov": "November", "dec": "December"}
_MONTH_RE = (r"(January|February|March|April|May|June|July|August|September|October|November|December"
             r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)")

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
"""A written number: 7, 2,500,000, 6.8, 1,234.56."""
_SNUM = r"(?:(?<![\w.,])-)?" + _NUM
"""A number with an optional minus sign that is not a hyphen inside a word or range."""
_LEFT = r"(?<![\w.,/:-])"
"""Start of a number that is not the tail of another number, word, time or fraction."""

# --------------------------------------------------------------------------- number words


def _us(words: str) -> str:
    """num2words writes British "one hundred and one", "two million, five hundred"; US style drops both."""
    return words.replace(" and ", " ").replace(",", "")


_DIGIT_WORDS = "zero one two three four five six seven eight nine".split()


def _digits(digits: str) -> str:
    """Digit by digit, for numbers too long to say as one (and for the part after a decimal point)."""
    return " ".join(_DIGIT_WORDS[int(d)] for d in digits)


@lru_cache(maxsize=4096)
def cardinal(n: int) -> str:
    """2500000 → "two million five hundred thousand"; -5 → "minus five"."""
    if abs(n) >= 10**15:
        return ("minus " if n < 0 else "") + _digits(str(abs(n)))
    return _us(num2words(n))


@lru_cache(maxsize=1024)
def ordinal(n: int) -> str:
    """101 → "one hundred first" (US style, no "and")."""
    if n < 0 or n >= 10**15:
        return cardinal(n)
    return _us(num2words(n, to="ordinal"))


@lru_cache(maxsize=1024)
def year(n: int) -> str:
    """1998 → "nineteen ninety-eight", 2005 → "two thousand five", 1905 → "nineteen oh five"."""
    if not 1000 <= n <= 2999:
        return cardinal(n)
    return _us(num2words(n, to="year")).replace("oh-", "oh ")


def _plural(words: str) -> str:
    """The plural of the last number word: "nineteen sixty" → "nineteen sixties"."""
    if words.endswith("y"):
        return words[:-1] + "ies"
    if words.endswith("x"):
        return words + "es"
    return words + "s"


def number(text: str) -> str:
    """Any written number: "2,500,000", "-5", "0.75" → "zero point seven five", ".5" → "point five"."""
    text = text.replace(",", "")
    sign = ""
    if text[:1] in "-−":
        sign, text = "minus ", text[1:]
    whole, _, frac = text.partition(".")
    if len(whole) > 1 and whole.startswith("0") and not frac:
        return sign + _digits(whole)  # "007", a code, not a quantity
    words = cardinal(int(whole)) if whole else ""
    if frac:
        words = f"{words} point {_digits(frac)}".strip()
    return sign + words


def _is_one(text: str) -> bool:
    """Whether a quantity takes the singular: "1 km", "-1 °C"; "1.0" and "1.5" do not."""
    return text.lstrip("-−") == "1"


def _fraction(num: int, den: int) -> str:
    """2/3 → "two thirds", 1/2 → "one half", 3/4 → "three quarters"."""
    if den in (0, 1) or den > 1000:
        return f"{cardinal(num)} over {cardinal(den)}"
    name = {2: "half", 4: "quarter"}.get(den) or ordinal(den)
    if num != 1:
        name = "halves" if den == 2 else _plural(name)
    return f"{cardinal(num)} {name}"


# --------------------------------------------------------------------------- fixed tokens

_TOKENS: list[tuple[str, str | Callable[[re.Match[str]], str]]] = [
    (r"(?<!\w)C\+\+(?!\w)", "C plus plus"), (r"(?<!\w)([CF])#(?!\w)", r"\1 sharp"),
    (r"(?<![\w.])\.NET\b", "dot net"), (r"(?<!\w)[Ww]/o(?!\w)", "without"),
    (r"(?<!\w)[Ww]/(?=\s|[^\W\d])", "with "), (r"(?<!\w)[Bb]/[Cc](?!\w)", "because"),
    (r"(?<![\w/])24/7(?![\w/])", "twenty-four seven"), (r"(?<![\w/])9/11(?![\w/])", "nine eleven"),
    (r"(?<![\w/])50/50(?![\w/])", "fifty-fifty"), (r"(?<!\w)and/or(?!\w)", "and or"),
    (r"(?<!\w)(?:a\.k\.a\.|aka)(?!\w)", "also known as"), (r"(?<!\w)Ph\.?D\.?s(?!\w)", "P.H.D's"),
    (r"(?<!\w)Ph\.?D(?:\.|(?!\w))", "P.H.D"), (r"(?<!\w)WW\s?(?:II|2)(?!\w)", "World War two"),
    (r"(?<!\w)WW\s?(?:I|1)(?!\w)", "World War one"), (r"\[\d+\]", ""),
    (r"(?<![\w&])([A-Z]{1,3})&([A-Z]{1,3})(?![\w&])",
     lambda m: f"{spell(m.group(1))} and {spell(m.group(2))}"),  # AT&T, R&D, Q&A
    (r"(?<!\w)(\d+)\s?([48])K(?=\s+(?:video|TV|TVs|display|resolution|monitor|screen|camera|HDR))", r"\1\2 K"),
    (r"(?<![\w.])([48])K(?=\s+(?:video|TV|TVs|display|displays|resolution|monitors?|screens?|cameras?))", r"\1 K"),
]
_FIXED: list[Step] = [_sub(p, r) for p, r in _TOKENS]

# --------------------------------------------------------------------------- abbreviations

_TITLES = {"Dr": "Doctor", "Mr": "Mister", "Mrs": "Missus", "Ms": "Miz", "Mx": "Mix", "Prof": "Professor",
           "Gen": "General", "Sen": "Senator", "Rep": "Representative", "Gov": "Governor",
           "Lt": "Lieutenant", "Col": "Colonel", "Capt": "Captain", "Sgt": "Sergeant", "Rev": "Reverend",
           "Pres": "President", "Hon": "Honorable", "Maj": "Major", "Adm": "Admiral", "Fr": "Father",
           "Mt": "Mount", "Ft": "Fort", "Supt": "Superintendent", "Cpl": "Corporal", "Pvt": "Private"}
_AFTER_NAME = {"Ave": "Avenue", "Blvd": "Boulevard", "Rd": "Road", "Hwy": "Highway", "Ln": "Lane",
               "Inc": "Incorporated", "Ltd": "Limited", "Corp": "Corporation", "Co": "Company",
               "Bros": "Brothers", "Jr": "Junior", "Sr": "Senior", "Pl": "Place", "Sq": "Square"}
_PLAIN = [(r"e\.\s?g\.", "for example"), (r"i\.\s?e\.", "that is"), (r"etc\.?", "et cetera"),
          (r"[Vv]s\.?", "versus"), (r"approx\.?", "approximately"), (r"[Aa]pprox\.", "approximately"),
          (r"cf\.", "compare"), (r"et al\.?", "and colleagues"), (r"[Dd]ept\.", "department"),
          (r"[Uu]niv\.", "university"), (r"[Ii]ntl\.", "international"), (r"[Gg]ovt\.", "government"),
          (r"[Aa]pt\.", "apartment"), (r"[Ee]st\.(?=\s\d)", "established"),
          (r"(?:ca|c)\.(?=\s?\d)", "circa"), (r"[Ff]ig\.(?=\s?\d)", "figure"), (r"Figs\.", "figures"),
          (r"[Vv]ol\.", "volume"), (r"[Vv]ols\.", "volumes"), (r"[Cc]h\.(?=\s?\d)", "chapter"),
          (r"[Ss]ec\.(?=\s?\d)", "section"), (r"pp\.(?=\s?\d)", "pages"), (r"p\.(?=\s?\d)", "page"),
          (r"[Ee]p\.(?=\s?\d)", "episode"), (r"[Nn]os\.(?=\s?\d)", "numbers"), (r"[Nn]o\.(?=\s?\d)", "number"),
          (r"[Ee]xt\.(?=\s?\d)", "extension"), (r"[Tt]el\.(?=\s?\d)", "telephone"),
          (r"(?<=[a-z]\s)v\.(?=\s[A-Z])", "versus")]


def _keep_case(word: str, m: re.Match[str]) -> str:
    """"Vol." at the start of a sentence stays capitalized ("Volume"); mid-sentence it is "volume"."""
    starts = not m.string[:m.start()].strip(" \"'(")
    return word[:1].upper() + word[1:] if starts and m.group(0)[:1].isupper() else word


def _plain_abbr(pattern: str, word: str) -> Step:
    keeps = word in ("et cetera", "and colleagues")  # the only ones that end sentences

    def repl(m: re.Match[str]) -> str:
        return _keep_case(word, m) + _ends(m, before_capital=keeps)

    return _sub(rf"(?<![\w.]){pattern}(?![\w])", repl)


def _titles(text: str) -> str:
    """"Dr. Smith" → "Doctor Smith"; "Dr Smith" (British) too, but only before a capitalized name."""
    def repl(m: re.Match[str]) -> str:
        return _TITLES[m.group(1)]

    pattern = r"(?<![\w.])(" + "|".join(_TITLES) + r")(\.)?(?=\s+(?:[A-Z]|&|and\b))"
    text = re.sub(pattern, repl, text)
    # With a period these have no other reading, whatever follows ("Mr. and Mrs.", "the Prof. said").
    return re.sub(r"(?<![\w.])(Mr|Mrs|Ms|Mx|Prof)\.", lambda m: _TITLES[m.group(1)] + _ends(m), text)


def _street(text: str) -> str:
    """St. before a capitalized name is Saint ("St. Louis"); after a name or number it is Street."""
    text = re.sub(r"(?<![\w.])St\.?(?=\s+[A-Z])(?!\s+[A-Z]\w*\s*$)", "Saint", text)
    text = re.sub(r"(?<![\w.])Ste\.?(?=\s+[A-Z])", "Sainte", text)

    def street(m: re.Match[str]) -> str:
        return m.group(1) + {"St": "Street", "Dr": "Drive"}[m.group(2)] + _ends(m)

    not_a_name = "The|A|An|In|On|At|To|From|And|Or|Of|With|By|Near|Via|Versus"
    text = re.sub(rf"((?<![\w.])(?!(?:{not_a_name})\s)(?:[A-Z]\w*|\d\w*)\s+)(St|Dr)\.?(?!\w)", street, text)
    return re.sub(r"(?<![\w.])Dr\.(?!\w)", lambda m: "Doctor" + _ends(m), text)


def _after_name(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        return m.group(1) + _AFTER_NAME[m.group(2)] + _ends(m)

    return re.sub(r"((?:[A-Z]\w*|\d\w*),?\s+)(" + "|".join(_AFTER_NAME) + r")\.(?!\w)", repl, text)


def _month_abbr(text: str) -> str:
    """"Feb." → "February"; without a period only next to a day or year ("Feb 14")."""
    def repl(m: re.Match[str]) -> str:
        return _MONTH_ABBR[m.group(1).lower()] + ("." if _ends(m) and m.group(2) else "")

    text = re.sub(r"(?<![\w.])(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(\.)(?!\w)", repl, text)
    return re.sub(r"(?<![\w.])(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)()(?=\s+\d)", repl, text)


_ABBREVIATIONS: list[Step] = [_month_abbr, _titles, _street, _after_name,
                              *(_plain_abbr(p, w) for p, w in _PLAIN)]

# --------------------------------------------------------------------------- dates and times


def _month(token: str) -> str:
    token = token.rstrip(".")
    return _MONTH_ABBR.get(token.lower(), token)


def _valid_day(day: str) -> bool:
    return day.isascii() and 1 <= int(day) <= 31


def _month_day(m: re.Match[str]) -> str:
    """"Feb 14, 2025" → "February fourteenth, twenty twenty-five"."""
    if not _valid_day(m.group(2)):
        return m.group(0)
    said = f"{_month(m.group(1))} {ordinal(int(m.group(2)))}"
    return f"{said}, {year(int(m.group(3)))}" if m.group(3) else said + _ends(m)


def _day_month(m: re.Match[str]) -> str:
    """"14 February 2025" → "the fourteenth of February, twenty twenty-five"."""
    if not _valid_day(m.group(2)):
        return m.group(0)
    article = "" if m.group(1) else "the "
    said = f"{m.group(1) or ''}{article}{ordinal(int(m.group(2)))} of {_month(m.group(3))}"
    return f"{said}, {year(int(m.group(4)))}" if m.group(4) else said + _ends(m)


def _numeric_date(y: int, mo: int, d: int) -> str | None:
    if 1 <= mo <= 12 and 1 <= d <= 31:
        return f"{_MONTHS[mo - 1]} {ordinal(d)}, {year(y)}"
    return None


def _iso(m: re.Match[str]) -> str:
    said = _numeric_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if said is None:
        return m.group(0)
    return said + (f" at {m.group(4)}" if m.group(4) else "")


def _slash_date(m: re.Match[str]) -> str:
    """US order first (3/9/2025 is March 9); a first number above 12 means day/month."""
    a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    return _numeric_date(y, a, b) or _numeric_date(y, b, a) or m.group(0)


def _dotted_date(m: re.Match[str]) -> str:
    """European day.month.year: 09.03.2025 → March ninth."""
    return _numeric_date(int(m.group(3)), int(m.group(2)), int(m.group(1))) or m.group(0)


def _year_month(m: re.Match[str]) -> str:
    """"2025-03" (ISO year-month) → "March twenty twenty-five"."""
    return f"{_MONTHS[int(m.group(2)) - 1]} {year(int(m.group(1)))}"


_DATES: list[Step] = [
    _sub(r"(?<![\w-])(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
         r"(?![\w-])", _iso),
    _sub(r"(?<![\w/.])(\d{1,2})/(\d{1,2})/(\d{4})(?![\w/])", _slash_date),
    _sub(r"(?<![\w.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\w.]|\.\d)", _dotted_date),
    _sub(r"(?<![\w-])(\d{4})-(0[1-9]|1[0-2])(?![\w-])",
         lambda m: _year_month(m) if int(m.group(2)) <= int(m.group(1)[2:]) else m.group(0)),
    _sub(rf"\b{_MONTH_RE}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?![\w:.,]\d|\d)(?:,?\s+(\d{{4}})(?!\d))?", _month_day),
    _sub(rf"(?<![\w.,])(the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE}(?![\w])"
         rf"(?:,?\s+(\d{{4}})(?!\d))?", _day_month, re.I),
]

_AMPM = r"(?P<ampm>[ap]\.\s?m\.|[AP]\.\s?M\.|[ap]m|[AP]M)(?![\w])"


def _meridiem(m: re.Match[str]) -> str:
    return " AM" if m.group("ampm")[0] in "aA" else " PM"


def _clock(m: re.Match[str]) -> str:
    """"7:45 p.m." → "seven forty-five PM"; "18:00" → "eighteen hundred"; "9:05" → "nine oh five"."""
    h, mins, secs = int(m.group("h")), int(m.group("m")), m.group("s")
    ampm = m.group("ampm")
    if h > 24 or mins > 59 or (ampm and not 1 <= h <= 12):
        return m.group(0)
    if secs is not None:
        if int(secs) > 59:
            return m.group(0)
        parts = [(h, "hour"), (mins, "minute"), (int(secs), "second")]
        return " ".join(f"{cardinal(n)} {unit}{'' if n == 1 else 's'}" for n, unit in parts if n) or "zero seconds"
    if h == 0 and mins == 0 and not ampm:
        return "midnight"
    said = cardinal(h)
    if mins == 0:
        said += "" if ampm else (" hundred" if h > 12 or (m.group("h").startswith("0") and h) else " o'clock")
    else:
        said += f" oh {cardinal(mins)}" if mins < 10 else f" {cardinal(mins)}"
    if ampm:
        said += _meridiem(m) + _ends(m)
    return said


def _hour(m: re.Match[str]) -> str:
    h = int(m.group("h"))
    if not 1 <= h <= 12:
        return m.group(0)
    return cardinal(h) + _meridiem(m) + _ends(m)


_TIMES: list[Step] = [
    _sub(r"(?<![\w:.])12(?::00)?\s?(noon|midnight)\b", r"\1"),
    _sub(rf"(?<![\w:.,])(?P<h>\d{{1,2}}):(?P<m>\d{{2}})(?::(?P<s>\d{{2}}))?(?![\d:]|\.\d)(?:\s?{_AMPM})?", _clock),
    _sub(rf"(?<![\w:.,])(?P<h>\d{{1,2}})\s?{_AMPM}", _hour),
]

# --------------------------------------------------------------------------- initialisms


_DOTTED = dotted_initialisms()

# --------------------------------------------------------------------------- money

_CURRENCIES = {"$": ("dollar", "dollars", "cent", "cents"), "€": ("euro", "euros", "cent", "cents"),
               "£": ("pound", "pounds", "penny", "pence"), "¥": ("yen", "yen", "sen", "sen"),
               "₹": ("rupee", "rupees", "paisa", "paise")}
_CODES = {"US": "U.S ", "U.S.": "U.S ", "A": "Australian ", "AU": "Australian ", "C": "Canadian ",
          "CA": "Canadian ", "NZ": "New Zealand ", "HK": "Hong Kong ", "S": "Singapore "}
_SCALES = {"k": "thousand", "K": "thousand", "m": "million", "M": "million", "mn": "million",
           "mil": "million", "b": "billion", "B": "billion", "bn": "billion", "t": "trillion",
           "T": "trillion", "tn": "trillion", "thousand": "thousand", "million": "million",
           "billion": "billion", "trillion": "trillion"}
_SCALE_RE = r"(?:(?P<suf>bn|mn|tn|mil|[kKmMbBtT])(?![\w])|\s+(?P<word>thousand|million|billion|trillion)\b)"
_MONEY = re.compile(
    rf"(?P<neg>(?<![\w.,])-)?(?P<code>US|U\.S\.|AU|NZ|HK|CA|A|C|S)?(?P<sym>[$€£¥₹])\s?(?P<num>{_NUM})"
    rf"(?:\s?(?:-|to)\s?(?:US|A|C)?[$€£¥₹]?(?P<num2>{_NUM}))?{_SCALE_RE}?(?![\w])")


def _amount(num: str, sym: str) -> str:
    """"12.99" in pounds → "twelve pounds ninety-nine"; "0.50" dollars → "fifty cents"."""
    one, many, sub_one, sub_many = _CURRENCIES[sym]
    whole, _, frac = num.replace(",", "").partition(".")
    units = int(whole or 0)
    if len(frac) > 2 or (sym == "¥" and frac):
        return f"{number(num)} {many}"
    cents = int(frac.ljust(2, "0")) if frac else 0
    main = f"{cardinal(units)} {one if units == 1 else many}"
    if not cents:
        return main
    if not units:
        return f"{cardinal(cents)} {sub_one if cents == 1 else sub_many}"
    if sym == "£":
        return f"{main} {cardinal(cents)}"  # British: "twelve pounds ninety-nine"
    return f"{main} and {cardinal(cents)} {sub_one if cents == 1 else sub_many}"


def _money(m: re.Match[str]) -> str:
    sym, num, num2 = m.group("sym"), m.group("num"), m.group("num2")
    scale = _SCALES.get(m.group("suf") or m.group("word") or "", "")
    code = _CODES.get(m.group("code") or "", "")
    many = _CURRENCIES[sym][1]
    sign = "minus " if m.group("neg") else ""
    if num2:
        said = f"{number(num)} to {number(num2)}{' ' + scale if scale else ''} {code}{many}"
    elif scale:
        said = f"{number(num)} {scale} {code}{many}"
    else:
        said = _amount(num, sym)
        if code:
            said = re.sub(r"(dollars?|cents?)", code + r"\1", said, count=1)
    return _spaced(m, sign + said)


def _money_after(m: re.Match[str]) -> str:
    """"5€", "50¢" (amount before the symbol)."""
    if m.group(2) == "¢":
        return f"{number(m.group(1))} {'cent' if _is_one(m.group(1)) else 'cents'}"
    return _amount(m.group(1), m.group(2))


_MONEY_STEPS: list[Step] = [
    _sub(_MONEY.pattern, _money),
    _sub(rf"{_LEFT}({_NUM})\s?([€£¢])(?!\w)", _money_after),
]

# --------------------------------------------------------------------------- units

_UNITS: dict[str, tuple[str, str]] = {
    "km": ("kilometer", "kilometers"), "m": ("meter", "meters"), "cm": ("centimeter", "centimeters"),
    "mm": ("millimeter", "millimeters"), "nm": ("nanometer", "nanometers"),
    "µm": ("micrometer", "micrometers"), "μm": ("micrometer", "micrometers"),
    "kg": ("kilogram", "kilograms"), "g": ("gram", "grams"), "mg": ("milligram", "milligrams"),
    "µg": ("microgram", "micrograms"), "μg": ("microgram", "micrograms"),
    "lb": ("pound", "pounds"), "lbs": ("pounds", "pounds"), "oz": ("ounce", "ounces"),
    "mph": ("mile per hour", "miles per hour"), "km/h": ("kilometer per hour", "kilometers per hour"),
    "kph": ("kilometer per hour", "kilometers per hour"), "m/s": ("meter per second", "meters per second"),
    "°F": ("degree Fahrenheit", "degrees Fahrenheit"), "°C": ("degree Celsius", "degrees Celsius"),
    "° F": ("degree Fahrenheit", "degrees Fahrenheit"), "° C": ("degree Celsius", "degrees Celsius"),
    "°": ("degree", "degrees"),
    "KB": ("kilobyte", "kilobytes"), "kB": ("kilobyte", "kilobytes"), "MB": ("megabyte", "megabytes"),
    "GB": ("gigabyte", "gigabytes"), "TB": ("terabyte", "terabytes"), "PB": ("petabyte", "petabytes"),
    "Mbps": ("megabit per second", "megabits per second"),
    "Gbps": ("gigabit per second", "gigabits per second"),
    "kbps": ("kilobit per second", "kilobits per second"),
    "Hz": ("hertz", "hertz"), "kHz": ("kilohertz", "kilohertz"), "MHz": ("megahertz", "megahertz"),
    "GHz": ("gigahertz", "gigahertz"), "W": ("watt", "watts"), "kW": ("kilowatt", "kilowatts"),
    "MW": ("megawatt", "megawatts"), "GW": ("gigawatt", "gigawatts"),
    "kWh": ("kilowatt hour", "kilowatt hours"), "MWh": ("megawatt hour", "megawatt hours"),
    "mAh": ("milliamp hour", "milliamp hours"), "V": ("volt", "volts"),
    "ml": ("milliliter", "milliliters"), "mL": ("milliliter", "milliliters"), "l": ("liter", "liters"),
    "L": ("liter", "liters"), "cl": ("centiliter", "centiliters"), "gal": ("gallon", "gallons"),
    "ft": ("foot", "feet"), "yd": ("yard", "yards"), "mi": ("mile", "miles"),
    "sq ft": ("square foot", "square feet"), "sq. ft.": ("square foot", "square feet"),
    "km²": ("square kilometer", "square kilometers"), "m²": ("square meter", "square meters"),
    "cm²": ("square centimeter", "square centimeters"), "ft²": ("square foot", "square feet"),
    "m³": ("cubic meter", "cubic meters"), "cm³": ("cubic centimeter", "cubic centimeters"),
    "ha": ("hectare", "hectares"), "ms": ("millisecond", "milliseconds"), "ns": ("nanosecond", "nanoseconds"),
    "sec": ("second", "seconds"), "secs": ("seconds", "seconds"), "min": ("minute", "minutes"),
    "mins": ("minutes", "minutes"), "hr": ("hour", "hours"), "hrs": ("hours", "hours"), "h": ("hour", "hours"),
    "yr": ("year", "years"), "yrs": ("years", "years"), "dB": ("decibel", "decibels"),
    "fps": ("frame per second", "frames per second"), "px": ("pixel", "pixels"),
    "kcal": ("kilocalorie", "kilocalories"), "cal": ("calorie", "calories"),
    "tsp": ("teaspoon", "teaspoons"), "tbsp": ("tablespoon", "tablespoons"),
}
_UNIT_RE = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
_RANGE = r"(?:\s?(?:-|to)\s?(?P<n2>" + _NUM + r"))?"


def _unit(m: re.Match[str]) -> str:
    """"5 km" → "five kilometers", "1 km" → "one kilometer", "-5°C" → "minus five degrees Celsius"."""
    n, n2 = m.group("n"), m.group("n2")
    one, many = _UNITS.get(m.group("unit"), _UNITS.get(m.group("unit").rstrip("."), ("", "")))
    said = number(n) + (f" to {number(n2)}" if n2 else "")
    return _spaced(m, f"{said} {one if _is_one(n) and not n2 else many}")


def _inches(m: re.Match[str]) -> str:
    said = f"{number(m.group(1))} {'inch' if _is_one(m.group(1)) else 'inches'}"
    return _spaced(m, said) + _ends(m)


def _feet_inches(m: re.Match[str]) -> str:
    """5'10" → "five feet ten inches" (height)."""
    ft, inch = m.group(1), m.group(2)
    said = f"{number(ft)} {'foot' if _is_one(ft) else 'feet'}"
    return said + (f" {number(inch)} {'inch' if _is_one(inch) else 'inches'}" if inch else "")


def _percent(m: re.Match[str]) -> str:
    said = number(m.group("n")) + (f" to {number(m.group('n2'))}" if m.group("n2") else "")
    return _spaced(m, said + " percent")


_UNIT_STEPS: list[Step] = [
    _sub(rf"(?P<n>{_LEFT}{_SNUM}){_RANGE}\s?%", _percent),
    _sub(r"(?<![\w.])(\d{1,2})'\s?(\d{1,2})\"", _feet_inches),
    _sub(rf"(?P<n>{_LEFT}{_SNUM}){_RANGE}\s?(?P<unit>{_UNIT_RE})(?![\w/²³])", _unit),
    _sub(rf"{_LEFT}({_NUM})(?:in\b|\s?in\.)", _inches),
]

# --------------------------------------------------------------------------- numbers in context


def _version(parts: str) -> str:
    """"17.2.1" → "seventeen point two point one"; a 0 part is "oh": "2.0" → "two point oh"."""
    words = []
    for part in parts.split("."):
        if part == "0":
            words.append("oh")
        elif len(part) > 1 and part.startswith("0"):
            words.append("oh " + cardinal(int(part)))
        else:
            words.append(cardinal(int(part)))
    return " point ".join(words)


_PRODUCTS = ("Python|iOS|iPadOS|macOS|OS X|Android|Windows|Ubuntu|Debian|Fedora|Node|Node\\.js|Java|Rust|Go|"
             "Ruby|PHP|Perl|Django|Rails|React|Vue|Angular|Kotlin|Swift|Chrome|Firefox|Safari|Linux|kernel|"
             "GPT|Bluetooth|HTTP|USB|Wi-Fi|TLS|SSL|HTML|CSS|Unity|Unreal Engine|Blender|GIMP|Photoshop|"
             "Excel|Scala|Lua|Julia|Elixir|Erlang|Haskell|Postgres|PostgreSQL|MySQL|Redis|Docker|"
             "Kubernetes|Terraform|npm|pip|Git|Vim|Emacs|Xcode|Gradle|Spring|Laravel|WordPress|Drupal|"
             "TypeScript|JavaScript|Qt|GTK|GNOME|KDE|OpenSSL|LLVM|GCC|Clang|Claude|Gemini|Llama|Web|"
             "NumPy|pandas|Pydantic|Flask|FastAPI|Next\\.js|Deno|Bun|Zig|Dart|Flutter|Electron|Electron")


def _versions(text: str) -> str:
    text = re.sub(r"\b(?:([Vv]ersion|VERSION)\s?|[Vv]er\.\s?|(?<![\w.])[Vv]\.?(?=\d))(\d+(?:\.\d+)*)(?![\w]|\.\d)",
                  lambda m: f"{(m.group(1) or 'version')} {_version(m.group(2))}", text)
    text = re.sub(rf"\b((?:{_PRODUCTS})\s?)(\d+(?:\.\d+)+)(?![\w]|\.\d)",
                  lambda m: f"{m.group(1).rstrip()} {_version(m.group(2))}", text)
    return re.sub(r"(?<![\w.,])\d+\.\d+\.\d+(?:\.\d+)*(?![\w]|\.\d)", lambda m: _version(m.group(0)), text)


def _decade(m: re.Match[str]) -> str:
    """"the 1960s" → "the nineteen sixties"; "'90s" and "90s" → "nineties"."""
    digits = m.group(1)
    words = year(int(digits)) if len(digits) == 4 else cardinal(int(digits))
    return _plural(words)


def _year_range(m: re.Match[str]) -> str:
    """1939–1945 → "nineteen thirty-nine to nineteen forty-five"; 2019-20 → "... to twenty twenty"."""
    a, b = m.group(1), m.group(2)
    start = int(a)
    end = int(a[:2] + b) if len(b) == 2 else int(b)
    if end <= start:
        return m.group(0)
    return _spaced(m, f"{year(start)} to {year(end)}")


def _phone(m: re.Match[str]) -> str:
    """Phone numbers are read digit by digit in their groups."""
    groups = re.findall(r"\d+", m.group(0))
    return ", ".join(_digits(g) for g in groups)


def _ordinal(m: re.Match[str]) -> str:
    return _spaced(m, ordinal(int(m.group(1).replace(",", ""))))


_VULGAR = {"½": (1, 2), "¼": (1, 4), "¾": (3, 4), "⅓": (1, 3), "⅔": (2, 3), "⅕": (1, 5), "⅛": (1, 8),
           "⅜": (3, 8), "⅝": (5, 8), "⅞": (7, 8)}


def _vulgar(m: re.Match[str]) -> str:
    frac = _fraction(*_VULGAR[m.group(2)])
    return _spaced(m, f"{number(m.group(1))} and {frac}" if m.group(1) else frac)


def _slash_fraction(m: re.Match[str]) -> str:
    num, den = int(m.group(2)), int(m.group(3))
    frac = _fraction(num, den)
    return _spaced(m, f"{number(m.group(1))} and {frac}" if m.group(1) and num < den else
                   (f"{number(m.group(1))} {frac}" if m.group(1) else frac))


def _scaled(m: re.Match[str]) -> str:
    """"5k" → "five thousand", "2M" → "two million", "1.2bn" → "one point two billion"."""
    return _spaced(m, f"{number(m.group(1))} {_SCALES[m.group(2)]}")


def _range(m: re.Match[str]) -> str:
    return _spaced(m, f"{number(m.group(1))} to {number(m.group(2))}")


def _ratio(m: re.Match[str]) -> str:
    """Not a time (those were read already): 4:1 → "four to one", 16:9 → "sixteen to nine"."""
    return _spaced(m, f"{number(m.group(1))} to {number(m.group(2))}")


_NUMBERS_IN_CONTEXT: list[Step] = [
    _sub(r"(?<![\w-])(?:\+?1[-.\s])?\(?\d{3}\)?[-.\s]\d{3}-\d{4}(?![\w-])|(?<![\w-])\d{3}-\d{4}(?![\w-])", _phone),
    _sub(r"(?<![\w.,'])(1,?000|100)'?s\b", lambda m: "hundreds" if m.group(1) == "100" else "thousands"),
    _sub(r"(?<![\w'])(\d{4}|[1-9]0)'?s\b", _decade),
    _sub(r"(?<![\w])'(\d0)s\b", _decade),
    _sub(r"(?<![\w.,-])(1[0-9]\d\d|20\d\d)\s?[-–/]\s?(1[0-9]\d\d|20\d\d|\d\d)(?![\w-]|[.,]\d)", _year_range),
    _versions,
    _sub(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?:st|nd|rd|th|ST|ND|RD|TH)\b", _ordinal),
    _sub(r"(?:(?<=\d)|(?<!\w)(\d+)\s?)?([½¼¾⅓⅔⅕⅛⅜⅝⅞])", _vulgar),
    _sub(r"(?<![\w/.,:])(?:(\d+)\s)?(\d+)/(\d+)(?![\w/]|[.,]\d)", _slash_fraction),
    _sub(rf"{_LEFT}({_NUM})(bn|mn|tn|[kKMBT])(?![\w])", _scaled),
    *_UNIT_STEPS,
    _sub(rf"{_LEFT}({_NUM})\s?[x×]\s?({_NUM})(?![\w.]|\.\d)",
         lambda m: _spaced(m, f"{number(m.group(1))} by {number(m.group(2))}")),
    _sub(rf"{_LEFT}({_NUM})\s?[x×](?![\w])", lambda m: _spaced(m, f"{number(m.group(1))} times")),
    _sub(rf"(?<![\w.,:])({_NUM}):({_NUM})(?![\w:]|\.\d)", _ratio),
    _sub(rf"{_LEFT}({_NUM})\s?-\s?({_NUM})(?![\w-]|[.,]\d)", _range),
]

# --------------------------------------------------------------------------- symbols around numbers

_APPROXIMATE: list[Step] = [  # before money, which would otherwise swallow the "~" of "~$5"
    _sub(r"(?<!\w)[~≈]\s?(?=[\d$€£¥₹.])", "about "),
    _sub(r"\s?≤\s?", " at most "), _sub(r"\s?≥\s?", " at least "),
    _sub(r"(?<![<\w])\s?<\s?(?=[\d$€£])", " less than "), _sub(r"(?<![>\w-])\s?>\s?(?=[\d$€£])", " more than "),
]

_SYMBOLS: list[Step] = [
    _sub(r"\s?±\s?", " plus or minus "), _sub(r"\s?÷\s?", " divided by "),
    _sub(r"(?<=\d)\s?×\s?(?=\d)", " times "), _sub(r"\s?[→]\s?", " to "), _sub(r"\s?[←]\s?", " from "),
    _sub(r"(?<![\w-])-(?=\d)", "minus "),
    _sub(r"(?<=[^\W\d_])-(?=\d)", " "),
    _sub(r"(?<=\w)\s*(?<!=)=(?!=)\s*(?=[\w(-])", " equals "),
    _sub(r"§\s?", "section "),
]


def _digits_left(m: re.Match[str]) -> str:
    """The catch-all: any number the specific rules did not take. 1100–2099 read as years."""
    text = m.group(0)
    plain = text.replace(",", "")
    if re.fullmatch(r"1[1-9]\d\d|20\d\d", plain) and "," not in text and _year_context(m):
        return _spaced(m, year(int(plain)))
    if "," in text and not re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", text):
        return _spaced(m, ", ".join(number(p) for p in text.split(",") if p))
    return _spaced(m, number(text))


def _year_context(m: re.Match[str]) -> bool:
    """A four-digit number is a year unless a count or measure follows it ("1500 people" stays a count)."""
    after = m.string[m.end():m.end() + 12].lower()
    return not re.match(r"\s*(?:people|persons|users|times|pages|words|items|units|miles|feet|"
                        r"votes|members|employees|students|copies|calories)\b", after)


_POINT = _sub(r"(?<![\w.])\.\d+(?![\w.])", lambda m: _spaced(m, number(m.group(0))))
_CATCH_ALL = _sub(r"\d+(?:,\d{3})*(?:\.\d+)?(?:,\d+)*", _digits_left)

# --------------------------------------------------------------------------- Roman numerals


def _romans(text: str) -> str:
    """Elizabeth II → "Elizabeth the second"; World War II → "World War two"; never the pronoun "I"."""
    def repl(m: re.Match[str]) -> str:
        word, numeral, tail = m.group(1), m.group(2), m.group(3) or ""
        value = roman_value(numeral)
        if value is None:
            return m.group(0)
        if word.capitalize() in _ROMAN_TRIGGERS:
            return f"{word} {cardinal(value)}{tail}"
        if set(numeral) <= set("IVX") and (len(numeral) > 1 or word in _REGNAL_NAMES):
            return f"{word} the {ordinal(value)}{tail}"
        return m.group(0)

    return re.sub(r"\b([A-Z][a-z]+|volume|chapter|part|book|act|scene|episode|season|section|phase|type|"
                  r"class|article|appendix|figure)\s+([IVXLCDM]+)('s)?(?![\w'])", repl, text)


# --------------------------------------------------------------------------- acronyms and shouting

_CAPS = re.compile(r"(?<![\w'.])([A-Z][A-Z']*[A-Z]|[A-Z]{2,})('s|s)?(?![\w'])")
_NUMBER_WORD = re.compile(r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|teen|ty|"
                          r"hundred|o'clock|oh)$", re.I)
_GAP = re.compile(r"[\s,;:!?\"-]*")


def _acronyms(text: str, words: Collection[str]) -> str:
    """Initialisms spelled, acronyms said as words, shouted English lowercased (see module docstring)."""
    matches = list(_CAPS.finditer(text))
    if not matches:
        return text
    as_words = ACRONYMS_AS_WORDS | {w.upper() for w in words}
    out, last = [], 0
    for i, m in enumerate(matches):
        run = any(_adjacent(text, a, b) for a, b in ((matches[i - 1] if i else None, m),
                                                      (m, matches[i + 1] if i + 1 < len(matches) else None)))
        out.append(text[last:m.start()])
        out.append(_caps_word(m.group(1), m.group(2) or "", run, text[:m.start()], as_words))
        last = m.end()
    out.append(text[last:])
    return "".join(out)


def _adjacent(text: str, a: re.Match[str] | None, b: re.Match[str] | None) -> bool:
    """Two all-caps words next to each other make a shouted run ("THIS IS HUGE")."""
    if a is None or b is None:
        return False
    return _GAP.fullmatch(text, a.end(), b.start()) is not None and _not_meridiem(a) and _not_meridiem(b)


def _not_meridiem(m: re.Match[str]) -> bool:
    return m.group(1) not in ("AM", "PM") or not _NUMBER_WORD.search(m.string[:m.start()].rstrip())


def _caps_word(core: str, suffix: str, run: bool, before: str, as_words: set[str]) -> str:
    if core in ("AM", "PM") and _NUMBER_WORD.search(before.rstrip()):
        return core + suffix  # espeak-ng says "eleven AM" right and "A M" wrong
    if core in as_words or core + suffix in as_words:
        word = core + suffix if core + suffix in as_words else core
        return word.capitalize() + (suffix if word == core else "")
    if core == "OK":
        return "okay" + suffix
    plural = "'s" if suffix else ""
    if "'" in core:
        return (core + suffix).lower()
    if run and core not in KNOWN_INITIALISMS and re.search(r"[AEIOUY]", core):
        return (core + suffix).lower()
    if not run and (core + suffix in _SHOUT_WORDS or (core in _SHOUT_WORDS and not suffix)):
        return (core + suffix).lower()
    if not run and _pronounceable(core + suffix) and core not in KNOWN_INITIALISMS:
        return (core + suffix).lower()
    return spell(core) + plural


def _pronounceable(word: str) -> bool:
    """Long all-caps words with vowels and no long consonant clusters are English ("BREAKING")."""
    return (len(word) >= 5 and re.search(r"[AEIOU]", word) is not None
            and re.search(r"[^AEIOUY]{4,}", word) is None and re.match(r"[^AEIOUY]{3}", word) is None)


# --------------------------------------------------------------------------- symbols in words


def _slashes(text: str) -> str:
    """"his/her" → "his or her"; any other slash is a short pause-free space."""
    text = re.sub(r"(?<=\b[a-z]{2})/(?=[a-z]{2,}\b)|(?<=\b[a-z]{3})/(?=[a-z]+\b)|(?<=[a-z]{4})/(?=[a-z])",
                  " or ", text)
    return text.replace("/", " ")


_WORD_SYMBOLS: list[Step] = [
    _sub(r"\s*&\s*", " and "),
    _sub(r"\s*\+\s*(?=\+)", " plus"),
    _sub(r"\s*\+\s*", " plus "),
    _sub(r"\s*%", " percent"),
    _sub(r"\s*@\s*", " at "),
    _slashes,
    _sub(r"[<>{}\[\]=$€£¥₹¢°²³]", " "),
]

# --------------------------------------------------------------------------- the pipeline


def _number_dashes(text: str) -> str:
    """An en or em dash between numbers is a range ("3–4"), read by the number rules, not a pause; so is
    an unspaced en dash between two names ("Monday–Friday", "London–Paris": the typographic range dash)."""
    text = _range_dashes(text)
    return re.sub(r"\b([A-Z][a-z]{2,})–([A-Z][a-z]{2,})\b", r"\1 to \2", text)


_WEB = web_steps(WebWords())


def normalize(text: str, words: Collection[str] = ()) -> str:
    """The spoken form of one English sentence (``words``: extra acronyms said as words)."""
    steps: list[Step] = [
        typography, _number_dashes, *_WEB, *_FIXED, *_ABBREVIATIONS, *_DATES, *_TIMES, _DOTTED,
        *_APPROXIMATE, *_MONEY_STEPS,
        *_NUMBERS_IN_CONTEXT, *_SYMBOLS, _POINT, _CATCH_ALL, _romans,
        lambda t: _acronyms(t, words), *_WORD_SYMBOLS, dashes, _tidy, capitalize,
    ]
    return run(steps, text)


def long_date(when: date) -> str:
    """"November 27, 2026"."""
    return f"{_MONTHS[when.month - 1]} {when.day}, {when.year}"


ABBREVIATIONS = frozenset(
    "mr mrs ms mx dr prof sr jr st gen sen rep gov lt col capt sgt maj adm rev hon pres supt "
    "vs etc e.g i.e cf al approx est no nos vol vols fig figs ch pp inc ltd co corp bros dept univ "
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun ave blvd rd mt ft "
    "a.m p.m u.s u.k u.n e.u d.c".split()
)

CALLS_TO_ACTION = (
    r"subscribe", r"follow (us|me|along)", r"support (us|the show|this|our|my)", r"share (this|it)",
    r"listen (on|to|in|at)", r"available (on|at|wherever)", r"wherever you (get|listen)",
    r"originally (published|posted|appeared)", r"continue reading", r"privacy (policy|information)", r"show ?notes",
    r"sign up", r"newsletter", r"patreon", r"sponsor(ed|s)? by", r"ad choices", r"rate(,)? (and )?review",
    r"leave (us )?a review", r"full transcript", r"become a (member|patron)", r"join (us|the conversation)",
    r"learn more (about|at)", r"download (the|our)", r"get in touch", r"contact us",
    r"this (episode|post) (is|was) (brought|sponsored)", r"find (us|me) on", r"click here", r"read more",
    r"all rights reserved", r"copyright", r"hosted (by|on)", r"(collection|use) of personal data",
    r"check (it|them|us)? ?out", r"take a look at", r"(we )?hope you enjoyed", r"submit (it|yours|your)",
    r"(any )?feedback", r"support forum", r"let (us|me) know",
    r"thanks? (you )?for (your support|reading|listening)", r"(for|see) (more|other) (stories|posts)",
)
"""Phrases that mark a block at the edge of a post as a call to action (see text/evidence.py)."""

LANGUAGE = Language(
    code="en", name="English", iso639_2="eng", normalize=normalize, abbreviations=ABBREVIATIONS,
    intro="{title}, by {author}.", outro="This was an audio edition of {title}, published {date}.",
    date=long_date, digits=tuple(_DIGIT_WORDS), calls_to_action=CALLS_TO_ACTION,
    words={"read_post": "Read the post",
           "chapters": "Chapters", "transcript": "Transcript", "listen": "Listen", "download": "Download the MP3",
           "play_from": "Play from",
           "position": "Position in the episode", "quote": "Quote.", "end_quote": "End quote.",
           "code_omitted": "A code example is omitted.", "table_omitted": "A table is omitted.", "image": "Image"},
)
