"""French text rules: written → what a French newsreader says, and the Language fields.

``CASES`` is also read by benchmarks/espeak_cases.py and by the property tests (tests/test_normalize_props.py).
Disputed readings cite the Lexique des règles typographiques en usage à l'Imprimerie nationale (Lexique IN),
the Académie française (AF) or the OQLF's Banque de dépannage linguistique (BDL).
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from audiopost.text.lang import WORD_KEYS
from audiopost.text.lang.fr import LANGUAGE
from audiopost.text.normalize import normalize
from audiopost.text.segment import sentences

CASES: list[tuple[str, str]] = [
    # --- numbers: space groups (plain, no-break, narrow no-break), decimal comma
    ("La ville compte 1 500 habitants.", "La ville compte mille cinq cents habitants."),
    ("Le site a reçu 2\u202f500\u202f000 visites.", "Le site a reçu deux millions cinq cent mille visites."),
    ("Le stade accueille 80\u00a0000 spectateurs.", "Le stade accueille quatre-vingt mille spectateurs."),
    ("La note moyenne est de 2,5 sur dix.", "La note moyenne est de deux virgule cinq sur dix."),
    ("Le ratio tombe à 0,75 ce matin.", "Le ratio tombe à zéro virgule soixante-quinze ce matin."),
    ("Il faisait -5 ce matin.", "Il faisait moins cinq ce matin."),
    ("Il a écrit 21 pages et 71 notes.", "Il a écrit vingt et une pages et soixante et onze notes."),
    ("L'agent 007 est de retour.", "L'agent zéro zéro sept est de retour."),
    # --- years, decades and ranges
    # AF: "vingt" and "cent" do not take an s in a year ("l'an mille neuf cent quatre-vingt").
    ("Le pont a ouvert en 1980.", "Le pont a ouvert en mille neuf cent quatre-vingt."),
    ("La guerre de 1939-1945 a tout changé.",
     "La guerre de mille neuf cent trente-neuf à mille neuf cent quarante-cinq a tout changé."),
    ("La saison 2019-2020 fut courte.", "La saison deux mille dix-neuf deux mille vingt fut courte."),
    ("La mode des années 80 revient.", "La mode des années quatre-vingt revient."),  # AF, BDL: les années quatre-vingt
    ("Comptez 5-10 minutes de cuisson.", "Comptez cinq à dix minutes de cuisson."),
    ("Le projet date de 2026.", "Le projet date de deux mille vingt-six."),
    # --- dates
    ("La réunion du 27/11/2026 est annulée.", "La réunion du vingt-sept novembre deux mille vingt-six est annulée."),
    ("Publié le 27.11.2026 à Paris.", "Publié le vingt-sept novembre deux mille vingt-six à Paris."),
    ("La mise à jour du 2026-11-27 corrige tout.",
     "La mise à jour du vingt-sept novembre deux mille vingt-six corrige tout."),
    ("Le 1er mai, tout est fermé.", "Le premier mai, tout est fermé."),
    ("On se voit le 2 mai.", "On se voit le deux mai."),
    ("Rendez-vous lundi 3 mars 2025 au siège.", "Rendez-vous lundi trois mars deux mille vingt-cinq au siège."),
    ("Sortie prévue le 14 févr. 2027.", "Sortie prévue le quatorze février deux mille vingt-sept."),
    ("Le 01/05/2026 est férié.", "Le premier mai deux mille vingt-six est férié."),
    # --- times
    ("Rendez-vous à 14h30 devant la gare.", "Rendez-vous à quatorze heures trente devant la gare."),
    ("La séance commence à 14 h.", "La séance commence à quatorze heures."),
    ("Le train part à 9h05.", "Le train part à neuf heures cinq."),
    ("Le direct débute à 21h.", "Le direct débute à vingt et une heures."),
    ("Ouvert de 9 h à 17 h 30.", "Ouvert de neuf heures à dix-sept heures trente."),
    ("Le match commence à 20:45.", "Le match commence à vingt heures quarante-cinq."),
    ("Il a couru pendant 1 h 30.", "Il a couru pendant une heure trente."),
    # --- money
    ("Le billet coûte 1 500 € depuis janvier.", "Le billet coûte mille cinq cents euros depuis janvier."),
    ("Il reste 3,50 € dans la caisse.", "Il reste trois euros cinquante dans la caisse."),
    ("Un budget de 20 M€ est prévu.", "Un budget de vingt millions d'euros est prévu."),
    ("La levée atteint 20 millions d'euros.", "La levée atteint vingt millions d'euros."),
    ("Le contrat vaut 1,2 Md€.", "Le contrat vaut un virgule deux milliard d'euros."),  # BDL: plural from two
    ("L'abonnement coûte €9,99 par mois.", "L'abonnement coûte neuf euros quatre-vingt-dix-neuf par mois."),
    ("Le livre coûte 12 $ aux États-Unis.", "Le livre coûte douze dollars aux États-Unis."),
    ("Le baril valait US$80 hier.", "Le baril valait quatre-vingts dollars américains hier."),
    ("Une pinte coûte 5,20 £ à Londres.", "Une pinte coûte cinq livres vingt à Londres."),
    ("Le timbre coûte 0,50 €.", "Le timbre coûte cinquante centimes."),
    ("Le budget de la NASA atteint $25 milliards.", "Le budget de la Nasa atteint vingt-cinq milliards de dollars."),
    ("Le loyer est de 1 200 €/mois.", "Le loyer est de mille deux cents euros par mois."),
    # --- percentages
    ("Le taux atteint 12,5 % cette année.", "Le taux atteint douze virgule cinq pour cent cette année."),
    ("Le chômage baisse de 3 %.", "Le chômage baisse de trois pour cent."),
    ("Une hausse de 10-15 % est attendue.", "Une hausse de dix à quinze pour cent est attendue."),
    ("Seuls 50% des votants ont répondu.", "Seuls cinquante pour cent des votants ont répondu."),
    # --- ordinals
    ("Elle est arrivée 1re au marathon.", "Elle est arrivée première au marathon."),
    ("C'est le 2e tome de la série.", "C'est le deuxième tome de la série."),
    ("Il habite dans le 15e arrondissement.", "Il habite dans le quinzième arrondissement."),
    ("Le 2nd tour aura lieu dimanche.", "Le second tour aura lieu dimanche."),
    ("Les 1ers résultats sont tombés.", "Les premiers résultats sont tombés."),
    ("Nous fêtons son 80e anniversaire.", "Nous fêtons son quatre-vingtième anniversaire."),
    ("Le 21e siècle sera numérique.", "Le vingt et unième siècle sera numérique."),
    # --- Roman numerals
    ("Au XIXe siècle, la ville a doublé.", "Au dix-neuvième siècle, la ville a doublé."),
    ("Louis XIV aimait Versailles.", "Louis quatorze aimait Versailles."),
    ("François Ier a fondé le Collège de France.", "François premier a fondé le Collège de France."),
    ("Napoléon III a perdu à Sedan.", "Napoléon trois a perdu à Sedan."),
    ("La Ve République date de 1958.", "La cinquième République date de mille neuf cent cinquante-huit."),
    ("Lisez le chapitre IV avant le cours.", "Lisez le chapitre quatre avant le cours."),
    ("Élisabeth II a régné longtemps.", "Élisabeth deux a régné longtemps."),
    ("Le XV de France a gagné.", "Le quinze de France a gagné."),
    ("I love Paris, dit la chanson.", "I love Paris, dit la chanson."),
    # --- abbreviations and titles
    ("M. Dupont est arrivé.", "Monsieur Dupont est arrivé."),
    ("M. et Mme Durand vous invitent.", "Monsieur et madame Durand vous invitent."),
    ("MM. Martin et Bernard ont signé.", "Messieurs Martin et Bernard ont signé."),
    ("Mlle Roux et le Dr Petit sont là.", "Mademoiselle Roux et le docteur Petit sont là."),
    ("Le Pr Lambert a défendu Me Garnier.", "Le professeur Lambert a défendu maître Garnier."),
    ("Prenez des fruits, p. ex. des pommes.", "Prenez des fruits, par exemple des pommes."),
    ("Voir le dossier n° 5, cf. annexe.", "Voir le dossier numéro cinq, voir annexe."),
    ("Il faut env. 30 minutes.", "Il faut environ trente minutes."),
    ("César est mort en 44 av. J.-C.", "César est mort en quarante-quatre avant Jésus-Christ."),
    ("Des pommes, des poires, etc. sont en vente.", "Des pommes, des poires, etcétéra sont en vente."),
    # --- acronyms
    ("L'ONU et l'OTAN ont réagi.", "L'Onu et l'Otan ont réagi."),  # Lexique IN: acronyms as names
    ("L'UNESCO protège le site.", "L'Unesco protège le site."),
    ("La SNCF et la RATP sont en grève.", "La S.N.C.F et la R.A.T.P sont en grève."),
    ("Le PDG a démissionné.", "Le P.D.G a démissionné."),
    ("Le PIB de l'UE progresse.", "Le P.I.B de l'U.E progresse."),
    ("Le SMIC augmente selon l'INSEE.", "Le Smic augmente selon l'Insee."),
    ("C'EST VRAIMENT INCROYABLE !", "C'est vraiment incroyable!"),  # tidy() drops the space before "!"
    # --- units
    ("Il a couru 5 km ce matin.", "Il a couru cinq kilomètres ce matin."),
    ("Le colis pèse 1 kg.", "Le colis pèse un kilogramme."),
    ("Il fera 25 °C demain.", "Il fera vingt-cinq degrés Celsius demain."),
    ("La limite est de 130 km/h.", "La limite est de cent trente kilomètres par heure."),
    ("L'appartement fait 45 m².", "L'appartement fait quarante-cinq mètres carrés."),
    ("Le téléphone a 128 Go de stockage.", "Le téléphone a cent vingt-huit gigaoctets de stockage."),
    ("Le camion transporte 21 t de sable.", "Le camion transporte vingt et une tonnes de sable."),
    ("Il a parcouru 1,5 km.", "Il a parcouru un virgule cinq kilomètre."),  # BDL: le pluriel commence à deux
    # --- web addresses, e-mail, hashtags, handles
    ("Lisez l'article sur https://www.lemonde.fr/article/123.", "Lisez l'article sur lemonde point fr."),
    ("Écrivez à jean.dupont@exemple.fr pour vous inscrire.",
     "Écrivez à jean point dupont arobase exemple point fr pour vous inscrire."),
    ("Le site service-public.fr explique tout.", "Le site service tiret public point fr explique tout."),
    ("Suivez #MardiConseil sur le blog.", "Suivez Mardi Conseil sur le blog."),
    ("Merci à @LeMonde pour le relais.", "Merci à Le Monde pour le relais."),
    ("Inscriptions sur www.mon-site.fr dès lundi.", "Inscriptions sur mon tiret site point fr dès lundi."),
    ("Contact : marie_curie@labo-paris.org.", "Contact: marie tiret bas curie arobase labo tiret paris point org."),
    ("Le fil #JO2024 déborde.", "Le fil J.O deux mille vingt-quatre déborde."),
    # --- fractions
    ("Ajoutez 1/2 litre de lait.", "Ajoutez un demi-litre de lait."),
    ("Il reste ½ heure de route.", "Il reste une demi-heure de route."),
    ("Le film obtient 3 ½ sur 5.", "Le film obtient trois et demi sur cinq."),
    ("Les 3/4 des élèves ont réussi.", "Les trois quarts des élèves ont réussi."),
    ("Un tiers, soit 1/3 du budget.", "Un tiers, soit un tiers du budget."),
    ("Elle a eu 15/20 au bac.", "Elle a eu quinze sur vingt au bac."),
    ("La France jouera la 1/2 finale.", "La France jouera la demi-finale."),
    # --- phone numbers
    ("Appelez le 01 23 45 67 89.", "Appelez le zéro un, vingt-trois, quarante-cinq, soixante-sept, quatre-vingt-neuf."),
    ("Mon portable : 06.12.34.56.78.",
     "Mon portable: zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit."),
    ("Depuis l'étranger, composez le +33 1 23 45 67 89.",
     "Depuis l'étranger, composez le plus trente-trois, un, vingt-trois, quarante-cinq, soixante-sept, "
     "quatre-vingt-neuf."),
    ("Appelez le +33 (0)6 12 34 56 78 avant midi.",
     "Appelez le plus trente-trois, six, douze, trente-quatre, cinquante-six, soixante-dix-huit avant midi."),
    ("Le numéro vert 0 800 123 456 est gratuit.",
     "Le numéro vert zéro huit cents, cent vingt-trois, quatre cent cinquante-six est gratuit."),
    # --- scores and ranges
    ("Lyon a gagné 2-1 contre Nice.", "Lyon a gagné deux à un contre Nice."),
    ("Le score final est de 3:1.", "Le score final est de trois à un."),
    ("Les enfants de 6-12 ans sont acceptés.", "Les enfants de six à douze ans sont acceptés."),
    ("Le PSG mène 1-0 à la pause.", "Le P.S.G mène un à zéro à la pause."),
    ("Lisez les pages 12-14 pour demain.", "Lisez les pages douze à quatorze pour demain."),
    # --- already spoken: unchanged
    ("Il était une fois un roi.", "Il était une fois un roi."),
]


@pytest.mark.parametrize(("text", "spoken"), CASES, ids=[c[0][:40] for c in CASES])
def test_table(text: str, spoken: str) -> None:
    assert normalize(text, "fr") == spoken


def test_table_is_large_unique_and_has_no_digit_on_the_spoken_side() -> None:
    assert len(CASES) >= 70
    assert len({text for text, _ in CASES}) == len(CASES)
    assert not any(re.search(r"\d", spoken) for _, spoken in CASES)


@pytest.mark.parametrize("spoken", [s for _, s in CASES])
def test_spoken_side_is_a_fixed_point(spoken: str) -> None:
    assert normalize(spoken, "fr") == spoken


def _split(text: str) -> list[str]:
    return sentences(text, LANGUAGE.abbreviations, LANGUAGE.ordinal_dot)


def test_sentences_do_not_stop_at_french_abbreviations() -> None:
    assert _split("M. Dupont est arrivé. Il a parlé.") == ["M. Dupont est arrivé.", "Il a parlé."]
    assert _split("Des villes, p. ex. Paris et Lyon, ont voté. Puis rien.") == [
        "Des villes, p. ex. Paris et Lyon, ont voté.", "Puis rien."]
    assert _split("Mme Martin a dit oui. MM. Petit et Roux aussi.") == [
        "Mme Martin a dit oui.", "MM. Petit et Roux aussi."]
    assert _split("Voir le Dr. Morel et Mlle. Blanc demain.") == ["Voir le Dr. Morel et Mlle. Blanc demain."]
    assert _split("Lisez la note, cf. Dupont et Durand. Puis concluez.") == [
        "Lisez la note, cf. Dupont et Durand.", "Puis concluez."]
    assert _split("Il vit au 5 av. Foch depuis mai. Il aime Paris.") == [
        "Il vit au 5 av. Foch depuis mai.", "Il aime Paris."]
    assert _split("César est né vers 100 av. J.-C. Il mourut jeune.") == [
        "César est né vers 100 av. J.-C.", "Il mourut jeune."]


@pytest.mark.parametrize("block", [
    "L'article Titre est apparu en premier sur Mon Blog.",
    "Cet article Titre est apparu en premier sur Mon Blog.",
    "L’article Essai : Volvo XC40 Recharge. Moi Lolita est apparu en premier sur BlogAutomobile.",
    "l'article Titre\nsur deux lignes est apparu en premier sur Mon Blog",
    "La publication Titre est apparue en premier sur Mon Blog.",
    "Continuer la lecture de « Titre » →",
    "Lire la suite",
])
def test_footers_match_the_whole_block(block: str) -> None:
    assert any(re.fullmatch(p, block.strip(), re.I | re.S) for p in LANGUAGE.footers)


@pytest.mark.parametrize("prose", [
    "L'article de loi est apparu en premier sur le bureau du ministre, puis il a été voté.",
    "Cet article explique comment écrire un billet de blog.",
    "Voici l'article Titre est apparu en premier sur Mon Blog.",
    "Il a fallu lire la suite du roman pour comprendre.",
])
def test_footers_leave_prose_alone(prose: str) -> None:
    assert not any(re.fullmatch(p, prose, re.I | re.S) for p in LANGUAGE.footers)


def test_calls_to_action_are_case_insensitive_regexes() -> None:
    found = [p for p in LANGUAGE.calls_to_action if re.search(p, "ABONNEZ-VOUS à notre infolettre", re.I)]
    assert found
    assert not any(re.search(p, "Le chat dort au soleil.", re.I) for p in LANGUAGE.calls_to_action)


def test_date_intro_outro_and_words() -> None:
    assert LANGUAGE.date(date(2026, 11, 27)) == "27 novembre 2026"
    assert LANGUAGE.date(date(2026, 5, 1)) == "1er mai 2026"
    assert LANGUAGE.date(date(2027, 2, 3)) == "3 février 2027"
    fields = {"title": "Le vélo en ville", "author": "Claire Roux", "date": LANGUAGE.date(date(2026, 11, 27)),
              "site": "Mon Blog"}
    assert LANGUAGE.intro.format(**fields) == "Le vélo en ville, par Claire Roux."
    outro = LANGUAGE.outro.format(**fields)
    assert outro == "C'était une édition audio de Le vélo en ville, publiée le 27 novembre 2026."
    assert normalize(outro, "fr").endswith("publiée le vingt-sept novembre deux mille vingt-six.")
    assert normalize(LANGUAGE.outro.format(**{**fields, "date": LANGUAGE.date(date(2026, 5, 1))}), "fr").endswith(
        "publiée le premier mai deux mille vingt-six.")
    assert set(WORD_KEYS) <= set(LANGUAGE.words)
    assert all(LANGUAGE.words[k] for k in WORD_KEYS)


def test_language_fields() -> None:
    assert (LANGUAGE.code, LANGUAGE.name, LANGUAGE.iso639_2, LANGUAGE.ordinal_dot) == ("fr", "français", "fra", False)
    assert len(LANGUAGE.digits) == 10 and LANGUAGE.digits[0] == "zéro"


def test_extra_words_from_a_profile_are_said_as_words() -> None:
    assert normalize("La CNAM répond.", "fr") == "La C.N.A.M répond."
    assert normalize("La CNAM répond.", "fr", words=["CNAM"]) == "La Cnam répond."
