"""Spanish: every rule as written → exact spoken text, sentence splitting, feed footers and the fixed words.

``CASES`` is also read by benchmarks/espeak_cases.py (espeak-ng's phonemes of input, output and expected
text) and by the property test in tests/test_normalize_props.py (random mixes of its inputs).
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from audiopost.text.lang import WORD_KEYS
from audiopost.text.lang.es import LANGUAGE
from audiopost.text.normalize import normalize
from audiopost.text.segment import sentences

CASES: list[tuple[str, str]] = [
    # --- numbers: Spain's separators, decimals, negatives, agreement with the noun (DPD "uno", "veintiuno")
    ("La ciudad tiene 2.500.000 habitantes.", "La ciudad tiene dos millones quinientos mil habitantes."),
    # RAE 2010 (Ortografía, 4.2.2.2): groups of three separated by a space are also correct.
    ("El club tiene 10 000 socios.", "El club tiene diez mil socios."),
    ("El índice subió 0,75 puntos.", "El índice subió cero coma setenta y cinco puntos."),
    ("El termómetro marcó -7 grados.", "El termómetro marcó menos siete grados."),
    ("Hay 1 persona en la sala.", "Hay una persona en la sala."),
    ("Se vendieron 21 casas.", "Se vendieron veintiuna casas."),
    ("Mi abuelo cumplió 91 años.", "Mi abuelo cumplió noventa y un años."),
    ("Asistieron 200 personas.", "Asistieron doscientas personas."),
    # DPD "veintiuno": "veintiuna mil personas" (also "veintiún mil personas").
    ("Llegaron 21.000 personas.", "Llegaron veintiuna mil personas."),
    ("El agente 007 no existe.", "El agente cero cero siete no existe."),
    # --- money (Fundéu: the symbol after the amount, with a space; céntimos in Spain)
    ("El piso cuesta 1.500 €.", "El piso cuesta mil quinientos euros."),
    ("Un café cuesta 3,50 €.", "Un café cuesta tres euros con cincuenta céntimos."),
    ("El Gobierno invertirá 20 millones de euros.", "El Gobierno invertirá veinte millones de euros."),
    ("El proyecto recibió 20 M€.", "El proyecto recibió veinte millones de euros."),
    ("La empresa perdió 1.500 millones.", "La empresa perdió mil quinientos millones."),
    ("La suscripción cuesta US$ 30 al mes.", "La suscripción cuesta treinta dólares estadounidenses al mes."),
    ("El libro vale €12,99 en la tienda.", "El libro vale doce euros con noventa y nueve céntimos en la tienda."),
    ("La entrada cuesta $25.", "La entrada cuesta veinticinco dólares."),
    ("En Londres pagó £20 por un taxi.", "En Londres pagó veinte libras por un taxi."),
    # Fundéu: "1,5 millones" may be read "un millón y medio".
    ("Recaudaron 2,5 M€.", "Recaudaron dos millones y medio de euros."),
    ("La ficha cuesta 0,50 €.", "La ficha cuesta cincuenta céntimos."),
    ("El billete cuesta 21 €.", "El billete cuesta veintiún euros."),
    # --- percentages (RAE 2010: "12,5 %" with a space; read "por ciento")
    ("La inflación fue del 12,5 %.", "La inflación fue del doce coma cinco por ciento."),
    ("El paro bajó un 3 %.", "El paro bajó un tres por ciento."),
    ("Votó el 100% del censo.", "Votó el cien por ciento del censo."),
    # --- dates (RAE: the day is a cardinal, "el uno de mayo", though "primero" is also accepted)
    ("La cita es el 27/11/2026.", "La cita es el veintisiete de noviembre de dos mil veintiséis."),
    ("La oferta caduca el 27.11.2026.", "La oferta caduca el veintisiete de noviembre de dos mil veintiséis."),
    ("Publicado el 2026-11-27.", "Publicado el veintisiete de noviembre de dos mil veintiséis."),
    ("El 1.º de mayo es festivo.", "El primero de mayo es festivo."),
    ("Nos vemos el 1 de mayo.", "Nos vemos el uno de mayo."),
    ("El lunes 27 de noviembre de 2026 hubo huelga.",
     "El lunes veintisiete de noviembre de dos mil veintiséis hubo huelga."),
    ("Lo firmaron el 5 nov. 2025.", "Lo firmaron el cinco de noviembre de dos mil veinticinco."),
    ("Nació el 3/4/89.", "Nació el tres de abril del ochenta y nueve."),
    # --- years and ranges
    ("La guerra duró de 1936 a 1939.",
     "La guerra duró de mil novecientos treinta y seis a mil novecientos treinta y nueve."),
    ("La Segunda Guerra Mundial (1939-1945) cambió Europa.",
     "La Segunda Guerra Mundial (mil novecientos treinta y nueve a mil novecientos cuarenta y cinco) cambió Europa."),
    ("La temporada 2019-2020 fue atípica.", "La temporada dos mil diecinueve a dos mil veinte fue atípica."),
    ("En 2021 llegó la vacuna.", "En dos mil veintiuno llegó la vacuna."),
    ("Triunfó en los años 80.", "Triunfó en los años ochenta."),
    # --- times (El País, Libro de estilo: "a las 14.30"; the hours are feminine: "las veintiuna horas")
    ("La reunión empieza a las 14:30 h.", "La reunión empieza a las catorce treinta."),
    ("Inicio: 14:30 h.", "Inicio: las catorce treinta."),
    ("Quedamos a las 9.30 en la plaza.", "Quedamos a las nueve treinta en la plaza."),
    ("El tren sale a las 9:05.", "El tren sale a las nueve y cinco."),
    ("La tienda cierra a las 21 h.", "La tienda cierra a las veintiuna horas."),
    ("Abre de 9:00 a 14:00 h.", "Abre de nueve a catorce horas."),
    ("Horario: 9:00-14:00.", "Horario: de las nueve a las catorce."),
    ("El vuelo llega a las 8 p. m.", "El vuelo llega a las ocho de la noche."),
    ("Corrió el maratón en 2:03:45.", "Corrió el maratón en dos horas, tres minutos y cuarenta y cinco segundos."),
    # --- ordinals (RAE 2010: "1.º", "2.ª", "3.er"; "primer", "tercer" before a masculine noun)
    ("Quedó 2.ª en la final.", "Quedó segunda en la final."),
    ("Vive en el 3.er piso.", "Vive en el tercer piso."),
    ("Celebran su 21.º aniversario.", "Celebran su vigésimo primer aniversario."),
    ("Es la 11.ª edición del festival.", "Es la undécima edición del festival."),
    ("Terminó en 1.er lugar.", "Terminó en primer lugar."),
    # DPD "decimotercero": written as one word, apocopated before a masculine noun.
    ("Llegó en 13.º lugar.", "Llegó en decimotercer lugar."),
    # --- Roman numerals (RAE 2010: kings and popes, ordinals to ten and cardinals after; centuries cardinal)
    ("Felipe VI inauguró la feria.", "Felipe sexto inauguró la feria."),
    ("Juan Pablo II visitó España.", "Juan Pablo segundo visitó España."),
    ("Alfonso XIII se exilió.", "Alfonso trece se exilió."),
    ("Isabel II reinó mucho tiempo.", "Isabel segunda reinó mucho tiempo."),
    ("Vivimos en el siglo XXI.", "Vivimos en el siglo veintiuno."),
    ("Ocurrió entre los siglos XV y XVI.", "Ocurrió entre los siglos quince y dieciséis."),
    ("Lee el capítulo IV.", "Lee el capítulo cuatro."),
    ("La II República llegó en 1931.", "La Segunda República llegó en mil novecientos treinta y uno."),
    # --- abbreviations and titles
    ("El Sr. García llegó tarde.", "El señor García llegó tarde."),
    ("La Sra. López saludó a la Srta. Ruiz.", "La señora López saludó a la señorita Ruiz."),
    ("Habló la Dra. Gil con el Dr. Pérez.", "Habló la doctora Gil con el doctor Pérez."),
    ("Lo recibieron D. Juan y D.ª María.", "Lo recibieron don Juan y doña María."),
    ("Compra fruta, p. ej. manzanas, peras, etc.", "Compra fruta, por ejemplo manzanas, peras, etcétera."),
    ("Vive en el n.º 5 de la Avda. de América.", "Vive en el número cinco de la avenida de América."),
    ("Véase la pág. 12.", "Véase la página doce."),
    ("Tardó aprox. 3 horas.", "Tardó aproximadamente tres horas."),
    ("¿Ud. qué opina?", "¿Usted qué opina?"),
    ("Telefónica, S. A. presentó resultados.", "Telefónica, sociedad anónima presentó resultados."),
    # Fundéu: "versus" is better said "contra" or "frente a".
    ("Mañana juegan Madrid vs. Barcelona.", "Mañana juegan Madrid contra Barcelona."),
    ("Ocurrió en el 300 a. C.", "Ocurrió en el trescientos antes de Cristo."),
    # --- acronyms: said as words (ONU, OTAN, OMS, UNESCO) or spelled (PP, UE, FBI); EE. UU. in full
    ("La ONU pidió ayuda a la OTAN.", "La Onu pidió ayuda a la Otan."),
    ("La OMS y la UNESCO firmaron.", "La Oms y la Unesco firmaron."),
    # "PSOE" is said "pesoe", neither a word nor letters: espeak-ng says it right from "Psoe".
    ("El PP y el PSOE pactaron.", "El P.P y el Psoe pactaron."),
    ("EE. UU. y la UE firmaron el acuerdo.", "Estados Unidos y la U.E firmaron el acuerdo."),
    ("El FBI investiga el caso.", "El F.B.I investiga el caso."),
    ("ÚLTIMA HORA: dimite el ministro.", "Última hora: dimite el ministro."),
    # RAE 2010: acronyms do not take a written plural ("las ONG").
    ("Las ONGs piden ayuda.", "Las O.N.G piden ayuda."),
    # --- units, singular and plural, agreeing in gender
    ("Corrí 1 km.", "Corrí un kilómetro."),
    ("Hace -5 °C en Burgos.", "Hace menos cinco grados centígrados en Burgos."),
    ("Circulaba a 120 km/h.", "Circulaba a ciento veinte kilómetros por hora."),
    ("Vendió un piso de 90 m².", "Vendió un piso de noventa metros cuadrados."),
    ("El móvil tiene 128 GB.", "El móvil tiene ciento veintiocho gigabytes."),
    ("La maleta pesa 21 kg.", "La maleta pesa veintiún kilogramos."),
    ("El fuego quemó 21 ha.", "El fuego quemó veintiuna hectáreas."),
    # --- web addresses, e-mail, handles and hashtags
    ("Más información en https://www.rtve.es/noticias/.", "Más información en rtve punto es."),
    ("Escríbenos a info@ejemplo.es.", "Escríbenos a info arroba ejemplo punto es."),
    ("Síguenos en @elpais_espana.", "Síguenos en elpais espana."),
    ("Usa la etiqueta #YoMeQuedoEnCasa.", "Usa la etiqueta Yo Me Quedo En Casa."),
    ("Está en el puesto #5.", "Está en el puesto número cinco."),
    # --- fractions
    ("Añade 1/2 litro de leche.", "Añade medio litro de leche."),
    ("Usa 3/4 de taza de harina.", "Usa tres cuartos de taza de harina."),
    ("La obra duró 2 ½ horas.", "La obra duró dos horas y media."),
    ("Solo 1/3 del censo votó.", "Solo un tercio del censo votó."),
    ("Aprobó 2/3 del temario.", "Aprobó dos tercios del temario."),
    # --- phone numbers, in Spain's groups
    ("Llama al 912 34 56 78.", "Llama al novecientos doce, treinta y cuatro, cincuenta y seis, setenta y ocho."),
    ("Whatsapp: +34 600 123 456.",
     "Whatsapp: más treinta y cuatro, seiscientos, ciento veintitrés, cuatrocientos cincuenta y seis."),
    ("Emergencias: 112.", "Emergencias: ciento doce."),
    # --- scores and ranges
    ("El Betis ganó 2-1.", "El Betis ganó dos a uno."),
    ("Perdieron 3:1 en casa.", "Perdieron tres a uno en casa."),
    ("Caben 5-10 personas.", "Caben cinco a diez personas."),
    # --- already spoken text stays as it is
    ("Tres euros con cincuenta céntimos.", "Tres euros con cincuenta céntimos."),
    ("El señor García llegó a las nueve.", "El señor García llegó a las nueve."),
]


@pytest.mark.parametrize(("written", "spoken"), CASES, ids=[c[0][:40] for c in CASES])
def test_table(written: str, spoken: str) -> None:
    assert normalize(written, "es") == spoken


def test_table_is_large_unique_and_digit_free() -> None:
    assert len(CASES) >= 70
    assert len({written for written, _ in CASES}) == len(CASES)
    assert not any(re.search(r"\d", spoken) for _, spoken in CASES)


@pytest.mark.parametrize(("written", "spoken"), CASES[::7])
def test_idempotent(written: str, spoken: str) -> None:
    assert normalize(spoken, "es") == spoken


def test_extra_acronyms_as_words() -> None:
    assert normalize("Lo dijo la CNMC.", "es") == "Lo dijo la C.N.M.C."
    assert normalize("Lo dijo el SEPE.", "es", words={"SEPE"}) == "Lo dijo el Sepe."


# --------------------------------------------------------------------------- sentences


def _split(text: str) -> list[str]:
    return sentences(text, LANGUAGE.abbreviations, LANGUAGE.ordinal_dot)


@pytest.mark.parametrize("text", [
    "El Sr. García llegó.", "Vino p. ej. Juan.", "EE. UU. firmó el acuerdo.", "Habló la Dra. Gil.",
    "Lo trajo D.ª María.", "Vive en el n.º 5.", "Véase la pág. 12.", "Telefónica, S. A. ganó.",
])
def test_abbreviations_do_not_end_a_sentence(text: str) -> None:
    assert _split(text) == [text]


def test_sentences_still_split() -> None:
    assert _split("El Sr. García llegó. Luego habló la Sra. López.") == [
        "El Sr. García llegó.", "Luego habló la Sra. López."]
    assert _split("¿Vienes? ¡Claro! Compré pan, leche, etc. Después volví.") == [
        "¿Vienes?", "¡Claro!", "Compré pan, leche, etc. Después volví."]
    assert not LANGUAGE.ordinal_dot


# --------------------------------------------------------------------------- feed footers


def _footer(text: str) -> bool:
    return any(re.fullmatch(p, text, re.IGNORECASE | re.DOTALL) for p in LANGUAGE.footers)


@pytest.mark.parametrize("text", [
    "La entrada Título se publicó primero en Mi Blog.",
    "La entrada «Cómo hacer pan en casa» se publicó primero en El Blog de Cocina.",
    "El artículo Diez trucos para ahorrar se publicó primero en Finanzas.es.",
    "EL ARTÍCULO Algo\nnuevo SE PUBLICÓ PRIMERO EN Mi Web",
    "La entrada Título apareció primero en Mi Blog.",
    "Sigue leyendo →",
    "Continuar leyendo «Cómo hacer pan»",
    "Publicado por Ana Gómez en 10:30",
])
def test_footers_match_the_whole_block(text: str) -> None:
    assert _footer(text)


@pytest.mark.parametrize("text", [
    "La entrada al museo es gratuita los domingos.",
    "El artículo 14 de la Constitución se aplica a todos.",
    "Sigue leyendo este blog y verás que merece la pena.",
    "Publicado por la editorial en 1999.",
    "El artículo se publicó primero en inglés. Luego se tradujo al español.",
    "La entrada Título se publicó primero en Mi Blog. Hoy hablamos de pan.",
])
def test_footers_leave_prose(text: str) -> None:
    assert not _footer(text)


def test_calls_to_action_are_regexes() -> None:
    found = [p for p in LANGUAGE.calls_to_action if re.search(p, "¡Suscríbete a nuestro boletín!", re.I)]
    assert len(found) >= 2


# --------------------------------------------------------------------------- the fixed words


def test_long_date() -> None:
    assert LANGUAGE.date(date(2026, 11, 27)) == "27 de noviembre de 2026"
    assert LANGUAGE.date(date(2025, 1, 1)) == "1 de enero de 2025"


def test_intro_and_outro() -> None:
    fields = {"title": "Pan de masa madre", "author": "Ana Gómez", "date": LANGUAGE.date(date(2026, 11, 27)),
              "site": "El Blog de Cocina"}
    assert LANGUAGE.intro.format(**fields) == "Pan de masa madre, por Ana Gómez."
    outro = LANGUAGE.outro.format(**fields)
    assert outro == "Esta fue una edición en audio de Pan de masa madre, publicada el 27 de noviembre de 2026."
    assert normalize(outro, "es").endswith("publicada el veintisiete de noviembre de dos mil veintiséis.")


def test_words_and_codes() -> None:
    assert set(WORD_KEYS) <= set(LANGUAGE.words)
    assert all(LANGUAGE.words[k].strip() for k in WORD_KEYS)
    assert (LANGUAGE.code, LANGUAGE.iso639_2, LANGUAGE.name) == ("es", "spa", "español")
    assert LANGUAGE.digits[1] == "uno" and len(LANGUAGE.digits) == 10
