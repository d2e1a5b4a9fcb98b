"""The pattern prefilter: which rule patterns can match a block, for all blocks of a page at once.

Patterns with required literals (literals.py) are looked up with one Aho-Corasick scan of a folded
block; patterns that can only match at some first characters are refused by the block's first one; the
rest are joined into one ``regex`` per max_words bound. Every candidate is then searched exactly
(rules.RuleSet), each search under ``PATTERN_TIMEOUT``.
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Protocol

import regex

from .literals import Folder, Scanner, anchored, lead, required

PATTERN_TIMEOUT = 0.05  # seconds one pattern may spend on one block (guards user-written patterns)


class Patterned(Protocol):
    """What the prefilter reads of a rule (rules.Rule)."""

    @property
    def patterns(self) -> tuple[regex.Pattern, ...]: ...

    @property
    def max_words(self) -> int | None: ...


def search(pattern: regex.Pattern, text: str) -> bool:
    return timed_search(pattern, text) is True


def timed_search(pattern: regex.Pattern, text: str, at_start: bool = False) -> bool | None:
    """Whether ``pattern`` is found in ``text``; None if it ran out of time (PATTERN_TIMEOUT).

    ``at_start``: the pattern can only match at the start (see literals.anchored), so match is enough.
    """
    try:
        if at_start:
            return pattern.match(text, timeout=PATTERN_TIMEOUT) is not None
        return pattern.search(text, timeout=PATTERN_TIMEOUT) is not None
    except TimeoutError:
        return None


_NONE: frozenset[int] = frozenset()  # the candidates of a block without any
_LEADS_KEPT = 4096  # first characters whose refused patterns are remembered (one a page is typical)

Group = tuple[float, regex.Pattern, tuple[int, ...]]


@dataclass(frozen=True, slots=True)
class Prefilter:
    """Which patterns can match a block: a superset, each candidate is then searched exactly.

    Patterns are numbered in rule order. A pattern with required literals (see cleaner.literals)
    is a candidate only in blocks whose folded text contains one of them; ``scanner`` finds them all in
    one pass over a block. A pattern that can only match at the start of a block and only at some
    first characters (``literals.lead``) is no candidate in a block that starts otherwise: the
    patterns each first character rules out are worked out once and remembered. The patterns with
    neither are joined into one ``regex`` per max_words bound and searched in every block, as each
    rule used to be.
    """

    rule_of: tuple[int, ...]                  # pattern number -> rule index
    bounds: tuple[float, ...]                 # pattern number -> max_words of its rule
    patterns: tuple[regex.Pattern, ...]       # pattern number -> pattern
    folder: Folder
    literals: dict[str, tuple[float, tuple[int, ...]]]  # folded literal -> (largest bound, pattern numbers)
    scanner: Scanner | None                   # finds the literals in a folded block
    leads: tuple[tuple[int, regex.Pattern], ...]  # (pattern number, class of its first character)
    led: tuple[int, ...]                      # patterns without literals that a lead alone filters
    groups: tuple[Group, ...]                 # (max_words bound, patterns joined, pattern numbers)
    by_first: dict[str, tuple[frozenset[int], tuple[int, ...]]] = field(default_factory=dict, compare=False)

    @classmethod
    def build(cls, rules: Sequence[Patterned]) -> Prefilter:
        numbered = [(i, p, float(r.max_words or "inf")) for i, r in enumerate(rules) for p in r.patterns]
        literals = [required(p) for _, p, _ in numbered]
        folder = Folder.for_keys({s for found in literals if found for s in found})
        leads = tuple((g, lp) for g, (_, p, _) in enumerate(numbered) if (lp := lead(p)) is not None)
        led_ids = {g for g, _ in leads}
        keyed: dict[str, set[int]] = {}
        led: list[int] = []
        plain: dict[float, list[int]] = {}
        for g, ((_, _, bound), found) in enumerate(zip(numbered, literals, strict=True)):
            if found is not None and all(folder.safe(s) for s in found):
                for s in found:
                    keyed.setdefault(folder.fold(s), set()).add(g)
            elif g in led_ids:
                led.append(g)
            else:
                plain.setdefault(bound, []).append(g)
        bounds = tuple(b for _, _, b in numbered)
        by_literal = {s: (max(bounds[g] for g in members), tuple(sorted(members)))
                      for s, members in keyed.items()}
        return cls(tuple(i for i, _, _ in numbered), bounds, tuple(p for _, p, _ in numbered), folder,
                   by_literal, Scanner(by_literal) if by_literal else None, leads, tuple(led),
                   _groups(numbered, plain))

    def candidates(self, texts: Sequence[str], words: Sequence[int]) -> list[AbstractSet[int]]:
        """The pattern numbers that may match, per block (one shared empty set for the blocks without)."""
        found: dict[int, set[int]] = {}
        top = max(self.bounds, default=-1.0)
        eligible = [i for i, n in enumerate(words) if n <= top]
        for i in eligible:  # each block folded and scanned in turn: no folded copy of the page is held
            hits = self._keyed(texts[i], words[i])
            if hits:
                found[i] = hits
        for bound, combined, members in self.groups:
            if bound < 0:  # anchored patterns of every bound: one match at the start of the block
                for i in eligible:
                    # a slow user pattern must not hide the others of its group: on a timeout,
                    # each is tried alone
                    if timed_search(combined, texts[i], at_start=True) is not False:
                        hit = [g for g in members if words[i] <= self.bounds[g]]
                        if hit:
                            found.setdefault(i, set()).update(hit)
                continue
            for i in eligible:
                if words[i] <= bound and timed_search(combined, texts[i]) is not False:
                    found.setdefault(i, set()).update(members)
        return [found.get(i, _NONE) for i in range(len(texts))]

    def _keyed(self, text: str, words: int) -> set[int]:
        """The patterns a block's literals and first character leave possible (those of ``groups`` aside)."""
        hits: set[int] = set()
        if self.scanner is not None:
            literals = self.literals
            for literal in self.scanner.present(self.folder.fold(text)):
                bound, members = literals[literal]
                if words <= bound:
                    hits.update(members)
        if self.leads:
            first = text[:1]
            refused, led = self.by_first.get(first) or self._first_char(first)
            hits -= refused
            if led:
                hits.update(g for g in led if words <= self.bounds[g])
        return hits

    def _first_char(self, first: str) -> tuple[frozenset[int], tuple[int, ...]]:
        """(the patterns whose lead refuses ``first``, the patterns without literals it admits), kept in
        ``by_first`` ("" stands for an empty block)."""
        if len(self.by_first) >= _LEADS_KEPT:
            self.by_first.clear()
        refused = frozenset(g for g, lp in self.leads if lp.match(first) is None)
        got = self.by_first[first] = refused, tuple(g for g in self.led if g not in refused)
        return got


def _groups(numbered: list[tuple[int, regex.Pattern, float]],
            plain: dict[float, list[int]]) -> tuple[Group, ...]:
    """Patterns without literals joined: the anchored ones into one (bound -1), the rest per bound."""
    starts = [g for members in plain.values() for g in members if anchored(numbered[g][1])]
    rest = {b: [g for g in members if g not in starts] for b, members in plain.items()}
    groups = [(-1.0, starts)] if starts else []
    groups += [(b, members) for b, members in sorted(rest.items()) if members]
    return tuple((b, regex.compile("|".join(_scoped(numbered[g][1].pattern) for g in members)),
                  tuple(members)) for b, members in groups)


def _scoped(pattern: str) -> str:
    """Turn a leading global flag group into a scoped one so patterns can be joined by |."""
    m = regex.match(r"^\(\?([a-zA-Z]+)\)", pattern)
    return f"(?{m.group(1)}:{pattern[m.end():]})" if m else f"(?:{pattern})"
