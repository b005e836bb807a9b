"""Spanish: written forms rewritten as a newsreader of Spain would say them (voice ``es`` of espeak-ng).

Sources: RAE and ASALE, *Ortografía de la lengua española* (2010) for numbers, abbreviations, ordinals
("1.º", "2.ª", "3.er") and Roman numerals; RAE's *Diccionario panhispánico de dudas* (DPD) for agreement
("veintiún años", "veintiuna casas", "doscientas personas"); Fundéu for money ("3,50 €", "tres euros con
cincuenta céntimos") and percentages; the *Libro de estilo de El País* for times ("a las 14.30"). Numbers
are written with Spain's separators, "1.500,25" (RAE's "10 000" is read too).

Choices, checked with ``espeak-ng -q -x -v es`` (benchmarks/espeak_cases.py):

* A number agrees with the noun after it: "1 km" → "un kilómetro", "21 casas" → "veintiuna casas"; with
  no noun it is "uno" ("el 1 de mayo" → "el uno de mayo"; RAE admits "primero" too).
* Roman numerals after kings and popes are ordinals to ten and cardinals from eleven ("Felipe sexto",
  "Alfonso trece"); centuries and chapters are cardinals ("siglo veintiuno", "capítulo cuatro"); between
  an article and a noun they are ordinals ("la II República" → "la Segunda República").
* Times: "14:30" → "catorce treinta", "9:05" → "nueve y cinco", with "las" where the text marks a time
  and gives no article ("Inicio: 14:30 h" → "Inicio: las catorce treinta").
* Initialisms are written as dotted letters, "PP" → "P.P" (espeak-ng reads "UE" as "we" and "U.E" right);
  acronyms said as words become capitalized words, "OTAN" → "Otan".
* The output never contains a digit.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date

from audiopost.text.lang import Language
from audiopost.text.rules import (
    Numbers,
    Step,
    WebWords,
    dashes,
    dotted_initialisms,
    ends,
    number_dashes,
    roman_value,
    run,
    spaced,
    spell,
    sub,
    tidy,
    typography,
    web_steps,
)

_L = r"[^\W\d_]"
_LEFT = r"(?<![\w.,/:-])"
_NUM = r"(?:\d{1,3}(?:,\d{3}){2,}(?!\d)|(?:\d{1,3}(?:\.\d{3})+|\d{1,3}(?: \d{3})+(?!\d)|\d+)(?:,\d+)?)"
"""A written number: 7, 1.500, 2.500.000, 10 000, 3,5, 1.234,56; 2,500,000 (English, not a decimal)."""
_MONTHS = "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split()
_MONTH_ABBR = {"ene": 1, "feb": 2, "mar": 3, "abr": 4, "may": 5, "jun": 6, "jul": 7, "ago": 8, "sep": 9,
               "sept": 9, "oct": 10, "nov": 11, "dic": 12}
_DIGITS = ("cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve")

# --------------------------------------------------------------------------- numbers and agreement


class _Numbers(Numbers):
    def cardinal(self, n: int) -> str:
        """num2words says "veintiuno mil", "ciento uno mil"; before "mil" and "millones" it is "un" (DPD)."""
        return re.sub(r"\b(veinti)?uno(?= (?:mil|millón|millones|billón|billones)\b)",
                      lambda m: "veintiún" if m.group(1) else "un", super().cardinal(n))


NUMBERS = _Numbers("es", "coma", "menos", group=r"[. ]", decimal=",")
cardinal = NUMBERS.cardinal

_NOT_NOUNS = frozenset(
    "a al ante bajo con contra de del desde durante e en entre hacia hasta mediante para por según sin sobre tras "
    "y o u ni que como más menos ya no se es son fue fueron era eran será serán sea está están estaba ha han había "
    "hay lo la el los las le les su sus mi mis un una unos unas este esta estos estas ese esa cuando donde pero si "
    "porque aunque mientras vs x".split())
_FEMININE = frozenset(
    "vez veces mujer mujeres noche noches parte partes clase clases calle calles red redes ley leyes fuente fuentes "
    "tarde tardes frase frases imagen imágenes base bases sede sedes serie series especie especies mente llave "
    "llaves nube nubes mano manos foto fotos moto motos luz luces voz voces cruz cruces raíz raíces flor flores "
    "piel pieles muerte muertes torre torres gente costumbre costumbres radio".split())
_MASCULINE_A = frozenset(
    "día días problema problemas programa programas tema temas sistema sistemas mapa mapas idioma idiomas clima "
    "climas planeta planetas poema poemas dilema dilemas esquema esquemas drama dramas fantasma fantasmas lema "
    "lemas pijama pijamas cometa cometas enigma enigmas síntoma síntomas sofá sofás papá papás tranvía tranvías "
    "mediodía".split())


def gender(word: str) -> str | None:
    """"f" or "m" for a noun after a number; None for a word that is not one ("de", "es", a name)."""
    if not word or not word.islower() or word in _NOT_NOUNS:
        return None
    if word in _FEMININE or word.endswith(("ción", "ciones", "sión", "siones", "dad", "dades", "tud", "tudes")):
        return "f"
    feminine = word.endswith(("a", "as")) and word not in _MASCULINE_A and not word.endswith(("ista", "istas"))
    return "f" if feminine else "m"


def agree(words: str, genre: str | None) -> str:
    """Cardinal words before a noun (DPD "uno", "veintiuno", "cientos"): "un año", "veintiún años", "una
    casa", "doscientas una casas", "veintiuna mil personas"; "millones" is masculine whatever follows."""
    if genre is None:
        return words
    cut = max((m.end() for m in re.finditer(r"\b(?:millón|millones|billón|billones)\b", words)), default=0)
    tail = words[cut:]
    if genre == "f":
        tail = re.sub(r"ientos\b", "ientas", re.sub(r"\b(?:veinti)?uno?\b|\bveintiún\b",
                                                    lambda m: "veintiuna" if "veinti" in m.group(0) else "una", tail))
    else:
        tail = re.sub(r"\b(veinti)?uno$", lambda m: "veintiún" if m.group(1) else "un", tail)
    return words[:cut] + tail


