"""Prefix search in the memory adapter on 1,000,000 stored clients, against a plain scan.

Run it::

    .venv/bin/python -m pytest benchmarks/bench_memory_search.py --benchmark-enable

Without ``--benchmark-enable`` it runs once on 2,000 clients, as a smoke test. The clients are
made from their position (no randomness): a company name of an activity, a surname and a city
(« Boulangerie Dupont Lyon »), a contact with a first name and a surname, a valid SIREN, its
French VAT number and, when its NIC 00017 passes the check, a SIRET; one client in ten
archived. Storing the million
takes about a minute and 2 GB of memory. Each search is checked against
:func:`~clientbook.matches_prefix` over the stored clients.
"""

from __future__ import annotations

import functools

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from clientbook import Client, ClientKind, Contact, matches_prefix, search_key
from clientbook.identifiers import vat
from clientbook.identifiers._text import luhn_ok
from clientbook.memory import MemoryStore

SIZE = 1_000_000
SMOKE_SIZE = 2_000
BATCH = 10_000
TENANT = "bench"
TYPED = ["boul", "dupont ly", "1234", "ets dub", "claire dupont lyon", "b", "zz"]
# One and two letters or digits, and a VAT number typed a key at a time: words that start
# hundreds of thousands of keys (every VAT number is a key starting with "fr", every SIRET one
# starting with a digit).
SHORT = ["bo", "d", "du", "e", "et", "m", "ma", "f", "fr", "fr1", "fr12", "FR 1", "4", "40"]
SHORT += ["404", "4 0"]
ACTIVITIES = (
    "Boulangerie", "Établissements", "Menuiserie", "Garage", "Traiteur", "Pharmacie", "Plomberie",
    "Boucherie", "Cabinet", "Société", "Ets", "Librairie", "Fleuriste", "Transports",
    "Imprimerie", "Coiffure", "Électricité", "Maçonnerie", "Pâtisserie", "Auto-école",
)  # fmt: skip
SURNAMES = (
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
    "Vincent", "Fournier", "Morel", "Girard", "André", "Lefebvre", "Mercier", "Dupont",
    "Lambert", "Bonnet", "François", "Martinez",
)  # fmt: skip
FIRST_NAMES = (
    "Claire", "Lucie", "Paul", "Jérôme", "Hélène", "Lydie", "Marc", "Sophie", "Nicolas",
    "Camille", "Julien", "Émilie", "Thierry", "Nathalie", "Olivier", "Isabelle", "Lyes", "Chloé",
    "Hugo", "Léa",
)  # fmt: skip
CITIES = (
    "Lyon",
    "Paris",
    "Bordeaux",
    "Lille",
    "Nantes",
    "Rennes",
    "Nice",
    "Brest",
    "Dijon",
    "Metz",
)


def _siren(number: int) -> str:
    body = f"{number:08d}"
    return next(body + digit for digit in "0123456789" if luhn_ok(body + digit))


def _client(position: int) -> Client:
    siren = _siren((position + 1) * 7919 % 100_000_000)
    return Client(
        id=f"C{position:07d}",
        kind=ClientKind.COMPANY,
        name=(
            f"{ACTIVITIES[position % 20]} {SURNAMES[position // 20 % 30]}"
            f" {CITIES[position // 600 % 10]}"
        ),
        siren=siren,
        siret=siren + "00017" if luhn_ok(siren + "00017") else "",
        vat_number=vat.from_siren(siren),
        active=position % 10 != 3,
        contacts=(
            Contact(
                first_name=FIRST_NAMES[position // 7 % 20], last_name=SURNAMES[position // 13 % 30]
            ),
        ),
    )


@functools.cache
def stored_clients(size: int) -> tuple[MemoryStore, tuple[Client, ...]]:
    """The store with *size* clients, committed by batches of 10,000, made once per run."""
    clients = tuple(_client(position) for position in range(size))
    store = MemoryStore()
    for start in range(0, size, BATCH):
        with store.unit_of_work(tenant_id=TENANT) as uow:
            for client in clients[start : start + BATCH]:
                uow.clients.add(client)
            uow.commit()
    return store, clients


def _scan(clients: tuple[Client, ...], typed: str) -> list[Client]:
    found = [client for client in clients if matches_prefix(client, typed)]
    found.sort(key=lambda client: (search_key(client.display_name), client.id))
    return found[:20]


@pytest.mark.parametrize("typed", TYPED + SHORT)
def test_memory_search(benchmark: BenchmarkFixture, typed: str) -> None:
    store, clients = stored_clients(SMOKE_SIZE if benchmark.disabled else SIZE)
    benchmark.group = f"memory search on {len(clients):,} clients"
    benchmark.extra_info["clients"] = len(clients)
    with store.unit_of_work(tenant_id=TENANT) as uow:
        found = benchmark(uow.clients.search, typed)
    if benchmark.disabled:  # the scan of a million clients takes a second: smoke runs only
        assert [c.id for c in found] == [c.id for c in _scan(clients, typed)]


@pytest.mark.parametrize("typed", ["boul", "dupont ly"])
def test_plain_scan(benchmark: BenchmarkFixture, typed: str) -> None:
    store, clients = stored_clients(SMOKE_SIZE if benchmark.disabled else SIZE)
    benchmark.group = f"memory search on {len(clients):,} clients"
    found = benchmark.pedantic(  # type: ignore[no-untyped-call]
        _scan, args=(clients, typed), rounds=3, warmup_rounds=0
    )
    with store.unit_of_work(tenant_id=TENANT) as uow:
        assert [c.id for c in uow.clients.search(typed)] == [c.id for c in found]
