"""cleaner batch on web archives: WARC and WET in, JSONL out; counts, equality with cleaner.clean,
resume, --sites, --jobs, bad archives. The archives are built here (FastWARC writes the records) from
the texts of tests/cases and the seed page."""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("fastwarc", reason="the [warc] extra (fastwarc) is not installed")

from cleaner import clean  # noqa: E402
from cleaner.archives import Bad, Doc, Skip, is_archive, read_archive, warc_record  # noqa: E402
from cleaner.batch import main  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CASES = sorted((ROOT / "tests" / "cases").glob("*.json"))


def texts() -> list[str]:
    """Page dumps from the repository: every case's input, and the seed page."""
    out = ["\n".join(json.loads(p.read_text())["input"]) + "\n" for p in CASES]
    out.append(next((ROOT / "seeds").glob("*[0-9a-f].txt")).read_text())
    return out


def as_html(text: str) -> str:
    paras = [p for p in text.split("\n\n") if p.strip()]
    body = "".join(f"<p>{p.strip()}</p>" for p in paras[1:])
    return f"<!DOCTYPE html><html><head><title>t</title></head><body><h1>{paras[0].strip()}</h1>" \
           f"{body}</body></html>"


def http(body: bytes, status: str = "200 OK", ctype: str = "text/html; charset=utf-8") -> bytes:
    return f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\n\r\n".encode() + body


def response(i: int, body: bytes, site: str = "news.example", **kw: str) -> bytes:
    rid = f"uuid:{i:08d}-0000-0000-0000-000000000000"
    return warc_record("response", f"https://www.{site}/a/{i}", http(body, **kw), rid)


def warc(records: list[bytes]) -> bytes:
    """A WARC file as Common Crawl ships it: one gzip member a record."""
    return b"".join(gzip.compress(r) for r in records)


def html_archive() -> tuple[bytes, list[str], int]:
    """A WARC of every repository page as HTML, with request, 404 and image records between:
    (the archive, the pages in order, how many records are skipped)."""
    pages = [as_html(t) for t in texts()]
    recs = [warc_record("warcinfo", None, b"software: test\r\n", "uuid:info")]
    for i, p in enumerate(pages):
        recs.append(warc_record("request", f"https://www.news.example/a/{i}", b"GET / HTTP/1.1\r\n\r\n",
                                f"uuid:req{i}"))
        recs.append(response(i, p.encode(), site=("news.example", "blog.example")[i % 2]))
    recs.insert(5, response(900, b"gone", status="404 Not Found"))
    recs.insert(9, response(901, b"\x89PNG....", ctype="image/png"))
    return warc(recs), pages, 2


def lines(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text().splitlines()]


def report(path: Path) -> dict:
    return json.loads(Path(str(path) + ".report.json").read_text())


def test_recognised_from_content_not_name() -> None:
    data, _, _ = html_archive()
    assert is_archive(data[:512]) and is_archive(gzip.decompress(data)[:512])
    assert not is_archive(b'{"text": "WARC/1.0"}') and not is_archive(gzip.compress(b"<html>"))


def test_warc_to_jsonl(tmp_path: Path) -> None:
    data, pages, skipped = html_archive()
    src = tmp_path / "segment.bin"  # no telling name: the content decides
    src.write_bytes(data)
    out = tmp_path / "out.jsonl"
    assert main([str(src), str(out), "--jobs", "1"]) == 0
    rows, rep = lines(out), report(out)
    assert len(rows) == len(pages) and rep["cleaned"] == len(pages)
    assert rep["skipped"] == skipped and rep["skipped_why"] == {"HTTP 404": 1, "not HTML (image/png)": 1}
    assert rep["failed"] == 0
    for i, (row, page) in enumerate(zip(rows, pages, strict=True)):
        assert row["text"] == clean(page.encode())
        assert row["url"].endswith(f"/a/{i}") and row["id"].startswith("<urn:uuid:")
        assert row["date"] == "2024-01-01T00:00:00Z" and set(row) == {"id", "url", "date", "text", "title"}


def test_wet_is_cleaned_as_a_text_dump(tmp_path: Path) -> None:
    pages = texts()
    recs = [warc_record("conversion", f"https://site{i}.example/", t.encode(), f"uuid:c{i}")
            for i, t in enumerate(pages)]
    src = tmp_path / "x.warc.wet.gz"
    src.write_bytes(warc(recs))
    out = tmp_path / "wet.jsonl"
    assert main([str(src), str(out), "--jobs", "1"]) == 0
    assert [r["text"] for r in lines(out)] == [clean(t) for t in pages]


