"""benchmarks.rule_support: reasons map to rules, blocks are judged as loss_by_reason.py judges them."""

from benchmarks import rule_support as rs


def test_reasons_and_judging():
    assert rs.rule_of("context:under rule:related-heading") == ("related-heading", "under")
    assert rs.rule_of("rule:byline (penalty -1.0)") == ("byline", "direct")
    assert rs.rule_of("score:prose") is None
    gold = {"the", "council", "met", "on", "tuesday"}
    cased = {w.lower() for w in gold} | {"The", "Tuesday"}
    assert rs.judge_gold("The council met on Tuesday", cased) == "body"
    assert rs.judge_gold("Share this article", gold) == "chrome"
    assert rs.judge_gold("the council said share now", gold) == "mixed"


def test_report_lists_weak_and_silent_rules():
    t = rs.Tally()
    for h in ("a.com", "b.com"):
        t.add(h, ("dev", h), 3)
    strong = rs.Tally()
    for h in ("a.com", "b.com", "c.com"):
        strong.add(h, ("dev", h), 2)
    out = rs.report({("weak", "direct", "chrome"): t, ("strong", "cascade", "chrome"): strong},
                    {"weak": (["en"], "drop"), "strong": (["common"], "end"), "silent": (["en"], "drop")})
    assert "fewer than 3 hosts (1): weak (2h)" in out
    assert "never removed a block (1): silent" in out
