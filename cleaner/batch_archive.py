"""Archive mode of ``cleaner batch``: WARC and WET files in, one record per page out.

``cleaner batch CC-MAIN-….warc.gz OUT.jsonl`` (or ``OUT.parquet``, or ``-``) cleans every HTML
response of a WARC file, or every conversion record of a WET file, into one output record per page:
``id`` (WARC-Record-ID), ``url`` (WARC-Target-URI), ``date`` (WARC-Date), ``text``, ``title``. IN may
be ``-`` (standard input) or a folder of archives; then OUT is a folder with one ``.jsonl`` per
archive (``x.warc.gz`` -> ``x.warc.jsonl``), unless it names one file (``.jsonl``/``.parquet``/``-``),
which then takes every archive's records in turn. An archive is told from its content (archives.py).

Records are the unit of work: this process reads the archives and sends records to the workers in
chunks of ``RECORDS_PER_TASK``, so ``--jobs`` parallelises inside one archive; the output is written
in archive order. On a Dask cluster (``--scheduler``) with an output folder, the archives are split
across the workers instead, one task each: a worker reads its archive and writes its output, and
only counts and failures come back (IN and OUT must then be paths every worker sees, as in tree
mode).
``--sites`` groups pages by the record's host. Pages that are not to be cleaned (non-200, non-HTML)
are counted in the report's ``skipped_why``; records that cannot be read or cleaned are listed with
their byte offset and reason (exit status 1). ``--resume`` skips every output that is newer than its
archive; an unfinished output is never in place (temp file + rename), so a rerun writes the same
bytes, and a JSONL output file goes on from its last checkpoint (checkpoint.py) rather than from the
start of its archive.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path
from typing import IO, Any

from .archives import Bad, Doc, Event, Skip, is_archive, payload, read_archive, require_fastwarc
from .batch_jsonl import dump_line, jsonl_source
from .batch_parquet import is_parquet, row_sink, string_schema
from .batch_report import Tally, progress, up_to_date, write_report
from .batch_tree import SUFFIXES
from .checkpoint import ResumableJsonl, input_key
from .errors import CleanerError
from .sites import SiteProfile
from .worker import (
    LOCAL,
    Backend,
    BatchError,
    MapRunner,
    Options,
    SiteKeys,
    Worker,
    groups,
    host_of,
    site_rules,
)

COLUMNS = ["id", "url", "date", "text", "title"]
RECORDS_PER_TASK = 8  # pages of a crawl are ~100 KB: small tasks keep the workers evenly busy
HEAD = 512
Row = dict[str, Any]
FileResult = tuple[int, dict[str, int], list[tuple[str, str]], int]  # cleaned, skipped, failed, bytes


@dataclass(frozen=True)
class ArchiveJob:
    """One archive (``src``, ``-`` for stdin) and the output its records go to."""

    name: str
    src: str
    dst: str


def _head(path: Path) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(HEAD)
    except OSError:
        return b""


def is_archive_run(opts: Options) -> bool:
    """Whether ``opts.inp`` is a WARC/WET archive, a folder holding some, or one on standard input."""
    if opts.text_field is not None:
        return False
    if opts.inp == "-":
        peek = getattr(sys.stdin.buffer, "peek", None)
        return peek is not None and is_archive(bytes(peek(HEAD)[:HEAD]))
    path = Path(opts.inp)
    if path.is_file():
        return is_archive(_head(path))
    if not path.is_dir() or next(iter(find_archives(path)), None) is None:
        return False
    for _, _, names in os.walk(path):
        if any(n.removesuffix(".gz").lower().endswith(SUFFIXES) and not n.startswith(".") for n in names):
            raise BatchError(f"{path} holds both pages (.txt/.html) and WARC/WET archives: "
                             "clean them in separate runs")
    return True


def find_archives(root: Path) -> Iterator[tuple[str, Path]]:
    """(relative posix path, path) of every archive below ``root``, sorted; page files (.txt, .html)
    are not opened, hidden files are left out."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            base = name[:-3] if name.endswith(".gz") else name
            if name.startswith(".") or base.lower().endswith(SUFFIXES):
                continue
            path = Path(dirpath) / name
            if is_archive(_head(path)):
                yield path.relative_to(root).as_posix(), path


def _one_file(out: str) -> bool:
    return out == "-" or is_parquet(out) or out.endswith(".jsonl")


