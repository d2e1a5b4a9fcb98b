"""benchmarks/reasons.py: what undoing one reason's decisions does to the corpus F1."""

from benchmarks.reasons import deltas, short, table, undone
from cleaner.types import Block, Decision, Label

ARTICLE = ["The council met on Tuesday to vote on the budget for next year.",
           "Members agreed to raise the library fund by a tenth after a long debate.",
           "The vote passed with two abstentions and the new budget starts in April."]
SHARE = "Share this article on your favourite social network today please"


def _decision(i: int, text: str, kept: bool, reason: str) -> Decision:
    return Decision(Block(i, text, 0, len(text), i), Label.BODY if kept else Label.CHROME, reason)


PAGE = [_decision(0, SHARE, False, "rule:share-row"),
        _decision(1, ARTICLE[0], True, "score:prose words=13 stop=0.46"),
        _decision(2, ARTICLE[1], True, "score:prose words=14 stop=0.43"),
        _decision(3, ARTICLE[2], False, "context:outside-body (score:prose words=14 stop=0.43)")]


def test_a_reason_is_shortened_to_its_rule_or_step() -> None:
    assert short("context:outside-body (score:prose words=40 stop=0.41)") == "context:outside-body"
    assert short("score:menu-like links=1.00") == "score:menu-like links"
    assert short("score:few-function-words stop=0.08") == "score:few-function-words"
    assert short("context:after rule:comments-heading") == "context:after rule:comments-heading"


def test_undoing_a_wrong_drop_helps_and_undoing_a_right_one_costs() -> None:
    gold = "\n".join(ARTICLE)
    d = deltas([undone(gold, PAGE)])
    assert set(d) == {"rule:share-row", "context:outside-body"}
    assert d["context:outside-body"] > 0 > d["rule:share-row"]


def test_undoing_a_kept_reason_drops_its_blocks() -> None:
    d = deltas([undone("\n".join(ARTICLE), PAGE, kept=True)])
    assert set(d) == {"score:prose"} and d["score:prose"] < 0


def test_a_page_without_the_reason_keeps_its_own_score() -> None:
    gold = "\n".join(ARTICLE)
    clean = [_decision(i, t, True, "score:prose words=13") for i, t in enumerate(ARTICLE)]
    d = deltas([undone(gold, PAGE), undone(gold, clean)])
    alone = deltas([undone(gold, PAGE)])
    assert 0 < d["context:outside-body"] < alone["context:outside-body"]


def test_the_table_puts_the_largest_sum_first() -> None:
    out = table({("dev", "near"): {"a": 0.001, "b": -0.002}, ("dev", "dump"): {"b": 0.0005}}, top=5)
    lines = out.splitlines()
    assert lines[2].startswith("a") and "+10" in lines[2]
    assert lines[3].startswith("b") and "-20" in lines[3] and "+5" in lines[3]
