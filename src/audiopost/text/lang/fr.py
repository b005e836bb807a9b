"""French: written forms rewritten as a French newsreader would say them.

The steps run in order and each sees only what earlier ones left (web addresses before their dots look like
numbers, dates and times before money, money and units before plain numbers, the catch-all last).

Conventions, and where they come from:

* Numbers are grouped by a space (plain, no-break or U+202F; a period is accepted) and the decimal mark is a
  comma, read "virgule": "2,5" → "deux virgule cinq" (Lexique des règles typographiques en usage à l'Imprimerie
  nationale, « Nombres »). A period between digits that are not groups of three is a version number, read
  "point": "iOS 17.2" → "iOS dix-sept point deux".
* Agreement (Académie française; OQLF, Banque de dépannage linguistique): "vingt" and "cent" stay invariable in a
  year or a rank ("en mille neuf cent quatre-vingt", "les années quatre-vingt", "page deux cent"); "un" becomes
  "une" before a feminine noun ("vingt et une heures", "une tonne"); a unit is plural from two on ("un virgule
  cinq kilomètre", "zéro degré").
* Ordinals "1er", "1re", "2e", "2nd", "XIXe"; regnal numbers are cardinals but for "premier" ("Louis quatorze",
  "François premier"), Lexique IN, « Chiffres romains ». num2words's "quatre-vingtsième" is mended.
* Dates are day month year and the first of the month is "premier"; times are "quatorze heures trente"; phone
  numbers are said in pairs, "zéro un, vingt-trois…".
* Money: "trois euros cinquante", "vingt millions d'euros" (de/d' after million and milliard).
* Initialisms are written as dotted letters ("S.N.C.F"), the one form espeak-ng spells in every position;
  acronyms said as words are written as names, "Onu", "Otan", "Unesco" (Lexique IN, « Sigles »).
* "M." before a name is "monsieur"; "etc." is "etcétéra" (the 1990 rectified spelling, which espeak-ng says
  right, where it garbles "et cetera"); "cf." is "voir". Bytes are "octets" (OQLF: octet, not byte).
* The output never contains a digit: every number is spelled out, so the engine never guesses.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date
from functools import lru_cache

from num2words import num2words

from audiopost.text import rules
from audiopost.text.lang import Language
from audiopost.text.rules import Step, ends, spaced, spell, sub

NUMBERS = rules.Numbers("fr", "virgule", "moins", group=r"[ .]", decimal=",")
say = NUMBERS.say
"""A written number with French separators: "1 500" → "mille cinq cents", "2,5", "-3"."""
_NUM = rules.number_pattern(r"[ .]", ",")
"""A written number: 7, 1 500, 2 500 000, 2,5, 1 234,56 (no-break spaces are plain by then)."""
_SNUM = r"(?:(?<![\w.,])-)?" + _NUM
_LEFT = r"(?<![\w.,/:])"
_UP, _LOW = "A-ZÀ-ÖØ-Ý", "a-zß-öø-ÿœ"

# --------------------------------------------------------------------------- number words


@lru_cache(maxsize=4096)
def cardinal(n: int) -> str:
    """1500 → "mille cinq cents"; 80 → "quatre-vingts"; 21 → "vingt et un"."""
    return NUMBERS.cardinal(n)


def feminine(words: str) -> str:
    """"vingt et un" → "vingt et une", before a feminine noun (Académie: un s'accorde en genre)."""
    return re.sub(r"\bun$", "une", words)


def invariable(words: str) -> str:
    """A year or a rank: "quatre-vingts" → "quatre-vingt", "deux cents" → "deux cent" (Académie)."""
    return re.sub(r"(vingt|cent)s$", r"\1", words)


def year(n: int) -> str:
    """1980 → "mille neuf cent quatre-vingt", 2026 → "deux mille vingt-six"."""
    return invariable(cardinal(n))


@lru_cache(maxsize=1024)
def ordinal(n: int, fem: bool = False) -> str:
    """1 → "premier"/"première", 80 → "quatre-vingtième", 200 → "deux centième", 10**6 → "millionième"."""
    if n == 1:
        return "première" if fem else "premier"
    if n < 1 or n >= 10**15:
        return cardinal(n)
    word = re.sub(r"(vingt|cent|million|milliard)sième", r"\1ième", str(num2words(n, lang="fr", to="ordinal")))
    return re.sub(r"^un (million|milliard)", r"\1", word)


def _plural(value: str) -> bool:
    """The plural starts at two: "1,5 kilomètre", "0 degré" (OQLF BDL, « Pluriel des noms après un nombre »)."""
    _, whole, frac = rules.parse_number(value, r"[ .]", ",")
    return float(f"{whole or 0}.{frac or 0}") >= 2


_FEMININE = re.compile(
    r"\s+(?:heures?|minutes?|secondes?|semaines?|années?|journées?|nuits?|fois|personnes?|femmes?|filles?|pages?|"
    r"lignes?|places?|villes?|régions?|communes?|entreprises?|sociétés?|voix|victimes?|vidéos?|photos?|images?|"
    r"étapes?|questions?|raisons?|idées?|versions?|applications?|langues?|équipes?|familles?|espèces?|tonnes?|"
    r"étoiles?|saisons?|écoles?|classes?|chansons?|voitures?|maisons?|choses?|erreurs?|règles?|lettres?|cartes?|"
    r"machines?|listes?|séries?|parties?|bouteilles?)\b", re.I)
"""Feminine nouns a number often counts: "un" before them is "une"."""

# --------------------------------------------------------------------------- fixed tokens and abbreviations

_FIXED: list[Step] = [sub(p, r) for p, r in [
    (r"ᵉ", "e"), (r"ʳ", "r"), (r"ˢ", "s"), (r"(?<=[Nn])º", "°"), (r"\[\d+\]", ""),
    (r"(?<![\w/])24\s?h?\s?/\s?24(?:\s?h)?(?![\w/])", "vingt-quatre heures sur vingt-quatre"),
    (r"(?<![\w/])7\s?j?\s?/\s?7(?:\s?j)?(?![\w/])", "sept jours sur sept"),
    (r"(?<![\w/])50\s?/\s?50(?![\w/])", "cinquante-cinquante"), (r"(?<![\w/])1/2\s+finales?", "demi-finale"),
    (r"(?<![\w/])1/4\s+de\s+finale", "quart de finale"), (r"(?<![\w/])1/8e?\s+de\s+finale", "huitième de finale"),
    (r"(?<!\w)C\+\+(?!\w)", "C plus plus"), (r"(?<!\w)([CF])#(?!\w)", r"\1 dièse"),
    (r"(?<![\w.])\.NET\b", "point net"),
]]

_TITLES = {"Mme": "madame", "Mmes": "mesdames", "Mlle": "mademoiselle", "Mlles": "mesdemoiselles", "MM": "messieurs",
           "Mgr": "monseigneur", "Dr": "docteur", "Drs": "docteurs", "Pr": "professeur", "Me": "maître",
           "M": "monsieur", "St": "Saint", "Ste": "Sainte"}
_PLAIN: list[tuple[str, str, bool]] = [  # pattern, words, whether it may end a sentence
    (r"p\.\s?ex\.|par ex\.", "par exemple", False), (r"c\.-à-d\.|c-à-d\.?|càd", "c'est-à-dire", False),
    (r"av\.\s?J\.?-?\s?C\.", "avant Jésus-Christ", True), (r"apr\.\s?J\.?-?\s?C\.", "après Jésus-Christ", True),
    (r"J\.-C\.", "Jésus-Christ", True), (r"etc\.?", "etcétéra", True), (r"[Cc]f\.", "voir", False),
    (r"[Ee]nv\.", "environ", False), (r"[Vv]s\.?", "contre", False), (r"[Aa]pprox\.", "approximativement", False),
    (r"[Rr]esp\.", "respectivement", False), (r"[Mm]ax\.", "maximum", False), (r"[Tt]él\.", "téléphone", False),
    (r"[Hh]ab\.", "habitants", False), (r"éd\.", "édition", False), (r"[Cc]oll\.", "collection", False),
    (r"pp\.(?=\s?\d)", "pages", False), (r"p\.(?=\s?\d)", "page", False), (r"[Vv]ol\.(?=\s?\d)", "volume", False),
    (r"[Cc]hap\.(?=\s?[\dIVX])", "chapitre", False), (r"[Aa]rt\.(?=\s?\d)", "article", False),
    (r"[Ff]ig\.(?=\s?\d)", "figure", False), (r"t\.(?=\s?\d)", "tome", False),
    (r"[Nn]°s(?=\s?\d)", "numéros", False), (r"[Nn]°|[Nn]o\.?(?=\s?\d)", "numéro", False),
    (r"av\.(?=\s[A-Z])", "avenue", False), (r"bd\.?(?=\s[A-Z])", "boulevard", False), (r"Cie", "compagnie", False),
    (r"Sté", "société", False), (r"qqn", "quelqu'un", False), (r"qqch", "quelque chose", False),
    (r"bcp", "beaucoup", False), (r"svp|SVP|stp|STP", "s'il vous plaît", False), (r"rdv|RDV", "rendez-vous", False),
]


def _titles(text: str) -> str:
    """"M. Dupont" → "monsieur Dupont", "Mme Martin" → "madame Martin": "M." only before a name or "et", "le",
    "la" ("M. et Mme Durand", "M. le maire"); "Dr", "Pr", "Me", "St" only before a capitalized name."""
    def title(m: re.Match[str]) -> str:
        return _TITLES[m.group(1)]

    text = re.sub(r"(?<![\w.])(Mmes|Mme|Mlles|Mlle|Mgr|MM(?=\.))\.?(?!\w)", title, text)
    text = re.sub(rf"(?<![\w.])(M)\.(?=\s+(?:[{_UP}]|et\b|le\b|la\b|l'))", title, text)
    text = re.sub(rf"(?<![\w.])(Drs|Dr|Pr|Me)\.?(?=\s+[{_UP}])", title, text)
    return re.sub(rf"(?<![\w.])(St|Ste)\.?(?=[\s-][{_UP}])", title, text)


def _plain_abbr(pattern: str, words: str, may_end: bool) -> Step:
    return sub(rf"(?<![\w.])(?:{pattern})(?![^\W\d_])", lambda m: words + ends(m, before_capital=may_end))


_ABBREVIATIONS: list[Step] = [_titles, *(_plain_abbr(p, w, e) for p, w, e in _PLAIN)]

# --------------------------------------------------------------------------- phone numbers


def _pair(group: str) -> str:
    """"01" → "zéro un", "45" → "quarante-cinq"; a group of another length digit by digit."""
    if len(group) != 2:
        return NUMBERS.digits(group)
    return f"zéro {cardinal(int(group[1]))}" if group[0] == "0" else cardinal(int(group))


def _phone(m: re.Match[str]) -> str:
    """French numbers are said in pairs: "01 23 45 67 89" → "zéro un, vingt-trois, …", "+33 1 23 …" → "plus
    trente-trois, un, vingt-trois, …"; "0 800 123 456" (a service number) → "zéro huit cents, cent vingt-trois,
    quatre cent cinquante-six"; other numbers in their written groups."""
    text = m.group(0).replace("(0)", "")
    plus, digits = "plus " if text.startswith("+") else "", re.sub(r"\D", "", text)
    if re.fullmatch(r"0\s?8\d\d(?:[ .]\d{3}){2}", text):
        return f"zéro {cardinal(int(digits[1:4]))}, {cardinal(int(digits[4:7]))}, {cardinal(int(digits[7:]))}"
    if re.fullmatch(r"0[1-9]\d{8}", digits):
        groups = re.findall(r"\d\d", digits)
    elif plus and re.fullmatch(r"33[1-9]\d{8}", digits):
        groups = ["33", digits[2], *re.findall(r"\d\d", digits[3:])]
    else:
        groups = re.findall(r"\d+", text)
    return plus + ", ".join(_pair(g) for g in groups)


_PHONES: list[Step] = [
    sub(r"(?<![\w+])(?:\+33\s?(?:\(0\)\s?)?[1-9]|0[1-9])(?:[ .-]?\d{2}){4}(?![\w]|[.,]\d)", _phone),
    sub(r"(?<![\w+])0\s?8\d\d(?:[ .]\d{3}){2}(?![\w]|[.,]\d)", _phone),
    sub(r"(?<![\w+])\+\d{1,3}(?:[ .-]\(?\d{1,4}\)?){2,6}(?![\w]|[.,]\d)", _phone),
    sub(r"(?<![\w-])\(?\d{3}\)?[ .-]\d{3}-\d{4}(?![\w-])", _phone),
]

# --------------------------------------------------------------------------- dates and times

_MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
_MONTH_ABBR = {"janv": "janvier", "févr": "février", "fév": "février", "fevr": "février", "fevrier": "février",
               "avr": "avril", "juil": "juillet", "aout": "août", "sept": "septembre", "oct": "octobre",
               "nov": "novembre", "déc": "décembre", "dec": "décembre", "decembre": "décembre"}
_MONTH_RE = (r"(janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|"
             r"decembre|(?:janv|févr|fév|fevr|avr|juil|sept|oct|nov|déc|dec)\.)")


def _month(token: str) -> str:
    token = token.lower().rstrip(".")
    return _MONTH_ABBR.get(token, token)


def _date(d: int, mo: int, y: int | None = None) -> str | None:
    """27, 11, 2026 → "vingt-sept novembre deux mille vingt-six"; the first is "premier" (Académie)."""
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{'premier' if d == 1 else cardinal(d)} {_MONTHS[mo - 1]}" + (f" {year(y)}" if y is not None else "")


def _numeric_date(m: re.Match[str]) -> str:
    """27/11/2026, 27.11.2026, 27-11-26: day, month, year (a two-digit year is of this century)."""
    y = int(m.group(4)) + (2000 if len(m.group(4)) == 2 else 0)
    return _date(int(m.group(1)), int(m.group(3)), y) or m.group(0)


def _iso(m: re.Match[str]) -> str:
    """2026-11-27 (and 2026-11-27T14:30) → "vingt-sept novembre deux mille vingt-six (à quatorze heures trente)"."""
    said = _date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    if said is None:
        return m.group(0)
    return said + (f" à {_clock(int(m.group(4)), int(m.group(5)))}" if m.group(4) else "")


def _day_month(m: re.Match[str]) -> str:
    """"1er mai" → "premier mai"; "27 nov. 2026" → "vingt-sept novembre deux mille vingt-six"."""
    said = _date(int(m.group(1)), _MONTHS.index(_month(m.group(2))) + 1, int(m.group(3)) if m.group(3) else None)
    if said is None:
        return m.group(0)
    return said + (ends(m) if not m.group(3) and m.group(2).endswith(".") else "")


def _clock(h: int, mins: int, secs: int | None = None, unit: bool = False) -> str:
    """14, 30 → "quatorze heures trente"; 1, 0 → "une heure"; 9, 5 → "neuf heures cinq" (minutes agree)."""
    said = f"{feminine(cardinal(h))} heure{'s' * (h > 1)}"
    if secs is not None:
        return f"{said} {feminine(cardinal(mins))} minute{'s' * (mins > 1)} {feminine(cardinal(secs))} " \
               f"seconde{'s' * (secs > 1)}"
    return said + (f" {feminine(cardinal(mins))}" + f" minute{'s' * (mins > 1)}" * unit if mins else "")


def _time(m: re.Match[str]) -> str:
    h, mins, secs = int(m.group("h")), int(m.group("m") or 0), m.group("s")
    if mins > 59 or (m.group("colon") and h > 24) or (secs and int(secs) > 59):
        return m.group(0)
    return spaced(m, _clock(h, mins, int(secs) if secs else None, bool(m.group("min"))))


_DATES: list[Step] = [
    sub(r"(?<![\w-])(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
        r"(?![\w-])", _iso),
    sub(r"(?<![\w/.,-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\w/]|[.,-]\d)", _numeric_date),
    sub(r"\b((?:le|du|au|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s)(\d{1,2})/(\d{1,2})(?![\w/]|[.,]\d)",
        lambda m: m.group(1) + (_date(int(m.group(2)), int(m.group(3))) or m.group(0)[len(m.group(1)):]), re.I),
    sub(rf"(?<![\w.,])(\d{{1,2}})(?:er)?\s+{_MONTH_RE}(?!\w)(?:\s+(\d{{4}})(?!\d))?", _day_month, re.I),
    sub(rf"\b{_MONTH_RE}\s+(\d{{4}})(?![\w,]|\.\d)", lambda m: f"{_month(m.group(1))} {year(int(m.group(2)))}",
        re.I),
]

_TIMES: list[Step] = [
    sub(r"(?<![\w:.,])(?P<h>\d{1,2})(?P<colon>):(?P<m>\d{2})(?::(?P<s>\d{2}))?(?P<min>)(?![\d:]|[.,]\d)", _time),
    sub(r"(?<![\w:.,])(?P<h>\d{1,2})\s?h(?:\s?(?P<m>\d{2})(?P<min>\s?min)?)?(?P<colon>)(?P<s>)(?![\w])", _time),
]


_DOTTED = rules.dotted_initialisms()

# --------------------------------------------------------------------------- money

_CURRENCIES = {"€": ("euro", "euros", "centime", "centimes"), "$": ("dollar", "dollars", "cent", "cents"),
               "£": ("livre", "livres", "penny", "pence"), "¥": ("yen", "yens", "", ""),
               "CHF": ("franc suisse", "francs suisses", "centime", "centimes")}
_CODES = {"US": "américain", "CA": "canadien", "C": "canadien", "AU": "australien", "A": "australien"}
_TOKENS = {"EUR": ("€", ""), "USD": ("$", "US"), "CAD": ("$", "CA"), "GBP": ("£", ""), "CHF": ("CHF", "")}
_SCALES = {"k": "mille", "M": "million", "Md": "milliard", "Mds": "milliard", "Mrd": "milliard", "Mrds": "milliard",
           "mille": "mille", "million": "million", "millions": "million", "milliard": "milliard",
           "milliards": "milliard"}
_SCALE_RE = r"(?P<scale>Mds|Mrds|Mrd|Md|M|k|milliards?|millions?|mille)"
_MNUM = r"(?:\d{1,3}(?:[ .]\d{3})+(?:,\d+)?|\d+(?:[,.]\d+)?)"


def _names(cur: str, code: str) -> tuple[str, str, str, str]:
    """"$" and "US" → "dollar américain", "dollars américains", "cent", "cents"."""
    one, many, sub_one, sub_many = _CURRENCIES[cur]
    if code in _CODES:
        one, many = f"{one} {_CODES[code]}", f"{many} {_CODES[code]}s"
    return one, many, sub_one, sub_many


def _of(words: str, many: str) -> str:
    """"un million" + "euros" → "un million d'euros"; "mille" + "euros" → "mille euros"."""
    if re.search(r"(?:millions?|milliards?)$", words):
        return f"{words} d'{many}" if many[0] in "aeiouyéè" else f"{words} de {many}"
    return f"{words} {many}"


def _amount(num: str, cur: str, code: str) -> str:
    """"3,50" euros → "trois euros cinquante"; "0,99" → "quatre-vingt-dix-neuf centimes"; "1" £ → "une livre"."""
    one, many, sub_one, sub_many = _names(cur, code)
    _, whole, frac = rules.parse_number(num, r"[ .]", ",")
    units = int(whole or 0)
    if len(frac) > 2 or (frac and not sub_many):
        return _of(say(num), many)
    cents = int(frac.ljust(2, "0")) if frac else 0
    words = feminine(cardinal(units)) if one.startswith("livre") else cardinal(units)
    main = _of(words, many) if units >= 2 else f"{words} {one}"
    if cents and not units:
        return f"{cardinal(cents)} {sub_one if cents == 1 else sub_many}"
    return f"{main} {cardinal(cents)}" if cents else main


def _money(m: re.Match[str]) -> str:
    """"1 500 €", "€3,50", "US$80", "20 M€", "10-20 €", "5 $US", "2 CHF"."""
    cur, code = m.group("cur").replace(" ", ""), m.group("code") or ""
    if cur in _TOKENS:
        cur, code = _TOKENS[cur]
    elif len(cur) > 1:
        code, cur = cur.replace("$", ""), "$"
    nums = [n.replace(".", ",") if re.fullmatch(r"\d+\.\d{1,2}", n) else n  # "4.99 $", as English writes it
            for n in (m.group("num"), m.group("num2")) if n]
    scale = _SCALES.get(m.group("scale") or "", "")
    sign = "moins " if m.group("neg") else ""
    if len(nums) == 1 and not scale:
        return spaced(m, sign + _amount(nums[0], cur, code))
    one, many = _names(cur, code)[:2]
    words = " à ".join(say(n) for n in nums[:-1]) + " à " * (len(nums) > 1) + _scaled(m, nums[-1])
    return spaced(m, sign + _of(words, many if _plural(nums[-1]) or scale else one))


def _scaled(m: re.Match[str], num: str = "") -> str:
    """"20" and "M" → "vingt millions", "1,2" and "Md" → "un virgule deux milliard", "5" and "k" → "cinq mille"."""
    num, scale = num or m.group("num"), _SCALES.get(m.group("scale") or "", "")
    return say(num) + (f" {scale}" + "s" * (scale != "mille" and _plural(num)) if scale else "")


_MONEY_STEPS: list[Step] = [
    sub(rf"(?P<neg>(?<![\w.,])-)?(?<![\w])(?P<code>US|CA|AU|C|A)?(?P<cur>[€$£¥])\s?(?P<num>{_MNUM})(?P<num2>)"
        rf"(?:\s?{_SCALE_RE})?(?![\w])", _money),
    sub(rf"(?P<neg>(?<![\w.,])-)?{_LEFT}(?P<num>{_MNUM})(?:\s?(?:-|à)\s?(?P<num2>{_MNUM}))?(?:\s?{_SCALE_RE})?\s?"
        r"(?P<code>)(?P<cur>(?:US|CA|AU)\s?\$|\$\s?(?:US|CA|AU)|[€$£¥]|CHF|EUR|USD|CAD|GBP)(?![\w$])", _money),
]

# --------------------------------------------------------------------------- units


def _unit_table(spec: str) -> dict[str, tuple[str, str]]:
    """"km=kilomètre; km²=kilomètre carré/kilomètres carrés" → {"km": ("kilomètre", "kilomètres"), …}: the
    plural adds an s to the first word unless it is given after a slash."""
    table = {}
    for entry in spec.split(";"):
        symbol, _, words = entry.strip().partition("=")
        one, _, many = words.partition("/")
        first, _, rest = one.partition(" ")
        many = many or (first if first.endswith(("s", "z")) else first + "s") + (f" {rest}" * bool(rest))
        table[symbol] = (one, many)
    return table


_UNITS = _unit_table(
    "km=kilomètre; m=mètre; cm=centimètre; mm=millimètre; µm=micromètre; nm=nanomètre; kg=kilogramme; g=gramme; "
    "mg=milligramme; t=tonne; l=litre; L=litre; ml=millilitre; mL=millilitre; cl=centilitre; dl=décilitre; "
    "hl=hectolitre; °C=degré Celsius; °F=degré Fahrenheit; °=degré; km/h=kilomètre par heure; "
    "m/s=mètre par seconde; mph=mile par heure; km²=kilomètre carré/kilomètres carrés; "
    "m²=mètre carré/mètres carrés; cm²=centimètre carré/centimètres carrés; m³=mètre cube/mètres cubes; "
    "ha=hectare; ko=kilooctet; Ko=kilooctet; kB=kilooctet; KB=kilooctet; Mo=mégaoctet; MB=mégaoctet; "
    "Go=gigaoctet; GB=gigaoctet; To=téraoctet; TB=téraoctet; Mbit/s=mégabit par seconde; "
    "Mb/s=mégabit par seconde; Mbps=mégabit par seconde; Gbit/s=gigabit par seconde; Gb/s=gigabit par seconde; "
    "Hz=hertz; kHz=kilohertz; MHz=mégahertz; GHz=gigahertz; W=watt; kW=kilowatt; MW=mégawatt; GW=gigawatt; "
    "kWh=kilowattheure; MWh=mégawattheure; TWh=térawattheure; V=volt; mAh=milliampère-heure/milliampères-heures; "
    "ms=milliseconde; s=seconde; min=minute; j=jour; dB=décibel; px=pixel; kcal=kilocalorie; ch=cheval/chevaux; "
    "mi=mile; l/100 km=litre aux cent kilomètres; l/100km=litre aux cent kilomètres; "
    "L/100 km=litre aux cent kilomètres")
_FEMININE_UNITS = ("tonne", "milliseconde", "seconde", "minute", "kilocalorie")
_UNIT_RE = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
_RANGE = rf"(?:\s?(?:-|à)\s?(?P<n2>{_NUM}))?"


def _quantity(n: str, one: str, many: str) -> str:
    """"21" tonnes → "vingt et une tonnes"; "1,5" → "un virgule cinq kilomètre" (plural from two)."""
    words = feminine(say(n)) if "," not in n and one.startswith(_FEMININE_UNITS) else say(n)
    return f"{words} {many if _plural(n) else one}"


def _unit(m: re.Match[str]) -> str:
    """"5 km" → "cinq kilomètres", "-5 °C" → "moins cinq degrés Celsius", "1,80 m" → "un mètre quatre-vingts"."""
    one, many = _UNITS[m.group("unit")]
    whole, _, frac = m.group("n").partition(",")
    if m.group("n2"):
        return spaced(m, f"{say(m.group('n'))} à {_quantity(m.group('n2'), one, many)}")
    if m.group("unit") == "m" and len(frac) == 2:  # a height, as it is said
        return spaced(m, f"{_quantity(whole, one, many)} {cardinal(int(frac))}")
    return spaced(m, _quantity(m.group("n"), one, many))


def _percent(m: re.Match[str]) -> str:
    said = say(m.group("n")) + (f" à {say(m.group('n2'))}" if m.group("n2") else "")
    return spaced(m, said + (" pour cent" if m.group("sym") == "%" else " pour mille"))


# --------------------------------------------------------------------------- numbers in context

_PRODUCTS = ("Python|iOS|iPadOS|macOS|Android|Windows|Ubuntu|Debian|Fedora|Linux|Java|PHP|Node|Rust|Ruby|Perl|"
             "Django|React|Vue|Angular|Kotlin|Swift|Chrome|Firefox|Safari|GPT|Bluetooth|HTTP|USB|Wi-Fi|TLS|HTML|CSS|"
             "WordPress|Drupal|Blender|GIMP|Photoshop|Excel|PostgreSQL|MySQL|Docker|Kubernetes|Git|Gemini|Claude|"
             "Llama|Mistral|Web|Unity|TypeScript|JavaScript|Qt|GTK|GNOME|KDE|LibreOffice|Thunderbird")


def _version(parts: str) -> str:
    """"17.2.1" → "dix-sept point deux point un"; "2.0" → "deux point zéro"."""
    return " point ".join(NUMBERS.digits(p) if len(p) > 1 and p.startswith("0") else cardinal(int(p))
                          for p in parts.split("."))


def _versions(text: str) -> str:
    """"version 2.0", "v3", "Python 3.11", "17.2.1", and any "2.5" (French writes decimals with a comma)."""
    text = re.sub(r"\b(?:([Vv]ersion)\s?|(?<![\w.])[Vv]\.?(?=\d))(\d+(?:\.\d+)*)(?![\w]|\.\d)",
                  lambda m: f"{m.group(1) or 'version'} {_version(m.group(2))}", text)
    text = re.sub(rf"\b((?:{_PRODUCTS})[\s-]?)(\d+(?:\.\d+)+)(?![\w]|[.,]\d)",
                  lambda m: f"{m.group(1).rstrip(' -')} {_version(m.group(2))}", text)
    return re.sub(r"(?<![\w.,])\d+(?:\.\d+){2,}(?![\w]|\.\d)|(?<![\w.,])\d+\.(?:\d{1,2}|\d{4,})(?![\w]|[.,]\d)",
                  lambda m: _version(m.group(0)), text)


_SEASON = re.compile(r"(?:saison|exercice|année scolaire|année universitaire|promotion|campagne|législature)\s*$",
                     re.I)


def _year_range(m: re.Match[str]) -> str:
    """1939-1945 → "mille neuf cent trente-neuf à mille neuf cent quarante-cinq"; after "saison" the two years
    are said one after the other ("la saison deux mille dix-neuf deux mille vingt")."""
    a, b = m.group(1), m.group(2)
    start, end = int(a), int(a[:2] + b) if len(b) == 2 else int(b)
    if end <= start:
        return m.group(0)
    return spaced(m, f"{year(start)}{' ' if _SEASON.search(m.string[:m.start()]) else ' à '}{year(end)}")


_ROMAN_SUFFIX = r"(?P<suf>ers|er|res|re|ères|ère|ièmes|ième|èmes|ème|es|e|è)"
_ORDINAL_SUFFIX = r"(?P<suf>ers|er|res|re|ères|ère|ndes|nde|nds|nd|des|de|ds|d|ièmes|ième|èmes|ème|es|e|è)"


def _ordinal_words(n: int, suffix: str) -> str:
    """"1er" → "premier", "1re" → "première", "2nd" → "second", "2nde" → "seconde", "3es" → "troisièmes"."""
    plural, suffix = suffix.endswith("s"), suffix.rstrip("s")
    if suffix in ("nd", "nde", "d", "de") and n == 2:
        return ("seconde" if suffix.endswith("e") else "second") + "s" * plural
    return ordinal(n, fem=suffix in ("re", "ère")) + "s" * plural


_VULGAR = {"½": (1, 2), "¼": (1, 4), "¾": (3, 4), "⅓": (1, 3), "⅔": (2, 3), "⅕": (1, 5), "⅛": (1, 8),
           "⅜": (3, 8), "⅝": (5, 8), "⅞": (7, 8)}


def _fraction(num: int, den: int) -> str:
    """1/2 → "un demi", 2/3 → "deux tiers", 3/4 → "trois quarts", 3/10 → "trois dixièmes"."""
    name = {2: "demi", 3: "tiers", 4: "quart"}.get(den) or ordinal(den)
    return f"{cardinal(num)} {name}{'s' if num > 1 and not name.endswith('s') else ''}"


def _vulgar(m: re.Match[str]) -> str:
    """"¾" → "trois quarts"; "3 ½" → "trois et demi"."""
    num, den = _VULGAR[m.group(2)]
    if m.group(1):
        return spaced(m, f"{say(m.group(1))} et {'demi' if den == 2 else _fraction(num, den)}")
    return spaced(m, _fraction(num, den))


def _slash(m: re.Match[str]) -> str:
    """A fraction when it is one (den 2 to 10, 100 or 1000, num below den); "15/20" is "quinze sur vingt"."""
    num, den = int(m.group(1)), int(m.group(2))
    if num < den and (2 <= den <= 10 or den in (100, 1000)):
        return spaced(m, _fraction(num, den))
    return spaced(m, f"{cardinal(num)} sur {cardinal(den)}")


_NUMBERS_IN_CONTEXT: list[Step] = [
    sub(r"(?<![\w.,-])(1\d{3}|20\d{2})\s?[-/]\s?(1\d{3}|20\d{2}|\d{2})(?![\w-]|[.,]\d)", _year_range),
    sub(r"\b([Aa]nnées)\s+(\d{2}|\d{4})\b", lambda m: f"{m.group(1)} {year(int(m.group(2)))}"),
    _versions,
    sub(rf"(?<![\w.,])(?P<n>\d{{1,3}}(?:[ .]\d{{3}})+|\d+){_ORDINAL_SUFFIX}(?!\w)",
        lambda m: spaced(m, _ordinal_words(int(re.sub(r"\D", "", m.group("n"))), m.group("suf")))),
    sub(rf"(?<![\w/.,])(?<!\d\s)(?:1/2|½)\s(?!(?:de|des|du|et|ou|à|au|aux|sur|par)\b)(?=[{_LOW}])",  # AF: demi-heure
        lambda m: f"{'une' if _FEMININE.match(' ' + m.string[m.end():]) else 'un'} demi-"),
    sub(r"(?:(?<=\d)|(?<![\w,])(\d+)\s?)?([½¼¾⅓⅔⅕⅛⅜⅝⅞])", _vulgar),
    sub(r"(?<![\w/.,:])(\d+)/(\d+)(?![\w/]|[.,]\d)", _slash),
    sub(rf"{_LEFT}(?P<num>{_NUM})(?P<scale>k|M|Md|Mds)(?![\w])", lambda m: spaced(m, _scaled(m))),  # "5k", "2M"
    sub(rf"(?P<n>{_LEFT}{_SNUM}){_RANGE}\s?(?P<sym>[%‰])", _percent),
    sub(rf"(?P<n>{_LEFT}{_SNUM}){_RANGE}\s?(?P<unit>{_UNIT_RE})(?![\w/²³])", _unit),
    sub(rf"{_LEFT}({_NUM})\s?[x×]\s?({_NUM})(?![\w.]|,\d)",
        lambda m: spaced(m, f"{say(m.group(1))} par {say(m.group(2))}")),
    sub(rf"{_LEFT}({_NUM})\s?[x×](?![\w])", lambda m: spaced(m, f"{say(m.group(1))} fois")),
    sub(rf"(?<![\w])[x×]\s?({_NUM})(?![\w])", lambda m: spaced(m, f"fois {say(m.group(1))}")),
    sub(rf"(?<![\w.,:])({_NUM})\s?[:-]\s?({_NUM})(?![\w:-]|[.,]\d)",  # scores and ranges: "2-1", "3:1", "5-10"
        lambda m: spaced(m, f"{say(m.group(1))} à {say(m.group(2))}")),
]

_APPROXIMATE: list[Step] = [  # before money, which would take the "~" of "~5 €"
    sub(r"(?<!\w)[~≈]\s?(?=[\d$€£¥.])", "environ "), sub(r"\s?≤\s?", " au plus "), sub(r"\s?≥\s?", " au moins "),
    sub(r"(?<![<\w])\s?<\s?(?=[\d$€£])", " moins de "), sub(r"(?<![>\w-])\s?>\s?(?=[\d$€£])", " plus de "),
]
_SYMBOLS: list[Step] = [
    sub(r"\s?±\s?", " plus ou moins "), sub(r"\s?÷\s?", " divisé par "), sub(r"(?<=\d)\s?×\s?(?=\d)", " fois "),
    sub(r"(?<![\w-])-(?=\d)", "moins "), sub(r"(?<=[^\W\d_])-(?=\d)", " "),
    sub(r"(?<=\w)\s*(?<![=!<>])=(?!=)\s*(?=[\w(-])", " égale "), sub(r"§\s?", "paragraphe "),
    sub(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])", " "),  # "G7", "MP3", "4G": letters and digits apart
]

