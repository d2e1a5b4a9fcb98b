"""The body region [lo, hi): in a page dump, the contiguous run of blocks with the largest total weight
(maximum-sum subarray; Finn et al. 2001 "Fact or fiction", BTE), opened by the headline that repeats the
page title, then grown over the lists and tables at its edges and the list its last sentence announces.
An extractor's output keeps its whole region.

``REGION_STEPS`` are functions of the page record that return the new region, applied in order.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import repeat

from .looks import announces, chrome_looking, weight
from .records import Assessed, Page
from .rules import Action
from .scorers import Kind, label_like
from .tuning import Tuning

Span = tuple[int, int]
Weight = Callable[[Assessed, Tuning], float]


def looks_extracted(items: list[Assessed], t: Tuning) -> bool:
    """Input that is already an article (an extractor's output): few menu-like or rule-matched lines."""
    limit = t.extracted_share * len(items)
    chrome = 0
    for a in items:
        chrome += chrome_looking(a, t)
        if chrome >= limit:
            return False  # the rest cannot change that
    return bool(items)


def max_region(page: Page, weigh: Weight = weight) -> Span:
    """[start, end) of the maximum-sum run of weights (Kadane); (0, 0) if nothing is positive. When the
    run holds the headline and more prose follows it than precedes it, or a wall of chrome stands right
    before it, the run starts at the headline."""
    items, t, prose = page.items, page.t, page.prose
    best, best_span = 0.0, (0, 0)
    run, run_start = 0.0, 0
    for i, a in enumerate(items):
        if run <= 0:
            run, run_start = 0.0, i
        run += weigh(a, t)
        if run > best:
            best, best_span = run, (run_start, i + 1)
    lo, hi = best_span
    anchor = next((i for i in range(lo, hi) if items[i].anchor), None)
    if anchor is not None and (prose(lo, anchor) < prose(anchor, hi) or _walled(items, lo, anchor, t)):
        return anchor, hi  # the headline opens the article: what precedes it is the page's head
    return best_span


def body_region(page: Page) -> Span:
    """A dump's body region by the blocks' weights (``looks.weight``)."""
    return (page.lo, page.hi) if page.extracted else max_region(page)


def _walled(items: list[Assessed], lo: int, anchor: int, t: Tuning) -> bool:
    """Chrome-looking blocks, one of them rule-matched, right before the headline: a menu stands between
    it and the teasers the region took in before it (only adjacent: a title repeated in a 'Recent posts'
    list further up is no wall)."""
    before = items[max(lo, anchor - t.wall):anchor]
    return (len(before) == t.wall and all(map(chrome_looking, before, repeat(t)))
            and any(a.rule for a in before))


def _continues_body(a: Assessed, t: Tuning) -> bool:
    """A block that may extend the body past its last prose: list items, table rows, plain short lines."""
    if a.rule is not None and a.rule.action is not Action.KEEP or a.repeated:
        return False
    kind = a.score.kind
    return kind in (Kind.ITEM, Kind.NEAR) or kind is Kind.SHORT and not label_like(a.feats, t)


def extend_region(page: Page) -> Span:
    """Grow the region over the lists and tables that end or open an article."""
    items, t, lo, hi = page.items, page.t, page.lo, page.hi
    if page.extracted:
        return lo, hi
    while hi < len(items) and _continues_body(items[hi], t) and _list_run_ahead(items, hi, t):
        hi += 1
    while lo > 0 and items[lo - 1].score.kind is Kind.ITEM and _continues_body(items[lo - 1], t):
        lo -= 1
    return lo, hi


def _list_run_ahead(items: list[Assessed], i: int, t: Tuning) -> bool:
    """Only continue past plain short lines when a list item or table row comes within the next few blocks."""
    if items[i].score.kind is Kind.ITEM:
        return True
    return any(a.score.kind is Kind.ITEM for a in items[i + 1 : i + 1 + t.list_lookahead])


def announced_tail(page: Page) -> Span:
    """A dump's region ends after the list its last sentence announces (``announced_end``), also when it
    ended inside the list (a place name or a label after a longer line weighs less than nothing)."""
    lo, hi, items, t = page.lo, page.hi, page.items, page.t
    if page.extracted or not 0 < hi < len(items):
        return lo, hi
    i = hi - 1  # the region may end inside the list: back over its lines to the sentence
    while (end := announced_end(items, i, t)) is None and i > lo and _list_line(items[i], t):
        i -= 1
    return lo, end if end is not None and end > hi else hi


REGION_STEPS: tuple[Callable[[Page], Span], ...] = (body_region, extend_region, announced_tail)


def outweighed(page: Page) -> bool:
    """The region of a dump leaves out ``t.outside_prose`` times the prose words it holds: the page's body
    is not one run of blocks (a service page's sections, a listing's entries, a thread's posts), so a cut
    at the region's edges would remove more body-like text than it keeps, on one signal. A region with
    under ``t.region_prose`` words of prose is no article either (a product grid, a code listing, a table
    of figures): its edges are no evidence of where the body ends."""
    if page.extracted:
        return False
    n, inside = len(page.items), page.prose(page.lo, page.hi)
    return inside < page.t.region_prose or page.prose(0, n) - inside >= page.t.outside_prose * max(inside, 1)


def announced_end(items: list[Assessed], i: int, t: Tuning) -> int | None:
    """The end of the bullet-less list that the sentence ``items[i]`` announces with a colon ("The tour
    dates:", "On the map you will find the following:"), or None: a sentence of prose, no rule, at least
    ``t.announce_words`` words, then at least ``t.announced_lines`` short lines, none a rule matched or
    the page repeats."""
    a = items[i]
    if not announces(a) or a.score.kind not in (Kind.GOOD, Kind.NEAR) or a.feats.words < t.announce_words:
        return None
    j = i + 1
    while j < len(items) and _list_line(items[j], t):
        j += 1
    return j if j - i - 1 >= t.announced_lines else None


def _list_line(a: Assessed, t: Tuning) -> bool:
    """A line of a bullet-less list: short, no prose, no rule matched, not repeated on the page."""
    return (a.rule is None and not a.repeated and 0 < a.feats.words <= t.teaser_words
            and a.score.kind is not Kind.GOOD)


def announced_lists(page: Page) -> set[int]:
    """The lines of every list inside the region that a sentence announces (``announced_end``); none in an
    extractor's output."""
    found: set[int] = set()
    if page.extracted:
        return found
    items, hi = page.items, page.hi
    for i in range(page.lo, hi):
        end = announced_end(items, i, page.t)
        if end is not None:
            found.update(range(i + 1, min(end, hi)))
    return found
