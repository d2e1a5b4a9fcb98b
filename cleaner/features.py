"""Per-block features: small pure measurements, no decisions.

Word counts do not assume spaces: a run of Han/Kana characters counts one word per two characters
(the mean length of a Chinese or Japanese word is about 1.5-2 characters).
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import accumulate, chain, pairwise, repeat
from operator import itemgetter
from typing import NamedTuple

import regex

from .language import CODES, detect, function_words, stoplists
from .markup import HEADINGS
from .rules import hand_lists
from .tuning import TUNING, Tuning
from .types import Block

_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}'’_-]*")
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
_MAYBE_CJK = re.compile("[\u2e80-\U0010ffff]")  # no _CJK character is below U+2E80 (tests/test_fast_paths.py)
# Sentence ends: Latin-style marks before a space or the end; the marks of other scripts wherever they
# stand (CJK full stops need no space): Devanagari danda, Arabic question mark and semicolon, Urdu full
# stop, Ethiopic, Armenian, Myanmar, Tibetan, Khmer full stops, halfwidth and fullwidth CJK marks, ‼ ⁇ ⁈ ⁉.
TERMINALS = "。！？｡．；।॥؟؛۔።፧։။།។‼⁇⁈⁉"  # sentence ends of other scripts, wherever they stand
# full stops of every script: a line ending with one is a sentence, not a page title (a question or an
# exclamation mark may end a title)
FULL_STOPS = (".", *"。｡．।॥۔።։။།។")
_SENT = regex.compile(f"[.!?;:](?:[\"”’»)\\]]*)(?:\\s|$)|[{TERMINALS}]")
_URL = regex.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w{2,}")
# menu separators, each occurrence counted: a slash or an arrow only with a space on both sides ("News /
# Sport", "Home > Guides"), since one inside a word is a path, a date, a credit or a prompt ('/dev/loop0',
# '12/05/2020', 'Jane Doe/AFP', '>>> x')
_SEPARATORS = ("|", "•", "·", "»", "›", "«", "‹", " / ", " > ")
# code punctuation (an assignment, a statement's end, braces, a tag, a call, a comment): a line with it is
# code, whose slashes, pipes and arrows ("a/b", "x -> y", "</div>") separate no menu entries and whose
# URL ("requests.get('https://...')") is no bare link
CODE = re.compile(r"[=;{}<]|\w\(|^\s*//")
LETTER = regex.compile(r"\p{L}")  # a line without one is matched by a rule for what it lacks
# The same on ASCII text with at most the typographic marks of _TYPOGRAPHIC, in ``re`` (faster than
# ``regex`` here): there \p{L} is [A-Za-z], \p{N} is [0-9], \p{M} does not occur, no mark is a letter,
# digit or separator, and \s is [ \t\n\v\f\r\u00a0].
_TYPOGRAPHIC = "’‘“”–—…\u00a0"
_NOT_TYPOGRAPHIC = re.compile(f"[^\\x00-\\x7f{_TYPOGRAPHIC}]")
_WORD_ASCII = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’_-]*")
_SENT_ASCII = re.compile("[.!?;:](?:[\")\\]”’]*)(?:[ \t\n\v\f\r\u00a0]|$)")
_SEPARATORS_ASCII = tuple(c for c in _SEPARATORS if c.isascii())
_DIGIT_ASCII = re.compile(r"[0-9]")  # str.isdigit on ASCII
# a lettered item: one lower-case letter or one letter of a caseless script ("b)", "б)", "α.", "क)")
_LIST_ITEM = regex.compile(r"^\s*(?:[-*•·–—▪●◦]|\(?\d{1,3}[.)]|\[\d{1,3}\]|\(?[\p{Ll}\p{Lo}][.)])\s+\S")
# a line's last character that reads as a sentence's close: a mark, or a closing bracket or quotation mark
# (the fullwidth parenthesis and the corner brackets close CJK asides and quotes as ) and ” close Latin ones)
_END = frozenset(".!?\"”’»)…:;）」』" + TERMINALS)
_ASCII_DIGITS = "0123456789"
# title_ratio of a block mostly in a script without case (Han, Kana, Arabic, Devanagari, Thai...): not a
# number, so it is neither Title Case (title_ratio >= x) nor lower case (title_ratio < x), whatever x is.
# One object, so features of the same text compare equal.
NO_CASE = float("nan")
_SAMPLE = 10  # characters a word, and a space, at most for most words: a language sample's length
_CHUNK = 1 << 16  # characters: longer blocks are tokenised piece by piece (memory)
_SHORT = 64  # below this many characters a per-character test beats ten str.count scans


class Features(NamedTuple):  # internal, one per block: a tuple is built fastest
    words: int            # words (CJK: characters / 2)
    stop_ratio: float     # share of words that are function words (CJK: particles per character x 4)
    sentences: int        # sentence ends inside the block
    ends_sentence: bool   # last character closes a sentence
    title_ratio: float    # share of words that start with an upper-case letter; NO_CASE in a caseless script
    digit_ratio: float    # share of characters that are digits
    has_url: bool         # an URL or e-mail address (not in a line of code)
    separators: int       # menu separators: | • · » / and the like (none in a line of code)
    cjk: bool             # mostly Han/Kana text
    list_item: bool       # starts with a bullet or an item number: "- ", "3) ", "b. ", "[2] "
    table_row: bool       # a table row rendered as text: "| a | b |"
    link_density: float   # share of the text inside links (HTML input; 0 for text and headings: _links)
    code_marks: int       # code punctuation in a long block of few function words and no URL (_code_marks)


def features(block: Block, stopwords: frozenset[str], particles: frozenset[str],
             t: Tuning = TUNING) -> Features:
    text = block.text
    ascii_text = text.isascii()
    maybe_cjk = not ascii_text and _MAYBE_CJK.search(text)
    n_cjk = sum(len(_CJK.findall(c)) for c in _chunks(text)) if maybe_cjk else 0
    cjk = n_cjk * 2 > len(text) - text.count(" ")
    n_tokens, caps, counted, caseless = _tokens(text, ascii_text, None if cjk else stopwords)
    if cjk:
        words = max(1, n_cjk // 2) + counted  # the ASCII words
        stop = min(1.0, t.cjk_particles * sum(text.count(p) for p in particles) / max(1, n_cjk))
    else:
        words = n_tokens
        stop = counted / words if words else 0.0  # the function words
    last = text.rstrip()[-1:]
    table = text.startswith("|") and text.rstrip().endswith("|") and text.count("|") >= 3
    linked = _maybe_url(text) and _URL.search(text) is not None
    found = _separators(_URL.sub(" ", text) if linked and "/" in text else text, table, ascii_text)
    # the code test only where it changes something, as in the column-wise path: a URL or a separator
    code = (linked or found > 0) and CODE.search(text) is not None
    return Features(
        words=words,
        stop_ratio=stop,
        sentences=_sentences(text, ascii_text),
        ends_sentence=((last in _END or table and text.rstrip(" |")[-1:] in _END)
                       and not text.endswith(("...", "…"))),
        title_ratio=NO_CASE if caseless * 2 > n_tokens else caps / n_tokens if n_tokens else 0.0,
        digit_ratio=_digits(text, ascii_text) / len(text) if text else 0.0,
        has_url=linked and not code,
        separators=0 if code else found,
        cjk=cjk,
        list_item=block.hint("tag") == "li" or bool(_LIST_ITEM.match(text)),
        table_row=table and _data_row(text, words, t.cell_words),
        link_density=_links(block),
        code_marks=_code_marks(text, words, stop, linked, t),
    )


def _code_marks(text: str, words: int, stop: float, linked: bool, t: Tuning) -> int:
    """Code punctuation (``CODE``: assignments, statement ends, braces, tags, calls) in a block of at least
    ``t.good_words`` words with under ``t.stop_bad`` function words: a code sample ('const x = f(y);')
    is such a block, and so is a script or a line of markup an ad or a widget left in a page's text,
    which carries a link. Counted only there (0 elsewhere), where it can change the block's score."""
    if linked or words < t.good_words or stop >= t.stop_bad:
        return 0
    return len(CODE.findall(text))


