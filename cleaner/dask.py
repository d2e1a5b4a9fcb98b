"""Cleaning on a Dask cluster: the batch's Dask backend, and lazy bags and data frames.

``cleaner batch IN OUT --scheduler tcp://HOST:8786`` is the batch of cleaner/batch.py (same planning,
output names, atomic writes, report and --resume) with its worker calls on a Dask cluster
(``--scheduler local`` starts a LocalCluster of --jobs single-threaded worker processes). Files of a
tree are read and written by the workers, so IN and OUT must be paths every worker sees; JSONL
records go through this process, which writes the one output file in input order.

Cross-page learning is a reduction on the cluster (``profiles_bag``): the page keys stay on the
workers, are made unique per (site, page) and counted per site there; only the per-site profiles
come back. A page counts once however many partitions hold it, as in ``SiteCounts``, so the rules,
and the output, are the local run's.

For programs: ``clean_bag`` and ``clean_frame`` return lazy collections. Dask is imported inside
the functions, so importing this module needs no Dask; ``dask_backend`` without it raises
``CleanerError`` saying how to install it.

Per-document timeouts (``Config.timeout``) hold here too: Dask runs tasks in worker threads, where
the SIGALRM timer cannot, so the Worker sends each document to a child process that is killed at
the limit (isolate.py). Archives (batch_archive.py) are read by this process and their records sent
to the workers in chunks.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from .config import Config
from .errors import CleanerError, require
from .sites import Learning, PageKeys, Places, SiteCounts, SiteProfile, learn_site, page_fingerprint
from .worker import BatchError, Fields, Options, SiteKeys, Worker, groups, host_of, site_rules, windowed

if TYPE_CHECKING:
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd
    from distributed import Client, Future

Page = tuple[str, int, PageKeys, Places]  # site, page fingerprint, page keys, where its lines are


def require_dask() -> None:
    """A one-line CleanerError naming the extra if Dask is not importable."""
    require("--scheduler needs Dask", "dask", "dask.bag", "distributed")


# --- one Worker per process and rule set --------------------------------------------------------

_WORKERS: list[tuple[Config, dict[str, str] | None, Worker]] = []  # this process's, newest last


def _worker(config: Config, site_rules: dict[str, str] | None) -> Worker:
    """The Worker for these rules. A rule set arrives once per worker process (a scattered or
    computed dependency), so it is recognised by identity: Cleaners are built once, not per task."""
    for c, rules, w in _WORKERS:
        if rules is site_rules and c == config:
            return w
    w = Worker(config, site_rules)
    _WORKERS[:] = [*_WORKERS[-1:], (config, site_rules, w)]
    return w


def _run_group(fn: Callable[..., Any], group: list[tuple[Any, ...]], config: Config,
               site_rules: dict[str, str] | None) -> list[Any]:
    w = _worker(config, site_rules)
    return [fn(w, *item) for item in group]


# --- the batch backend --------------------------------------------------------------------------


class DaskRunner:
    """worker.Runner on a cluster: one task per group of items, results in order, a bounded window."""

    def __init__(self, client: Client, opts: Options, site_rules: dict[str, str] | None = None) -> None:
        self.client = client
        self.config = opts.config
        # sent to every worker once, not with every task
        self.rules = client.scatter([site_rules], broadcast=True)[0] if site_rules else None
        self.window = 4 * max(1, sum(client.nthreads().values()))

    def submit(self, fn: Callable[..., Any], group: list[tuple[Any, ...]]) -> Future:
        return self.client.submit(_run_group, fn, group, self.config, self.rules, pure=False)

    def map(self, fn: Callable[..., Any], items: Iterable[tuple[Any, ...]], batch: int = 1) -> Iterator[Any]:
        return windowed(partial(self.submit, fn), items, batch, self.window)

    def keep(self, fn: Callable[..., Any], items: Iterable[tuple[Any, ...]], batch: int = 1) -> list[Future]:
        """Submit every group, leaving the results on the workers; at most ``window`` run at once."""
        from distributed import wait

        futures: list[Future] = []
        for group in groups(items, batch):
            futures.append(self.submit(fn, group))
            if len(futures) >= self.window:
                wait(futures[-self.window])
        return futures

    def __enter__(self) -> DaskRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.rules is not None:
            self.rules.release()


class DaskBackend:
    """worker.Backend on a Dask client: cleaning through DaskRunner, learning as a cluster reduction."""

    def __init__(self, client: Client) -> None:
        self.client = client

    def runner(self, opts: Options, site_rules: dict[str, str] | None = None) -> DaskRunner:
        return DaskRunner(self.client, opts, site_rules)

    def learn(self, opts: Options, fn: Callable[..., SiteKeys], items: Iterable[tuple[Any, ...]],
              batch: int) -> dict[str, SiteProfile]:
        import dask.bag as db

        with DaskRunner(self.client, opts) as runner:
            parts = runner.keep(fn, items, batch)  # each: a list of SiteKeys, one per item
            if not parts:
                return {}
            pages = db.from_delayed(parts).flatten()
            found = self.client.compute(profiles_bag(pages, opts.learning)).result()
        return dict(sorted(found))


@contextlib.contextmanager
def dask_backend(address: str, workers: int = 2) -> Iterator[DaskBackend]:
    """A backend on the scheduler at ``address``, or on a new LocalCluster if it is ``local``."""
    require_dask()
    from distributed import Client, LocalCluster

    if address == "local":
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          dashboard_address=":0") as cluster, Client(cluster) as client:
            yield DaskBackend(client)
        return
    try:
        client = Client(address)
    except (OSError, TimeoutError, ValueError) as exc:
        raise BatchError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    with client:
        yield DaskBackend(client)


# --- cross-page learning as a reduction ---------------------------------------------------------


def profiles_bag(pages: db.Bag, learning: Learning) -> db.Bag:
    """Lazy ``(site, SiteProfile)`` of every site that taught something, from ``(site, page keys)``.

    Two shuffles, so that no machine holds more than its share of the keys: first pages are made
    unique by (site, fingerprint) (a page seen in two partitions counts once), then each partition's
    counts per site are merged by site and turned into the site's profile.
    """
    unique = pages.map_partitions(_fingerprinted).groupby(_page_id).map(_first)
    return unique.map_partitions(_site_counts, learning).groupby(_site_of).map_partitions(_learnt, learning)


def _fingerprinted(part: Iterable[tuple[str, PageKeys, Places]]) -> list[Page]:
    seen: dict[tuple[str, int], tuple[PageKeys, Places]] = {}
    for site, keys, places in part:
        seen.setdefault((site, page_fingerprint(keys)), (keys, places))
    return [(site, fp, keys, places) for (site, fp), (keys, places) in seen.items()]


def _page_id(page: Page) -> tuple[str, int]:
    return page[0], page[1]


def _first(group: tuple[tuple[str, int], list[Page]]) -> Page:
    return group[1][0]


def _site_counts(part: Iterable[Page], learning: Learning) -> list[tuple[str, SiteCounts]]:
    counts: dict[str, SiteCounts] = {}
    for site, _, keys, places in part:
        if site not in counts:
            counts[site] = learning.counts(all_texts=True)
        counts[site].add(keys, places)
    return list(counts.items())


def _site_of(item: tuple[str, SiteCounts]) -> str:
    return item[0]


def _learnt(groups: Iterable[tuple[str, list[tuple[str, SiteCounts]]]],
            learning: Learning) -> list[tuple[str, SiteProfile]]:
    out = []
    for site, parts in groups:
        total = learning.counts()
        for _, counts in parts:
            total.merge(counts)
        profile = learn_site(site, total, learning)
        if profile.learnt:
            out.append((site, profile))
    return out


# --- lazy collections ---------------------------------------------------------------------------


def clean_bag(bag: db.Bag, config: Config | None = None, *, field: str | None = None,
              url_field: str | None = None, out_field: str | None = None, sites: bool = False,
              learning: Learning | None = None) -> db.Bag:
    """Lazily clean a bag of page strings, or (with ``field``) of dict records.

    Records keep every other field and get the body in ``out_field`` (default: ``field``), as in
    ``cleaner batch --field``. ``sites=True`` (records with ``url_field``) first learns each host's
    chrome across its pages, as a reduction on the cluster, then cleans with the learnt rules. A page
    that cannot be cleaned (too large, undecodable) raises ``CleanerError`` when computed.
    """
    cfg, lw = config or Config(), learning or Learning()
    f = Fields(field, url_field, out_field or field) if field else None
    rules = _rules(bag, cfg, lw, f) if sites else None
    return bag.map_partitions(_clean_part, cfg, rules, f)


def _rules(bag: db.Bag, config: Config, learning: Learning, f: Fields | None) -> Any:
    """A lazy {site: rule TOML} from the bag's records."""
    if f is None or f.url is None:
        raise CleanerError("clean_bag(sites=True) needs records: give field= and url_field=")
    from dask import delayed

    pages = bag.map_partitions(_record_keys, config, f)
    return delayed(_rules_of)(profiles_bag(pages, learning).to_delayed())