_RANK_BEFORE = re.compile(r"\b(?:pages?|numéros?|chambre|article|chapitre|l'an|années?)\s*$", re.I)
_YEAR_BEFORE = re.compile(r"\b(?:en|depuis|dès|vers|avant|après|jusqu'en|d'ici|fin|début|mi|été|hiver|automne|"
                          r"printemps|" + "|".join(_MONTHS) + r")[\s-]*$", re.I)


def _plain(m: re.Match[str]) -> str:
    """The catch-all: any number no rule took. A year or a rank keeps "vingt" and "cent" invariable ("en mille
    neuf cent quatre-vingt", "page deux cent"); "un" agrees with a feminine noun after it."""
    text, before, after = m.group(0), m.string[:m.start()], m.string[m.end():]
    said = say(text)
    if "," in text:
        return spaced(m, said)
    is_year = re.fullmatch(r"1\d{3}|20\d{2}", text) and (_YEAR_BEFORE.search(before) or not re.match(r"\s+\w", after))
    if is_year or _RANK_BEFORE.search(before):
        return spaced(m, invariable(said))
    return spaced(m, feminine(said) if _FEMININE.match(after) else said)


_CATCH_ALL: list[Step] = [sub(rf"(?<!\w){_NUM}", _plain), sub(r"\d+", lambda m: spaced(m, say(m.group(0))))]

