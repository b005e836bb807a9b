"""Italian: written forms rewritten as an Italian newsreader (RAI, TG) would say them.

The steps run in order, each seeing only what earlier ones left (web text before its dots look like
numbers, dates and times before money, every specific number form before the catch-all). Conventions:

* Numbers: a point groups thousands, a comma marks decimals ("1.500", "2,5" → "due virgola cinque");
  "1" agrees with the noun after it ("una persona", "un'ora", "uno studente"), and a number ending in
  -tre takes its accent ("ventitré"): Serianni, *Grammatica italiana* (articles and numerals).
* Dates: the first of the month is ordinal ("1° maggio" → "primo maggio"), other days cardinal; times
  on the 24-hour clock, "14:30" → "quattordici e trenta", "alle 1" → "all'una" (Accademia della Crusca,
  consulenza linguistica).
* Roman numerals are ordinals agreeing with their name or noun: "Vittorio Emanuele II" → "secondo",
  "Elisabetta II" → "seconda", "XXI secolo" → "ventunesimo secolo" (Serianni, ordinals).
* Acronyms said as words get one capital, as the Italian press writes them ("Nato", "Onu", "Inps");
  the others are spelled with the Italian letter names, "UE" → "u e" (Crusca, consulenza on "sigle").
* A title before a name drops its final vowel: "Sig. Rossi" → "signor Rossi" (Treccani, "troncamento").
* Money: "3,50 €" → "tre euro e cinquanta centesimi"; a round million takes "di": "un milione di euro".
* The output never holds a digit, so espeak-ng (voice ``it``) never guesses; see benchmarks/espeak_cases.py.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from datetime import date
from functools import lru_cache

from num2words import num2words

from audiopost.text.lang import Language
from audiopost.text.rules import (
    Numbers,
    Step,
    WebWords,
    capitalize,
    dashes,
    ends,
    number_dashes,
    number_pattern,
    roman_value,
    run,
    spaced,
    sub,
    tidy,
    typography,
    web_steps,
)

DIGITS = ("zero", "uno", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove")
MONTHS = "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre".split()
_MONTH_ABBR = {"gen": 1, "feb": 2, "mar": 3, "apr": 4, "mag": 5, "giu": 6, "lug": 7, "ago": 8, "set": 9,
               "sett": 9, "ott": 10, "nov": 11, "dic": 12}
_MONTH_RE = "(" + "|".join(MONTHS) + r"|(?:" + "|".join(_MONTH_ABBR) + r")\.?)(?![\w])"
_NUM = number_pattern(r"\.", ",")
_LEFT = r"(?<![\w.,/:-])"
_ARTICLE = (r"(?:^|\s)(?:il|lo|la|l'|i|gli|le|un|una|del|dello|della|dell'|dei|degli|delle|al|allo|alla|all'|ai|"
            r"agli|alle|dal|dalla|dall'|dai|nel|nella|nell'|nei|sul|sulla|sull'|sui|tra|fra|di|a|da|in|su|per)$")
"""An article or preposition ending the text before a match: "del 10-15%"."""
_DETERMINER = (r"il|lo|la|l'|un|una|del|dello|della|dell'|al|allo|alla|all'|dal|dallo|dalla|dall'|nel|nello|"
               r"nella|nell'|sul|sullo|sulla|sull'|questo|questa")
"""A singular article, alone or joined to a preposition: before a number it makes an ordinal ("il 3° posto")."""

# --------------------------------------------------------------------------- number words


class _Numbers(Numbers):
    def cardinal(self, n: int) -> str:
        """num2words, with "duemilaventitré" accented as "ventitré" is, and "mille miliardi" for 10¹²."""
        if 10**12 <= abs(n) < 10**15:
            high, low = divmod(abs(n), 10**9)
            return ("meno " if n < 0 else "") + f"{self.cardinal(high)} miliardi" + (
                f" e {self.cardinal(low)}" if low else "")
        words = super().cardinal(n)
        return words[:-3] + "tré" if words.endswith("tre") and not words.endswith(" tre") and n != 3 else words


NUMBERS = _Numbers("it", "virgola", "meno")
number = NUMBERS.say
"""Any written number: "1.500" → "millecinquecento", "2,5" → "due virgola cinque", "-3" → "meno tre"."""


@lru_cache(maxsize=1024)
def ordinal(n: int, feminine: bool = False) -> str:
    """3 → "terzo" or "terza" (num2words gives the masculine)."""
    words = str(num2words(n, lang="it", to="ordinal")) if 0 < n < 10**6 else NUMBERS.cardinal(n)
    return words[:-1] + "a" if feminine and words.endswith("o") else words


_MASCULINE_A = frozenset("problema tema sistema programma pianeta clima cinema poeta dramma schema diploma papa "
                         "panorama pilota collega atleta giornalista artista dilemma enigma teorema".split())
_NOT_NOUNS = frozenset("e ed o od a di da in su per con tra fra che non del dei delle degli della dello nel nei "
                       "nella nelle negli nello sul sui sulla sulle sugli al alla alle agli allo dal dai dalla dalle "
                       "dagli sono era più meno anche mentre oppure circa già".split())


def _one(word: str) -> str:
    """What "1" is before ``word``: "una ", "un'", "uno " or "un " (Serianni)."""
    w = word.lower()
    if re.search(r"(?:a|zione|sione|gione|tà|tù|trice)$", w) and w not in _MASCULINE_A:
        return "un'" if w[:1] in "aeiouàèéìòù" else "una "
    return "uno " if re.match(r"s[^aeiouàèéìòù]|z|gn|ps|pn|x|y|i[aeiou]", w) else "un "


def _single(m: re.Match[str]) -> str:
    """"1 persona" → "una persona", "1 anno" → "un anno"; before anything but a noun "1" is "uno"."""
    word = m.group(1)
    if word.lower() in _NOT_NOUNS or len(word) < 3 or not word[:1].islower():
        return m.group(0).replace("1", "uno", 1)
    return spaced(m, _one(word) + word)


def _fraction(num: int, den: int, whole: str | None = None) -> str:
    """"3/4" → "tre quarti", "1/3" → "un terzo", "1/2" → "mezzo" ("mezzo litro"), "2 ½" → "due e mezzo";
    odd denominators "X su Y"."""
    if den in (0, 1) or den > 1000:
        frac = f"{NUMBERS.cardinal(num)} su {NUMBERS.cardinal(den)}"
    elif (num, den) == (1, 2):
        frac = "mezzo"
    else:
        name = ordinal(den)
        frac = f"un {name}" if num == 1 else f"{NUMBERS.cardinal(num)} {name[:-1]}i"
    return f"{number(whole)} e {frac}" if whole else frac


# --------------------------------------------------------------------------- fixed tokens and abbreviations

_FIXED: list[Step] = [
    sub(r"(?<![\w/])24/7(?![\w/])", "ventiquattro ore su ventiquattro, sette giorni su sette"),
    sub(r"(?<!\w)[Hh]24(?!\w)", "ventiquattro ore su ventiquattro"),
    sub(r"(?<!\w)C\+\+(?!\w)", "ci più più"), sub(r"(?<!\w)M5S(?!\w)", "emme cinque esse"),
    sub(r"(?<![\w.])S\.p\.A\.?(?!\w)", lambda m: "spa" + ends(m)),
    sub(r"(?<![\w.])S\.r\.l\.?(?!\w)|(?<![\w.])[Ss]rl(?!\w)", lambda m: "esse erre elle" + ends(m)),
    sub(r"(?<![\w.])a\.\s?C\.", lambda m: "avanti Cristo" + ends(m)),
    sub(r"(?<![\w.])d\.\s?C\.", lambda m: "dopo Cristo" + ends(m)),
    sub(r"(?<![\w.])N\.\s?B\.?(?!\w)", "nota bene"), sub(r"(?<![\w.])P\.\s?S\.?(?!\w)", "post scriptum"),
    sub(r"(?<![\w.])[Dd]\.\s?[Ll]gs\.?(?!\w)", "decreto legislativo"),
    sub(r"(?<![\w.])[Dd]\.\s?[Ll]\.(?=\s?(?:n\.\s?)?\d)", "decreto legge"), sub(r"\[\d+\]", ""),
]

_TITLES = {"sig.ra": "signora", "sig.na": "signorina", "sigg.": "signori", "sig.": "signor@e",
           "dott.ssa": "dottoressa", "dott.": "dottor@e", "dr.": "dottor@e", "prof.ssa": "professoressa",
           "prof.": "professor@e", "ing.": "ingegner@e", "avv.": "avvocato", "arch.": "architetto",
           "geom.": "geometra", "rag.": "ragionier@e", "on.": "onorevole", "sen.": "senatore",
           "gen.": "generale", "mons.": "monsignor@e", "card.": "cardinale", "egr.": "egregio",
           "gent.mo": "gentilissimo", "gent.ma": "gentilissima", "spett.": "spettabile"}
"""Titles; "@e" is the final vowel dropped before a name ("signor Rossi", "il signore")."""
_TITLE_RE = re.compile(r"(?<![\w.])(" + "|".join(re.escape(k) for k in sorted(_TITLES, key=len, reverse=True))
                       + r")(?![\w])", re.I)

_NUMBERED = r"(?=\s?[\dIVXLC])"
_PLAIN = [(r"ecc\.?|etc\.", "eccetera"), (r"ad es\.", "ad esempio"), (r"per es\.", "per esempio"),
          (r"es\.", "esempio"), (r"cfr\.", "confronta"), (r"tel\.", "telefono"), (r"cell\.", "cellulare"),
          (r"vs\.?", "contro"), (r"p\.zza", "piazza"), (r"v\.le", "viale"), (r"c\.so", "corso"),
          *((p + _NUMBERED, w) for p, w in (
              (r"pagg\.|pp\.", "pagine"), (r"pag\.|p\.", "pagina"), (r"nn\.", "numeri"), (r"nr?\.|n°", "numero"),
              (r"artt\.", "articoli"), (r"art\.", "articolo"), (r"capp\.", "capitoli"), (r"cap\.", "capitolo"),
              (r"voll\.", "volumi"), (r"vol\.", "volume"), (r"ca\.", "circa"), (r"fig\.", "figura"),
              (r"tab\.", "tabella"), (r"secc\.", "secoli"), (r"sec\.", "secolo"), (r"c\.", "comma"),
              (r"l\.", "legge"))),
          (r"(?<=[IVXL] )secc?\.", "secolo")]
"""Abbreviations said in full; those of a reference ("pag.", "art.", "n.") only before a number."""


def _titles(text: str) -> str:
    """"Sig. Rossi" → "signor Rossi", "il Prof." → "il professore"; "gen." with no name is "gennaio"."""
    def repl(m: re.Match[str]) -> str:
        key = m.group(1).lower()
        if re.match(r"\s+[A-ZÀ-Ý]", m.string[m.end():]):
            return _TITLES[key].replace("@e", "")
        if key == "gen.":
            return "gennaio" + ends(m)
        if key in ("on.", "card.", "rag.") and not re.search(r"(?:^|\s)(?:l'|il|del|al|dal)\s?$", m.string[:m.start()]):
            return m.group(0)[:-1] + ends(m)  # not a title here, and its period must not make a capital
        return _TITLES[key].replace("@e", "e") + ends(m)

    return _TITLE_RE.sub(repl, text)


def _plain(pattern: str, word: str) -> Step:
    def repl(m: re.Match[str]) -> str:
        if not m.group(0)[1:].islower() and m.group(0)[1:].strip(".° "):
            return m.group(0)  # "PAG." or "eS." is not the abbreviation
        start = not m.string[:m.start()].strip(" \"'(") and m.group(0)[:1].isupper()
        return (word.capitalize() if start else word) + ends(m, before_capital=word == "eccetera")

    return sub(rf"(?<![\w.])(?:{pattern})(?![\w])", repl, re.I)


_ABBREVIATIONS: list[Step] = [_titles, *(_plain(p, w) for p, w in _PLAIN)]

# --------------------------------------------------------------------------- dates and times


def _date(y: int | None, mo: int, d: int) -> str | None:
    """The first of the month is "primo", other days cardinal (Crusca); "26" as a year is 2026."""
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    said = f"{'primo' if d == 1 else NUMBERS.cardinal(d)} {MONTHS[mo - 1]}"
    return said if y is None else f"{said} {NUMBERS.cardinal(y + 2000 if y < 50 else y + 1900 if y < 100 else y)}"


def _iso(m: re.Match[str]) -> str:
    said = _date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return m.group(0) if said is None else said + (f" alle {m.group(4)}" if m.group(4) else "")


def _written(m: re.Match[str]) -> str:
    """"1° maggio 2026" → "primo maggio duemilaventisei"; "27 nov. 2026"."""
    token = m.group(2).rstrip(".").lower()
    month = MONTHS.index(token) + 1 if token in MONTHS else _MONTH_ABBR[token]
    said = _date(int(m.group(3)) if m.group(3) else None, month, int(m.group(1)))
    if said is None:
        return m.group(0)
    return said + ("" if m.group(3) else ends(m) if m.group(2).endswith(".") else "")


def _day_month(m: re.Match[str]) -> str:
    """"27/11" is a date after "il", "dal", a weekday …, or when it cannot be a fraction (27 > 11)."""
    day, month = int(m.group(2)), int(m.group(3))
    if not m.group(1) and day < month:
        return m.group(0)
    return (m.group(1) or "") + (_date(None, month, day) or m.group(0)[len(m.group(1) or ""):])


_DATES: list[Step] = [
    sub(r"(?<![\w-])(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
        r"(?![\w-])", _iso),
    sub(r"(?<![\w/.,-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\w/-]|[.,/-]\d)",
        lambda m: _date(int(m.group(4)), int(m.group(3)), int(m.group(1))) or m.group(0)),
    sub(rf"(?<![\w.,])(\d{{1,2}})\s?[°º]?\s+{_MONTH_RE}(?:\s+(\d{{4}})(?![\d.,]\d))?", _written, re.I),
    sub(r"(?:\b((?:il|dal|al|del|entro il|fino al|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica|"
        r"giorno) )|(?<![\w/.,:-]))(\d{1,2})/(\d{1,2})(?![\w/]|[.,]\d)", _day_month, re.I),
]


def _clock(m: re.Match[str]) -> str:
    """"14:30" → "quattordici e trenta", "9:05" → "nove e cinque", "1:00" → "una"; h:mm:ss is a duration
    ("due ore, cinque minuti e trenta secondi") unless an hour is announced ("alle 23:59:59")."""
    h, mins, secs = int(m.group("h")), int(m.group("m")), m.group("s")
    if h > 24 or mins > 59 or (secs is not None and int(secs) > 59):
        return m.group(0)
    hour = "una" if h == 1 else NUMBERS.cardinal(h)
    if secs is not None and re.search(r"\b(?:alle|dalle|le|ore)\s$", m.string[:m.start()], re.I):
        return f"{hour} e {NUMBERS.cardinal(mins)} e " + ("un secondo" if int(secs) == 1 else
                                                           f"{NUMBERS.cardinal(int(secs))} secondi")
    if secs is not None:
        parts = [(h, "un'ora", "ore"), (mins, "un minuto", "minuti"), (int(secs), "un secondo", "secondi")]
        said = [one if n == 1 else f"{NUMBERS.cardinal(n)} {many}" for n, one, many in parts if n]
        return " e ".join([", ".join(said[:-1]), said[-1]] if len(said) > 1 else said) or "zero secondi"
    if h in (0, 24) and mins == 0:
        return "mezzanotte"
    return hour + (f" e {NUMBERS.cardinal(mins)}" if mins else "")


_TIMES: list[Step] = [
    sub(r"(?<![\w:.,])(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?(?![\d:]|[.,]\d)", _clock),
    # "alle 14.30": after a word that announces an hour, a point separates hours and minutes.
    sub(r"\b((?:[Aa]lle|[Dd]alle|[Oo]re|le) )(?P<h>\d{1,2})[.](?P<m>\d{2})(?P<s>(?!))?(?![\d.,]\d|\d)",
        lambda m: m.group(1) + _clock(m)),
    sub(r"\b([Aa]|[Dd]a)lle (?:una|1(?![\d.,:]))\b", r"\1ll'una"), sub(r"\b([Ll])e 1(?![\d.,:])", r"\1'una"),
    sub(r"\b([Aa])lle mezzanotte\b", r"\1 mezzanotte"), sub(r"\b([Dd])alle mezzanotte\b", r"\1a mezzanotte"),
]

# --------------------------------------------------------------------------- money

_CURRENCIES = {"€": ("euro", "euro", "centesimo", "centesimi"), "$": ("dollaro", "dollari", "centesimo", "centesimi"),
               "£": ("sterlina", "sterline", "penny", "penny"), "¥": ("yen", "yen", "", ""),
               "CHF": ("franco svizzero", "franchi svizzeri", "centesimo", "centesimi"),
               "US$": ("dollaro statunitense", "dollari statunitensi", "centesimo", "centesimi")}
_CODES = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥"}
_SCALES = {"mila": "mila", "k": "mila", "mln": "milioni", "milioni": "milioni", "milione": "milioni",
           "mld": "miliardi", "mrd": "miliardi", "miliardi": "miliardi", "miliardo": "miliardi"}
_SCALE_RE = r"(?:\s?(?P<scale>mila|k|(?:mln|mld|mrd)\.?|milion[ei]|miliard[oi])(?![\w]))"
_SYM = r"(?P<sym>US\$|[€$£¥]|EUR|USD|GBP|CHF|JPY)"


def _scaled(num: str, scale: str) -> str:
    """"20 mln" → "venti milioni", "1 mln" → "un milione", "20 mila" and "20mila" → "ventimila"."""
    word = _SCALES[scale.lower().rstrip(".")]
    if word == "mila":
        return "mille" if num == "1" else number(num) + ("mila" if "," not in num else " mila")
    return "un " + word[:-1] + ("e" if word == "milioni" else "o") if num == "1" else f"{number(num)} {word}"


def _amount(num: str, sym: str, scale: str | None) -> str:
    """"3,50" € → "tre euro e cinquanta centesimi", "1" € → "un euro", "0,99" € → "novantanove centesimi"."""
    one, many, sub_one, sub_many = _CURRENCIES[sym]
    if scale:
        said = _scaled(num, scale)
        return f"{said} {'' if said.endswith(('mila', 'mille')) else 'di '}{many}"
    whole, _, frac = num.partition(",")
    if len(frac) > 2 or (frac and not sub_many):
        return f"{number(num)} {many}"
    units, cents = int(whole.replace(".", "") or 0), int(frac.ljust(2, "0")) if frac else 0
    said = NUMBERS.cardinal(units)
    of = "di " if re.search(r"(?:milion|miliard)[ei]$", said) else ""  # "un milione di euro"
    main = _one(one) + one if units == 1 else f"{said} {of}{many}"
    change = _one(sub_one) + sub_one if cents == 1 else f"{NUMBERS.cardinal(cents)} {sub_many}"
    return main if not cents else change if not units else f"{main} e {change}"


def _money(m: re.Match[str]) -> str:
    sym = _CODES.get(m.group("sym"), m.group("sym"))
    sign = "meno " if m.group("neg") else ""
    return spaced(m, sign + _amount(m.group("num"), sym, m.group("scale"))) + ends(m)


_PER = {"kg": "al chilo", "g": "al grammo", "l": "al litro", "m": "al metro", "m²": "al metro quadrato",
        "mq": "al metro quadrato", "km": "al chilometro", "h": "all'ora"}
_MONEY: list[Step] = [
    sub(rf"(?P<neg>(?<![\w.,])-)?{_SYM}\s?(?P<num>{_NUM}){_SCALE_RE}?(?![\w]|[.,]\d)", _money),
    sub(rf"(?P<neg>(?<![\w.,])-)?(?<![\w.,])(?P<num>{_NUM}){_SCALE_RE}?\s?(?:di\s)?{_SYM}(?![\w])", _money),
    sub(r"\b(euro|dollari|centesimi|sterline|penny) ?/ ?(kg|g|l|m²|mq|m|km|h)(?![\w²])",  # "2,99 €/kg"
        lambda m: f"{m.group(1)} {_PER[m.group(2)]}"),
]

# --------------------------------------------------------------------------- units, ordinals, ranges, phones

_UNITS: dict[str, tuple[str, str]] = {
    "km": ("chilometro", "chilometri"), "m": ("metro", "metri"), "cm": ("centimetro", "centimetri"),
    "mm": ("millimetro", "millimetri"), "kg": ("chilogrammo", "chilogrammi"), "g": ("grammo", "grammi"),
    "mg": ("milligrammo", "milligrammi"), "t": ("tonnellata", "tonnellate"), "l": ("litro", "litri"),
    "L": ("litro", "litri"), "ml": ("millilitro", "millilitri"), "cl": ("centilitro", "centilitri"),
    "km/h": ("chilometro orario", "chilometri orari"), "m/s": ("metro al secondo", "metri al secondo"),
    "°C": ("grado", "gradi"), "° C": ("grado", "gradi"), "°F": ("grado Fahrenheit", "gradi Fahrenheit"),
    "m²": ("metro quadrato", "metri quadrati"), "mq": ("metro quadrato", "metri quadrati"),
    "km²": ("chilometro quadrato", "chilometri quadrati"), "m³": ("metro cubo", "metri cubi"),
    "mc": ("metro cubo", "metri cubi"), "ha": ("ettaro", "ettari"), "h": ("ora", "ore"), "min": ("minuto", "minuti"),
    "sec": ("secondo", "secondi"), "ms": ("millisecondo", "millisecondi"), "gg": ("giorno", "giorni"),
    "kcal": ("chilocaloria", "chilocalorie"), "kW": ("chilowatt", "chilowatt"), "kWh": ("chilowattora", "chilowattora"),
    "fps": ("fotogramma al secondo", "fotogrammi al secondo"), "%": ("per cento", "per cento"),
    "‰": ("per mille", "per mille"), "°": ("grado", "gradi"),
    **{u: (w, w) for u, w in (("KB", "kilobyte"), ("MB", "megabyte"), ("GB", "gigabyte"), ("TB", "terabyte"),
                              ("Mbps", "megabit al secondo"), ("Gbps", "gigabit al secondo"), ("Hz", "hertz"),
                              ("MHz", "megahertz"), ("GHz", "gigahertz"), ("W", "watt"), ("MW", "megawatt"),
                              ("V", "volt"), ("mAh", "milliampere ora"), ("dB", "decibel"), ("px", "pixel"))},
}
"""Symbol → (singular, plural), the full SI names (Treccani); "°C" is "gradi", as weather bulletins say."""
_UNIT_RE = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))


def _range_words(m: re.Match[str], a: str, b: str) -> str:
    """"5-10" → "da cinque a dieci"; after an article ("del 10-15%") the dash is only a pause."""
    return f"{a}, {b}" if re.search(_ARTICLE, m.string[:m.start()].rstrip().lower()) else f"da {a} a {b}"


def _unit(m: re.Match[str]) -> str:
    """"5 km" → "cinque chilometri", "1 h" → "un'ora", "12,5 %" → "dodici virgola cinque per cento"."""
    n, n2, unit = m.group("n"), m.group("n2"), m.group("unit")
    one, many = _UNITS[unit]
    said = _range_words(m, number(n), number(n2)) if n2 else number(n)
    if n.lstrip("-") == "1" and not n2 and unit not in "%‰":
        return spaced(m, ("meno " if n.startswith("-") else "") + _one(one) + one)
    return spaced(m, f"{said} {many}")


def _degree_or_ordinal(m: re.Match[str]) -> str:
    """"il 3° posto" → "il terzo posto", "la 2ª edizione" → "la seconda", "3a B" → "terza B", "3°-4°", "3°
    nella gara"; "30°" with neither an article before nor a noun after is a temperature, "trenta gradi"
    ("a 180° per venti minuti")."""
    n, mark = int(m.group(1)), m.group(2)
    before = m.string[:m.start()].rstrip().lower()
    feminine = mark in "ªa" or re.search(r"(?:^|\s)(?:la|alla|della|nella|sulla|dalla|una|questa)$", before) is not None
    word = re.match(r"\s?-\s?\d{1,3}\s?[°º]|\s([^\W\d_]{3,})(?!['’])", m.string[m.end():])  # "3°-4°", "3° Posto"
    ordinal_word = word is not None and (word.group(1) is None or word.group(1).lower() not in _NOT_NOUNS or n <= 20)
    if mark in "ºªoa" or re.search(rf"(?:^|\s)(?:{_DETERMINER})$", before) or ordinal_word:
        return spaced(m, ordinal(n, feminine))
    return spaced(m, f"{number(str(n))} {'grado' if n == 1 else 'gradi'}")


def _year_range(m: re.Match[str]) -> str:
    """"1939-1945" → "dal millenovecentotrentanove al millenovecentoquarantacinque"; a season, "2019-2020"
    or "2019/20", is its two years said one after the other."""
    a, b = int(m.group(1)), int(m.group(2))
    end = a // 100 * 100 + b if b < 100 else b
    if end <= a:
        return m.group(0)
    if end == a + 1:
        return spaced(m, f"{NUMBERS.cardinal(a)} {NUMBERS.cardinal(b)}")
    return spaced(m, f"dal {NUMBERS.cardinal(a)} al {NUMBERS.cardinal(end)}")


_SCORE = re.compile(r"(?:vin\w*|batt\w*|pers\w*|pareggi\w*|fini\w*|termin\w*|chius\w*|risultato|punteggio|"
                    r"partita|derby|match|gara|finale|per)\W*$", re.I)


def _pair(m: re.Match[str]) -> str:
    """"2-1" after a result word ("ha vinto 2-1") or with a larger first number is a score, "due a uno";
    otherwise a range, "5-10" → "da cinque a dieci"."""
    a, b = m.group(1), m.group(2)
    if _SCORE.search(m.string[max(0, m.start() - 30):m.start()]) or \
            int(a.replace(".", "").split(",")[0]) >= int(b.replace(".", "").split(",")[0]):
        return spaced(m, f"{number(a)} a {number(b)}")
    return spaced(m, _range_words(m, number(a), number(b)))


_PHONE = (r"(?<![\w+.,])(?:\+\d{2}[\s.]?)?(?:0\d{1,3}[\s.]\d{3,4}[\s.]?\d{3,4}|0\d{5,10}|3\d{2}[\s.]\d{3}[\s.]?"
          r"\d{3,4}|80\d[\s.]\d{3}[\s.]\d{3})(?![\w.,]\d|\d)|(?<![\w+])\+\d{2}[\s.]?\d{2,4}(?:[\s.]\d{2,4}){1,3}(?!\d)")
"""Italian numbers: landlines start with 0 ("06 1234 5678"), mobiles with 3 ("333 123 4567"), toll-free 80x."""


def _phone(m: re.Match[str]) -> str:
    """"+39 06 1234 5678" → "più trentanove, zero sei, uno due tre quattro, …": digits in their groups."""
    text, prefix = m.group(0), ""
    if text.startswith("+"):
        prefix, text = f"più {NUMBERS.cardinal(int(text[1:3]))}, ", text[3:]
    return prefix + ", ".join(NUMBERS.digits(g) for g in re.findall(r"\d+", text))


_VULGAR = {"½": (1, 2), "¼": (1, 4), "¾": (3, 4), "⅓": (1, 3), "⅔": (2, 3), "⅕": (1, 5), "⅛": (1, 8),
           "⅜": (3, 8), "⅝": (5, 8), "⅞": (7, 8)}

_NUMBERS: list[Step] = [
    sub(_PHONE, _phone),
    sub(r"(?<![\w.,-])(1\d{3}|20\d{2})\s?[-/]\s?(1\d{3}|20\d{2}|\d{2})(?![\w/-]|[.,]\d)", _year_range),
    sub(r"(?<![\w.,])(\d{1,3})\s?([°ºª])(?!\s?[CF]\b)", _degree_or_ordinal),
    sub(r"(?<![\w.,])(\d{1,3})([ao])\b(?!')", _degree_or_ordinal),
    sub(r"(?<![\w.,])(\d+\.\d+(?:\.\d+)*)(?![\w]|[.,]\d)",  # versions: "iOS 17.2" → "diciassette punto due"
        lambda m: m.group(0) if re.fullmatch(_NUM, m.group(1)) else " punto ".join(map(number, m.group(1).split(".")))),
    sub(r"(?:(?<=\d)|(?<![\w.,])(\d+)\s?)?([½¼¾⅓⅔⅕⅛⅜⅝⅞])",
        lambda m: spaced(m, _fraction(*_VULGAR[m.group(2)], m.group(1)))),
    sub(r"(?<![\w/.,:])(\d{1,5})/((?:19|20)\d\d)(?![\w/]|[.,]\d)",  # "legge 104/1992": a number and its year
        lambda m: f"{number(m.group(1))} del {number(m.group(2))}"),
    sub(r"(?<![\w/.,:])(?:(\d+)\s)?(\d+)/(\d+)(?![\w/]|[.,]\d)",
        lambda m: spaced(m, _fraction(int(m.group(2)), int(m.group(3)), m.group(1)))),
    sub(rf"(?P<n>{_LEFT}-?{_NUM}){_SCALE_RE}", lambda m: spaced(m, _scaled(m.group("n"), m.group("scale"))) + ends(m)),
    sub(rf"(?P<n>{_LEFT}-?{_NUM})(?:\s?-\s?(?P<n2>{_NUM}))?\s?(?P<unit>{_UNIT_RE})(?![\w/²³'])", _unit),
    sub(rf"(?<![\w.,:])({_NUM}):({_NUM})(?![\w:]|[.,]\d)",  # not a time: a score or ratio, "tre a uno"
        lambda m: spaced(m, f"{number(m.group(1))} a {number(m.group(2))}")),
    sub(rf"{_LEFT}({_NUM})\s?-\s?({_NUM})(?![\w-]|[.,]\d)", _pair),
    sub(r"(?<![\w.,-])1\s+([^\W\d_][\w']*)", _single),
]

_SYMBOLS: list[Step] = [
    sub(r"(?<!\w)[~≈]\s?(?=\d)", "circa "), sub(r"\s?≤\s?", " al massimo "), sub(r"\s?≥\s?", " almeno "),
    sub(r"(?<![<\w])\s?<\s?(?=\d)", " meno di "), sub(r"(?<![>\w-])\s?>\s?(?=\d)", " più di "),
    sub(r"\s?±\s?", " più o meno "), sub(r"\s?÷\s?", " diviso "), sub(r"(?<=\d)\s?[×x]\s?(?=\d)", " per "),
    sub(r"(?<![\w-])-(?=\d)", "meno "), sub(r"(?<=[^\W\d_])-(?=\d)", " "), sub(r"(?<!\w)\+(?=\d)", "più "),
    sub(r"(?<=\w)\s*(?<!=)=(?!=)\s*(?=[\w(-])", " uguale "), sub(r"§\s?", "paragrafo "),
]
_CATCH_ALL = sub(rf"-?{_NUM}", lambda m: spaced(m, number(m.group(0))))

# --------------------------------------------------------------------------- Roman numerals

_FEMALE_NAMES = "Elisabetta Caterina Maria Vittoria Isabella Anna Giovanna Margherita Matilde Cristina Regina"
_REGNAL = frozenset(
    "Vittorio Emanuele Umberto Carlo Luigi Enrico Filippo Federico Giovanni Paolo Pio Leone Benedetto Gregorio "
    "Innocenzo Clemente Bonifacio Urbano Sisto Alessandro Giulio Francesco Ferdinando Napoleone Giorgio Edoardo "
    "Guglielmo Riccardo Giacomo Pietro Nicola Ludovico Lorenzo Cosimo Ottone Massimiliano Rodolfo Leopoldo Juan "
    f"Costantino Ramses Tolomeo Amedeo Alfonso Martino Adriano Stefano Felipe Carlos Papa Re {_FEMALE_NAMES}".split())
"""Names after which a lone I, V or X is a regnal number ("Napoleone I") and not the article "I"."""
_FEMININE = frozenset(f"{_FEMALE_NAMES} parte scena guerra edizione legislatura repubblica giornata tappa "
                      "stagione puntata sezione sinfonia".split())
_BEFORE_NOUN = (r"secol[oi]|millennio|guerra|edizione|legislatura|[Rr]epubblica|Reich|[Cc]ongresso|[Cc]oncilio|"
                r"[Mm]unicipio|giornata|tappa|stagione|puntata|sinfonia")
_AFTER_NOUN = r"[Cc]apitolo|[Pp]arte|[Ll]ibro|[Aa]tto|[Ss]cena|[Vv]olume|[Tt]omo|[Cc]anto|secolo|[Ss]ezione|[Tt]itolo"
_FUNCTION = frozenset("Il Lo La I Gli Le Un Una E O Ma Se In Di Da A Per Con Tra Fra Che Non Nel Del Al Dal Sul "
                      "Questo Questa Quel Quella".split())


def _romans(text: str) -> str:
    """"Luigi XIV" → "Luigi quattordicesimo", "XXI secolo" → "ventunesimo secolo", "Parte II" → "Parte
    seconda"; a lone I is the article ("I ragazzi") unless a regnal name comes before it."""
    def before(m: re.Match[str]) -> str:
        value = roman_value(m.group(1))
        return m.group(0) if value is None else f"{ordinal(value, m.group(2).lower() in _FEMININE)} {m.group(2)}"

    def after(m: re.Match[str]) -> str:
        word, numeral = m.group(1), m.group(2)
        value = roman_value(numeral)
        if value is None or word in _FUNCTION or not (re.fullmatch(_AFTER_NOUN, word) or word in _REGNAL
                                                       or (set(numeral) <= set("IVX") and len(numeral) > 1)):
            return m.group(0)
        return f"{word} {ordinal(value, word in _FEMININE or word.lower() in _FEMININE)}"

    def after_article(m: re.Match[str]) -> str:
        """"nel III trimestre", "la II tappa": the article gives the gender."""
        value = roman_value(m.group(3))
        if value is None:
            return m.group(0)
        feminine = re.search(r"(?:^|[^i])(?:la|una|questa)$", m.group(1).lower()) is not None
        return f"{m.group(1)}{m.group(2) or ' '}{ordinal(value, feminine)}"

    text = re.sub(rf"(?<![\w.])([IVXLCDM]+)\s+({_BEFORE_NOUN})\b", before, text)
    text = re.sub(rf"(?i:\b({_DETERMINER}))(\s*)([IVXLC]+)(?=\s+[a-zà-ù])", after_article, text)
    return re.sub(rf"\b([A-ZÀ-Ý][a-zà-ù]+|{_AFTER_NOUN})\s+([IVXLCDM]+)(?![\w'])", after, text)


