"""Removing a client, a method of both adapters outside the protocol: gone whole, tenant kept.

``remove`` is not part of :class:`clientbook.repositories.ClientRepository` (no service of the
clients family deletes a client), so the contract kit does not check it: these tests do, on
the memory store, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import attrs
import pytest

from clientbook import ClientNotFound
from clientbook.memory import MemoryClientRepository
from clientbook.sql import SqlClientRepository
from tests.factories import company

from .conftest import Unit, Units

TENANT = "cabinet-lefort"
OTHER = "atelier-girard"


def clients_of(uow: Unit) -> MemoryClientRepository | SqlClientRepository:
    return uow.clients


@pytest.fixture
def martin(units: Units) -> Units:
    """The tenant holds Boulangerie Martin (cl-1) and Garage du Lys (cl-2)."""
    with units(TENANT) as uow:
        uow.clients.add(
            company(
                "cl-1", "Boulangerie Martin", siret="40483304800014", vat_number="FR83404833048"
            )
        )
        uow.clients.add(company("cl-2", "Garage du Lys"))
        uow.commit()
    return units


def test_a_removed_client_is_found_by_nothing_any_more(martin: Units) -> None:
    with martin(TENANT) as uow:
        clients_of(uow).remove("cl-1")
        uow.commit()
    with martin(TENANT) as uow:
        with pytest.raises(ClientNotFound) as refused:
            uow.clients.get("cl-1")
        assert refused.value.client_id == "cl-1"
        assert list(uow.clients.get_many(["cl-1", "cl-2"])) == ["cl-2"]
        assert [c.id for c in uow.clients.list()] == ["cl-2"]
        assert uow.clients.search("boul") == []
        assert uow.clients.by_sirets(["40483304800014"]) == {}
        assert uow.clients.by_vats(["FR83404833048"]) == {}
        assert uow.clients.by_duplicate_keys([("siren", "404833048")]) == []


def test_removing_an_unknown_client_raises_client_not_found_and_removes_nothing(
    martin: Units,
) -> None:
    with martin(TENANT) as uow:
        with pytest.raises(ClientNotFound) as refused:
            clients_of(uow).remove("cl-9")
        uow.commit()
    assert refused.value.client_id == "cl-9"
    with martin(TENANT) as uow:
        assert [c.id for c in uow.clients.list()] == ["cl-1", "cl-2"]


def test_another_tenant_cannot_remove_a_client_even_with_its_id(martin: Units) -> None:
    with martin(OTHER) as uow:
        with pytest.raises(ClientNotFound):
            clients_of(uow).remove("cl-1")
        uow.commit()
    with martin(TENANT) as uow:
        assert uow.clients.get("cl-1").name == "Boulangerie Martin"


def test_a_removed_id_can_be_added_again_as_a_new_client(martin: Units) -> None:
    with martin(TENANT) as uow:
        clients_of(uow).remove("cl-1")
        uow.commit()
    with martin(TENANT) as uow:
        again = uow.clients.add(company("cl-1", "Pâtisserie Martin"))
        uow.commit()
    with martin(TENANT) as uow:
        assert uow.clients.get("cl-1") == again
        assert again.version == 1
        assert [c.id for c in uow.clients.search("pâtis")] == ["cl-1"]


def test_a_removal_is_seen_in_its_unit_and_forgotten_without_commit(martin: Units) -> None:
    with martin(TENANT) as uow:
        clients_of(uow).remove("cl-2")
        assert uow.clients.get_many(["cl-2"]) == {}
        assert uow.clients.search("garage") == []
        with martin(TENANT) as other:
            assert other.clients.get("cl-2").name == "Garage du Lys"
    with martin(TENANT) as uow:
        renamed = uow.clients.update(attrs.evolve(uow.clients.get("cl-2"), name="Garage Lys"))
        uow.commit()
    assert renamed.version == 2