# --------------------------------------------------------------------------- Roman numerals

_REGNAL = frozenset(
    "Louis Henri Charles François Napoléon Philippe Jean Paul Jean-Paul Benoît Pie Léon Grégoire Innocent Clément "
    "Urbain Boniface Sixte Alexandre Nicolas Pierre Frédéric Guillaume Georges Édouard Richard Jacques Ferdinand "
    "Victor-Emmanuel Albert Léopold Baudouin Rainier Juan Felipe Carlos Alphonse Othon Lothaire Pépin Robert Hugues "
    "Amédée Mohammed Hassan Christian Harald Olaf Gustave Frederik Ramsès Constantin Rama Ptolémée Darius Cyrus "
    "Manuel Pedro Sébastien Wilhelm Otto Rodolphe Maximilien Ivan Soliman Mehmed Sélim Haakon Carl Gustaf".split())
_REGNAL_FEMININE = frozenset("Élisabeth Elisabeth Elizabeth Catherine Marie Isabelle Victoria Anne Christine Jeanne "
                             "Marguerite Margrethe Béatrix Juliana Wilhelmine Mathilde".split())
_ROMAN_TRIGGERS = ("chapitre tome partie acte scène livre volume titre saison épisode annexe phase section vatican "
                   "type classe niveau fascicule chant psaume leçon opus").split()
