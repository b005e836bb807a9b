"""German rules: every category as written → spoken (what a German newsreader says), sentence splitting on
German abbreviations, the feed footers, the date and the episode's fixed words.

``CASES`` is also read by tests/test_normalize_props.py (random mixes of its inputs) and by
benchmarks/espeak_cases.py (espeak-ng's phonemes of our output against those of the expected text).
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from audiopost.text.lang import WORD_KEYS
from audiopost.text.lang.de import LANGUAGE
from audiopost.text.normalize import normalize
from audiopost.text.segment import sentences

CASES: list[tuple[str, str]] = [
    # --- cardinals and decimals ("." groups thousands, "," is the decimal sign, decimals digit by digit)
    # Duden: "tausend" and "eintausend" are both correct; "tausendfünfhundert" is the spoken form.
    ("Die Stadt hat 1.500 Einwohner.", "Die Stadt hat tausendfünfhundert Einwohner."),
    ("Der Wert liegt bei 2,5.", "Der Wert liegt bei zwei Komma fünf."),
    ("Pi ist ungefähr 3,14.", "Pi ist ungefähr drei Komma eins vier."),
    ("Die Region zählt 2.500.000 Menschen.", "Die Region zählt zwei Millionen fünfhunderttausend Menschen."),
    ("Die Rate fiel auf 0,75.", "Die Rate fiel auf null Komma sieben fünf."),
    ("Am Morgen waren es -5 Grad.", "Am Morgen waren es minus fünf Grad."),
    ("Agent 007 ist erfunden.", "Agent null null sieben ist erfunden."),
    # --- money
    ("Das Ticket kostet 1.500 €.", "Das Ticket kostet tausendfünfhundert Euro."),
    ("Die Reparatur kostet 1.500 Euro.", "Die Reparatur kostet tausendfünfhundert Euro."),
    ("Ein Kaffee kostet 3,50 €.", "Ein Kaffee kostet drei Euro fünfzig."),
    ("Der Eintritt kostet € 12,00.", "Der Eintritt kostet zwölf Euro."),
    ("Ein Brötchen kostet 0,50 €.", "Ein Brötchen kostet fünfzig Cent."),
    ("Der Neubau kostet 20 Mio. Euro.", "Der Neubau kostet zwanzig Millionen Euro."),
    ("Der Umsatz lag bei 1,2 Mrd. €.", "Der Umsatz lag bei eins Komma zwei Milliarden Euro."),
    ("Die App kostet $5 im Monat.", "Die App kostet fünf Dollar im Monat."),
    ("Das Abo kostet US$ 10.", "Das Abo kostet zehn US-Dollar."),
    ("Das Buch kostet 12,99 £.", "Das Buch kostet zwölf Pfund neunundneunzig."),
    ("Der Zuschuss beträgt 1 € pro Tag.", "Der Zuschuss beträgt ein Euro pro Tag."),
    # --- millions and billions without a currency; percentages
    # Duden: a decimal before Million/Milliarde takes the plural ("eins Komma zwei Milliarden").
    ("Der Gewinn lag bei 1,2 Mrd.", "Der Gewinn lag bei eins Komma zwei Milliarden."),
    ("Die Firma hat 3 Mio. Kunden.", "Die Firma hat drei Millionen Kunden."),
    ("Die Stadt hat 1 Mio. Einwohner.", "Die Stadt hat eine Million Einwohner."),
    ("Die Quote stieg auf 12,5 %.", "Die Quote stieg auf zwölf Komma fünf Prozent."),
    ("Die Inflation lag bei 2,1 Prozent.", "Die Inflation lag bei zwei Komma eins Prozent."),
    ("Nur 1 % der Fälle war betroffen.", "Nur ein Prozent der Fälle war betroffen."),
    ("Die Mieten stiegen um 5-10 %.", "Die Mieten stiegen um fünf bis zehn Prozent."),
    # --- dates; the ordinal's case follows the preposition or article (Duden Grammatik)
    ("Das Treffen ist am 27.11.2026.",
     "Das Treffen ist am siebenundzwanzigsten November zweitausendsechsundzwanzig."),
    ("Stand: 27.11.2026", "Stand: siebenundzwanzigster November zweitausendsechsundzwanzig"),
    ("Wir sehen uns am 1. Mai.", "Wir sehen uns am ersten Mai."),
    ("Die Aktion läuft bis zum 3. Oktober.", "Die Aktion läuft bis zum dritten Oktober."),
    ("Der 3. Oktober ist ein Feiertag.", "Der dritte Oktober ist ein Feiertag."),
    ("Das Festival dauert vom 1. bis 3. Juni.", "Das Festival dauert vom ersten bis dritten Juni."),
    ("Die Messe läuft vom 1.–3. Juni.", "Die Messe läuft vom ersten bis dritten Juni."),
    ("Die Frist endet am 2026-11-27.",
     "Die Frist endet am siebenundzwanzigsten November zweitausendsechsundzwanzig."),
    ("Der Stichtag ist der 27/11/2026.",
     "Der Stichtag ist der siebenundzwanzigste November zweitausendsechsundzwanzig."),
    # Duden: the weekday's apposition takes the same case, "am Montag, dem 3. Oktober".
    ("Am Montag, 3. Oktober 2026 bleibt das Amt zu.",
     "Am Montag, dem dritten Oktober zweitausendsechsundzwanzig bleibt das Amt zu."),
    ("Berlin, Freitag, 27. Nov. 2026", "Berlin, Freitag, siebenundzwanzigster November zweitausendsechsundzwanzig"),
    # --- times (the newsreader's "vierzehn Uhr dreißig", not "halb drei")
    ("Der Termin ist um 14:30 Uhr.", "Der Termin ist um vierzehn Uhr dreißig."),
    ("Wir beginnen um 9 Uhr.", "Wir beginnen um neun Uhr."),
    ("Der Zug fährt um 7.15 Uhr ab.", "Der Zug fährt um sieben Uhr fünfzehn ab."),
    ("Geöffnet ist von 9-17 Uhr.", "Geöffnet ist von neun bis siebzehn Uhr."),
    ("Die Sitzung endet um 1 Uhr.", "Die Sitzung endet um ein Uhr."),
    ("Um 18:00 ist Schluss.", "Um achtzehn Uhr ist Schluss."),
    # --- years, ranges and decades
    ("Er wurde 1999 geboren.", "Er wurde neunzehnhundertneunundneunzig geboren."),
    ("Im Jahr 2026 wird gewählt.", "Im Jahr zweitausendsechsundzwanzig wird gewählt."),
    ("Seit 1871 ist Berlin Hauptstadt.", "Seit achtzehnhunderteinundsiebzig ist Berlin Hauptstadt."),
    ("Der Krieg dauerte 1939-1945.",
     "Der Krieg dauerte neunzehnhundertneununddreißig bis neunzehnhundertfünfundvierzig."),
    ("Die Saison 2019-2020 war kurz.", "Die Saison zweitausendneunzehn bis zweitausendzwanzig war kurz."),
    ("Von 1500 Befragten stimmten 800 zu.", "Von tausendfünfhundert Befragten stimmten achthundert zu."),
    ("Das war in den 1960er Jahren.", "Das war in den neunzehnhundertsechziger Jahren."),
    ("Sie liebt die Musik der 80er.", "Sie liebt die Musik der Achtziger."),
    # --- ordinals: weak after der-words, mixed after ein-words, strong without an article
    ("Sie war die 3. Frau im Amt.", "Sie war die dritte Frau im Amt."),
    ("Das ist sein 2. Album.", "Das ist sein zweites Album."),
    ("Er belegte den 2. Platz.", "Er belegte den zweiten Platz."),
    ("Zum 5. Mal gewann sie.", "Zum fünften Mal gewann sie."),
    ("Ein 3. Anlauf ist geplant.", "Ein dritter Anlauf ist geplant."),
    ("Im 19. Jahrhundert war das anders.", "Im neunzehnten Jahrhundert war das anders."),
    ("In der 2. Runde schied er aus.", "In der zweiten Runde schied er aus."),
    ("Der 1. FC Köln gewinnt.", "Der erste F.C Köln gewinnt."),
    # --- Roman numerals: regnal names with case, parts as numbers, never an English "I"
    ("Wilhelm II. war der letzte Kaiser.", "Wilhelm der Zweite war der letzte Kaiser."),
    ("Ludwig XIV. baute Versailles.", "Ludwig der Vierzehnte baute Versailles."),
    ("Unter Wilhelm II. wuchs die Flotte.", "Unter Wilhelm dem Zweiten wuchs die Flotte."),
    ("Papst Benedikt XVI. trat zurück.", "Papst Benedikt der Sechzehnte trat zurück."),
    ("Königin Elisabeth II. starb 2022.", "Königin Elisabeth die Zweite starb zweitausendzweiundzwanzig."),
    ("Die Herrschaft Ludwigs XIV. war lang.", "Die Herrschaft Ludwigs des Vierzehnten war lang."),
    ("Teil III erscheint im Herbst.", "Teil drei erscheint im Herbst."),
    ("Im XIX. Jahrhundert wuchs die Stadt.", "Im neunzehnten Jahrhundert wuchs die Stadt."),
    ("Im Radio lief I Will Survive.", "Im Radio lief I Will Survive."),
    # --- abbreviations and titles
    ("Das ist z. B. hier.", "Das ist zum Beispiel hier."),
    ("Wir kaufen Obst, Gemüse usw.", "Wir kaufen Obst, Gemüse und so weiter."),
    ("Er kommt ggf. später, d. h. gegen Abend.", "Er kommt gegebenenfalls später, das heißt gegen Abend."),
    # Duden: "circa" and "zirka" are both correct; espeak-ng says "circa" with a k.
    ("Es kamen ca. 200 Gäste.", "Es kamen zirka zweihundert Gäste."),
    ("Er kam mit Dr. Müller und Prof. Schmidt.", "Er kam mit Doktor Müller und Professor Schmidt."),
    ("Siehe S. 12 und Nr. 5.", "Siehe Seite zwölf und Nummer fünf."),
    ("Caesar starb 44 v. Chr.", "Caesar starb vierundvierzig vor Christus."),
    ("Der Preis ist inkl. MwSt.", "Der Preis ist inklusive Mehrwertsteuer."),
    ("Fr. Meier und Hr. Schulz kamen u. a. zur Feier.", "Frau Meier und Herr Schulz kamen unter anderem zur Feier."),
    ("Die Fahrt dauert 2 Std.", "Die Fahrt dauert zwei Stunden."),
    ("Es dauert 1 Std. länger.", "Es dauert eine Stunde länger."),
    ("Das Laden dauert 30 min.", "Das Laden dauert dreißig Minuten."),
    # --- acronyms: spelled (dotted, which espeak-ng spells everywhere) or words (Duden writes "Nato")
    ("Die SPD und die CDU verhandeln.", "Die S.P.D und die C.D.U verhandeln."),
    ("BMW baut ein neues Werk.", "B.M.W baut ein neues Werk."),
    ("ARD und ZDF berichten live.", "A.R.D und Z.D.F berichten live."),
    ("Die EU und die USA streiten.", "Die E.U und die U.S.A streiten."),
    ("Die NATO tagt in Brüssel.", "Die Nato tagt in Brüssel."),
    ("Die UNO warnt vor Hunger.", "Die Uno warnt vor Hunger."),
    ("Der DAX steigt.", "Der Dax steigt."),
    ("Der TÜV prüft das Auto.", "Der Tüv prüft das Auto."),
    ("Der ADAC hilft.", "Der A.D.A.C hilft."),
    ("Die AfD verliert Stimmen.", "Die A.F.D verliert Stimmen."),
    ("DAS IST WIRKLICH WICHTIG.", "Das ist wirklich wichtig."),
    # --- units, singular and plural
    ("Es sind 20 °C draußen.", "Es sind zwanzig Grad Celsius draußen."),
    ("Nachts fällt es auf -5 °C.", "Nachts fällt es auf minus fünf Grad Celsius."),
    ("Er fuhr 100 km/h.", "Er fuhr hundert Kilometer pro Stunde."),
    ("Die Wohnung hat 50 m².", "Die Wohnung hat fünfzig Quadratmeter."),
    ("Das Handy hat 16 GB Speicher.", "Das Handy hat sechzehn Gigabyte Speicher."),
    ("Der Weg ist 1 km lang.", "Der Weg ist ein Kilometer lang."),
    ("Das Paket wiegt 2,5 kg.", "Das Paket wiegt zwei Komma fünf Kilogramm."),
    ("Die Anlage liefert 1 kWh am Tag.", "Die Anlage liefert eine Kilowattstunde am Tag."),
    # --- web addresses, e-mail, hashtags and handles
    ("Mehr unter https://www.tagesschau.de/inland/wahl.", "Mehr unter tagesschau Punkt de."),
    ("Schreib an info@mein-blog.de.", "Schreib an info at mein Bindestrich blog Punkt de."),
    ("Besucht uns auf spiegel.de!", "Besucht uns auf spiegel Punkt de!"),
    ("Folgt #Bundestagswahl und @tagesschau.", "Folgt Bundestagswahl und tagesschau."),
    ("Der Song ist #1 der Charts.", "Der Song ist Nummer eins der Charts."),
    ("Kontakt: max.mustermann@example.com", "Kontakt: max Punkt mustermann at example Punkt com"),
    # --- fractions (Duden: "eineinhalb", "drei Viertel", "ein Zehntel")
    ("Nimm 1/2 Tasse Zucker.", "Nimm eine halbe Tasse Zucker."),
    ("Etwa 2/3 der Wähler stimmten zu.", "Etwa zwei Drittel der Wähler stimmten zu."),
    ("Ein Rezept mit ½ Liter Milch.", "Ein Rezept mit einem halben Liter Milch."),
    ("Es fehlen 3/4 des Budgets.", "Es fehlen drei Viertel des Budgets."),
    ("Wir brauchen 1 1/2 Stunden.", "Wir brauchen eineinhalb Stunden."),
    ("Nur 1/10 kam an.", "Nur ein Zehntel kam an."),
    # --- phone numbers: area code digit by digit, the number in pairs from the right (DIN 5008, old grouping)
    ("Ruf an unter 030 12345678.",
     "Ruf an unter null drei null, zwölf vierunddreißig sechsundfünfzig achtundsiebzig."),
    ("Tel. +49 30 1234567",
     "Telefon plus vier neun, drei null, eins dreiundzwanzig fünfundvierzig siebenundsechzig"),
    ("Hotline: 0800 123 45 67",
     "Hotline: null acht null null, eins dreiundzwanzig, fünfundvierzig, siebenundsechzig"),
    ("Mobil: 0171/2345678", "Mobil: null eins sieben eins, zwei vierunddreißig sechsundfünfzig achtundsiebzig"),
    # --- scores and ranges
    ("Das Spiel endete 2:1.", "Das Spiel endete zwei zu eins."),
    ("Bayern gewann 3-1 gegen Dortmund.", "Bayern gewann drei zu eins gegen Dortmund."),
    ("Es steht 0:0.", "Es steht null zu null."),
    ("Lies die Kapitel 5-10.", "Lies die Kapitel fünf bis zehn."),
    ("Das Bild hat das Format 16:9.", "Das Bild hat das Format sechzehn zu neun."),
    # --- symbols, versions, text that is already spoken
    ("Forschung & Entwicklung wachsen.", "Forschung und Entwicklung wachsen."),
    ("Nach § 5 Abs. 2 gilt das.", "Nach Paragraf fünf Absatz zwei gilt das."),
    ("Er hat es 3x versucht.", "Er hat es dreimal versucht."),
    ("Wir nutzen Python 3.11 im Büro.", "Wir nutzen Python drei Punkt elf im Büro."),
    ("Das ist schon gesprochen, oder?", "Das ist schon gesprochen, oder?"),
]


@pytest.mark.parametrize(("written", "spoken"), CASES)
def test_table(written: str, spoken: str) -> None:
    assert normalize(written, "de") == spoken


@pytest.mark.parametrize(("_written", "spoken"), CASES)
def test_spoken_side_is_words_and_stays_as_it_is(_written: str, spoken: str) -> None:
    assert not re.search(r"\d", spoken)
    assert normalize(spoken, "de") == spoken


def test_extra_words_from_a_profile_are_said_as_words() -> None:
    assert normalize("Die GEW streikt.", "de") == "Die G.E.W streikt."
    assert normalize("Die GEW streikt.", "de", words=["GEW"]) == "Die Gew streikt."


# --------------------------------------------------------------------------- sentences

@pytest.mark.parametrize(("text", "expected"), [
    ("Das ist z. B. hier. Dann geht es weiter.", ["Das ist z. B. hier.", "Dann geht es weiter."]),
    ("Er kam am 3. Oktober an. Dann blieb er.", ["Er kam am 3. Oktober an.", "Dann blieb er."]),
    ("Dr. Müller sagte, es sei gut.", ["Dr. Müller sagte, es sei gut."]),
    ("Es kostet ca. 5 Euro. Das ist viel.", ["Es kostet ca. 5 Euro.", "Das ist viel."]),
    ("Prof. Dr. Weber kam bzw. schrieb. Nr. 5 fehlt.", ["Prof. Dr. Weber kam bzw. schrieb.", "Nr. 5 fehlt."]),
    ("Wir kaufen Obst usw. Dann kochen wir.", ["Wir kaufen Obst usw.", "Dann kochen wir."]),
    ("Der 1. FC Köln spielt. Er gewinnt.", ["Der 1. FC Köln spielt.", "Er gewinnt."]),
])
def test_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text, LANGUAGE.abbreviations, LANGUAGE.ordinal_dot) == expected


# --------------------------------------------------------------------------- footers, calls to action

def _footer(block: str) -> bool:
    return any(re.fullmatch(p, block, re.I | re.S) for p in LANGUAGE.footers)


@pytest.mark.parametrize("block", [
    "Der Beitrag Titel erschien zuerst auf Mein Blog.",
    "Der Beitrag Geschichte von \"Jujutsu Kaisen\" nähert sich dem Ende erschien zuerst auf Anime2You.",
    "der beitrag Neue Figur von Maomao vorgestellt erschien zuerst auf Anime2You",
    "Der Artikel XY erschien zuerst auf The Decoder.",
    "Dieser Text erschien zuerst auf Alexandras privatem Blog.",
    "Der Beitrag Wie man Brot backt ist zuerst auf Backblog erschienen.",
    "Der Beitrag Wie man Brot backt wurde zuerst auf Backblog veröffentlicht.",
    "Der Beitrag Ein Titel\nüber zwei Zeilen erschien zuerst auf Mein Blog.",
])
def test_footer_blocks(block: str) -> None:
    assert _footer(block)


@pytest.mark.parametrize("block", [
    "Heute backen wir Brot. Der Beitrag Titel erschien zuerst auf Mein Blog.",
    "Der Beitrag erschien zuerst in der Zeitung, später auch online.",
    "Wir haben den Beitrag gestern veröffentlicht.",
    "Der Artikel erschien zuerst auf Papier und wurde später, nach vielen Jahren, digitalisiert.",
])
def test_prose_is_not_a_footer(block: str) -> None:
    assert not _footer(block)


def test_calls_to_action() -> None:
    def hits(text: str) -> int:
        return sum(bool(re.search(p, text, re.I)) for p in LANGUAGE.calls_to_action)

    assert hits("Abonniere unseren Newsletter und folge uns auf Mastodon!") >= 3
    assert hits("Danke fürs Lesen! Jetzt anmelden.") >= 2
    assert hits("Der Zug fuhr langsam durch das Tal.") == 0


# --------------------------------------------------------------------------- date, templates, words

def test_date() -> None:
    assert LANGUAGE.date(date(2026, 11, 27)) == "27. November 2026"
    assert LANGUAGE.date(date(2026, 3, 1)) == "1. März 2026"


def test_templates_and_the_spoken_outro() -> None:
    fields = {"title": "Brot backen", "author": "Anna Weber", "date": LANGUAGE.date(date(2026, 11, 27)),
              "site": "Backblog"}
    assert LANGUAGE.intro.format(**fields) == "Brot backen, von Anna Weber."
    outro = LANGUAGE.outro.format(**fields)
    assert outro == "Das war eine Audioausgabe von Brot backen, veröffentlicht am 27. November 2026."
    assert normalize(outro, "de") == ("Das war eine Audioausgabe von Brot backen, veröffentlicht am "
                                      "siebenundzwanzigsten November zweitausendsechsundzwanzig.")


def test_fields() -> None:
    assert set(WORD_KEYS) <= set(LANGUAGE.words)
    assert all(LANGUAGE.words[k] for k in WORD_KEYS)
    assert LANGUAGE.code == "de" and LANGUAGE.iso639_2 == "deu" and LANGUAGE.name == "Deutsch"
    assert LANGUAGE.ordinal_dot
    assert len(LANGUAGE.digits) == 10 and LANGUAGE.digits[0] == "null"
    assert {"z.b", "d.h", "dr", "prof", "nr", "bzw", "ca"} <= LANGUAGE.abbreviations
