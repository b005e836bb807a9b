"""Portuguese: written forms rewritten as a Brazilian newsreader would say them (Portugal noted where it differs).

Numbers are Brazilian by default (num2words ``pt_BR``: "dezesseis", "bilhão"); Portugal says "dezasseis",
"mil milhões" and "cêntimos" for every cent. The steps run in order, each sees only what earlier ones left.

Conventions and sources:

* Separators: "1.500" thousands, "2,5" decimals ("dois vírgula cinco"); a Portuguese thin-space group
  ("1 500") is read as thousands. "1,5 milhão" is "um milhão e meio"; nouns are singular below two
  ("1,5 quilômetro"; Manual de Redação da Folha, "concordância com numerais").
* Gender: "1 pessoa" → "uma pessoa", "200 mil casas" → "duzentas mil casas", "21h" → "vinte e uma horas",
  by the ending of the noun that follows (with lists of exceptions such as "dia", "problema", "vez").
* Roman numerals (Bechara; Ciberdúvidas da Língua Portuguesa): after the noun, ordinals up to ten and
  cardinals from eleven for kings, popes, centuries and parts of a work ("Dom Pedro segundo", "Bento
  dezesseis", "século vinte e um"); before the noun, always the ordinal ("Segunda Guerra Mundial").
* Dates: "27/11/2026" is day first, "vinte e sete de novembro de dois mil e vinte e seis"; the first of the
  month is "primeiro" (Brazil; Portugal also says "um de maio"). Times: "14h30" → "catorze e trinta".
* Initialisms are written as dotted letters ("STF" → "S.T.F"), which espeak-ng spells in every position;
  acronyms said as words (ONU, Otan, Unesco, PIB, Enem) become capitalized words; "EUA" is "Estados Unidos".
* Brazilian phone numbers are said digit by digit in their groups with "meia" for six; Portugal says "seis".
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date
from functools import lru_cache
from itertools import pairwise

from num2words import num2words

from audiopost.text.lang import Language
from audiopost.text.rules import (
    Step,
    WebWords,
    capitalize,
    dashes,
    ends,
    number_dashes,
    number_pattern,
    parse_number,
    roman_value,
    run,
    spaced,
    sub,
    tidy,
    typography,
    web_steps,
)

NUM = number_pattern(r"\.", ",")
"""A written number: "7", "1.500", "2.500.000", "2,5", "1.234,56"."""
_L = r"(?<![\w.,/:-])"
"""Start of a number that is not the tail of another number, word, time or fraction."""
DIGITS = ("zero", "um", "dois", "três", "quatro", "cinco", "seis", "sete", "oito", "nove")
MONTHS = ("janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro").split()
_MONTH_RE = rf"({'|'.join(MONTHS)}|(?:jan|fev|mar|abr|mai|jun|jul|ago|set|out|nov|dez)\.)"

# --------------------------------------------------------------------------- number words


def _feminine(words: str) -> str:
    """"dois" → "duas", "duzentos e um" → "duzentas e uma" (the units and hundreds agree with the noun)."""
    return re.sub(r"\b(um|dois|(?:duz|trez|quatroc|quinh|seisc|setec|oitoc|novec)entos)\b",
                  lambda m: {"um": "uma", "dois": "duas"}.get(m.group(1), m.group(1)[:-2] + "as"), words)


@lru_cache(maxsize=4096)
def cardinal(n: int, fem: bool = False) -> str:
    """Brazilian cardinal without num2words's commas: 1234567 → "um milhão duzentos e trinta e quatro mil
    quinhentos e sessenta e sete"; "e" before a last group under a hundred or of round hundreds."""
    if n < 0:
        return "menos " + cardinal(-n, fem)
    if n >= 10**15:
        return " ".join(DIGITS[int(d)] for d in str(n))
    if n < 1000:
        words = str(num2words(n, lang="pt_BR"))
        return _feminine(words) if fem else words
    scales = ("", "mil", "milhão", "bilhão", "trilhão")
    groups = [(i, n // 1000**i % 1000) for i in range(4, -1, -1) if n // 1000**i % 1000]
    parts = []
    for i, g in groups:
        words = "" if i == 1 and g == 1 else cardinal(g, fem and i < 2)
        scale = scales[i] if g == 1 or i < 2 else scales[i][:-2] + "ões"
        parts.append(f"{words} {scale}".strip())
    last = groups[-1][1]
    joint = " e " if len(parts) > 1 and (last < 100 or last % 100 == 0) else " "
    return " ".join(parts[:-1]) + (joint + parts[-1] if len(parts) > 1 else parts[-1])


@lru_cache(maxsize=1024)
def ordinal(n: int, fem: bool = False) -> str:
    """21 → "vigésimo primeiro", feminine "vigésima primeira"."""
    words = str(num2words(n, lang="pt_BR", to="ordinal"))
    return re.sub(r"o\b", "a", words) if fem else words


def digits(text: str, six: str = "seis") -> str:
    """One word a digit; Brazilian phone numbers say "meia" for six."""
    return " ".join(six if d == "6" else DIGITS[int(d)] for d in text if d.isdigit())


def number(text: str, fem: bool = False) -> str:
    """Any written number: "1.500" → "mil e quinhentos", "2,5" → "dois vírgula cinco", "007" digit by digit."""
    negative, whole, frac = parse_number(text)
    sign = "menos " if negative else ""
    if len(whole) > 1 and whole.startswith("0") and not frac:
        return sign + digits(whole)
    words = cardinal(int(whole or 0), fem and not frac)
    if frac:
        words += " vírgula " + (digits(frac) if frac.startswith("0") or len(frac) > 3 else cardinal(int(frac)))
    return sign + words


_MASC_A = frozenset("dia mapa problema sistema tema programa planeta clima idioma poema drama esquema dilema "
                    "diploma cinema fantasma telefonema pijama sofá cometa aroma enigma dogma prisma papa "
                    "guarda atleta".split())
_FEM = frozenset("vez mulher colher lei noite tarde fase rede frase classe cor flor mãe parte morte fonte árvore "
                 "ordem nuvem sede ponte chave face sorte pele greve dor mão razão opinião região religião "
                 "questão tese base hipótese síntese gente libra".split())
_NOT_NOUNS = frozenset("ainda cada para pela nada era esta essa contra agora sua minha outra toda "
                       "mesma nossa dessa desta numa naquela aquela ela".split())
_SKIP = frozenset("mil grande grandes principais diferentes importantes enormes simples".split())


def _is_feminine(after: str) -> bool:
    """Whether the noun after a number is feminine: "-a", "-ção", "-dade", "-agem" and a list ("vez")."""
    words = re.findall(r"[^\W\d_]+", after.lower())[:3]
    while words and words[0] in _SKIP:
        words = words[1:]
    if not words:
        return False
    word = words[0]
    if len(word) < 3 or word in _NOT_NOUNS:
        return False
    singular = re.sub(r"(?<=[rzlm])es$|ões$|ães$|s$", lambda m: {"ões": "ão", "ães": "ãe"}.get(m.group(0), ""),
                      word)
    if word in _FEM or singular in _FEM:
        return True
    if singular in _MASC_A or word in _MASC_A or singular.endswith("ista"):
        return False
    return re.search(r"(?:a|ã|ção|são|dade|agem|tude|ie|ise|ite)$", singular) is not None


def _fem_after(m: re.Match[str]) -> bool:
    """Whether the words after a match start with a feminine noun ("2 casas", "200 mil pessoas")."""
    return _is_feminine(m.string[m.end():m.end() + 40])


# --------------------------------------------------------------------------- fixed tokens and abbreviations

_TITLES = {"Sr": "Senhor", "Sra": "Senhora", "Srta": "Senhorita", "Srs": "Senhores", "Sras": "Senhoras",
           "Dr": "Doutor", "Dra": "Doutora", "Drs": "Doutores", "Prof": "Professor", "Profa": "Professora",
           "Profs": "Professores", "Eng": "Engenheiro", "Enga": "Engenheira",
           "Exmo": "Excelentíssimo", "Exma": "Excelentíssima", "Pe": "Padre",
           "Sto": "Santo", "Sta": "Santa", "Gen": "General", "Cel": "Coronel", "Dep": "Deputado",
           "Sen": "Senador", "Pres": "Presidente", "Gov": "Governador", "Min": "Ministro", "Cap": "Capitão",
           "Av": "Avenida", "Pça": "Praça", "Rod": "Rodovia"}
_PLAIN = [(r"p\.\s?ex\.", "por exemplo"), (r"[Ee]x\.(?=:)", "exemplo"), (r"i\.\s?e\.", "isto é"),
          (r"etc\.?", "etcétera"), (r"a\.\s?C\.", "antes de Cristo"), (r"d\.\s?C\.", "depois de Cristo"),
          (r"[Vv]\.\s?[Ee]x(?:a\.|\.ª)", "Vossa Excelência"), (r"[Nn]\.?[º°]s", "números"),
          (r"[Nn]\.?[º°]", "número"), (r"págs\.", "páginas"), (r"pág\.", "página"), (r"pp\.(?=\s?\d)", "páginas"),
          (r"p\.(?=\s?\d)", "página"), (r"[Cc]ap\.(?=\s?[\dIVXLC])", "capítulo"), (r"[Vv]ol\.", "volume"),
          (r"[Aa]rts?\.(?:º)?(?=\s?\d)", "artigo"), (r"[Ss]éc\.", "século"), (r"[Ss]écs\.", "séculos"),
          (r"[Tt]el\.", "telefone"), (r"[Cc]el\.(?=\s?[\d(])", "celular"), (r"aprox\.", "aproximadamente"),
          (r"máx\.", "máximo"), (r"mín\.", "mínimo"), (r"[Oo]bs\.", "observação"), (r"[Ee]d\.(?=\s?\d)", "edição"),
          (r"hab\.", "habitantes"), (r"[Cc]ia\.", "companhia"), (r"[Ll]tda\.", "limitada"), (r"Lda\.", "limitada"),
          (r"[Vv]s\.", "versus")]
_FIXED: list[Step] = [
    sub(r"(?<![\w/])[Cc]/(?=\s?[^\W\d])", "com "), sub(r"(?<![\w/])[Ss]/(?=\s?[^\W\d])", "sem "),
    sub(r"(?<!\w)[Ee]/[Oo]u(?!\w)", "e ou"), sub(r"(?<![\w/])24/7(?![\w/])", "vinte e quatro por sete"),
    sub(r"(?<![\w/])50/50(?![\w/])", "meio a meio"), sub(r"(?<!\w)C\+\+(?!\w)", "C mais mais"), sub(r"\[\d+\]", ""),
]
_REGNAL_F = frozenset("Maria Isabel Elizabeth Elisabete Vitória Catarina Leonor Beatriz Ana Joana Teresa "
                      "Margarida Cristina Amélia Rainha Imperatriz".split())
_REGNAL = _REGNAL_F | frozenset(
    "Pedro João Paulo Manuel Afonso Sancho Dinis Duarte Sebastião Henrique Filipe Felipe José Luís Luiz "
    "Carlos Fernando Miguel Jorge Eduardo Guilherme Ricardo Jaime Alexandre Nicolau Frederico Napoleão "
    "Ramsés Constantino Justiniano Ivã Francisco Bento Pio Leão Gregório Clemente Inocêncio Urbano "
    "Bonifácio Sisto Gustavo Olavo Harald Leopoldo Alberto Humberto Juan Balduíno Rei Imperador Papa".split())
_NAMES = "|".join(sorted(_REGNAL, key=len, reverse=True))


def _plain(pattern: str, word: str) -> Step:
    """A step for one abbreviation said as ``word``, capitalized where it starts the sentence; its period
    comes back only where it also ended the sentence (``ends``)."""
    keeps = word == "etcétera"  # the only one that usually ends a sentence

    def repl(m: re.Match[str]) -> str:
        start = not m.string[:m.start()].strip(" \"'(")
        said = word[:1].upper() + word[1:] if start and m.group(0)[:1].isupper() else word
        return said + ends(m, before_capital=keeps)

    return sub(rf"(?<![\w.]){pattern}(?!\w)", repl)


def _titles(text: str) -> str:
    """"Sr. Silva" → "Senhor Silva", "a sra. Costa" → "a senhora Costa" (Folha writes them lower-case),
    "Prof.ª Ana" → "Professora Ana"; "D. Pedro" → "Dom Pedro", "D. Maria" → "Dona Maria"."""
    text = re.sub(rf"(?<![\w.])D\.\s?(?=({_NAMES})\b)", lambda m: "Dona " if m.group(1) in _REGNAL_F else "Dom ",
                  text)

    def repl(m: re.Match[str]) -> str:
        base = m.group(1)[:1].upper() + m.group(1)[1:]
        word = _TITLES.get(base + ("a" if m.group(2) else ""), _TITLES[base])  # "Sr.ª", "Eng.ª" (Portugal)
        word = word if m.group(1)[:1].isupper() else word.lower()
        return word + ends(m, before_capital=False)

    keys = "|".join(sorted(_TITLES, key=len, reverse=True))
    lower = "sras|srta|srs|sra|sr|dra|dr|profa|prof"
    return re.sub(rf"(?<![\w.])({keys}|{lower})\.(ª)?(?!\s*[IVXLC]+\b)(?=\s*[A-ZÀ-Ý]|\s+(?:e|a|o)\s|\s*$)",
                  repl, text)


# --------------------------------------------------------------------------- dates and times


def _date(d: int, mo: int, y: int | None = None) -> str | None:
    """27, 11, 2026 → "vinte e sete de novembro de dois mil e vinte e seis"; day 1 is "primeiro"."""
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    said = f"{'primeiro' if d == 1 else cardinal(d)} de {MONTHS[mo - 1]}"
    return said + (f" de {cardinal(y)}" if y is not None else "")


def _numeric_date(d: str, mo: str, y: str | None) -> str | None:
    """"27/11/2026", "27.11.2026", "27-11-26", and "27/11" when one side has two digits (else a fraction)."""
    if y and len(y) == 2:
        y = ("20" if int(y) < 50 else "19") + y
    return _date(int(d), int(mo), int(y) if y else None)


def _month_name(m: re.Match[str]) -> str:
    """"1º de maio", "27 de nov. de 2026", "5 março 2025" (the "de" said even where it was left out)."""
    key = m.group(2).lower()[:3]
    month = next(i for i, name in enumerate(MONTHS, 1) if name[:3] == key)
    return _date(int(m.group(1)), month, int(m.group(3)) if m.group(3) else None) or m.group(0)


_DATES: list[Step] = [
    sub(r"(?<![\w-])(\d{4})-(\d{2})-(\d{2})(?![\w-])",
        lambda m: _numeric_date(m.group(3), m.group(2), m.group(1)) or m.group(0)),
    sub(r"(?<![\w/.,-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\w/-]|[.,]\d)",
        lambda m: _numeric_date(m.group(1), m.group(3), m.group(4)) or m.group(0)),
    sub(r"(?<![\w/.,-])(?=\d\d/|\d{1,2}/\d\d)(\d{1,2})/(\d{1,2})(?![\w/]|[.,]\d)",
        lambda m: _numeric_date(m.group(1), m.group(2), None) or m.group(0)),
    sub(rf"(?<![\w.,])(\d{{1,2}})(?:\.?[º°])?\s+(?:de\s+)?{_MONTH_RE}(?:\s+(?:de\s+)?(\d{{4}}))?(?!\w)",
        _month_name, re.I),
    sub(r"\b([Dd]ia)\s+1(?:\.?º)?(?![\w.,º/:])", r"\1 primeiro"),
]


def _clock(m: re.Match[str]) -> str:
    """"14h30" and "14:30" → "catorze e trinta"; "14h" → "catorze horas"; "21h" → "vinte e uma horas"."""
    h, mins, secs = int(m.group("h")), int(m.group("m") or 0), m.group("s")
    if h > 24 or mins > 59 or (secs and int(secs) > 59):
        return m.group(0)
    if secs:
        return (f"{cardinal(h, True)} {'hora' if h == 1 else 'horas'}, {cardinal(mins)} "
                f"{'minuto' if mins == 1 else 'minutos'} e {cardinal(int(secs))} segundos")
    hour = "meia-noite" if h == 0 else cardinal(h, True)
    if mins:
        return f"{hour} e {cardinal(mins)}"
    return hour if h == 0 else f"{hour} {'hora' if h == 1 else 'horas'}"


_TIMES: list[Step] = [
    sub(r"\b([Àà])s\s+(?=0?[01](?:h(?!\d\d\d)|:\d\d)|00:)", r"\1 "),  # "às 1h" is said "à uma hora"
    sub(r"(?<![\w:.,])(?P<h>\d{1,2})h(?:(?P<m>\d{2})(?:min)?)?(?P<s>)(?!\w)", _clock),
    sub(r"(?<![\w:.,])(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?(?:\s?h\b)?(?![\d:]|,\d)", _clock),
]

# --------------------------------------------------------------------------- money, scales, units

_CURRENCIES = {"R$": ("real", "reais", "centavo", "centavos", False),
               "$": ("dólar", "dólares", "centavo", "centavos", False),
               "€": ("euro", "euros", "cêntimo", "cêntimos", False),
               "£": ("libra", "libras", "pêni", "pence", True), "¥": ("iene", "ienes", "", "", False)}
_SCALE_RE = r"(?P<scale>mil|milh(?:ão|ões)|bilh(?:ão|ões)|trilh(?:ão|ões)|mi|bi|tri|k)(?!\w)"


def _scale(token: str) -> str:
    """"k" → "mil", "mi" → "milhão", "bilhões" → "bilhão"."""
    return {"k": "mil", "mi": "milhão", "bi": "bilhão", "tri": "trilhão"}.get(token, re.sub("ões$", "ão", token))


def _scaled(num: str, scale: str, fem: bool) -> str:
    """"1,5" milhão → "um milhão e meio"; "20" mi → "vinte milhões"; "2" mil → "dois mil" (or "duas mil")."""
    word = _scale(scale)
    _, whole, frac = parse_number(num)
    if word == "mil":
        return "mil" if whole == "1" and not frac else f"{number(num, fem)} mil"
    name = word if whole == "1" else word[:-2] + "ões"
    if frac == "5":
        return f"{cardinal(int(whole))} {name} e meio"
    return f"{number(num)} {name}"


def _money(m: re.Match[str]) -> str:
    """"R$ 3,50" → "três reais e cinquenta centavos"; "R$ 20 milhões" → "vinte milhões de reais"."""
    sym = "$" if m.group("sym") in ("US$", "U$", "$") else m.group("sym")
    one, many, cent, cents, fem = _CURRENCIES[sym]
    num, scale = m.group("num"), m.group("scale")
    sign = "menos " if m.group("neg") else ""
    if scale:
        said = _scaled(num, scale, fem)
        return spaced(m, f"{sign}{said}{'' if _scale(scale) == 'mil' else ' de'} {many}")
    _, whole, frac = parse_number(num)
    units = int(whole or 0)
    if len(frac) > 2 or (frac and not cent):
        return spaced(m, f"{sign}{number(num)} {many}")
    amount = int(frac.ljust(2, "0")) if frac else 0
    words = cardinal(units, fem)
    main = f"{words}{' de' if re.search('lh(ão|ões)$', words) else ''} {one if units == 1 else many}"
    if amount and not units:
        return spaced(m, f"{sign}{cardinal(amount)} {cent if amount == 1 else cents}")
    return spaced(m, sign + main + (f" e {cardinal(amount)} {cent if amount == 1 else cents}" if amount else ""))


_MONEY_RE = (rf"(?P<neg>(?<![\w.,])-)?(?P<sym>R\$|US\$|U\$|\$|€|£|¥)\s?(?P<num>{NUM})(?:\s?{_SCALE_RE})?(?!\w)")
_MONEY_AFTER = rf"{_L}(?P<num>{NUM})(?:\s?{_SCALE_RE})?\s?(?P<sym>€|£|R\$)(?!\w)(?P<neg>)"

_UNITS = {
    "km/h": "quilômetro por hora", "km/l": "quilômetro por litro", "m/s": "metro por segundo",
    "km²": "quilômetro quadrado", "m²": "metro quadrado", "m³": "metro cúbico", "km": "quilômetro",
    "cm": "centímetro", "mm": "milímetro", "m": "metro", "kg": "quilo",
    "g": "grama", "mg": "miligrama", "t": "tonelada", "ml": "mililitro", "mL": "mililitro", "l": "litro",
    "L": "litro", "°C": "grau Celsius", "ºC": "grau Celsius", "°F": "grau Fahrenheit", "°": "grau", "ha": "hectare",
    "KB": "kilobyte", "MB": "megabyte", "GB": "gigabyte", "TB": "terabyte", "Mbps": "megabit por segundo",
    "Gbps": "gigabit por segundo", "GHz": "gigahertz", "MHz": "megahertz", "Hz": "hertz", "kWh": "quilowatt-hora",
    "kW": "quilowatt", "MW": "megawatt", "GW": "gigawatt", "W": "watt", "V": "volt", "mAh": "miliampere-hora",
    "h": "hora", "min": "minuto", "seg": "segundo", "ms": "milissegundo", "kcal": "quilocaloria", "cal": "caloria",
    "px": "pixel", "pol": "polegada",
}
"""Units by their singular (Brazilian spelling: "quilômetro"; Portugal writes "quilómetro")."""
_UNIT_FEM = frozenset("t h kcal cal pol".split())
_UNIT_RE = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
_TO = rf"(?:\s?(?:-|a|até)\s?(?P<n2>{NUM}))?"
_SNUM = rf"(?:(?<![\w.,])-)?{NUM}"


def _plural(name: str) -> str:
    """"metro quadrado" → "metros quadrados", "quilowatt-hora" → "quilowatts-hora", "grau Celsius" → "graus
    Celsius", "megabit por segundo" → "megabits por segundo", "hertz" stays."""
    head, by, tail = name.partition(" por ")
    head, dash, hour = head.partition("-")
    words = [w if w.endswith("z") or w[0].isupper() else w + "s" for w in head.split()]
    return " ".join(words) + dash + hour + by + tail


def _unit(m: re.Match[str]) -> str:
    """"5 km" → "cinco quilômetros", "1,5 kg" → "um vírgula cinco quilo", "2 t" → "duas toneladas"."""
    n, n2, unit = m.group("n"), m.group("n2"), m.group("unit")
    fem = unit in _UNIT_FEM
    said = number(n, fem) + (f" a {number(n2, fem)}" if n2 else "")
    _, whole, frac = parse_number(n)
    if unit == "m" and whole in ("1", "2") and len(frac) == 2 and not n2:  # a height: "um metro e oitenta"
        return spaced(m, f"{cardinal(int(whole))} {'metro' if whole == '1' else 'metros'} e {cardinal(int(frac))}")
    one = whole == "1" and not n2
    return spaced(m, f"{said} {_UNITS[unit] if one else _plural(_UNITS[unit])}")


_FRACTIONS = {2: "meio", 3: "terço", 4: "quarto", 5: "quinto", 6: "sexto", 7: "sétimo", 8: "oitavo", 9: "nono",
              10: "décimo", 100: "centésimo", 1000: "milésimo"}
_VULGAR = {"½": (1, 2), "¼": (1, 4), "¾": (3, 4), "⅓": (1, 3), "⅔": (2, 3), "⅕": (1, 5), "⅛": (1, 8)}


def _fraction(num: int, den: int, whole: str | None = None, fem: bool = False) -> str:
    """"3/4" → "três quartos", "1/2" → "meio" ("meia xícara"), "5/12" → "cinco doze avos", "1 ½" → "um e meio"."""
    if den == 2 and num == 1:
        half = "meia" if fem else "meio"
        return f"{cardinal(int(whole), fem)} e {half}" if whole else half
    name = _FRACTIONS.get(den) or f"{cardinal(den)} avos"
    said = f"{cardinal(num, fem and den in _FRACTIONS)} {name}{'s' if num > 1 and den in _FRACTIONS else ''}"
    return f"{cardinal(int(whole))} e {said}" if whole else said


def _slash(m: re.Match[str]) -> str:
    """Fractions with small denominators; any other "8.666/93" is "barra" (laws, codes)."""
    num, den = int(parse_number(m.group(2))[1]), int(m.group(3))
    if "." not in m.group(2) and (den in _FRACTIONS or 0 < num < den <= 20):
        return spaced(m, _fraction(num, den, m.group(1), _fem_after(m)))
    head = f"{number(m.group(1))} " if m.group(1) else ""
    return spaced(m, f"{head}{number(m.group(2))} barra {number(m.group(3))}")


def _phone(m: re.Match[str]) -> str:
    """"(11) 98765-4321" → "onze, nove oito sete meia cinco, quatro três dois um" (Brazil: "meia" for six)."""
    text = m.group(0)
    country = re.match(r"\+(\d+)", text)
    six = "seis" if (country and country.group(1) == "351") or re.fullmatch(r"[29]\d\d \d{3} \d{3}", text) else "meia"
    groups = re.findall(r"\d+", text[country.end():] if country else text)
    said = [f"mais {cardinal(int(country.group(1)))}"] if country else []
    said += [cardinal(int(g)) if len(g) == 2 and i == 0 and len(groups) > 2 else digits(g, six)
             for i, g in enumerate(groups)]
    return ", ".join(said)


def _year_range(m: re.Match[str]) -> str:
    """"1939-1945" → "mil novecentos e trinta e nove a mil novecentos e quarenta e cinco"; "2019/20"."""
    a, b = int(m.group(1)), m.group(2)
    end = int(m.group(1)[:2] + b) if len(b) == 2 else int(b)
    return spaced(m, f"{cardinal(a)} a {cardinal(end)}") if end > a else m.group(0)


def _version(m: re.Match[str]) -> str:
    """"iOS 17.2.1" → "dezessete ponto dois ponto um": dotted numbers that are not thousands groups."""
    return " ponto ".join(cardinal(int(p)) for p in m.group(0).split("."))


def _score(m: re.Match[str]) -> str:
    """"Brasil 7x1 Alemanha", "2 x 1" beside a name → "sete a um"; "3x4", "1920x1080" → "por"."""
    near_name = re.search(r"[A-ZÀ-Ý]\w*\s$", m.string[:m.start()]) or re.match(r"\s[A-ZÀ-Ý]", m.string[m.end():])
    near_name = near_name or re.fullmatch(r"\d{1,2} [x×] \d{1,2}", m.group(0))
    return spaced(m, f"{number(m.group(1))} {'a' if near_name else 'por'} {number(m.group(2))}")


def _percent(m: re.Match[str]) -> str:
    said = number(m.group("n")) + (f" a {number(m.group('n2'))}" if m.group("n2") else "")
    return spaced(m, f"{said} {'por mil' if m.group('sym') == '‰' else 'por cento'}")


def _ordinal(m: re.Match[str]) -> str:
    """"1º" → "primeiro", "2ª" → "segunda", "3.º" → "terceiro", "1° lugar" → "primeiro lugar"."""
    return spaced(m, ordinal(int(m.group(1).replace(".", "")), m.group(2) in "ªa"))


_PLACES = r"(?=\s+(?:lugar|colocad[oa]|andar|ano|semestre|trimestre|turno|tempo|mandato|volume|dia|vez)\b)"
_NUMBERS: list[Step] = [
    sub(rf"{_L}(\d{{1,3}}(?:\.\d{{3}})*)\.?([ºª])(?!\w)|{_L}(\d{{1,3}})°{_PLACES}",
        lambda m: _ordinal(m) if m.group(1) else spaced(m, ordinal(int(m.group(3))))),
    sub(_MONEY_RE, _money), sub(_MONEY_AFTER, _money),
    sub(r"(?<![\w.,-])(1\d{3}|20\d\d)\s?[-/]\s?(1\d{3}|20\d\d|\d\d)(?![\w-]|[.,]\d)", _year_range),
    sub(r"(?<![\w-])(?:\+\d{2,3}\s?)?(?:\(\d{2}\)\s?|\d{2}\s)?\d{4,5}-\d{4}(?![\w-])", _phone),
    sub(r"(?<![\w-])0[358]00\s?\d{3}\s?\d{4}(?!\w)", _phone),
    sub(r"(?<![\w+-])\+351\s?\d{2,3}\s\d{3}\s\d{3,4}(?!\w)|(?<![\w+])[29]\d{2}\s\d{3}\s\d{3}(?!\w)", _phone),
    sub(r"(?<![\w.,])\d+(?:\.(?!\d{3}(?!\d))\d+)+(?![\w]|[.,]\d)", _version),
    sub(r"(?:(?<=\d)|(?<!\w)(\d+)\s?)?([½¼¾⅓⅔⅕⅛])",
        lambda m: spaced(m, _fraction(*_VULGAR[m.group(2)], m.group(1), _fem_after(m)))),
    sub(rf"(?<![\w/.,:])(?:(\d+)\s)?({NUM})/(\d+)(?![\w/]|[.,]\d)", _slash),
    sub(rf"(?P<n>{_L}{_SNUM}){_TO}\s?(?P<sym>[%‰])", _percent),
    sub(rf"{_L}({NUM})\s?{_SCALE_RE}", lambda m: spaced(m, _scaled(m.group(1), m.group("scale"), _fem_after(m)))),
    sub(rf"(?P<n>{_L}{_SNUM}){_TO}\s?(?P<unit>{_UNIT_RE})(?![\w/²³])", _unit),
    sub(rf"{_L}({NUM})\s?[x×]\s?({NUM})(?![\w]|[.,]\d)", _score),
    sub(rf"{_L}({NUM})\s?[x×](?!\w)", lambda m: spaced(m, f"{number(m.group(1), True)} vezes")),
    sub(rf"(?<![\w.,:])({NUM}):({NUM})(?![\w:]|[.,]\d)",
        lambda m: spaced(m, f"{number(m.group(1))} a {number(m.group(2))}")),
    sub(rf"{_L}({NUM})\s?-\s?({NUM})(?![\w-]|[.,]\d)",
        lambda m: spaced(m, f"{number(m.group(1))} a {number(m.group(2))}")),
    sub(r"\s?±\s?", " mais ou menos "), sub(r"(?<![\w-])-(?=\d)", "menos "), sub(r"(?<=[^\W\d_])-(?=\d)", " "),
    sub(r"(?<=\w)\s*(?<!=)=(?!=)\s*(?=[\w(-])", " igual a "), sub(r"§\s?", "parágrafo "),
    sub(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?", lambda m: spaced(m, number(m.group(0), _fem_after(m)))),
]

# --------------------------------------------------------------------------- Roman numerals and acronyms

_PARTS = r"[Ss]éculos?|[Cc]apítulo|[Vv]olume|[Tt]omo|[Ll]ivro|[Cc]anto|[Aa]to|[Tt]ítulo|[Ii]nciso"
_PLAIN_PARTS = r"[Pp]arte|[Ff]ase|[Tt]emporada|[Ee]pisódio|[Ee]tapa|[Aa]nexo|[Gg]rupo|[Nn]ível|[Bb]loco"
_EVENTS = ("Guerra|Bienal|Congresso|Festival|Encontro|Simpósio|Jornada|Conferência|Seminário|Festa|Feira|"
           "Mostra|Fórum|Cúpula|Exposição|Salão|Concílio|Reich|Olimpíada|Semana|Prêmio|Cruzada|República")


def _romans(text: str) -> str:
    """"Dom Pedro II" → "Dom Pedro segundo", "Bento XVI" → "Bento dezesseis", "século XXI" → "século vinte e
    um", "Parte II" → "Parte dois", "II Guerra Mundial" → "Segunda Guerra Mundial"; never a lone "V" or "X"."""
    def after(value: int, fem: bool, plain: bool) -> str:
        return cardinal(value) if plain or value > 10 else ordinal(value, fem)

    def repl(m: re.Match[str]) -> str:
        word, first, second = m.group(1), roman_value(m.group(2)), roman_value(m.group(4) or "")
        if first is None or (m.group(4) and second is None):
            return m.group(0)
        if not re.fullmatch(f"{_PARTS}|{_PLAIN_PARTS}", word) and word not in _REGNAL and len(m.group(2)) < 2:
            return m.group(0)  # "Pedro I", "Carlos V" by name; any other name with "II", "XIV" ("Charles III")
        plain = re.fullmatch(_PLAIN_PARTS, word) is not None
        fem = word in _REGNAL_F
        said = f"{word} {after(first, fem, plain)}"
        return said + (f" {m.group(3)} {after(second, fem, plain)}" if second else "")

    text = re.sub(rf"\b({_PARTS}|{_PLAIN_PARTS}|[A-ZÀ-Ý][a-zà-ÿ]+)\s+([IVXLCDM]+)(?:\s+(e|a)\s+([IVXLCDM]+))?(?![\w'])",
                  repl, text)

    def before(m: re.Match[str]) -> str:
        value = roman_value(m.group(1))
        if value is None:
            return m.group(0)
        words = ordinal(value, _is_feminine(m.group(2)))
        return f"{words[:1].upper()}{words[1:]} {m.group(2)}"

    return re.sub(rf"(?<![\w.])([IVXLCDM]+)\s+({_EVENTS})\b", before, text)


ACRONYMS_AS_WORDS = frozenset(
    "ONU OTAN NATO UNESCO UNICEF FIFA UEFA NASA OPEP MERCOSUL PIB SUS ENEM MEC USP UNICAMP UNESP UNIFESP FUNAI "
    "IBAMA INCRA ANVISA ANATEL ANEEL ANAC EMBRAPA PETROBRAS ELETROBRAS DETRAN PROCON SEBRAE SENAI SESC SENAC "
    "BOVESPA IBOVESPA COVID AIDS OVNI ONG PROUNI SISU FIES COPOM SELIC PSOL UNE CUT TAP SIC IPEA FIOCRUZ "
    "INMET CAPES CAPS ANPD INPE UPA SAMU LASER RADAR COP".split())
"""Acronyms said as words (Brazilian usage: "o Enem", "o PIB" is "pib"); the others are spelled."""
EXPANDED = {"EUA": "Estados Unidos", "UE": "União Europeia", "EAU": "Emirados Árabes Unidos"}
_SHOUT = frozenset("NÃO SIM EU ELE ELA UM UMA DE DA DO EM NA NO OS AS SE JÁ MAS QUE POR PRA PARA MAIS TEM VAI SÓ "
                   "AGORA HOJE NOVO NOVA TUDO NADA MUITO BOM VEJA ATENÇÃO URGENTE".split())
_SYLLABLES = re.compile(r"(?:(?:[BCDFGPTV][RL]|[^AEIOU])?[AEIOU]{1,2}(?:[MNRSLX]S?(?=[^AEIOU]))?)+[^AEIOU]?")
"""Capitals a Portuguese reader says as a word ("ANVISA", "SABESP"); "IBGE", "BNDES" are spelled."""
_GAP = re.compile(r"[\s,;:!?\"']*\s[\s,;:!?\"']*(?:[A-ZÀ-Ý][\s,;:!?\"']+)?")
_CAPS = re.compile(r"(?<![\w'.])([A-ZÀ-Ý][A-ZÀ-Ý]+)(s)?(?![\w'])")


def _acronyms(text: str, words: Collection[str]) -> str:
    """"STF" → "S.T.F" (espeak-ng spells dotted letters), "ONU" → "Onu", "EUA" → "Estados Unidos"; shouted
    runs ("NÃO VOU FAZER ISSO") are lower-cased and long pronounceable capitals ("URGENTE") said as words."""
    as_words = ACRONYMS_AS_WORDS | {w.upper() for w in words}
    text = re.sub(r"(?<![\w.])(?:[A-Z]\.){1,}[A-Z](?!\w)\.?(?![\w.])|(?<![\w.])(?:[A-Z]\.){2,}(?![\w.])",
                  lambda m: ".".join(m.group(0).replace(".", "")) + ends(m), text)
    caps = list(_CAPS.finditer(text))
    gaps = [_GAP.fullmatch(text, a.end(), b.start()) is not None for a, b in pairwise(caps)]
    out, last = [], 0
    for i, m in enumerate(caps):
        core, plural = m.group(1), m.group(2) or ""
        shouted = (i > 0 and gaps[i - 1]) or (i < len(gaps) and gaps[i])
        if core in EXPANDED:
            said = EXPANDED[core] + ("s" if plural else "")
        elif core + plural in as_words or core in as_words:
            said = (core + plural).capitalize() if core + plural in as_words else core.capitalize() + plural
        elif core in _SHOUT or (shouted and (not core.isascii() or _SYLLABLES.fullmatch(core))):
            said = (core + plural).lower()
        elif not core.isascii() or (len(core) >= 4 and _SYLLABLES.fullmatch(core)):
            said = (core + plural).capitalize()
        else:
            said = ".".join(core) + plural
        out += [text[last:m.start()], said]
        last = m.end()
    return "".join(out) + text[last:]


# --------------------------------------------------------------------------- the pipeline

_WEB = web_steps(WebWords(dot="ponto", at="arroba", dash="hífen", underscore="underline", plus="mais",
                          number="número"))
_SYMBOLS: list[Step] = [sub(r"\s*&\s*", " e "), sub(r"\s*\+\s*", " mais "), sub(r"\s*%", " por cento"),
                        sub(r"\s*@\s*", " arroba "), sub(r"/", " "), sub(r"[<>{}\[\]=$€£¥₹¢°²³ºª]", " ")]
_ABBREVIATIONS: list[Step] = [_titles, *(_plain(p, w) for p, w in _PLAIN)]


def normalize(text: str, words: Collection[str] = ()) -> str:
    """The spoken form of one Portuguese sentence (``words``: extra acronyms said as words)."""
    def acronyms(t: str) -> str:
        return _acronyms(t, words)

    steps: list[Step] = [
        sub(r"(?<=\d)[\u00a0\u202f\u2009](?=\d{3}(?!\d))", "."), typography, number_dashes, *_WEB, *_FIXED,
        *_ABBREVIATIONS, *_DATES, *_TIMES, *_NUMBERS, _romans, acronyms, *_SYMBOLS, tidy, dashes, tidy, capitalize,
        acronyms, capitalize,
    ]  # tidy before dashes: a stray "*" it drops must not hide a spaced hyphen; acronyms again after capitalize,
    # so a capital the sentence start gave ("aA" → "AA") reads the same the next time
    return run(steps, text)


def long_date(when: date) -> str:
    """"27 de novembro de 2026"; the first of the month is "1º" (Brazilian usage)."""
    day = "1º" if when.day == 1 else str(when.day)
    return f"{day} de {MONTHS[when.month - 1]} de {when.year}"


ABBREVIATIONS = frozenset(
    "sr sra srta srs sras dr dra drs prof profa profs eng enga exmo exma pe sto sta gen cel dep sen pres gov "
    "av pça rod etc p.ex ex i.e a.c d.c nº n.º nºs pág págs pp cap vol art arts séc sécs tel aprox máx "
    "mín obs ed hab cia ltda lda vs jan fev abr mai jun jul ago set out nov dez".split()
)

FOOTERS = (
    r"\s*(?:o|a)\s+(?:post|artigo|publicação|entrada|mensagem)\s+(?P<title>.+?)\s+(?:apareceu|aparece|surgiu)\s+"
    r"primeiro\s+(?:em|n[oa])\s+(?P<site>[^,;]{1,80}?)\.?\s*",
    r"\s*(?:o|a)\s+(?:post|artigo|publicação|entrada)\s+(?P<title>.+?)\s+foi\s+publicad[oa]\s+(?:primeiro|"
    r"originalmente|pela\s+primeira\s+vez)\s+(?:em|n[oa])\s+(?P<site>[^,;]{1,80}?)\.?\s*",
    r"\s*(?:este|esta)\s+(?:conteúdo|post|artigo|publicação|matéria)\s+foi\s+publicad[oa]\s+(?:primeiro|"
    r"originalmente)\s+(?:em|n[oa])\s+\S{1,80}?\.?\s*",
)
"""WordPress/Yoast feed footers: "O post T apareceu primeiro em S." (Brazil), "O artigo …" (Portugal)."""

CALLS_TO_ACTION = (
    r"assine|inscreva", r"siga(-nos)?", r"apoie", r"compartilhe|partilhe", r"ou[çc]a (no|na|em)",
    r"dispon[ií]vel (no|na|em)", r"publicad[oa] originalmente", r"continue lendo|continuar a ler",
    r"privacidade", r"patrocinad[oa]", r"leia mais|saiba mais", r"d[êe] uma olhada", r"obrigad[oa] por",
    r"receba (a|nossa) newsletter", r"deixe (seu|o seu|um) coment[áa]rio", r"baixe (o|nosso) app",
    r"clique (aqui|no link)", r"(para )?ler a mat[ée]ria completa", r"e-?mail d[oa] [^.!?:]{1,40}:", r"fale conosco",
)

LANGUAGE = Language(
    code="pt", name="português", iso639_2="por", normalize=normalize, abbreviations=ABBREVIATIONS,
    intro="{title}, por {author}.", outro="Esta foi uma edição em áudio de {title}, publicada em {date}.",
    date=long_date, digits=DIGITS, footers=FOOTERS, calls_to_action=CALLS_TO_ACTION,
    words={"read_post": "Ler o artigo",
           "chapters": "Capítulos", "transcript": "Transcrição", "listen": "Ouvir", "download": "Baixar o MP3",
           "play_from": "Reproduzir a partir de",
           "position": "Posição no episódio", "quote": "Citação.", "end_quote": "Fim da citação.",
           "code_omitted": "Um exemplo de código foi omitido.", "table_omitted": "Uma tabela foi omitida.",
           "image": "Imagem"},
)
