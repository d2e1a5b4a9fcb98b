"""The headline that leads the body (``find_headline``), and the steps around it: its copies inside the
body (``headline_repeats``), the standfirst under it and shouted teaser titles in an extractor's output
(``standfirst``, ``shouted_titles``)."""

from __future__ import annotations

import regex

from .features import FULL_STOPS
from .looks import dropped_by_rule
from .records import Assessed, Notes, Page
from .rules import normalise
from .scorers import Kind, linked
from .tuning import Tuning

_WORD = regex.compile(r"\w+")
_SUBHEADS = frozenset(("h2", "h3", "h4", "h5", "h6"))


def find_headline(page: Page) -> int | None:
    """The headline: in an extractor's output its opening title (``leading_headline``), in a dump the
    one that opens the region or stands just before it (``body_headline``)."""
    return leading_headline(page.items, page.t) if page.extracted else body_headline(page)


def body_headline(page: Page) -> int | None:
    """The region opens with the headline that repeats the page title, or the headline is just before it."""
    items, lo, t = page.items, page.lo, page.t
    head = lo if lo < page.hi and items[lo].anchor else _headline(items, lo, t)
    return head if head is not None and _echoes_title(items, head, t) else None


def _headline(items: list[Assessed], start: int, t: Tuning) -> int | None:
    """The headline that leads the body: just before it, or before a byline, dateline or share row."""
    i = start - 1
    while i >= max(0, start - 1 - t.headline_skip) and dropped_by_rule(items[i]):
        i -= 1
    if i < 0:
        return None
    return i if _headline_shaped(items[i], t, item_ok=True) else None


def _echoes_title(items: list[Assessed], i: int, t: Tuning) -> bool:
    """The headline candidate shares most of its words with the page title on the first line
    (a dump's <title>), or there is no such title to check it against."""
    first = items[0].block.text
    if i == 0 or first.rstrip().endswith(FULL_STOPS):
        return True
    title = {w.lower() for w in _WORD.findall(first)}
    if len(title) < t.headline_words[0]:
        return True  # a section label, not a page title
    words = [w.lower() for w in _WORD.findall(items[i].block.text)]
    if not words or normalise(items[i].block.text) in normalise(first):
        return True
    return sum(w in title for w in words) >= t.echo_share * len(words)


def leading_headline(items: list[Assessed], t: Tuning) -> int | None:
    """An extractor's output: the opening block that repeats the page title (HTML: or is its <h1>), else
    (text) a first line shaped like a headline with a paragraph right after it."""
    head = _opening_head(items, t)
    if head is not None:
        return head if _headline_shaped(items[head], t, permalink=True) else None
    if len(items) > 1 and not items[0].block.hints and _headline_shaped(items[0], t) \
            and items[1].score.kind is Kind.GOOD:
        return 0  # text only: in HTML the <h1> says it (a first <p> of a few words is body there)
    return None


def _opening_head(items: list[Assessed], t: Tuning, through_prose: bool = False) -> int | None:
    """The opening block that repeats the page title or is the page's <h1>, among the first few (and,
    unless ``through_prose``, before any paragraph)."""
    for i, a in enumerate(items[:t.title_lookahead]):
        if a.anchor:
            return i
        if a.score.kind is Kind.GOOD and a.rule is None and not through_prose:
            break  # a paragraph of the article (an entry navigation row of post titles is not)
    for i, a in enumerate(items[:t.headline_skip]):
        if a.block.hint("tag") == "h1":
            return i
        if a.score.kind is Kind.GOOD and not through_prose:
            return None
    return None


def _headline_shaped(a: Assessed, t: Tuning, item_ok: bool = False, permalink: bool = False) -> bool:
    """No rule, a headline's length, no sentence end, not menu-like, not a table row of two or more filled
    cells (nor, unless ``item_ok``, a list item: a dump's headline before the body may look like one, an
    extractor's first line may not). With ``permalink``, the line that repeats an HTML page's title passes
    though it is one link: blogs link a post's title to the post itself."""
    lo, hi = t.headline_words
    titled = permalink and a.anchor and bool(a.block.hint("page_title"))
    bad = a.score.kind is Kind.BAD and not (titled and linked(a.feats, t))
    return (a.rule is None and lo <= a.feats.words <= hi and not a.feats.ends_sentence
            and not bad and (item_ok or a.score.kind is not Kind.ITEM)
            and _filled_cells(a.block.text) <= 1)


def _filled_cells(text: str) -> int:
    """Non-empty cells of a line rendered as a table row ("| a | | b |"); 0 for any other line. A headline
    is one cell, never a navigation row or a name-and-date row of a layout table."""
    s = text.strip()
    if not (s.startswith("|") and s.endswith("|")):
        return 0
    return sum(1 for c in s.strip("|").split("|") if c.strip())


def headline_repeats(page: Page) -> Notes:
    """A dump: a copy of the headline inside the body (a share box's title, a print header) is not the
    article's."""
    head, items = page.head, page.items
    if page.extracted or head is None:
        return {}
    said = items[head].block.text.strip()
    return {i: "context:headline repeated" for i in range(max(page.lo, head + 1), page.hi)
            if items[i].block.text.strip() == said}


def standfirst(page: Page) -> Notes:
    """HTML, an extractor's output: the long subheading right under the page's headline (dek, standfirst)
    summarises the article; it is not part of the body. The headline is the block that repeats the page
    title, or an opening <h1>."""
    items, t = page.items, page.t
    if not page.extracted:
        return {}
    head = _opening_head(items, t, through_prose=True)
    if head is None or head + 1 >= len(items):
        return {}
    a = items[head + 1]
    if a.block.hint("tag") in _SUBHEADS and a.feats.words >= t.standfirst_words and a.rule is None:
        return {head + 1: "context:standfirst"}
    return {}


def shouted_titles(page: Page) -> Notes:
    """Text input, an extractor's output: a line of at least ``t.shouted_words`` words all in capitals,
    without a sentence end, not a list item or table row: a teaser or promo set in the article ("... OPENS
    UP ABOUT ...", "GET ... BY CLICKING HERE"); a section heading in capitals is shorter, a shouted quote
    ends a sentence. (HTML has the links to tell: ``menus._shouted_link``.)"""
    if not page.extracted:
        return {}
    items, head, t = page.items, page.head, page.t
    return {i: "context:shouted title" for i in range(page.lo, page.hi)
            if i != head and _shouted_title(items[i], t)}


def _shouted_title(a: Assessed, t: Tuning) -> bool:
    f = a.feats
    return (not a.block.hints and f.words >= t.shouted_words and not f.ends_sentence
            and a.score.kind is not Kind.ITEM and a.block.text.isupper())