def count(text: str, genre: str | None = None) -> str:
    """A written number, agreeing with its noun when it is whole ("21" + "f" → "veintiuna")."""
    if re.fullmatch(r"\d{1,3}(?:,\d{3}){2,}", text):
        text = text.replace(",", "")
    if re.search(r",\d", text) or re.fullmatch(r"-?0\d+", text):
        return NUMBERS.say(text)
    return agree(NUMBERS.say(text), genre)


_WORD_AFTER = re.compile(rf"\s+(?:mil\s+)?({_L}+)")


def _noun_after(m: re.Match[str]) -> str | None:
    """The gender of the noun after a number, past "mil" ("21 mil personas"). Past one it must be a plural:
    "en 2021 llegó" is a year before a verb."""
    after = _WORD_AFTER.match(m.string, m.end())
    if not after or (m.group(0) != "1" and not after.group(1).endswith("s")):
        return None
    return gender(after.group(1))


def _with_noun(words: str, noun: str) -> str:
    """"un millón" + "euros" → "un millón de euros" (RAE: "de" after a round million)."""
    million = re.search(r"(?:millón|millones|billón|billones)(?: y medio)?$", words)
    return f"{words} de {noun}" if million else f"{words} {noun}"


_ORD_UNITS = ("", "primer", "segund", "tercer", "cuart", "quint", "sext", "séptim", "octav", "noven")
_ORD_TENS = ("", "décim", "vigésim", "trigésim", "cuadragésim", "quincuagésim", "sexagésim", "septuagésim",
             "octogésim", "nonagésim")
_ORD_HUNDREDS = ("", "centésim", "ducentésim", "tricentésim", "cuadringentésim", "quingentésim", "sexcentésim",
                 "septingentésim", "octingentésim", "noningentésim")


def ordinal(n: int, form: str = "o") -> str:
    """RAE 2010: 11 "undécimo", 13 "decimotercero", 21 "vigésimo primero". ``form``: "o" (masculine),
    "a" (feminine), "" (apocope before a masculine noun: "primer", "tercer"), any of them plus "s"."""
    if not 0 < n < 1000:
        return cardinal(n)
    end = (form.rstrip("s") or "o") + ("s" if form.endswith("s") else "")
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    unit = _ORD_UNITS[units] + ("" if form == "" and units in (1, 3) else end) if units else ""
    words = [_ORD_HUNDREDS[hundreds] + end] if hundreds else []
    if tens == 1 and units in (1, 2):
        words.append(("undécim", "duodécim")[units - 1] + end)
    elif tens == 1 and units:
        words.append("decimo" + unit)
    else:
        words += [w for w in (_ORD_TENS[tens] + end if tens else "", unit) if w]
    return " ".join(words)


# --------------------------------------------------------------------------- abbreviations and fixed tokens

_PLAIN = [
    (r"Sr\.", "señor"), (r"Sra\.", "señora"), (r"Srta\.", "señorita"), (r"Sres\.", "señores"), (r"Dr\.", "doctor"),
    (r"Dra\.", "doctora"), (r"Dña\.", "doña"), (r"D\.ª", "doña"), (r"Prof\.", "profesor"), (r"Profa\.", "profesora"),
    (r"Lic\.", "licenciado"), (r"Ing\.", "ingeniero"), (r"Gral\.", "general"), (r"Excmo\.", "excelentísimo"),
    (r"Excma\.", "excelentísima"), (r"Sto\.", "santo"), (r"Sta\.", "santa"), (r"Ud\.|Vd\.", "usted"),
    (r"Uds\.|Vds\.", "ustedes"), (r"[Pp]\.\s?ej\.", "por ejemplo"), (r"etc\.", "etcétera"),
    (r"[Aa]prox\.", "aproximadamente"), (r"vs\.?", "contra"), (r"[Pp]ágs\.", "páginas"), (r"[Pp]ág\.", "página"),
    (r"[Nn]\.?\s?º", "número"), (r"[Nn]úm\.", "número"), (r"[Tt]el\.", "teléfono"), (r"[Aa]vda\.", "avenida"),
    (r"[Pp]za\.", "plaza"), (r"[Cc]ap\.", "capítulo"), (r"[Vv]ol\.", "volumen"), (r"[Aa]rt\.", "artículo"),
    (r"[Ee]j\.", "ejemplo"), (r"i\.\s?e\.", "es decir"), (r"a\.\s?C\.", "antes de Cristo"),
    (r"d\.\s?C\.", "después de Cristo"), (r"S\.\s?A\.|SA", "sociedad anónima"), (r"S\.\s?L\.|SL", "sociedad limitada"),
    (r"[Cc]ía\.", "compañía"), (r"[Dd]pto\.", "departamento"), (r"[Mm]áx\.", "máximo"), (r"[Mm]ín\.", "mínimo"),
    (r"pp\.(?=\s?\d)", "páginas"), (r"p\.(?=\s?\d)", "página"), (r"s\.(?=\s?[IVXL]+\b)", "siglo "),
    (r"[Cc]/(?=\s?[A-ZÁÉÍÓÚ])", "calle "), (r"EE\.?\s?UU\.?", "Estados Unidos"),
    (r"CC\.?\s?OO\.?", "Comisiones Obreras"),
    (r"24/7", "veinticuatro siete"), (r"C\+\+", "C más más"), (r"I\+D\+i", "I más D más i"), (r"I\+D", "I más D"),
    (r"y/o", "y o"), (r"[Ww]i-?[Ff]i", "wifi"),
]
"""Abbreviations (RAE 2010, appendix 2) and fixed tokens; Fundéu: "versus" is better said "contra"."""


