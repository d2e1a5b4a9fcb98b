"""Where the shared bench lives and how its pages are read. Nothing happens at import."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

ENV_SHARED = "CLEANER_SHARED"
TRACK_SUFFIX: Mapping[str, str] = {"near": ".txt", "dump": ".txt", "html": ".html"}


def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent


def shared_dir(env: Mapping[str, str] | None = None) -> Path:
    """``$CLEANER_SHARED`` if set, else ``<repo root>/../shared`` (CI clones with shared/ beside it)."""
    env = os.environ if env is None else env
    override = env.get(ENV_SHARED)
    return Path(override) if override else repo_root().parent / "shared"


SETS = ("dev", "sites-dev")  # bench sets of the same layout (html/, near/, dump/, gold/)


def dev_dir(env: Mapping[str, str] | None = None) -> Path:
    return set_dir("dev", env)


def set_dir(name: str, env: Mapping[str, str] | None = None) -> Path:
    """``shared/bench/<name>``: "dev", or "sites-dev" (other sites, several pages each: generalisation)."""
    return shared_dir(env) / "bench" / name


def missing_reason(dev: Path) -> str | None:
    """Why the dev set cannot be used here (a user's clone has no shared/), or None."""
    if not (dev / "gold").is_dir():
        return f"bench set not found at {dev} (set {ENV_SHARED} to the shared/ folder)"
    return None


@dataclass(frozen=True, slots=True)
class Page:
    """One bench page: its id, the input of one track (str, or bytes for html) and the gold body."""

    id: str
    data: str | bytes
    gold: str


def page_ids(dev: Path) -> list[str]:
    return sorted(p.stem for p in (dev / "gold").glob("*.txt"))


def read_text(path: Path) -> str:
    """As score.py reads files: UTF-8, undecodable bytes replaced."""
    return path.read_text(encoding="utf-8", errors="replace")


def decode_text(raw: bytes) -> str:
    """The bytes of a file as ``read_text`` reads it (text mode: line ends become \\n).

    >>> decode_text(b"a\\r\\nb\\rc\\xff")
    'a\\nb\\nc\\ufffd'
    """
    return raw.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")


def load_track(dev: Path, track: str, ids: list[str] | None = None) -> list[Page]:
    """All pages of a track, read into memory. html stays bytes: decoding is the system's job."""
    suffix = TRACK_SUFFIX[track]
    pages = []
    for i in ids if ids is not None else page_ids(dev):
        path = dev / track / f"{i}{suffix}"
        data: str | bytes = path.read_bytes() if track == "html" else read_text(path)
        pages.append(Page(id=i, data=data, gold=read_text(dev / "gold" / f"{i}.txt")))
    return pages
