"""The use cases, on the in-memory unit of work: create, update, archive, search, import."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

import attrs
import pytest
from tests.factories import COMPANIES, company

from clientbook import (
    Address,
    Civility,
    Client,
    ClientExists,
    ClientInvalid,
    ClientKind,
    ClientNotFound,
    Contact,
    DeliveryAddress,
    ParentCycle,
    Policy,
    StaleClient,
)
from clientbook.identifiers import vat
from clientbook.memory import MemoryStore, MemoryUnitOfWork
from clientbook.services import (
    ImportReport,
    SameClient,
    SavedClient,
    SkippedClient,
    archive_client,
    create_client,
    import_clients,
    list_clients,
    reactivate_client,
    search_clients,
    update_client,
)

TENANT = "cabinet-lefort"
NOW = datetime.datetime(2026, 3, 14, 9, 30, tzinfo=datetime.UTC)
LYON = Address(line1="8 rue de la République", postal_code="69002", city="Lyon")


def lucie(**changes: Any) -> Contact:
    contact = Contact(
        civility=Civility.MRS,
        first_name="Lucie",
        last_name="Martin",
        email="lucie.martin@boulangerie-martin.fr",
        direct_phone="04 78 42 10 10",
        primary=True,
    )
    return attrs.evolve(contact, **changes)


def a_company(client_id: str = "c-martin", number: int = 0, **changes: Any) -> Client:
    """A company with every field the default policy requires, entered as people type."""
    siren, siret = COMPANIES[number]
    values: dict[str, Any] = {
        "siret": f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}",
        "vat_number": vat.from_siren(siren),
        "address": LYON,
        "contacts": (lucie(),),
    }
    # Evolved: a changed SIRET keeps the SIREN of the first one, as a copy read and changed does.
    return attrs.evolve(company(client_id, "Boulangerie Martin", **values), **changes)


def a_store(*clients: Client) -> MemoryStore:
    store = MemoryStore()
    for client in clients:
        create_client(store.unit_of_work(tenant_id=TENANT), client, user="u-amelie", now=NOW)
    return store


def uow(store: MemoryStore, tenant_id: str = TENANT) -> MemoryUnitOfWork:
    return store.unit_of_work(tenant_id=tenant_id)


def stored(store: MemoryStore, client_id: str) -> Client:
    with uow(store) as unit:
        return unit.clients.get(client_id)


def every_client(store: MemoryStore) -> list[Client]:
    with uow(store) as unit:
        return unit.clients.list(limit=10_000)


def codes(error: ClientInvalid | SkippedClient) -> list[tuple[str, str]]:
    return [(problem.code, problem.field) for problem in error.problems]


# --- create -----------------------------------------------------------------------------------


def test_creating_a_client_makes_the_creator_its_owner() -> None:
    store = MemoryStore()
    created = create_client(uow(store), a_company(), user="u-amelie", now=NOW).client
    assert created.owner == "u-amelie"
    assert stored(store, "c-martin") == created


def test_a_client_that_names_its_owner_keeps_it() -> None:
    created = create_client(uow(MemoryStore()), a_company(owner="u-paul"), user="u-amelie").client
    assert created.owner == "u-paul"


def test_creating_a_client_stores_it_at_version_1_dated_now() -> None:
    created = create_client(uow(MemoryStore()), a_company(), user="u-amelie", now=NOW).client
    assert created.version == 1
    assert created.created_at == NOW


def test_the_creation_time_is_the_current_time_in_utc_by_default() -> None:
    before = datetime.datetime.now(datetime.UTC)
    created = create_client(uow(MemoryStore()), a_company(), user="u-amelie").client
    assert created.created_at is not None
    assert before <= created.created_at <= datetime.datetime.now(datetime.UTC)
    assert created.created_at.utcoffset() == datetime.timedelta(0)


def test_a_creation_time_without_time_zone_is_refused() -> None:
    store = MemoryStore()
    with pytest.raises(ValueError, match="timezone-aware"):
        create_client(uow(store), a_company(), user="u-amelie", now=datetime.datetime(2026, 3, 14))
    assert every_client(store) == []


def test_creating_a_client_stores_its_numbers_and_phones_in_normal_form() -> None:
    created = create_client(uow(MemoryStore()), a_company(), user="u-amelie", now=NOW).client
    assert (created.siret, created.siren, created.vat_number) == (
        "40483304800014",
        "404833048",
        "FR83404833048",
    )
    assert created.contacts[0].direct_phone == "+33478421010"


def test_the_billing_address_becomes_the_default_delivery_address() -> None:
    created = create_client(uow(MemoryStore()), a_company(), user="u-amelie", now=NOW).client
    assert created.delivery_addresses == (DeliveryAddress(address=LYON, default=True),)


def test_a_separate_billing_address_becomes_the_default_delivery_address() -> None:
    billing = Address(line1="BP 4021", postal_code="69401", city="Lyon Cedex 03")
    client = a_company(billing_address=billing)
    created = create_client(uow(MemoryStore()), client, user="u-amelie", now=NOW).client
    assert created.delivery_addresses == (DeliveryAddress(address=billing, default=True),)


def test_the_billing_address_comes_first_before_the_other_delivery_addresses() -> None:
    depot = DeliveryAddress(
        address=Address(line1="ZI de la Rize", postal_code="69200", city="Vénissieux"),
        label="Entrepôt",
    )
    created = create_client(
        uow(MemoryStore()), a_company(delivery_addresses=(depot,)), user="u-amelie", now=NOW
    ).client
    assert created.delivery_addresses == (DeliveryAddress(address=LYON, default=True), depot)


def test_another_delivery_address_flagged_as_default_stays_the_default() -> None:
    depot = DeliveryAddress(
        address=Address(line1="ZI de la Rize", postal_code="69200", city="Vénissieux"),
        default=True,
    )
    created = create_client(
        uow(MemoryStore()), a_company(delivery_addresses=(depot,)), user="u-amelie", now=NOW
    ).client
    assert created.delivery_addresses == (DeliveryAddress(address=LYON, default=False), depot)


def test_a_billing_address_already_among_the_delivery_addresses_is_not_added_twice() -> None:
    same_place = DeliveryAddress(
        address=Address(line1="8  RUE de la République", postal_code="69002", city="LYON"),
        label="Magasin",
    )
    client = a_company(delivery_addresses=(same_place,))
    created = create_client(uow(MemoryStore()), client, user="u-amelie", now=NOW).client
    assert created.delivery_addresses == (same_place,)


def test_a_client_without_an_address_gets_no_delivery_address() -> None:
    created = create_client(
        uow(MemoryStore()), a_company(address=None), user="u-amelie", now=NOW
    ).client
    assert created.delivery_addresses == ()


def test_a_client_with_errors_is_refused_with_its_problems() -> None:
    store = MemoryStore()
    wrong = a_company(siret="404 833 048 00015", contacts=(lucie(email=""),))
    with pytest.raises(ClientInvalid) as refused:
        create_client(uow(store), wrong, user="u-amelie", now=NOW, locale="en")
    assert refused.value.client_id == "c-martin"
    assert codes(refused.value) == [
        ("siret.checksum", "siret"),
        ("contact.email.required", "contacts[0].email"),
    ]
    assert refused.value.problems[1].message == "The primary contact's e-mail is required."
    assert every_client(store) == []


def test_the_problems_of_a_refused_client_are_in_french_by_default() -> None:
    with pytest.raises(ClientInvalid) as refused:
        create_client(uow(MemoryStore()), a_company(name=" "), user="u-amelie")
    assert codes(refused.value) == [("client.name.required", "name")]
    assert "obligatoire" in refused.value.problems[0].message


def test_warnings_alone_do_not_refuse_a_client_and_come_back_with_it() -> None:
    client = a_company(accounting_account="411-BOULANGERIE-MARTIN-LYON")
    saved = create_client(uow(MemoryStore()), client, user="u-amelie", now=NOW, locale="en")
    assert saved.client.accounting_account == "411-BOULANGERIE-MARTIN-LYON"
    assert [(p.code, p.severity) for p in saved.warnings] == [
        ("client.accounting_account.format", "warning")
    ]
    assert saved.warnings[0].message.startswith("Accounting software usually takes")


# --- duplicates -------------------------------------------------------------------------------


def reasons(saved: SavedClient) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(reason.rule, reason.value, reason.client_ids) for reason in saved.duplicates]


def test_a_second_record_of_a_company_is_stored_with_the_reason_it_is_a_duplicate() -> None:
    store = a_store(a_company("c-martin"))
    again = a_company("c-martin-2", name="Martin SARL", siret="", siren="404 833 048")
    saved = create_client(uow(store), again, user="u-paul", now=NOW)
    assert saved.client.id == "c-martin-2"
    assert stored(store, "c-martin-2") == saved.client
    assert reasons(saved) == [
        ("siren", "404833048", ("c-martin-2", "c-martin")),
        ("vat", "FR83404833048", ("c-martin-2", "c-martin")),
        ("email", "lucie.martin@boulangerie-martin.fr", ("c-martin-2", "c-martin")),
    ]


def test_a_client_like_no_other_has_no_duplicate() -> None:
    store = a_store(a_company("c-martin"))
    other = a_company(
        "c-dubois",
        number=1,
        name="Établissements Dubois",
        contacts=(lucie(email="compta@dubois.fr"),),
    )
    assert create_client(uow(store), other, user="u-amelie").duplicates == ()


def test_an_archived_client_is_named_among_the_duplicates() -> None:
    store = a_store(a_company("c-martin"))
    archive_client(uow(store), "c-martin")
    same_place = a_company("c-martin-2", number=1, contacts=(lucie(email="paul@martin.fr"),))
    saved = create_client(uow(store), same_place, user="u-amelie")
    assert reasons(saved) == [
        ("name_postal_code", "boulangerie martin 69002", ("c-martin-2", "c-martin"))
    ]


def test_an_update_warns_of_the_other_clients_never_of_itself() -> None:
    store = a_store(a_company("c-martin"), a_company("c-dubois", number=1, name="Dubois SA"))
    change = attrs.evolve(stored(store, "c-dubois"), contacts=(lucie(),))
    saved = update_client(uow(store), change)
    assert reasons(saved) == [
        ("email", "lucie.martin@boulangerie-martin.fr", ("c-dubois", "c-martin"))
    ]
    unchanged = update_client(uow(store), attrs.evolve(stored(store, "c-martin"), website=""))
    assert reasons(unchanged) == [
        ("email", "lucie.martin@boulangerie-martin.fr", ("c-martin", "c-dubois"))
    ]


def test_the_hosts_policy_decides_what_is_required() -> None:
    policy = Policy(required_contact_fields=set(), required_company_fields={"name", "ape_code"})
    bare = a_company(contacts=())
    with pytest.raises(ClientInvalid) as refused:
        create_client(uow(MemoryStore()), bare, user="u-amelie", policy=policy)
    assert codes(refused.value) == [("client.ape_code.required", "ape_code")]
    created = create_client(
        uow(MemoryStore()), attrs.evolve(bare, ape_code="1071C"), user="u-amelie", policy=policy
    ).client
    assert created.ape_code == "1071C"


def test_creating_a_client_whose_id_is_taken_raises_client_exists() -> None:
    store = a_store(a_company())
    with pytest.raises(ClientExists) as refused:
        create_client(uow(store), a_company(number=1, name="Garage Lefranc"), user="u-paul")
    assert refused.value.client_id == "c-martin"
    assert stored(store, "c-martin").name == "Boulangerie Martin"


def test_the_parent_company_must_be_a_client() -> None:
    store = MemoryStore()
    with pytest.raises(ClientNotFound) as refused:
        create_client(uow(store), a_company(parent_id="c-holding"), user="u-amelie")
    assert refused.value.client_id == "c-holding"
    assert every_client(store) == []


def test_a_parent_company_of_another_tenant_is_unknown() -> None:
    store = a_store(a_company("c-holding", number=1, name="Martin Holding"))
    with pytest.raises(ClientNotFound) as refused:
        create_client(
            uow(store, "atelier-girard"), a_company(parent_id="c-holding"), user="u-amelie"
        )
    assert refused.value.client_id == "c-holding"


def test_a_client_is_attached_to_its_parent_company() -> None:
    store = a_store(a_company("c-holding", number=1, name="Martin Holding"))
    created = create_client(uow(store), a_company(parent_id="c-holding"), user="u-amelie").client
    assert created.parent_id == "c-holding"


def test_parent_companies_cannot_form_a_loop() -> None:
    store = a_store(
        a_company("c-holding", number=1, name="Martin Holding"),
        a_company("c-lyon", number=2, name="Martin Lyon", parent_id="c-holding"),
        a_company("c-vaise", number=3, name="Martin Vaise", parent_id="c-lyon"),
    )
    holding = stored(store, "c-holding")
    with pytest.raises(ParentCycle) as refused:
        update_client(uow(store), attrs.evolve(holding, parent_id="c-vaise"))
    assert refused.value.chain == ("c-holding", "c-vaise", "c-lyon", "c-holding")
    assert stored(store, "c-holding") == holding


# --- update -----------------------------------------------------------------------------------


def test_updating_a_client_keeps_its_owner_and_creation_time() -> None:
    store = a_store(a_company())
    copy = stored(store, "c-martin")
    change = attrs.evolve(copy, name="Boulangerie Martin & Fille", owner=None, created_at=None)
    updated = update_client(uow(store), change).client
    assert (updated.name, updated.owner, updated.created_at) == (
        "Boulangerie Martin & Fille",
        "u-amelie",
        NOW,
    )
    assert updated.version == 2
    assert stored(store, "c-martin") == updated


def test_updating_a_client_can_give_it_another_owner() -> None:
    store = a_store(a_company())
    updated = update_client(
        uow(store), attrs.evolve(stored(store, "c-martin"), owner="u-paul")
    ).client
    assert updated.owner == "u-paul"


def test_an_update_normalises_the_record() -> None:
    store = a_store(a_company())
    change = attrs.evolve(stored(store, "c-martin"), vat_number="fr 83 404 833 048")
    assert update_client(uow(store), change).client.vat_number == "FR83404833048"


def test_an_update_with_errors_is_refused_and_stores_nothing() -> None:
    store = a_store(a_company())
    before = stored(store, "c-martin")
    with pytest.raises(ClientInvalid) as refused:
        update_client(uow(store), attrs.evolve(before, vat_number="FR00404833048"), locale="en")
    assert codes(refused.value) == [("vat.checksum", "vat_number")]
    assert stored(store, "c-martin") == before


def test_an_update_from_a_stale_copy_is_refused_and_overwrites_nothing() -> None:
    store = a_store(a_company())
    copy = stored(store, "c-martin")
    newer = update_client(
        uow(store), attrs.evolve(copy, website="www.boulangerie-martin.fr")
    ).client
    with pytest.raises(StaleClient) as refused:
        update_client(uow(store), attrs.evolve(copy, name="Boulangerie Martine"))
    assert (refused.value.client_id, refused.value.expected_version) == ("c-martin", 1)
    assert refused.value.actual_version == 2
    assert stored(store, "c-martin") == newer


def test_updating_an_unknown_client_raises_client_not_found() -> None:
    with pytest.raises(ClientNotFound) as refused:
        update_client(uow(MemoryStore()), attrs.evolve(a_company(), version=1))
    assert refused.value.client_id == "c-martin"


# --- archive and reactivate -------------------------------------------------------------------


def test_an_archived_client_is_kept_but_no_longer_found() -> None:
    store = a_store(a_company())
    archived = archive_client(uow(store), "c-martin")
    assert (archived.active, archived.version) == (False, 2)
    assert stored(store, "c-martin") == archived
    assert search_clients(uow(store), "boul") == []
    assert search_clients(uow(store), "boul", include_archived=True) == [archived]


def test_archiving_an_archived_client_changes_nothing() -> None:
    store = a_store(a_company())
    archived = archive_client(uow(store), "c-martin")
    assert archive_client(uow(store), "c-martin") == archived


def test_a_reactivated_client_is_found_again() -> None:
    store = a_store(a_company())
    archive_client(uow(store), "c-martin")
    reactivated = reactivate_client(uow(store), "c-martin", version=2)
    assert (reactivated.active, reactivated.version) == (True, 3)
    assert search_clients(uow(store), "boul") == [reactivated]


def test_reactivating_an_active_client_changes_nothing() -> None:
    store = a_store(a_company())
    assert reactivate_client(uow(store), "c-martin") == stored(store, "c-martin")


def test_a_client_with_errors_can_still_be_archived() -> None:
    store = MemoryStore()
    with uow(store) as unit:  # stored by another program, without the rules
        unit.clients.add(Client(id="c-old", kind=ClientKind.COMPANY, siret="123"))
        unit.commit()
    assert archive_client(uow(store), "c-old").active is False


def test_archiving_a_client_changed_since_it_was_read_is_refused() -> None:
    store = a_store(a_company())
    update_client(uow(store), attrs.evolve(stored(store, "c-martin"), website="martin.fr"))
    with pytest.raises(StaleClient) as refused:
        archive_client(uow(store), "c-martin", version=1)
    assert (refused.value.expected_version, refused.value.actual_version) == (1, 2)
    assert stored(store, "c-martin").active is True


def test_archiving_an_unknown_client_raises_client_not_found() -> None:
    with pytest.raises(ClientNotFound) as refused:
        archive_client(uow(MemoryStore()), "c-ghost")
    assert refused.value.client_id == "c-ghost"


# --- search -----------------------------------------------------------------------------------


def test_searching_finds_clients_by_the_first_letters_of_their_name_or_numbers() -> None:
    store = a_store(
        a_company(),
        a_company("c-dubois", number=1, name="Établissements Dubois"),
        a_company("c-moreau", number=2, name="Ets Moreau"),
    )
    assert [c.id for c in search_clients(uow(store), "ets")] == ["c-dubois", "c-moreau"]
    assert [c.id for c in search_clients(uow(store), "123 45")] == ["c-dubois"]
    assert [c.id for c in search_clients(uow(store), "lucie boul")] == ["c-martin"]
    assert [c.id for c in search_clients(uow(store), "luc", limit=1)] == ["c-martin"]


def test_a_negative_search_limit_is_refused() -> None:
    with pytest.raises(ValueError, match="limit"):
        search_clients(uow(MemoryStore()), "boul", limit=-1)


# --- listing ----------------------------------------------------------------------------------


def test_listing_pages_through_every_client_by_id_archived_ones_included() -> None:
    store = a_store(*(a_company(f"c-{n}", number=n) for n in range(5)))
    archive_client(uow(store), "c-3")
    first = list_clients(uow(store), limit=2)
    rest = list_clients(uow(store), after=first[-1].id)
    assert [c.id for c in first + rest] == ["c-0", "c-1", "c-2", "c-3", "c-4"]
    assert list_clients(uow(store), after="c-4") == []
    active = list_clients(uow(store), include_archived=False)
    assert [c.id for c in active] == ["c-0", "c-1", "c-2", "c-4"]


def test_a_negative_listing_limit_is_refused() -> None:
    with pytest.raises(ValueError, match="limit"):
        list_clients(uow(MemoryStore()), limit=-1)


# --- import -----------------------------------------------------------------------------------


def a_file(count: int = 4) -> list[Client]:
    """The rows of a client file: companies keyed by SIRET, ids from the host's file."""
    names = ["Boulangerie Martin", "Établissements Dubois", "Ets Moreau", "Garage du Lys"]
    return [
        a_company(f"row-{index}", number=index, name=names[index % len(names)])
        for index in range(count)
    ]


