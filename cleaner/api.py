"""The front door: ``clean(text)`` and ``Cleaner(config).clean(text) -> Cleaned``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from . import tuning, widen
from .config import Config, InputFormat
from .decode import decode, decode_html
from .detect import is_html
from .guard import check_size, time_limit
from .pipeline import HEADLINE, Assessed, assess, decide
from .render import render
from .rules import Rule, RuleSet, load_ruleset
from .segment import segment
from .tuning import Tuning
from .types import Block, Cleaned, Decision, Label

if TYPE_CHECKING:
    from .html import HtmlPage

TITLE_ONLY = "context:headline (title only)"  # the headline, left out of the text (Config.headline)


class Cleaner:
    """Rules are compiled once, at construction; a Cleaner holds no other state and is thread-safe.

    ``tuning``: the thresholds and weights to use instead of ``cleaner.tuning.TUNING`` (the mode's
    overrides still apply; tuning.py)."""

    def __init__(self, config: Config | None = None, extra_rules: tuple[Rule, ...] = (),
                 tuning: Tuning | None = None) -> None:
        self.config = config or Config()
        self.tuning = tuning
        rules: RuleSet = load_ruleset(self.config.rule_files, self.config.default_rules)
        self.rules = rules.extend(extra_rules) if extra_rules else rules

    def clean(self, data: str | bytes) -> Cleaned:
        """Clean one document, text or HTML, within ``config.timeout`` (guard.py says where that applies)."""
        with self._limits(data):
            _, decisions, source = self._run(data)
            return self._cleaned(decisions, source)

    def judge(self, data: str | bytes) -> tuple[list[Assessed], list[Decision]]:
        """What ``clean`` decides, block by block, with each block's assessment (cross-page learning
        reads both). Same size and time limits as ``clean``."""
        with self._limits(data):
            items, decisions, _ = self._run(data)
            return items, decisions

    def blocks(self, data: str | bytes) -> list[Block]:
        """The blocks ``clean`` classifies: decoded and segmented text, or the HTML view it chose
        (trafilatura's region or the whole page). Same size and time limits as ``clean``."""
        with self._limits(data):
            return [d.block for d in self._run(data)[1]]

    @contextmanager
    def _limits(self, data: str | bytes) -> Iterator[None]:
        """``config.max_bytes`` checked, then ``config.timeout`` over the block."""
        check_size(data, self.config.max_bytes)
        with time_limit(self.config.timeout):
            yield

    def _judge(self, blocks: list[Block], extracted: bool | None,
               thread: bool = False) -> tuple[list[Assessed], list[Decision]]:
        items = assess(blocks, self.rules, self.config.mode, self.tuning)
        return items, decide(items, extracted, self.config.mode, self.tuning, thread)

    def _run(self, data: str | bytes) -> tuple[list[Assessed], list[Decision], str]:
        """(assessments, decisions, source) of one document."""
        fmt = self.config.input_format
        if fmt is InputFormat.HTML or fmt is InputFormat.AUTO and is_html(data):
            html = decode_html(data, self.config.encoding) if isinstance(data, bytes) else data
            return self._run_html(html)
        text = decode(data, self.config.encoding) if isinstance(data, bytes) else data
        return *self._judge(segment(text, self._tuning()), None), "text"

    def _run_html(self, html: str) -> tuple[list[Assessed], list[Decision], str]:
        """Trafilatura's region, or the page's blocks (within its ``<main>``, if it marks one) when its own
        body is much wider (widen.py)."""
        from .html import HtmlPage  # imports trafilatura: only when HTML comes in

        page = HtmlPage(html)
        blocks, source = page.region()
        extracted = source == "html" or None
        items, decisions = self._judge(blocks, extracted, page.thread)
        t = self._tuning()
        visible = page.visible_words()
        kept = widen.kept_count(decisions)  # counted again only where the decisions change
        if source == "html" and widen.full_look(kept, visible, t):
            # trafilatura's fast region kept little of the page: its full extraction (fallback extractors
            # compared), as the page's region when that finds one (and is not the region already: the
            # fast mode found nothing)
            full = page.trafilatura_region(recall=not page.thread)
            if full and full is not blocks:
                items, decisions = self._judge(full, True, page.thread)
                kept = widen.kept_count(decisions)
        if source == "html" and not page.thread and widen.second_look(kept, visible, t):
            # a second look: trafilatura as it runs by default, links not kept (kept, its link-density
            # pruning takes the containers of a listing's or a catalogue's linked entries)
            other = page.trafilatura_region(recall=False, links=False)
            if other:
                other_items, other_decisions = self._judge(other, True)
                if widen.fuller(decisions, other_decisions, t):
                    items, decisions = other_items, other_decisions
                    kept = widen.kept_count(decisions)
        # <main> is looked for only where a body read within it could pass (its words are the page's at most)
        main = source == "html" and widen.worth_a_look(kept, visible, t, True) and page.main is not None
        words = page.visible_words(page.main) if main else visible
        if source == "html" and widen.worth_a_look(kept, words, t, main):
            wide_items, wide = self._judge(page.blocks(page.main), False, page.thread)
            if widen.wider(decisions, wide, t, widen.kept_prose(items, decisions), main):
                items, decisions, source = wide_items, wide, "html-page"
                kept = widen.kept_count(decisions)
        items, decisions = self._listed(page, visible, kept, items, decisions, t)
        return *self._lead(page, items, decisions, t, source), source

    def _lead(self, page: HtmlPage, items: list[Assessed], decisions: list[Decision], t: Tuning,
              source: str) -> tuple[list[Assessed], list[Decision]]:
        """The page's lead (lead.py) before the body of trafilatura's region, when the region lacks it."""
        from . import lead  # lxml: only when HTML comes in

        if source != "html" or page.root is None:
            return items, decisions
        text = lead.find(page.root, page.description, decisions, t)
        if text is None:
            return items, decisions
        return lead.insert(items, decisions, text,
                           lambda b: assess([b], self.rules, self.config.mode, self.tuning)[0])

    def _listed(self, page: HtmlPage, visible: int, kept: int, items: list[Assessed],
                decisions: list[Decision], t: Tuning) -> tuple[list[Assessed], list[Decision]]:
        """The page's listing records (listing.py) after the body (``kept`` words of it), when they hold
        several times its words (looked for only where the page's visible text could hold that many)."""
        from . import listing  # lxml: only when HTML comes in

        if page.root is None or not listing.worth_a_look(kept, visible, t):
            return items, decisions
        found = listing.items(page.root, t)
        added = listing.new_blocks(found, decisions, t) if found is not None else []
        if not added:
            return items, decisions
        return (items + assess(added, self.rules, self.config.mode, self.tuning),
                decisions + [Decision(b, Label.BODY, listing.LISTED) for b in added])

    def _tuning(self) -> Tuning:
        return tuning.for_mode(self.config.mode, self.tuning)

    def clean_blocks(self, blocks: list[Block], source: str = "text",
                     extracted: bool | None = None) -> Cleaned:
        """Classify already segmented blocks (the HTML path builds them from the DOM, with hints).

        ``extracted``: the blocks are an extractor's article region, so only chrome-evident blocks go
        (None: guess from the blocks, see region.looks_extracted).
        """
        return self._cleaned(self._judge(blocks, extracted)[1], source)

    def _cleaned(self, judged: list[Decision], source: str) -> Cleaned:
        decisions = tuple(judged)
        if not self.config.headline:
            decisions = tuple(Decision(d.block, Label.CHROME, TITLE_ONLY) if d.reason == HEADLINE else d
                              for d in decisions)
        return Cleaned(text=render(decisions), title=_title(decisions), decisions=decisions, source=source)


def _title(decisions: tuple[Decision, ...]) -> str | None:
    for d in decisions:
        if d.reason in (HEADLINE, TITLE_ONLY):
            return d.block.text
        if d.label is Label.BODY:
            return None
    return None


def clean(text: str | bytes, config: Config | None = None) -> str:
    """The article body of ``text`` (a page dump or HTML), chrome removed.

    >>> clean("Home | News | Sport\\n\\n" + "The council met on Tuesday and agreed that the new bridge "
    ...       "will be built over the river by the end of the year, at a cost of two million.")
    ... # doctest: +NORMALIZE_WHITESPACE
    'The council met on Tuesday and agreed that the new bridge will be built over the river by the end of
    the year, at a cost of two million.'
    """
    return Cleaner(config).clean(text).text