def _abbr(pattern: str, word: str) -> Step:
    """An abbreviation's words; its period comes back only where it also ended the sentence (``ends``)."""
    def repl(m: re.Match[str]) -> str:
        return word + (ends(m, before_capital=word == "etcétera") if m.group(0).endswith(".") else "")

    return sub(rf"(?<![\w./])(?:{pattern})(?![\w/])", repl)


_ABBREVIATIONS: list[Step] = [sub(r"\[\d+\]", ""), *(_abbr(p, w) for p, w in _PLAIN)]
_SENTENCE_STARTS = frozenset("el la los las lo un una y e o pero que en de del con por para se no es son fue "
                             "esto esta este eso así además luego después ahora entonces también hoy ayer si "
                             "cuando ya".split())
_LETTER_AFTER = frozenset("vitamina plan tipo modelo grupo clase categoría opción letra fila columna versión nivel "
                          "punto eje formato carnet carné".split()) | set(_DIGITS)


def _don(text: str) -> str:
    """"D. Juan" → "don Juan"; "la vitamina D. Además" keeps its full stop; after a capitalized word inside
    a sentence "D." is an initial ("Pedro Juan D. Pérez" → "… D Pérez"). It runs last and ignores the case
    of the next word, so that a second pass decides the same."""
    def repl(m: re.Match[str]) -> str:
        start = max(0, m.start() - 60)
        before = re.search(r"(?:^|([.!?¿¡(\"]?)\s*)(\S+)\s+$", m.string[start:m.start()])
        if m.group(1).lower() in _SENTENCE_STARTS or (before and before.group(2).lower() in _LETTER_AFTER):
            return m.group(0)
        initial = before and before.group(2)[0].isupper() and not before.group(1) and start + before.start(2) > 0
        return ("D " if initial else "don ") + m.group(1)

    return re.sub(rf"(?<![\w.])D\.\s+({_L}+)", repl, text)


# --------------------------------------------------------------------------- dates and times


def _date(m: re.Match[str], day: str, month: int | str, year: str | None) -> str:
    """"veintisiete de noviembre de dos mil veintiséis"; a two-digit year is "del ochenta y nueve"."""
    month = int(month)
    if not (1 <= month <= 12 and 1 <= int(day) <= 31):
        return m.group(0)
    said = f"{cardinal(int(day))} de {_MONTHS[month - 1]}"
    if year:
        said += f" del {count(year)}" if len(year) == 2 else f" de {cardinal(int(year))}"
    return spaced(m, said)


_DATES: list[Step] = [
    sub(r"(?<![\w-])(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\w-])",
        lambda m: _date(m, m.group(3), m.group(2), m.group(1))),
    sub(r"(?<![\w/.,-])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\w/-]|[.,]\d)", lambda m: _date(m, *m.groups())),
    sub(r"(?<![\w/.,-])(\d{1,2})[.-](\d{1,2})[.-](\d{4})(?![\w/-]|[.,]\d)", lambda m: _date(m, *m.groups())),
    sub(r"(?:(?<=\b[Ee]l )|(?<=\b[Dd]el )|(?<=\b[Aa]l ))(\d{1,2})/(\d{1,2})(?![\w/])",
        lambda m: _date(m, *m.groups(), None)),
    sub(rf"(?<![\w.,])(\d{{1,2}})(?:\s|-|\sde\s)(?i:({'|'.join(sorted(_MONTH_ABBR, key=len, reverse=True))}))\.?"
        r"(?:(?:\s|-|\sde\s)(\d{4}))?(?!\w)",
        lambda m: _date(m, m.group(1), _MONTH_ABBR[m.group(2).lower()], m.group(3))),
    sub(r"(?<![\w-])(\d{4})-(0[1-9]|1[0-2])(?![\w-])", lambda m: f"{_MONTHS[int(m.group(2)) - 1]} de "
        f"{cardinal(int(m.group(1)))}" if int(m.group(2)) <= int(m.group(1)[2:]) else m.group(0)),
]


def _time_words(h: int, mins: int, mark: str) -> str | None:
    """"14:30" → "catorce treinta"; "9:05" → "nueve y cinco"; "14:00 h" → "catorce horas"; hours are
    feminine ("la una", "las veintiuna", DPD)."""
    if h > 24 or mins > 59 or (mark[:1] in ("a", "p") and not 1 <= h <= 12):
        return None
    said = "cero horas" if h == 0 and not mins else agree(cardinal(h), "f")
    if mins:
        said += f" y {cardinal(mins)}" if mins < 10 else f" {cardinal(mins)}"
    elif mark.startswith("h") and h > 1:
        said += " horas"
    if mark[:1] == "a":
        said += " de la noche" if h == 12 else (" de la madrugada" if h < 6 else " de la mañana")
    elif mark[:1] == "p":
        said += " del mediodía" if h == 12 else (" de la tarde" if h < 8 else " de la noche")
    return said


def _clock(m: re.Match[str]) -> str:
    """A time of day, with "las" where it is marked and has no article or preposition before it ("Inicio:
    14:30 h" → "Inicio: las catorce treinta"); with seconds a duration ("1:05:30" → "una hora, cinco
    minutos y treinta segundos")."""
    h, mins, secs, mark = int(m.group("h")), int(m.group("m") or 0), m.group("s"), (m.group("mark") or "").lower()
    if secs:
        if mins > 59 or int(secs) > 59:
            return m.group(0)
        parts = [(h, "hora", "f"), (mins, "minuto", "m"), (int(secs), "segundo", "m")]
        said = [f"{agree(cardinal(n), g)} {unit}{'' if n == 1 else 's'}" for n, unit, g in parts if n]
        return spaced(m, " y ".join([", ".join(said[:-1]), said[-1]] if len(said) > 1 else said) or "cero segundos")
    words = _time_words(h, mins, mark)
    if words is None:
        return m.group(0)
    before = m.string[max(0, m.start() - 12):m.start()].lower()
    bare = mark and not re.search(r"\b(?:la|las|el|del|al|de|a|desde|hasta|entre|y)\s*$", before)
    article = ("la " if h == 1 else "las ") if bare else ""
    return spaced(m, article + words) + (ends(m) if mark.endswith(".") else "")


