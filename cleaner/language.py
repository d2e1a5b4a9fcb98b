"""A page's language, told cheaply from the page itself, and its function words.

The function-word lists are jusText's (Pomikalek 2011; installed with trafilatura): about 100 languages,
each a list of the most frequent words of that language's Wikipedia, most frequent first. A page's
language is the one whose list covers most tokens of its longest blocks (``detect``); its list is then
the page's function words. Nothing is read at import: the lists are loaded, once a process, on the first
page (``stoplists``).
"""

from __future__ import annotations

import pkgutil
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from itertools import chain
from typing import NamedTuple

import regex

# The languages jusText has a list for, in the order ties go (the more widely written first); a list
# not named here comes after them. Simple_English is English again.
_FIRST = ("English", "German", "French", "Spanish", "Portuguese", "Italian", "Russian", "Polish", "Dutch",
          "Swedish", "Turkish", "Indonesian", "Arabic", "Persian", "Hindi", "Korean", "Vietnamese",
          "Ukrainian", "Czech", "Greek", "Romanian", "Hungarian", "Danish", "Finnish", "Norwegian_Bokmal",
          "Hebrew", "Bulgarian", "Serbian", "Croatian", "Slovak", "Catalan")
_SKIP = frozenset({"Simple_English"})
# rules/stopwords.toml's language codes -> jusText's names
CODES = {"en": "English", "de": "German", "fr": "French", "es": "Spanish", "pt": "Portuguese",
         "it": "Italian", "nl": "Dutch", "ru": "Russian", "pl": "Polish", "sv": "Swedish", "tr": "Turkish",
         "id": "Indonesian"}
_TOKEN = regex.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}'’_-]*")  # features._WORD: a list entry must be one


class Stoplists(NamedTuple):
    names: tuple[str, ...]                 # languages, in tie order
    words: tuple[frozenset[str], ...]      # each language's function words, case-folded
    by_word: dict[str, tuple[int, ...]]    # word -> the languages (positions in ``names``) listing it


def _names() -> list[str]:
    try:
        import justext  # trafilatura's dependency
        available = set(justext.get_stoplists())
    except ImportError:  # pragma: no cover - trafilatura requires it
        return []
    rest = sorted(available - set(_FIRST) - _SKIP)
    return [n for n in _FIRST if n in available] + rest


@lru_cache(maxsize=128)
def _list(name: str) -> tuple[str, ...]:
    """jusText's list for ``name``, most frequent first, case-folded, each word once. Left out: entries that
    are not one word as features.py counts words (punctuation attached: 'however,'), and words the list
    only has capitalised (names, months, German nouns: content words, frequent in Wikipedia and in
    menus and date lines alike); a word of a caseless script is its own lower case, so it stays."""
    data = pkgutil.get_data("justext", f"stoplists/{name}.txt")
    raw = [line.strip() for line in (data or b"").decode("utf-8").splitlines()]
    lower = {w for w in raw if w == w.lower()}
    seen: dict[str, None] = {}
    for line in raw:
        w = line.casefold()
        if w and w not in seen and line.lower() in lower and _TOKEN.fullmatch(w) and w[0].isalpha():
            seen[w] = None
    return tuple(seen)


@lru_cache(maxsize=4)
def stoplists(top: int) -> Stoplists:
    """The index word -> languages of jusText's lists, each cut to its ``top`` most frequent words (lists
    of one length vote alike; jusText's run from ~250 words to ~13,000), and those cut lists."""
    names = _names()
    lists = [_list(n)[:top] for n in names]
    index: dict[str, list[int]] = {}
    for i, words in enumerate(lists):
        for w in words:
            index.setdefault(w, []).append(i)
    return Stoplists(tuple(names), tuple(map(frozenset, lists)), {w: tuple(v) for w, v in index.items()})


@lru_cache(maxsize=16)
def function_words(name: str, share: float) -> frozenset[str]:
    """The most frequent ``share`` of jusText's list for ``name`` (its whole list at 1.0): a page's function
    words. jusText's lists are as long as their language needs (an inflected language has many forms of
    each word), so a share of each, not a number of words, keeps them alike across languages.

    >>> "die" in function_words("German", 1.0), "die" in function_words("English", 1.0)
    (True, False)
    """
    words = _list(name)
    return frozenset(words[:round(share * len(words))])


def detect(tokens: Iterable[str], lists: Stoplists, least: int, near: float = 1.0,
           most: int = 1) -> list[int]:
    """The languages (positions in ``lists.names``) whose lists hold most of the distinct ``tokens``
    (case-folded; a menu repeating a word votes once): the best, if it holds at least ``least`` of them,
    and up to ``most`` in all, each the best by the tokens the lists before it do not hold, if it holds
    ``near`` times as many as the best (a page in two languages: its menus in one, its text in the
    other). Ties go to the earlier language.

    >>> s = stoplists(100)
    >>> [s.names[i] for i in detect("der hund und die katze sind in dem haus".split(), s, 3)]
    ['German']
    >>> detect(["xyzzy"], s, 1)
    []
    """
    by_word = lists.by_word
    found = [langs for langs in map(by_word.get, set(tokens)) if langs]  # each distinct token's languages
    votes = Counter(chain.from_iterable(found))
    ranked = _ranked(votes)
    if not ranked or votes[ranked[0]] < least:
        return []
    top, chosen = votes[ranked[0]], ranked[:1]
    while len(chosen) < most:  # the next language by the tokens the chosen ones' lists do not hold
        found = [langs for langs in found if chosen[-1] not in langs]
        votes = Counter(chain.from_iterable(found))
        ranked = _ranked(votes)
        if not ranked or votes[ranked[0]] < near * top:
            break
        chosen.append(ranked[0])
    return chosen


def _ranked(votes: Counter[int]) -> list[int]:
    return sorted(votes, key=lambda i: (-votes[i], i))
