"""cleaner on Dask: the batch is byte-identical to the local runner (files, JSONL, report, with and
without --sites), learning is a reduction on the cluster, a killed worker loses no output, and
clean_bag / clean_frame are lazy. One LocalCluster (2 processes, 1 thread each) for the module."""

from __future__ import annotations

import json
import os
import random
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("distributed", reason="Dask is not installed: pip install 'cleaner[dask]'")
pytest.importorskip("dask.dataframe", reason="dask[dataframe] is not installed: pip install 'cleaner[dask]'")

import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402
import pandas as pd  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402
from test_batch import TMP_SUFFIX, make_jsonl, make_tree, page, run, snapshot  # noqa: E402

from cleaner import clean  # noqa: E402
from cleaner.config import Config  # noqa: E402
from cleaner.dask import clean_bag, clean_frame, profiles_bag  # noqa: E402
from cleaner.sites import SiteLearner  # noqa: E402
from cleaner.worker import Worker  # noqa: E402


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0") as c:
        yield c


@pytest.fixture(scope="module")
def client(cluster: LocalCluster) -> Iterator[Client]:
    with Client(cluster) as c:
        yield c


def on(cluster: LocalCluster) -> list[str]:
    return ["--scheduler", cluster.scheduler_address]


def with_bad_files(root: Path) -> Path:
    make_tree(root)
    (root / "bin.txt").write_bytes(b"\0\1\2binary\0" * 10)
    (root / "alpha.example" / "bomb.txt.gz").write_bytes(b"not gzip at all")
    return root


@pytest.mark.parametrize("sites", [False, True])
def test_tree_identical_to_local(tmp_path: Path, cluster: LocalCluster, sites: bool) -> None:
    flags = ["--sites"] if sites else []
    src = with_bad_files(tmp_path / "in")
    assert run(src, tmp_path / "local", "--jobs", 1, *flags) == 1
    assert run(src, tmp_path / "dask", *flags, *on(cluster)) == 1
    assert snapshot(tmp_path / "dask") == snapshot(tmp_path / "local")  # _report.json included


@pytest.mark.parametrize("sites", [False, True])
def test_jsonl_identical_to_local(tmp_path: Path, cluster: LocalCluster, sites: bool) -> None:
    make_jsonl(tmp_path / "c.jsonl", n=150)  # a few chunks
    with open(tmp_path / "c.jsonl", "a") as fh:
        fh.write('{"id": 90, "url": "x"}\n{"id": 91, "text": 42}\n')
    flags = ["--field", "text", "--url-field", "url", "--out-field", "body"] + (["--sites"] if sites else [])
    assert run(tmp_path / "c.jsonl", tmp_path / "l.jsonl", "--jobs", 1, *flags) == 1
    assert run(tmp_path / "c.jsonl", tmp_path / "d.jsonl", *flags, *on(cluster)) == 1
    for name in ("{}.jsonl", "{}.jsonl.report.json"):
        assert (tmp_path / name.format("d")).read_bytes() == (tmp_path / name.format("l")).read_bytes()


def test_learning_reduction_equals_local(client: Client) -> None:
    rng, w = random.Random(5), Worker(Config())
    pages = [(site, *w.keys(page(rng, site))) for site in ("a.example", "b.example", "c.example") * 6]
    pages += pages[::3]  # the same pages again, in other partitions: they must count once
    local = SiteLearner()
    for site, keys, places in pages:
        local.add_keys(site, keys, places)
    bag = db.from_sequence(pages, npartitions=7)
    assert dict(client.compute(profiles_bag(bag, local.learning)).result()) == local.profiles()


def test_resume_on_cluster(tmp_path: Path, cluster: LocalCluster) -> None:
    src = make_tree(tmp_path / "in")
    assert run(src, tmp_path / "clean", "--jobs", 1, "--sites") == 0
    out = tmp_path / "out"
    assert run(src, out, "--sites", *on(cluster)) == 0
    (out / "alpha.example" / "p2.txt").unlink()  # a killed run: missing outputs, a temp file left
    (out / "beta.example" / "deep" / "q.txt").unlink()
    (out / "alpha.example" / f".p3.txt.abc{TMP_SUFFIX}").write_text("half")
    assert run(src, out, "--sites", "--resume", *on(cluster)) == 0
    report = json.loads((out / "_report.json").read_text())
    assert report["skipped"] == 9 and report["cleaned"] == 2
    drop = "_report.json"
    assert {k: v for k, v in snapshot(out).items() if k != drop} == \
        {k: v for k, v in snapshot(tmp_path / "clean").items() if k != drop}


def test_clean_bag_strings_records_and_sites(tmp_path: Path, client: Client) -> None:
    recs = make_jsonl(tmp_path / "c.jsonl", n=20)
    texts = db.from_sequence([r["text"] for r in recs], npartitions=3)
    cleaned = clean_bag(texts)
    assert isinstance(cleaned, db.Bag)  # lazy
    assert client.compute(cleaned).result() == [clean(str(r["text"])) for r in recs]
    assert run(tmp_path / "c.jsonl", tmp_path / "o.jsonl", "--jobs", 1, "--field", "text",
               "--url-field", "url", "--sites") == 0
    bag = db.read_text(str(tmp_path / "c.jsonl"), blocksize=2000).map(json.loads)
    out = clean_bag(bag, field="text", url_field="url", sites=True).map(json.dumps, ensure_ascii=False)
    assert "\n".join(client.compute(out).result()) + "\n" == (tmp_path / "o.jsonl").read_text()


