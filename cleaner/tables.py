"""Tables rendered as text: runs of short lines alike in their numbers or shape score as table rows."""

from __future__ import annotations

import regex

from .features import LETTER
from .records import Assessed
from .scorers import item_score
from .tuning import Tuning

_NUMBER = regex.compile(r"(?<!\S)[-+]?\d[\d.,:%]*(?!\S)")
_SKELETON = regex.compile(r"[\p{L}\s,.'’\-]+")
_DIGITS = regex.compile(r"\d+")


def shape(text: str, t: Tuning) -> str | None:
    """The first symbols of a line with its letters dropped and numbers as 0 ('June 9 – Tampa, FL @ Arena':
    '0–@'), when it has a number and another symbol."""
    skel = _DIGITS.sub("0", _SKELETON.sub("", text))[:t.shape_symbols]
    return skel if len(skel) > 1 and "0" in skel and skel.strip("0") else None


def number_tables(items: list[Assessed], t: Tuning) -> list[Assessed]:
    """Rows of a table rendered as text without separators ('3 Kevin Harvick 5033 4 6 15 26', standings,
    results, timetables): a run of short lines, no rule, with the same count of numbers each, or with the
    same shape (``shape``: tour dates 'June 9 – Tampa, FL @ Arena'). They score as table rows
    (``Kind.ITEM``) instead of short or digit-heavy lines, so the body region holds the table its article
    announces rather than dropping it as a menu. Only lines with a digit are looked at. A line without a
    letter ('| 1/1/2013 | 13.1 |'), chrome on its own (a counter, a separator), is a row only
    in a run of one shape: numbers alone in a row are a widget's calendar as often as a table."""
    rows = [a.feats.digit_ratio > 0 and a.feats.words <= t.teaser_words
            and (a.rule is None or not LETTER.search(a.block.text)) for a in items]
    least = t.table_rows
    if sum(rows) < least:
        return items
    counts = [len(_NUMBER.findall(a.block.text)) if row and a.rule is None else 0
              for a, row in zip(items, rows, strict=True)]
    shapes = [shape(a.block.text, t) if row else None for a, row in zip(items, rows, strict=True)]
    i = 0
    while i < len(items):
        j = i
        while j < len(items) and counts[j] >= t.table_numbers and counts[j] == counts[i]:
            j += 1
        if j - i < least and shapes[i] is not None:
            j = i
            while j < len(items) and shapes[j] == shapes[i]:
                j += 1
        if j - i >= least:
            for k in range(i, j):
                row = item_score(items[k].feats.words, "score:table-row (numbers)", t)
                items[k] = items[k]._replace(score=row, rule=None)
        i = max(j, i + 1)
    return items