def _time_range(m: re.Match[str]) -> str:
    """"9:00-14:00" → "de las nueve a las catorce"."""
    h1, h2 = int(m.group(1)), int(m.group(3))
    first, second = _time_words(h1, int(m.group(2)), ""), _time_words(h2, int(m.group(4)), m.group(5) or "")
    if first is None or second is None:
        return m.group(0)
    lead = "" if re.search(r"\b(?:de|desde)\s*$", m.string[max(0, m.start() - 12):m.start()].lower()) else "de "
    return spaced(m, f"{lead}{'la' if h1 == 1 else 'las'} {first} a {'la' if h2 == 1 else 'las'} {second}")


_MARK = r"(?:\s?(?P<mark>h\b|hrs?\b\.?|horas\b|[ap]\.\s?m\.|[ap]m\b))?"
_TIMES: list[Step] = [
    sub(r"(?<![\w:.,])(\d{1,2})[:.](\d{2})\s?[-–]\s?(\d{1,2})[:.](\d{2})(?!\d)(?:\s?(h)\b)?", _time_range),
    sub(rf"(?<![\w:.,])(?P<h>\d{{1,2}}):(?P<m>\d{{2}})(?::(?P<s>\d{{2}}))?(?![\d:]|[.,]\d){_MARK}", _clock),
    sub(rf"(?<=\b[Ll]as )(?P<h>\d{{1,2}})\.(?P<m>\d{{2}})(?P<s>)(?![\d.]|,\d){_MARK}", _clock),
    sub(r"(?<![\w:.,])(?P<h>\d{1,2})\.(?P<m>\d{2})(?P<s>)\s?(?P<mark>h)\b", _clock),
    sub(r"(?<![\w:.,])(?P<h>\d{1,2})(?P<m>)(?P<s>)\s?(?P<mark>[ap]\.\s?m\.|[ap]m\b)", _clock),
    sub(r"(?<=\b[Ll]a )1(?:\s?h\b)?(?![\w:]|[.,]\d)", "una"),
    sub(r"(?<=\b[Ll]as )(\d{1,2})(?:\s?(h\b|horas\b))?(?![\w:]|[.,]\d)",
        lambda m: agree(cardinal(int(m.group(1))), "f") + (" horas" if m.group(2) else "")),
]

# --------------------------------------------------------------------------- money and units

_CURRENCY = {"€": ("euro", "euros", "m", "céntimo", "céntimos"), "$": ("dólar", "dólares", "m", "centavo", "centavos"),
             "£": ("libra", "libras", "f", "penique", "peniques"), "¥": ("yen", "yenes", "m", "sen", "sen")}
_CODES = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥"}
_MONEY_NUM = r"\d{1,3}(?:[.,]\d{3})+(?:[.,]\d{1,2})?(?!\d)|\d+(?:[.,]\d{1,2})?(?!\d)"
_SCALE = r"(?P<scale>mil millones|millones|millón|mill\.|M|mil|MM|k)"
_SYM = r"(?P<us>US\s?)?(?P<sym>[$€£¥]|EUR|USD|GBP|JPY)"


def _scaled(num: str, scale: str) -> str:
    """"20 M" → "veinte millones"; "1,5 millones" → "un millón y medio" (Fundéu); "2,3 millones" → "dos
    coma tres millones"; "1,2 mil millones" → "mil doscientos millones"."""
    scale = {"M": "millones", "mill.": "millones", "MM": "mil millones", "k": "mil", "millón": "millones"}.get(
        scale, scale)
    whole, _, frac = num.partition(",")
    if scale == "mil millones" and frac:
        return f"{cardinal(round(float(num.replace('.', '').replace(',', '.')) * 1000))} millones"
    if frac == "5" and scale != "mil":
        return ("un millón" if whole == "1" and scale == "millones" else f"{count(whole, 'm')} {scale}") + " y medio"
    if whole == "1" and not frac:
        return {"millones": "un millón", "mil": "mil"}.get(scale, "mil millones")
    return f"{count(num, 'm')} {scale}"


def _money(m: re.Match[str]) -> str:
    """"3,50 €" → "tres euros con cincuenta céntimos"; "20 M€" → "veinte millones de euros"; "US$ 30" →
    "treinta dólares estadounidenses". A separator before one or two final digits is a decimal one."""
    one, many, genre, cent, cents = _CURRENCY[_CODES.get(m.group("sym"), m.group("sym"))]
    many += " estadounidenses" if m.group("us") or m.group("sym") == "USD" else ""
    num = m.group("num")
    decimals = re.search(r"[.,](\d{1,2})$", num)
    units = int(re.sub(r"\D", "", num[:decimals.start()] if decimals else num) or 0)
    hundredths = int(decimals.group(1).ljust(2, "0")) if decimals else 0
    if m.group("scale"):
        said = _with_noun(_scaled(f"{units},{hundredths:02d}".rstrip("0").rstrip(","), m.group("scale")), many)
    else:
        said = _with_noun(agree(cardinal(units), genre), one if units == 1 else many)
        small = f"{agree(cardinal(hundredths), 'm')} {cent if hundredths == 1 else cents}"
        said = (f"{said} con {small}" if units else small) if hundredths else said
    return spaced(m, ("menos " if m.group("neg") else "") + said)


