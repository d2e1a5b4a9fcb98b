"""Cross-page learning: what recurs on many pages of one site is that site's chrome.

A single page cannot tell a menu entry from a one-line paragraph; the site can. Pass 1 counts, per
site (host), on how many distinct pages each normalised line occurs. Pass 2 cleans every page as a
single page would, and then labels every learnt line chrome: a ``strip`` rule (rules.Action.STRIP),
which leaves the page's body region, end markers and headline exactly as without learning; a second
body region, where learnt lines weigh as chrome, then narrows the first (pipeline._learnt_region).

Why strip and not penalties (measured on sites-dev, benchmarks/sites.py, dump track): 99% of
repeated lines are chrome, but they also sit inside articles (share rows, "Advertisement", image
credits, section headings shared across papers). Weighing them in the body region (-10 a line, the
earlier design) split articles into islands and moved the region onto comment threads: it won big on
some pages (teaser lists, comment threads) and lost whole articles on others, F1 0.9232. Removing
them after the single-page decision gives 0.9273; every tried mix of the two (bands of learnt lines
as region walls, the share of learnt lines around a block, a footer line voted across the site's
pages, capped or clipped weights) was lower, except a second, learnt-aware region that may only narrow
the page's own one (pipeline._learnt_region: 0.9337). Line templates ("posted by ...", first or last two
words) cost 0.001 and are no longer learnt; long repeated lines are chrome as well (keeping those of
15+ or 30+ words cost 0.01).

Closing lines (session 3): the learnt lines right after a site's articles ("External links", an
"Advertise with us" row, a comment-feed notice, a "Comments" heading) close them: what follows, a
comment thread, an author box or teasers, is chrome however much prose it holds, where the page's own
end markers need a fifth of the region's prose before them. Pass 1 therefore judges every page as a
single page (``Cleaner.judge``, about as long as cleaning it: --sites takes about twice the single-page
time) and notes where each line sits: the share of the kept prose that precedes it (``Places``). A
learnt line on at least ``close_share`` of the site's pages whose median place is ``close_place`` or
later closes (a ``close`` rule); pass 2 cuts at the first one after the body's first unlearnt prose
(pipeline._closed). Measured on sites-dev (dump / near, from 0.9384 / 0.9422): cutting at a recurring
end-marker rule once any prose precedes it 0.9309 (the "Comments" link under a headline), once 30 words
do 0.9373; closing lines by median place 0.9 on 2+ pages 0.9389, plus not at the headline or a line of
the page title 0.9412 / 0.9421, plus not between two body blocks 0.9441 / 0.9426, plus only in a band
of chrome (a learnt, rule-matched or chrome-looking neighbour) 0.9451 / 0.9426 (kept). At 0.9441: median
place 0.85 the same, 0.7 0.9420, 0.95 0.9426; the minimum place instead of the median 0.9394; on 30%,
40% or any share of the pages instead of half the same (near 0.9428), on 60% 0.9437 / 0.9420; 50 words
of prose before the cut 0.9411; counting all kept words, not only prose, 0.9438 / 0.9423. An oracle
that cuts every page's body after the gold's last line took 0.9384 to 0.9489 (both ends 0.9501): the
closing lines take about half of what ending the body better can give. The html track of sites-dev
(not in benchmarks/sites.py): single 0.9413, --sites 0.9436 -> 0.9443. Time, dump, --jobs 1: --sites
2.9 s -> 4.1 s (single 2.4 s).

Tried with closing lines and not kept (sites-dev dump / near): prose counted in places only from
paragraphs of 40+ words 0.9461 / 0.9420 (a peak: 20 or 30 words the same as all, 60 0.9435 / 0.9420);
places measured only up to the page's first end marker after 1 or 30 words of prose 0.9418 (a site's
end marker mid-article), after 60+ no change; extending the body over the unlearnt blocks up to the
next closing line (recall) 0.9437, only its non-BAD blocks 0.9438, only prose and list items 0.9440.
From 0.9441, comment threads as a learnt line that recurs 3+ times after the body's first prose: cut
at the first learnt line before its first occurrence 0.9399 (2+ times 0.9371, 5+ 0.9411), at that
occurrence 0.9373 (it fixes two slashdot pages and breaks a third, whose gold keeps comments, and
two biomedcentral pages, whose learnt section headings recur in the references). From 0.9451 / 0.9426:
opening lines, the mirror image (median place 0.05 or less on half the pages; kept blocks before the
last one in a band are chrome while less than half the kept prose precedes it) 0.9424 / 0.9425 (place
0.1 0.9420, 0.02 and a quarter 0.9427); closing lines a wall (-10 to -50) in the learnt region 0.9452.

Memory: lines are counted as 64-bit hashes (``line_hash``) and the text of a line is kept only once
it is on two pages. A site's pages are sampled: the ``max_pages`` with the smallest fingerprints, the
same set whatever the order, so a site's state is bounded by the lines of that many pages. Counts on
the sample are exact, so the profiles, and the output, do not depend on file order or on how pages
are split between workers.

Thresholds: a line is learnt when it occurs on at least ``min_pages`` pages and at least ``share``
of the site's pages. The place of every line of a sampled page is kept too (a byte a line), and merged
with the counts, so closing lines are as independent of order and workers as the counts.
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
    """How much recurrence makes chrome. Defaults measured on sites-dev (see module doc)."""

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
