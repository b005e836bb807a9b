"""Spanish: written forms rewritten as a newsreader of Spain would say them (voice ``es`` of espeak-ng).

Conventions and sources: RAE and ASALE, *Ortografía de la lengua española* (2010) for numbers,
abbreviations, ordinals ("1.º", "2.ª", "3.er") and Roman numerals; RAE's *Diccionario panhispánico de
dudas* (DPD) for agreement ("veintiún años", "veintiuna casas", "doscientas personas"); Fundéu for money
("3,50 €", "tres euros con cincuenta céntimos") and percentages; the *Libro de estilo de El País* for
times ("a las 14.30"). Written numbers use Spain's separators: "1.500,25" (RAE's "1 500" is read too).

Choices, each checked with ``espeak-ng -q -x -v es`` (benchmarks/espeak_cases.py):

* A number agrees with the noun after it: "1 km" → "un kilómetro", "21 casas" → "veintiuna casas";
  with no noun after it, it is "uno" ("el 1 de mayo" → "el uno de mayo", RAE admits "primero" too).
* Roman numerals after kings and popes are ordinals up to ten and cardinals from eleven ("Felipe VI" →
  "Felipe sexto", "Alfonso XIII" → "Alfonso trece"); centuries and chapters are cardinals ("siglo XXI" →
  "siglo veintiuno", "capítulo IV" → "capítulo cuatro"); before a noun they are ordinals ("la II
  República" → "la Segunda República").
* Times: "14:30" → "catorce treinta", an article where the text gives none ("14:30 h" → "las catorce
  treinta"), "y" before minutes under ten ("9:05" → "nueve y cinco").
* Initialisms are written as dotted letters, "PP" → "P.P" (espeak-ng reads "UE" as "we", "U.E" right);
  acronyms said as words are capitalized words, "OTAN" → "Otan".
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
    ends,
    number_dashes,
    roman_value,
    run,
    spaced,
    sub,
    tidy,
    typography,
    web_steps,
)

_L = r"[^\W\d_]"
_LEFT = r"(?<![\w.,/:-])"
_NUM = r"(?:\d{1,3}(?:,\d{3}){2,}(?!\d)|(?:\d{1,3}(?:\.\d{3})+|\d{1,3}(?: \d{3})+(?!\d)|\d+)(?:,\d+)?)"
"""A written number: 7, 1.500, 2.500.000, 10 000, 3,5, 1.234,56; and 2,500,000 (English, not a decimal)."""
_SNUM = r"(?:(?<![\w.,])-)?" + _NUM
_MONTHS = ("enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre").split()
_MONTH_ABBR = {"ene": 1, "feb": 2, "mar": 3, "abr": 4, "may": 5, "jun": 6, "jul": 7, "ago": 8, "sep": 9,
               "sept": 9, "set": 9, "oct": 10, "nov": 11, "dic": 12}
_DIGITS = ("cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve")

# --------------------------------------------------------------------------- numbers and agreement


class _Numbers(Numbers):
    def cardinal(self, n: int) -> str:
        """num2words says "veintiuno mil", "ciento uno mil"; before "mil" and "millones" it is "un" (DPD)."""
        words = super().cardinal(n)
        return re.sub(r"\b(veinti)?uno(?= (?:mil|mill[oó]n|millones|bill[oó]n|billones)\b)",
                      lambda m: "veintiún" if m.group(1) else "un", words)


NUMBERS = _Numbers("es", "coma", "menos", group=r"[. ]", decimal=",")
cardinal = NUMBERS.cardinal

_NOT_NOUNS = frozenset(
    "a al ante bajo cabe con contra de del desde durante e en entre hacia hasta mediante para por según sin "
    "sobre tras y o u ni que como más menos ya no se es son fue fueron era eran será serán sea está están "
    "estaba ha han había hay lo la el los las le les su sus mi mis un una unos unas este esta estos estas "
    "ese esa cuando donde pero si porque aunque mientras vs x".split())
_FEMININE = frozenset(
    "vez veces mujer mujeres noche noches parte partes clase clases calle calles red redes ley leyes fuente "
    "fuentes tarde tardes frase frases imagen imágenes base bases sede sedes serie series especie especies "
    "mente llave llaves nube nubes mano manos foto fotos moto motos luz luces voz voces cruz cruces raíz "
    "raíces flor flores piel pieles muerte muertes torre torres gente costumbre costumbres radio".split())
_MASCULINE_A = frozenset(
    "día días problema problemas programa programas tema temas sistema sistemas mapa mapas idioma idiomas "
    "clima climas planeta planetas poema poemas dilema dilemas esquema esquemas drama dramas fantasma "
    "fantasmas lema lemas pijama pijamas cometa cometas enigma enigmas síntoma síntomas diagrama diagramas "
    "sofá sofás papá papás tranvía tranvías mediodía".split())


def gender(word: str) -> str | None:
    """"f" or "m" for a noun after a number, None for a word that is not one ("de", "es", a name)."""
    if not word or not word.islower() or word in _NOT_NOUNS:
        return None
    if word in _FEMININE or (word.endswith(("a", "as")) and word not in _MASCULINE_A
                             and not word.endswith(("ista", "istas"))):
        return "f"
    return "f" if word.endswith(("ción", "ciones", "sión", "siones", "dad", "dades", "tud", "tudes")) else "m"


def agree(words: str, genre: str | None) -> str:
    """Cardinal words before a noun (DPD "uno", "veintiuno", "cientos"): "un año", "veintiún años", "una
    casa", "doscientas una casas", "veintiuna mil personas"; "millones" is masculine whatever follows."""
    if genre is None:
        return words
    cut = max((m.end() for m in re.finditer(r"\b(?:millón|millones|billón|billones)\b", words)), default=0)
    head, tail = words[:cut], words[cut:]
    if genre == "f":
        tail = re.sub(r"\bveinti(?:uno|ún)\b", "veintiuna", tail)
        tail = re.sub(r"\bun(?:o)?\b", "una", tail)
        tail = re.sub(r"ientos\b", "ientas", tail)
    else:
        tail = re.sub(r"\bveintiuno$", "veintiún", tail)
        tail = re.sub(r"\buno$", "un", tail)
    return head + tail


