"""Phase 1, context-free: every block gets its features, its first matching rule and a score."""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Hashable
from dataclasses import replace
from typing import TypeVar

from .codelines import code_runs
from .features import FULL_STOPS, Features, page_features, page_stopwords
from .records import Assessed
from .rules import HARD, Action, Rule, RuleSet, normalise
from .scorers import score_page
from .tables import number_tables
from .tuning import Tuning
from .types import Block

T = TypeVar("T")
_STRIPS = (Action.STRIP, Action.CLOSE)


def assess(blocks: list[Block], rules: RuleSet, t: Tuning) -> list[Assessed]:
    """The ``Assessed`` record of every block, with the mode's tuning ``t``."""
    # A page repeats blocks (menu entries, share rows, "Reply"): each distinct one is measured,
    # normalised, matched and scored once.
    firsts, slots = _distinct([b.text if not b.hints else (b.text, b.hints) for b in blocks])
    distinct = [blocks[i] for i in firsts]
    texts = [b.text for b in distinct]
    feats = page_features(distinct, page_stopwords(texts, rules.stopwords, t), rules.particles, t)
    norms = list(map(normalise, texts))
    matched = rules.first_matches(texts, norms, [f.words for f in feats])
    block_feats, block_norms = _spread(feats, slots), _spread(norms, slots)
    scoring = _calibrate(blocks, block_feats, _for_text(blocks, t))
    counts = Counter(block_norms)
    # HTML: the block of its <title>
    hinted = next((i for i, b in enumerate(blocks) if b.hints and b.hint("page_title")), None)
    first_rule = matched[0] if matched else None  # block 0 is the first distinct block
    if hinted is None and not (first_rule is not None and first_rule.action in HARD):  # chrome: no title
        hinted = _title_anchor(block_norms, blocks[0].text if blocks else "", t, block_feats)
    anchor = hinted
    twice = [counts[norm] > 1 for norm in block_norms]
    closing = rules.closing
    closes = [norm in closing for norm in block_norms] if closing else [False] * len(blocks)
    del texts, norms, block_norms, counts  # the page's text again: gone before the records are built
    scores = _spread(score_page(feats, scoring), slots)
    rows = zip(blocks, twice, block_feats, scores, _spread(matched, slots), closes, strict=True)
    short = t.repeated_words
    # fields: block, feats, score, rule, strip, repeated, anchor, closes
    out = [Assessed(b, f, score, *_split_strip(rule), dup and f.words <= short, i == anchor, close)
           for i, (b, dup, f, score, rule, close) in enumerate(rows)]
    return code_runs(number_tables(out, t), t)


def _distinct(keys: list[Hashable]) -> tuple[list[int], list[int]]:
    """Where each distinct key first occurs, and for every key its place among the distinct ones.

    >>> _distinct(["a", "b", "a"])
    ([0, 1], [0, 1, 0])
    """
    first: dict[Hashable, int] = {}
    for i, k in enumerate(keys):
        first.setdefault(k, i)
    place = {k: j for j, k in enumerate(first)}
    return list(first.values()), list(map(place.__getitem__, keys))


def _spread(values: list[T], slots: list[int]) -> list[T]:
    """The value of each item from the values of the distinct ones (``_distinct``)."""
    return list(map(values.__getitem__, slots))


def _split_strip(rule: Rule | None) -> tuple[Rule | None, Rule | None]:
    """(rule, strip): a strip rule leaves the block's weight and context as if no rule matched."""
    if rule is not None and rule.action in _STRIPS:
        return None, rule
    return rule, None


def _title_anchor(norms: list[str], first: str, t: Tuning, feats: list[Features]) -> int | None:
    """The first later block that repeats the page title (a dump's first line) and that a sentence follows:
    the headline (a line repeating only the site's name, in a menu or a footer, opens nothing)."""
    if not norms:
        return None
    title = norms[0]
    if _words(title, feats[0], t) > t.headline_words[1] or first.rstrip().endswith(FULL_STOPS):
        return None  # the first line is prose, not a page title
    for i, norm in enumerate(norms[1:], start=1):
        if _words(norm, feats[i], t) >= t.anchor_words and (
                norm in title or title in norm and len(norm) < t.anchor_length * len(title)) \
                and _prose_follows(feats, i, t):
            return i
    return None


def _words(norm: str, f: Features, t: Tuning) -> int:
    """The words of a normalised line, counted up to one more than a headline's longest: those its spaces
    part, or in Han/Kana text, which parts no words with spaces, the features' count."""
    longest = t.headline_words[1]
    return min(f.words, longest + 1) if f.cjk else len(norm.split(maxsplit=longest))


def _prose_follows(feats: list[Features], i: int, t: Tuning) -> bool:
    """A sentence of prose length comes within ``t.anchor_prose`` blocks after block ``i``."""
    return any(f.ends_sentence and f.words >= t.good_words for f in feats[i + 1:i + 1 + t.anchor_prose])


def _for_text(blocks: list[Block], t: Tuning) -> Tuning:
    """Text (blocks without DOM hints, a dump or an extractor's output): prose needs ``t.text_words`` more
    words than a paragraph of markup. A ``<p>`` says where a paragraph is; a line of text of ten words is a
    teaser title, a caption or a menu entry as often as a sentence."""
    if t.text_words and blocks and not blocks[0].hints:
        return replace(t, good_words=t.good_words + t.text_words)
    return t


def _calibrate(blocks: list[Block], feats: list[Features], t: Tuning) -> Tuning:
    """No function-word list fits this document's language: judge prose by punctuation alone."""
    longest = heapq.nlargest(t.calibrate_blocks, range(len(blocks)), key=lambda i: len(blocks[i].text))
    stops = [feats[i].stop_ratio for i in longest if len(blocks[i].text) >= t.calibrate_chars]
    if stops and max(stops) < t.calibrate_stop:
        return replace(t, stop_good=0.0, stop_near=0.0, stop_bad=0.0)
    return t
