"""Collect the ``bench_*.py`` files of this folder as test modules.

pytest only collects ``test_*.py`` by default; the benchmarks are named ``bench_*.py`` so that
nobody mistakes them for tests. Without ``--benchmark-enable`` (the project's pytest options
pass ``--benchmark-disable``) each benchmark runs once, on a small sample, as a smoke test.
"""

from __future__ import annotations

from pathlib import Path

import pytest


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Module | None:
    if parent.session.isinitpath(file_path):
        return None  # named on the command line: pytest collects it already
    if file_path.suffix == ".py" and file_path.name.startswith("bench_"):
        return pytest.Module.from_parent(parent, path=file_path)
    return None
