"""How far block decisions can go: cleaner beside an oracle that labels the same blocks with the gold.

usage: python -m benchmarks.ceiling [--set dev|sites-dev] [--tracks near,dump,html] [--per-doc N]

cleaner decides block by block; it never splits a block nor adds text. So the best any decision can
score on a page is the best subset of the blocks cleaner sees. The oracle here labels those blocks
knowing the gold: it keeps the blocks whose 4-token shingles are all in the gold, drops those with
none, and decides the rest by hill climbing on the page's F1: blocks partly in the gold (a caption
joined to a paragraph, a headline run into the first sentence) and blocks too short for a shingle of
their own (list items, labels: in the joined text they make shingles with their neighbours). That is
a lower bound on the best subset and close to it (a threshold on the gold share alone, its starting
point, is 0.01 lower on dev near). A second oracle keeps the headline cleaner found, as issue 2's
default does (the gold leaves headlines out). Scored with benchmarks/scoring.py, the bench's method.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from benchmarks import data, scoring
from benchmarks.scoring import PageScore
from cleaner import Cleaner
from cleaner.api import Cleaned
from cleaner.pipeline import HEADLINE

THRESHOLDS = (0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95)


def gold_shares(gold: str, texts: Sequence[str]) -> list[float]:
    """For each block text, the share of its shingles that the gold holds (0 for a block without any).

    >>> gold_shares("one two three four five", ["one two three four", "six seven eight nine", ""])
    [1.0, 0.0, 0.0]
    """
    g = scoring.shingles(scoring.tokens(gold))
    out = []
    for text in texts:
        s = scoring.shingles(scoring.tokens(text))
        n = sum(s.values())
        out.append(sum(min(c, g[k]) for k, c in s.items()) / n if n else 0.0)
    return out


def oracle(gold: str, texts: Sequence[str], forced: frozenset[int] = frozenset()) -> PageScore:
    """The page's best score found: blocks wholly in the gold kept, blocks without a gold shingle
    dropped, and each block in between flipped while that raises the page's F1 (hill climbing from
    the best of THRESHOLDS); the ``forced`` blocks always kept."""
    shares = gold_shares(gold, texts)

    def score(keep: list[bool]) -> PageScore:
        return scoring.page(gold, "\n".join(x for x, k in zip(texts, keep, strict=True) if k))

    starts = [[s > t or i in forced for i, s in enumerate(shares)] for t in THRESHOLDS]
    keep = max(starts, key=lambda k: score(k).f1)
    best = score(keep)
    open_ = [i for i, (x, s) in enumerate(zip(texts, shares, strict=True))
             if (0.0 < s < 1.0 or len(scoring.tokens(x)) < scoring.SHINGLE) and i not in forced]
    improved = True
    while improved:
        improved = False
        for i in open_:
            keep[i] = not keep[i]
            trial = score(keep)
            if trial.f1 > best.f1 + 1e-12:
                best, improved = trial, True
            else:
                keep[i] = not keep[i]
    return best


def _headline(result: Cleaned) -> frozenset[int]:
    return frozenset(i for i, d in enumerate(result.decisions) if d.reason == HEADLINE)


def track_rows(bench: data.Path, track: str, gaps: list[tuple[float, str]] | None = None,
               ) -> list[tuple[str, scoring.CorpusScore]]:
    """The three rows of one track; ``gaps`` collects (oracle with headline F1 - cleaner F1, page id)."""
    cleaner = Cleaner()
    mine, best, best_head = [], [], []
    for page in data.load_track(bench, track):
        result = cleaner.clean(page.data)
        texts = [d.block.text for d in result.decisions]
        mine.append(scoring.page(page.gold, result.text))
        best.append(oracle(page.gold, texts))
        best_head.append(oracle(page.gold, texts, _headline(result)))
        if gaps is not None:
            gaps.append((best_head[-1].f1 - mine[-1].f1, page.id))
    return [("cleaner", scoring.corpus(mine)), ("oracle, headline kept", scoring.corpus(best_head)),
            ("oracle", scoring.corpus(best))]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.ceiling", description=__doc__.split("\n")[0])
    ap.add_argument("--set", default="dev", choices=data.SETS)
    ap.add_argument("--tracks", default="near,dump,html")
    ap.add_argument("--per-doc", type=int, default=0, metavar="N",
                    help="list the N pages furthest below the oracle (headline kept) per track")
    a = ap.parse_args(argv)
    bench = data.set_dir(a.set)
    if (why := data.missing_reason(bench)) is not None:
        raise SystemExit(f"ceiling: {why}")
    print(f"set: {a.set} ({bench})")
    print(f"{'track':6} {'system':24} {'F1':>7} {'P':>7} {'R':>7}")
    for track in a.tracks.split(","):
        gaps: list[tuple[float, str]] = []
        for name, c in track_rows(bench, track, gaps):
            print(f"{track:6} {name:24} {c.f1:7.4f} {c.p:7.4f} {c.r:7.4f}")
        for gap, pid in sorted(gaps, reverse=True)[: a.per_doc]:
            print(f"  {track} {pid[:28]}  {gap:+.3f} below the oracle")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
