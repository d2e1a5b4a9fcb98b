"""Text -> blocks: one block a line, wrapped prose lines joined, blank lines delimit paragraphs."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from .tuning import TUNING, Tuning
from .types import Block

_LINE = regex.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_SENTENCE_END = tuple(".!?:;。！？…\"”’»)")


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every line, end excluding the newline; one at a time (no list of the lines).

    >>> list(_lines("a\\n\\nbc\\n")), list(_lines("a\\r\\nb"))
    ([(0, 1), (2, 2), (3, 5)], [(0, 1), (3, 4)])
    """
    if "\r" not in text:  # only \n ends lines: str.find, no regex
        start, n = 0, len(text)
        find = text.find
        while start < n:
            end = find("\n", start)
            if end < 0:
                yield start, n
                return
            yield start, end
            start = end + 1
        return
    for m in _LINE.finditer(text):
        s, e = m.span()
        if s == e:
            break
        line = m.group()
        yield s, e - (len(line) - len(line.rstrip("\r\n")))


def _continues(text: str, start: int, end: int, line: str, wrap_min: int) -> bool:
    """A hard-wrapped paragraph: the block so far, ``text[start:end]``, is long and unfinished, and this
    line goes on in lowercase."""
    return end - start >= wrap_min and not text.endswith(_SENTENCE_END, start, end) and line[:1].islower()


def segment(text: str, t: Tuning = TUNING) -> list[Block]:
    """Split text into blocks; offsets point into ``text``.

    >>> [b.text for b in segment("Title\\n\\nA line\\nanother")]
    ['Title', 'A line', 'another']
    >>> [b.para for b in segment("Title\\n\\nA line\\nanother")]
    [0, 1, 1]
    """
    blocks: list[Block] = []
    para, blank, wrap_min = 0, False, t.wrap_min
    start = end = -1  # the span of the block being built (start < 0: none yet)
    block_para = 0
    for s, e in _lines(text):
        raw = text[s:e]
        stripped = raw.strip()
        if not stripped:
            blank = True
            continue
        s2 = s + len(raw) - len(raw.lstrip())
        e2 = s2 + len(stripped)
        if blank and start >= 0:
            para += 1
        if start >= 0 and not blank and _continues(text, start, end, stripped, wrap_min):
            end = e2
            continue
        if start >= 0:
            blocks.append(_make(text, start, end, len(blocks), block_para))
        start, end, block_para, blank = s2, e2, para, False
    if start >= 0:
        blocks.append(_make(text, start, end, len(blocks), block_para))
    return blocks


def _make(text: str, start: int, end: int, index: int, para: int) -> Block:
    return Block(index, block_text(text[start:end]), start, end, para)  # index, text, start, end, para


def block_text(span: str) -> str:
    """A block's text from its span of the input: wrapped lines joined with single spaces."""
    return " ".join(span.split()) if "\n" in span else span
