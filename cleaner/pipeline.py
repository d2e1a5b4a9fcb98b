"""Blocks -> decisions: rules and scores per block, then context (the body region and its edges).

Phase 1 (context-free, ``assess``): every block gets a rule verdict, if a rule matches, and a score.
Phase 2 (context, ``decide``): an extractor's output keeps its whole region; in a page dump the body
is the contiguous run of blocks with the largest total weight (maximum-sum subarray; Finn et al.
2001 "Fact or fiction", BTE), opened by the headline that repeats the page title. Inside the body,
teaser headings, end markers, chrome bands (dumps), promo trailers and standfirsts (extracted input),
menu runs and chrome-looking blocks are removed; outside it everything is chrome, except a headline
that leads the body (``Config.headline``: in the text, or only the title). With ``--sites``, a second,
learnt-aware region may narrow the first. docs/algorithm.md tells it in prose.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import replace
from itertools import accumulate
from typing import NamedTuple, TypeVar

import regex

from .config import Mode
from .features import Features, page_features
from .rules import Action, Rule, RuleSet, Where, normalise
from .scorers import TUNINGS, URL_WORDS, Kind, Score, Tuning, label_like, linked, score_page
from .types import Block, Decision, Label

_BAND_AFTER = 2.0      # a chrome band ends a dump's article unless more than this many times the prose
                       # before it follows (dev, sites-dev)
_END_SHARE = 0.2       # an end marker ends the article once this share of the region's prose precedes it,
_END_WORDS = 100       # ... or once this many words of prose do (a short post with long comments)
_RESUME_PARAGRAPHS = 4  # this many paragraphs in a row after a teaser list: the article resumes
_TAIL_SHARE = 0.25     # a teaser heading ends the article when less than this share of the prose follows
_PROMO_WORDS = 4       # a line a drop rule matched this long is a promo or credit sentence, not a separator
                       # or a label (dev, sites-dev near: with 0, symbols-only separators cut articles)
_TRAILER_PARAGRAPHS = 1  # at most this many prose paragraphs after a promo: the page's trailer (dev near: 0
                         # 0.9669, 1 0.9672, any number 0.9643; sites-dev near 0.9395 either way)
_HEADLINE_WORDS = (3, 30)
_HEADLINE_SKIP = 3     # bylines, datelines and share rows that may stand between headline and body
_TITLE_LOOKAHEAD = 5   # HTML: the block that repeats the page title is among this many opening blocks
_TITLE_CASE = 0.7      # a Title-Case teaser title may end in ? ! or ) and still be headline-like (sites-dev
                       # dump: 0.5 +0.0017, 0.6 +0.0020, 0.7 +0.0028, 0.8 +0.0009, 0.9 +0.0002; dev +0.0025 to
                       # +0.0003; near and html untouched)
_ANNOUNCE_WORDS = 8    # a sentence this long ending in a colon announces the list under it (dev dump: 5-8
                       # +0.0020, 10-12 +0.0003; sites-dev dump: 5 +0.0004, 6 -0.0003, 8-12 -0.0001)
_TEASER_WORDS = 20     # a line without a sentence end up to this long can be a teaser title (dev, sites-dev)
_TEASER_CASE = 0.6     # extracted input: a run of Title-Case lines (this share capitalised, as a label; 0.5,
                       # 0.7 the same), ...
_TEASER_MIN_WORDS = 4  # ... each this long, ...
_TEASER_STOP = 0.15    # ... with this function-word share on average, is a teaser list (sites-dev near
                       # 0.94185 -> 0.9424, html 0.9422 -> 0.9428, on one page; dev unchanged. 0.1: the same;
                       # 0.08: dev near +0.0001, dev html -0.0001; runs of 3: dev near and html -0.0001)
_SHOUTED_WORDS = 8     # text input: a line this long all in capitals, no sentence end, is a teaser (dev near
                       # 0.9703 -> 0.9710 on three pages; 7 the same; sites-dev has none. HTML has the links
                       # to tell, _shouted_link: there the rule cost dev html 0.0003 on a table's rows)
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
_REPEATED_WORDS = 8    # ... short: up to this many words (a repeated paragraph is a pull quote or caption)
_LEARNT_WEIGHT = -5.0  # at most what a line learnt across a site's pages weighs in the second, learnt-aware
                       # region (sites-dev dump: -3 0.9332, -5 0.9349, -10 0.9342, -20 0.9344; a flat range)


_WORD = regex.compile(r"\w+")
_HARD = (Action.DROP, Action.END, Action.HEADING)
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
    out = [Assessed(b, f, score, *_split_strip(rule), dup and f.words <= _REPEATED_WORDS, i == anchor, close)
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
    rows = [a.feats.digit_ratio > 0 and a.feats.words <= _TEASER_WORDS and a.rule is None for a in items]
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
                weight = max(1.0, 0.3 * items[k].feats.words)  # scorers.score_block's table-row weight
                items[k] = items[k]._replace(score=Score(Kind.ITEM, weight, "score:table-row (numbers)"))
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
    if len(title.split(maxsplit=_HEADLINE_WORDS[1])) > _HEADLINE_WORDS[1] or first.rstrip().endswith("."):
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
    return len(before) == _WALL and all(map(_chrome_looking, before)) and any(a.rule for a in before)


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


def _headline_like(a: Assessed) -> bool:
    """A menu entry, a teaser title or a label: no sentence, at most a headline's length. A line in Title
    Case that closes with ? ! or ) ("Why Are Facebook And Twitter So Hard To Scale?") is a teaser title too:
    it breaks a teaser list into runs too short to be one otherwise."""
    f = a.feats
    return (a.score.kind is not Kind.ITEM and f.words <= _TEASER_WORDS
            and (not f.ends_sentence or f.title_ratio >= _TITLE_CASE and _one_title(a.block.text)))


_INNER_STOP = regex.compile(r"[.!?]\s")


def _one_title(text: str) -> bool:
    """No full stop at the end, no sentence end inside (a colon may split a title: 'Sign-Off: Why ...?')."""
    text = text.rstrip()
    return not text.endswith(".") and _INNER_STOP.search(text) is None


def _label_line(a: Assessed) -> bool:
    return a.score.kind in (Kind.SHORT, Kind.BAD) and label_like(a.feats)


def _title_like(a: Assessed) -> bool:
    return _label_line(a) or _headline_like(a) and a.feats.title_ratio >= _TITLE_CASE


def _menu_runs(items: list[Assessed], lo: int, hi: int, extracted: bool, least: int,
               labels: bool = False) -> set[int]:
    """Indices inside [lo, hi) in a run of menu-like lines: in a page dump any run of headline-like
    lines (menus, teaser lists) but a list whose lines read as clauses (``_spoken_list``); in an
    extractor's output, where lists are body, only label runs; with ``labels`` (a dump with little chrome)
    runs of labels and Title-Case titles: a sentence-case line of headline length (a plan's "Eat an hour
    before the run") breaks a run."""
    if extracted:
        like, least = _label_line, least + 1
    elif labels:
        like = _title_like
    else:
        like = _headline_like
    found: set[int] = set()
    run: list[int] = []
    for i in range(lo, hi + 1):
        a = items[i] if i < hi else None
        if a is not None and like(a):
            run.append(i)
            continue
        if len(run) >= least and (extracted or not _spoken_list(items, run)):
            found.update(run)
        run = []
    if extracted:
        found |= _teaser_runs(items, lo, hi, least)
    return found


def _teaser_title(a: Assessed) -> bool:
    return _headline_like(a) and a.feats.title_ratio >= _TEASER_CASE and a.feats.words >= _TEASER_MIN_WORDS


def _teaser_runs(items: list[Assessed], lo: int, hi: int, least: int) -> set[int]:
    """An extractor's output: a run of ``least`` Title-Case lines of headline length, each of four words or
    more, that hold function words (on average _TEASER_STOP of their words) is a teaser list ("Seven Ways To
    ...", "How to Fix ..."); a listing of the same shape (dates and venues, a roster, credits) holds almost
    none, and a bulleted list is list items."""
    found: set[int] = set()
    run: list[int] = []
    for i in range(lo, hi + 1):
        if i < hi and _teaser_title(items[i]):
            run.append(i)
            continue
        if len(run) >= least and sum(items[j].feats.stop_ratio for j in run) >= _TEASER_STOP * len(run):
            found.update(run)
        run = []
    return found


_LIST_STOP = 0.35      # a line of a list with this share of function words or more reads as a clause ...
_LIST_TITLE = 0.5      # ... when under this share of its words are capitalised (a teaser title is Title Case
_LIST_WORDS = 4        # or headlinese) and it has this many words
_LIST_SHARE = 0.5      # a run of headline-like lines between two paragraphs of which this share read so is a
                       # list without bullets, not a menu (dev dump 0.9315 -> 0.9324, sites-dev 0.9376 ->
                       # 0.9378; without the paragraphs around it 0.9333, but sentence-case teaser titles in
                       # Italian, "Torna la sagra della castagna", then pass for a list; a share of 0.75-1.0:
                       # dev 0.9316-0.9318)


def _spoken_list(items: list[Assessed], run: list[int]) -> bool:
    """A page dump's list without bullets ("Your to-do list will shrink", "Search engines will find you"): it
    stands between two paragraphs and at least half its lines read as clauses (function words, sentence
    case), unlike menu entries and teaser titles."""
    if not (_prose_line(items, run[0] - 1) and _prose_line(items, run[-1] + 1)):
        return False
    said = sum(1 for i in run if items[i].rule is None and items[i].feats.words >= _LIST_WORDS
               and items[i].feats.stop_ratio >= _LIST_STOP and items[i].feats.title_ratio < _LIST_TITLE)
    return said >= _LIST_SHARE * len(run)


def _prose_line(items: list[Assessed], i: int) -> bool:
    """Block ``i`` is a paragraph (prose or near-prose, no rule)."""
    return 0 <= i < len(items) and items[i].rule is None and items[i].score.kind in (Kind.GOOD, Kind.NEAR)


Prose = Callable[[int, int], int]  # prose(lo, hi): words in prose blocks of items[lo:hi]


def prose_counter(items: list[Assessed]) -> Prose:
    """Words of prose between two block indices in constant time (prefix sums, built once)."""
    cum = list(accumulate((a.feats.words if a.score.kind is Kind.GOOD else 0 for a in items), initial=0))
    return lambda lo, hi: cum[hi] - cum[lo]


def _told(prose: Prose, lo: int, hi: int) -> float:
    """Prose words after which the article counts as told: an end marker or a promo may end it."""
    return min(_END_WORDS, _END_SHARE * (prose(lo, hi) or 1))


_STAMP = regex.compile(r"\b\d{1,2}:\d{2}\b"  # a clock time, or a day and a year in either order
                       r"|\b\d{1,2}\b.{0,20}\b(?:19|20)\d{2}\b|\b(?:19|20)\d{2}\b.{0,20}\b\d{1,2}\b")
_STAMP_WORDS = 14      # a comment's stamp line (author, date, "Permalink", "Reply") is at most this long
_THREAD_STAMPS = 3     # this many stamps in the _THREAD_WINDOW blocks after an end marker: a comment thread
_THREAD_WINDOW = 20    # (sites-dev dump: 2, 3 or 4 stamps alike; a window of 10 0.9362, 20 or 40 0.9376)
_THREAD_FIRST = 4      # ... whose first stamp comes within this many blocks of the marker (sites-dev dump: 2
                       # 0.9366, 4 0.9376; dev dump: 4 0.9315, 8 0.9206, as an article's dateline comes then)


def _stamp(a: Assessed) -> bool:
    """A short line with a date or a clock time and no sentence end but a colon: a comment's stamp ('October
    2, 2012, | Permalink', 'Posted by: X at 1:56 PM', 'Ann on May 3, 2018 at 4:47 pm said:'; the colon:
    dev dump 0.9392 -> 0.9402, one page)."""
    text = a.block.text.rstrip()
    return (0 < a.feats.words <= _STAMP_WORDS and (not a.feats.ends_sentence or text.endswith(":"))
            and _STAMP.search(text) is not None)


def _thread_follows(items: list[Assessed], i: int, hi: int) -> bool:
    """A comment thread starts right after block ``i``: its first stamp within _THREAD_FIRST blocks, and
    _THREAD_STAMPS stamps within _THREAD_WINDOW blocks (a thread's signature, whatever its language)."""
    ahead = [j for j in range(i + 1, min(hi, i + 1 + _THREAD_WINDOW)) if _stamp(items[j])]
    return len(ahead) >= _THREAD_STAMPS and ahead[0] <= i + _THREAD_FIRST


def _after_end(items: list[Assessed], lo: int, hi: int, prose: Prose) -> dict[int, str]:
    """Everything after the first end marker (comments, author box) once enough of the article precedes it,
    or, after a short post, once any of it does and a comment thread's stamps follow the marker: a short
    post's "119 Comments" is not a link above the article then (sites-dev dump 0.9339 -> 0.9376)."""
    enough = _told(prose, lo, hi)
    for i in range(lo, hi):
        r = items[i].rule
        if r is None or r.action is not Action.END:
            continue
        if prose(lo, i) >= enough or prose(lo, i) > 0 and _thread_follows(items, i, hi):
            return {j: f"context:after rule:{r.id}" for j in range(i + 1, hi)}
    return {}


def _announced_end(items: list[Assessed], i: int) -> int | None:
    """The end of the bullet-less list that the sentence ``items[i]`` announces with a colon ("The tour
    dates:", "On the map you will find the following:"), or None: a sentence of prose, no rule, at least
    _ANNOUNCE_WORDS words, then at least two short lines, none a rule matched or the page repeats."""
    a = items[i]
    if (a.rule is not None or a.score.kind not in (Kind.GOOD, Kind.NEAR) or a.feats.words < _ANNOUNCE_WORDS
            or not a.block.text.rstrip().endswith(":")):
        return None
    j = i + 1
    while (j < len(items) and items[j].rule is None and not items[j].repeated
           and 0 < items[j].feats.words <= _TEASER_WORDS and items[j].score.kind is not Kind.GOOD):
        j += 1
    return j if j - i > 2 else None


def _announced_lists(items: list[Assessed], lo: int, hi: int) -> set[int]:
    """The lines of every list inside [lo, hi) that a sentence announces (``_announced_end``)."""
    found: set[int] = set()
    for i in range(lo, hi):
        end = _announced_end(items, i)
        if end is not None:
            found.update(range(i + 1, min(end, hi)))
    return found


_CREDIT = "media-credit"  # the rule id of photo credits and gallery counters, in every language's file


def _repeated_captions(items: list[Assessed], lo: int, hi: int) -> set[int]:
    """A page dump's photo captions: a sentence-long block the page repeats (a gallery shows each caption
    twice, beside the photo and in its viewer) with a photo credit or gallery counter next to one copy.
    An article's own paragraphs are not repeated word for word beside credits; a repeated headline or
    pull quote is not next to one (dev dump: 471 words of such captions kept, none in the gold)."""
    where: dict[str, list[int]] = {}
    for i, a in enumerate(items):
        if a.feats.words > _REPEATED_WORDS and a.rule is None:
            where.setdefault(a.block.text, []).append(i)

    def credit(j: int) -> bool:
        rule = items[j].rule if 0 <= j < len(items) else None
        return rule is not None and rule.id == _CREDIT

    found: set[int] = set()
    for copies in where.values():
        if len(copies) > 1 and any(credit(i - 1) or credit(i + 1) for i in copies):
            found.update(i for i in copies if lo <= i < hi)
    return found


def _tail_after_promo(items: list[Assessed], lo: int, hi: int, prose: Prose) -> dict[int, str]:
    """An extractor's output: after a sentence that a drop rule condemns (follow us, newsletter, credits,
    support appeals) once the article has been told, at most one prose paragraph follows: what follows is
    the page's trailer (a bio, a promo, teaser titles), not the article's last words. Separators, dates
    and labels (fewer than _PROMO_WORDS words) also stand between sections, so they do not count."""
    total, enough = prose(lo, hi) or 1, _told(prose, lo, hi)
    paragraphs = list(accumulate((a.score.kind is Kind.GOOD and not _dropped_by_rule(a) for a in items),
                                 initial=0))  # prefix sums: the count after any line in constant time
    for i in range(lo, hi):
        a = items[i]
        if a.rule is None or a.rule.action is not Action.DROP or a.feats.words < _PROMO_WORDS:
            continue
        if not _where_ok(a.rule, i, lo) or prose(lo, i) < enough:
            continue
        after = paragraphs[hi] - paragraphs[i + 1]
        if prose(i + 1, hi) < _TAIL_SHARE * total and after <= _TRAILER_PARAGRAPHS:
            return {k: f"context:after promo rule:{a.rule.id}" for k in range(i + 1, hi)}
    return {}


def _link_chrome(a: Assessed) -> bool:
    """An extractor's output: chrome by a rule or for being a link (HTML) or a bare URL (a teaser list, a
    trackback box, reference links), not for being a label, a short line or digits: in an extractor's output
    those are the article's own (a credits list, wallpaper sizes, a price table). A band of three such lines
    ends the article as in a dump (sites-dev html 0.9447 -> 0.9470 on three sites, none lower; any
    chrome-looking line: 0.9464, but a blog's and a dev theatre's credits lists lost 0.04-0.28)."""
    if a.rule is not None:
        return a.rule.action is not Action.KEEP
    return a.score.kind is Kind.BAD and (linked(a.feats) or a.feats.has_url and a.feats.words <= URL_WORDS)


def _after_chrome_band(items: list[Assessed], lo: int, hi: int, band: int, prose: Prose,
                       looks: Callable[[Assessed], bool] | None = None) -> dict[int, str]:
    """A band of chrome (share row, tags, byline, menu) past the middle of the article ends it. Lines without
    a word (separators, image placeholders: '-', '* * *') neither start nor lengthen a band: three of them
    between a post's photos are not a footer (sites-dev dump 0.9287 -> 0.9293, near 0.9406 -> 0.9411, dev
    dump 0.9224 -> 0.9231); inside a band of worded chrome their rule still counts."""
    run, ruled, start = 0, 0, lo
    for i in range(lo, hi):
        a = items[i]
        if a.feats.words == 0 and not run:
            continue  # a separator or image placeholder between paragraphs does not start a band
        if not (looks or _chrome_looking)(a):
            run, ruled = 0, 0
            continue
        if not run:
            start = i
        run += a.feats.words > 0  # ... nor lengthens one, though it is chrome evidence inside one
        ruled += a.rule is not None
        if (band and run >= band and ruled and prose(i, hi) < _BAND_AFTER * prose(lo, i)  # past the middle
                and not _article_resumes(items, _run_end(items, i, hi), hi)):
            return {j: "context:chrome band" for j in range(start, hi)}
    return {}


def _run_end(items: list[Assessed], i: int, hi: int) -> int:
    """The first block after the run of chrome-looking blocks that includes ``i``."""
    while i < hi and _chrome_looking(items[i]):
        i += 1
    return i


def _under_headings(items: list[Assessed], lo: int, hi: int, prose: Prose, extracted: bool) -> dict[int, str]:
    """The link list under a teaser heading ("Related stories"); the rest too when little prose follows,
    unless, in an extractor's output, paragraphs in a row resume the article after the list (a page
    dump's teasers may come with summaries in a row), or, in a page dump, when what follows is paragraphs
    that never come two in a row (``_teasers_only``)."""
    total = prose(lo, hi) or 1
    notes: dict[int, str] = {}
    for i in range(lo, hi):
        r = items[i].rule
        if r is None or r.action is not Action.HEADING or i in notes:
            continue
        reason = f"context:under rule:{r.id}"
        j = i + 1
        while j < hi and items[j].score.kind is not Kind.GOOD:
            j += 1
        if (prose(i + 1, hi) < _TAIL_SHARE * total and not (extracted and _article_resumes(items, j, hi))
                or not extracted and _teasers_only(items, j, hi)):
            notes.update({k: reason for k in range(i + 1, hi)})
            break
        notes.update({k: reason for k in range(i + 1, j)})
    return notes


def _teasers_only(items: list[Assessed], j: int, hi: int) -> bool:
    """A page dump: from ``j`` (the first paragraph after a teaser heading) to the region's end, two or more
    paragraphs and never two in a row: teaser summaries between their titles or share rows, not the article
    going on, however much prose they hold (dev dump 0.9370 -> 0.9392, sites-dev 0.9378 -> 0.9387: three
    pages, two sites, none lower; the rest after every teaser heading in a dump unless four paragraphs in a
    row follow, as in extracted input, took dev dump to 0.875)."""
    body = (Kind.GOOD, Kind.NEAR)
    paras = [k for k in range(j, hi) if items[k].score.kind is Kind.GOOD and items[k].rule is None]
    if len(paras) < 2:
        return False
    return not any(k + 1 < hi and items[k + 1].score.kind in body and items[k + 1].rule is None
                   for k in paras)


def _article_resumes(items: list[Assessed], j: int, hi: int) -> bool:
    """Paragraphs in a row after a teaser list: the article goes on (teasers alternate with titles)."""
    run = items[j : j + _RESUME_PARAGRAPHS]
    return (j + _RESUME_PARAGRAPHS <= hi and all(a.score.kind in (Kind.GOOD, Kind.NEAR) for a in run)
            and sum(a.score.kind is Kind.GOOD for a in run) * 2 >= _RESUME_PARAGRAPHS)


def _headline(items: list[Assessed], start: int) -> int | None:
    """The headline that leads the body: just before it, or before a byline, dateline or share row."""
    i = start - 1
    while i >= max(0, start - 1 - _HEADLINE_SKIP) and _dropped_by_rule(items[i]):
        i -= 1
    if i < 0:
        return None
    return i if _headline_shaped(items[i], item_ok=True) else None


def _echoes_title(items: list[Assessed], i: int) -> bool:
    """The headline candidate shares most of its words with the page title on the first line
    (a dump's <title>), or there is no such title to check it against."""
    first = items[0].block.text
    if i == 0 or first.rstrip().endswith("."):
        return True
    title = {w.lower() for w in _WORD.findall(first)}
    if len(title) < _HEADLINE_WORDS[0]:
        return True  # a section label, not a page title
    words = [w.lower() for w in _WORD.findall(items[i].block.text)]
    if not words or normalise(items[i].block.text) in normalise(first):
        return True
    return sum(w in title for w in words) * 2 >= len(words)


_SUBHEADS = frozenset(("h2", "h3", "h4", "h5", "h6"))
_STANDFIRST_WORDS = 10  # a subheading this long right under the headline is its summary (dev: 7 of 8)


def _leading_headline(items: list[Assessed]) -> int | None:
    """An extractor's output: the opening block that repeats the page title (HTML: or is its <h1>), else
    (text) a first line shaped like a headline with a paragraph right after it."""
    head = _opening_head(items)
    if head is not None:
        return head if _headline_shaped(items[head], permalink=True) else None
    if len(items) > 1 and not items[0].block.hints and _headline_shaped(items[0]) \
            and items[1].score.kind is Kind.GOOD:
        return 0  # text only: in HTML the <h1> says it (a first <p> of a few words is body there)
    return None


def _opening_head(items: list[Assessed], through_prose: bool = False) -> int | None:
    """The opening block that repeats the page title or is the page's <h1>, among the first few (and,
    unless ``through_prose``, before any paragraph)."""
    for i, a in enumerate(items[:_TITLE_LOOKAHEAD]):
        if a.anchor:
            return i
        if a.score.kind is Kind.GOOD and a.rule is None and not through_prose:
            break  # a paragraph of the article (an entry navigation row of post titles is not)
    for i, a in enumerate(items[:_HEADLINE_SKIP]):
        if a.block.hint("tag") == "h1":
            return i
        if a.score.kind is Kind.GOOD and not through_prose:
            return None
    return None


def _headline_shaped(a: Assessed, item_ok: bool = False, permalink: bool = False) -> bool:
    """No rule, a headline's length, no sentence end, not menu-like, not a table row of two or more filled
    cells (nor, unless ``item_ok``, a list item: a dump's headline before the body may look like one, an
    extractor's first line may not). With ``permalink``, the line that repeats an HTML page's title passes
    though it is one link: blogs link a post's title to the post itself."""
    lo, hi = _HEADLINE_WORDS
    titled = permalink and a.anchor and bool(a.block.hint("page_title"))
    bad = a.score.kind is Kind.BAD and not (titled and linked(a.feats))
    return (a.rule is None and lo <= a.feats.words <= hi and not a.feats.ends_sentence
            and not bad and (item_ok or a.score.kind is not Kind.ITEM)
            and _filled_cells(a.block.text) < 2)


def _filled_cells(text: str) -> int:
    """Non-empty cells of a line rendered as a table row ("| a | | b |"); 0 for any other line. A headline
    is one cell, never a navigation row or a name-and-date row of a layout table (sites-dev near 0.94238 ->
    0.9427 on ten pages of three sites, none lower; dev and dump unchanged)."""
    t = text.strip()
    if not (t.startswith("|") and t.endswith("|")):
        return 0
    return sum(1 for c in t.strip("|").split("|") if c.strip())


def _standfirst(items: list[Assessed]) -> int | None:
    """HTML: the long subheading right under the page's headline (dek, standfirst) summarises the
    article; it is not part of the body. The headline is the block that repeats the page title,
    or an opening <h1>."""
    head = _opening_head(items, through_prose=True)
    if head is None or head + 1 >= len(items):
        return None
    a = items[head + 1]
    if a.block.hint("tag") in _SUBHEADS and a.feats.words >= _STANDFIRST_WORDS and a.rule is None:
        return head + 1
    return None


def _dropped_by_rule(a: Assessed) -> bool:
    return a.rule is not None and a.rule.action in _HARD


def _where_ok(rule: Rule, i: int, lo: int) -> bool:
    if rule.where is Where.HEAD:
        return i <= lo
    if rule.where is Where.TAIL:
        return i > lo
    return True


def looks_extracted(items: list[Assessed]) -> bool:
    """Input that is already an article (an extractor's output): few menu-like or rule-matched lines."""
    limit = _EXTRACTED_SHARE * len(items)
    chrome = 0
    for a in items:
        chrome += _chrome_looking(a)
        if chrome >= limit:
            return False  # the rest cannot change that
    return bool(items)


def _chrome_looking(a: Assessed) -> bool:
    if a.rule is not None:
        return a.rule.action is not Action.KEEP
    return a.score.kind is Kind.BAD or a.score.kind is Kind.SHORT and label_like(a.feats)


def _between_body(items: list[Assessed], i: int) -> bool:
    """Both neighbours are body-looking (prose, list items): in an extractor's output a link or a
    slash-separated line there belongs to the list or paragraph around it."""
    body = (Kind.GOOD, Kind.NEAR, Kind.ITEM)
    return 0 < i < len(items) - 1 and items[i - 1].score.kind in body and items[i + 1].score.kind in body


def _shouted_link(a: Assessed) -> bool:
    """HTML: a line that is one link in capitals (READ THIS NEXT, a teaser headline) is a promo
    even between paragraphs: the article's own links sit inside its sentences."""
    return linked(a.feats) and a.feats.words >= 3 and a.block.text.isupper()


def _shouted_title(a: Assessed) -> bool:
    """Text input: a line of at least _SHOUTED_WORDS words all in capitals, without a sentence end, not a
    list item or table row: a teaser or promo set in the article ("... OPENS UP ABOUT ...", "GET ... BY
    CLICKING HERE"); a section heading in capitals is shorter, a shouted quote ends a sentence."""
    f = a.feats
    return (not a.block.hints and f.words >= _SHOUTED_WORDS and not f.ends_sentence
            and a.score.kind is not Kind.ITEM and a.block.text.isupper())


def _item_link(items: list[Assessed], i: int) -> bool:
    """A bare link right after a list item, before the next one: the item's own link (a shop list)."""
    return (0 < i < len(items) - 1 and items[i].feats.has_url and items[i].feats.words <= URL_WORDS
            and items[i - 1].score.kind is Kind.ITEM and items[i + 1].score.kind is Kind.ITEM)


def _chrome_by_score(a: Assessed, extracted: bool) -> bool:
    """A block inside the body that its own look condemns; an extractor's output keeps its data lines."""
    if a.score.kind is not Kind.BAD:
        return False
    return not extracted or a.score.menu


def decide(items: list[Assessed], extracted: bool | None = None,
           mode: Mode = Mode.BALANCED) -> list[Decision]:
    """Label every block. ``extracted``: the blocks are an extractor's article region (None: guess)."""
    if extracted is None:
        extracted = looks_extracted(items)
    # a dump with little chrome (often an extractor's output that still carries some) keeps its sentence-case
    # short lines
    labels = extracted or sum(map(_chrome_looking, items)) < _LABEL_RUNS_SHARE * len(items)
    prose = prose_counter(items)
    lo, hi = (0, len(items)) if extracted else extend_region(items, *body_region(items, prose))
    if not extracted and 0 < hi < len(items):
        hi = _announced_end(items, hi - 1) or hi  # a list the article's last sentence announces
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
        if (a.closes and not a.anchor and not _between_body(items, i) and _in_band(items, i)
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
    return any(a.strip is not None or a.closes or _chrome_looking(a)
               for a in items[max(0, i - 1):i] + items[i + 1:i + 2])


def _decide_region(items: list[Assessed], lo: int, hi: int, extracted: bool, mode: Mode,
                   prose: Prose, labels: bool = False) -> list[Decision]:
    """Label every block given the body region [lo, hi); ``labels``: a dump with little chrome, whose menu
    runs are runs of labels and Title-Case titles (``_menu_runs``).

    The context steps below each note blocks (index -> reason); they are applied in order and a block's
    first reason wins."""
    t = TUNINGS[mode]
    listed = set() if extracted else _announced_lists(items, lo, hi)  # spared by menu runs and scores
    head = _leading_headline(items) if extracted else _body_headline(items, lo, hi)
    steps: list[dict[int, str]] = [
        _after_end(items, lo, hi, prose),  # an end marker's reason over a teaser heading's
        _under_headings(items, lo, hi, prose, extracted),
        _tail(items, lo, hi, extracted, t.band, prose),
        {} if extracted else _noted(_repeated_captions(items, lo, hi), "context:repeated caption"),
        _noted(_menu_runs(items, lo, hi, extracted, t.menu_run, labels) - listed, "context:menu-run"),
        _score_verdicts(items, lo, hi, extracted, listed),
    ]
    if extracted:
        steps += [_standfirst_note(items), _shouted_titles(items, lo, hi, head)]
    else:
        steps.append(_headline_repeats(items, lo, hi, head))
    notes: dict[int, str] = {}
    for step in steps:
        for i, reason in step.items():
            notes.setdefault(i, reason)
    return [Decision(a.block, *_label(a, i, lo, hi, notes, head)) for i, a in enumerate(items)]


def _noted(blocks: set[int], reason: str) -> dict[int, str]:
    return dict.fromkeys(blocks, reason)


def _tail(items: list[Assessed], lo: int, hi: int, extracted: bool, band: int,
          prose: Prose) -> dict[int, str]:
    """The page's trailer: after a promo (extracted input) or after a band of chrome; extracted input
    without a promo trailer may still end at a band of link chrome."""
    if not extracted:
        return _after_chrome_band(items, lo, hi, band, prose)
    return (_tail_after_promo(items, lo, hi, prose)
            or _after_chrome_band(items, lo, hi, band, prose, _link_chrome))


def _score_verdicts(items: list[Assessed], lo: int, hi: int, extracted: bool,
                    listed: set[int]) -> dict[int, str]:
    """Blocks the scorer calls chrome, but not an announced list's lines, an item's link, or (extracted
    input) a line between body blocks unless it is a shouted link."""
    return {i: items[i].score.reason for i in range(lo, hi)
            if i not in listed and _chrome_by_score(items[i], extracted)
            and not (extracted and _between_body(items, i) and not _shouted_link(items[i]))
            and not _item_link(items, i)}


def _standfirst_note(items: list[Assessed]) -> dict[int, str]:
    dek = _standfirst(items)
    return {} if dek is None else {dek: "context:standfirst"}


def _shouted_titles(items: list[Assessed], lo: int, hi: int, head: int | None) -> dict[int, str]:
    return {i: "context:shouted title" for i in range(lo, hi) if i != head and _shouted_title(items[i])}


def _body_headline(items: list[Assessed], lo: int, hi: int) -> int | None:
    """The region opens with the headline that repeats the page title, or the headline is just before it."""
    head = lo if lo < hi and items[lo].anchor else _headline(items, lo)
    return head if head is not None and _echoes_title(items, head) else None


def _headline_repeats(items: list[Assessed], lo: int, hi: int, head: int | None) -> dict[int, str]:
    """A copy of the headline inside the body (a share box's title, a print header) is not the article's
    (dev dump 0.9439 -> 0.9441, sites-dev 0.9392 -> 0.9394: ten pages, four sites, none lower)."""
    if head is None:
        return {}
    said = items[head].block.text.strip()
    return {i: "context:headline repeated" for i in range(max(lo, head + 1), hi)
            if items[i].block.text.strip() == said}


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
    if r is not None and r.action in _HARD and _where_ok(r, i, lo):
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