# --------------------------------------------------------------------------- initialisms and acronyms

LETTERS = dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "a,bi,ci,di,e,effe,gi,acca,i,i lunga,cappa,elle,emme,enne,o,"
                   "pi,cu,erre,esse,ti,u,vu,doppia vu,ics,ipsilon,zeta".split(","), strict=True))

ACRONYMS_AS_WORDS = frozenset(
    "ONU NATO RAI FIAT INPS INAIL ISTAT ANSA CONSOB UNESCO UNICEF FIFA UEFA IVA IRPEF IMU TARI ISEE ENI ENEL "
    "ANAS NASA ESA CERN COVID AIDS SARS OPEC FAO CIA USA URSS PIL TAV TAR SIM PIN CAP DOP DOC CISL UIL CONI "
    "AIFA EMA MES SPID LUISS IKEA SUV VIP LED FAQ ACI BOT ATAC AGCOM ARERA".split())
"""Acronyms Italians say as words, written with one capital as the press writes them ("Nato")."""
KNOWN_INITIALISMS = frozenset(
    "UE PD TV PC DNA BCE FMI OMS PNRR BTP CGIL CSM FBI KGB USB SMS GPS PDF API URL HTML AI IA UK BMW IBM NBA "
    "TG FI FDI CDA PMI DL DPCM ASL ATM CEO".split())
