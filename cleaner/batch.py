"""Batch cleaning: a tree of pages or a JSONL corpus, in parallel, safely, resumably.

``cleaner batch IN_DIR OUT_DIR`` mirrors every .txt/.html/.htm (and .gz of them) below IN_DIR into
OUT_DIR (``x.html`` -> ``x.txt``). ``cleaner batch IN.jsonl OUT.jsonl --field text`` cleans one
field of every record and keeps the others (``-`` is stdin / stdout). ``--sites`` first learns each
site's chrome across its pages (cleaner/sites.py), then cleans every page with its site's rules.

Safety: every output is written to a temp file and renamed into place, so a killed run leaves no
partial output; ``--resume`` skips outputs newer than their input; a bad input is listed in the
report with its reason and the run goes on (exit 1 at the end). Inputs are only ever read.

Where the work runs is a ``Backend``: ``LocalBackend`` (a process pool on this machine) or, with
``--scheduler``, a Dask cluster (cleaner/dask.py). Planning, output naming, writing and the report are
the same code for both.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import signal
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any, Protocol
from urllib.parse import urlsplit

from .api import Cleaner
from .atomic import TMP_SUFFIX, atomic_open, write_atomic
from .config import Config
from .errors import CleanerError, InputError
from .options import add_config_args, config_from_args
from .options import read_input as read_bytes
from .rules import parse_rules
from .sites import Learning, PageKeys, Places, SiteLearner, SiteProfile, page_lines, rules_file

SUFFIXES = (".txt", ".html", ".htm")
Line = tuple[int, bytes | None]  # JSONL line number and bytes (None: too long)
Outcome = tuple[int, bytes | None, str | None]  # line number, output line or None, failure reason
SiteKeys = list[tuple[str, PageKeys, Places]]  # what a learning call returns, per page: site, keys, places
FILES_PER_TASK = 8  # files are sent to workers in groups: fewer round trips
CHUNK = 64  # JSONL records per task: small enough for bounded memory, big enough to amortise pickling


class BatchError(CleanerError):
    """The batch cannot start (bad paths, OUT inside IN): a one-line message, exit 2."""


# --- options -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Options:
    """One batch run, as parsed from the command line."""

    inp: str
    out: str
    config: Config
    jobs: int = 1
    resume: bool = False
    sites: bool = False
    report: str | None = None
    text_field: str | None = None
    url_field: str | None = None
    out_field: str | None = None
    progress: bool = False
    learning: Learning = field(default_factory=Learning)
    scheduler: str | None = None

    @property
    def jsonl(self) -> bool:
        return self.text_field is not None or self.inp == "-" or self.inp.endswith((".jsonl", ".jsonl.gz"))


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
    ap.add_argument("inp", metavar="IN", help="input folder, or a JSONL file (- for stdin)")
    ap.add_argument("out", metavar="OUT", help="output folder, or a JSONL file (- for stdout)")
    ap.add_argument("--out-field", help="JSONL: write the body here (default: replace --field)")
    ap.add_argument("--resume", action="store_true", help="skip outputs newer than their input")
    ap.add_argument("--sites", action="store_true", help="learn each site's chrome across its pages first")
    ap.add_argument("--report", help="JSON report of failures (default OUT_DIR/_report.json)")
    a = ap.parse_args(argv)
    return Options(inp=a.inp, out=a.out, config=config_from_args(a), jobs=max(1, a.jobs), resume=a.resume,
                   sites=a.sites, report=a.report, text_field=a.field, url_field=a.url_field,
                   out_field=a.out_field, progress=sys.stderr.isatty(), scheduler=a.scheduler)


# --- reading one document ----------------------------------------------------------------------


def read_input(path: Path, max_bytes: int) -> bytes:
    """The bytes of one input (options.read_input: decompressed if .gz); a failure is an InputError whose
    text is the report's reason, and so is more than ``max_bytes`` (a gzip bomb stops there)."""
    try:
        data = read_bytes(path, max_bytes)
    except OSError as exc:
        raise InputError(f"cannot read: {exc}") from None
    if len(data) > max_bytes:
        raise InputError(f"larger than {max_bytes} bytes")
    return data  # NUL bytes are the decoder's call: UTF-16/32 without a BOM has them, and is text