def plan_archives(opts: Options) -> list[ArchiveJob]:
    """One job per archive; for a folder IN and a folder OUT, each archive gets its own output."""
    if opts.inp == "-" or Path(opts.inp).is_file():
        name = "stdin" if opts.inp == "-" else Path(opts.inp).name
        if opts.out != "-" and Path(opts.out).is_dir():  # one archive into a folder
            return [ArchiveJob(name, opts.inp, str(Path(opts.out) / f"{name.removesuffix('.gz')}.jsonl"))]
        return [ArchiveJob(name, opts.inp, opts.out)]
    root = Path(opts.inp)
    found = list(find_archives(root))
    if _one_file(opts.out):
        return [ArchiveJob(rel, str(path), opts.out) for rel, path in found]
    out = Path(opts.out)
    if out.resolve().is_relative_to(root.resolve()):
        raise BatchError(f"output folder {out} is inside the input folder {root}; choose another")
    return [ArchiveJob(rel, str(path), str(out / f"{rel.removesuffix('.gz')}.jsonl")) for rel, path in found]


def _report_path(opts: Options) -> Path | None:
    if opts.report:
        return Path(opts.report)
    if _one_file(opts.out) and not Path(opts.out).is_dir():
        return None if opts.out == "-" else Path(opts.out + ".report.json")
    return Path(opts.out) / "_report.json"


# --- reading: events to documents ---------------------------------------------------------------


@contextlib.contextmanager
def _open(src: str) -> Iterator[IO[bytes]]:
    if src == "-":
        yield sys.stdin.buffer
        return
    try:
        fh = open(src, "rb")  # noqa: SIM115 (closed below; the error is ours to word)
    except OSError as exc:
        raise BatchError(f"{src}: cannot read: {exc}") from None
    with fh:
        yield fh


def _docs(events: Iterable[Event], tally: Tally) -> Iterator[Doc]:
    """The documents among ``events``; skips and bad records go to the tally."""
    for e in events:
        if isinstance(e, Doc):
            yield e
        elif isinstance(e, Skip):
            tally.skip(e.reason)
        elif isinstance(e, Bad):
            tally.fail(e.where, e.reason)


def _archive_docs(jobs: list[ArchiveJob], opts: Options, tally: Tally) -> Iterator[Doc]:
    for job in jobs:
        with _open(job.src) as fh:
            yield from _docs(read_archive(fh, opts.config.max_bytes, f"{job.name}: "), tally)


# --- the worker calls ----------------------------------------------------------------------------


def _clean_docs(w: Worker, docs: list[Doc], sites: bool) -> list[tuple[Row | None, str | None]]:
    out: list[tuple[Row | None, str | None]] = []
    for d in docs:
        try:
            text, title = w.clean_page(payload(d), host_of(d.url) if sites else None)
        except CleanerError as exc:
            out.append((None, str(exc)))
        except Exception as exc:  # a bug in one document must not stop the batch
            out.append((None, f"internal error: {type(exc).__name__}: {exc}"))
        else:
            out.append(({"id": d.id, "url": d.url, "date": d.date, "text": text, "title": title}, None))
    return out


def _keys_docs(w: Worker, docs: list[Doc]) -> SiteKeys:
    found = []
    for d in docs:
        site = host_of(d.url)
        if site is not None:
            with contextlib.suppress(Exception):  # reported by the cleaning pass
                found.append((site, *w.keys(payload(d))))
    return found


def learn_archives(opts: Options, jobs: list[ArchiveJob], backend: Backend = LOCAL) -> dict[str, SiteProfile]:
    """Pass 1 of --sites: the profiles of the hosts of every archive's pages."""
    docs = _archive_docs(jobs, opts, Tally())
    return backend.learn(opts, _keys_docs, ((chunk,) for chunk in groups(docs, RECORDS_PER_TASK)), 1)


# --- the run -------------------------------------------------------------------------------------


class RecordBar:
    """The progress bar: records, and MB/s of page bytes read."""

    def __init__(self, enabled: bool) -> None:
        self.bar = progress(None, enabled, "rec")
        self.bytes, self.started = 0, time.monotonic()

    def update(self, records: int, size: int) -> None:
        if self.bar is None:
            return
        self.bytes += size
        self.bar.update(records)
        self.bar.set_postfix_str(f"{self.bytes / 1e6 / max(1e-3, time.monotonic() - self.started):.1f} MB/s")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def run_archives(opts: Options, backend: Backend = LOCAL) -> Tally:
    """Clean the archives of ``opts.inp`` into ``opts.out`` and write the report."""
    require_fastwarc()
    tally = Tally()
    jobs = plan_archives(opts)
    if not jobs:
        raise BatchError(f"{opts.inp}: no WARC or WET archives")
    stdin = jsonl_source("-", spool=opts.sites) if opts.inp == "-" else contextlib.nullcontext(None)
    with stdin as spool:  # stdin is read twice under --sites: spooled to a temp file
        if spool is not None:
            jobs = [replace(j, src=str(spool)) for j in jobs]
        rules = site_rules(learn_archives(opts, jobs, backend)) if opts.sites else None
        todo: list[tuple[str, list[ArchiveJob]]] = []
        for dst, group in _by_output(jobs):
            if resumable(opts, dst) and all(up_to_date(j.src, dst) for j in group):
                tally.skip("output already complete (--resume)")
            else:
                todo.append((dst, group))
        bar = RecordBar(opts.progress)
        try:
            with backend.runner(opts, rules) as runner:
                if opts.scheduler is not None and not _one_file(opts.out):
                    _run_files(runner, [g[0] for _, g in todo], rules is not None, tally, bar)
                else:
                    for dst, group in todo:
                        _run_output(opts, runner, rules is not None, group, dst, tally, bar)
        finally:
            bar.close()
    write_report(tally, _report_path(opts))
    return tally


