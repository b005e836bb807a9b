"""German: written forms rewritten as a German newsreader (Tagesschau, Deutschlandfunk) would say them.

Conventions and sources:

* Numbers: "." groups thousands, "," is the decimal sign; decimals are said digit by digit ("drei Komma
  eins vier"); "hundert" and "tausend" without a leading "ein" ("tausendfünfhundert"), which Duden
  (Rechtschreibung, "hundert", "tausend") gives as equal to "einhundert", "eintausend" and is what is said.
* Ordinals are written "3." (Duden Grammatik, Ordinalzahlen); their ending follows the article or
  preposition before them ("am dritten", "der dritte", "ein dritter") and, without one, the noun's gender.
  A date without an article is nominative masculine ("siebenundzwanzigster November": der Tag).
* Years 1100-1999 are said in hundreds ("neunzehnhundertneunundneunzig"), others as numbers.
* Money: the unit between the whole and the cents ("drei Euro fünfzig"); "1,2 Mrd." is "eins Komma zwei
  Milliarden" (Duden: a decimal before Million/Milliarde takes the plural).
* Phone numbers (DIN 5008, the older grouping): area code digit by digit, the number in pairs from the right.
* Initialisms are dotted letters ("S.P.D"), which espeak-ng spells in every position; acronyms said as
  words are capitalized words ("Nato", "Dax"), as Duden writes them. Checked with ``espeak-ng -v de -q -x``
  (benchmarks/espeak_cases.py).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date
from functools import lru_cache

from num2words import num2words

from audiopost.text import rules
from audiopost.text.lang import Language
from audiopost.text.rules import Step, ends, spaced, sub

NUM = rules.Numbers("de", "Komma", "minus", digitwise=True)
_N = rules.number_pattern(r"\.", ",")
MONTHS = "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split()
_MONTH_ABBR = {"jan": 1, "jän": 1, "feb": 2, "mär": 3, "mrz": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
               "sep": 9, "okt": 10, "nov": 11, "dez": 12}
_MONTH_RE = (r"(Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
             r"|(?:Jan|Jän|Feb|Mär|Mrz|Apr|Jun|Jul|Aug|Sept|Sep|Okt|Nov|Dez)\.)")
_WEEKDAYS = "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag".split()

# --------------------------------------------------------------------------- number words


def _trim(words: str) -> str:
    """"eintausendfünfhundert" → "tausendfünfhundert": the spoken form (Duden allows both)."""
    return re.sub(r"\bein(?=hundert|tausend)", "", words)


@lru_cache(maxsize=4096)
def cardinal(n: int) -> str:
    """1500 → "tausendfünfhundert"; -5 → "minus fünf"."""
    return _trim(NUM.cardinal(n))


def number(text: str) -> str:
    """Any number in German separators: "1.500", "2,5" → "zwei Komma fünf", "-3", "007"."""
    return _trim(NUM.say(text))


@lru_cache(maxsize=1024)
def ordinal(n: int, ending: str = "e") -> str:
    """3, "en" → "dritten": num2words's "dritte" without its "e", and the ending the context asks for."""
    return _trim(num2words(n, lang="de", to="ordinal"))[:-1] + ending if 0 < n < 10**6 else cardinal(n)


@lru_cache(maxsize=1024)
def year(n: int) -> str:
    """1999 → "neunzehnhundertneunundneunzig"; 2026 → "zweitausendsechsundzwanzig"."""
    return str(num2words(n, lang="de", to="year")) if 1100 <= n <= 1999 else cardinal(n)


def _one(text: str, gender: str, before: str = "") -> str:
    """"1" before a noun is "ein"/"eine" (dative "einem"/"einer" after mit, von, nach …)."""
    if text.lstrip("-") != "1":
        return number(text)
    dative = re.search(r"\b(?:mit|von|nach|aus|bei|seit|zu|vor)\s*$", before, re.I) is not None
    word = ("einer" if dative else "eine") if gender == "f" else ("einem" if dative else "ein")
    return ("minus " if text.startswith("-") else "") + word


# --------------------------------------------------------------------------- gender and case of ordinals

_FEMININE = frozenset("Staffel Liga Bundesliga Klasse Runde Auflage Etage Stufe Ausgabe Folge Woche Stelle "
                      "Hälfte Stunde Minute Sekunde Tonne Kilowattstunde Million Milliarde Spielzeit".split())
_NEUTER = frozenset("Mal Jahr Album Buch Kapitel Spiel Tor Quartal Halbjahr Semester Jahrhundert Jahrtausend "
                    "Jahrzehnt Rennen Treffen Programm Land Haus Kind Gesetz Paket Update Video Konzert Festival "
                    "Level Gramm Kilogramm Prozent Grad Pfund Team Turnier Finale".split())
_MASCULINE = frozenset("Name Kunde Junge Kollege Gedanke Buchstabe Käse Platz Tag Sieg Geburtstag".split())
_PREPOSITIONS = frozenset("in an auf aus bei mit nach seit von vor zu zwischen unter über hinter neben während "
                          "wegen trotz laut gemäß innerhalb außerhalb".split())


def gender(noun: str) -> str:
    """"m", "f" or "n" for a German noun: the word lists above, then its ending (-ung, -heit, -e …: f)."""
    if noun in _FEMININE:
        return "f"
    if noun in _NEUTER or re.search(r"(chen|lein|ment|um|tum|nis)$", noun):
        return "n"
    if noun in _MASCULINE or noun in MONTHS:
        return "m"
    return "f" if re.search(r"(ung|heit|keit|schaft|ion|tät|ik|ei|ur|e|a)$", noun) else "m"