def count(text: str, genre: str | None = None) -> str:
    """A written number, agreeing with its noun when it is whole ("21" + "f" → "veintiuna")."""
    if re.fullmatch(r"\d{1,3}(?:,\d{3}){2,}", text):
        text = text.replace(",", "")
    if re.search(r",\d", text) or re.fullmatch(r"-?0\d+", text):
        return NUMBERS.say(text)
    return agree(NUMBERS.say(text), genre)


def _noun_after(m: re.Match[str]) -> str | None:
    """The gender of the noun right after a number, skipping "mil" ("21 mil personas"). Past one it must be
    a plural ("en 2021 llegó" is a year before a verb)."""
    after = re.match(rf"\s+(?:mil\s+)?({_L}+)", m.string[m.end():])
    if not after or (m.group(0) != "1" and not after.group(1).endswith("s")):
        return None
    return gender(after.group(1))


def _with_noun(words: str, noun: str) -> str:
    """"un millón" + "euros" → "un millón de euros" (RAE: "de" after a round million)."""
    return f"{words} de {noun}" if re.search(r"(?:millón|millones|billón|billones)(?: y medio)?$", words) else \
        f"{words} {noun}"


_ORD_UNITS = ("", "primer", "segund", "tercer", "cuart", "quint", "sext", "séptim", "octav", "noven")
_ORD_TENS = ("", "décim", "vigésim", "trigésim", "cuadragésim", "quincuagésim", "sexagésim", "septuagésim",
             "octogésim", "nonagésim")
_ORD_HUNDREDS = ("", "centésim", "ducentésim", "tricentésim", "cuadringentésim", "quingentésim", "sexcentésim",
                 "septingentésim", "octingentésim", "noningentésim")


def ordinal(n: int, form: str = "o") -> str:
    """RAE 2010 ordinals: 11 "undécimo", 13 "decimotercero", 21 "vigésimo primero". ``form``: "o"
    (masculine), "a" (feminine), "" (apocope before a masculine noun: "primer", "tercer"), plus "s"."""
    if not 0 < n < 1000:
        return cardinal(n)
    plural = "s" if form.endswith("s") else ""
    end = (form.rstrip("s") or "o") + plural
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words = [_ORD_HUNDREDS[hundreds] + end] if hundreds else []
    if tens == 1 and units in (1, 2):
        words.append(("undécim", "duodécim")[units - 1] + end)
    else:
        unit = ""
        if units:
            apocope = form == "" and units in (1, 3)
            unit = _ORD_UNITS[units] + ("" if apocope else end)
        if tens == 1 and units:
            words.append("decimo" + unit)
        else:
            words += [w for w in (_ORD_TENS[tens] + end if tens else "", unit) if w]
    return " ".join(words)


# --------------------------------------------------------------------------- abbreviations and fixed tokens

_TITLES = {"Sr": "señor", "Sra": "señora", "Srta": "señorita", "Sres": "señores", "Dr": "doctor",
           "Dra": "doctora", "Dña": "doña", "D.ª": "doña", "Prof": "profesor", "Profa": "profesora",
           "Lic": "licenciado", "Ing": "ingeniero", "Gral": "general", "Excmo": "excelentísimo",
           "Excma": "excelentísima", "Sto": "santo", "Sta": "santa", "Ud": "usted", "Uds": "ustedes",
           "Vd": "usted", "Vds": "ustedes"}
_PLAIN = [(r"[Pp]\.\s?ej\.", "por ejemplo"), (r"etc\.", "etcétera"), (r"[Aa]prox\.", "aproximadamente"),
          (r"vs\.?", "contra"), (r"[Pp]ágs\.", "páginas"), (r"[Pp]ág\.", "página"), (r"[Nn]\.?\s?º", "número"),
          (r"[Nn]úm\.", "número"), (r"[Tt]el\.", "teléfono"), (r"[Aa]vda\.", "avenida"), (r"[Pp]za\.", "plaza"),
          (r"[Cc]ap\.", "capítulo"), (r"[Vv]ol\.", "volumen"), (r"[Aa]rt\.", "artículo"),
          (r"[Ee]j\.", "ejemplo"), (r"i\.\s?e\.", "es decir"), (r"a\.\s?C\.", "antes de Cristo"),
          (r"d\.\s?C\.", "después de Cristo"), (r"S\.\s?A\.", "sociedad anónima"),
          (r"S\.\s?L\.", "sociedad limitada"), (r"[Cc]ía\.", "compañía"), (r"[Dd]pto\.", "departamento"),
          (r"[Mm]áx\.", "máximo"), (r"[Mm]ín\.", "mínimo"), (r"pp\.(?=\s?\d)", "páginas"),
          (r"p\.(?=\s?\d)", "página"), (r"s\.(?=\s?[IVXL]+\b)", "siglo"), (r"[Cc]/(?=\s?[A-ZÁÉÍÓÚ])", "calle")]
