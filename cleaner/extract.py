"""Trafilatura's article region -> Blocks with DOM hints (``source="trafilatura"``).

trafilatura runs in recall mode (the most body text, and faster than its default) without comments,
with tables and links kept, and may run fast: without the fallback extractors (readability, jusText) it
compares its region with, a fifth of its time (api.py says when it runs whole). Its XML tree is walked
into blocks: one per paragraph, heading, list item, table row or ``<lb/>``-separated line; a layout
table (cells holding paragraphs, headings, lists) is walked cell by cell as page flow. ``_rejoin``
first mends paragraphs trafilatura cut at inline links.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from lxml import etree

from .markup import HEADINGS, BlockBuilder, norm
from .tuning import TUNING
from .types import Block

_Run = tuple[str, bool] | None | etree._Element
_APART = frozenset(("p", "head", "quote", "code", "div", "row", "cell", "item"))  # block elements


def _runs(el: etree._Element, in_link: bool = False) -> Iterator[_Run]:
    """Text runs of ``el`` in order, each with whether it sits in a link; None marks a <lb/>; a space
    opens a block element in it (a job listing's item holds a heading and a paragraph per field, with
    no space between their words in the page).

    A nested <list> comes as the element itself: its items are blocks of their own.
    """
    if el.text:
        yield el.text, in_link
    for child in el:
        if child.tag == "lb":
            yield None
        elif child.tag == "list":
            yield child
        else:
            if child.tag in _APART:
                yield " ", in_link  # a heading or paragraph inside an item or a cell: its words stand apart
            yield from _runs(child, in_link or child.tag == "ref")
        if child.tail:
            yield child.tail, in_link


def _text_runs(el: etree._Element, in_link: bool = False) -> Iterator[tuple[str, bool] | None]:
    """``_runs`` without the nested lists (a table cell's or a layout line's text)."""
    return (r for r in _runs(el, in_link) if not isinstance(r, etree._Element))


def _lines(b: BlockBuilder, el: etree._Element, tag: str, lists: bool = True) -> None:
    """One block per <lb/>-separated line of ``el``; a list nested in it (trafilatura puts some inside a
    paragraph) one block per item where it stands, unless ``lists`` is False (a list's own items: the
    walk over the outer list reaches the nested ones)."""
    parts: list[tuple[str, bool]] = []
    for run in _runs(el):
        if isinstance(run, etree._Element):
            if lists:
                b.add(parts, tag)
                parts = []
                _list(b, run)
        elif run is None:
            b.add(parts, tag)
            parts = []
        else:
            parts.append(run)
    b.add(parts, tag)


def _list(b: BlockBuilder, el: etree._Element) -> None:
    """One block per line of each item, nested lists' items included."""
    b.new_para()
    for item in el.iter("item"):
        _lines(b, item, "li", lists=False)


def _row(b: BlockBuilder, row: etree._Element) -> None:
    """A table row is one block, its cells separated by tabs."""
    cells, linked = [], 0
    for cell in row.iterchildren("cell"):
        runs = [r if r is not None else (" ", False) for r in _text_runs(cell)]
        cells.append(norm("".join(t for t, _ in runs)))
        linked += sum(len(norm(t)) for t, in_link in runs if in_link)
    b.add_text("\t".join(c for c in cells if c), linked, "tr")


_TAGS = {"p": "p", "quote": "blockquote", "code": "pre", "div": "p"}
_CONTAINERS = frozenset(("p", "list", "head", "table", "row", "quote", "div"))


def _tag(el: etree._Element) -> str:
    if el.tag == "head":
        rend = el.get("rend", "")
        return rend if rend in HEADINGS else "h2"
    return _TAGS.get(el.tag, "p")


def _layout_row(row: etree._Element) -> bool:
    """A row whose cells hold paragraphs, headings or lists: page layout, not data."""
    return any(c.tag in _CONTAINERS for cell in row.iterchildren("cell") for c in cell)


def _flow(b: BlockBuilder, el: etree._Element) -> None:
    """Mixed content of a layout cell: inline runs between block children are lines of their own."""
    parts: list[tuple[str, bool]] = [(el.text, False)] if el.text else []

    def flush() -> None:
        nonlocal parts
        if any(t.strip() for t, _ in parts):
            b.new_para()
            _lines_of(b, parts, "p")
        parts = []

    for child in el:
        if child.tag in _CONTAINERS or child.tag == "code":
            flush()
            _walk(b, el, [child])  # the child and its tail
            continue
        if child.tag == "lb":
            parts.append(("\n", False))
        elif child.tag != "graphic":
            parts.extend(r if r is not None else ("\n", False) for r in _text_runs(child, child.tag == "ref"))
        if child.tail:
            parts.append((child.tail, False))
    flush()


def _lines_of(b: BlockBuilder, parts: list[tuple[str, bool]], tag: str) -> None:
    """``parts`` split at the line breaks that stand for <lb/>, one block per line."""
    line: list[tuple[str, bool]] = []
    for text, in_link in parts:
        if text == "\n":
            b.add(line, tag)
            line = []
        else:
            line.append((text, in_link))
    b.add(line, tag)


