"""Rules are data: TOML files validated into frozen records with compiled ``regex`` patterns.

A rule file holds ``[[rule]]`` tables:

    [[rule]]
    id = "check-also"                  # unique in its file; reasons read ``rule:<id>``
    comment = "teaser heading after the article"
    action = "heading"                 # drop | end | heading | penalty | keep | strip | close
    phrases = ["check also", "read next"]   # the whole block, normalised, is one of these
    prefixes = ["related:"]            # the normalised block starts with one of these
    patterns = ['^\\p{Lu}+ \\d+$']      # `regex` patterns searched in the block text
    max_words = 12                     # only blocks of at most this many words
    where = "any"                      # any | head (before the body) | tail (after the body starts)
    weight = -2.0                      # penalty only: added to the block's score

``drop`` labels the block chrome; ``end`` also marks the end of the article (comments, author box:
what follows is chrome once a fifth of the article precedes it); ``heading`` is a teaser heading
("Related stories"): the short lines under it are chrome, and so is the rest when little prose
follows; ``penalty`` adds ``weight`` to the score; ``keep`` protects a block. ``strip`` (learnt
lines, and a photo caption's credit) labels the block chrome and leaves the page judged as if it were
not there; ``close`` (a learnt line that closes the site's articles) is a ``strip`` that also ends the
body once its prose has begun: its phrases count even in a block another rule matched first (sites.py).
Normalisation: case-folded, every run of non-word characters one space, trimmed.
"""

from __future__ import annotations

import enum
import re
import tomllib
from collections.abc import Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import InitVar, dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import regex

from .errors import RuleError
from .prefilter import PATTERN_TIMEOUT, Prefilter, search, timed_search

# Texts a pattern of a rule without max_words must not match all of: it would drop every block.
_ANY_TEXT = ("a", "Z", "7", "-", "日本", "The council met on Tuesday.")
_PROBE_LEN = 1000  # user patterns are tried on runs this long of their letters (catastrophic backtracking)
_NONWORD = regex.compile(r"[^\p{L}\p{N}]+")
_WORD_ASCII = re.compile(r"[a-z0-9]+")  # a run of \p{L} and \p{N} in case-folded ASCII text
_WORDCHAR = regex.compile(r"[\p{L}\p{N}]")
_NORM_CHUNK = 1 << 16  # characters: a longer text is normalised piece by piece (see _word_cuts)
_KEYS = {"id", "comment", "action", "phrases", "prefixes", "patterns", "max_words", "where", "weight"}


class Action(enum.Enum):
    DROP = "drop"
    END = "end"
    HEADING = "heading"
    POST = "post"  # a line forum software prints with a post (a member's rank, post count, join date)
    PENALTY = "penalty"
    KEEP = "keep"
    STRIP = "strip"  # chrome wherever it is, but the page is judged as if it were not there (learnt lines)
    CLOSE = "close"  # a strip line that closes the site's articles: what follows it is chrome (learnt)


HARD = (Action.DROP, Action.END, Action.HEADING, Action.POST)  # rule actions that label a block chrome


class Where(enum.Enum):
    ANY = "any"
    HEAD = "head"
    TAIL = "tail"


def normalise(text: str) -> str:
    """Case-folded words separated by single spaces.

    >>> normalise("  » Related Posts: ")
    'related posts'
    """
    folded = text.casefold()
    if len(folded) <= _NORM_CHUNK:
        if folded.isascii():
            return " ".join(_WORD_ASCII.findall(folded))  # the same, ~2x faster
        return _NONWORD.sub(" ", folded).strip()
    return "".join(_NONWORD.sub(" ", piece) for piece in _word_cuts(folded)).strip()


