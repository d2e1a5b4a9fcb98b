"""The review page in a real browser: headless Chromium (Debian's ``chromium`` and ``chromium-driver``)
driven by selenium. Skips, saying why, when either is missing; never downloads a browser or a driver
(the paths are given, so Selenium Manager is not asked, and SE_OFFLINE forbids it anyway)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.review_inputs import Source
from cleaner.review_model import review
from cleaner.review_page import page

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_39b2ea25ac99eeb9.txt"
BROWSER = next(filter(None, map(shutil.which, ("chromium", "chromium-browser"))), None)
DRIVER = shutil.which("chromedriver")
PROSE = ("The city council met on Tuesday evening and agreed, after a long and heated debate, that the new "
         "bridge over the river will be built by the end of next year at a cost of about two million euros.")
MENU = "\n".join(["Home", "News", "Sport", "Weather", "Business", "Culture", "Travel", "Contact"])
HOSTILE = ("<script>window.pwned = 1</script>\n\n</style><b>bold?</b> <img src=x onerror='window.pwned=2'>"
           "\n\n\u202eevil override\n\n" + PROSE)

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed: pip install "
                                "'cleaner[review-test]' (and apt-get install chromium chromium-driver)")
pytestmark = pytest.mark.skipif(BROWSER is None or DRIVER is None,
                                reason="no headless browser: apt-get install chromium chromium-driver")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    os.environ.setdefault("SE_OFFLINE", "true")
    options = webdriver.ChromeOptions()
    options.binary_location = BROWSER
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1000"):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=DRIVER))
    yield driver
    driver.quit()


def drawn(browser, selector: str):
    """The element, once the page has drawn it (documents are drawn as they come near the viewport)."""
    from selenium.webdriver.support.wait import WebDriverWait

    return WebDriverWait(browser, 10).until(lambda b: b.find_element("css selector", selector))


@pytest.fixture(scope="module")
def review_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    docs = [Source("seed", SEED.read_bytes), Source("menu", lambda: f"{MENU}\n\n{PROSE}\n\n{PROSE}\n"),
            Source("hostile", lambda: HOSTILE)]
    path = tmp_path_factory.mktemp("review") / "review.html"
    path.write_bytes(page(review(Cleaner(), docs).data()))
    return path


def test_seed_author_box_is_struck_through_with_its_reason(browser, review_page: Path,
                                                           tmp_path: Path) -> None:
    browser.get(review_page.as_uri())
    drawn(browser, "#d0 .blk")
    shot = tmp_path / "review.png"
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000
    found = browser.execute_script("""
        const blk = [...document.querySelectorAll('#d0 .blk')]
            .find((b) => b.querySelector('.txt').textContent === 'About Ellen Lewandowski');
        if (!blk) return null;
        const txt = blk.querySelector('.txt');
        return {decoration: getComputedStyle(txt).textDecorationLine, color: getComputedStyle(txt).color,
                reason: blk.querySelector('.why').textContent, title: blk.querySelector('.why').title,
                visible: txt.getBoundingClientRect().height > 0};""")
    assert found is not None, "the block is not in the seed's view"
    assert "line-through" in found["decoration"] and found["visible"]
    assert found["reason"] == "author-box" and "rule:author-box" in found["title"]
    assert found["color"] != "rgb(29, 29, 31)"  # grey, not the ink of kept text


def test_clicking_a_folded_run_unfolds_it(browser, review_page: Path) -> None:
    browser.get(review_page.as_uri())
    browser.execute_script("document.getElementById('d1').scrollIntoView()")
    toggle = drawn(browser, "#d1 .fold-toggle")
    assert toggle.text.startswith("8 lines removed: ")
    body = browser.find_element("css selector", "#d1 .fold-body")
    assert not body.is_displayed()
    toggle.click()
    assert body.is_displayed()
    assert browser.find_element("css selector", "#d1 .fold-body .blk .txt").text == "Home"


def test_hostile_text_is_text(browser, review_page: Path) -> None:
    browser.get(review_page.as_uri())
    browser.execute_script("document.getElementById('d2').scrollIntoView()")
    text = drawn(browser, "#d2 .body .blk") and browser.find_element("css selector", "#d2 .body").text
    assert "<script>window.pwned = 1</script>" in text and "onerror=" in text
    assert "\u27e6U+202E\u27e7evil override" in text  # an RTL override is shown, not obeyed
    assert browser.execute_script("return window.pwned === undefined")
    assert browser.execute_script("return document.querySelectorAll('script').length") == 2
    tags = browser.execute_script("return [...new Set([...document.querySelectorAll('#docs *')]"
                                  ".map(e => e.tagName))].sort()")
    assert tags == ["A", "BUTTON", "DIV", "H2", "SECTION", "SPAN"]


def test_reason_bar_filters_to_its_documents(browser, review_page: Path) -> None:
    browser.get(review_page.as_uri())
    bar = browser.find_element("css selector", "#chart a[href='#reason=rule%3Aauthor-box']")
    bar.click()  # the filter follows the link's #hash: applied by the hashchange event, after the click
    from selenium.webdriver.support.wait import WebDriverWait

    visible = "return [...document.querySelectorAll('.doc')].filter(d => !d.hidden).map(d => d.id)"
    WebDriverWait(browser, 10).until(lambda b: len(b.execute_script(visible)) < 3)
    shown = browser.execute_script(visible)
    assert shown == ["d0"]
    assert drawn(browser, "#d0 .hit .why").text == "author-box"  # redrawn, the reason's blocks marked