"""Initialisms spelled letter by letter, also inside a shouted run."""
_SHOUT_WORDS = frozenset("NO SI SÌ NON MAI ORA QUI LA IL LE LO GLI DI DA IN SU PER CON E O MA SE CHE HA HO".split())
_CAPS = re.compile(r"(?<![\w.])([A-ZÀ-Ý]{2,}|[ÀÈÉÌÒÙ])(?![\w'])")
_DOTTED = re.compile(r"(?<![\w.])(?:[A-Z]\.){1,}[A-Z](?![\w])\.?(?!\w)|(?<![\w.])(?:[A-Z]\.){2,}(?!\w)")


def spell(letters: str) -> str:
    """"UE" → "u e", "PD" → "pi di": the Italian letter names (Treccani)."""
    base = unicodedata.normalize("NFD", letters.upper())
    return " ".join(LETTERS[ch] for ch in base if ch in LETTERS) or letters.lower()


def _pronounceable(word: str) -> bool:
    """Italian-shaped: a vowel, no three consonants in a row, a possible onset and no final cluster."""
    w, c = word.upper(), "[^AEIOUÀÈÉÌÒÙ]"
    onset = re.match(c + "{2}", w) is None or re.match(r"S[^AEIOU]|[BCDFGPTV][RL]|GN|CH|GH", w) is not None
    return onset and re.search(c + "{3}|" + c + "{2}$", w) is None and re.search(r"[AEIOUÀÈÉÌÒÙ]", w) is not None


