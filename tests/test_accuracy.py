"""The accuracy gate: cleaner on dev near/ and dump/ at or above benchmarks/floors.toml.

Skips where ../shared/bench is absent (a user's clone).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import accuracy, data
from benchmarks.systems import cleaner_system

GATED = ("near", "dump", "html")


@pytest.fixture(scope="module")
def dev() -> Path:
    path = data.dev_dir()
    reason = data.missing_reason(path)
    if reason:
        pytest.skip(reason)
    return path


def test_floors_file_covers_the_gated_tracks() -> None:
    floors = accuracy.load_floors(accuracy.FLOORS)
    assert set(GATED) <= set(floors)
    assert all(0.0 <= f <= 1.0 for f in floors.values())


@pytest.mark.parametrize("track", GATED)
def test_cleaner_f1_at_or_above_floor(dev: Path, track: str) -> None:
    floor = accuracy.load_floors(accuracy.FLOORS)[track]
    run = accuracy.run_system(cleaner_system(), track, data.load_track(dev, track))
    assert not run.errors, f"cleaner raised on {len(run.errors)} {track} page(s): {run.errors[:3]}"
    assert run.score.f1 >= floor, f"{track}: {run.score.line()} is below the floor {floor}"