def test_an_import_creates_the_new_clients_as_create_client_does() -> None:
    store = MemoryStore()
    report = import_clients(uow(store), a_file(), user="u-amelie", now=NOW)
    assert report == ImportReport(created=("row-0", "row-1", "row-2", "row-3"))
    created = stored(store, "row-0")
    assert (created.owner, created.created_at, created.version) == ("u-amelie", NOW, 1)
    assert created.delivery_addresses == (DeliveryAddress(address=LYON, default=True),)
    assert created.siret == "40483304800014"


def test_reimporting_the_same_file_changes_nothing() -> None:
    store = MemoryStore()
    import_clients(uow(store), a_file(), user="u-amelie", now=NOW)
    before = every_client(store)
    later = NOW + datetime.timedelta(days=1)
    report = import_clients(uow(store), a_file(), user="u-paul", now=later)
    assert report == ImportReport(unchanged=("row-0", "row-1", "row-2", "row-3"))
    assert every_client(store) == before


def test_reimporting_a_file_with_contacts_and_delivery_addresses_changes_nothing() -> None:
    depot = DeliveryAddress(
        address=Address(line1="ZI de la Rize", postal_code="69200", city="Vénissieux")
    )
    rows = [attrs.evolve(c, delivery_addresses=(depot,)) for c in a_file()]
    store = MemoryStore()
    import_clients(uow(store), rows, user="u-amelie", now=NOW)
    before = every_client(store)
    report = import_clients(uow(store), rows, user="u-amelie", now=NOW)
    assert len(report.unchanged) == len(rows)
    assert every_client(store) == before


