"""The front door: ``clean(text)`` and ``Cleaner(config).clean(text) -> Cleaned``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from . import tuning
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
            blocks, source = self._split(data)
            return self.clean_blocks(blocks, source=source, extracted=source == "html" or None)

    def judge(self, data: str | bytes) -> tuple[list[Assessed], list[Decision]]:
        """What ``clean`` decides, block by block, with each block's assessment (cross-page learning
        reads both). Same size and time limits as ``clean``."""
        with self._limits(data):
            blocks, source = self._split(data)
            return self._judge(blocks, source == "html" or None)

    def blocks(self, data: str | bytes) -> list[Block]:
        """The blocks ``clean`` would classify, unscored: decoded and segmented, or the HTML path's
        blocks. Same size and time limits as ``clean``."""
        with self._limits(data):
            return self._split(data)[0]

    @contextmanager
    def _limits(self, data: str | bytes) -> Iterator[None]:
        """``config.max_bytes`` checked, then ``config.timeout`` over the block."""
        check_size(data, self.config.max_bytes)
        with time_limit(self.config.timeout):
            yield

    def _judge(self, blocks: list[Block], extracted: bool | None) -> tuple[list[Assessed], list[Decision]]:
        items = assess(blocks, self.rules, self.config.mode, self.tuning)
        return items, decide(items, extracted, self.config.mode, self.tuning)

    def _split(self, data: str | bytes) -> tuple[list[Block], str]:
        fmt = self.config.input_format
        if fmt is InputFormat.HTML or fmt is InputFormat.AUTO and is_html(data):
            return self._html_blocks(data)
        text = decode(data, self.config.encoding) if isinstance(data, bytes) else data
        return segment(text, self.tuning or tuning.TUNING), "text"

    def _html_blocks(self, data: str | bytes) -> tuple[list[Block], str]:
        from .html import html_blocks  # imports trafilatura: only when HTML comes in

        return html_blocks(decode_html(data, self.config.encoding) if isinstance(data, bytes) else data)

    def clean_blocks(self, blocks: list[Block], source: str = "text",
                     extracted: bool | None = None) -> Cleaned:
        """Classify already segmented blocks (the HTML path builds them from the DOM, with hints).

        ``extracted``: the blocks are an extractor's article region, so only chrome-evident blocks go
        (None: guess from the blocks, see region.looks_extracted).
        """
        decisions = tuple(self._judge(blocks, extracted)[1])
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
