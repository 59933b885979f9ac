"""The contract of a client repository: what :class:`ClientRepository` promises, test by test."""

# The tests are named as sentences: their names are their documentation.

from __future__ import annotations

import attrs
import pytest
from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test

from clientbook._records.address import DeliveryAddress
from clientbook._records.client import Client, ClientKind, Role
from clientbook._records.contact import Contact
from clientbook._rules.duplicates import duplicate_keys
from clientbook._rules.search import SearchTooLong
from clientbook._services.refusals import ClientExists, ClientNotFound, StaleClient
from clientbook.testing._contract.data import (
    CREATED,
    TYPED,
    VENISSIEUX,
    Contract,
    UnitOfWorkFactory,
    checks,
    claire,
    company,
    dubois,
    expected,
    ids,
)
from clientbook.testing._contract.model import model_machine

__all__ = ["ClientRepositoryContract"]


class ClientRepositoryContract(Contract):
    """The contract of :class:`~clientbook.repositories.ClientRepository`: subclass it.

    Provide the ``clientbook_uow_factory`` fixture (see :mod:`clientbook.testing.contract`).
    """

    # --- round trip -------------------------------------------------------------------------

    @checks("aggregate")
    def test_an_added_client_is_read_back_whole_at_version_1(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        full, person = dubois(), claire()
        with uow_factory(self.tenant_id) as uow:
            added = [uow.clients.add(full), uow.clients.add(person)]
            uow.commit()
        assert added == [attrs.evolve(full, version=1), attrs.evolve(person, version=1)]
        with uow_factory(self.tenant_id) as uow:
            read = [uow.clients.get(full.id), uow.clients.get(person.id)]
        assert read == added
        assert read[0].contacts == full.contacts
        assert read[0].delivery_addresses == full.delivery_addresses
        assert read[0].created_at == CREATED
        assert read[0].created_at is not None
        assert read[0].created_at.utcoffset() is not None

    @checks("aggregate")
    def test_a_client_with_only_its_id_and_kind_is_read_back_equal(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        bare = Client(id="cl-vide", kind=ClientKind.COMPANY)
        with uow_factory(self.tenant_id) as uow:
            uow.clients.add(bare)
            uow.commit()
        with uow_factory(self.tenant_id) as uow:
            assert uow.clients.get("cl-vide") == attrs.evolve(bare, version=1)

    @checks("ids")
    def test_adding_a_client_whose_id_is_taken_raises_client_exists(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        with uow_factory(self.tenant_id) as uow:
            uow.clients.add(dubois())
            uow.commit()
        intruder = company("cl-0001", "Garage Lefranc")
        with uow_factory(self.tenant_id) as uow, pytest.raises(ClientExists) as refused:
            uow.clients.add(intruder)
        assert refused.value.client_id == "cl-0001"
        with uow_factory(self.tenant_id) as uow:
            assert uow.clients.get("cl-0001").name == "Établissements Dubois & Fils"

    @checks("ids")
    def test_adding_the_same_id_twice_in_one_unit_raises_client_exists(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        with uow_factory(self.tenant_id) as uow:
            uow.clients.add(dubois())
            with pytest.raises(ClientExists) as refused:
                uow.clients.add(company("cl-0001", "Garage Lefranc"))
        assert refused.value.client_id == "cl-0001"

    # --- not found --------------------------------------------------------------------------

    @checks("not found")
    def test_getting_an_unknown_id_raises_client_not_found(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        with uow_factory(self.tenant_id) as uow, pytest.raises(ClientNotFound) as refused:
            uow.clients.get("cl-9999")
        assert refused.value.client_id == "cl-9999"

    @checks("not found")
    def test_updating_an_unknown_client_raises_client_not_found(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        ghost = attrs.evolve(company("cl-9999", "Fantôme SARL"), version=1)
        with uow_factory(self.tenant_id) as uow, pytest.raises(ClientNotFound) as refused:
            uow.clients.update(ghost)
        assert refused.value.client_id == "cl-9999"

    # --- versions ---------------------------------------------------------------------------

    @checks("versions")
    def test_an_update_stores_the_change_and_bumps_the_version(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        with uow_factory(self.tenant_id) as uow:
            copy = uow.clients.get("cl-0003")
            renamed = attrs.evolve(copy, name="Boulangerie Martin & Fille", website="martin.fr")
            updated = uow.clients.update(renamed)
            uow.commit()
        assert updated == attrs.evolve(renamed, version=2)
        with uow_factory(self.tenant_id) as uow:
            assert uow.clients.get("cl-0003") == updated
            again = uow.clients.update(attrs.evolve(updated, active=False))
            uow.commit()
        assert again.version == 3
        with uow_factory(self.tenant_id) as uow:
            assert uow.clients.get("cl-0003") == again

    @checks("aggregate")
    def test_an_update_replaces_the_whole_aggregate(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        with uow_factory(self.tenant_id) as uow:
            copy = uow.clients.get("cl-0001")
            changed = attrs.evolve(
                copy,
                contacts=copy.contacts[1:],
                delivery_addresses=(DeliveryAddress(address=VENISSIEUX, default=True),),
                billing_address=None,
                parent_id=None,
                roles=frozenset({Role.CLIENT}),
            )
            updated = uow.clients.update(changed)
            uow.commit()
        with uow_factory(self.tenant_id) as uow:
            assert uow.clients.get("cl-0001") == updated == attrs.evolve(changed, version=2)

    @checks("versions")
    def test_an_update_from_a_stale_copy_raises_stale_client_and_overwrites_nothing(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        with uow_factory(self.tenant_id) as uow:
            old_copy = uow.clients.get("cl-0003")
            newer = uow.clients.update(attrs.evolve(old_copy, name="Boulangerie Martin SARL"))
            uow.commit()
        with uow_factory(self.tenant_id) as uow:
            with pytest.raises(StaleClient) as refused:
                uow.clients.update(attrs.evolve(old_copy, name="Boulangerie Martine"))
            assert refused.value.client_id == "cl-0003"
            assert refused.value.expected_version == 1
            assert refused.value.actual_version == 2
        with uow_factory(self.tenant_id) as uow:
            assert uow.clients.get("cl-0003") == newer

    @checks("versions")
    def test_a_copy_never_stored_cannot_update_a_stored_client(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        with uow_factory(self.tenant_id) as uow, pytest.raises(StaleClient) as refused:
            uow.clients.update(company("cl-0003", "Boulangerie Martine"))  # version 0
        assert (refused.value.expected_version, refused.value.actual_version) == (0, 1)

    # --- get_many and list ------------------------------------------------------------------

    @checks("pages")
    def test_get_many_returns_only_the_clients_that_exist(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        by_id = {client.id: client for client in stored}
        with uow_factory(self.tenant_id) as uow:
            found = uow.clients.get_many(["cl-0005", "cl-9999", "cl-0001", "cl-0005", ""])
            assert found == {"cl-0005": by_id["cl-0005"], "cl-0001": by_id["cl-0001"]}
            assert uow.clients.get_many([]) == {}
            assert uow.clients.get_many(iter(["cl-0002"])) == {"cl-0002": by_id["cl-0002"]}
            assert uow.clients.get_many(by_id) == by_id

    @checks("pages")
    def test_list_pages_through_the_clients_by_id(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        every = sorted(ids(stored))
        with uow_factory(self.tenant_id) as uow:
            pages: list[list[str]] = []
            after: str | None = None
            while (page := ids(uow.clients.list(after=after, limit=5))) and len(pages) < 5:
                pages.append(page)
                after = page[-1]
            assert [len(page) for page in pages] == [5, 5, 2]
            assert [i for page in pages for i in page] == every
            assert ids(uow.clients.list()) == every
            assert ids(uow.clients.list(after="cl-0004", limit=3)) == every[4:7]
            assert ids(uow.clients.list(after="cl-00045", limit=3)) == every[4:7]
            assert ids(uow.clients.list(after="cl-0012")) == []
            assert uow.clients.list(limit=5) == sorted(stored, key=lambda c: c.id)[:5]

    @checks("pages")
    def test_list_leaves_archived_clients_out_when_asked(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        active = sorted(client.id for client in stored if client.active)
        with uow_factory(self.tenant_id) as uow:
            assert ids(uow.clients.list(include_archived=False)) == active
            assert ids(uow.clients.list(include_archived=False, limit=4)) == active[:4]
            first = ids(uow.clients.list(include_archived=False, after="cl-0004", limit=2))
            assert first == ["cl-0006", "cl-0007"]  # cl-0005 is archived
            assert "cl-0005" in ids(uow.clients.list(include_archived=True))

    # --- search -----------------------------------------------------------------------------

    @pytest.mark.parametrize("typed", TYPED)
    @checks("search")
    def test_search_agrees_with_matches_prefix(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client], typed: str
    ) -> None:
        with uow_factory(self.tenant_id) as uow:
            assert ids(uow.clients.search(typed)) == expected(stored, typed)
            assert ids(uow.clients.search(typed, include_archived=True)) == expected(
                stored, typed, include_archived=True
            )

    @checks("search")
    def test_search_finds_etablissements_by_ets_and_the_other_way_round(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        with uow_factory(self.tenant_id) as uow:
            assert ids(uow.clients.search("ets")) == ["cl-0001", "cl-0004"]
            assert ids(uow.clients.search("établissements mor")) == ["cl-0004"]

    @checks("search")
    def test_search_finds_a_company_by_the_start_of_its_numbers_typed_with_spaces(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        with uow_factory(self.tenant_id) as uow:
            assert ids(uow.clients.search("123 45")) == ["cl-0009", "cl-0001"]
            assert ids(uow.clients.search("404 833")) == ["cl-0003"]
            assert ids(uow.clients.search("fr11")) == ["cl-0009", "cl-0001"]
            assert ids(uow.clients.search("FR 83 404")) == ["cl-0003"]

    @checks("search")
    def test_search_leaves_archived_clients_out_unless_asked(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        with uow_factory(self.tenant_id) as uow:
            assert uow.clients.search("plomberie") == []
            assert ids(uow.clients.search("plomberie", include_archived=True)) == ["cl-0005"]
            assert ids(uow.clients.search("coeur boul", include_archived=True)) == ["cl-0010"]

    @checks("search")
    def test_search_orders_by_name_then_id_and_honours_the_limit(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        with uow_factory(self.tenant_id) as uow:
            assert ids(uow.clients.search("boul")) == ["cl-0006", "cl-0003", "cl-0011"]
            assert ids(uow.clients.search("boul", limit=2)) == ["cl-0006", "cl-0003"]
            assert ids(uow.clients.search("boul", limit=1)) == ["cl-0006"]
            assert ids(uow.clients.search("boul", include_archived=True, limit=4)) == [
                "cl-0006",
                "cl-0003",
                "cl-0011",
                "cl-0010",
            ]

    @checks("search")
    def test_search_reflects_a_renamed_client(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        with uow_factory(self.tenant_id) as uow:
            copy = uow.clients.get("cl-0006")
            uow.clients.update(attrs.evolve(copy, name="Pâtisserie Dupont", siret="", siren=""))
            uow.commit()
        with uow_factory(self.tenant_id) as uow:
            assert ids(uow.clients.search("boul")) == ["cl-0003", "cl-0011"]
            assert ids(uow.clients.search("pâtis")) == ["cl-0006"]
            assert ids(uow.clients.search("dupont")) == ["cl-0007", "cl-0006"]
            assert uow.clients.search("246813570") == []

    @checks("search")
    def test_searching_an_archived_client_after_archiving_and_reactivating_it(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        with uow_factory(self.tenant_id) as uow:
            copy = uow.clients.get("cl-0008")
            archived = uow.clients.update(attrs.evolve(copy, active=False))
            uow.commit()
            assert uow.clients.search("garage") == []
            uow.clients.update(attrs.evolve(archived, active=True))
            uow.commit()
        with uow_factory(self.tenant_id) as uow:
            assert ids(uow.clients.search("garage")) == ["cl-0008"]

    # --- numbers and duplicate keys ---------------------------------------------------------

    @checks("numbers")
    def test_clients_entered_with_spaces_are_found_by_their_numbers(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        with uow_factory(self.tenant_id) as uow:
            by_siret = uow.clients.by_sirets(["40483304800014", "404 833 048 00014", "555"])
            assert by_siret == {"40483304800014": [stored[2]]}
            by_vat = uow.clients.by_vats(iter(["fr 83 404 833 048", "FR11123456782", ""]))
            assert {number: ids(found) for number, found in by_vat.items()} == {
                "FR83404833048": ["cl-0003"],
                "FR11123456782": ["cl-0001", "cl-0009"],
            }

    @checks("numbers")
    def test_number_lookups_include_archived_clients_and_follow_a_changed_number(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        with uow_factory(self.tenant_id) as uow:
            assert ids(uow.clients.by_sirets(["98765432400019"])["98765432400019"]) == ["cl-0005"]
            assert ids(uow.clients.by_vats(["FR14987654324"])["FR14987654324"]) == ["cl-0005"]
            assert uow.clients.by_sirets([]) == {} == uow.clients.by_vats([""])
            copy = uow.clients.get("cl-0008")
            uow.clients.update(attrs.evolve(copy, siret="31415926000020"))
            uow.commit()
        with uow_factory(self.tenant_id) as uow:
            assert uow.clients.by_sirets(["31415926000012"]) == {}
            assert ids(uow.clients.by_sirets(["31415926000020"])["31415926000020"]) == ["cl-0008"]

    @checks("duplicate keys")
    def test_the_clients_sharing_a_duplicate_key_are_found_archived_ones_included(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        with uow_factory(self.tenant_id) as uow:
            found = uow.clients.by_duplicate_keys([("siren", "123456782")])
            assert ids(found) == ["cl-0001", "cl-0009"]
            assert ids(uow.clients.by_duplicate_keys([("vat", "14987654324")])) == ["cl-0005"]
            assert ids(
                uow.clients.by_duplicate_keys(
                    [("email", "jerome@dubois-fils.fr"), ("siren", "404833048")]
                )
            ) == ["cl-0001", "cl-0003"]
            assert uow.clients.by_duplicate_keys([("siren", "555666775")]) == []
            assert uow.clients.by_duplicate_keys([]) == []
            for client in stored:
                for key in duplicate_keys(client):
                    assert client in uow.clients.by_duplicate_keys([key]), key

    @checks("duplicate keys")
    def test_duplicate_keys_follow_a_change_pending_or_committed(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        contact = Contact(first_name="Lucie", last_name="Martin", email="compta@martin.fr")
        with uow_factory(self.tenant_id) as uow:
            copy = uow.clients.get("cl-0003")
            changed = uow.clients.update(attrs.evolve(copy, contacts=(contact,)))
            assert uow.clients.by_duplicate_keys([("email", "compta@martin.fr")]) == [changed]
            added = uow.clients.add(company("cl-0100", "Menuiserie Petit", siret="40483304800022"))
            assert ids(uow.clients.by_duplicate_keys([("siren", "404833048")])) == [
                "cl-0003",
                added.id,
            ]
            uow.commit()
        with uow_factory(self.tenant_id) as uow:
            copy = uow.clients.get("cl-0003")
            uow.clients.update(attrs.evolve(copy, contacts=()))
            uow.commit()
        with uow_factory(self.tenant_id) as uow:
            assert uow.clients.by_duplicate_keys([("email", "compta@martin.fr")]) == []
            assert ids(uow.clients.by_duplicate_keys([("siren", "404833048")])) == [
                "cl-0003",
                "cl-0100",
            ]

    # --- a model ----------------------------------------------------------------------------

    @checks("model")
    def test_the_adapter_behaves_as_a_simple_model_over_any_sequence_of_operations(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        run_state_machine_as_test(
            model_machine(uow_factory),
            settings=settings(
                max_examples=25,
                stateful_step_count=25,
                deadline=None,
                suppress_health_check=[HealthCheck.too_slow],
            ),
        )

    # --- what a search takes ----------------------------------------------------------------

    @checks("search")
    def test_search_refuses_more_than_ten_words_or_two_hundred_characters(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        ten = "boul mar lyon 69 sarl et fils rue des lilas"
        with uow_factory(self.tenant_id) as uow:
            assert uow.clients.search(ten) == []
            assert ids(uow.clients.search("Éts" + " " * 197)) == expected(stored, "ets")
            with pytest.raises(SearchTooLong) as refused:
                uow.clients.search(f"{ten} 3")
            assert (refused.value.words, refused.value.length) == (11, len(ten) + 2)
            with pytest.raises(SearchTooLong) as refused:  # 2,000 words: not one is searched
                uow.clients.search(" ".join(f"mot{n}" for n in range(2000)))
            assert refused.value.words is None
            with pytest.raises(SearchTooLong):
                uow.clients.search("dub" + " " * 198, include_archived=True, limit=1)
