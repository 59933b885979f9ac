"""Checking a whole client record: every problem at once, in the record's order."""

from __future__ import annotations

import attrs
import pytest
from tests.factories import claire, complete_company, individual

from clientbook import Address, Civility, Client, Contact, DeliveryAddress
from clientbook._base.i18n import translate
from clientbook._rules.contacts import primary_contact_indexes
from clientbook._rules.policy import Policy
from clientbook._rules.validation import validate_client

MONACO_VAT = "FR" + f"{(12 + 3 * (123456 % 97)) % 97:02d}" + "000123456"


def found(client: Client, policy: Policy | None = None) -> list[tuple[str, str]]:
    return [(p.code, p.field) for p in validate_client(client, policy=policy, locale="en")]


def test_a_complete_company_in_lyon_has_no_problem() -> None:
    assert validate_client(complete_company()) == []


def test_a_complete_individual_in_ajaccio_has_no_problem() -> None:
    assert validate_client(individual()) == []


# --- identifiers ---------------------------------------------------------------------------


def test_a_mistyped_siret_is_reported_with_the_identifiers_code_in_french_by_default() -> None:
    problems = validate_client(complete_company(siret="12345678200011", siren="123456782"))
    assert [(p.code, p.field, p.severity) for p in problems] == [
        ("siret.checksum", "siret", "error")
    ]
    assert problems[0].message.startswith("Les chiffres de contrôle ne correspondent pas")


def test_the_same_problem_reads_in_english_on_request() -> None:
    problems = validate_client(
        complete_company(siret="12345678200011", siren="123456782"), locale="en_GB"
    )
    assert problems[0].message.startswith("The check digits do not match")


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"siren": "12345678"}, [("siren.length", "siren")]),
        ({"vat_number": "FR12123456782"}, [("vat.checksum", "vat_number")]),
        ({"vat_number": "EU372000041"}, [("vat.component", "vat_number")]),
        ({"ape_code": "62.99Z"}, [("naf.component", "ape_code")]),
        ({"ape_code": "boulangerie"}, [("naf.length", "ape_code")]),
    ],
)
def test_each_invalid_identifier_is_reported_on_its_field(
    fields: dict[str, str], expected: list[tuple[str, str]]
) -> None:
    assert found(complete_company(**fields)) == expected


def test_identifiers_typed_with_spaces_are_valid() -> None:
    client = complete_company(
        siret="123 456 782 00010", vat_number="FR 11 123 456 782", ape_code="1071C"
    )
    assert validate_client(client) == []


def test_a_siret_of_another_company_than_the_siren_is_refused() -> None:
    client = complete_company(siret="40483304800014", siren="123456782")
    problems = validate_client(client, locale="en")
    assert [(p.code, p.field) for p in problems] == [("siret.siren_mismatch", "siret")]
    assert "404 833 048" in problems[0].message
    assert "123 456 782" in problems[0].message


def test_a_french_vat_number_of_another_company_is_refused() -> None:
    client = complete_company(vat_number="FR83404833048")
    problems = validate_client(client, locale="en")
    assert [(p.code, p.field) for p in problems] == [("vat.siren_mismatch", "vat_number")]
    assert "404 833 048" in problems[0].message


def test_the_vat_number_is_compared_with_the_siren_of_the_siret_when_no_siren_is_given() -> None:
    client = complete_company(siret="40483304800014", siren="", vat_number="FR11123456782")
    assert found(client) == [("vat.siren_mismatch", "vat_number")]


def test_a_siren_that_is_not_valid_is_compared_with_nothing() -> None:
    client = complete_company(siren="123456789", siret="40483304800014", vat_number="FR83404833048")
    assert found(client) == [("siren.checksum", "siren")]


def test_a_siren_of_dots_is_refused_and_counts_as_blank_for_the_cross_checks() -> None:
    # A SIREN compacts to nothing without its spaces and dots: the SIRET's SIREN is the
    # company's, and the VAT number is compared with it.
    client = complete_company(siren=" . ", siret="40483304800014", vat_number="FR11123456782")
    assert found(client) == [("vat.siren_mismatch", "vat_number"), ("siren.format", "siren")]


def test_a_monaco_company_with_its_vat_number_and_no_siren_is_fine() -> None:
    monaco = Address(
        line1="2 boulevard des Moulins", postal_code="98000", city="Monaco", country="MC"
    )
    assert found(
        complete_company(siret="", vat_number=MONACO_VAT, address=monaco, contacts=())
    ) == [("contact.primary.required", "contacts")]
    assert found(complete_company(siret="", vat_number=MONACO_VAT, address=None)) == []


