"""Peak memory (RSS) of cleaner on one big document and on a streamed JSONL corpus (issue 6).

usage: python -m benchmarks.memory [--doc-mb 50] [--stream-mb 1024] [--jobs 2] [--quick]

Inputs are generated into a temp dir (prose paragraphs with chrome lines, deterministic). Each case
runs in a fresh interpreter that reports its own ``ru_maxrss`` and its largest child's (a worker):

  anchor   the interpreter with cleaner imported and the rules loaded: what any run costs
  doc      ``Cleaner(Config(timeout=None)).clean(bytes)`` on one document of --doc-mb MB
  stream   ``cleaner batch IN.jsonl OUT.jsonl --jobs N`` over --stream-mb MB of JSONL records

Goals: the single document under 10x its size; the stream under 300 MB in total (the main process
plus N workers). Exit 1 if a goal is missed. ``--quick`` is 5 MB and 50 MB: seconds, not minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1 << 20
STREAM_GOAL_MB = 300
DOC_GOAL_FACTOR = 10
PARAS = [
    "The city council met on Tuesday evening and agreed, after a long and heated debate, that the new "
    "bridge over the river will be built by the end of next year at a cost of about two million euros.",
    "Residents of the eastern districts have waited for a second crossing for more than a decade, and many "
    "of them came to the meeting to hear the decision and to ask questions about the traffic plan.",
    "Le maire a déclaré que les travaux commenceraient au printemps, dès que l'agence régionale de l'eau "
    "aura accordé les dernières autorisations et que les contrats auront été signés.",
]
CHROME = ["Home", "News", "Sport", "Share this article", "Check also", "Copyright 2024 Example News"]
PROBE = """
import resource, sys, time
started = time.monotonic()
{body}
self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(self_kb, child_kb, time.monotonic() - started, file=sys.stderr)
"""
ANCHOR = "from cleaner import Cleaner\nCleaner()"
DOC = ("from cleaner import Cleaner, Config\ndata = open(sys.argv[1], 'rb').read()\n"
       "Cleaner(Config(timeout=None)).clean(data)")
STREAM = "from cleaner.batch import main\nrc = main(sys.argv[1:])"


def page(i: int) -> str:
    """One page dump of ~12 KB: chrome, a headline, prose, chrome."""
    body = "\n\n".join(PARAS[(i + k) % len(PARAS)].replace("bridge", f"bridge {i}") for k in range(30))
    return "\n".join(CHROME[:3]) + f"\n\nStory {i}\n\n{body}\n\n" + "\n".join(CHROME[3:]) + "\n"


def write_doc(path: Path, size: int) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        i = 0
        while fh.tell() < size:
            fh.write(page(i))
            i += 1


def write_jsonl(path: Path, size: int) -> int:
    with open(path, "w", encoding="utf-8") as fh:
        i = 0
        while fh.tell() < size:
            fh.write(json.dumps({"id": i, "url": f"https://example.com/{i}", "text": page(i)}) + "\n")
            i += 1
    return i


@dataclass(frozen=True)
class Peak:
    name: str
    main_mb: float
    worker_mb: float
    seconds: float


def measure(name: str, body: str, args: list[str]) -> Peak:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", PROBE.format(body=body), *args], env=env,
                          capture_output=True, text=True, check=False)
    last = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ""
    try:
        self_kb, child_kb, seconds = last.split()
    except ValueError:
        sys.exit(f"{name}: failed: {proc.stderr[-2000:]}")
    return Peak(name, int(self_kb) / 1024, int(child_kb) / 1024, float(seconds))


def report(peaks: list[Peak], jobs: int, doc_mb: float) -> bool:
    print(f"{'case':<10}{'main MB':>10}{'worker MB':>11}{'total MB':>10}{'seconds':>9}  goal")
    ok = True
    for p in peaks:
        total = p.main_mb + (jobs * p.worker_mb if p.name == "stream" else 0)
        goal, limit = "", None
        if p.name == "doc":
            limit = DOC_GOAL_FACTOR * doc_mb
            goal = f"< {limit:.0f} MB (10x the document)"
        elif p.name == "stream":
            limit = STREAM_GOAL_MB
            goal = f"< {limit} MB (main + {jobs} workers)"
        met = limit is None or total < limit
        ok &= met
        mark = "" if limit is None else ("  ok" if met else "  MISSED")
        worker = f"{p.worker_mb:>11.0f}" if p.name == "stream" else f"{'-':>11}"
        print(f"{p.name:<10}{p.main_mb:>10.0f}{worker}{total:>10.0f}{p.seconds:>9.1f}  {goal}{mark}")
    return ok


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--doc-mb", type=float, default=50.0, help="size of the single document")
    ap.add_argument("--stream-mb", type=float, default=1024.0, help="size of the JSONL stream")
    ap.add_argument("--jobs", type=int, default=2, help="batch worker processes")
    ap.add_argument("--quick", action="store_true", help="5 MB document, 50 MB stream")
    a = ap.parse_args(argv)
    doc_mb, stream_mb = (5.0, 50.0) if a.quick else (a.doc_mb, a.stream_mb)
    with tempfile.TemporaryDirectory(prefix="cleaner-memory-") as tmp:
        doc, jsonl = Path(tmp) / "doc.txt", Path(tmp) / "in.jsonl"
        write_doc(doc, int(doc_mb * MB))
        records = write_jsonl(jsonl, int(stream_mb * MB))
        print(f"document {doc.stat().st_size / MB:.0f} MB; stream {jsonl.stat().st_size / MB:.0f} MB, "
              f"{records:,} records; jobs {a.jobs}")
        peaks = [measure("anchor", ANCHOR, []), measure("doc", DOC, [str(doc)]),
                 measure("stream", STREAM, [str(jsonl), str(Path(tmp) / "out.jsonl"), "--jobs", str(a.jobs)])]
    return 0 if report(peaks, a.jobs, doc_mb) else 1


if __name__ == "__main__":
    sys.exit(main())
