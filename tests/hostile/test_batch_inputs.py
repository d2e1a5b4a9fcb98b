"""Inputs only ``cleaner batch`` reads: .gz files (a gzip bomb, a truncated one) and broken JSONL."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

from conftest import Recorder
from hostile_cases import EN, GZIP_BOMB_SIZE, gzip_bomb, prose, truncated_gzip
from hostile_run import batch_failures, check_batch_exit, env, no_temp_files

MEASURE = ("import resource, sys\nfrom cleaner.batch import main\nrc = main(sys.argv[1:])\n"
           "print('peak-rss-kb', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
           "sys.exit(rc)\n")
BOMB_RSS_MB = 700  # the bomb is read up to max_bytes (200 MB) and no further


def batch(*args: str | Path) -> tuple[subprocess.CompletedProcess[bytes], int]:
    """``cleaner batch`` in one process (--jobs 1), and its peak RSS in MB."""
    proc = subprocess.run([sys.executable, "-c", MEASURE, *map(str, args), "--jobs", "1"],
                          capture_output=True, timeout=120, env=env(), check=False)
    lines = proc.stderr.decode().splitlines()
    rss = int(lines.pop().split()[1]) // 1024
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout,
                                       "\n".join(lines).encode()), rss


def test_gz_inputs(tmp_path: Path, recorder: Recorder) -> None:
    inp, out = tmp_path / "in", tmp_path / "out"
    inp.mkdir()
    (inp / "bomb.txt.gz").write_bytes(gzip_bomb())
    (inp / "truncated.txt.gz").write_bytes(truncated_gzip())
    (inp / "fine.txt.gz").write_bytes(gzip.compress(prose(EN).encode(), mtime=0))
    proc, rss = batch(inp, out)
    failed = batch_failures(out / "_report.json")
    check_batch_exit(proc, True)
    assert (out / "fine.txt").read_text().startswith("The city council")
    assert not (out / "bomb.txt").exists() and not (out / "truncated.txt").exists()
    assert rss < BOMB_RSS_MB, f"peak RSS {rss} MB reading a gzip bomb"
    what = f"a .txt.gz that inflates to {GZIP_BOMB_SIZE >> 20} MiB (~1 MB on disk)"
    recorder.check("batch-inputs", "gzip-bomb", "batch", "error: " + failed["bomb.txt.gz"], what)
    recorder.check("batch-inputs", "gzip-truncated", "batch", "error: " + failed["truncated.txt.gz"],
                   "a .txt.gz cut 20 bytes short")


BROKEN = [
    ("good", json.dumps({"id": 1, "text": prose(EN)})),
    ("not-json", '{"text": "The city council met'),
    ("not-an-object", json.dumps([1, 2, 3])),
    ("wrong-type", json.dumps({"text": 5})),
    ("null-field", json.dumps({"text": None})),
    ("missing-field", json.dumps({"url": "https://example.com/a"})),
    ("invalid-utf8", '{"text": "caf\xe9"}'),  # written as latin-1: byte e9
    ("lone-surrogate", json.dumps({"text": prose(EN) + "\udcff"})),
    ("good-last-no-newline", json.dumps({"id": 2, "text": prose(EN)})),
]


def _write_broken(path: Path) -> None:
    data = b"\n\n".join(line.encode("latin-1" if name == "invalid-utf8" else "utf-8")
                        for name, line in BROKEN)
    path.write_bytes(data)


def test_broken_jsonl(tmp_path: Path, recorder: Recorder) -> None:
    _write_broken(tmp_path / "in.jsonl")
    proc, _ = batch(tmp_path / "in.jsonl", tmp_path / "out.jsonl", "--field", "text")
    failed = batch_failures(tmp_path / "out.jsonl.report.json")
    check_batch_exit(proc, True)
    assert no_temp_files(tmp_path) == []
    kept = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text("utf-8").splitlines()]
    assert kept[0]["id"] == 1 and kept[-1]["id"] == 2  # in order, other fields kept
    for n, (name, line) in enumerate(BROKEN):
        reason = failed.get(f"line {2 * n + 1}")  # a blank line between records
        recorder.check("batch-inputs", f"jsonl-{name}", "batch", "error: " + reason if reason else "cleaned",
                       f"JSONL line `{line[:40]}`")