"""Words after which a Roman numeral is a plain number: "chapitre quatre", "Vatican deux"."""


def _romans(text: str) -> str:
    """"Louis XIV" → "Louis quatorze", "Élisabeth I" → "Élisabeth première", "acte III" → "acte trois", "le XV de
    France" → "le quinze de France"; a lone I, V or X only after a regnal name or a trigger, so "I love" stays."""
    def repl(m: re.Match[str]) -> str:
        word, numeral = m.group(1), m.group(2)
        value, regnal = rules.roman_value(numeral), word in _REGNAL or word in _REGNAL_FEMININE
        if value is None or not (regnal or word.lower() in _ROMAN_TRIGGERS or len(numeral) > 1):
            return m.group(0)
        return f"{word} {ordinal(1, word in _REGNAL_FEMININE) if value == 1 and regnal else cardinal(value)}"

    return re.sub(rf"\b([{_UP}][\w-]*[{_LOW}]|{'|'.join(_ROMAN_TRIGGERS)})\s+([IVX]+)(?![\w'])", repl, text)


def _roman_ordinal(m: re.Match[str]) -> str:
    """"XIXe siècle" → "dix-neuvième siècle", "François Ier" → "François premier", "la Ve République"."""
    value = rules.roman_value(m.group("n"))
    return _ordinal_words(value, m.group("suf")) if value else m.group(0)


