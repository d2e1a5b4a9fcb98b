"""Per-block features: small pure measurements, no decisions.

Word counts do not assume spaces: a run of Han/Kana characters counts one word per two characters
(the mean length of a Chinese or Japanese word is about 1.5-2 characters).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .types import Block

_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}'’_-]*")
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
_SENT = regex.compile(r"[.!?;:](?:[\"”’»)\]]*)(?:\s|$)|[。！？]")
_URL = regex.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w{2,}")
_SEPARATORS = frozenset("|•·»›/«‹>")
_LIST_ITEM = regex.compile(r"^\s*(?:[-*•·–—▪●◦]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s+\S")
_END = frozenset(".!?。！？\"”’»)…:;")


@dataclass(frozen=True, slots=True)
class Features:
    words: int            # words (CJK: characters / 2)
    chars: int            # characters of the block text
    stop_ratio: float     # share of words that are function words (CJK: particles per character x 4)
    sentences: int        # sentence ends inside the block
    ends_sentence: bool   # last character closes a sentence
    title_ratio: float    # share of words that start with an upper-case letter
    digit_ratio: float    # share of characters that are digits
    has_url: bool         # an URL or e-mail address
    separators: int       # menu separators: | • · » / and the like
    ellipsis_end: bool    # ends with ... or … (a teaser cut short)
    cjk: bool             # mostly Han/Kana text
    list_item: bool       # starts with a bullet or an item number: "- ", "3) ", "b. "
    table_row: bool       # a table row rendered as text: "| a | b |"


def features(block: Block, stopwords: frozenset[str], particles: frozenset[str]) -> Features:
    text = block.text
    tokens = _WORD.findall(text)
    n_cjk = len(_CJK.findall(text)) if not text.isascii() else 0
    cjk = n_cjk * 2 > len(text.replace(" ", ""))
    if cjk:
        words = max(1, n_cjk // 2) + sum(1 for t in tokens if t.isascii())
        stop = min(1.0, 4 * sum(text.count(p) for p in particles) / max(1, n_cjk))
    else:
        words = len(tokens)
        stop = sum(1 for t in tokens if t.casefold() in stopwords) / words if words else 0.0
    caps = sum(1 for t in tokens if t[:1].isupper())
    last = text.rstrip()[-1:]
    table = text.startswith("|") and text.rstrip().endswith("|") and text.count("|") >= 3
    return Features(
        words=words,
        chars=len(text),
        stop_ratio=stop,
        sentences=len(_SENT.findall(text)),
        ends_sentence=(last in _END or table and text.rstrip(" |")[-1:] in _END) and not text.endswith(("...", "…")),
        title_ratio=caps / len(tokens) if tokens else 0.0,
        digit_ratio=sum(c.isdigit() for c in text) / len(text) if text else 0.0,
        has_url=bool(_URL.search(text)),
        separators=_separators(_URL.sub(" ", text) if "/" in text else text, table),
        ellipsis_end=text.endswith(("...", "…")),
        cjk=cjk,
        list_item=bool(_LIST_ITEM.match(text)),
        table_row=table and words <= 5 * (text.count("|") - 1),  # cells of data, not a layout table
    )


def _separators(text: str, table: bool) -> int:
    return sum(1 for c in text if c in _SEPARATORS and not (table and c == "|"))
