"""Trafilatura's region against the page's own body (widen.py): a thread whose replies trafilatura
leaves out is kept whole; an article page keeps trafilatura's region."""

from __future__ import annotations

from cleaner import Cleaner, Config, widen
from cleaner.tuning import TUNING
from cleaner.types import Block, Decision, Label
from cleaner.widen import fuller, kept_count, second_look, wider, worth_a_look

POSTS = [
    ("Ana", "I replaced the pump seal last spring and the leak stopped for about a month, then the same drip "
            "came back under the housing, so I suspect the shaft itself is scored and needs a sleeve."),
    ("Ben", "A scored shaft would explain it; when you had it apart did you run a fingernail along the seal "
            "track, because even a shallow groove will chew through a new lip seal within weeks."),
    ("Cleo", "Before ordering parts, check the bearing play as well, since a worn bearing lets the shaft "
             "wobble and no seal will hold against that kind of movement for very long at all."),
    ("Dev", "Mine did exactly this and it turned out to be the impeller rubbing on the cover plate, which "
            "threw the shaft slightly off line; a new gasket of the right thickness fixed it for good."),
    ("Eli", "Thanks everyone, I pulled it apart again tonight and there is a clear groove on the shaft, so "
            "I have ordered a repair sleeve and a new bearing and will report back when it is rebuilt."),
]


def thread_page() -> str:
    replies = "".join(f'<div class="comment"><div class="who">{who}</div><div class="msg">{text}</div></div>'
                      for who, text in POSTS[1:])
    return ("<html><head><title>Pump seal keeps leaking - Workshop Forum</title></head><body>"
            '<nav><a href="/">Home</a> <a href="/f">Forums</a> <a href="/new">New posts</a></nav>'
            f"<h1>Pump seal keeps leaking</h1><article><p>{POSTS[0][1]}</p></article>"
            f'<div id="comments" class="comments">{replies}</div>'
            '<footer><a href="/terms">Terms</a> <a href="/privacy">Privacy</a></footer></body></html>')


def test_thread_whose_replies_trafilatura_drops_is_kept_whole() -> None:
    result = Cleaner(Config()).clean(thread_page())
    assert result.source == "html-page"
    for _, text in POSTS:
        assert text in result.text
    assert "Privacy" not in result.text and "New posts" not in result.text


def test_article_keeps_trafilaturas_region() -> None:
    paragraphs = "".join(f"<p>{text}</p>" for _, text in POSTS)
    page = ("<html><head><title>Fixing a leaking pump</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>Fixing a leaking pump</h1>{paragraphs}</article>"
            "<footer><a href='/terms'>Terms</a></footer></body></html>")
    result = Cleaner(Config()).clean(page)
    assert result.source == "html"
    assert all(text in result.text for _, text in POSTS)


def _decisions(texts: list[str], kept: bool = True) -> list[Decision]:
    label = Label.BODY if kept else Label.CHROME
    return [Decision(Block(i, t, 0, len(t), i), label, "test") for i, t in enumerate(texts)]


def test_wider_needs_more_words_and_the_same_article() -> None:
    region = _decisions([POSTS[0][1], POSTS[1][1]])  # over widen_least words: compared
    prose = sum(len(text.split()) for _, text in POSTS[:2])
    same_and_more = _decisions([text for _, text in POSTS] * 2)
    assert wider(region, same_and_more, TUNING, prose)
    other_part = _decisions([text for _, text in POSTS[2:]] * 3)  # more words, but not the region's
    assert not wider(region, other_part, TUNING, prose)
    assert not wider(region, _decisions([text for _, text in POSTS[:4]]), TUNING, prose)  # not enough more
    menu_line = _decisions(["Active Recent Comments Search Login"])  # a region too short to compare
    assert wider(menu_line, other_part, TUNING, 0)


TEASERS = ["Why the old pump seals wore out so fast last winter", "Five tools every home workshop needs",
           "The best bench grinders of the year, tested", "How to sharpen a chisel without a jig",
           "A beginner's guide to reading a wiring diagram", "What to look for in a second-hand lathe"]


