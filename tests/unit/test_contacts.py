"""One primary contact per client (lab-event « Contact Principal », jb-manager)."""

from __future__ import annotations

import pickle

import pytest
from tests.factories import company

from clientbook import Civility, Client, Contact
from clientbook._rules.contacts import (
    UnknownContact,
    add_contact,
    primary_contact,
    set_primary_contact,
)

DIRECTRICE = Contact(
    civility=Civility.MRS, first_name="Claire", last_name="Moreau", position="Directrice"
)
SECRETARIAT = Contact(first_name="Léa", last_name="Fontaine", position="Secrétariat")
COMMERCIAL = Contact(
    civility=Civility.MR, first_name="Jérôme", last_name="Bœuf", position="Commercial"
)


def dubois(*contacts: Contact) -> Client:
    """Dubois SARL with these contacts, in this order."""
    return company("dubois", "Dubois SARL", contacts=contacts)


def primaries(client: Client) -> list[str]:
    return [contact.first_name for contact in client.contacts if contact.primary]


def test_a_client_without_contacts_has_no_primary_contact() -> None:
    assert primary_contact(dubois()) is None


def test_a_single_contact_is_primary_by_itself() -> None:
    assert primary_contact(dubois(SECRETARIAT)) == SECRETARIAT


def test_the_flagged_contact_is_the_primary_contact() -> None:
    flagged = Contact(first_name="Jérôme", last_name="Bœuf", primary=True)
    assert primary_contact(dubois(SECRETARIAT, flagged)) == flagged


def test_of_several_flagged_contacts_the_first_one_is_primary() -> None:
    first = Contact(first_name="Léa", primary=True)
    second = Contact(first_name="Jérôme", primary=True)
    assert primary_contact(dubois(first, second)) == first


def test_among_several_unflagged_contacts_none_is_picked() -> None:
    assert primary_contact(dubois(SECRETARIAT, COMMERCIAL)) is None


def test_setting_another_primary_contact_clears_the_old_one() -> None:
    client = dubois(Contact(first_name="Claire", primary=True), SECRETARIAT, COMMERCIAL)
    changed = set_primary_contact(client, 2)
    assert primaries(changed) == ["Jérôme"]
    assert primary_contact(changed) == Contact(
        civility=Civility.MR,
        first_name="Jérôme",
        last_name="Bœuf",
        position="Commercial",
        primary=True,
    )


def test_setting_the_primary_contact_leaves_the_record_given_unchanged() -> None:
    client = dubois(DIRECTRICE, SECRETARIAT)
    set_primary_contact(client, 1)
    assert primaries(client) == []


def test_setting_the_primary_contact_keeps_every_other_field() -> None:
    client = dubois(DIRECTRICE, SECRETARIAT)
    changed = set_primary_contact(client, 0)
    assert [c.full_name for c in changed.contacts] == ["Claire Moreau", "Léa Fontaine"]
    assert changed.name == client.name


def test_setting_a_contact_the_client_does_not_have_is_refused() -> None:
    with pytest.raises(UnknownContact) as raised:
        set_primary_contact(dubois(DIRECTRICE, SECRETARIAT), 2)
    assert (raised.value.index, raised.value.count) == (2, 2)
    assert isinstance(raised.value, IndexError)
    assert raised.value.message("en") == (
        "There is no contact at position 2: this client has 2 contact(s)."
    )


def test_a_negative_position_is_refused_not_counted_from_the_end() -> None:
    with pytest.raises(UnknownContact) as raised:
        set_primary_contact(dubois(DIRECTRICE, SECRETARIAT), -1)
    assert raised.value.index == -1


def test_a_client_without_contacts_has_no_contact_to_make_primary() -> None:
    with pytest.raises(UnknownContact) as raised:
        set_primary_contact(dubois(), 0)
    assert raised.value.count == 0
    assert raised.value.message("en") == "This client has no contact yet."


def test_an_unknown_contact_error_survives_pickling() -> None:
    copy = pickle.loads(pickle.dumps(UnknownContact(3, 2)))
    assert (type(copy), copy.index, copy.count) == (UnknownContact, 3, 2)


def test_the_first_contact_added_becomes_primary() -> None:
    assert primaries(add_contact(dubois(), SECRETARIAT)) == ["Léa"]


def test_adding_a_contact_keeps_the_primary_contact() -> None:
    client = dubois(Contact(first_name="Claire", primary=True))
    assert primaries(add_contact(client, SECRETARIAT)) == ["Claire"]


def test_a_contact_primary_by_being_alone_stays_primary_when_another_is_added() -> None:
    client = add_contact(dubois(DIRECTRICE), SECRETARIAT)
    assert primaries(client) == ["Claire"]
    assert primary_contact(client) is client.contacts[0]


def test_adding_a_primary_contact_clears_the_old_one() -> None:
    client = dubois(Contact(first_name="Claire", primary=True), SECRETARIAT)
    added = add_contact(client, Contact(first_name="Jérôme", primary=True))
    assert primaries(added) == ["Jérôme"]
    assert [c.first_name for c in added.contacts] == ["Claire", "Léa", "Jérôme"]


def test_adding_to_contacts_without_a_primary_one_does_not_pick_one() -> None:
    client = add_contact(dubois(DIRECTRICE, SECRETARIAT), COMMERCIAL)
    assert primary_contact(client) is None
