"""JSONL mode of ``cleaner batch IN.jsonl OUT.jsonl --field text``: one field of every record is
cleaned, the others are kept (``-`` is stdin / stdout; .gz input is read as gzip).

Records travel to workers in chunks of ``CHUNK`` lines; this process writes the one output file in
input order, through a temp file renamed onto OUT only when the run completes.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from .atomic import TMP_SUFFIX, atomic_open
from .batch_report import Tally, emit, progress, up_to_date, write_report
from .errors import CleanerError
from .sites import SiteProfile
from .worker import (
    CHUNK,
    LOCAL,
    Backend,
    BatchError,
    Fields,
    Options,
    SiteKeys,
    Worker,
    groups,
    host_of,
    site_rules,
)

Line = tuple[int, bytes | None]  # JSONL line number and bytes (None: too long)
Outcome = tuple[int, bytes | None, str | None]  # line number, output line or None, failure reason


def fields(opts: Options) -> Fields:
    """The record fields of a run: ``--field`` (default ``text``), ``--url-field``, ``--out-field``."""
    name = opts.text_field or "text"
    return Fields(name, opts.url_field, opts.out_field or name)


def _lines(fh: IO[bytes], max_bytes: int) -> Iterator[Line]:
    """(line number, line) of a byte stream; None for a line longer than ``max_bytes``."""
    n = 0
    while True:
        line = fh.readline(max_bytes + 1)
        if not line:
            return
        n += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = fh.readline(1 << 20)
            yield n, None
            continue
        if line.strip():
            yield n, line


def _record(raw: bytes | None, f: Fields) -> tuple[dict[str, Any] | None, str]:
    """The parsed record and its page text, or None and the reason it is unusable."""
    if raw is None:
        return None, "line too long"
    try:
        rec = json.loads(raw)
    except ValueError as exc:
        return None, f"not JSON: {exc}"
    if not isinstance(rec, dict):
        return None, "not a JSON object"
    if f.text not in rec:
        return None, f"no field {f.text!r}"
    if not isinstance(rec[f.text], str):
        return None, f"field {f.text!r} is {type(rec[f.text]).__name__}, not a string"
    return rec, rec[f.text]


def _clean_one(w: Worker, raw: bytes | None, f: Fields) -> tuple[bytes | None, str | None]:
    rec, text = _record(raw, f)
    if rec is None:
        return None, text
    try:
        rec[f.out] = w.clean(text, host_of(rec.get(f.url)) if f.url else None)
    except CleanerError as exc:
        return None, str(exc)
    except Exception as exc:  # a bug in one document must not stop the batch
        return None, f"internal error: {type(exc).__name__}: {exc}"
    return dump_line(rec), None


def dump_line(rec: dict[str, Any]) -> bytes:
    """One output line. A lone surrogate (valid JSON: ``"\\udcff"``) cannot be UTF-8: such a record is
    written with ASCII escapes, as it came in, instead of failing the whole run."""
    try:
        return json.dumps(rec, ensure_ascii=False).encode() + b"\n"
    except UnicodeEncodeError:
        return json.dumps(rec).encode() + b"\n"


def _clean_chunk(w: Worker, chunk: list[Line], f: Fields) -> list[Outcome]:
    return [(n, *_clean_one(w, raw, f)) for n, raw in chunk]


def _keys_chunk(w: Worker, chunk: list[Line], f: Fields) -> SiteKeys:
    out = []
    for _, raw in chunk:
        rec, text = _record(raw, f)
        site = host_of(rec.get(f.url)) if rec is not None and f.url else None
        if rec is None or site is None:
            continue
        with contextlib.suppress(Exception):
            out.append((site, *w.keys(text)))
    return out


@contextlib.contextmanager
def jsonl_source(inp: str, spool: bool = True) -> Iterator[Path | None]:
    """The input as a re-readable path; stdin is spooled to a temp file (two passes need it twice),
    or None when it is read only once."""
    if inp == "-" and not spool:
        yield None
        return
    if inp != "-":
        if not Path(inp).is_file():
            raise BatchError(f"{inp}: no such file")
        yield Path(inp)
        return
    with tempfile.NamedTemporaryFile(prefix="cleaner-stdin-", suffix=".jsonl") as tmp:
        while block := sys.stdin.buffer.read(1 << 20):
            tmp.write(block)
        tmp.flush()
        yield Path(tmp.name)


def _open_jsonl(path: Path) -> IO[bytes]:
    try:
        return gzip.open(path, "rb") if path.suffix == ".gz" else open(path, "rb")  # type: ignore[return-value]
    except OSError as exc:
        raise BatchError(f"{path}: cannot read: {exc}") from None


def learn_jsonl(opts: Options, src: Path | None, backend: Backend = LOCAL) -> dict[str, SiteProfile]:
    """Pass 1 of --sites: the profiles of the sites (URL hosts) of the records in ``src``."""
    if src is None or not opts.url_field:
        return {}
    f = fields(opts)
    with _open_jsonl(src) as fh:
        chunks = ((c, f) for c in groups(_lines(fh, opts.config.max_bytes), CHUNK))
        return backend.learn(opts, _keys_chunk, chunks, 1)


def _check_jsonl(opts: Options) -> None:
    if opts.inp != "-" and opts.out != "-":
        with contextlib.suppress(OSError):
            if Path(opts.out).exists() and os.path.samefile(opts.inp, opts.out):
                raise BatchError(f"output {opts.out} is the input; choose another")
    if opts.sites and not opts.url_field:
        raise BatchError("--sites on JSONL needs --url-field (pages are grouped by host)")


@contextlib.contextmanager
def jsonl_sink(out: str) -> Iterator[IO[bytes]]:
    """stdout, or a temp file renamed onto ``out`` when (and only when) the run completes."""
    if out == "-":
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    path = Path(out)
    # a killed run's temporary files (as batch_tree.sweep_temps)
    for stale in path.parent.glob(f".{path.name}.*{TMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            stale.unlink()
    with atomic_open(path) as fh:
        yield fh


def _jsonl_report(opts: Options) -> Path | None:
    if opts.report:
        return Path(opts.report)
    return None if opts.out == "-" else Path(opts.out + ".report.json")


def run_jsonl(opts: Options, backend: Backend = LOCAL) -> Tally:
    """Clean the records of ``opts.inp`` into ``opts.out`` and write the report (OUT.report.json)."""
    _check_jsonl(opts)
    tally, f = Tally(), fields(opts)
    if opts.resume and opts.inp != "-" and opts.out != "-" and up_to_date(opts.inp, opts.out):
        tally.skipped = 1
        return tally
    with jsonl_source(opts.inp, spool=opts.sites) as src:
        rules = site_rules(learn_jsonl(opts, src, backend)) if opts.sites else None
        fh = _open_jsonl(src) if src is not None else sys.stdin.buffer
        bar = progress(None, opts.progress)
        with fh, jsonl_sink(opts.out) as sink, backend.runner(opts, rules) as runner:
            chunks = ((c, f) for c in groups(_lines(fh, opts.config.max_bytes), CHUNK))
            for results in runner.map(_clean_chunk, chunks):
                emit(results, sink.write, tally, bar, "line")
        if bar is not None:
            bar.close()
    write_report(tally, _jsonl_report(opts))
    return tally
