"""The frozen records that flow between pipeline stages."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Label(enum.Enum):
    BODY = "body"
    CHROME = "chrome"


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of decision: a line of the input (or a run of wrapped lines).

    ``start``/``end`` are character offsets into the decoded input text; ``para`` numbers the
    blank-line separated paragraph the block sits in, so rendering can keep the input's layout.
    ``hints`` carries what the DOM knew (tag, link density, class words) for HTML input.
    """

    index: int
    text: str
    start: int
    end: int
    para: int
    hints: tuple[tuple[str, Any], ...] = ()

    def hint(self, name: str, default: Any = None) -> Any:
        for key, value in self.hints:
            if key == name:
                return value
        return default


@dataclass(frozen=True, slots=True)
class Decision:
    """A block's label and the reason: ``rule:<id>``, ``score:<name>=<value>`` or ``context:<what>``."""

    block: Block
    label: Label
    reason: str

    @property
    def kept(self) -> bool:
        return self.label is Label.BODY


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The result of cleaning one document: the body text, a title guess and every decision.

    ``source``: "text", or for HTML "html" (trafilatura's region), "html-page" (the whole page's DOM
    blocks: its own body was much wider than the region, widen.py), "html-fallback" (the DOM blocks:
    trafilatura found nothing), "html-text" (tags stripped: no tree), "html-empty"."""

    text: str
    title: str | None
    decisions: tuple[Decision, ...] = field(default=())
    source: str = "text"

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "title": self.title,
            "source": self.source,
            "blocks": [
                {
                    "text": d.block.text,
                    "label": d.label.value,
                    "reason": d.reason,
                    "start": d.block.start,
                    "end": d.block.end,
                }
                for d in self.decisions
            ],
        }