_ROMAN_ORDINAL = sub(rf"(?<![\w.])(?P<n>[IVX]+){_ROMAN_SUFFIX}(?!\w)", _roman_ordinal)


# --------------------------------------------------------------------------- acronyms and shouting

ACRONYMS_AS_WORDS = frozenset(
    "ONU OTAN UNESCO UNICEF INSEE SMIC CNIL CAF ENA OPEP SAMU SMUR NASA FIFA UEFA OVNI SIDA CERN INSERM URSSAF EHPAD "
    "ZAD IFOP MEDEF CAC COVID PACS BAC IKEA ESA GIEC UNEDIC ASSEDIC INRIA INRAE CNES ADEME ARCOM HADOPI CESE ONISEP "
    "CROUS ZEP ZUP SICAV DOM TOM RIB LED RAM ROM GIF JPEG JSON MOOC FNAC SACEM INA UNEF CAPES ESSEC SARL ALENA "
    "MERCOSUR ASEAN INTERPOL EUROPOL FRONTEX UQAM CEGEP CÉGEP NATO".split())
"""Acronyms said as words, written as names ("l'Onu"), as the Lexique de l'Imprimerie nationale writes them."""

KNOWN_INITIALISMS = frozenset(
    "SNCF RATP PDG EDF GDF TGV TER RER HLM RSA PIB TVA PME TPE ONG OGM IVG SDF CDI CDD APL ADN ARN UE USA IA JO PS "
    "LR RN LFI PC PCF CGT CFDT FO CNRS OCDE OMS OMC FMI BCE BNP CIC SMS TV DVD CD PDF URL USB HTML CSS API CEO CV QG "
    "RH DRH BTP PMA VTC SUV BD RTT RGPD AFP SAV GPS SVT EPS BTS DUT IUT ENS HEC CHU VIH IST BBC CNN FBI CIA NSA UFC "
    "PSG OM OL HD UV ID IP VPN".split())
