"""Words of one or two characters, and words that start very many keys, on every adapter.

Every French VAT number is a key starting with "fr", every SIRET one starting with a digit: the
adapters read such words through the clients of their first characters (SQL: the ``start``
column and its index; memory: the streams of the prefix index). Whichever way they read, the
memory store, SQLite and PostgreSQL find exactly what :func:`~clientbook.matches_prefix`
finds, archived clients and tenants included.
"""

from __future__ import annotations

import attrs
import pytest

from clientbook import Client, matches_prefix, search_key
from clientbook._adapters.memory import prefix_index
from clientbook._adapters.sql import search as sql_search

from .conftest import Units
from .storedclients import french_companies

TENANT = "cabinet-lefort"
OTHER_TENANT = "atelier-girard"

TYPED = [
    *("f", "fr", "fr1", "FR 1", "fr12", "fr 40", "FR40 4"),
    *("4", "40", "4 0", "404", "1", "12"),
    *("m", "me", "menuiserie 1", "r", "ro", "roux 4", "m r 1", "fr m"),
]

# How a word is read: as the adapters choose; every word as one that starts too many keys to
# merge them, and is common (its first characters walked); every word read from its range.
WAYS = {
    "as chosen": ({}, {}),
    "walked": (
        {"_MERGE_KEYS": 0, "_MERGE_STARTS": 0, "_COUNT_CAP": 1},
        {"_SEGMENTS": 0, "_COMMON": 1},
    ),
    "range": ({"_MERGE_KEYS": 0, "_MERGE_STARTS": 0}, {"_SEGMENTS": 10**9}),
}


def _other_tenant(clients: list[Client]) -> list[Client]:
    """The same ids and numbers in another tenant, other names, archived the other way."""
    return [
        attrs.evolve(c, name=f"Garage Fabre {n}", active=n % 7 != 2) for n, c in enumerate(clients)
    ]


def _expected(clients: list[Client], typed: str, *, include_archived: bool) -> list[str]:
    found = sorted(
        (c for c in clients if matches_prefix(c, typed, include_archived=include_archived)),
        key=lambda c: (search_key(c.display_name), c.id),
    )
    return [c.id for c in found]


@pytest.mark.parametrize("way", sorted(WAYS))
def test_vat_numbers_and_sirets_starting_alike_are_found_as_matches_prefix_finds_them(
    units: Units, monkeypatch: pytest.MonkeyPatch, way: str
) -> None:
    sql_settings, memory_settings = WAYS[way]
    for name, value in sql_settings.items():
        monkeypatch.setattr(sql_search, name, value)
    for name, value in memory_settings.items():
        monkeypatch.setattr(prefix_index, name, value)
    clients = french_companies(600)  # 600 keys starting with "fr", about 60 with each digit
    others = _other_tenant(clients)
    for tenant_id, stored in ((TENANT, clients), (OTHER_TENANT, others)):
        with units(tenant_id) as uow:
            for client in stored:
                uow.clients.add(client)
            uow.commit()
    for tenant_id, stored in ((TENANT, clients), (OTHER_TENANT, others)):
        names = {c.id: c.name for c in stored}
        with units(tenant_id) as uow:
            for typed in TYPED:
                for include_archived in (False, True):
                    expected = _expected(stored, typed, include_archived=include_archived)
                    for limit in (1, 20, 1000):
                        found = uow.clients.search(
                            typed, include_archived=include_archived, limit=limit
                        )
                        assert [c.id for c in found] == expected[:limit], (
                            tenant_id,
                            typed,
                            include_archived,
                            limit,
                        )
                        # The same ids in both tenants: each finds its own clients.
                        assert all(c.name == names[c.id] for c in found)