def test_a_foreign_vat_number_is_not_compared_with_the_siren() -> None:
    assert validate_client(complete_company(vat_number="DE136695976")) == []


# --- the SIREN of a company in France -------------------------------------------------------


def test_a_company_in_france_without_siren_is_refused() -> None:
    problems = validate_client(complete_company(siret="", vat_number=""), locale="en")
    assert [(p.code, p.field, p.severity) for p in problems] == [
        ("siren.required", "siren", "error")
    ]
    assert "SIREN" in problems[0].message


def test_a_company_without_address_must_carry_a_siren_too() -> None:
    assert found(complete_company(siret="", vat_number="", address=None)) == [
        ("siren.required", "siren")
    ]


@pytest.mark.parametrize(
    ("postal_code", "city"),
    [("97110", "Pointe-à-Pitre"), ("20000", "Ajaccio"), ("97133", "Gustavia")],
)
def test_a_company_in_corsica_or_overseas_must_carry_a_siren(postal_code: str, city: str) -> None:
    address = Address(line1="1 rue Schœlcher", postal_code=postal_code, city=city)
    client = complete_company(siret="", vat_number="", address=address, contacts=())
    assert ("siren.required", "siren") in found(client)


@pytest.mark.parametrize("number", ["DE120000005", "DE 120 000 005"])
def test_a_foreign_vat_number_with_zeros_where_monaco_has_them_is_no_excuse(number: str) -> None:
    # Monaco's numbers are French ones: FR, the key, then 000. A German number with 000 at
    # the same place is not one, and a company in France carries its SIREN all the same.
    client = complete_company(siret="", vat_number=number, address=None)
    assert found(client) == [("siren.required", "siren")]


def test_a_siret_is_enough_since_it_carries_the_siren() -> None:
    assert found(complete_company(siret="12345678200010", siren="")) == []


def test_a_company_abroad_needs_no_siren() -> None:
    brussels = Address(line1="Rue Neuve 12", postal_code="1000", city="Bruxelles", country="BE")
    client = complete_company(siret="", vat_number="", address=brussels, contacts=())
    assert found(client) == [("contact.primary.required", "contacts")]


def test_an_individual_needs_no_siren() -> None:
    assert "siren.required" not in [code for code, _ in found(individual())]


# --- company fields on an individual --------------------------------------------------------


def test_company_fields_on_an_individual_are_each_refused() -> None:
    client = individual(
        company_type="SARL",
        parent_id="c9",
        vat_number="FR11123456782",
        siret="12345678200010",
        ape_code="10.71C",
    )
    assert found(client) == [
        ("client.individual.company_field", "company_type"),
        ("client.individual.company_field", "parent_id"),
        ("client.individual.company_field", "vat_number"),
        ("client.individual.company_field", "siret"),
        ("client.individual.company_field", "siren"),  # read from the SIRET
        ("client.individual.company_field", "ape_code"),
    ]


def test_the_company_field_message_names_the_field() -> None:
    problems = validate_client(individual(vat_number="FR11123456782"), locale="en")
    assert problems[0].message.startswith("A VAT number belongs to a company")


def test_an_individual_may_carry_a_name() -> None:
    assert validate_client(individual(name="Lefèvre Élodie")) == []


# --- addresses --------------------------------------------------------------------------------


def test_address_problems_name_the_address_they_are_in() -> None:
    client = complete_company(
        address=Address(line1="12 rue des Lilas", postal_code="6900", city="Lyon"),
        billing_address=Address(line1="BP 42", postal_code="69003"),
        delivery_addresses=(
            DeliveryAddress(address=Address(postal_code="69100", city="Villeurbanne")),
            DeliveryAddress(
                address=Address(postal_code="2A000", city="Ajaccio"), label="Dépôt d'Ajaccio"
            ),
        ),
    )
    assert found(client) == [
        ("address.postal_code.format", "address.postal_code"),
        ("address.city.required", "billing_address.city"),
        ("address.postal_code.format", "delivery_addresses[1].address.postal_code"),
    ]


def test_a_cedex_address_is_fine() -> None:
    cedex = Address(
        line1="8 rue de Lille", line2="CS 70001", postal_code="75700", city="Paris Cedex 07"
    )
    assert validate_client(complete_company(address=cedex)) == []


def test_a_company_in_monaco_entered_as_france_is_told_its_country() -> None:
    monaco = Address(line1="2 boulevard des Moulins", postal_code="98000", city="Monaco")
    monegasque = claire(direct_phone="93 15 80 00", mobile_phone="06 12 34 56 78")
    client = complete_company(
        address=monaco, siret="", vat_number=MONACO_VAT, contacts=(monegasque,)
    )
    assert found(client) == [("address.country.monaco", "address.country")]


