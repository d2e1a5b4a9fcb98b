"""The C4 line filter follows its rules; the floors check names the failing track."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import accuracy, baselines, scoring, speed
from benchmarks.baselines import C4Rules

BODY = "The council met on Tuesday to vote on the bridge."


@pytest.mark.parametrize("line", [
    "Home",                                            # too short, no terminal mark
    "Read more...",                                    # ellipsis
    "Two words.",                                      # fewer than 3 words
    "Please enable JavaScript to view the comments.",
    "By using this site you agree to our Terms of Use.",
    "This website uses cookies to improve your experience.",
    "function f() { return 1; }.",                     # curly brace (a page rule in C4)
    "Lorem ipsum dolor sit amet.",
])
def test_c4_drops_chrome_lines(line: str) -> None:
    assert baselines.c4_filter(f"{line}\n{BODY}") == BODY


def test_c4_keeps_prose_and_quotes() -> None:
    text = f'{BODY}\nShe said "it will be done."\nIs it finished?'
    assert baselines.c4_filter(text) == text


def test_c4_page_rules_drop_the_page() -> None:
    assert baselines.c4_filter(f"{BODY}\nvar x = {{}};.", C4Rules(page_rules=True)) == ""
    assert baselines.c4_filter(BODY, C4Rules(page_rules=True)) == ""     # fewer than 5 sentences
    assert baselines.c4_filter("\n".join([BODY] * 5), C4Rules(page_rules=True)).count("\n") == 4


def test_below_floors_names_the_track() -> None:
    s = scoring.corpus([scoring.page("a b c d e", "a b c d")])
    run = accuracy.Run("dump", "cleaner", {}, s, 0.0, ())
    assert accuracy.below_floors([run], {"dump": 0.99}) == [f"dump: cleaner F1 {s.f1:.4f} < floor 0.9900"]
    assert accuracy.below_floors([run], {"dump": 0.5, "near": 0.99}) == []


def test_every_benchmark_option_is_documented() -> None:
    readme = (Path(accuracy.__file__).parent / "README.md").read_text(encoding="utf-8")
    for parse in (accuracy.parse_args, speed.parse_args):
        options = {o for o in parse([]).__dict__ if o != "floors"}
        for name in options:
            assert f"--{name.replace('_', '-')}" in readme, name
