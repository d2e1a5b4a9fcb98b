"""Text -> blocks: one block a line, wrapped prose lines joined, blank lines delimit paragraphs."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from .types import Block

_LINE = regex.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_SENTENCE_END = tuple(".!?:;。！？…\"”’»)")
_WRAP_MIN = 50  # a line shorter than this is never a wrapped line of prose (plain-text dumps wrap at 72-80)


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


def _continues(prev: str, line: str) -> bool:
    """A hard-wrapped paragraph: the previous line is long, unfinished, and this one goes on in lowercase."""
    return len(prev) >= _WRAP_MIN and not prev.endswith(_SENTENCE_END) and line[:1].islower()


def segment(text: str) -> list[Block]:
    """Split text into blocks; offsets point into ``text``.

    >>> [b.text for b in segment("Title\\n\\nA line\\nanother")]
    ['Title', 'A line', 'another']
    >>> [b.para for b in segment("Title\\n\\nA line\\nanother")]
    [0, 1, 1]
    """
    blocks: list[Block] = []
    para, blank = 0, False
    cur: list[int] | None = None  # [start, end] of the block being built
    cur_para = 0
    for s, e in _lines(text):
        raw = text[s:e]
        stripped = raw.strip()
        if not stripped:
            blank = True
            continue
        lead = len(raw) - len(raw.lstrip())
        s2, e2 = s + lead, s + lead + len(stripped)
        if blank and blocks or blank and cur is not None:
            para += 1
        if cur is not None and not blank and _continues(text[cur[0]:cur[1]], stripped):
            cur[1] = e2
            continue
        if cur is not None:
            blocks.append(_make(text, cur, len(blocks), cur_para))
        cur, cur_para, blank = [s2, e2], para, False
    if cur is not None:
        blocks.append(_make(text, cur, len(blocks), cur_para))
    return blocks


def _make(text: str, span: list[int], index: int, para: int) -> Block:
    s, e = span
    return Block(index=index, text=block_text(text[s:e]), start=s, end=e, para=para)


def block_text(span: str) -> str:
    """A block's text from its span of the input: wrapped lines joined with single spaces."""
    return " ".join(span.split()) if "\n" in span else span