_FIXED = [(r"(?<!\w)EE\.?\s?UU\.?(?!\w)", "Estados Unidos"), (r"(?<!\w)CC\.?\s?OO\.?(?!\w)", "Comisiones Obreras"),
          (r"(?<![\w/])24/7(?![\w/])", "veinticuatro siete"), (r"(?<!\w)C\+\+(?!\w)", "C más más"),
          (r"(?<!\w)I\+D\+i(?!\w)", "I más D más i"), (r"(?<!\w)I\+D(?!\w)", "I más D"),
          (r"(?<![\w.])SA(?!\w)", "sociedad anónima"), (r"(?<![\w.])SL(?!\w)", "sociedad limitada"),
          (r"(?<!\w)y/o(?!\w)", "y o"), (r"(?<!\w)[Ww]i-?[Ff]i(?!\w)", "wifi"), (r"\[\d+\]", "")]


def _abbr(pattern: str, word: str) -> Step:
    """An abbreviation's word; its period comes back only where it also ended the sentence (``ends``)."""
    keeps = word == "etcétera"

    def repl(m: re.Match[str]) -> str:
        return word + (ends(m, before_capital=keeps) if m.group(0).endswith(".") else "")

    return sub(rf"(?<![\w.]){pattern}(?!\w)", repl)


def _titles(text: str) -> str:
    """"Sr. García" → "señor García"; "D. Juan" → "don Juan" (not an initial after a name: "Franklin D.")."""
    names = "|".join(re.escape(t) for t in sorted(_TITLES, key=len, reverse=True))
    text = re.sub(rf"(?<![\w.])({names})(?:\.|(?<=ª))(?!\w)",
                  lambda m: _TITLES[m.group(1)] + ends(m, before_capital=False), text)
    return text


_SENTENCE_STARTS = frozenset("el la los las lo un una y e o pero que en de del con por para se no es son fue esto esta "
                             "este eso así además luego después ahora entonces también hoy ayer si cuando ya".split())
_LETTER_AFTER = frozenset("vitamina plan tipo modelo grupo clase categoría opción letra fila columna versión nivel "
                          "punto eje formato carnet carné".split()) | set(_DIGITS)


def _don(text: str) -> str:
    """"D. Juan" → "don Juan", but "la vitamina D. Además" keeps its full stop, and after a capitalized word
    inside a sentence "D." is an initial ("Pedro Juan D. Pérez" → "… D Pérez"). Runs after the numbers and
    ignores the case of the next word, and runs last, so that a second pass decides the same."""
    def repl(m: re.Match[str]) -> str:
        before = re.search(r"(?:^|([.!?¿¡(\"]?)\s*)(\S+)\s+$", m.string[:m.start()])
        if m.group(1).lower() in _SENTENCE_STARTS or (before and before.group(2).lower() in _LETTER_AFTER):
            return m.group(0)
        initial = before and before.group(2)[0].isupper() and before.group(1) == "" and before.start(2) > 0
        return ("D " if initial else "don ") + m.group(1)

    return re.sub(rf"(?<![\w.])D\.\s+({_L}+)", repl, text)


_ABBREVIATIONS: list[Step] = [*(sub(p, r) for p, r in _FIXED), _titles, *(_abbr(p, w) for p, w in _PLAIN)]

# --------------------------------------------------------------------------- dates and times


def _date(day: int, month: int, year: str) -> str | None:
    """"veintisiete de noviembre de dos mil veintiséis"; a two-digit year is "del veintiséis"."""
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    said = f"{cardinal(day)} de {_MONTHS[month - 1]}"
    if len(year) == 2:
        return f"{said} del {count(year)}"
    return f"{said} de {cardinal(int(year))}" if year else said


def _numeric_date(m: re.Match[str]) -> str:
    return _date(int(m.group(1)), int(m.group(2)), m.group(3) or "") or m.group(0)


def _iso_date(m: re.Match[str]) -> str:
    return _date(int(m.group(3)), int(m.group(2)), m.group(1)) or m.group(0)


def _month_abbr_date(m: re.Match[str]) -> str:
    return _date(int(m.group(1)), _MONTH_ABBR[m.group(2).lower()], m.group(3) or "") or m.group(0)


_ABBR_RE = "|".join(sorted(_MONTH_ABBR, key=len, reverse=True))
_DATES: list[Step] = [
    sub(r"(?<![\w-])(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\w-])",
        _iso_date),
    sub(r"(?<![\w/.,-])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\w/-]|[.,]\d)", _numeric_date),
    sub(r"(?<![\w/.,-])(\d{1,2})[.-](\d{1,2})[.-](\d{4})(?![\w/-]|[.,]\d)", _numeric_date),
    sub(r"\b([Ee]l|[Dd]el|[Aa]l) (\d{1,2})/(\d{1,2})(?![\w/])",
        lambda m: f"{m.group(1)} {_date(int(m.group(2)), int(m.group(3)), '') or m.group(0)[len(m.group(1)) + 1:]}"),
    sub(rf"(?<![\w.,])(\d{{1,2}})(?:\s|-|\sde\s)(?i:({_ABBR_RE}))\.?(?:(?:\s|-|\sde\s)(\d{{4}}))?(?!\w)",
        _month_abbr_date),
    sub(r"(?<![\w-])(\d{4})-(0[1-9]|1[0-2])(?![\w-])",
        lambda m: f"{_MONTHS[int(m.group(2)) - 1]} de {cardinal(int(m.group(1)))}"
        if int(m.group(2)) <= int(m.group(1)[2:]) else m.group(0)),
]