def _ending(before: str, noun: str, is_date: bool = False) -> str:
    """The ordinal's ending after ``before`` (Duden Grammatik: weak after der-words, mixed after ein-words,
    strong without an article): "am 3." → "en", "der 3. Oktober" → "e", "ein 3. Platz" → "er"."""
    words = re.findall(r"[^\W\d]+", before.lower())[-2:]
    last, g = (words[-1] if words else ""), (gender(noun) if noun else "m")
    if re.fullmatch(r"am|im|zum|vom|beim|ans|ins|bis|ab|seit|des|dem|den|(?:dies|jed)(?:em|en)"
                    r"|(?:ein|kein|mein|dein|sein|ihr|unser|eur)(?:em|en|er|es)", last):
        return "en"
    if last in ("der", "dieser", "jeder"):  # "der" with a feminine noun is dative or genitive: "in der 2. Runde"
        return "en" if g != "m" or (len(words) > 1 and words[0] in _PREPOSITIONS) else "e"
    if re.fullmatch(r"die|das|(?:dies|jed|jen|ein|kein|mein|dein|sein|ihr|unser|eur)e|dieses|jedes", last):
        return "e"
    if last in ("ein", "kein", "mein", "dein", "sein", "ihr", "unser", "euer"):
        return "es" if g == "n" else "er"
    return "er" if is_date else {"m": "er", "f": "e", "n": "es"}[g]


def _next_noun(text: str) -> str:
    """The first capitalized word after an ordinal or fraction ("3. Oktober", "1. bis 3. Juni")."""
    m = re.match(r"(?:\s*(?:bis|und|oder|-|\d{1,3}\.))*\s*([A-ZÄÖÜ]\w*)", text)
    return m.group(1) if m else ""


def _date_prefix(before: str) -> str:
    """"am Montag, 3. Oktober": the apposition takes the article too, "am Montag, dem dritten Oktober"."""
    return "dem " if re.search(rf"\b[Aa]m\s+(?:{'|'.join(_WEEKDAYS)}),\s*$", before) else ""


# --------------------------------------------------------------------------- dates and times


def _say_date(m: re.Match[str], day: int, month: int, year_: str | None) -> str:
    """A date with its day's ending from the words before it: "am 27.11.2026" → "am siebenundzwanzigsten …"."""
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return m.group(0)
    before, name = m.string[:m.start()], MONTHS[month - 1]
    prefix = _date_prefix(before)
    said = f"{prefix}{ordinal(day, 'en' if prefix else _ending(before, name, True))} {name}"
    if year_:
        said += " " + year(int(year_) if len(year_) == 4 else 2000 + int(year_))
    return spaced(m, said)


def _named_date(m: re.Match[str]) -> str:
    """"am 1. Mai", "27. Nov. 2026", "vom 1.-3. Juni" (both days take the case)."""
    token = m.group(3).rstrip(".")
    month = MONTHS.index(token) + 1 if token in MONTHS else _MONTH_ABBR[token[:3].lower()]
    if m.group(2):
        if not 0 < int(m.group(1)) < 32:
            return m.group(0)
        first = _say_date(m, int(m.group(1)), month, None).rsplit(" ", 1)[0]
        return f"{first} bis {_say_date(m, int(m.group(2)), month, m.group(4))}"
    tail = ends(m, before_capital=False) if not m.group(4) and m.group(3).endswith(".") else ""
    return _say_date(m, int(m.group(1)), month, m.group(4)) + tail


_DATES: list[Step] = [
    sub(r"(?<![\w-])(\d{4})-(\d{2})-(\d{2})(?![\w-])", lambda m: _say_date(m, int(m[3]), int(m[2]), m[1])),
    sub(r"(?<![\w.,/])(\d{1,2})([./])(\d{1,2})\2(\d{4}|\d{2})(?!\d|[.,]\d)",
        lambda m: _say_date(m, int(m[1]), int(m[3]), m[4])),
    sub(rf"(?<![\w.,])(\d{{1,2}})\.\s?(?:[-–]\s?(\d{{1,2}})\.\s?)?{_MONTH_RE}(?:\s+(\d{{4}})(?!\d))?(?!\w)",
        _named_date),
    sub(r"(?<![\w.,])(\d{1,2})\.(\d{1,2})\.(?!\d)",  # "am 3.10." (no year); its period may end the sentence
        lambda m: _say_date(m, int(m[1]), int(m[2]), None) + ends(m, before_capital=False)),
]


def _clock(h: str, mins: str | None) -> str | None:
    """"14", "30" → "vierzehn Uhr dreißig" (the newsreader's form, not "halb drei"); "1" → "ein Uhr"."""
    if int(h) > 24 or (mins is not None and int(mins) > 59):
        return None
    said = f"{'ein' if int(h) == 1 else cardinal(int(h))} Uhr"
    return said + (f" {cardinal(int(mins))}" if mins and int(mins) else "")


def _uhr(m: re.Match[str]) -> str:
    """"14:30 Uhr", "14.30 Uhr", "9 Uhr", "9-17 Uhr" → "neun bis siebzehn Uhr"."""
    end = _clock(m["h"], m["m"])
    start = _clock(m["h1"], m["m1"]) if m["h1"] else ""
    if end is None or start is None:
        return m.group(0)
    return f"{start.removesuffix(' Uhr') if m['m1'] is None else start} bis {end}" if start else end


