"""F1 against speed on the html track: a PNG, a markdown table and the README snippet.

usage: python -m benchmarks.plot --acc ACC.json [--acc SITES.json] [--speed SPEED.json] [--out DIR]

Reads the JSON that ``benchmarks.accuracy --json`` writes (one or more sets: the first one is
plotted, every set gets an F1 column) and the one ``benchmarks.speed --track html --json`` writes.
A system's pages per second come from speed.json when it was timed there (best of several turns),
else from the accuracy run's one timed pass (marked ``*`` in the table). Writes, in ``--out``
(default benchmarks/results):

  f1_speed.png         F1 against pages per second, one labelled point per system, log x
  results.md           the table: F1 P R per set, pages/s, time relative to trafilatura's default
  README-snippet.md    the table and the image link, for the top-level README

matplotlib comes with the ``bench`` extra (``pip install '.[bench]'``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

OUT = Path(__file__).with_name("results")
TRACK = "html"
ANCHOR = "trafilatura"


@dataclass(frozen=True, slots=True)
class Point:
    system: str
    scores: dict[str, dict[str, float]]   # set -> {"f1", "p", "r", ...}
    pages_per_s: float
    timed: bool                           # measured by speed.py (else: the accuracy pass)


def load(acc_paths: Sequence[Path], speed_path: Path | None
         ) -> tuple[list[str], list[Point], dict[str, object]]:
    """(set names, one point per system of the first set's html track, speed.json's header)."""
    sets: list[str] = []
    scores: dict[str, dict[str, dict[str, float]]] = {}
    acc_rate: dict[str, float] = {}
    order: list[str] = []
    for i, path in enumerate(acc_paths):
        doc = json.loads(path.read_text(encoding="utf-8"))
        name = str(doc.get("set", path.stem))
        sets.append(name)
        for run in doc["runs"]:
            if run["track"] != TRACK:
                continue
            sysname = run["system"]
            scores.setdefault(sysname, {})[name] = run["summary"]
            if i == 0:
                order.append(sysname)
                n = run["summary"]["n"]
                acc_rate[sysname] = n / run["seconds"] if run["seconds"] else float("inf")
    speed: dict[str, object] = {}
    rate: dict[str, float] = {}
    if speed_path:
        speed = json.loads(speed_path.read_text(encoding="utf-8"))
        rate = {t["name"]: t["pages_per_s"] for t in speed["timings"]}  # type: ignore[index]
    points = [Point(s, scores[s], rate.get(s, acc_rate[s]), s in rate) for s in order]
    return sets, points, speed


def table(sets: Sequence[str], points: Sequence[Point]) -> str:
    """Markdown: one row per system, best F1 of the first set first."""
    anchor = next((p for p in points if p.system == ANCHOR), None)
    head = ["system", *(f"F1 {s}" for s in sets), f"P {sets[0]}", f"R {sets[0]}", "pages/s",
            f"time vs {ANCHOR}"]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for p in sorted(points, key=lambda p: -p.scores[sets[0]]["f1"]):
        first = p.scores[sets[0]]
        f1s = [f"{p.scores[s]['f1']:.3f}" if s in p.scores else "" for s in sets]
        ratio = f"{anchor.pages_per_s / p.pages_per_s:.2f}x" if anchor and p.pages_per_s else ""
        name = f"**{p.system}**" if p.system.startswith("cleaner") else p.system
        cells = [name, *f1s, f"{first['p']:.3f}", f"{first['r']:.3f}",
                 f"{p.pages_per_s:.1f}" + ("" if p.timed else "*"), ratio]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def notes(sets: Sequence[str], points: Sequence[Point], speed: dict[str, object]) -> str:
    n = points[0].scores[sets[0]]["n"] if points else 0
    lines = [f"F1 per `shared/bench/score-spec.md` on the html track of {', '.join(sets)} "
             f"({sets[0]}: {n:.0f} pages); pages/s on {speed.get('set', sets[0])}, one process, one core"]
    if speed:
        lines[0] += f", best of {speed.get('reps')} turns (`benchmarks.speed`)"
    if any(not p.timed for p in points):
        lines.append("`*`: from the accuracy run's single timed pass, not `benchmarks.speed`.")
    return "\n".join(lines)


def plot(sets: Sequence[str], points: Sequence[Point], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import NullFormatter, ScalarFormatter

    fig, ax = plt.subplots(figsize=(7.5, 4.8), dpi=110)
    xs = [p.pages_per_s for p in points]
    ys = [p.scores[sets[0]]["f1"] for p in points]
    for p, x, y in zip(points, xs, ys, strict=True):
        mine = p.system.startswith("cleaner")
        ax.scatter(x, y, s=70 if mine else 40, color="tab:red" if mine else "tab:blue", zorder=3)
    ax.set_xscale("log")
    ax.xaxis.set_major_formatter(ScalarFormatter())
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_xlim(min(xs) / 1.6, max(xs) * 4)
    ax.set_ylim(max(0.0, min(ys) - 0.03), 1.0)
    ax.set_xlabel("pages per second (log scale, one core)")
    ax.set_ylabel(f"F1 ({sets[0]} html)")
    ax.set_title(f"Article extraction on {sets[0]} html: accuracy against speed")
    ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    # labels right of their point, pushed down (display pixels) so that neighbours never overlap
    placed: list[tuple[float, float]] = []
    for i in sorted(range(len(points)), key=lambda i: -ys[i]):
        px, py = ax.transData.transform((xs[i], ys[i]))
        ly = py + 6
        while any(abs(ly - qy) < 12 and abs(px - qx) < 170 for qx, qy in placed):
            ly -= 4
        placed.append((px, ly))
        mine = points[i].system.startswith("cleaner")
        ax.annotate(f"{points[i].system} {ys[i]:.3f}", (xs[i], ys[i]), xycoords="data",
                    xytext=(px + 8, ly), textcoords="figure pixels", fontsize=8, va="center",
                    fontweight="bold" if mine else "normal",
                    arrowprops={"arrowstyle": "-", "color": "0.6", "lw": 0.6} if abs(ly - py) > 8 else None)
    fig.savefig(path)
    plt.close(fig)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.plot", description=__doc__.split("\n")[0])
    ap.add_argument("--acc", type=Path, action="append", required=True,
                    help="JSON from benchmarks.accuracy --json (repeat for more sets; the first is plotted)")
    ap.add_argument("--speed", type=Path, help="JSON from benchmarks.speed --track html --json")
    ap.add_argument("--out", type=Path, default=OUT, help="output folder (default benchmarks/results)")
    return ap.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    a = parse_args(argv)
    sets, points, speed = load(a.acc, a.speed)
    if not points:
        print(f"plot: error: no {TRACK} runs in {a.acc[0]}", file=sys.stderr)
        return 2
    a.out.mkdir(parents=True, exist_ok=True)
    plot(sets, points, a.out / "f1_speed.png")
    md = table(sets, points) + "\n\n" + notes(sets, points, speed) + "\n"
    (a.out / "results.md").write_text(f"# html track: F1 and speed\n\n{md}", encoding="utf-8")
    snippet = ("## How it compares (HTML input)\n\n"
               "![F1 against pages per second on the dev html pages](benchmarks/results/f1_speed.png)\n\n"
               f"{md}\nReproduce: `benchmarks/README.md` (`accuracy --json`, `speed --json`, `plot`).\n")
    (a.out / "README-snippet.md").write_text(snippet, encoding="utf-8")
    print(f"wrote {a.out / 'f1_speed.png'}, {a.out / 'results.md'}, {a.out / 'README-snippet.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
