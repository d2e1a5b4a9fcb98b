"""Batch at scale (issue 4 item 4): --jobs 2 vs --jobs 1 throughput, and peak RSS on a big JSONL stream.

usage: PYTHONPATH=. python benchmarks/batch_scale.py [--bench DIR] [--reps 3] [--rss-mb 300] [--sites]
                                                     [--skip-speed] [--skip-rss]

speed: runs ``cleaner batch IN OUT --jobs N`` over ``--copies`` copies of dev dump/, each a fresh
process (pool start-up included),
alternating --jobs 1 and --jobs 2 ``--reps`` times and keeping the best of each, so that a burst of
load from other processes hits both alike; prints the ratio (goal >= 1.7x) and the load average,
since on a shared machine the ratio is only as good as the second core is free.

rss: writes a JSONL file of about ``--rss-mb`` MB in a temp dir (dev dump pages repeated, each with a
url on one of 50 hosts and a little noise so no two records are equal), runs ``cleaner batch IN OUT
--field text --url-field url --jobs 2`` (``--sites`` adds the learning pass) and samples the summed
RSS of the process and its workers every 0.1 s. Prints the peak (goal < 300 MB, flat in the size).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from anywhere

from benchmarks.data import shared_dir  # noqa: E402

BENCH = shared_dir() / "bench"  # ../shared/bench, or $CLEANER_SHARED/bench
ROOT = Path(__file__).resolve().parent.parent
MB = 1 << 20


def batch_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "cleaner", "batch", *args]


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + sys of the run and its workers) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, check=True, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def speed(dump: Path, tmp: Path, reps: int, copies: int) -> None:
    """--jobs 1 vs 2 over ``copies`` copies of dump/ (one folder each: start-up is amortised)."""
    src = tmp / "speed-in"
    for c in range(copies):
        shutil.copytree(dump, src / f"copy{c}")
    files = sum(1 for _ in src.rglob("*.txt"))
    timed(batch_cmd(str(src), str(tmp / "warm"), "--jobs", "1"))
    best: dict[int, tuple[float, float]] = {}
    for r in range(reps):
        for jobs in (1, 2):
            got = timed(batch_cmd(str(src), str(tmp / f"j{jobs}-{r}"), "--jobs", str(jobs)))
            best[jobs] = min(best.get(jobs, got), got)
    load = os.getloadavg()
    (w1, c1), (w2, c2) = best[1], best[2]
    print(f"speed: dev dump x{copies} ({files} files): --jobs 1 {w1:.2f}s (cpu {c1:.2f}s), "
          f"--jobs 2 {w2:.2f}s (cpu {c2:.2f}s): {w1 / w2:.2f}x (goal >= 1.7x); best of {reps}; "
          f"load avg {load[0]:.1f} {load[1]:.1f} on {os.cpu_count()} cores (other processes share them)")


def make_jsonl(dump: Path, path: Path, size: int) -> int:
    pages = [p.read_text(encoding="utf-8") for p in sorted(dump.iterdir())]
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        while fh.tell() < size:
            text = pages[n % len(pages)] + f"\nRecord {n}.\n"
            fh.write(json.dumps({"id": n, "url": f"https://site{n % 50}.example/p/{n}", "text": text}) + "\n")
            n += 1
    return n


def _tree_rss(root: int) -> int:
    """Summed RSS (bytes) of ``root`` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, ()))
        try:
            with open(f"/proc/{pid}/statm") as fh:
                total += int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, IndexError):
            pass
    return total


def rss(dump: Path, tmp: Path, size_mb: int, sites: bool) -> None:
    src = tmp / "big.jsonl"
    records = make_jsonl(dump, src, size_mb * MB)
    cmd = batch_cmd(str(src), str(tmp / "big.out.jsonl"), "--field", "text", "--url-field", "url",
                    "--jobs", "2", *(["--sites"] if sites else []))
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak, samples = 0, []
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            now = _tree_rss(proc.pid)
            peak = max(peak, now)
            samples.append(now)
            time.sleep(0.1)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    _, err = proc.communicate()
    stop.set()
    th.join()
    took = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"cleaner batch exited {proc.returncode}: {err.decode()[-500:]}")
    q = sorted(samples)
    mid = q[len(q) // 2] if q else 0
    flags = "--jobs 2" + (" --sites" if sites else "")
    print(f"rss: {src.stat().st_size / MB:.0f} MB JSONL, {records} records, {flags}: "
          f"peak RSS (parent + workers) {peak / MB:.0f} MB, median {mid / MB:.0f} MB (goal < 300 MB); "
          f"{took:.0f}s, {src.stat().st_size / MB / took:.2f} MB/s")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bench", type=Path, default=BENCH)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--copies", type=int, default=4, help="copies of dev dump/ timed together")
    ap.add_argument("--rss-mb", type=int, default=300)
    ap.add_argument("--sites", action="store_true", help="measure RSS with --sites (two passes)")
    ap.add_argument("--skip-speed", action="store_true")
    ap.add_argument("--skip-rss", action="store_true")
    a = ap.parse_args(argv)
    dump = a.bench / "dev" / "dump"
    with tempfile.TemporaryDirectory(prefix="cleaner-scale-") as d:
        if not a.skip_speed:
            speed(dump, Path(d), a.reps, a.copies)
        if not a.skip_rss:
            rss(dump, Path(d), a.rss_mb, a.sites)
    return 0


if __name__ == "__main__":
    sys.exit(main())
