"""``cleaner review INPUT... -o review.html``: one HTML page showing what was removed and why.

A thin shell: inputs are listed by review_inputs.py, cleaned and gathered by review_model.py, drawn
by review_page.py. A document that cannot be read or cleaned is shown in the page with its reason
and named on stderr (exit 2 at the end, as ``cleaner`` does with several inputs); a usage error or
a missing input stops before any work, with one line on stderr and exit 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .api import Cleaner
from .atomic import write_atomic
from .batch_report import Tally
from .errors import CleanerError
from .options import STDIO, add_config_args, config_from_args
from .review_inputs import SEED, check_inputs, sample, sources
from .review_model import review
from .review_page import page

PROG = "cleaner review"


class _Parser(argparse.ArgumentParser):
    """Usage errors as one line (CleanerError), like every other error of the command."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise CleanerError(message)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog=PROG, description="Write one HTML page showing, for every document, the text with the "
        "removed blocks struck through and why, and which reasons removed the most words.")
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="page dumps or HTML files, folders of them, or JSONL corpora (.jsonl, .jsonl.gz)")
    p.add_argument("-o", "--output", required=True, metavar="PAGE",
                   help="the HTML page to write ('-': stdout)")
    p.add_argument("--field", default="text", help="JSONL: the field holding the page (default: text)")
    p.add_argument("--sample", type=int, metavar="N",
                   help=f"review N documents drawn at random (fixed seed {SEED}: the same N every run)")
    add_config_args(p)
    return p


def main(argv: list[str] | None = None) -> int:
    """0: the page is written; 2: it could not be, or some documents could not be cleaned."""
    try:
        return run(build_parser().parse_args(argv))
    except KeyboardInterrupt:
        return 130
    except (CleanerError, OSError) as exc:
        text = f"{exc.filename}: {exc.strerror or exc}" if isinstance(exc, OSError) and exc.filename else exc
        return _error(" ".join(str(text).split()))


def run(args: argparse.Namespace) -> int:
    if args.sample is not None and args.sample < 1:
        raise CleanerError("--sample needs a positive number of documents")
    check_inputs(args.inputs)
    out = None if args.output == STDIO else Path(args.output)
    if out is not None and any(_same(out, inp) for inp in args.inputs):
        raise CleanerError(f"{out}: refusing to overwrite an input")
    cleaner = Cleaner(config_from_args(args))
    skipped = Tally()
    chosen = sample(sources(args.inputs, args.field, cleaner.config.max_bytes, skipped), args.sample)
    failures: list[str] = []
    result = review(cleaner, chosen, lambda name, why: failures.append(f"{name}: {why}"))
    for rel, why in skipped.failed:
        result.add(rel, None, why)
        failures.append(f"{rel}: {why}")
    html = page(result.data())
    if out is None:
        sys.stdout.buffer.write(html)
        sys.stdout.buffer.flush()
    else:
        write_atomic(out, html)
    for line in failures:
        _error(line)
    return 2 if failures else 0


def _same(out: Path, inp: str) -> bool:
    try:
        return inp != STDIO and os.path.samefile(out, inp)
    except OSError:
        return False


def _error(message: str) -> int:
    sys.stderr.write(f"{PROG}: error: {message}\n")
    sys.stderr.flush()
    return 2
