"""A per-document time limit that holds in any thread: documents cleaned in a child process.

guard.py's SIGALRM timer works only on a process's main thread. Off it (a Dask worker's task
threads, a thread pool calling the API) ``IsolatedCleaner`` is the limit: it keeps one child
process (``python -m cleaner.isolate``, started with ``subprocess``, so a daemonic process such as a
Dask worker may start it too), sends it one document at a time over a pipe and waits at most
``config.timeout`` seconds for the answer. A document past the limit costs the limit: the child is
killed, the call raises ``InputError("timed out after Ns")``, and the next document gets a fresh
child (whose start-up is not counted against any document). One call at a time per instance (a
lock); the batch's ``Worker`` keeps one per thread.

>>> from cleaner import Config
>>> with IsolatedCleaner(Config(timeout=30)) as c:
...     c.clean("Home | News\\n\\nThe council met on Tuesday and agreed that the new bridge will be "
...             "built over the river by the end of the year, at a cost of two million pounds.")[0][:15]
'The council met'
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import struct
import subprocess
import sys
import threading
import time
from typing import IO, Any

from .config import Config
from .errors import CleanerError, InputError

START_TIMEOUT = 120.0  # seconds a child may take to import the package and build its Cleaner
_LEN = struct.Struct("<Q")


class _Late(Exception):
    """The child did not answer by the deadline."""


def _send(fh: IO[bytes], obj: object) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    fh.write(_LEN.pack(len(data)) + data)
    fh.flush()


def _read(fd: int, n: int, deadline: float | None) -> bytes:
    parts, left = [], n
    while left:
        if deadline is not None:
            wait = deadline - time.monotonic()
            if wait <= 0 or not select.select([fd], [], [], wait)[0]:
                raise _Late
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            raise EOFError
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


def _recv(fd: int, deadline: float | None) -> Any:
    (n,) = _LEN.unpack(_read(fd, _LEN.size, deadline))
    return pickle.loads(_read(fd, n, deadline))


class IsolatedCleaner:
    """``clean(data, rules_toml)`` -> (text, title) and ``keys(data)``, in a child process, within
    ``config.timeout`` (None or 0: no limit, the child still shields the caller's thread from a crash)."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.proc: subprocess.Popen[bytes] | None = None
        self.lock = threading.Lock()

    def clean(self, data: str | bytes, rules_toml: str | None = None) -> tuple[str, str | None]:
        return self._call(("clean", data, rules_toml))  # type: ignore[no-any-return]

    def keys(self, data: str | bytes) -> Any:
        """What ``Worker.keys`` returns (sites.page_lines of the page), computed in the child."""
        return self._call(("keys", data, None))

    def _call(self, request: tuple[str, str | bytes, str | None]) -> Any:
        with self.lock:
            proc = self._child()
            limit = self.config.timeout
            assert proc.stdin is not None and proc.stdout is not None
            try:
                _send(proc.stdin, request)
                status, value = _recv(proc.stdout.fileno(), time.monotonic() + limit if limit else None)
            except _Late:
                self.close()
                raise InputError(f"timed out after {limit:g}s") from None
            except (OSError, EOFError, pickle.UnpicklingError, struct.error):
                code = proc.poll()
                self.close()
                raise InputError(f"internal error: the cleaning process exited (status {code})") from None
        if status == "ok":
            return value
        if status == "input":
            raise InputError(value)
        raise CleanerError(value)

    def _child(self) -> subprocess.Popen[bytes]:
        if self.proc is not None and self.proc.poll() is None:
            return self.proc
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
        self.proc = subprocess.Popen([sys.executable, "-m", "cleaner.isolate"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, env=env)
        assert self.proc.stdin is not None and self.proc.stdout is not None
        _send(self.proc.stdin, self.config)
        try:
            if _recv(self.proc.stdout.fileno(), time.monotonic() + START_TIMEOUT) != "ready":
                raise EOFError
        except (_Late, EOFError, OSError, struct.error) as exc:
            self.close()
            raise CleanerError(f"the cleaning process did not start ({type(exc).__name__})") from None
        return self.proc

    def close(self) -> None:
        proc, self.proc = self.proc, None
        if proc is not None:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
            for fh in (proc.stdin, proc.stdout):
                if fh is not None:
                    fh.close()

    def __enter__(self) -> IsolatedCleaner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        with contextlib.suppress(Exception):  # interpreter shutdown
            self.close()


# --- the child -----------------------------------------------------------------------------------


def serve(inp: IO[bytes], out: IO[bytes]) -> None:
    """The child's loop: a Config, then (op, document, rules) requests until the pipe closes."""
    from dataclasses import replace

    from . import html  # noqa: F401  (imports trafilatura now: not within the first document's limit)
    from .api import Cleaner
    from .rules import parse_rules
    from .sites import page_lines

    fd = inp.fileno()
    config = replace(_recv(fd, None), timeout=None)  # the parent keeps the time
    cleaners: dict[str | None, Cleaner] = {None: Cleaner(config)}
    _send(out, "ready")
    while True:
        try:
            op, data, toml = _recv(fd, None)
        except (EOFError, struct.error):
            return
        try:
            if toml not in cleaners:
                if len(cleaners) > 256:
                    cleaners = {None: cleaners[None]}
                cleaners[toml] = Cleaner(config, parse_rules(toml, "<learnt>"))
            cleaner = cleaners[toml]
            if op == "keys":
                reply: tuple[str, Any] = ("ok", page_lines(*cleaner.judge(data)))
            else:
                c = cleaner.clean(data)
                reply = ("ok", (c.text, c.title))
        except InputError as exc:
            reply = ("input", str(exc))
        except Exception as exc:  # reported for this document; the child goes on
            reply = ("error", f"internal error: {type(exc).__name__}: {exc}")
        _send(out, reply)


if __name__ == "__main__":
    protocol = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything printed goes to stderr, not into the protocol
    serve(sys.stdin.buffer, protocol)
