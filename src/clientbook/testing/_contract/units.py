"""The contract of a unit of work: transactions, tenants, and joining the host's transaction."""

# The tests are named as sentences: their names are their documentation.

from __future__ import annotations

import attrs
import pytest

from clientbook._records.client import Client
from clientbook._services.refusals import ClientNotFound, StaleClient
from clientbook.repositories import UnitOfWork
from clientbook.testing._contract.data import (
    Contract,
    UnitOfWorkFactory,
    checks,
    company,
    dubois,
    ids,
)

__all__ = ["UnitOfWorkContract"]


class _Interrupted(Exception):
    """Something went wrong in the middle of a unit of work."""


def _change_then_fail(uow: UnitOfWork) -> None:
    with uow:
        uow.clients.add(company("cl-0100", "Menuiserie Petit"))
        moreau = uow.clients.get("cl-0004")
        uow.clients.update(attrs.evolve(moreau, active=False))
        raise _Interrupted


def _joined_then_fail(uow: UnitOfWork) -> None:
    """Open *uow*, call a service that adds a client in it, then fail."""
    with uow:
        with uow:
            uow.clients.add(company("cl-0100", "Menuiserie Petit"))
            uow.commit()
        raise _Interrupted


def _fail_after_writing(uow: UnitOfWork, client: Client) -> None:
    """Join the open *uow*, update *client* in it, then fail."""
    with uow:
        uow.clients.update(attrs.evolve(client, name="Ets Moreau et Cie"))
        raise _Interrupted


def _update_and_commit(uow: UnitOfWork, client: Client) -> None:
    uow.clients.update(client)
    uow.commit()


