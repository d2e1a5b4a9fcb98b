"""tuning.py: one documented record that the steps read, so a variant is one ``replace`` away."""

from __future__ import annotations

import ast
from dataclasses import fields, replace
from pathlib import Path

import cleaner.tuning as tuning
from cleaner import Cleaner, Config, Mode
from cleaner.tuning import MODES, TUNING, Tuning, for_mode

PAGE = ("Home | News | Sport | Weather\n\nLocal council approves the new bridge\n\n"
        "The council met on Tuesday and agreed that the new bridge will be built over the river by the end "
        "of the year, at a cost of two million pounds.\n\nShare this article\n\nRelated stories\n\n"
        "Ten things to do this weekend in town\n\nWhy the bridge matters to the town\n")


def test_every_value_says_why() -> None:
    source = Path(tuning.__file__).read_text(encoding="utf-8").splitlines()
    tree = ast.parse("\n".join(source))
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Tuning")
    fields_seen = [n for n in cls.body if isinstance(n, ast.AnnAssign)]
    assert len(fields_seen) == len(fields(Tuning))
    silent = [n.target.id for n in fields_seen  # type: ignore[union-attr]
              if "#" not in source[n.lineno - 1] or n.value is None]
    assert not silent, silent


def test_modes_override_fields_only() -> None:
    names = {f.name for f in fields(Tuning)}
    for changes in MODES.values():
        assert set(changes) <= names
    assert for_mode(Mode.BALANCED) is TUNING
    assert for_mode(Mode.RECALL).band == 0


def test_a_replaced_value_changes_the_decision() -> None:
    base = Cleaner().clean(PAGE)
    strict = Cleaner(tuning=replace(TUNING, good_words=500, near_words=500)).clean(PAGE)
    assert base.text != strict.text
    old = tuning.TUNING
    try:
        tuning.TUNING = replace(TUNING, good_words=500, near_words=500)
        assert Cleaner(Config()).clean(PAGE).text == strict.text
    finally:
        tuning.TUNING = old
    assert Cleaner().clean(PAGE).text == base.text


def test_a_line_of_text_needs_more_words_for_prose_than_a_paragraph_of_markup() -> None:
    """Eleven words and a full stop: prose as a paragraph of HTML, near-prose as a line of text
    (``text_words``)."""
    from cleaner.pipeline import assess
    from cleaner.rules import load_ruleset
    from cleaner.types import Block

    line = "The council agreed that the new bridge will be built soon."
    assert len(line.split()) == TUNING.good_words + 1 < TUNING.good_words + TUNING.text_words
    rules = load_ruleset((), True)
    text = assess([Block(0, line, 0, len(line), 0)], rules)[0]
    markup = assess([Block(0, line, 0, len(line), 0, (("tag", "p"),))], rules)[0]
    assert markup.score.reason.startswith("score:prose")
    assert text.score.reason.startswith("score:near-prose")