def _dotted(text: str, words: Collection[str]) -> str:
    """"U.E." → "u e", "U.S.A." → "Usa": before the capitals of a new sentence are set."""
    def repl(m: re.Match[str]) -> str:
        letters = m.group(0).replace(".", "")
        return (letters.capitalize() if letters in ACRONYMS_AS_WORDS | set(words) else spell(letters)) + ends(m)

    return _DOTTED.sub(repl, text)


def _acronyms(text: str, words: Collection[str]) -> str:
    """Acronyms said as words get one capital ("Nato"), initialisms are spelled ("u e"), shouted runs and
    long shouted words are lowered ("ATTENZIONE" → "attenzione"), short unknown ones read as words if they
    can be ("ANAS" → "Anas") and spelled if not ("CSM")."""
    as_words = ACRONYMS_AS_WORDS | {w.upper() for w in words}
    found = list(_CAPS.finditer(text))

    def in_run(i: int) -> bool:
        return any(re.fullmatch(r"[\s,;:!?\"'-]*", text[found[j].end():found[j + 1].start()])
                   for j in (i - 1, i) if 0 <= j < len(found) - 1)

    def say(i: int, core: str) -> str:
        if len(core) == 1:
            return core.lower() if in_run(i) else core  # "NON È VERO"; "È" alone starts a sentence
        if core in as_words or core in KNOWN_INITIALISMS or core == "OK":
            return "ok" if core == "OK" else core.capitalize() if core in as_words else spell(core)
        if core in _SHOUT_WORDS or in_run(i) or (len(core) >= 5 and _pronounceable(core)):
            return core.lower() if _pronounceable(core) else spell(core)
        return core.capitalize() if len(core) >= 3 and _pronounceable(core) else spell(core)

    out, last = [], 0
    for i, m in enumerate(found):
        out += [text[last:m.start()], say(i, m.group(1))]
        last = m.end()
    return "".join(out) + text[last:]


