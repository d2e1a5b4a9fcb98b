"""The README's screenshot of a review: ``cleaner review`` of the seed and a few dev pages, opened in
headless Chromium (Debian's chromium + chromium-driver, via selenium) and saved as a PNG.

usage: python -m benchmarks.review_screenshot [--out docs/review.png] [--height 1500] [INPUT...]

INPUT defaults to the seed and three pages of the dev set's dump track (if the shared bench is here).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from cleaner import Cleaner
from cleaner.batch_report import Tally
from cleaner.review_inputs import sample, sources
from cleaner.review_model import review
from cleaner.review_page import page

from . import data

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_39b2ea25ac99eeb9.txt"


def default_inputs() -> list[str]:
    dump = data.set_dir("dev") / "dump"
    found = sorted(dump.glob("*.txt"))[3:6] if dump.is_dir() else []
    return [os.path.relpath(p) for p in (SEED, *found)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("inputs", nargs="*")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "review.png")
    ap.add_argument("--width", type=int, default=1280)
    ap.add_argument("--height", type=int, default=1800)
    ap.add_argument("--unfold", action="store_true", help="open the first folded run before the shot")
    a = ap.parse_args(argv)
    cleaner = Cleaner()
    docs = sample(sources(a.inputs or default_inputs(), "text", cleaner.config.max_bytes, Tally()), None)
    html = page(review(cleaner, docs).data())

    from selenium import webdriver
    from selenium.webdriver.support.wait import WebDriverWait

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or ""
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                f"--window-size={a.width},{a.height}"):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options,
                              service=webdriver.ChromeService(executable_path=shutil.which("chromedriver")))
    try:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "review.html"
            path.write_bytes(html)
            driver.get(path.as_uri())
            WebDriverWait(driver, 10).until(lambda d: d.find_element("css selector", "#d0 .blk"))
            if a.unfold:
                driver.find_element("css selector", ".fold-toggle").click()
            a.out.parent.mkdir(parents=True, exist_ok=True)
            driver.save_screenshot(str(a.out))
    finally:
        driver.quit()
    print(f"wrote {a.out} ({a.out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
