"""HTML -> blocks: trafilatura finds the article region, its block tree becomes Blocks with DOM hints.

The engine then classifies those blocks like any text (rules, scores, context), so the chrome
trafilatura leaves inside its region (related links, share rows, author boxes) is removed with the
same rules and ``--explain`` reasons as for a text dump.

Bytes are decoded first (``decode.decode_html``), then ``html_blocks`` tries, in order:
  1. ``extract.trafilatura_blocks``: trafilatura's region (its fast mode; its full extraction, fallback
     extractors compared, when the fast one finds nothing), walked into blocks; then
     ``chunks.add_chunks``: an article split into several containers of one class gets the other
     containers' paragraphs, in place (trafilatura keeps one container).
  2. if trafilatura finds nothing: ``HtmlPage.blocks`` (``dom.dom_blocks`` over the whole page),
     classified as a dump. The same blocks (those of the page's ``<main>``, if it marks one:
     ``HtmlPage.main``) are the wider view ``api.Cleaner`` weighs against trafilatura's region when
     that region keeps little of the page (``widen.py``).
  3. if lxml cannot build the tree (it stops at depth 256): ``markup.strip_tags`` and the text segmenter.

Hints (read with ``Block.hint``):
  tag           p | h1..h6 | li | tr | blockquote | pre: what the block was in the DOM
  link_density  share of the block's characters inside links, 0..1 (rounded to 3 places)
  source        trafilatura | chunk | dom: which stage made the block. trafilatura and chunk blocks
                are the article region already (pre-extracted: only chrome-evident blocks should
                go); dom blocks are the whole page (fallback: classify as a dump)
  page_title    True on the leading block that repeats the page's <title>/og:title: the headline;
                the engine takes it as its title anchor (pipeline.assess), as a dump's first line
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from lxml import etree

from .chunks import add_chunks
from .dom import dom_blocks, parse_html
from .extract import trafilatura_blocks
from .markup import defuse, norm, scrub, strip_tags
from .types import Block

_MAX_TRAFILATURA = 20_000_000  # characters; trafilatura's own MAX_FILE_SIZE. Bigger pages: DOM walk only
# the DOM walk must find at least this share of the tag-stripped text; less means lxml lost part of
# the page (it stops building the tree at depth 256) and the stripped text is used instead
_MIN_DOM_SHARE = 0.5
_HEAD = 65536    # characters searched for the title and the description (they sit in the <head>)
# bounded repeats: the head's regexes stay linear on hostile markup
_TITLE = re.compile(r"<title[^>]{0,200}>([^<]{1,500})</title>", re.IGNORECASE)
_META_TITLE = re.compile(r"""<meta\s[^>]{0,200}?(?:property|name)=["'](?:og:title|twitter:title)["']"""
                         r"""[^>]{0,50}?content=["']([^"'<>]{1,500})["']""", re.IGNORECASE)
_DESCRIPTION = (  # both attribute orders
    re.compile(r"""<meta\s[^>]{0,200}?(?:name|property)=["'](?:description|og:description)["']"""
               r"""[^>]{0,50}?content=["']([^"'<>]{1,2000})["']""", re.IGNORECASE),
    re.compile(r"""<meta\s[^>]{0,200}?content=["']([^"'<>]{1,2000})["']"""
               r"""[^>]{0,50}?(?:name|property)=["'](?:description|og:description)["']""", re.IGNORECASE),
)
_TITLE_SEP = re.compile(r"\s+(?:[|–—:»·]|-|::)\s+")
_TITLE_LOOKAHEAD = 5   # the headline is among the first blocks of the region, if it is there at all


def _titles(html: str) -> set[str]:
    """The page's own titles (<title>, og:title, twitter:title): whole, split at " | ", " - ", cut at each.

    >>> sorted(_titles("<title>Bridge to open in May | The Paper</title>"))
    ['bridge to open in may', 'bridge to open in may | the paper', 'the paper']

    A headline may hold a separator itself: what precedes or follows each separator is a title too.

    >>> "tides - a year of records" in _titles("<title>The Paper - Tides - A year of records</title>")
    True
    """
    import html as html_lib

    head = html[:_HEAD]
    first = _TITLE.search(head)  # the page's first <title>
    found = ([first.group(1)] if first else []) + _META_TITLE.findall(head)
    out: set[str] = set()
    for title in found:
        title = norm(html_lib.unescape(title)).casefold()
        out.add(title)
        out.update(part for part in _TITLE_SEP.split(title) if part)
        for m in _TITLE_SEP.finditer(title):  # a headline with a separator of its own: 'Site - Head - line'
            out.update(part for part in (title[:m.start()], title[m.end():]) if part)
    return out


