"""validate_client and its floor (the third-party checks alone) on the same records.

Run it::

    .venv/bin/python -m pytest benchmarks/bench_records.py --benchmark-enable -p no:cacheprovider

Without ``--benchmark-enable`` each benchmark runs once on 200 records, as a smoke test.
``compare_records.py`` prints records/s and the ratio to the floor.
"""

from __future__ import annotations

import functools

from pytest_benchmark.fixture import BenchmarkFixture

from benchmarks.compare_records import SIZE, floor, make_records, validate_all
from clientbook import Client

SMOKE_SIZE = 200


@functools.cache
def records(size: int) -> list[Client]:
    """The records, made once per run."""
    return make_records(size)


def test_validate_client_throughput(benchmark: BenchmarkFixture) -> None:
    data = records(SMOKE_SIZE if benchmark.disabled else SIZE)
    benchmark.group = f"client records on {len(data):,} records"
    problems = benchmark.pedantic(validate_all, args=(data,), rounds=3, warmup_rounds=1)  # type: ignore[no-untyped-call]
    assert problems < 0.1 * len(data)  # the records are valid but for a few phone numbers


def test_floor_throughput(benchmark: BenchmarkFixture) -> None:
    data = records(SMOKE_SIZE if benchmark.disabled else SIZE)
    benchmark.group = f"client records on {len(data):,} records"
    valid = benchmark.pedantic(floor, args=(data,), rounds=3, warmup_rounds=1)  # type: ignore[no-untyped-call]
    assert valid > 6 * len(data)  # 7 checks a record, nearly all of them passing
