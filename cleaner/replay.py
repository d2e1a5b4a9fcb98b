"""Replay an explanation: the body rebuilt from the input text and the decisions alone.

ftfy's ``apply_plan`` idea: ``Cleaned.decisions`` is a plan, and applying it to the input must give
``Cleaned.text`` back, so a test can check that the explanations are true. ``apply_decisions`` reads
only each decision's label and its block's ``start``/``end``; block texts, paragraph numbers and
reasons are ignored. Layout comes from the input itself: a kept block's text is the input between
its offsets (wrapped lines joined with single spaces, as the segmenter joins them), and two kept
blocks are separated by a blank line when the input has a blank line between them, else by a newline.

Offsets of a text input point into the decoded text (what ``Cleaner.clean`` read, after decoding). For HTML
input they point into the *page text* (see ``markup.BlockBuilder``), not into the markup: trafilatura keeps
no source offsets. ``page_text(decisions)`` rebuilds that page text from the blocks; replaying onto
it checks the labels and offsets, not the HTML extraction.

>>> from cleaner import Cleaner
>>> page = "Home\\nNews\\n\\n" + "The council met on Tuesday and agreed that the new bridge will be " \\
...        "built over the river by the end of the year, at a cost of two million.\\n\\nShare this article"
>>> done = Cleaner().clean(page)
>>> apply_decisions(page, done.decisions) == done.text
True
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from .render import render
from .segment import block_text
from .types import Decision, Label

_BREAK = regex.compile(r"\r\n|\r|\n")


def apply_decisions(text: str, decisions: Iterable[Decision]) -> str:
    """The body that ``decisions`` (labels and offsets into ``text``) select from ``text``."""
    parts: list[str] = []
    last_end: int | None = None
    for d in decisions:
        if d.label is not Label.BODY:
            continue
        if last_end is not None:
            parts.append("\n\n" if _blank_line_between(text, last_end, d.block.start) else "\n")
        parts.append(block_text(text[d.block.start:d.block.end]))
        last_end = d.block.end
    return "".join(parts)


def _blank_line_between(text: str, start: int, end: int) -> bool:
    """A whitespace-only line lies wholly inside ``text[start:end]`` (a paragraph break)."""
    lines = _BREAK.split(text[start:end])
    return any(not line.strip() for line in lines[1:-1])


def page_text(decisions: Iterable[Decision]) -> str:
    """The text that HTML blocks' offsets point into: every block, joined as ``render`` joins kept ones.

    (For ``Cleaned.source == "html-text"``, a page lxml could not parse, the blocks come from the
    segmenter and point into ``markup.strip_tags(page)`` instead.)

    >>> from cleaner.types import Block
    >>> page_text([Decision(Block(0, "a", 0, 1, 0), Label.CHROME, ""),
    ...            Decision(Block(1, "b", 3, 4, 1), Label.BODY, "")])
    'a\\n\\nb'
    """
    return render([Decision(d.block, Label.BODY, d.reason) for d in decisions])
