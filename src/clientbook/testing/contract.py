"""The contract of the repositories and units of work, as a pytest suite to run on any adapter.

:mod:`clientbook.repositories` states the rules every storage adapter keeps: one aggregate per
client, versions that refuse stale copies, nothing visible before commit, rollback otherwise,
tenants that never see each other, a search that agrees with :func:`clientbook.matches_prefix`.
:class:`UnitOfWorkContract` checks each of them with realistic French clients. clientbook runs
it on :mod:`clientbook.memory` and on ``clientbook.sql`` (SQLite and PostgreSQL); a host
application that keeps clients in its own database runs it on its own adapter.

It needs pytest and Hypothesis (the ``testing`` extra installs Hypothesis). To use it, provide
one fixture, ``clientbook_uow_factory``: a callable that takes a tenant id and returns a
:class:`~clientbook.repositories.UnitOfWork` on that tenant, all of them over one fresh, empty
store for each test; then subclass :class:`UnitOfWorkContract` in a test module. The factory
may be called several times in a test, with the same or another tenant id (two units of work at
once, another tenant), and the property test calls it with new tenant ids for each example. For
instance, in the host's ``tests/conftest.py``::

    import pytest

    from myapp.storage import MyUnitOfWork, make_test_database


    @pytest.fixture
    def clientbook_uow_factory(tmp_path):
        database = make_test_database(tmp_path / "clients.db")  # fresh and empty
        yield lambda tenant_id: MyUnitOfWork(database, tenant_id=tenant_id)
        database.close()

and in ``tests/test_client_storage.py``::

    from clientbook.testing.contract import UnitOfWorkContract


    class TestMyClientStorage(UnitOfWorkContract):
        pass

The fixture can also be defined as a method of the test class. Every test of the contract is
then collected and run for the adapter, named after the rule it checks
(``test_an_update_from_a_stale_copy_raises_stale_client_and_overwrites_nothing``...).

The clients used by the contract carry valid, fictitious identifiers; they are stored as given
(repositories store what they are given, the services of :mod:`clientbook.services` normalise
and validate first), some of them with the spaces people type.
"""

# The tests are named as sentences: their names are their documentation.
# ruff: noqa: D102

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import ClassVar
from uuid import uuid4

import attrs
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from clientbook._records.address import Address, DeliveryAddress
from clientbook._records.client import Client, ClientKind, Role
from clientbook._records.contact import Civility, Contact
from clientbook._rules.search import matches_prefix, search_key
from clientbook._services.refusals import ClientExists, ClientNotFound, StaleClient
from clientbook.repositories import UnitOfWork

__all__ = ["UnitOfWorkContract", "UnitOfWorkFactory"]

#: What the ``clientbook_uow_factory`` fixture returns: a tenant id in, a unit of work out.
UnitOfWorkFactory = Callable[[str], UnitOfWork]

_TENANT = "cabinet-lefort"
_OTHER_TENANT = "atelier-girard"
_CREATED = datetime.datetime(
    2026, 3, 14, 9, 30, 15, 250_000, tzinfo=datetime.timezone(datetime.timedelta(hours=1))
)

_LYON = Address(line1="12 rue des Lilas", postal_code="69003", city="Lyon")
_VENISSIEUX = Address(
    line1="ZI de la Rize", line2="Bâtiment C", postal_code="69200", city="Vénissieux"
)


def _dubois() -> Client:
    """A company with every field filled: contacts, addresses, identifiers, timestamps."""
    return Client(
        id="cl-0001",
        kind=ClientKind.COMPANY,
        roles=frozenset({Role.CLIENT, Role.SUPPLIER}),
        name="Établissements Dubois & Fils",
        website="https://www.dubois-fils.fr",
        company_type="SARL",
        language="Français",
        source="Salon Equip'Hôtel",
        address=_LYON,
        billing_address=Address(
            line1="BP 4021", postal_code="69401", city="Lyon Cedex 03", country="FR"
        ),
        delivery_addresses=(
            DeliveryAddress(address=_LYON, label="Siège", default=True),
            DeliveryAddress(address=_VENISSIEUX, label="Entrepôt de Vénissieux"),
            DeliveryAddress(
                address=Address(line1="3 quai Perrache", postal_code="69002", city="Lyon"),
                label="Ancien dépôt",
                archived=True,
            ),
        ),
        parent_id="cl-0009",
        vat_number="FR11123456782",
        siret="12345678200010",
        siren="123456782",
        ape_code="46.73A",
        accounting_account="411DUBOIS",
        active=True,
        contacts=(
            Contact(
                civility=Civility.MRS,
                first_name="Hélène",
                last_name="Lefèvre-Nguyen",
                email="helene.lefevre@dubois-fils.fr",
                position="Directrice administrative",
                direct_phone="+33478000001",
                mobile_phone="+33612345678",
                switchboard_phone="+33478000000",
                source="Salon Equip'Hôtel",
                primary=True,
            ),
            Contact(
                civility=Civility.MR,
                first_name="Jérôme",
                last_name="Dubois",
                email="jerome@dubois-fils.fr",
                position="Commercial",
            ),
        ),
        owner="u-amelie",
        created_at=_CREATED,
    )