_TIMES: list[Step] = [
    sub(r"(?<![\w.,:])(?:(?P<h1>\d{1,2})(?:[:.](?P<m1>\d{2}))?\s?[-–]\s?)?(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?"
        r"\s?Uhr\b", _uhr),
    sub(r"(?<![\w.,:])(\d{1,2}):(\d{2})(?![\d:]|[.,]\d)", lambda m: _clock(m[1], m[2]) or m.group(0)),
]

# --------------------------------------------------------------------------- abbreviations and fixed tokens

_PLAIN_TABLE = """z. B.=zum Beispiel|d. h.=das heißt|u. a.=unter anderem|o. Ä.=oder Ähnliches|u. Ä.=und Ähnliches|
u. U.=unter Umständen|z. T.=zum Teil|i. d. R.=in der Regel|v. a.=vor allem|s. o.=siehe oben|s. u.=siehe unten|
v. Chr.=vor Christus|n. Chr.=nach Christus|u. s. w.=und so weiter|usw.=und so weiter|usf.=und so fort|
etc.=et cetera|bzw.=beziehungsweise|bspw.=beispielsweise|ca.=zirka|evtl.=eventuell|
ggf.=gegebenenfalls|inkl.=inklusive|exkl.=exklusive|zzgl.=zuzüglich|vgl.=vergleiche|
sog.=sogenannte|bzgl.=bezüglich|ggü.=gegenüber|lt.=laut|mind.=mindestens|max.=maximal|Nr.=Nummer|
Nrn.=Nummern|Abs.=Absatz|Abb.=Abbildung|Kap.=Kapitel|Bd.=Band|Tel.=Telefon|Str.=Straße|Hbf.=Hauptbahnhof|
Jh.=Jahrhundert|Jhd.=Jahrhundert|geb.=geboren|gest.=gestorben|ff.=folgende|Dr.=Doktor|Prof.=Professor|
Hr.=Herr|Hrn.=Herrn|Fr.=Frau|Dipl.-Ing.=Diplomingenieur|MwSt.=Mehrwertsteuer|Mwst.=Mehrwertsteuer|
Mio.=Millionen|Mrd.=Milliarden|Co.=Ko"""
_PLAIN = [(re.escape(written).replace(r"\ ", r"\s?"), said) for written, said in
          (row.split("=") for row in _PLAIN_TABLE.replace("\n", "").split("|"))] + [
    (r"S\.(?=\s?\d)", "Seite"), (r"Art\.(?=\s?\d)", "Artikel"), (r"(?<!\d )Std\.", "Stunden"),
    (r"(?<!\d )Min\.", "Minuten"), (r"(?<!\d )Tsd\.", "Tausend"), (r"(?<=\d )St\.", "Stück"), (r"St\.", "Sankt")]
"""Written → said; a space in the written form may be left out ("z.B.")."""
_ENDS_SENTENCE = ("und so weiter", "und so fort", "et cetera", "folgende")


def _plain(pattern: str, word: str) -> Step:
    """An abbreviation's full word, in any case ("Vgl.", "vgl."; a sentence's first word is capitalized); its
    period comes back only where it also ended the sentence."""
    return sub(rf"(?<![\w.]){pattern}(?!\w)", lambda m: word + ends(m, before_capital=word in _ENDS_SENTENCE), re.I)


_WEEKDAY_ABBR = dict(zip("Mo Di Mi Do Fr Sa So".split(), _WEEKDAYS, strict=True))
_MIXED_CASE = {"AfD": "A.F.D", "GmbH": "G.m.b.H", "Lkw": "L.K.W", "Pkw": "P.K.W", "KfW": "K.F.W",
               "BAföG": "Bafög", "e.V.": "e.V"}
_ABBREVIATIONS: list[Step] = [
    sub(r"(?<![\w.])(Mo|Di|Mi|Do|Fr|Sa|So)\.(?=,?\s?\d)", lambda m: _WEEKDAY_ABBR[m.group(1)]),
    sub(r"(?<![\w.])(AfD|GmbH|Lkw|Pkw|KfW|BAföG|e\.V\.)(?!\w)", lambda m: _MIXED_CASE[m.group(1)]),
    *(_plain(p, w) for p, w in _PLAIN),
]
_FIXED: list[Step] = [
    sub(r"(?<![\w/])24/7(?![\w/])", "vierundzwanzig sieben"), sub(r"(?<!\w)C\+\+(?!\w)", "C plus plus"),
    sub(r"(?<!\w)([CF])#(?!\w)", r"\1 Sharp"), sub(r"(?<!\w)([Uu]nd)/oder(?!\w)", r"\1 oder"),
    sub(r"\b([IVX]{1,5})\.(?=\s+Jahrhundert)", lambda m: f"{rules.roman_value(m.group(1)) or m.group(1)}."),
]

# --------------------------------------------------------------------------- phone numbers, versions


def _phone(m: re.Match[str]) -> str:
    """"+49 30 1234567", "030/12 34 56": country and area code digit by digit, the rest in pairs from the
    right ("1234567" → "eins dreiundzwanzig fünfundvierzig siebenundsechzig")."""
    said: list[str] = []
    for g in re.findall(r"\+?\d+", m.group(0).replace("(0)", "")):
        if g.startswith("+") or not said or said[-1].startswith("plus"):
            said.append(("plus " if g.startswith("+") else "") + NUM.digits(g))
        else:
            pairs = [g[max(0, i - 2):i] for i in range(len(g), 0, -2)][::-1]
            said.append(" ".join(NUM.digits(p) if p.startswith("0") else cardinal(int(p)) for p in pairs))
    return spaced(m, ", ".join(said))


