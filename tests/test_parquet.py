"""Datasets out and in: WARC -> OUT.parquet (row groups as they fill), Parquet in with --field, the
Hugging Face Dataset function, and the one-line errors naming the extras."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from cleaner import clean
from cleaner.batch import main
from cleaner.errors import CleanerError

pa = pytest.importorskip("pyarrow", reason="the [parquet] extra (pyarrow) is not installed")
pq = pytest.importorskip("pyarrow.parquet", reason="the [parquet] extra (pyarrow) is not installed")


def test_warc_to_parquet_in_row_groups(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("fastwarc", reason="the [warc] extra (fastwarc) is not installed")
    from cleaner import batch_parquet
    from tests.test_archives import html_archive

    monkeypatch.setattr(batch_parquet, "GROUP_ROWS", 4)  # several row groups from a small archive
    data, pages, _ = html_archive()
    src = tmp_path / "a.warc.gz"
    src.write_bytes(data)
    out = tmp_path / "out.parquet"
    assert main([str(src), str(out), "--jobs", "1"]) == 0
    f = pq.ParquetFile(out)
    assert f.metadata.num_row_groups == -(-len(pages) // 4)
    table = f.read()
    assert table.column_names == ["id", "url", "date", "text", "title"]
    assert table.column("text").to_pylist() == [clean(p.encode()) for p in pages]
    assert json.loads((tmp_path / "out.parquet.report.json").read_text())["cleaned"] == len(pages)


def test_parquet_in_keeps_the_other_columns(tmp_path: Path) -> None:
    from tests.test_archives import texts

    docs = texts()[:10]
    src = tmp_path / "in.parquet"
    pq.write_table(pa.table({"n": list(range(len(docs))), "body": docs}), src)
    assert main([str(src), str(tmp_path / "out.parquet"), "--field", "body", "--out-field", "clean",
                 "--jobs", "2"]) == 0
    table = pq.read_table(tmp_path / "out.parquet")
    assert table.column_names == ["n", "body", "clean"]
    assert table.column("clean").to_pylist() == [clean(d) for d in docs]
    assert table.column("n").to_pylist() == list(range(len(docs)))
    assert main([str(src), str(tmp_path / "out.jsonl"), "--field", "body"]) == 0
    rows = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [r["body"] for r in rows] == [clean(d) for d in docs]


def test_parquet_in_a_missing_column_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.parquet"
    pq.write_table(pa.table({"body": ["x"]}), src)
    assert main([str(src), str(tmp_path / "o.parquet")]) == 2
    assert "no column 'text'" in capsys.readouterr().err


def test_missing_extras_name_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    from cleaner.archives import require_fastwarc
    from cleaner.batch_parquet import require_pyarrow
    from cleaner.hf import require_datasets

    extras = (("fastwarc", require_fastwarc, "[warc]"), ("pyarrow", require_pyarrow, "[parquet]"),
              ("datasets", require_datasets, "[hf]"))
    for module, check, extra in extras:
        monkeypatch.setitem(sys.modules, module, None)
        monkeypatch.setitem(sys.modules, f"{module}.warc", None)
        monkeypatch.setitem(sys.modules, f"{module}.parquet", None)
        with pytest.raises(CleanerError, match=rf"pip install 'cleaner\{extra[:-1]}\]'"):
            check()


def test_hugging_face_dataset() -> None:
    datasets = pytest.importorskip("datasets", reason="the [hf] extra (datasets) is not installed")
    from cleaner.hf import clean_dataset
    from tests.test_archives import texts

    docs = texts()[:8] + [None]
    ds = datasets.Dataset.from_dict({"id": list(range(len(docs))), "text": docs})
    out = clean_dataset(ds, out_field="clean", num_proc=2, batch_size=3, error_field="error")
    assert isinstance(out, datasets.Dataset) and out.column_names == ["id", "text", "clean", "error"]
    assert out["clean"][:8] == [clean(d) for d in docs[:8]] and out["id"] == list(range(len(docs)))
    assert out["error"][:8] == [None] * 8 and "NoneType, not a string" in out["error"][8]


def test_load_dataset_reads_the_parquet_output(tmp_path: Path) -> None:
    datasets = pytest.importorskip("datasets", reason="the [hf] extra (datasets) is not installed")
    from tests.test_archives import texts

    docs = texts()[:5]
    src = tmp_path / "in.parquet"
    pq.write_table(pa.table({"text": docs}), src)
    assert main([str(src), str(tmp_path / "out.parquet"), "--jobs", "1"]) == 0
    ds = datasets.load_dataset("parquet", data_files=str(tmp_path / "out.parquet"), split="train",
                               cache_dir=str(tmp_path / "cache"))
    assert ds["text"] == [clean(d) for d in docs]
