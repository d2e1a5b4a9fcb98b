"""Cross-page learning: what recurs on many pages of one site is that site's chrome.

A single page cannot tell a menu entry from a one-line paragraph; the site can. Pass 1 counts, per
site (host), on how many distinct pages each normalised line occurs. Pass 2 cleans every page as a
single page would, and then labels every learnt line chrome: a ``strip`` rule (rules.Action.STRIP),
which leaves the page's body region, end markers and headline exactly as without learning.

Why strip and not penalties (measured on sites-dev, benchmarks/sites.py, dump track): 99% of
repeated lines are chrome, but they also sit inside articles (share rows, "Advertisement", image
credits, section headings shared across papers). Weighing them in the body region (-10 a line, the
earlier design) split articles into islands and moved the region onto comment threads: it won big on
some pages (teaser lists, comment threads) and lost whole articles on others, F1 0.9232. Removing
them after the single-page decision gives 0.9273; every tried mix of the two (bands of learnt lines
as region walls, the share of learnt lines around a block, a footer line voted across the site's
pages, capped or clipped weights) was lower. Line templates ("posted by ...", first or last two
words) cost 0.001 and are no longer learnt; long repeated lines are chrome as well (keeping those of
15+ or 30+ words cost 0.01).

Memory: lines are counted as 64-bit hashes (``line_hash``); the text of a line is kept only once
it is on two pages, so the pass-1 state grows with the site's distinct lines (one int each) and its
repeated lines (their text), not with the text of its pages. Counts are exact, so the profiles, and
the output, do not depend on file order or on how pages are split between workers.

Thresholds: a line is learnt when it occurs on at least ``min_pages`` pages and at least ``share``
of the site's pages.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import regex

from .rules import Rule, normalise, parse_rules

_SLUG = regex.compile(r"[^a-z0-9]+")

PageKeys = dict[int, str]  # one page's distinct lines: hash -> normalised line


@dataclass(frozen=True)
class Learning:
    """How much recurrence makes chrome. Defaults measured on sites-dev (see module doc)."""

    min_pages: int = 2            # a line on this many distinct pages of the site is chrome
    share: float = 0.0            # ... and on at least this share of the site's pages

    def threshold(self, pages: int) -> int:
        return max(self.min_pages, math.ceil(self.share * pages))


def line_hash(norm: str) -> int:
    """A normalised line's 64-bit identity for counting."""
    return int.from_bytes(hashlib.blake2b(norm.encode(), digest_size=8).digest())


def page_keys(lines: Iterable[str], learning: Learning | None = None) -> PageKeys:
    """Distinct normalised lines of one page, from its block texts, by hash."""
    keys: PageKeys = {}
    for line in lines:
        norm = normalise(line)
        if norm:
            keys.setdefault(line_hash(norm), norm)
    return keys


def page_fingerprint(keys: PageKeys) -> int:
    """A page's identity for counting: pages with the same lines count once."""
    digest = hashlib.blake2b(digest_size=8)
    for h in sorted(keys):
        digest.update(h.to_bytes(8))
    return int.from_bytes(digest.digest())


@dataclass
class SiteCounts:
    """Pass-1 state of one site: pages seen (by content, so exact copies count once), on how many
    pages each line hash occurs, and the text of the lines seen on two pages or more (of every line
    with ``all_texts``: partial counts that are merged later, where a line once on each side is on
    two pages)."""

    pages: set[int] = field(default_factory=set)
    counts: Counter[int] = field(default_factory=Counter)
    texts: dict[int, str] = field(default_factory=dict)
    all_texts: bool = False

    def add(self, keys: PageKeys) -> None:
        fingerprint = page_fingerprint(keys)
        if fingerprint in self.pages:
            return
        self.pages.add(fingerprint)
        counts, texts = self.counts, self.texts
        for h, norm in keys.items():
            counts[h] += 1
            if counts[h] == 2 or self.all_texts:
                texts[h] = norm

    def merge(self, other: SiteCounts) -> None:
        """Add counts made from other pages (no page in both): what adding those pages here gives.
        Exact when ``other`` kept all its texts."""
        assert not self.pages & other.pages, "merged counts must come from distinct pages"
        self.pages |= other.pages
        self.counts.update(other.counts)
        self.texts.update(other.texts)

    def learnt(self, k: int) -> tuple[tuple[str, int], ...]:
        return tuple(sorted((self.texts[h], n) for h, n in self.counts.items() if n >= k and h in self.texts))


class SiteLearner:
    """Counts lines per site; ``profiles()`` turns the counts into per-site rule sets."""

    def __init__(self, learning: Learning | None = None) -> None:
        self.learning = learning or Learning()
        self.sites: dict[str, SiteCounts] = {}

    def add(self, site: str, lines: Iterable[str]) -> None:
        self.add_keys(site, page_keys(lines, self.learning))

    def add_keys(self, site: str, keys: PageKeys) -> None:
        self.sites.setdefault(site, SiteCounts()).add(keys)

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
    learning: Learning = Learning()

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
        return SiteProfile(site, n, (), learning)
    return SiteProfile(site, n, counts.learnt(learning.threshold(n)), learning)


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
    """One site's learnt rule as a rule file section (valid input for ``parse_rules``)."""
    what = f"lines repeated across pages of {p.site}: chrome, judged after the page (see cleaner/sites.py)"
    out = [f"# {p.site}: {p.pages} pages; {len(p.lines)} recurring lines", "",
           "[[rule]]", f"id = {_q(f'site-{slug(p.site)}-lines')}", f"comment = {_q(what)}",
           'action = "strip"', "phrases = ["]
    out += [f"    {_q(text)},  # {n}/{p.pages} pages" for text, n in p.lines]
    return "\n".join([*out, "]", ""])


def rules_file(profiles: dict[str, SiteProfile]) -> str:
    """Every site's section in one file, as ``cleaner learn`` writes it."""
    head = ["# Learnt by `cleaner learn`: lines that recur across pages of a site.",
            "# Load with `cleaner --rules FILE`. Rules match on any page, so keep one file per site",
            "# (or per corpus of similar sites) when pages of other sites are cleaned with it.", ""]
    return "\n".join(head + [profiles[s].to_toml() for s in sorted(profiles)])
