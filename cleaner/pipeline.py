"""Blocks -> decisions, in two phases.

Phase 1 (context-free, ``assess.assess``): every block gets a rule verdict, if a rule matches, and a score.
Phase 2 (context, ``decide``): one read-only page record (``records.Page``) is built; the region steps
(``region.REGION_STEPS``) find the body region, the note steps (``label.NOTE_STEPS``) label chrome inside
it, first reason wins, and the revisions (``REVISIONS``, --sites) may narrow the result; a passage the kept
text holds twice goes, and the page is decided again without it. Outside the region everything is chrome,
except a headline that leads the body (``Config.headline``: in the text, or only the title).
docs/algorithm.md tells it in prose, step by step with its module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from itertools import repeat

from .assess import assess as assess_blocks
from .config import Mode
from .copies import REPEATED, repeated_passages
from .ends import discussion
from .label import label_region
from .learnt import closed, learnt_region
from .looks import chrome_looking, prose_counter
from .records import HEADLINE, Assessed, Page
from .region import REGION_STEPS, looks_extracted, outweighed
from .rules import RuleSet
from .tuning import Tuning, for_mode
from .types import Block, Decision, Label

__all__ = ["HEADLINE", "REVISIONS", "Assessed", "assess", "decide", "looks_extracted"]

REVISIONS: tuple[Callable[[Page, list[Decision]], list[Decision]], ...] = (
    learnt_region,  # learnt.py: a learnt-aware body region may narrow the page's own
    closed,         # learnt.py: the body ends at a line learnt to close the site's articles
)


def assess(blocks: list[Block], rules: RuleSet, mode: Mode = Mode.BALANCED,
           base: Tuning | None = None) -> list[Assessed]:
    """Phase 1 with ``mode``'s tuning (from ``base``, default ``tuning.TUNING``)."""
    return assess_blocks(blocks, rules, for_mode(mode, base))


def decide(items: list[Assessed], extracted: bool | None = None, mode: Mode = Mode.BALANCED,
           base: Tuning | None = None, thread: bool = False) -> list[Decision]:
    """Label every block. ``extracted``: the blocks are an extractor's article region (None: guess);
    ``thread``: the page declares itself a discussion thread or Q&A page (its replies are content).
    A passage the kept text holds twice (``copies.repeated_passages``) is chrome, and the page is decided
    again without it: as its output would be cleaned again, so cleaning the output changes nothing."""
    t = for_mode(mode, base)
    decisions = _decide(items, extracted, t, thread)
    copies = set(repeated_passages(items, decisions, t))
    if not copies:
        return decisions
    rest = [i for i in range(len(items)) if i not in copies]
    again = iter(decide([items[i] for i in rest], extracted, mode, base, thread))
    return [Decision(a.block, Label.CHROME, REPEATED) if i in copies else next(again)
            for i, a in enumerate(items)]


def _decide(items: list[Assessed], extracted: bool | None, t: Tuning, thread: bool) -> list[Decision]:
    if extracted is None:
        # guessed: input is an extractor's output only if what it keeps would be read so again: kept lines
        # with a dump's share of chrome are cleaned again as a dump, and if that drops a line the output
        # was not final; the input is then read as the dump it was
        if looks_extracted(items, t):
            decisions = _decide(items, True, t, thread)
            kept = [a for a, d in zip(items, decisions, strict=True) if d.kept]
            if looks_extracted(kept, t) or all(d.kept for d in _decide(kept, False, t, thread)):
                return decisions
        extracted = False
    # a dump with little chrome (often an extractor's output that still carries some) keeps its
    # sentence-case short lines
    labels = extracted or sum(map(chrome_looking, items, repeat(t))) < t.label_runs_share * len(items)
    page = Page(items, t, extracted, labels, prose_counter(items), 0, len(items), thread=thread)
    for step in REGION_STEPS:
        lo, hi = step(page)
        page = replace(page, lo=lo, hi=hi)
    if not page.thread and discussion(page):
        page = replace(page, thread=True)
    if outweighed(page):  # a safe cut: the region would drop more body-like text than it keeps
        page = replace(page, extracted=True, labels=True, lo=0, hi=len(items))
    decisions = label_region(page)
    for revise in REVISIONS:
        decisions = revise(page, decisions)
    return decisions
