"""cleaner batch: mirror layout, JSONL fields, the report, resume, determinism, refusals."""

from __future__ import annotations

import gzip
import json
import os
import random
from pathlib import Path

import pytest

from cleaner.atomic import TMP_SUFFIX
from cleaner.batch import main
from cleaner.batch_tree import out_name

WORDS = ["the", "river", "council", "bridge", "money", "year", "town", "road", "school", "water", "people",
         "work", "house", "market", "summer", "winter", "train", "station", "garden", "doctor"]


def prose(rng: random.Random) -> str:
    w = [rng.choice(WORDS) for _ in range(4)]
    return (f"The {w[0]} said that the new {w[1]} will be built over the {w[2]} by the end of the year, "
            f"and the people of the {w[3]} were pleased with it because it was what they had asked for.")


def page(rng: random.Random, site: str, html: bool = False) -> str:
    lines = [f"{site} home", "News", "Sport", "Contact us", "", f"A story about {rng.choice(WORDS)}", ""]
    lines += [prose(rng) for _ in range(3)]
    lines += ["", "Check also", f"Copyright {site} all rights reserved"]
    if html:
        return "<html><body>" + "".join(f"<p>{x}</p>" for x in lines if x) + "</body></html>"
    return "\n".join(lines) + "\n"


def make_tree(root: Path, seed: int = 1) -> Path:
    rng = random.Random(seed)
    for site in ("alpha.example", "beta.example"):
        for i in range(4):
            (root / site).mkdir(parents=True, exist_ok=True)
            (root / site / f"p{i}.txt").write_text(page(rng, site))
    (root / "beta.example" / "deep").mkdir()
    (root / "beta.example" / "deep" / "q.html").write_text(page(rng, "beta.example", html=True))
    (root / "beta.example" / "z.txt.gz").write_bytes(gzip.compress(page(rng, "beta.example").encode()))
    (root / "top.txt").write_text(page(rng, "gamma"))
    (root / "ignored.pdf").write_bytes(b"%PDF")
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def run(*args: object) -> int:
    return main([str(a) for a in args])


def test_out_name() -> None:
    assert out_name("a/b.html.gz") == "a/b.txt"
    assert out_name("x.htm") == "x.txt"


def test_mirror_layout_and_inputs_untouched(tmp_path: Path) -> None:
    src = make_tree(tmp_path / "in")
    before = snapshot(src)
    assert run(src, tmp_path / "out", "--jobs", 1) == 0
    got = set(snapshot(tmp_path / "out"))
    pages = {f"{site}/p{i}.txt" for site in ("alpha.example", "beta.example") for i in range(4)}
    assert got == pages | {"beta.example/deep/q.txt", "beta.example/z.txt", "top.txt", "_report.json"}
    assert snapshot(src) == before
    assert "The" in (tmp_path / "out" / "beta.example" / "z.txt").read_text()


def test_report_lists_bad_files_and_exit_1(tmp_path: Path) -> None:
    src = make_tree(tmp_path / "in")
    (src / "bin.txt").write_bytes(b"\0\1\2binary\0" * 10)
    (src / "bomb.txt.gz").write_bytes(b"not gzip at all")
    outside = tmp_path / "secret.txt"
    outside.write_text("outside")
    (src / "link.txt").symlink_to(outside)
    assert run(src, tmp_path / "out", "--jobs", 1) == 1
    report = json.loads((tmp_path / "out" / "_report.json").read_text())
    reasons = {e["input"]: e["reason"] for e in report["errors"]}
    assert set(reasons) == {"bin.txt", "bomb.txt.gz", "link.txt"}
    assert "binary" in reasons["bin.txt"] and "symlink" in reasons["link.txt"]
    assert report["cleaned"] == 11
    assert not (tmp_path / "out" / "link.txt").exists()


def test_gzip_bomb_is_bounded(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "big.txt.gz").write_bytes(gzip.compress(b"a" * 3_000_000))
    from cleaner.errors import InputError
    from cleaner.worker import read_document

    with pytest.raises(InputError, match="larger than"):
        read_document(src / "big.txt.gz", 1_000_000)


