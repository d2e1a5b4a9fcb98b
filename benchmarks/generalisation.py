"""The generalisation harness behind ``python -m benchmarks.accuracy --all`` (issue 12, item 1).

Every visible set (dev, sites-dev, modern-dev, trafeval-dev) x track (html, near, dump): cleaner's
score beside its anchors (as-is on near and dump, the C4 filter on dump, trafilatura on html), the
macro mean over all cells and per track, trafeval-dev by language and modern-dev by page type.

A cell's *primary metric* is shingle F1 (scoring.py) on sets with gold/, and snippet F
(snippets.py) on trafeval-dev, which has only snippets. The *macro mean* is the plain mean of
cleaner's primary metric over the cells run (12 with every set and track); a track's macro is the
mean over the sets. ``best anchor`` in a cell is the highest-scoring anchor there. A change lands
when the macro mean rises and no cell falls by more than ``MARGIN`` (``--compare``).

Pages run in a process pool (``--jobs``). trafilatura's outputs are cached under
benchmarks/out/cache/<set>/<track>/ keyed by the trafilatura version; each cached page carries the
hash of its input, so a changed bench file is recomputed. cleaner is never cached.
"""

from __future__ import annotations

import concurrent.futures
import datetime
import gzip
import hashlib
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from . import data, scoring, snippets
from .systems import ANCHORS, System, cleaner_system, text_baselines

TRACKS = ("html", "near", "dump")
CLEANER = "cleaner"
TRAFILATURA = "trafilatura"
ANCHORS_BY_TRACK: Mapping[str, tuple[str, ...]] = {
    "html": (TRAFILATURA,), "near": ("as-is",), "dump": ("as-is", "C4 filter")}
CACHED = frozenset({TRAFILATURA})   # slow anchors whose outputs are kept on disk
# the anchor each set's README measures: trafeval-dev's snippets target the body without comments,
# and its README scores trafilatura with its evaluation settings; the other sets use the defaults
ANCHOR_SPEC: Mapping[tuple[str, str], str] = {("trafeval-dev", TRAFILATURA): "trafilatura:eval"}


def spec(set_name: str, system: str) -> str:
    """The configuration a column name stands for on a set (see ANCHOR_SPEC)."""
    return ANCHOR_SPEC.get((set_name, system), system)
CACHE_DIR = Path(__file__).with_name("out") / "cache"
MARGIN = 0.003                      # a cell may fall by at most this much
BREAKDOWNS: Mapping[str, str] = {"trafeval-dev": "lang", "modern-dev": "page_type"}  # set -> manifest field
MOVED = 0.01                        # a page "moved" in --compare when its score changed by more


def trafilatura_version() -> str:
    try:
        import trafilatura
    except ImportError:
        return "none"
    return str(getattr(trafilatura, "__version__", "unknown"))


# ---------------------------------------------------------------- worker side: one page, all systems

_SYSTEMS: dict[tuple[str, str], System] = {}


def _system(name: str, mode: str) -> System:
    """Built once per process (cleaner compiles its rules once)."""
    key = (name, mode)
    if key not in _SYSTEMS:
        if name == CLEANER:
            _SYSTEMS[key] = cleaner_system(mode)
        elif name in ANCHORS:
            _SYSTEMS[key] = System(name, ANCHORS[name]())
        else:
            _SYSTEMS[key] = {s.name: s for s in text_baselines()}[name]
    return _SYSTEMS[key]


@dataclass(frozen=True, slots=True)
class Task:
    """One page of one cell: the systems to run on it, and cached outputs (name -> (input hash, text))."""

    set_name: str
    set_dir: str
    track: str
    pid: str
    systems: tuple[str, ...]
    cached: Mapping[str, tuple[str, str]]
    gold: bool
    annot: Mapping[str, Sequence[str]] | None
    mode: str


@dataclass(frozen=True, slots=True)
class PageOut:
    """One system on one page: its scores, the error if it raised, seconds, and (for cached systems,
    when computed now) the text and input hash to store."""

    f1: scoring.PageScore | None
    snip: snippets.SnippetCounts | None
    error: str | None
    seconds: float
    fresh: tuple[str, str] | None = None


