"""The per-document time limit off the main thread (isolate.py): a pathological document costs the
limit and is reported, in a thread and in the batch's Worker; the next document is cleaned as before.
(On Dask workers: tests/test_dask.py::test_archive_timeout_on_dask_workers.)"""

from __future__ import annotations

import threading
import time

import pytest

from cleaner import Config, clean
from cleaner.errors import InputError
from cleaner.isolate import IsolatedCleaner
from cleaner.worker import Worker

BIG = ("word " * 40 + "\n") * 15_000  # 3 MB: about a second to clean, far past 0.2 s
PAGE = ("Home | News | Sport\n\nThe council met on Tuesday and agreed that the new bridge will be built "
        "over the river by the end of the year, at a cost of two million pounds.\n\nContact us\n")


def in_thread(fn, *args):  # type: ignore[no-untyped-def]
    box: dict[str, object] = {}

    def target() -> None:
        started = time.monotonic()
        try:
            box["value"] = fn(*args)
        except Exception as exc:
            box["error"] = exc
        box["took"] = time.monotonic() - started

    t = threading.Thread(target=target)
    t.start()
    t.join(120)
    return box


def test_isolated_cleaner_times_out_and_recovers() -> None:
    with IsolatedCleaner(Config(timeout=0.2)) as iso:
        assert iso.clean(PAGE) == (clean(PAGE), None)  # starts the child: not counted in any limit
        started = time.monotonic()
        with pytest.raises(InputError, match=r"timed out after 0.2s"):
            iso.clean(BIG)
        assert time.monotonic() - started < 3  # the limit, plus sending 3 MB
        assert iso.clean(PAGE)[0] == clean(PAGE)  # a fresh child


def test_worker_in_a_thread_holds_the_limit() -> None:
    w = Worker(Config(timeout=0.2))
    assert in_thread(w.clean, PAGE, None)["value"] == clean(PAGE)
    box = in_thread(w.clean, BIG, None)
    assert isinstance(box["error"], InputError) and "timed out after 0.2s" in str(box["error"])
    assert box["took"] < 3
    assert in_thread(w.clean, PAGE, None)["value"] == clean(PAGE)


def test_main_thread_keeps_sigalrm() -> None:
    w = Worker(Config(timeout=0.2))
    assert w.isolated() is None
    with pytest.raises(InputError, match="timed out"):
        w.clean(BIG, None)


def test_input_errors_come_back_as_they_are() -> None:
    with IsolatedCleaner(Config(timeout=5)) as iso, pytest.raises(InputError, match="binary"):
        iso.clean(b"\0\1\2binary\0" * 10)