# --- the worker: one per process, builds its Cleaners once ---------------------------------------


class Worker:
    """Cleans documents with the base Cleaner or, under --sites, with the page's site rules."""

    def __init__(self, config: Config, site_rules: dict[str, str] | None = None) -> None:
        self.config = config
        self.base = Cleaner(config)
        self.site_rules = site_rules or {}
        self._cleaners: dict[str, Cleaner] = {}

    def cleaner(self, site: str | None) -> Cleaner:
        toml = self.site_rules.get(site) if site is not None else None
        if site is None or toml is None:
            return self.base
        if site not in self._cleaners:
            if len(self._cleaners) >= 256:
                self._cleaners.clear()
            self._cleaners[site] = Cleaner(self.config, parse_rules(toml, f"<learnt: {site}>"))
        return self._cleaners[site]

    def clean(self, data: str | bytes, site: str | None) -> str:
        return self.cleaner(site).clean(data).text  # Cleaner.clean applies config.timeout

    def keys(self, data: str | bytes) -> tuple[PageKeys, Places]:
        """What pass 1 learns from a page: its lines, and where they are relative to its own body."""
        return page_lines(*self.base.judge(data))


_WORKER: Worker | None = None  # set in each pool process by _init; never at import


def _init(config: Config, site_rules: dict[str, str] | None) -> None:
    global _WORKER
    # Ctrl-C reaches the whole process group: only the parent acts on it (it cancels what is queued
    # and the pool drains); a worker that raised KeyboardInterrupt mid-task could hang the shutdown.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER = Worker(config, site_rules)


class Runner:
    """Runs worker calls inline (--jobs 1) or in a process pool, always returning results in order."""

    def __init__(self, opts: Options, site_rules: dict[str, str] | None = None) -> None:
        self.jobs = opts.jobs
        self.worker = Worker(opts.config, site_rules)
        self.pool: Executor | None = None
        if opts.jobs > 1:
            self.pool = ProcessPoolExecutor(opts.jobs, initializer=_init,
                                            initargs=(opts.config, site_rules))

    def map(self, fn: Callable[..., Any], items: Iterable[tuple[Any, ...]], batch: int = 1) -> Iterator[Any]:
        """``fn(worker, *item)`` over items, in order; ``batch`` items a task, at most 4 x jobs tasks
        in flight (so memory stays bounded however long ``items`` is)."""
        pool = self.pool
        if pool is None:
            for item in items:
                yield fn(self.worker, *item)
            return
        yield from windowed(lambda group: pool.submit(_remote, fn, group), items, batch, 4 * self.jobs)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _remote(fn: Callable[..., Any], group: list[tuple[Any, ...]]) -> list[Any]:
    assert _WORKER is not None, "worker not initialised"
    return [fn(_WORKER, *item) for item in group]


def windowed(submit: Callable[[list[tuple[Any, ...]]], Any], items: Iterable[tuple[Any, ...]], batch: int,
             window: int) -> Iterator[Any]:
    """The results of ``submit(group)`` (a future of a list) for each group of ``batch`` items, in
    order, with at most ``window`` groups submitted and not yet consumed."""
    pending: deque[Any] = deque()
    for group in _groups(items, batch):
        pending.append(submit(group))
        if len(pending) >= window:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def _groups(items: Iterable[tuple[Any, ...]], size: int) -> Iterator[list[tuple[Any, ...]]]:
    group: list[tuple[Any, ...]] = []
    for item in items:
        group.append(item)
        if len(group) >= size:
            yield group
            group = []
    if group:
        yield group


class MapRunner(Protocol):
    """What the batch needs of a runner: ordered ``fn(worker, *item)`` results, and closing."""

    def map(self, fn: Callable[..., Any], items: Iterable[tuple[Any, ...]], batch: int = 1) -> Iterator[Any]:
        ...

    def __enter__(self) -> MapRunner:
        ...

    def __exit__(self, *exc: object) -> None:
        ...


