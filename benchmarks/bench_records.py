"""validate_client and its floor (the work it delegates, alone) on the same records.

Run it::

    .venv/bin/python -m pytest benchmarks/bench_records.py --benchmark-enable -p no:cacheprovider

Without ``--benchmark-enable`` each benchmark runs once on 200 records, as a smoke test.
``compare_records.py`` prints records/s and the ratio to the floor.
"""

from __future__ import annotations

import functools

from pytest_benchmark.fixture import BenchmarkFixture

from benchmarks.compare_records import (
    SIZE,
    floor,
    floor_with_email_validator,
    make_records,
    validate_all,
)
from clientbook import Client
from clientbook._email import _plain_address

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
    assert valid > 5.5 * len(data)  # 6 checks a record, nearly all of them passing


def test_floor_with_email_validator_throughput(benchmark: BenchmarkFixture) -> None:
    data = records(SMOKE_SIZE if benchmark.disabled else SIZE)
    benchmark.group = f"client records on {len(data):,} records"
    valid = benchmark.pedantic(floor_with_email_validator, args=(data,), rounds=3, warmup_rounds=1)  # type: ignore[no-untyped-call]
    assert valid > 6.5 * len(data)  # 7 checks a record, nearly all of them passing


def test_the_floor_leaves_out_email_validator_because_every_address_is_plain() -> None:
    # validate_client decides plain addresses itself (clientbook._email), so the floor, the
    # third-party work the rules do, has none for them: it would be dishonest otherwise.
    # (compare_records.py checks it again on the records it times.)
    addresses = [contact.email for record in records(SMOKE_SIZE) for contact in record.contacts]
    assert all(_plain_address(address) is not None for address in addresses)