def _word_cuts(text: str) -> Iterator[str]:
    """``text`` in pieces of about ``_NORM_CHUNK`` characters, each cut just after a letter or digit, so
    no run of other characters spans two pieces: substituting piece by piece is substituting the
    whole (``regex.sub`` on a text of millions of words holds every piece at once, ~15x its size).

    >>> list(_word_cuts("ab"))
    ['ab']
    """
    start = 0
    while start < len(text):
        m = _WORDCHAR.search(text, start + _NORM_CHUNK)
        end = m.end() if m else len(text)
        yield text[start:end]
        start = end


@dataclass(frozen=True, slots=True, eq=False)
class Rule:
    id: str
    comment: str
    action: Action
    phrases: frozenset[str]
    prefixes: tuple[str, ...]
    patterns: tuple[regex.Pattern, ...]
    max_words: int | None
    where: Where
    weight: float
    source: str

    def _key(self) -> tuple[object, ...]:
        # compiled patterns compare by identity (the regex module's cache), so by source and flags here
        return (self.id, self.comment, self.action, self.phrases, self.prefixes,
                tuple((p.pattern, p.flags) for p in self.patterns), self.max_words, self.where, self.weight,
                self.source)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Rule) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def fits(self, words: int) -> bool:
        """The block is short enough for this rule (``max_words``)."""
        return self.max_words is None or words <= self.max_words

    def names(self, norm: str) -> bool:
        """The normalised block is one of the phrases or starts with one of the prefixes."""
        return norm in self.phrases or any(norm == p or norm.startswith(p + " ") for p in self.prefixes)

    def matches(self, text: str, norm: str, words: int) -> bool:
        return self.fits(words) and (self.names(norm) or any(search(p, text) for p in self.patterns))