# --------------------------------------------------------------------------- the pipeline

_PER_ESEMPIO = sub(r"(?<![\w.])[Pp]\.\s?[Ee]s\.", "per esempio")  # before web text reads "p.es" as a domain
_WEB = web_steps(WebWords(dot="punto", at="chiocciola", dash="trattino", underscore="trattino basso", plus="più",
                          number="numero"))
_WORD_SYMBOLS: list[Step] = [
    sub(r"\s*&\s*", " e "), sub(r"\s*\+\s*", " più "), sub(r"\s*%", " per cento"), sub(r"\s*‰", " per mille"),
    sub(r"\s*@\s*", " chiocciola "), sub(r"/", " "), sub(r"[<>{}\[\]=$€£¥¢°²³ºª]", " "),
]


def _one_case(text: str) -> str:
    """Letters whose capital is two letters ("ß" → "SS") would change on a second pass: folded ("ss")."""
    return text if text.isascii() else "".join(ch.casefold() if len(ch.upper()) != 1 else ch for ch in text)


def normalize(text: str, words: Collection[str] = ()) -> str:
    """The spoken form of one Italian sentence (``words``: extra acronyms said as words)."""
    upper = {w.upper() for w in words}
    steps: list[Step] = [
        typography, _one_case, number_dashes, _PER_ESEMPIO,
        *_WEB, *_WEB,  # twice: an address glued to another ("a@b.itc@d.it") leaves one for a second pass
        *_FIXED, *_DATES, *_ABBREVIATIONS, *_TIMES, lambda t: _dotted(t, upper), *_MONEY, *_NUMBERS, *_SYMBOLS,
        _CATCH_ALL, *_WORD_SYMBOLS, _romans, lambda t: _dotted(t, upper), tidy, dashes, tidy,
        *_ABBREVIATIONS, tidy,  # again: tidying "ecc:." makes an abbreviation
        capitalize, lambda t: _acronyms(t, upper), capitalize,  # a first capital makes "aA" an initialism
    ]
    return run(steps, text)