def _version(parts: str) -> str:
    """"17.2.1" → "siebzehn Punkt zwei Punkt eins" (software versions are said with "Punkt")."""
    return " Punkt ".join(NUM.digits(p) if p.startswith("0") and len(p) > 1 else cardinal(int(p))
                          for p in parts.split("."))


_PRODUCTS = ("Python|iOS|iPadOS|macOS|Android|Windows|Ubuntu|Debian|Fedora|Linux|Firefox|Chrome|Safari|PHP|Java|"
             "Node|WordPress|Bluetooth|USB|HTTP|HTML|TLS|GPT|Wi-Fi|Web|Version|Vers\\.|[Vv]")
_NUMBERS_EARLY: list[Step] = [
    sub(r"(?<![\w+])(?:\+\d{2,3}(?:\s?\(0\))?|\(?0\d{2,5}\)?)(?:\s?[/-]\s?|\s)\d{2,}(?:[\s-]\d+)*(?![\w/-]|[.,]\d)",
        _phone),
    sub(rf"\b({_PRODUCTS})\s?(\d+(?:\.\d+)+)(?![\w]|\.\d)",
        lambda m: f"{'Version' if m[1] in ('Vers.', 'v', 'V') else m[1]} {_version(m[2])}"),
]
_VERSIONS = sub(r"(?<![\w.,])(?!\d{1,3}(?:\.\d{3})+(?![\d.]))\d+\.\d+\.\d+(?:\.\d+)*(?![\w]|\.\d)"
                r"|(?<![\w.,])\d+\.(?:\d{1,2}|\d{4,})(?![\w.]|,\d)", lambda m: _version(m.group(0)))

# --------------------------------------------------------------------------- money, scales, units

_CURRENCY = {"€": "Euro", "EUR": "Euro", "$": "Dollar", "USD": "US-Dollar", "US$": "US-Dollar", "£": "Pfund",
             "GBP": "Pfund", "CHF": "Franken", "¥": "Yen"}
_SUBUNIT = {"Pfund": "Pence", "Franken": "Rappen", "Yen": "Sen"}
_SCALE_ONE = {"Mio": "Million", "Mrd": "Milliarde", "Tsd": "tausend", "Millionen": "Million",
              "Milliarden": "Milliarde", "Billionen": "Billion"}
_SCALE_RE = r"(?P<scale>Mio|Mrd|Tsd|Millionen|Million|Milliarden|Milliarde|Billionen|Billion)(?P<dot>\.)?(?!\w)"
_CUR_BEFORE = r"(?P<cur>US\$|[€$£¥]|(?<![\w])(?:EUR|USD|CHF|GBP)(?=[\s\d]))"
_CUR_AFTER = r"(?P<cur>US-Dollar|US\$|[€$£¥]|EUR|USD|CHF|GBP|Euro|Dollar|Pfund|Franken|Yen)(?!\w)"


def _scaled(num: str, scale: str) -> str:
    """"20", "Mio" → "zwanzig Millionen"; "1" → "eine Million"; "120 Tsd." → "hundertzwanzigtausend"."""
    one = _SCALE_ONE.get(scale, scale)
    if one == "tausend":
        return one if num == "1" else number(num) + one
    return f"eine {one}" if num == "1" else f"{number(num)} {one}{'n' if one.endswith('e') else 'en'}"


def _amount(num: str, name: str) -> str:
    """"3,50" Euro → "drei Euro fünfzig"; "0,50" → "fünfzig Cent"; "1" → "ein Euro"."""
    whole, _, frac = num.partition(",")
    if len(frac) > 2:
        return f"{number(num)} {name}"
    units, cents = int(whole.replace(".", "") or 0), int(frac.ljust(2, "0")) if frac else 0
    main = f"{'ein' if units == 1 else cardinal(units)} {name}"
    if cents and not units:
        return f"{'ein' if cents == 1 else cardinal(cents)} {_SUBUNIT.get(name, 'Cent')}"
    return f"{main} {cardinal(cents)}" if cents else main


def _money(m: re.Match[str]) -> str:
    """"1.500 €", "€ 3,50", "20 Mio. Euro", "5-10 $"."""
    name, sign = _CURRENCY.get(m["cur"], m["cur"]), "minus " if m["neg"] else ""
    if m["num2"]:
        scale = f" {_scaled('2', m['scale']).split()[-1]}" if m["scale"] else ""
        said = f"{number(m['num'])} bis {number(m['num2'])}{scale} {name}"
    else:
        said = f"{_scaled(m['num'], m['scale'])} {name}" if m["scale"] else _amount(m["num"], name)
    return spaced(m, sign + said)


_MONEY: list[Step] = [
    sub(rf"(?<![\w.,])(?P<neg>-)?{_CUR_BEFORE}\s?(?P<num>{_N})(?:\s?[-–]\s?(?P<num2>{_N}))?"
        rf"(?:\s?{_SCALE_RE})?(?![\w,]|\.\d)", _money),
    sub(rf"(?<![\w.,/:])(?P<neg>-)?(?P<num>{_N})(?:\s?[-–]\s?(?P<num2>{_N}))?(?:\s?{_SCALE_RE})?\s?{_CUR_AFTER}",
        _money),
    sub(rf"(?<![\w.,/:])(?P<num>{_N})\s?{_SCALE_RE}",
        lambda m: spaced(m, _scaled(m["num"], m["scale"])) + (ends(m, before_capital=False) if m["dot"] else "")),
]

