"""``cleaner review`` over the hostile inputs: every one is in the page, as text or with the reason it
could not be cleaned, and no input text is ever markup (script tags, ``</style>``, ``<!--``, RTL
overrides, lone surrogates, very long lines). The fast cases are reviewed together, by the command,
as a user would; the slow ones (a 50 MB line, 10^6 lines) alone with ``-m slow``."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Corpus
from hostile_cases import CASES, Case

ROOT = Path(__file__).resolve().parents[2]
DATA = re.compile(rb'<script type="application/json" id="data">(.*?)</script>', re.S)
MARKUP = {  # name: text that must reach the page as text, never as markup
    "script-tags": b"<script>alert('x')</script>\n\n<p onclick=alert(1)>click</p>\n\n",
    "close-style": b"</style><style>body{display:none}</style>\n\n</script><!--\n\n",
    "rtl-override": "\u202eoverride \u2066isolate \u200fmark, and a name: evil\u202etxt.exe\n\n".encode(),
    "html-comment": b"<!-- <script>alert(1)</script> -->\n\n<![CDATA[ ]]>\n\n",
    "entities": b"&lt;script&gt; &amp;amp; &#60;b&#62; &quot;\n\n",
    "long-line-2mb": b"<b>" + b"x" * 2_000_000 + b"</b>\n\n",
}
PROSE = (b"The city council met on Tuesday evening and agreed, after a long and heated debate, that the new "
         b"bridge over the river will be built by the end of next year at a cost of about two million euros.")


def review(*inputs: Path, out: Path) -> tuple[int, str, dict]:
    proc = subprocess.run([sys.executable, "-m", "cleaner", "review", *map(str, inputs), "-o", str(out)],
                          capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=900,
                          check=False)
    err = proc.stderr.decode()
    assert "Traceback" not in err, err
    return proc.returncode, err, check_page(out.read_bytes())


def check_page(html: bytes) -> dict:
    """The page is UTF-8, has exactly its own two scripts and one style, and its data reads back."""
    text = html.decode("utf-8")
    assert text.count("<script") == 2 and text.count("</script>") == 2
    assert text.count("<style") == 1 and text.count("</style>") == 1 and "<!--" not in text
    [raw] = DATA.findall(html)
    return json.loads(raw)


def test_review_of_the_hostile_inputs(corpus: Corpus, tmp_path: Path) -> None:
    fast: list[Case] = [c for c in CASES if not c.slow]
    paths = [corpus.path(c) for c in fast]
    for name, data in MARKUP.items():
        paths.append(corpus.root / f"markup-{name}.txt")
        paths[-1].write_bytes(data + PROSE)
    status, err, data = review(*paths, out=tmp_path / "review.html")
    docs = {Path(d["n"]).name: d for d in data["docs"]}
    assert list(docs) == [p.name for p in paths]  # every input is in the page, in order
    failed = {name for name, d in docs.items() if d["e"]}
    assert (status == 2) == bool(failed) and err.count("\n") == len(failed)
    for name, d in docs.items():
        assert d["e"] or d["b"] or d["wi"] == 0, name
    for name, raw in MARKUP.items():
        doc = docs[f"markup-{name}.txt"]
        assert not doc["e"], doc["e"]
        shown = "\n".join(b[0] for b in doc["b"])
        first = raw.decode().split("\n")[0]
        assert first[:1000] in shown, (name, shown[:200])


@pytest.mark.slow
@pytest.mark.parametrize("case", [c for c in CASES if c.slow], ids=lambda c: c.name)
def test_review_of_a_slow_hostile_input(corpus: Corpus, tmp_path: Path, case: Case) -> None:
    status, err, data = review(corpus.path(case), out=tmp_path / "review.html")
    [doc] = data["docs"]
    assert doc["e"] or doc["b"], err
    assert all(len(b[0]) <= 4000 for b in doc["b"])  # a 50 MB line is cut, not copied into the page
    assert (tmp_path / "review.html").stat().st_size < 100_000_000
