"""Context-free scoring: each block gets a class and a signed weight from its features alone.

Shape after jusText (Pomikalek 2011): long blocks dense in function words are prose; short blocks
are undecided and left to context; link-like, menu-like and number-like blocks are chrome.
Thresholds below are jusText's defaults translated to words (length_low 70 chars ~ 12 words,
length_high 200 chars ~ 30 words, stopwords_low 0.30, stopwords_high 0.32) and then checked on
the dev bench (benchmarks/accuracy.py); each says where it comes from.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import repeat
from typing import NamedTuple

from .config import Mode
from .features import Features


class Kind(enum.Enum):
    GOOD = "good"      # prose: counts for the body
    NEAR = "near"      # prose-like but short: body if its neighbours are
    SHORT = "short"    # too short to tell: headings, bylines, menu entries
    ITEM = "item"      # a list item or table row: body when it continues the body
    BAD = "bad"        # chrome by its own look: menus, link rows, counters


@dataclass(frozen=True, slots=True)
class Tuning:
    good_words: int        # words for a prose block (jusText length_high ~ 200 chars)
    near_words: int        # words for a near-good block (jusText length_low ~ 70 chars)
    stop_good: float       # function-word share of prose (jusText stopwords_high 0.32)
    stop_near: float       # function-word share of near-good text (jusText stopwords_low 0.30)
    short_weight: float    # what one undecided block costs a body region
    label_weight: float    # what one short label-like line (Title Case, no sentence) costs
    bad_weight: float      # what one chrome-looking word costs a body region
    stop_bad: float        # below this function-word share a long block is not prose
    menu_run: int          # this many headline-like lines in a row inside a dump's body are a teaser list
    band: int              # this many chrome-looking blocks in a row end a dump's article (0: never)


TUNINGS = {
    Mode.PRECISION: Tuning(good_words=14, near_words=8, stop_good=0.30, stop_near=0.24,
                           short_weight=-1.0, label_weight=-3.0, bad_weight=-1.0, stop_bad=0.15,
                           menu_run=3, band=2),
    Mode.BALANCED: Tuning(good_words=10, near_words=5, stop_good=0.26, stop_near=0.20,
                          short_weight=-0.5, label_weight=-2.0, bad_weight=-0.6, stop_bad=0.12,
                          menu_run=3, band=3),
    Mode.RECALL: Tuning(good_words=8, near_words=4, stop_good=0.22, stop_near=0.16,
                        short_weight=-0.25, label_weight=-1.0, bad_weight=-0.3, stop_bad=0.08,
                        menu_run=5, band=0),
}


_LINKS = 0.8         # a short block mostly inside links is a link list entry (jusText max_link_density is 0.2
_LINKED_WORDS = 20   # for any block; here only short blocks, as an extractor's output keeps inline links)
URL_WORDS = 12       # a block with an URL up to this long is a bare link line (jusText length_low ~ 12 words)


_CJK_TITLE = 20     # Han/Kana text this short without a full stop is a title (particles prove no prose)


class Score(NamedTuple):  # internal, one per block: a tuple is built fastest
    kind: Kind
    weight: float
    reason: str
    menu: bool = False     # BAD because it looks like navigation (not for lacking function words)


def _menu_like(f: Features) -> str | None:
    """Why a block looks like navigation, or None."""
    if linked(f):
        return f"links={f.link_density:.2f}"
    if f.separators >= 2 and f.separators * 4 >= f.words:
        return f"separators={f.separators}"
    if f.has_url and f.words <= URL_WORDS:
        return "url"
    if f.digit_ratio > 0.4 and f.words <= 8:
        return f"digits={f.digit_ratio:.2f}"
    return None


def linked(f: Features) -> bool:
    """Mostly inside links (HTML): a link-list entry, a promo."""
    return f.link_density >= _LINKS and f.words <= _LINKED_WORDS


def _prose(f: Features) -> bool:
    """Sentence punctuation or, in CJK, a full stop: running text, not a label."""
    return f.ends_sentence or f.sentences >= 2


def item_score(words: int, reason: str) -> Score:
    """A list item's or table row's score: body, weighing less than prose of its length."""
    return Score(Kind.ITEM, max(1.0, 0.3 * words), reason)


def score_block(f: Features, t: Tuning) -> Score:
    """Classify one block by its features alone.

    Weights are signed word counts: prose adds its words, chrome subtracts.
    """
    if (f.table_row or (f.list_item and not f.has_url or f.list_item and f.words > 3)) and not linked(f):
        # lists and tables are content: html-text dumps render menus without bullets or pipes;
        # an item that is mostly one link (HTML) is a link-list entry (related, tags), judged below
        return item_score(f.words, "score:list-item" if f.list_item else "score:table-row")
    menu = _menu_like(f)
    if menu:
        weight = min(t.short_weight, t.bad_weight * f.words)
        return Score(Kind.BAD, weight, f"score:menu-like {menu}", menu=True)
    if f.words >= t.good_words and f.stop_ratio >= t.stop_bad and (_prose(f) or f.stop_ratio >= t.stop_good
                                                                   and not (f.cjk and f.words < _CJK_TITLE)):
        return Score(Kind.GOOD, float(f.words), f"score:prose words={f.words} stop={f.stop_ratio:.2f}")
    if f.words >= t.near_words and (f.stop_ratio >= t.stop_near or _prose(f) and f.stop_ratio >= t.stop_bad):
        return Score(Kind.NEAR, 0.5 * f.words, f"score:near-prose words={f.words} stop={f.stop_ratio:.2f}")
    if f.words >= t.good_words and f.stop_ratio < t.stop_bad:
        return Score(Kind.BAD, t.bad_weight * f.words, f"score:few-function-words stop={f.stop_ratio:.2f}")
    if label_like(f):
        return Score(Kind.SHORT, t.label_weight, f"score:label words={f.words}")
    return Score(Kind.SHORT, t.short_weight, f"score:short words={f.words}")


def score_page(feats: Iterable[Features], t: Tuning) -> list[Score]:
    """``score_block`` of every block of a page, equal scores one object: a page has many alike short
    blocks, and fewer live objects are less work for the garbage collector. (A score's reason names its
    kind and whether it is menu-like, so reason and weight tell it.)"""
    seen: dict[tuple[str, float], Score] = {}
    return [seen.setdefault((s.reason, s.weight), s) for s in map(score_block, feats, repeat(t))]


def label_like(f: Features) -> bool:
    """A menu entry or teaser title: a few words, mostly capitalised, not a sentence."""
    return f.words <= 6 and not f.ends_sentence and (f.title_ratio >= 0.6 or f.words <= 2)