def test_a_changed_row_updates_the_stored_client_and_keeps_the_rest() -> None:
    store = MemoryStore()
    import_clients(uow(store), a_file(), user="u-amelie", now=NOW)
    archive_client(uow(store), "row-3")
    rows = a_file()
    rows[1] = attrs.evolve(rows[1], name="Établissements Dubois & Fils")
    rows[3] = attrs.evolve(rows[3], active=True)
    report = import_clients(uow(store), rows, user="u-paul")
    assert report == ImportReport(updated=("row-1", "row-3"), unchanged=("row-0", "row-2"))
    dubois = stored(store, "row-1")
    assert (dubois.name, dubois.version, dubois.owner) == (
        "Établissements Dubois & Fils",
        2,
        "u-amelie",
    )
    assert dubois.created_at == NOW
    assert dubois.delivery_addresses == (DeliveryAddress(address=LYON, default=True),)


def test_an_import_finds_a_stored_client_by_its_siret_whatever_its_id() -> None:
    store = a_store(a_company("crm-0042"))
    row = a_company("file-7", website="www.boulangerie-martin.fr")
    report = import_clients(uow(store), [row], user="u-amelie")
    assert report == ImportReport(updated=("crm-0042",))
    assert stored(store, "crm-0042").website == "www.boulangerie-martin.fr"
    with pytest.raises(ClientNotFound):
        stored(store, "file-7")