def _hour(h: int) -> str:
    """Hours are feminine (la hora): "la una", "las veintiuna" (DPD)."""
    return agree(cardinal(h), "f")


def _time_words(h: int, mins: int, mark: str) -> str | None:
    """"14:30" → "catorce treinta"; "9:05" → "nueve y cinco"; "14:00 h" → "catorce horas"."""
    if h > 24 or mins > 59 or (mark[:1] in ("a", "p") and not 1 <= h <= 12):
        return None
    said = _hour(h)
    if mins:
        said += f" y {cardinal(mins)}" if mins < 10 else f" {cardinal(mins)}"
    elif mark.startswith("h") and h != 1:
        said += " horas"
    return said + _meridiem(h, mark)


def _meridiem(h: int, mark: str) -> str:
    """"a. m." and "p. m." as the part of the day: "diez de la mañana", "ocho de la noche"."""
    if mark[:1] not in ("a", "p"):
        return ""
    if mark[0] == "a":
        return " de la noche" if h == 12 else (" de la madrugada" if h < 6 else " de la mañana")
    return " del mediodía" if h == 12 else (" de la tarde" if h < 8 else " de la noche")


def _article(m: re.Match[str], h: int) -> str:
    """"la"/"las" before a marked time where the text has none ("Inicio: 14:30 h"), not after a preposition
    ("de 9 a 14 h" → "de nueve a catorce horas")."""
    before = m.string[:m.start()].lower()
    return "" if re.search(r"\b(?:la|las|de|a|desde|hasta|entre|y)\s*$", before) else ("la " if h == 1 else "las ")


def _clock(m: re.Match[str]) -> str:
    """A time of day; an article where it is marked ("14:30 h" → "las catorce treinta"); with seconds, a
    duration ("1:05:30" → "una hora, cinco minutos y treinta segundos")."""
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
    return spaced(m, (_article(m, h) if mark else "") + words) + (ends(m) if mark.endswith(".") else "")


def _time_range(m: re.Match[str]) -> str:
    """"9:00-14:00" → "de las nueve a las catorce"."""
    h1, h2 = int(m.group(1)), int(m.group(3))
    first, second = _time_words(h1, int(m.group(2)), ""), _time_words(h2, int(m.group(4)), m.group(5) or "")
    if first is None or second is None:
        return m.group(0)
    lead = "" if re.search(r"\b(?:de|desde)\s*$", m.string[:m.start()].lower()) else "de "
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
        lambda m: _hour(int(m.group(1))) + (" horas" if m.group(2) else "")),
]

# --------------------------------------------------------------------------- ordinals, money, units


def _ordinal(m: re.Match[str]) -> str:
    """"1.º" → "primero", "2.ª" → "segunda", "3.er" → "tercer", "1.os" → "primeros"; also "2do", "3ra"."""
    suffix = m.group(2).lstrip(".")
    form = "" if suffix == "er" else ("a" if suffix.rstrip("s")[-1] in "aª" else "o")
    form += "s" if suffix.endswith("s") and form else ""
    after = re.match(rf"\s+({_L}+)", m.string[m.end():])
    if form == "o" and after and gender(after.group(1)) == "m":
        form = ""  # "21.º aniversario" → "vigésimo primer aniversario" (DPD "primero", "tercero")
    return spaced(m, ordinal(int(m.group(1).replace(".", "")), form))


_CURRENCY = {"€": ("euro", "euros", "m", "céntimo", "céntimos"), "$": ("dólar", "dólares", "m", "centavo", "centavos"),
             "£": ("libra", "libras", "f", "penique", "peniques"), "¥": ("yen", "yenes", "m", "sen", "sen")}
_CODES = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥"}
_MONEY_NUM = r"\d{1,3}(?:[.,]\d{3})+(?:[.,]\d{1,2})?(?!\d)|\d+(?:[.,]\d{1,2})?(?!\d)"
_SCALE = r"(?P<scale>mil millones|millones|millón|mill\.|M|mil|MM|k)"


def _money_number(num: str) -> tuple[int, int]:
    """"1.500" → (1500, 0); "3,50" and "3.50" → (3, 50): a separator before 1-2 final digits is decimal."""
    cents = re.search(r"[.,](\d{1,2})$", num)
    whole = num[:cents.start()] if cents else num
    return int(re.sub(r"\D", "", whole) or 0), int(cents.group(1).ljust(2, "0")) if cents else 0


def _amount(num: str, sym: str, scale: str, us: bool) -> str:
    """"3,50 €" → "tres euros con cincuenta céntimos"; "20 M€" → "veinte millones de euros"."""
    one, many, genre, cent, cents = _CURRENCY[sym]
    many += " estadounidenses" if us else ""
    units, hundredths = _money_number(num)
    if scale:
        return _with_noun(_scaled(f"{units},{hundredths:02d}".rstrip("0").rstrip(","), scale), many)
    main = _with_noun(agree(cardinal(units), genre), one if units == 1 else many)
    if not hundredths:
        return main
    small = f"{agree(cardinal(hundredths), 'm')} {cent if hundredths == 1 else cents}"
    return f"{main} con {small}" if units else small