class Backend(Protocol):
    """Where worker calls run. ``learn`` maps ``fn`` (returning ``SiteKeys``) over items and reduces the
    keys to site profiles; ``runner`` cleans with the learnt rules."""

    def runner(self, opts: Options, site_rules: dict[str, str] | None = None) -> MapRunner:
        ...

    def learn(self, opts: Options, fn: Callable[..., SiteKeys], items: Iterable[tuple[Any, ...]],
              batch: int) -> dict[str, SiteProfile]:
        ...


class LocalBackend:
    """This machine: a process pool of ``--jobs`` workers; pass-1 counts are kept in this process."""

    def runner(self, opts: Options, site_rules: dict[str, str] | None = None) -> MapRunner:
        return Runner(opts, site_rules)

    def learn(self, opts: Options, fn: Callable[..., SiteKeys], items: Iterable[tuple[Any, ...]],
              batch: int) -> dict[str, SiteProfile]:
        learner = SiteLearner(opts.learning)
        with Runner(opts) as runner:
            for found in runner.map(fn, items, batch):
                for site, keys, places in found:
                    learner.add_keys(site, keys, places)
        return learner.profiles()


LOCAL = LocalBackend()


@contextlib.contextmanager
def open_backend(opts: Options) -> Iterator[Backend]:
    """The local backend, or a Dask client on ``opts.scheduler`` for the length of the run."""
    if opts.scheduler is None:
        yield LOCAL
        return
    from .dask import dask_backend  # imports Dask itself only when called

    with dask_backend(opts.scheduler, opts.jobs) as backend:
        yield backend


# --- results and the report --------------------------------------------------------------------


@dataclass
class Tally:
    """What happened to each input; becomes the report."""

    ok: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)

    def fail(self, where: str, reason: str) -> None:
        self.failed.append((where, reason))

    def to_json(self) -> dict[str, Any]:
        return {"cleaned": self.ok, "skipped": self.skipped, "failed": len(self.failed),
                "errors": [{"input": w, "reason": r} for w, r in sorted(self.failed)]}

    def summary(self, jobs: int) -> str:
        took = time.monotonic() - self.started
        return (f"cleaner batch: {self.ok} cleaned, {self.skipped} skipped, {len(self.failed)} failed "
                f"in {took:.1f}s ({jobs} job{'s' if jobs > 1 else ''})")


def write_report(tally: Tally, path: Path | None) -> None:
    if path is not None:
        write_atomic(path, (json.dumps(tally.to_json(), indent=1, ensure_ascii=False) + "\n").encode())


def _progress(total: int | None, enabled: bool) -> Any:
    if not enabled:
        return None
    try:
        from tqdm import tqdm
    except ImportError:
        return None
    return tqdm(total=total, file=sys.stderr, unit="doc", leave=False)