class UnitOfWorkContract(Contract):
    """The contract of :class:`~clientbook.repositories.UnitOfWork`: subclass it.

    Provide the ``clientbook_uow_factory`` fixture (see :mod:`clientbook.testing.contract`).
    """

    # --- transactions -----------------------------------------------------------------------

    @checks("versions")
    def test_of_two_units_of_work_at_once_the_second_to_update_a_client_fails(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        first, second = uow_factory(self.tenant_id), uow_factory(self.tenant_id)
        with first, second:
            mine = first.clients.get("cl-0004")
            theirs = second.clients.get("cl-0004")
            first.clients.update(attrs.evolve(mine, name="Ets Moreau et Cie"))
            first.commit()
            with pytest.raises(StaleClient) as refused:  # at the update, or at the commit
                _update_and_commit(second, attrs.evolve(theirs, name="Établissements Moreau"))
        assert refused.value.client_id == "cl-0004"
        assert refused.value.actual_version == 2
        with uow_factory(self.tenant_id) as uow:
            now = uow.clients.get("cl-0004")
        assert (now.name, now.version) == ("Ets Moreau et Cie", 2)

    @checks("isolation")
    def test_uncommitted_changes_are_invisible_to_another_unit_of_work(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        writer, reader = uow_factory(self.tenant_id), uow_factory(self.tenant_id)
        with writer:
            writer.clients.add(company("cl-0100", "Menuiserie Petit", siret="27182818800026"))
            copy = writer.clients.get("cl-0003")
            writer.clients.update(attrs.evolve(copy, name="Pâtisserie Martin"))
            with reader:
                with pytest.raises(ClientNotFound):
                    reader.clients.get("cl-0100")
                assert reader.clients.get("cl-0003") == stored[2]
                assert reader.clients.search("menuis") == []
                assert reader.clients.search("pâtis") == []
                assert reader.clients.by_sirets(["27182818800026"]) == {}
                assert "cl-0100" not in ids(reader.clients.list(limit=100))
            writer.rollback()
        self._assert_untouched(uow_factory, stored)

    @checks("isolation")
    def test_leaving_the_with_block_without_commit_forgets_the_changes(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        uow = uow_factory(self.tenant_id)
        with uow:
            uow.clients.add(company("cl-0100", "Menuiserie Petit"))
            copy = uow.clients.get("cl-0004")
            uow.clients.update(attrs.evolve(copy, name="Pâtisserie Martin"))
        self._assert_untouched(uow_factory, stored)

    @checks("isolation")
    def test_an_exception_inside_the_with_block_rolls_back(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        with pytest.raises(_Interrupted):
            _change_then_fail(uow_factory(self.tenant_id))
        self._assert_untouched(uow_factory, stored)

    @checks("isolation")
    def test_rollback_forgets_the_changes_made_since_the_last_commit(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        with uow_factory(self.tenant_id) as uow:
            kept = uow.clients.add(company("cl-0100", "Menuiserie Petit"))
            uow.commit()
            uow.clients.add(company("cl-0101", "Charpente Leroy"))
            uow.clients.update(attrs.evolve(stored[3], active=False))
            uow.rollback()
            with pytest.raises(ClientNotFound):
                uow.clients.get("cl-0101")
            assert uow.clients.get("cl-0004") == stored[3]
            uow.clients.add(company("cl-0102", "Couverture Blanc"))
            uow.commit()
        with uow_factory(self.tenant_id) as uow:
            assert uow.clients.get("cl-0100") == kept
            assert set(uow.clients.get_many(["cl-0100", "cl-0101", "cl-0102"])) == {
                "cl-0100",
                "cl-0102",
            }

    @checks("own reads")
    def test_a_unit_of_work_reads_its_own_pending_changes(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        with uow_factory(self.tenant_id) as uow:
            added = uow.clients.add(
                company("cl-0100", "Menuiserie Petit", siret="271 828 188 00026")
            )
            copy = uow.clients.get("cl-0003")
            updated = uow.clients.update(attrs.evolve(copy, name="Pâtisserie Martin"))
            archived = uow.clients.update(attrs.evolve(stored[3], active=False))
            assert uow.clients.get("cl-0100") == added
            assert uow.clients.get("cl-0003") == updated
            assert uow.clients.get_many(["cl-0100", "cl-0003", "cl-0004"]) == {
                "cl-0100": added,
                "cl-0003": updated,
                "cl-0004": archived,
            }
            assert ids(uow.clients.search("menuis")) == ["cl-0100"]
            assert ids(uow.clients.search("pâtis")) == ["cl-0003"]
            assert ids(uow.clients.search("ets moreau")) == []
            assert ids(uow.clients.by_sirets(["27182818800026"])["27182818800026"]) == ["cl-0100"]
            listed = ids(uow.clients.list(limit=100, include_archived=False))
            assert "cl-0100" in listed
            assert "cl-0004" not in listed
            assert listed == sorted(listed)

    @checks("isolation")
    def test_committed_changes_are_seen_by_a_new_unit_of_work(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        with uow_factory(self.tenant_id) as uow:
            added = uow.clients.add(dubois())
            uow.commit()
        with uow_factory(self.tenant_id) as uow:
            assert uow.clients.get_many([added.id]) == {added.id: added}

    def _assert_untouched(self, uow_factory: UnitOfWorkFactory, stored: list[Client]) -> None:
        with uow_factory(self.tenant_id) as uow:
            with pytest.raises(ClientNotFound):
                uow.clients.get("cl-0100")
            assert uow.clients.get_many(ids(stored)) == {c.id: c for c in stored}
            assert ids(uow.clients.list(limit=100)) == sorted(ids(stored))
            assert ids(uow.clients.search("menuis")) == []
            assert ids(uow.clients.search("ets moreau")) == ["cl-0004"]

    # --- joining the host's transaction -----------------------------------------------------

    @checks("joining")
    def test_a_joined_block_commits_nothing_the_outermost_block_commits(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        host = uow_factory(self.tenant_id)
        with host:
            with host:  # a service called in the host's transaction
                added = host.clients.add(company("cl-0100", "Menuiserie Petit"))
                host.commit()
            with uow_factory(self.tenant_id) as other:
                assert other.clients.get_many(["cl-0100"]) == {}
            with host:  # a second service sees the first one's work
                assert host.clients.get("cl-0100") == added
                host.clients.update(attrs.evolve(added, name="Menuiserie Petit & Fils"))
                host.commit()
            host.commit()
        with uow_factory(self.tenant_id) as uow:
            assert uow.clients.get("cl-0100").name == "Menuiserie Petit & Fils"

    @checks("joining")
    def test_an_exception_out_of_the_outermost_block_undoes_the_joined_blocks_work(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        with pytest.raises(_Interrupted):
            _joined_then_fail(uow_factory(self.tenant_id))
        self._assert_untouched(uow_factory, stored)

    @checks("joining")
    def test_a_joined_block_that_fails_after_writing_rolls_the_whole_unit_back(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        host = uow_factory(self.tenant_id)
        with host:
            host.clients.add(company("cl-0100", "Menuiserie Petit"))
            with pytest.raises(_Interrupted):
                _fail_after_writing(host, stored[3])
            with pytest.raises(RuntimeError):  # half of a call is never committed
                host.clients.get("cl-0100")
            with pytest.raises(RuntimeError):
                host.commit()
            host.rollback()  # the unit goes on, with nothing of before
            assert host.clients.get_many(["cl-0100"]) == {}
            host.commit()
        self._assert_untouched(uow_factory, stored)

    @checks("joining")
    def test_a_joined_block_that_fails_before_writing_leaves_the_transaction_as_it_was(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        host = uow_factory(self.tenant_id)
        with host:
            added = host.clients.add(company("cl-0100", "Menuiserie Petit"))
            with pytest.raises(ClientNotFound), host:  # a service refused before writing
                host.clients.get("cl-9999")
            host.commit()
        with uow_factory(self.tenant_id) as uow:
            assert uow.clients.get("cl-0100") == added

    # --- tenants ----------------------------------------------------------------------------

    @checks("tenants")
    def test_another_tenant_cannot_read_a_client_even_with_its_id(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        with uow_factory(self.other_tenant_id) as uow:
            with pytest.raises(ClientNotFound) as refused:
                uow.clients.get("cl-0001")
            assert refused.value.client_id == "cl-0001"
            assert uow.clients.get_many(ids(stored)) == {}

    @checks("tenants")
    def test_another_tenant_lists_and_searches_none_of_the_clients(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        with uow_factory(self.other_tenant_id) as uow:
            assert uow.clients.list() == []
            assert uow.clients.list(after="", include_archived=False) == []
            for typed in ("dub", "boul", "123", "fr11", "plomb"):
                assert uow.clients.search(typed, include_archived=True) == []

    @checks("tenants")
    def test_another_tenant_finds_none_of_the_clients_by_their_numbers_or_keys(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        with uow_factory(self.other_tenant_id) as uow:
            assert uow.clients.by_sirets(["12345678200010", "40483304800014"]) == {}
            assert uow.clients.by_vats(["FR11123456782"]) == {}
            assert uow.clients.by_duplicate_keys([("siren", "123456782")]) == []

    @checks("tenants")
    def test_another_tenant_cannot_update_a_client_even_with_its_id(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        dubois_stored = stored[0]
        with uow_factory(self.other_tenant_id) as uow:
            with pytest.raises(ClientNotFound) as refused:
                uow.clients.update(attrs.evolve(dubois_stored, name="Piraté SA"))
            uow.commit()
        assert refused.value.client_id == dubois_stored.id
        with uow_factory(self.tenant_id) as uow:
            assert uow.clients.get(dubois_stored.id) == dubois_stored

    @checks("tenants")
    def test_two_tenants_may_each_have_a_client_with_the_same_id(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        theirs = company("cl-0001", "Garage Girard", siret="12345678200010")
        with uow_factory(self.other_tenant_id) as uow:
            added = uow.clients.add(theirs)
            uow.commit()
        with uow_factory(self.other_tenant_id) as uow:
            assert uow.clients.get("cl-0001") == added
            assert uow.clients.by_sirets(["12345678200010"]) == {"12345678200010": [added]}
        with uow_factory(self.tenant_id) as uow:
            assert uow.clients.get("cl-0001") == stored[0]
            assert ids(uow.clients.search("garage girard")) == []