def test_clean_frame(tmp_path: Path, client: Client) -> None:
    recs = make_jsonl(tmp_path / "c.jsonl", n=10)
    frame = pd.DataFrame({"id": [r["id"] for r in recs], "text": [r["text"] for r in recs]})
    frame.loc[3, "text"] = None
    ddf = clean_frame(dd.from_pandas(frame, npartitions=2), "text", "body")
    assert isinstance(ddf, dd.DataFrame)  # lazy
    got = client.compute(ddf).result()
    assert list(got.columns) == ["id", "text", "body"]
    assert got.loc[0, "body"] == clean(str(recs[0]["text"])) and pd.isna(got.loc[3, "body"])


def big_tree(root: Path) -> Path:
    rng = random.Random(9)
    for i in range(48):
        site = f"s{i % 4}.example"
        (root / site).mkdir(parents=True, exist_ok=True)
        (root / site / f"p{i:03}.txt").write_text(page(rng, site) * 2)
    return root


def feed(fifo: Path, data: bytes) -> threading.Thread:
    def write() -> None:
        with open(fifo, "wb") as fh:  # blocks until a worker opens it for reading
            fh.write(data)

    t = threading.Thread(target=write, daemon=True)
    t.start()
    return t


def test_killed_worker_still_completes(tmp_path: Path, cluster: LocalCluster, client: Client) -> None:
    ref = big_tree(tmp_path / "ref")
    slow = page(random.Random(1), "top").encode()
    (ref / "slow.txt").write_bytes(slow)
    assert run(ref, tmp_path / "local", "--jobs", 1, "--sites") == 0
    src = tmp_path / "in"
    shutil.copytree(ref, src)
    (src / "slow.txt").unlink()
    os.mkfifo(src / "slow.txt")  # the run cannot finish before the test writes this input
    result: dict[str, Any] = {}
    runner = threading.Thread(target=lambda: result.update(rc=run(src, tmp_path / "out", "--sites",
                                                                   *on(cluster))))
    runner.start()
    deadline = time.monotonic() + 60
    while not any((tmp_path / "out").rglob("p*.txt")) and time.monotonic() < deadline:
        time.sleep(0.02)
    victim = next(iter(cluster.workers))
    cluster.sync(cluster.workers[victim].close)  # mid-run: the cleaning pass has begun, not ended
    writer = feed(src / "slow.txt", slow)
    runner.join(120)
    writer.join(1)
    try:
        assert result.get("rc") == 0
        assert snapshot(tmp_path / "out") == snapshot(tmp_path / "local")
    finally:  # give the module's cluster its second worker back
        cluster.workers.pop(victim)
        cluster.scale(2)
        client.wait_for_workers(2, timeout=60)


def test_archive_on_dask_equals_local_and_holds_the_timeout(tmp_path: Path, cluster: LocalCluster) -> None:
    """WARC records cleaned on Dask workers (task threads: no SIGALRM there) are the local run's, and a
    pathological page costs the time limit and is reported (isolate.py), on the cluster as locally."""
    pytest.importorskip("fastwarc", reason="the [warc] extra (fastwarc) is not installed")
    import gzip

    from test_archives import html_archive, response

    data, pages, _ = html_archive()
    big = b"<html><body>" + b"<p>word word word word word word word word word word</p>\n" * 60_000
    big += b"</body></html>"
    src = tmp_path / "a.warc.gz"
    src.write_bytes(data + gzip.compress(response(999, big)))
    flags = ["--timeout", "2"]  # the big page takes about 5 s; the others, milliseconds
    assert run(src, tmp_path / "local.jsonl", "--jobs", 1, *flags) == 1
    started = time.monotonic()
    assert run(src, tmp_path / "dask.jsonl", *on(cluster), *flags) == 1
    assert time.monotonic() - started < 60
    assert (tmp_path / "dask.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()
    rep = json.loads((tmp_path / "dask.jsonl.report.json").read_text())
    assert rep == json.loads((tmp_path / "local.jsonl.report.json").read_text())
    assert rep["cleaned"] == len(pages) and [e["reason"] for e in rep["errors"]] == ["timed out after 2s"]


def test_archive_folder_split_across_workers(tmp_path: Path, cluster: LocalCluster) -> None:
    """A folder of archives on Dask: one task an archive, outputs and report as the local run's."""
    pytest.importorskip("fastwarc", reason="the [warc] extra (fastwarc) is not installed")
    from test_archives import bad_archive, html_archive

    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.warc.gz").write_bytes(html_archive()[0])
    (src / "sub" / "b.warc.gz").write_bytes(bad_archive()[0])
    assert run(src, tmp_path / "local", "--jobs", 1) == 1
    assert run(src, tmp_path / "dask", *on(cluster)) == 1
    assert snapshot(tmp_path / "dask") == snapshot(tmp_path / "local")  # _report.json included
    assert run(src, tmp_path / "dask", *on(cluster), "--resume") == 0
