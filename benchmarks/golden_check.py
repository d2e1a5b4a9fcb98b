"""Guard for speed work: cleaner's output and decisions must not change.

usage: python -m benchmarks.golden_check [--save] [--file benchmarks/golden.json] [--html N]

Runs cleaner (every mode) over dev and sites-dev near/ and dump/, plus the first N pages of each
html/ track, and hashes each document's text and decisions (label, reason, offsets). ``--save``
records the hashes; without it, the run is compared with the recorded file and every document that
differs is listed (exit 1).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from . import data

SETS = ("dev", "sites-dev")
TRACKS = ("near", "dump")
MODES = ("balanced", "precision", "recall")
DEFAULT_FILE = Path(__file__).with_name("golden.json")


def digest(cleaned) -> str:
    h = hashlib.sha256(cleaned.text.encode("utf-8"))
    h.update(repr(cleaned.title).encode("utf-8"))
    for d in cleaned.decisions:
        h.update(f"\0{d.block.start}:{d.block.end}:{d.label.value}:{d.reason}\0{d.block.text}".encode())
    return h.hexdigest()[:16]


def pages(html: int) -> Iterator[tuple[str, Path]]:
    """(key prefix, file) for every document checked."""
    bench = data.shared_dir() / "bench"
    for name in SETS:
        for track in (*TRACKS, "html"):
            files = sorted((bench / name / track).glob("*"))
            if track == "html":
                files = files[:html]
            for path in files:
                yield f"{name}/{track}/{path.stem[:16]}", path


def run(html: int) -> dict[str, str]:
    from cleaner import Cleaner, Config, Mode

    cleaners = {m: Cleaner(Config(mode=Mode(m), timeout=None)) for m in MODES}
    out = {}
    for key, path in pages(html):
        raw = path.read_bytes()
        doc = raw if path.suffix == ".html" else data.decode_text(raw)
        for mode, c in cleaners.items():
            out[f"{key}/{mode}"] = digest(c.clean(doc))
    return out


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.golden_check", description=__doc__.split("\n")[0])
    ap.add_argument("--save", action="store_true", help="record the hashes instead of comparing")
    ap.add_argument("--file", type=Path, default=DEFAULT_FILE)
    ap.add_argument("--html", type=int, default=20, help="html pages checked per set (default 20)")
    return ap.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    a = parse_args(argv)
    now = run(a.html)
    if a.save:
        a.file.write_text(json.dumps(now, indent=0, sort_keys=True) + "\n")
        print(f"golden: saved {len(now)} hashes to {a.file}")
        return 0
    then = json.loads(a.file.read_text())
    bad = sorted(k for k in then.keys() | now.keys() if then.get(k) != now.get(k))
    for k in bad:
        print(f"differs: {k}")
    print(f"golden: {len(now)} documents, {len(bad)} differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
