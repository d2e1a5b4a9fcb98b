"""The pattern prefilter is only a shortcut: rule matching must equal trying every rule in order."""

from __future__ import annotations

from pathlib import Path

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.features import features
from cleaner.literals import Folder, Scanner, anchored, lead, required
from cleaner.rules import Prefilter, RuleSet, load_ruleset, normalise, parse_rules
from cleaner.segment import segment

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_39b2ea25ac99eeb9.txt"


def reference(rules: RuleSet, text: str, norm: str, words: int):
    return next((r for r in rules.rules if r.matches(text, norm, words)), None)


def chrome_lines(rules: RuleSet) -> list[str]:
    """Lines that trip rules: phrases and prefixes as written, in other cases and with prose around."""
    lines = []
    for r in rules.rules:
        for s in sorted(r.phrases)[:3] + list(r.prefixes[:3]):
            lines += [s, s.upper(), s.title() + ": Some Title Here", "» " + s.capitalize() + " «"]
    lines += ["Posted by Jane Doe", "12 comments", "© 2024 Example Media. All rights reserved.",
              "We use cookies to improve your experience.", "İmpressum | Kontakt", "January 5, 2024",
              "Subscribe to our newsletter for updates", "Photo: Getty Images", "3 of 12", "2024年3月1日",
              "Tags: politics, economy", "READ MORE: the story", "版权所有 2024", "Читайте также: новости"]
    return lines


def check(rules: RuleSet, texts: list[str]) -> None:
    norms = [normalise(t) for t in texts]
    from cleaner.types import Block

    words = [features(Block(0, t, 0, len(t), 0), rules.stopwords, rules.particles).words for t in texts]
    got = rules.first_matches(texts, norms, words)
    want = [reference(rules, t, n, w) for t, n, w in zip(texts, norms, words, strict=True)]
    assert [r and r.id for r in got] == [r and r.id for r in want]


def test_prefilter_equals_trying_every_rule() -> None:
    rules = load_ruleset()
    texts = [b.text for b in segment(SEED.read_text(encoding="utf-8"))] + chrome_lines(rules)
    check(rules, texts)


LEARNT = """
[[rule]]
id = "site-lines"
comment = "learnt lines"
action = "strip"
phrases = ["home", "share this", "12 comments"]
"""


def test_extend_by_phrase_rules_keeps_the_prefilter() -> None:
    base = load_ruleset()
    learnt = base.extend(parse_rules(LEARNT, "<learnt>"))
    assert learnt._prefilter is base._prefilter  # not rebuilt per site (cleaner batch --sites)
    fresh = Prefilter.build(learnt.rules)
    assert (fresh.rule_of, fresh.bounds, fresh.patterns) == (
        learnt._prefilter.rule_of, learnt._prefilter.bounds, learnt._prefilter.patterns)
    check(learnt, [b.text for b in segment(SEED.read_text(encoding="utf-8"))] + chrome_lines(learnt))
    # a keep rule goes first: every rule index moves, so the prefilter is built anew (no new pattern is
    # compiled here: test_sites' Rule comparisons rely on the regex module's compile cache)
    first = base.extend(parse_rules(LEARNT.replace('"strip"', '"keep"'), "<keep>"))
    assert first._prefilter is not base._prefilter
    assert first._prefilter.rule_of[0] == base._prefilter.rule_of[0] + 1


PIECES = ["cookies", "İMPRESSUM", "by", "Jane", "ſubscribe", "newsletter", "Tags:", "© 2024", "read more",
          "12", "comments", "2024-03-01", "年", "Photo:", "of", "KONTAKT", "|", "Related", "\u212aommentare"]
TEXTS = st.lists(st.one_of(st.text(alphabet=st.characters(), max_size=12), st.sampled_from(PIECES)),
                 max_size=10).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(st.lists(TEXTS, max_size=8))
def test_prefilter_equals_trying_every_rule_on_any_text(texts: list[str]) -> None:
    check(load_ruleset(), [t.strip() for t in texts])


