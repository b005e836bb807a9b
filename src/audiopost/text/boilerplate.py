"""Feed and page residue that must never be spoken, as named rules over whole blocks.

A rule is a name and a regular expression; a block whose whole text matches is dropped. Users add or
disable rules in their voice profile (see ``profiles.py``); ``audiopost script --explain`` prints which
rule removed what.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_PLATFORMS = (r"spotify|apple podcasts?|google podcasts|youtube( music)?|online|stitcher|overcast|"
              r"pocket ?casts|castbox|amazon music|soundcloud|podbean|rss|deezer|tunein|iheart(radio)?|"
              r"the web|our website|anchor|radio ?public|patreon|substack")


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]

    def matches(self, text: str) -> bool:
        return self.pattern.fullmatch(text.strip()) is not None


def rule(name: str, regex: str) -> Rule:
    """A rule from a name and a regex matched (case-insensitively) against a whole block."""
    try:
        return Rule(name, re.compile(regex, re.IGNORECASE | re.DOTALL))
    except re.error as e:
        from audiopost.errors import AudiopostError

        raise AudiopostError(f"boilerplate rule {name!r}: bad regular expression: {e}") from None


_ARROW = r"(»|›|→|>>?|…|\.{3})"
_CLAUSE = r"(the|it|he|she|they|we|i|and|but|which|who|where|when|so|a|an|this|that)"
"""Words that start a clause: "Originally published in 1952, the cookbook…" is prose, not a footer."""
_SOCIAL = (r"(twitter|x|facebook|linkedin|pinterest|reddit|tumblr|whatsapp|telegram|mastodon|bluesky|threads|"
           r"pocket|flipboard|e-?mail|print|more|messenger|hacker ?news|copy link)")
_SHARE_TOKEN = (rf"(share( this( post| article| story| page)?)?:?|like this:?|like|like loading\.*|loading\.*|"
                rf"tweet( this)?|pin( it)?|email this|blogthis!?|(share|post|send|pin) (on|to|via) {_SOCIAL}|"
                rf"{_SOCIAL}|click to (share|email|print)[^()]{{0,60}}(\s*\(opens in new window\))?|"
                rf"\(?opens in new window\)?|follow|clap|claps|save)")
_TEASER = (r"(thanks for reading [^!?.]{1,60}[!.]|enjoyed (this|it)( post| article)?[?!.]|like what you read\?|"
           r"want more( stories)? like this\?|never miss a (post|story|thing)[.!]|don't miss (out|a thing)[.!])")
_SIGNUP = (r"((sign up|subscribe|register) (for|to) (our|my|the|a)\b[^.!?]{0,40}\b"
           r"(newsletter|mailing list|digest|updates)|"
           r"enter your e-?mail( address)?|type your e-?mail|subscribe (for free )?to (receive|get)\b|"
           r"(get|receive) [^.!?]{0,50}\bto your inbox|join \d[\d,.k]* (other )?(subscribers|readers)|"
           r"get an email whenever [^.!?]{1,60} publishes|discover more from [^.!?]{1,60}|"
           r"subscribe to get the latest posts|no spam[.,!]? unsubscribe)")
_TIME = r"\d{1,2}[:.]\d{2}\s*([ap]\.?\s?m\.?)?"
_DATE = (r"([a-z]+,? )?([a-z]+\.? \d{1,2}(st|nd|rd|th)?,? \d{4}|\d{1,2}(st|nd|rd|th)? [a-z]+,? \d{4}|"
         r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4})")
_POST_FOOTER = (r"(\s*(no|\d+) comments?:?|\s*labels?:[^.!?]{0,120}|\s*(email this|blogthis!?|"
                r"share to (twitter|facebook|pinterest|x)|share on \w+))")
_NAV = r"(newer posts?|older posts?|previous (post|article|story)|next (post|article|story)|home)"

APPEARED_FIRST = re.compile(r"the post (?P<title>.+?) appeared first on (?P<site>[^,;]{1,80}?)\.?", re.I | re.S)
RSS_BRIDGE = re.compile(r"from (?P<site>.+?) via .{0,80}?\brss feed\.?", re.I | re.S)



def _footers() -> list[str]:
    """The feed footers of every language with rules ("La entrada … se publicó primero en …", "Der Beitrag …
    erschien zuerst auf …"): all of them, because a WordPress feed often states the language of its
    installation, not of its posts."""
    from audiopost.text import lang

    found = [pattern for code in lang.CODES if (rules := lang.get(code)) is not None for pattern in rules.footers]
    return [re.sub(r"\(\?P<\w+>", "(?:", pattern) for pattern in found]  # joined in one rule: no group names


DEFAULT_RULES: tuple[Rule, ...] = (
    rule("separator", r"[\s*•·\-–—_=~#|+.<>]*"),
    rule("player-links", rf"(listen|watch|stream|hear|subscribe|follow)\b.{{0,60}}?\b(on|at|in|via)\b.{{0,40}}?"
                         rf"\b({_PLATFORMS})\b.{{0,120}}"),
    rule("platform-row", rf"(\s*[|•·,/]?\s*({_PLATFORMS})\s*)+"),
    rule("support-plug", r"(support|back|fund|join|become a (patron|member|supporter) of)\b.{0,80}?"
                         r"\b(patreon|ko-?fi|buy ?me ?a ?coffee|paypal|liberapay|open ?collective|"
                         r"substack|membership)\b.{0,80}"),
    rule("appeared-first", "|".join(f"(?:{pattern})" for pattern in (APPEARED_FIRST.pattern, *_footers()))),
    rule("rss-bridge", RSS_BRIDGE.pattern),
    # Medium: the feed's "Continue reading on Medium »" and the page's member and reader chrome.
    rule("continue-reading", rf"continue reading\s*{_ARROW}?|continue reading on medium\.?"
                             rf"|continue reading (on|at) [^,;!?»]{{1,60}}?\s*{_ARROW}"),
    rule("medium-ui", r"member-only story|open in app|\d+ min read|published in [^.!?,]{1,60}|"
                      r"[\d.,]+k? (followers|following)|become a (medium )?member|more from [^.!?,]{1,60}|"
                      r"get unlimited access to (the best of )?medium\b[^.!?]{0,60}[.!?]?|recommended from medium"),
    rule("originally-published", r"(this (article|post|story|piece|essay|entry|newsletter|column) "
                                 r"(was|is|has been) )?(originally|first) (published|posted|appeared)( (at|on|in|by))? "
                                 rf"(?!.*,\s+{_CLAUSE}\b)[^!?]{{1,140}}?(\s*read the original( article| post)?\.?)?"),
    # Substack's buttons as text (feeds, e-mails, pages whose button markup was flattened).
    rule("substack-buttons", r"(subscribe( now| for free)?|share( this (post|article|story|episode))?|leave a comment|"
                             r"give a gift subscription|get \d+% off[^.!?]{0,60}|upgrade to paid|start writing|"
                             r"get the app|pledge your support)\s*[!.»→]?"),
    rule("read-more", rf"[\[(]?(read more|read the (full|whole|rest of the) (story|article|post|piece)( here)?|"
                      rf"keep reading|read on|click here|tap here)\s*{_ARROW}?[\])]?\.?|"
                      r"(read more|read next|also read|more on this)\s*:\s*[^.!?]{1,120}|"
                      r"(click|tap) here (to|for) [^.!?,]{1,60}[.!]?"),
    rule("share-row", rf"(\s*[|•·,/]?\s*{_SHARE_TOKEN})+\s*"),
    rule("cookie-prompt", r"(accept( all)?( cookies)?|reject( all| non-essential)?( cookies)?|got it!?|i agree|"
                          r"manage (preferences|cookies|settings)|cookie (settings|preferences|policy))\s*[!.]?|"
                          r"(?=.{0,300}?\b(we use cookies|(this|our) (web)?site uses cookies|use of cookies|"
                          r"(accept|allow) (all )?cookies|cookie (settings|preferences|policy|consent)))"
                          r"(?=.{0,400}?\b(experience|analy[sz]e|traffic|personali[sz]e|advertis|consent|privacy|"
                          r"policy|preferences|settings|learn more|got it|accept|agree))[^\n]{1,400}"),
    rule("newsletter-prompt", r"(newsletter|sign up( now| for free)?|follow by e-?mail|join the newsletter)\s*[.!:»]?|"
                              rf"({_TEASER}\s*)?{_SIGNUP}[^.!?]{{0,120}}[.!?…]*"
                              rf"(\s*({_TEASER}|{_SIGNUP})[^.!?]{{0,120}}[.!?…]*)*"),
    rule("coffee-plug", r"(enjoyed (this|it)[^.!?]{0,40}[?!.,]\s*|"
                        r"if you (enjoy|enjoyed|like|liked|found)[^.!?]{0,60},\s*)?"
                        r"((you can|please|why not|consider|or)\s+)?(buy me a (coffee|tea|beer)|"
                        r"(support|tip|thank) (me|us|the author|this (blog|work|newsletter|podcast))"
                        r"( (on|via|at|with) (ko-?fi|buy ?me ?a ?coffee))|ko-?fi(\.com/\S+)?|buymeacoffee\.com/\S+|"
                        r"tip jar:?)( (on|at|via|over at|with) [^,.!?]{1,60}| ?[a-z0-9./-]*ko-?fi[a-z0-9./-]*)?"
                        r"\s*[.!☕]*\s*"),
    # Blogger's "Posted by NAME at TIME" footer; WordPress's "Posted in CATEGORY | Leave a comment".
    rule("posted-by", rf"posted by [^.!?\n]{{1,60}}? (at|on) ({_TIME}|{_DATE})({_POST_FOOTER})*|"
                      r"posted (in|on) [^.!?|,]{1,60}(\s*\|\s*(tagged [^|]{1,80}|leave a comment|\d+ comments?))+"),
    rule("related", r"(related( posts| articles| stories| reading)?|you (may|might) also (like|enjoy)|"
                    r"more (like this|stories)|recommended( for you| reading)?|read next|similar posts|"
                    r"popular posts)\s*[:»]?|related\s*:\s*[^.!?]{1,120}"),
    rule("comments-header", r"((\d+|no|one|two|three|four|five|six|seven|eight|nine|ten) "
                            r"(comments?|responses?|replies|thoughts) (on|to) [“\"'‘«].{1,120}[”\"'’»]\.?)|"
                            r"(comments?|responses?|discussion( about this (post|article))?|leave a (reply|comment)|"
                            r"post a comment|add a comment|join the (discussion|conversation)|cancel reply|"
                            r"(view|show|load more) comments|your e-?mail address will not be published|"
                            r"(\d+|no|one) (comments?|responses?|replies))\s*[:.]?"),
    rule("post-navigation", rf"((«|‹|←)\s*)?{_NAV}(\s*(»|›|→))?(\s*[|•·]?\s*{_NAV})*"),
    rule("feed-links", r"subscribe to:?(\s*(post comments|posts|comments)( \((atom|rss)\))?)+"),
    rule("author-bio", r"(about|meet) the (author|writer)s?:?"),
)


@dataclass(frozen=True)
class Removal:
    rule: str
    text: str
    evidence: str = ""
    """Why, for rules that weigh evidence (see evidence.py): "in 9 of 10 entries"."""


def find_rule(text: str, rules: Sequence[Rule] = DEFAULT_RULES) -> str | None:
    """The name of the first rule that matches the whole of ``text``, or None."""
    for r in rules:
        if r.matches(text):
            return r.name
    return None


def clean(texts: Iterable[str], rules: Sequence[Rule] = DEFAULT_RULES) -> tuple[list[int], list[Removal]]:
    """Indexes of the texts to keep, and what was removed by which rule."""
    kept: list[int] = []
    removed: list[Removal] = []
    for i, text in enumerate(texts):
        name = find_rule(text, rules)
        if name is None:
            kept.append(i)
        else:
            removed.append(Removal(name, text.strip()))
    return kept, removed


def residue_metadata(lines: Iterable[str]) -> dict[str, str]:
    """Title and site named by feed residue ("The post T appeared first on S.", "From S via … RSS Feed")."""
    found: dict[str, str] = {}
    for line in lines:
        line = line.strip()
        m = APPEARED_FIRST.fullmatch(line)
        if m:
            found.setdefault("title", m["title"].strip())
            found.setdefault("site", m["site"].strip().rstrip("."))
        m = RSS_BRIDGE.fullmatch(line)
        if m:
            found.setdefault("site", m["site"].strip())
    return found
