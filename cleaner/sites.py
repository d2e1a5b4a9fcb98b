"""Cross-page learning: what recurs on many pages of one site is that site's chrome.

A single page cannot tell a menu entry from a one-line paragraph; the site can. Pass 1 counts, per
site (host), on how many distinct pages each normalised line occurs, and on how many pages each
short line *template* occurs (its first two or last two words: "posted by ...", "... | permalink").
Pass 2 cleans every page with rules learnt from those counts, passed as ordinary ``Rule`` records.

Why penalties and not drops: on the sites-dev bench 99% of repeated lines are chrome, but a hard drop
only removes the line, while a negative weight also keeps the body region (maximum-sum run, see
pipeline.py) from stretching across menus. The weight of a short line is modest (-10, a sentence or
two of prose): at -50 every learnt line split the page into islands and the region picked the
biggest one, often a comment thread rather than a short post, and learning cost recall (sites-dev
dump R 0.925 -> 0.862). Learnt rules come after the built-in ones (rules.RuleSet.extend), so a
"Comments" heading stays an end marker rather than becoming one more penalty. A long prose line that recurs
keeps a positive weight unless the penalty for its length says otherwise, which is the "unless the
page says body" clause: a one-off paragraph with the same words as a site-wide line survives only if
the page around it is body.

Thresholds (checked on sites-dev, benchmarks/sites.py): a line is learnt when it occurs on at least
``min_pages`` pages and at least ``share`` of the site's pages. Templates need the larger of
``template_pages`` and ``template_share`` of the pages, since two words are a weaker fingerprint.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import regex

from .rules import Rule, normalise, parse_rules, word_lists

_WORD = regex.compile(r"[\p{L}\p{N}]+")
_SLUG = regex.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Learning:
    """How much recurrence makes chrome. Defaults measured on sites-dev (see module doc)."""

    min_pages: int = 2            # a line on this many distinct pages of the site may be chrome
    share: float = 0.0            # ... and on at least this share of the site's pages
    template_pages: int = 3       # a two-word template needs this many pages
    template_share: float = 0.5   # ... and this share of the site's pages
    template_variants: int = 3    # ... seen with this many distinct lines (else the lines say it all)
    template_max_words: int = 25  # templates only describe short lines (headers, bylines, stamps)
    short_words: int = 10         # lines up to this many words get ``short_weight``
    short_weight: float = -10.0   # a sentence or two of prose: a menu ends the run, a lone line does not
    long_factor: float = 2.0      # longer lines: -(long_factor * words + |short_weight|)
    drop_words: int = 60          # repeated paragraphs of this many words and more are dropped
    common_share: float = 0.5     # lines on fewer pages than this share are cross-links, not template
    rare_factor: float = 0.3      # ... and weigh this much of a template line (a title in "related")

    def threshold(self, pages: int) -> int:
        return max(self.min_pages, math.ceil(self.share * pages))

    def template_threshold(self, pages: int) -> int:
        return max(self.template_pages, math.ceil(self.template_share * pages))


def line_keys(norm: str, max_words: int) -> set[str]:
    """The keys a normalised line is counted under: itself, and its two-word head and tail.

    Template keys carry a short hash of the line after a tab, so that templates seen with only one
    line (already covered by that line itself) can be told from real ones.

    >>> sorted(k.partition(chr(9))[0] for k in line_keys("posted by jan at 7 57", 25))
    ['$ 0 0', '= posted by jan at 7 57', '^ posted by']
    """
    keys = {"= " + norm}
    words = ["0" if w.isdigit() else w for w in norm.split()]
    if 3 <= len(words) <= max_words:
        tag = "\t" + hashlib.blake2b(norm.encode(), digest_size=4).hexdigest()
        keys.add("^ " + " ".join(words[:2]) + tag)
        keys.add("$ " + " ".join(words[-2:]) + tag)
    return keys


def page_keys(lines: Iterable[str], learning: Learning) -> frozenset[str]:
    """Distinct keys of one page, from its block texts."""
    keys: set[str] = set()
    for line in lines:
        norm = normalise(line)
        if norm:
            keys |= line_keys(norm, learning.template_max_words)
    return frozenset(keys)


def page_fingerprint(keys: frozenset[str]) -> int:
    """A page's identity for counting: pages with the same keys count once."""
    return int.from_bytes(hashlib.blake2b("\n".join(sorted(keys)).encode(), digest_size=8).digest())


