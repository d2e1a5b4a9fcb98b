"""Speed of cleaner beside an anchor measured in the same process (never asserted in tests).

usage: python -m benchmarks.speed [--track dump|html] [--set dev|sites-dev] [--reps 3]
                                  [--anchors LIST|all] [--json OUT]

dump (default): cleaner's text path over dev dump/ against a bare C4-style line loop
(benchmarks.baselines.c4_filter), the anchor. html: cleaner's HTML path, if it has one, against
trafilatura's default ``extract()`` (the anchor, issue 3 wants cleaner <= 1.0x) and its
``favor_recall`` mode; ``--anchors`` adds or changes the others (``all``: every html anchor).
All pages are read into memory first; each system gets one warm-up page, then the whole set is
timed in one loop; the systems take turns, ``--reps`` rounds, and each keeps its best (turns, so a
busy neighbour on a shared machine slows every system alike). Peak memory is measured in a
separate, untimed pass under tracemalloc (Python allocations), and the process's maximum RSS is
printed at the end. ``--json`` writes the timings for ``benchmarks.plot``.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
import tracemalloc
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from . import baselines, data
from .systems import ANCHORS, System, as_text, cleaner_html_note, cleaner_system, html_anchors

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


def best_times(systems: Sequence[System], docs: Sequence[str | bytes], reps: int) -> list[float]:
    """Each system's best of ``reps`` timed loops over all docs, after one warm-up doc; the
    systems take turns in every round."""
    for system in systems:
        if docs:
            system.extract(docs[0])
    best = [float("inf")] * len(systems)
    for _ in range(max(1, reps)):
        for i, system in enumerate(systems):
            t0 = time.perf_counter()
            run_all(system, docs)
            best[i] = min(best[i], time.perf_counter() - t0)
    return best


def peak_traced(system: System, docs: Sequence[str | bytes]) -> int:
    """Peak bytes Python allocated while the system ran over all docs (inputs excluded)."""
    tracemalloc.start()
    try:
        run_all(system, docs)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def measure(systems: Sequence[System], docs: Sequence[str | bytes], reps: int) -> list[Timing]:
    seconds = best_times(systems, docs, reps)
    return [Timing(s.name, t, peak_traced(s, docs)) for s, t in zip(systems, seconds, strict=True)]


def max_rss_mb() -> float:
    """The process's maximum resident set size so far (ru_maxrss is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / MB


def _ratio(a: float, b: float) -> float:
    return a / b if b else float("inf")


def table(timings: Sequence[Timing], size_bytes: int, anchor: Timing, pages: int = 0) -> str:
    head = f"{'system':24} {'seconds':>8} {'pages/s':>8} {'MB/s':>7} {'x anchor':>8} {'peak MB':>8}"
    rows = [head, "-" * len(head)]
    for t in timings:
        rate, per_s = _ratio(size_bytes / MB, t.seconds), _ratio(pages, t.seconds)
        name = f"{t.name} (anchor)" if t is anchor else t.name
        ratio = _ratio(t.seconds, anchor.seconds)
        rows.append(f"{name:24} {t.seconds:8.3f} {per_s:8.1f} {rate:7.2f} {ratio:8.2f} "
                    f"{t.peak_bytes / MB:8.1f}")
    return "\n".join(rows)


def to_json(timings: Sequence[Timing], a: argparse.Namespace, pages: int, size: int) -> dict[str, object]:
    anchor = timings[0]
    rows = [{**asdict(t), "pages_per_s": _ratio(pages, t.seconds), "mb_per_s": _ratio(size / MB, t.seconds),
             "x_anchor": _ratio(t.seconds, anchor.seconds)} for t in timings]
    return {"set": a.set, "track": a.track, "pages": pages, "bytes": size, "reps": a.reps,
            "anchor": anchor.name, "timings": rows}


def _size(docs: Sequence[str | bytes]) -> int:
    return sum(len(d) if isinstance(d, bytes) else len(d.encode("utf-8")) for d in docs)


HTML_ANCHORS = "trafilatura,trafilatura:recall"


def systems_for(track: str, anchors: str = HTML_ANCHORS) -> tuple[System, list[System], list[str]]:
    """(anchor, the other systems, notes) for a track. On html the anchor is trafilatura's default
    ``extract()``; ``anchors`` (comma-separated, or "all") are the other extractors timed beside it."""
    cleaner = cleaner_system()
    if track == "dump":
        anchor = System("C4 line loop", lambda d: baselines.c4_filter(as_text(d)))
        return anchor, [cleaner], []
    names = list(ANCHORS) if anchors == "all" else [n.strip() for n in anchors.split(",") if n.strip()]
    others, notes = html_anchors([n for n in names if n != "trafilatura"])
    note = cleaner_html_note(cleaner)
    return (System("trafilatura", ANCHORS["trafilatura"]()), others + ([] if note else [cleaner]),
            notes + ([note] if note else []))


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.speed", description=__doc__.split("\n")[0])
    ap.add_argument("--track", default="dump", choices=("dump", "html"))
    ap.add_argument("--set", default="dev", choices=data.SETS,
                    help="bench set under ../shared/bench (default dev)")
    ap.add_argument("--reps", type=int, default=3, help="timed repetitions; the best is kept (default 3)")
    ap.add_argument("--anchors", default=HTML_ANCHORS,
                    help=f"html: systems timed beside trafilatura's default, or 'all' ({HTML_ANCHORS})")
    ap.add_argument("--json", type=Path, metavar="OUT", help="write the timings here (for benchmarks.plot)")
    return ap.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    a = parse_args(argv)
    dev = data.set_dir(a.set)
    reason = data.missing_reason(dev)
    if reason:
        print(f"speed: error: {reason}", file=sys.stderr)
        return 2
    docs = [p.data for p in data.load_track(dev, a.track)]
    anchor, others, notes = systems_for(a.track, a.anchors)
    timings = measure([anchor, *others], docs, a.reps)
    size = _size(docs)
    print(f"{a.set} {a.track}/: {len(docs)} pages, {size / MB:.2f} MB in memory; "
          f"best of {a.reps} turns, one warm-up page")
    print(table(timings, size, timings[0], len(docs)))
    by_name = {t.name: t for t in timings}
    if "cleaner" in by_name and "trafilatura:recall" in by_name:
        ratio = _ratio(by_name["cleaner"].seconds, by_name["trafilatura:recall"].seconds)
        print(f"cleaner / trafilatura:recall: {ratio:.2f}x")
    for note in notes:
        print(f"note: {note}")
    print(f"process max RSS: {max_rss_mb():.0f} MB")
    if a.json:
        a.json.parent.mkdir(parents=True, exist_ok=True)
        a.json.write_text(json.dumps(to_json(timings, a, len(docs), size), indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
