"""Helpers the HTML path shares that need no parser: tag sets, text runs -> Blocks, tag stripping.

``BlockBuilder`` turns the (text, in-link) runs that the trafilatura walk (``extract``), the split-body
pass (``chunks``) and the DOM walk (``dom``) find into numbered Blocks. ``strip_tags``, ``defuse`` and
``scrub`` work on the page as a string: before parsing, or where no parser can.
"""

from __future__ import annotations

import re

from .types import Block

HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
BLOCK_TAGS = frozenset(("p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
                        "tr", "table", "thead", "tbody", "tfoot", "blockquote", "pre", "section", "article",
                        "header", "footer", "nav", "aside", "main", "form", "fieldset", "figure",
                        "figcaption", "address", "details", "summary", "center", "hr", "body", "html", "td",
                        "th", "caption"))


def norm(text: str) -> str:
    """``text`` with whitespace runs collapsed to one space and trimmed (``str.split`` and ``\\s`` know the
    same whitespace; split and join is faster than a substitution)."""
    return " ".join(text.split())


class BlockBuilder:
    """Accumulates (text, para, hints) rows, then numbers them into Blocks with page-text offsets.

    ``para`` numbers paragraphs (a list or a table is one paragraph, its items a block each), so
    rendering puts a blank line between paragraphs. ``start``/``end`` are offsets into the *page text*,
    the blocks joined as ``render`` would join them all: trafilatura does not keep source offsets.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self.rows: list[tuple[str, int, tuple]] = []
        self.para = -1

    def new_para(self) -> None:
        self.para += 1

    def add(self, parts: list[tuple[str, bool]], tag: str) -> None:
        """``parts`` are (text, in_link) runs of one block; whitespace runs collapse to one space."""
        linked = sum(len(norm(t)) for t, in_link in parts if in_link)
        self.add_text(norm("".join(t for t, _ in parts)), linked, tag)

    def add_text(self, text: str, linked: int, tag: str) -> None:
        if not text:
            return
        density = round(min(1.0, linked / len(text)), 3)
        hints = (("tag", tag), ("link_density", density), ("source", self.source))
        self.rows.append((text, max(self.para, 0), hints))

    def last_tag(self) -> str | None:
        """The ``tag`` hint of the last block added, None before the first."""
        return self.rows[-1][2][0][1] if self.rows else None

    def blocks(self) -> list[Block]:
        out: list[Block] = []
        pos, last = 0, None
        for i, (text, para, hints) in enumerate(self.rows):
            if out:
                pos += 1 if para == last else 2
            out.append(Block(index=i, text=text, start=pos, end=pos + len(text), para=para, hints=hints))
            pos += len(text)
            last = para
        return out


_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]{0,30})?[^<>]{0,3000}>")
_RAW_OPEN = re.compile(r"<!--|<(script|style|noscript|template)\b")


def strip_tags(html: str, unescape: bool = True) -> str:
    """Last resort, no parser: the page's text with block tags as line breaks (linear time).

    For what lxml cannot give (it stops building the tree at depth 256): script/style contents
    and comments are cut with ``str.find``, every tag is dropped, block-level tags become newlines.
    ``unescape=False`` keeps entities and whitespace as they are (the charset detector's sample).

    >>> strip_tags("<div>a<script>x<y</script>b</div><p>c &amp; d<!-- e -->")
    'ab\\n\\nc & d'
    """
    import html as html_lib

    out, pos, lower = [], 0, html.lower()
    while (m := _RAW_OPEN.search(lower, pos)) is not None:  # pos only moves forward: linear
        out.append(html[pos:m.start()])
        close = "</" + m.group(1) if m.group(1) else "-->"
        end = lower.find(close, m.end())
        if end < 0:
            pos = len(html)  # an unclosed script runs to the end, as in a browser
            break
        pos = end + 3 if close == "-->" else (lower.find(">", end) + 1 or len(html))
    out.append(html[pos:])

    def tag(m: re.Match[str]) -> str:
        name = (m.group(2) or "").lower()
        return "\n" if name in BLOCK_TAGS or name == "br" else ""

    text = _TAG.sub(tag, "".join(out))
    if not unescape:
        return text
    return html_lib.unescape(re.sub(r"\n\s*\n\s*", "\n\n", re.sub(r"[ \t\r\f\v]+", " ", text))).strip()


# libxml2's HTML parser checks each attribute against the earlier ones of its element: quadratic, inside
# one C call that no signal interrupts. Such a tag (>= _MAX_ATTRS attributes, quoted or not, any
# separator libxml2 accepts) loses them all.
_MAX_ATTRS = 1000
_ATTR = r"""(?:[\s/]*+[^\s=<>"'/]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s<>"']*+))?+)"""
_MANY_ATTRS = re.compile(rf"(<[A-Za-z][^\s/<>]*+){_ATTR}{{{_MAX_ATTRS}}}{_ATTR}*+\s*+/?>?")


def defuse(html: str) -> str:
    """``html`` with the attributes of over-attributed tags dropped (linear: possessive quantifiers).

    >>> defuse("<p>a</p><div " + " ".join(f"x{i}=1" for i in range(5000)) + ">b</div>")
    '<p>a</p><div>b</div>'
    """
    return _MANY_ATTRS.sub(lambda m: m.group(1) + ">", html)


_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub(html: str) -> str:
    """No NULs, and lone surrogates (text decoded with surrogateescape, JSON ``"\\udcff"``) as U+FFFD:
    lxml cannot take them and the page would come out as one garbled block.

    >>> scrub("a\\x00b\\udce9") == "ab\\ufffd"
    True
    """
    if html.find("\x00") >= 0:  # most pages have none: the look-up costs half a replace that finds none
        html = html.replace("\x00", "")
    try:
        html.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", html)
    return html
