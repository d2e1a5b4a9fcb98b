"""Baselines that need no model: "leave as is" and a C4-style line filter.

The C4 filter follows Raffel et al. 2020 ("Exploring the Limits of Transfer Learning with a
Unified Text-to-Text Transformer", JMLR 21, section 2.2) as implemented in TensorFlow Datasets
``c4_utils.clean_page`` (the code that built C4). Per line, after stripping:

- keep only lines ending in a terminal mark ``. ? ! "``, but not in an ellipsis ``...``;
- keep only lines with at least 3 whitespace-separated words (``min_words_per_line=3``);
- drop lines mentioning "javascript";
- drop lines with a policy phrase: "terms of use", "privacy policy", "cookie policy",
  "uses cookies", "use of cookies", "use cookies";
- drop words longer than 1000 characters' lines and Wikipedia citation marks (``[1]``, ``[edit]``).

C4 also has page-level rules, meant to throw whole pages out of a pre-training corpus: a page
with "lorem ipsum" or a curly brace ``{`` is discarded, and so is a page with fewer than 5
sentences left (plus a bad-words list and 3-sentence-span dedup, which are not about boilerplate).
A cleaner must return the body of every page, so by default these act on lines instead: a line
with "lorem ipsum" or ``{`` is dropped and no sentence minimum applies. ``C4Rules(page_rules=True)``
restores the page-level behaviour (the page becomes empty).

Measured on dev dump/ (181 pages): F1 0.808 with these defaults; 0.807 with ``page_rules=True``;
0.844 with typographic closing quotes added to the end marks (``end_marks=END_MARKS + ("”",)``,
the paper's "end quotation mark" read literally). Issue 2 quotes 0.820.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

END_MARKS = (".", "?", "!", '"')   # tfds c4_utils _END_MARKS
ELLIPSIS = "..."
POLICY = ("terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies")
CITATION = re.compile(r"\[\d*\]|\[edit\]|\[citation needed\]")
_SENTENCE = re.compile(r"[^.!?]+[.!?]+")


@dataclass(frozen=True, slots=True)
class C4Rules:
    """The C4 knobs (tfds defaults); ``page_rules`` turns the page-dropping rules on."""

    end_marks: tuple[str, ...] = END_MARKS
    min_words: int = 3
    max_word_length: int = 1000
    min_sentences: int = 5
    page_rules: bool = False


class PageDropped(Exception):
    """Raised by ``line_verdict`` for a line that would make C4 discard the whole page."""


def as_is(text: str) -> str:
    """The "leave as is" baseline: the input unchanged."""
    return text


def line_verdict(line: str, rules: C4Rules) -> str | None:
    """The line as C4 keeps it, or None when a line rule drops it."""
    if any(len(w) > rules.max_word_length for w in line.split()):
        return None
    line = CITATION.sub("", line)
    if not line.endswith(rules.end_marks) or line.endswith(ELLIPSIS):
        return None
    if len(line.split()) < rules.min_words:
        return None
    lower = line.lower()
    if "lorem ipsum" in lower or "{" in line:
        if rules.page_rules:
            raise PageDropped(line)
        return None
    if "javascript" in lower or any(p in lower for p in POLICY):
        return None
    return line


def sentence_count(text: str) -> int:
    """A rough sentence count (C4 used NLTK's punkt; this only gates ``page_rules``)."""
    return len(_SENTENCE.findall(text))


def c4_filter(text: str, rules: C4Rules | None = None) -> str:
    """The lines of ``text`` that pass the C4 line rules, joined by newlines.

    >>> c4_filter("Home | News\\nThe council met on Tuesday.\\nWe use cookies, see our privacy policy.")
    'The council met on Tuesday.'
    """
    rules = rules or C4Rules()
    try:
        kept = [v for v in (line_verdict(raw.strip(), rules) for raw in text.splitlines()) if v]
    except PageDropped:
        return ""
    out = "\n".join(kept)
    if rules.page_rules and sentence_count(out) < rules.min_sentences:
        return ""
    return out