@dataclass(frozen=True, slots=True)
class RuleSet:
    """Rules in priority order, with indexes so one block costs a few dict look-ups and a substring scan."""

    rules: tuple[Rule, ...]
    stopwords: frozenset[str]
    particles: frozenset[str]
    _phrases: dict[str, tuple[int, ...]] = field(init=False, repr=False, compare=False)
    _prefixes: dict[str, tuple[int, ...]] = field(init=False, repr=False, compare=False)
    _longest_prefix: int = field(init=False, repr=False, compare=False)
    _prefix_starts: frozenset[str] = field(init=False, repr=False, compare=False)  # first words of prefixes
    _prefilter: Prefilter = field(init=False, repr=False, compare=False)
    _closing: frozenset[str] = field(init=False, repr=False, compare=False)
    # extend's: a Prefilter of these very patterns in this numbering (building one costs ~0.1 s)
    _same_patterns: InitVar[Prefilter | None] = None

    def __post_init__(self, _same_patterns: Prefilter | None) -> None:
        phrases: dict[str, list[int]] = {}
        prefixes: dict[str, list[int]] = {}
        for i, r in enumerate(self.rules):
            for ph in r.phrases:
                phrases.setdefault(ph, []).append(i)
            for pre in r.prefixes:
                prefixes.setdefault(pre, []).append(i)
        setattr_ = object.__setattr__
        setattr_(self, "_phrases", {k: tuple(v) for k, v in phrases.items()})
        setattr_(self, "_prefixes", {k: tuple(v) for k, v in prefixes.items()})
        setattr_(self, "_longest_prefix", max((len(k.split()) for k in prefixes), default=0))
        setattr_(self, "_prefix_starts", frozenset(k.split(" ", 1)[0] for k in prefixes))
        prefilter = _same_patterns if _same_patterns is not None else Prefilter.build(self.rules)
        setattr_(self, "_prefilter", prefilter)
        closing = frozenset(ph for r in self.rules if r.action is Action.CLOSE for ph in r.phrases)
        setattr_(self, "_closing", closing)

    @property
    def closing(self) -> frozenset[str]:
        """The phrases of ``close`` rules: a block that is one closes the body, whichever rule matched it."""
        return self._closing

    def _candidates(self, norm: str) -> set[int]:
        found = set(self._phrases.get(norm, ()))
        if norm.split(" ", 1)[0] in self._prefix_starts:
            words = norm.split(" ", self._longest_prefix)
            for k in range(1, min(len(words), self._longest_prefix) + 1):
                found.update(self._prefixes.get(" ".join(words[:k]), ()))
        return found

    def first_match(self, text: str, norm: str, words: int) -> Rule | None:
        """The highest-priority rule that matches the block, or None."""
        return self.first_matches([text], [norm], [words])[0]

    def first_matches(self, texts: Sequence[str], norms: Sequence[str],
                      words: Sequence[int]) -> list[Rule | None]:
        """``first_match`` of every block of a document: the pattern prefilter scans them all at once."""
        hits = self._prefilter.candidates(texts, words)
        out: list[Rule | None] = []
        for text, norm, n, patterns in zip(texts, norms, words, hits, strict=True):
            cands = self._candidates(norm)
            if cands:
                out.append(self._first(cands, patterns, text, norm, n))
            else:
                out.append(self._first_pattern(patterns, text, n) if patterns else None)
        return out

    def _first_pattern(self, patterns: AbstractSet[int], text: str, words: int) -> Rule | None:
        """``_first`` of a block no phrase or prefix names: its first pattern that matches, tried in
        pattern number order, which is rule order (``Prefilter.rule_of`` never decreases)."""
        pf = self._prefilter
        for g in sorted(patterns):
            if words <= pf.bounds[g] and search(pf.patterns[g], text):
                return self.rules[pf.rule_of[g]]
        return None

    def _first(self, cands: set[int], patterns: AbstractSet[int], text: str, norm: str,
               words: int) -> Rule | None:
        """The first rule that matches: by a phrase or prefix (``cands``), or by one of its patterns the
        prefilter left possible (the others cannot match)."""
        pf = self._prefilter
        by_rule: dict[int, list[int]] = {}
        for g in patterns:
            if words <= pf.bounds[g]:
                by_rule.setdefault(pf.rule_of[g], []).append(g)
        for i in sorted(cands.union(by_rule)):
            r = self.rules[i]
            if i in cands and r.fits(words) and r.names(norm):
                return r
            if any(search(pf.patterns[g], text) for g in by_rule.get(i, ())):
                return r
        return None

    def extend(self, rules: tuple[Rule, ...]) -> RuleSet:
        """These rules after the current ones, in the same priority order as a rule file loaded with
        them (``load_ruleset``), so ``Cleaner(extra_rules=...)`` and ``--rules FILE`` agree.

        Rules without patterns placed after the current ones (learnt rules: phrase-only, ``strip``,
        sorted last) leave every pattern's number and rule index as they were: the prefilter is reused."""
        merged = _by_priority(self.rules + rules)
        n = len(self.rules)
        same = (not any(r.patterns for r in rules)
                and all(a is b for a, b in zip(merged[:n], self.rules, strict=True)))
        return RuleSet(merged, self.stopwords, self.particles, self._prefilter if same else None)


def _fail(src: str, rid: str, what: str) -> RuleError:
    return RuleError(f"{src}: rule '{rid}': {what}")


