"""Invariants of the engine, checked with hypothesis (STYLE.md item 9) on generated text and pages.

Budgets are fixed and derandomized, so a run is the same on every machine; a property that fails
on engine behaviour stays a strict xfail with its minimal counterexample as an ``@example``.
The last section checks that the CLI's ``--explain`` lines parse back into the decisions.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cleaner import Cleaned, Cleaner, Config, Decision, InputFormat, Label, apply_decisions, cli
from cleaner.features import features
from cleaner.rules import Action, Where, load_ruleset, normalise
from cleaner.segment import block_text, segment
from cleaner.types import Block

ROOT = Path(__file__).resolve().parent.parent
CLEANER = Cleaner(Config(input_format=InputFormat.TEXT, timeout=None))
DEFAULT = Cleaner()
# CLEANER_PROPERTY_EXAMPLES=2000 for a deeper, randomized hunt (the default run is fixed and fast)
EXAMPLES = int(os.environ.get("CLEANER_PROPERTY_EXAMPLES", "0")) or None
SETTINGS = settings(max_examples=EXAMPLES or 60, deadline=None, derandomize=EXAMPLES is None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


def clean(text: str) -> Cleaned:
    return CLEANER.clean(text)


# --- strategies ----------------------------------------------------------------------------------

# Any text: every code point hypothesis draws (control characters too), and a page-ish alphabet of
# line breaks, Unicode spaces, CJK and sentence punctuation so that blocks, paragraphs and wraps occur.
PAGEISH = [*"ab cdE. \n\n\n\r\t\x0b\x0c\x1c\x85\u2028\u3000中文。한국어|-•©0123", "Home", "Share", "the "]
any_text = st.one_of(st.text(max_size=300),
                     st.lists(st.sampled_from(PAGEISH), max_size=120).map("".join))

FUNCTION = ("the", "a", "of", "to", "and", "in", "that", "was", "for", "on", "with", "as", "at", "from",
            "but", "not", "this", "his", "her", "they", "it", "into", "after", "when")
CONTENT = ("council", "bridge", "river", "mayor", "residents", "water", "plan", "year", "city", "school",
           "teacher", "village", "market", "farmer", "road", "station", "train", "doctor", "museum",
           "garden", "winter", "harbour", "ferry", "library", "built", "opened", "closed", "visited",
           "agreed", "explained", "found", "carried", "wrote", "old", "new", "long", "quiet", "morning")


@st.composite
def sentence(draw: st.DrawFn, words: int) -> str:
    """``words`` words, half of them function words (about what English prose has), ending in '.'."""
    out = [draw(st.sampled_from(FUNCTION if i % 2 == 0 else CONTENT)) for i in range(words)]
    return " ".join(out).capitalize() + "."


@st.composite
def paragraph(draw: st.DrawFn) -> str:
    """30-80 words in sentences of 6-16 words."""
    target, sentences, n = draw(st.integers(30, 80)), [], 0
    while n < target:
        k = min(draw(st.integers(6, 16)), max(6, target - n))
        sentences.append(draw(sentence(k)))
        n += k
    return " ".join(sentences)


def _distinct(paragraphs: list[str]) -> bool:
    """No paragraph repeats (or contains) another: see test_repeated_first_paragraph_is_not_a_title."""
    return not any(a in b for i, a in enumerate(paragraphs) for j, b in enumerate(paragraphs) if i != j)


prose = st.lists(paragraph(), min_size=3, max_size=8).filter(_distinct).map("\n\n".join)


def _hard_rule_phrases() -> list[str]:
    """Phrases of the built-in drop/end/heading rules that those rules match on a line of their own.

    (A phrase longer than its rule's max_words can never match; such dead phrases are left out here
    and listed by ``test_rule_phrases_match_their_rule``.)
    """
    rules = load_ruleset()
    out = []
    for r in rules.rules:
        if r.action in (Action.DROP, Action.END, Action.HEADING) and r.where is not Where.HEAD:
            out.extend(sorted(p.capitalize() for p in r.phrases if _matched_by_hard_rule(p.capitalize())))
    return sorted(set(out))


def _matched_by_hard_rule(line: str) -> bool:
    rules = load_ruleset()
    words = features(Block(0, line, 0, len(line), 0), rules.stopwords, rules.particles).words
    rule = rules.first_match(line, normalise(line), words)
    return rule is not None and rule.action in (Action.DROP, Action.END, Action.HEADING)


PHRASES = _hard_rule_phrases()
# Chrome that the rule files catch with patterns, not phrases (cookie banners, newsletter boxes, legal).
PATTERN_CHROME = [
    "We use cookies to improve your experience on our site.",
    "By continuing to browse this site you agree to our use of cookies.",
    "Accept all cookies",
    "Sign up for our daily newsletter and get the top stories in your inbox.",
    "Enter your email address",
    "You can unsubscribe at any time.",
    "© 2024 Example Media Group. All rights reserved.",
    "Copyright 2024 The Daily Example",
    "About Ellen Lewandowski",
    "Tags: bridge, river, council",
    "Follow us on Twitter",
    "12 Comments",
    "Read more: Council approves the new bridge",
    "Diese Website verwendet Cookies.",
]
chrome_line = st.one_of(st.sampled_from(PHRASES), st.sampled_from(PATTERN_CHROME))
chrome_tail = st.lists(chrome_line, min_size=1, max_size=4).map("\n".join)

# A page: prose paragraphs, chrome lines, short sentences and labels in any order and layout.
short_line = st.one_of(st.sampled_from(["Jane Doe", "The Riverside Gazette", "Yes.", "Why?", "- one item",
                                        "1. first step", "Name\tSeats", "Council meeting"]),
                       sentence(6))
piece = st.one_of(paragraph(), paragraph(), chrome_line, short_line)
page = st.lists(st.tuples(piece, st.sampled_from(["\n", "\n\n"])), min_size=1, max_size=12).map(
    lambda parts: "".join(p + sep for p, sep in parts))


# --- the properties ------------------------------------------------------------------------------

@SETTINGS
@given(any_text)
def test_never_raises(text: str) -> None:
    """The front door as a user calls it (format detection, time limit), on text of any shape."""
    assert isinstance(DEFAULT.clean(text).text, str)


@SETTINGS
@given(st.one_of(any_text, page))
def test_output_blocks_are_input_blocks_in_order(text: str) -> None:
    """Nothing invented: each block is the input at its offsets, in input order; output = the kept ones."""
    done = clean(text)
    last = 0
    for i, d in enumerate(done.decisions):
        b = d.block
        assert b.index == i and last <= b.start < b.end <= len(text)
        assert b.text == block_text(text[b.start:b.end]) and b.text.strip()
        last = b.end
    kept = [d.block.text for d in done.decisions if d.kept]
    assert re.sub(r"\n+", "\n", done.text) == "\n".join(kept)


@SETTINGS
@given(st.one_of(any_text, page))
def test_deterministic(text: str) -> None:
    first, second = clean(text), Cleaner(Config(input_format=InputFormat.TEXT, timeout=None)).clean(text)
    assert first == second


# labels a rule-matched dot splits into runs too short for a menu; cleaned, the dot is gone and they
# make one run
DOT_COUNTEREXAMPLE = "a\na\n.\na\na"


@SETTINGS
@example(DOT_COUNTEREXAMPLE)
@given(any_text)
def test_idempotent_on_any_text(text: str) -> None:
    once = clean(text).text
    assert clean(once).text == once


IDEMPOTENCE_COUNTEREXAMPLE = (
    "The council said the bridge was built. The mayor said the river was wide. The residents agreed.\n"
    "Home\nJane Doe\nYes.\n"
    "The teacher said the school was closed. The farmer carried the water to the market.\n")


# a name between the article and an end marker, then prose: the region held the name because prose
# followed; cleaned again, without the marker and what follows, it is the region's trailing chrome
_SENTENCE = "The council the council the council. "
MARKER_COUNTEREXAMPLE = (_SENTENCE * 5 + "\n" + _SENTENCE.strip() + "\nJane Doe\nAñadir comentario\n"
                         + _SENTENCE * 5 + "\n")
HEADING_COUNTEREXAMPLE = (_SENTENCE * 5 + "\nJane Doe\nEditor s picks\n" + _SENTENCE.strip()
                          + "\nThe council the council the bridge.\n")  # the same before a teaser heading
BAND_COUNTEREXAMPLE = (_SENTENCE * 5 + "\nJane Doe\nYes.\n0 shares\n0 shares\nA a\n" + _SENTENCE * 4
                       + "\n")  # the same before a chrome band
# ... and with a short sentence between the names and the band: the region ends where what it keeps weighs
# most, before the names, not only before the chrome right above the cut
PEAK_COUNTEREXAMPLE = ("Aktuelle nachrichten\n" + _SENTENCE * 5 + "\nJane Doe\nJane Doe\n" + _SENTENCE.strip()
                       + "\n0 shares\n0 shares\nA a\n" + _SENTENCE * 5 + "\n")
# a first line a rule condemns ('Accept all cookies') that recurs: read as the page title, its recurrence
# was the headline and the region kept the name after it; cleaned again, the name leads and goes
TITLE_COUNTEREXAMPLE = ("Accept all cookies\nAccept all cookies\nJane Doe\nThe council the council the "
                        "council the council the. The council the council the council the council the "
                        "council the council the council the. The council the council the council.\n")
# a paragraph printed twice around a name: the copy goes, and the page is decided again without it, so the
# name, inside the body only between the two copies, goes at once rather than when the output is cleaned
_COPIED = ("The council the council and council the council. The council the council the council for "
           "council. The council the wrote the council the council. The council the council the council "
           "the council.")
COPY_COUNTEREXAMPLE = f"{_COPIED}\nJane Doe\n{_COPIED}\n"

# a text read as an extractor's output whose kept lines, without its author box and what follows it, hold
# a dump's share of chrome-looking lines (a name, a 'Yes.'): cleaned again as a dump, the name went
_LONG = ("The council of council the council the council the council for council for carried the council. "
         "The council to mayor the council the carried. The river of council the council. "
         "The train the council.")
MODE_COUNTEREXAMPLE = f"Jane Doe\nYes.\n{_LONG}\nAbout the author\n{_SENTENCE * 5}\nYes.\nYes.\n"


@SETTINGS
@example(MODE_COUNTEREXAMPLE)
@example(IDEMPOTENCE_COUNTEREXAMPLE)
@example(COPY_COUNTEREXAMPLE)
@example(MARKER_COUNTEREXAMPLE)
@example(HEADING_COUNTEREXAMPLE)
@example(BAND_COUNTEREXAMPLE)
@example(PEAK_COUNTEREXAMPLE)
@example(TITLE_COUNTEREXAMPLE)
@given(page)
def test_idempotent_on_pages(text: str) -> None:
    once = clean(text).text
    assert clean(once).text == once


@SETTINGS
@given(prose)
def test_prose_survives_whole(body: str) -> None:
    assert clean(body).text == body


@SETTINGS
@given(prose, chrome_tail)
def test_chrome_after_prose_is_removed(body: str, tail: str) -> None:
    assert clean(body + "\n\n" + tail).text == body


@SETTINGS
@given(prose, st.lists(st.sampled_from(PHRASES), min_size=1, max_size=3).map("\n".join))
def test_rule_phrase_lines_after_prose_are_removed(body: str, tail: str) -> None:
    """As above with rule-file phrases only, on their own paragraph each."""
    assert clean(body + "\n\n" + tail.replace("\n", "\n\n")).text == body


BRIDGE = [
    "The council met on Tuesday evening and agreed, after a long debate, that the new bridge over the river "
    "will be built by the end of next year.",
    "Residents of the eastern districts have waited for a second crossing for more than a decade, and many "
    "of them came to the meeting to hear the decision.",
    "The mayor said that construction work would start in the spring, once the last permits have been "
    "granted by the regional water authority.",
    "Opponents of the plan said they would take the decision to court, arguing that the council had ignored "
    "the cost of the new roads on both banks.",
]


def test_repeated_first_paragraph_is_not_a_title() -> None:
    """The first paragraph printed again below is body, not a headline and its echo; its copy goes."""
    b1, b2, b3, b4 = BRIDGE
    body = "\n\n".join([b1, b2, b1, b3, b4])
    cleaned = clean(body + "\n\nShare this article\nTags: bridge\nComments")
    assert cleaned.text == "\n\n".join([b1, b2, b3, b4]) and cleaned.title is None


def test_pattern_chrome_is_rule_matched() -> None:
    """The pattern chrome above really is what the rule files match (so the test draws from them)."""
    assert [line for line in PATTERN_CHROME if not _matched_by_hard_rule(line)] == []


def test_rule_phrases_match_their_rule() -> None:
    """Every phrase of a drop/end/heading rule, on a line of its own, is matched by a hard rule."""
    rules = load_ruleset()
    dead = sorted(f"{Path(r.source).name}:{r.id}: {p!r}" for r in rules.rules
                  if r.action in (Action.DROP, Action.END, Action.HEADING) for p in r.phrases
                  if not _matched_by_hard_rule(p.capitalize()))
    assert dead == []


# --- explanations replay ------------------------------------------------------------------------

EXPLAIN_LINE = re.compile(r'(KEEP|DROP)  (.*)  "(.*)"')


def parse_explain(output: str, text: str) -> list[Decision]:
    """``--explain`` output back into decisions: line i is block i of the text (one line a block).

    The lines carry label, reason and the quoted (shortened) text, not offsets; the offsets come
    from segmenting the same text, and each quote must be that block's text shortened.
    """
    lines = output.split("\n")
    assert lines.pop() == ""  # every line ends with a newline
    blocks = segment(text)
    assert len(lines) == len(blocks)
    decisions = []
    for line, block in zip(lines, blocks, strict=True):
        m = EXPLAIN_LINE.fullmatch(line)
        assert m is not None, line
        assert m.group(3) == cli.shorten(block.text)
        decisions.append(Decision(block, Label.BODY if m.group(1) == "KEEP" else Label.CHROME, m.group(2)))
    return decisions


@SETTINGS
@given(st.one_of(any_text, page))
def test_replaying_explain_gives_the_output(text: str) -> None:
    done = clean(text)
    assert apply_decisions(text, done.decisions) == done.text
    assert apply_decisions(text, parse_explain(cli.explain(done), text)) == done.text


def _text_inputs() -> list[Path]:
    """The seed and the text golden cases (HTML blocks have no segment() offsets to pair lines with)."""
    def is_html(case: Path) -> bool:
        return json.loads(case.read_text(encoding="utf-8")).get("config", {}).get("input_format") == "html"

    cases = [p for p in sorted((ROOT / "tests" / "cases").glob("*.json")) if not is_html(p)]
    return [ROOT / "seeds" / "000_39b2ea25ac99eeb9.txt", *cases]


@pytest.mark.parametrize("case", _text_inputs(), ids=lambda p: p.stem)
def test_cli_explain_parses_back_to_its_text_output(case: Path, tmp_path: Path,
                                                    capsysbinary: pytest.CaptureFixture) -> None:
    """sqlite-utils style: what ``cleaner --explain`` says is what ``cleaner`` does."""
    source = case
    if case.suffix == ".json":
        data = json.loads(case.read_text(encoding="utf-8"))
        source = tmp_path / "page.txt"
        source.write_text("\n".join(data["input"]) if isinstance(data["input"], list) else data["input"],
                          encoding="utf-8")
        args = [f"--mode={data['config']['mode']}"] if "mode" in data.get("config", {}) else []
    else:
        args = []
    assert cli.main([str(source), "--explain", *args]) == 0
    explained = capsysbinary.readouterr().out.decode("utf-8")
    assert cli.main([str(source), *args]) == 0
    body = capsysbinary.readouterr().out.decode("utf-8")
    text = source.read_text(encoding="utf-8")
    decisions = parse_explain(explained, text)
    replayed = apply_decisions(text, decisions)
    assert decisions and (replayed + "\n" if replayed else "") == body
