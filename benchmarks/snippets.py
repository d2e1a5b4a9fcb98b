"""Snippet F, the with/without score of ../shared/bench/score_snippets.py, as small pure functions.

Each page has "with" snippets (pieces of the main text) and "without" snippets (boilerplate). Output
and snippets are whitespace-squashed (``" ".join(text.split())``: every run of Unicode whitespace
becomes one space, ends stripped; no case folding); a snippet counts when it is a substring of the
output. "with" found -> TP, missing -> FN; "without" found -> FP, missing -> TN. Counts are summed over
the pages (micro average): P = TP/(TP+FP), R = TP/(TP+FN), F = 2TP/(2TP+FP+FN),
acc = (TP+TN)/all, each 0 when its denominator is 0. It must agree exactly with the reference
script (tests/test_snippets.py checks).

>>> annot = {"with": ["main  text", "lost"], "without": ["Home | News"]}
>>> c = judge(annot, "Home | News\\nThe main text.")
>>> c
SnippetCounts(tp=1, fp=1, fn=1, tn=0)
>>> s = corpus([c])
>>> round(s.f, 4), s.p, s.r, s.n
(0.5, 0.5, 0.5, 1)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

Annotation = Mapping[str, Sequence[str]]


@dataclass(frozen=True, slots=True)
class SnippetCounts:
    """One page: "with" snippets found (tp) and missed (fn), "without" snippets found (fp) and absent (tn)."""

    tp: int
    fp: int
    fn: int
    tn: int


@dataclass(frozen=True, slots=True)
class SnippetScore:
    """A set of pages: micro F, P, R and accuracy over the summed counts; ``n`` pages."""

    f: float
    p: float
    r: float
    acc: float
    n: int
    tp: int
    fp: int
    fn: int
    tn: int

    def line(self) -> str:
        """The summary line, in the format score_snippets.py prints last."""
        return f"F {self.f:.4f} P {self.p:.4f} R {self.r:.4f} acc {self.acc:.3f} n={self.n}"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def squash(text: str) -> str:
    """Whitespace runs (str.split's Unicode notion) to one space, ends stripped.

    >>> squash(" a\\u00a0 b\\n\\nc ")
    'a b c'
    """
    return " ".join(text.split())


def judge(annot: Annotation, output: str) -> SnippetCounts:
    """The counts of one page's output against its snippets."""
    hay = squash(output)
    with_, without = annot.get("with", []), annot.get("without", [])
    found_with = sum(1 for s in with_ if squash(s) in hay)
    found_without = sum(1 for s in without if squash(s) in hay)
    return SnippetCounts(tp=found_with, fp=found_without, fn=len(with_) - found_with,
                         tn=len(without) - found_without)


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def corpus(pages: Sequence[SnippetCounts]) -> SnippetScore:
    """Micro average: the counts summed over pages, then F, P, R, acc."""
    tp = sum(c.tp for c in pages)
    fp = sum(c.fp for c in pages)
    fn = sum(c.fn for c in pages)
    tn = sum(c.tn for c in pages)
    return SnippetScore(f=_ratio(2 * tp, 2 * tp + fp + fn), p=_ratio(tp, tp + fp), r=_ratio(tp, tp + fn),
                        acc=_ratio(tp + tn, tp + fp + fn + tn), n=len(pages), tp=tp, fp=fp, fn=fn, tn=tn)