"""Initialisms spelled even inside a shouted all-caps run ("LA SNCF EN GRÈVE")."""

_SHOUT_WORDS = frozenset(
    "A À AU AUX AVEC BIEN BON CA ÇA CE CES CET CETTE DE DES DU ELLE EN EST ET FIN GRATUIT ICI IL ILS JAMAIS JE LA LE "
    "LES LUI MA MAIS MAL MES MOI MON NE NI NON NOUS ON OU OÙ OUI PAR PAS PEU PLUS POUR QUE QUI RIEN SA SANS SE SES SI "
    "SON SUR TA TON TOP TOUS TOUT TRÈS TU UN UNE VOUS VRAI FAUX STOP URGENT".split())
"""Short all-caps words that are shouted French when they stand alone ("ce n'est PAS gratuit")."""

_CAPS = re.compile(rf"(?<![\w.])([{_UP}]{{2,}})(?![\w'’])")
_GAP = re.compile(r"[\s,;:!?\"'-]*")
_VOWEL, _CONSONANT = "[AEIOUYÀ-ÖØ-Ý]", "[^AEIOUYÀ-ÖØ-Ý]"


def _acronyms(text: str, words: Collection[str]) -> str:
    """Initialisms spelled, acronyms said as words written as names, shouted French lowercased."""
    matches = list(_CAPS.finditer(text))
    as_words = ACRONYMS_AS_WORDS | {w.upper() for w in words}
    out, last = [], 0
    for i, m in enumerate(matches):
        near = [matches[j] for j in (i - 1, i + 1) if 0 <= j < len(matches)]
        in_run = any(_GAP.fullmatch(text, min(a.end(), m.end()), max(a.start(), m.start())) for a in near)
        out += [text[last:m.start()], _caps_word(m.group(1), in_run, as_words)]
        last = m.end()
    return "".join([*out, text[last:]])


