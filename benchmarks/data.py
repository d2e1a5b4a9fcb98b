"""Where the shared bench lives and how its pages are read. Nothing happens at import."""

from __future__ import annotations

import gzip
import json
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


SETS = ("dev", "sites-dev", "modern-dev")  # sets with gold/ (html/, near/, dump/, gold/): F1
SNIPPET_ONLY = ("trafeval-dev",)            # no gold/, only snippets.json: snippet F
ALL_SETS = (*SETS, *SNIPPET_ONLY)           # every visible set, in the order the harness prints them


def dev_dir(env: Mapping[str, str] | None = None) -> Path:
    return set_dir("dev", env)


def set_dir(name: str, env: Mapping[str, str] | None = None) -> Path:
    """``shared/bench/<name>``: "dev", or "sites-dev" (other sites, several pages each: generalisation)."""
    return shared_dir(env) / "bench" / name


def missing_reason(dev: Path, gold: bool = True) -> str | None:
    """Why a bench set cannot be used here (a user's clone has no shared/), or None. ``gold=False``:
    a snippet-only set (trafeval-dev) is enough."""
    if (dev / "gold").is_dir() or (not gold and (dev / "snippets.json").is_file()):
        return None
    what = "bench set" if gold else "bench set (gold/ or snippets.json)"
    return f"{what} not found at {dev} (set {ENV_SHARED} to the shared/ folder)"


def has_gold(dev: Path) -> bool:
    return (dev / "gold").is_dir()


@dataclass(frozen=True, slots=True)
class Page:
    """One bench page: its id, the input of one track (str, or bytes for html) and the gold body."""

    id: str
    data: str | bytes
    gold: str


def page_ids(dev: Path) -> list[str]:
    """The ids of a set: its gold files, or (snippet-only sets) the keys of snippets.json."""
    if has_gold(dev):
        return sorted(p.stem for p in (dev / "gold").glob("*.txt"))
    return sorted(snippets(dev))


def snippets(dev: Path) -> dict[str, dict[str, list[str]]]:
    """``snippets.json``: id -> {"with": [...], "without": [...]}; {} when the set has none."""
    path = dev / "snippets.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def manifest(dev: Path) -> dict[str, dict[str, object]]:
    """``manifest.jsonl`` as id -> row; {} when the set has none."""
    path = dev / "manifest.jsonl"
    if not path.is_file():
        return {}
    rows = (json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip())
    return {str(r["id"]): r for r in rows}


def input_path(dev: Path, track: str, page_id: str) -> Path:
    """The input file of one page: ``html/<id>.html`` or, where the set gzips its pages, ``.html.gz``."""
    path = dev / track / f"{page_id}{TRACK_SUFFIX[track]}"
    if track == "html" and not path.is_file():
        gz = path.with_name(path.name + ".gz")
        if gz.is_file():
            return gz
    return path


def read_input(dev: Path, track: str, page_id: str) -> str | bytes:
    """One page's input: html as bytes (gunzipped), the text tracks as ``read_text`` reads them."""
    path = input_path(dev, track, page_id)
    if track != "html":
        return read_text(path)
    raw = path.read_bytes()
    return gzip.decompress(raw) if path.suffix == ".gz" else raw


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
    """All pages of a track, read into memory. html stays bytes (gunzipped ``.html.gz``): decoding is
    the system's job. A set without gold/ (snippet-only) gives every page an empty gold."""
    gold = has_gold(dev)
    return [Page(id=i, data=read_input(dev, track, i),
                 gold=read_text(dev / "gold" / f"{i}.txt") if gold else "")
            for i in (ids if ids is not None else page_ids(dev))]