def _rules_of(parts: list[list[tuple[str, SiteProfile]]]) -> dict[str, str]:
    return site_rules({site: p for part in parts for site, p in part})


def _record_keys(part: Iterable[dict[str, Any]], config: Config, f: Fields) -> SiteKeys:
    w, out = _worker(config, None), []
    for rec in part:
        site, text = host_of(rec.get(f.url or "")), rec.get(f.text)
        if site is not None and isinstance(text, str):
            with contextlib.suppress(Exception):  # as in the batch: a bad page fails when cleaned
                out.append((site, *w.keys(text)))
    return out


def _clean_part(part: Iterable[Any], config: Config, rules: dict[str, str] | None,
                f: Fields | None) -> list[Any]:
    w = _worker(config, rules)
    if f is None:
        return [w.clean(text, None) for text in part]
    out = []
    for rec in part:
        rec = dict(rec)
        rec[f.out] = w.clean(rec[f.text], host_of(rec.get(f.url)) if f.url else None)
        out.append(rec)
    return out


def clean_frame(ddf: dd.DataFrame, column: str, out_column: str | None = None, *,
                config: Config | None = None) -> dd.DataFrame:
    """Lazily clean the page texts in ``column`` into ``out_column`` (default: replace ``column``).
    Missing values stay missing."""
    cfg = config or Config()
    cleaned = ddf[column].map_partitions(_clean_series, cfg, meta=(column, "object"))
    return ddf.assign(**{out_column or column: cleaned})


def _clean_series(texts: pd.Series, config: Config) -> pd.Series:
    w = _worker(config, None)
    return texts.map(lambda t: w.clean(t, None) if isinstance(t, (str, bytes)) else t).astype(object)
