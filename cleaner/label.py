"""Labelling given a body region: the note steps run in order, a block's first reason wins, and each block
gets its label (``label_region``).

Every note step is a function of the page record (``records.Page``) that returns the blocks it labels
chrome with the reason (``Notes``); a step that does not apply to the page (a dump, an extractor's output)
returns nothing. Rules and the headline go before any note: see ``_label``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from .ends import OUTSIDE, after_end, page_tail, under_headings
from .headline import find_headline, headline_repeats, shouted_titles, standfirst
from .looks import weight, where_ok
from .menus import menu_runs, repeated_captions, score_verdicts
from .records import HEADLINE, Assessed, Notes, Page
from .region import announced_lists
from .rules import HARD, Action
from .tuning import Tuning
from .types import Decision, Label

NOTE_STEPS: tuple[Callable[[Page], Notes], ...] = (
    after_end,          # ends.py: after an end marker (its reason goes over a teaser heading's)
    under_headings,     # ends.py: under a teaser heading
    page_tail,          # ends.py: a promo trailer or a chrome band
    repeated_captions,  # menus.py: a dump's repeated photo captions
    menu_runs,          # menus.py: runs of menu-like lines
    score_verdicts,     # menus.py: blocks the scorer condemns
    standfirst,         # headline.py: an extractor's output: the summary under the headline
    shouted_titles,     # headline.py: an extractor's output: a teaser title in capitals
    headline_repeats,   # headline.py: a dump: copies of the headline inside the body
)


def label_region(page: Page) -> list[Decision]:
    """Label every block given the body region [page.lo, page.hi)."""
    page = replace(page, listed=announced_lists(page), head=find_headline(page))
    notes: Notes = {}
    for step in NOTE_STEPS:
        for i, reason in step(page).items():
            notes.setdefault(i, reason)
    lo, hi, head, t = page.lo, page.hi, page.head, page.t
    return [Decision(a.block, *_label(a, i, lo, hi, notes, head, t)) for i, a in enumerate(page.items)]


def _label(a: Assessed, i: int, lo: int, hi: int, notes: Notes, head: int | None,
           t: Tuning) -> tuple[Label, str]:
    if a.strip is not None and not (a.anchor and lo <= i < hi):
        # the headline that opens the body is learnt when sibling pages list it under "Recent posts";
        # it is the page's own
        return Label.CHROME, f"rule:{a.strip.id}"
    r = a.rule
    if r is not None and r.action is Action.KEEP:
        return Label.BODY, f"rule:{r.id}"
    if r is not None and r.action in HARD and where_ok(r, i, lo):
        return Label.CHROME, f"rule:{r.id}"
    if i == head:
        return Label.BODY, HEADLINE
    if not lo <= i < hi:
        return Label.CHROME, f"{OUTSIDE} ({a.score.reason})"
    if i in notes:
        return Label.CHROME, notes[i]
    if r is not None and r.action is Action.PENALTY and weight(a, t) < 0:
        return Label.CHROME, f"rule:{r.id} (penalty {r.weight:+.1f})"
    return Label.BODY, a.score.reason
