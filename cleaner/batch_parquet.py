"""Parquet for ``cleaner batch``: the row sinks (``OUT.parquet``, or JSONL) and Parquet input.

``row_sink(out, schema)`` is where a run's output rows go: a Parquet file when ``out`` ends in
``.parquet`` (pyarrow, ``pip install 'cleaner[parquet]'``), else JSONL (a file or ``-``). Parquet rows
are written a row group at a time as the group fills (``GROUP_ROWS`` rows or ``GROUP_BYTES`` of
text), never the whole corpus in memory, through a temp file renamed onto OUT when the run completes,
so ``datasets.load_dataset("parquet", data_files=OUT)`` reads the result.

``cleaner batch IN.parquet OUT.parquet --field text`` (Parquet in) cleans one string column of
every row and keeps the others; it reads ``CHUNK`` rows at a time.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol

from .atomic import TMP_SUFFIX, atomic_open
from .batch_jsonl import dump_line, fields, jsonl_sink
from .batch_report import Tally, emit, progress, up_to_date, write_report
from .errors import CleanerError, require
from .worker import CHUNK, LOCAL, Backend, BatchError, Fields, Options, SiteKeys, Worker, host_of, site_rules

if TYPE_CHECKING:
    import pyarrow as pa

GROUP_ROWS = 2000
GROUP_BYTES = 64 << 20
Result = tuple[dict[str, Any] | None, str | None]  # a cleaned row, or None and why not


class RowSink(Protocol):
    def write(self, row: dict[str, Any]) -> None:
        ...


def require_pyarrow() -> None:
    """A one-line CleanerError naming the extra if pyarrow is not importable."""
    require("Parquet needs pyarrow", "parquet", "pyarrow.parquet")


def is_parquet(path: str) -> bool:
    return path.lower().endswith(".parquet")


class JsonlRows:
    """Rows as JSON lines on a byte stream."""

    def __init__(self, fh: IO[bytes]) -> None:
        self.fh = fh

    def write(self, row: dict[str, Any]) -> None:
        self.fh.write(dump_line(row))


class ParquetRows:
    """Rows into a Parquet file of ``schema``, one row group each time ``GROUP_ROWS`` rows or
    ``GROUP_BYTES`` of strings are buffered."""

    def __init__(self, fh: IO[bytes], schema: pa.Schema) -> None:
        import pyarrow.parquet as pq

        self.schema = schema
        self.writer = pq.ParquetWriter(fh, schema, compression="zstd")
        self.rows: list[dict[str, Any]] = []
        self.size = 0

    def write(self, row: dict[str, Any]) -> None:
        self.rows.append(row)
        self.size += sum(len(v) for v in row.values() if isinstance(v, str | bytes))
        if len(self.rows) >= GROUP_ROWS or self.size >= GROUP_BYTES:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            import pyarrow as pa

            self.writer.write_table(pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows, self.size = [], 0

    def close(self) -> None:
        self.flush()
        self.writer.close()


def string_schema(names: list[str]) -> pa.Schema:
    """A schema of nullable string columns (the archive records' id, url, date, text, title)."""
    import pyarrow as pa

    return pa.schema([(n, pa.string()) for n in names])


@contextlib.contextmanager
def row_sink(out: str, schema: Any) -> Iterator[RowSink]:
    """Where rows go: ``out`` as Parquet (``schema``: a pyarrow schema, or a callable making one) or
    JSONL; the file appears only when the block completes."""
    if not is_parquet(out):
        with jsonl_sink(out) as fh:
            yield JsonlRows(fh)
        return
    require_pyarrow()
    path = Path(out)
    for stale in path.parent.glob(f".{path.name}.*{TMP_SUFFIX}"):  # a killed run's
        with contextlib.suppress(OSError):
            stale.unlink()
    with atomic_open(path) as fh:
        rows = ParquetRows(fh, schema() if callable(schema) else schema)
        yield rows
        rows.close()


# --- Parquet in ----------------------------------------------------------------------------------


def is_parquet_run(opts: Options) -> bool:
    """Whether ``opts.inp`` is a Parquet file (told from its first bytes, ``PAR1``)."""
    if opts.inp == "-" or not Path(opts.inp).is_file():
        return False
    with open(opts.inp, "rb") as fh:
        return fh.read(4) == b"PAR1"


def _rows(path: str) -> Iterator[list[dict[str, Any]]]:
    import pyarrow.parquet as pq

    for batch in pq.ParquetFile(path).iter_batches(batch_size=CHUNK):
        yield batch.to_pylist()


def _clean_rows(w: Worker, rows: list[dict[str, Any]], f: Fields) -> list[Result]:
    out: list[Result] = []
    for row in rows:
        text = row.get(f.text)
        if not isinstance(text, str):
            out.append((None, f"field {f.text!r} is {type(text).__name__}, not a string"))
            continue
        try:
            row[f.out] = w.clean(text, host_of(row.get(f.url)) if f.url else None)
        except CleanerError as exc:
            out.append((None, str(exc)))
        except Exception as exc:  # a bug in one document must not stop the batch
            out.append((None, f"internal error: {type(exc).__name__}: {exc}"))
        else:
            out.append((row, None))
    return out


def _keys_rows(w: Worker, rows: list[dict[str, Any]], f: Fields) -> SiteKeys:
    found = []
    for row in rows:
        site, text = host_of(row.get(f.url)) if f.url else None, row.get(f.text)
        if site is not None and isinstance(text, str):
            with contextlib.suppress(Exception):  # reported by the cleaning pass
                found.append((site, *w.keys(text)))
    return found


def _out_schema(path: str, f: Fields) -> pa.Schema:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pq.read_schema(path)
    if f.text not in schema.names:
        raise BatchError(f"{path}: no column {f.text!r} (columns: {', '.join(schema.names)})")
    if f.out in schema.names:
        return schema.set(schema.get_field_index(f.out), pa.field(f.out, pa.string()))
    return schema.append(pa.field(f.out, pa.string()))


def run_parquet(opts: Options, backend: Backend = LOCAL) -> Tally:
    """Clean one column of every row of the Parquet file ``opts.inp`` into ``opts.out`` (Parquet or
    JSONL; the other columns kept) and write the report (OUT.report.json)."""
    require_pyarrow()
    tally, f = Tally(), fields(opts)
    if opts.sites and not f.url:
        raise BatchError("--sites on Parquet needs --url-field (pages are grouped by host)")
    if opts.resume and opts.out != "-" and up_to_date(opts.inp, opts.out):
        tally.skipped = 1
        return tally
    schema = _out_schema(opts.inp, f)
    rules = None
    if opts.sites:
        rules = site_rules(backend.learn(opts, _keys_rows, ((rows, f) for rows in _rows(opts.inp)), 1))
    bar = progress(None, opts.progress)
    n = 0
    with row_sink(opts.out, schema) as sink, backend.runner(opts, rules) as runner:
        for results in runner.map(_clean_rows, ((rows, f) for rows in _rows(opts.inp))):
            emit([(n + k, row, err) for k, (row, err) in enumerate(results, start=1)], sink.write, tally, bar,
                 "row")
            n += len(results)
    if bar is not None:
        bar.close()
    write_report(tally, Path(opts.report) if opts.report else
                 (None if opts.out == "-" else Path(opts.out + ".report.json")))
    return tally
