"""Bulk without N+1: the number of statements the SQL adapter sends does not grow with N.

Counted with SQLAlchemy's ``before_cursor_execute`` event, for N = 10 and N = 1,000 clients,
each with two contacts and a delivery address; an ``executemany`` counts as one statement.
"""

from __future__ import annotations

import attrs
import pytest

from clientbook.sql import SqlClientRepository, SqlStore, SqlUnitOfWork

from .sqlprobes import recorded_statements
from .storedclients import full_company

TENANT = "cabinet-lefort"
SIZES = [10, 1000]


def sql_clients(uow: SqlUnitOfWork) -> SqlClientRepository:
    assert isinstance(uow.clients, SqlClientRepository)
    return uow.clients


@pytest.fixture(params=SIZES, ids=lambda n: f"N={n}")
def n(request: pytest.FixtureRequest) -> int:
    size: int = request.param
    return size


@pytest.fixture
def stored(store: SqlStore, n: int) -> SqlStore:
    """*n* clients stored in the tenant; the store has already checked the schema."""
    with store.unit_of_work(tenant_id=TENANT) as uow:
        sql_clients(uow).add_many(full_company(number) for number in range(n))
        uow.commit()
    return store


def test_adding_n_clients_together_costs_six_statements(store: SqlStore, n: int) -> None:
    with store.unit_of_work(tenant_id="warm-up"):
        pass  # the store checks the schema once
    with (
        recorded_statements(store.engine) as statements,
        store.unit_of_work(tenant_id=TENANT) as uow,
    ):
        sql_clients(uow).add_many(full_company(number) for number in range(n))
        uow.commit()
    # One check of the ids, then one executemany per table: clients, contacts, delivery
    # addresses, search keys and duplicate keys.
    assert [s.executemany for s in statements] == [False, True, True, True, True, True]
    assert len(statements) == 6


def test_adding_n_clients_one_by_one_costs_one_id_check_each_and_five_inserts(
    store: SqlStore, n: int
) -> None:
    with store.unit_of_work(tenant_id="warm-up"):
        pass
    with (
        recorded_statements(store.engine) as statements,
        store.unit_of_work(tenant_id=TENANT) as uow,
    ):
        for number in range(n):
            uow.clients.add(full_company(number))
        uow.commit()
    # add() must refuse a taken id at once (the contract says so): one check per client; the
    # rows are still inserted together.
    assert len(statements) == n + 5
    assert sum(s.executemany for s in statements) == 5


def test_adding_n_clients_that_this_unit_read_absent_checks_no_id_again(
    store: SqlStore, n: int
) -> None:
    with store.unit_of_work(tenant_id="warm-up"):
        pass
    clients = [full_company(number) for number in range(n)]
    with (
        recorded_statements(store.engine) as statements,
        store.unit_of_work(tenant_id=TENANT) as uow,
    ):
        assert uow.clients.get_many(client.id for client in clients) == {}  # as an import does
        for client in clients:
            uow.clients.add(client)
        uow.commit()
    assert len(statements) == 1 + 5  # the read of the ids, then 5 inserts


def test_by_sirets_of_n_numbers_costs_one_statement(store: SqlStore, n: int) -> None:
    sirets = [f"{number:014d}" for number in range(n)]
    with store.unit_of_work(tenant_id=TENANT) as uow:
        sql_clients(uow).add_many(
            attrs.evolve(full_company(number), siret=siret) for number, siret in enumerate(sirets)
        )
        uow.commit()
    with (
        recorded_statements(store.engine) as statements,
        store.unit_of_work(tenant_id=TENANT) as uow,
    ):
        found = uow.clients.by_sirets(sirets)
    assert sorted(found) == sirets
    assert all(len(clients[0].contacts) == 2 for clients in found.values())
    assert len(statements) == 1


def test_updating_n_clients_costs_one_versioned_update_each_and_eight_statements(
    stored: SqlStore, n: int
) -> None:
    with stored.unit_of_work(tenant_id=TENANT) as uow:
        copies = list(uow.clients.get_many(f"cl-{number:06d}" for number in range(n)).values())
    with (
        recorded_statements(stored.engine) as statements,
        stored.unit_of_work(tenant_id=TENANT) as uow,
    ):
        for copy in copies:
            uow.clients.update(attrs.evolve(copy, name=f"Renommée {copy.id}"))
        uow.commit()
    # The version check must answer at once (StaleClient); the children of all the updated
    # clients are then replaced together: one DELETE and one executemany per child table.
    assert len(statements) == n + 8
    with stored.unit_of_work(tenant_id=TENANT) as uow:
        assert [c.version for c in uow.clients.get_many(c.id for c in copies).values()] == [2] * n


def test_get_many_of_n_ids_costs_one_statement(stored: SqlStore, n: int) -> None:
    ids = [f"cl-{number:06d}" for number in range(n)]
    with (
        recorded_statements(stored.engine) as statements,
        stored.unit_of_work(tenant_id=TENANT) as uow,
    ):
        found = uow.clients.get_many(ids)
    assert len(found) == n
    assert all(len(client.contacts) == 2 for client in found.values())
    assert all(len(client.delivery_addresses) == 1 for client in found.values())
    # The clients, each with its contacts and delivery addresses: N = 1,000 included.
    assert len(statements) == 1


def test_a_page_of_n_clients_costs_one_statement(stored: SqlStore, n: int) -> None:
    with (
        recorded_statements(stored.engine) as statements,
        stored.unit_of_work(tenant_id=TENANT) as uow,
    ):
        page = uow.clients.list(limit=n)
    assert len(page) == n
    assert all(len(client.contacts) == 2 for client in page)
    assert len(statements) == 1


def test_a_search_that_finds_n_clients_costs_four_statements(stored: SqlStore, n: int) -> None:
    with (
        recorded_statements(stored.engine) as statements,
        stored.unit_of_work(tenant_id=TENANT) as uow,
    ):
        found = uow.clients.search("hélène", limit=n)
    assert len(found) == n
    # The count of the keys, the keys of the rarest word, the ids of the results, then the
    # clients with their contacts and delivery addresses.
    assert len(statements) == 4


def test_a_search_by_two_letters_costs_three_statements_and_by_one_four(
    stored: SqlStore, n: int
) -> None:
    for typed, cost in (("he", 3), ("h", 4)):
        with (
            recorded_statements(stored.engine) as statements,
            stored.unit_of_work(tenant_id=TENANT) as uow,
        ):
            found = uow.clients.search(typed, limit=n)
        assert len(found) == n
        # The count, (the starts that start with "h"), the ids of the results read from the
        # index of starts, then the clients.
        assert len(statements) == cost, typed


def test_a_search_that_no_key_starts_costs_one_statement(stored: SqlStore) -> None:
    with (
        recorded_statements(stored.engine) as statements,
        stored.unit_of_work(tenant_id=TENANT) as uow,
    ):
        assert uow.clients.search("zola") == []
        assert uow.clients.search("zola hélène") == []
    assert len(statements) == 2  # one count each
