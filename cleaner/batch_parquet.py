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
from .batch_jsonl import dump_line, jsonl_sink
from .errors import CleanerError

if TYPE_CHECKING:
    import pyarrow as pa

INSTALL = "pip install 'cleaner[parquet]'"
GROUP_ROWS = 2000
GROUP_BYTES = 64 << 20


class RowSink(Protocol):
    def write(self, row: dict[str, Any]) -> None:
        ...


def require_pyarrow() -> None:
    """A one-line CleanerError naming the extra if pyarrow is not importable."""
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError as exc:
        raise CleanerError(f"Parquet needs pyarrow ({exc.name} is not installed): {INSTALL}") from None


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