def test_jobs_and_stdin_give_the_same_bytes(tmp_path: Path) -> None:
    data, _, _ = html_archive()
    src = tmp_path / "a.warc.gz"
    src.write_bytes(data)
    assert main([str(src), str(tmp_path / "one.jsonl"), "--jobs", "1"]) == 0
    assert main([str(src), str(tmp_path / "two.jsonl"), "--jobs", "2"]) == 0
    piped = subprocess.run([sys.executable, "-m", "cleaner", "batch", "-", "-", "--jobs", "1"], input=data,
                           capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True)
    one = (tmp_path / "one.jsonl").read_bytes()
    assert (tmp_path / "two.jsonl").read_bytes() == one == piped.stdout


def test_sites_by_record_host(tmp_path: Path) -> None:
    import random

    from tests.test_batch import page  # pages of two sites with repeated chrome

    rng = random.Random(3)
    recs = [response(i, page(rng, site, html=True).encode(), site=site)
            for i in range(8) for site in ("alpha.example", "beta.example")]
    src = tmp_path / "s.warc.gz"
    src.write_bytes(warc(recs))
    plain, learnt = tmp_path / "plain.jsonl", tmp_path / "sites.jsonl"
    assert main([str(src), str(plain), "--jobs", "1"]) == 0
    assert main([str(src), str(learnt), "--jobs", "1", "--sites"]) == 0
    a, b = lines(plain), lines(learnt)
    assert len(a) == len(b) == 16
    assert any("home" in x["text"] for x in a) and not any("alpha.example home" in x["text"] for x in b)


def test_folder_of_archives_and_resume_after_a_kill(tmp_path: Path) -> None:
    data, _, _ = html_archive()
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    for name in ("a.warc.gz", "b.warc.gz", "sub/c.warc.gz"):
        (src / name).write_bytes(data)
    (src / "notes.md").write_text("not an archive: left alone")
    ref = tmp_path / "ref"
    assert main([str(src), str(ref), "--jobs", "1"]) == 0
    assert sorted(p.relative_to(ref).as_posix() for p in ref.rglob("*")) == \
        ["_report.json", "a.warc.jsonl", "b.warc.jsonl", "sub", "sub/c.warc.jsonl"]
    # a real kill mid-run, then --resume: the same bytes
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "cleaner", "batch", str(src), str(out), "--jobs", "1"],
                            env=env, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not (out / "a.warc.jsonl").exists() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert main([str(src), str(out), "--jobs", "2", "--resume"]) == 0
    snap = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*.jsonl")}
    assert snap == {p.relative_to(ref).as_posix(): p.read_bytes() for p in ref.rglob("*.jsonl")}
    assert not list(out.rglob("*tmp*"))


def test_one_output_file_for_a_folder_and_resume(tmp_path: Path) -> None:
    data, pages, _ = html_archive()
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.warc.gz").write_bytes(data)
    (src / "b.warc.gz").write_bytes(data)
    out = tmp_path / "all.jsonl"
    assert main([str(src), str(out), "--jobs", "1"]) == 0
    assert len(lines(out)) == 2 * len(pages)
    before = out.stat().st_mtime_ns
    assert main([str(src), str(out), "--resume"]) == 0
    assert out.stat().st_mtime_ns == before


# --- bad archives ---------------------------------------------------------------------------------


def bad_archive() -> tuple[bytes, list[str], list[str]]:
    """Good records around each kind of bad one: (archive, the good pages, the bad records' reasons)."""
    pages = [as_html(t) for t in texts()[:6]]
    good = [gzip.compress(response(i, p.encode())) for i, p in enumerate(pages)]
    truncated = gzip.compress(response(100, pages[0].encode()))[:-40]
    length = re.compile(rb"Content-Length: \d+")
    lying = length.sub(b"Content-Length: 999999", response(101, pages[1].encode()), count=1)
    short = length.sub(b"Content-Length: 50", response(102, pages[1].encode()), count=1)
    binary = gzip.compress(response(103, bytes(range(256)) * 40))
    no_uri = gzip.compress(warc_record("response", None, http(pages[2].encode()), "uuid:104"))
    data = b"".join([good[0], truncated, good[1], gzip.compress(lying), good[2], gzip.compress(short),
                     good[3], binary, good[4], no_uri, good[5]])
    return data, pages, ["corrupt gzip member", "declared Content-Length", "cannot parse the WARC record",
                         "looks binary", "without WARC-Target-URI"]