def _description(html: str) -> str | None:
    """The page's meta description (or og:description), unescaped and white space collapsed.

    >>> _description('<meta name="description" content="The council voted &amp; the bridge opens.">')
    'The council voted & the bridge opens.'
    """
    import html as html_lib

    head = html[:_HEAD]
    for pattern in _DESCRIPTION:
        m = pattern.search(head)
        if m:
            return norm(html_lib.unescape(m.group(1))) or None
    return None


def _mark_title(blocks: list[Block], titles: set[str]) -> list[Block]:
    """Hint ("page_title", True) on the longest of the leading blocks that repeat one of the page's
    ``titles`` (``_titles``): the headline, not the site's name above it."""
    found = [i for i, b in enumerate(blocks[:_TITLE_LOOKAHEAD]) if norm(b.text).casefold() in titles]
    if not found:
        return blocks
    i = max(found, key=lambda k: len(blocks[k].text))
    b = blocks[i]
    return [*blocks[:i], replace(b, hints=(*b.hints, ("page_title", True))), *blocks[i + 1:]]


def html_blocks(html: str) -> tuple[list[Block], str]:
    """(blocks, source) for a decoded page: trafilatura's region, else the whole page's text.

    ``source`` is "html" when trafilatura found the article, "html-fallback" when the blocks are
    the whole page from the DOM (the engine then works as on a text dump), "html-text" when they
    come from the page with its tags stripped (lxml could not build the tree: too deep, not HTML),
    and "html-empty" when the page has no text at all.
    """
    return HtmlPage(html).region()


