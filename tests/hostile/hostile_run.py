"""Running cleaner as a user does (subprocesses) and turning what came back into an outcome string."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from hostile_cases import Case

ROOT = Path(__file__).resolve().parent.parent.parent
GUARD = 30.0  # the default per-document time guard (Config.timeout)
SLACK = 30.0  # interpreter start-up, imports, reading and writing around the guarded work


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": "0"}


def cleaner(*args: str | Path, stdin: bytes | None = None, timeout: float = GUARD + SLACK,
            ) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "cleaner", *map(str, args)], input=stdin,
                          capture_output=True, timeout=timeout, env=env(), check=False)


def body(case: Case, text: str) -> str:
    """What a result is: empty, or a body whose text came through (or did not)."""
    if not text.strip():
        return "empty body"
    notes = []
    if case.intact is not None:
        notes.append("intact" if case.intact in text else "MANGLED")
    if case.forbid is not None:
        notes.append("EXPANDED" if case.forbid in text else "entities not expanded")
    return ", ".join(["body", *notes])


def error_line(stderr: bytes, prefix: str = "cleaner: error: ") -> str:
    """The one error line, checked: exactly one line, with the prefix, no traceback."""
    text = stderr.decode("utf-8", "replace")
    assert "Traceback" not in text, text[-2000:]
    lines = text.splitlines()
    assert len(lines) == 1 and lines[0].startswith(prefix), text[-2000:]
    return lines[0][len(prefix):]


def cli_outcome(case: Case, proc: subprocess.CompletedProcess[bytes], source: str) -> str:
    if proc.returncode == 0:
        assert not proc.stderr, proc.stderr[-2000:]
        return body(case, proc.stdout.decode("utf-8", "surrogateescape"))
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-2000:])
    return "error: " + error_line(proc.stderr).removeprefix(source + ": ")


def batch_failures(report: Path) -> dict[str, str]:
    data = json.loads(report.read_text("utf-8"))
    return {e["input"]: e["reason"] for e in data["errors"]}


def check_batch_exit(proc: subprocess.CompletedProcess[bytes], failed: bool) -> None:
    text = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in text, text[-2000:]
    assert proc.returncode == (1 if failed else 0), (proc.returncode, text[-2000:])
    assert text.splitlines()[-1].startswith("cleaner batch: "), text[-2000:]


def no_temp_files(root: Path) -> list[str]:
    """Leftovers a run must never leave: temp files of atomic writes."""
    return [p.name for p in root.rglob("*") if p.name.endswith((".tmp", ".cleaner-tmp"))]