def page_stopwords(texts: Sequence[str], fallback: frozenset[str], t: Tuning = TUNING) -> frozenset[str]:
    """The page's function words: jusText's list of the language whose list holds most tokens of the
    page's ``t.language_blocks`` longest blocks (each at most its share of ``t.language_tokens``;
    ``language.detect``), or ``fallback`` when no list holds
    ``t.language_least`` of them (a page in Chinese or Thai, a page of numbers) or ``t.stoplist_share``
    is 0. Once a page: a look at a few hundred tokens.

    >>> from dataclasses import replace
    >>> on = replace(TUNING, stoplist_share=0.25)
    >>> de = page_stopwords(["Der Hund und die Katze sind in dem Haus, das am See liegt."], frozenset(), on)
    >>> en = page_stopwords(["The dog and the cat are in the house by the lake."], frozenset(), on)
    >>> "die" in de, "die" in en
    (True, False)
    """
    if t.stoplist_share <= 0:
        return fallback
    tokens: list[str] = []
    each = max(1, t.language_tokens // max(1, t.language_blocks))  # no one block (markup, a menu) outvotes
    for text in heapq.nlargest(t.language_blocks, texts, key=len):
        sample = text[:_SAMPLE * each]  # enough characters for ``each`` words
        plain = sample.isascii() or not _NOT_TYPOGRAPHIC.search(sample)  # the words of _ascii_features
        tokens += map(str.casefold, (_WORD_ASCII if plain else _WORD).findall(sample)[:each])
    lists = stoplists(t.language_words)
    langs = detect(tokens, lists, t.language_least, t.language_near, t.languages)
    if not langs:
        return fallback
    if len(langs) == 1:
        return _page_words(lists.names[langs[0]], t.stoplist_share, t.stoplist_hand)
    return frozenset().union(*(_page_words(lists.names[i], t.stoplist_share, t.stoplist_hand) for i in langs))


@lru_cache(maxsize=16)
def _page_words(name: str, share: float, with_hand: float) -> frozenset[str]:
    """The function words of language ``name``: its hand-kept list (rules/stopwords.toml) and the most
    frequent ``with_hand`` share of jusText's list if it has one, else that ``share`` of jusText's list.
    jusText's lists come from Wikipedia: they hold its content words (album, film, university, population)
    and miss what web pages say and Wikipedia does not ("I", "you", "my", "here")."""
    hand = [words for code, words in hand_lists().items() if CODES.get(code) == name]
    if hand:
        return function_words(name, with_hand).union(*hand) if with_hand > 0 else frozenset().union(*hand)
    return function_words(name, share)


def page_features(blocks: Sequence[Block], stopwords: frozenset[str],
                  particles: frozenset[str], t: Tuning = TUNING) -> list[Features]:
    """``features`` of every block of a page. The blocks of ASCII text (or ASCII and the typographic
    marks of ``_TYPOGRAPHIC``), most of a page, are measured a column at a time (``_ascii_features``),
    the others one by one.

    >>> [f.words for f in page_features([Block(0, "Home | News", 0, 11, 0), Block(1, "Über uns", 12, 20, 0)],
    ...                                 frozenset(), frozenset())]
    [2, 2]
    """
    plain = [len(t) <= _CHUNK and (t.isascii() or not _NOT_TYPOGRAPHIC.search(t))
             for t in (b.text for b in blocks)]
    measured = iter(_ascii_features([b for b, p in zip(blocks, plain, strict=True) if p], stopwords, t))
    return [next(measured) if p else features(b, stopwords, particles, t)
            for b, p in zip(blocks, plain, strict=True)]


def _ascii_features(blocks: list[Block], stopwords: frozenset[str], t: Tuning) -> list[Features]:
    """``features`` of blocks of ASCII text (with at most the marks of ``_TYPOGRAPHIC``) of at most
    ``_CHUNK`` characters, each column a C function mapped over all blocks (no Python call per block for
    the costly ones). Such text is never CJK, its words are ``_WORD_ASCII`` tokens, its sentence ends
    ``_SENT_ASCII`` ones, its digits 0-9, its separators the ASCII ones."""
    texts = [b.text for b in blocks]
    tokens = list(map(_WORD_ASCII.findall, texts))
    words = list(map(len, tokens))
    every = list(chain.from_iterable(tokens))
    stops = _per_block(map(stopwords.__contains__, map(str.casefold, every)), words)
    caps = _per_block(map(str.isupper, map(itemgetter(0), every)), words)  # tokens are never empty
    chars = list(map(len, texts))
    digits = list(map(len, map(_DIGIT_ASCII.findall, texts)))
    ellipsis = list(map(str.endswith, texts, repeat(("...", "…"))))
    table = [s.startswith("|") and s.rstrip().endswith("|") and s.count("|") >= 3 for s in texts]
    ends = [(s.rstrip()[-1:] in _END or tb and s.rstrip(" |")[-1:] in _END) and not e
            for s, tb, e in zip(texts, table, ellipsis, strict=True)]
    linked = [_maybe_url(s) and _URL.search(s) is not None for s in texts]
    counted = _count_each(texts, _SEPARATORS_ASCII)
    # the code test only where it changes something: a URL or a separator in the block
    code = [(u or n > 0) and CODE.search(s) is not None
            for s, u, n in zip(texts, linked, counted, strict=True)]
    url = [u and not c for u, c in zip(linked, code, strict=True)]
    separators = [0 if c else _separators(_URL.sub(" ", s) if u and "/" in s else s, tb, True)
                  if u or tb else n for s, u, tb, n, c in zip(texts, url, table, counted, code, strict=True)]
    listed = [m is not None or (bool(b.hints) and b.hint("tag") == "li")
              for b, m in zip(blocks, map(_LIST_ITEM.match, texts), strict=True)]
    stop_ratios = _ratios(stops, words)
    marks = [_code_marks(s, n, r, u, t) for s, n, r, u in zip(texts, words, stop_ratios, linked, strict=True)]
    return list(map(Features, words, stop_ratios,
                    list(map(len, map(_SENT_ASCII.findall, texts))), ends, _ratios(caps, words),
                    _ratios(digits, chars), url, separators, repeat(False), listed,
                    [tb and _data_row(s, n, t.cell_words)
                     for s, tb, n in zip(texts, table, words, strict=True)],
                    [_links(b) if b.hints else 0.0 for b in blocks], marks))


def _links(block: Block) -> float:
    """The block's link density (HTML), but 0 for a heading: a heading that is a link is a section's
    anchor (documentation links its own headings), a record's title (a listing, a catalogue) or a card's;
    what it heads decides it, not its link. A link line that is no heading is still navigation's look."""
    if block.hint("tag") in HEADINGS:
        return 0.0
    return float(block.hint("link_density", 0.0) or 0.0)


def _per_block(values: Iterable[int], sizes: list[int]) -> list[int]:
    """Sums of a column of per-token values over each block's tokens (``sizes`` tokens a block)."""
    totals = list(accumulate(values, initial=0))
    return [totals[b] - totals[a] for a, b in pairwise(accumulate(sizes, initial=0))]


def _ratios(parts: list[int], wholes: list[int]) -> list[float]:
    return [p / w if w else 0.0 for p, w in zip(parts, wholes, strict=True)]


def _count_each(texts: list[str], marks: tuple[str, ...]) -> list[int]:
    """How many times every text holds the ``marks`` (characters or short strings), all counted."""
    counts = [0] * len(texts)
    for c in marks:
        counts = [n + k for n, k in zip(counts, map(str.count, texts, repeat(c)), strict=True)]
    return counts


def _chunks(text: str) -> Iterator[str]:
    """``text`` in pieces of about ``_CHUNK`` characters cut before a space; a word never spans a
    space, so the words of the pieces are the words of the text (a huge block is never tokenised
    whole: millions of word strings at once would cost many times the text's size)."""
    if len(text) <= _CHUNK:
        yield text
        return
    start = 0
    while start < len(text):
        cut = text.find(" ", start + _CHUNK)
        end = len(text) if cut < 0 else cut
        yield text[start:end]
        start = end


def _tokens(text: str, ascii_text: bool, stopwords: frozenset[str] | None) -> tuple[int, int, int, int]:
    """Words, capitalised words, function words (``stopwords`` given) or else ASCII words, and words in a
    caseless script."""
    word = _WORD_ASCII if ascii_text else _WORD
    n = other = caps = caseless = 0
    for chunk in _chunks(text) if len(text) > _CHUNK else (text,):
        tokens = word.findall(chunk)
        n += len(tokens)
        if stopwords is not None:
            other += sum(map(stopwords.__contains__, map(str.casefold, tokens)))
        else:
            other += sum(1 for t in tokens if t.isascii())
        firsts = [t[0] for t in tokens]  # tokens are never empty
        caps += sum(map(str.isupper, firsts))
        if not ascii_text:  # a letter neither upper- nor lower-case: a caseless script (Han, Arabic, Hindi)
            caseless += sum(1 for c in firsts if c.isalpha() and not c.isupper() and not c.islower())
    return n, caps, other, caseless


def _sentences(text: str, ascii_text: bool) -> int:
    """Sentence ends; counted without a list of them in a long block."""
    sent = _SENT_ASCII if ascii_text else _SENT
    if len(text) <= _CHUNK:
        return len(sent.findall(text))
    return sum(1 for _ in sent.finditer(text))


def _maybe_url(text: str) -> bool:
    """Cheap necessary condition for ``_URL``: it needs "://", "www." or "@"."""
    return "://" in text or "www." in text or "@" in text


def _digits(text: str, ascii_text: bool) -> int:
    """Characters with ``str.isdigit``; in ASCII text only 0-9 are (counted so in long text)."""
    if ascii_text and len(text) > _SHORT:
        return sum(map(text.count, _ASCII_DIGITS))
    return sum(map(str.isdigit, text))


def _separators(text: str, table: bool, ascii_text: bool) -> int:
    """``ascii_text``: the block is ASCII (an URL taken out leaves it so), only the ASCII separators occur."""
    found = sum(map(text.count, _SEPARATORS_ASCII if ascii_text else _SEPARATORS))
    return found - text.count("|") if table else found


def _data_row(text: str, words: int, cell_words: int) -> bool:
    """A row of a data table: short cells, more than half of them filled (a layout table has long or empty
    ones)."""
    cells = [c.strip() for c in text.strip().strip("|").split("|")]
    filled = sum(1 for c in cells if c)
    return words <= cell_words * len(cells) and 2 * filled > len(cells)
