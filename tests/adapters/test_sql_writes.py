"""What the SQL adapter writes: every column as the model says, whichever way the rows travel.

On SQLite the adapter hands its rows (tuples in column order) straight to the driver's
``executemany``; on PostgreSQL, and for rows SQLAlchemy must convert or refuse, it goes through
SQLAlchemy's ``insert``. These tests pin both ways to the same stored bytes: a reference, written
here column by column from the model, is inserted with SQLAlchemy beside the adapter's rows.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any
from uuid import uuid4

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import insert

from clientbook import (
    Address,
    Civility,
    Client,
    Contact,
    DeliveryAddress,
    client_search_keys,
    duplicate_keys,
    search_key,
)
from clientbook.identifiers import siret, vat
from clientbook.sql import SqlClientRepository, SqlStore, SqlUnitOfWork
from clientbook.sql import metadata as tables
from clientbook.testing.strategies import clients
from tests.factories import company

from .sqlprobes import recorded_statements
from .storedclients import full_company

# Realistic records, and records with any text, flags and nested values.
ANY_CLIENTS = st.one_of(clients(), clients(any_text=True))
ONE_STORE = settings(
    max_examples=40,
    deadline=None,
    # One store for the whole test, a new tenant for each example.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def sql_clients(uow: SqlUnitOfWork) -> SqlClientRepository:
    assert isinstance(uow.clients, SqlClientRepository)
    return uow.clients


def _address(prefix: str, address: Address | None) -> dict[str, Any]:
    parts = ("line1", "line2", "postal_code", "city", "country")
    return {f"{prefix}_{part}": getattr(address, part, None) for part in parts}


def _texts(value: object) -> Iterator[str]:
    """Every text of a record, its nested values' included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple | frozenset):
        for item in value:
            yield from _texts(item)
    elif attrs.has(kind := type(value)):
        for field in attrs.fields(kind):
            yield from _texts(getattr(value, field.name))


def reference_rows(tenant_id: str, client: Client) -> dict[str, list[dict[str, Any]]]:
    """The rows of *client* at version 1, by table, each value named by its column."""
    key = {"tenant_id": tenant_id, "client_id": client.id}
    sort_key = search_key(client.display_name)
    return {
        "clientbook_clients": [
            {
                "tenant_id": tenant_id,
                "id": client.id,
                "version": 1,
                "kind": client.kind.value,
                "roles": ",".join(sorted(role.value for role in client.roles)),
                "name": client.name,
                "civility": client.civility and client.civility.value,
                "first_name": client.first_name,
                "last_name": client.last_name,
                "website": client.website,
                "company_type": client.company_type,
                "language": client.language,
                "source": client.source,
                **_address("address", client.address),
                **_address("billing", client.billing_address),
                "parent_id": client.parent_id,
                "vat_number": client.vat_number,
                "siret": client.siret,
                "siren": client.siren,
                "ape_code": client.ape_code,
                "accounting_account": client.accounting_account,
                "active": client.active,
                "owner": client.owner,
                "created_at": client.created_at and client.created_at.isoformat(),
                "siret_compact": siret.compact(client.siret),
                "vat_compact": vat.compact(client.vat_number),
                "sort_key": sort_key,
            }
        ],
        "clientbook_contacts": [
            {
                **key,
                "position": position,
                "civility": contact.civility and contact.civility.value,
                "first_name": contact.first_name,
                "last_name": contact.last_name,
                "email": contact.email,
                "job_position": contact.position,
                "direct_phone": contact.direct_phone,
                "mobile_phone": contact.mobile_phone,
                "switchboard_phone": contact.switchboard_phone,
                "source": contact.source,
                "is_primary": contact.primary,
            }
            for position, contact in enumerate(client.contacts)
        ],
        "clientbook_delivery_addresses": [
            {
                **key,
                "position": position,
                "label": delivery.label,
                **{part: getattr(delivery.address, part) for part in _PARTS},
                "is_default": delivery.default,
                "archived": delivery.archived,
            }
            for position, delivery in enumerate(client.delivery_addresses)
        ],
        "clientbook_search_keys": [  # its start on the first key (in order) that has it
            {
                **key,
                "key": k,
                "sort_key": sort_key,
                "active": client.active,
                "start": None if any(o < k and o[:2] == k[:2] for o in keys) else k[:2],
            }
            for keys in [client_search_keys(client)]
            for k in keys
        ],
        "clientbook_duplicate_keys": [
            {**key, "rule": rule, "value": value}
            for rule, value in dict.fromkeys(duplicate_keys(client))
        ],
    }


_PARTS = ("line1", "line2", "postal_code", "city", "country")


