"""Benchmark scripts for cleaner: accuracy (``python -m benchmarks.accuracy``) and speed.

Not shipped in the wheel; run from the repository root. See benchmarks/README.md.
"""
