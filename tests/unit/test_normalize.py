"""Normalising a client record: compact identifiers, E.164 phones, nothing lost."""

from __future__ import annotations

from typing import Any

import pytest
from tests.factories import company

from clientbook import Address, Civility, Client, ClientKind, Contact, DeliveryAddress
from clientbook._rules.normalize import normalize_client
from clientbook._rules.validation import validate_client


def jerome(**fields: Any) -> Contact:
    """Jérôme Petit of the Garage Petit, his direct line in Corsica."""
    values: dict[str, Any] = {
        "civility": Civility.MR,
        "first_name": "Jérôme",
        "last_name": "Petit",
        "email": "jerome.petit@garage-petit.fr",
        "direct_phone": "04 95 21 12 34",
    }
    return Contact(**(values | fields))


def garage(**fields: Any) -> Client:
    """The Garage Petit in Ajaccio, with Jérôme; *fields* change any field."""
    values: dict[str, Any] = {
        "address": Address(line1="Route du Salario", postal_code="20000", city="Ajaccio"),
        "contacts": (jerome(),),
    }
    return company("c7", "Garage Petit", **(values | fields))


def test_valid_identifiers_are_stored_compact() -> None:
    client = normalize_client(
        garage(
            siret="404 833 048 00014",
            siren="404.833.048",
            vat_number="fr 83 404 833 048",
            ape_code="45.20a",
        )
    )
    assert (client.siret, client.siren, client.vat_number, client.ape_code) == (
        "40483304800014",
        "404833048",
        "FR83404833048",
        "4520A",
    )


def test_a_greek_vat_number_typed_with_gr_becomes_el() -> None:
    assert normalize_client(garage(vat_number="GR 094 259 216")).vat_number == "EL094259216"


def test_invalid_identifiers_are_left_as_typed() -> None:
    client = garage(siret="404 833 048 00015", vat_number="FR 84 404 833 048", ape_code="62.99Z")
    normalized = normalize_client(client)
    assert normalized.siret == "404 833 048 00015"
    assert normalized.vat_number == "FR 84 404 833 048"
    assert normalized.ape_code == "62.99Z"


def test_a_companys_blank_siren_is_read_from_its_siret() -> None:
    client = garage(siret="40483304800014", siren="")
    assert normalize_client(client).siren == "404833048"


def test_an_individuals_siren_is_not_made_up_from_a_siret() -> None:
    client = Client(
        id="p1", kind=ClientKind.INDIVIDUAL, last_name="Petit", siret="40483304800014", siren=""
    )
    assert normalize_client(client).siren == ""


def test_phones_are_stored_in_e164_in_the_territory_of_the_address() -> None:
    client = garage(
        address=Address(line1="Rue Frébault", postal_code="97110", city="Pointe-à-Pitre"),
        contacts=(
            jerome(
                direct_phone="0590 82 12 34",
                mobile_phone="06 90 12 34 56",
                switchboard_phone="+33 1 42 68 53 00",
            ),
        ),
    )
    normalized = normalize_client(client).contacts[0]
    assert normalized.direct_phone == "+590590821234"
    assert normalized.mobile_phone == "+590690123456"
    assert normalized.switchboard_phone == "+33142685300"


def test_an_invalid_phone_or_one_with_an_extension_is_left_as_typed() -> None:
    client = garage(
        contacts=(jerome(direct_phone="04 95 21", switchboard_phone="04 95 21 12 34 x12"),)
    )
    normalized = normalize_client(client).contacts[0]
    assert normalized.direct_phone == "04 95 21"
    assert normalized.switchboard_phone == "04 95 21 12 34 x12"


def test_email_domains_are_lower_cased_and_the_local_part_kept() -> None:
    client = garage(contacts=(jerome(email="  Jerome.Petit@Garage-Petit.FR "),))
    assert normalize_client(client).contacts[0].email == "Jerome.Petit@garage-petit.fr"


def test_an_invalid_email_is_left_as_typed() -> None:
    client = garage(contacts=(jerome(email="jerome.petit@garage"),))
    assert normalize_client(client).contacts[0].email == "jerome.petit@garage"


def test_country_codes_are_in_capitals_and_postal_codes_stripped_in_every_address() -> None:
    client = garage(
        address=Address(postal_code=" 20000 ", city="Ajaccio", country=" fr"),
        billing_address=Address(postal_code="1000 ", city="Bruxelles", country="be"),
        delivery_addresses=(
            DeliveryAddress(
                address=Address(postal_code=" 20200", city="Bastia", country="fr"), label="Dépôt"
            ),
        ),
    )
    normalized = normalize_client(client)
    assert normalized.address == Address(postal_code="20000", city="Ajaccio", country="FR")
    assert normalized.billing_address == Address(postal_code="1000", city="Bruxelles", country="BE")
    assert normalized.delivery_addresses == (
        DeliveryAddress(
            address=Address(postal_code="20200", city="Bastia", country="FR"), label="Dépôt"
        ),
    )


def test_other_fields_are_left_alone() -> None:
    client = garage(
        name="  garage petit ", website="WWW.Garage-Petit.fr", accounting_account="411petit"
    )
    normalized = normalize_client(client)
    assert (normalized.name, normalized.website, normalized.accounting_account) == (
        "  garage petit ",
        "WWW.Garage-Petit.fr",
        "411petit",
    )


def test_normalising_twice_changes_nothing_more() -> None:
    client = garage(
        siret="404 833 048 00014",
        vat_number="fr83404833048",
        contacts=(jerome(email="J@Garage-Petit.FR", mobile_phone="06 12 34 56 78"),),
    )
    once = normalize_client(client)
    assert once != client
    assert normalize_client(once) == once


@pytest.mark.parametrize(
    "client",
    [
        garage(siret="404 833 048 00014", contacts=(jerome(mobile_phone="0612345678"),)),
        garage(address=Address(postal_code=" 98000", city="Monaco", country="mc ")),
        garage(contacts=(jerome(direct_phone="n/a", email="?"),)),
    ],
)
def test_a_normalised_record_has_no_more_problems(client: Client) -> None:
    assert len(validate_client(normalize_client(client))) <= len(validate_client(client))