def _scaled(num: str, scale: str) -> str:
    """"1,5 millones" → "un millón y medio" (Fundéu); "2,3 millones" → "dos coma tres millones"."""
    scale = {"M": "millones", "mill.": "millones", "MM": "mil millones", "k": "mil", "millón": "millones"}.get(
        scale, scale)
    whole, _, frac = num.partition(",")
    if scale == "mil millones" and frac:
        return f"{cardinal(round(float(num.replace('.', '').replace(',', '.')) * 1000))} millones"
    if frac == "5" and scale != "mil":
        head = "un millón" if whole == "1" and scale == "millones" else f"{agree(count(whole), 'm')} {scale}"
        return f"{head} y medio"
    if whole == "1" and not frac:
        return {"millones": "un millón", "mil": "mil"}.get(scale, "mil millones")
    return f"{agree(count(num), 'm')} {scale}"


def _money(m: re.Match[str]) -> str:
    sym = _CODES.get(m.group("sym"), m.group("sym"))
    us = bool(m.group("us")) or m.group("sym") == "USD"
    said = _amount(m.group("num"), sym, m.group("scale") or "", us)
    return spaced(m, ("menos " if m.group("neg") else "") + said)


_SYM = r"(?P<us>US\s?)?(?P<sym>[$€£¥]|EUR|USD|GBP|JPY)"
_MONEY: list[Step] = [
    sub(rf"(?P<neg>(?<![\w.,])-)?(?<!\w){_SYM}\s?(?P<num>{_MONEY_NUM})(?:\s?{_SCALE}(?!\w))?(?!\w)", _money),
    sub(rf"(?P<neg>(?<![\w.,])-)?(?<![\w.,])(?P<num>{_MONEY_NUM})\s?(?:{_SCALE}\s?(?:de\s)?)?{_SYM}(?!\w)", _money),
    sub(rf"{_LEFT}(\d+(?:,\d+)?)\s(millones|millón|mil millones)\b", lambda m: _scaled(m.group(1), m.group(2))),
]

_UNITS: dict[str, tuple[str, str, str]] = {
    "km": ("kilómetro", "kilómetros", "m"), "m": ("metro", "metros", "m"), "cm": ("centímetro", "centímetros", "m"),
    "mm": ("milímetro", "milímetros", "m"), "kg": ("kilogramo", "kilogramos", "m"), "g": ("gramo", "gramos", "m"),
    "mg": ("miligramo", "miligramos", "m"), "t": ("tonelada", "toneladas", "f"), "l": ("litro", "litros", "m"),
    "L": ("litro", "litros", "m"), "ml": ("mililitro", "mililitros", "m"), "ha": ("hectárea", "hectáreas", "f"),
    "km/h": ("kilómetro por hora", "kilómetros por hora", "m"), "m/s": ("metro por segundo", "metros por segundo", "m"),
    "m²": ("metro cuadrado", "metros cuadrados", "m"), "km²": ("kilómetro cuadrado", "kilómetros cuadrados", "m"),
    "m³": ("metro cúbico", "metros cúbicos", "m"), "°C": ("grado centígrado", "grados centígrados", "m"),
    "°F": ("grado Fahrenheit", "grados Fahrenheit", "m"),
    "°": ("grado", "grados", "m"), "kB": ("kilobyte", "kilobytes", "m"), "KB": ("kilobyte", "kilobytes", "m"),
    "MB": ("megabyte", "megabytes", "m"), "GB": ("gigabyte", "gigabytes", "m"), "TB": ("terabyte", "terabytes", "m"),
    "Mbps": ("megabit por segundo", "megabits por segundo", "m"), "Hz": ("hercio", "hercios", "m"),
    "MHz": ("megahercio", "megahercios", "m"), "GHz": ("gigahercio", "gigahercios", "m"),
    "W": ("vatio", "vatios", "m"), "kW": ("kilovatio", "kilovatios", "m"), "MW": ("megavatio", "megavatios", "m"),
    "kWh": ("kilovatio hora", "kilovatios hora", "m"), "mAh": ("miliamperio hora", "miliamperios hora", "m"),
    "V": ("voltio", "voltios", "m"), "h": ("hora", "horas", "f"), "min": ("minuto", "minutos", "m"),
    "s": ("segundo", "segundos", "m"), "ms": ("milisegundo", "milisegundos", "m"), "kcal": ("kilocaloría",
    "kilocalorías", "f"), "mph": ("milla por hora", "millas por hora", "f"), "dB": ("decibelio", "decibelios", "m"),
    "%": ("por ciento", "por ciento", ""), "‰": ("por mil", "por mil", ""),
}
_UNIT_RE = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))


def _unit(m: re.Match[str]) -> str:
    """"1 km" → "un kilómetro", "21 t" → "veintiuna toneladas", "12,5 %" → "doce coma cinco por ciento"."""
    one, many, genre = _UNITS[re.sub(r"\s", "", m.group("unit")).replace("º", "°")]
    n, n2 = m.group("n"), m.group("n2")
    said = count(n, genre or None) + (f" a {count(n2, genre or None)}" if n2 else "")
    if not genre:
        return spaced(m, f"{said} {many}")
    return spaced(m, _with_noun(said, one if n.lstrip("-") == "1" and not n2 else many))


_UNIT_STEPS: list[Step] = [
    sub(rf"(?P<n>{_LEFT}{_SNUM})(?:\s?[-–]\s?(?P<n2>{_NUM}))?\s?(?P<unit>[°º]\s?[CF](?!\w)|{_UNIT_RE})(?![\w/²³])",
        _unit),
]

# --------------------------------------------------------------------------- numbers in context


