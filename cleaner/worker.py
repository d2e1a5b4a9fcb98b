"""The worker core of ``cleaner batch``: what runs on a local process pool and on Dask alike.

A ``Worker`` cleans documents with the base Cleaner or a site's learnt rules. ``Runner`` maps
worker calls inline (--jobs 1) or over a process pool, in order and with a bounded window
(``windowed``); cleaner/dask.py maps the same calls on a cluster. A ``Backend`` is where a run's
worker calls go: ``LOCAL`` here, ``dask.DaskBackend`` there. ``Options`` is one batch run.
"""

from __future__ import annotations

import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from .api import Cleaner
from .config import Config
from .errors import CleanerError, InputError
from .guard import can_time_limit
from .isolate import IsolatedCleaner
from .options import read_input
from .rules import parse_rules
from .sites import Learning, PageKeys, Places, SiteLearner, SiteProfile, page_lines

SiteKeys = list[tuple[str, PageKeys, Places]]  # what a learning call returns, per page: site, keys, places
FILES_PER_TASK = 8  # files are sent to workers in groups: fewer round trips
CHUNK = 64  # JSONL records per task: small enough for bounded memory, big enough to amortise pickling


class BatchError(CleanerError):
    """The batch cannot start (bad paths, OUT inside IN): a one-line message, exit 2."""


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


@dataclass(frozen=True)
class Fields:
    """Which fields of a record are read and written (JSONL batch, ``dask.clean_bag``)."""

    text: str
    url: str | None
    out: str


def read_document(path: Path, max_bytes: int) -> bytes:
    """The bytes of one input (options.read_input: decompressed if .gz); a failure is an InputError
    whose text is the report's reason, and so is more than ``max_bytes`` (a gzip bomb stops there)."""
    try:
        data = read_input(path, max_bytes)
    except OSError as exc:
        raise InputError(f"cannot read: {exc}") from None
    if len(data) > max_bytes:
        raise InputError(f"larger than {max_bytes} bytes")
    return data  # NUL bytes are the decoder's call: UTF-16/32 without a BOM has them, and is text


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


def site_rules(profiles: dict[str, SiteProfile]) -> dict[str, str]:
    """Each site's learnt rules as TOML: what workers receive (smaller to send than parsed rules)."""
    return {site: p.to_toml() for site, p in profiles.items()}


# --- the worker: one per process, builds its Cleaners once ---------------------------------------


class Worker:
    """Cleans documents with the base Cleaner or, under --sites, with the page's site rules."""

    def __init__(self, config: Config, site_rules: dict[str, str] | None = None) -> None:
        self.config = config
        self.base = Cleaner(config)
        self.site_rules = site_rules or {}
        self._cleaners: dict[str, Cleaner] = {}
        self._local = threading.local()

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
        return self.clean_page(data, site)[0]

    def clean_page(self, data: str | bytes, site: str | None) -> tuple[str, str | None]:
        """The page's text and title, within ``config.timeout`` in any thread (``isolated``)."""
        iso = self.isolated()
        if iso is not None:
            return iso.clean(data, self.site_rules.get(site) if site is not None else None)
        c = self.cleaner(site).clean(data)  # Cleaner.clean applies config.timeout (SIGALRM)
        return c.text, c.title

    def keys(self, data: str | bytes) -> tuple[PageKeys, Places]:
        """What pass 1 learns from a page: its lines, and where they are relative to its own body."""
        iso = self.isolated()
        if iso is not None:
            return iso.keys(data)  # type: ignore[no-any-return]
        return page_lines(*self.base.judge(data))

    def isolated(self) -> IsolatedCleaner | None:
        """Off a process's main thread (Dask's task threads) SIGALRM cannot hold the time limit: there
        this thread's documents go to a child process that is killed at the limit (isolate.py)."""
        if not self.config.timeout or can_time_limit():
            return None
        iso: IsolatedCleaner | None = getattr(self._local, "isolated", None)
        if iso is None:
            iso = self._local.isolated = IsolatedCleaner(self.config)
        return iso


_WORKER: Worker | None = None  # set in each pool process by _init; never at import


def _init(config: Config, site_rules: dict[str, str] | None) -> None:
    global _WORKER
    # Ctrl-C reaches the whole process group: only the parent acts on it (it cancels what is queued
    # and the pool drains); a worker that raised KeyboardInterrupt mid-task could hang the shutdown.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER = Worker(config, site_rules)


# --- running worker calls in order --------------------------------------------------------------


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
    for group in groups(items, batch):
        pending.append(submit(group))
        if len(pending) >= window:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def groups(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """``items`` in lists of ``size`` (the last may be shorter)."""
    group: list[Any] = []
    for item in items:
        group.append(item)
        if len(group) >= size:
            yield group
            group = []
    if group:
        yield group


# --- backends: where a run's worker calls go -----------------------------------------------------


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