def test_bad_records_are_reported_and_the_rest_kept(tmp_path: Path) -> None:
    data, pages, reasons = bad_archive()
    src = tmp_path / "bad.warc.gz"
    src.write_bytes(data)
    out = tmp_path / "out.jsonl"
    assert main([str(src), str(out), "--jobs", "2"]) == 1
    rep = report(out)
    assert [r["text"] for r in lines(out)] == [clean(p.encode()) for p in pages]
    assert rep["cleaned"] == len(pages) and rep["failed"] == len(reasons)
    found = sorted(e["reason"] for e in rep["errors"])
    for reason in reasons:
        assert sum(reason in f for f in found) == 1, (reason, found)
    assert all(e["input"].startswith("bad.warc.gz: byte ") for e in rep["errors"])


def test_truncated_at_the_end_and_garbage_between() -> None:
    data, pages, _ = html_archive()
    members = [gzip.compress(response(i, p.encode())) for i, p in enumerate(pages[:3])]
    archive = members[0] + b"\x1f\x8b\x08garbage that is not gzip" + members[1] + members[2][:-25]
    events = list(read_archive(io.BytesIO(archive), 1 << 20, ""))
    assert [type(e) for e in events] == [Doc, Bad, Doc, Bad]


def test_counts_add_up() -> None:
    data, pages, skipped = html_archive()
    events = list(read_archive(io.BytesIO(data), 1 << 24, ""))
    assert sum(isinstance(e, Doc) for e in events) == len(pages)
    assert sum(isinstance(e, Skip) for e in events) == skipped


def test_a_member_over_the_limit_is_reported_not_read() -> None:
    big = gzip.compress(response(1, b"<html><p>" + b"a " * 200_000 + b"</p></html>"))
    small = gzip.compress(response(2, b"<html><p>short</p></html>"))
    events = list(read_archive(io.BytesIO(big + small), 100_000, ""))
    assert isinstance(events[0], Bad) and "larger than" in events[0].reason and isinstance(events[1], Doc)


def test_http_charset_decodes_first(tmp_path: Path) -> None:
    page = as_html(texts()[0])  # German: ü and ß are bytes of their own in latin-1
    src = tmp_path / "latin.warc.gz"
    src.write_bytes(warc([response(1, page.encode("latin-1"), ctype="text/html; charset=iso-8859-1")]))
    assert main([str(src), str(tmp_path / "o.jsonl")]) == 0
    assert lines(tmp_path / "o.jsonl")[0]["text"] == clean(page) and "über" in clean(page)


def test_one_archive_into_a_folder(tmp_path: Path) -> None:
    data, pages, _ = html_archive()
    (tmp_path / "x.warc.gz").write_bytes(data)
    (tmp_path / "out").mkdir()
    assert main([str(tmp_path / "x.warc.gz"), str(tmp_path / "out")]) == 0
    assert len(lines(tmp_path / "out" / "x.warc.jsonl")) == len(pages)
    assert json.loads((tmp_path / "out" / "_report.json").read_text())["cleaned"] == len(pages)