def _phone(m: re.Match[str]) -> str:
    """Spain's nine digits in their groups, each group a number: "912 34 56 78" → "novecientos doce, treinta
    y cuatro, cincuenta y seis, setenta y ocho"; "+34" → "más treinta y cuatro"."""
    groups = re.findall(r"\+?\d+", m.group(0))
    if len(groups) == 1 or (len(groups) == 2 and groups[0].startswith("+")):
        groups[-1:] = re.findall(r"\d{3}", groups[-1])
    return ", ".join(("más " if g[0] == "+" else "") + count(g.lstrip("+")) for g in groups)


_FRACTIONS = {2: ("medio", "medios"), 3: ("tercio", "tercios"), 4: ("cuarto", "cuartos")}
_VULGAR = {"½": (1, 2), "¼": (1, 4), "¾": (3, 4), "⅓": (1, 3), "⅔": (2, 3), "⅛": (1, 8)}


def fraction(num: int, den: int) -> str:
    """"1/2" → "un medio", "3/4" → "tres cuartos", "1/5" → "un quinto", "7/12" → "siete doceavos" (RAE)."""
    if den in _FRACTIONS:
        one, many = _FRACTIONS[den]
    elif 5 <= den <= 10 or den in (100, 1000):
        one = "milésimo" if den == 1000 else ordinal(den)
        many = one + "s"
    elif den < 100:
        stem = cardinal(den).translate(str.maketrans("áéíóú", "aeiou"))
        one = stem[:-1] + "avo" if stem.endswith("a") else stem + "avo"
        many = one + "s"
    else:
        return f"{cardinal(num)} entre {cardinal(den)}"
    return f"{agree(cardinal(num), 'm')} {one if num == 1 else many}"


def _fraction(m: re.Match[str], whole: str | None, num: int, den: int) -> str:
    """"3/4" → "tres cuartos"; a half before a noun: "1/2 litro" → "medio litro", "2 ½ horas" → "dos horas
    y media"."""
    noun = (m.group("noun") or "").strip()
    genre = gender(noun)
    if (num, den) == (1, 2) and genre:
        half = "media" if genre == "f" else "medio"
        return spaced(m, f"{count(whole, genre)} {noun} y {half}" if whole else f"{half} {noun}")
    said = f"{count(whole)} y {fraction(num, den)}" if whole else fraction(num, den)
    return spaced(m, said + (m.group("noun") or ""))


def _slash(m: re.Match[str]) -> str:
    """"3/4"; "Ley 39/2015" → "treinta y nueve de dos mil quince"."""
    num, den = int(m.group(2)), int(m.group(3))
    if den == 0 or (len(m.group(3)) == 4 and m.group(3)[:2] in ("19", "20")):
        return spaced(m, f"{count(m.group(2))} de {cardinal(den)}{m.group('noun') or ''}")
    return _fraction(m, m.group(1), num, den)


def _range(m: re.Match[str]) -> str:
    """Scores and ranges: "2-1" → "dos a uno"; "1939-1945"; a season "2019-20" → "... a dos mil veinte"."""
    a, b = m.group(1), m.group(2)
    if re.fullmatch(r"(?:1[0-9]|20)\d\d", a) and len(b) == 2 and int(a[:2] + b) > int(a):
        b = a[:2] + b
    return spaced(m, f"{count(a)} a {count(b)}")


