"""Chrome inside the body region by its look: runs of menu-like lines (``menu_runs``), repeated photo
captions (``repeated_captions``) and the blocks the scorer condemns (``score_verdicts``). Each is a step:
a function of the page record that returns the blocks it labels chrome, with the reason."""

from __future__ import annotations

from .looks import announces, between_body, body_line, dated, headline_like, label_line, title_like
from .records import Assessed, Notes, Page
from .scorers import Kind, figures, linked
from .tuning import Tuning

_CREDIT = "media-credit"  # the rule id of photo credits and gallery counters, in every language's file


def menu_runs(page: Page) -> Notes:
    """Indices inside the region in a run of menu-like lines, but a sentence's announced list: in a page
    dump any run of headline-like lines (menus, teaser lists) but a list between two lines of body
    (``_body_list``); in an extractor's output, where lists are body, only label runs; with
    ``page.labels`` (a dump with little chrome) runs of labels and Title-Case titles: a sentence-case line
    of headline length (a plan's "Eat an hour before the run") breaks a run. A rule-matched line without a
    word ('.', '|') neither breaks a run nor lengthens it: the output leaves it out, and cleaned again the
    run would be whole."""
    items, lo, hi, t, extracted = page.items, page.lo, page.hi, page.t, page.extracted
    least = t.menu_run
    if extracted:
        like, least = label_line, least + t.label_run_extra
    elif page.labels:
        like = title_like
    else:
        like = headline_like
    found: set[int] = set()
    run: list[int] = []
    for i in range(lo, hi + 1):
        a = items[i] if i < hi else None
        if a is not None and a.feats.words == 0 and a.rule is not None:
            continue  # a rule-matched line without a word (a dot) neither breaks, starts nor lengthens a run
        if a is not None and like(a, t):
            run.append(i)
            continue
        if len(run) >= least and (extracted or not _body_list(items, run)):
            found.update(run)
        run = []
    if extracted:
        found |= _teaser_runs(items, lo, hi, least, t)
    return dict.fromkeys(found - page.listed, "context:menu-run")


def _teaser_title(a: Assessed, t: Tuning) -> bool:
    f = a.feats
    return headline_like(a, t) and f.title_ratio >= t.teaser_case and f.words >= t.teaser_min_words


def _teaser_runs(items: list[Assessed], lo: int, hi: int, least: int, t: Tuning) -> set[int]:
    """An extractor's output: a run of ``least`` Title-Case lines of headline length, each of
    ``t.teaser_min_words`` words or more, that hold function words (on average ``t.teaser_stop`` of their
    words) and that no paragraph follows is a teaser list ("Seven Ways To ...", "How to Fix ..."); a listing
    of the same shape (dates and venues, a roster, credits) holds almost none, and a bulleted list is list
    items. Only at the tail: mid-text such a run may be a Title-Case list of book or film titles."""
    found: set[int] = set()
    run: list[int] = []
    for i in range(lo, hi + 1):
        if i < hi and _teaser_title(items[i], t):
            run.append(i)
            continue
        if (len(run) >= least and sum(items[j].feats.stop_ratio for j in run) >= t.teaser_stop * len(run)
                and not any(a.score.kind is Kind.GOOD for a in items[i:hi])):
            found.update(run)
        run = []
    return found


def _body_list(items: list[Assessed], run: list[int]) -> bool:
    """A page dump's list without bullets (ingredients, a product's specifications, steps, "Your to-do
    list will shrink"): it stands between two lines of body (paragraphs, list items: a review's features
    next to its bulleted pros), or under a line that announces it ('Key features:'), before one, and no
    rule matched any of its lines. A menu or teaser list inside the body stands at its edge or carries a
    rule's line ('Related', 'Read more', a share label)."""
    before = run[0] - 1
    return ((body_line(items, before) or before >= 0 and announces(items[before]))
            and body_line(items, run[-1] + 1) and all(items[i].rule is None for i in run))


def repeated_captions(page: Page) -> Notes:
    """A page dump's photo captions: a sentence-long block the page repeats (a gallery shows each caption
    twice, beside the photo and in its viewer) with a photo credit or gallery counter next to one copy.
    An article's own paragraphs are not repeated word for word beside credits; a repeated headline or
    pull quote is not next to one."""
    if page.extracted:
        return {}
    items, lo, hi, short = page.items, page.lo, page.hi, page.t.repeated_words
    where: dict[str, list[int]] = {}
    for i, a in enumerate(items):
        if a.feats.words > short and a.rule is None:
            where.setdefault(a.block.text, []).append(i)

    def credit(j: int) -> bool:
        rule = items[j].rule if 0 <= j < len(items) else None
        return rule is not None and rule.id == _CREDIT

    found: set[int] = set()
    for copies in where.values():
        if len(copies) > 1 and any(credit(i - 1) or credit(i + 1) for i in copies):
            found.update(i for i in copies if lo <= i < hi)
    return dict.fromkeys(found, "context:repeated caption")