def _caps_word(core: str, in_run: bool, as_words: Collection[str]) -> str:
    """"ONU" → "Onu", "SNCF" → "S.N.C.F", "OK" stays (espeak-ng says it "okay"), shouted words lowercased."""
    if core in as_words:
        return core.capitalize()
    if core == "OK":
        return core
    if core in KNOWN_INITIALISMS:
        return spell(core)
    pronounceable = (len(core) >= 5 and re.search(_VOWEL, core) and not re.search(f"{_CONSONANT}{{4}}", core)
                     and not re.match(f"{_CONSONANT}{{3}}", core))  # "ATTENTION", not "CNRS"
    if (in_run and re.search(_VOWEL, core)) or core in _SHOUT_WORDS or pronounceable:
        return core.lower()
    return spell(core)


# --------------------------------------------------------------------------- symbols in words and the pipeline

_WORD_SYMBOLS: list[Step] = [
    sub(r"(?<=\w)/(?=mois|an|jour|nuit|semaine|heure|personne|habitant)\b", " par "),
    sub(r"\s*&\s*", " et "), sub(r"\s*\+\s*(?=\+)", " plus"), sub(r"\s*\+\s*", " plus "),
    sub(r"\s*%", " pour cent"), sub(r"\s*‰", " pour mille"), sub(r"\s*@\s*", " arobase "),
    sub(r"(?<!\w)€(?!\w)", " euros "), sub(r"(?<!\w)\$(?!\w)", " dollars "), sub(r"(?<!\w)£(?!\w)", " livres "),
    sub(r"\b([Dd])e (une?)\b", r"\1'\2"), sub(r"\b([Qq])ue (une?)\b", r"\1u'\2"),  # "d'un million"
    sub(r"/", " "), sub(r"[<>{}\[\]=$€£¥¢°²³ºª_]", " "),
]

