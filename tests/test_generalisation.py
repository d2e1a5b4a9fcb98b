"""The generalisation harness's bookkeeping: macro means, leave-one-out, --compare, the anchor cache.

No bench data needed (synthetic cells and JSON); the runs themselves are benchmarks, not tests.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from benchmarks import generalisation as gen
from benchmarks import scoring, snippets


def _cell(set_name: str, track: str, system: str, f1s: list[float] | None = None,
          snips: list[tuple[int, int, int, int]] | None = None) -> gen.Cell:
    c = gen.Cell(set_name, track, system)
    for i, f in enumerate(f1s or []):
        c.pages[f"p{i}"] = gen.PageOut(scoring.page("a b c d", "a b c d" if f else ""), None, None, 0.0)
    for i, s in enumerate(snips or []):
        c.pages[f"p{i}"] = gen.PageOut(None, snippets.SnippetCounts(*s), None, 0.0)
    return c


def test_primary_is_f1_with_gold_and_snippet_f_without() -> None:
    gold = _cell("dev", "near", "cleaner", f1s=[1, 1, 0])
    assert gold.metric == "F1"
    assert gold.primary() == pytest.approx(scoring.corpus([p.f1 for p in gold.pages.values()
                                                           if p.f1 is not None]).f1)
    snip = _cell("trafeval-dev", "near", "cleaner", snips=[(2, 1, 0, 1), (1, 0, 1, 1)])
    assert snip.metric == "snipF"
    assert snip.primary() == pytest.approx(2 * 3 / (2 * 3 + 1 + 1))


def test_macro_and_leave_one_out() -> None:
    primary = {("a", "html"): 0.9, ("a", "near"): 0.8, ("b", "html"): 0.7, ("b", "near"): 0.6}
    assert gen.macro(primary) == pytest.approx(0.75)
    assert gen.macro(primary, "html") == pytest.approx(0.8)
    assert gen.macro(primary, without="a") == pytest.approx(0.65)
    assert gen.macro({}) is None


def test_best_anchor_picks_the_highest() -> None:
    cells = [_cell("dev", "dump", "cleaner", f1s=[1]), _cell("dev", "dump", "as-is", f1s=[0, 1]),
             _cell("dev", "dump", "C4 filter", f1s=[1, 1])]
    assert gen.best_anchor(cells, "dev", "dump") == ("C4 filter", 1.0)


def _run(cells: dict[tuple[str, str], float]) -> dict[str, Any]:
    return {"meta": {}, "cells": [{"set": s, "track": t, "system": "cleaner", "metric": "F1", "primary": v,
                                   "docs": {"p": {"F1": v}}} for (s, t), v in cells.items()]}


def test_compare_flags_a_cell_that_falls_more_than_the_margin() -> None:
    old = _run({("a", "html"): 0.90, ("b", "html"): 0.80})
    rises = _run({("a", "html"): 0.92, ("b", "html"): 0.798})
    text, ok = gen.compare(old, rises, {})
    assert ok and "verdict: lands" in text
    falls = _run({("a", "html"): 0.95, ("b", "html"): 0.79})
    text, ok = gen.compare(old, falls, {})
    assert not ok and "b/html" in text and "FALLS" in text
    lower = _run({("a", "html"): 0.899, ("b", "html"): 0.80})
    assert not gen.compare(old, lower, {})[1]
    same = gen.compare(old, old, {})
    assert same[1] and "does not land" in same[0]


def test_compare_uses_only_common_cells() -> None:
    old = _run({("a", "html"): 0.5, ("b", "html"): 0.9})
    new = _run({("b", "html"): 0.91})
    text, ok = gen.compare(old, new, {})
    assert ok and "over the 1 common cells: 0.9000 -> 0.9100" in text


def test_cache_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "x" / "c.json.gz"
    assert gen.load_cache(path) == {}
    gen.save_cache(path, {"p1": ("abc", "Text ü\n"), "p0": ("def", "")})
    assert gen.load_cache(path) == {"p0": ("def", ""), "p1": ("abc", "Text ü\n")}


def test_cache_key_carries_set_track_configuration_and_version() -> None:
    path = gen.cache_path("trafeval-dev", "html", "trafilatura", "9.9")
    assert path.parts[-3:] == ("trafeval-dev", "html", "trafilatura_eval@trafilatura-9.9.json.gz")
    assert gen.cache_path("dev", "html", "trafilatura", "9.9").name == "trafilatura@trafilatura-9.9.json.gz"
