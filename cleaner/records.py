"""The records the decision steps share: ``Assessed`` (phase 1's view of one block) and ``Page`` (the
read-only page record every step of phase 2 is a function of)."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import NamedTuple

from .features import Features
from .rules import Rule
from .scorers import Score
from .tuning import Tuning
from .types import Block

Prose = Callable[[int, int], int]  # prose(lo, hi): words in prose blocks of items[lo:hi]
Notes = dict[int, str]             # what a step labels chrome: block index -> reason

HEADLINE = "context:headline"  # the reason of the kept headline (Cleaned.title reads it)


class Assessed(NamedTuple):  # internal, one per block: a tuple is built fastest
    """Phase-1 view of one block."""

    block: Block
    feats: Features
    score: Score
    rule: Rule | None
    strip: Rule | None = None  # a strip rule (a line learnt across a site's pages): chrome, no other effect
    repeated: bool = False   # the same short line occurs elsewhere in the page
    anchor: bool = False     # the headline: repeats the page title given in the first line
    closes: bool = False     # a line learnt to close the site's articles (a ``close`` rule's phrase)


@dataclass(frozen=True, slots=True)
class Page:
    """One page as the steps of phase 2 read it. Built once by ``pipeline.decide``; the region steps
    return a new body region, from which a new record is made (``dataclasses.replace``)."""

    items: list[Assessed]  # the assessed blocks, in input order
    t: Tuning              # the mode's tuning
    extracted: bool        # the blocks are an extractor's article region: only chrome-evident blocks go
    labels: bool           # a dump with little chrome: its menu runs are runs of labels and Title-Case titles
    prose: Prose           # words of prose between two block indices
    lo: int = 0            # the body region [lo, hi)
    hi: int = 0
    head: int | None = None  # the headline that leads the body, if any
    listed: AbstractSet[int] = frozenset()  # lines of lists a sentence announces: spared by menus and scores
    thread: bool = False   # a discussion: declared (HTML) or read as one (ends.discussion); its
                           # replies are its content
