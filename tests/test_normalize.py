"""Text for the ear: every English rule, as input → exact spoken text; and the pronunciation lexicon.

``CASES`` is also read by benchmarks/espeak_cases.py, which compares espeak-ng's phonemes.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from audiopost.errors import AudiopostError
from audiopost.text.lang import en as normalize_module
from audiopost.text.lexicon import apply_lexicon, load_lexicon
from audiopost.text.normalize import normalize

CASES: list[tuple[str, str]] = [
    # --- cardinals, decimals, negatives
    ("The town has 2,500,000 trees.", "The town has two million five hundred thousand trees."),
    ("We sold 1,204 mugs.", "We sold one thousand two hundred four mugs."),
    ("The ratio fell to 0.75 overnight.", "The ratio fell to zero point seven five overnight."),
    ("It scored 6.8 out of ten.", "It scored six point eight out of ten."),
    ("The lake was at -5 this morning.", "The lake was at minus five this morning."),
    ("Only .5 of a point separated them.", "Only point five of a point separated them."),
    ("There were 101 dalmatians.", "There were one hundred one dalmatians."),
    ("Agent 007 is fictional.", "Agent zero zero seven is fictional."),
    ("The balance was 1,234.56 on Monday.",
     "The balance was one thousand two hundred thirty-four point five six on Monday."),
    ("42 people came.", "Forty-two people came."),
    # --- ordinals
    ("She finished 42nd in the race.", "She finished forty-second in the race."),
    ("It was his 101st birthday.", "It was his one hundred first birthday."),
    ("The 3rd act is the best.", "The third act is the best."),
    ("We live in the 21st century.", "We live in the twenty-first century."),
    ("He was 1st, she was 2nd.", "He was first, she was second."),
    # --- years, decades, ranges
    ("The bridge opened in 1998.", "The bridge opened in nineteen ninety-eight."),
    ("The company started in 2005.", "The company started in two thousand five."),
    ("By 2025 the plan was done.", "By twenty twenty-five the plan was done."),
    ("The house dates from 1905.", "The house dates from nineteen oh five."),
    ("Rock took off in the 1960s.", "Rock took off in the nineteen sixties."),
    ("Grunge ruled the '90s.", "Grunge ruled the nineties."),
    ("He is in his 40s now.", "He is in his forties now."),
    ("The 2000s felt short.", "The two thousands felt short."),
    ("The war lasted 1939–1945.", "The war lasted nineteen thirty-nine to nineteen forty-five."),
    ("The war lasted 1939-1945.", "The war lasted nineteen thirty-nine to nineteen forty-five."),
    ("The 2019-20 season was cut short.", "The twenty nineteen to twenty twenty season was cut short."),
    ("Read chapters 5-10 tonight.", "Read chapters five to ten tonight."),
    ("Expect 3–4 inches of rain.", "Expect three to four inches of rain."),
    ("Open Monday–Friday only.", "Open Monday to Friday only."),
    ("There were 1,000s of fans and 100s of bands.", "There were thousands of fans and hundreds of bands."),
    ("A crowd of 1500 people waited.", "A crowd of one thousand five hundred people waited."),
    # --- fractions
    ("About 2/3 of voters agreed.", "About two thirds of voters agreed."),
    ("Add 1/4 of the sugar.", "Add one quarter of the sugar."),
    ("Cut 1/2 of the bread.", "Cut one half of the bread."),
    ("Pour 3/4 of the milk.", "Pour three quarters of the milk."),
    ("Use 5/8 of the rope.", "Use five eighths of the rope."),
    ("Mix 1 1/2 cups of flour.", "Mix one and one half cups of flour."),
    ("Add ½ a lemon.", "Add one half a lemon."),
    ("It is open 24/7.", "It is open twenty-four seven."),
    # --- percentages, multipliers, ratios, scale words
    ("Turnout hit 45%.", "Turnout hit forty-five percent."),
    ("Inflation is 3.5% a year.", "Inflation is three point five percent a year."),
    ("Prices rose 5-10% this year.", "Prices rose five to ten percent this year."),
    ("The new chip is 3x faster.", "The new chip is three times faster."),
    ("It is 1.5x the size.", "It is one point five times the size."),
    ("The room is 3x4 meters.", "The room is three by four meters."),
    ("They won 4:1 at home.", "They won four to one at home."),
    ("The screen is 16:9.", "The screen is sixteen to nine."),
    ("The blog hit 5k readers.", "The blog hit five thousand readers."),
    ("The video got 2M views.", "The video got two million views."),
    ("The firm is worth 1.2bn.", "The firm is worth one point two billion."),
    # --- versions
    ("Upgrade to version 2.0 soon.", "Upgrade to version two point oh soon."),
    ("We moved to Python 3.11 last week.", "We moved to Python three point eleven last week."),
    ("The fix shipped in iOS 17.2.1 today.", "The fix shipped in iOS seventeen point two point one today."),
    ("Install v1.5.3 first.", "Install version one point five point three first."),
    ("That was the Web 2.0 era.", "That was the Web two point oh era."),
    # --- money
    ("The startup raised $2.7 million.", "The startup raised two point seven million dollars."),
    ("The book costs £12.99.", "The book costs twelve pounds ninety-nine."),
    ("A coffee is $1 here.", "A coffee is one dollar here."),
    ("Stamps cost $0.50 each.", "Stamps cost fifty cents each."),
    ("The bike was €3,000.", "The bike was three thousand euros."),
    ("A ticket is ¥500.", "A ticket is five hundred yen."),
    ("The deal is worth $5B.", "The deal is worth five billion dollars."),
    ("They lost $5bn in a year.", "They lost five billion dollars in a year."),
    ("It costs US$10 online.", "It costs ten U.S dollars online."),
    ("Lunch was $12.50.", "Lunch was twelve dollars and fifty cents."),
    ("The fee is $1.05.", "The fee is one dollar and five cents."),
    ("A sweet costs £0.01.", "A sweet costs one penny."),
    ("Tickets run $5-$10.", "Tickets run five to ten dollars."),
    ("Budgets of $5-10 million are common.", "Budgets of five to ten million dollars are common."),
    ("The fund holds $1 million.", "The fund holds one million dollars."),
    ("A snack costs 50¢.", "A snack costs fifty cents."),
    ("Rent is €1,200.50 a month.", "Rent is one thousand two hundred euros and fifty cents a month."),
    ("The loss was -$5 per unit.", "The loss was minus five dollars per unit."),
    ("They spent A$20 on snacks.", "They spent twenty Australian dollars on snacks."),
    # --- dates
    ("The launch is Feb. 14, 2025.", "The launch is February fourteenth, twenty twenty-five."),
    ("We met on 14 February 2025.", "We met on the fourteenth of February, twenty twenty-five."),
    ("It happened on 2025-03-09.", "It happened on March ninth, twenty twenty-five."),
    ("The post is from November 3, 2025.", "The post is from November third, twenty twenty-five."),
    ("See you on June 5.", "See you on June fifth."),
    ("See you on the 5th of June.", "See you on the fifth of June."),
    ("It ends on Sept. 30.", "It ends on September thirtieth."),
    ("Filed on 3/9/2025.", "Filed on March ninth, twenty twenty-five."),
    ("Filed on 25/12/2024.", "Filed on December twenty-fifth, twenty twenty-four."),
    ("The data is from 2025-03.", "The data is from March twenty twenty-five."),
    ("It was a cold Jan 5 morning.", "It was a cold January fifth morning."),
    ("The shop opened in March 2020.", "The shop opened in March twenty twenty."),
    # --- times
    ("Doors open at 7:45 p.m. sharp.", "Doors open at seven forty-five PM sharp."),
    ("Doors open at 7:45 p.m.", "Doors open at seven forty-five PM."),
    ("The call is at 11 am.", "The call is at eleven AM."),
    ("Lunch is at 1pm.", "Lunch is at one PM."),
    ("The train leaves at 18:00.", "The train leaves at eighteen hundred."),
    ("The bus comes at 9:05.", "The bus comes at nine oh five."),
    ("We eat at 12 noon.", "We eat at noon."),
    ("The shift ends at 9:00.", "The shift ends at nine o'clock."),
    ("The talk starts at 7:00 pm.", "The talk starts at seven PM."),
    ("The film starts at 18:30.", "The film starts at eighteen thirty."),
    ("The year begins at 00:00.", "The year begins at midnight."),
    ("The clip runs 1:23:45.", "The clip runs one hour twenty-three minutes forty-five seconds."),
    # --- abbreviations and titles
    ("Dr. Patel will see you.", "Doctor Patel will see you."),
    ("Mr. Okafor is late.", "Mister Okafor is late."),
    ("Mrs. Lind waved.", "Missus Lind waved."),
    ("Ms. Ortiz agreed.", "Miz Ortiz agreed."),
    ("Prof. Ng teaches math.", "Professor Ng teaches math."),
    ("Gen. Grant won.", "General Grant won."),
    ("Sen. Moore voted no.", "Senator Moore voted no."),
    ("Dr Watson came by.", "Doctor Watson came by."),
    ("We flew to St. Louis.", "We flew to Saint Louis."),
    ("The cafe is on Main St.", "The cafe is on Main Street."),
    ("Turn onto Fifth Ave. here.", "Turn onto Fifth Avenue here."),
    ("He wore No. 5 all season.", "He wore number five all season."),
    ("It is cats vs. dogs.", "It is cats versus dogs."),
    ("Bring fruit, e.g. apples.", "Bring fruit, for example apples."),
    ("Use the big one, i.e. the red one.", "Use the big one, that is the red one."),
    ("We packed tents, stoves, etc.", "We packed tents, stoves, et cetera."),
    ("It weighs approx. 3 kg.", "It weighs approximately three kilograms."),
    ("The law changed in Jan. and Feb.", "The law changed in January and February."),
    ("She works at Acme Inc. now.", "She works at Acme Incorporated now."),
    ("The case was Roe v. Wade.", "The case was Roe versus Wade."),
    ("Martin Luther King Jr. spoke.", "Martin Luther King Junior spoke."),
    # --- acronyms and shouting
    ("The CIA denied it.", "The C.I.A denied it."),
    ("The FBI and the NSA met.", "The F.B.I and the N.S.A met."),
    ("She moved to the U.K. last year.", "She moved to the U.K last year."),
    ("He lives in the U.S.", "He lives in the U.S."),
    ("NASA launched a probe.", "Nasa launched a probe."),
    ("NATO met in Brussels.", "Nato met in Brussels."),
    ("UNESCO listed the site.", "Unesco listed the site."),
    ("ICE agents arrived.", "Ice agents arrived."),
    ("The FIFA vote is due.", "The Fifa vote is due."),
    ("SCOTUS ruled today.", "Scotus ruled today."),
    ("THIS IS HUGE news.", "This is huge news."),
    ("BREAKING: the dam held.", "Breaking: the dam held."),
    ("This is NOT a drill.", "This is not a drill."),
    ("THE FBI IS HERE.", "The F.B.I is here."),
    ("Three CEOs resigned.", "Three C.E.O's resigned."),
    ("NASA's budget grew.", "Nasa's budget grew."),
    ("The AI model failed.", "The A.I model failed."),
    ("OK, let us start.", "Okay, let us start."),
    ("The MP3 file is small.", "The M.P three file is small."),
    ("They use HTML and CSS.", "They use H.T.M.L and C.S.S."),
    ("He works at AT&T now.", "He works at A.T and T now."),
    ("We have a Q&A later.", "We have a Q and A later."),
    ("COVID-19 changed travel.", "Covid nineteen changed travel."),
    # --- Roman numerals
    ("Elizabeth II was crowned in 1953.", "Elizabeth the second was crowned in nineteen fifty-three."),
    ("Louis XIV built Versailles.", "Louis the fourteenth built Versailles."),
    ("Pope John Paul II visited.", "Pope John Paul the second visited."),
    ("Henry VIII's wives are famous.", "Henry the eighth's wives are famous."),
    ("Charles I lost his head.", "Charles the first lost his head."),
    ("My grandfather served in World War II.", "My grandfather served in World War two."),
    ("He fought in WWII.", "He fought in World War two."),
    ("Super Bowl LVIII was close.", "Super Bowl fifty-eight was close."),
    ("Part III is the best.", "Part three is the best."),
    ("Chapter IV opens with a storm.", "Chapter four opens with a storm."),
    ("See Vol. II for details.", "See volume two for details."),
    ("I think I can.", "I think I can."),
    ("The DJ played a MIX of CIVIL songs.", "The D.J played a M.I.X of civil songs."),
    ("Washington DC and MD are close.", "Washington D.C and M.D are close."),
    ("He was LIVID.", "He was livid."),
    ("Grade A and plan B and option X.", "Grade A and plan B and option X."),
    # --- units
    ("I ran 5 km today.", "I ran five kilometers today."),
    ("It is only 1 km away.", "It is only one kilometer away."),
    ("She ran 5km before work.", "She ran five kilometers before work."),
    ("The bag weighs 2 kg.", "The bag weighs two kilograms."),
    ("Add 250 g of rice.", "Add two hundred fifty grams of rice."),
    ("He lost 10 lbs.", "He lost ten pounds."),
    ("The limit is 60 mph.", "The limit is sixty miles per hour."),
    ("We drove at 90 km/h.", "We drove at ninety kilometers per hour."),
    ("It was 72°F outside.", "It was seventy-two degrees Fahrenheit outside."),
    ("Water froze at -5 °C.", "Water froze at minus five degrees Celsius."),
    ("It is 1°C today.", "It is one degree Celsius today."),
    ("The phone has 128 GB of storage.", "The phone has one hundred twenty-eight gigabytes of storage."),
    ("The file is 500 MB.", "The file is five hundred megabytes."),
    ("The drive holds 2 TB.", "The drive holds two terabytes."),
    ("The car uses 15 kWh per day.", "The car uses fifteen kilowatt hours per day."),
    ("Drink 500 ml of water.", "Drink five hundred milliliters of water."),
    ("The tank holds 40 l.", "The tank holds forty liters."),
    ("The wall is 6 ft tall.", "The wall is six feet tall."),
    ("The screen is 13 in. wide.", "The screen is thirteen inches wide."),
    ("The laptop has a 15in display.", "The laptop has a fifteen inches display."),
    ("I was 1 in 10 winners.", "I was one in ten winners."),
    ("The track is 400 m long.", "The track is four hundred meters long."),
    ("He is 5'10\" tall.", "He is five feet ten inches tall."),
    # --- web text
    ("Visit https://www.example.com/path?q=1 for more.", "Visit example dot com for more."),
    ("Read it at http://blog.example.org/posts/42.", "Read it at blog dot example dot org."),
    ("See example.com for details.", "See example dot com for details."),
    ("Write to jane.doe@example.org today.", "Write to jane dot doe at example dot org today."),
    ("Tag it #AllThatsLeftPod please.", "Tag it All Thats Left Pod please."),
    ("We talked about #climate again.", "We talked about climate again."),
    ("Follow @NYTimes for news.", "Follow N.Y Times for news."),
    ("Ping @the_verge about it.", "Ping the verge about it."),
    ("It was the #1 song.", "It was the number one song."),
    ("Great news 🎉 everyone!", "Great news everyone!"),
    ("We won 👍🏽.", "We won."),
    # --- symbols and typography
    ("Salt & pepper.", "Salt and pepper."),
    ("The show is rated 21+.", "The show is rated twenty-one plus."),
    ("I learned C++ in school.", "I learned C plus plus in school."),
    ("About ~5 people came.", "About about five people came."),
    ("Roughly ~$5 each.", "Roughly about five dollars each."),
    ("Remember 2 + 2 = 4.", "Remember two plus two equals four."),
    ("She said “hello” to me.", "She said \"hello\" to me."),
    ("It’s fine.", "It's fine."),
    ("Wait for it…", "Wait for it..."),
    ("The plan—if it works—is simple.", "The plan, if it works, is simple."),
    ("Red – green – blue.", "Red, green, blue."),
    ("Stray * and # and | and • and _ marks.", "Stray and and and and marks."),
    ("Come w/ me.", "Come with me."),
    ("We left b/c of rain.", "We left because of rain."),
    ("Go w/o a coat.", "Go without a coat."),
    ("Ask his/her permission.", "Ask his or her permission."),
    ("Scores over >50% pass.", "Scores over more than fifty percent pass."),
    ("Keep it <10 words.", "Keep it less than ten words."),
    ("Results vary ±2%.", "Results vary plus or minus two percent."),
    ("Call 555-123-4567 now.", "Call five five five, one two three, four five six seven now."),
    ("See the notes [3] below.", "See the notes below."),
    # --- no digit left next to a letter
    ("Try the 3D printer.", "Try the three D printer."),
    ("The F-35 flew over.", "The F thirty-five flew over."),
    ("A 5G phone.", "A five G phone."),
    ("Route A4 is closed.", "Route A four is closed."),
]


@pytest.mark.parametrize(("text", "spoken"), CASES, ids=[c[0][:40] for c in CASES])
def test_english(text: str, spoken: str) -> None:
    assert normalize(text) == spoken


def test_case_table_is_large_and_unique() -> None:
    assert len(CASES) >= 160
    assert len({text for text, _ in CASES}) == len(CASES)


def test_languages_without_rules_only_get_typography() -> None:
    text = "De “prijs” is 5 € — 3 km… *echt* #top | einde_ ~ ok"
    assert normalize(text, "nl") == 'De "prijs" is 5 €, 3 km... echt top einde ok'
    assert normalize("NASA har 2 sonder\u200b.", "sv-SE") == "NASA har 2 sonder."


def test_extra_acronyms_as_words() -> None:
    assert normalize("Get it from CPAN.") == "Get it from C.P.A.N."
    assert normalize("Get it from CPAN.", words={"CPAN"}) == "Get it from Cpan."
    assert "CPAN" not in normalize_module.ACRONYMS_AS_WORDS


def test_module_set_is_user_extensible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(normalize_module, "ACRONYMS_AS_WORDS", {*normalize_module.ACRONYMS_AS_WORDS, "GNU"})
    assert normalize("It is GNU software.") == "It is Gnu software."


@pytest.mark.parametrize("text", ["", " ", "\x00", "$", "%", "#", "@", "1e9", "9" * 40, "٣ apples", "½½½"])
def test_odd_inputs(text: str) -> None:
    out = normalize(text)
    assert isinstance(out, str)
    assert not any(ch.isdigit() and ch.isascii() for ch in out)


def test_fast_enough_for_a_long_post() -> None:
    sentence = ("On Feb. 14, 2025 Dr. Lee said the CIA spent $2.7 million, about 45% more than in 1998, "
                "on 5 km of road; see https://example.com/a for details #news.")
    post = [sentence] * 100  # about 2,400 words
    normalize(sentence)
    start = time.perf_counter()
    for s in post:
        normalize(s)
    assert time.perf_counter() - start < 0.5


# --------------------------------------------------------------------------- lexicon


def _tsv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "lexicon.tsv"
    path.write_text(text, encoding="utf-8")
    return path


def test_load_lexicon_reads_entries_comments_and_blank_lines(tmp_path: Path) -> None:
    path = _tsv(tmp_path, "# names\nNguyen\tnwin\n\n  # indented comment\nkubectl\tcube control\n"
                          "New York\tNoo York  \n")
    assert load_lexicon(path) == {"Nguyen": "nwin", "kubectl": "cube control", "New York": "Noo York"}


def test_load_lexicon_accepts_str_path_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "lex.tsv"
    path.write_bytes("\ufeffnginx\tengine x\n".encode())
    assert load_lexicon(str(path)) == {"nginx": "engine x"}


@pytest.mark.parametrize(("body", "line"), [
    ("ok\tfine\nno tab here\n", 2),
    ("\n\n\tmissing word\n", 3),
    ("word\t   \n", 1),
    ("a\tb\tc\n", 1),
])
def test_load_lexicon_reports_file_and_line(tmp_path: Path, body: str, line: int) -> None:
    path = _tsv(tmp_path, body)
    with pytest.raises(AudiopostError, match=rf"{path.name}.*line {line}"):
        load_lexicon(path)


def test_load_lexicon_missing_file(tmp_path: Path) -> None:
    with pytest.raises(AudiopostError, match=r"nope\.tsv"):
        load_lexicon(tmp_path / "nope.tsv")


def test_apply_lexicon_lowercase_entry_matches_any_case() -> None:
    lexicon = {"kubectl": "cube control"}
    assert apply_lexicon("Run kubectl, then KUBECTL and Kubectl.", lexicon) == (
        "Run cube control, then cube control and cube control.")


def test_apply_lexicon_capitalized_entry_matches_exact_case() -> None:
    lexicon = {"Nice": "Neece"}
    assert apply_lexicon("Nice is nice.", lexicon) == "Neece is nice."


def test_apply_lexicon_whole_words_only() -> None:
    assert apply_lexicon("The cat sat on the catalog.", {"cat": "kitty"}) == "The kitty sat on the catalog."


def test_apply_lexicon_longest_first_and_multi_word() -> None:
    lexicon = {"New York": "Noo Yawk", "York": "Yoik", "new": "knew"}
    assert apply_lexicon("New York is new, York is old.", lexicon) == "Noo Yawk is knew, Yoik is old."
    assert apply_lexicon("New  York", lexicon) == "Noo Yawk"


def test_apply_lexicon_symbols_in_entries() -> None:
    assert apply_lexicon("I like C++ and C.", {"C++": "see plus plus"}) == "I like see plus plus and C."


def test_apply_lexicon_exact_case_beats_lowercase_entry() -> None:
    lexicon = {"nice": "pleasant", "Nice": "Neece"}
    assert apply_lexicon("Nice is nice.", lexicon) == "Neece is pleasant."


def test_apply_lexicon_empty() -> None:
    assert apply_lexicon("Nothing changes.", {}) == "Nothing changes."