def _version(m: re.Match[str]) -> str:
    """"2.0" → "dos punto cero", "17.2.1" → "diecisiete punto dos punto uno" (not thousands: "1.500")."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", m.group(0)):
        return spaced(m, count(m.group(0), _noun_after(m)))
    return spaced(m, " punto ".join(count(p) for p in m.group(0).split(".")))


def _number(m: re.Match[str]) -> str:
    """The catch-all: a number agreeing with the noun after it."""
    return spaced(m, count(m.group(0), _noun_after(m)))


_NUMBERS_IN_CONTEXT: list[Step] = [
    sub(r"(?<![\w+])(?:\+\d{2,3}\s)?(?:[6789]\d{2}(?:\s\d{3}){2}|[6789]\d{2}(?:\s\d{2}){3}|[89]\d(?:\s\d{3})"
        r"(?:\s\d{2}){2})(?![\w]|[.,]\d)|(?<![\w+])(?:\+\d{2,3}\s?)?[6789]\d{8}(?![\w]|[.,]\d)", _phone),
    sub(r"(?<![\w'])'?(\d0)'?s\b", lambda m: cardinal(int(m.group(1)))),
    sub(r"(?<!\w)[~≈]\s?(?=\d)", "unos "), sub(r"\s?≤\s?", " como máximo "), sub(r"\s?≥\s?", " como mínimo "),
    sub(r"(?<![<\w])\s?<\s?(?=[\d$€£])", " menos de "), sub(r"(?<![>\w-])\s?>\s?(?=[\d$€£])", " más de "),
    *_MONEY, *_UNIT_STEPS,
    sub(r"(?<![\w.])(\d+)(\.(?:º|ª|er|os|as)|º|ª|er|ro|ra|do|da|to|ta|mo|ma|vo|va|no|na)(?!\w)", _ordinal),
    sub(rf"(?:(?<!\w)(\d+)\s?)?([½¼¾⅓⅔⅛])(?P<noun>\s+{_L}+)?", lambda m: _fraction(m, m.group(1), *_VULGAR[m.group(2)])),
    sub(rf"(?<![\w/.,:])(?:(\d+)\s)?(\d+)/(\d+)(?![\w/]|[.,]\d)(?P<noun>\s+{_L}+)?", _slash),
    sub(rf"{_LEFT}({_NUM})\s?[x×]\s?({_NUM})(?!\w|[.,]\d)",
        lambda m: spaced(m, f"{count(m.group(1))} por {count(m.group(2))}")),
    sub(rf"(?<![\w.,:])({_NUM})\s?[-:]\s?({_NUM})(?![\w:-]|[.,]\d)", _range),
    sub(r"(?<![\w.,])\d+(?:\.\d+)+(?![\w]|[.,]\d)", _version),
    sub(r"(?<=[^\W\d_])-(?=\d)", " "), sub(r"(?<![\w-])-(?=\d)", "menos "),
    sub(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])", " "),
    sub(rf"(?<![\d.,]){_NUM}(?![\d])", _number),
    sub(r"(?<![\w.,])([.,])(\d+)", lambda m: ("coma " if m.group(1) == "," else "punto ") + NUMBERS.digits(m.group(2))),
    sub(r"\d+", lambda m: spaced(m, count(m.group(0)))),
]

# --------------------------------------------------------------------------- Roman numerals

_REGNAL = frozenset(
    "Felipe Carlos Juan Pablo Alfonso Fernando Enrique Luis Pío Benedicto León Gregorio Jaime Pedro Sancho Ramiro "
    "Ramón Martín Francisco Napoleón Eduardo Jorge Guillermo Federico Clemente Inocencio Urbano Bonifacio Sixto "
    "Alejandro Nicolás Iván Ricardo Amadeo Gustavo Leopoldo Balduino Alberto Rainiero Constantino Vaticano "
    "Isabel Juana María Catalina Victoria Cristina Leonor Urraca Ana Margarita Beatriz".split())
_FEMININE_NAMES = frozenset("Isabel Juana María Catalina Victoria Cristina Leonor Urraca Ana Margarita Beatriz".split())
_CARDINAL_AFTER = ("siglos?|capítulos?|tomos?|volumen|partes?|actos?|escenas?|libros?|fases?|títulos?|anexos?|"
                   "cantos?|salmos?|temporadas?|episodios?|niveles?|nivel|legislatura")
_ROMAN = r"([IVXLC]+)"


def _regnal(m: re.Match[str]) -> str:
    """Kings, queens and popes: ordinals to ten, cardinals after (RAE 2010); "Rocky II" → "Rocky dos"."""
    name, numeral = m.group(1), m.group(2)
    value = roman_value(numeral)
    if value is None or (name not in _REGNAL and (len(numeral) < 2 or set(numeral) - set("IVX"))):
        return m.group(0)
    if name in _REGNAL and value <= 10:
        return f"{name} {ordinal(value, 'a' if name in _FEMININE_NAMES else 'o')}"
    return f"{name} {cardinal(value)}"


def _cardinal_after(m: re.Match[str]) -> str:
    """"siglo XXI" → "siglo veintiuno", "siglos XV y XVI", "capítulo IV" → "capítulo cuatro"."""
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
    sub(rf"\b((?i:{_CARDINAL_AFTER}))\s+{_ROMAN}(?:(\s*(?:y|al|-)\s*){_ROMAN})?\b", _cardinal_after),
    sub(rf"\b([Ll]a|[Ee]l|[Dd]el|[Aa]l|[Uu]na|[Uu]n)\s+([IVX]{{2,}}|[IVX](?=\s+[A-ZÁÉÍÓÚ]))\s+(?=({_L}+))",
        _before_noun),
    sub(rf"\b([A-ZÁÉÍÓÚ][a-záéíóúñ]+)\s+{_ROMAN}(?![\w'])", _regnal),
]

# --------------------------------------------------------------------------- acronyms and symbols

ACRONYMS_AS_WORDS: set[str] = {"ONU", "OTAN", "OMS", "UNESCO", "UNICEF", "PSOE", "OPEP", "OVNI", "ADIF", "FIFA",
                               "UEFA", "NASA", "IBEX", "COVID", "SIDA", "RENFE", "AENA", "CSIC"}
"""Acronyms said as words ("la OTAN", "la ONU"); "PSOE" is said "pesoe", which espeak-ng reads from "Psoe"."""
INITIALISMS = frozenset("PP UE EEUU FBI USA API CEO UK PC TV ONG OCDE PIB IPC DNI".split())
"""Spelled letter by letter even where they could be read as a word ("USA", "API")."""
_ONSET = r"(?:CH|LL|RR|[BCDFGKPT][LR]|[BCDFGHJKLMNÑPQRSTVWXYZ])"
_SYLLABLE = re.compile(rf"(?:{_ONSET}?[AEIOUÁÉÍÓÚÜY]+[LNRSDZXF]?)+")
_CAPS = re.compile(r"(?<![\w'.])([A-ZÁÉÍÓÚÜÑ]{2,})(s?)(?![\w'])")


def spell(letters: str) -> str:
    """"PP" → "P.P": dotted letters are the form espeak-ng spells in every position."""
    return ".".join(letters)


def _acronyms(text: str, words: Collection[str]) -> str:
    """Known acronyms as words, initialisms spelled (plural "ONGs" → "O.N.G", invariable: RAE 2010), a
    shouted run of capitals lower-cased, any other capital word read as a word when Spanish can say it."""
    as_words = ACRONYMS_AS_WORDS | {w.upper() for w in words}
    caps = list(_CAPS.finditer(text))
    out, last = [], 0
    for i, m in enumerate(caps):
        near = [c for c in (caps[i - 1] if i else None, caps[i + 1] if i + 1 < len(caps) else None) if c]
        in_run = any(re.fullmatch(r"[\s,;:!?¡¿\"-]*", text[min(c.end(), m.end()):max(c.start(), m.start())])
                     for c in near)
        core = m.group(1)
        if core in as_words:
            said = core.capitalize()
        elif core in INITIALISMS or (core + m.group(2)) in INITIALISMS:
            said = spell(core)
        elif in_run and re.search(r"[AEIOUÁÉÍÓÚ]", core):
            said = (core + m.group(2)).lower()
        elif _SYLLABLE.fullmatch(core) and len(core) > 2:
            said = (core + m.group(2)).capitalize()
        else:
            said = spell(core)
        out += [text[last:m.start()], said]
        last = m.end()
    return "".join([*out, text[last:]])


def _dotted(m: re.Match[str]) -> str:
    """"U.E." → "U.E" (the final period comes back at the end of a sentence)."""
    return spell(m.group(0).replace(".", "")) + ends(m)


_DOTTED = sub(r"(?<![\w.])(?:[A-Z]\.){1,}[A-Z](?![\w])\.?(?![\w.])|(?<![\w.])(?:[A-Z]\.){2,}(?![\w.])", _dotted)
_SYMBOLS: list[Step] = [
    sub(r"\s?±\s?", " más menos "), sub(r"\s*&\s*", " y "), sub(r"\s*\+\s*", " más "), sub(r"\s*%", " por ciento"),
    sub(r"(?<=\w)\s*=\s*(?=\w)", " igual a "), sub(r"\s*@\s*", " arroba "), sub(r"\s?[→]\s?", " a "),
    sub(r"\s?§\s?", " sección "), sub(r"/", " "), sub(r"[<>{}\[\]=$€£¥¢°²³ºª*#|•·_~^\\]+", " "),
]

# --------------------------------------------------------------------------- the pipeline

_WEB = web_steps(WebWords(dot="punto", at="arroba", dash="guion", underscore="guion bajo", plus="más",
                          number="número"))


def _capitalize(text: str) -> str:
    """``capitalize``, except where the capital would read differently on a second pass: a mixed-case word
    ("iOS", capitalized an initialism), a lone letter before a period ("d." → "D." → "don"), "ß" → "SS"."""
    def up(m: re.Match[str]) -> str:
        word = m.group(2)
        if word != word.lower() or len(word[0].upper()) > 1 or (len(word) == 1 and m.string[m.end():][:1] == "."):
            return m.group(0)
        return m.group(1) + word[0].upper() + word[1:]

    return re.sub(r"(?:^|(?<=[.!?]\s))([\"'(¿¡]?)([^\W\d_A-Z][\w'-]*)\b", up, text)


_STEPS: list[Step] = [
    typography, sub(r"\s+", " "), sub(r"(?<!\.)\.\.(?!\.)", "."), number_dashes, *_WEB, _WEB[2], *_ABBREVIATIONS,
    *_DATES, *_TIMES, *_NUMBERS_IN_CONTEXT, *_ROMANS, *_SYMBOLS, _DOTTED,
]
"""Everything but the acronyms, which take the caller's words. ``_WEB[2]`` (bare domains) runs twice: a
handle's tail can be one ("@ejemplo.es")."""


