"""Records per second for WARC -> JSONL (never asserted in tests).

usage: python -m benchmarks.archive_speed [--pages N] [--set modern-dev] [--reps 2] [--keep DIR]

Builds a WARC as Common Crawl ships it (one gzip member a record; a request record before each
response, as in a crawl) from the html of ``../shared/bench/SET`` (the manifest's URLs, and its
original encoding as the HTTP charset), then times, in this one run:

* ``cleaner batch WARC OUT.jsonl --jobs 1`` and ``--jobs 2`` (reading, cleaning, writing; in process;
  --jobs 2 includes starting its two worker processes);
* trafilatura's default ``extract()`` over the same records, read by the same reader, one process;
* reading alone: FastWARC (what archives.py uses) against warcio, if warcio is installed (the
  measurement that chose the library).

Wall time on a shared machine: the systems take turns for ``--reps`` rounds and each keeps its best,
so a busy neighbour slows them alike; the load average is printed before and after. CPU seconds
(this process and the pool's workers) are printed beside: when neighbours hold the cores, records
per CPU second still compares the systems, though only wall time shows what --jobs 2 gains.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import tempfile
import time
from pathlib import Path

from cleaner.archives import Doc, payload, read_archive, warc_record

BENCH = Path(__file__).resolve().parent.parent.parent / "shared" / "bench"


def build_warc(set_name: str, pages: int, path: Path) -> tuple[int, int]:
    """Write the WARC; (records cleaned, bytes of html)."""
    root = BENCH / set_name
    manifest = [json.loads(x) for x in (root / "manifest.jsonl").read_text().splitlines()][:pages]
    size = 0
    with open(path, "wb") as out:
        for i, m in enumerate(manifest):
            html = gzip.decompress((root / "html" / f"{m['id']}.html.gz").read_bytes())
            size += len(html)
            charset = m.get("orig_encoding") or "utf-8"
            http = f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset={charset}\r\n\r\n".encode()
            req = warc_record("request", m["url"], b"GET / HTTP/1.1\r\n\r\n", f"uuid:req-{i}")
            resp = warc_record("response", m["url"], http + html, f"uuid:{i:08d}-0000-0000-0000-000000000000")
            out.write(gzip.compress(req, 6) + gzip.compress(resp, 6))
    return len(manifest), size


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the --jobs 2 pool's workers)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def warm_up(warc: Path) -> None:
    """Both systems' imports and first-call caches, before anything is timed."""
    import trafilatura

    from cleaner import clean

    with open(warc, "rb") as fh:
        doc = next(e for e in read_archive(fh, 1 << 28) if isinstance(e, Doc))
    clean(payload(doc))
    trafilatura.extract(payload(doc))


def time_cleaner(warc: Path, out: Path, jobs: int) -> float:
    from cleaner.batch import main

    started = time.perf_counter()
    code = main([str(warc), str(out), "--jobs", str(jobs)])
    took = time.perf_counter() - started
    if code not in (0, 1):
        raise SystemExit(f"cleaner batch failed ({code})")
    return took


def time_trafilatura(warc: Path) -> float:
    import trafilatura

    started = time.perf_counter()
    with open(warc, "rb") as fh:
        for e in read_archive(fh, 1 << 28):
            if isinstance(e, Doc):
                trafilatura.extract(payload(e))
    return time.perf_counter() - started


def time_readers(warc: Path) -> dict[str, float]:
    from fastwarc.warc import ArchiveIterator

    out = {}
    started = time.perf_counter()
    with open(warc, "rb") as fh:
        for rec in ArchiveIterator(fh, parse_http=False):
            rec.reader.read()
    out["fastwarc"] = time.perf_counter() - started
    try:
        from warcio.archiveiterator import ArchiveIterator as WarcioIterator
    except ImportError:
        return out
    started = time.perf_counter()
    with open(warc, "rb") as fh:
        for rec in WarcioIterator(fh):
            rec.content_stream().read()
    out["warcio"] = time.perf_counter() - started
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=400)
    ap.add_argument("--set", default="modern-dev")
    ap.add_argument("--reps", type=int, default=2, help="rounds; each system keeps its best")
    ap.add_argument("--keep", help="build the WARC in this folder and keep it")
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(a.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        warc = folder / f"{a.set}.warc.gz"
        n, size = build_warc(a.set, a.pages, warc)
        warm_up(warc)
        print(f"load average at the start: {os.getloadavg()[0]:.1f}")
        print(f"WARC: {n} responses (+{n} requests), {size / 1e6:.1f} MB of html, "
              f"{warc.stat().st_size / 1e6:.1f} MB gzipped; {os.cpu_count()} cores")
        timers = {"cleaner batch --jobs 1": lambda: time_cleaner(warc, folder / "j1.jsonl", 1),
                  "cleaner batch --jobs 2": lambda: time_cleaner(warc, folder / "j2.jsonl", 2),
                  "trafilatura extract(), 1 process": lambda: time_trafilatura(warc)}
        best: dict[str, tuple[float, float]] = {}
        for _ in range(a.reps):  # the systems take turns; each keeps its best round
            for name, timer in timers.items():
                cpu = cpu_seconds()
                wall = timer()
                cpu = cpu_seconds() - cpu
                if name not in best or wall < best[name][0]:
                    best[name] = (wall, cpu)
        same = (folder / "j1.jsonl").read_bytes() == (folder / "j2.jsonl").read_bytes()
        report = json.loads((folder / "j1.jsonl.report.json").read_text())
        print("\n| system | wall s | records/s | MB/s | CPU s (all processes) | records per CPU s |")
        print("|---|---|---|---|---|---|")
        for name, (wall, cpu) in best.items():
            mbs = size / 1e6 / wall
            print(f"| {name} | {wall:.1f} | {n / wall:.1f} | {mbs:.2f} | {cpu:.1f} | {n / cpu:.1f} |")
        print(f"\n--jobs 2 output identical to --jobs 1: {same}; report: {report['cleaned']} cleaned, "
              f"{report['failed']} failed")
        readers = time_readers(warc)
        print("reading alone: " + ", ".join(f"{k} {v:.2f}s" for k, v in readers.items()))
        print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