def test_a_region_without_prose_is_no_article_to_compare_with() -> None:
    """A region of teaser titles (a sidebar trafilatura settled on) holds no prose: the page's own body,
    several times longer, is taken though it does not hold the titles."""
    region = _decisions(TEASERS)
    article = _decisions([text for _, text in POSTS])
    assert len(widen.kept_words(region)) >= TUNING.widen_least
    assert wider(region, article, TUNING, 0)
    assert not wider(region, article, TUNING, TUNING.region_prose)


def test_a_page_too_small_to_be_wider_is_not_read_whole() -> None:
    region = _decisions([POSTS[0][1]])
    words = len(POSTS[0][1].split())
    assert not worth_a_look(kept_count(region), int(TUNING.widen_look * words), TUNING)
    assert worth_a_look(kept_count(region), int(TUNING.widen_look * words) + 1, TUNING)


def _thread_article(declared: bool) -> str:
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", '
          '"@type": "DiscussionForumPosting", "headline": "Pump seal keeps leaking"}</script>')
    ld = ld if declared else ""
    posts = "".join(f"<p>{text}</p>" for _, text in POSTS[1:])
    return (f"<html><head><title>Pump seal keeps leaking</title>{ld}</head><body>"
            f"<article><h1>Pump seal keeps leaking</h1><p>{POSTS[0][1]}</p><p>{POSTS[1][1]}</p>"
            f"<h3>3 Comments</h3>{posts}</article></body></html>")


def test_a_declared_discussion_keeps_its_replies() -> None:
    """schema.org's DiscussionForumPosting or QAPage: the replies after a comments heading are content."""
    assert POSTS[4][1] not in Cleaner(Config()).clean(_thread_article(declared=False)).text
    assert POSTS[4][1] in Cleaner(Config()).clean(_thread_article(declared=True)).text


def test_a_declared_discussion_is_read_in_trafilaturas_default_mode(monkeypatch) -> None:
    """Recall mode often settles on a thread's first post; a page that declares a discussion is read in
    trafilatura's default balance, every other page in recall mode."""
    import cleaner.html

    modes: list[bool] = []
    real = cleaner.html.trafilatura_blocks

    def spy(html, recall=True, links=True, fast=False):  # type: ignore[no-untyped-def]
        if fast:  # the page's first look
            modes.append(recall)
        return real(html, recall, links, fast)

    monkeypatch.setattr(cleaner.html, "trafilatura_blocks", spy)
    Cleaner(Config()).clean(_thread_article(declared=True))
    Cleaner(Config()).clean(_thread_article(declared=False))
    assert modes == [False, True]


def test_second_look_thresholds() -> None:
    """A second look when the page's text is ``second_look`` times what was kept; the default mode's region
    is taken when the engine keeps ``second_ratio`` times as much of it, and ``second_words`` at least."""
    region = _decisions([POSTS[0][1]])
    words = len(POSTS[0][1].split())
    assert not second_look(kept_count(region), int(TUNING.second_look * words) - 1, TUNING)
    assert second_look(kept_count(region), int(TUNING.second_look * words), TUNING)
    assert fuller(region, _decisions([text for _, text in POSTS]), TUNING)  # five posts: 2x and 150 words
    assert not fuller(region, _decisions([POSTS[0][1], POSTS[1][1]]), TUNING)
    assert not fuller(_decisions([]), _decisions(["a few words of a teaser"]), TUNING)


def _recall_settles_on_one_post(monkeypatch, default_posts: list[str]) -> list[tuple[bool, bool]]:  # type: ignore[no-untyped-def]
    """trafilatura_blocks as trafilatura on a page where its recall mode keeps the first post only and its
    default mode ``default_posts``; returns the modes asked, (recall, links) each."""
    import cleaner.html
    from cleaner.markup import BlockBuilder

    modes: list[tuple[bool, bool]] = []

    def fake(html, recall=True, links=True, fast=False):  # type: ignore[no-untyped-def]
        modes.append((recall, links))  # the fast mode and the full extraction find the same
        b = BlockBuilder("trafilatura")
        for text in [POSTS[0][1]] if recall else default_posts:
            b.new_para()
            b.add([(text, False)], "p")
        return b.blocks()

    monkeypatch.setattr(cleaner.html, "trafilatura_blocks", fake)
    return modes