_UNIT_TABLE = """km Kilometer - m|m Meter - m|cm Zentimeter - m|mm Millimeter - m|kg Kilogramm - n|g Gramm - n|
mg Milligramm - n|t Tonne Tonnen f|l Liter - m|ml Milliliter - m|km/h Kilometer_pro_Stunde - m|
m/s Meter_pro_Sekunde - m|°C Grad_Celsius - n|°_C Grad_Celsius - n|°F Grad_Fahrenheit - n|° Grad - n|
m² Quadratmeter - m|qm Quadratmeter - m|km² Quadratkilometer - m|m³ Kubikmeter - m|ha Hektar - m|KB Kilobyte - n|
MB Megabyte - n|GB Gigabyte - n|TB Terabyte - n|Mbit/s Megabit_pro_Sekunde - n|Gbit/s Gigabit_pro_Sekunde - n|
kWh Kilowattstunde Kilowattstunden f|kW Kilowatt - n|W Watt - n|MW Megawatt - n|V Volt - n|Hz Hertz - n|
GHz Gigahertz - n|h Stunde Stunden f|Std. Stunde Stunden f|Std Stunde Stunden f|min Minute Minuten f|
Min. Minute Minuten f|min. Minute Minuten f|Sek. Sekunde Sekunden f|s Sekunde Sekunden f|dB Dezibel - n|
PS P.S - n|kcal Kilokalorie Kilokalorien f|% Prozent - n|‰ Promille - n"""
_UNITS: dict[str, tuple[str, str, str]] = {
    unit.replace("_", " "): (one.replace("_", " "), (one if many == "-" else many).replace("_", " "), g)
    for unit, one, many, g in (row.split() for row in _UNIT_TABLE.replace("\n", "").split("|"))}
"""Unit → (singular, plural, gender): "5 km" → "fünf Kilometer", "1 t" → "eine Tonne"."""
_UNIT_RE = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))


def _unit(m: re.Match[str]) -> str:
    """"5 km" → "fünf Kilometer", "1 t" → "eine Tonne", "-5 °C" → "minus fünf Grad Celsius"."""
    one, many, g = _UNITS[m["unit"]]
    if m["n2"]:
        return spaced(m, f"{number(m['n'])} bis {number(m['n2'])} {many}")
    said = f"{_one(m['n'], g, m.string[:m.start()])} {one if m['n'].lstrip('-') == '1' else many}"
    return spaced(m, said) + (ends(m, before_capital=False) if m["unit"].endswith(".") else "")


_UNIT_STEPS: list[Step] = [
    sub(rf"(?<![\w.,])({_N})\s?[x×]\s?({_N})(?![\w]|[.,]\d)", lambda m: f"{number(m[1])} mal {number(m[2])}"),
    sub(rf"(?<![\w.,])({_N})\s?[x×](?!\w)", lambda m: spaced(m, ("ein" if m[1] == "1" else number(m[1])) + "mal")),
    sub(rf"(?<![\w.,/:])(?P<n>-?{_N})(?:\s?[-–]\s?(?P<n2>{_N}))?\s?(?P<unit>{_UNIT_RE})(?![\w/²³])", _unit),
]

# --------------------------------------------------------------------------- years, fractions, ordinals, the rest


def _decade(m: re.Match[str]) -> str:
    """"1960er Jahre" → "neunzehnhundertsechziger Jahre"; "in den 80ern" → "in den Achtzigern"."""
    n = int(m.group(1))
    words = (year(n) if n >= 1000 else cardinal(n)) + "er" + (m.group(2) or "")
    return spaced(m, f"{words} {m.group(3)}" if m.group(3) else words.capitalize())


def _year_range(m: re.Match[str]) -> str:
    """"1939-1945" → "neunzehnhundertneununddreißig bis neunzehnhundertfünfundvierzig"; "2019/20" too."""
    a, b = int(m.group(1)), m.group(2)
    end = int(m.group(1)[:2] + b) if len(b) == 2 else int(b)
    return m.group(0) if end <= a else spaced(m, f"{year(a)} bis {year(end)}")


_VULGAR = {"½": (1, 2), "¼": (1, 4), "¾": (3, 4), "⅓": (1, 3), "⅔": (2, 3), "⅛": (1, 8)}


def _fraction(m: re.Match[str], num: int, den: int, whole: str | None) -> str:
    """"1/2" → "ein halb", "1 1/2" → "eineinhalb", "2/3" → "zwei Drittel", "½ Liter" → "ein halber Liter"."""
    if den == 0 or den > 100:
        return spaced(m, f"{cardinal(num)} durch {cardinal(den)}")
    noun, before = _next_noun(m.string[m.end():]), m.string[:m.start()]
    if den == 2 and num == 1 and whole:
        return spaced(m, ("ein" if whole == "1" else number(whole)) + "einhalb")
    if den == 2 and num == 1 and noun:
        article = _one("1", gender(noun), before)  # "mit ½ Liter" → "mit einem halben Liter"
        ending = "en" if article.endswith(("m", "r")) else {"m": "er", "f": "e", "n": "es"}[gender(noun)]
        return spaced(m, f"{article} halb{ending}")
    name = ("halb" if num == 1 else "Halbe") if den == 2 else ordinal(den, "el").capitalize()
    said = f"{'ein' if num == 1 else cardinal(num)} {name}"
    return spaced(m, f"{number(whole)} {said}" if whole else said)


