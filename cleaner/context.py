"""The context steps of phase 2 (``pipeline.decide``): inside a body region [lo, hi), each step notes the
blocks it removes (block index -> reason); ``pipeline._decide_region`` applies them in order, first reason
wins. Teaser headings and end markers (``under_headings``, ``after_end``), the page's trailer (``page_tail``:
a promo trailer or a chrome band), announced lists, repeated captions, menu runs, score verdicts,
standfirsts, shouted titles, and the headline and its repeats.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import accumulate
from typing import TYPE_CHECKING

import regex

from .rules import Action, Rule, Where, normalise
from .scorers import URL_WORDS, Kind, label_like, linked

if TYPE_CHECKING:
    from .pipeline import Assessed


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
HEADLINE_WORDS = (3, 30)
_HEADLINE_SKIP = 3     # bylines, datelines and share rows that may stand between headline and body
_TITLE_LOOKAHEAD = 5   # HTML: the block that repeats the page title is among this many opening blocks
_TITLE_CASE = 0.7      # a Title-Case teaser title may end in ? ! or ) and still be headline-like (sites-dev
                       # dump: 0.5 +0.0017, 0.6 +0.0020, 0.7 +0.0028, 0.8 +0.0009, 0.9 +0.0002; dev +0.0025 to
                       # +0.0003; near and html untouched)
_ANNOUNCE_WORDS = 8    # a sentence this long ending in a colon announces the list under it (dev dump: 5-8
                       # +0.0020, 10-12 +0.0003; sites-dev dump: 5 +0.0004, 6 -0.0003, 8-12 -0.0001)
TEASER_WORDS = 20      # a line without a sentence end up to this long can be a teaser title (dev, sites-dev)
_TEASER_CASE = 0.6     # extracted input: a run of Title-Case lines (this share capitalised, as a label; 0.5,
                       # 0.7 the same), ...
_TEASER_MIN_WORDS = 4  # ... each this long, ...
_TEASER_STOP = 0.15    # ... with this function-word share on average, and no paragraph after it, is a teaser
                       # list. No bench page has one at the end (a golden case does); allowed anywhere it
                       # gained one sites-dev page (near +0.0005, html +0.0006) but would take a Title-Case
                       # list of book or film titles out of an article, so it stays at the tail.
_SHOUTED_WORDS = 8     # text input: a line this long all in capitals, no sentence end, is a teaser (dev near
                       # 0.9703 -> 0.9710 on three pages; 7 the same; sites-dev has none. HTML has the links
                       # to tell, _shouted_link: there the rule cost dev html 0.0003 on a table's rows)
REPEATED_WORDS = 8     # a line repeated in a page is short (a menu entry, a caption) up to this many words
                       # (a repeated paragraph is a pull quote or caption)
_WORD = regex.compile(r"\w+")
HARD = (Action.DROP, Action.END, Action.HEADING)


def _headline_like(a: Assessed) -> bool:
    """A menu entry, a teaser title or a label: no sentence, at most a headline's length. A line in Title
    Case that closes with ? ! or ) ("Why Are Facebook And Twitter So Hard To Scale?") is a teaser title too:
    it breaks a teaser list into runs too short to be one otherwise."""
    f = a.feats
    return (a.score.kind is not Kind.ITEM and f.words <= TEASER_WORDS
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


def menu_runs(items: list[Assessed], lo: int, hi: int, extracted: bool, least: int,
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
    more, that hold function words (on average _TEASER_STOP of their words) and that no paragraph follows
    is a teaser list ("Seven Ways To ...", "How to Fix ..."); a listing of the same shape (dates and venues,
    a roster, credits) holds almost none, and a bulleted list is list items."""
    found: set[int] = set()
    run: list[int] = []
    for i in range(lo, hi + 1):
        if i < hi and _teaser_title(items[i]):
            run.append(i)
            continue
        if (len(run) >= least and sum(items[j].feats.stop_ratio for j in run) >= _TEASER_STOP * len(run)
                and not any(a.score.kind is Kind.GOOD for a in items[i:hi])):
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


def after_end(items: list[Assessed], lo: int, hi: int, prose: Prose) -> dict[int, str]:
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


def announced_end(items: list[Assessed], i: int) -> int | None:
    """The end of the bullet-less list that the sentence ``items[i]`` announces with a colon ("The tour
    dates:", "On the map you will find the following:"), or None: a sentence of prose, no rule, at least
    _ANNOUNCE_WORDS words, then at least two short lines, none a rule matched or the page repeats."""
    a = items[i]
    if (a.rule is not None or a.score.kind not in (Kind.GOOD, Kind.NEAR) or a.feats.words < _ANNOUNCE_WORDS
            or not a.block.text.rstrip().endswith(":")):
        return None
    j = i + 1
    while (j < len(items) and items[j].rule is None and not items[j].repeated
           and 0 < items[j].feats.words <= TEASER_WORDS and items[j].score.kind is not Kind.GOOD):
        j += 1
    return j if j - i > 2 else None