def _long_page(texts: list[str]) -> str:
    """A page whose visible text is many times one post: ``texts`` and a long site menu."""
    menu = "".join(f'<li><a href="/t{i}">Topic number {i} of the workshop forum</a></li>' for i in range(100))
    posts = "".join(f"<div><p>{text}</p></div>" for text in texts)
    return (f"<html><head><title>Pump seal keeps leaking</title></head><body><ul>{menu}</ul>{posts}"
            "</body></html>")


def test_a_tiny_recall_region_gets_a_second_look_in_default_mode(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The second look asks trafilatura as it runs by default: default mode, links not kept (kept, its
    link-density pruning takes a listing's or a catalogue's containers)."""
    modes = _recall_settles_on_one_post(monkeypatch, [text for _, text in POSTS])
    result = Cleaner(Config()).clean(_long_page([text for _, text in POSTS]))
    assert modes[0] == (True, True) and (False, False) in modes
    assert all(text in result.text for _, text in POSTS)


def test_a_second_look_that_finds_no_more_keeps_the_recall_region(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Two posts where recall mode kept one are not enough (``second_ratio`` and ``second_words``)."""
    modes = _recall_settles_on_one_post(monkeypatch, [POSTS[0][1], POSTS[1][1]])
    result = Cleaner(Config()).clean(_long_page([POSTS[0][1]]))
    assert modes[0] == (True, True) and (False, False) in modes
    assert POSTS[0][1] in result.text and POSTS[1][1] not in result.text


def _fast_settles_on_one_post(monkeypatch, found_fast: bool = True) -> list[tuple[bool, bool, bool]]:  # type: ignore[no-untyped-def]
    """trafilatura_blocks as trafilatura on a page where its fast mode keeps the first post only (nothing,
    if not ``found_fast``) and its full extraction every post; returns the calls, (recall, links, fast)."""
    import cleaner.html
    from cleaner.markup import BlockBuilder

    calls: list[tuple[bool, bool, bool]] = []

    def fake(html, recall=True, links=True, fast=False):  # type: ignore[no-untyped-def]
        calls.append((recall, links, fast))
        b = BlockBuilder("trafilatura")
        for text in ([POSTS[0][1]] if found_fast else []) if fast else [text for _, text in POSTS]:
            b.new_para()
            b.add([(text, False)], "p")
        return b.blocks()

    monkeypatch.setattr(cleaner.html, "trafilatura_blocks", fake)
    return calls


def test_trafilatura_runs_fast_where_its_region_holds_the_page(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """trafilatura's fast mode (no fallback extractors) is asked first; a region that keeps the page's
    text is not asked again."""
    calls = _fast_settles_on_one_post(monkeypatch)
    result = Cleaner(Config()).clean(_long_page([POSTS[0][1]]).replace("<ul>", "<ul hidden>"))
    assert calls[0] == (True, True, True)
    assert (True, True, False) not in calls
    assert POSTS[0][1] in result.text


def test_a_fast_region_that_keeps_little_of_the_page_is_read_in_full(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The page's text is ``full_look`` times what the engine kept of the fast region: trafilatura's full
    extraction (its fallback extractors compared) is the region, once."""
    calls = _fast_settles_on_one_post(monkeypatch)
    result = Cleaner(Config()).clean(_long_page([text for _, text in POSTS]))
    assert calls[:2] == [(True, True, True), (True, True, False)]
    assert calls.count((True, True, False)) == 1
    assert all(text in result.text for _, text in POSTS)


def test_a_fast_mode_that_finds_nothing_gives_way_to_the_full_extraction(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    calls = _fast_settles_on_one_post(monkeypatch, found_fast=False)
    result = Cleaner(Config()).clean(_long_page([text for _, text in POSTS]))
    assert result.source == "html"
    assert calls.count((True, True, False)) == 1
    assert all(text in result.text for _, text in POSTS)


def test_full_look_threshold() -> None:
    words = len(POSTS[0][1].split())
    assert not widen.full_look(words, int(TUNING.full_look * words) - 1, TUNING)
    assert widen.full_look(words, int(TUNING.full_look * words), TUNING)
    assert widen.full_look(0, int(TUNING.full_look), TUNING)  # nothing kept: a look at any page of that size


SECTIONS = [
    ("Grooming", "Our groomers bathe, brush and trim dogs of every size in a quiet room away from the "
                 "kennels, and every visit ends with a nail trim and a check of the ears and paws."),
    ("Daycare", "Dogs in daycare play in small groups matched by size and temper, with a rest hour after "
                "lunch and a carer who writes a short note about the day for every owner."),
    ("Boarding", "Boarding guests sleep in heated suites with their own bedding from home, go out for four "
                 "walks a day and get their usual food at the times their owners tell us."),
]


def _service_page(container: str) -> str:
    """A service page: a menu, its sections in ``container`` ("main", or "div": no mark), a footer."""
    sections = "".join(f"<section><h2>{head}</h2><p>{text}</p></section>" for head, text in SECTIONS)
    menu = "".join(f'<a href="/{w.lower()}">{w}</a> ' for w in ("Home", "About", "Prices", "Book now"))
    return ("<html><head><title>Our services - Happy Paws</title></head><body>"
            f"<header><nav>{menu}</nav></header><{container}>{sections}</{container}>"
            "<footer><p>Happy Paws Ltd, 12 Mill Lane, open every day from seven until seven.</p>"
            '<a href="/terms">Terms</a> <a href="/privacy">Privacy</a></footer></body></html>')


def _region_is_one_section(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """trafilatura_blocks as trafilatura on a service page where it keeps the first section only."""
    import cleaner.html
    from cleaner.markup import BlockBuilder

    def fake(html, recall=True, links=True, fast=False):  # type: ignore[no-untyped-def]
        b = BlockBuilder("trafilatura")
        b.new_para()
        b.add([(SECTIONS[0][1], False)], "p")
        return b.blocks()

    monkeypatch.setattr(cleaner.html, "trafilatura_blocks", fake)


def test_a_page_that_marks_its_main_content_is_read_within_it(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A region of one section out of three: within the page's <main> the body is wider at
    ``main_ratio``, and holds no menu or footer; the same page without the mark keeps the region (its
    whole text is under ``widen_look`` times the region's)."""
    _region_is_one_section(monkeypatch)
    marked = Cleaner(Config()).clean(_service_page("main"))
    assert marked.source == "html-page"
    assert all(text in marked.text for _, text in SECTIONS)
    assert "Mill Lane" not in marked.text and "Book now" not in marked.text
    unmarked = Cleaner(Config()).clean(_service_page("div"))
    assert unmarked.source == "html"
    assert SECTIONS[1][1] not in unmarked.text


def test_the_main_element_is_the_one_outermost() -> None:
    from cleaner.html import HtmlPage

    one = HtmlPage("<html><body><nav>Home</nav><div role='main'><main><p>Text</p></main></div></body></html>")
    assert one.main is not None and one.main.get("role") == "main"
    two = HtmlPage("<html><body><main><p>One</p></main><main><p>Two</p></main></body></html>")
    assert two.main is None
    assert HtmlPage("<html><body><p>No mark</p></body></html>").main is None
    assert HtmlPage("<html><body role='main'><nav>Home</nav><p>Text</p></body></html>").main is None
    page = HtmlPage("<html><body><main><p>Inside</p></main> after it <footer>Foot</footer></body></html>")
    assert [b.text for b in page.blocks(page.main)] == ["Inside"]  # not the text that follows it


def test_main_ratio_is_the_look_and_the_bar() -> None:
    """Within <main>: read when its words exceed ``main_ratio`` times the region's, taken at that ratio."""
    region = _decisions([POSTS[0][1]])
    words = len(POSTS[0][1].split())
    assert not worth_a_look(kept_count(region), int(TUNING.main_ratio * words), TUNING, main=True)
    assert worth_a_look(kept_count(region), int(TUNING.main_ratio * words) + 1, TUNING, main=True)
    region = _decisions([POSTS[0][1], POSTS[1][1]])
    twice = _decisions([text for _, text in POSTS[:4]])  # twice the region's words: under widen_ratio
    assert wider(region, twice, TUNING, TUNING.region_prose, main=True)
    assert not wider(region, twice, TUNING, TUNING.region_prose)
