"""The page's lead: the summary a page declares in its meta description, where trafilatura's region
leaves it out.

News and blog pages give search engines and link previews their lead (the summary paragraph under the
headline) as ``<meta name="description">`` or ``og:description``. Trafilatura often leaves that
paragraph out of its region: its container is named a teaser or an intro, or it stands apart from the
body. When the blocks the engine judged lack the description (``HtmlPage.description``), the page's
element whose text opens with it is the lead (a paragraph: at most ``t.lead_span`` times its words, not
a container of the article), and it goes before the region's body (reason ``context:lead``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from lxml import etree

from .dom import SKIP
from .markup import norm
from .records import HEADLINE, Assessed
from .tuning import Tuning
from .types import Block, Decision, Label

LEAD = "context:lead"  # the reason of the lead put before the body
_KEY = 40  # characters of the description an element's text must open with (it may be cut short: "...")
_HOLDS = etree.XPath("//body//text()[contains(., $word)]")  # text nodes, scanned once each, in C
_HITS = 20  # text nodes holding the word that are looked at: the lead is near the top of the page, and a
            # page repeating the word thousands of times costs no more


def find(root: etree._Element, desc: str | None, judged: Sequence[Decision], t: Tuning) -> str | None:
    """The text of the page's lead: the innermost element whose text opens with ``desc`` (of
    ``t.lead_words`` words or more) and holds at most ``t.lead_span`` times its words (its paragraph, not a
    container of the article), when none of the ``judged`` blocks holds it; None if there is none."""
    if desc is None or len(desc.split()) < t.lead_words:
        return None
    key = desc[:_KEY].rstrip(".… ")
    if key in norm(" ".join(d.block.text for d in judged)):
        return None
    word = max(key.split(), key=len)  # in one text node of the lead, whatever markup splits it
    most = t.lead_span * len(desc.split())
    for node in _HOLDS(root, word=word)[:_HITS]:
        el = node.getparent()
        if node.is_tail:
            el = el.getparent()
        while el is not None and isinstance(el.tag, str) and el.tag.lower() not in SKIP:
            text = norm(el.text_content())
            if len(text.split()) > most:
                break  # a container of the article, not its lead
            if text.startswith(key):
                return text
            el = el.getparent()
    return None


def insert(items: list[Assessed], decisions: list[Decision], text: str,
           assess: Callable[[Block], Assessed]) -> tuple[list[Assessed], list[Decision]]:
    """``text`` as a paragraph of its own before the first kept block after the headline (the blocks after
    it numbered on, their offsets as ``render`` would join them), kept with reason ``LEAD``; ``assess``
    gives its assessment. Unchanged when nothing is kept but the headline."""
    at = next((i for i, d in enumerate(decisions) if d.kept and d.reason != HEADLINE), None)
    if at is None:
        return items, decisions
    first = decisions[at].block
    lead = assess(Block(first.index, text, first.start, first.start + len(text), first.para,
                        (("tag", "p"), ("source", "lead"))))
    shift = len(text) + 2  # the lead and the paragraph break after it

    def moved(b: Block) -> Block:
        return replace(b, index=b.index + 1, start=b.start + shift, end=b.end + shift, para=b.para + 1)

    later = [(a._replace(block=moved(a.block)), replace(d, block=moved(d.block)))
             for a, d in zip(items[at:], decisions[at:], strict=True)]
    return ([*items[:at], lead, *(a for a, _ in later)],
            [*decisions[:at], Decision(lead.block, Label.BODY, LEAD), *(d for _, d in later)])
