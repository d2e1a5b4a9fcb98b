"""docs/reliability.md is the rendering of the outcomes the hostile suite asserts: it cannot drift."""

from __future__ import annotations

import reliability


def test_doc_is_the_rendered_record() -> None:
    assert reliability.DOC.read_text("utf-8") == reliability.render(reliability.load()), (
        "docs/reliability.md differs from tests/hostile/outcomes.json: run "
        "python tests/hostile/reliability.py (or the suite with CLEANER_UPDATE_RELIABILITY=1)")


def test_every_case_is_recorded() -> None:
    from hostile_cases import CASES

    rows = reliability.load()["inputs"]
    assert {c.name for c in CASES} == set(rows)
    columns = reliability.TABLES["inputs"][2]
    assert all(set(columns) <= set(rows[c.name]) for c in CASES if not c.slow)