_KEEP_LOWER = re.compile(rf"(?:[{_LOW}][{_UP}]+|mm?|mmes?|mlles?|me|drs?|pr|ste?|mgr|cie|sté|ß|"
                         r"[ivx]+(?:ers?|res?|ères?|es?|èmes?|è))(?!\w)")


def _capitalize(text: str) -> str:
    """``rules.capitalize``, but not a first word that would then read otherwise: "aBC" (→ the initialism "ABC"),
    "me" (→ "Me", maître), "ve" (→ "Ve", cinquième), "ß" (→ "SS")."""
    def up(m: re.Match[str]) -> str:
        word = m.group(2)
        return m.group(0) if _KEEP_LOWER.match(word) else m.group(1) + word[0].upper() + word[1:]

    return re.sub(r"(?:^|(?<=[.!?]\s))([\"'(¿¡]?)([^\W\d_A-Z][\w'-]*)\b", up, text)


_WEB = rules.web_steps(rules.WebWords(dot="point", at="arobase", dash="tiret", underscore="tiret bas",
                                      plus="plus", number="numéro"))


def normalize(text: str, words: Collection[str] = ()) -> str:
    """The spoken form of one French sentence (``words``: extra acronyms said as words)."""
    steps: list[Step] = [
        rules.typography, rules.number_dashes, *_FIXED, *_WEB, *_ABBREVIATIONS, *_PHONES, *_DATES, *_TIMES,
        _DOTTED, *_APPROXIMATE, *_MONEY_STEPS, *_NUMBERS_IN_CONTEXT, *_SYMBOLS, *_CATCH_ALL, _ROMAN_ORDINAL, _romans,
        *_WORD_SYMBOLS, lambda t: _acronyms(t, words),
        rules.dashes, rules.tidy, rules.dashes, rules.tidy, _capitalize,  # twice: ",-A" → "-A" → "A"
    ]
    return rules.run(steps, text)


def long_date(when: date) -> str:
    """"27 novembre 2026"; "1er mai 2026" (the first of the month is written 1er, Lexique IN)."""
    return f"{'1er' if when.day == 1 else when.day} {_MONTHS[when.month - 1]} {when.year}"


ABBREVIATIONS = frozenset(
    "m mm mme mmes mlle mlles mgr dr pr me st ste p.ex ex cf env etc vs approx resp max tél hab éd coll p pp vol chap "
    "art fig t av apr bd cie sté janv févr fév avr juil sept oct nov déc c.-à-d".split())

FOOTERS: tuple[str, ...] = (
    # WordPress core (fr_FR) and Yoast SEO's RSS footer: « L'article … est apparu en premier sur … », older « Cet
    # article … »; the site part stops at a comma, so prose that goes on is not taken.
    r"(?:l['’]article|cet article|l['’]entrée|le billet|la publication|le post|le message)\s+.{1,300}?\s+"
    r"(?:est\s+(?:apparue?|parue?)\s+en\s+premier|a\s+d['’]abord\s+été\s+publiée?|a\s+été\s+publiée?\s+"
    r"(?:en\s+premier|initialement|d['’]abord))\s+(?:sur|dans)\s+[^,;!?\n]{1,100}?\s*\.?",
    # WordPress's "Continue reading" (fr_FR « Continuer la lecture de … »), Jetpack's « Lire la suite ».
    r"(?:continuer la lecture(?:\s+de)?|lire la suite(?:\s+de)?)\s*(?:[«\"“].{1,200}?[»\"”])?\s*(?:[»›→…]|\.{3})?",
    # Blogger: « Publié par NOM à 10:30 ».
    r"publié\s+par\s+[^.!?\n]{1,60}?\s+(?:à|le)\s+[\d:h. ]{3,8}(?:\s*\d+\s+commentaires?)?\.?",
)

CALLS_TO_ACTION: tuple[str, ...] = (
    # The French phrases evidence.py had, then more (subscribe, follow, support, share, donate, unsubscribe…).
    r"abonnez", r"abonne-toi", r"suivez(-nous)?", r"soutenez", r"partagez", r"[ée]coutez (sur|nous)",
    r"disponible sur", r"publi[ée] (initialement|pour la premi[èe]re fois)", r"lire la suite", r"confidentialit[ée]",
    r"infolettre|newsletter", r"sponsoris[ée]", r"en savoir plus", r"jetez un (coup d.)?[œo]eil",
    r"merci (de|pour) (votre|la) (lecture|soutien|[ée]coute)", r"inscrivez-vous", r"rejoignez-nous",
    r"laissez(-nous)? (un|vos) commentaires?", r"faites un don", r"tipeee|utip|ulule", r"retrouvez(-nous)? sur",
    r"d[ée]sinscri", r"t[ée]l[ée]chargez (l['’]|notre|le)",
)

LANGUAGE = Language(
    code="fr", name="français", iso639_2="fra", normalize=normalize, abbreviations=ABBREVIATIONS,
    intro="{title}, par {author}.", outro="C'était une édition audio de {title}, publiée le {date}.",
    date=long_date, digits=tuple("zéro un deux trois quatre cinq six sept huit neuf".split()),
    words={"read_post": "Lire l'article",
           "chapters": "Chapitres", "transcript": "Transcription", "listen": "Écouter",
           "download": "Télécharger le MP3", "play_from": "Lire à partir de",
           "position": "Position dans l’épisode", "quote": "Citation.",
           "end_quote": "Fin de citation.", "code_omitted": "Un exemple de code est omis.",
           "table_omitted": "Un tableau est omis.", "image": "Image"},
    footers=FOOTERS, calls_to_action=CALLS_TO_ACTION,
)
