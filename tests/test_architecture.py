"""The package's house plan: no import circles among cleaner/'s modules, no module importing another's
underscore names, and no module over MAX_LINES lines. Read from the sources with ``ast`` (imports inside
functions and under TYPE_CHECKING count), so nothing is imported to check it."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "cleaner"
MAX_LINES = 450


def _modules() -> dict[str, ast.Module]:
    return {p.stem: ast.parse(p.read_text(encoding="utf-8"), str(p)) for p in sorted(PACKAGE.glob("*.py"))}


def _imports(tree: ast.Module, names: set[str]) -> list[tuple[str, list[str]]]:
    """(imported module of the package, names taken from it) for every import in ``tree``."""
    found: list[tuple[str, list[str]]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1 and node.module:  # from .x import a, b
                found.append((node.module.split(".")[0], [a.name for a in node.names]))
            elif node.level == 1:  # from . import x
                found += [(a.name, []) for a in node.names if a.name in names]
            elif node.module and node.module.split(".")[0] == "cleaner":
                parts = node.module.split(".")
                if len(parts) > 1:
                    found.append((parts[1], [a.name for a in node.names]))
                else:
                    found += [(a.name, []) for a in node.names if a.name in names]
        elif isinstance(node, ast.Import):
            for a in node.names:
                parts = a.name.split(".")
                if parts[0] == "cleaner" and len(parts) > 1:
                    found.append((parts[1], []))
    return [(m, n) for m, n in found if m in names]


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    names = set(modules)
    return {name: {m for m, _ in _imports(tree, names) if m != name} for name, tree in modules.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle of ``graph``, or None (depth-first search, white/grey/black)."""
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        state[node] = 2
        path.pop()
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_the_checker_finds_a_circle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_circles() -> None:
    circle = _cycle(_graph())
    assert circle is None, "import circle: " + " -> ".join(circle or [])


def test_no_private_names_across_modules() -> None:
    modules = _modules()
    names = set(modules)
    found = [f"{name}: from .{m} import {n}" for name, tree in modules.items()
             for m, taken in _imports(tree, names) if m != name for n in taken if n.startswith("_")]
    assert not found, "\n".join(found)


def test_no_module_too_long() -> None:
    long = {p.name: n for p in PACKAGE.glob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, long
