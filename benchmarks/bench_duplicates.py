"""find_duplicates on a whole client file: 100,000 generated records.

Run it::

    .venv/bin/python -m pytest benchmarks/bench_duplicates.py --benchmark-enable -p no:cacheprovider

Without ``--benchmark-enable`` it runs once on 1,000 records, as a smoke test. The records are
made from their position (no randomness): a company name, an address, a valid SIREN and SIRET,
a French VAT number on every other record, a contact's e-mail, one record in ten archived. One
record in a hundred repeats the previous record's SIREN, and one in 250 the previous record's
e-mail address, so the groups to find are known in advance.
"""

from __future__ import annotations

import functools

from pytest_benchmark.fixture import BenchmarkFixture

from clientbook import Address, Client, ClientKind, Contact
from clientbook._rules.duplicates import find_duplicates
from clientbook.identifiers import vat
from clientbook.identifiers._text import luhn_ok

SIZE = 100_000
SMOKE_SIZE = 1_000
WORDS = ("Boulangerie", "Établissements", "Menuiserie", "Garage", "Traiteur", "Pharmacie")
CITIES = (("69003", "Lyon"), ("75011", "Paris"), ("33000", "Bordeaux"), ("97110", "Pointe-à-Pitre"))


def _siren(number: int) -> str:
    body = f"{number:08d}"
    return next(body + digit for digit in "0123456789" if luhn_ok(body + digit))


def _record(position: int, siren: str, email: str) -> Client:
    postal_code, city = CITIES[position % len(CITIES)]
    return Client(
        id=f"C{position:06d}",
        kind=ClientKind.COMPANY,
        name=f"{WORDS[position % len(WORDS)]} {WORDS[position // 7 % len(WORDS)]} n°{position}",
        address=Address(
            line1=f"{position % 200 + 1} rue de la République", postal_code=postal_code, city=city
        ),
        siren=siren,
        siret=siren + "00017" if luhn_ok(siren + "00017") else "",
        vat_number=vat.from_siren(siren) if position % 2 == 0 else "",
        active=position % 10 != 0,
        contacts=(Contact(first_name="Claire", last_name="Moreau", email=email),),
    )


@functools.cache
def make_clients(size: int) -> tuple[Client, ...]:
    """The records, made once per run; see the module docstring for the planted duplicates."""
    records: list[Client] = []
    for position in range(size):
        siren = _siren(position + 1)
        email = f"contact{position}@exemple.fr"
        if position % 100 == 99:
            siren = records[-1].siren
        if position % 250 == 124:
            email = records[-1].contacts[0].email
        records.append(_record(position, siren, email))
    return tuple(records)


def test_find_duplicates_throughput(benchmark: BenchmarkFixture) -> None:
    clients = make_clients(SMOKE_SIZE if benchmark.disabled else SIZE)
    benchmark.group = f"find_duplicates on {len(clients):,} clients"
    benchmark.extra_info["clients"] = len(clients)
    groups = benchmark.pedantic(  # type: ignore[no-untyped-call]
        find_duplicates, args=(clients,), rounds=3, warmup_rounds=1
    )
    planted = len(clients) // 100 + sum(1 for p in range(len(clients)) if p % 250 == 124)
    assert len(groups) == planted
    assert all(len(group.client_ids) == 2 for group in groups)