_UNIT_NAMES = (
    "km kilómetro|m metro|cm centímetro|mm milímetro|kg kilogramo|g gramo|mg miligramo|t tonelada|l litro|L litro|"
    "ml mililitro|ha hectárea|km/h kilómetro por hora|m/s metro por segundo|m² metro cuadrado|km² kilómetro "
    "cuadrado|m³ metro cúbico|°C grado centígrado|°F grado Fahrenheit|° grado|kB kilobyte|KB kilobyte|MB megabyte|"
    "GB gigabyte|TB terabyte|Hz hercio|MHz megahercio|GHz gigahercio|Mbps megabit por segundo|W vatio|kW kilovatio|"
    "MW megavatio|kWh kilovatio hora|mAh miliamperio hora|V voltio|h hora|min minuto|s segundo|ms milisegundo|"
    "kcal kilocaloría|mph milla por hora|dB decibelio")
_UNITS = {unit: name for unit, _, name in (u.partition(" ") for u in _UNIT_NAMES.split("|"))}
_PER = {"%": "por ciento", "‰": "por mil"}


def _plural(name: str) -> str:
    """"kilómetro por hora" → "kilómetros por hora", "metro cuadrado" → "metros cuadrados", "kilovatio hora"
    → "kilovatios hora": the noun and its adjectives, up to "por"."""
    words = name.split(" ")
    stop = words.index("por") if "por" in words else len(words)
    return " ".join(w + "s" if i == 0 or (i < stop and w.endswith("o")) else w for i, w in enumerate(words))


def _unit(m: re.Match[str]) -> str:
    """"1 km" → "un kilómetro", "21 t" → "veintiuna toneladas", "12,5 %" → "doce coma cinco por ciento"."""
    unit, n, n2 = re.sub(r"\s", "", m.group("unit")).replace("º", "°"), m.group("n"), m.group("n2")
    n = re.sub(r"^(-?\d+)\.(\d{1,2})$", r"\1,\2", n)  # "1.5 km", "3.5%": a decimal point (Americas)
    name = _UNITS.get(unit, "")
    genre = gender(name.split(" ")[0]) if name else None
    said = count(n, genre) + (f" a {count(n2, genre)}" if n2 else "")
    if unit in _PER:
        return spaced(m, f"{said} {_PER[unit]}")
    return spaced(m, _with_noun(said, name if n.lstrip("-") == "1" and not n2 else _plural(name)))


_UNIT_RE = "|".join(re.escape(u) for u in sorted([*_UNITS, *_PER], key=len, reverse=True))
_MONEY_AND_UNITS: list[Step] = [
    sub(rf"(?P<neg>(?<![\w.,])-)?(?<!\w){_SYM}\s?(?P<num>{_MONEY_NUM})(?:\s?{_SCALE}(?!\w))?(?!\w)", _money),
    sub(rf"(?P<neg>(?<![\w.,])-)?(?<![\w.,])(?P<num>{_MONEY_NUM})\s?(?:{_SCALE}\s?(?:de\s)?)?{_SYM}(?!\w)", _money),
    sub(rf"{_LEFT}(\d+(?:,\d+)?)\s(millones|millón|mil millones)\b", lambda m: _scaled(m.group(1), m.group(2))),
    sub(rf"(?P<n>{_LEFT}(?:(?<![\w.,])-)?(?:{_NUM}|\d+\.\d{{1,2}}(?!\d)))(?:\s?[-–]\s?(?P<n2>{_NUM}))?\s?"
        rf"(?P<unit>[°º]\s?[CF](?!\w)|{_UNIT_RE})(?![\w/²³])", _unit),
]

# --------------------------------------------------------------------------- numbers in context


def _ordinal(m: re.Match[str]) -> str:
    """"1.º" → "primero", "2.ª" → "segunda", "3.er" → "tercer", "1.os" → "primeros", "2do", "3ra"; before
    a masculine noun "21.º aniversario" → "vigésimo primer aniversario" (DPD "primero", "tercero")."""
    suffix = m.group(2).lstrip(".")
    form = "" if suffix == "er" else ("a" if suffix.rstrip("s")[-1] in "aª" else "o")
    form += "s" if suffix.endswith("s") and form else ""
    after = _WORD_AFTER.match(m.string, m.end())
    if form == "o" and after and gender(after.group(1)) == "m":
        form = ""
    return spaced(m, ordinal(int(m.group(1)), form))


def _phone(m: re.Match[str]) -> str:
    """Spain's nine digits in their groups, each group a number: "912 34 56 78" → "novecientos doce,
    treinta y cuatro, cincuenta y seis, setenta y ocho"; "+34" → "más treinta y cuatro"."""
    groups = re.findall(r"\+?\d+", m.group(0))
    if len(groups) == 1 or (len(groups) == 2 and groups[0].startswith("+")):
        groups[-1:] = re.findall(r"\d{3}", groups[-1])
    return ", ".join(("más " if g[0] == "+" else "") + count(g.lstrip("+")) for g in groups)


_FRACTIONS = {2: ("medio", "medios"), 3: ("tercio", "tercios"), 4: ("cuarto", "cuartos"), 1000: ("milésimo",) * 2}
_VULGAR = {"½": (1, 2), "¼": (1, 4), "¾": (3, 4), "⅓": (1, 3), "⅔": (2, 3), "⅛": (1, 8)}


def fraction(num: int, den: int) -> str:
    """"1/2" → "un medio", "3/4" → "tres cuartos", "1/5" → "un quinto", "7/12" → "siete doceavos" (RAE)."""
    if den in _FRACTIONS:
        one, many = _FRACTIONS[den][0], _FRACTIONS[den][1].rstrip("s") + "s"
    elif 5 <= den <= 10 or den == 100:
        one = ordinal(den)
        many = one + "s"
    elif den < 100:
        stem = cardinal(den).translate(str.maketrans("áéíóú", "aeiou"))
        one = (stem[:-1] if stem.endswith("a") else stem) + "avo"
        many = one + "s"
    else:
        return f"{cardinal(num)} entre {cardinal(den)}"
    return f"{agree(cardinal(num), 'm')} {one if num == 1 else many}"


