"""clientbook's French identifier checks against python-stdnum's, on the same inputs.

Run the benchmarks (about a minute)::

    .venv/bin/python -m pytest benchmarks --benchmark-enable -p no:cacheprovider

Without ``--benchmark-enable`` each benchmark runs once on 1,000 inputs, as a smoke test.
Each benchmark passes 100,000 inputs per identifier (the same for every implementation, made
once by :func:`benchmarks.compare_identifiers.make_inputs` from a fixed seed) through
``is_valid``; pytest-benchmark groups them by identifier. ``compare_identifiers.py`` prints the
ratios.
"""

from __future__ import annotations

import functools

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from benchmarks.compare_identifiers import IMPLEMENTATIONS, SIZE, Check, count_valid, make_inputs

SMOKE_SIZE = 1_000

CASES = [
    pytest.param(identifier, check, id=f"{identifier}-{name}")
    for identifier, implementations in IMPLEMENTATIONS.items()
    for name, check in implementations
]


@functools.cache
def inputs_and_count(identifier: str, size: int) -> tuple[list[str], int]:
    """The inputs, made once per run, and how many of them are valid (per clientbook)."""
    inputs = make_inputs(identifier, size)
    return inputs, count_valid(IMPLEMENTATIONS[identifier][0][1], inputs)


@pytest.mark.parametrize(("identifier", "check"), CASES)
def test_is_valid_throughput(benchmark: BenchmarkFixture, identifier: str, check: Check) -> None:
    inputs, expected = inputs_and_count(identifier, SMOKE_SIZE if benchmark.disabled else SIZE)
    benchmark.group = f"{identifier}.is_valid on {len(inputs):,} inputs"
    benchmark.extra_info["numbers"] = len(inputs)
    valid = benchmark.pedantic(  # type: ignore[no-untyped-call]
        count_valid, args=(check, inputs), rounds=5, warmup_rounds=1
    )
    # The inputs hold no all-zero SIREN, so python-stdnum counts the same valid numbers.
    assert valid == expected
    assert 0.75 * len(inputs) < valid < 0.95 * len(inputs)