def _data_table(rows: list[etree._Element]) -> bool:
    """Two rows or more, and every cell holds at most one paragraph of a data cell's length (``cell_words``):
    a data table whose editor wrapped each cell's text in a <p>, not a page's layout, whose cells hold the
    article's paragraphs, lists and headings."""
    # one row of cells is a navigation bar or a page's columns as often as data
    return len(rows) > 1 and all(_data_cell(cell) for row in rows for cell in row.iterchildren("cell"))


def _data_cell(cell: etree._Element) -> bool:
    held = [c for c in cell if c.tag in _CONTAINERS]
    return not held or len(held) == 1 and held[0].tag == "p" and _words(held[0]) <= TUNING.cell_words


def _words(el: etree._Element) -> int:
    return len("".join(el.itertext()).split())


def _table(b: BlockBuilder, table: etree._Element) -> None:
    """A data row is one block; a layout row's cells are walked as the page flow they hold. ``table``
    may be a lone row (trafilatura keeps some outside any table)."""
    b.new_para()
    rows = [table] if table.tag == "row" else list(table.iterchildren("row"))
    data = _data_table(rows)
    for row in rows:
        if not data and _layout_row(row):
            for cell in row.iterchildren("cell"):
                _flow(b, cell)
            b.new_para()
        else:
            _row(b, row)


def _walk(b: BlockBuilder, el: etree._Element, only: list[etree._Element] | None = None) -> None:
    """Trafilatura's XML (p, head, list/item, table/row/cell, quote, code, div) -> blocks.

    ``only``: these children of ``el`` instead of all of them."""
    for child in el if only is None else only:
        if child.tag == "list":
            _list(b, child)
        elif child.tag in ("table", "row"):
            _table(b, child)
        elif child.tag in ("quote", "div") and any(c.tag in _CONTAINERS for c in child):
            if child.text and child.text.strip():
                b.new_para()
                b.add([(child.text, False)], _tag(child))
            _walk(b, child)
        elif child.tag not in ("lb", "graphic"):
            b.new_para()
            _lines(b, child, _tag(child))
        if child.tail and child.tail.strip():
            b.new_para()
            b.add([(child.tail, False)], "p")


@functools.cache
def _extractor(recall: bool = True, links: bool = True, fast: bool = False) -> object:
    """trafilatura's options, built once: per call it would re-read its config (ConfigParser look-ups
    and a date) for every page. trafilatura copies an Extractor before changing it, so one is shared."""
    from trafilatura.settings import Extractor

    return Extractor(output_format="txt", recall=recall, comments=False, tables=True, links=links, fast=fast)


def trafilatura_blocks(html: str | etree._Element, recall: bool = True, links: bool = True,
                       fast: bool = False) -> list[Block]:
    """The article region trafilatura finds (no comments), as blocks; [] if none. ``html``: the page, or
    its parsed tree (trafilatura works on a copy). ``recall``: its favor_recall mode (the most body text,
    and faster), else its default balance, which on a discussion thread keeps the posts where recall
    mode often settles on the first post's text alone. ``links``: links kept, so blocks carry their link
    density; without them trafilatura prunes fewer link-heavy containers (its own default), and the
    blocks carry none. ``fast``: without trafilatura's fallback extractors (readability, jusText), whose
    text it takes over its own where that is much longer or its own is short."""
    from trafilatura import bare_extraction

    doc = bare_extraction(html, options=_extractor(recall, links, fast))  # type: ignore[arg-type]
    body = getattr(doc, "body", None)  # a Document (a dict only with as_dict=True, not used here)
    if body is None:
        return []
    _rejoin(body)
    b = BlockBuilder("trafilatura")
    _walk(b, body)
    return b.blocks()


_OPEN_END = re.compile(r"[^\W_]\s*$")   # a paragraph that stops on a word: its sentence goes on
_GLUED = re.compile(r"[^\W_]|[,;:)]")    # a link's tail that goes on with a letter (the space was lost)
                                          # or the sentence's punctuation


def _rejoin(el: etree._Element) -> None:
    """Mend paragraphs that trafilatura cut at inline links: where a page's text runs through links
    outside any <p> (a <div> with <br>s), its recall mode may end a paragraph mid-sentence before a link
    and start the next with the link, losing the space after it ('... and the council | <ref>voted</ref>to
    build ...'). A <p> that opens with a link whose tail is glued to it is joined to the <p> before it
    when that one stops on a word, its sentence unfinished."""
    prev = None
    for child in list(el):
        if child.tag in ("div", "quote"):
            _rejoin(child)
        link = child[0] if child.tag == "p" and len(child) > 0 and not (child.text or "").strip() else None
        tail = link.tail or "" if link is not None and link.tag == "ref" else ""
        glued = link is not None and _GLUED.match(tail) is not None
        if glued and tail[0].isalnum():
            link.tail = " " + tail  # type: ignore[union-attr]
        if glued and prev is not None and prev.tag == "p" and not (prev.tail or "").strip() \
                and _OPEN_END.search("".join(prev.itertext())):
            if len(prev):
                prev[-1].tail = (prev[-1].tail or "").rstrip() + " "
            else:
                prev.text = (prev.text or "").rstrip() + " "
            prev.extend(list(child))
            prev.tail = child.tail
            el.remove(child)
            continue
        prev = child
