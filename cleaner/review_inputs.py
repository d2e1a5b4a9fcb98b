"""The documents ``cleaner review`` looks at: files, folders (what ``cleaner batch`` reads in tree mode)
and JSONL corpora (one field of every record), optionally a fixed-seed sample of them.

Documents are yielded lazily, as names and a way to get their bytes, so a sample of a big corpus holds
only the sample in memory (reservoir sampling over the lines, parsed only when chosen).
"""

from __future__ import annotations

import gzip
import json
import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .batch_report import Tally
from .batch_tree import walk_inputs
from .errors import CleanerError, InputError
from .options import STDIO, read_input

SEED = 14  # --sample draws the same documents every run (issue 14)


@dataclass(frozen=True)
class Source:
    """One document to review: its name and how to read it (raises InputError or OSError)."""

    name: str
    load: Callable[[], str | bytes]


def is_jsonl(path: str) -> bool:
    """The input is a JSONL corpus (by its name).

    >>> is_jsonl("a.jsonl"), is_jsonl("b.JSONL.gz"), is_jsonl("c.txt")
    (True, True, False)
    """
    name = path.lower()
    return name.endswith(".jsonl") or name.endswith(".jsonl.gz")


def check_inputs(inputs: Iterable[str]) -> None:
    """Refuse, before any work, an input that is neither a file, a folder nor stdin."""
    for inp in inputs:
        if inp != STDIO and not Path(inp).exists():
            raise CleanerError(f"{inp}: no such file or folder")


def sources(inputs: Iterable[str], field: str, max_bytes: int, failed: Tally) -> Iterator[Source]:
    """Every document of ``inputs`` in order; a folder's unreadable entries go to ``failed``."""
    for inp in inputs:
        if inp != STDIO and Path(inp).is_dir():
            for rel, path in walk_inputs(Path(inp), failed):
                yield Source(f"{inp.rstrip('/')}/{rel}", _file_loader(path, max_bytes))
        elif is_jsonl(inp):
            yield from _jsonl(inp, field, max_bytes)
        else:
            yield Source("<stdin>" if inp == STDIO else inp, _file_loader(inp, max_bytes))


def sample(items: Iterable[Source], n: int | None, seed: int = SEED) -> list[Source]:
    """All of ``items``, or ``n`` of them chosen at random (reservoir sampling, fixed ``seed``), in their
    input order.

    >>> [s.name for s in sample((Source(str(i), str) for i in range(100)), 3)]
    ['2', '34', '38']
    """
    if n is None:
        return list(items)
    rng = random.Random(seed)
    chosen: list[tuple[int, Source]] = []
    for i, item in enumerate(items):
        if i < n:
            chosen.append((i, item))
        elif (j := rng.randrange(i + 1)) < n:
            chosen[j] = (i, item)
    return [item for _, item in sorted(chosen, key=lambda pair: pair[0])]


def _file_loader(path: str | Path, max_bytes: int) -> Callable[[], bytes]:
    def load() -> bytes:
        data = read_input(path, max_bytes)
        if len(data) > max_bytes:
            raise InputError(f"larger than {max_bytes} bytes")
        return data

    return load


def _jsonl(path: str, field: str, max_bytes: int) -> Iterator[Source]:
    opener = gzip.open if path.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as fh:  # type: ignore[operator]
            for n, line in enumerate(fh, 1):
                if line.strip():
                    yield Source(f"{path}:{n}", _record_loader(line, field, max_bytes))
    except (EOFError, gzip.BadGzipFile) as exc:
        raise InputError(f"{path}: cannot read: {exc}") from None


def _record_loader(line: bytes, field: str, max_bytes: int) -> Callable[[], str]:
    def load() -> str:
        if len(line) > max_bytes:
            raise InputError(f"line larger than {max_bytes} bytes")
        try:
            rec = json.loads(line)
        except ValueError as exc:
            raise InputError(f"not JSON: {exc}") from None
        if not isinstance(rec, dict):
            raise InputError("not a JSON object")
        if not isinstance(rec.get(field), str):
            raise InputError(f"no string field {field!r}")
        return rec[field]

    return load