def long_date(when: date) -> str:
    """"27 novembre 2026"; the first of the month "1º maggio 2026" (Crusca)."""
    return f"{'1º' if when.day == 1 else when.day} {MONTHS[when.month - 1]} {when.year}"


ABBREVIATIONS = frozenset(
    "sig sig.ra sig.na sigg dott dott.ssa dr prof prof.ssa ing avv arch geom rag on sen gen mons card egr gent.mo "
    "gent.ma spett ecc etc es p.es pag pagg pp nn nr art artt cap capp vol voll ca cfr tel cell fig tab sec secc "
    "a.c d.c p.zza v.le c.so vs n.b p.s s.p.a s.r.l feb apr mag giu lug sett ott nov dic lun mer gio ven sab dom"
    .split()) | {f"{a}{q}{w}" for a in ("l", "dell", "all", "nell", "dall", "sull") for q in "'’"
                 for w in ("art", "artt", "ing", "avv", "arch", "on", "es", "ecc")}
"""Words that end with a period and do not end a sentence; the splitter reads "l'art." as one word."""

FOOTERS = (
    r"\s*l['’]articolo\s.{1,200}?\s(?:proviene da|sembra essere il primo su|è apparso (?:per la prima volta|"
    r"prima) su)\s[^\n]{1,100}?\.?\s*",
    r"\s*il post\s.{1,200}?\s(?:è|e['’]) apparso (?:per la prima volta|per primo|prima) su\s[^\n]{1,100}?\.?\s*",
    r"\s*(?:questo articolo|l['’]articolo|il post)\s.{0,120}?è stato pubblicato (?:originariamente|per la prima "
    r"volta) su\s[^.!?\n]{1,80}\.?\s*",
)
"""WordPress's Italian feed footer ("L'articolo … proviene da …"), Yoast's ("… sembra essere il primo su …")
and their common rewordings."""