def _fraction(m: re.Match[str], whole: str | None, num: int, den: int) -> str:
    """A half before a noun: "1/2 litro" → "medio litro", "2 ½ horas" → "dos horas y media"."""
    noun = (m.group("noun") or "").strip()
    genre = gender(noun)
    if (num, den) == (1, 2) and genre:
        half = "media" if genre == "f" else "medio"
        return spaced(m, f"{count(whole, genre)} {noun} y {half}" if whole else f"{half} {noun}")
    said = f"{count(whole)} y {fraction(num, den)}" if whole else fraction(num, den)
    return spaced(m, said + (m.group("noun") or ""))


def _slash(m: re.Match[str]) -> str:
    """"3/4"; "Ley 39/2015" → "treinta y nueve de dos mil quince"; a season "2023/24" is a range."""
    a, b = m.group(2), m.group(3)
    if re.fullmatch(r"(?:19|20)\d\d", a) and len(b) == 2 and int(a[:2] + b) == int(a) + 1 and not m.group(1):
        return spaced(m, f"{count(a)} a {count(a[:2] + b)}{m.group('noun') or ''}")
    if int(b) == 0 or (len(b) == 4 and b[:2] in ("19", "20")):
        return spaced(m, f"{count(a)} de {cardinal(int(b))}{m.group('noun') or ''}")
    return _fraction(m, m.group(1), int(a), int(b))


def _range(m: re.Match[str]) -> str:
    """Scores and ranges: "2-1" → "dos a uno"; "1939-1945"; a season "2019-20" → "... a dos mil veinte"."""
    a, b = m.group(1), m.group(2)
    if re.fullmatch(r"(?:1[0-9]|20)\d\d", a) and len(b) == 2 and int(a[:2] + b) > int(a):
        b = a[:2] + b
    return spaced(m, f"{count(a)} a {count(b)}")


def _number(m: re.Match[str]) -> str:
    """The catch-all, agreeing with the noun after it; "2.0" and "17.2.1" (not "1.500") are versions, said
    with "punto"."""
    if "." in m.group(0) and not re.fullmatch(r"\d{1,3}(?:\.\d{3})+", m.group(0)):
        return spaced(m, " punto ".join(count(p) for p in m.group(0).split(".")))
    return spaced(m, count(m.group(0), _noun_after(m)))


_NUMBERS_IN_CONTEXT: list[Step] = [
    sub(r"(?<![\w+])(?:\+\d{2,3}\s)?(?:[6789]\d{2}(?:\s\d{3}){2}|[6789]\d{2}(?:\s\d{2}){3}|[89]\d\s\d{3}(?:\s\d{2}){2})"
        r"(?![\w]|[.,]\d)|(?<![\w+])(?:\+\d{2,3}\s?)?[6789]\d{8}(?![\w]|[.,]\d)", _phone),
    sub(r"(?<![\w'])'?(\d0)'?s\b", lambda m: cardinal(int(m.group(1)))),
    sub(r"(?<!\w)[~≈]\s?(?=\d)", "unos "), sub(r"\s?≤\s?", " como máximo "), sub(r"\s?≥\s?", " como mínimo "),
    sub(r"(?<![<\w])\s?<\s?(?=[\d$€£])", " menos de "), sub(r"(?<![>\w-])\s?>\s?(?=[\d$€£])", " más de "),
    *_MONEY_AND_UNITS,
    sub(r"(?<![\w.])(\d+)(\.(?:º|ª|er|os|as)|º|ª|er|ro|ra|do|da|to|ta|mo|ma|vo|va|no|na)(?!\w)", _ordinal),
    sub(rf"(?:(?<!\w)(\d+)\s?)?([½¼¾⅓⅔⅛])(?P<noun>\s+{_L}+)?",
        lambda m: _fraction(m, m.group(1), *_VULGAR[m.group(2)])),
    sub(rf"(?<![\w/.,:])(?:(\d+)\s)?(\d+)/(\d+)(?![\w/]|[.,]\d)(?P<noun>\s+{_L}+)?", _slash),
    sub(rf"{_LEFT}({_NUM})\s?[x×]\s?({_NUM})(?!\w|[.,]\d)",
        lambda m: spaced(m, f"{count(m.group(1))} por {count(m.group(2))}")),
    sub(rf"(?<![\w.,:])({_NUM})\s?[-:]\s?({_NUM})(?![\w:-]|[.,]\d)", _range),
    sub(r"(?<=[^\W\d_])-(?=\d)", " "), sub(r"(?<![\w-])-(?=\d)", "menos "),
    sub(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])", " "),
    sub(rf"(?<![\w.,])\d+(?:\.\d+)+(?![\w]|[.,]\d)|(?<![\d.,]){_NUM}(?!\d)", _number),
    sub(r"(?<![\w.,])([.,])(\d+)", lambda m: ("coma " if m.group(1) == "," else "punto ") + NUMBERS.digits(m.group(2))),
    sub(r"\d+", lambda m: spaced(m, count(m.group(0)))),
]

# --------------------------------------------------------------------------- Roman numerals

_FEMININE_NAMES = frozenset("Isabel Juana María Catalina Victoria Cristina Leonor Urraca Ana Margarita Beatriz".split())
_REGNAL = _FEMININE_NAMES | frozenset(
    "Felipe Carlos Juan Pablo Alfonso Fernando Enrique Luis Pío Benedicto León Gregorio Jaime Pedro Sancho Ramiro "
    "Ramón Martín Francisco Napoleón Eduardo Jorge Guillermo Federico Clemente Inocencio Urbano Bonifacio Sixto "
    "Alejandro Nicolás Iván Ricardo Amadeo Gustavo Leopoldo Balduino Alberto Rainiero Constantino Vaticano".split())
