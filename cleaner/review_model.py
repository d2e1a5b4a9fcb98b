"""What a review page shows, as plain data: every document's blocks with label and reason, and the
summary (words in and out, the reasons that removed the most words, with the rules' comments).

The page (review_page.py) embeds this as JSON and draws it; nothing here knows about HTML.
A block is ``[text, flag, reason index, full reason, new paragraph, characters not shown]``; the
reasons table holds each reason's key (``reason_key``), its short label and what it means.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .api import TITLE_ONLY, Cleaner
from .errors import CleanerError
from .records import HEADLINE
from .review_inputs import Source
from .types import Cleaned

TEXT_CAP = 4000  # characters of one block shown; a 50 MB line is cut, and says how much is not shown
REMOVED, KEPT, HEADLINE_KEPT, HEADLINE_REMOVED = 0, 1, 2, 3

CONTEXTS = {  # what a context step's reason means (the rule named in it adds its own comment)
    "context:outside-body": "outside the article body: before its start or after its end",
    "context:after": "after the end of the article, which this rule marked",
    "context:after promo": "after a promotion block that ends the article, which this rule marked",
    "context:under": "in the box under the heading this rule matched",
    "context:menu-run": "in a run of short, link-like lines: a menu",
    "context:chrome band": "in a band of chrome lines that ends the article",
    "context:repeated caption": "a caption repeated on the page",
    "context:headline repeated": "the headline, repeated",
    "context:headline": "the headline (kept as the title)",
    "context:listing item": "a record of the page's listing, kept after the body (listing.py)",
    "context:lead": "the page's lead, as its meta description declares it, kept before the body (lead.py)",
    "context:standfirst": "the standfirst under the headline",
    "context:shouted title": "an all-capitals title before the headline",
    "context:after a learnt closing line": "after a line learnt to close this site's articles",
}


def reason_key(reason: str) -> str:
    """A reason without its numbers and details: what the summary counts words by.

    >>> reason_key("score:prose words=73 stop=0.47"), reason_key("rule:author-box")
    ('score:prose', 'rule:author-box')
    >>> reason_key("context:outside-body (score:label words=5)"), reason_key("context:after rule:byline")
    ('context:outside-body', 'context:after rule:byline')
    """
    return re.sub(r" [\w-]+=.*", "", re.sub(r"\s*\(.*", "", reason)) or "(none)"


def label_of(key: str) -> str:
    """The short label shown beside a removed block: a rule's id alone, the rest as they are.

    >>> label_of("rule:author-box"), label_of("context:after rule:author-box")
    ('author-box', 'after author-box')
    """
    if key.startswith("rule:"):
        return key[5:]
    return key.replace("context:", "", 1).replace("rule:", "") if key.startswith("context:") else key


def meaning(key: str, comments: dict[str, str]) -> str:
    """What a reason means, for the hover text: the rule's comment, or what the step does."""
    rule = re.search(r"rule:(\S+)", key)
    comment = comments.get(rule.group(1), "") if rule else ""
    if key.startswith("rule:"):
        return comment or "a rule from a rule file"
    if key.startswith("score:"):
        return "the block's features scored it this way (the full reason has the numbers)"
    step = CONTEXTS.get(key.split(" rule:")[0], "decided by its neighbours")
    return f"{step}; {rule.group(1)}: {comment}" if rule and comment else step


@dataclass
class Review:
    """The page's data, filled one document at a time (``add``), then ``data()`` for the JSON."""

    comments: dict[str, str]
    docs: list[dict[str, Any]] = field(default_factory=list)
    keys: dict[str, int] = field(default_factory=dict)
    removed: Counter[str] = field(default_factory=Counter)
    touched: Counter[str] = field(default_factory=Counter)
    words_in: int = 0
    words_out: int = 0

    @classmethod
    def for_cleaner(cls, cleaner: Cleaner) -> Review:
        comments: dict[str, str] = {}
        for rule in cleaner.rules.rules:
            comments.setdefault(rule.id, rule.comment)
        return cls(comments)

    def add(self, name: str, cleaned: Cleaned | None, error: str | None = None) -> None:
        doc: dict[str, Any] = {"n": name, "e": error, "b": [], "wi": 0, "wo": 0}
        if cleaned is not None:
            self._blocks(doc, cleaned)
        self.docs.append(doc)

    def _blocks(self, doc: dict[str, Any], cleaned: Cleaned) -> None:
        last_para = None
        here: set[str] = set()
        for d in cleaned.decisions:
            text, words = d.block.text, len(d.block.text.split())
            key = reason_key(d.reason)
            index = self.keys.setdefault(key, len(self.keys))
            flag = (HEADLINE_KEPT if d.reason == HEADLINE else HEADLINE_REMOVED if d.reason == TITLE_ONLY
                    else KEPT if d.kept else REMOVED)
            hidden = max(0, len(text) - TEXT_CAP)
            doc["b"].append([text[:TEXT_CAP] if hidden else text, flag, index,
                             "" if d.reason == key else d.reason, int(d.block.para != last_para), hidden])
            last_para = d.block.para
            doc["wi"] += words
            if d.kept:
                doc["wo"] += words
            else:
                self.removed[key] += words
                here.add(key)
        self.touched.update(here)
        self.words_in += doc["wi"]
        self.words_out += doc["wo"]

    def data(self) -> dict[str, Any]:
        reasons = [{"k": k, "l": label_of(k), "c": meaning(k, self.comments), "w": self.removed[k],
                    "d": self.touched[k]} for k in self.keys]
        return {"docs": self.docs, "reasons": reasons, "wordsIn": self.words_in, "wordsOut": self.words_out,
                "failed": sum(1 for d in self.docs if d["e"])}


def review(cleaner: Cleaner, items: Iterable[Source], on_error: Any = None) -> Review:
    """Clean every document of ``items`` and gather the page's data; a document that cannot be read or
    cleaned is shown with its reason (and passed to ``on_error(name, message)``)."""
    result = Review.for_cleaner(cleaner)
    for src in items:
        try:
            cleaned = cleaner.clean(src.load())
        except (CleanerError, OSError) as exc:
            message = f"{exc.strerror or exc}" if isinstance(exc, OSError) else " ".join(str(exc).split())
            result.add(src.name, None, message)
            if on_error is not None:
                on_error(src.name, message)
            continue
        result.add(src.name, cleaned)
    return result