def stored_bytes(store: SqlStore, tenant_id: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of *tenant_id*, as the sqlite3 driver reads it back (types included)."""
    path = store.url
    found: dict[str, list[tuple[Any, ...]]] = {}
    with sqlite3.connect(path) as connection:
        for table in tables.sorted_tables:
            if "tenant_id" not in table.c:
                continue
            columns = [column.name for column in table.c if column.name != "tenant_id"]
            listed = ", ".join(f'"{name}", typeof("{name}")' for name in columns)
            rows = connection.execute(
                f"SELECT {listed} FROM {table.name} WHERE tenant_id = ?",
                (tenant_id,),
            ).fetchall()
            found[table.name] = sorted(rows, key=repr)
    return found


@ONE_STORE
@given(batch=st.lists(ANY_CLIENTS, max_size=4, unique_by=lambda client: client.id))
def test_rows_sent_straight_to_sqlite_are_stored_as_sqlalchemys_insert_stores_them(
    sqlite_store: SqlStore, batch: list[Client]
) -> None:
    adapter, reference = f"a-{uuid4().hex}", f"r-{uuid4().hex}"
    with sqlite_store.unit_of_work(tenant_id=adapter) as uow:
        sql_clients(uow).add_many(batch)
        uow.commit()
    with sqlite_store.engine.begin() as connection:
        for client in batch:
            for name, rows in reference_rows(reference, client).items():
                if rows:
                    connection.execute(insert(tables.tables[name]), rows)
    assert stored_bytes(sqlite_store, adapter) == stored_bytes(sqlite_store, reference)


@ONE_STORE
@given(batch=st.lists(ANY_CLIENTS, max_size=4, unique_by=lambda client: client.id))
def test_any_client_added_is_read_back_equal(store: SqlStore, batch: list[Client]) -> None:
    if store.engine.dialect.name == "postgresql":  # PostgreSQL's text holds no NUL character
        batch = [c for c in batch if not any("\x00" in text for text in _texts(c))]
    tenant_id = f"t-{uuid4().hex}"
    with store.unit_of_work(tenant_id=tenant_id) as uow:
        sql_clients(uow).add_many(batch)
        uow.commit()
    with store.unit_of_work(tenant_id=tenant_id) as uow:
        found = uow.clients.get_many(client.id for client in batch)
    assert found == {client.id: attrs.evolve(client, version=1) for client in batch}


def test_children_come_back_in_their_order_with_their_flags_as_booleans(store: SqlStore) -> None:
    # More than ten of each, so that an order of text ("10" before "2") would show; read as
    # JSON in the statement that reads the client, whose aggregate keeps no order on SQLite.
    contacts = tuple(
        Contact(
            civility=None if n % 3 == 0 else Civility.MRS,
            first_name=f'Hélène {n} « "guillemets" » \\ \n 😀',
            last_name="Lefèvre",
            primary=n == 7,
        )
        for n in range(12)
    )
    deliveries = tuple(
        DeliveryAddress(
            address=Address(line1=f"{n} rue des Lilas", postal_code="69003", city="Lyon"),
            label=f"Dépôt {n}",
            default=n == 4,
            archived=n % 2 == 1,
        )
        for n in range(11)
    )
    client = company("cl-1", "Boulangerie Martin", contacts=contacts[::-1])
    client = attrs.evolve(client, delivery_addresses=deliveries[::-1])
    with store.unit_of_work(tenant_id="cabinet-lefort") as uow:
        uow.clients.add(client)
        uow.commit()
    with store.unit_of_work(tenant_id="cabinet-lefort") as uow:
        read = uow.clients.get("cl-1")
    assert read == attrs.evolve(client, version=1)
    assert all(type(contact.primary) is bool for contact in read.contacts)
    assert all(type(contact.first_name) is str for contact in read.contacts)
    flags = [(d.default, d.archived) for d in read.delivery_addresses]
    assert all(type(flag) is bool for pair in flags for flag in pair)
    assert read.contacts[-1].civility is None  # the first made, stored last
    assert read.contacts[-2].civility is Civility.MRS


def test_on_sqlite_the_rows_go_to_the_driver_as_they_are(sqlite_store: SqlStore) -> None:
    with (
        recorded_statements(sqlite_store.engine) as statements,
        sqlite_store.unit_of_work(tenant_id="cabinet-lefort") as uow,
    ):
        sql_clients(uow).add_many(full_company(number) for number in range(3))
        uow.commit()
    inserts = [s for s in statements if s.text.startswith("INSERT")]
    assert len(inserts) == 5
    for statement in inserts:
        assert all(type(row) is tuple for row in statement.parameters), statement


@pytest.mark.parametrize("flag", [1, "oui"])
def test_a_flag_that_is_no_boolean_never_reaches_the_database(
    store: SqlStore, flag: object
) -> None:
    with store.unit_of_work(tenant_id="cabinet-lefort") as uow:
        uow.clients.add(company("cl-1", "Boulangerie Martin"))
        with pytest.raises(TypeError, match=r"^Client\.active must be True or False \(bool\)"):
            uow.clients.add(company("cl-2", "Garage Dubois", active=flag))
        uow.commit()
    with store.unit_of_work(tenant_id="cabinet-lefort") as uow:
        assert [client.id for client in uow.clients.list()] == ["cl-1"]
