"""Required literals of a rule pattern: a cheap substring test that rules a pattern out before it runs.

``required(compiled)`` reads the pattern's source and returns strings one of which every match must
contain (case-folded), or None when it cannot tell. Only a plain subset of ``regex`` syntax is read
(literals, escapes of punctuation, ``\\d \\w \\s \\p{..}``, simple classes, groups, alternation,
greedy or lazy quantifiers, ``(?i)``); anything else gives None and the pattern runs on every block.

``Folder`` folds block text so that a case-insensitive literal match in ``regex`` implies a
substring of the folded text: ``str.casefold`` plus a translation of the characters ``regex`` treats
as case variants but ``casefold`` does not (``İ`` is a case of ``i`` for ``regex``).

>>> sorted(required(regex.compile(r"(?i)\\b(uses?|use of) cookies\\b")))
['use cookies', 'use of cookies', 'uses cookies']
>>> required(regex.compile(r"^[^\\p{L}]+$")) is None
True
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import ahocorasick  # a C Aho-Corasick automaton (pyahocorasick, a dependency): Scanner
import regex

try:  # regex's own table of case variants; without it no pattern gets a prefilter
    from regex._regex import get_all_cases as _all_cases
except ImportError:  # pragma: no cover
    _all_cases = None

Strings = frozenset[str]
_META = frozenset("\\^$.|?*+()[]{}")
_ZERO_WIDTH_ESCAPES = frozenset("bBAZ")
_CLASS_ESCAPES = frozenset("dDwWsS")
_PUNCT_ESCAPES = frozenset(".-()[]{}|?*+^$\\/:,'\"&#@!%=<>~`;_ ")
_QUANT = regex.compile(r"\{(\d*)(,?)(\d*)\}")
_FLAG_GROUP = regex.compile(r"\?([a-zA-Z]*)([:)])")
_ANCHOR = regex.compile(r"(?:\(\?[a-zA-Z]*\))?\^")
_SAFE_FLAGS = regex.I | regex.U | regex.V0 | regex.S | regex.A
_MAX_STRINGS = 32    # a literal set larger than this is not worth keeping
EMPTY: Strings = frozenset([""])


class _Unknown(Exception):
    """Syntax outside the subset this module reads."""


@dataclass(frozen=True, slots=True)
class _Info:
    exact: Strings | None     # every string the piece can match, if few and all literal
    req: Strings | None       # one of these occurs in every match of the piece
    first: tuple[str, ...] | None = None  # one-character patterns, one of which the first character
                                          # of every non-empty match matches (None: any character)
    nullable: bool = False    # the piece can match without consuming a character


_ANY = _Info(None, None)
_ZERO = _Info(EMPTY, None, (), True)


def _lit(c: str) -> _Info:
    s = frozenset([c])
    return _Info(s, s, (regex.escape(c),))


def _one_of(source: str) -> _Info:
    """A character class, a shorthand (\\d) or a property (\\p{L}): one character, not a literal."""
    return _Info(None, None, (source,))


def _score(s: Strings | None) -> tuple[int, int]:
    return (min(map(len, s)), -len(s)) if s else (0, 0)


def best(*sets: Strings | None) -> Strings | None:
    """The most selective set: longest shortest string, then fewest strings; None if all are empty."""
    top = max(sets, key=_score, default=None)
    return top if _score(top)[0] > 0 else None


def _cat(a: Strings | None, b: Strings | None) -> Strings | None:
    if a is None or b is None or len(a) * len(b) > _MAX_STRINGS:
        return None
    return frozenset(x + y for x in a for y in b)


class _Parser:
    def __init__(self, source: str) -> None:
        self.s, self.i = source, 0
        self.icase = False  # a (?i) flag was read somewhere

    def peek(self, n: int = 1) -> str:
        return self.s[self.i:self.i + n]

    def take(self, n: int = 1) -> str:
        self.i += n
        return self.s[self.i - n:self.i]

    def alternation(self) -> _Info:
        parts = [self.sequence()]
        while self.peek() == "|":
            self.take()
            parts.append(self.sequence())
        if len(parts) == 1:
            return parts[0]
        exact = _union([p.exact for p in parts])
        req = _union([p.req for p in parts])
        first = _first_union([p.first for p in parts])
        return _Info(exact if exact is not None and len(exact) <= _MAX_STRINGS else None, req, first,
                     any(p.nullable for p in parts))

    def sequence(self) -> _Info:
        run: Strings | None = EMPTY
        whole, found = True, []
        first: tuple[str, ...] | None = ()
        nullable = True  # every piece so far can match empty: the next one's first character can lead
        while self.peek() not in ("", "|", ")"):
            piece = self.quantified(self.atom())
            if nullable:
                first = _first_union([first, piece.first])
                nullable = piece.nullable
            found.append(piece.req)
            joined = _cat(run, piece.exact)
            if joined is None:
                whole = False
                found.append(run)
                joined = piece.exact if piece.exact is not None else EMPTY
            run = joined
        found.append(run)
        return _Info(run if whole else None, best(*found), first, nullable)

    def quantified(self, piece: _Info) -> _Info:
        c = self.peek()
        if c and c in "?*+":
            self.take()
            lo, hi = (0 if c in "?*" else 1), (1 if c == "?" else None)
        elif c == "{":
            m = _QUANT.match(self.s, self.i)
            if not m:
                raise _Unknown("brace")
            self.i = m.end()
            lo = int(m.group(1) or 0)
            hi = lo if not m.group(2) else int(m.group(3)) if m.group(3) else None
        else:
            return piece
        if self.peek() in ("?", "+"):
            self.take()  # lazy or possessive: the same strings
        return _repeat(piece, lo, hi)

    def atom(self) -> _Info:
        c = self.take()
        if c == "(":
            return self.group()
        if c == "[":
            return self.char_class()
        if c == "\\":
            return self.escape()
        if c in ("^", "$"):
            return _ZERO
        if c == ".":
            return _ANY
        if c in _META:
            raise _Unknown(c)
        return _lit(c)

    def escape(self) -> _Info:
        c = self.take()
        if c in _ZERO_WIDTH_ESCAPES:
            return _ZERO
        if c in _PUNCT_ESCAPES:
            return _lit(c)
        if c == "x":
            return _lit(chr(int(self.take(2), 16)))
        if c in _CLASS_ESCAPES:
            return _one_of("\\" + c)
        if c in ("p", "P"):
            start = self.i - 2
            self.i = self.s.index("}", self.i) + 1 if self.peek() == "{" else self.i + 1
            return _one_of(self.s[start:self.i])
        raise _Unknown("escape " + c)

    def char_class(self) -> _Info:
        start = self.i - 1  # at the "["
        negated = self.peek() == "^"
        if negated:
            self.take()
        chars: set[str] | None = set()
        first = True
        while first or self.peek() != "]":
            first = False
            item = self.class_item()
            chars = None if chars is None or item is None else chars | {item}
        self.take()
        if negated or chars is None or len(chars) > _MAX_STRINGS:
            return _one_of(self.s[start:self.i])
        return _Info(frozenset(chars), frozenset(chars), (self.s[start:self.i],))

    def class_item(self) -> str | None:
        """One member of a class: a literal character, or None for a range, a property or a shorthand."""
        c = self.take()
        if c in ("", "["):
            raise _Unknown("class")
        if c == "\\":
            c = self.escape().exact  # type: ignore[assignment]
            return next(iter(c)) if c and len(c) == 1 and "" not in c else None
        if self.peek() == "-" and self.peek(2) != "-]":
            self.take(2)
            return None
        return c

    def group(self) -> _Info:
        if self.peek() != "?":
            return self.group_body()
        if self.peek(3) in ("?<=", "?<!") or self.peek(2) in ("?=", "?!"):
            positive = self.peek(2) == "?=" or self.peek(3) == "?<="
            self.take(3 if self.peek(2) == "?<" else 2)
            inner = self.group_body()
            # a look-around consumes nothing; a positive one still needs its strings in the text
            return _Info(EMPTY, inner.req, (), True) if positive else _ZERO
        if self.peek(3) == "?P<" or self.peek(2) == "?<":
            self.i = self.s.index(">", self.i) + 1
            return self.group_body()
        m = _FLAG_GROUP.match(self.s, self.i)
        if not m or set(m.group(1)) - {"i"}:
            raise _Unknown("group")
        self.icase = self.icase or "i" in m.group(1)
        self.i = m.end()
        return _ZERO if m.group(2) == ")" else self.group_body()

    def group_body(self) -> _Info:
        inner = self.alternation()
        if self.take() != ")":
            raise _Unknown("unclosed group")
        return _Info(inner.exact, best(inner.exact, inner.req), inner.first, inner.nullable)


def _repeat(piece: _Info, lo: int, hi: int | None) -> _Info:
    if lo == 0:
        return _Info(piece.exact | EMPTY if hi == 1 and piece.exact is not None else None, None,
                     piece.first, True)
    if lo == hi == 1:
        return piece
    return _Info(None, best(piece.exact, piece.req), piece.first, piece.nullable)


def _first_union(firsts: list[tuple[str, ...] | None]) -> tuple[str, ...] | None:
    if any(f is None for f in firsts):
        return None
    return tuple(dict.fromkeys(c for f in firsts for c in f))  # type: ignore[union-attr]


def required(pattern: regex.Pattern) -> Strings | None:
    """Strings one of which every match of ``pattern`` contains (matched as the pattern would: with ``(?i)``
    in any case), or None."""
    if pattern.flags & ~_SAFE_FLAGS or _all_cases is None:
        return None
    parsed = _parse_whole(pattern)
    if parsed is None:
        return None
    info = parsed[0]
    found = best(info.exact, info.req)
    return found if found and not any("\n" in s for s in found) else None


def _parse_whole(pattern: regex.Pattern) -> tuple[_Info, _Parser] | None:
    """The pattern's parse (its match info and the parser, which knows about ``(?i)``), or None when
    the parser does not understand all of it."""
    parser = _Parser(pattern.pattern)
    try:
        info = parser.alternation()
    except (_Unknown, ValueError, IndexError):
        return None
    return (info, parser) if parser.i == len(parser.s) else None


def anchored(pattern: regex.Pattern) -> bool:
    """Whether the pattern can only match at the start of the text (``^`` first, no top-level ``|``):
    then ``search`` and ``match`` agree.

    >>> anchored(regex.compile(r"(?i)^\\s*(a|b)$")), anchored(regex.compile(r"^a|b"))
    (True, False)
    """
    m = _ANCHOR.match(pattern.pattern)
    if pattern.flags & ~_SAFE_FLAGS or not m:
        return False
    parser = _Parser(pattern.pattern)
    parser.i = m.end()
    try:
        parser.sequence()
    except (_Unknown, ValueError, IndexError):
        return False
    return parser.i == len(parser.s)


def lead(pattern: regex.Pattern) -> regex.Pattern | None:
    """For a pattern that can only match at the start (``anchored``): a pattern of one character that
    the first character of the text matches whenever ``pattern`` matches it, or None when the pattern
    could match without consuming a character or may start with any character. With ``(?i)`` anywhere
    in the pattern it is case-insensitive as a whole (a wider class is still a necessary condition).

    >>> lead(regex.compile(r"(?i)^\\s*(by|\\d+ of)\\b")).pattern
    '\\\\s|b|\\\\d'
    >>> lead(regex.compile(r"^\\s*(by|\\d+ of)\\b")).match("B") is None
    True
    >>> lead(regex.compile(r"^.+@")) is None, lead(regex.compile(r"by")) is None
    (True, True)
    """
    parsed = _parse_whole(pattern) if anchored(pattern) else None
    if parsed is None:
        return None
    info, parser = parsed
    if info.nullable or info.first is None:
        return None
    return regex.compile("|".join(info.first), regex.I if parser.icase or pattern.flags & regex.I else 0)


def _cases(c: str) -> set[str]:
    return {chr(x) for x in _all_cases(regex.I, ord(c))} | {c}  # type: ignore[misc]


@dataclass(frozen=True, slots=True)
class Folder:
    """Folds text so that every ``regex`` case-insensitive match of a key is a substring of the fold."""

    table: dict[int, str]
    # finds a character of the table (None: empty table); ASCII text needs no look when no key is ASCII
    variants: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    ascii_variants: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        chars = "".join(re.escape(chr(c)) for c in sorted(self.table))
        object.__setattr__(self, "variants", re.compile(f"[{chars}]") if chars else None)
        object.__setattr__(self, "ascii_variants", any(c < 128 for c in self.table))

    @classmethod
    def for_keys(cls, keys: set[str]) -> Folder:
        table: dict[int, str] = {}
        for c in sorted(set("".join(keys))):
            target = c.casefold()
            if len(target) != 1:
                continue  # such a character makes its key unsafe (see safe)
            for variant in _cases(c):
                if variant.casefold() != target:
                    table.setdefault(ord(variant), target)
        return cls(table)

    def fold(self, text: str) -> str:
        """``casefold`` after the table's characters are translated (a pass only a text with one pays)."""
        find = self.variants
        if find is not None and (self.ascii_variants or not text.isascii()) and find.search(text):
            text = text.translate(self.table)
        return text.casefold()

    def safe(self, key: str) -> bool:
        """Whether every case variant of every character of ``key`` folds like the character itself."""
        return all(len({self.fold(v) for v in _cases(c)}) == 1 for c in key)


def _union(sets: list[frozenset[str] | None]) -> frozenset[str] | None:
    """The union of the alternatives' strings; None if any alternative has none to offer."""
    if any(x is None for x in sets):
        return None
    return frozenset().union(*(x for x in sets if x is not None))


class Scanner:
    """Which of a set of strings occur in a text.

    The strings are one Aho-Corasick automaton (pyahocorasick): one pass over the text finds them all.

    >>> sorted(Scanner(["ab", "abc", "bc", "x"]).present("abcab"))
    ['ab', 'abc', 'bc']
    """

    def __init__(self, strings: Iterable[str]) -> None:
        self.strings = tuple(sorted(set(strings)))
        self._present = _automaton(self.strings)

    def present(self, text: str) -> set[str]:
        return self._present(text)

    def __reduce__(self):  # the compiled forms are rebuilt, not pickled
        return Scanner, (self.strings,)


def _automaton(strings: tuple[str, ...]) -> Callable[[str], set[str]]:
    automaton = ahocorasick.Automaton()
    for s in strings:
        automaton.add_word(s, s)
    automaton.make_automaton()
    second = operator.itemgetter(1)
    return lambda text: set(map(second, automaton.iter(text)))  # (end index, string) pairs