def score_verdicts(page: Page) -> Notes:
    """Blocks the scorer calls chrome, but not an announced list's lines, an item's link, (extracted
    input) a line between body blocks unless it is a shouted link, (an extracted region of links) a link
    line (``_link_entries``), (a page dump) a data line inside the article (``_data_inside``), or (text)
    a line of figures (``_text_figures``)."""
    items, t, extracted, listed = page.items, page.t, page.extracted, page.listed
    data = set() if extracted else _data_inside(page)
    entries = extracted and _link_entries(page)
    return {i: items[i].score.reason for i in range(page.lo, page.hi)
            if i not in listed and i not in data and _chrome_by_score(items[i], extracted)
            and not (entries and linked(items[i].feats, t))
            and not (extracted and between_body(items, i) and not _shouted_link(items[i], t))
            and not _text_figures(items[i], t)
            and not _item_link(items, i, t)}


def _link_entries(page: Page) -> bool:
    """An extracted HTML region where link lines are ``t.link_entries`` of the blocks or more: a listing's or
    a catalogue's entries (each a linked title or name), its content, not a link list inside an article,
    which is a few lines among paragraphs."""
    items, t = page.items, page.t
    links = sum(linked(items[i].feats, t) for i in range(page.lo, page.hi))  # text has no link density
    return links > 0 and links >= t.link_entries * (page.hi - page.lo)


def _text_figures(a: Assessed, t: Tuning) -> bool:
    """Text (no markup hints): a line mostly of digits inside the region (a price, a result, a table's
    row of figures flattened into a line) is the content's data as often as a counter; in HTML a table
    row is an item, and figures outside a table are a widget's."""
    return not a.block.hints and a.rule is None and figures(a.feats, t)


def _data_line(a: Assessed) -> bool:
    """A line the scorer condemns for its few function words alone, not for a menu's look, a rule, a URL
    or a date stamp: a table row, a command, a product's specifications as often as chrome."""
    return (a.score.kind is Kind.BAD and not a.score.menu and a.rule is None and not a.feats.has_url
            and not dated(a.block.text))


def _data_inside(page: Page) -> set[int]:
    """A page dump: the runs of data lines (``_data_line``) with the article's prose before and after them
    in the region, and on both sides of the run a block neither a rule nor the scorer condemns (prose, a
    list item, a short line): a table's rows or a session's commands that the dump flattened into lines,
    which the article holds as an extractor's output would. Next to a rule's line or a menu a run is
    chrome."""
    items, lo, hi = page.items, page.lo, page.hi
    found: set[int] = set()
    i = lo
    while i < hi:
        if not _data_line(items[i]):
            i += 1
            continue
        k = i + 1
        while k < hi and _data_line(items[k]):
            k += 1
        if (i > lo and k < hi and _beside_data(items[i - 1]) and _beside_data(items[k])
                and page.prose(lo, i) > 0 and page.prose(k, hi) > 0):
            found.update(range(i, k))
        i = k
    return found


def _beside_data(a: Assessed) -> bool:
    return a.rule is None and a.score.kind is not Kind.BAD


def _chrome_by_score(a: Assessed, extracted: bool) -> bool:
    """A block inside the body that its own look condemns; an extractor's output keeps its data lines."""
    if a.score.kind is not Kind.BAD:
        return False
    return not extracted or a.score.menu


def _shouted_link(a: Assessed, t: Tuning) -> bool:
    """HTML: a line that is one link in capitals (READ THIS NEXT, a teaser headline) is a promo
    even between paragraphs: the article's own links sit inside its sentences."""
    return linked(a.feats, t) and a.feats.words >= t.shouted_link_words and a.block.text.isupper()


def _item_link(items: list[Assessed], i: int, t: Tuning) -> bool:
    """A bare link right after a list item, before the next one: the item's own link (a shop list)."""
    return (0 < i < len(items) - 1 and items[i].feats.has_url and items[i].feats.words <= t.url_words
            and items[i - 1].score.kind is Kind.ITEM and items[i + 1].score.kind is Kind.ITEM)