def work(task: Task) -> dict[str, PageOut]:
    """Run and score every system of ``task`` on its page (in a worker process)."""
    bench = Path(task.set_dir)
    raw = data.input_path(bench, task.track, task.pid).read_bytes()
    digest = hashlib.sha1(raw).hexdigest()[:16]
    page_in = data.read_input(bench, task.track, task.pid)
    gold = data.read_text(bench / "gold" / f"{task.pid}.txt") if task.gold else None
    out = {}
    for name in task.systems:
        hit = task.cached.get(name)
        fresh = None
        t0 = time.perf_counter()
        err = None
        if hit is not None and hit[0] == digest:
            text = hit[1]
        else:
            try:
                text = _system(spec(task.set_name, name), task.mode).extract(page_in)
            except Exception as exc:  # noqa: BLE001 - a failing page is scored as empty, not fatal
                text, err = "", f"{task.pid}: {type(exc).__name__}: {exc}"
            if name in CACHED:
                fresh = (digest, text)
        seconds = time.perf_counter() - t0
        out[name] = PageOut(f1=scoring.page(gold, text) if gold is not None else None,
                            snip=snippets.judge(task.annot, text) if task.annot is not None else None,
                            error=err, seconds=seconds, fresh=fresh)
    return out


# ---------------------------------------------------------------- main side: cells


@dataclass(slots=True)
class Cell:
    """One system on one set x track: per-page scores and the corpus scores."""

    set_name: str
    track: str
    system: str
    pages: dict[str, PageOut] = field(default_factory=dict)
    cached_pages: int = 0

    @property
    def f1(self) -> scoring.CorpusScore | None:
        scores = [p.f1 for p in self.pages.values() if p.f1 is not None]
        return scoring.corpus(scores) if scores else None

    @property
    def snip(self) -> snippets.SnippetScore | None:
        counts = [p.snip for p in self.pages.values() if p.snip is not None]
        return snippets.corpus(counts) if counts else None

    @property
    def metric(self) -> str:
        return "F1" if any(p.f1 is not None for p in self.pages.values()) else "snipF"

    def primary(self, ids: Iterable[str] | None = None) -> float:
        """F1 where the set has gold, else snippet F; over ``ids`` only when given."""
        pages = self.pages if ids is None else {i: self.pages[i] for i in ids}
        f1s = [p.f1 for p in pages.values() if p.f1 is not None]
        if f1s:
            return scoring.corpus(f1s).f1
        return snippets.corpus([p.snip for p in pages.values() if p.snip is not None]).f

    def snip_f(self, ids: Iterable[str] | None = None) -> float | None:
        pages = self.pages if ids is None else {i: self.pages[i] for i in ids}
        counts = [p.snip for p in pages.values() if p.snip is not None]
        return snippets.corpus(counts).f if counts else None

    @property
    def seconds(self) -> float:
        return sum(p.seconds for p in self.pages.values())

    @property
    def errors(self) -> list[str]:
        return [p.error for p in self.pages.values() if p.error]


def cache_path(set_name: str, track: str, system: str, version: str | None = None) -> Path:
    """benchmarks/out/cache/<set>/<track>/<system's configuration>@trafilatura-<version>.json.gz"""
    version = version or trafilatura_version()
    name = spec(set_name, system).replace(":", "_")
    return CACHE_DIR / set_name / track / f"{name}@trafilatura-{version}.json.gz"


def load_cache(path: Path) -> dict[str, tuple[str, str]]:
    if not path.is_file():
        return {}
    try:
        raw = json.loads(gzip.decompress(path.read_bytes()))
    except (OSError, ValueError):
        return {}
    return {pid: (v["input"], v["text"]) for pid, v in raw.get("pages", {}).items()}


