"""HTML pages: metadata from <head>, the article body found among nav, footer and asides."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from audiopost.errors import AudiopostError
from audiopost.sources.dates import iso_date
from audiopost.sources.post import Block, Post, word_chars

# Never spoken: code and chrome. Hidden elements are dropped too (see _hidden).
DROP_TAGS = ("script", "style", "noscript", "iframe", "template", "svg", "canvas", "form", "button",
             "nav", "aside", "footer", "select", "input", "textarea", "object", "embed", "video", "audio")
CHROME = re.compile(r"(^|[\s_-])(share|sharing|social|comments?|related|newsletter|subscribe|cookie|"
                    r"sidebar|author-?bio|breadcrumbs?|menu|navbar|advert|ads?|promo|popup|modal|"
                    r"signup|jp-relatedposts|sharedaddy|wp-block-buttons|post-navigation|tags?-links|"
                    # newer CMS chrome: subscription widgets and calls to action, consent banners, byline and
                    # reaction bars, post footers, author boxes, pagers and feed links
                    r"subscriptions?|cta|call-to-action|paywall|upsell|cookie\w*|consent\w*|gdpr|"
                    r"speechify-ignore|byline|ufi|button-wrapper|claps?|multi-vote|responses?-count|likes|"
                    r"(post|entry|article|story)-(footer|meta|share|tags|labels)|author-(box|info|card|about)|"
                    r"about-author|saboxplugin-wrap|blog-pager|pager|pagination|post-feeds|feed-links|"
                    r"share-buttons?|a2a_kit|addtoany|read-more(-wrap)?|recommended|more-from)($|[\s_-])",
                    re.I)
TAXONOMY = re.compile(r"(tag|category|cat|label|topic|format|status|type)-|post(id)?-\d", re.I)
"""WordPress and Ghost class the article by its tags and categories ("tag-social-media"): never chrome."""
ROLES = ("navigation", "complementary", "contentinfo", "banner", "dialog", "alertdialog")


def _cls(name: str) -> str:
    return f'//*[contains(concat(" ", normalize-space(@class), " "), " {name} ")]'


BODY_XPATHS = ('//*[contains(concat(" ", normalize-space(@itemprop), " "), " articleBody ")]',
               _cls("entry-content"), _cls("post-content"), _cls("article-content"), _cls("article-body"),
               _cls("post-body"), _cls("gh-content"), _cls("available-content"), "//article", "//main",
               '//*[@role="main"]')
BLOCK_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "blockquote", "li", "pre", "table", "figure",
              "img", "dd", "dt"}


BLOCKISH = BLOCK_TAGS | {"div", "section", "article", "main", "header", "ul", "ol", "dl", "hr", "details",
                        "address", "center", "figcaption", "aside", "nav", "form"}
_BLOCKISH_XPATH = " | ".join(f".//{t}" for t in sorted(BLOCKISH))


def _blockish(el: etree._Element) -> bool:
    """A block, or an inline element wrapping one (Blogger's <a><img></a>, <span><div>…</div></span>)."""
    return el.tag in BLOCKISH or bool(el.xpath(_BLOCKISH_XPATH))


def _hidden(el: etree._Element) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    return (el.get("hidden") is not None or el.get("aria-hidden") == "true"
            or "display:none" in style or "visibility:hidden" in style)


def _chrome(el: etree._Element) -> bool:
    names = [c for c in (el.get("class") or "").split() if not TAXONOMY.match(c)]
    names.append(el.get("id") or "")
    return any(CHROME.search(name) for name in names if name) or el.get("role") in ROLES or bool(
        re.search(r"cookie|consent", el.get("aria-label") or "", re.I))


def _remove_keep_tail(el: etree._Element) -> None:
    parent = el.getparent()
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _meta(doc: lxml.html.HtmlElement, *names: str) -> str:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            found = doc.xpath(f'//meta[@{attr}="{name}"]/@content')
            if found and found[0].strip():
                return str(found[0]).strip()
    return ""


def _link_chars(el: etree._Element) -> int:
    """Letters and digits of link text inside ``el`` (``el`` itself counts when it is a link)."""
    links = [el] if el.tag == "a" else el.iterfind(".//a")
    return sum(word_chars(a.text_content()) for a in links)


def _text(el: etree._Element) -> str:
    for mark in el.xpath(".//sup[a] | .//a[starts-with(@href, '#fn')]"):  # footnote markers
        mark.drop_tree()
    for br in el.iter("br"):  # a line break inside a paragraph still separates words
        br.tail = " " + (br.tail or "")
    return re.sub(r"\s+", " ", el.text_content()).strip()


def _clean(root: lxml.html.HtmlElement) -> None:
    body = root.find("body")
    main = _body(root) if body is not None else root
    keep = set(main.iterancestors())  # chrome-ish wrappers of the article ("site has-sidebar") stay
    for el in list(root.iter()):
        if not isinstance(el.tag, str):  # comments, processing instructions
            if el.getparent() is not None:
                _remove_keep_tail(el)
            continue
        if el.getparent() is None:
            continue
        if el.tag in DROP_TAGS or _hidden(el) or (_chrome(el) and el.tag not in ("body", "html") and el not in keep):
            el.drop_tree()
    if body is not None:
        for box in _boxes(body, keep | {main}):
            if box.getparent() is not None:
                box.drop_tree()


def _boxes(body: etree._Element, stop: set[etree._Element]) -> list[etree._Element]:
    """Small boxes around an author link (bios, bylines) or a members' sign-up link (Ghost portal)."""
    found = []
    authors = body.xpath('.//*[contains(concat(" ", normalize-space(@rel), " "), " author ")]')
    for link in authors + body.xpath('.//a[starts-with(@href, "#/portal")] | .//*[@data-portal]'):
        box = link
        while True:
            parent = box.getparent()
            if (parent is None or parent is body or parent in stop or parent.tag in ("article", "main")
                    or parent.find(".//h1") is not None or len(parent.text_content()) > 600
                    or parent.xpath("count(.//p)") > 3):
                break
            box = parent
        if box.tag in ("a", "span", "b", "strong", "em", "i") or (link in authors and box.tag in ("p", "li")):
            continue  # an author named in prose keeps its paragraph
        if not (box.tag == "p" and len(box.text_content()) > 300):
            found.append(box)
    return found


def _body(doc: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    for xpath in BODY_XPATHS:
        found = doc.xpath(xpath)
        if found:
            return max(found, key=lambda e: len(e.text_content()))
    candidates = doc.xpath("//*[p]")
    if candidates:
        return max(candidates, key=lambda e: sum(len(p.text_content()) for p in e.findall("p")))
    body = doc.find("body")
    if body is None:
        raise AudiopostError("the HTML page has no body")
    return body


def _blocks(root: etree._Element) -> list[Block]:
    out: list[Block] = []

    def walk(el: etree._Element, quote: bool, linked: bool = False) -> None:
        """``linked``: inside a link (a card: <a><img><h4>TITLE</h4></a>), so all its text is link text."""
        tag = el.tag if isinstance(el.tag, str) else ""
        linked = linked or tag == "a"

        def link_chars(node: etree._Element, text: str) -> int:
            return word_chars(text) if linked else _link_chars(node)

        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            text = _text(el)  # a whole teaser set in <h4> (WordPress podcast themes) is a paragraph
            long = len(text.split()) > 25 or re.search(r"[.!?…]\s.*[.!?…]$", text) is not None
            out.append(Block("paragraph", text, links=link_chars(el, text)) if long
                       else Block("heading", text, int(tag[1]), link_chars(el, text)))
            return
        if tag == "pre":
            out.append(Block("code", el.text_content()))
            return
        if tag == "table":
            out.append(Block("table", ""))
            return
        if tag == "img":
            out.append(Block("image", el.get("alt", "").strip()))
            return
        if tag == "figure" and not el.xpath(".//p|.//blockquote"):
            img = el.find(".//img")
            out.append(Block("image", (img.get("alt", "") if img is not None else "").strip()))
            return
        if tag == "blockquote":
            if not any(isinstance(c.tag, str) and c.tag in BLOCK_TAGS for c in el):
                out.append(Block("quote", _text(el)))
                return
            quote = True
        if tag in ("p", "dd", "dt") or (tag == "li" and not el.xpath(".//li|.//ul|.//ol|.//blockquote|.//pre")):
            text = _text(el)
            if text:
                out.append(Block("quote" if quote else "item" if tag == "li" else "paragraph", text,
                                 links=link_chars(el, text)))
            elif el.find(".//img") is not None:
                out.append(Block("image", el.find(".//img").get("alt", "").strip()))
            return
        # Mixed content (Blogger's "text<br><br>text", text around inline links): runs of text and inline
        # elements between blocks are paragraphs; a double <br>, or a <br> after a full stop, ends one.
        run: list[str] = []
        brs = links = 0

        def flush() -> None:
            nonlocal links
            text = re.sub(r"\s+", " ", "".join(run)).strip()
            run.clear()
            if text:
                out.append(Block("quote" if quote else "paragraph", text,
                                 links=word_chars(text) if linked else min(links, word_chars(text))))
            links = 0

        def add(text: str | None, link: int = 0) -> None:
            nonlocal brs, links
            if not text or not text.strip():
                return
            if brs and (brs > 1 or re.search(r"[.!?:;…\"”’)]\s*$", "".join(run))):
                flush()
            run.append(" " if brs else "")
            run.append(text)
            links += link
            brs = 0

        if tag not in ("ul", "ol"):
            add(el.text)
        for child in el:
            if not isinstance(child.tag, str):
                add(child.tail)
            elif child.tag == "br":
                brs += 1
                add(child.tail)
            elif _blockish(child):
                flush()
                brs = 0
                walk(child, quote, linked)
                add(child.tail)
            else:
                for mark in child.xpath(".//sup[a] | .//a[starts-with(@href, '#fn')]"):
                    mark.drop_tree()
                add(child.text_content(), _link_chars(child))
                add(child.tail)
        flush()

    walk(root, False)
    return [b for b in out if b.text or b.kind in ("code", "table", "image")]


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def parse(content: str) -> Post:
    """A Post from an HTML page (a saved article page or a fragment)."""
    content = _CONTROL.sub(" ", content)  # lxml refuses control characters in text nodes
    try:
        doc = lxml.html.document_fromstring(content.encode("utf-8"),
                                            parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError) as e:
        raise AudiopostError(f"cannot parse the HTML: {e}") from None
    title = _meta(doc, "og:title", "twitter:title") or (doc.findtext(".//title") or "").strip()
    h1 = doc.xpath("//h1")
    author = _meta(doc, "author", "article:author", "parsely-author", "sailthru.author")
    if re.match(r"https?://", author):  # article:author is often a profile URL
        author = ""
    if not author:
        found = doc.xpath('//body//*[@rel="author"] | //*[@itemprop="author"] | //*[contains(@class,"author-name")]')
        author = next((t for t in (_text(e) for e in found) if t), "")
    date = _meta(doc, "article:published_time", "datePublished", "date", "pubdate", "dc.date")
    if not date:
        times = doc.xpath('//*[@itemprop="datePublished"]/@datetime | //*[@itemprop="datePublished"]/@content'
                          ' | //*[@itemprop="datePublished"]/@title | //abbr[contains(@class, "published")]/@title'
                          " | //time/@datetime")
        date = str(times[0]) if times else ""
    canonical = doc.xpath('//link[@rel="canonical"]/@href')
    link = str(canonical[0]) if canonical else _meta(doc, "og:url")
    lang = (doc.get("lang") or doc.get("{http://www.w3.org/XML/1998/namespace}lang")
            or _meta(doc, "og:locale", "content-language", "language") or "").strip()
    site = _meta(doc, "og:site_name", "application-name")
    image = _meta(doc, "og:image", "twitter:image")
    if doc.find("body") is None:
        raise AudiopostError("the HTML page has no body")
    _clean(doc)
    found = _blocks(_body(doc))
    if not title and h1:
        title = _text(h1[0])
    title = re.sub(r"\s+", " ", title).strip()
    if (site and title.endswith(f" - {site}")) or (site and title.endswith(f" | {site}")):
        title = title[: -len(site) - 3].strip()
    for i, block in enumerate(found[:3]):  # the title repeated as a heading (maybe after a "Member-only" label)
        if block.kind == "heading" and block.text.lower() == title.lower():
            found = found[:i] + found[i + 1:]
            break
    if not title and found:
        title = found[0].text[:120]
    return Post(title=title, blocks=tuple(found), author=author, date=iso_date(date), link=link,
                image=image, site=site, language=lang)
