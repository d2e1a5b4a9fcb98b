"""Faults during ``cleaner batch``: inputs vanishing or unreadable, OUT read-only, disk full, SIGINT,
SIGKILL. Never a partial or corrupt output, inputs untouched, and ``--resume`` ends where a clean run
ends, byte for byte. (Tests run as root here, where chmod does not stop reads: faults are mocked.)
"""

from __future__ import annotations

import builtins
import errno
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import Recorder
from hostile_cases import EN, FR
from hostile_run import env, no_temp_files

from cleaner import batch, batch_tree, cli, options, worker
from cleaner.atomic import TMP_SUFFIX

N_FILES = 200  # enough that a run lasts past the first outputs, when the signal is sent


def make_inputs(root: Path, n: int = N_FILES) -> Path:
    for i in range(n):
        sub = root / f"site{i % 3}"
        sub.mkdir(parents=True, exist_ok=True)
        paras = [f"Story {i}: the bridge"] + [p.replace("bridge", f"bridge {i}") for p in EN + FR]
        (sub / f"p{i:03}.txt").write_text("Home\nNews\nSport\n\n" + "\n\n".join(paras * 3) + "\n")
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def outputs(root: Path) -> dict[str, bytes]:
    """Finished outputs: not the report, not a temp file a killed run left (the next run sweeps it)."""
    return {k: v for k, v in snapshot(root).items()
            if not k.endswith("_report.json") and not k.endswith(TMP_SUFFIX)}


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """The inputs and what a clean, uninterrupted run makes of them."""
    inp = make_inputs(tmp_path_factory.mktemp("ref-in"))
    out = tmp_path_factory.mktemp("ref-out")
    assert batch.main([str(inp), str(out), "--jobs", "1"]) == 0
    return inp, outputs(out)


def fresh_copy(src: Path, dst: Path) -> Path:
    for rel, data in snapshot(src).items():
        (dst / rel).parent.mkdir(parents=True, exist_ok=True)
        (dst / rel).write_bytes(data)
    return dst


def run_cli(*args: object) -> int:
    return cli.main(["batch", *map(str, args), "--jobs", "1"])


def check_after_fault(inp: Path, before: dict[str, bytes], out: Path, ref: dict[str, bytes]) -> None:
    """Inputs untouched; no temp file; every output that exists is complete (the clean run's bytes)."""
    assert snapshot(inp) == before
    assert no_temp_files(out) == []
    for rel, data in outputs(out).items():
        assert data == ref[rel], f"{rel}: partial or different output"


def resume_matches(inp: Path, out: Path, ref: dict[str, bytes]) -> str:
    assert run_cli(inp, out, "--resume") == 0
    assert outputs(out) == ref and no_temp_files(out) == []
    return "--resume completes it, identical to a clean run"


def _fail_on(monkeypatch: pytest.MonkeyPatch, name: str, target: Any, check: Callable[..., bool],
             exc: OSError) -> None:
    real = getattr(target, name)

    def fake(*args: Any, **kwargs: Any) -> Any:
        if check(*args, **kwargs):
            raise exc
        return real(*args, **kwargs)
    monkeypatch.setattr(target, name, fake)


