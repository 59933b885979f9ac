"""Text no database can store (a NUL, a lone UTF-16 surrogate) is a problem, on every adapter.

A web form's JSON may carry ``"\\ud800"``; it used to pass the record rules, be stored by the
memory adapter, and leak a raw ``UnicodeEncodeError`` from the SQL adapter (a NUL was stored by
SQLite and refused by PostgreSQL). The rules now report it as ``text.unstorable``, the same on
every adapter, and what reaches a driver anyway comes out as a ``StorageError``.
"""

from __future__ import annotations

import attrs
import pytest

from clientbook import Client, ClientInvalid
from clientbook.services import create_client, import_clients
from clientbook.sql import SqlStore, StorageError
from tests.factories import claire, complete_company

from .conftest import Units

TENANT = "cabinet-lefort"


def store_directly(store: SqlStore, client: Client) -> None:
    """Add *client* through the repository, without the record rules (as a host may)."""
    with store.unit_of_work(tenant_id=TENANT) as uow:
        uow.clients.add(client)
        uow.commit()


UNSTORABLE = ["Boulangerie \ud800 Martin", "Boulangerie\x00Martin", "\udfff"]


@pytest.mark.parametrize("name", UNSTORABLE)
def test_a_record_with_unstorable_text_is_refused_by_the_rules_on_every_adapter(
    units: Units, name: str
) -> None:
    client = complete_company(name=name, contacts=(claire(last_name=f"Du{name}bois"),))
    with pytest.raises(ClientInvalid) as refused:
        create_client(units(TENANT), client, user="u-amelie", locale="en")
    codes = [(p.code, p.field) for p in refused.value.problems if p.code == "text.unstorable"]
    assert codes == [("text.unstorable", "name"), ("text.unstorable", "contacts[0].last_name")]
    with units(TENANT) as uow:
        assert uow.clients.list() == []


@pytest.mark.parametrize("name", UNSTORABLE)
def test_an_import_leaves_such_a_record_out_and_goes_on(units: Units, name: str) -> None:
    rows = [complete_company(id="c1", name=name), complete_company(2, id="c2")]
    report = import_clients(units(TENANT), rows, user="u-amelie")
    assert report.created == ("c2",)
    assert [(s.client_id, [p.code for p in s.problems]) for s in report.skipped] == [
        ("c1", ["text.unstorable"])
    ]


@pytest.mark.parametrize("name", ["Boulangerie \ud800 Martin", "\udfff"])
def test_a_lone_surrogate_handed_to_the_sql_adapter_is_a_storage_error(
    store: SqlStore, name: str
) -> None:
    with pytest.raises(StorageError) as refused:
        store_directly(store, attrs.evolve(complete_company(), name=name))
    assert "surrogate" in refused.value.detail
    with pytest.raises(StorageError), store.unit_of_work(tenant_id=TENANT) as uow:
        uow.clients.get(name)


@pytest.mark.postgres
def test_a_nul_handed_to_postgres_is_a_storage_error(postgres_store: SqlStore) -> None:
    with pytest.raises(StorageError):
        store_directly(postgres_store, complete_company(name="Boulangerie\x00Martin"))
