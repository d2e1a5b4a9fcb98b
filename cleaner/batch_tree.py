"""Tree mode of ``cleaner batch IN_DIR OUT_DIR``: every .txt/.html/.htm (and .gz of them) below
IN_DIR is cleaned into the same place below OUT_DIR (``x.html`` -> ``x.txt``).

A page's site is its first-level folder. Workers read and write the files themselves (through
temp files renamed into place), so only paths and failure reasons travel between processes.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .atomic import TMP_SUFFIX, write_atomic
from .batch_report import Tally, progress, up_to_date, write_report
from .errors import CleanerError
from .sites import SiteProfile
from .worker import (
    FILES_PER_TASK,
    LOCAL,
    Backend,
    BatchError,
    Options,
    SiteKeys,
    Worker,
    read_document,
    site_rules,
)

SUFFIXES = (".txt", ".html", ".htm")


@dataclass(frozen=True)
class FileJob:
    """One input file and where its output goes; ``site`` is its first-level folder (or None)."""

    rel: str
    src: str
    dst: str
    site: str | None


def check_paths(inp: Path, out: Path) -> None:
    """Refuse what could overwrite inputs: OUT equal to IN, inside it, or containing it."""
    check_tree(inp)
    ri, ro = inp.resolve(), out.resolve()
    if ro == ri or ro.is_relative_to(ri):
        raise BatchError(f"output folder {out} is inside the input folder {inp}; choose another")
    if ri.is_relative_to(ro):
        raise BatchError(f"input folder {inp} is inside the output folder {out}; choose another")
    if out.exists() and not out.is_dir():
        raise BatchError(f"{out}: exists and is not a folder")


def check_tree(inp: Path) -> None:
    """IN must be a folder (a file that is not .jsonl is neither mode's input)."""
    if not inp.is_dir():
        raise BatchError(f"{inp}: not a folder (or a .jsonl file)")


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
    """One job per input, sorted; two inputs with the same output name: the second is reported."""
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


def _clean_file(w: Worker, src: str, dst: str, site: str | None) -> str | None:
    """Clean one file into ``dst``; the reason it failed, or None."""
    try:
        text = w.clean(read_document(Path(src), w.config.max_bytes), site)
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
        return [(site, *w.keys(read_document(Path(src), w.config.max_bytes)))]
    except Exception:  # reported by the cleaning pass
        return []


def learn_tree(opts: Options, jobs: list[FileJob], backend: Backend = LOCAL) -> dict[str, SiteProfile]:
    """Pass 1 of --sites: the profiles of the sites (first-level folders) of ``jobs``."""
    grouped = ((j.src, j.site) for j in jobs if j.site is not None)
    return backend.learn(opts, _file_keys, grouped, FILES_PER_TASK)


def run_tree(opts: Options, backend: Backend = LOCAL) -> Tally:
    """Clean the tree ``opts.inp`` into ``opts.out`` and write the report (OUT/_report.json)."""
    inp, out = Path(opts.inp), Path(opts.out)
    check_paths(inp, out)
    tally = Tally()
    jobs = plan_tree(inp, out, tally)
    sweep_temps(out)
    rules = site_rules(learn_tree(opts, jobs, backend)) if opts.sites else None
    todo = [j for j in jobs if not (opts.resume and up_to_date(j.src, j.dst))]
    tally.skipped = len(jobs) - len(todo)
    bar = progress(len(todo), opts.progress)
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
