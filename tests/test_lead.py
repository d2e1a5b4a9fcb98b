"""The page's lead (lead.py): the summary its meta description declares, put before the body of
trafilatura's region when the region leaves it out."""

from __future__ import annotations

import lxml.html

from cleaner import Cleaner, Config, lead
from cleaner.records import HEADLINE
from cleaner.tuning import TUNING
from cleaner.types import Block, Decision, Label

LEAD = ("The town council voted on Tuesday to rebuild the old river bridge by next summer, "
        "ending a decade of closures and detours for the villages on the far bank.")
BODY = [
    "Work will begin in March, once the river is low enough for the crews to reach the old piers safely "
    "and the temporary footbridge has been put up beside them for people who walk to school.",
    "The new bridge will carry two lanes of traffic and a wide path for walkers and cyclists, and it is "
    "designed to stand for a century of floods without the repairs the old one needed every spring.",
    "Residents on the far bank, who have driven an extra twenty minutes each way since the closure, "
    "said at the meeting that they hoped the work would finish before the next winter set in.",
]


def _page(description: str | None = LEAD, lead_html: str = f'<div class="teaser"><p>{LEAD}</p></div>') -> str:
    meta = f'<meta name="description" content="{description}">' if description else ""
    body = "".join(f"<p>{text}</p>" for text in BODY)
    return (f"<html><head><title>Bridge to be rebuilt</title>{meta}</head><body>"
            f"<h1>Bridge to be rebuilt</h1>{lead_html}<article>{body}</article></body></html>")


def _region_without_the_lead(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """trafilatura_blocks as trafilatura where it leaves the teaser out: the headline and the body."""
    import cleaner.html
    from cleaner.markup import BlockBuilder

    def fake(html, recall=True, links=True, fast=False):  # type: ignore[no-untyped-def]
        b = BlockBuilder("trafilatura")
        for tag, text in [("h1", "Bridge to be rebuilt"), *(("p", text) for text in BODY)]:
            b.new_para()
            b.add([(text, False)], tag)
        return b.blocks()

    monkeypatch.setattr(cleaner.html, "trafilatura_blocks", fake)


def test_a_lead_the_region_leaves_out_goes_before_its_body(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _region_without_the_lead(monkeypatch)
    result = Cleaner(Config()).clean(_page())
    assert result.text.index(LEAD) < result.text.index(BODY[0])
    assert result.text.count(LEAD) == 1
    reasons = [d.reason for d in result.decisions if d.block.text == LEAD]
    assert reasons == [lead.LEAD]
    assert [d.block.index for d in result.decisions] == list(range(len(result.decisions)))
    starts = [d.block.start for d in result.decisions]
    assert starts == sorted(starts)


def test_no_lead_without_a_description_or_where_the_region_has_it(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _region_without_the_lead(monkeypatch)
    assert LEAD not in Cleaner(Config()).clean(_page(description=None)).text
    short = "Bridge to be rebuilt next summer."  # under lead_words: a tagline, not a lead
    assert short not in Cleaner(Config()).clean(_page(description=short, lead_html=f"<p>{short}</p>")).text
    result = Cleaner(Config()).clean(_page(description=BODY[1]))  # the region's own paragraph
    assert result.text.count(BODY[1]) == 1


def _judged(texts: list[str]) -> list[Decision]:
    return [Decision(Block(i, text, 0, len(text), i), Label.BODY, "test") for i, text in enumerate(texts)]


def test_find_takes_the_innermost_element_that_opens_with_the_description() -> None:
    root = lxml.html.document_fromstring(
        f"<html><body><div><div class='intro'><p><b>{LEAD[:9]}</b>{LEAD[9:]}</p></div>"
        f"<p>{BODY[0]}</p></div></body></html>")
    assert lead.find(root, LEAD, _judged(BODY), TUNING) == LEAD
    assert lead.find(root, LEAD, _judged([LEAD, *BODY]), TUNING) is None  # the region holds it
    truncated = LEAD[:60] + "..."  # descriptions are often cut short
    assert lead.find(root, truncated, _judged(BODY), TUNING) == LEAD


def test_find_does_not_take_a_container_of_the_article() -> None:
    """The description is the article's opening words and no element holds it alone: the smallest that
    opens with it holds the whole article, over lead_span times the description's words."""
    text = LEAD + " " + " ".join(BODY * 3)
    root = lxml.html.document_fromstring(f"<html><body><div>{text}</div></body></html>")
    assert lead.find(root, LEAD, _judged([]), TUNING) is None


def test_insert_renumbers_the_blocks_after_the_lead() -> None:
    decisions = [Decision(Block(0, "Bridge to be rebuilt", 0, 20, 0), Label.BODY, HEADLINE),
                 *[Decision(Block(i + 1, t, 22 + 300 * i, 22 + 300 * i + len(t), i + 1), Label.BODY, "p")
                   for i, t in enumerate(BODY)]]
    from cleaner.pipeline import assess
    from cleaner.rules import load_ruleset

    rules = load_ruleset((), True)
    items = assess([d.block for d in decisions], rules)
    new_items, new = lead.insert(items, decisions, LEAD, lambda b: assess([b], rules)[0])
    assert [d.block.text for d in new] == ["Bridge to be rebuilt", LEAD, *BODY]
    assert [d.block.index for d in new] == [0, 1, 2, 3, 4]
    assert [a.block for a in new_items] == [d.block for d in new]
    assert all(a.block.end < b.block.start for a, b in zip(new, new[1:], strict=False))


def test_a_page_repeating_the_description_word_is_searched_a_few_times_only() -> None:
    """Only the first text nodes holding the description's longest word are looked at: a page that repeats
    it in thousands of nodes inside one container is not read thousands of times over."""
    word = max(LEAD[:40].split(), key=len)
    spans = "".join(f"<span>{word}</span> " for _ in range(3000))
    root = lxml.html.document_fromstring(f"<html><body><div>{spans}<p>{LEAD}</p></div></body></html>")
    assert lead.find(root, LEAD, _judged([]), TUNING) is None  # the lead's own node comes after them
    root = lxml.html.document_fromstring(f"<html><body><p>{LEAD}</p><div>{spans}</div></body></html>")
    assert lead.find(root, LEAD, _judged([]), TUNING) == LEAD