@dataclass
class SiteCounts:
    """Pass-1 state of one site: pages seen (by content, so exact copies count once) and key counts."""

    pages: set[int] = field(default_factory=set)
    keys: Counter[str] = field(default_factory=Counter)
    variants: dict[str, set[str]] = field(default_factory=dict)  # template -> up to 3 line hashes

    def add(self, keys: frozenset[str]) -> None:
        fingerprint = page_fingerprint(keys)
        if fingerprint in self.pages:
            return
        self.pages.add(fingerprint)
        plain: set[str] = set()
        for key in keys:
            key, _, line = key.partition("\t")
            plain.add(key)
            if line:
                seen = self.variants.setdefault(key, set())
                if len(seen) < 3:
                    seen.add(line)
        self.keys.update(plain)

    def merge(self, other: SiteCounts) -> None:
        """Add counts made from other pages (no page in both): what adding those pages here gives."""
        assert not self.pages & other.pages, "merged counts must come from distinct pages"
        self.pages |= other.pages
        self.keys.update(other.keys)
        for key, lines in other.variants.items():
            seen = self.variants.setdefault(key, set())
            seen.update(sorted(lines)[: max(0, 3 - len(seen))])


class SiteLearner:
    """Counts keys per site; ``profiles()`` turns the counts into per-site rule sets."""

    def __init__(self, learning: Learning | None = None) -> None:
        self.learning = learning or Learning()
        self.sites: dict[str, SiteCounts] = {}

    def add(self, site: str, lines: Iterable[str]) -> None:
        self.add_keys(site, page_keys(lines, self.learning))

    def add_keys(self, site: str, keys: frozenset[str]) -> None:
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
    """What one site's pages taught: recurring lines (with page counts) and templates."""

    site: str
    pages: int
    lines: tuple[tuple[str, int], ...]
    heads: tuple[tuple[str, int], ...]
    tails: tuple[tuple[str, int], ...]
    learning: Learning = Learning()

    @property
    def learnt(self) -> bool:
        """Whether the site taught anything (sites without rules are left out of a rule file)."""
        return bool(self.lines or self.heads or self.tails)

    def to_toml(self) -> str:
        return profile_toml(self)

    def rules(self) -> tuple[Rule, ...]:
        """The learnt rules, parsed from the same TOML ``cleaner learn`` writes."""
        return parse_rules(self.to_toml(), f"<learnt: {self.site}>")


def _picked(counts: SiteCounts, prefix: str, k: int, variants: int = 0) -> tuple[tuple[str, int], ...]:
    found = [(key[2:], n) for key, n in counts.keys.items()
             if key.startswith(prefix) and n >= k and len(counts.variants.get(key, ())) >= variants
             and (not variants or _telling(key[2:]))]
    return tuple(sorted(found))


def _telling(template: str) -> bool:
    """A template names something: one of its two words is neither a number nor a function word
    ("posted by", "0 comments"; not "0 0", "how to", "it s", which start or end any prose)."""
    stopwords = word_lists()[0]
    return any(w != "0" and w not in stopwords and len(w) > 1 for w in template.split())


def learn_site(site: str, counts: SiteCounts, learning: Learning) -> SiteProfile:
    n = len(counts.pages)
    if n < learning.min_pages:
        return SiteProfile(site, n, (), (), (), learning)
    k, kt = learning.threshold(n), learning.template_threshold(n)
    return SiteProfile(
        site=site,
        pages=n,
        lines=_picked(counts, "= ", k),
        heads=_picked(counts, "^ ", kt, learning.template_variants) if n >= kt else (),
        tails=_picked(counts, "$ ", kt, learning.template_variants) if n >= kt else (),
        learning=learning,
    )


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


