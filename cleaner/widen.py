"""Trafilatura's region is one signal, not a gate: when the page's own body is much wider.

Trafilatura finds an article's region well, but on forum threads, listings, product and service pages
it often keeps one post, one section or a teaser, and the engine can only keep what it is given. So
when its region keeps little of the page, the engine also reads the page's DOM blocks as a dump (its
own body region); if that body holds nearly all the region kept and several times more words, the
page's main content is wider than the region, and the whole-page decisions are used. A page that marks
its content with a ``<main>`` element (HTML5's "dominant content of the body", or ``role="main"``) is
read within it: without the page's header, menus and footer the body is a surer guess, so it is taken
at a lower ratio.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from .records import Assessed
from .scorers import Kind
from .tuning import Tuning
from .types import Decision

_WORD = regex.compile(r"\w+")


def worth_a_look(kept: int, page_words: int, t: Tuning, main: bool = False) -> bool:
    """The page's visible text is ``t.widen_look`` times the ``kept`` words of the region (``kept_count``):
    its body might be wider (the page's own body keeps a part of its text, so a page under this ratio
    cannot pass ``wider``). With ``main``, ``page_words`` are those of the page's ``main`` element, and the
    ratio is ``wider``'s own: no body read within it could pass under it."""
    return page_words > (t.main_ratio if main else t.widen_look) * max(kept, 1)


def full_look(kept: int, page_words: int, t: Tuning) -> bool:
    """The page's visible text is ``t.full_look`` times the ``kept`` words of trafilatura's fast region
    (``kept_count``): without its fallback extractors it may have settled on a fragment of the page."""
    return page_words >= t.full_look * max(kept, 1)


def second_look(kept: int, page_words: int, t: Tuning) -> bool:
    """The page's visible text is ``t.second_look`` times the ``kept`` words of trafilatura's recall-mode
    region (``kept_count``): that mode may have settled on one post, one section or a teaser."""
    return page_words >= t.second_look * max(kept, 1)


def fuller(region: Sequence[Decision], other: Sequence[Decision], t: Tuning) -> bool:
    """The engine keeps of trafilatura's default-mode region ``t.second_ratio`` times the words it kept
    of the recall-mode one, and ``t.second_words`` at least."""
    return kept_count(other) >= max(t.second_words, t.second_ratio * kept_count(region))


def kept_count(decisions: Sequence[Decision]) -> int:
    """White-space separated words of the kept blocks."""
    return sum(len(d.block.text.split()) for d in decisions if d.kept)


def kept_words(decisions: Sequence[Decision]) -> list[str]:
    return [w.casefold() for d in decisions if d.kept for w in _WORD.findall(d.block.text)]


def kept_prose(items: Sequence[Assessed], decisions: Sequence[Decision]) -> int:
    """Words of the kept blocks scored prose."""
    return sum(a.feats.words for a, d in zip(items, decisions, strict=True)
               if d.kept and a.score.kind is Kind.GOOD)


def wider(region: Sequence[Decision], page: Sequence[Decision], t: Tuning, prose: int,
          main: bool = False) -> bool:
    """The page's own body keeps ``t.widen_ratio`` times the region's words (``t.main_ratio`` when it is
    the body of the page's ``main`` element: no header, menu or footer to mistake for content),
    ``t.widen_overlap`` of the region's kept words among them: the same article and more, not another part
    of the page. A region that kept under ``t.widen_least`` words (a menu line, a caption), or under
    ``t.region_prose`` words of prose (``prose``: a list of teaser titles, a sidebar), is no article to
    compare with."""
    ours, theirs = kept_words(region), kept_words(page)
    if len(theirs) <= (t.main_ratio if main else t.widen_ratio) * max(len(ours), 1):
        return False
    if len(ours) < t.widen_least or prose < t.region_prose:
        return True
    have = set(theirs)
    return sum(w in have for w in ours) >= t.widen_overlap * len(ours)
