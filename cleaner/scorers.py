"""Context-free scoring: each block gets a class and a signed weight from its features alone.

Shape after jusText (Pomikalek 2011): long blocks dense in function words are prose; short blocks
are undecided and left to context; link-like, menu-like and number-like blocks are chrome.
The thresholds are jusText's defaults translated to words; they live in tuning.py with the rest.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from itertools import repeat
from typing import NamedTuple

from .features import Features
from .tuning import Tuning


class Kind(enum.Enum):
    GOOD = "good"      # prose: counts for the body
    NEAR = "near"      # prose-like but short: body if its neighbours are
    SHORT = "short"    # too short to tell: headings, bylines, menu entries
    ITEM = "item"      # a list item or table row: body when it continues the body
    BAD = "bad"        # chrome by its own look: menus, link rows, counters


class Score(NamedTuple):  # internal, one per block: a tuple is built fastest
    kind: Kind
    weight: float
    reason: str
    menu: bool = False     # BAD because it looks like navigation (not for lacking function words)


def _menu_like(f: Features, t: Tuning) -> str | None:
    """Why a block looks like navigation, or None."""
    if linked(f, t):
        return f"links={f.link_density:.2f}"
    if f.separators >= t.menu_separators and f.separators * t.separator_words >= f.words:
        return f"separators={f.separators}"
    if f.has_url and f.words <= t.url_words:
        return "url"
    if figures(f, t):
        return f"digits={f.digit_ratio:.2f}"
    return None


def figures(f: Features, t: Tuning) -> bool:
    """A short line mostly of digits: a price, a score, a date, a row of a table of figures."""
    return f.digit_ratio > t.menu_digits and f.words <= t.digit_words


def linked(f: Features, t: Tuning) -> bool:
    """Mostly inside links (HTML): a link-list entry, a promo."""
    return f.link_density >= t.links and f.words <= t.linked_words


def _prose(f: Features) -> bool:
    """Sentence punctuation or, in CJK, a full stop: running text, not a label."""
    return f.ends_sentence or f.sentences > 1


def item_score(words: int, reason: str, t: Tuning) -> Score:
    """A list item's or table row's score: body, weighing less than prose of its length."""
    return Score(Kind.ITEM, max(1.0, t.item_weight * words), reason)


def score_block(f: Features, t: Tuning) -> Score:
    """Classify one block by its features alone.

    Weights are signed word counts: prose adds its words, chrome subtracts.
    """
    if (f.table_row or (f.list_item and not f.has_url or f.list_item and f.words > t.item_link_words)) \
            and not linked(f, t):
        # lists and tables are content: html-text dumps render menus without bullets or pipes;
        # an item that is mostly one link (HTML) is a link-list entry (related, tags), judged below
        return item_score(f.words, "score:list-item" if f.list_item else "score:table-row", t)
    menu = _menu_like(f, t)
    if menu:
        weight = min(t.short_weight, t.bad_weight * f.words)
        return Score(Kind.BAD, weight, f"score:menu-like {menu}", menu=True)
    if f.words >= t.good_words and f.stop_ratio >= t.stop_bad and (_prose(f) or f.stop_ratio >= t.stop_good
                                                                   and not (f.cjk and f.words < t.cjk_title)):
        return Score(Kind.GOOD, float(f.words), f"score:prose words={f.words} stop={f.stop_ratio:.2f}")
    if f.words >= t.near_words and (f.stop_ratio >= t.stop_near or _prose(f) and f.stop_ratio >= t.stop_bad):
        return Score(Kind.NEAR, t.near_weight * f.words,
                     f"score:near-prose words={f.words} stop={f.stop_ratio:.2f}")
    if f.words >= t.good_words and f.stop_ratio < t.stop_bad:
        if f.code_marks >= t.code_marks:  # a code sample: documentation keeps its code, as a list its items
            return item_score(f.words, "score:code", t)
        return Score(Kind.BAD, t.bad_weight * f.words, f"score:few-function-words stop={f.stop_ratio:.2f}")
    if label_like(f, t):
        return Score(Kind.SHORT, t.label_weight, f"score:label words={f.words}")
    return Score(Kind.SHORT, t.short_weight, f"score:short words={f.words}")


def score_page(feats: Iterable[Features], t: Tuning) -> list[Score]:
    """``score_block`` of every block of a page, equal scores one object: a page has many alike short
    blocks, and fewer live objects are less work for the garbage collector. (A score's reason names its
    kind and whether it is menu-like, so reason and weight tell it.)"""
    seen: dict[tuple[str, float], Score] = {}
    return [seen.setdefault((s.reason, s.weight), s) for s in map(score_block, feats, repeat(t))]


def label_like(f: Features, t: Tuning) -> bool:
    """A menu entry or teaser title: a few words, mostly capitalised, not a sentence."""
    return (f.words <= t.label_words and not f.ends_sentence
            and (f.title_ratio >= t.label_case or f.words <= t.label_any_case))
