"""Cross-page learning: counts, thresholds, the learnt rule file and its replay through --rules."""

from __future__ import annotations

import random
from pathlib import Path

from cleaner import Cleaner, Config
from cleaner.batch import learn_main
from cleaner.rules import load_rule_file
from cleaner.sites import Learning, SiteLearner, slug

WORDS = ["river", "council", "bridge", "money", "town", "road", "school", "water", "market", "garden"]


def page(rng: random.Random, site: str) -> str:
    w = [rng.choice(WORDS) for _ in range(12)]
    body = [f"The {w[i]} said that the new {w[i + 1]} will be built over the {w[i + 2]} by the end of the "
            "year, and the people were pleased with it because it was what they had asked for."
            for i in (0, 3, 6)]
    return "\n".join([f"{site} home", "News", "Sport", "Contact us", "", f"A story about {w[9]}", "", *body,
                      "", "Check also", f"Copyright {site} all rights reserved"]) + "\n"


def make_tree(root: Path) -> Path:
    rng = random.Random(7)
    for site in ("alpha.example", "beta.example"):
        (root / site).mkdir(parents=True)
        for i in range(4):
            (root / site / f"p{i}.txt").write_text(page(rng, site))
    return root


def pages(n: int, site: str = "alpha.example", seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    return [page(rng, site) for _ in range(n)]


def lines_of(text: str) -> list[str]:
    return [x for x in text.splitlines() if x.strip()]


def test_recurring_lines_are_learnt_unique_ones_not() -> None:
    learner = SiteLearner()
    docs = pages(4)
    for d in docs:
        learner.add("alpha.example", lines_of(d))
    profile = learner.profiles()["alpha.example"]
    learnt = {line for line, _ in profile.lines}
    assert {"news", "sport", "contact us", "check also"} <= learnt
    assert not any(line.startswith("the ") for line in learnt)


def test_exact_copies_count_once() -> None:
    learner = SiteLearner()
    doc = pages(1)[0]
    for _ in range(5):
        learner.add("alpha.example", lines_of(doc))
    assert learner.profiles() == {}


def test_order_does_not_matter() -> None:
    docs = pages(6)
    a, b = SiteLearner(), SiteLearner()
    for d in docs:
        a.add("s", lines_of(d))
    for d in reversed(docs):
        b.add("s", lines_of(d))
    assert a.profiles()["s"].to_toml() == b.profiles()["s"].to_toml()


def test_threshold_grows_with_site() -> None:
    lw = Learning(min_pages=2, share=0.3)
    assert lw.threshold(3) == 2 and lw.threshold(10) == 3


def test_learnt_rules_replay_through_rules_file(tmp_path: Path) -> None:
    docs = pages(5)
    learner = SiteLearner()
    for d in docs:
        learner.add("alpha.example", lines_of(d))
    profile = learner.profiles()["alpha.example"]
    path = tmp_path / "site.toml"
    path.write_text(profile.to_toml())
    rules = load_rule_file(path)
    assert all(r.id.startswith(f"site-{slug('alpha.example')}") for r in rules)
    via_extra = Cleaner(extra_rules=profile.rules()).clean(docs[0]).text
    via_file = Cleaner(Config(rule_files=(path,))).clean(docs[0]).text
    assert via_extra == via_file
    assert "Contact us" not in via_extra


def test_learn_cli_writes_valid_rule_file(tmp_path: Path) -> None:
    src = make_tree(tmp_path / "in")
    out = tmp_path / "site-rules.toml"
    assert learn_main([str(src), "-o", str(out), "--jobs", "1"]) == 0
    rules = load_rule_file(out)
    ids = {r.id for r in rules}
    for site in ("alpha-example", "beta-example"):
        assert any(i.startswith(f"site-{site}") for i in ids)
    assert "# alpha.example: 4 pages" in out.read_text()


def test_learnt_rules_do_not_shadow_builtin_ones(tmp_path: Path) -> None:
    """A learnt penalty for "Comments" comes after the built-in end marker, via extra_rules or a file."""
    from cleaner.rules import Action, normalise, parse_rules

    toml = ('[[rule]]\nid = "site-x-short"\ncomment = "learnt"\n'
            'action = "penalty"\nweight = -10.0\nphrases = ["comments", "our river walks"]\n')
    path = tmp_path / "site.toml"
    path.write_text(toml)
    via_extra = Cleaner(extra_rules=parse_rules(toml, "<learnt: x>")).rules
    via_file = Cleaner(Config(rule_files=(path,))).rules
    builtin = Cleaner().rules.first_match("Comments", "comments", 1)
    assert builtin is not None and builtin.action is Action.END
    for rules in (via_extra, via_file):
        assert rules.first_match("Comments", "comments", 1) == builtin
        hit = rules.first_match("Our river walks", normalise("Our river walks"), 3)
        assert hit is not None and hit.id == "site-x-short"
    assert [r.id for r in via_extra.rules] == [r.id for r in via_file.rules]


def test_templates_need_a_telling_word() -> None:
    from cleaner.sites import _telling

    assert _telling("posted by") and _telling("0 comments")
    assert not _telling("0 0") and not _telling("and the") and not _telling("it s")