def _claire() -> Client:
    """An individual: civility, first and last name, no company identifiers."""
    return Client(
        id="cl-0002",
        kind=ClientKind.INDIVIDUAL,
        roles=frozenset({Role.PROSPECT}),
        civility=Civility.MRS,
        first_name="Claire",
        last_name="Dubois",
        language="Français",
        address=Address(line1="5 allée des Cèdres", postal_code="97400", city="Saint-Denis"),
        owner="u-amelie",
        created_at=datetime.datetime(2025, 12, 1, 17, 5, tzinfo=datetime.UTC),
    )


def _company(
    client_id: str,
    name: str,
    *,
    siret: str = "",
    vat_number: str = "",
    contacts: tuple[tuple[str, str], ...] = (),
    active: bool = True,
) -> Client:
    return Client(
        id=client_id,
        kind=ClientKind.COMPANY,
        name=name,
        siret=siret,
        vat_number=vat_number,
        contacts=tuple(
            Contact(first_name=first, last_name=last, primary=index == 0)
            for index, (first, last) in enumerate(contacts)
        ),
        active=active,
    )


def _clients() -> list[Client]:
    """Realistic French clients for the search and listing tests, entered as people type."""
    return [
        _dubois(),
        _claire(),
        _company(
            "cl-0003",
            "Boulangerie Martin",
            siret="404 833 048 00014",
            vat_number="FR 83 404 833 048",
            contacts=(("Lucie", "Martin"),),
        ),
        _company("cl-0004", "Ets Moreau", siret="11122233700011", contacts=(("Paul", "Moreau"),)),
        _company(
            "cl-0005",
            "Société Générale de Plomberie",
            siret="98765432400019",
            vat_number="FR14987654324",
            active=False,
        ),
        _company("cl-0006", "Boulangerie Dupont", siret="246 813 570 00016"),
        _company(
            "cl-0007",
            "Dupont Lyon Transports",
            siret="13579246300014",
            contacts=(("Lydie", "Roux"),),
        ),
        _company("cl-0008", "Garage du Lys", siret="31415926000012"),
        _company("cl-0009", "Dubois Holding", siret="12345678200028", vat_number="FR11 123456782"),
        _company("cl-0010", "Cœur de Boulogne", siret="27182818800018", active=False),
        _company("cl-0011", "Boulangerie Martin", siret="11122233700029"),  # a homonym
        _company("cl-0012", "Saint-Éloi Serrurerie", contacts=(("Éloïse", "Bœuf"),)),
    ]


# What users type, each with the search it exercises.
_TYPED = [
    "dub",  # a name's first letters: two companies and an individual
    "DUBOIS",  # case
    "ÉTAB",  # accents typed
    "etablissements",  # the full word
    "ets",  # « Ets » finds « Établissements » and « Ets Moreau »
    "Éts.",
    "boul",  # several companies, and a homonym ordered by id
    "boulangerie martin",  # two words
    "martin boul",  # in any order
    "dupont ly",  # a word of the name and one of a contact's or the name
    "hélè lef",  # a contact's first and last name
    "coeur",  # « Cœur » written as typed
    "st eloi",  # « St » stands for « Saint »
    "saint",
    "boeuf",
    "123 45",  # SIREN typed with spaces: the whole text without spaces
    "12345678200010",  # a SIRET
    "40483304800014",  # a SIRET entered with spaces, typed without
    "fr11",  # a VAT number's start
    "FR 83 404",
    "plomb",  # an archived company
    "zz",  # nothing
    "l'",  # punctuation and one letter
    "",  # empty: nothing
    " - ",
]


