"""What one assessed block looks like, and the page's prose counts: the predicates the steps share."""

from __future__ import annotations

import functools
import unicodedata
from itertools import accumulate

import regex

from .features import TERMINALS
from .records import Assessed, Prose
from .rules import HARD, Action, Rule, Where
from .scorers import Kind, label_like
from .tuning import Tuning

BODY_KINDS = (Kind.GOOD, Kind.NEAR, Kind.ITEM)     # scores that look like body: prose, list items
_INNER_STOP = regex.compile(f"[.!?]\\s|[{TERMINALS}].")  # a sentence ends inside the line
_FULL_STOPS = tuple(".。｡．।॥۔።։။།។")  # a statement's last mark, in any script (not ? or !)


# a clock time, or a day and a year (2024, 2567 of the Buddhist era, 1403 of the Persian calendar)
# in either order, digits of any script, numbers told apart by digits only (CJK dates have no spaces)
_YEAR = r"(?:1[3-9]|2[0-5])\d\d"  # 1300-2599: the Gregorian, Persian (13xx-14xx) and Buddhist (25xx) eras
_STAMP = regex.compile(rf"(?<!\d)(?:\d{{1,2}}:\d{{2}}|\d{{1,2}}(?!\d).{{0,20}}(?<!\d){_YEAR}"
                       rf"|{_YEAR}(?!\d).{{0,20}}(?<!\d)\d{{1,2}})(?!\d)")


@functools.cache
def _ascii_digits() -> dict[int, str]:
    """Every Unicode decimal digit -> its ASCII digit (so the year range holds in any script); built on
    first use, not at import."""
    return {c: str(unicodedata.digit(chr(c))) for c in range(0x80, 0x20000)
            if unicodedata.category(chr(c)) == "Nd"}


def dated(text: str) -> bool:
    """A clock time or a day and a year in ``text``, written in any script's digits."""
    return _STAMP.search(text if text.isascii() else text.translate(_ascii_digits())) is not None


def headline_like(a: Assessed, t: Tuning) -> bool:
    """A menu entry, a teaser title or a label: no sentence, at most a headline's length. A line in Title
    Case that closes with ? ! or ) ("Why Are Facebook And Twitter So Hard To Scale?") is a teaser title too:
    it breaks a teaser list into runs too short to be one otherwise."""
    f = a.feats
    return (a.score.kind is not Kind.ITEM and f.words <= t.teaser_words
            and (not f.ends_sentence or f.title_ratio >= t.title_case and _one_title(a.block.text)))


def _one_title(text: str) -> bool:
    """No full stop at the end, no sentence end inside (a colon may split a title: 'Sign-Off: Why ...?')."""
    text = text.rstrip()
    return not text.endswith(_FULL_STOPS) and _INNER_STOP.search(text) is None


def label_line(a: Assessed, t: Tuning) -> bool:
    return a.score.kind in (Kind.SHORT, Kind.BAD) and label_like(a.feats, t)


def title_like(a: Assessed, t: Tuning) -> bool:
    return label_line(a, t) or headline_like(a, t) and a.feats.title_ratio >= t.title_case


def body_line(items: list[Assessed], i: int) -> bool:
    """Block ``i`` looks like body (a paragraph, near-prose, a list item, a table row), no rule matched."""
    return 0 <= i < len(items) and items[i].rule is None and items[i].score.kind in BODY_KINDS


def announces(a: Assessed) -> bool:
    """A line that introduces what follows it: no rule matched it and it ends with a colon ('Pros:',
    'The tour dates:')."""
    return a.rule is None and a.block.text.rstrip().endswith(":")


def dropped_by_rule(a: Assessed) -> bool:
    return a.rule is not None and a.rule.action in HARD


def where_ok(rule: Rule, i: int, lo: int) -> bool:
    """The rule's ``where`` admits block ``i`` of a body region starting at ``lo``."""
    if rule.where is Where.HEAD:
        return i <= lo
    if rule.where is Where.TAIL:
        return i > lo
    return True


def chrome_looking(a: Assessed, t: Tuning) -> bool:
    """Chrome by a rule (not a keep rule) or by its own look: a bad score or a label."""
    if a.rule is not None:
        return a.rule.action is not Action.KEEP
    return a.score.kind is Kind.BAD or a.score.kind is Kind.SHORT and label_like(a.feats, t)


def between_body(items: list[Assessed], i: int) -> bool:
    """Both neighbours are body-looking (prose, list items): in an extractor's output a link or a
    slash-separated line there belongs to the list or paragraph around it."""
    return (0 < i < len(items) - 1 and items[i - 1].score.kind in BODY_KINDS
            and items[i + 1].score.kind in BODY_KINDS)


def prose_counter(items: list[Assessed]) -> Prose:
    """Words of prose between two block indices in constant time (prefix sums, built once)."""
    cum = list(accumulate((a.feats.words if a.score.kind is Kind.GOOD else 0 for a in items), initial=0))
    return lambda lo, hi: cum[hi] - cum[lo]


def told(prose: Prose, lo: int, hi: int, t: Tuning) -> float:
    """Prose words after which the article counts as told: an end marker or a promo may end it."""
    return min(t.end_words, t.end_share * (prose(lo, hi) or 1))


def weight(a: Assessed, t: Tuning) -> float:
    """What a block adds to a body region (``region.max_region``); a penalty rule's block below 0 is
    chrome."""
    if a.anchor:
        return t.anchor_bonus
    if a.rule is None:
        return t.duplicate_weight if a.repeated and a.score.kind is not Kind.GOOD else a.score.weight
    if a.rule.action is Action.KEEP:
        return max(1.0, a.score.weight)
    if a.rule.action is Action.PENALTY:
        return a.score.weight + a.rule.weight
    return min(t.rule_weight, -abs(a.score.weight))
