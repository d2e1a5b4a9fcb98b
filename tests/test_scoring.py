"""benchmarks/scoring.py agrees exactly with the reference scorer shared/bench/score.py."""

from __future__ import annotations

from types import ModuleType

import pytest

from benchmarks import data, scoring
from tests import reference

# (gold, pred): the edge cases of score-spec.md and a few ordinary ones.
CASES: list[tuple[str, str]] = [
    ("", ""),                                   # no shingles on either side
    ("", "some predicted words here"),          # nothing to find: R undefined, P = 0
    ("a gold body of words", ""),               # missing prediction: R = 0, P undefined
    ("one", "one"),                             # 1 token: one short shingle
    ("one two three", "one two three"),         # 3 tokens: one short shingle
    ("one two three", "one two"),               # short shingles that differ
    ("one two three", "One two three"),         # case-sensitive
    ("Hello, world: it's here.", "hello world it s here"),
    ("a b c d", "a b c d"),                     # exactly one full shingle
    ("a b c d e f g", "x a b c d e f g y"),     # chrome around the body
    ("a b c d a b c d", "a b c d"),             # multiset: repeated shingles count
    ("a b c d e", "a b c d e a b c d e"),       # prediction repeats the body
    ("Überschrift und Text äöü ß", "Überschrift und Text äöü ß Menü"),  # Unicode \w
    ("日本語 の 文章 です 。", "日本語 の 文章 です"),
    ("...!!!", "???"),                          # punctuation only: no tokens
]


@pytest.fixture(scope="module")
def ref() -> ModuleType:
    return reference.load("score.py")


def _as_ref(s: scoring.PageScore) -> dict[str, object]:
    return {"tp": s.tp, "fp": s.fp, "fn": s.fn, "P": s.p, "R": s.r, "F1": s.f1, "exact": s.exact}


def _corpus_as_ref(s: scoring.CorpusScore) -> dict[str, object]:
    return {"F1": s.f1, "P": s.p, "R": s.r, "pageF1": s.page_f1, "acc": s.acc, "n": s.n}


def test_spec_edge_cases_without_reference() -> None:
    assert scoring.page("", "") == scoring.PageScore(0.0, 0.0, 0.0, 1.0, 1.0, 1.0, True)
    assert scoring.page("", "x y").p == 0.0
    assert scoring.page("x y", "").r == 0.0
    assert scoring.shingles(scoring.tokens("a b")) == {("a", "b"): 1}
    assert scoring.shingles([]) == {}
    assert scoring.corpus([]).f1 == 0.0


def test_corpus_means_exclude_undefined_pages() -> None:
    pages = [scoring.page("a b c d", "a b c d"), scoring.page("", "x y z w"), scoring.page("p q r s", "")]
    s = scoring.corpus(pages)
    assert s.p == pytest.approx(0.5)       # pages 1 and 2 (page 3 has TP+FP = 0)
    assert s.r == pytest.approx(0.5)       # pages 1 and 3 (page 2 has TP+FN = 0)
    assert s.f1 == pytest.approx(0.5)


@pytest.mark.parametrize(("gold", "pred"), CASES)
def test_page_agrees_with_reference(ref: ModuleType, gold: str, pred: str) -> None:
    assert _as_ref(scoring.page(gold, pred)) == ref.page(gold, pred)


def test_corpus_agrees_with_reference(ref: ModuleType) -> None:
    ours = scoring.corpus([scoring.page(g, p) for g, p in CASES])
    theirs = ref.corpus([ref.page(g, p) for g, p in CASES])
    assert _corpus_as_ref(ours) == theirs
    assert ours.line() == ref.line(theirs)


def test_real_pages_agree_with_reference(ref: ModuleType) -> None:
    dev = data.dev_dir()
    reason = data.missing_reason(dev)
    if reason:
        pytest.skip(reason)
    ids = data.page_ids(dev)[::30]
    ours, theirs = [], []
    for track in ("near", "dump"):
        for p in data.load_track(dev, track, ids):
            assert isinstance(p.data, str)
            ours.append(scoring.page(p.gold, p.data))
            theirs.append(ref.page(p.gold, p.data))
            assert _as_ref(ours[-1]) == theirs[-1], (track, p.id)
    assert _corpus_as_ref(scoring.corpus(ours)) == ref.corpus(theirs)
