"""Fixtures of the hostile suite: generated inputs (once per session) and the outcome record."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import reliability
from hostile_cases import Case


class Recorder:
    """Checks each outcome against outcomes.json; with CLEANER_UPDATE_RELIABILITY=1 records it instead."""

    def __init__(self) -> None:
        self.update = os.environ.get(reliability.UPDATE_ENV) == "1"
        self.data: dict[str, Any] = reliability.load()

    def check(self, table: str, row: str, column: str, outcome: str, what: str = "",
              tolerate: str | None = None) -> None:
        """``tolerate``: an outcome also accepted (a slow case hitting the time guard on a loaded
        machine); it is recorded only if nothing else was."""
        cells = self.data.setdefault(table, {}).setdefault(row, {})
        if outcome == tolerate and cells.get(column) not in (None, outcome):
            return
        if self.update:
            cells[column] = outcome
            if what:
                cells["what"] = what
            return
        recorded = cells.get(column)
        assert recorded == outcome, (
            f"{table}/{row}/{column}: recorded {recorded!r}, now {outcome!r}. If intended, rerun with "
            f"{reliability.UPDATE_ENV}=1 to update tests/hostile/outcomes.json and docs/reliability.md")

    def note(self, table: str, row: str, column: str, value: str) -> None:
        """A value shown in the doc but not checked (timings)."""
        if self.update:
            self.data.setdefault(table, {}).setdefault(row, {})[column] = value

    def finish(self) -> None:
        if self.update:
            reliability.save(self.data)
            reliability.main([])


@pytest.fixture(scope="session")
def recorder() -> Iterator[Recorder]:
    rec = Recorder()
    yield rec
    rec.finish()


class Corpus:
    """Case files in one folder, each written the first time a test asks for it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self._data: dict[str, bytes] = {}

    def data(self, case: Case) -> bytes:
        if case.name not in self._data:
            self._data[case.name] = case.make()
        return self._data[case.name]

    def path(self, case: Case) -> Path:
        path = self.root / (case.name + case.suffix)
        if not path.exists():
            path.write_bytes(self.data(case))
        return path

    def scrub(self, text: str) -> str:
        """Messages without this session's temp paths."""
        return text.replace(str(self.root) + os.sep, "").replace(str(self.root), "IN")


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return Corpus(tmp_path_factory.mktemp("hostile") / "in")
