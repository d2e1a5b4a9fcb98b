"""``cleaner review``: the page's data, its escaping, and the command as a user runs it."""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from review_util import blocks, page_data

from cleaner import Cleaner
from cleaner.review_inputs import Source, sample
from cleaner.review_model import REMOVED, review
from cleaner.review_page import embed_json, page

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_39b2ea25ac99eeb9.txt"
PROSE = ("The city council met on Tuesday evening and agreed, after a long and heated debate, that the new "
         "bridge over the river will be built by the end of next year at a cost of about two million euros. ")


def run(*args: str | os.PathLike[str], stdin: bytes = b"") -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "cleaner", "review", *map(str, args)], input=stdin,
                          capture_output=True, env=env, timeout=300, check=False)
    assert b"Traceback" not in proc.stderr, proc.stderr.decode(errors="replace")
    return proc


def one_error_line(proc: subprocess.CompletedProcess) -> str:
    err = proc.stderr.decode()
    assert proc.returncode == 2, (proc.returncode, err)
    assert err.count("\n") == 1 and err.startswith("cleaner review: error: "), err
    return err


def test_seed_author_box_is_removed_with_its_rule_and_comment() -> None:
    cleaner = Cleaner()
    data = review(cleaner, [Source("seed", SEED.read_bytes)]).data()
    about = next(b for b in blocks(data) if b["text"] == "About Ellen Lewandowski")
    comment = next(r.comment for r in cleaner.rules.rules if r.id == "author-box")
    assert (about["flag"], about["key"], about["label"], about["comment"]) == (
        REMOVED, "rule:author-box", "author-box", comment)
    assert blocks(data)[0]["flag"] == 2  # the headline, marked
    doc = data["docs"][0]
    assert doc["wi"] == data["wordsIn"] > doc["wo"] == data["wordsOut"] > 0
    top = max(data["reasons"], key=lambda r: r["w"])
    assert top["k"] == "context:after rule:author-box" and top["d"] == 1
    assert "author-box" in top["c"] and comment in top["c"]


def test_embedded_json_cannot_close_its_script_and_reads_back() -> None:
    nasty = {"t": "</script><script>alert(1)</script><!-- & </style> \u202eevil \udcff"}
    text = embed_json(nasty)
    assert not set("<>&") & set(text)
    html = page({"docs": [], "reasons": [], "wordsIn": 0, "wordsOut": 0, "failed": 0, **nasty})
    assert page_data(html)["t"] == nasty["t"]


def test_page_is_self_contained() -> None:
    html = page(review(Cleaner(), [Source("seed", SEED.read_bytes)]).data()).decode()
    assert html.count("<script") == 2 and html.count("<style") == 1
    assert not re.search(r"""(src|href|url)\s*[=(]\s*["']?(https?:)?//""", html)
    assert "Content-Security-Policy" in html and "default-src 'none'" in html


def test_long_blocks_are_cut_and_say_so() -> None:
    data = review(Cleaner(), [Source("long", lambda: "word " * 100_000)]).data()
    [block] = data["docs"][0]["b"]
    assert len(block[0]) == 4000 and block[5] == 500_000 - 1 - 4000  # the block has no trailing space


def test_sample_is_fixed_and_in_input_order() -> None:
    items = [Source(str(i), str) for i in range(1000)]
    first = [s.name for s in sample(items, 10)]
    assert first == [s.name for s in sample(items, 10)] and len(set(first)) == 10
    assert [int(n) for n in first] == sorted(int(n) for n in first)
    assert [s.name for s in sample(items[:3], 10)] == ["0", "1", "2"]


# --- the command ---------------------------------------------------------------------------------

def test_review_of_the_seed(tmp_path: Path) -> None:
    out = tmp_path / "review.html"
    proc = run(SEED, "-o", out)
    assert proc.returncode == 0 and proc.stderr == b"" and proc.stdout == b""
    data = page_data(out.read_bytes())
    assert [d["n"] for d in data["docs"]] == [str(SEED)]


def test_review_to_stdout_of_a_folder(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text(PROSE * 3)
    (tmp_path / "two.html").write_text(f"<html><body><nav>Home</nav><p>{PROSE}</p></body></html>")
    (tmp_path / "skip.bin").write_bytes(b"\0\1")
    proc = run(tmp_path, "-o", "-")
    assert proc.returncode == 0, proc.stderr
    names = [d["n"] for d in page_data(proc.stdout)["docs"]]
    assert names == [f"{tmp_path}/two.html", f"{tmp_path}/a/one.txt"]  # batch's order: a folder's files first


def test_jsonl_corpus_with_field_and_sample(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl.gz"
    lines = [json.dumps({"id": i, "body": f"Page {i}.\n\n{PROSE}"}) for i in range(50)]
    corpus.write_bytes(gzip.compress("\n".join(lines).encode()))
    out = tmp_path / "r.html"
    assert run(corpus, "--field", "body", "--sample", "7", "-o", out).returncode == 0
    names = [d["n"] for d in page_data(out.read_bytes())["docs"]]
    assert len(names) == 7 and all(n.startswith(f"{corpus}:") for n in names)
    assert run(corpus, "--field", "body", "--sample", "7", "-o", out).returncode == 0
    assert [d["n"] for d in page_data(out.read_bytes())["docs"]] == names  # the same sample every run


def test_bad_documents_are_shown_and_named_on_stderr(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"text": PROSE}) + "\nnot json\n" + json.dumps({"body": "x"}) + "\n")
    out = tmp_path / "r.html"
    proc = run(corpus, "-o", out)
    err = proc.stderr.decode().splitlines()
    assert proc.returncode == 2 and len(err) == 2, err
    assert err[0].startswith(f"cleaner review: error: {corpus}:2: not JSON")
    assert err[1] == f"cleaner review: error: {corpus}:3: no string field 'text'"
    docs = page_data(out.read_bytes())["docs"]
    assert [d["e"] is None for d in docs] == [True, False, False]


@pytest.mark.parametrize("args, what", [
    (["missing.txt", "-o", "r.html"], "missing.txt: no such file or folder"),
    ([str(SEED)], "the following arguments are required: -o/--output"),
    ([str(SEED), "-o", "r.html", "--sample", "0"], "--sample needs a positive number"),
    ([str(SEED), "-o", "r.html", "--mode", "wild"], "argument --mode: invalid choice"),
    ([str(SEED), "-o", "r.html", "--rules", "nope.toml"], "nope.toml"),
    (["-o", "r.html"], "the following arguments are required: INPUT"),
])
def test_bad_input_is_one_error_line(tmp_path: Path, args: list[str], what: str) -> None:
    proc = subprocess.run([sys.executable, "-m", "cleaner", "review", *args], capture_output=True,
                          cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)
    assert what in one_error_line(proc)
    assert not (tmp_path / "r.html").exists()


def test_refuses_to_overwrite_an_input(tmp_path: Path) -> None:
    page_file = tmp_path / "p.txt"
    page_file.write_text(PROSE)
    assert "refusing to overwrite an input" in one_error_line(run(page_file, "-o", page_file))
    assert page_file.read_text() == PROSE


def test_help_lists_the_options() -> None:
    proc = subprocess.run([sys.executable, "-m", "cleaner", "review", "--help"], capture_output=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)
    assert proc.returncode == 0
    for option in ("--output", "--field", "--sample", "--rules", "--mode"):
        assert option in proc.stdout.decode()
    top = subprocess.run([sys.executable, "-m", "cleaner", "--help"], capture_output=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)
    assert "cleaner review" in top.stdout.decode()