@pytest.mark.parametrize("out", ["in", "in/sub"])
def test_refuses_out_inside_in(tmp_path: Path, out: str, capsys: pytest.CaptureFixture[str]) -> None:
    make_tree(tmp_path / "in")
    assert run(tmp_path / "in", tmp_path / out) == 2
    assert "inside" in capsys.readouterr().err
    assert not (tmp_path / "in" / "sub").exists()


def test_refuses_in_inside_out(tmp_path: Path) -> None:
    make_tree(tmp_path / "all" / "in")
    assert run(tmp_path / "all" / "in", tmp_path / "all") == 2


def test_resume_after_kill_is_byte_identical(tmp_path: Path) -> None:
    src = make_tree(tmp_path / "in")
    assert run(src, tmp_path / "clean", "--jobs", 1, "--sites") == 0
    out = tmp_path / "out"
    assert run(src, out, "--jobs", 1, "--sites") == 0
    # a kill: some outputs never written, one temp file left half-written
    (out / "alpha.example" / "p2.txt").unlink()
    (out / "beta.example" / "deep" / "q.txt").unlink()
    (out / "alpha.example" / f".p3.txt.abc{TMP_SUFFIX}").write_text("half")
    old = (out / "alpha.example" / "p0.txt").stat().st_mtime_ns
    assert run(src, out, "--jobs", 2, "--sites", "--resume") == 0
    assert (out / "alpha.example" / "p0.txt").stat().st_mtime_ns == old  # skipped, not rewritten
    report = json.loads((out / "_report.json").read_text())
    assert report["skipped"] == 9 and report["cleaned"] == 2
    drop = {"_report.json"}
    assert {k: v for k, v in snapshot(out).items() if k not in drop} == \
        {k: v for k, v in snapshot(tmp_path / "clean").items() if k not in drop}


def test_resume_redoes_stale_outputs(tmp_path: Path) -> None:
    src = make_tree(tmp_path / "in")
    out = tmp_path / "out"
    run(src, out, "--jobs", 1)
    target = src / "alpha.example" / "p1.txt"
    target.write_text("Completely new text of the page, a long sentence about the council and the bridge.\n")
    later = (out / "alpha.example" / "p1.txt").stat().st_mtime_ns + 10**9
    os.utime(target, ns=(target.stat().st_atime_ns, later))
    run(src, out, "--jobs", 1, "--resume")
    assert "Completely new" in (out / "alpha.example" / "p1.txt").read_text()


@pytest.mark.parametrize("sites", [False, True])
def test_deterministic_across_jobs_and_order(tmp_path: Path, sites: bool) -> None:
    flags = ["--sites"] if sites else []
    a = make_tree(tmp_path / "a")
    run(a, tmp_path / "o1", "--jobs", 1, *flags)
    run(a, tmp_path / "o2", "--jobs", 2, *flags)
    # the same pages created in another order (inode and directory order differ)
    b = tmp_path / "b"
    for rel, data in reversed(list(snapshot(a).items())):
        (b / rel).parent.mkdir(parents=True, exist_ok=True)
        (b / rel).write_bytes(data)
    run(b, tmp_path / "o3", "--jobs", 2, *flags)
    assert snapshot(tmp_path / "o1") == snapshot(tmp_path / "o2") == snapshot(tmp_path / "o3")


def test_sites_removes_chrome_single_page_keeps(tmp_path: Path) -> None:
    src = make_tree(tmp_path / "in")
    run(src, tmp_path / "single", "--jobs", 1)
    run(src, tmp_path / "sites", "--jobs", 1, "--sites")
    single = (tmp_path / "single" / "alpha.example" / "p0.txt").read_text()
    learnt = (tmp_path / "sites" / "alpha.example" / "p0.txt").read_text()
    assert "Copyright alpha.example" not in learnt
    assert learnt.count("The ") == 3 and single.count("The ") >= 3


# --- JSONL -------------------------------------------------------------------------------------


def make_jsonl(path: Path, n: int = 12, seed: int = 3) -> list[dict[str, object]]:
    rng = random.Random(seed)
    recs: list[dict[str, object]] = []
    for i in range(n):
        site = ("alpha.example", "beta.example")[i % 2]
        recs.append({"id": i, "url": f"https://www.{site}/post/{i}", "text": page(rng, site), "lang": "en"})
    path.write_text("".join(json.dumps(r) + "\n" for r in recs))
    return recs


