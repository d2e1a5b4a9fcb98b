"""A resumable JSONL output: what lets ``--resume`` finish one big archive instead of redoing it.

A Common Crawl WARC holds some 30,000 pages; a kill near its end should not cost the whole file.
``ResumableJsonl`` writes the output to ``.NAME.partial`` beside it and, every ``EVERY`` seconds, a
checkpoint ``.NAME.partial.json`` (written atomically after the partial file is flushed): how many
documents are done, how many bytes of output they made, which of them failed and why, and a key
naming the inputs (path, size, mtime) and the options that shape the output. When the run completes
the partial file is renamed onto NAME and the checkpoint removed, so NAME only ever appears whole.

With ``resume``, a checkpoint whose key matches is taken up: the partial file is cut back to the
checkpoint's length (a kill may have written past it) and the caller skips the first ``done``
documents; anything else starts afresh. The caller re-reads its input from the start, so the records
that are not documents (skipped, unreadable) are counted again, once, as in an uninterrupted run.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from pathlib import Path
from typing import IO, Any

from .atomic import write_atomic

EVERY = 1.0  # seconds between checkpoints


class ResumableJsonl:
    """Output lines to ``path`` through a partial file and checkpoints (see the module doc)."""

    def __init__(self, path: Path, key: str, resume: bool) -> None:
        self.path = path
        self.key = key
        self.partial = path.with_name(f".{path.name}.partial")
        self.meta = path.with_name(f".{path.name}.partial.json")
        self.done = 0
        self.failed: list[tuple[str, str]] = []
        self.fh: IO[bytes] | None = None
        self.last = time.monotonic()
        state = self._load() if resume else None
        path.parent.mkdir(parents=True, exist_ok=True)
        if state is None:
            with contextlib.suppress(OSError):
                self.meta.unlink()
            self.fh = open(self.partial, "wb")  # noqa: SIM115 (closed in finish or close)
            return
        self.done = int(state["done"])
        self.failed = [(w, r) for w, r in state["failed"]]
        self.fh = open(self.partial, "r+b")  # noqa: SIM115
        self.fh.truncate(int(state["bytes"]))
        self.fh.seek(0, os.SEEK_END)

    def _load(self) -> dict[str, Any] | None:
        try:
            state = json.loads(self.meta.read_text())
            if state.get("key") != self.key or self.partial.stat().st_size < int(state["bytes"]):
                return None
            return state  # type: ignore[no-any-return]
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def write(self, line: bytes) -> None:
        assert self.fh is not None
        self.fh.write(line)

    def step(self, done: int, failed: list[tuple[str, str]]) -> None:
        """``done`` documents are written (``failed`` of them failed): checkpoint if it is time."""
        self.done = done
        self.failed = failed
        if time.monotonic() - self.last >= EVERY:
            self.save()

    def save(self) -> None:
        assert self.fh is not None
        self.fh.flush()
        state = {"key": self.key, "done": self.done, "bytes": self.fh.tell(), "failed": self.failed}
        write_atomic(self.meta, json.dumps(state, ensure_ascii=False).encode())
        self.last = time.monotonic()

    def finish(self) -> None:
        """The run completed: the partial file becomes ``path``; the checkpoint goes."""
        assert self.fh is not None
        self.fh.close()
        self.fh = None
        os.replace(self.partial, self.path)
        with contextlib.suppress(OSError):
            self.meta.unlink()

    def close(self) -> None:
        """The run stopped early (an error, Ctrl-C): keep the last checkpoint for --resume."""
        if self.fh is not None:
            self.fh.close()
            self.fh = None


def input_key(paths: list[str], *options: object) -> str:
    """What a checkpoint must match: each input's path, size and mtime, and the options given."""
    parts = []
    for p in paths:
        try:
            st = os.stat(p)
            parts.append([p, st.st_size, st.st_mtime_ns])
        except OSError:
            parts.append([p, None, None])
    return json.dumps([parts, [repr(o) for o in options]])