def _ordinal(m: re.Match[str]) -> str:
    """"am 3. Oktober", "das 3. Album", "ein 2. Mal", "1. FC Köln": the ending by article and noun."""
    before, after = m.string[:m.start()], m.string[m.end():]
    month = re.match(rf"(?:\s*(?:bis|und|-|\d{{1,2}}\.))*\s*{_MONTH_RE}", after)
    return _date_prefix(before) + ordinal(int(m.group(1)), _ending(before, _next_noun(after), month is not None))


def _range(m: re.Match[str]) -> str:
    """"5-10" → "fünf bis zehn"; a first number not below the second is a score: "2-1" → "zwei zu eins"."""
    a, b = (float(x.replace(".", "").replace(",", ".")) for x in m.groups())
    return spaced(m, f"{number(m[1])} {'bis' if a < b else 'zu'} {number(m[2])}")


_YEAR_CUE = re.compile(rf"(?:Jahre?s?n?|seit|im|um|Anfang|Mitte|Ende|Frühjahr|Sommer|Herbst|Winter|"
                       rf"{'|'.join(MONTHS)})\s*$")


def _number_left(m: re.Match[str]) -> str:
    """The catch-all. 1100-1999 is a year, unless a noun follows it ("1500 Menschen") without a year cue."""
    if re.fullmatch(r"1[1-9]\d\d", m.group(0)) and (
            not re.match(r"\s+[A-ZÄÖÜ][a-zäöüß]", m.string[m.end():]) or _YEAR_CUE.search(m.string[:m.start()])):
        return spaced(m, year(int(m.group(0))))
    return spaced(m, number(m.group(0)))


_NUMBERS: list[Step] = [
    sub(r"(?<![\w.,])(\d{4}|[1-9]0)er(n|s)?(?:-?\s?(Jahren?|Jahrgang|Jahrgängen))?(?!\w)", _decade),
    sub(r"(?<![\w.,-])(1[0-9]\d\d|20\d\d)\s?[-–/]\s?(1[0-9]\d\d|20\d\d|\d\d)(?![\w-]|[.,]\d)", _year_range),
    sub(r"(?:(?<=\d)|(?<![\w.,])(\d+)\s?)?([½¼¾⅓⅔⅛])", lambda m: _fraction(m, *_VULGAR[m[2]], m[1])),
    sub(r"(?<![\w/.,:])(?:(\d+)\s)?(\d{1,3})/(\d{1,4})(?![\w/]|[.,]\d)",
        lambda m: _fraction(m, int(m[2]), int(m[3]), m[1])),
    sub(r"(?<![\w.,:/-])(\d{1,3})\.(?=\s+(?!\d{2,})[\w-])", _ordinal),
    sub(r"(?<![\w.,:/-])1(?=\s+([A-ZÄÖÜ][a-zäöüß]+)\b)",  # "1 Stunde" → "eine Stunde", "mit 1 Kind" → "einem"
        lambda m: _one("1", gender(m.group(1)), m.string[:m.start()])),
    sub(r"(?<![\w.,:])(\d{1,3}):(\d{1,3})(?![\w:]|[.,]\d)", lambda m: f"{number(m[1])} zu {number(m[2])}"),
    sub(rf"(?<![\w.,/:-])({_N})\s?[-–]\s?({_N})(?![\w-]|[.,]\d)", _range),
    sub(r"(?<![\w-])-(?=\d)", "minus "),
    sub(r"\d+(?:\.\d{3})*(?:,\d+)?", _number_left),
]

# --------------------------------------------------------------------------- Roman numerals

_REGNAL = frozenset("Wilhelm Friedrich Ludwig Karl Heinrich Otto Leopold Franz Joseph Josef Maximilian Rudolf "
                    "Albrecht Georg Johann Johannes Paul Pius Benedikt Leo Gregor Innozenz Klemens Clemens Urban "
                    "Bonifatius Alexander Nikolaus Peter Iwan Philipp Eduard Richard Jakob Gustav Christian "
                    "Frederik Harald Olav Haakon Carl Juan Felipe Alfons Ferdinand Konrad Lothar Sigismund "
                    "Ramses Napoleon Charles Henry George Edward Louis".split())
_QUEENS = frozenset("Elisabeth Elizabeth Maria Katharina Margrethe Viktoria Victoria Isabella Christina Anna "
                    "Juliana Wilhelmina Mary".split())
_ROMAN_TRIGGERS = ("Teil|Kapitel|Band|Akt|Szene|Staffel|Folge|Buch|Abschnitt|Artikel|Anhang|Phase|Stufe|Klasse|"
                   "Typ|Modell|Episode|Apollo|Rocky|Vatikanum|Part|Chapter|Volume|Act|Season")
_CASES = {"nom": ("der", "die", "e"), "acc": ("den", "die", "en"), "dat": ("dem", "der", "en"),
          "gen": ("des", "der", "en")}