def test_an_import_finds_a_stored_client_by_its_vat_number_when_it_has_no_siret() -> None:
    store = a_store(a_company("crm-0042", siret=""))
    row = a_company("file-7", siret="", website="www.boulangerie-martin.fr")
    report = import_clients(uow(store), [row], user="u-amelie")
    assert report == ImportReport(updated=("crm-0042",))


def test_the_vat_number_matches_when_the_stored_client_has_no_siret_yet() -> None:
    store = a_store(a_company("crm-0042", siret="", siren="404833048"))
    report = import_clients(uow(store), [a_company("file-7")], user="u-amelie")
    assert report == ImportReport(updated=("crm-0042",))
    assert stored(store, "crm-0042").siret == "40483304800014"


def test_an_import_finds_a_stored_client_by_its_id_last() -> None:
    store = a_store(a_company("crm-0042", siret="", vat_number="", siren="404833048"))
    row = a_company("crm-0042", siret="", vat_number="", siren="404833048", website="martin.fr")
    report = import_clients(uow(store), [row], user="u-amelie")
    assert report == ImportReport(updated=("crm-0042",))


def test_a_client_with_errors_is_skipped_and_reported_and_the_import_goes_on() -> None:
    store = MemoryStore()
    rows = a_file()
    rows[1] = attrs.evolve(rows[1], siret="123 456 782 00011")
    rows[2] = attrs.evolve(rows[2], contacts=())
    report = import_clients(uow(store), rows, user="u-amelie", locale="en", batch_size=2)
    assert report.created == ("row-0", "row-3")
    assert [(s.index, s.client_id) for s in report.skipped] == [(1, "row-1"), (2, "row-2")]
    assert codes(report.skipped[0]) == [("siret.checksum", "siret")]
    assert codes(report.skipped[1]) == [("contact.primary.required", "contacts")]
    assert report.skipped[1].problems[0].message == "Add this company's primary contact."
    assert [c.id for c in every_client(store)] == ["row-0", "row-3"]


