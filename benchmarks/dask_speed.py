"""Throughput of ``cleaner batch --scheduler`` (Dask) against the local ``--jobs 2`` over the same inputs.

usage: PYTHONPATH=. python -m benchmarks.dask_speed [--repeat 1] [--reps 3] [--sites]

The dev dump/ pages are copied ``--repeat`` times into a temporary tree (``copy0/``, ``copy1/``...,
which ``--sites`` takes as sites), then ``cleaner batch`` runs over it from this process: locally with
``--jobs 2``, and with ``--scheduler`` on a LocalCluster of 2 single-threaded worker processes started
once beforehand (a real cluster is already running), and with ``--scheduler local``, which starts
its own LocalCluster each run (one command, start-up included). Runs alternate, best of ``--reps``
each; the ratios are Dask seconds / local seconds (goal: at most 1.3). All outputs
are compared byte for byte. Where the overhead goes is measured, not guessed: connecting a client,
and Dask's cost per task (the same number of empty tasks, submitted the same way).
Needs ``pip install '.[dask]'``; never run by the tests.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from cleaner.batch import main
from cleaner.worker import FILES_PER_TASK

from . import data

GOAL = 1.3


def make_tree(dump: Path, root: Path, repeat: int) -> int:
    """``repeat`` copies of dump/ below root; the number of files."""
    for i in range(repeat):
        shutil.copytree(dump, root / f"copy{i}")
    return sum(1 for p in root.rglob("*") if p.is_file())


def timed(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def batch(inp: Path, out: Path, *flags: str) -> None:
    shutil.rmtree(out, ignore_errors=True)
    if main([str(inp), str(out), *flags]) != 0:
        raise SystemExit(f"cleaner batch failed: {flags}")


def same_outputs(a: Path, b: Path) -> bool:
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    return files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file()) and \
        all((a / f).read_bytes() == (b / f).read_bytes() for f in files)


def _noop(*args: object) -> None:
    return None


def task_overhead(address: str, tasks: int) -> tuple[float, float]:
    """Seconds to connect and close a client; seconds for ``tasks`` empty tasks, 8 in flight."""
    from distributed import Client

    t0 = time.perf_counter()
    with Client(address) as client:
        connect = time.perf_counter() - t0
        t1 = time.perf_counter()
        window = []
        for i in range(tasks):
            window.append(client.submit(_noop, i, pure=False))
            if len(window) >= 8:
                window.pop(0).result()
        for f in window:
            f.result()
        empty = time.perf_counter() - t1
    return connect, empty


def run(repeat: int, reps: int, sites: bool) -> int:
    from distributed import LocalCluster

    dump = data.dev_dir() / "dump"
    flags = ["--sites"] if sites else []
    with tempfile.TemporaryDirectory(prefix="cleaner-dask-speed-") as tmp_name:
        tmp = Path(tmp_name)
        n = make_tree(dump, tmp / "in", repeat)
        t0 = time.perf_counter()
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cl:
            startup = time.perf_counter() - t0
            dask_flags = ["--scheduler", cl.scheduler_address, *flags]
            batch(tmp / "in", tmp / "warm", *dask_flags)  # workers import cleaner and load rules once
            local, dask, own = [], [], []
            for _ in range(reps):
                local.append(timed(lambda: batch(tmp / "in", tmp / "local", "--jobs", "2", *flags)))
                dask.append(timed(lambda: batch(tmp / "in", tmp / "dask", *dask_flags)))
                own.append(timed(lambda: batch(tmp / "in", tmp / "own", "--scheduler", "local", "--jobs", "2",
                                               *flags)))
            passes = 2 if sites else 1
            connect, empty = task_overhead(cl.scheduler_address, passes * -(-n // FILES_PER_TASK))
        same = same_outputs(tmp / "local", tmp / "dask") and same_outputs(tmp / "local", tmp / "own")
    best_l, best_d, best_o = min(local), min(dask), min(own)
    print(f"{n} files ({repeat} x dev dump/){' with --sites' if sites else ''}, best of {reps}")
    print(f"{'path':28} {'seconds':>8} {'files/s':>8}")
    print(f"{'local --jobs 2':28} {best_l:8.2f} {n / best_l:8.1f}")
    print(f"{'dask, running cluster':28} {best_d:8.2f} {n / best_d:8.1f}   x local {best_d / best_l:.2f}")
    print(f"{'dask, --scheduler local':28} {best_o:8.2f} {n / best_o:8.1f}   x local {best_o / best_l:.2f}")
    print(f"goal: x local <= {GOAL}; outputs identical: {same}")
    print(f"overhead: client connect+close {connect:.2f}s, {passes * -(-n // FILES_PER_TASK)} empty tasks "
          f"{empty:.2f}s; cluster start-up (not in the ratio) {startup:.2f}s")
    return 0 if same else 1


def cli(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=1, help="copies of dev dump/ (default 1: 181 pages)")
    ap.add_argument("--reps", type=int, default=3, help="timed runs of each path; the best counts")
    ap.add_argument("--sites", action="store_true", help="both paths with --sites (two passes)")
    a = ap.parse_args(argv)
    reason = data.missing_reason(data.dev_dir())
    if reason:
        print(f"dask_speed: {reason}", file=sys.stderr)
        return 2
    try:
        import distributed  # noqa: F401
    except ImportError:
        print("dask_speed: needs Dask: pip install '.[dask]'", file=sys.stderr)
        return 2
    return run(a.repeat, a.reps, a.sites)


if __name__ == "__main__":
    sys.exit(cli())
