"""Per-document guards: a time limit and a size limit.

``time_limit(seconds)`` arms a POSIX interval timer (``signal.setitimer``) and turns SIGALRM into
``InputError("timed out after Ns")``. Limits of this design, on purpose kept simple:

* It works only in the main thread of the main interpreter (Python delivers signals there) and only
  where ``signal.setitimer`` exists (not on Windows). Elsewhere, e.g. in a worker thread of a thread
  pool, it does nothing: there the limit is isolate.py's ``IsolatedCleaner`` (a child process killed
  at the limit), which the batch's Worker uses by itself off the main thread (Dask's task threads).
  User-written rule patterns are bounded separately by the ``regex`` module's own timeout.
* Python runs signal handlers between bytecodes, so one long call into C code (a single regex
  search over a huge block) is interrupted only when it returns.
* If an outer timer is already armed and would fire first, it is left alone; otherwise it is
  re-armed with its remaining time when the guarded block ends.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from .errors import InputError

_RETRY = 0.05  # seconds between rings once the limit has passed


def can_time_limit() -> bool:
    """Whether ``time_limit`` can arm a timer here (POSIX, main thread)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise InputError in the guarded block once ``seconds`` have passed (None or <= 0: no limit).

    >>> with time_limit(5):
    ...     pass
    """
    if not seconds or seconds <= 0 or not can_time_limit():
        yield
        return
    outer_left = signal.getitimer(signal.ITIMER_REAL)[0]
    if 0 < outer_left <= seconds:
        yield  # an outer guard fires first
        return

    fired: list[bool] = []

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        # Python swallows an exception raised inside a finaliser or weakref callback, so the alarm
        # rings again shortly until one lands where it propagates.
        fired.append(True)
        signal.setitimer(signal.ITIMER_REAL, _RETRY)
        raise InputError(f"timed out after {seconds:g}s")

    started = time.monotonic()
    try:
        previous = signal.signal(signal.SIGALRM, on_alarm)
    except ValueError:  # main thread of a sub-interpreter: signals are not ours to take
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer_left:
            signal.setitimer(signal.ITIMER_REAL, max(1e-3, outer_left - (time.monotonic() - started)))
    if fired:  # every ring was swallowed and the work finished anyway: it still took too long
        raise InputError(f"timed out after {seconds:g}s")


def check_size(data: str | bytes, limit: int) -> None:
    """InputError if ``data`` is larger than ``limit`` (bytes, or characters for text)."""
    if len(data) > limit:
        unit = "bytes" if isinstance(data, bytes) else "characters"
        raise InputError(f"input is {len(data):,} {unit}, more than the limit of {limit:,} (max_bytes)")
