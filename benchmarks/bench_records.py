"""validate_client and its floor (the work it delegates, alone) on the same records.

Run it::

    .venv/bin/python -m pytest benchmarks/bench_records.py --benchmark-enable -p no:cacheprovider

Without ``--benchmark-enable`` each benchmark runs once on 200 records, as a smoke test.
``compare_records.py`` prints records/s and the ratio to the floor.
"""

from __future__ import annotations

import functools

import attrs
from pytest_benchmark.fixture import BenchmarkFixture

from benchmarks.compare_records import (
    SIZE,
    FloorValues,
    construction,
    floor,
    floor_values,
    full_record,
    make_records,
    unchecked,
    validate_all,
)
from clientbook import Address, Client, ClientKind, Contact

SMOKE_SIZE = 200


@functools.cache
def records(size: int) -> list[Client]:
    """The records, made once per run."""
    return make_records(size)


@functools.cache
def values(size: int, *, shortcuts: bool = True) -> list[FloorValues]:
    """What the rules of the records hand to the libraries, prepared once per run."""
    return floor_values(records(size), shortcuts=shortcuts)


def test_validate_client_throughput(benchmark: BenchmarkFixture) -> None:
    data = records(SMOKE_SIZE if benchmark.disabled else SIZE)
    benchmark.group = f"client records on {len(data):,} records"
    problems = benchmark.pedantic(validate_all, args=(data,), rounds=3, warmup_rounds=1)  # type: ignore[no-untyped-call]
    assert problems < 0.1 * len(data)  # the records are valid but for a few phone numbers


def test_floor_throughput(benchmark: BenchmarkFixture) -> None:
    data = values(SMOKE_SIZE if benchmark.disabled else SIZE)
    benchmark.group = f"client records on {len(data):,} records"
    valid = benchmark.pedantic(floor, args=(data,), rounds=3, warmup_rounds=1)  # type: ignore[no-untyped-call]
    assert valid > 5.5 * len(data)  # 2 numbers and 4 identifiers a record, nearly all valid


def test_floor_before_throughput(benchmark: BenchmarkFixture) -> None:
    data = values(SMOKE_SIZE if benchmark.disabled else SIZE, shortcuts=False)
    benchmark.group = f"client records on {len(data):,} records"
    valid = benchmark.pedantic(floor, args=(data,), rounds=3, warmup_rounds=1)  # type: ignore[no-untyped-call]
    assert valid > 6.5 * len(data)  # and an e-mail address, valid


def test_the_floor_hands_the_libraries_what_the_rules_hand_them() -> None:
    client = Client(
        id="c1",
        kind=ClientKind.COMPANY,
        address=Address(postal_code="97110", city="Pointe-à-Pitre"),
        contacts=(
            Contact(
                email="claire.dubois@boulangerie-martin.fr",  # plain: no email-validator
                direct_phone="+590 590 27 12 34",  # not plain: parsed
                mobile_phone="06 12 34 56 78",  # plain: read in GP, then in FR
            ),
            Contact(email="élodie@boulangerie-martin.fr"),  # not plain: email-validator
        ),
    )
    (record,) = floor_values([client])
    assert record.emails == ("élodie@boulangerie-martin.fr",)
    direct, mobile = record.phones
    assert [(r.region, r.fields) for r in direct.readings] == [("GP", None)]
    assert not direct.mobile
    assert [r.region for r in mobile.readings] == ["GP", "FR", "MQ", "GF", "RE"]
    assert [r.fields for r in mobile.readings][:2] == [(590, 612345678), (33, 612345678)]
    assert mobile.mobile
    (before,) = floor_values([client], shortcuts=False)
    assert len(before.emails) == 2
    assert all(r.fields is None for phone in before.phones for r in phone.readings)


def test_client_construction(benchmark: BenchmarkFixture) -> None:
    fields = full_record()
    benchmark.group = "building one record"
    client = benchmark(lambda: Client(**fields))
    assert client.siren == client.siret[:9]


def test_the_unchecked_twin_builds_the_same_record_without_checks() -> None:
    fields = full_record()
    twin = unchecked(Client)
    assert attrs.asdict(twin(**fields)) == attrs.asdict(Client(**fields))
    unchecked_id: object = twin(**{**fields, "id": 1}).id
    assert unchecked_id == 1  # what the checks now refuse
    assert [name for name, *_ in construction(1, number=10)] == [
        "Client(...) of a complete record",
        "attrs.evolve(client, version=1)",
        "Contact(...) of a primary contact",
        "Address(...)",
    ]