_CARDINAL_AFTER = ("siglos?|capítulos?|tomos?|volumen|partes?|actos?|escenas?|libros?|fases?|títulos?|anexos?|"
                   "cantos?|salmos?|temporadas?|episodios?|niveles?|nivel|legislatura")


def _regnal(m: re.Match[str]) -> str:
    """Kings, queens and popes: ordinals to ten, cardinals after (RAE 2010); "Rocky II" → "Rocky dos". A
    lone "I", "V" or "X" after another name is left alone (the English pronoun, a letter)."""
    name, numeral = m.group(1), m.group(2)
    value = roman_value(numeral)
    if value is None or (name not in _REGNAL and (len(numeral) < 2 or set(numeral) - set("IVX"))):
        return m.group(0)
    if name in _REGNAL and value <= 10:
        return f"{name} {ordinal(value, 'a' if name in _FEMININE_NAMES else 'o')}"
    return f"{name} {cardinal(value)}"


def _cardinal_after(m: re.Match[str]) -> str:
    """"siglo XXI" → "siglo veintiuno" (RAE: centuries are cardinals), "siglos XV y XVI", "capítulo IV" →
    "capítulo cuatro" (RAE admits "cuarto"; the cardinal is what is said of chapter numbers)."""
    values = [roman_value(v) for v in (m.group(2), m.group(4)) if v]
    if None in values:
        return m.group(0)
    join = " al " if m.group(3) and m.group(3).strip() == "-" else (m.group(3) or "")
    return m.group(1) + " " + join.join(cardinal(v) for v in values if v)


def _before_noun(m: re.Match[str]) -> str:
    """"la II República" → "la Segunda República", "el III Congreso" → "el tercer Congreso"."""
    value, noun = roman_value(m.group(2)), m.group(3)
    if value is None or gender(noun.lower()) is None:
        return m.group(0)
    said = ordinal(value, "a" if m.group(1).lower() in ("la", "una") else "")
    return f"{m.group(1)} {said.title() if noun[0].isupper() else said} "


_ROMANS: list[Step] = [
    sub(rf"\b((?i:{_CARDINAL_AFTER}))\s+([IVXLC]+)(?:(\s*(?:y|al|-)\s*)([IVXLC]+))?\b", _cardinal_after),
    sub(rf"\b([Ll]a|[Ee]l|[Dd]el|[Aa]l|[Uu]na|[Uu]n)\s+([IVX]{{2,}}|[IVX](?=\s+[A-ZÁÉÍÓÚ]))\s+(?=({_L}+))",
        _before_noun),
    sub(r"\b([A-ZÁÉÍÓÚ][a-záéíóúñ]+)\s+([IVXLC]+)(?![\w'])", _regnal),
]

# --------------------------------------------------------------------------- acronyms, symbols, capitals

ACRONYMS_AS_WORDS: set[str] = {"ONU", "OTAN", "OMS", "UNESCO", "UNICEF", "PSOE", "OPEP", "OVNI", "ADIF", "FIFA",
                               "UEFA", "NASA", "IBEX", "COVID", "SIDA", "RENFE", "AENA", "CSIC", "AEMET"}
"""Acronyms said as words ("la OTAN"); "PSOE" is said "pesoe", which espeak-ng reads from "Psoe"."""
INITIALISMS = frozenset("PP UE EEUU FBI USA API CEO UK PC TV ONG OCDE PIB IPC DNI".split())
"""Spelled letter by letter even where Spanish could say them as a word ("USA", "API")."""
_SYLLABLE = re.compile(r"(?:(?:CH|LL|RR|[BCDFGKPT][LR]|[BCDFGHJKLMNÑPQRSTVWXYZ])?[AEIOUÁÉÍÓÚÜY]+[LNRSDZXF]?)+")
"""A run of Spanish syllables: other capital words ("ONCE", "RENFE") are read as words too, "DGT" is not."""
_CAPS = re.compile(r"(?<![\w'.])([A-ZÁÉÍÓÚÜÑ]{2,})(s?)(?![\w'])")


def _acronyms(text: str, words: Collection[str]) -> str:
    """Acronyms as words, initialisms spelled (a plural "ONGs" → "O.N.G": invariable, RAE 2010), a shouted
    run of capitals lower-cased, any other capital word read as a word where Spanish can say it."""
    as_words = ACRONYMS_AS_WORDS | {w.upper() for w in words}
    caps = list(_CAPS.finditer(text))
    out, last = [], 0
    for i, m in enumerate(caps):
        near = [c for c in (caps[i - 1] if i else None, caps[i + 1] if i + 1 < len(caps) else None) if c]
        in_run = any(re.fullmatch(r"[\s,;:!?¡¿\"-]*", text[min(c.end(), m.end()):max(c.start(), m.start())])
                     for c in near)
        core, plural = m.group(1), m.group(2)
        if core in as_words:
            said = core.capitalize()
        elif core in INITIALISMS or core + plural in INITIALISMS:
            said = spell(core)
        elif in_run and re.search(r"[AEIOUÁÉÍÓÚ]", core):
            said = (core + plural).lower()
        else:
            said = (core + plural).capitalize() if _SYLLABLE.fullmatch(core) and len(core) > 2 else spell(core)
        out += [text[last:m.start()], said]
        last = m.end()
    return "".join([*out, text[last:]])


_SYMBOLS: list[Step] = [
    sub(r"\s?±\s?", " más menos "), sub(r"\s*&\s*", " y "), sub(r"\s*\+\s*", " más "), sub(r"\s*%", " por ciento"),
    sub(r"(?<=\w)\s*=\s*(?=\w)", " igual a "), sub(r"\s*@\s*", " arroba "), sub(r"\s?→\s?", " a "),
    sub(r"\s?§\s?", " sección "), sub(r"/", " "), sub(r"[<>{}\[\]=$€£¥¢°²³ºª*#|•·_~^\\]+", " "),
    dotted_initialisms(),  # "U.E." → "U.E"
]


