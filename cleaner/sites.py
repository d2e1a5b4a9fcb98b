"""Cross-page learning: what recurs on many pages of one site is that site's chrome.

A single page cannot tell a menu entry from a one-line paragraph; the site can. Pass 1 judges each
page as a single page (``Cleaner.judge``) and counts, per site (host), on how many distinct pages each
normalised line occurs and where it sits (``Places``: the share of the page's kept prose before it).
Pass 2 cleans each page as a single page would, then applies its site's learnt rules: every learnt
line is chrome (a ``strip`` rule, applied after the page's own decision; a second body region where
learnt lines weigh as chrome may only narrow the page's own), and a learnt line that on most pages
follows the kept prose closes the site's articles (a ``close`` rule: what follows it is chrome too).
``cleaner learn`` writes the same rules as a rule file.

Lines are counted as 64-bit hashes on a bottom-k sample of ``max_pages`` pages a site, so a site's
state is bounded and the profiles, and the output, do not depend on file order or on how pages are
split between workers. What was measured to choose this design: docs/experiments.md.
"""

from __future__ import annotations

import hashlib
import math
import statistics
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import regex

from .rules import Rule, normalise, parse_rules
from .scorers import Kind
from .types import Decision

if TYPE_CHECKING:
    from .pipeline import Assessed

_SLUG = regex.compile(r"[^a-z0-9]+")

PageKeys = dict[int, str]  # one page's distinct lines: hash -> normalised line
Places = dict[int, int]    # where on the page each line first occurs: hash -> share of the prose the page's
                           # own decision kept that precedes it, 0 (none) .. PLACE_END (all)
PLACE_END = 255


@dataclass(frozen=True)
class Learning:
    """How much recurrence makes chrome (the measurements behind the defaults: docs/experiments.md)."""

    min_pages: int = 2            # a line on this many distinct pages of the site is chrome
    share: float = 0.0            # ... and on at least this share of the site's pages
    max_pages: int = 64           # pages of a site sampled (bounds pass-1 memory; chrome is on most)
    close_share: float = 0.5      # a learnt line on at least this share of the site's pages closes its
    close_place: float = 0.9      # articles if, on the median page, this share of the kept prose precedes it

    def counts(self, all_texts: bool = False) -> SiteCounts:
        """Empty pass-1 state for one site."""
        return SiteCounts(self.max_pages, all_texts)

    def threshold(self, pages: int) -> int:
        return max(self.min_pages, math.ceil(self.share * pages))

    def close_threshold(self, pages: int) -> int:
        return max(self.threshold(pages), math.ceil(self.close_share * pages))


def line_hash(norm: str) -> int:
    """A normalised line's 64-bit identity for counting."""
    return int.from_bytes(hashlib.blake2b(norm.encode(), digest_size=8).digest())


def page_keys(lines: Iterable[str]) -> PageKeys:
    """Distinct normalised lines of one page, from its block texts, by hash."""
    keys: PageKeys = {}
    for line in lines:
        norm = normalise(line)
        if norm:
            keys.setdefault(line_hash(norm), norm)
    return keys


def page_lines(items: Sequence[Assessed], decisions: Sequence[Decision]) -> tuple[PageKeys, Places]:
    """A page's distinct lines (``page_keys``) and where each first occurs relative to the prose the
    page's own decision kept (``Places``): what pass 1 learns from a page."""
    prose = [a.feats.words if d.kept and a.score.kind is Kind.GOOD else 0
             for a, d in zip(items, decisions, strict=True)]
    total = sum(prose)
    keys: PageKeys = {}
    places: Places = {}
    before = 0
    for a, words in zip(items, prose, strict=True):
        norm = normalise(a.block.text)
        if norm:
            h = line_hash(norm)
            if h not in keys:
                keys[h] = norm
                places[h] = round(PLACE_END * before / total) if total else 0
        before += words
    return keys, places


def page_fingerprint(keys: PageKeys) -> int:
    """A page's identity for counting: pages with the same lines count once."""
    digest = hashlib.blake2b(digest_size=8)
    for h in sorted(keys):
        digest.update(h.to_bytes(8))
    return int.from_bytes(digest.digest())


