"""Batch cleaning: a tree of pages, a JSONL corpus or web archives, in parallel, safely, resumably.

The entry points ``cleaner batch`` (``main``) and ``cleaner learn`` (``learn_main``): they parse the
options, choose where the work runs and hand over to tree mode (batch_tree.py), JSONL mode
(batch_jsonl.py) or archive mode (batch_archive.py: WARC/WET in, JSONL or Parquet out). ``--sites``
first learns each site's chrome across its pages (sites.py).

Safety: every output is written to a temp file and renamed into place, so a killed run leaves no
partial output; ``--resume`` skips outputs newer than their input; a bad input is listed in the
report with its reason and the run goes on (exit 1 at the end). Inputs are only ever read.

Where the work runs is a ``Backend`` (worker.py): a process pool on this machine or, with
``--scheduler``, a Dask cluster (dask.py). Planning, output naming, writing and the report are the
same code for both.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from .atomic import write_atomic
from .batch_archive import is_archive_run, learn_archives, plan_archives, run_archives
from .batch_jsonl import jsonl_source, learn_jsonl, run_jsonl
from .batch_parquet import is_parquet_run, run_parquet
from .batch_report import Tally
from .batch_tree import check_tree, learn_tree, plan_tree, run_tree
from .errors import CleanerError
from .options import add_config_args, config_from_args
from .sites import SiteProfile, rules_file
from .worker import LOCAL, Backend, Options


def _parser(prog: str) -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog=prog, description=__doc__.split("\n\n")[0])
    add_config_args(ap)
    ap.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1, help="worker processes")
    ap.add_argument("--field", help="JSONL: the field holding the page (text or HTML)")
    ap.add_argument("--url-field", help="JSONL: the field holding the page URL (groups pages for --sites)")
    ap.add_argument("--scheduler", metavar="ADDRESS",
                    help="run on a Dask cluster (tcp://HOST:8786), or 'local' for a LocalCluster of --jobs "
                         "workers; needs pip install 'cleaner[dask]'")
    return ap


def parse_args(argv: list[str] | None) -> Options:
    ap = _parser("cleaner batch")
    ap.add_argument("inp", metavar="IN", help="input folder, JSONL file, or WARC/WET archives (- for stdin)")
    ap.add_argument("out", metavar="OUT", help="output folder, or a JSONL or .parquet file (- for stdout)")
    ap.add_argument("--out-field", help="JSONL: write the body here (default: replace --field)")
    ap.add_argument("--resume", action="store_true", help="skip outputs newer than their input")
    ap.add_argument("--sites", action="store_true", help="learn each site's chrome across its pages first")
    ap.add_argument("--report", help="JSON report of failures (default OUT_DIR/_report.json)")
    a = ap.parse_args(argv)
    return Options(inp=a.inp, out=a.out, config=config_from_args(a), jobs=max(1, a.jobs), resume=a.resume,
                   sites=a.sites, report=a.report, text_field=a.field, url_field=a.url_field,
                   out_field=a.out_field, progress=sys.stderr.isatty(), scheduler=a.scheduler)


@contextlib.contextmanager
def open_backend(opts: Options) -> Iterator[Backend]:
    """The local backend, or a Dask client on ``opts.scheduler`` for the length of the run."""
    if opts.scheduler is None:
        yield LOCAL
        return
    from .dask import dask_backend  # imports Dask itself only when called

    with dask_backend(opts.scheduler, opts.jobs) as backend:
        yield backend


def main(argv: list[str] | None = None) -> int:
    """``cleaner batch``: 0 all cleaned, 1 some inputs failed (see the report), 2 could not start."""
    try:
        opts = parse_args(argv)
        if opts.scheduler is not None:  # workers may run in another folder
            opts = replace(opts, inp=_absolute(opts.inp), out=_absolute(opts.out),
                           report=opts.report and _absolute(opts.report))
        with open_backend(opts) as backend:
            tally = _run(opts, backend)
    except (CleanerError, OSError) as exc:  # OSError: OUT not writable, disk full for the report
        print(f"cleaner batch: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("cleaner batch: interrupted; rerun with --resume to finish", file=sys.stderr)
        return 130
    print(tally.summary(opts.jobs), file=sys.stderr)
    return 1 if tally.failed else 0


def _run(opts: Options, backend: Backend) -> Tally:
    if is_archive_run(opts):
        return run_archives(opts, backend)
    if is_parquet_run(opts):
        return run_parquet(opts, backend)
    return run_jsonl(opts, backend) if opts.jsonl else run_tree(opts, backend)


def _absolute(path: str) -> str:
    return path if path == "-" else os.path.abspath(path)


def learn_main(argv: list[str] | None = None) -> int:
    """``cleaner learn IN -o RULES.toml``: what --sites would learn, as a rule file."""
    ap = _parser("cleaner learn")
    ap.add_argument("inp", metavar="IN", help="input folder, or a JSONL file (- for stdin)")
    ap.add_argument("-o", "--output", default="-", help="rule file to write (default: stdout)")
    a = ap.parse_args(argv)
    inp = _absolute(a.inp) if a.scheduler else a.inp  # workers may run in another folder
    opts = Options(inp=inp, out=a.output, config=config_from_args(a), jobs=max(1, a.jobs), sites=True,
                   text_field=a.field, url_field=a.url_field, progress=sys.stderr.isatty(),
                   scheduler=a.scheduler)
    try:
        with open_backend(opts) as backend:
            text = rules_file(learn(opts, backend)).encode()
        if a.output == "-":
            sys.stdout.buffer.write(text)
        else:
            write_atomic(Path(a.output), text)
    except CleanerError as exc:
        print(f"cleaner learn: error: {exc}", file=sys.stderr)
        return 2
    return 0


def learn(opts: Options, backend: Backend = LOCAL) -> dict[str, SiteProfile]:
    """Pass 1 of --sites over a tree or a JSONL file: the profile of every site that taught something."""
    if is_archive_run(opts):
        return learn_archives(opts, plan_archives(opts), backend)
    if opts.jsonl:
        with jsonl_source(opts.inp) as src:
            return learn_jsonl(opts, src, backend)
    inp = Path(opts.inp)
    check_tree(inp)
    return learn_tree(opts, plan_tree(inp, None, Tally()), backend)
