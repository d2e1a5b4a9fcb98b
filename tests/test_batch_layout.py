"""The batch modules' layout: no import circle through them, no underscore names imported from
another module, none above ~450 lines. Imports are read from the source (lazy ones and those under
TYPE_CHECKING count), not executed."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "cleaner"
BATCH = ("cli", "options", "batch", "batch_tree", "batch_jsonl", "batch_report", "worker", "dask", "sites")
MAX_LINES = 450


def imports(name: str) -> list[tuple[str, list[str]]]:
    """(module within the package, names taken from it) of every import of the package in ``name``."""
    tree = ast.parse((PACKAGE / f"{name}.py").read_text("utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.append((node.module.split(".")[0], [a.name for a in node.names]))
            else:  # from . import x, y
                found += [(a.name, []) for a in node.names]
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr == "import_module" and node.args and isinstance(node.args[0], ast.Constant)
              and str(node.args[0].value).startswith("cleaner.")):  # importlib.import_module("cleaner.x")
            found.append((str(node.args[0].value).split(".")[1], []))
    return found


def graph() -> dict[str, set[str]]:
    names = {p.stem for p in PACKAGE.glob("*.py")}
    return {n: {m for m, _ in imports(n) if m in names and m != n} for n in names}


def reaches(g: dict[str, set[str]], start: str, goal: str) -> bool:
    seen, todo = set(), list(g[start])
    while todo:
        n = todo.pop()
        if n == goal:
            return True
        if n not in seen:
            seen.add(n)
            todo += g[n]
    return False


@pytest.mark.parametrize("name", BATCH)
def test_no_import_circle_through(name: str) -> None:
    g = graph()
    back = sorted(m for m in g[name] if reaches(g, m, name))
    assert not back, f"{name} imports {back}, which import {name} back"


@pytest.mark.parametrize("name", BATCH)
def test_no_private_names_from_other_modules(name: str) -> None:
    private = [f"{m}.{n}" for m, names in imports(name) for n in names if n.startswith("_")]
    assert not private, f"{name} imports {private}"


@pytest.mark.parametrize("name", BATCH)
def test_module_size(name: str) -> None:
    lines = len((PACKAGE / f"{name}.py").read_text("utf-8").splitlines())
    assert lines <= MAX_LINES, f"{name}.py has {lines} lines"
