"""How many hosts each built-in rule rests on: where its removals were right (chrome) or wrong (body).

usage: python -m benchmarks.rule_support [--sets LIST] [--tracks dump,near,html] [--jobs 2] [--min-hosts 3]

For every page of the visible sets and tracks it runs cleaner (default config, no timeout) and looks at
each removed block whose reason is ``rule:ID`` or one of its cascades (``context:after rule:ID``,
``context:under rule:ID``, ``context:after promo rule:ID``). The block is judged as
../shared/bench/loss_by_reason.py does: "chrome" when under 30% of its \\w+ words occur in the page's
gold, "body" when at least 80% do (between: neither). On a snippet-only set (trafeval-dev) a block is
"body" when it holds a "with" snippet (or, five words or more, lies inside one) and no "without" one,
else "chrome" (the brief's definition: a "without" snippet, or no "with" snippet; weak evidence).
Hosts are the manifest url's host (``www.`` dropped). It prints, per rule id: the files defining it,
its action, hosts and words where its direct removals / cascades removed chrome and body; then the
rules with chrome support on fewer than ``--min-hosts`` hosts and the rules that never fired.
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
import tomllib
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from . import data

W = re.compile(r"\w+")
REASON = re.compile(r"^(?:context:(after promo|after|under) )?rule:([\w.-]+)")
CHROME_MAX, BODY_MIN = 0.3, 0.8
TRACKS = ("dump", "near", "html")


def host_of(row: dict[str, object]) -> str:
    """The manifest row's host, ``www.`` dropped.

    >>> host_of({"url": "https://www.Example.com/a/b"}), host_of({"host": "news.example.org", "url": ""})
    ('example.com', 'news.example.org')
    """
    h = str(row.get("host") or urlsplit(str(row.get("url", ""))).hostname or "").lower()
    return h[4:] if h.startswith("www.") else h


def rule_of(reason: str) -> tuple[str, str] | None:
    """(rule id, "direct" or the cascade kind) of a removal's reason, or None.

    >>> rule_of("rule:author-box"), rule_of("context:after promo rule:x (y)"), rule_of("context:menu-run")
    (('author-box', 'direct'), ('x', 'after promo'), None)
    """
    m = REASON.match(reason)
    return (m.group(2), m.group(1) or "direct") if m else None


def squash(text: str) -> str:
    return " ".join(text.split())


def judge_gold(text: str, gold_words: set[str]) -> str | None:
    """ "chrome", "body", "mixed" (in between) or None (no words) for a block against the page's gold words.

    >>> judge_gold("Share this", {"the", "bridge"}), judge_gold("the bridge", {"the", "bridge"})
    ('chrome', 'body')
    """
    words = W.findall(text)
    if not words:
        return None
    share = sum(w in gold_words for w in words) / len(words)
    return "chrome" if share < CHROME_MAX else "body" if share >= BODY_MIN else "mixed"


def judge_snippets(text: str, snip: dict[str, list[str]]) -> str | None:
    """A block of a snippet-only page: "body" when it holds (or lies inside) a "with" snippet and holds
    no "without" one, else "chrome".

    >>> s = {"with": ["The council met on Tuesday."], "without": ["Share this"]}
    >>> judge_snippets("The council met on Tuesday.", s), judge_snippets("Share this", s)
    ('body', 'chrome')
    """
    t = squash(text)
    if not t:
        return None

    def overlaps(s: str) -> bool:
        s = squash(s)
        return bool(s) and (s in t or (len(t.split()) >= 5 and t in s))

    if any(overlaps(s) for s in snip.get("without", [])):
        return "chrome"
    return "body" if any(overlaps(s) for s in snip.get("with", [])) else "chrome"


_CLEANER = None


def _cleaner():
    global _CLEANER
    if _CLEANER is None:
        from cleaner import Cleaner, Config

        _CLEANER = Cleaner(Config(timeout=None))
    return _CLEANER


def page_removals(job: tuple[str, str, str]) -> list[tuple[str, str, str, int]]:
    """(rule id, kind, "chrome"/"body", words) for every judged removal on one page of one track."""
    set_name, track, pid = job
    root = data.set_dir(set_name)
    try:
        raw = data.read_input(root, track, pid)
    except OSError:
        return []
    try:
        decisions = _cleaner().clean(raw).decisions
    except Exception:  # noqa: BLE001 - a failing page counts nothing
        return []
    if data.has_gold(root):
        gold = set(W.findall(data.read_text(root / "gold" / f"{pid}.txt")))
        judge = lambda t: judge_gold(t, gold)  # noqa: E731
    else:
        snip = data.snippets(root).get(pid, {}) if set_name not in _SNIPS else _SNIPS[set_name].get(pid, {})
        judge = lambda t: judge_snippets(t, snip)  # noqa: E731
    out = []
    for d in decisions:
        if d.label.value != "chrome":
            continue
        hit = rule_of(d.reason)
        if hit is None:
            continue
        verdict = judge(d.block.text)
        if verdict:
            out.append((hit[0], hit[1], verdict, len(W.findall(d.block.text))))
    return out


_SNIPS: dict[str, dict[str, dict[str, list[str]]]] = {}


def _init(sets: Sequence[str]) -> None:
    for s in sets:
        root = data.set_dir(s)
        if not data.has_gold(root):
            _SNIPS[s] = data.snippets(root)


@dataclass
class Tally:
    hosts: set[str] = field(default_factory=set)
    pages: set[tuple[str, str]] = field(default_factory=set)
    words: int = 0

    def add(self, host: str, page: tuple[str, str], words: int) -> None:
        self.hosts.add(host)
        self.pages.add(page)
        self.words += words


def builtin_rules(rules_dir: Path | None = None) -> dict[str, tuple[list[str], str]]:
    """rule id -> (files defining it, action) for every rule file under rules/ (stopwords.toml aside)."""
    from cleaner.rules import rules_dir as default_dir

    out: dict[str, tuple[list[str], str]] = {}
    for path in sorted((rules_dir or default_dir()).glob("*.toml")):
        for r in tomllib.loads(path.read_text(encoding="utf-8")).get("rule", []):
            files, action = out.setdefault(r["id"], ([], r.get("action", "drop")))
            files.append(path.stem)
    return out


def collect(jobs: Iterable[tuple[str, str, str]], hosts: dict[tuple[str, str], str], n_jobs: int,
            sets: Sequence[str]) -> dict[tuple[str, str, str], Tally]:
    """(rule id, "direct"/"cascade", verdict) -> Tally over all jobs."""
    tallies: dict[tuple[str, str, str], Tally] = collections.defaultdict(Tally)
    jobs = list(jobs)
    if n_jobs > 1:
        with ProcessPoolExecutor(n_jobs, initializer=_init, initargs=(tuple(sets),)) as ex:
            results = ex.map(page_removals, jobs, chunksize=8)
            pairs = zip(jobs, results, strict=True)
            done = [(j, r) for j, r in pairs]
    else:
        _init(sets)
        done = [(j, page_removals(j)) for j in jobs]
    for (s, _track, pid), removals in done:
        for rid, kind, verdict, words in removals:
            tallies[(rid, "direct" if kind == "direct" else "cascade", verdict)].add(
                hosts[(s, pid)], (s, pid), words)
    return tallies


def report(tallies: dict[tuple[str, str, str], Tally], rules: dict[str, tuple[list[str], str]],
           min_hosts: int = 3) -> str:
    def cell(rid: str, kind: str, verdict: str) -> str:
        t = tallies.get((rid, kind, verdict))
        return f"{len(t.hosts):4d}h {t.words:7d}w" if t else f"{'-':>5} {'-':>7} "

    def chrome_hosts(rid: str) -> set[str]:
        return set().union(*(tallies[k].hosts for k in ((rid, "direct", "chrome"), (rid, "cascade", "chrome"))
                             if k in tallies))

    def body_words(rid: str, verdict: str) -> int:
        keys = ((rid, "direct", verdict), (rid, "cascade", verdict))
        return sum(tallies[k].words for k in keys if k in tallies)

    lines = [f"{'rule':24} {'files':18} {'action':8} {'direct chrome':>14} {'direct body':>14} "
             f"{'cascade chrome':>14} {'cascade body':>14}"]
    order = sorted(rules, key=lambda r: (-len(chrome_hosts(r)), r))
    for rid in order:
        files, action = rules[rid]
        lines.append(f"{rid:24} {','.join(files)[:18]:18} {action:8} {cell(rid, 'direct', 'chrome')} "
                     f"{cell(rid, 'direct', 'body')} {cell(rid, 'cascade', 'chrome')} "
                     f"{cell(rid, 'cascade', 'body')}")
    fired = {k[0] for k in tallies}
    weak = [r for r in order if r in fired and len(chrome_hosts(r)) < min_hosts]
    lines.append(f"\nchrome support on fewer than {min_hosts} hosts ({len(weak)}): "
                 + ", ".join(f"{r} ({len(chrome_hosts(r))}h)" for r in weak))
    worse = [r for r in order if body_words(r, "body") > body_words(r, "chrome")]
    lines.append(f"removed more body words than chrome words ({len(worse)}): "
                 + ", ".join(f"{r} ({body_words(r, 'body')}/{body_words(r, 'chrome')})" for r in worse))
    never = [r for r in sorted(rules) if r not in fired]
    lines.append(f"never removed a block ({len(never)}): " + ", ".join(never))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.rule_support", description=__doc__.split("\n")[0])
    ap.add_argument("--sets", default=",".join(data.ALL_SETS))
    ap.add_argument("--tracks", default=",".join(TRACKS))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--min-hosts", type=int, default=3)
    a = ap.parse_args(argv)
    sets = [s for s in a.sets.split(",") if s]
    tracks = [t for t in a.tracks.split(",") if t]
    jobs, hosts = [], {}
    for s in sets:
        root = data.set_dir(s)
        if data.missing_reason(root, gold=False):
            print(data.missing_reason(root, gold=False), file=sys.stderr)
            return 2
        man = data.manifest(root)
        for pid in data.page_ids(root):
            hosts[(s, pid)] = host_of(man.get(pid, {})) or f"{s}:{pid}"
            jobs += [(s, t, pid) for t in tracks if data.input_path(root, t, pid).is_file()]
    tallies = collect(jobs, hosts, a.jobs, sets)
    print(f"{len(jobs)} page runs over {', '.join(sets)} x {', '.join(tracks)}; "
          f"{len(set(hosts.values()))} hosts\n")
    print(report(tallies, builtin_rules(), a.min_hosts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