def test_input_deleted_or_unreadable_mid_run(tmp_path: Path, reference: tuple[Path, dict[str, bytes]],
                                             monkeypatch: pytest.MonkeyPatch, recorder: Recorder,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    inp, out = fresh_copy(reference[0], tmp_path / "in"), tmp_path / "out"
    gone, locked = inp / "site2" / "p038.txt", inp / "site1" / "p037.txt"
    saved = gone.read_bytes()
    real_clean = batch_tree._clean_file

    def clean_and_delete(w: worker.Worker, src: str, dst: str, site: str | None) -> str | None:
        gone.unlink(missing_ok=True)  # vanishes after the plan was made
        return real_clean(w, src, dst, site)
    monkeypatch.setattr(batch_tree, "_clean_file", clean_and_delete)
    monkeypatch.setattr(options, "open", builtins.open, raising=False)  # read_input's open, to fail on
    _fail_on(monkeypatch, "open", options, lambda path, *a, **k: str(path) == str(locked),
             PermissionError(errno.EACCES, "Permission denied", str(locked)))
    before = {k: v for k, v in snapshot(inp).items() if k != "site2/p038.txt"}  # the one the test deletes
    assert run_cli(inp, out) == 1
    failed = json.loads((out / "_report.json").read_text())["errors"]
    check_after_fault(inp, before, out, reference[1])
    reasons = "; ".join(f"{e['input']}: {e['reason']}" for e in failed).replace(str(inp) + "/", "")
    monkeypatch.undo()
    gone.write_bytes(saved)
    outcome = f"exit 1, report: {reasons}; " + resume_matches(inp, out, reference[1])
    assert "Traceback" not in capsys.readouterr().err
    recorder.check("faults", "input-vanishes", "outcome", outcome,
                   "one input deleted and one unreadable (EACCES) after the run started")


def test_output_read_only(tmp_path: Path, reference: tuple[Path, dict[str, bytes]],
                          monkeypatch: pytest.MonkeyPatch, recorder: Recorder,
                          capsys: pytest.CaptureFixture[str]) -> None:
    inp, out = reference[0], tmp_path / "out"
    out.mkdir()
    _fail_on(monkeypatch, "mkstemp", tempfile, lambda *a, **k: True,
             PermissionError(errno.EACCES, "Permission denied", str(out)))
    before = snapshot(inp)
    code = run_cli(inp, out)
    err = capsys.readouterr().err
    check_after_fault(inp, before, out, reference[1])
    monkeypatch.undo()
    assert "Traceback" not in err and err.count("\n") == 1, err
    outcome = f"exit {code}: {err.strip().replace(str(out), 'OUT')}; "
    outcome += resume_matches(inp, out, reference[1])
    recorder.check("faults", "out-read-only", "outcome", outcome, "OUT is read-only (EACCES creating files)")


def test_disk_full(tmp_path: Path, reference: tuple[Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch,
                   recorder: Recorder, capsys: pytest.CaptureFixture[str]) -> None:
    """The disk fills up after 10 outputs: every later write raises ENOSPC."""
    inp, out = reference[0], tmp_path / "out"
    real_fdopen, writes = os.fdopen, []

    class Full:
        def __init__(self, fh: Any) -> None:
            self.fh = fh

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: object) -> None:
            self.fh.close()

        def write(self, data: bytes) -> int:
            self.fh.write(data[: len(data) // 2])  # half goes to disk, then the disk is full
            raise OSError(errno.ENOSPC, "No space left on device")

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        writes.append(fd)
        fh = real_fdopen(fd, *args, **kwargs)
        return fh if len(writes) <= 10 else Full(fh)
    monkeypatch.setattr(os, "fdopen", fdopen)
    before = snapshot(inp)
    code = run_cli(inp, out)
    err = capsys.readouterr().err
    monkeypatch.undo()
    check_after_fault(inp, before, out, reference[1])
    assert "Traceback" not in err
    last = err.strip().splitlines()[-1].replace(str(out), "OUT")
    outcome = f"exit {code}, {len(outputs(out))} complete outputs, last line: {last}; "
    outcome += resume_matches(inp, out, reference[1])
    recorder.check("faults", "disk-full", "outcome", outcome, "ENOSPC on every write after the 10th")


def _start(args: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "cleaner", "batch", *args], env=env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def _wait_for_outputs(out: Path, proc: subprocess.Popen[bytes], count: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if len(list(out.rglob("*.txt"))) >= count:
            return
        time.sleep(0.01)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["SIGINT", "SIGKILL"])
def test_signal_mid_run(sig: signal.Signals, tmp_path: Path, reference: tuple[Path, dict[str, bytes]],
                        recorder: Recorder) -> None:
    inp, out = reference[0], tmp_path / "out"
    before = snapshot(inp)
    proc = _start([str(inp), str(out), "--jobs", "2"])
    _wait_for_outputs(out, proc, 5)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    os.killpg(proc.pid, sig)  # the whole group, as Ctrl-C or an OOM killer would
    _, err = proc.communicate(timeout=60)
    done = len(outputs(out))
    assert "Traceback" not in err.decode()
    assert snapshot(inp) == before
    leftovers = no_temp_files(out)
    for rel, data in outputs(out).items():
        assert data == reference[1][rel], f"{rel}: partial output after {sig.name}"
    if sig == signal.SIGINT:
        if proc.returncode == 0 and done == N_FILES and leftovers == []:
            pytest.skip("the run had finished every file when the signal landed (a fast machine)")
        assert leftovers == [] and proc.returncode == 130, (proc.returncode, err)
    # a SIGKILL may or may not land while a temp file is open: either way --resume sweeps it, so the
    # recorded outcome does not depend on that timing
    outcome = (f"exit {proc.returncode}, {done}/{N_FILES} complete outputs, no partial file; "
               + resume_matches(inp, out, reference[1]))
    recorder.check("faults", sig.name, "outcome", outcome.replace(f"{done}/", "some/"),
                   f"{sig.name} to the process group mid-run (--jobs 2)")


def test_sigkill_mid_jsonl(tmp_path: Path, recorder: Recorder) -> None:
    """A killed JSONL run leaves no OUT (it is renamed into place only when complete)."""
    lines = [json.dumps({"id": i, "text": "\n\n".join(EN * 20)}) for i in range(3000)]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n")
    proc = _start([str(tmp_path / "in.jsonl"), str(tmp_path / "out.jsonl"), "--jobs", "2"])
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".out.jsonl.*")) and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.5)
    assert proc.poll() is None, "the run ended before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=60)
    assert not (tmp_path / "out.jsonl").exists()
    recorder.check("faults", "SIGKILL-jsonl", "outcome",
                   "no OUT.jsonl (only a hidden temp file, removed by the next run)",
                   "SIGKILL mid-way through a JSONL run")