def resumable(opts: Options, dst: str) -> bool:
    """Whether --resume applies to ``dst``: never to standard input or output (no way to tell that a
    stream is the one a previous run read)."""
    return opts.resume and opts.inp != "-" and dst != "-"


def _by_output(jobs: list[ArchiveJob]) -> Iterator[tuple[str, list[ArchiveJob]]]:
    """Jobs grouped by output, in order (consecutive: a folder's jobs share one file or have one each)."""
    group: list[ArchiveJob] = []
    for job in jobs:
        if group and group[-1].dst != job.dst:
            yield group[-1].dst, group
            group = []
        group.append(job)
    if group:
        yield group[-1].dst, group


def _run_output(opts: Options, runner: MapRunner, sites: bool, jobs: list[ArchiveJob], dst: str,
                tally: Tally, bar: RecordBar) -> None:
    """One output's records, read here and cleaned in chunks by the runner's workers. A JSONL file
    goes through checkpoints (checkpoint.py): --resume after a kill goes on where it stopped."""
    if dst == "-" or is_parquet(dst):
        with row_sink(dst, lambda: string_schema(COLUMNS)) as sink:
            _clean_into(opts, runner, sites, jobs, sink.write, tally, bar)
        return
    key = input_key([j.src for j in jobs], opts.config, sites)
    out = ResumableJsonl(Path(dst), key, resumable(opts, dst))
    try:
        tally.ok += out.done - len(out.failed)
        tally.failed.extend(out.failed)
        _clean_into(opts, runner, sites, jobs, lambda row: out.write(dump_line(row)), tally, bar, out)
        out.finish()
    finally:
        out.close()


def _clean_into(opts: Options, runner: MapRunner, sites: bool, jobs: list[ArchiveJob],
                write: Callable[[Row], None], tally: Tally, bar: RecordBar, out: ResumableJsonl | None = None
                ) -> None:
    sent: deque[list[Doc]] = deque()
    done = out.done if out is not None else 0
    failed = list(out.failed) if out is not None else []

    start = done

    def items() -> Iterator[tuple[list[Doc], bool]]:
        docs = islice(_archive_docs(jobs, opts, tally), start, None)  # skipped records still counted
        for chunk in groups(docs, RECORDS_PER_TASK):
            sent.append(chunk)
            yield chunk, sites

    for results in runner.map(_clean_docs, items()):
        chunk = sent.popleft()
        for doc, (row, err) in zip(chunk, results, strict=True):
            done += 1
            if row is not None:
                write(row)
                tally.ok += 1
            else:
                tally.fail(doc.where, err or "failed")
                failed.append((doc.where, err or "failed"))
        if out is not None:
            out.step(done, failed)
        bar.update(len(chunk), sum(len(d.data) for d in chunk))


# --- on a cluster: whole archives to the workers --------------------------------------------------


def _run_files(runner: MapRunner, jobs: list[ArchiveJob], sites: bool, tally: Tally, bar: RecordBar) -> None:
    """With --scheduler and an output folder, each archive is one task: its worker reads it and writes
    its output (so the paths must be ones every worker sees); only the counts come back."""
    for ok, skipped, failed, size in runner.map(_clean_file, ((j.src, j.dst, j.name, sites) for j in jobs)):
        tally.ok += ok
        for reason, n in skipped.items():
            tally.skipped += n
            tally.skipped_why[reason] += n
        tally.failed.extend(failed)
        bar.update(ok + sum(skipped.values()) + len(failed), size)


def _clean_file(w: Worker, src: str, dst: str, name: str, sites: bool) -> FileResult:
    t = Tally()
    size = 0
    try:
        with open(src, "rb") as fh, row_sink(dst, lambda: string_schema(COLUMNS)) as sink:
            for doc in _docs(read_archive(fh, w.config.max_bytes, f"{name}: "), t):
                size += len(doc.data)
                ((row, err),) = _clean_docs(w, [doc], sites)
                if row is not None:
                    sink.write(row)
                    t.ok += 1
                else:
                    t.fail(doc.where, err or "failed")
    except OSError as exc:
        t.fail(name, f"cannot read or write: {exc}")
    return t.ok, dict(t.skipped_why), t.failed, size
