"""Every hostile input through every entry point: a result or a one-line error, in time, no traceback.

Entry points: the Python API, ``cleaner`` on stdin, ``cleaner FILE... -o DIR``, ``cleaner batch`` over
a folder and over JSONL. Fast cases go through the CLI and batch together (one run for all of them,
as a user would); slow ones alone.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import Corpus, Recorder
from hostile_cases import CASES, Case
from hostile_run import (
    GUARD,
    SLACK,
    batch_failures,
    body,
    check_batch_exit,
    cleaner,
    cli_outcome,
    error_line,
    no_temp_files,
)

from cleaner import Cleaner, CleanerError

PARAMS = [pytest.param(c, id=c.name, marks=[pytest.mark.slow] if c.slow else []) for c in CASES]
FAST = [c for c in CASES if not c.slow]
GROUP_TIMEOUT = 600.0
TIMED_OUT = f"error: timed out after {GUARD:g}s"


def tolerate(case: Case) -> str | None:
    """Slow cases run close to the guard: on a loaded machine a timeout error is an accepted outcome."""
    return TIMED_OUT if case.slow else None


class Grouped:
    """Outcomes of one entry point: fast cases computed together on first use, slow ones alone."""

    def __init__(self, run: Callable[[list[Case]], dict[str, str]]) -> None:
        self.run = run
        self.done: dict[str, str] = {}

    def get(self, case: Case) -> str:
        if case.name not in self.done:
            self.done.update(self.run([case] if case.slow else FAST))
        return self.done[case.name]


# --- the API ------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", PARAMS)
def test_api(case: Case, corpus: Corpus, recorder: Recorder) -> None:
    data = corpus.data(case)
    started = time.monotonic()
    try:
        outcome = body(case, Cleaner().clean(data).text)
    except CleanerError as exc:
        outcome = f"error: {exc}"
    took = time.monotonic() - started
    assert took < GUARD + 5, f"{case.name}: {took:.1f}s, beyond the {GUARD:g}s guard"
    recorder.note("inputs", case.name, "s", f"{took:.1f}")
    recorder.check("inputs", case.name, "api", outcome, case.what, tolerate(case))


# --- the CLI ------------------------------------------------------------------------------------


def _stdin_runs(corpus: Corpus) -> Callable[[list[Case]], dict[str, str]]:
    def one(case: Case) -> str:
        return cli_outcome(case, cleaner(stdin=corpus.data(case)), "<stdin>")

    def run(cases: list[Case]) -> dict[str, str]:
        with ThreadPoolExecutor(2) as pool:  # two shared cores: two interpreters at a time
            return dict(zip([c.name for c in cases], pool.map(one, cases), strict=True))
    return run


def _files_runs(corpus: Corpus, out: Path) -> Callable[[list[Case]], dict[str, str]]:
    def run(cases: list[Case]) -> dict[str, str]:
        paths = [corpus.path(c) for c in cases]
        proc = cleaner(*paths, "-o", out, timeout=GROUP_TIMEOUT)
        text = proc.stderr.decode("utf-8", "replace")
        assert "Traceback" not in text and proc.returncode in (0, 2), text[-2000:]
        errors = dict(line.removeprefix("cleaner: error: ").split(": ", 1) for line in text.splitlines())
        outcomes = {}
        for case, path in zip(cases, paths, strict=True):
            if str(path) in errors:
                outcomes[case.name] = "error: " + errors[str(path)]
            else:
                text = (out / f"{case.name}.txt").read_text("utf-8", "surrogateescape")
                outcomes[case.name] = body(case, text)
        assert no_temp_files(out) == []
        return outcomes
    return run


@pytest.fixture(scope="module")
def stdin_runs(corpus: Corpus) -> Grouped:
    return Grouped(_stdin_runs(corpus))


@pytest.fixture(scope="module")
def files_runs(corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> Grouped:
    return Grouped(_files_runs(corpus, tmp_path_factory.mktemp("cli-out")))


@pytest.mark.parametrize("case", PARAMS)
def test_cli_stdin(case: Case, stdin_runs: Grouped, recorder: Recorder) -> None:
    recorder.check("inputs", case.name, "cli stdin", stdin_runs.get(case), tolerate=tolerate(case))


@pytest.mark.parametrize("case", PARAMS)
def test_cli_files(case: Case, files_runs: Grouped, recorder: Recorder, corpus: Corpus) -> None:
    recorder.check("inputs", case.name, "cli files", corpus.scrub(files_runs.get(case)),
                   tolerate=tolerate(case))


# --- batch --------------------------------------------------------------------------------------


def _batch(*args: str | Path) -> subprocess.CompletedProcess[bytes]:
    return cleaner("batch", *args, "--jobs", "2", timeout=GROUP_TIMEOUT)


def _dir_runs(corpus: Corpus, tmp: pytest.TempPathFactory) -> Callable[[list[Case]], dict[str, str]]:
    def run(cases: list[Case]) -> dict[str, str]:
        inp, out = tmp.mktemp("batch-in"), tmp.mktemp("batch-out")
        for c in cases:
            os.link(corpus.path(c), inp / (c.name + c.suffix))
        proc = _batch(inp, out)
        failed = batch_failures(out / "_report.json")
        check_batch_exit(proc, bool(failed))
        assert no_temp_files(out) == []
        return {c.name: _dir_outcome(c, out, failed) for c in cases}
    return run


def _dir_outcome(case: Case, out: Path, failed: dict[str, str]) -> str:
    reason = failed.get(case.name + case.suffix)
    if reason is not None:
        assert not (out / f"{case.name}.txt").exists()
        return "error: " + reason
    return body(case, (out / f"{case.name}.txt").read_text("utf-8", "surrogateescape"))


def _jsonl_runs(corpus: Corpus, tmp: pytest.TempPathFactory) -> Callable[[list[Case]], dict[str, str]]:
    """Each case a record; its bytes as a JSON string (invalid UTF-8 as \\udcXX escapes)."""
    def run(cases: list[Case]) -> dict[str, str]:
        d = tmp.mktemp("jsonl")
        with open(d / "in.jsonl", "w", encoding="ascii") as fh:
            for c in cases:
                text = corpus.data(c).decode("utf-8", "surrogateescape")
                fh.write(json.dumps({"id": c.name, "text": text}) + "\n")
        proc = _batch(d / "in.jsonl", d / "out.jsonl", "--field", "text")
        failed = batch_failures(d / "out.jsonl.report.json")
        check_batch_exit(proc, bool(failed))
        with open(d / "out.jsonl", encoding="utf-8") as fh:
            done = {rec["id"]: rec["text"] for rec in map(json.loads, fh)}
        return {c.name: _jsonl_outcome(c, n, done, failed) for n, c in enumerate(cases, 1)}
    return run


def _jsonl_outcome(case: Case, line: int, done: dict[str, str], failed: dict[str, str]) -> str:
    if f"line {line}" in failed:
        assert case.name not in done
        return "error: " + failed[f"line {line}"]
    return body(case, done[case.name])


@pytest.fixture(scope="module")
def dir_runs(corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> Grouped:
    return Grouped(_dir_runs(corpus, tmp_path_factory))


@pytest.fixture(scope="module")
def jsonl_runs(corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> Grouped:
    return Grouped(_jsonl_runs(corpus, tmp_path_factory))


@pytest.mark.parametrize("case", PARAMS)
def test_batch_dir(case: Case, dir_runs: Grouped, recorder: Recorder, corpus: Corpus) -> None:
    recorder.check("inputs", case.name, "batch dir", corpus.scrub(dir_runs.get(case)),
                   tolerate=tolerate(case))


@pytest.mark.parametrize("case", PARAMS)
def test_batch_jsonl(case: Case, jsonl_runs: Grouped, recorder: Recorder) -> None:
    recorder.check("inputs", case.name, "batch jsonl", jsonl_runs.get(case), tolerate=tolerate(case))


def test_one_line_error_helper() -> None:
    assert error_line(b"cleaner: error: x: bad\n") == "x: bad"
    assert SLACK > 0
