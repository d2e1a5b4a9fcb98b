"""What each reason is worth on every set: the corpus F1 with one reason's decisions undone.

usage: python -m benchmarks.reasons [--sets dev,sites-dev,modern-dev] [--tracks near,dump,html]
                                    [--kept] [--jobs 2] [--top 40]

For every page of the sets with gold and every track it runs cleaner (default config, no timeout) and
scores, besides its output, one output per reason: the blocks dropped for that reason kept back (with
``--kept``: the blocks kept for that reason dropped), every other decision unchanged. It prints, per
reason, the change of the corpus F1 (score-spec.md, benchmarks/scoring.py) in each set and track, in
units of 0.0001, the reasons whose undoing would help most first. A reason is shortened to its rule or
step: the part before " (" and before " words=" or " stop=", as ../shared/bench/loss_by_reason.py does.

It is a first-order estimate: undoing a reason here moves no region, band or weight, which a change to
the engine would. Its use is to find what points the same way on every set (a change that can land)
and what the sets' gold disagree on (docs/experiments.md, session 16).
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor

from benchmarks import data, scoring
from cleaner.types import Decision

GOLD_SETS = ("dev", "sites-dev", "modern-dev")
_DETAIL = re.compile(r"\s*\(.*|\s+(?:words|stop)=.*|=[\d.]+$")


def short(reason: str) -> str:
    """A reason without its detail: the rule or the step, and what the scorer saw.

    >>> short("context:outside-body (score:prose words=40 stop=0.41)"), short("score:menu-like links=1.00")
    ('context:outside-body', 'score:menu-like links')
    """
    return _DETAIL.sub("", reason)


def _text(decisions: Sequence[Decision], keep: Iterable[bool]) -> str:
    return "\n".join(d.block.text for d, k in zip(decisions, keep, strict=True) if k)


def undone(gold: str, decisions: Sequence[Decision], kept: bool = False) -> dict[str, scoring.PageScore]:
    """Per reason (of the dropped blocks, or with ``kept`` of the kept ones): the page's score with that
    reason's decisions undone, and under "" the page's own score."""
    out = {"": scoring.page(gold, _text(decisions, (d.kept for d in decisions)))}
    for r in sorted({short(d.reason) for d in decisions if d.kept == kept}):
        flipped = (d.kept != (d.kept == kept and short(d.reason) == r) for d in decisions)
        out[r] = scoring.page(gold, _text(decisions, flipped))
    return out


def deltas(pages: Sequence[dict[str, scoring.PageScore]]) -> dict[str, float]:
    """Per reason: the corpus F1 with that reason undone on every page, less the corpus F1 as it is (a
    page where the reason made no decision keeps its own score)."""
    base = scoring.corpus([p[""] for p in pages]).f1
    reasons = {r for p in pages for r in p if r}
    return {r: scoring.corpus([p.get(r, p[""]) for p in pages]).f1 - base for r in sorted(reasons)}


_CLEANER = None


def _page(job: tuple[str, str, str, bool]) -> dict[str, scoring.PageScore] | None:
    global _CLEANER
    set_name, track, pid, kept = job
    if _CLEANER is None:
        from cleaner import Cleaner, Config

        _CLEANER = Cleaner(Config(timeout=None))
    root = data.set_dir(set_name)
    try:
        raw = data.read_input(root, track, pid)
    except OSError:
        return None
    gold = data.read_text(root / "gold" / f"{pid}.txt")
    return undone(gold, _CLEANER.clean(raw).decisions, kept)


def table(cells: dict[tuple[str, str], dict[str, float]], top: int) -> str:
    """Reasons by rows, cells by columns, in units of 0.0001; the largest sum over the cells first."""
    names = sorted({r for d in cells.values() for r in d},
                   key=lambda r: -sum(d.get(r, 0.0) for d in cells.values()))
    head = f"{'reason':44s}" + "".join(f"{s[:10]:>11s}" for s, _ in cells) + "\n"
    head += f"{'':44s}" + "".join(f"{t:>11s}" for _, t in cells) + f"{'sum':>8s}\n"
    rows = []
    for r in names[:top]:
        vals = [d.get(r) for d in cells.values()]
        shown = "".join(f"{v * 1e4:+11.0f}" if v is not None else f"{'':11s}" for v in vals)
        rows.append(f"{r[:44]:44s}{shown}{sum(v or 0.0 for v in vals) * 1e4:+8.0f}")
    return head + "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.reasons", description=__doc__.split("\n")[0])
    ap.add_argument("--sets", default=",".join(GOLD_SETS))
    ap.add_argument("--tracks", default="near,dump,html")
    ap.add_argument("--kept", action="store_true", help="undo the kept reasons (drop their blocks)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--top", type=int, default=40)
    a = ap.parse_args(argv)
    cells: dict[tuple[str, str], dict[str, float]] = {}
    for s in a.sets.split(","):
        root = data.set_dir(s)
        why = data.missing_reason(root)
        if why is not None:
            print(f"{s}: skipped, {why}")
            continue
        for t in a.tracks.split(","):
            jobs = [(s, t, pid, a.kept) for pid in data.page_ids(root)]
            if a.jobs > 1:
                with ProcessPoolExecutor(a.jobs) as ex:
                    pages = list(ex.map(_page, jobs, chunksize=8))
            else:
                pages = [_page(j) for j in jobs]
            cells[(s, t)] = deltas([p for p in pages if p is not None])
    print(f"corpus F1 change with one reason's {'kept' if a.kept else 'dropped'} blocks undone, x 0.0001")
    print(table(cells, a.top))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