def _regnal(m: re.Match[str]) -> str:
    """"Wilhelm II." → "Wilhelm der Zweite"; "unter Ludwig XIV." → "unter Ludwig dem Vierzehnten";
    "Ludwigs XIV." → "Ludwigs des Vierzehnten"; "Elisabeth II." → "Elisabeth die Zweite"."""
    name, value = m.group(1), rules.roman_value(m.group(2))
    base = name if name in _REGNAL | _QUEENS else name[:-1] if name.endswith("s") else ""
    if value is None or base not in _REGNAL | _QUEENS:
        return m.group(0)
    before = re.sub(r"\b(?:Papst|König|Königin|Kaiser|Kaiserin|Zar|Zarin|Herzog|Fürst|Prinz)\s*$", "",
                    m.string[:m.start()]).lower()
    case = ("gen" if base != name else "dat" if re.search(r"\b(?:unter|von|mit|bei|nach|seit|zu|aus|vor)\s*$", before)
            else "acc" if re.search(r"\b(?:für|gegen|durch|ohne|um)\s*$", before) else "nom")
    masculine, feminine, weak = _CASES[case]
    female = base in _QUEENS
    weak = "e" if female and case == "acc" else weak
    tail = ends(m) if m.group(3) else ""
    return f"{name} {feminine if female else masculine} {ordinal(value, weak).capitalize()}{tail}"


_ROMANS: list[Step] = [
    sub(r"\b([A-Z][a-zäöüß]+)\s+([IVXLC]+)(?!\.\w)(\.)?(?![\w])", _regnal),
    sub(rf"\b({_ROMAN_TRIGGERS})\s+([IVXLC]+)\b(?!\.\w)",
        lambda m: f"{m[1]} {cardinal(rules.roman_value(m[2]) or 0)}" if rules.roman_value(m[2]) else m.group(0)),
]

# --------------------------------------------------------------------------- acronyms

ACRONYMS_AS_WORDS = {"NATO": "Nato", "UNO": "Uno", "UNESCO": "Unesco", "UNICEF": "Unicef", "DAX": "Dax",
                     "MDAX": "M-Dax", "TÜV": "Tüv", "FIFA": "Fifa", "UEFA": "Uefa", "NASA": "Nasa", "ESA": "Esa",
                     "OPEC": "Opec", "GEMA": "Gema", "DIN": "Din", "ISO": "Iso", "AIDS": "Aids", "COVID": "Covid",
                     "WLAN": "W-Lan", "LAN": "Lan", "PIN": "Pin", "SIM": "Sim", "KITA": "Kita", "RAM": "Ram",
                     "ASEAN": "Asean", "INTERPOL": "Interpol", "NAFTA": "Nafta", "CERN": "Cern", "IKEA": "Ikea",
                     "LEGO": "Lego", "FAZ": "Faz", "TAZ": "Taz", "BAFA": "Bafa"}
"""Acronyms a German speaker says as words (Duden writes most of them so: "Nato", "Unesco")."""

KNOWN_INITIALISMS = frozenset(
    "SPD CDU CSU FDP BMW VW ARD ZDF EU USA UN UK BKA BND DFB DGB WDR NDR SWR MDR RBB ORF SRF DB ICE IC BVB HSV "
    "FC KI IT PC PDF USB CEO DDR BRD ÖPNV LKW PKW AG SMS WM EM TV CD DVD HIV WHO IWF EZB EKD RTL TU ADAC".split())
"""Initialisms spelled letter by letter, even inside a shouted all-caps run ("DIE SPD GEWINNT")."""

_CAPS = re.compile(r"(?<![\w'.])([A-ZÄÖÜ]{2,})(s)?(?![\w'])(?!-Dollar|\.[A-ZÄÖÜ])")
_DOTTED = rules.dotted_initialisms("A-ZÄÖÜ")


def _acronyms(text: str, words: Collection[str]) -> str:
    """Initialisms spelled as dotted letters ("S.P.D"), acronyms said as words, shouted German lowercased
    (a run of all-caps words); an unknown word of five letters or more with a vowel is said as a word."""
    as_words = {**ACRONYMS_AS_WORDS, **{w.upper(): w.capitalize() for w in words}}
    matches = list(_CAPS.finditer(text))
    out, last = [], 0
    for i, m in enumerate(matches):
        core, plural = m.group(1), m.group(2) or ""
        near = [o for o in (matches[i - 1] if i else None, matches[i + 1] if i + 1 < len(matches) else None) if o]
        shouted = any(re.fullmatch(r"[\s,;:!?\"-]*", text[min(o.end(), m.end()):max(o.start(), m.start())])
                      for o in near)
        if core in as_words:
            said = as_words[core] + plural
        elif core in KNOWN_INITIALISMS or (not shouted and (len(core) <= 4 or not re.search("[AEIOUÄÖÜ]", core))):
            said = rules.spell(core) + plural
        else:
            said = (core + plural).lower() if shouted else (core + plural).capitalize()
        out += [text[last:m.start()], said]
        last = m.end()
    return "".join([*out, text[last:]])


# --------------------------------------------------------------------------- symbols and the pipeline

