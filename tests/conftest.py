"""Readable failures for output trees compared whole (test_batch.snapshot: relative path -> bytes).

pytest's own diff of two such dicts prints every file in full, and a long report is cut before the
difference; this names the files only one side has and the first line that differs in each file."""

from __future__ import annotations

from typing import Any

WIDTH = 160  # characters of a differing line shown around its first difference


def _is_tree(x: Any) -> bool:
    return isinstance(x, dict) and bool(x) and all(isinstance(k, str) and isinstance(v, bytes)
                                                 for k, v in x.items())


def _around(line: bytes, at: int) -> str:
    start = max(0, at - WIDTH // 2)
    return repr(line[start:start + WIDTH])


def first_difference(a: bytes, b: bytes) -> list[str]:
    """Where two files' bytes part: the line number and both lines around the first differing byte."""
    la, lb = a.split(b"\n"), b.split(b"\n")
    for n, (x, y) in enumerate(zip(la, lb, strict=False), 1):
        if x != y:
            at = next((i for i, (p, q) in enumerate(zip(x, y, strict=False)) if p != q), min(len(x), len(y)))
            return [f"line {n}, byte {at}:", f"  left  {_around(x, at)}", f"  right {_around(y, at)}"]
    return [f"{len(la)} lines against {len(lb)}"]


def pytest_assertrepr_compare(op: str, left: Any, right: Any) -> list[str] | None:
    if op != "==" or not (_is_tree(left) and _is_tree(right)):
        return None
    out = ["two output trees differ:"]
    out += [f"  only left: {k}" for k in sorted(left.keys() - right.keys())]
    out += [f"  only right: {k}" for k in sorted(right.keys() - left.keys())]
    for k in sorted(left.keys() & right.keys()):
        if left[k] != right[k]:
            first, *rest = first_difference(left[k], right[k])
            out += [f"  {k}: {first}", *(f"    {r}" for r in rest)]
    return out