def test_an_unknown_parent_company_skips_the_client() -> None:
    report = import_clients(
        uow(MemoryStore()), [a_company(parent_id="c-holding")], user="u-amelie", locale="en"
    )
    assert report.created == ()
    assert codes(report.skipped[0]) == [("client.parent_id.unknown", "parent_id")]
    assert report.skipped[0].problems[0].message == (
        "The parent company c-holding is not one of the clients."
    )


def test_a_parent_company_earlier_in_the_file_is_found() -> None:
    rows = [
        a_company("c-holding", number=1, name="Martin Holding"),
        a_company("c-lyon", number=0, parent_id="c-holding"),
    ]
    report = import_clients(uow(MemoryStore()), rows, user="u-amelie")
    assert report.created == ("c-holding", "c-lyon")


def test_an_import_that_would_make_a_loop_of_parent_companies_skips_the_client() -> None:
    store = a_store(
        a_company("c-holding", number=1, name="Martin Holding"),
        a_company("c-lyon", number=2, name="Martin Lyon", parent_id="c-holding"),
    )
    row = a_company("c-holding", number=1, name="Martin Holding", parent_id="c-lyon")
    report = import_clients(uow(store), [row], user="u-amelie", locale="en")
    assert codes(report.skipped[0]) == [("client.parent_id.cycle", "parent_id")]
    assert report.skipped[0].problems[0].message == (
        "Parent companies cannot form a loop: c-holding → c-lyon → c-holding."
    )
    assert stored(store, "c-holding").parent_id is None