CALLS_TO_ACTION = (r"iscriviti|abbonati", r"segui(ci)?", r"sostieni", r"condividi", r"ascolta(ci)? (su|in)",
                   r"disponibile su", r"pubblicato (originariamente|per la prima volta)", r"continua a leggere",
                   r"privacy", r"sponsorizzat[oa]", r"leggi (di pi[uù]|anche)", r"scopri di pi[uù]",
                   r"vi aspettiamo", r"per maggiori (informazioni|approfondimenti)", r"grazie per",
                   r"offrimi un caff[eè]", r"ecco i link", r"clicca (qui|sul link)",
                   r"(a|su) questo link", r"qui (il|i) link")
"""evidence.py's Italian phrases, with link-row openers ("Ecco i link a calendario e classifiche: …")."""

LANGUAGE = Language(
    code="it", name="italiano", iso639_2="ita", normalize=normalize, abbreviations=ABBREVIATIONS,
    intro="{title}, di {author}.", outro="Questa era un'edizione audio di {title}, pubblicata il {date}.",
    date=long_date, digits=DIGITS, footers=FOOTERS, calls_to_action=CALLS_TO_ACTION,
    words={"read_post": "Leggi l'articolo",
           "chapters": "Capitoli", "transcript": "Trascrizione", "listen": "Ascolta", "download": "Scarica l'MP3",
           "play_from": "Riproduci da",
           "position": "Posizione nell’episodio", "quote": "Citazione.", "end_quote": "Fine della citazione.",
           "code_omitted": "Un esempio di codice è omesso.", "table_omitted": "Una tabella è omessa.",
           "image": "Immagine"},
)