def normalize(text: str, words: Collection[str] = ()) -> str:
    """The spoken form of one Spanish sentence (``words``: extra acronyms said as words).

    The rules run until the text no longer changes (at most three passes; one more than the first is the
    rule on real prose): the final tidying can make, out of odd punctuation, a form an earlier rule reads
    ("Dr:." → "Dr."), and the engine must hear the same words on every pass."""
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
    "sr sra srta sres dr dra d.ª dña prof profa lic ing gral excmo excma sto sta ud uds vd vds p.ej etc aprox "
    "vs pág págs núm n.º nº tel avda pza cap vol art ej i.e a.c d.c cía dpto máx mín pp ee ee.uu cc cc.oo s.a "
    "s.l ene feb abr jun jul ago sept oct nov dic lun mié jue vie sáb".split()
)

FOOTERS = (
    r"(la entrada|el art[ií]culo|la publicaci[oó]n|el post|la noticia)\s.{1,300}?\s(se public[oó]|apareci[oó]|"
    r"aparece|fue publicad[oa]|ha sido publicad[oa])\s(primero|por primera vez|originalmente)\sen\s"
    r"([^.!?]|\.(?=\S)){1,200}[.!]?",
    r"(sigue|seguir|continuar|contin[uú]a) leyendo(\s*[\"«“][^\"»”]{1,200}[\"»”])?\s*(→|»|›|…|\.\.\.)?\.?",
    r"(leer|lee) m[aá]s\s*(→|»|›|…|\.\.\.)?",
    r"publicad[oa] por\s[^.!?]{1,80}\s(en|el|a las?)\s[^.!?]{1,60}?\.?(\s*no hay comentarios:?)?",
)
"""WordPress's "La entrada TÍTULO se publicó primero en BLOG.", Yoast's "El artículo … se publicó primero en
…" and their older wordings, WordPress's "Sigue leyendo →" and Blogger's "Publicado por NOMBRE en HORA"."""

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
    words={"chapters": "Capítulos", "transcript": "Transcripción", "listen": "Escuchar",
           "download": "Descargar el MP3", "play_from": "Reproducir desde", "quote": "Cita.",
           "end_quote": "Fin de la cita.", "code_omitted": "Se omite un ejemplo de código.",
           "table_omitted": "Se omite una tabla.", "image": "Imagen"},
)
