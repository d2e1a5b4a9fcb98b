"""Blocks -> decisions: rules and scores per block, then context (the body region and its edges).

Phase 1 (context-free, ``assess``): every block gets a rule verdict, if a rule matches, and a score.
Phase 2 (context, ``decide``): an extractor's output keeps its whole region; in a page dump the body
is the contiguous run of blocks with the largest total weight (maximum-sum subarray; Finn et al.
2001 "Fact or fiction", BTE), opened by the headline that repeats the page title. Inside the body,
teaser headings, end markers, chrome bands (dumps), promo trailers and standfirsts (extracted input),
menu runs and chrome-looking blocks are removed; outside it everything is chrome, except a headline
that leads the body (``Config.headline``: in the text, or only the title). With ``--sites``, a second,
learnt-aware region may narrow the first. The steps inside the body are in context.py;
docs/algorithm.md tells it in prose.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import replace
from typing import NamedTuple, TypeVar

import regex

from .config import Mode
from .context import (
    HARD,
    HEADLINE_WORDS,
    REPEATED_WORDS,
    TEASER_WORDS,
    Prose,
    after_end,
    announced_end,
    announced_lists,
    between_body,
    body_headline,
    chrome_looking,
    headline_repeats,
    leading_headline,
    menu_runs,
    noted,
    page_tail,
    prose_counter,
    repeated_captions,
    score_verdicts,
    shouted_titles,
    standfirst_note,
    under_headings,
    where_ok,
)
from .features import Features, page_features
from .rules import Action, Rule, RuleSet, normalise
from .scorers import TUNINGS, Kind, Score, Tuning, item_score, label_like, score_page
from .types import Block, Decision, Label

_EXTRACTED_SHARE = 0.3  # below this share of label-like or rule-matched lines the input is an extractor's
                        # output (dev: 90% of near/ files are under 0.27, 90% of dump/ files over 0.45)
_LABEL_RUNS_SHARE = 0.4  # in a dump with fewer chrome-looking lines than this share, menu runs are runs of
                         # labels and Title-Case titles (dev near 0.9696 -> 0.9703, dump 0.9289 -> 0.9295;
                         # sites-dev dump 0.9339 -> 0.9340, near -0.00003. Label runs only: dev near 0.9704,
                         # sites-dev dump 0.9338; share 0.33-0.35 cost sites-dev dump 0.0004-0.0006, 0.45-0.5
                         # cost near)
_ANCHOR_BONUS = 100.0  # weight of the headline that repeats the page title: the article starts here
_WALL = 2              # chrome-looking blocks right before the headline that cut the page's head off
_RULE_WEIGHT = -3.0    # what a short block that a drop rule matched costs a body region
_DUPLICATE_WEIGHT = -2.0  # a short line that occurs twice in one page is a menu entry
_LEARNT_WEIGHT = -5.0  # at most what a line learnt across a site's pages weighs in the second, learnt-aware
                       # region (sites-dev dump: -3 0.9332, -5 0.9349, -10 0.9342, -20 0.9344; a flat range)


_STRIPS = (Action.STRIP, Action.CLOSE)
T = TypeVar("T")
HEADLINE = "context:headline"  # the reason of the kept headline (Cleaned.title reads it)
_AFTER_CLOSE = "context:after a learnt closing line"


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


def assess(blocks: list[Block], rules: RuleSet, mode: Mode) -> list[Assessed]:
    # A page repeats blocks (menu entries, share rows, "Reply"): each distinct one is measured,
    # normalised, matched and scored once.
    firsts, slots = _distinct([b.text if not b.hints else (b.text, b.hints) for b in blocks])
    distinct = [blocks[i] for i in firsts]
    texts = [b.text for b in distinct]
    feats = page_features(distinct, rules.stopwords, rules.particles)
    norms = list(map(normalise, texts))
    matched = rules.first_matches(texts, norms, [f.words for f in feats])
    block_feats, block_norms = _spread(feats, slots), _spread(norms, slots)
    tuning = _calibrate(blocks, block_feats, TUNINGS[mode])
    counts = Counter(block_norms)
    # HTML: the block of its <title>
    hinted = next((i for i, b in enumerate(blocks) if b.hints and b.hint("page_title")), None)
    anchor = hinted if hinted is not None else _title_anchor(block_norms, blocks[0].text if blocks else "")
    twice = [counts[norm] > 1 for norm in block_norms]
    closing = rules.closing
    closes = [norm in closing for norm in block_norms] if closing else [False] * len(blocks)
    del texts, norms, block_norms, counts  # the page's text again: gone before the records are built
    rows = zip(blocks, twice, block_feats, _spread(score_page(feats, tuning), slots), _spread(matched, slots),
               closes, strict=True)
    # fields: block, feats, score, rule, strip, repeated, anchor, closes
    out = [Assessed(b, f, score, *_split_strip(rule), dup and f.words <= REPEATED_WORDS, i == anchor, close)
           for i, (b, dup, f, score, rule, close) in enumerate(rows)]
    return _number_tables(out)


_NUMBER = regex.compile(r"(?<!\S)[-+]?\d[\d.,:%]*(?!\S)")
_TABLE_NUMBERS = 3     # a line with this many numbers or more (standalone: scores, points, prices) ...
_TABLE_ROWS = 4        # ... in a run of this many with the same count is a table row (dev dump 0.9324 ->
                       # 0.9370, html 0.9756 -> 0.9759; 3 or 4 numbers, 3 or 4 rows alike; 2 numbers and 5
                       # rows 0.9364)


_SKELETON = regex.compile(r"[\p{L}\s,.'’\-]+")
_DIGITS = regex.compile(r"\d+")


_SHAPE = 3             # symbols of a line's shape compared (dev dump: 2 0.9442 but html -0.0005, 3 0.9439,
                       # 4 0.9437)


def _shape(text: str) -> str | None:
    """The first symbols of a line with its letters dropped and numbers as 0 ('June 9 – Tampa, FL @ Arena':
    '0–@'), when it has a number and another symbol."""
    skel = _DIGITS.sub("0", _SKELETON.sub("", text))[:_SHAPE]
    return skel if len(skel) >= 2 and "0" in skel and skel.strip("0") else None


def _number_tables(items: list[Assessed]) -> list[Assessed]:
    """Rows of a table rendered as text without separators ('3 Kevin Harvick 5033 4 6 15 26', standings,
    results, timetables): a run of short lines, no rule, with the same count of numbers each, or with the
    same shape (``_shape``: tour dates 'June 9 – Tampa, FL @ Arena'; dev dump 0.9402 -> 0.9439, sites-dev
    0.9387 -> 0.9392: nine pages up, three down by 0.01-0.03). They score as table rows (``Kind.ITEM``)
    instead of short or digit-heavy lines, so the body region holds the table its article announces rather
    than dropping it as a menu. Only lines with a digit are looked at."""
    rows = [a.feats.digit_ratio > 0 and a.feats.words <= TEASER_WORDS and a.rule is None for a in items]
    if sum(rows) < _TABLE_ROWS:
        return items
    counts = [len(_NUMBER.findall(a.block.text)) if row else 0 for a, row in zip(items, rows, strict=True)]
    shapes = [_shape(a.block.text) if row else None for a, row in zip(items, rows, strict=True)]
    i = 0
    while i < len(items):
        j = i
        while j < len(items) and counts[j] >= _TABLE_NUMBERS and counts[j] == counts[i]:
            j += 1
        if j - i < _TABLE_ROWS and shapes[i] is not None:
            j = i
            while j < len(items) and shapes[j] == shapes[i]:
                j += 1
        if j - i >= _TABLE_ROWS:
            for k in range(i, j):
                row = item_score(items[k].feats.words, "score:table-row (numbers)")
                items[k] = items[k]._replace(score=row)
        i = max(j, i + 1)
    return items


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


def _title_anchor(norms: list[str], first: str) -> int | None:
    """The first later block that repeats the page title (a dump's first line): the headline."""
    if not norms:
        return None
    title = norms[0]
    if len(title.split(maxsplit=HEADLINE_WORDS[1])) > HEADLINE_WORDS[1] or first.rstrip().endswith("."):
        return None  # the first line is prose, not a page title
    for i, norm in enumerate(norms[1:], start=1):
        if len(norm.split(maxsplit=2)) >= 3 and (norm in title
                                                 or title in norm and len(norm) < 2 * len(title)):
            return i
    return None


def _calibrate(blocks: list[Block], feats: list[Features], t: Tuning) -> Tuning:
    """No function-word list fits this document's language: judge prose by punctuation alone."""
    longest = heapq.nlargest(5, range(len(blocks)), key=lambda i: len(blocks[i].text))
    stops = [feats[i].stop_ratio for i in longest if len(blocks[i].text) >= 40]
    if stops and max(stops) < 0.12:
        return replace(t, stop_good=0.0, stop_near=0.0, stop_bad=0.0)
    return t


def _weight(a: Assessed) -> float:
    if a.anchor:
        return _ANCHOR_BONUS
    if a.rule is None:
        return _DUPLICATE_WEIGHT if a.repeated and a.score.kind is not Kind.GOOD else a.score.weight
    if a.rule.action is Action.KEEP:
        return max(1.0, a.score.weight)
    if a.rule.action is Action.PENALTY:
        return a.score.weight + a.rule.weight
    return min(_RULE_WEIGHT, -abs(a.score.weight))


def _learnt_weight(a: Assessed) -> float:
    """A block's weight when the lines learnt across the site's pages count as chrome."""
    if a.strip is not None and not a.anchor:
        return min(_LEARNT_WEIGHT, -abs(a.score.weight))
    return _weight(a)


def body_region(items: list[Assessed], prose: Prose,
                weight: Callable[[Assessed], float] = _weight) -> tuple[int, int]:
    """[start, end) of the maximum-sum run of weights (Kadane); (0, 0) if nothing is positive."""
    best, best_span = 0.0, (0, 0)
    run, run_start = 0.0, 0
    for i, a in enumerate(items):
        if run <= 0:
            run, run_start = 0.0, i
        run += weight(a)
        if run > best:
            best, best_span = run, (run_start, i + 1)
    lo, hi = best_span
    anchor = next((i for i in range(lo, hi) if items[i].anchor), None)
    if anchor is not None and (prose(lo, anchor) < prose(anchor, hi) or _walled(items, lo, anchor)):
        return anchor, hi  # the headline opens the article: what precedes it is the page's head
    return best_span


def _walled(items: list[Assessed], lo: int, anchor: int) -> bool:
    """Two chrome-looking blocks, one of them rule-matched, right before the headline: a menu stands
    between it and the teasers the region took in before it. Rarely needed (the prose balance above
    usually decides): it changes one dev dump page (0.00 -> 0.91) and no sites-dev page; a wider test,
    such a wall anywhere between the region's start and the headline, took sites-dev dump from 0.920 to
    0.906 (a title repeated in 'Recent posts' lists), so it stays adjacent."""
    before = items[max(lo, anchor - _WALL):anchor]
    return len(before) == _WALL and all(map(chrome_looking, before)) and any(a.rule for a in before)


def _continues_body(a: Assessed) -> bool:
    """A block that may extend the body past its last prose: list items, table rows, plain short lines."""
    if a.rule is not None and a.rule.action is not Action.KEEP or a.repeated:
        return False
    return a.score.kind in (Kind.ITEM, Kind.NEAR) or a.score.kind is Kind.SHORT and not label_like(a.feats)


def extend_region(items: list[Assessed], lo: int, hi: int) -> tuple[int, int]:
    """Grow the region over the lists and tables that end or open an article."""
    while hi < len(items) and _continues_body(items[hi]) and _list_run_ahead(items, hi):
        hi += 1
    while lo > 0 and items[lo - 1].score.kind is Kind.ITEM and _continues_body(items[lo - 1]):
        lo -= 1
    return lo, hi


def _list_run_ahead(items: list[Assessed], i: int) -> bool:
    """Only continue past plain short lines when a list item or table row comes within the next few blocks."""
    if items[i].score.kind is Kind.ITEM:
        return True
    return any(a.score.kind is Kind.ITEM for a in items[i + 1 : i + 4])


def looks_extracted(items: list[Assessed]) -> bool:
    """Input that is already an article (an extractor's output): few menu-like or rule-matched lines."""
    limit = _EXTRACTED_SHARE * len(items)
    chrome = 0
    for a in items:
        chrome += chrome_looking(a)
        if chrome >= limit:
            return False  # the rest cannot change that
    return bool(items)


def decide(items: list[Assessed], extracted: bool | None = None,
           mode: Mode = Mode.BALANCED) -> list[Decision]:
    """Label every block. ``extracted``: the blocks are an extractor's article region (None: guess)."""
    if extracted is None:
        extracted = looks_extracted(items)
    # a dump with little chrome (often an extractor's output that still carries some) keeps its sentence-case
    # short lines
    labels = extracted or sum(map(chrome_looking, items)) < _LABEL_RUNS_SHARE * len(items)
    prose = prose_counter(items)
    lo, hi = (0, len(items)) if extracted else extend_region(items, *body_region(items, prose))
    if not extracted and 0 < hi < len(items):
        hi = announced_end(items, hi - 1) or hi  # a list the article's last sentence announces
    decisions = _decide_region(items, lo, hi, extracted, mode, prose, labels)
    if not extracted and any(a.strip is not None for a in items):
        decisions = _learnt_region(items, lo, hi, decisions, mode, prose, labels)
    if any(a.closes for a in items):
        decisions = _closed(items, decisions)
    return decisions


def _closed(items: list[Assessed], decisions: list[Decision]) -> list[Decision]:
    """--sites: the body ends at a line learnt to close the site's articles (on most of the site's pages
    it follows nearly all the prose the page's own decision kept: sites.py), once the body's own prose
    has begun: what follows is a comment thread, an author box or teasers, however much prose it holds.

    Not at the headline or a line inside the page title (sibling pages list this page's title after
    their own articles), and only at a line in a band of chrome, next to a learnt, rule-matched or
    chrome-looking block, not between two body blocks: a line alone among the article's is a section
    heading that is also a menu entry or a teaser title elsewhere on the site. Measured on sites-dev:
    dump 0.9384 -> 0.9451, near 0.9422 -> 0.9426 (without the band test 0.9441; without the
    between-body test too 0.9412; without the title test 0.9389)."""
    kept = [i for i, d in enumerate(decisions) if d.kept]
    first = next((i for i in kept if items[i].strip is None and not items[i].anchor
                  and items[i].score.kind is Kind.GOOD), None)
    if first is None:
        return decisions
    title = normalise(items[0].block.text)
    for i in range(first + 1, kept[-1] + 1):
        a = items[i]
        if (a.closes and not a.anchor and not between_body(items, i) and _in_band(items, i)
                and normalise(a.block.text) not in title):
            return decisions[:i] + [Decision(d.block, Label.CHROME, _AFTER_CLOSE) if d.kept else d
                                    for d in decisions[i:]]
    return decisions


def _learnt_region(items: list[Assessed], lo: int, hi: int, single: list[Decision], mode: Mode,
                   prose: Prose, labels: bool = False) -> list[Decision]:
    """--sites: a second body region where learnt lines weigh as chrome (_learnt_weight) narrows the page's
    own one, off teaser lists, sidebars and comment forms made of page-specific lines between learnt ones.

    It is only trusted when it still holds the single-page region's first prose that is not learnt (else
    it has moved onto a comment thread or a teaser list: sites-dev poynter, jezebel, virtualgeek), and
    inside it a block the single-page decision kept stays kept: its end markers and chrome bands were
    judged against a region of the page's own size (a short learnt region lets an end marker fire after
    an author box: sites-dev techcrunch). Measured on sites-dev dump: the learnt region alone 0.9257,
    trusted only so 0.9310, plus keeping 0.9337 (single-page region, learnt lines stripped: 0.9294)."""
    blo, bhi = extend_region(items, *body_region(items, prose, _learnt_weight))
    first = next((i for i in range(lo, hi) if items[i].strip is None and items[i].score.kind is Kind.GOOD),
                 None)
    if (blo, bhi) == (lo, hi) or first is None or not blo <= first < bhi:
        return single
    learnt = _decide_region(items, blo, bhi, False, mode, prose, labels)
    return [s if s.kept and blo <= i < bhi and not d.kept else d
            for i, (s, d) in enumerate(zip(single, learnt, strict=True))]


def _in_band(items: list[Assessed], i: int) -> bool:
    """A neighbour of block ``i`` is learnt, rule-matched or chrome-looking."""
    return any(a.strip is not None or a.closes or chrome_looking(a)
               for a in items[max(0, i - 1):i] + items[i + 1:i + 2])


def _decide_region(items: list[Assessed], lo: int, hi: int, extracted: bool, mode: Mode,
                   prose: Prose, labels: bool = False) -> list[Decision]:
    """Label every block given the body region [lo, hi); ``labels``: a dump with little chrome, whose menu
    runs are runs of labels and Title-Case titles (``menu_runs``).

    The context steps below each note blocks (index -> reason); they are applied in order and a block's
    first reason wins."""
    t = TUNINGS[mode]
    listed = set() if extracted else announced_lists(items, lo, hi)  # spared by menu runs and scores
    head = leading_headline(items) if extracted else body_headline(items, lo, hi)
    steps: list[dict[int, str]] = [
        after_end(items, lo, hi, prose),  # an end marker's reason over a teaser heading's
        under_headings(items, lo, hi, prose, extracted),
        page_tail(items, lo, hi, extracted, t.band, prose),
        {} if extracted else noted(repeated_captions(items, lo, hi), "context:repeated caption"),
        noted(menu_runs(items, lo, hi, extracted, t.menu_run, labels) - listed, "context:menu-run"),
        score_verdicts(items, lo, hi, extracted, listed),
    ]
    if extracted:
        steps += [standfirst_note(items), shouted_titles(items, lo, hi, head)]
    else:
        steps.append(headline_repeats(items, lo, hi, head))
    notes: dict[int, str] = {}
    for step in steps:
        for i, reason in step.items():
            notes.setdefault(i, reason)
    return [Decision(a.block, *_label(a, i, lo, hi, notes, head)) for i, a in enumerate(items)]


def _label(a: Assessed, i: int, lo: int, hi: int, notes: dict[int, str],
           head: int | None) -> tuple[Label, str]:
    if a.strip is not None and not (a.anchor and lo <= i < hi):
        # the headline that opens the body is learnt when sibling pages list it under "Recent posts";
        # it is the page's own (sites-dev dump 0.9337 -> 0.9346; also the headline before the body,
        # i == head: 0.9345, near -0.0003)
        return Label.CHROME, f"rule:{a.strip.id}"
    r = a.rule
    if r is not None and r.action is Action.KEEP:
        return Label.BODY, f"rule:{r.id}"
    if r is not None and r.action in HARD and where_ok(r, i, lo):
        return Label.CHROME, f"rule:{r.id}"
    if i == head:
        return Label.BODY, HEADLINE
    if not lo <= i < hi:
        return Label.CHROME, f"context:outside-body ({a.score.reason})"
    if i in notes:
        return Label.CHROME, notes[i]
    if r is not None and r.action is Action.PENALTY and _weight(a) < 0:
        return Label.CHROME, f"rule:{r.id} (penalty {r.weight:+.1f})"
    return Label.BODY, a.score.reason


def render(decisions: list[Decision] | tuple[Decision, ...]) -> str:
    """Kept blocks in input order; a blank line where the input had a paragraph break.

    >>> from cleaner.types import Block
    >>> ds = [Decision(Block(0, "a", 0, 1, 0), Label.BODY, ""),
    ...       Decision(Block(1, "b", 2, 3, 0), Label.BODY, ""),
    ...       Decision(Block(2, "c", 5, 6, 1), Label.BODY, "")]
    >>> render(ds)
    'a\\nb\\n\\nc'
    """
    parts: list[str] = []
    last_para = None
    for d in decisions:
        if not d.kept:
            continue
        if parts:
            parts.append("\n" if d.block.para == last_para else "\n\n")
        parts.append(d.block.text)
        last_para = d.block.para
    return "".join(parts)
