"""Speed of cleaner beside an anchor measured in the same process (never asserted in tests).

usage: python -m benchmarks.speed [--track dump|html] [--reps 3]

dump (default): cleaner's text path over dev dump/ against a bare C4-style line loop
(benchmarks.baselines.c4_filter), the anchor. html: cleaner's HTML path, if it has one, against
trafilatura's default ``extract()``. All pages are read into memory first; each system gets one
warm-up page, then the whole set is timed in one loop, ``--reps`` times, and the best is kept.
Peak memory is measured in a separate, untimed pass under tracemalloc (Python allocations), and
the process's maximum RSS is printed at the end.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from collections.abc import Sequence
from dataclasses import dataclass

from . import baselines, data
from .systems import ANCHORS, System, as_text, cleaner_html_note, cleaner_system

MB = 1e6


@dataclass(frozen=True, slots=True)
class Timing:
    """One system over the whole set: best wall time of the repetitions and peak traced memory."""

    name: str
    seconds: float
    peak_bytes: int


def run_all(system: System, docs: Sequence[str | bytes]) -> None:
    for d in docs:
        system.extract(d)


def best_time(system: System, docs: Sequence[str | bytes], reps: int) -> float:
    """Best of ``reps`` timed loops over all docs, after one warm-up doc."""
    if docs:
        system.extract(docs[0])
    best = float("inf")
    for _ in range(max(1, reps)):
        t0 = time.perf_counter()
        run_all(system, docs)
        best = min(best, time.perf_counter() - t0)
    return best


def peak_traced(system: System, docs: Sequence[str | bytes]) -> int:
    """Peak bytes Python allocated while the system ran over all docs (inputs excluded)."""
    tracemalloc.start()
    try:
        run_all(system, docs)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def measure(system: System, docs: Sequence[str | bytes], reps: int) -> Timing:
    return Timing(system.name, best_time(system, docs, reps), peak_traced(system, docs))


def max_rss_mb() -> float:
    """The process's maximum resident set size so far (ru_maxrss is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / MB


def table(timings: Sequence[Timing], size_bytes: int, anchor: Timing) -> str:
    head = f"{'system':24} {'seconds':>8} {'MB/s':>7} {'x anchor':>8} {'peak MB':>8}"
    rows = [head, "-" * len(head)]
    for t in timings:
        ratio = t.seconds / anchor.seconds if anchor.seconds else float("inf")
        rate = size_bytes / MB / t.seconds if t.seconds else float("inf")
        rows.append(f"{t.name:24} {t.seconds:8.3f} {rate:7.2f} {ratio:8.2f} {t.peak_bytes / MB:8.1f}")
    return "\n".join(rows)


def _size(docs: Sequence[str | bytes]) -> int:
    return sum(len(d) if isinstance(d, bytes) else len(d.encode("utf-8")) for d in docs)


def systems_for(track: str) -> tuple[System, list[System], list[str]]:
    """(anchor, cleaner systems, notes) for a track."""
    cleaner = cleaner_system()
    if track == "dump":
        anchor = System("C4 line loop (anchor)", lambda d: baselines.c4_filter(as_text(d)))
        return anchor, [cleaner], []
    anchor = System("trafilatura (anchor)", ANCHORS["trafilatura"]())
    note = cleaner_html_note(cleaner)
    return anchor, [] if note else [cleaner], [note] if note else []


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.speed", description=__doc__.split("\n")[0])
    ap.add_argument("--track", default="dump", choices=("dump", "html"))
    ap.add_argument("--reps", type=int, default=3, help="timed repetitions; the best is kept (default 3)")
    return ap.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    a = parse_args(argv)
    dev = data.dev_dir()
    reason = data.missing_reason(dev)
    if reason:
        print(f"speed: error: {reason}", file=sys.stderr)
        return 2
    docs = [p.data for p in data.load_track(dev, a.track)]
    anchor, mine, notes = systems_for(a.track)
    timings = [measure(s, docs, a.reps) for s in (anchor, *mine)]
    size = _size(docs)
    print(f"dev {a.track}/: {len(docs)} pages, {size / MB:.2f} MB in memory; "
          f"best of {a.reps}, one warm-up page")
    print(table(timings, size, timings[0]))
    for note in notes:
        print(f"note: {note}")
    print(f"process max RSS: {max_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
