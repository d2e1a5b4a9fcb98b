"""Golden cases: tests/cases/*.json, each an input page and the body a reader wants (see cases/README.md)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from cleaner import Cleaned, Cleaner, Config, apply_decisions
from cleaner.replay import page_text

CASES = Path(__file__).resolve().parent / "cases"
KEYS = {"note", "xfail", "config", "input", "expected"}


def _text(value: str | list[str]) -> str:
    return "\n".join(value) if isinstance(value, list) else value


def load(path: Path) -> dict[str, Any]:
    case = json.loads(path.read_text(encoding="utf-8"))
    assert set(case) <= KEYS and {"note", "input", "expected"} <= set(case), f"{path.name}: {sorted(case)}"
    return case


def _params() -> list[Any]:
    params = []
    for path in sorted(CASES.glob("*.json")):
        case = load(path)
        marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if "xfail" in case else []
        params.append(pytest.param(case, id=path.stem, marks=marks))
    return params


@cache
def _cleaner(config: str) -> Cleaner:
    return Cleaner(Config(**json.loads(config)))


def _clean(case: dict[str, Any]) -> Cleaned:
    return _cleaner(json.dumps(case.get("config", {}), sort_keys=True)).clean(_text(case["input"]))


@pytest.mark.parametrize("case", _params())
def test_case(case: dict[str, Any]) -> None:
    assert _clean(case).text == _text(case["expected"]), case["note"]


@pytest.mark.parametrize("case", [pytest.param(load(p), id=p.stem) for p in sorted(CASES.glob("*.json"))])
def test_case_replays(case: dict[str, Any]) -> None:
    """The decisions explain the output, right or wrong: replayed onto the input they give it back."""
    done = _clean(case)
    source = _text(case["input"]) if done.source == "text" else page_text(done.decisions)
    assert apply_decisions(source, done.decisions) == done.text


def test_there_are_cases() -> None:
    assert len(list(CASES.glob("*.json"))) >= 20
