"""A page made of many short items (listing.py): a listing's records are its content; a teaser list, a
menu and a comment thread beside an article are not."""

from __future__ import annotations

from cleaner import Cleaner, Config
from cleaner.dom import parse_html
from cleaner.listing import LISTED, items
from cleaner.tuning import TUNING

PRODUCTS = [(f"Trail Runner {name} Waterproof Shoe", f"${89 + 7 * i}.00", f"{3 + i % 4} colours",
             f"Rated {4.1 + (i % 9) / 10:.1f} out of 5 by {120 + 13 * i} walkers")
            for i, name in enumerate(["Alder", "Birch", "Cedar", "Dogwood", "Elm", "Fir", "Ginkgo", "Hazel",
                                      "Ivy", "Juniper", "Kauri", "Larch"])]
STORY = ["The council met on Tuesday evening to vote on the new bridge across the river, a plan that "
         "residents had argued about for more than three years before it reached the chamber.",
         "Supporters said the crossing would cut the drive to the hospital by twenty minutes, while the "
         "farmers on the east bank worried that the new road would split their fields in two.",
         "In the end the vote was close, seven to six, and the mayor said that work would begin in the "
         "spring once the last of the land had been bought from the families who still own it."]


def _page(body: str, title: str = "Trail running shoes") -> str:
    return (f"<html><head><title>{title}</title></head><body>"
            '<nav><a href="/">Home</a> <a href="/men">Men</a> <a href="/women">Women</a></nav>'
            f"{body}<footer><a href='/terms'>Terms</a> <a href='/privacy'>Privacy</a></footer></body></html>")


INTRO = ("Our trail running shoes grip on wet rock and mud, and every pair is tested on our own hills "
         "before it goes on sale.")


def shop_page() -> str:
    cards = "".join(f'<div class="card product"><a href="/p/{i}"><h3>{n}</h3></a><span class="price">{p}'
                    f'</span><span>{c}</span><span>Mesh upper, {4 + i} mm drop, {250 + 5 * i} g a shoe'
                    f'</span><p class="rating">{r}</p></div>' for i, (n, p, c, r) in enumerate(PRODUCTS))
    return _page(f'<main><h1>Trail running shoes</h1><p>{INTRO}</p><div class="grid">{cards}</div></main>')


def test_a_shops_product_grid_is_the_pages_content(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Where trafilatura's region holds only a listing's introduction, as on many shops and search pages,
    the records follow it (trafilatura is held to that region here: on a page this plain it keeps more)."""
    import cleaner.html

    real = cleaner.html.trafilatura_blocks
    intro = f"<html><body><article><p>{INTRO}</p></article></body></html>"
    monkeypatch.setattr(cleaner.html, "trafilatura_blocks",
                        lambda html, recall=True, links=True: real(intro, recall, links))
    result = Cleaner(Config()).clean(shop_page())
    assert INTRO in result.text
    assert all(name in result.text and price in result.text for name, price, _, _ in PRODUCTS)
    assert any(d.reason == LISTED for d in result.decisions)
    assert "Privacy" not in result.text and "Women" not in result.text


def _post(aside: str) -> str:
    """A short post (one paragraph) beside a list several times its length."""
    return _page(f"<article><h1>Council votes for the bridge</h1><p>{STORY[0]}</p></article>{aside}",
                 "Council votes for the bridge")


TEASERS = "".join(f'<li class="teaser"><a href="/n/{i}">{n} wins the regional trail championship after a '
                  f"dramatic final climb in the rain</a></li>" for i, (n, _, _, _) in enumerate(PRODUCTS))
COMMENTS = "".join(f'<div class="comment"><b>Reader {i}</b> <p>{STORY[i % 3]} I was there and I agree with '
                   "most of it. The council should have listened sooner.</p></div>" for i in range(8))


def test_a_teaser_list_beside_a_short_post_stays_out() -> None:
    """Records that are links (a teaser list, a sidebar's list) are not a listing's items."""
    result = Cleaner(Config()).clean(_post(f'<ul class="more">{TEASERS}</ul>'))
    assert STORY[0] in result.text
    assert not any(d.reason == LISTED for d in result.decisions)


def test_a_comment_thread_is_not_a_listing() -> None:
    """Records of sentences (a comment thread's replies) are not a listing's items."""
    assert items(parse_html(_post(f'<div class="comments">{COMMENTS}</div>')), TUNING) is None


def test_records_are_repeated_siblings_that_read_as_records() -> None:
    root = parse_html(shop_page())
    found = items(root, TUNING)
    assert found is not None and len(found.items) == len(PRODUCTS)
    assert found.texts[0].startswith(PRODUCTS[0][0])
    menu = "".join(f'<li><a href="/c/{i}">{n}</a></li>' for i, (n, _, _, _) in enumerate(PRODUCTS))
    assert items(parse_html(_page(f"<ul>{menu}</ul>")), TUNING) is None  # short links: a menu


def test_an_articles_short_paragraphs_are_not_a_listing() -> None:
    """One-sentence paragraphs in a row (news style) are an article's text, however record-like."""
    paragraphs = "".join(f"<p>{s.split(',')[0]}, paragraph {i}.</p>" for i, s in enumerate(STORY * 5))
    assert items(parse_html(_post(f"<div>{paragraphs}</div>")), TUNING) is None
