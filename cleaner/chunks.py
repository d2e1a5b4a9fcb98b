"""Split bodies: an article cut into several containers of one class gets its other containers' paragraphs.

trafilatura keeps one of the containers; ``add_chunks`` puts the paragraphs of the others in place,
as blocks with ``source="chunk"`` (article region like trafilatura's, found by the container class).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree

from .dom import parse_html
from .markup import BlockBuilder, norm
from .types import Block

_P_TAG = re.compile(r"<p[\s>]", re.IGNORECASE)
_CHUNK_MIN_CHARS = 200   # the other containers must hold at least this much paragraph text
_CHUNK_MIN_HITS = 3      # and the article's container at least this many extracted paragraphs
_EXTRA_P_TAGS = 4        # parse the page again only if it has this many more <p> tags than extracted
                         # paragraphs: the parse costs time, and a few extra <p> are captions or footers
_KEY_CHARS = 60          # a <p> is matched to an extracted block by its first characters: enough to tell
                         # paragraphs apart, and blind to how trafilatura trims a paragraph's end
_KEY_MIN_CHARS = 20      # shorter paragraphs ("Advertisement", "Read more") recur on a page: never matched


def _linked(p: etree._Element) -> int:
    """How many of a <p>'s characters (whitespace collapsed) are inside links."""
    return sum(len(norm(a.text_content())) for a in p.iter("a"))


_Run = list[tuple[str, int]]   # (paragraph text, linked characters)


def _key(text: str) -> str:
    """What a paragraph is matched by: its first ``_KEY_CHARS`` characters."""
    return text[:_KEY_CHARS]


def _chunk_paragraphs(root: etree._Element, have: list[str]) -> list[tuple[int, _Run]]:
    """Paragraphs of the article's *other* containers, each run placed after an extracted block.

    Sites cut a long article into several containers of one class (chunks between ads); trafilatura
    keeps one. The container holding most extracted paragraphs gives the class; every other element
    of the same tag and class adds its paragraphs that are not extracted yet. Returns (index of the
    extracted block they follow, [(text, linked chars)]).
    """
    index = {_key(t): i for i, t in enumerate(have) if len(t) >= _KEY_MIN_CHARS}
    by_parent: dict[etree._Element, list[tuple[str, etree._Element, bool]]] = {}
    for p in root.iter("p"):
        text = norm(p.text_content())
        if text:
            by_parent.setdefault(p.getparent(), []).append((text, p, _key(text) in index))
    hits = {parent: sum(m for *_, m in ps) for parent, ps in by_parent.items() if parent is not None}
    if not hits:
        return []
    main = max(hits, key=hits.__getitem__)
    cls = main.get("class", "").strip()
    if hits[main] < _CHUNK_MIN_HITS or not cls:
        return []
    runs: list[tuple[int, _Run]] = []
    last = -1
    for parent, ps in by_parent.items():  # document order: dicts keep insertion order
        if parent is None or parent.tag != main.tag or parent.get("class", "").strip() != cls:
            continue
        for text, p, matched in ps:
            if matched:
                last = max(last, index[_key(text)])
            elif parent is not main and last >= 0:  # before the region: a lede or pull quote
                if runs and runs[-1][0] == last:
                    runs[-1][1].append((text, _linked(p)))
                else:
                    runs.append((last, [(text, _linked(p))]))
    if sum(len(t) for _, run in runs for t, *_ in run) < _CHUNK_MIN_CHARS:
        return []
    return runs


def add_chunks(blocks: list[Block], html: str,
               tree: Callable[[], etree._Element | None] | None = None) -> list[Block]:
    """``blocks`` with the paragraphs of the article's other same-class containers put in place.

    Only parses the page when it has clearly more <p> tags than extracted paragraphs. Added blocks
    carry ``source="chunk"``: article region like trafilatura's, found by the container class.
    ``tree``: the page's parsed tree when the caller holds one (else the page is parsed here).
    """
    n_p = sum(1 for b in blocks if b.hint("tag") == "p")
    if len(_P_TAG.findall(html)) < n_p + _EXTRA_P_TAGS:
        return blocks
    root = tree() if tree is not None else parse_html(html)
    if root is None:
        return blocks
    runs = _chunk_paragraphs(root, [b.text for b in blocks])
    if not runs:
        return blocks
    after: dict[int, _Run] = {}
    for i, run in runs:
        after.setdefault(i, []).extend(run)
    b = BlockBuilder("trafilatura")
    para_of: dict[int, int] = {}

    def emit_run(run: _Run) -> None:
        b.source = "chunk"
        for text, linked in run:
            b.new_para()
            b.add_text(text, linked, "p")
        b.source = "trafilatura"

    for i, blk in enumerate(blocks):
        if blk.para not in para_of:
            b.new_para()
            para_of[blk.para] = b.para
        b.rows.append((blk.text, b.para, blk.hints))
        if i in after and (i + 1 == len(blocks) or blocks[i + 1].para != blk.para):
            emit_run(after[i])
        elif i in after:  # the matched block is inside a list/table paragraph: after the paragraph
            j = i
            while j + 1 < len(blocks) and blocks[j + 1].para == blk.para:
                j += 1
            after.setdefault(j, []).extend(after.pop(i))
    return b.blocks()