def _tiers(p: SiteProfile) -> dict[str, list[tuple[str, int]]]:
    lw = p.learning
    tiers: dict[str, list[tuple[str, int]]] = {}
    for line, n in p.lines:
        words = len(line.split())
        tier = "short" if words <= lw.short_words else "long" if words < lw.drop_words else "para"
        if tier != "para" and n < lw.common_share * p.pages:
            tier = "some-" + tier
        tiers.setdefault(tier, []).append((line, n))
    return tiers


def _list(name: str, items: list[tuple[str, int]], pages: int) -> list[str]:
    out = [f"{name} = ["]
    out += [f"    {_q(text)},  # {n}/{pages} pages" for text, n in items]
    return out + ["]"]


def _tier_rule(p: SiteProfile, tier: str, items: list[tuple[str, int]]) -> list[str]:
    lw = p.learning
    longest = max(len(t.split()) for t, _ in items)
    head = [f"id = {_q(f'site-{slug(p.site)}-{tier}')}"]
    if tier == "para":
        head += [f"comment = {_q(f'paragraphs repeated across pages of {p.site}: site boilerplate')}",
                 'action = "drop"']
    else:
        weight = lw.short_weight if tier.endswith("short") else -(lw.long_factor * longest - lw.short_weight)
        weight *= lw.rare_factor if tier.startswith("some") else 1.0
        what = f"{tier} lines repeated across pages of {p.site}: chrome unless the page says body"
        head += [f"comment = {_q(what)}",
                 'action = "penalty"', f"weight = {weight:.1f}"]
    return ["[[rule]]", *head, *_list("phrases", items, p.pages), ""]


def _template_rule(p: SiteProfile, kind: str, items: tuple[tuple[str, int], ...]) -> list[str]:
    lw = p.learning
    verb = "start" if kind == "head" else "end"
    alts = [f"#   {_q(t)}: {n}/{p.pages} pages" for t, n in items]
    pats = [f"    {_q(_template_pattern([t for t, _ in items], kind))},"]
    return ["[[rule]]", f"id = {_q(f'site-{slug(p.site)}-{kind}s')}",
            f"comment = {_q(f'short lines that {verb} like lines on many pages of {p.site} (bylines)')}",
            'action = "penalty"', f"weight = {lw.short_weight:.1f}", f"max_words = {lw.template_max_words}",
            *alts, "patterns = [", *pats, "]", ""]


_SEP = r"[^\p{L}\p{N}]"


def _template_pattern(templates: list[str], kind: str) -> str:
    """One `regex` pattern for lines starting (head) or ending (tail) in any of these word pairs.

    Any case and punctuation; "0" stands for any number.

    >>> print(_template_pattern(["posted 0"], "head"))
    (?i)^[^\\p{L}\\p{N}]*(?:posted[^\\p{L}\\p{N}]+\\p{N}+)(?![\\p{L}\\p{N}])
    """
    alts = ((_SEP + "+").join(r"\p{N}+" if w == "0" else regex.escape(w) for w in t.split())
            for t in templates)
    body = "(?:" + "|".join(alts) + ")"
    if kind == "head":
        return "(?i)^" + _SEP + "*" + body + r"(?![\p{L}\p{N}])"
    return r"(?i)(?<![\p{L}\p{N}])" + body + _SEP + "*$"


def profile_toml(p: SiteProfile) -> str:
    """One site's learnt rules as a rule file section (valid input for ``parse_rules``)."""
    out = [f"# {p.site}: {p.pages} pages; {len(p.lines)} recurring lines, "
           f"{len(p.heads)} head and {len(p.tails)} tail templates", ""]
    for tier, items in sorted(_tiers(p).items()):
        out += _tier_rule(p, tier, items)
    if p.heads:
        out += _template_rule(p, "head", p.heads)
    if p.tails:
        out += _template_rule(p, "tail", p.tails)
    return "\n".join(out)


def rules_file(profiles: dict[str, SiteProfile]) -> str:
    """Every site's section in one file, as ``cleaner learn`` writes it."""
    head = ["# Learnt by `cleaner learn`: lines and line templates that recur across pages of a site.",
            "# Load with `cleaner --rules FILE`. Rules match on any page, so keep one file per site",
            "# (or per corpus of similar sites) when pages of other sites are cleaned with it.", ""]
    return "\n".join(head + [profiles[s].to_toml() for s in sorted(profiles)])
