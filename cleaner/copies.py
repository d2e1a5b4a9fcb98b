"""Copies in the kept text: a passage the output already holds, printed again (``repeated_passages``).

It reads the decisions once every block is labelled, since a copy is only a copy of what is kept;
``pipeline.decide`` then decides the page again without the copies.
"""

from __future__ import annotations

from .records import Assessed
from .tuning import Tuning
from .types import Decision

REPEATED = "context:repeated passage"  # the reason of a passage's later copy


def repeated_passages(items: list[Assessed], decisions: list[Decision], t: Tuning) -> list[int]:
    """The blocks of the passages the kept text holds twice, the later copy of each: a passage that the kept
    text already holds block for block, with a paragraph of prose in it (``_prose``) and ``t.copy_words``
    words or more. Pages print the same description or lead twice, for two layouts (a phone's and a
    desktop's), in a tab and its accordion. Lines and data without prose (a plan's recurring meals, a
    table's recurring cells) repeat by design."""
    kept = [i for i, d in enumerate(decisions) if d.kept]
    keys = [" ".join(decisions[i].block.text.split()) for i in kept]
    earlier: dict[str, list[int]] = {}  # a kept text -> where it stood before (positions in ``kept``)
    copies: list[int] = []
    p = 0
    while p < len(kept):
        n = max((_same_run(keys, q, p) for q in earlier.get(keys[p], ())[-_COPY_CANDIDATES:]), default=0)
        run = kept[p:p + n]
        words = sum(items[i].feats.words for i in run)
        if n and words >= t.copy_words and any(_prose(items[i], t) for i in run):
            copies += run
            p += n
            continue
        earlier.setdefault(keys[p], []).append(p)
        p += 1
    return copies


_COPY_CANDIDATES = 4  # earlier places of a text compared with a passage (bounds a page of one line repeated)
_COPY_RUN = 64        # blocks of a passage compared at once (a longer copy is found again where this ends)


def _same_run(keys: list[str], q: int, p: int) -> int:
    """How many texts from ``p`` on repeat, in order, those from ``q`` on (the earlier run ends before p)."""
    n = 0
    while n < _COPY_RUN and p + n < len(keys) and q + n < p and keys[q + n] == keys[p + n]:
        n += 1
    return n


def _prose(a: Assessed, t: Tuning) -> bool:
    """A paragraph of prose by its length and function words alone: stricter than the scorer's prose
    (``Kind.GOOD`` also takes sentence punctuation with fewer function words, which a plan's or a
    table's recurring lines carry)."""
    return a.feats.words >= t.good_words and a.feats.stop_ratio >= t.stop_good