def test_every_match_contains_a_required_literal() -> None:
    rules = load_ruleset()
    texts = chrome_lines(rules)
    for r in rules.rules:
        for p in r.patterns:
            found = required(p)
            if not found:
                continue
            folder = Folder.for_keys(set(found))
            for t in texts:
                if p.search(t) and all(folder.safe(s) for s in found):
                    assert any(folder.fold(s) in folder.fold(t) for s in found), (p.pattern, t)


def test_every_match_starts_with_its_lead() -> None:
    rules = load_ruleset()
    texts = chrome_lines(rules)
    texts += [t.lower() for t in texts] + [" " + t for t in texts]
    led = 0
    for r in rules.rules:
        for p in r.patterns:
            first = lead(p)
            led += first is not None
            for t in texts if first is not None else ():
                if p.search(t):
                    assert first.match(t[:1]), (p.pattern, first.pattern, t)
    assert led > 50  # most built-in patterns are anchored


def test_leads() -> None:
    assert lead(regex.compile(r"^[^\p{L}]+$")).match("7")
    assert not lead(regex.compile(r"^[^\p{L}]+$")).match("a")
    assert lead(regex.compile(r"(?i)^\s*(we are sorry|oops)\b")).match("O")
    assert not lead(regex.compile(r"^\s*(we are sorry|oops)\b")).match("x")
    assert lead(regex.compile(r"^(a|\d)?b")).pattern == "a|\\d|b"
    for nothing in (r"^a?\b", r"^(?=x)", r"^.+x", r"a", r"^a|b", r"(?m)^a", r"^\Gx"):
        assert lead(regex.compile(nothing)) is None, nothing


def test_scanner_finds_every_string_in_the_text() -> None:
    strings = ["by", "by the", " to ", "o", "photo", "foto", "日本", "subscri"]
    texts = ["", "Photo by the author", "go to the shop", "日本語", "subscribe to", "ob"]
    scanner = Scanner(strings)
    for t in texts:
        assert scanner.present(t) == {s for s in strings if s in t}, t


def test_case_variants_regex_knows_fold_alike() -> None:
    folder = Folder.for_keys({"impressum", "skip"})
    assert folder.fold("İMPRESSUM") == "impressum"
    assert "skip" in folder.fold("ſKIP")  # long s and Kelvin sign are cases of s and k for regex
    assert folder.safe("impressum")


def test_unreadable_patterns_get_no_literals() -> None:
    assert required(regex.compile(r"(?x) a b")) is None
    assert required(regex.compile(r"a{e<=1}")) is None
    assert required(regex.compile(r"(?>abc)")) is None
    assert required(regex.compile(r"\p{Lu}+")) is None
    assert required(regex.compile(r"(?i)(foo|bar)?baz")) == frozenset({"baz", "foobaz", "barbaz"})
    assert not anchored(regex.compile(r"(?m)^a"))


def test_positive_lookarounds_require_their_literals() -> None:
    """A positive look-ahead or look-behind consumes nothing, but its strings are in the text all the same;
    a negative one requires nothing."""
    social = regex.compile(r"(?i)^(?=.*\b(?:facebook|twitter)\b)[\p{L}\s]+$")
    assert required(social) == {"facebook", "twitter"}
    assert required(regex.compile(r"(?<=price: )\d+")) == {"price: "}
    assert required(regex.compile(r"^(?!abc)\p{L}+$")) is None


def test_every_shipped_pattern_can_be_prefiltered() -> None:
    """A built-in pattern with neither a required literal nor a first-character class runs on every block
    of every page (the hot path): write it so the prefilter can rule it out (no inline flag groups)."""
    from cleaner.rules import load_ruleset

    rules = load_ruleset((), True).rules
    blind = [(r.id, p.pattern) for r in rules for p in r.patterns if required(p) is None and lead(p) is None]
    assert blind == []
