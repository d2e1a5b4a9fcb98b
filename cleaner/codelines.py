"""Code samples rendered as text, one line a block: runs of short lines with code punctuation."""

from __future__ import annotations

import re

from .features import CODE
from .records import Assessed
from .scorers import Kind, item_score
from .tuning import Tuning


def code_runs(items: list[Assessed], t: Tuning) -> list[Assessed]:
    """Lines of a code sample ('function Row({ product }) {', '<label>', 'x = f(y);'): a run of at least
    ``t.code_lines`` short lines with code punctuation (``features.CODE``), bridged by lines without a
    letter ('});', '}') and by at most ``t.code_bridge`` other short lines in a row ('return (',
    'First name:'). Its lines that no rule matched, and its lines without a word whatever matched them,
    score as list items: documentation keeps its code samples whole, and no menu run or chrome band is
    made of their lines. A worded line a rule matched ('Email:') keeps its rule."""
    least, limit = t.code_lines, t.teaser_words
    found = _with_code(items, limit)
    if len(found) < least:
        return items
    runs, run = [], found[:1]
    for i in found[1:]:
        if _bridged(items[run[-1] + 1:i], limit, t):
            run.append(i)
        else:
            runs.append(run)
            run = [i]
    runs.append(run)
    for run in runs:
        if len(run) < least:
            continue
        for k in range(run[0], run[-1] + 1):
            a = items[k]
            if a.rule is None or not a.feats.words:
                items[k] = a._replace(score=item_score(a.feats.words, "score:code (lines)", t), rule=None)
    return items


def _bridged(between: list[Assessed], limit: int, t: Tuning) -> bool:
    """The blocks between two lines of code keep them in one sample: short lines, at most
    ``t.code_bridge`` of them with a word."""
    return (all(a.score.kind is not Kind.GOOD and a.feats.words <= limit for a in between)
            and sum(a.feats.words > 0 for a in between) <= t.code_bridge)


# a character that every match of ``features.CODE`` holds: most lines have none, and a character class
# is searched many times faster than ``\w\(``
_HINT = re.compile(r"[=;{}<(/]")


def _with_code(items: list[Assessed], limit: int) -> list[int]:
    """Indices of the short blocks (up to ``limit`` words, no prose) with code punctuation
    (``features.CODE``), in order."""
    good, hint, code = Kind.GOOD, _HINT.search, CODE.search
    return [i for i, a in enumerate(items) if 0 < a.feats.words <= limit and a.score.kind is not good
            and hint(a.block.text) and code(a.block.text)]