# --- entry points ------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """``cleaner batch``: 0 all cleaned, 1 some inputs failed (see the report), 2 could not start."""
    try:
        opts = parse_args(argv)
        if opts.scheduler is not None:  # workers may run in another folder
            opts = replace(opts, inp=_absolute(opts.inp), out=_absolute(opts.out),
                           report=opts.report and _absolute(opts.report))
        with open_backend(opts) as backend:
            tally = run_jsonl(opts, backend) if opts.jsonl else run_tree(opts, backend)
    except (CleanerError, OSError) as exc:  # OSError: OUT not writable, disk full for the report
        print(f"cleaner batch: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("cleaner batch: interrupted; rerun with --resume to finish", file=sys.stderr)
        return 130
    print(tally.summary(opts.jobs), file=sys.stderr)
    return 1 if tally.failed else 0


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
    if opts.jsonl:
        with _jsonl_source(opts.inp) as src:
            return learn_jsonl(opts, src, backend)
    inp = Path(opts.inp)
    if not inp.is_dir():
        raise BatchError(f"{inp}: not a folder (or a .jsonl file)")
    return learn_tree(opts, plan_tree(inp, None, Tally()), backend)


def host_of(url: object) -> str | None:
    """The site of a URL: its host without ``www.``; None if there is none.

    >>> host_of("https://www.Example.com:8080/a?b")
    'example.com'
    """
    if not isinstance(url, str):
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


# --- trees of files ----------------------------------------------------------------------------


@dataclass(frozen=True)
class FileJob:
    """One input file and where its output goes; ``site`` is its first-level folder (or None)."""

    rel: str
    src: str
    dst: str
    site: str | None


def check_paths(inp: Path, out: Path) -> None:
    """Refuse what could overwrite inputs: OUT equal to IN, inside it, or containing it."""
    if not inp.is_dir():
        raise BatchError(f"{inp}: not a folder (or a .jsonl file)")
    ri, ro = inp.resolve(), out.resolve()
    if ro == ri or ro.is_relative_to(ri):
        raise BatchError(f"output folder {out} is inside the input folder {inp}; choose another")
    if ri.is_relative_to(ro):
        raise BatchError(f"input folder {inp} is inside the output folder {out}; choose another")
    if out.exists() and not out.is_dir():
        raise BatchError(f"{out}: exists and is not a folder")


def _wanted(name: str) -> bool:
    base = name[:-3] if name.endswith(".gz") else name
    return base.lower().endswith(SUFFIXES) and not name.startswith(".")


def out_name(rel: str) -> str:
    """Where an input's output goes, relative to OUT.

    >>> out_name("a/b.html.gz"), out_name("c.txt"), out_name("d.HTM")
    ('a/b.txt', 'c.txt', 'd.txt')
    """
    base = rel[:-3] if rel.endswith(".gz") else rel
    stem, _, ext = base.rpartition(".")
    return f"{stem}.txt" if ext.lower() in ("html", "htm", "txt") else base


def walk_inputs(root: Path, tally: Tally) -> Iterator[tuple[str, Path]]:
    """(relative posix path, path) of every input below ``root``, sorted; symlinked folders are not
    entered and symlinked files pointing outside ``root`` are reported, not read."""
    real_root = root.resolve()
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if not _wanted(name):
                continue
            rel = path.relative_to(root).as_posix()
            if path.is_symlink() and not path.resolve().is_relative_to(real_root):
                tally.fail(rel, "symlink to a file outside IN_DIR: not followed")
                continue
            yield rel, path


def plan_tree(inp: Path, out: Path | None, tally: Tally) -> list[FileJob]:
    jobs: list[FileJob] = []
    taken: dict[str, str] = {}
    for rel, path in walk_inputs(inp, tally):
        dst = out_name(rel)
        if dst in taken:
            tally.fail(rel, f"output {dst} already comes from {taken[dst]}")
            continue
        taken[dst] = rel
        parts = rel.split("/")
        jobs.append(FileJob(rel, str(path), str((out or inp) / dst), parts[0] if len(parts) > 1 else None))
    return jobs


def sweep_temps(out: Path) -> None:
    """Remove temp files a killed run left behind (they are never outputs)."""
    if out.is_dir():
        for tmp in out.rglob(f".*{TMP_SUFFIX}"):
            with contextlib.suppress(OSError):
                tmp.unlink()


def _fresh(job: FileJob) -> bool:
    try:
        return os.stat(job.dst).st_mtime >= os.stat(job.src).st_mtime
    except OSError:
        return False


def _clean_file(w: Worker, src: str, dst: str, site: str | None) -> str | None:
    """Clean one file into ``dst``; the reason it failed, or None."""
    try:
        text = w.clean(read_input(Path(src), w.config.max_bytes), site)
        write_atomic(Path(dst), (text + "\n").encode() if text else b"")
    except CleanerError as exc:
        return str(exc)
    except OSError as exc:
        return f"cannot write output: {exc}"
    except Exception as exc:  # a bug in one document must not stop the batch
        return f"internal error: {type(exc).__name__}: {exc}"
    return None


def _file_keys(w: Worker, src: str, site: str) -> SiteKeys:
    try:
        return [(site, *w.keys(read_input(Path(src), w.config.max_bytes)))]
    except Exception:  # reported by the cleaning pass
        return []


def learn_tree(opts: Options, jobs: list[FileJob], backend: Backend = LOCAL) -> dict[str, SiteProfile]:
    grouped = ((j.src, j.site) for j in jobs if j.site is not None)
    return backend.learn(opts, _file_keys, grouped, FILES_PER_TASK)


def site_rules(profiles: dict[str, SiteProfile]) -> dict[str, str]:
    return {site: p.to_toml() for site, p in profiles.items()}


def run_tree(opts: Options, backend: Backend = LOCAL) -> Tally:
    inp, out = Path(opts.inp), Path(opts.out)
    check_paths(inp, out)
    tally = Tally()
    jobs = plan_tree(inp, out, tally)
    sweep_temps(out)
    rules = site_rules(learn_tree(opts, jobs, backend)) if opts.sites else None
    todo = [j for j in jobs if not (opts.resume and _fresh(j))]
    tally.skipped = len(jobs) - len(todo)
    bar = _progress(len(todo), opts.progress)
    with backend.runner(opts, rules) as runner:
        results = runner.map(_clean_file, ((j.src, j.dst, j.site) for j in todo), FILES_PER_TASK)
        for job, err in zip(todo, results, strict=True):
            if err is None:
                tally.ok += 1
            else:
                tally.fail(job.rel, err)
            if bar is not None:
                bar.update()
    if bar is not None:
        bar.close()
    write_report(tally, Path(opts.report) if opts.report else out / "_report.json")
    return tally


# --- JSONL corpora -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Fields:
    """Which fields of a record are read and written."""

    text: str
    url: str | None
    out: str


def _fields(opts: Options) -> Fields:
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
    return _dump(rec), None


def _dump(rec: dict[str, Any]) -> bytes:
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
def _jsonl_source(inp: str, spool: bool = True) -> Iterator[Path | None]:
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
    if src is None or not opts.url_field:
        return {}
    f = _fields(opts)
    with _open_jsonl(src) as fh:
        chunks = ((c, f) for c in _groups(_lines(fh, opts.config.max_bytes), CHUNK))
        return backend.learn(opts, _keys_chunk, chunks, 1)


def _check_jsonl(opts: Options) -> None:
    if opts.inp != "-" and opts.out != "-":
        with contextlib.suppress(OSError):
            if Path(opts.out).exists() and os.path.samefile(opts.inp, opts.out):
                raise BatchError(f"output {opts.out} is the input; choose another")
    if opts.sites and not opts.url_field:
        raise BatchError("--sites on JSONL needs --url-field (pages are grouped by host)")


@contextlib.contextmanager
def _jsonl_sink(out: str) -> Iterator[IO[bytes]]:
    """stdout, or a temp file renamed onto ``out`` when (and only when) the run completes."""
    if out == "-":
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    path = Path(out)
    for stale in path.parent.glob(f".{path.name}.*{TMP_SUFFIX}"):  # a killed run's (see sweep_temps)
        with contextlib.suppress(OSError):
            stale.unlink()
    with atomic_open(path) as fh:
        yield fh


def _jsonl_report(opts: Options) -> Path | None:
    if opts.report:
        return Path(opts.report)
    return None if opts.out == "-" else Path(opts.out + ".report.json")


def run_jsonl(opts: Options, backend: Backend = LOCAL) -> Tally:
    _check_jsonl(opts)
    tally, f = Tally(), _fields(opts)
    if opts.resume and opts.inp != "-" and opts.out != "-" and _fresh(FileJob("", opts.inp, opts.out, None)):
        tally.skipped = 1
        return tally
    with _jsonl_source(opts.inp, spool=opts.sites) as src:
        rules = site_rules(learn_jsonl(opts, src, backend)) if opts.sites else None
        fh = _open_jsonl(src) if src is not None else sys.stdin.buffer
        bar = _progress(None, opts.progress)
        with fh, _jsonl_sink(opts.out) as sink, backend.runner(opts, rules) as runner:
            chunks = ((c, f) for c in _groups(_lines(fh, opts.config.max_bytes), CHUNK))
            for results in runner.map(_clean_chunk, chunks):
                _emit(results, sink, tally, bar)
        if bar is not None:
            bar.close()
    write_report(tally, _jsonl_report(opts))
    return tally


def _emit(results: list[Outcome], sink: IO[bytes], tally: Tally, bar: Any) -> None:
    for n, line, err in results:
        if line is not None:
            sink.write(line)
            tally.ok += 1
        else:
            tally.fail(f"line {n}", err or "failed")
    if bar is not None:
        bar.update(len(results))