def _expected(
    clients: list[Client], typed: str, *, include_archived: bool = False, limit: int = 20
) -> list[str]:
    found = [c for c in clients if matches_prefix(c, typed, include_archived=include_archived)]
    found.sort(key=lambda client: (search_key(client.display_name), client.id))
    return [client.id for client in found[:limit]]


def _ids(clients: list[Client]) -> list[str]:
    return [client.id for client in clients]


def _update_and_commit(uow: UnitOfWork, client: Client) -> None:
    uow.clients.update(client)
    uow.commit()


class _Interrupted(Exception):
    """Something went wrong in the middle of a unit of work."""


def _change_then_fail(uow: UnitOfWork) -> None:
    with uow:
        uow.clients.add(_company("cl-0100", "Menuiserie Petit"))
        uow.clients.remove("cl-0004")
        raise _Interrupted


class UnitOfWorkContract:
    """The repository and unit-of-work contract: subclass it and provide ``clientbook_uow_factory``.

    Each test opens units of work with the factory, on the tenant ``"cabinet-lefort"`` and,
    for the isolation tests, ``"atelier-girard"``.
    """

    tenant_id: ClassVar[str] = _TENANT
    other_tenant_id: ClassVar[str] = _OTHER_TENANT

    @pytest.fixture
    def uow_factory(self, clientbook_uow_factory: UnitOfWorkFactory) -> UnitOfWorkFactory:
        """Return the host's factory (named once here so the tests read shorter)."""
        return clientbook_uow_factory

    @pytest.fixture
    def stored(self, uow_factory: UnitOfWorkFactory) -> list[Client]:
        """Store the realistic clients in the tenant and return them as stored."""
        with uow_factory(self.tenant_id) as uow:
            clients = [uow.clients.add(client) for client in _clients()]
            uow.commit()
        return clients

    # --- round trip -------------------------------------------------------------------------

    def test_an_added_client_is_read_back_whole_at_version_1(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        company, person = _dubois(), _claire()
        with uow_factory(self.tenant_id) as uow:
            added = [uow.clients.add(company), uow.clients.add(person)]
            uow.commit()
        assert added == [attrs.evolve(company, version=1), attrs.evolve(person, version=1)]
        with uow_factory(self.tenant_id) as uow:
            read = [uow.clients.get(company.id), uow.clients.get(person.id)]
        assert read == added
        assert read[0].contacts == company.contacts
        assert read[0].delivery_addresses == company.delivery_addresses
        assert read[0].created_at == _CREATED
        assert read[0].created_at is not None
        assert read[0].created_at.utcoffset() is not None

    def test_a_client_with_only_its_id_and_kind_is_read_back_equal(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        bare = Client(id="cl-vide", kind=ClientKind.COMPANY)
        with uow_factory(self.tenant_id) as uow:
            uow.clients.add(bare)
            uow.commit()
        with uow_factory(self.tenant_id) as uow:
            assert uow.clients.get("cl-vide") == attrs.evolve(bare, version=1)

    def test_adding_a_client_whose_id_is_taken_raises_client_exists(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        with uow_factory(self.tenant_id) as uow:
            uow.clients.add(_dubois())
            uow.commit()
        intruder = _company("cl-0001", "Garage Lefranc")
        with uow_factory(self.tenant_id) as uow, pytest.raises(ClientExists) as refused:
            uow.clients.add(intruder)
        assert refused.value.client_id == "cl-0001"
        with uow_factory(self.tenant_id) as uow:
            assert uow.clients.get("cl-0001").name == "Établissements Dubois & Fils"

    def test_adding_the_same_id_twice_in_one_unit_raises_client_exists(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        with uow_factory(self.tenant_id) as uow:
            uow.clients.add(_dubois())
            with pytest.raises(ClientExists) as refused:
                uow.clients.add(_company("cl-0001", "Garage Lefranc"))
        assert refused.value.client_id == "cl-0001"

    # --- not found --------------------------------------------------------------------------

    def test_getting_an_unknown_id_raises_client_not_found(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        with uow_factory(self.tenant_id) as uow, pytest.raises(ClientNotFound) as refused:
            uow.clients.get("cl-9999")
        assert refused.value.client_id == "cl-9999"

    def test_updating_an_unknown_client_raises_client_not_found(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        ghost = attrs.evolve(_company("cl-9999", "Fantôme SARL"), version=1)
        with uow_factory(self.tenant_id) as uow, pytest.raises(ClientNotFound) as refused:
            uow.clients.update(ghost)
        assert refused.value.client_id == "cl-9999"

    def test_removing_an_unknown_client_raises_client_not_found(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        with uow_factory(self.tenant_id) as uow, pytest.raises(ClientNotFound) as refused:
            uow.clients.remove("cl-9999")
        assert refused.value.client_id == "cl-9999"
        with uow_factory(self.tenant_id) as uow:
            assert len(uow.clients.list(limit=100)) == len(stored)

    def test_a_removed_client_is_not_found_any_more(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        with uow_factory(self.tenant_id) as uow:
            uow.clients.remove("cl-0003")
            uow.commit()
        with uow_factory(self.tenant_id) as uow:
            with pytest.raises(ClientNotFound) as refused:
                uow.clients.get("cl-0003")
            assert refused.value.client_id == "cl-0003"
            assert "cl-0003" not in uow.clients.get_many(["cl-0003", "cl-0004"])
            assert "cl-0003" not in _ids(uow.clients.list(limit=100))
            assert "cl-0003" not in _ids(uow.clients.search("boulangerie martin"))
            assert uow.clients.by_siret("40483304800014") == []
            assert uow.clients.by_vat("FR83404833048") == []
            assert uow.clients.get("cl-0004") == stored[3]

    def test_a_removed_id_can_be_added_again(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        with uow_factory(self.tenant_id) as uow:
            uow.clients.remove("cl-0003")
            uow.commit()
        with uow_factory(self.tenant_id) as uow:
            again = uow.clients.add(_company("cl-0003", "Pâtisserie Martin"))
            uow.commit()
        with uow_factory(self.tenant_id) as uow:
            assert uow.clients.get("cl-0003") == again
            assert again.version == 1
            assert _ids(uow.clients.search("pâtis")) == ["cl-0003"]
            assert "cl-0003" not in _ids(uow.clients.search("boulangerie martin"))

    # --- versions ---------------------------------------------------------------------------

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

    def test_an_update_replaces_the_whole_aggregate(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        with uow_factory(self.tenant_id) as uow:
            copy = uow.clients.get("cl-0001")
            changed = attrs.evolve(
                copy,
                contacts=copy.contacts[1:],
                delivery_addresses=(DeliveryAddress(address=_VENISSIEUX, default=True),),
                billing_address=None,
                parent_id=None,
                roles=frozenset({Role.CLIENT}),
            )
            updated = uow.clients.update(changed)
            uow.commit()
        with uow_factory(self.tenant_id) as uow:
            assert uow.clients.get("cl-0001") == updated == attrs.evolve(changed, version=2)

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

    def test_a_copy_never_stored_cannot_update_a_stored_client(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        with uow_factory(self.tenant_id) as uow, pytest.raises(StaleClient) as refused:
            uow.clients.update(_company("cl-0003", "Boulangerie Martine"))  # version 0
        assert (refused.value.expected_version, refused.value.actual_version) == (0, 1)

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

    # --- transactions -----------------------------------------------------------------------

    def test_uncommitted_changes_are_invisible_to_another_unit_of_work(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        writer, reader = uow_factory(self.tenant_id), uow_factory(self.tenant_id)
        with writer:
            writer.clients.add(_company("cl-0100", "Menuiserie Petit", siret="27182818800026"))
            copy = writer.clients.get("cl-0003")
            writer.clients.update(attrs.evolve(copy, name="Pâtisserie Martin"))
            writer.clients.remove("cl-0004")
            with reader:
                with pytest.raises(ClientNotFound):
                    reader.clients.get("cl-0100")
                assert reader.clients.get("cl-0003") == stored[2]
                assert reader.clients.get("cl-0004") == stored[3]
                assert reader.clients.search("menuis") == []
                assert reader.clients.by_siret("27182818800026") == []
                assert "cl-0100" not in _ids(reader.clients.list(limit=100))
            writer.rollback()
        self._assert_untouched(uow_factory, stored)

    def test_leaving_the_with_block_without_commit_forgets_the_changes(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        uow = uow_factory(self.tenant_id)
        with uow:
            uow.clients.add(_company("cl-0100", "Menuiserie Petit"))
            copy = uow.clients.get("cl-0003")
            uow.clients.update(attrs.evolve(copy, name="Pâtisserie Martin"))
            uow.clients.remove("cl-0004")
        self._assert_untouched(uow_factory, stored)

    def test_an_exception_inside_the_with_block_rolls_back(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        with pytest.raises(_Interrupted):
            _change_then_fail(uow_factory(self.tenant_id))
        self._assert_untouched(uow_factory, stored)

    def test_rollback_forgets_the_changes_made_since_the_last_commit(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        with uow_factory(self.tenant_id) as uow:
            kept = uow.clients.add(_company("cl-0100", "Menuiserie Petit"))
            uow.commit()
            uow.clients.add(_company("cl-0101", "Charpente Leroy"))
            uow.clients.remove("cl-0004")
            uow.rollback()
            with pytest.raises(ClientNotFound):
                uow.clients.get("cl-0101")
            assert uow.clients.get("cl-0004") == stored[3]
            uow.clients.add(_company("cl-0102", "Couverture Blanc"))
            uow.commit()
        with uow_factory(self.tenant_id) as uow:
            assert uow.clients.get("cl-0100") == kept
            assert set(uow.clients.get_many(["cl-0100", "cl-0101", "cl-0102"])) == {
                "cl-0100",
                "cl-0102",
            }

    def test_a_unit_of_work_reads_its_own_pending_changes(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        with uow_factory(self.tenant_id) as uow:
            added = uow.clients.add(
                _company("cl-0100", "Menuiserie Petit", siret="271 828 188 00026")
            )
            copy = uow.clients.get("cl-0003")
            updated = uow.clients.update(attrs.evolve(copy, name="Pâtisserie Martin"))
            uow.clients.remove("cl-0004")
            assert uow.clients.get("cl-0100") == added
            assert uow.clients.get("cl-0003") == updated
            with pytest.raises(ClientNotFound):
                uow.clients.get("cl-0004")
            assert uow.clients.get_many(["cl-0100", "cl-0003", "cl-0004"]) == {
                "cl-0100": added,
                "cl-0003": updated,
            }
            assert _ids(uow.clients.search("menuis")) == ["cl-0100"]
            assert _ids(uow.clients.search("pâtis")) == ["cl-0003"]
            assert _ids(uow.clients.search("ets moreau")) == []
            assert _ids(uow.clients.by_siret("27182818800026")) == ["cl-0100"]
            listed = _ids(uow.clients.list(limit=100))
            assert "cl-0100" in listed
            assert "cl-0004" not in listed
            assert listed == sorted(listed)

    def test_committed_changes_are_seen_by_a_new_unit_of_work(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        with uow_factory(self.tenant_id) as uow:
            added = uow.clients.add(_dubois())
            uow.commit()
        with uow_factory(self.tenant_id) as uow:
            assert uow.clients.get_many([added.id]) == {added.id: added}

    def _assert_untouched(self, uow_factory: UnitOfWorkFactory, stored: list[Client]) -> None:
        with uow_factory(self.tenant_id) as uow:
            with pytest.raises(ClientNotFound):
                uow.clients.get("cl-0100")
            assert uow.clients.get_many(_ids(stored)) == {c.id: c for c in stored}
            assert _ids(uow.clients.list(limit=100)) == sorted(_ids(stored))
            assert _ids(uow.clients.search("menuis")) == []
            assert _ids(uow.clients.search("ets moreau")) == ["cl-0004"]

    # --- tenants ----------------------------------------------------------------------------

    def test_another_tenant_cannot_read_a_client_even_with_its_id(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        with uow_factory(self.other_tenant_id) as uow:
            with pytest.raises(ClientNotFound) as refused:
                uow.clients.get("cl-0001")
            assert refused.value.client_id == "cl-0001"
            assert uow.clients.get_many(_ids(stored)) == {}

    def test_another_tenant_lists_and_searches_none_of_the_clients(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        with uow_factory(self.other_tenant_id) as uow:
            assert uow.clients.list() == []
            assert uow.clients.list(after="", include_archived=False) == []
            for typed in ("dub", "boul", "123", "fr11", "plomb"):
                assert uow.clients.search(typed, include_archived=True) == []

    def test_another_tenant_finds_none_of_the_clients_by_their_numbers(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        with uow_factory(self.other_tenant_id) as uow:
            assert uow.clients.by_siren("123456782") == []
            assert uow.clients.by_siret("12345678200010") == []
            assert uow.clients.by_vat("FR11123456782") == []

    def test_another_tenant_cannot_update_or_remove_a_client_even_with_its_id(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        dubois = stored[0]
        with uow_factory(self.other_tenant_id) as uow:
            with pytest.raises(ClientNotFound) as refused_update:
                uow.clients.update(attrs.evolve(dubois, name="Piraté SA"))
            with pytest.raises(ClientNotFound) as refused_removal:
                uow.clients.remove(dubois.id)
            uow.commit()
        assert refused_update.value.client_id == refused_removal.value.client_id == dubois.id
        with uow_factory(self.tenant_id) as uow:
            assert uow.clients.get(dubois.id) == dubois

    def test_two_tenants_may_each_have_a_client_with_the_same_id(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        theirs = _company("cl-0001", "Garage Girard", siret="12345678200010")
        with uow_factory(self.other_tenant_id) as uow:
            added = uow.clients.add(theirs)
            uow.commit()
        with uow_factory(self.other_tenant_id) as uow:
            assert uow.clients.get("cl-0001") == added
            assert _ids(uow.clients.by_siret("12345678200010")) == ["cl-0001"]
            assert uow.clients.by_siret("12345678200010")[0].name == "Garage Girard"
            uow.clients.remove("cl-0001")
            uow.commit()
        with uow_factory(self.tenant_id) as uow:
            assert uow.clients.get("cl-0001") == stored[0]
            assert _ids(uow.clients.search("garage girard")) == []

    # --- get_many and list ------------------------------------------------------------------

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

    def test_list_pages_through_the_clients_by_id(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        every = sorted(_ids(stored))
        with uow_factory(self.tenant_id) as uow:
            pages: list[list[str]] = []
            after: str | None = None
            while (page := _ids(uow.clients.list(after=after, limit=5))) and len(pages) < 5:
                pages.append(page)
                after = page[-1]
            assert [len(page) for page in pages] == [5, 5, 2]
            assert [i for page in pages for i in page] == every
            assert _ids(uow.clients.list()) == every
            assert _ids(uow.clients.list(after="cl-0004", limit=3)) == every[4:7]
            assert _ids(uow.clients.list(after="cl-00045", limit=3)) == every[4:7]
            assert _ids(uow.clients.list(after="cl-0012")) == []
            assert uow.clients.list(limit=5) == sorted(stored, key=lambda c: c.id)[:5]

    def test_list_leaves_archived_clients_out_when_asked(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        active = sorted(client.id for client in stored if client.active)
        with uow_factory(self.tenant_id) as uow:
            assert _ids(uow.clients.list(include_archived=False)) == active
            assert _ids(uow.clients.list(include_archived=False, limit=4)) == active[:4]
            first = _ids(uow.clients.list(include_archived=False, after="cl-0004", limit=2))
            assert first == ["cl-0006", "cl-0007"]  # cl-0005 is archived
            assert "cl-0005" in _ids(uow.clients.list(include_archived=True))

    # --- search -----------------------------------------------------------------------------

    @pytest.mark.parametrize("typed", _TYPED)
    def test_search_agrees_with_matches_prefix(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client], typed: str
    ) -> None:
        with uow_factory(self.tenant_id) as uow:
            assert _ids(uow.clients.search(typed)) == _expected(stored, typed)
            assert _ids(uow.clients.search(typed, include_archived=True)) == _expected(
                stored, typed, include_archived=True
            )

    def test_search_finds_etablissements_by_ets_and_the_other_way_round(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        with uow_factory(self.tenant_id) as uow:
            assert _ids(uow.clients.search("ets")) == ["cl-0001", "cl-0004"]
            assert _ids(uow.clients.search("établissements mor")) == ["cl-0004"]

    def test_search_finds_a_company_by_the_start_of_its_numbers_typed_with_spaces(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        with uow_factory(self.tenant_id) as uow:
            assert _ids(uow.clients.search("123 45")) == ["cl-0009", "cl-0001"]
            assert _ids(uow.clients.search("404 833")) == ["cl-0003"]
            assert _ids(uow.clients.search("fr11")) == ["cl-0009", "cl-0001"]
            assert _ids(uow.clients.search("FR 83 404")) == ["cl-0003"]

    def test_search_leaves_archived_clients_out_unless_asked(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        with uow_factory(self.tenant_id) as uow:
            assert uow.clients.search("plomberie") == []
            assert _ids(uow.clients.search("plomberie", include_archived=True)) == ["cl-0005"]
            assert _ids(uow.clients.search("coeur boul", include_archived=True)) == ["cl-0010"]

    def test_search_orders_by_name_then_id_and_honours_the_limit(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        with uow_factory(self.tenant_id) as uow:
            assert _ids(uow.clients.search("boul")) == ["cl-0006", "cl-0003", "cl-0011"]
            assert _ids(uow.clients.search("boul", limit=2)) == ["cl-0006", "cl-0003"]
            assert _ids(uow.clients.search("boul", limit=1)) == ["cl-0006"]
            assert _ids(uow.clients.search("boul", include_archived=True, limit=4)) == [
                "cl-0006",
                "cl-0003",
                "cl-0011",
                "cl-0010",
            ]

    def test_search_reflects_a_renamed_client(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        with uow_factory(self.tenant_id) as uow:
            copy = uow.clients.get("cl-0006")
            uow.clients.update(attrs.evolve(copy, name="Pâtisserie Dupont", siret="", siren=""))
            uow.commit()
        with uow_factory(self.tenant_id) as uow:
            assert _ids(uow.clients.search("boul")) == ["cl-0003", "cl-0011"]
            assert _ids(uow.clients.search("pâtis")) == ["cl-0006"]
            assert _ids(uow.clients.search("dupont")) == ["cl-0007", "cl-0006"]
            assert uow.clients.search("246813570") == []

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
            assert _ids(uow.clients.search("garage")) == ["cl-0008"]

    # --- identifiers ------------------------------------------------------------------------

    def test_clients_entered_with_spaces_are_found_by_their_numbers(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        with uow_factory(self.tenant_id) as uow:
            assert _ids(uow.clients.by_siret("40483304800014")) == ["cl-0003"]
            assert _ids(uow.clients.by_siret("404 833 048 00014")) == ["cl-0003"]
            assert _ids(uow.clients.by_vat("FR83404833048")) == ["cl-0003"]
            assert _ids(uow.clients.by_vat("fr 83 404 833 048")) == ["cl-0003"]
            assert _ids(uow.clients.by_siren("246813570")) == ["cl-0006"]
            assert uow.clients.by_siret("40483304800014") == [stored[2]]

    def test_by_siren_finds_every_establishment_of_a_company(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        with uow_factory(self.tenant_id) as uow:
            assert sorted(_ids(uow.clients.by_siren("123456782"))) == ["cl-0001", "cl-0009"]
            assert sorted(_ids(uow.clients.by_vat("FR11123456782"))) == ["cl-0001", "cl-0009"]
            assert _ids(uow.clients.by_siret("12345678200028")) == ["cl-0009"]

    def test_identifier_lookups_include_archived_clients(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        with uow_factory(self.tenant_id) as uow:
            assert _ids(uow.clients.by_siren("987654324")) == ["cl-0005"]
            assert _ids(uow.clients.by_siret("98765432400019")) == ["cl-0005"]
            assert _ids(uow.clients.by_vat("FR14987654324")) == ["cl-0005"]

    def test_identifier_lookups_of_unknown_numbers_find_nothing(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        with uow_factory(self.tenant_id) as uow:
            assert uow.clients.by_siren("555666775") == []
            assert uow.clients.by_siret("31415926000020") == []
            assert uow.clients.by_vat("FR87314159260") == []
            assert uow.clients.by_siren("") == []
            assert uow.clients.by_vat("") == []

    def test_identifier_lookups_follow_a_changed_number(
        self, uow_factory: UnitOfWorkFactory, stored: list[Client]
    ) -> None:
        with uow_factory(self.tenant_id) as uow:
            copy = uow.clients.get("cl-0008")
            uow.clients.update(attrs.evolve(copy, siret="31415926000020"))
            uow.commit()
        with uow_factory(self.tenant_id) as uow:
            assert uow.clients.by_siret("31415926000012") == []
            assert _ids(uow.clients.by_siret("31415926000020")) == ["cl-0008"]

    # --- a model ----------------------------------------------------------------------------

    def test_the_adapter_behaves_as_a_simple_model_over_any_sequence_of_operations(
        self, uow_factory: UnitOfWorkFactory
    ) -> None:
        machine = _model_machine(uow_factory)
        run_state_machine_as_test(
            machine,
            settings=settings(
                max_examples=25,
                stateful_step_count=25,
                deadline=None,
                suppress_health_check=[HealthCheck.too_slow],
            ),
        )


# --- the model test -----------------------------------------------------------------------------

_POOL_IDS = ("cl-a", "cl-b", "cl-c", "cl-d")
_NAMES = (
    "Boulangerie Martin",
    "Ets Dubois",
    "Établissements Durand",
    "Garage du Lys",
    "Cœur de Lyon",
    "Dubois",
    "",
)
_SIRETS = ("", "12345678200010", "404 833 048 00014", "40483304800014")
_WORDS = ("dub", "boul", "ets", "lys", "coeur", "martin ly", "1234", "404 833", "fr11", "e")
_model_clients = st.builds(
    lambda client_id, name, siret, active: Client(
        id=client_id,
        kind=ClientKind.COMPANY,
        name=name,
        siret=siret,
        vat_number="FR11123456782" if siret.startswith("123") else "",
        active=active,
    ),
    st.sampled_from(_POOL_IDS),
    st.sampled_from(_NAMES),
    st.sampled_from(_SIRETS),
    st.booleans(),
)


def _model_machine(factory: UnitOfWorkFactory) -> type[RuleBasedStateMachine]:
    """Return a state machine comparing the adapter with a dict, on a tenant of its own."""

    class UnitOfWorkModel(RuleBasedStateMachine):
        """Committed clients and one unit of work's pending changes, as plain dicts."""

        def __init__(self) -> None:
            super().__init__()
            # A tenant per run: the factory's store is shared by the runs of one test.
            self.tenant_id = "model-" + uuid4().hex
            self.committed: dict[str, Client] = {}
            self.seen: dict[str, Client] = {}
            self.uow = factory(self.tenant_id)
            self.uow.__enter__()

        def teardown(self) -> None:
            self.uow.__exit__(None, None, None)

        @rule(client=_model_clients)
        def add(self, client: Client) -> None:
            if client.id in self.seen:
                with pytest.raises(ClientExists) as refused:
                    self.uow.clients.add(client)
                assert refused.value.client_id == client.id
            else:
                stored = self.uow.clients.add(client)
                assert stored == attrs.evolve(client, version=1)
                self.seen[client.id] = stored

        @rule(client=_model_clients)
        def update(self, client: Client) -> None:
            current = self.seen.get(client.id)
            if current is None:
                with pytest.raises(ClientNotFound):
                    self.uow.clients.update(attrs.evolve(client, version=1))
                return
            stored = self.uow.clients.update(attrs.evolve(client, version=current.version))
            assert stored.version == current.version + 1
            self.seen[client.id] = stored

        @precondition(lambda self: bool(self.seen))
        @rule(data=st.data())
        def update_from_a_stale_copy(self, data: st.DataObject) -> None:
            client_id = data.draw(st.sampled_from(sorted(self.seen)))
            current = self.seen[client_id]
            stale = data.draw(st.sampled_from([0, current.version - 1, current.version + 1]))
            with pytest.raises(StaleClient) as refused:
                self.uow.clients.update(attrs.evolve(current, name="Autre", version=stale))
            assert refused.value.actual_version == current.version

        @rule(client_id=st.sampled_from(_POOL_IDS))
        def remove(self, client_id: str) -> None:
            if client_id in self.seen:
                self.uow.clients.remove(client_id)
                del self.seen[client_id]
            else:
                with pytest.raises(ClientNotFound):
                    self.uow.clients.remove(client_id)

        @rule()
        def commit(self) -> None:
            self.uow.commit()
            self.committed = dict(self.seen)

        @rule()
        def rollback(self) -> None:
            self.uow.rollback()
            self.seen = dict(self.committed)

        @rule()
        def leave_and_reopen(self) -> None:
            self.uow.__exit__(None, None, None)
            self.seen = dict(self.committed)
            self.uow = factory(self.tenant_id)
            self.uow.__enter__()

        @rule(typed=st.sampled_from(_WORDS), archived=st.booleans(), limit=st.integers(1, 5))
        def search(self, typed: str, archived: bool, limit: int) -> None:
            found = self.uow.clients.search(typed, include_archived=archived, limit=limit)
            expected = _expected(
                list(self.seen.values()), typed, include_archived=archived, limit=limit
            )
            assert _ids(found) == expected

        @invariant()
        def reads_agree_with_the_model(self) -> None:
            assert self.uow.clients.get_many(_POOL_IDS) == self.seen
            assert self.uow.clients.list(limit=3) == [self.seen[i] for i in sorted(self.seen)[:3]]
            assert _ids(self.uow.clients.list(after="cl-b", include_archived=False)) == sorted(
                i for i, c in self.seen.items() if i > "cl-b" and c.active
            )
            assert sorted(_ids(self.uow.clients.by_siret("40483304800014"))) == sorted(
                i for i, c in self.seen.items() if c.siret.replace(" ", "") == "40483304800014"
            )

        @invariant()
        def another_unit_sees_only_what_was_committed(self) -> None:
            with factory(self.tenant_id) as other:
                assert other.clients.get_many(_POOL_IDS) == self.committed

    return UnitOfWorkModel
