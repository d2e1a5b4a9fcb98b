"""Decisions -> text: the kept blocks in input order, paragraph breaks as in the input."""

from __future__ import annotations

from .types import Decision


def render(decisions: list[Decision] | tuple[Decision, ...]) -> str:
    """Kept blocks in input order; a blank line where the input had a paragraph break.

    >>> from cleaner.types import Block, Label
    >>> ds = [Decision(Block(0, "a", 0, 1, 0), Label.BODY, ""),
    ...       Decision(Block(1, "b", 2, 3, 0), Label.BODY, ""),
    ...       Decision(Block(2, "c", 5, 6, 1), Label.BODY, "")]
    >>> render(ds)
    'a\\nb\\n\\nc'
    """
    parts: list[str] = []
    last_para = None
    for d in decisions:
        if not d.kept:
            continue
        if parts:
            parts.append("\n" if d.block.para == last_para else "\n\n")
        parts.append(d.block.text)
        last_para = d.block.para
    return "".join(parts)
