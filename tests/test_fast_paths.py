"""The fast paths measure exactly what the general ones do: ASCII text in ``re`` instead of
``regex``, a page's blocks column by column instead of one by one."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.features import _CJK, _MAYBE_CJK, _TYPOGRAPHIC, features, page_features
from cleaner.rules import _NONWORD, load_ruleset, normalise
from cleaner.types import Block

RULES = load_ruleset()
PIECES = ["the", "The", "of", "|", "/", ">", "»", "...", "…", "- ", "1) ", "b. ", "| a | b |", "http://x.io/a/b",
          "www.example.com", "a@b.co", "12:30", "2024", "don't", "co-op", "_x", "!", "?", ". ", ":", "\t",
          "Über", "日本語の", "テスト", "ß", "İ", "\u00a0", "\u2028", "²", "٣",
          "x = ", ";", "{", "}", "</a>", "f("]
LINES = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=14).map(" ".join)
ASCII_PIECES = st.one_of(st.sampled_from([p for p in PIECES if p.isascii()]),
                         st.text(st.characters(max_codepoint=127), max_size=6))
ASCII_LINES = st.lists(ASCII_PIECES, max_size=14).map("".join)
TYPOGRAPHIC_PIECES = list(_TYPOGRAPHIC) + ["don’t", "end.” ", "a.’\u00a0", "“Quoted”", "x…", "1.\u00a0", "—"]
TYPOGRAPHIC_LINES = st.lists(st.one_of(ASCII_PIECES, st.sampled_from(TYPOGRAPHIC_PIECES)),
                             max_size=14).map("".join)


def blocks_of(texts: list[str], hints: bool = False) -> list[Block]:
    extra = (("tag", "li"), ("link_density", 0.5)) if hints else ()
    return [Block(i, t, 0, len(t), 0, extra if i % 2 else ()) for i, t in enumerate(texts)]


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.lists(st.one_of(LINES, ASCII_LINES, TYPOGRAPHIC_LINES), max_size=12), st.booleans())
def test_page_features_equal_features(texts: list[str], hints: bool) -> None:
    blocks = blocks_of(texts, hints)
    want = [features(b, RULES.stopwords, RULES.particles) for b in blocks]
    got = page_features(blocks, RULES.stopwords, RULES.particles)
    assert got == want
    assert [list(map(type, f)) for f in got] == [list(map(type, f)) for f in want]


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.one_of(LINES, ASCII_LINES))
def test_normalise_on_ascii_equals_the_unicode_way(text: str) -> None:
    assert normalise(text) == _NONWORD.sub(" ", text.casefold()).strip()


def test_no_cjk_character_is_below_the_quick_test() -> None:
    below = "".join(map(chr, range(0x2E80)))
    assert not _CJK.search(below) and not _MAYBE_CJK.search(below) and _MAYBE_CJK.match("\u2e80")
