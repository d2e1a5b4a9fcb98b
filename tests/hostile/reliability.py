"""docs/reliability.md, rendered from tests/hostile/outcomes.json, which the hostile suite checks.

Every hostile test computes its outcome and asserts it equals the one recorded in outcomes.json, so
the record is what the code does; test_reliability_doc checks that the doc is this rendering of the
record. When behaviour changes on purpose, re-record and re-render in one go:

    CLEANER_UPDATE_RELIABILITY=1 PYTHONPATH=$PWD python -m pytest tests/hostile -m ''

``python tests/hostile/reliability.py`` re-renders the doc from the record alone (``--check``: exit 1
if the doc differs).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RECORD = HERE / "outcomes.json"
DOC = HERE.parent.parent / "docs" / "reliability.md"
UPDATE_ENV = "CLEANER_UPDATE_RELIABILITY"

# table -> (title, intro, columns); a row's "what" cell comes first
TABLES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "inputs": ("Hostile inputs, every entry point",
               "`body` is a non-empty result (`intact`: the accented/CJK text came through; `MANGLED`: "
               "it did not); `empty body` is exit 0 with nothing left; `error:` is one line on stderr "
               "and exit 2 (CLI) or an entry in the report and exit 1 (batch). `batch jsonl` gets each "
               "input as a JSON string (its bytes read as UTF-8, invalid ones as `\\udcXX` escapes): JSON "
               "holds Unicode, so a legacy encoding cannot come through there. `s` is the API's "
               "wall time when the record was made (2 shared cores). The slow cases (50 MB line, 10^6 "
               "lines, 100,000 `<br>`) run close to the 30 s guard: on a loaded machine the timeout "
               "error is also accepted.",
               ("api", "cli stdin", "cli files", "batch dir", "batch jsonl", "s")),
    "batch-inputs": ("Inputs only batch reads", "", ("batch",)),
    "rules": ("Hostile rule files", "`rejected:` is the one-line error at load (exit 2 from the CLI).",
              ("outcome",)),
    "faults": ("Faults during `cleaner batch`", "After every fault: no partial or temp file in OUT, inputs "
               "byte-identical, and (where marked) `--resume` completes to the bytes of a clean run.",
               ("outcome",)),
}


def load() -> dict[str, Any]:
    return json.loads(RECORD.read_text("utf-8")) if RECORD.exists() else {}


def save(record: dict[str, Any]) -> None:
    RECORD.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", "utf-8")


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(rows: dict[str, dict[str, str]], columns: tuple[str, ...]) -> list[str]:
    out = ["| case | what | " + " | ".join(columns) + " |", "|" + "---|" * (len(columns) + 2)]
    for name, cells in rows.items():
        values = [_cell(cells.get(c, "not run")) for c in columns]
        out.append(f"| `{name}` | {_cell(cells.get('what', ''))} | " + " | ".join(values) + " |")
    return out


def render(record: dict[str, Any]) -> str:
    lines = ["# Reliability: what was tried and what happens", "",
             "Generated from `tests/hostile/outcomes.json` by `tests/hostile/reliability.py`; the hostile "
             "suite (tests/hostile/) asserts every outcome below, so this page cannot drift from the code. "
             "Cases marked slow in the suite run with `pytest -m slow`.", ""]
    for key, (title, intro, columns) in TABLES.items():
        if key not in record:
            continue
        lines += [f"## {title}", ""] + ([intro, ""] if intro else [])
        lines += _table(record[key], columns) + [""]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    text = render(load())
    if "--check" in argv:
        return 0 if DOC.exists() and DOC.read_text("utf-8") == text else 1
    DOC.parent.mkdir(exist_ok=True)
    DOC.write_text(text, "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