def _strings(value: object, src: str, rid: str, key: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(src, rid, f"'{key}' must be a list of strings")
    if any(not v.strip() for v in value):
        raise _fail(src, rid, f"'{key}' has an empty entry")
    return value


def _compile(pat: str, src: str, rid: str, bounded: bool = True, probe: bool = False) -> regex.Pattern:
    """Compile and vet one pattern. ``bounded``: the rule has max_words; ``probe``: a user's file, tried
    on adversarial text so catastrophic backtracking is refused at load rather than paid per block."""
    try:
        compiled = regex.compile(pat)
    except regex.error as exc:
        raise _fail(src, rid, f"bad pattern {pat!r}: {exc}") from None
    found = timed_search(compiled, "")
    if found is None:
        raise _fail(src, rid, f"pattern {pat!r} takes too long on the empty text")
    if found:
        raise _fail(src, rid, f"pattern {pat!r} matches the empty text (it would match every block)")
    if not bounded and all(timed_search(compiled, t) for t in _ANY_TEXT):
        raise _fail(src, rid, f"pattern {pat!r} matches any text (it would match every block); "
                              "narrow it or set max_words")
    slow = _backtracking_probe(compiled, pat) if probe else None
    if slow is not None:
        raise _fail(src, rid, f"pattern {pat!r} takes over {PATTERN_TIMEOUT:g}s on {slow} "
                              "(catastrophic backtracking?)")
    return compiled


def _backtracking_probe(compiled: regex.Pattern, pat: str) -> str | None:
    """A short description of a text ``compiled`` times out on, or None.

    >>> _backtracking_probe(regex.compile(r"(a|aa)+$"), r"(a|aa)+$")
    "'a' x 1000 + '!'"
    >>> _backtracking_probe(regex.compile(r"^\\d+ comments?$"), r"^\\d+ comments?$") is None
    True
    """
    chars = sorted({c for c in pat if c.isalnum()} | set("a1 ."))
    for c in chars:
        for unit in (c, c + " "):
            if timed_search(compiled, unit * (_PROBE_LEN // len(unit)) + "!") is None:
                return f"{unit!r} x {_PROBE_LEN // len(unit)} + '!'"
    return None


def _enum(cls: type[enum.Enum], value: object, src: str, rid: str, key: str):
    try:
        return cls(value)
    except ValueError:
        allowed = " | ".join(m.value for m in cls)
        raise _fail(src, rid, f"'{key}' is {value!r}, expected {allowed}") from None


def parse_rule(raw: object, src: str, n: int, probe: bool = False) -> Rule:
    """Validate one ``[[rule]]`` table."""
    if not isinstance(raw, dict):
        raise RuleError(f"{src}: rule #{n}: must be a table")
    rid = raw.get("id")
    if not isinstance(rid, str) or not rid.strip():
        raise RuleError(f"{src}: rule #{n}: missing 'id'")
    unknown = set(raw) - _KEYS
    if unknown:
        raise _fail(src, rid, f"unknown key(s) {', '.join(sorted(unknown))}")
    if not isinstance(raw.get("comment", ""), str) or not raw.get("comment"):
        raise _fail(src, rid, "missing 'comment' (say what the rule removes and why)")
    phrases = _strings(raw.get("phrases", []), src, rid, "phrases")
    prefixes = _strings(raw.get("prefixes", []), src, rid, "prefixes")
    patterns = _strings(raw.get("patterns", []), src, rid, "patterns")
    if not (phrases or prefixes or patterns):
        raise _fail(src, rid, "needs at least one of phrases, prefixes, patterns")
    max_words = raw.get("max_words")
    if max_words is not None and (not isinstance(max_words, int) or max_words < 1):
        raise _fail(src, rid, "'max_words' must be a positive integer")
    weight = raw.get("weight", 0.0)
    if not isinstance(weight, int | float):
        raise _fail(src, rid, "'weight' must be a number")
    action = _enum(Action, raw.get("action", "drop"), src, rid, "action")
    if action is Action.PENALTY and not weight:
        raise _fail(src, rid, "a penalty rule needs a non-zero 'weight'")
    return Rule(
        id=rid,
        comment=raw["comment"],
        action=action,
        phrases=frozenset(normalise(p) for p in phrases),
        prefixes=tuple(normalise(p) for p in prefixes),
        patterns=tuple(_compile(p, src, rid, max_words is not None, probe) for p in patterns),
        max_words=max_words,
        where=_enum(Where, raw.get("where", "any"), src, rid, "where"),
        weight=float(weight),
        source=src,
    )


def parse_rules(text: str, src: str, probe: bool = False) -> tuple[Rule, ...]:
    """Validate a whole rule file's text; ``src`` names it in errors; ``probe``: vet patterns for
    catastrophic backtracking (user files: ~0.1 s for a file of 200 patterns)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"{src}: not valid TOML: {exc}") from None
    unknown = set(data) - {"rule", "meta"}
    if unknown:
        raise RuleError(f"{src}: unknown table(s) {', '.join(sorted(unknown))}; rules go in [[rule]]")
    raw_rules = data.get("rule", [])
    if not isinstance(raw_rules, list):
        raise RuleError(f"{src}: 'rule' must be an array of tables ([[rule]])")
    rules = tuple(parse_rule(r, src, i + 1, probe) for i, r in enumerate(raw_rules))
    seen: set[str] = set()
    for r in rules:
        if r.id in seen:
            raise _fail(src, r.id, "duplicate id in this file")
        seen.add(r.id)
    return rules


def load_rule_file(path: Path, probe: bool = False) -> tuple[Rule, ...]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: cannot read rule file: {exc}") from None
    return parse_rules(text, str(path), probe)


def rules_dir() -> Path:
    """The built-in rules: inside the installed package, or rules/ beside it in a source checkout."""
    packaged = Path(str(resources.files("cleaner"))) / "rules"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parent.parent / "rules"


def _default_paths() -> list[Path]:
    return sorted(p for p in rules_dir().glob("*.toml") if p.name != "stopwords.toml")


@lru_cache(maxsize=1)
def _stopwords_toml() -> dict[str, dict[str, str]]:
    path = rules_dir() / "stopwords.toml"
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RuleError(f"{path}: cannot load function words: {exc}") from None


@lru_cache(maxsize=1)
def word_lists() -> tuple[frozenset[str], frozenset[str]]:
    """The hand-kept function words of every language merged (a page whose language is not told), and
    the CJK particles."""
    data = _stopwords_toml()
    words = frozenset(w.casefold() for lst in data.get("words", {}).values() for w in lst.split())
    particles = frozenset(c for s in data.get("cjk", {}).values() for c in s)
    return words, particles


@lru_cache(maxsize=1)
def hand_lists() -> dict[str, frozenset[str]]:
    """The hand-kept function words by language code ('en'): added to jusText's list of the language."""
    return {code: frozenset(w.casefold() for w in lst.split())
            for code, lst in _stopwords_toml().get("words", {}).items()}


def load_ruleset(extra: tuple[Path, ...] = (), defaults: bool = True) -> RuleSet:
    """Built-in rules (if ``defaults``) then ``extra`` files; compiled once per distinct set of files,
    and again when a user's file changes on disk."""
    return _load_ruleset(extra, defaults, tuple(_stamp(p) for p in extra))


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None  # load_rule_file reports it
    return st.st_mtime_ns, st.st_size


@lru_cache(maxsize=32)
def _load_ruleset(extra: tuple[Path, ...], defaults: bool, stamps: tuple[object, ...]) -> RuleSet:
    rules: list[Rule] = []
    for path in _default_paths() if defaults else []:
        rules.extend(load_rule_file(path))
    for path in extra:  # a user's file: its patterns are vetted for catastrophic backtracking
        rules.extend(load_rule_file(path, probe=True))
    words, particles = word_lists()
    return RuleSet(_by_priority(tuple(rules)), words, particles)


_PRIORITY = {Action.KEEP: 0, Action.POST: 1, Action.END: 2, Action.HEADING: 2, Action.DROP: 3,
             Action.PENALTY: 4, Action.STRIP: 5, Action.CLOSE: 5}


def _by_priority(rules: tuple[Rule, ...]) -> tuple[Rule, ...]:
    """Keep rules win over everything; then a post's member line (its join date is no comment's stamp), hard
    decisions, penalties last (stable within each)."""
    return tuple(sorted(rules, key=lambda r: _PRIORITY[r.action]))
