"""Real CMS output (our own invented pages in tests/data/cms/): the body survives whole, the residue never speaks."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from click.testing import CliRunner

from audiopost.cli import main
from audiopost.profiles import Profile
from audiopost.script import Script, make_script
from audiopost.sources import read_post
from audiopost.text.boilerplate import find_rule
from audiopost.text.segment import sentences
from conftest import DATA

CMS = DATA / "cms"


@dataclass(frozen=True)
class Page:
    file: str
    title: str
    author: str
    body: tuple[str, ...]
    """Every body paragraph, list item and quote as written (each of its sentences must be shown)."""
    residue: tuple[str, ...]
    """Text on the page that must never be spoken (nor shown)."""
    image: str = ""
    """The alt text of the body image (kept as an image block, silent by default)."""


PAGES = (
    Page(
        "wordpress-yoast.html", "Why the Tide Clock on Quay Street Runs Backwards", "Petra Lindqvist",
        body=(
            "Visitors who stop outside the chandlery on Quay Street usually check their watches twice, because the "
            "brass clock above the door turns anticlockwise and seems to lose an hour every afternoon.",
            "The clock is not broken. It was built in 1983 by a retired lock keeper, Albert Meen, who wanted the "
            "fishing crews to see the state of the tide at a glance instead of the time of day.",
            "How a tide clock keeps time",
            "A tide clock has a single hand that makes one full turn every twelve hours and twenty-five minutes, "
            "which is roughly the interval between two high waters. Meen explained the mechanism in a 1984 interview "
            "with this paper, and the drawings still hang in the harbour office.",
            "Because the hand runs against the usual direction, the word high sits at the top of the dial and low "
            "sits at the bottom, with the falling tide on the left and the rising tide on the right.",
            "Harbour master Odile Brack says three things still catch newcomers out:",
            "The clock ignores spring and neap tides, so the height of the water is never shown.",
            "Strong westerly winds can hold the tide back by up to forty minutes.",
            "It has to be reset by hand after every full moon.",
            "A watch tells you when lunch is, but the tide clock tells you whether you can get home.",
            "Albert Meen, 1984",  # the quote's <cite>
            "The parish council voted last month to keep the clock running for another decade, and volunteers from "
            "the sailing club have offered to wind it each Sunday.",
        ),
        residue=(
            "We use cookies", "happy with it", "Privacy policy", "Skip to content", "News from the estuary",
            "Posted on", "June 11, 2024", "Type your email", "Subscribe", "is a writer based in", "About the author",
            "View all of", "Share this", "Twitter", "Facebook", "Like this", "Loading", "Related",
            "The harbour lights come back on", "appeared first on", "Saltmarsh Gazette", "Posted in", "Tagged",
            "social history", "Previous:", "Ferry fares rise again", "You may also like", "The last eel traps",
            "thoughts on", "Hal Quint", "My grandfather helped", "Leave a Reply", "Cancel reply",
            "Your email address will not be published", "Post Comment", "Sign up for our newsletter",
            "Enter your email", "Proudly powered", "Home",
        ),
        image="The brass tide clock above the chandlery door, its hand pointing to low water",
    ),
    Page(
        "medium.html", "What the Night Ferry Taught Me About Deadlines", "Tomasz Wren",
        body=(
            "Eleven crossings, one notebook, and a captain who never hurried",
            "For most of last winter I wrote on the night ferry between Kestle and the mainland, because it was the "
            "only place where nobody could reach me and the coffee cost less than a pound.",
            "The crossing takes ninety minutes when the sea is kind and close to three hours when it is not. Either "
            "way, the boat leaves at eleven and arrives when it arrives, and the captain, a quiet woman called Maud "
            "Ferrer, has never once apologised for it.",
            "A schedule you cannot argue with",
            "On land, every deadline felt negotiable. On the ferry there was one hard fact, the landing at Portmain, "
            "and everything I wrote had to be finished before the ramp came down.",
            "I kept a small notebook of the rules I picked up from the crew, most of them borrowed from a longer "
            "essay on island ferry crews that a deckhand lent me in January.",
            "Decide what the landing is before you leave the harbour.",
            "Weather is information, not an excuse.",
            "Nobody thanks you for arriving early and tired.",
            "The sea does not care about your plans, so make plans the sea can live with.",
            "Maud said that to me on the worst night of February, while the boat stood almost still against the "
            "swell off Gull Point and my chapter sat unfinished on the table.",
            "I finished the book in March. It is not a better book because I wrote it at sea, but it is a finished "
            "one, and I have stopped pretending those are different things.",
        ),
        residue=(
            "Open in app", "Sign up", "Sign in", "Member-only story", "Tomasz Wren", "Follow", "6 min read",
            "Mar 4, 2024", "Listen", "Share", "·", "Originally published", "wrenwrites.example", "Continue reading",
            "Medium", "Writing", "Travel", "Written by", "Followers", "Novelist", "Get an email whenever",
            "More from", "Lighthouse Keeper", "Recommended", "Help", "Careers", "Text to speech", "we log user data",
            "cookie policy",
        ),
        image="The lit deck of a small car ferry at night, with rain on the railings",
    ),
    Page(
        "substack.html", "The Allotment Waiting List Is Longer Than the Allotments", "Wen Okonkwo-Hale",
        body=(
            "There are 212 plots on the Brindle Road allotments and, as of this week, 486 names on the waiting list. "
            "The council confirmed the figure after I asked for it three times.",
            "My own name went on the list in 2016. I was told to expect a wait of about two years, which at the time "
            "sounded like a long while to go without growing potatoes.",
            "Why the list never moves",
            "Plots rarely come free, because the people who hold them are the people least likely to give them up. "
            "One tenant on the north side has worked the same strip of ground since 1979 and wrote a short history "
            "of the site for the centenary.",
            "The council has tried three fixes in eight years:",
            "Halving the larger plots so two households could share one.",
            "Sending inspectors to check that every plot was being cultivated.",
            "Opening a second site on the old bus depot, which flooded in its first winter.",
            "If you want a plot here, you either inherit one or you outlive someone.",
            "That was the verdict of the site secretary, Gwen Abara, who keeps the list in a ring binder and updates "
            "it by hand every Sunday morning.",
            "I am still number 114. Gwen says that is progress, and on a good day I believe her.",
        ),
        residue=(
            "Subscribe", "Sign in", "Wen Okonkwo-Hale", "Apr 19, 2024", "Share", "reader-supported publication",
            "Type your email", "Leave a comment", "Give a gift subscription", "Thanks for reading",
            "support my work", "Discussion about this post", "View 9 comments", "I have been on the Brindle list",
            "Ready for more?", "Start Writing", "Get the app", "home for great culture", "Privacy",
            "Collection notice", "This site uses cookies", "Accept", "Reject", "Notes on a queue",
        ),
        image="Rows of runner bean canes on the Brindle Road allotments under a grey sky",
    ),
    Page(
        "ghost.html", "The Last Bell Foundry on the Estuary", "Isolde Marrack",
        body=(
            "The foundry at Pellow Creek has cast bells for lifeboats, lightships and parish churches since 1861, and "
            "on Friday afternoon it poured its last batch of bronze.",
            "Agnes Pellow, who runs the business with her brother, said the decision came down to insurance and age "
            "rather than a lack of orders. The waiting list for new bells still stretches into next year.",
            "The foundry's archive of pattern drawings will go to the county record office in the autumn.",
            "A sound you can tune",
            "A ship's bell is cast slightly too thick and then shaved on a lathe until it strikes the right note, a "
            "process the Pellows still do by ear. You can hear the difference in a set of recordings the maritime "
            "museum made in 2019.",
            "Over the last month the workshop has been finishing its final orders:",
            "Two bells for the new pilot boats at Fenmouth.",
            "A replacement for the cracked bell at St Kenna's chapel.",
            "A small brass bell for a primary school that lost its own in a fire.",
            "We never made two bells that sounded alike, and nobody ever asked us to.",
            "Her brother Lowen Pellow will keep the smallest furnace for repairs, but no new bells will be cast on "
            "the creek. The buildings are due to become a boatyard.",
        ),
        residue=(
            "Sign in", "Subscribe", "Featured", "Crafts", "Isolde Marrack", "May 20, 2024", "5 min read",
            "A family firm", "From the Review", "members keep it that way", "Become a member", "Read more",
            "Sign up for Tidewater Review", "straight to your inbox", "Email sent", "No spam", "Not a member yet",
            "4 comments", "Sign up for more like this", "Enter your email", "Who still makes salt",
            "Two families and a retired", "Powered by Ghost", "uses cookies", "Learn more", "Got it",
        ),
        image="A bronze bell on a lathe with curls of metal shavings on the floor",
    ),
    Page(
        "blogger.html", "The Stile at Carrow Head", "Morwenna Tregear",
        body=(
            "There is a stone stile on the cliff path at Carrow Head that has been the subject of a polite argument "
            "between two parishes for about forty years.",
            "Both parishes agree the stile exists. What they disagree about is which of them has to repair it, "
            "because the old boundary stone that would settle the matter fell into the sea in the storms of 1987.",
            "Who mends it",
            "In practice, the stile is mended by whoever walks past with a hammer. This month that was me, with two "
            "galvanised nails and a piece of oak I found on the beach at Porthlenna Cove, which I think is a fair use "
            "of driftwood.",
            "The repairs so far, as far as I can reconstruct them from the parish magazines:",
            "A new oak step in 1994, paid for by a raffle.",
            "A handrail in 2008, removed by cattle in 2009.",
            "My two nails, last Tuesday.",
            "The stile belongs to everyone who climbs it, and therefore to nobody who owns a hammer.",
            "That line comes from a letter to the parish magazine in 1991, signed only by a walker from the next "
            "valley. Nobody has ever found out who wrote it.",
            "If you are walking west from the car park, the stile is about twenty minutes along the path, just past "
            "the bench with the brass plaque. Mind the step.",
        ),
        residue=(
            "uses cookies from Google", "Learn more", "Coast Path Diary", "one stile at a time",
            "Saturday, 10 February 2024", "Posted by", "Morwenna Tregear", "09:15", "Email This", "BlogThis",
            "Share to", "Labels", "west cornwall", "2 comments", "I climbed it last summer", "Reply", "Delete",
            "Post a Comment", "Newer Post", "Older Post", "Home", "Subscribe to", "Post Comments (Atom)",
            "Follow by Email", "Popular Posts", "wind pump at Trevean", "Powered by", "Simple theme",
        ),
        image="A granite stile in a dry-stone wall above the sea, with a wooden step nailed to one side",
    ),
    Page(
        "feed-flattened-1.txt", "The Lamplighters of Brannock Street", "",
        body=(
            "Every evening at dusk, three volunteers walk the length of Brannock Street with a ladder, a long brass "
            "pole and a box of spare mantles.",
            "The street has the last nineteen gas lamps in the town, and the volunteers have lit them by hand since "
            "the gas board tried to remove them in 2002.",
            "How the lamps work",
            "Each lamp has a pilot flame that never goes out, and the lamplighter only has to open a valve with the "
            "hooked pole to bring the mantle up to full brightness.",
            "The route takes about forty minutes:",
            "Start at the chapel end, where the oldest lamp stands.",
            "Cross at the bakery to light the four on the north side.",
            "Finish at the harbour wall, where the wind is worst.",
            '"You learn to read the weather by how the flame leans," says Hester Dunmore, who has done the round '
            "every Thursday for eleven years.",
            # near miss: prose that starts like residue
            "Read more about the lamps in our earlier piece on the street's restoration, which covered the gas "
            "board dispute.",
        ),
        residue=(
            "Listen on", "Spotify", "Apple Podcasts", "Overcast", "Patreon", "Buy me a coffee", "Ko-fi",
            "Share this", "Twitter", "Facebook", "Like this", "Loading", "Related", "Comments", "3 comments",
            "Leave a reply", "appeared first on", "Harbour Ledger",
        ),
    ),
    Page(
        "feed-flattened-2.txt", "The Orchard That Came Back", "",
        body=(
            "The old orchard behind the Wessel farm was grubbed up in 1971 to make room for barley, and for fifty "
            "years nobody thought about it again.",
            "Last autumn a retired surveyor named Caspar Lund found the planting plan in a drawer at the parish hall "
            "and decided to put the orchard back, tree by tree.",
            "He found the original varieties in a nursery catalogue from 1923 and tracked down living cuttings of "
            "eleven of the fourteen.",
            "Three varieties seem to be lost for good: the Wessel Russet, the Parson's Blush and a cooking apple "
            "known only as Long Tom.",
            "The first trees went in on a wet Saturday in February, planted by forty volunteers and a tractor "
            "borrowed from the farm next door.",
            "Lund expects the first real crop in about five years, if the deer leave the saplings alone.",
        ),
        residue=(
            "Listen on", "Spotify", "originally published", "The Village Pump", "Click here", "Read more", "•",
            "Posted by", "9:15", "Subscribe to", "Post Comments", "Sign up for our newsletter", "Enter your email",
            "Harbour Ledger", "RSS Feed",
        ),
    ),
)


def _script(page: Page) -> Script:
    return make_script(read_post(CMS / page.file), Profile(intro="", outro=""))


def _shown(script: Script) -> str:
    return " ".join(line.shown for p in script.paragraphs() for line in p.lines if line.shown)


@pytest.mark.parametrize("page", PAGES, ids=[p.file for p in PAGES])
def test_metadata_found(page: Page) -> None:
    post = read_post(CMS / page.file)
    assert post.title == page.title
    assert post.author == page.author  # plain text has no author line to find ("" expected)


@pytest.mark.parametrize("page", PAGES, ids=[p.file for p in PAGES])
def test_every_body_sentence_survives(page: Page) -> None:
    shown = _shown(_script(page))
    missing = [s for para in page.body for s in sentences(para) if s not in shown]
    assert not missing
    # …in order, and nothing but the title and the body is left
    positions = [shown.index(sentences(para)[0]) for para in page.body]
    assert positions == sorted(positions)
    rest = shown
    for para in (page.title, *page.body):
        for s in sentences(para):
            rest = rest.replace(s, "", 1)
    assert re.sub(r"[\s.]", "", rest) == ""


@pytest.mark.parametrize("page", PAGES, ids=[p.file for p in PAGES])
def test_no_residue_is_spoken(page: Page) -> None:
    script = _script(page)
    spoken, shown = script.text(), _shown(script)
    assert [r for r in page.residue if r in spoken or r in shown] == []


@pytest.mark.parametrize("page", [p for p in PAGES if p.image], ids=[p.file for p in PAGES if p.image])
def test_structure_kept(page: Page) -> None:
    blocks = read_post(CMS / page.file).blocks
    kinds = {b.kind for b in blocks}
    assert {"heading", "item", "quote", "paragraph"} <= kinds
    assert ("image", page.image) in [(b.kind, b.text) for b in blocks]


def test_counts() -> None:
    """The fixtures check what they claim to: at least 6 body paragraphs and a dozen residue strings each."""
    for page in PAGES:
        assert len(page.body) >= 6 and len(page.residue) >= 12, page.file


@pytest.mark.parametrize(("line", "name"), [
    ("Continue reading on Medium »", "continue-reading"),
    ("Continue reading on The Startup »", "continue-reading"),
    ("Continue reading…", "continue-reading"),
    ("Member-only story", "medium-ui"),
    ("6 min read", "medium-ui"),
    ("312 Followers", "medium-ui"),
    ("Get unlimited access to the best of Medium for less than $1/week.", "medium-ui"),
    ("Originally published at https://wrenwrites.example on March 4, 2024.", "originally-published"),
    ("Originally published at wrenwrites.example.", "originally-published"),
    ("This article was originally published on The Conversation. Read the original article.",
     "originally-published"),
    ("Subscribe now", "substack-buttons"),
    ("Share", "substack-buttons"),
    ("Leave a comment", "substack-buttons"),
    ("Give a gift subscription", "substack-buttons"),
    ("Get 20% off for 1 year", "substack-buttons"),
    ("Read more", "read-more"),
    ("Read more »", "read-more"),
    ("[Read more…]", "read-more"),
    ("Read the full story", "read-more"),
    ("Read more: The Night the Crane Fell", "read-more"),
    ("Click here to subscribe", "read-more"),
    ("Click here", "read-more"),
    ("Share this:", "share-row"),
    ("Like this:", "share-row"),
    ("Like Loading...", "share-row"),
    ("Tweet", "share-row"),
    ("Share on Facebook", "share-row"),
    ("Twitter | Facebook | LinkedIn | Email", "share-row"),
    ("Click to share on Twitter (Opens in new window)", "share-row"),
    ("We use cookies to ensure that we give you the best experience on our website.", "cookie-prompt"),
    ("This site uses cookies from Google to deliver its services and to analyse traffic.", "cookie-prompt"),
    ("By continuing to use this site, you agree to our use of cookies. Learn more", "cookie-prompt"),
    ("Accept all cookies", "cookie-prompt"),
    ("Got it!", "cookie-prompt"),
    ("Sign up for our newsletter", "newsletter-prompt"),
    ("Enter your email address to get new stories every week.", "newsletter-prompt"),
    ("Enter your email", "newsletter-prompt"),
    ("Thanks for reading Plot Notes! Subscribe for free to receive new posts and support my work.",
     "newsletter-prompt"),
    ("Get new posts delivered straight to your inbox.", "newsletter-prompt"),
    ("Join 4,210 other subscribers", "newsletter-prompt"),
    ("Newsletter", "newsletter-prompt"),
    ("Buy me a coffee on Ko-fi", "coffee-plug"),
    ("Buy Me a Coffee", "coffee-plug"),
    ("If you enjoyed this post, you can buy me a coffee.", "coffee-plug"),
    ("Tip me on Ko-fi ☕", "coffee-plug"),
    ("ko-fi.com/harbourledger", "coffee-plug"),
    ("Support us on Patreon", "support-plug"),
    ("Support me on Ko-fi", "support-plug"),
    ("Posted by Caspar Lund at 9:15 AM", "posted-by"),
    ("Posted by Morwenna Tregear at 09:15 No comments: Email ThisBlogThis!", "posted-by"),
    ("Posted by Ada on Saturday, February 10, 2024", "posted-by"),
    ("Posted in Harbour | Tagged ferries | Leave a comment", "posted-by"),
    ("Related", "related"),
    ("Related posts", "related"),
    ("You may also like", "related"),
    ("Related: The harbour lights come back on", "related"),
    ("Comments", "comments-header"),
    ("3 comments", "comments-header"),
    ("2 comments:", "comments-header"),
    ("Leave a reply", "comments-header"),
    ("2 thoughts on “Why the Tide Clock on Quay Street Runs Backwards”", "comments-header"),
    ("Newer Post Older Post Home", "post-navigation"),
    ("« Previous post", "post-navigation"),
    ("Subscribe to: Post Comments (Atom)", "feed-links"),
    ("About the author", "author-bio"),
])
def test_new_rules_match_residue(line: str, name: str) -> None:
    assert find_rule(line) == name


@pytest.mark.parametrize("line", [
    "Read more about the harbour in our earlier piece, which covered the storm.",
    "Continue reading the letters and you will find the same complaint in every one.",
    "Originally published in 1952, the cookbook sold out twice before the war ended.",
    "The recipe was originally published in a church cookbook, and it shows.",
    "Share the load, and the work goes twice as fast.",
    "Subscribe to the idea that every lamp matters and the round gets easier.",
    "Leave a comment in the visitors' book if you climb the stile.",
    "We use cookies from the bakery on Mill Lane as a reward for the volunteers.",
    "The bakery's cookies sold out by nine on Saturday.",
    "She signed up for the newsletter in 1998 and still reads every issue.",
    "Sign up for the pottery class opens on Tuesday at the village hall.",
    "Get the bread out of the oven before the email arrives.",
    "Buy me a coffee, she said, and I'll tell you the whole story.",
    "Posted by a friend at the harbour office, the letter took nine days to arrive.",
    "Posted on the noticeboard for a week, the notice drew no replies.",
    "Related families still farm the land on both sides of the creek.",
    "Comments from the mayor surprised everyone at the meeting.",
    "Two responses to the survey stood out from the rest.",
    "Home is where the tide clock is.",
    "Tweet by tweet, the story spread across the island.",
    "Click here, the guide said, and the door swung open.",
    "About the author of the 1923 catalogue almost nothing is known.",
    "Like this, the lamplighter said, turning the valve slowly.",
    "Follow the path west until you reach the bench.",
    "More from the archive will appear next week.",
])
def test_new_rules_leave_prose_alone(line: str) -> None:
    assert find_rule(line) is None


def test_rules_are_fast_on_long_paragraphs() -> None:
    long = "Share this with anyone who likes cookies and newsletters, " * 200 + "and then read more."
    assert find_rule(long) is None


def test_cli_explain_names_the_rules() -> None:
    result = CliRunner().invoke(main, ["script", str(CMS / "medium.html"), "--explain"])
    assert result.exit_code == 0, result.output
    assert "removed by medium-ui: Member-only story" in result.stderr
    assert "removed by originally-published: Originally published at https://wrenwrites.example" in result.stderr
    assert "removed by continue-reading: Continue reading on Medium »" in result.stderr
    assert "Continue reading" not in result.stdout and "Member-only" not in result.stdout
    assert "For most of last winter I wrote on the night ferry" in result.stdout


def test_taxonomy_classes_and_chrome_wrappers_never_hide_the_article() -> None:
    from audiopost.sources.html import parse

    page = ('<html><body><div id="page" class="site has-sidebar"><article class="post-9 post type-post '
            'tag-social-media category-ads"><h1>T</h1><p>The ferry runs again on Monday.</p>'
            '<div class="post-footer">Posted by Ada at 9:15 AM</div></article>'
            '<div class="sidebar"><p>Recent posts</p></div></div></body></html>')
    assert [b.text for b in parse(page).blocks] == ["The ferry runs again on Monday."]


def test_author_named_in_prose_keeps_its_paragraph_but_a_bio_box_goes() -> None:
    from audiopost.sources.html import parse

    page = ('<html><body><article><h1>T</h1><p>Notes by <a rel="author" href="/jo">Jo</a> from the quay.</p>'
            '<p>The ferry runs again on Monday.</p><div class="writer"><p>Jo <a rel="author" href="/jo">posts</a>'
            '</p><p>Jo lives by the sea and writes about boats.</p></div></article></body></html>')
    assert [b.text for b in parse(page).blocks] == ["Notes by Jo from the quay.", "The ferry runs again on Monday."]


def test_blogger_line_breaks_make_paragraphs_and_links_stay_inline() -> None:
    from audiopost.sources.html import parse

    page = ('<html><body><div class="post-body entry-content">First line ends here.<br>Second one, with a '
            '<a href="/x">link</a> inside.<br /><br />A new paragraph<br>wrapped by hand.</div></body></html>')
    assert [b.text for b in parse(page).blocks] == [
        "First line ends here.", "Second one, with a link inside.", "A new paragraph wrapped by hand."]