def test_a_country_name_instead_of_its_code_is_refused() -> None:
    address = Address(
        line1="Rue Neuve 12", postal_code="1000", city="Bruxelles", country="Belgique"
    )
    assert found(complete_company(address=address)) == [
        ("address.country.unknown", "address.country")
    ]


def test_a_long_street_line_is_a_warning_not_an_error() -> None:
    address = Address(
        line1="Zone artisanale des Grands Champs, lot 14", postal_code="35000", city="Rennes"
    )
    problems = validate_client(complete_company(address=address))
    assert [(p.code, p.field, p.severity) for p in problems] == [
        ("address.line.too_long", "address.line1", "warning")
    ]


# --- contacts ---------------------------------------------------------------------------------


def test_an_invalid_direct_phone_is_reported_on_the_contact() -> None:
    problems = validate_client(
        complete_company(contacts=(claire(direct_phone="04 78 12"),)), locale="en"
    )
    assert [(p.code, p.field) for p in problems] == [
        ("contact.phone.invalid", "contacts[0].direct_phone")
    ]
    assert "(France)" in problems[0].message


def test_phones_are_read_in_the_territory_of_the_clients_address() -> None:
    guadeloupe = Address(line1="Rue Frébault", postal_code="97110", city="Pointe-à-Pitre")
    client = complete_company(
        address=guadeloupe,
        contacts=(claire(direct_phone="0590 82 12 34", mobile_phone="0690 12 34 56"),),
    )
    assert validate_client(client) == []


def test_a_landline_in_the_mobile_field_is_a_warning() -> None:
    problems = validate_client(complete_company(contacts=(claire(mobile_phone="04 78 98 76 54"),)))
    assert [(p.code, p.field, p.severity) for p in problems] == [
        ("contact.phone.not_mobile", "contacts[0].mobile_phone", "warning")
    ]


@pytest.mark.parametrize(
    "email",
    ["claire.dubois@", "claire dubois@boulangerie-martin.fr", "claire@boulangerie", "@x.fr"],
)
def test_a_malformed_email_is_refused(email: str) -> None:
    problems = validate_client(complete_company(contacts=(claire(email=email),)), locale="en")
    assert [(p.code, p.field) for p in problems] == [("contact.email.format", "contacts[0].email")]
    assert "claire.dubois@boulangerie-martin.fr" in problems[0].message


@pytest.mark.parametrize(
    "email", [" Claire.Dubois@Boulangerie-Martin.FR ", "élodie.lefèvre@café-du-port.fr"]
)
def test_an_email_with_capitals_accents_or_surrounding_spaces_is_accepted(email: str) -> None:
    assert validate_client(complete_company(contacts=(claire(email=email),))) == []


def test_the_primary_contacts_four_fields_are_required() -> None:
    bare = Contact(civility=Civility.MR, position="Comptable")
    assert found(complete_company(contacts=(bare,))) == [
        ("contact.first_name.required", "contacts[0].first_name"),
        ("contact.last_name.required", "contacts[0].last_name"),
        ("contact.email.required", "contacts[0].email"),
        ("contact.direct_phone.required", "contacts[0].direct_phone"),
    ]


def test_the_required_message_names_the_field() -> None:
    problems = validate_client(complete_company(contacts=(claire(email=""),)), locale="en")
    assert problems[0].message == "The primary contact's e-mail is required."


def test_only_the_primary_contact_must_fill_the_required_fields() -> None:
    assistant = Contact(first_name="Paul", position="Secrétariat")
    client = complete_company(contacts=(assistant, claire(primary=True)))
    assert validate_client(client) == []


def test_a_company_without_any_contact_lacks_its_primary_contact() -> None:
    problems = validate_client(complete_company(contacts=()), locale="en")
    assert [(p.code, p.field, p.severity) for p in problems] == [
        ("contact.primary.required", "contacts", "error")
    ]


def test_an_individual_without_contact_is_fine() -> None:
    assert found(individual(contacts=())) == []


def test_two_primary_contacts_are_refused() -> None:
    client = complete_company(
        contacts=(claire(primary=True), claire(first_name="Luc", primary=True))
    )
    problems = validate_client(client, locale="en")
    assert [(p.code, p.field, p.severity) for p in problems] == [
        ("contact.primary.multiple", "contacts", "error")
    ]
    assert problems[0].message.startswith("2 contacts")


def test_several_contacts_and_none_primary_is_a_warning() -> None:
    client = complete_company(contacts=(claire(), claire(first_name="Luc")))
    problems = validate_client(client, locale="en")
    assert [(p.code, p.field, p.severity) for p in problems] == [
        ("contact.primary.missing", "contacts", "warning")
    ]


