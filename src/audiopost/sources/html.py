"""HTML pages: metadata from <head>, the article body found among nav, footer and asides."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from audiopost.errors import AudiopostError
from audiopost.sources.dates import iso_date
from audiopost.sources.post import Block, Post

# Never spoken: code and chrome. Hidden elements are dropped too (see _hidden).
DROP_TAGS = ("script", "style", "noscript", "iframe", "template", "svg", "canvas", "form", "button",
             "nav", "aside", "footer", "select", "input", "textarea", "object", "embed", "video", "audio")
CHROME = re.compile(r"(^|[\s_-])(share|sharing|social|comments?|related|newsletter|subscribe|cookie|"
                    r"sidebar|author-?bio|breadcrumbs?|menu|navbar|advert|ads?|promo|popup|modal|"
                    r"signup|jp-relatedposts|sharedaddy|wp-block-buttons|post-navigation|tags?-links)($|[\s_-])",
                    re.I)
def _cls(name: str) -> str:
    return f'//*[contains(concat(" ", normalize-space(@class), " "), " {name} ")]'


BODY_XPATHS = ('//*[@itemprop="articleBody"]', _cls("entry-content"), _cls("post-content"),
               _cls("article-content"), _cls("article-body"), _cls("post-body"), _cls("gh-content"),
               _cls("available-content"), "//article", "//main", '//*[@role="main"]')
BLOCK_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "blockquote", "li", "pre", "table", "figure",
              "img", "dd", "dt"}


def _hidden(el: etree._Element) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    return (el.get("hidden") is not None or el.get("aria-hidden") == "true"
            or "display:none" in style or "visibility:hidden" in style)


def _chrome(el: etree._Element) -> bool:
    return bool(CHROME.search(f"{el.get('class', '')} {el.get('id', '')}")) or el.get("role") in (
        "navigation", "complementary", "contentinfo", "banner")


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


def _text(el: etree._Element) -> str:
    for mark in el.xpath(".//sup[a] | .//a[starts-with(@href, '#fn')]"):  # footnote markers
        mark.drop_tree()
    return re.sub(r"\s+", " ", el.text_content()).strip()


def _clean(root: lxml.html.HtmlElement) -> None:
    for el in list(root.iter()):
        if not isinstance(el.tag, str):  # comments, processing instructions
            if el.getparent() is not None:
                _remove_keep_tail(el)
            continue
        if el.getparent() is None:
            continue
        if el.tag in DROP_TAGS or _hidden(el) or (_chrome(el) and el.tag not in ("body", "html")):
            el.drop_tree()


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

    def walk(el: etree._Element, quote: bool) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            out.append(Block("heading", _text(el), int(tag[1])))
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
        if tag in ("p", "dd", "dt") or (tag == "li" and not el.xpath(".//p|.//li|.//ul|.//ol")):
            text = _text(el)
            if text:
                out.append(Block("quote" if quote else "item" if tag == "li" else "paragraph", text))
            elif el.find(".//img") is not None:
                out.append(Block("image", el.find(".//img").get("alt", "").strip()))
            return
        if tag in ("div", "section", "article", "main", "body", "span", "header") and el.text and el.text.strip() \
                and not any(isinstance(c.tag, str) and c.tag in BLOCK_TAGS | {"div"} for c in el):
            out.append(Block("paragraph", _text(el)))
            return
        if el.text and el.text.strip() and tag not in ("blockquote", "ul", "ol"):
            out.append(Block("quote" if quote else "paragraph", el.text.strip()))
        for child in el:
            walk(child, quote)
            if child.tail and child.tail.strip():
                out.append(Block("quote" if quote else "paragraph", child.tail.strip()))

    walk(root, False)
    return [b for b in out if b.text or b.kind in ("code", "table", "image")]


def parse(content: str) -> Post:
    """A Post from an HTML page (a saved article page or a fragment)."""
    try:
        doc = lxml.html.document_fromstring(content.encode("utf-8"),
                                            parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError) as e:
        raise AudiopostError(f"cannot parse the HTML: {e}") from None
    title = _meta(doc, "og:title", "twitter:title") or (doc.findtext(".//title") or "").strip()
    h1 = doc.xpath("//h1")
    author = _meta(doc, "author", "article:author", "parsely-author", "sailthru.author")
    if not author:
        found = doc.xpath('//*[@rel="author"] | //*[@itemprop="author"] | //*[contains(@class,"author-name")]')
        author = _text(found[0]) if found else ""
    date = _meta(doc, "article:published_time", "datePublished", "date", "pubdate", "dc.date")
    if not date:
        times = doc.xpath("//time/@datetime")
        date = str(times[0]) if times else ""
    canonical = doc.xpath('//link[@rel="canonical"]/@href')
    link = str(canonical[0]) if canonical else _meta(doc, "og:url")
    lang = (doc.get("lang") or doc.get("{http://www.w3.org/XML/1998/namespace}lang") or "").strip()
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
    if found and found[0].kind == "heading" and found[0].text.lower() == title.lower():
        found = found[1:]
    if not title and found:
        title = found[0].text[:120]
    return Post(title=title, blocks=tuple(found), author=author, date=iso_date(date), link=link,
                image=image, site=site, language=lang)