class HtmlPage:
    """A decoded page, scrubbed and defused once; its lxml tree is parsed at most once, when first needed
    (``add_chunks``, the DOM walk and the visible-text count share it)."""

    def __init__(self, html: str) -> None:
        self.text = defuse(scrub(html))
        self._regions: dict[tuple[bool, bool, bool], list[Block]] = {}  # trafilatura_region's, by its options

    @functools.cached_property
    def root(self) -> etree._Element | None:
        """The tree trafilatura parses (its parser: comments and processing instructions dropped), else
        lxml's default one; trafilatura gets a copy of it, so each page is parsed once. What follows an
        early ``</html>`` is in its body (``_graft``)."""
        from trafilatura.utils import load_html

        try:
            tree = load_html(self.text)
        except (ValueError, TypeError, etree.LxmlError):
            tree = None
        tree = tree if tree is not None else parse_html(self.text)
        return _graft(tree) if tree is not None else None

    def region(self) -> tuple[list[Block], str]:
        """``html_blocks``: trafilatura's region, else the page's DOM blocks, else its stripped text."""
        from .segment import segment

        blocks = (self.trafilatura_region(recall=not self.thread, fast=True)
                  or self.trafilatura_region(recall=not self.thread))
        if blocks:
            return blocks, "html"
        blocks = self.blocks()
        text = strip_tags(self.text)
        if sum(len(b.text) for b in blocks) >= _MIN_DOM_SHARE * len(text):
            return blocks, "html-fallback" if blocks else "html-empty"
        return segment(text), "html-text"

    def trafilatura_region(self, recall: bool, links: bool = True, fast: bool = False) -> list[Block]:
        """Trafilatura's region in its favor_recall mode (``recall``) or its default one, with links kept
        (``links``) or not, in its fast mode (``fast``) or with its fallback extractors compared
        (``extract.trafilatura_blocks``), split bodies added and the headline marked; [] if it finds none or
        gives up on the page. Each is run once a page."""
        key = (recall, links, fast)
        if key not in self._regions:
            self._regions[key] = self._trafilatura_region(recall, links, fast)
        return self._regions[key]

    def _trafilatura_region(self, recall: bool, links: bool, fast: bool) -> list[Block]:
        if len(self.text) > _MAX_TRAFILATURA:
            return []
        try:
            page = self.root if self.root is not None else self.text
            blocks = trafilatura_blocks(page, recall, links, fast)
        except (RecursionError, ValueError, TypeError, AssertionError, etree.LxmlError):
            return []  # trafilatura gave up on a hostile tree: the iterative DOM walker does not
        return _mark_title(add_chunks(blocks, self.text, lambda: self.root), self.titles) if blocks else []

    def blocks(self, within: etree._Element | None = None) -> list[Block]:
        """Every block of the page from its DOM (of ``within`` only, if given), the headline marked; [] if
        lxml builds no tree."""
        root = self.root if within is None else within
        return _mark_title(dom_blocks(root), self.titles) if root is not None else []

    @functools.cached_property
    def titles(self) -> set[str]:
        """The page's own titles (``_titles``), looked for once: each set of blocks marks its headline."""
        return _titles(self.text)

    @functools.cached_property
    def description(self) -> str | None:
        """The page's own summary (``_description``): the lead it gives search engines (lead.py)."""
        return _description(self.text)

    @functools.cached_property
    def main(self) -> etree._Element | None:
        """The page's one ``<main>`` element (or element with ``role="main"``), the outermost if they nest:
        where the page says its content is; None without a tree, when the page marks none or several, or
        when the mark is on the whole page (``<body role="main">``: no scope)."""
        root = self.root
        if root is None:
            return None
        found = _MAIN(root)
        outer = [el for el in found if not any(a in found for a in el.iterancestors())]
        return outer[0] if len(outer) == 1 and outer[0].tag not in ("html", "body") else None

    @functools.cached_property
    def thread(self) -> bool:
        """The page's schema.org markup (JSON-LD or microdata) calls it a discussion thread or a Q&A page
        (``DiscussionForumPosting``, ``QAPage``): forums and Q&A sites say so for search engines."""
        text = self.text  # the plain look-ups first: they are several times faster than the pattern
        return ("DiscussionForumPosting" in text or "QAPage" in text) and bool(_THREAD_TYPE.search(text))

    def visible_words(self, within: etree._Element | None = None) -> int:
        """Words (white-space separated) of the page's <body> (of ``within``, if given) outside scripts and
        styles; 0 without a tree. A rough count, made in C: the text at once, less that of its scripts and
        styles."""
        scope = within
        if scope is None and self.root is not None:
            scope = _body(self.root)
        if scope is None:
            return 0
        return len(_TEXT(scope).split()) - sum(len((e.text or "").split()) for e in scope.iter(*_INVISIBLE))


def _graft(root: etree._Element) -> etree._Element:
    """The page as a browser reads it: libxml2 ends the document at an early ``</html>`` (a widget's or a
    template's markup pasted into the page) and puts what follows into a second <html> beside the root,
    where a browser ignores the end tag and shows the rest in the body. Its elements move to the body."""
    body = root.find("body")
    rest = [el for el in root.itersiblings() if isinstance(el.tag, str)]
    if body is None or not rest:
        return root
    for el in rest:
        for child in list(el):
            if child.tag == "body":
                _add_text(body, child.text)  # the text before its first element
                body.extend(list(child))
            elif child.tag != "head":
                body.append(child)
    return root


def _add_text(el: etree._Element, text: str | None) -> None:
    """``text`` after the last child of ``el``."""
    if not text:
        return
    if len(el):
        el[-1].tail = (el[-1].tail or "") + text
    else:
        el.text = (el.text or "") + text


def _body(root: etree._Element) -> etree._Element | None:
    """The page's <body>: the root's child in the trees lxml and trafilatura build (a look-up, where a
    search of the whole tree costs as much as counting its words), else the first one anywhere."""
    body = root.find("body")
    return body if body is not None else next(iter(_BODY(root)), None)


_MAIN = etree.XPath("//main|//*[@role='main']")
_THREAD_TYPE = re.compile(r"""["'/](?:DiscussionForumPosting|QAPage)["']""")
_BODY = etree.XPath("//body")
_TEXT = etree.XPath("string(.)")
_INVISIBLE = ("script", "style", "noscript")  # their text is no visible word