def test_pages_and_archives_in_one_folder_are_refused(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.warc.gz").write_bytes(html_archive()[0])
    (tmp_path / "in" / "p.txt").write_text(texts()[0])
    assert main([str(tmp_path / "in"), str(tmp_path / "out")]) == 2
    assert "separate runs" in capsys.readouterr().err


def test_learn_and_progress_bar(tmp_path: Path) -> None:
    import random

    from cleaner import batch_archive
    from cleaner.batch import learn_main
    from tests.test_batch import page

    rng = random.Random(5)
    site = "alpha.example"
    recs = [response(i, page(rng, site, html=True).encode(), site=site) for i in range(8)]
    src = tmp_path / "s.warc.gz"
    src.write_bytes(warc(recs))
    assert learn_main([str(src), "-o", str(tmp_path / "rules.toml"), "--jobs", "1"]) == 0
    assert "alpha.example" in (tmp_path / "rules.toml").read_text()
    pytest.importorskip("tqdm")
    bar = batch_archive.RecordBar(True)  # what a TTY gets: records, and MB/s of pages read
    bar.update(3, 3_000_000)
    assert bar.bar.n == 3 and "MB/s" in str(bar.bar)
    bar.close()


def test_resume_goes_on_from_the_checkpoint_inside_an_archive(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from cleaner import batch_archive, checkpoint

    first, pages, _ = html_archive()
    data = first + bad_archive()[0] + first
    src = tmp_path / "big.warc.gz"
    src.write_bytes(data)
    ref = tmp_path / "ref.jsonl"
    assert main([str(src), str(ref), "--jobs", "1"]) == 1
    # a run stopped after the task that holds the binary record (the first archive's pages, then four
    # good pages of the bad archive before it), with a torn line written past its last checkpoint
    per_task = batch_archive.RECORDS_PER_TASK
    tasks = -(-(len(pages) + 5) // per_task)
    monkeypatch.setattr(checkpoint, "EVERY", 0.0)
    real, calls = batch_archive._clean_docs, []

    def stop_after_the_binary_record(*args):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) > tasks:
            raise KeyboardInterrupt
        return real(*args)

    monkeypatch.setattr(batch_archive, "_clean_docs", stop_after_the_binary_record)
    out = tmp_path / "out.jsonl"
    assert main([str(src), str(out), "--jobs", "1"]) == 130
    assert not out.exists()
    partial = tmp_path / ".out.jsonl.partial"
    state = json.loads((tmp_path / ".out.jsonl.partial.json").read_text())
    assert state["done"] == tasks * per_task and len(state["failed"]) == 1
    assert "binary" in state["failed"][0][1]
    with open(partial, "ab") as fh:
        fh.write(b'{"id": "torn')
    monkeypatch.setattr(batch_archive, "_clean_docs", real)
    calls.clear()
    assert main([str(src), str(out), "--jobs", "2", "--resume"]) == 1
    assert out.read_bytes() == ref.read_bytes()
    assert report(out) == report(ref)
    assert not partial.exists() and not (tmp_path / ".out.jsonl.partial.json").exists()
    # without --resume a checkpoint is not taken up: the run starts afresh
    assert main([str(src), str(tmp_path / "again.jsonl"), "--jobs", "1"]) == 1
    assert (tmp_path / "again.jsonl").read_bytes() == ref.read_bytes()


def test_a_response_that_is_not_http_is_skipped() -> None:
    dns = warc_record("response", "dns:example.com", b"20240101000000\nexample.com. 300 IN A 1.2.3.4\n",
                      "uuid:dns", content_type="text/dns")
    events = list(read_archive(io.BytesIO(gzip.compress(dns)), 1 << 20, ""))
    assert events == [Skip("not an HTTP response (text/dns)")]


def test_sigkill_mid_archive_then_resume_is_byte_identical(tmp_path: Path) -> None:
    archive, pages, skipped = html_archive()
    data = archive * 20  # seconds of work: the kill lands after a checkpoint (one a second)
    src = tmp_path / "one.warc.gz"
    src.write_bytes(data)
    ref = tmp_path / "ref.jsonl"
    assert main([str(src), str(ref), "--jobs", "1"]) == 0
    out = tmp_path / "out.jsonl"
    meta = tmp_path / ".out.jsonl.partial.json"
    proc = subprocess.Popen([sys.executable, "-m", "cleaner", "batch", str(src), str(out), "--jobs", "1"],
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not meta.exists() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    mid_archive = not out.exists()  # the usual case: killed with a checkpoint to go on from
    if mid_archive:
        assert 0 < json.loads(meta.read_text())["done"] < 20 * (len(pages) + skipped)
    assert main([str(src), str(out), "--jobs", "2", "--resume"]) == 0
    assert out.read_bytes() == ref.read_bytes()
    if mid_archive:  # (a run that finished first is skipped whole by --resume: its report says so)
        assert report(out) == report(ref)


def test_resume_never_applies_to_standard_input(tmp_path: Path) -> None:
    data, pages, _ = html_archive()
    out = tmp_path / "o.jsonl"
    out.write_text("stale\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-m", "cleaner", "batch", "-", str(out), "--resume", "--jobs", "1"],
                   input=data, env=env, capture_output=True, check=True)
    assert len(lines(out)) == len(pages)