def test_the_same_company_twice_in_one_import_is_imported_once_and_the_second_reported() -> None:
    rows = [a_company("row-0"), a_company("row-9", website="www.boulangerie-martin.fr")]
    store = MemoryStore()
    report = import_clients(uow(store), rows, user="u-amelie", locale="en")
    assert report.created == ("row-0",)
    assert (report.updated, report.unchanged) == ((), ())
    [skipped] = report.skipped
    assert (skipped.index, skipped.client_id) == (1, "row-9")
    assert skipped.same_as == SameClient(
        earlier=0, stored_id="row-0", field="siret", value="40483304800014"
    )
    assert [(p.code, p.severity) for p in skipped.problems] == [("import.same_client", "warning")]
    assert skipped.problems[0].message == (
        "This client is not imported: the client given at position 0 is the same stored client "
        "(row-0) and is imported in its place."
    )
    assert stored(store, "row-0").website == ""


def test_two_clients_reaching_one_stored_client_by_different_keys_are_one_conflict() -> None:
    # One row carries the stored client's SIRET, the other its id with another SIRET: importing
    # both would let the second overwrite the first, and a second run would create a client.
    store = a_store(a_company("c-martin"))
    by_siret = a_company("row-1", website="www.boulangerie-martin.fr")
    by_id = a_company("c-martin", number=3)
    first = import_clients(uow(store), [by_siret, by_id], user="u-amelie")
    assert first.updated == ("c-martin",)
    assert [(s.index, s.same_as) for s in first.skipped] == [
        (1, SameClient(earlier=0, stored_id="c-martin", field="id", value="c-martin"))
    ]
    again = import_clients(uow(store), [by_siret, by_id], user="u-amelie")
    assert (again.created, again.updated, again.unchanged) == ((), (), ("c-martin",))
    assert [(s.index, s.same_as and s.same_as.earlier) for s in again.skipped] == [(1, 0)]
    assert [c.id for c in every_client(store)] == ["c-martin"]