_EARLY_TIDY: list[Step] = [  # footnote marks and brackets, then stray punctuation that ``tidy`` would join
    sub(r"\[\d+\]", ""), sub(r"[{}\[\]]", " "),  # to an abbreviation's period later ("Mrd:." → "Mrd.")
    sub(r"\s*[,;:]*\s*(?=[.!?](?!\d))", ""), sub(r"(?<!m)[²³]", " "),
]
_SYMBOLS: list[Step] = [
    sub(r"(?<!\w)[~≈]\s?(?=\d)", "etwa "), sub(r"\s?≤\s?", " höchstens "), sub(r"\s?≥\s?", " mindestens "),
    sub(r"(?<![<\w])\s?<\s?(?=\d)", " weniger als "), sub(r"(?<![>\w-])\s?>\s?(?=\d)", " mehr als "),
    sub(r"§§\s?", "Paragrafen "), sub(r"§\s?", "Paragraf "), sub(r"\s?±\s?", " plus minus "),
]
_WORD_SYMBOLS: list[Step] = [
    sub(r"\s*&\s*", " und "), sub(r"\s*\+\s*", " plus "), sub(r"\s*%", " Prozent"), sub(r"\s*‰", " Promille"),
    sub(r"(?<=\w)\s*(?<!=)=(?!=)\s*(?=\w)", " gleich "), sub(r"\s*°", " Grad"), sub(r"\s?→\s?", " nach "),
    sub(r"\b(Euro|Dollar|Cent|Pfund|Franken|Meter|Liter|Gramm|Stunden?|Prozent)\s?/\s?(?=[A-ZÄÖÜ])", r"\1 pro "),
    sub(r"\s*@\s*", " at "), sub(r"/", " "), sub(r"[<>{}\[\]=$€£¥¢²³]", " "),
]
_WEB = rules.web_steps(rules.WebWords(dot="Punkt", at="at", dash="Bindestrich", underscore="Unterstrich",
                                     plus="plus", number="Nummer"))


def normalize(text: str, words: Collection[str] = ()) -> str:
    """The spoken form of one German sentence (``words``: extra acronyms said as words). Abbreviations and web
    text are read again after the first tidying, and capitals settled before acronyms, so that a second run
    changes nothing."""
    steps: list[Step] = [
        rules.typography, *_EARLY_TIDY, rules.number_dashes, *_WEB, *_FIXED, *_NUMBERS_EARLY, *_ABBREVIATIONS,
        *_DATES, *_TIMES, _VERSIONS, *_SYMBOLS, *_MONEY, *_UNIT_STEPS, *_NUMBERS, *_ROMANS, *_WORD_SYMBOLS,
        rules.dashes, rules.tidy, *_WEB, *_ABBREVIATIONS, rules.capitalize, _DOTTED, lambda t: _acronyms(t, words),
        _DOTTED, rules.dashes, rules.tidy, rules.capitalize,
    ]
    return rules.run(steps, text)


def long_date(when: date) -> str:
    """"27. November 2026" (DIN 5008, the month written out)."""
    return f"{when.day}. {MONTHS[when.month - 1]} {when.year}"


ABBREVIATIONS = frozenset(
    "z.b d.h u.a o.ä u.ä u.u z.t i.d.r v.a s.o s.u bzw bspw ca evtl ggf inkl exkl zzgl vgl sog bzgl ggü lt mind "
    "max min nr nrn abs abb kap bd art tel str hbf jh jhd geb gest ff dr prof hr hrn fr st dipl mwst std sek mio "
    "mrd tsd mo di mi do sa jan jän feb mär mrz apr jun jul aug sep sept okt nov dez e.v gem dt engl frz".split())
"""Not sentence ends. "usw.", "etc." and "v. Chr." are left out: in German they mostly end a sentence."""
_CALLS = (r"abonnier", r"folg(e|t) (uns|mir)", r"unterst[üu]tz", r"teilen", r"h[öo]r(t|en sie)? (uns )?(auf|bei)",
          r"verf[üu]gbar (auf|bei)", r"zuerst erschienen", r"weiterlesen", r"datenschutz", r"newsletter",
          r"gesponsert", r"mehr erfahren", r"spende", r"shownotes", r"schau(t|en sie)? (mal )?(vorbei|rein)",
          r"danke f[üu]rs (lesen|zuh[öo]ren)", r"jetzt (anmelden|registrieren|abonnieren)",
          r"(hinterlasse|schreib)(t|en sie)? (uns )?einen kommentar", r"werde(n sie)? (mitglied|unterst[üu]tzer)")
_FOOTERS = (  # Yoast SEO (de_DE): "Der Beitrag %%POSTLINK%% erschien zuerst auf %%BLOGLINK%%.", and variants
    r"(der|dieser) (beitrag|artikel|post|eintrag|text)( (?P<title>.+?))? (erschien|ist) zuerst (auf|bei|in) "
    r"(?P<site>[^,;]{1,80}?)( erschienen)?\s*\.?",
    r"(der|dieser) (beitrag|artikel|post|eintrag|text)( (?P<title>.+?))? wurde zuerst (auf|bei|in) "
    r"(?P<site>[^,;]{1,80}?) (veröffentlicht|publiziert)\s*\.?",
)

LANGUAGE = Language(
    code="de", name="Deutsch", iso639_2="deu", normalize=normalize, abbreviations=ABBREVIATIONS,
    intro="{title}, von {author}.", outro="Das war eine Audioausgabe von {title}, veröffentlicht am {date}.",
    date=long_date, digits=tuple("null eins zwei drei vier fünf sechs sieben acht neun".split()), ordinal_dot=True,
    footers=_FOOTERS, calls_to_action=_CALLS,
    words={"read_post": "Zum Beitrag",
           "chapters": "Kapitel", "transcript": "Transkript", "listen": "Anhören", "download": "MP3 herunterladen",
           "play_from": "Abspielen ab",
           "position": "Position in der Folge", "quote": "Zitat.", "end_quote": "Zitat Ende.",
           "code_omitted": "Ein Codebeispiel wird ausgelassen.", "table_omitted": "Eine Tabelle wird ausgelassen.",
           "image": "Bild"},
)
