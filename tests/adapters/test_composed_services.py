"""Services that compose in the host's transaction, on the memory store, SQLite and PostgreSQL.

A host that opens the unit of work and calls several services inside its ``with`` block owns
the transaction: the services join it and leave the commit to the host, and a failure in any
of them leaves nothing of the others.
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from clientbook import Client, ClientExists, ClientInvalid, Contact, ParentCycle
from clientbook.services import (
    archive_client,
    create_client,
    import_clients,
    list_clients,
    search_clients,
    update_client,
)
from tests.factories import company

from .conftest import Unit, Units

TENANT = "cabinet-lefort"


def martin(client_id: str, name: str, **fields: Any) -> Client:
    """A company of the Martin group, its accountant as primary contact."""
    contact = Contact(
        first_name="Lucie",
        last_name="Martin",
        email=f"compta@{client_id}.fr",
        direct_phone="04 78 42 10 10",
    )
    return company(client_id, name, contacts=(contact,), **fields)


HOLDING = martin("c-holding", "Groupe Martin", siren="732829320")
BRANCH = martin("c-vaise", "Boulangerie Martin Vaise", siren="732829320", parent_id="c-holding")


def stored_ids(units: Units) -> list[str]:
    return [client.id for client in list_clients(units(TENANT))]


def host_creates(uow: Unit, *clients: Client) -> None:
    """The host creates *clients* in one transaction of its own, and commits."""
    with uow:
        for client in clients:
            create_client(uow, client, user="u-amelie")
        uow.commit()


def test_a_failure_in_the_second_call_leaves_nothing_of_the_first(units: Units) -> None:
    with pytest.raises(ClientInvalid):
        host_creates(units(TENANT), HOLDING, attrs.evolve(BRANCH, siren="732829321"))
    assert stored_ids(units) == []


def test_a_refusal_after_two_calls_leaves_nothing_of_either(units: Units) -> None:
    with pytest.raises(ClientExists) as refused:
        host_creates(units(TENANT), HOLDING, BRANCH, attrs.evolve(BRANCH, name="Doublon"))
    assert refused.value.client_id == "c-vaise"
    assert stored_ids(units) == []


def test_the_host_commits_what_its_calls_did_together(units: Units) -> None:
    uow = units(TENANT)
    with uow:
        parent = create_client(uow, HOLDING, user="u-amelie").client
        child = create_client(uow, BRANCH, user="u-amelie").client
        archived = archive_client(uow, child.id)
        assert [c.id for c in search_clients(uow, "groupe")] == [parent.id]
        uow.commit()
    assert (archived.parent_id, archived.active, archived.version) == ("c-holding", False, 2)
    with units(TENANT) as check:
        assert check.clients.get("c-vaise") == archived


def test_calls_in_the_hosts_transaction_commit_nothing_until_the_host_does(
    units: Units,
) -> None:
    uow = units(TENANT)
    with uow:
        create_client(uow, HOLDING, user="u-amelie")
        import_clients(uow, [BRANCH], user="u-amelie", batch_size=1)
        assert stored_ids(units) == []  # another unit of work sees nothing yet
    assert stored_ids(units) == []  # the host left without committing


def test_a_refused_call_leaves_the_hosts_transaction_usable(units: Units) -> None:
    uow = units(TENANT)
    with uow:
        create_client(uow, HOLDING, user="u-amelie")
        create_client(uow, BRANCH, user="u-amelie")
        loop = attrs.evolve(uow.clients.get("c-holding"), parent_id="c-vaise")
        with pytest.raises(ParentCycle):  # refused by the rules, before any write
            update_client(uow, loop)
        uow.commit()
    assert stored_ids(units) == ["c-holding", "c-vaise"]
    with units(TENANT) as check:
        assert check.clients.get("c-holding").parent_id is None