def _capitalize(text: str) -> str:
    """A sentence starts with a capital, except where the capital would read differently on a second pass:
    a mixed-case word ("iOS" would become an initialism), a lone letter before a period ("d." → "D." →
    "don"), "ß" ("SS")."""
    def up(m: re.Match[str]) -> str:
        word = m.group(2)
        letter = len(word) == 1 and m.string[m.end():m.end() + 1] == "."
        if word != word.lower() or len(word[0].upper()) > 1 or letter:
            return m.group(0)
        return m.group(1) + word[0].upper() + word[1:]

    return re.sub(r"(?:^|(?<=[.!?]\s))([\"'(¿¡]?)([^\W\d_A-Z][\w'-]*)\b", up, text)


# --------------------------------------------------------------------------- the pipeline

_WEB = web_steps(WebWords(dot="punto", at="arroba", dash="guion", underscore="guion bajo", plus="más",
                          number="número"))
_STEPS: list[Step] = [
    typography, sub(r"\s+", " "), sub(r"(?<!\.)\.\.(?!\.)", "."), number_dashes, *_WEB, _WEB[2], *_ABBREVIATIONS,
    *_DATES, *_TIMES, *_NUMBERS_IN_CONTEXT, *_ROMANS, *_SYMBOLS,
]
"""All but the acronyms, which take the caller's words. The bare-domain step (``_WEB[2]``) runs twice: a
handle's tail can be one ("@ejemplo.es")."""


def normalize(text: str, words: Collection[str] = ()) -> str:
    """The spoken form of one Spanish sentence (``words``: extra acronyms said as words).

    The rules run until the text no longer changes (at most three passes; on real prose the second changes
    nothing): the final tidying can turn odd punctuation into a form an earlier rule reads ("Dr:." →
    "Dr."), and the engine must hear the same words on every pass."""
    steps = [*_STEPS, lambda t: _acronyms(t, words), tidy, dashes, tidy, _don, _capitalize]
    for _ in range(3):
        text, before = run(steps, text), text
        if text == before:
            break
    return text


def long_date(when: date) -> str:
    """"27 de noviembre de 2026"."""
    return f"{when.day} de {_MONTHS[when.month - 1]} de {when.year}"


ABBREVIATIONS = frozenset(
    "sr sra srta sres dr dra d.ª dña prof profa lic ing gral excmo excma sto sta ud uds vd vds p.ej etc aprox vs "
    "pág págs núm n.º nº tel avda pza cap vol art ej i.e a.c d.c cía dpto máx mín pp ee ee.uu cc cc.oo s.a s.l "
    "ene feb abr jun jul ago sept oct nov dic lun mié jue vie sáb".split())
"""Words that end with a period and do not end a sentence ("mar", "sol" are words, so not here)."""

FOOTERS = (
    r"(la entrada|el art[ií]culo|la publicaci[oó]n|el post|la noticia)\s.{1,300}?\s(se public[oó]|apareci[oó]|"
    r"aparece|fue publicad[oa]|ha sido publicad[oa])\s(primero|por primera vez|originalmente)\sen\s"
    r"([^.!?]|\.(?=\S)){1,200}[.!]?",
    r"(sigue|seguir|continuar|contin[uú]a) leyendo(\s*[\"«“][^\"»”]{1,200}[\"»”])?\s*(→|»|›|…|\.\.\.)?\.?",
    r"(leer|lee) m[aá]s\s*(→|»|›|…|\.\.\.)?",
    r"publicad[oa] por\s[^.!?]{1,80}\s(en|a las?)\s\d{1,2}[:.]\d{2}\s*(h|[ap]\.?\s?m\.?)?(\s*no hay comentarios:?)?",
)
"""WordPress's "La entrada TÍTULO se publicó primero en BLOG.", Yoast's "El artículo … se publicó primero en
…" and older wordings ("apareció primero en"); "Sigue leyendo →"; Blogger's "Publicado por NOMBRE en HORA"."""

CALLS_TO_ACTION = (
    r"suscr[ií]b", r"s[ií]gue(nos)?", r"ap[oó]ya(nos)?", r"comparte", r"esc[uú]cha(nos|lo)? en", r"disponible en",
    r"publicad[oa] (originalmente|primero)", r"seguir leyendo", r"privacidad", r"bolet[ií]n", r"patrocinad[oa]",
    r"leer m[aá]s", r"d[eé]janos", r"hazte (socio|miembro|mecenas)", r"echa(d)? un vistazo",
    r"gracias por (leer|escuchar|tu apoyo)", r"deja (tu|un) comentario", r"cont[aá]cta(nos|me)",
    r"todos los derechos reservados", r"(haz|pincha) clic aqu[ií]", r"newsletter",
)

LANGUAGE = Language(
    code="es", name="español", iso639_2="spa", normalize=normalize, abbreviations=ABBREVIATIONS,
    intro="{title}, por {author}.", outro="Esta fue una edición en audio de {title}, publicada el {date}.",
    date=long_date, digits=_DIGITS, footers=FOOTERS, calls_to_action=CALLS_TO_ACTION,
    words={"read_post": "Leer el artículo",
           "chapters": "Capítulos", "transcript": "Transcripción", "listen": "Escuchar",
           "download": "Descargar el MP3", "play_from": "Reproducir desde",
           "position": "Posición en el episodio", "quote": "Cita.",
           "end_quote": "Fin de la cita.", "code_omitted": "Se omite un ejemplo de código.",
           "table_omitted": "Se omite una tabla.", "image": "Imagen"},
)
