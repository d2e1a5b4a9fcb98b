"""The block-decision oracle of benchmarks/ceiling.py: what it keeps decides every ceiling it prints."""

from benchmarks.ceiling import gold_shares, oracle

ARTICLE = ["The council met on Tuesday to vote on the budget for next year.",
           "Members agreed to raise the library fund by a tenth after a long debate."]
CHROME = ["Share this article on your favourite social network today please.", "Related posts and more"]


def test_shares_count_the_gold_shingles_of_each_block():
    shares = gold_shares("\n".join(ARTICLE), [*ARTICLE, *CHROME])
    assert shares[:2] == [1.0, 1.0]
    assert shares[2:] == [0.0, 0.0]


def test_oracle_keeps_the_article_and_drops_the_chrome():
    assert oracle("\n".join(ARTICLE), [CHROME[0], *ARTICLE, CHROME[1]]).f1 == 1.0


def test_oracle_keeps_a_short_item_whose_shingles_span_its_neighbours():
    items = ["Boonton", "Chester", "Madison"]
    gold = "\n".join([ARTICLE[0], *items, ARTICLE[1]])
    best = oracle(gold, [ARTICLE[0], *items, CHROME[0], ARTICLE[1]])
    assert best.r == 1.0 and best.fp == 0.0


def test_forced_blocks_stay_even_when_they_cost():
    head = "A headline the gold leaves out entirely here"
    assert oracle("\n".join(ARTICLE), [head, *ARTICLE]).f1 == 1.0
    assert oracle("\n".join(ARTICLE), [head, *ARTICLE], frozenset({0})).f1 < 1.0
