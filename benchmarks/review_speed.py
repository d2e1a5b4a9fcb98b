"""Speed of ``cleaner review`` against cleaning the same documents (issue 14: building the page for
1,000 documents takes less than twice cleaning them). Never asserted in tests.

usage: python -m benchmarks.review_speed [--docs 1000] [--track dump|html] [--reps 3] [--browser]
                                         [--out benchmarks/results/review-speed.md]

The documents are the first N pages of dev, sites-dev and modern-dev (that track), read into memory.
``clean``: ``Cleaner.clean`` over all of them. ``review``: what the command does after reading, i.e.
clean every document, gather the page's data (review_model) and write the HTML (review_page); the
ratio is review / clean. Best of ``--reps`` rounds each, in turns. ``--browser`` also opens the page
in headless Chromium (Debian's chromium + chromium-driver, selenium) and times loading it and
scrolling it from top to bottom (longest frame while scrolling).
"""

from __future__ import annotations

import argparse
import functools
import shutil
import sys
import tempfile
import time
from pathlib import Path

from cleaner import Cleaner
from cleaner.review_inputs import Source
from cleaner.review_model import review
from cleaner.review_page import page

from . import data

SETS = ("dev", "sites-dev", "modern-dev")
SCROLL_JS = """
const done = arguments[arguments.length - 1];
const frames = [];
let last = performance.now();
const step = () => {
  const now = performance.now(); frames.push(now - last); last = now;
  window.scrollBy(0, 800);
  if (window.innerHeight + window.scrollY >= document.body.scrollHeight - 2 || frames.length > 5000) {
    done({frames: frames.length, longest: Math.max(...frames.slice(1)),
          mean: frames.slice(1).reduce((a, b) => a + b, 0) / (frames.length - 1),
          height: document.body.scrollHeight, drawn: document.querySelectorAll('[data-drawn="1"]').length});
  } else requestAnimationFrame(step);
};
requestAnimationFrame(step);
"""


def load(n: int, track: str) -> list[tuple[str, str | bytes]]:
    docs: list[tuple[str, str | bytes]] = []
    for name in SETS:
        folder = data.set_dir(name)
        for pid in data.page_ids(folder):
            if len(docs) == n:
                return docs
            docs.append((f"{name}/{pid}", data.read_input(folder, track, pid)))
    return docs


def timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def browse(html: Path) -> dict:
    from selenium import webdriver

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or ""
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000"):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options,
                              service=webdriver.ChromeService(executable_path=shutil.which("chromedriver")))
    try:
        start = time.perf_counter()
        driver.get(html.as_uri())  # returns once the page has loaded and its script has run
        loaded = time.perf_counter() - start
        driver.set_script_timeout(300)
        scroll = driver.execute_async_script(SCROLL_JS)
    finally:
        driver.quit()
    return {"load": loaded, **scroll}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--track", choices=["dump", "html"], default="dump")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--browser", action="store_true")
    ap.add_argument("--out", type=Path)
    a = ap.parse_args(argv)
    docs = load(a.docs, a.track)
    cleaner = Cleaner()
    cleaner.clean(docs[0][1])  # warm-up: rules compiled, HTML path imported
    clean_s, review_s, build_s = [], [], []
    html = b""
    for _ in range(a.reps):
        clean_s.append(timed(lambda: [cleaner.clean(d) for _, d in docs])[0])
        sources = [Source(name, lambda d=d: d) for name, d in docs]
        took, result = timed(functools.partial(review, cleaner, sources))
        built, html = timed(functools.partial(lambda r: page(r.data()), result))
        review_s.append(took + built)
        build_s.append(built)
    clean, rev, build = min(clean_s), min(review_s), min(build_s)
    lines = [
        f"# cleaner review: speed ({len(docs)} documents, {a.track} track of {', '.join(SETS)})",
        "",
        "`python -m benchmarks.review_speed" + (" --browser" if a.browser else "") + "`, best of "
        f"{a.reps} rounds, one process.",
        "",
        "| step | seconds |",
        "|---|---:|",
        f"| clean every document (`Cleaner.clean`) | {clean:.2f} |",
        f"| review: clean, gather the page's data, write the HTML | {rev:.2f} |",
        f"| of which the page's data and HTML alone | {build:.2f} |",
        "",
        f"**ratio review / clean: {rev / clean:.2f}** (issue 14 asks for under 2); page size "
        f"{len(html) / 1e6:.1f} MB.",
    ]
    if a.browser:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "review.html"
            path.write_bytes(html)
            b = browse(path)
        lines += ["", f"Headless Chromium: the page loads in {b['load']:.2f} s; scrolling it top to bottom "
                  f"800 px a frame ({b['height']:,} px, {b['frames']} frames) drew {b['drawn']} documents "
                  f"as they came near, mean frame {b['mean']:.1f} ms, longest {b['longest']:.1f} ms."]
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    if a.out:
        a.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
