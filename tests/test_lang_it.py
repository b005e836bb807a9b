"""Italian text rules (audiopost.text.lang.it): every case as written → what an Italian newsreader says.

``CASES`` is also read by benchmarks/espeak_cases.py (espeak-ng's phonemes, voice ``it``) and by the property
test in tests/test_normalize_props.py, which feeds random mixes of its inputs to ``normalize``.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from audiopost.text.lang import WORD_KEYS
from audiopost.text.lang.it import LANGUAGE
from audiopost.text.normalize import normalize
from audiopost.text.segment import sentences

CASES: list[tuple[str, str]] = [
    # --- numbers: thousands with a point, decimals with a comma, "1" agreeing with its noun like the article
    # "un/uno/una/un'" (Serianni, Grammatica italiana, the indefinite article)
    ("Il comune conta 1.500 abitanti.", "Il comune conta millecinquecento abitanti."),
    ("Il tasso è salito a 2,5 punti.", "Il tasso è salito a due virgola cinque punti."),
    ("Hanno partecipato 2.350.000 persone.", "Hanno partecipato due milioni e trecentocinquantamila persone."),
    ("La minima sarà di -3 gradi.", "La minima sarà di meno tre gradi."),
    ("Ho letto 1 libro e 1 rivista.", "Ho letto un libro e una rivista."),
    ("Il valore di pi greco è 3,14.", "Il valore di pi greco è tre virgola quattordici."),
    # --- years and ranges: a span of years is read "dal … al …", as newsreaders do; a season is its two years
    # said in a row
    ("La Seconda guerra mondiale (1939-1945) cambiò l'Europa.",
     "La Seconda guerra mondiale (dal millenovecentotrentanove al millenovecentoquarantacinque) cambiò l'Europa."),
    ("Nella stagione 2019-2020 il campionato si è fermato.",
     "Nella stagione duemiladiciannove duemilaventi il campionato si è fermato."),
    ("Il libro è uscito nel 1998.", "Il libro è uscito nel millenovecentonovantotto."),
    ("L'anno scolastico 2025/26 inizia a settembre.",
     "L'anno scolastico duemilaventicinque ventisei inizia a settembre."),
    ("Servono 5-10 minuti di cottura.", "Servono da cinque a dieci minuti di cottura."),
    # --- dates: the first of the month is ordinal, the other days cardinal (Accademia della Crusca, consulenza
    # linguistica: "il primo maggio", "il due giugno")
    ("L'evento si terrà il 27/11/2026.", "L'evento si terrà il ventisette novembre duemilaventisei."),
    ("Scadenza: 27.11.2026.", "Scadenza: ventisette novembre duemilaventisei."),
    ("Il 1° maggio è la festa dei lavoratori.", "Il primo maggio è la festa dei lavoratori."),
    ("La Repubblica si festeggia il 2 giugno.", "La Repubblica si festeggia il due giugno."),
    ("Il file è datato 2026-11-27.", "Il file è datato ventisette novembre duemilaventisei."),
    ("Ci vediamo lunedì 8 marzo 2027.", "Ci vediamo lunedì otto marzo duemilaventisette."),
    ("Consegna entro il 15 gen. 2026.", "Consegna entro il quindici gennaio duemilaventisei."),
    # --- times: 24-hour clock, "e" before the minutes, "all'una" (Serianni, Grammatica italiana)
    ("Il treno parte alle 14:30.", "Il treno parte alle quattordici e trenta."),
    ("Apriamo alle 9 e chiudiamo alle 18.", "Apriamo alle nove e chiudiamo alle diciotto."),
    ("La riunione è alle 1:15.", "La riunione è all'una e quindici."),
    ("Il telegiornale va in onda alle 20.00.", "Il telegiornale va in onda alle venti."),
    ("Il negozio è aperto dalle 9:05 alle 13:00.", "Il negozio è aperto dalle nove e cinque alle tredici."),
    # --- money: the euro is invariable; cents said in full; a whole million takes "di"
    ("Il biglietto costa 1.500 €.", "Il biglietto costa millecinquecento euro."),
    # cents said in full ("e cinquanta centesimi"), as num2words's to="currency" reads them
    ("Il panino costa 3,50 €.", "Il panino costa tre euro e cinquanta centesimi."),
    ("Il comune ha stanziato 20 milioni di euro.", "Il comune ha stanziato venti milioni di euro."),
    ("Un investimento da 20 mln di euro.", "Un investimento da venti milioni di euro."),
    ("L'abbonamento costa € 9,99 al mese.", "L'abbonamento costa nove euro e novantanove centesimi al mese."),
    ("Il gioco costa $60 negli Stati Uniti.", "Il gioco costa sessanta dollari negli Stati Uniti."),
    ("Il fondo vale US$ 5 milioni.", "Il fondo vale cinque milioni di dollari statunitensi."),
    # Treccani gives "pence" as the plural; speech keeps "penny", and espeak-ng reads "pence" as [ˈpɛntʃe]
    ("A Londra una pinta costa £6,20.", "A Londra una pinta costa sei sterline e venti penny."),
    ("La multa è di 1 €.", "La multa è di un euro."),
    ("Il premio è di € 1.000.000.", "Il premio è di un milione di euro."),
    ("Le mele costano 2,99 €/kg.", "Le mele costano due euro e novantanove centesimi al chilo."),
    # --- percentages
    ("L'inflazione è al 12,5 %.", "L'inflazione è al dodici virgola cinque per cento."),
    ("Il partito ha preso il 30%.", "Il partito ha preso il trenta per cento."),
    # after an article the dash is only a pause: "del dieci-quindici per cento"
    ("Un calo del 10-15% delle vendite.", "Un calo del dieci, quindici per cento delle vendite."),
    ("Il PIL cresce dello 0,5%.", "Il Pil cresce dello zero virgola cinque per cento."),
    # --- ordinals: ° º ª and 3a/2o, agreeing with the article or noun; a lone "30°" is a temperature
    ("È arrivato 3° nella gara.", "È arrivato terzo nella gara."),
    ("La 2ª edizione del festival.", "La seconda edizione del festival."),
    ("Il 3º capitolo è il migliore.", "Il terzo capitolo è il migliore."),
    ("Fuori ci sono 30°.", "Fuori ci sono trenta gradi."),
    ("La classe 3a B ha vinto.", "La classe terza B ha vinto."),
    ("Finale 3°-4° posto: vince Ferrara.", "Finale terzo-quarto posto: vince Ferrara."),
    ("Ci sono 30° all'ombra.", "Ci sono trenta gradi all'ombra."),
    ("Cuocete in forno a 180° per 20 minuti.", "Cuocete in forno a centottanta gradi per venti minuti."),
    # --- Roman numerals: ordinals agreeing with the name or noun (Serianni, Grammatica italiana, ordinals);
    # the article "I" untouched
    ("Vittorio Emanuele II fu il primo re d'Italia.", "Vittorio Emanuele secondo fu il primo re d'Italia."),
    ("Luigi XIV era il Re Sole.", "Luigi quattordicesimo era il Re Sole."),
    ("Nel XXI secolo tutto cambia.", "Nel ventunesimo secolo tutto cambia."),
    ("Papa Leone XIV ha parlato ieri.", "Papa Leone quattordicesimo ha parlato ieri."),
    ("La regina Elisabetta II è morta nel 2022.", "La regina Elisabetta seconda è morta nel duemilaventidue."),
    ("Leggete la Parte II del libro.", "Leggete la Parte seconda del libro."),
    ("Il PIL è cresciuto nel III trimestre.", "Il Pil è cresciuto nel terzo trimestre."),
    ("I ragazzi sono arrivati.", "I ragazzi sono arrivati."),
    # --- abbreviations and titles: a title before a name drops its final vowel (Treccani, "troncamento")
    ("Il Sig. Rossi è arrivato.", "Il signor Rossi è arrivato."),
    ("La Sig.ra Bianchi ci aspetta.", "La signora Bianchi ci aspetta."),
    ("Ho parlato con il Dott. Verdi e la Dott.ssa Neri.", "Ho parlato con il dottor Verdi e la dottoressa Neri."),
    ("Il Prof. Conti insegna storia.", "Il professor Conti insegna storia."),
    ("Servono pane, latte, uova ecc.", "Servono pane, latte, uova eccetera."),
    ("Vedi ad es. la pag. 12.", "Vedi ad esempio la pagina dodici."),
    ("Secondo l'art. 21 della Costituzione.", "Secondo l'articolo ventuno della Costituzione."),
    ("L'Ing. Russo e l'Avv. Gallo.", "L'ingegner Russo e l'avvocato Gallo."),
    ("Abito in via Roma n. 5.", "Abito in via Roma numero cinque."),
    ("Lo prevede l'art. 3 c. 2 della L. 104/1992.",
     "Lo prevede l'articolo tre comma due della legge centoquattro del millenovecentonovantadue."),
    # --- acronyms: said as words are written with one capital as the Italian press does (Crusca, "Sigle e
    # acronimi"), the others spelled with the Italian letter names
    ("L'ONU e la NATO si riuniscono.", "L'Onu e la Nato si riuniscono."),
    # spelled, like PD and BCE; ONU and NATO are read as words (Crusca)
    ("La UE ha approvato il piano.", "La u e ha approvato il piano."),
    ("La RAI trasmette la partita.", "La Rai trasmette la partita."),
    ("Lo stabilimento FIAT di Melfi.", "Lo stabilimento Fiat di Melfi."),
    ("L'INPS paga le pensioni.", "L'Inps paga le pensioni."),
    ("Il PD critica la BCE.", "Il pi di critica la bi ci e."),
    ("I fondi del PNRR.", "I fondi del pi enne erre erre."),
    # --- units: full SI names (Treccani); "°C" is said "gradi" as weather bulletins do
    ("Abbiamo percorso 5 km a piedi.", "Abbiamo percorso cinque chilometri a piedi."),
    # the unit's name (Treccani, "chilogrammo"); "chilo" is the everyday short form
    ("Il pacco pesa 1 kg.", "Il pacco pesa un chilogrammo."),
    # weather bulletins say "gradi"; "gradi centigradi" is also heard
    ("Domani sono previsti 35 °C.", "Domani sono previsti trentacinque gradi."),
    ("Il limite è di 130 km/h.", "Il limite è di centotrenta chilometri orari."),
    ("Un appartamento di 80 m².", "Un appartamento di ottanta metri quadrati."),
    ("Il telefono ha 128 GB di memoria.", "Il telefono ha centoventotto gigabyte di memoria."),
    ("Il viaggio dura 1 h.", "Il viaggio dura un'ora."),
    # --- web text, hashtags and handles
    ("Visitate https://www.repubblica.it/cronaca per i dettagli.", "Visitate repubblica punto it per i dettagli."),
    ("Scrivete a mario.rossi@example.it.", "Scrivete a mario punto rossi chiocciola example punto it."),
    ("Seguiteci su #ItaliaViva e @RaiNews.", "Seguiteci su Italia Viva e Rai News."),
    ("Trovate tutto su ilpost.it.", "Trovate tutto su ilpost punto it."),
    # --- fractions: "1/2" before a noun is "mezzo" ("mezzo litro"), not the arithmetic "un mezzo"
    ("Aggiungete 1/2 litro di latte.", "Aggiungete mezzo litro di latte."),
    ("Ha ottenuto 1/3 dei voti.", "Ha ottenuto un terzo dei voti."),
    ("I 3/4 degli italiani.", "I tre quarti degli italiani."),
    ("La ricetta richiede ½ cucchiaino di sale.", "La ricetta richiede mezzo cucchiaino di sale."),
    # --- phone numbers: digit by digit in their written groups, the country code as a number
    ("Chiamate il numero 06 1234 5678.", "Chiamate il numero zero sei, uno due tre quattro, cinque sei sette otto."),
    ("Il mio cellulare è 333 123 4567.", "Il mio cellulare è tre tre tre, uno due tre, quattro cinque sei sette."),
    ("Dall'estero: +39 02 8765 4321.",
     "Dall'estero: più trentanove, zero due, otto sette sei cinque, quattro tre due uno."),
    ("Numero verde 800 123 456.", "Numero verde otto zero zero, uno due tre, quattro cinque sei."),
    # --- scores: "due a uno"; a hyphen after a result word or with a larger first number is a score
    ("La Juventus ha vinto 2-1 contro il Milan.", "La Juventus ha vinto due a uno contro il Milan."),
    ("Il derby è finito 1-1.", "Il derby è finito uno a uno."),
    ("L'Italia ha battuto la Francia 3:1.", "L'Italia ha battuto la Francia tre a uno."),
    ("Risultato finale: 0-3.", "Risultato finale: zero a tre."),
    # --- text already spoken stays as it is
    ("Il signor Rossi ha pagato tre euro e cinquanta centesimi.",
     "Il signor Rossi ha pagato tre euro e cinquanta centesimi."),
]


@pytest.mark.parametrize(("written", "spoken"), CASES)
def test_table(written: str, spoken: str) -> None:
    assert normalize(written, "it") == spoken


@pytest.mark.parametrize("spoken", sorted({spoken for _, spoken in CASES}))
def test_spoken_text_is_left_alone(spoken: str) -> None:
    assert normalize(spoken, "it") == spoken


def test_no_digit_is_left() -> None:
    for written, _ in CASES:
        assert not re.search(r"\d", normalize(written, "it")), written


def test_extra_words_are_said_as_words() -> None:
    assert normalize("Il CNEL si riunisce.", "it") == "Il ci enne e elle si riunisce."
    assert normalize("Il CNEL si riunisce.", "it", words=["CNEL"]) == "Il Cnel si riunisce."


def test_shouted_words_are_lowered() -> None:
    assert normalize("ATTENZIONE: il negozio chiude.", "it") == "Attenzione: il negozio chiude."
    assert normalize("NON È VERO!", "it") == "Non è vero!"


# --------------------------------------------------------------------------- sentences

def test_abbreviations_do_not_end_sentences() -> None:
    split = sentences("Il Sig. Rossi è arrivato. Vedi ad es. questo. La Dott.ssa Neri e il Prof. Conti ecc. "
                      "Poi è finita.", LANGUAGE.abbreviations, LANGUAGE.ordinal_dot)
    assert split == ["Il Sig. Rossi è arrivato.", "Vedi ad es. questo.",
                     "La Dott.ssa Neri e il Prof. Conti ecc. Poi è finita."]


def test_numbers_and_page_references_do_not_end_sentences() -> None:
    split = sentences("Leggi a pag. 12 e l'art. 21 della legge n. 3. Fine.", LANGUAGE.abbreviations,
                      LANGUAGE.ordinal_dot)
    assert split == ["Leggi a pag. 12 e l'art. 21 della legge n. 3.", "Fine."]
    assert LANGUAGE.ordinal_dot is False


# --------------------------------------------------------------------------- the Language fields

@pytest.mark.parametrize("block", [
    "L'articolo Titolo proviene da Il Mio Blog.",
    "L'articolo Titolo sembra essere il primo su Il Mio Blog.",
    "L’articolo Dieci ricette d'estate proviene da Cucina & Co.",
    "l'articolo TITOLO SEMBRA ESSERE IL PRIMO SU IL MIO BLOG",
    "Il post Titolo è apparso per la prima volta su Il Mio Blog.",
])
def test_footers_match_the_whole_feed_footer(block: str) -> None:
    assert any(re.fullmatch(f, block, re.I | re.S) for f in LANGUAGE.footers)


@pytest.mark.parametrize("prose", [
    "L'articolo di ieri parlava di politica estera e di economia.",
    "Il primo su cui ho messo le mani era un vecchio libro.",
    "Questo articolo proviene da una lunga ricerca. Ne parleremo ancora domani, con più calma.\n\nFine.",
    "Questo articolo è stato pubblicato per la prima volta su Medium, poi l'ho riscritto. Ecco perché.",
])
def test_footers_leave_prose_alone(prose: str) -> None:
    assert not any(re.fullmatch(f, prose, re.I | re.S) for f in LANGUAGE.footers)


@pytest.mark.parametrize(("block", "hits"), [
    ("Iscriviti alla newsletter e seguici!", 2),
    ("Ecco i link a calendario e classifiche: Calendario | Classifiche | Finali", 1),
    ("Abbiamo passato la serata a parlare di pallacanestro.", 0),
])
def test_calls_to_action(block: str, hits: int) -> None:
    assert sum(1 for p in LANGUAGE.calls_to_action if re.search(rf"\b(?:{p})", block, re.I)) == hits


def test_date() -> None:
    assert LANGUAGE.date(date(2026, 11, 27)) == "27 novembre 2026"
    assert LANGUAGE.date(date(2026, 5, 1)) == "1º maggio 2026"
    assert normalize(f"Pubblicata il {LANGUAGE.date(date(2026, 5, 1))}.", "it") == \
        "Pubblicata il primo maggio duemilaventisei."


def test_intro_and_outro() -> None:
    values = {"title": "Il vino", "author": "Anna Neri", "date": LANGUAGE.date(date(2026, 11, 27)), "site": "Blog"}
    assert LANGUAGE.intro.format(**values) == "Il vino, di Anna Neri."
    assert LANGUAGE.outro.format(**values) == \
        "Questa era un'edizione audio di Il vino, pubblicata il 27 novembre 2026."
    assert normalize(LANGUAGE.outro.format(**values), "it") == \
        "Questa era un'edizione audio di Il vino, pubblicata il ventisette novembre duemilaventisei."


def test_words_and_codes() -> None:
    assert set(WORD_KEYS) <= set(LANGUAGE.words)
    assert all(LANGUAGE.words[k] for k in WORD_KEYS)
    assert (LANGUAGE.code, LANGUAGE.iso639_2, LANGUAGE.name) == ("it", "ita", "italiano")
    assert LANGUAGE.digits == ("zero", "uno", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove")
