"""The accuracy score of ../shared/bench/score-spec.md, as small pure functions.

This is the scrapinghub/article-extraction-benchmark method (evaluate.py): 4-token shingles,
per-page TP/FP/FN normalised to sum to 1, corpus P and R as means over pages, F1 of the means.
It must agree exactly with the reference ``shared/bench/score.py`` (tests/test_scoring.py checks).

>>> s = corpus([page("a b c d e", "a b c d e"), page("a b c d e", "")])
>>> round(s.f1, 4), s.p, s.r, s.page_f1, s.acc, s.n
(0.6667, 1.0, 0.5, 0.5, 0.5, 2)
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

TOKEN = re.compile(r"\w+", re.UNICODE)  # spec: Unicode \w, case-sensitive, punctuation ignored
SHINGLE = 4                             # spec: runs of 4 consecutive tokens

Shingle = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PageScore:
    """One page: TP/FP/FN normalised to sum to 1 (all 0 when both texts have no shingles)."""

    tp: float
    fp: float
    fn: float
    p: float
    r: float
    f1: float
    exact: bool


@dataclass(frozen=True, slots=True)
class CorpusScore:
    """A set of pages: P and R are means over pages, ``f1`` is the F1 of those two means."""

    f1: float
    p: float
    r: float
    page_f1: float
    acc: float
    n: int

    def line(self) -> str:
        """The summary line, in the format score.py prints last."""
        return (f"F1 {self.f1:.4f} P {self.p:.4f} R {self.r:.4f} "
                f"pageF1 {self.page_f1:.4f} acc {self.acc:.3f} n={self.n}")

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def tokens(text: str) -> list[str]:
    """Unicode word runs, case kept.

    >>> tokens("Hello, world! It's 2020.")
    ['Hello', 'world', 'It', 's', '2020']
    """
    return TOKEN.findall(text or "")


def shingles(toks: Sequence[str], n: int = SHINGLE) -> Counter[Shingle]:
    """Every run of ``n`` tokens, counted; 1..n-1 tokens give one short shingle, none give none."""
    if not toks:
        return Counter()
    if len(toks) < n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i:i + n]) for i in range(len(toks) - n + 1))


def overlap(gold: Counter[Shingle], pred: Counter[Shingle]) -> tuple[float, float, float]:
    """(TP, FP, FN) over shingle counts, normalised to sum to 1; (0, 0, 0) when both are empty."""
    tp = sum((gold & pred).values())
    fp = sum((pred - gold).values())
    fn = sum((gold - pred).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def precision_recall(tp: float, fp: float, fn: float) -> tuple[float, float]:
    """Both 1 when FP = FN = 0; P = 0 when TP = FP = 0; R = 0 when TP = FN = 0."""
    if fp == fn == 0:
        return 1.0, 1.0
    p = 0.0 if tp == fp == 0 else tp / (tp + fp)
    r = 0.0 if tp == fn == 0 else tp / (tp + fn)
    return p, r


def f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def page(gold: str, pred: str) -> PageScore:
    """Score one prediction against its gold body."""
    gt, pt = tokens(gold), tokens(pred)
    tp, fp, fn = overlap(shingles(gt), shingles(pt))
    p, r = precision_recall(tp, fp, fn)
    return PageScore(tp=tp, fp=fp, fn=fn, p=p, r=r, f1=f1(p, r), exact=gt == pt)


def _mean(values: Iterable[float]) -> float:
    vals = list(values)
    return statistics.mean(vals) if vals else 0.0


def corpus(pages: Sequence[PageScore]) -> CorpusScore:
    """P = mean page P over pages with TP+FP > 0; R = mean page R over pages with TP+FN > 0."""
    p = _mean(s.p for s in pages if s.tp + s.fp > 0)
    r = _mean(s.r for s in pages if s.tp + s.fn > 0)
    return CorpusScore(f1=f1(p, r), p=p, r=r, page_f1=_mean(s.f1 for s in pages),
                       acc=_mean(1.0 if s.exact else 0.0 for s in pages), n=len(pages))