def test_the_same_client_across_two_batches_is_still_the_same_client() -> None:
    rows = [a_company("row-0"), a_company("row-1", number=1), a_company("row-9")]
    report = import_clients(uow(MemoryStore()), rows, user="u-amelie", batch_size=2)
    assert report.created == ("row-0", "row-1")
    assert [(s.index, s.same_as and s.same_as.stored_id) for s in report.skipped] == [(2, "row-0")]


def rows_then_failure(rows: list[Client], *, fail_after: int) -> Iterator[Client]:
    for index, row in enumerate(rows):
        if index == fail_after:
            raise ConnectionResetError("the file went away")
        yield row


def test_an_interrupted_import_keeps_what_was_committed() -> None:
    store = MemoryStore()
    rows = a_file(6)
    with pytest.raises(ConnectionResetError):
        import_clients(
            uow(store), rows_then_failure(rows, fail_after=5), user="u-amelie", batch_size=2
        )
    assert [c.id for c in every_client(store)] == ["row-0", "row-1", "row-2", "row-3"]
    report = import_clients(uow(store), rows, user="u-amelie", batch_size=2)
    assert report == ImportReport(
        created=("row-4", "row-5"), unchanged=("row-0", "row-1", "row-2", "row-3")
    )


def test_an_import_commits_every_batch() -> None:
    store = MemoryStore()
    seen_by_another_unit: list[int] = []

    def watched(rows: Iterable[Client]) -> Iterator[Client]:
        for row in rows:
            seen_by_another_unit.append(len(every_client(store)))
            yield row

    import_clients(uow(store), watched(a_file(5)), user="u-amelie", batch_size=2)
    assert seen_by_another_unit == [0, 0, 2, 2, 4]


