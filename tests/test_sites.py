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


def test_strip_rule_only_labels_its_lines() -> None:
    """A learnt line is chrome; every other block is decided as on the page alone (region, ends)."""
    from cleaner.rules import parse_rules

    doc = pages(1)[0]
    toml = ('[[rule]]\nid = "site-x-lines"\ncomment = "learnt"\naction = "strip"\n'
            'phrases = ["news", "alpha example home", "a story about council"]\n')
    alone = Cleaner().clean(doc).decisions
    learnt = Cleaner(extra_rules=parse_rules(toml, "<learnt: x>")).clean(doc).decisions
    assert any(d.reason == "rule:site-x-lines" for d in learnt)
    for a, b in zip(alone, learnt, strict=True):
        if a.block.text in ("News", "alpha.example home", "A story about council"):
            assert not b.kept  # by the strip rule, or by a built-in rule that comes first
        else:
            assert (a.label, a.reason) == (b.label, b.reason)


def test_partial_counts_merge_to_the_whole() -> None:
    """Counts made on separate workers (all texts kept) merge to what one learner counts."""
    from cleaner.sites import SiteCounts, learn_site, page_keys

    docs = pages(6)
    whole, left, right = SiteCounts(), SiteCounts(all_texts=True), SiteCounts(all_texts=True)
    for i, d in enumerate(docs):
        keys = page_keys(lines_of(d))
        whole.add(keys)
        (left if i % 2 else right).add(keys)
    left.merge(right)
    lw = Learning()
    assert learn_site("s", left, lw) == learn_site("s", whole, lw)
    assert learn_site("s", whole, lw).lines


def test_only_repeated_lines_keep_their_text() -> None:
    from cleaner.sites import SiteCounts, page_keys

    counts = SiteCounts()
    for d in pages(3):
        counts.add(page_keys(lines_of(d)))
    assert set(counts.texts.values()) == {line for line, _ in counts.learnt(2)}
    assert len(counts.counts) > len(counts.texts)


def test_page_sample_is_the_same_in_any_order() -> None:
    """With more pages than ``max_pages``, the sampled pages, and so the profile, do not depend on
    the order pages come in, nor on how they were split between workers."""
    from cleaner.sites import learn_site, page_keys

    lw = Learning(max_pages=4)
    keys = [page_keys(lines_of(d)) for d in pages(12)]
    profiles = []
    for order in (keys, keys[::-1], keys[5:] + keys[:5]):
        counts = lw.counts()
        for k in order:
            counts.add(k)
        assert len(counts.pages) == 4
        profiles.append(learn_site("s", counts, lw))
    left, right = lw.counts(all_texts=True), lw.counts(all_texts=True)
    for i, k in enumerate(keys):
        (left if i % 3 else right).add(k)
    merged = lw.counts()
    merged.merge(left)
    merged.merge(right)
    profiles.append(learn_site("s", merged, lw))
    assert profiles[0].lines and all(p == profiles[0] for p in profiles)


def commented_page(rng: random.Random, site: str, comments: int) -> str:
    """A page whose article is followed by the same closing line on every page, then readers' comments."""
    lines = lines_of(page(rng, site))[:-2]
    said = [f"{rng.choice(['Anna', 'Bob', 'Carl'])} wrote:\nI think the {rng.choice(WORDS)} should have "
            f"been built near the {rng.choice(WORDS)} long ago, as everyone in this part of town has been "
            "saying for years now." for _ in range(comments)]
    return "\n\n".join([*lines, "Filed in the town archive", "Letters from readers", *said,
                        f"Copyright {site} all rights reserved"])


def test_a_line_that_closes_the_articles_cuts_the_comments_after_it() -> None:
    """A learnt line that, on most of a site's pages, follows the prose the page's own decision kept
    closes that site's articles: a comment thread after it goes, though a single page keeps it."""
    from cleaner.worker import Worker

    rng, w = random.Random(3), Worker(Config())
    learner = SiteLearner()
    for comments in (0, 0, 0, 2):
        learner.add_keys("alpha.example", *w.keys(commented_page(rng, "alpha.example", comments)))
    profile = learner.profiles()["alpha.example"]
    assert "filed in the town archive" in profile.closing  # and the copyright line below it
    assert not {"news", "sport", "contact us"} & profile.closing  # above the article
    assert "action = \"close\"" in profile.to_toml()
    doc = commented_page(rng, "alpha.example", 3)
    alone, learnt = Cleaner().clean(doc).text, Cleaner(extra_rules=profile.rules()).clean(doc).text
    assert "I think the" in alone and "I think the" not in learnt
    assert learnt.count("and the people were pleased") == 3
