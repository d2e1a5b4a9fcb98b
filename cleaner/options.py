"""Command-line helpers shared by ``cleaner`` (cli.py) and ``cleaner batch``/``learn`` (batch.py).

The options that build a Config, and reading one input's raw bytes. A leaf: it imports neither
command, so both can import it.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO

from .config import Config, Mode
from .decode import check_encoding
from .errors import InputError

STDIO = "-"


def add_config_args(p: argparse.ArgumentParser) -> None:
    """The options that make the Config (``config_from_args``); shared with ``cleaner batch``/``learn``."""
    p.add_argument("--rules", action="append", default=[], metavar="FILE",
                   help="add a TOML rule file (repeatable); loaded after the built-in rules")
    p.add_argument("--no-default-rules", action="store_true", help="leave the built-in rules out")
    p.add_argument("--mode", choices=[m.value for m in Mode], default=Config().mode.value,
                   help="how aggressive removal is: precision removes more, recall keeps more")
    p.add_argument("--no-headline", action="store_true",
                   help="leave the headline that leads the body out of the text (it stays the JSON title)")
    p.add_argument("--encoding", metavar="CODEC",
                   help="decode input with CODEC instead of detecting (BOM, UTF-8, charset detection)")
    p.add_argument("--timeout", type=float, metavar="SECONDS",
                   help=f"give up on a document after SECONDS (default {Config().timeout:g}; 0: no limit)")


def config_from_args(args: argparse.Namespace) -> Config:
    """The Config of the options ``add_config_args`` added."""
    timeout = Config().timeout if args.timeout is None else (args.timeout if args.timeout > 0 else None)
    return Config(
        mode=Mode(args.mode),
        rule_files=tuple(Path(p) for p in args.rules),
        default_rules=not args.no_default_rules,
        headline=not args.no_headline,
        encoding=check_encoding(args.encoding) if args.encoding else None,
        timeout=timeout,
    )


def read_input(source: str | Path, max_bytes: int) -> bytes:
    """The raw bytes of a file ('-': stdin), decompressed if its name ends in .gz; decoding is the
    library's. Reads at most one byte past ``max_bytes`` (a gzip bomb stops there): Cleaner refuses
    that. A truncated .gz is an InputError; other read failures are the OSError."""
    if source == STDIO:
        return sys.stdin.buffer.read(max_bytes + 1)
    opener: Callable[..., IO[bytes]] = gzip.open if str(source).endswith(".gz") else open  # type: ignore[assignment]
    with opener(source, "rb") as fh:
        try:
            return fh.read(max_bytes + 1)
        except EOFError as exc:
            raise InputError(f"cannot read: {exc}") from None
