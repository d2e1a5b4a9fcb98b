"""--sites: what lines learnt across a site's pages change in a page's decision. Two revisions of the
single-page decision, each a function of the page record and that decision: a second, learnt-aware body
region that may narrow the first (``learnt_region``), and the end of the body at a line learnt to close
the site's articles (``closed``)."""

from __future__ import annotations

from dataclasses import replace

from .label import label_region
from .looks import between_body, chrome_looking, weight
from .records import Assessed, Page
from .region import extend_region, max_region
from .rules import normalise
from .scorers import Kind
from .tuning import Tuning
from .types import Decision, Label

_AFTER_CLOSE = "context:after a learnt closing line"


def learnt_weight(a: Assessed, t: Tuning) -> float:
    """A block's weight when the lines learnt across the site's pages count as chrome."""
    if a.strip is not None and not a.anchor:
        return min(t.learnt_weight, -abs(a.score.weight))
    return weight(a, t)


def learnt_region(page: Page, single: list[Decision]) -> list[Decision]:
    """A dump with learnt lines: a second body region where learnt lines weigh as chrome (``learnt_weight``)
    narrows the page's own one, off teaser lists, sidebars and comment forms made of page-specific lines
    between learnt ones.

    It is only trusted when it still holds the single-page region's first prose that is not learnt (else
    it has moved onto a comment thread or a teaser list), and inside it a block the single-page decision
    kept stays kept: its end markers and chrome bands were judged against a region of the page's own size
    (a short learnt region lets an end marker fire after an author box)."""
    items, lo, hi = page.items, page.lo, page.hi
    if page.extracted or not any(a.strip is not None for a in items):
        return single
    blo, bhi = max_region(page, learnt_weight)
    blo, bhi = extend_region(replace(page, lo=blo, hi=bhi))
    first = next((i for i in range(lo, hi) if items[i].strip is None and items[i].score.kind is Kind.GOOD),
                 None)
    if (blo, bhi) == (lo, hi) or first is None or not blo <= first < bhi:
        return single
    learnt = label_region(replace(page, lo=blo, hi=bhi))
    return [s if s.kept and blo <= i < bhi and not d.kept else d
            for i, (s, d) in enumerate(zip(single, learnt, strict=True))]


def closed(page: Page, decisions: list[Decision]) -> list[Decision]:
    """The body ends at a line learnt to close the site's articles (on most of the site's pages it follows
    nearly all the prose the page's own decision kept: sites.py), once the body's own prose has begun:
    what follows is a comment thread, an author box or teasers, however much prose it holds.

    Not at the headline or a line inside the page title (sibling pages list this page's title after
    their own articles), and only at a line in a band of chrome, next to a learnt, rule-matched or
    chrome-looking block, not between two body blocks: a line alone among the article's is a section
    heading that is also a menu entry or a teaser title elsewhere on the site."""
    items, t = page.items, page.t
    if not any(a.closes for a in items):
        return decisions
    kept = [i for i, d in enumerate(decisions) if d.kept]
    first = next((i for i in kept if items[i].strip is None and not items[i].anchor
                  and items[i].score.kind is Kind.GOOD), None)
    if first is None:
        return decisions
    title = normalise(items[0].block.text)
    for i in range(first + 1, kept[-1] + 1):
        a = items[i]
        if (a.closes and not a.anchor and not between_body(items, i) and _in_band(items, i, t)
                and normalise(a.block.text) not in title):
            return decisions[:i] + [Decision(d.block, Label.CHROME, _AFTER_CLOSE) if d.kept else d
                                    for d in decisions[i:]]
    return decisions


def _in_band(items: list[Assessed], i: int, t: Tuning) -> bool:
    """A neighbour of block ``i`` is learnt, rule-matched or chrome-looking."""
    return any(a.strip is not None or a.closes or chrome_looking(a, t)
               for a in items[max(0, i - 1):i] + items[i + 1:i + 2])
