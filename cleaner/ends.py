"""Where the article ends inside its region: after an end marker (``after_end``), under a teaser heading
(``under_headings``), at the page's trailer, a promo or a band of chrome (``page_tail``). Each is a step:
a function of the page record that returns the blocks it labels chrome, with the reason."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from itertools import accumulate

from .features import LETTER
from .looks import chrome_looking, dated, dropped_by_rule, told, weight, where_ok
from .records import Assessed, Notes, Page, Prose
from .rules import Action
from .scorers import Kind, linked
from .tuning import Tuning


def _stamped_marker(a: Assessed) -> bool:
    """An end marker with a date or a clock time: in an extractor's output or HTML, the content's own line
    (a post's stamp, a dateline, a logged event), which neither ends the region nor makes a band."""
    return a.rule is not None and a.rule.action is Action.END and dated(a.block.text)


_PARAGRAPH = (Kind.GOOD, Kind.NEAR)
OUTSIDE = "context:outside-body"  # the reason of what a dump's region leaves out
AFTER_END = "context:after rule:"  # the reason of what follows an end marker, before the rule's id


def _stamp(a: Assessed, t: Tuning) -> bool:
    """A short line with a date or a clock time and no sentence end but a colon: a comment's stamp ('October
    2, 2012, | Permalink', 'Posted by: X at 1:56 PM', 'Ann on May 3, 2018 at 4:47 pm said:')."""
    text = a.block.text.rstrip()
    return (0 < a.feats.words <= t.stamp_words and (not a.feats.ends_sentence or text.endswith(":"))
            and dated(text))


def _thread_follows(items: list[Assessed], i: int, hi: int, t: Tuning) -> bool:
    """A comment thread starts right after block ``i``: its first stamp within ``t.thread_first`` blocks, and
    ``t.thread_stamps`` stamps within ``t.thread_window`` blocks (a thread's signature, in any language)."""
    ahead = [j for j in range(i + 1, min(hi, i + 1 + t.thread_window)) if _stamp(items[j], t)]
    return len(ahead) >= t.thread_stamps and ahead[0] <= i + t.thread_first


def opens_thread(page: Page) -> bool:
    """The body opens with a comment thread: an end marker before ``t.region_prose`` words of prose, with a
    thread's stamps after it. No article precedes the thread: its posts are what the page is about."""
    items, lo, hi, prose, t = page.items, page.lo, page.hi, page.prose, page.t
    for i in range(lo, hi):
        before, r = prose(lo, i), items[i].rule
        if before >= t.region_prose:
            return False
        if before and r is not None and r.action is Action.END:  # not a link above the title
            return _thread_follows(items, i, hi, t)
    return False


def discussion(page: Page) -> bool:
    """A page dump or an extractor's output that reads as a discussion: ``t.thread_stamps`` lines of its
    posts' headers (a member's post count or join date: rules with action ``post``), or a body that opens
    with a comment thread (``opens_thread``)."""
    posts = sum(a.rule is not None and a.rule.action is Action.POST for a in page.items)
    return posts >= page.t.thread_stamps or opens_thread(page)


def after_end(page: Page) -> Notes:
    """Everything after the first end marker (comments, author box) once enough of the article precedes it,
    or, after a short post, once any of it does and a comment thread's stamps follow the marker: a short
    post's "119 Comments" is not a link above the article then. In a page dump a marker with over
    ``t.end_after`` times its prose after it cuts only with a thread's stamps to back it: "About Acme" on
    a product page heads a section of the page, not the end of an article. A page that declares itself
    a discussion (``page.thread``) has no such end: its replies are its content. In an extractor's output
    or HTML a marker line with a date or a clock time ends nothing: the extractor, asked for no comments,
    kept it as the content's own (a forum post's stamp, a dateline, a logged event in documentation). Nor
    does a marker the body already printed ``t.end_recurring`` times between its paragraphs: a 'Reply'
    under each post, a '22 Comments' under each teaser of a listing (``_earlier_copies``)."""
    items, lo, hi, prose, t = page.items, page.lo, page.hi, page.prose, page.t
    if page.thread:
        return {}  # a discussion page's replies are what it is about, not a trailer
    enough = told(prose, lo, hi, t)
    copies: Callable[[int], int] | None = None  # built at the first marker: most pages have none
    # in an extractor's output or HTML the marker trims a region already chosen (and a blog's thread keeps
    # its stamps in markup, not in lines of their own): only a page dump needs the corroboration
    trims = page.extracted or bool(items) and bool(items[0].block.hints)
    for i in range(lo, hi):
        r = items[i].rule
        if r is None or r.action is not Action.END or trims and _stamped_marker(items[i]):
            continue
        copies = copies or _earlier_copies(items, lo, hi)
        if copies(i) >= t.end_recurring:
            continue
        before, after = prose(lo, i), prose(i + 1, hi)
        thread = before > 0 and _thread_follows(items, i, hi, t)
        corroborated = trims or thread or after <= t.end_after * before
        if before >= enough and corroborated or thread:
            notes = {j: f"{AFTER_END}{r.id}" for j in range(i + 1, hi)}
            notes.update(_chrome_before(page, i))  # a dump's region now ends at the marker
            return notes
    return {}


def _chrome_before(page: Page, i: int) -> Notes:
    """A dump whose region a cut ends at block ``i`` (an end marker, a teaser heading, a chrome band): the
    region's blocks that no rule matched after the point where the weight of what it keeps peaks (a name,
    a label, a short line between them and the cut), outside the body. The region held them only because
    prose followed; ended at ``i``, it ends at that peak, as a region's maximum-weight run does (and as it
    reads once the cut and what follows are gone: the same output cleaned again is unchanged). None in an
    extractor's output, which is all body region."""
    if page.extracted:
        return {}
    items, lo, t = page.items, page.lo, page.t
    run, top, end = 0.0, 0.0, lo
    for j in range(lo, i):
        if not dropped_by_rule(items[j]):  # the output holds no rule-dropped line to weigh
            run += weight(items[j], t)
            if run > top:
                top, end = run, j + 1
    return {j: f"{OUTSIDE} ({items[j].score.reason})" for j in range(end, i) if items[j].rule is None}


def under_headings(page: Page) -> Notes:
    """The link list under a teaser heading ("Related stories"); the rest too when little prose follows,
    unless, in an extractor's output, paragraphs in a row or one long paragraph resume the article after
    the list (a page dump's teasers may come with summaries in a row), or, in a page dump, when what
    follows is paragraphs that never come two in a row (``_teasers_only``)."""
    items, lo, hi, prose, t, extracted = page.items, page.lo, page.hi, page.prose, page.t, page.extracted
    total = prose(lo, hi) or 1
    notes: Notes = {}
    for i in range(lo, hi):
        r = items[i].rule
        if r is None or r.action is not Action.HEADING or i in notes:
            continue
        reason = f"context:under rule:{r.id}"
        j = i + 1
        while j < hi and items[j].score.kind is not Kind.GOOD:
            j += 1
        if (prose(i + 1, hi) < t.tail_share * total and not (extracted and _resumes(items, j, hi, t))
                or not extracted and _teasers_only(items, j, hi)):
            notes.update({k: reason for k in range(i + 1, hi)})
            notes.update(_chrome_before(page, i))  # a dump's region now ends at the heading
            break
        notes.update({k: reason for k in range(i + 1, j)})
    return notes


def _resumes(items: list[Assessed], j: int, hi: int, t: Tuning) -> bool:
    """An extractor's output, after a teaser list: paragraphs in a row (``_article_resumes``), or one
    paragraph of prose of ``t.resume_words`` words or more before the region's end (a teaser's summary is a
    sentence or two): the article's own text goes on, so the heading cuts its list, not the rest."""
    return _article_resumes(items, j, hi, t) or any(
        a.score.kind is Kind.GOOD and a.rule is None and a.feats.words >= t.resume_words for a in items[j:hi])


def _teasers_only(items: list[Assessed], j: int, hi: int) -> bool:
    """A page dump: from ``j`` (the first paragraph after a teaser heading) to the region's end, two or more
    paragraphs and never two in a row: teaser summaries between their titles or share rows, not the article
    going on, however much prose they hold."""
    paras = [k for k in range(j, hi) if items[k].score.kind is Kind.GOOD and items[k].rule is None]
    if len(paras) < 2:
        return False
    return not any(k + 1 < hi and items[k + 1].score.kind in _PARAGRAPH and items[k + 1].rule is None
                   for k in paras)


def _article_resumes(items: list[Assessed], j: int, hi: int, t: Tuning) -> bool:
    """Paragraphs in a row after a teaser list: the article goes on (teasers alternate with titles)."""
    n = t.resume_paragraphs
    run = items[j : j + n]
    return (j + n <= hi and all(a.score.kind in _PARAGRAPH for a in run)
            and sum(a.score.kind is Kind.GOOD for a in run) >= t.resume_prose * n)


def page_tail(page: Page) -> Notes:
    """The page's trailer: after a promo (extracted input) or after a band of chrome; extracted input
    without a promo trailer may still end at a band of link chrome. A page that declares itself a
    discussion (``page.thread``) has no trailer to cut: the band after a post (its votes, "Reply",
    "Copy link", "Add a comment") stands between its replies, which are its content."""
    if page.thread:
        return {}
    if not page.extracted:
        return _after_chrome_band(page, chrome_looking)
    return _tail_after_promo(page) or _after_chrome_band(page, _link_chrome)


def _tail_after_promo(page: Page) -> Notes:
    """An extractor's output: after a sentence that a drop rule condemns (follow us, newsletter, credits,
    support appeals) once the article has been told, at most ``t.trailer_paragraphs`` prose paragraphs
    follow: what follows is the page's trailer (a bio, a promo, teaser titles), not the article's last
    words. Separators, dates and labels (fewer than ``t.promo_words`` words) also stand between sections,
    so they do not count, nor does a promo item in a list that goes on (``_list_goes_on``)."""
    items, lo, hi, prose, t = page.items, page.lo, page.hi, page.prose, page.t
    total, enough = prose(lo, hi) or 1, told(prose, lo, hi, t)
    paragraphs = list(accumulate((a.score.kind is Kind.GOOD and not dropped_by_rule(a) for a in items),
                                 initial=0))  # prefix sums: the count after any line in constant time
    for i in range(lo, hi):
        a = items[i]
        if a.rule is None or a.rule.action is not Action.DROP or a.feats.words < t.promo_words:
            continue
        if _list_goes_on(items, i, hi):
            continue
        if not where_ok(a.rule, i, lo) or prose(lo, i) < enough:
            continue
        after = paragraphs[hi] - paragraphs[i + 1]
        if prose(i + 1, hi) < t.tail_share * total and after <= t.trailer_paragraphs:
            return {k: f"context:after promo rule:{a.rule.id}" for k in range(i + 1, hi)}
    return {}


def _list_goes_on(items: list[Assessed], i: int, hi: int) -> bool:
    """Block ``i`` is a list item and the next one an item no rule matched: a promo line among a list's
    items ("- Subscribe to our podcast" in a checklist) is one of them, not the end of the article."""
    return (items[i].feats.list_item and i + 1 < hi and items[i + 1].feats.list_item
            and items[i + 1].rule is None)


def _link_chrome(a: Assessed, t: Tuning) -> bool:
    """An extractor's output: chrome by a rule or for being a link (HTML) or a bare URL (a teaser list, a
    trackback box, reference links), not for being a label, a short line or digits: in an extractor's output
    those are the article's own (a credits list, wallpaper sizes, a price table). Nor is an end marker with a
    date or a clock time, as in ``after_end``: lines of a program's log, posts' stamps."""
    if a.rule is not None:
        return a.rule.action is not Action.KEEP and not _stamped_marker(a)
    f = a.feats
    return a.score.kind is Kind.BAD and (linked(f, t) or f.has_url and f.words <= t.url_words)


def _after_chrome_band(page: Page, looks: Callable[[Assessed, Tuning], bool]) -> Notes:
    """A band of chrome (share row, tags, byline, menu) past the middle of the article ends it. Lines without
    a word (separators, image placeholders: '-', '* * *') neither start nor lengthen a band: three of them
    between a post's photos are not a footer. A band needs a rule's word on one of its lines: a line
    without a letter ('};', '- 40%', a phone number) is matched by a rule for what it lacks, and runs of
    them are code, a table of figures or an address as often as a footer. A band whose rule-matched line
    the body already printed ``t.band_recurring`` times between its paragraphs ('Book now', 'READ MORE',
    'View All') ends nothing: it separates the page's records or sections (``_earlier_copies``). A share
    row or a byline the page prints once above its article and once after it is no such line. In a dump
    the region then ends where the weight of what it keeps peaks before the band (``_chrome_before``)."""
    items, lo, hi, prose, t = page.items, page.lo, page.hi, page.prose, page.t
    band = t.band
    run, ruled, start = 0, 0, lo
    copies: Callable[[int], int] | None = None  # built at the first band: most pages have none
    for i in range(lo, hi):
        a = items[i]
        if a.feats.words == 0 and not run:
            continue  # a separator or image placeholder between paragraphs does not start a band
        if not looks(a, t):
            run, ruled = 0, 0
            continue
        if not run:
            start = i
        run += a.feats.words > 0  # ... nor lengthens one
        ruled += a.rule is not None and LETTER.search(a.block.text) is not None
        if (band and run >= band and ruled and _past_middle(prose, lo, i, hi, t)
                and not _article_resumes(items, _run_end(items, i, hi, t), hi, t)):
            copies = copies or _earlier_copies(items, lo, hi)
            if not any(items[j].rule is not None and items[j].feats.words and copies(j) >= t.band_recurring
                       for j in range(start, i + 1)):
                return {j: "context:chrome band" for j in range(start, hi)} | _chrome_before(page, start)
    return {}


def _earlier_copies(items: list[Assessed], lo: int, hi: int) -> Callable[[int], int]:
    """How many times the region [lo, hi) printed block ``j``'s text before it, between its first paragraph
    and ``j`` (paragraphs aside): a line printed after each record, section or post ('Book now',
    'READ MORE', 'Reply') is the page's own separator, not its end."""
    first = next((k for k in range(lo, hi) if items[k].score.kind is Kind.GOOD), hi)
    seen: dict[str, list[int]] = {}
    for k in range(first + 1, hi):
        if items[k].score.kind is not Kind.GOOD:
            seen.setdefault(items[k].block.text, []).append(k)
    return lambda j: bisect_left(seen.get(items[j].block.text, ()), j)


def _past_middle(prose: Prose, lo: int, i: int, hi: int, t: Tuning) -> bool:
    """Less than ``t.band_after`` times the prose before block ``i`` follows it."""
    return prose(i, hi) < t.band_after * prose(lo, i)


def _run_end(items: list[Assessed], i: int, hi: int, t: Tuning) -> int:
    """The first block after the run of chrome-looking blocks that includes ``i``."""
    while i < hi and chrome_looking(items[i], t):
        i += 1
    return i
