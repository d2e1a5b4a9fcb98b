"""The shared bench's reference scripts (score.py, score_snippets.py), loaded as modules for tests that
check benchmarks/ against them; a test skips when the shared bench is not beside the checkout."""

from __future__ import annotations

import importlib.util
from types import ModuleType

import pytest

from benchmarks import data


def load(script: str) -> ModuleType:
    """``shared/bench/<script>`` as a module, or skip the test with the reason."""
    path = data.shared_dir() / "bench" / script
    if not path.is_file():
        pytest.skip(f"reference scorer not found at {path} (set {data.ENV_SHARED})")
    spec = importlib.util.spec_from_file_location(f"reference_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
