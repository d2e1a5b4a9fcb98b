"""The whole page's DOM -> Blocks (``source="dom"``): the fallback when trafilatura finds nothing.

Block-level elements and ``<br>`` split blocks; scripts, styles, forms and media are skipped. The
engine then classifies the blocks as it would a text dump.
"""

from __future__ import annotations

import functools

from lxml import etree

from .markup import BLOCK_TAGS, HEADINGS, BlockBuilder
from .types import Block

# elements whose text is no page text: the walk does not go into them
SKIP = frozenset(("script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object",
                   "embed", "canvas", "select", "textarea", "button", "input", "video", "audio", "map"))
_INLINE = frozenset(("a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "img",
                     "kbd", "label", "mark", "nobr", "q", "rp", "rt", "ruby", "s", "samp", "small", "span",
                     "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr", "del", "ins"))
_KEEP_NAMES = frozenset(("li", "pre", "blockquote", "tr"))
_TAG_NAMES = {"td": "tr", "th": "tr", "dt": "li", "dd": "li", "figcaption": "p", "caption": "p"}


class _DomWalk:
    """State of one walk over a page: the text runs of the block being built and where they sit."""

    def __init__(self, root: etree._Element) -> None:
        self.b = BlockBuilder("dom")
        self.root = root
        self.parts: list[tuple[str, bool]] = []
        self.owners: list[etree._Element] = [root]  # the block-level elements the current run sits in
        self.links = 0               # depth inside <a>
        self.after_br = False        # the block being built started at a <br>: same paragraph

    def text(self, text: str | None) -> None:
        if text:
            self.parts.append((text, self.links > 0))

    def flush(self) -> None:
        if not self.parts:
            return
        if any(t.strip() for t, _ in self.parts):
            el, b = self.owners[-1], self.b
            name = _TAG_NAMES.get(el.tag, el.tag if el.tag in HEADINGS or el.tag in _KEEP_NAMES else "p")
            same_list = name in ("li", "tr") and b.last_tag() == name
            if not (self.after_br or same_list):
                b.new_para()
            b.add(self.parts, name)
        self.parts = []

    def start(self, el: etree._Element, tag: str | None) -> None:
        if tag in BLOCK_TAGS or tag == "br":
            self.flush()
            self.after_br = tag == "br"
        if tag in BLOCK_TAGS:
            self.owners.append(el)
        self.links += tag == "a"
        self.text(el.text)

    def end(self, el: etree._Element, tag: str | None) -> None:
        if tag in BLOCK_TAGS:
            self.flush()
            self.after_br = False
            self.owners.pop()
        elif tag == "a":
            self.links -= 1
        if el is not self.root and (len(self.owners) > 1 or el.tag not in ("html", "body")):
            self.text(el.tail)  # not the walk's root's: what follows it is outside what is walked


@functools.lru_cache(maxsize=1024)
def _block_name(tag: object) -> str | None:
    """The tag as the walk sees it: unknown elements (XML, custom elements) are blocks; None: comment/PI.
    Cached: a page repeats a few dozen tag names over thousands of elements."""
    if not isinstance(tag, str):
        return None
    tag = tag.lower()
    return tag if tag in _INLINE or tag in SKIP or tag in BLOCK_TAGS or tag == "br" else "div"


def dom_blocks(root: etree._Element) -> list[Block]:
    """Every text run of the page, split at block-level elements and <br>.

    Iterative (``etree.iterwalk``), so a 10,000-deep page cannot overflow the stack. A skipped element
    (script, style, form control) is not walked into: only its tail is page text.
    """
    walk = _DomWalk(root)
    names: list[str | None] = []  # the walk's names of the elements it is in, innermost last
    events = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    for event, el in events:
        if event == "start":
            name = _block_name(el.tag)
            names.append(name)
            if name in SKIP:
                events.skip_subtree()  # its end event still comes
            else:
                walk.start(el, name)
        elif event == "end":
            walk.end(el, names.pop())
        else:  # a comment or processing instruction has no end event: only its tail is page text
            walk.text(el.tail)
    walk.flush()
    return walk.b.blocks()


def parse_html(html: str) -> etree._Element | None:
    """The page as an lxml tree, or None. Strings with an XML encoding declaration are parsed as bytes."""
    import lxml.html

    try:
        return lxml.html.document_fromstring(html)
    except ValueError:  # "Unicode strings with encoding declaration are not supported", or empty
        try:
            return lxml.html.document_fromstring(html.encode("utf-8", "surrogatepass"))
        except (ValueError, etree.ParserError):
            return None
    except etree.ParserError:
        return None