@dataclass
class SiteCounts:
    """Pass-1 state of one site: its sample of pages, on how many of them each line hash occurs, and
    the text of the lines on two sampled pages or more (of every line with ``all_texts``: partial
    counts that are merged later, where a line once on each side is on two pages).

    The sample is the ``max_pages`` distinct pages with the smallest fingerprints (a bottom-k sample:
    the same pages whatever the order they come in, and exact copies count once), so the state of a
    site is bounded however many pages it has, and chrome, which is on most pages, is still learnt.
    """

    max_pages: int = 1 << 30
    all_texts: bool = False
    pages: dict[int, array] = field(default_factory=dict)  # fingerprint -> the page's line hashes
    places: dict[int, array] = field(default_factory=dict)  # fingerprint -> where they are (Places), in order
    counts: Counter[int] = field(default_factory=Counter)
    texts: dict[int, str] = field(default_factory=dict)

    def add(self, keys: PageKeys, places: Places | None = None) -> None:
        """A page's lines; without ``places`` every line counts as at the page's top (closes nothing)."""
        hashes, where = sorted(keys), places or {}
        at = array("B", (where.get(h, 0) for h in hashes))
        self._add(page_fingerprint(keys), array("Q", hashes), keys, at)

    def _add(self, fingerprint: int, hashes: array, texts: dict[int, str], places: array) -> None:
        if fingerprint in self.pages:
            return
        if len(self.pages) >= self.max_pages:
            largest = max(self.pages)
            if fingerprint > largest:
                return
            self._drop(largest)
        self.pages[fingerprint] = hashes
        self.places[fingerprint] = places
        counts, keep = self.counts, 1 if self.all_texts else 2
        for h in hashes:
            counts[h] += 1
            if counts[h] == keep:
                self.texts[h] = texts[h]

    def _drop(self, fingerprint: int) -> None:
        counts, keep = self.counts, 1 if self.all_texts else 2
        del self.places[fingerprint]
        for h in self.pages.pop(fingerprint):
            counts[h] -= 1
            if counts[h] == keep - 1:
                self.texts.pop(h, None)
            if not counts[h]:
                del counts[h]

    def merge(self, other: SiteCounts) -> None:
        """Add counts made from other pages: what adding those pages here gives (``other`` must
        keep all its texts)."""
        assert other.all_texts, "merged counts must keep every line's text"
        for fingerprint in sorted(other.pages):
            self._add(fingerprint, other.pages[fingerprint], other.texts, other.places[fingerprint])

    def learnt(self, k: int) -> tuple[tuple[str, int], ...]:
        return tuple(sorted((self.texts[h], n) for h, n in self.counts.items() if n >= k))

    def closing(self, k: int, place: float) -> frozenset[str]:
        """The lines on ``k`` pages or more that on the median page follow ``place`` of its kept prose."""
        seen: dict[int, list[int]] = {h: [] for h, n in self.counts.items() if n >= k}
        for fingerprint in sorted(self.pages):
            for h, where in zip(self.pages[fingerprint], self.places[fingerprint], strict=True):
                if h in seen:
                    seen[h].append(where)
        return frozenset(self.texts[h] for h, wheres in seen.items()
                         if statistics.median(wheres) >= place * PLACE_END)


class SiteLearner:
    """Counts lines per site; ``profiles()`` turns the counts into per-site rule sets."""

    def __init__(self, learning: Learning | None = None) -> None:
        self.learning = learning or Learning()
        self.sites: dict[str, SiteCounts] = {}

    def add(self, site: str, lines: Iterable[str]) -> None:
        self.add_keys(site, page_keys(lines))

    def add_keys(self, site: str, keys: PageKeys, places: Places | None = None) -> None:
        counts = self.sites.get(site)
        if counts is None:
            counts = self.sites[site] = self.learning.counts()
        counts.add(keys, places)

    def profiles(self) -> dict[str, SiteProfile]:
        out = {}
        for site in sorted(self.sites):
            profile = learn_site(site, self.sites[site], self.learning)
            if profile.learnt:
                out[site] = profile
        return out


@dataclass(frozen=True)
class SiteProfile:
    """What one site's pages taught: its recurring lines, with the number of pages of each."""

    site: str
    pages: int
    lines: tuple[tuple[str, int], ...]
    closing: frozenset[str] = frozenset()  # those of the lines that close the site's articles

    @property
    def learnt(self) -> bool:
        """Whether the site taught anything (sites without rules are left out of a rule file)."""
        return bool(self.lines)

    def to_toml(self) -> str:
        return profile_toml(self)

    def rules(self) -> tuple[Rule, ...]:
        """The learnt rules, parsed from the same TOML ``cleaner learn`` writes."""
        return parse_rules(self.to_toml(), f"<learnt: {self.site}>")


def learn_site(site: str, counts: SiteCounts, learning: Learning) -> SiteProfile:
    n = len(counts.pages)
    if n < learning.min_pages:
        return SiteProfile(site, n, ())
    return SiteProfile(site, n, counts.learnt(learning.threshold(n)),
                       counts.closing(learning.close_threshold(n), learning.close_place))


# --- rule files -------------------------------------------------------------------------------


def slug(site: str) -> str:
    """A rule-id-safe name for a site.

    >>> slug("blog.ted.com")
    'blog-ted-com'
    """
    return _SLUG.sub("-", site.casefold()).strip("-") or "site"


def _q(text: str) -> str:
    """A TOML basic string."""
    out = text.replace("\\", "\\\\").replace('"', '\\"')
    out = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in out)
    return f'"{out}"'


def profile_toml(p: SiteProfile) -> str:
    """One site's learnt rules as a rule file section (valid input for ``parse_rules``): its recurring
    lines, a ``strip`` rule, and those of them that close its articles, a ``close`` rule."""
    out = [f"# {p.site}: {p.pages} pages; {len(p.lines)} recurring lines"]
    rules = (("lines", "strip", "lines repeated across pages of {}: chrome, judged after the page", False),
             ("closing", "close", "lines that close the articles of {}: chrome, and what follows", True))
    for name, action, what, closing in rules:
        phrases = [f"    {_q(text)},  # {n}/{p.pages} pages" for text, n in p.lines
                   if (text in p.closing) == closing]
        if phrases:
            comment = what.format(p.site) + " (see cleaner/sites.py)"
            out += ["", "[[rule]]", f"id = {_q(f'site-{slug(p.site)}-{name}')}", f"comment = {_q(comment)}",
                    f"action = {_q(action)}", "phrases = [", *phrases, "]"]
    return "\n".join([*out, ""])


def rules_file(profiles: dict[str, SiteProfile]) -> str:
    """Every site's section in one file, as ``cleaner learn`` writes it."""
    head = ["# Learnt by `cleaner learn`: lines that recur across pages of a site.",
            "# Load with `cleaner --rules FILE`. Rules match on any page, so keep one file per site",
            "# (or per corpus of similar sites) when pages of other sites are cleaned with it.", ""]
    return "\n".join(head + [profiles[s].to_toml() for s in sorted(profiles)])
