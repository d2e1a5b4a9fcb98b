"""What a batch run tells: the tally of each input's fate, the JSON report, the progress bar, and the
``--resume`` test. Shared by tree, JSONL, archive and Parquet modes (batch_tree.py, batch_jsonl.py,
batch_archive.py, batch_parquet.py)."""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from .atomic import write_atomic

T = TypeVar("T")


@dataclass
class Tally:
    """What happened to each input; becomes the report."""

    ok: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped_why: Counter[str] = field(default_factory=Counter)  # archives: pages not cleaned, by reason
    started: float = field(default_factory=time.monotonic)

    def fail(self, where: str, reason: str) -> None:
        self.failed.append((where, reason))

    def skip(self, reason: str) -> None:
        self.skipped += 1
        self.skipped_why[reason] += 1

    def to_json(self) -> dict[str, Any]:
        report: dict[str, Any] = {"cleaned": self.ok, "skipped": self.skipped, "failed": len(self.failed)}
        if self.skipped_why:
            report["skipped_why"] = dict(sorted(self.skipped_why.items()))
        report["errors"] = [{"input": w, "reason": r} for w, r in sorted(self.failed)]
        return report

    def summary(self, jobs: int) -> str:
        took = time.monotonic() - self.started
        return (f"cleaner batch: {self.ok} cleaned, {self.skipped} skipped, {len(self.failed)} failed "
                f"in {took:.1f}s ({jobs} job{'s' if jobs > 1 else ''})")


def emit(results: Sequence[tuple[int, T | None, str | None]], write: Callable[[T], object], tally: Tally,
         bar: Any, unit: str) -> None:
    """Write each cleaned item in order and count it; a failed one is tallied as "<unit> <n>"."""
    for n, item, err in results:
        if item is not None:
            write(item)
            tally.ok += 1
        else:
            tally.fail(f"{unit} {n}", err or "failed")
    if bar is not None:
        bar.update(len(results))


def write_report(tally: Tally, path: Path | None) -> None:
    if path is not None:
        write_atomic(path, (json.dumps(tally.to_json(), indent=1, ensure_ascii=False) + "\n").encode())


def progress(total: int | None, enabled: bool, unit: str = "doc") -> Any:
    """A tqdm bar on stderr, or None when disabled or tqdm is not installed."""
    if not enabled:
        return None
    try:
        from tqdm import tqdm
    except ImportError:
        return None
    return tqdm(total=total, file=sys.stderr, unit=unit, leave=False)


def up_to_date(src: str, dst: str) -> bool:
    """Whether ``dst`` is newer than ``src`` (``--resume`` skips it)."""
    try:
        return os.stat(dst).st_mtime >= os.stat(src).st_mtime
    except OSError:
        return False
