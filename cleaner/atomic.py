"""Atomic file writes: a temporary file in the target's folder, then one rename over the target, so
a reader (or a rerun after a kill) only ever sees the old file, the whole new one, or none."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

TMP_SUFFIX = ".cleaner-tmp"  # what a killed run may leave behind; batch --resume sweeps these


@contextlib.contextmanager
def atomic_open(target: Path, durable: bool = False) -> Iterator[IO[bytes]]:
    """A binary file to write ``target`` through: renamed onto it when the block ends, removed if the
    block raises; ``durable`` also fsyncs before the rename.

    The file keeps the mode of the file it replaces (or what a plain open() would give).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=TMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(tmp, _file_mode(target))
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_atomic(target: Path, data: bytes, durable: bool = False) -> None:
    """Write ``data`` to ``target`` atomically (``atomic_open``)."""
    with atomic_open(target, durable) as fh:
        fh.write(data)


def _file_mode(target: Path) -> int:
    """The existing file's mode, or what a plain open() would give under the current umask."""
    try:
        return os.stat(target).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
