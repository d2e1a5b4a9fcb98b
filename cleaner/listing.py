"""A page made of many short items: a listing's records, found in the DOM as repeated siblings.

A listing page (search results, a shop's products, a job board, a topic's repositories) is its items:
a title and a few facts each, one after the other. Trafilatura's region keeps an introduction or a
few of them, and the engine, reading a dump, takes their titles for menu entries. In the DOM the items
are siblings of one kind (same tag, same classes) under one parent. ``items`` finds the largest such
run whose members read as records: short (a title and facts, not a comment's or an article's
paragraphs), not mostly links (a menu or a teaser list), a sentence or less each. When the records
the kept text lacks hold several times what the engine kept of the page, they are its main content
and follow it (``new_blocks``, reason ``context:listing item``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

import regex
from lxml import etree

from .dom import dom_blocks
from .tuning import Tuning
from .types import Block, Decision
from .widen import kept_words

_WORD = regex.compile(r"\w+")
LISTED = "context:listing item"  # the reason of a record added to the body
_SKIP = frozenset(("script", "style", "nav", "header", "footer", "aside", "form", "noscript", "svg",
                   "select", "button", "template", "iframe"))  # never an item's text, nor a listing


@dataclass(frozen=True, slots=True)
class Listing:
    items: tuple[etree._Element, ...]  # the records, in page order
    texts: tuple[str, ...]             # each record's text, white space collapsed
    words: int                         # words in all of them
    linked: int                        # words inside links


def _tag(el: etree._Element) -> str | None:
    return el.tag.lower() if isinstance(el.tag, str) else None  # None: a comment or processing instruction


def _text(el: etree._Element) -> str:
    """The element's text without scripts, styles, forms and navigation, white space collapsed
    (iterative: an element's text, then each child's and the child's tail)."""
    parts: list[str] = []
    stack: list[etree._Element | str] = [el]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            parts.append(node)
            continue
        tag = _tag(node)
        if tag is None or tag in _SKIP and node is not el:
            continue  # a comment, or a skipped element: its tail was pushed by its parent
        parts.append(node.text or "")
        for child in reversed(node):
            stack.append(child.tail or "")
            stack.append(child)
    return " ".join(" ".join(parts).split())


_PROSE = frozenset(("p", "h1", "h2", "h3", "h4", "h5", "h6", "br", "hr"))  # a run of them: an article's text

_SKIPPED = " or ".join(f"self::{tag}" for tag in sorted(_SKIP))


@functools.lru_cache(maxsize=8)
def _parents(items: int, words: int) -> etree.XPath:
    """Elements with ``items`` children or more, outside skipped subtrees, whose text could hold
    ``words`` words (a word and a space are two characters at least): found in C, as the Python
    walk over every element of a page costs more than trafilatura's own pass."""
    return etree.XPath(f".//*[count(*) >= {items}][string-length(normalize-space(.)) >= {2 * words - 1}]"
                       f"[not(ancestor-or-self::*[{_SKIPPED}])]")


def _groups(root: etree._Element, t: Tuning) -> Iterator[list[etree._Element]]:
    """For every candidate parent (``_parents``), its largest run of children of one kind (tag, classes)."""
    for el in _parents(t.listing_items, t.listing_words)(root):
        kinds: dict[tuple[str, str], list[etree._Element]] = {}
        for c in el:
            tag = _tag(c)
            if tag is not None and tag not in _SKIP and tag not in _PROSE:
                kinds.setdefault((tag, " ".join(sorted((c.get("class") or "").split()))), []).append(c)
        if kinds:
            yield max(kinds.values(), key=len)


def items(root: etree._Element, t: Tuning) -> Listing | None:
    """The page's largest run of sibling records with ``t.listing_items`` members or more, distinct, of
    ``t.listing_least`` words on average; None if none, or if the largest does not read as records."""
    best: Listing | None = None
    for group in _groups(root, t):
        if len(group) < t.listing_items:
            continue
        kept = [(el, text) for el in group if (text := _text(el))]
        words = sum(len(_WORD.findall(text)) for _, text in kept)
        if (len(kept) < t.listing_items or words < t.listing_least * len(kept)
                or len({text for _, text in kept}) < t.listing_distinct * len(kept)
                or best is not None and words <= best.words):
            continue
        linked = sum(len(_WORD.findall(_text(a))) for el, _ in kept for a in el.iter("a"))
        best = Listing(tuple(el for el, _ in kept), tuple(text for _, text in kept), words, linked)
    return best if best is not None and _records(best, t) else None


def _records(found: Listing, t: Tuning) -> bool:
    """Short items, mostly not links, a sentence or less each: a listing's records, not a comment
    thread (paragraphs), a menu or a teaser list (links)."""
    n = len(found.texts)
    sentences = sum(text.count(". ") + text.endswith(".") for text in found.texts)
    return (found.words >= t.listing_words and found.words <= t.listing_item_words * n
            and sentences <= t.listing_sentences * n and found.linked <= t.listing_links * found.words)


def worth_a_look(kept: int, visible: int, t: Tuning) -> bool:
    """The page's visible words (white-space separated) hold the ``kept`` words of the body (``kept_count``)
    and, besides them, room for a listing several times their size: only then is the DOM searched for one."""
    return visible >= kept + max(t.listing_words, t.listing_ratio * kept)


def new_blocks(found: Listing, decisions: Sequence[Decision], t: Tuning) -> list[Block]:
    """The records the kept text lacks, as DOM blocks numbered on after ``decisions`` (each record its own
    paragraphs; offsets as ``render`` would join the blocks), when they hold ``t.listing_ratio`` times the
    words the engine kept: then they are the page's content. Else none."""
    kept = " ".join(" ".join(d.block.text for d in decisions if d.kept).split())
    lacking = [(el, text) for el, text in zip(found.items, found.texts, strict=True) if text not in kept]
    words = sum(len(_WORD.findall(text)) for _, text in lacking)
    if words < t.listing_ratio * max(len(kept_words(decisions)), 1):
        return []
    last = decisions[-1].block if decisions else None
    index, pos, para = (last.index + 1, last.end, last.para + 1) if last else (0, -2, 0)
    out: list[Block] = []
    for el, _ in lacking:
        blocks = dom_blocks(el)
        for b in blocks:
            pos += 1 if out and out[-1].para == para + b.para else 2
            out.append(replace(b, index=index, start=pos, end=pos + len(b.text), para=para + b.para))
            index, pos = index + 1, pos + len(b.text)
        if blocks:
            para += blocks[-1].para + 1
    return out