def announced_lists(items: list[Assessed], lo: int, hi: int) -> set[int]:
    """The lines of every list inside [lo, hi) that a sentence announces (``announced_end``)."""
    found: set[int] = set()
    for i in range(lo, hi):
        end = announced_end(items, i)
        if end is not None:
            found.update(range(i + 1, min(end, hi)))
    return found


_CREDIT = "media-credit"  # the rule id of photo credits and gallery counters, in every language's file


def repeated_captions(items: list[Assessed], lo: int, hi: int) -> set[int]:
    """A page dump's photo captions: a sentence-long block the page repeats (a gallery shows each caption
    twice, beside the photo and in its viewer) with a photo credit or gallery counter next to one copy.
    An article's own paragraphs are not repeated word for word beside credits; a repeated headline or
    pull quote is not next to one (dev dump: 471 words of such captions kept, none in the gold)."""
    where: dict[str, list[int]] = {}
    for i, a in enumerate(items):
        if a.feats.words > REPEATED_WORDS and a.rule is None:
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
        if not where_ok(a.rule, i, lo) or prose(lo, i) < enough:
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
        if not (looks or chrome_looking)(a):
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
    while i < hi and chrome_looking(items[i]):
        i += 1
    return i


def under_headings(items: list[Assessed], lo: int, hi: int, prose: Prose, extracted: bool) -> dict[int, str]:
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
    if len(title) < HEADLINE_WORDS[0]:
        return True  # a section label, not a page title
    words = [w.lower() for w in _WORD.findall(items[i].block.text)]
    if not words or normalise(items[i].block.text) in normalise(first):
        return True
    return sum(w in title for w in words) * 2 >= len(words)


_SUBHEADS = frozenset(("h2", "h3", "h4", "h5", "h6"))
_STANDFIRST_WORDS = 10  # a subheading this long right under the headline is its summary (dev: 7 of 8)


def leading_headline(items: list[Assessed]) -> int | None:
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
    lo, hi = HEADLINE_WORDS
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
    return a.rule is not None and a.rule.action in HARD


def where_ok(rule: Rule, i: int, lo: int) -> bool:
    if rule.where is Where.HEAD:
        return i <= lo
    if rule.where is Where.TAIL:
        return i > lo
    return True


def chrome_looking(a: Assessed) -> bool:
    if a.rule is not None:
        return a.rule.action is not Action.KEEP
    return a.score.kind is Kind.BAD or a.score.kind is Kind.SHORT and label_like(a.feats)


def between_body(items: list[Assessed], i: int) -> bool:
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


def noted(blocks: set[int], reason: str) -> dict[int, str]:
    return dict.fromkeys(blocks, reason)


def page_tail(items: list[Assessed], lo: int, hi: int, extracted: bool, band: int,
          prose: Prose) -> dict[int, str]:
    """The page's trailer: after a promo (extracted input) or after a band of chrome; extracted input
    without a promo trailer may still end at a band of link chrome."""
    if not extracted:
        return _after_chrome_band(items, lo, hi, band, prose)
    return (_tail_after_promo(items, lo, hi, prose)
            or _after_chrome_band(items, lo, hi, band, prose, _link_chrome))


def score_verdicts(items: list[Assessed], lo: int, hi: int, extracted: bool,
                    listed: set[int]) -> dict[int, str]:
    """Blocks the scorer calls chrome, but not an announced list's lines, an item's link, or (extracted
    input) a line between body blocks unless it is a shouted link."""
    return {i: items[i].score.reason for i in range(lo, hi)
            if i not in listed and _chrome_by_score(items[i], extracted)
            and not (extracted and between_body(items, i) and not _shouted_link(items[i]))
            and not _item_link(items, i)}


def standfirst_note(items: list[Assessed]) -> dict[int, str]:
    dek = _standfirst(items)
    return {} if dek is None else {dek: "context:standfirst"}


def shouted_titles(items: list[Assessed], lo: int, hi: int, head: int | None) -> dict[int, str]:
    return {i: "context:shouted title" for i in range(lo, hi) if i != head and _shouted_title(items[i])}


def body_headline(items: list[Assessed], lo: int, hi: int) -> int | None:
    """The region opens with the headline that repeats the page title, or the headline is just before it."""
    head = lo if lo < hi and items[lo].anchor else _headline(items, lo)
    return head if head is not None and _echoes_title(items, head) else None


def headline_repeats(items: list[Assessed], lo: int, hi: int, head: int | None) -> dict[int, str]:
    """A copy of the headline inside the body (a share box's title, a print header) is not the article's
    (dev dump 0.9439 -> 0.9441, sites-dev 0.9392 -> 0.9394: ten pages, four sites, none lower)."""
    if head is None:
        return {}
    said = items[head].block.text.strip()
    return {i: "context:headline repeated" for i in range(max(lo, head + 1), hi)
            if items[i].block.text.strip() == said}