def test_an_import_reads_its_rows_one_batch_at_a_time() -> None:
    read: list[str] = []

    def lazily(rows: Iterable[Client]) -> Iterator[Client]:
        for row in rows:
            read.append(row.id)
            yield row

    report = import_clients(uow(MemoryStore()), lazily(a_file(3)), user="u", batch_size=2)
    assert read == ["row-0", "row-1", "row-2"]
    assert len(report.created) == 3


def test_the_batch_size_must_be_positive() -> None:
    with pytest.raises(ValueError, match="batch_size"):
        import_clients(uow(MemoryStore()), a_file(), user="u-amelie", batch_size=0)


def test_an_import_of_nothing_reports_nothing() -> None:
    assert import_clients(uow(MemoryStore()), [], user="u-amelie") == ImportReport()


class CountingUnitOfWork:
    """A memory unit of work that counts the calls made to its repository, by method."""

    def __init__(self, store: MemoryStore) -> None:
        self._uow = uow(store)
        self.tenant_id = TENANT
        self.calls: Counter[str] = Counter()
        self.clients = self

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._uow.clients, name)

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls[name] += 1
            return method(*args, **kwargs)

        return counted

    def __enter__(self) -> CountingUnitOfWork:
        self._uow.__enter__()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._uow.__exit__(None, None, None)

    def commit(self) -> None:
        self._uow.commit()

    def rollback(self) -> None:
        self._uow.rollback()


@pytest.mark.parametrize("size", [10, 200])
def test_an_import_reads_the_stored_clients_with_a_fixed_number_of_calls_per_batch(
    size: int,
) -> None:
    store = a_store(
        a_company("c-holding", number=3, name="Martin Holding"),
        a_company("c-lyon", number=4, name="Martin Lyon", parent_id="c-holding"),
    )
    rows = [
        a_company(f"row-{index:04}", number=5, siret="", vat_number="", parent_id="c-lyon")
        for index in range(size)
    ]
    counting = CountingUnitOfWork(store)
    import_clients(counting, rows, user="u-amelie", batch_size=size)
    lookups = {k: v for k, v in counting.calls.items() if k not in ("add", "update")}
    assert lookups == {"get_many": 3}  # the rows' ids, their parent, its parent
    assert counting.calls["add"] == size


def test_an_import_looks_numbers_up_in_one_call_each() -> None:
    store = MemoryStore()
    counting = CountingUnitOfWork(store)
    import_clients(counting, a_file(6), user="u-amelie", batch_size=6)
    lookups = {k: v for k, v in counting.calls.items() if k not in ("add", "update")}
    assert lookups == {"by_sirets": 1, "by_vats": 1, "get_many": 1}
