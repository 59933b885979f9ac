"""Benchmarks of clientbook, run with pytest-benchmark or as scripts (see docs/performance.md)."""