@pytest.mark.parametrize(
    ("primaries", "expected"),
    [
        ((), []),
        ((False,), [0]),
        ((True,), [0]),
        ((False, True, False), [1]),
        ((True, True), [0, 1]),
    ],
)
def test_the_primary_contact_is_the_marked_one_or_the_only_one(
    primaries: tuple[bool, ...], expected: list[int]
) -> None:
    client = complete_company(contacts=tuple(claire(primary=flag) for flag in primaries))
    assert primary_contact_indexes(client) == expected


# --- required fields --------------------------------------------------------------------------


def test_a_company_without_name_is_refused() -> None:
    problems = validate_client(complete_company(name="  "), locale="en")
    assert [(p.code, p.field) for p in problems] == [("client.name.required", "name")]
    assert problems[0].message == "The company name is required."


def test_an_individual_without_last_name_is_refused() -> None:
    assert found(individual(last_name="")) == [("client.last_name.required", "last_name")]


# --- website, parent, accounting account ------------------------------------------------------


@pytest.mark.parametrize(
    "website",
    [
        "www.boulangerie-martin.fr",
        "boulangerie-martin.fr",
        "https://www.boulangerie-martin.fr/",
        "http://boulangerie-martin.fr/nos-pains?page=2",
        "HTTPS://WWW.BOULANGERIE-MARTIN.FR",
        "https://www.pâtisserie-léa.fr",
        "https://www.boulangerie-martin.fr:8443/boutique",
    ],
)
def test_a_website_address_or_bare_domain_is_accepted(website: str) -> None:
    assert validate_client(complete_company(website=website)) == []


@pytest.mark.parametrize(
    "website",
    [
        "boulangerie martin",
        "www",
        "ftp://boulangerie-martin.fr",
        "mailto:contact@boulangerie-martin.fr",
        "https://",
        "http//boulangerie-martin.fr",
        "https://boulangerie-martin.fr:port",
        "javascript:alert(1)",
        "https://192.168.1.10",
        "-boulangerie.fr",
    ],
)
def test_a_website_that_is_no_web_address_is_refused(website: str) -> None:
    assert found(complete_company(website=website)) == [("client.website.format", "website")]


def test_a_company_cannot_be_its_own_parent() -> None:
    assert found(complete_company(parent_id="c1")) == [("client.parent_id.self", "parent_id")]
    assert found(complete_company(parent_id="c2")) == []


@pytest.mark.parametrize("account", ["411DURAND-ET-FILS", "411 DURAND", "411ÉLODIE", "4" * 18])
def test_an_accounting_account_other_software_would_refuse_is_a_warning(account: str) -> None:
    problems = validate_client(complete_company(accounting_account=account))
    assert [(p.code, p.field, p.severity) for p in problems] == [
        ("client.accounting_account.format", "accounting_account", "warning")
    ]


# --- the whole record -------------------------------------------------------------------------


def test_every_problem_comes_at_once_in_the_order_of_the_record() -> None:
    client = complete_company(
        name="",
        website="boulangerie martin",
        vat_number="FR12123456782",
        siret="12345678200011",
        siren="123456782",
        address=Address(postal_code="6900", city="Lyon"),
        contacts=(claire(email="claire@", primary=True), claire(direct_phone="12", primary=True)),
    )
    assert found(client) == [
        ("client.name.required", "name"),
        ("client.website.format", "website"),
        ("address.postal_code.format", "address.postal_code"),
        ("vat.checksum", "vat_number"),
        ("siret.checksum", "siret"),
        ("contact.primary.multiple", "contacts"),
        ("contact.email.format", "contacts[0].email"),
        ("contact.phone.invalid", "contacts[1].direct_phone"),
    ]


def test_messages_are_french_by_default_and_english_on_request() -> None:
    client = complete_company(name="")
    french = validate_client(client)
    assert french == validate_client(client, locale="fr_FR")
    assert french[0].message == translate(
        "{label} is required.", "fr", label=translate("The company name", "fr")
    )
    assert validate_client(client, locale="en")[0].message == "The company name is required."


def test_a_locale_without_messages_is_refused() -> None:
    with pytest.raises(ValueError, match="choose one of: fr, en") as raised:
        validate_client(complete_company(), locale="de")
    assert "'de'" in str(raised.value)


def test_checking_twice_gives_the_same_problems() -> None:
    client = complete_company(name="", contacts=(claire(direct_phone="x"), claire(email="y")))
    assert validate_client(client) == validate_client(client)


def test_validation_leaves_the_record_as_it_was() -> None:
    client = complete_company(vat_number="fr 11 123 456 782")
    validate_client(client)
    assert client.vat_number == "fr 11 123 456 782"
    assert attrs.evolve(client) == client
