"""benchmarks/snippets.py agrees exactly with the reference scorer shared/bench/score_snippets.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from benchmarks import data, snippets
from tests import reference

# (annotation, output): edge cases of the protocol and a few ordinary ones.
CASES: list[tuple[dict[str, list[str]], str]] = [
    ({"with": [], "without": []}, ""),
    ({"with": ["a b"], "without": ["c"]}, ""),                       # empty output: all FN, all TN
    ({"with": ["a b"], "without": ["c"]}, "a b c"),
    ({"with": ["a  b"], "without": []}, "x a\n\nb y"),               # whitespace squashed on both sides
    ({"with": ["a\u00a0b"], "without": []}, "a b"),                  # Unicode whitespace
    ({"with": ["Main text"], "without": []}, "main text"),           # case-sensitive
    ({"with": ["word"], "without": ["word"]}, "a word"),             # the same snippet both ways
    ({"with": ["Überschrift und Text"], "without": ["Menü"]}, "Menü\nÜberschrift   und Text äöü"),
    ({"with": ["日本語の文章"], "without": []}, "日本語の文章です。"),
    ({"without": ["Cookie policy"]}, "see our Cookie policy"),      # no "with" key
]


@pytest.fixture(scope="module")
def ref() -> ModuleType:
    return reference.load("score_snippets.py")


def _tally(ref: ModuleType, counts: list[tuple[int, int, int, int]]) -> object:
    t = ref.Tally()
    for c in counts:
        t.add(*c)
    return t


def _as_tuple(c: snippets.SnippetCounts) -> tuple[int, int, int, int]:
    return (c.tp, c.fp, c.fn, c.tn)


def test_corpus_of_nothing() -> None:
    s = snippets.corpus([])
    assert (s.f, s.p, s.r, s.acc, s.n) == (0.0, 0.0, 0.0, 0.0, 0)


@pytest.mark.parametrize(("annot", "output"), CASES)
def test_judge_agrees_with_reference(ref: ModuleType, annot: dict[str, list[str]], output: str) -> None:
    assert _as_tuple(snippets.judge(annot, output)) == ref.judge(annot, output)


def test_corpus_agrees_with_reference(ref: ModuleType) -> None:
    ours = snippets.corpus([snippets.judge(a, o) for a, o in CASES])
    theirs = _tally(ref, [ref.judge(a, o) for a, o in CASES])
    assert (ours.f, ours.p, ours.r, ours.acc) == theirs.metrics()
    assert ours.line() == theirs.line()


@pytest.mark.parametrize(("name", "track"), [("trafeval-dev", "near"), ("modern-dev", "dump")])
def test_real_pages_agree_with_the_reference_script(ref: ModuleType, tmp_path: Path, name: str,
                                                    track: str) -> None:
    """Score a few real pages with ours and by running score_snippets.py on them: the same line."""
    bench = data.set_dir(name)
    reason = data.missing_reason(bench, gold=False)
    if reason:
        pytest.skip(reason)
    annots = data.snippets(bench)
    ids = data.page_ids(bench)[::40]
    pred = tmp_path / "pred"
    pred.mkdir()
    ours = []
    for page in data.load_track(bench, track, ids):
        assert isinstance(page.data, str)
        (pred / f"{page.id}.txt").write_text(page.data, encoding="utf-8")
        ours.append(snippets.judge(annots[page.id], page.data))
        assert _as_tuple(ours[-1]) == ref.judge(annots[page.id], page.data), page.id
    (tmp_path / "ids.txt").write_text("\n".join(ids) + "\n", encoding="utf-8")
    script = data.shared_dir() / "bench" / "score_snippets.py"
    out = subprocess.run([sys.executable, str(script), str(pred), str(bench / "snippets.json"),
                          "--ids", str(tmp_path / "ids.txt")], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == snippets.corpus(ours).line()