def save_cache(path: Path, entries: Mapping[str, tuple[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    body = {"pages": {pid: {"input": h, "text": t} for pid, (h, t) in sorted(entries.items())}}
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(gzip.compress(json.dumps(body, ensure_ascii=False).encode("utf-8"), 6))
    tmp.replace(path)


@dataclass(frozen=True, slots=True)
class SetInfo:
    name: str
    dir: Path
    gold: bool
    ids: list[str]
    annots: dict[str, dict[str, list[str]]]
    manifest: dict[str, dict[str, Any]]


def load_set(name: str, with_snippets: bool) -> SetInfo:
    bench = data.set_dir(name)
    gold = data.has_gold(bench)
    annots = data.snippets(bench) if (with_snippets or not gold) else {}
    return SetInfo(name, bench, gold, data.page_ids(bench), annots, data.manifest(bench))


def _tasks(info: SetInfo, track: str, systems: Sequence[str],
           caches: Mapping[str, dict[str, tuple[str, str]]], mode: str) -> Iterator[Task]:
    for pid in info.ids:
        cached = {n: caches[n][pid] for n in systems if pid in caches.get(n, {})}
        yield Task(info.name, str(info.dir), track, pid, tuple(systems), cached, info.gold,
                   info.annots.get(pid) if info.annots else None, mode)


def _pool_map(fn: Callable[[Task], dict[str, PageOut]], tasks: list[Task],
              jobs: int) -> Iterator[dict[str, PageOut]]:
    if jobs <= 1:
        yield from map(fn, tasks)
        return
    with concurrent.futures.ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(fn, tasks, chunksize=4)


def run(sets: Sequence[SetInfo], tracks: Sequence[str], jobs: int, mode: str = "balanced",
        log: Callable[[str], None] | None = None) -> list[Cell]:
    """Every system of every set x track, pages in a pool of ``jobs`` processes."""
    log = log or (lambda msg: print(msg, file=sys.stderr, flush=True))
    tasks: list[Task] = []
    cells: dict[tuple[str, str, str], Cell] = {}
    caches: dict[tuple[str, str], dict[str, dict[str, tuple[str, str]]]] = {}
    for info in sets:
        for track in tracks:
            systems = (CLEANER, *ANCHORS_BY_TRACK[track])
            caches[info.name, track] = {n: load_cache(cache_path(info.name, track, n))
                                        for n in systems if n in CACHED}
            for n in systems:
                cells[info.name, track, n] = Cell(info.name, track, n)
            tasks.extend(_tasks(info, track, systems, caches[info.name, track], mode))
    todo: dict[tuple[str, str], int] = {}
    for t in tasks:
        todo[t.set_name, t.track] = todo.get((t.set_name, t.track), 0) + 1
    fresh: dict[tuple[str, str, str], dict[str, tuple[str, str]]] = {}
    for task, outs in zip(tasks, _pool_map(work, tasks, jobs), strict=True):
        for name, out in outs.items():
            cell = cells[task.set_name, task.track, name]
            cell.pages[task.pid] = out
            if out.fresh is not None:
                fresh.setdefault((task.set_name, task.track, name), {})[task.pid] = out.fresh
            elif name in CACHED:
                cell.cached_pages += 1
        todo[task.set_name, task.track] -= 1
        if not todo[task.set_name, task.track]:
            done = [c for (s, t, _), c in cells.items() if (s, t) == (task.set_name, task.track)]
            log(f"  {task.set_name} {task.track}: " + ", ".join(
                f"{c.system} {c.seconds:.0f}s" + (f" ({c.cached_pages} cached)" if c.system in CACHED else "")
                for c in done))
    for (set_name, track, name), entries in fresh.items():
        old = caches[set_name, track].get(name, {})
        save_cache(cache_path(set_name, track, name), {**old, **entries})
    return list(cells.values())


# ---------------------------------------------------------------- summaries


def cleaner_cells(cells: Sequence[Cell]) -> dict[tuple[str, str], Cell]:
    return {(c.set_name, c.track): c for c in cells if c.system == CLEANER}


def best_anchor(cells: Sequence[Cell], set_name: str, track: str) -> tuple[str, float] | None:
    scored = [(c.system, c.primary()) for c in cells
              if c.set_name == set_name and c.track == track and c.system != CLEANER]
    return max(scored, key=lambda s: s[1]) if scored else None


def _mean(values: Sequence[float]) -> float | None:
    return statistics.mean(values) if values else None


def macro(primary: Mapping[tuple[str, str], float], track: str | None = None,
          without: str | None = None) -> float | None:
    """Mean of the per-cell primary metric, over one track's cells or all, leaving a set out if asked."""
    return _mean([v for (s, t), v in primary.items() if (track is None or t == track) and s != without])


def primaries(cells: Sequence[Cell]) -> dict[tuple[str, str], float]:
    return {k: c.primary() for k, c in cleaner_cells(cells).items()}


def anchor_primaries(cells: Sequence[Cell]) -> dict[tuple[str, str], float]:
    out = {}
    for s, t in cleaner_cells(cells):
        best = best_anchor(cells, s, t)
        if best is not None:
            out[s, t] = best[1]
    return out


def _fmt(v: float | None) -> str:
    return "" if v is None else f"{v:.4f}"


def _signed(v: float | None) -> str:
    return "" if v is None else f"{v:+.4f}"


def main_table(cells: Sequence[Cell], sets: Sequence[str], tracks: Sequence[str], with_snippets: bool) -> str:
    anchors = [a for a in ("as-is", "C4 filter", TRAFILATURA) if any(c.system == a for c in cells)]
    head = ["set", "track", "metric", "n", CLEANER, *anchors, "best anchor", "cleaner - best", "err",
            "cleaner s"]
    if with_snippets:
        head += ["snipF cleaner", *(f"snipF {a}" for a in anchors)]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    by = {(c.set_name, c.track, c.system): c for c in cells}
    for s in sets:
        for t in tracks:
            me = by.get((s, t, CLEANER))
            if me is None:
                continue
            best = best_anchor(cells, s, t)
            row = [s, t, me.metric, str(len(me.pages)), _fmt(me.primary()),
                   *(_fmt(by[s, t, a].primary()) if (s, t, a) in by else "" for a in anchors),
                   f"{best[0]} {best[1]:.4f}" if best else "",
                   _signed(me.primary() - best[1]) if best else "", str(len(me.errors)), f"{me.seconds:.0f}"]
            if with_snippets:
                row += [_fmt(me.snip_f()), *(_fmt(by[s, t, a].snip_f()) if (s, t, a) in by else ""
                                             for a in anchors)]
            rows.append("| " + " | ".join(row) + " |")
    return "\n".join(rows)


def macro_table(cells: Sequence[Cell], tracks: Sequence[str]) -> str:
    mine, theirs = primaries(cells), anchor_primaries(cells)
    rows = ["| macro mean of the primary metric | cells | cleaner | best anchor | cleaner - best |",
            "|---|---|---|---|---|"]
    for label, track in [("all cells", None), *((f"track {t}", t) for t in tracks)]:
        n = sum(1 for (_, t) in mine if track is None or t == track)
        m, a = macro(mine, track), macro(theirs, track)
        rows.append(f"| {label} | {n} | {_fmt(m)} | {_fmt(a)} | "
                    f"{_signed(m - a) if m is not None and a is not None else ''} |")
    return "\n".join(rows)


def leave_out_table(cells: Sequence[Cell], sets: Sequence[str],
                    old: Mapping[tuple[str, str], float] | None = None) -> str:
    mine, theirs = primaries(cells), anchor_primaries(cells)
    head = ["left out", "cells", "cleaner macro of the others", "best anchor macro"]
    head += ["old cleaner", "delta"] if old is not None else []
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for s in sets:
        n = sum(1 for (x, _) in mine if x != s)
        m = macro(mine, without=s)
        row = [s, str(n), _fmt(m), _fmt(macro(theirs, without=s))]
        if old is not None:
            common = {k: v for k, v in old.items() if k in mine}
            o = macro(common, without=s)
            row += [_fmt(o), _signed(m - o) if m is not None and o is not None else ""]
        rows.append("| " + " | ".join(row) + " |")
    return "\n".join(rows)


def groups(info: SetInfo, key: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for pid in info.ids:
        out.setdefault(str(info.manifest.get(pid, {}).get(key)), []).append(pid)
    return dict(sorted(out.items(), key=lambda kv: (-len(kv[1]), kv[0])))


def breakdown_table(cells: Sequence[Cell], info: SetInfo, key: str, tracks: Sequence[str],
                    with_snippets: bool) -> tuple[str, dict[str, Any]]:
    """One row per value of a manifest field: each track's anchors and cleaner on those pages."""
    by = {(c.track, c.system): c for c in cells if c.set_name == info.name}
    cols = [(t, n) for t in tracks for n in (*ANCHORS_BY_TRACK[t], CLEANER) if (t, n) in by]
    grouped = groups(info, key)
    head = [key, "n", *(f"{t} {n}" for t, n in cols)]
    snip_cols = [(t, n) for t, n in cols if with_snippets and by[t, n].metric == "F1" and info.annots]
    head += [f"snipF {t} {n}" for t, n in snip_cols]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    js: dict[str, Any] = {}
    for value, ids in grouped.items():
        prim = {f"{t}/{n}": by[t, n].primary(ids) for t, n in cols}
        snip = {f"{t}/{n}": by[t, n].snip_f(ids) for t, n in snip_cols}
        js[value] = {"n": len(ids), "primary": prim, "snipF": snip}
        rows.append("| " + " | ".join([value, str(len(ids)), *(_fmt(v) for v in prim.values()),
                                       *(_fmt(v) for v in snip.values())]) + " |")
    return "\n".join(rows), js


# ---------------------------------------------------------------- json and --compare


def git_commit() -> str:
    try:
        out = subprocess.run(["git", "-C", str(data.repo_root()), "describe", "--always", "--dirty"],
                             capture_output=True, text=True, check=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return out.stdout.strip()


def _page_json(p: PageOut) -> dict[str, Any]:
    d: dict[str, Any] = {}
    if p.f1 is not None:
        d.update(F1=p.f1.f1, P=p.f1.p, R=p.f1.r)
    if p.snip is not None:
        d.update(tp=p.snip.tp, fp=p.snip.fp, fn=p.snip.fn, tn=p.snip.tn)
    if p.error:
        d["error"] = p.error
    return d


def to_json(cells: Sequence[Cell], meta: dict[str, Any], sets: Sequence[str], tracks: Sequence[str],
            breakdowns: dict[str, Any]) -> dict[str, Any]:
    mine, theirs = primaries(cells), anchor_primaries(cells)

    def summary(score: scoring.CorpusScore | snippets.SnippetScore | None) -> dict[str, Any] | None:
        return score.as_dict() if score is not None else None

    return {
        "meta": meta,
        "definition": "primary = shingle F1 on sets with gold, snippet F on snippet-only sets; macro = mean "
                      "of cleaner's primary over the cells run; a change lands when the macro rises and no "
                      f"cell falls by more than {MARGIN}",
        "cells": [{"set": c.set_name, "track": c.track, "system": c.system, "metric": c.metric,
                   "primary": c.primary(), "f1": summary(c.f1),
                   "snippets": summary(c.snip), "seconds": c.seconds,
                   "errors": c.errors, "docs": {pid: _page_json(p) for pid, p in sorted(c.pages.items())}}
                  for c in cells],
        "macro": {"all": macro(mine), **{t: macro(mine, t) for t in tracks}},
        "macro_best_anchor": {"all": macro(theirs), **{t: macro(theirs, t) for t in tracks}},
        "leave_out": {s: macro(mine, without=s) for s in sets},
        "breakdowns": breakdowns,
    }


def _page_primary(doc: Mapping[str, Any]) -> float | None:
    return doc.get("F1")


def cleaner_from_json(js: Mapping[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(c["set"], c["track"]): c for c in js["cells"] if c["system"] == CLEANER}


def _host(row: Mapping[str, Any] | None) -> str:
    if not row:
        return "?"
    host = row.get("host") or urlsplit(str(row.get("url") or "")).netloc or "?"
    return str(host).removeprefix("www.")


def _page_deltas(old: Mapping[str, Any], new: Mapping[str, Any],
                 snippet_only: bool) -> tuple[list[str], list[str]]:
    """Pages whose score rose / fell by more than MOVED (F1), or whose snippet counts changed."""
    up, down = [], []
    for pid, n in new["docs"].items():
        o = old["docs"].get(pid)
        if o is None:
            continue
        if snippet_only or "F1" not in n:
            delta = (n["tp"] - o["tp"]) - (n["fp"] - o["fp"])
        else:
            delta = n["F1"] - o["F1"]
            delta = 0 if abs(delta) <= MOVED else delta
        if delta > 0:
            up.append(pid)
        elif delta < 0:
            down.append(pid)
    return up, down


def compare(old: Mapping[str, Any], new: Mapping[str, Any],
            manifests: Mapping[str, Mapping[str, Mapping[str, Any]]]) -> tuple[str, bool]:
    """The delta table of cleaner's cells (those in both runs) and whether nothing failed: the macro
    did not fall and no cell fell by more than MARGIN."""
    a, b = cleaner_from_json(old), cleaner_from_json(new)
    common = [k for k in b if k in a]
    rows = ["| set | track | metric | old | new | delta | pages up (hosts) | pages down (hosts) | |",
            "|---|---|---|---|---|---|---|---|---|"]
    falls = []
    for key in common:
        o, n = a[key]["primary"], b[key]["primary"]
        up, down = _page_deltas(a[key], b[key], b[key]["metric"] != "F1")
        man = manifests.get(key[0], {})
        hosts_up = len({_host(man.get(p)) for p in up})
        hosts_down = len({_host(man.get(p)) for p in down})
        flag = "FALLS" if n < o - MARGIN else ""
        if flag:
            falls.append(key)
        rows.append(f"| {key[0]} | {key[1]} | {b[key]['metric']} | {o:.4f} | {n:.4f} | {n - o:+.4f} | "
                    f"{len(up)} ({hosts_up}) | {len(down)} ({hosts_down}) | {flag} |")
    mo = macro({k: a[k]["primary"] for k in common})
    mn = macro({k: b[k]["primary"] for k in common})
    lines = ["\n".join(rows), ""]
    if mo is None or mn is None:
        return "compare: no cell in common", False
    lines.append(f"macro mean over the {len(common)} common cells: {mo:.4f} -> {mn:.4f} ({mn - mo:+.4f})")
    for t in TRACKS:
        to = macro({k: a[k]["primary"] for k in common}, t)
        tn = macro({k: b[k]["primary"] for k in common}, t)
        if to is not None and tn is not None:
            lines.append(f"  track {t}: {to:.4f} -> {tn:.4f} ({tn - to:+.4f})")
    ok = mn >= mo and not falls
    lands = mn > mo and not falls
    if falls:
        lines.append(f"FAIL: {len(falls)} cell(s) fell by more than {MARGIN}: "
                     + ", ".join(f"{s}/{t}" for s, t in falls))
    if mn < mo:
        lines.append("FAIL: the macro mean fell")
    if lands:
        verdict = f"lands (macro rises, no cell falls by more than {MARGIN})"
    else:
        verdict = "does not land" if not ok else "does not land: macro unchanged (no cell falls)"
    lines.append("verdict: " + verdict)
    return "\n".join(lines), ok


def meta(sets: Sequence[str], tracks: Sequence[str], mode: str, with_snippets: bool, jobs: int,
         wall: float) -> dict[str, Any]:
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    import cleaner
    return {"date": now, "commit": git_commit(),
            "trafilatura": trafilatura_version(), "python": sys.version.split()[0], "mode": mode,
            "cleaner_path": str(Path(cleaner.__file__).parent),
            "sets": list(sets), "tracks": list(tracks), "snippets": with_snippets, "jobs": jobs,
            "wall_seconds": round(wall, 1)}