def test_jsonl_keeps_fields_and_order(tmp_path: Path) -> None:
    recs = make_jsonl(tmp_path / "c.jsonl")
    assert run(tmp_path / "c.jsonl", tmp_path / "o.jsonl", "--field", "text", "--out-field", "body",
               "--jobs", 2) == 0
    out = [json.loads(x) for x in (tmp_path / "o.jsonl").read_text().splitlines()]
    assert [r["id"] for r in out] == [r["id"] for r in recs]
    for o, r in zip(out, recs, strict=True):
        assert o["text"] == r["text"] and o["lang"] == "en" and "body" in o


def test_jsonl_bad_records_go_to_report(tmp_path: Path) -> None:
    make_jsonl(tmp_path / "c.jsonl", n=4)
    with open(tmp_path / "c.jsonl", "a") as fh:
        fh.write('{"id": 90, "url": "x"}\n')                     # missing field
        fh.write('{"id": 91, "text": 42}\n')                     # wrong type
        fh.write('{"id": 92, "text": "cut in ha\n')              # broken line
        fh.write('[1, 2]\n\n')                                  # not an object; blank line skipped
    assert run(tmp_path / "c.jsonl", tmp_path / "o.jsonl", "--field", "text", "--jobs", 1) == 1
    report = json.loads((tmp_path / "o.jsonl.report.json").read_text())
    reasons = {e["input"]: e["reason"] for e in report["errors"]}
    assert set(reasons) == {"line 5", "line 6", "line 7", "line 8"}
    assert "no field" in reasons["line 5"] and "int" in reasons["line 6"] and "JSON" in reasons["line 7"]
    assert len((tmp_path / "o.jsonl").read_text().splitlines()) == 4


def test_jsonl_sites_deterministic_and_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    make_jsonl(tmp_path / "c.jsonl")
    flags = ["--field", "text", "--url-field", "url", "--sites"]
    run(tmp_path / "c.jsonl", tmp_path / "o1.jsonl", "--jobs", 1, *flags)
    run(tmp_path / "c.jsonl", tmp_path / "o2.jsonl", "--jobs", 2, *flags)
    assert (tmp_path / "o1.jsonl").read_bytes() == (tmp_path / "o2.jsonl").read_bytes()
    cleaned = [json.loads(x)["text"] for x in (tmp_path / "o1.jsonl").read_text().splitlines()]
    assert len(cleaned) == 12 and not any("Copyright" in t for t in cleaned)
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO((tmp_path / "c.jsonl").read_bytes())))
    capsysbinary.readouterr()
    assert run("-", "-", "--jobs", 1, *flags) == 0
    assert capsysbinary.readouterr().out == (tmp_path / "o1.jsonl").read_bytes()


def test_jsonl_output_has_the_mode_of_a_tree_output(tmp_path: Path) -> None:
    make_jsonl(tmp_path / "c.jsonl", n=2)
    make_tree(tmp_path / "in")
    old = os.umask(0o022)
    try:
        assert run(tmp_path / "c.jsonl", tmp_path / "o.jsonl", "--field", "text", "--jobs", 1) == 0
        assert run(tmp_path / "in", tmp_path / "out", "--jobs", 1) == 0
    finally:
        os.umask(old)
    mode = (tmp_path / "out" / "top.txt").stat().st_mode & 0o7777
    assert mode == 0o644  # what open() gives under the umask, not mkstemp's 0600
    assert (tmp_path / "o.jsonl").stat().st_mode & 0o7777 == mode


def test_jsonl_refuses_same_file(tmp_path: Path) -> None:
    make_jsonl(tmp_path / "c.jsonl")
    assert run(tmp_path / "c.jsonl", tmp_path / "c.jsonl", "--field", "text") == 2


def test_scheduler_without_dask_says_how_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    import sys

    for name in ("dask", "dask.bag", "distributed"):
        monkeypatch.setitem(sys.modules, name, None)  # as if not installed
    src = make_tree(tmp_path / "in")
    assert run(src, tmp_path / "out", "--scheduler", "local") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "pip install 'cleaner[dask]'" in err
    assert not (tmp_path / "out").exists()
