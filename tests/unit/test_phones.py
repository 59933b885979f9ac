"""Telephone numbers: read in the territory of the client's address, stored in E.164."""

from __future__ import annotations

import pytest

from clientbook import Address, Client, ClientKind
from clientbook._rules.phones import client_region, normalize_phone, phone_problems, stored_phone


def check(text: str, region: str, *, mobile: bool = False) -> list[tuple[str, str, str]]:
    return [
        (p.code, p.field, p.severity)
        for p in phone_problems(
            text, region=region, field="contacts[0].direct_phone", mobile=mobile, locale="en"
        )
    ]


def test_a_guadeloupe_landline_is_valid_with_a_guadeloupe_address() -> None:
    assert normalize_phone("0590 27 12 34", region="GP") == "+590590271234"
    assert check("0590 27 12 34", "GP") == []


def test_a_reunion_mobile_is_valid_with_a_reunion_address() -> None:
    assert normalize_phone("0692 12 34 56", region="RE") == "+262692123456"
    assert check("0692 12 34 56", "RE", mobile=True) == []


def test_a_mainland_mobile_is_stored_in_e164() -> None:
    assert normalize_phone("06 12 34 56 78", region="FR") == "+33612345678"
    assert normalize_phone("06.12.34.56.78", region="FR") == "+33612345678"
    assert normalize_phone("0033 6 12 34 56 78", region="FR") == "+33612345678"


def test_a_number_with_its_country_code_is_read_as_typed() -> None:
    assert normalize_phone("+590 590 27 12 34", region="FR") == "+590590271234"
    assert normalize_phone("+32 2 555 12 34", region="FR") == "+3225551234"
    assert normalize_phone("+33 6 12 34 56 78", region="GP") == "+33612345678"


def test_a_09_number_is_a_valid_voip_line() -> None:
    assert normalize_phone("09 70 12 34 56", region="FR") == "+33970123456"
    assert check("09 70 12 34 56", "FR") == []


def test_a_monaco_number_is_read_with_a_monaco_address() -> None:
    assert normalize_phone("93 15 80 00", region="MC") == "+37793158000"


def test_an_overseas_number_typed_from_a_mainland_address_follows_the_national_plan() -> None:
    # One dials 0590 27 12 34 from Paris to reach Pointe-à-Pitre: the same 10-digit plan.
    assert normalize_phone("0590 27 12 34", region="FR") == "+590590271234"
    assert normalize_phone("0692 12 34 56", region="FR") == "+262692123456"
    assert normalize_phone("06 12 34 56 78", region="GP") == "+33612345678"


def test_a_national_number_without_its_leading_zero_is_not_read_elsewhere() -> None:
    assert normalize_phone("590 27 12 34", region="FR") is None


def test_monaco_is_outside_the_french_plan_so_a_lyon_number_needs_its_code_there() -> None:
    assert normalize_phone("04 78 12 34 56", region="MC") is None
    assert normalize_phone("+33 4 78 12 34 56", region="MC") == "+33478123456"
    assert normalize_phone("06 12 34 56 78", region="MC") == "+377612345678"  # a Monaco mobile


@pytest.mark.parametrize("text", ["06 12 34", "01 02 03 04 05 06", "téléphone", "", "+", "+999 12"])
def test_what_is_no_valid_number_gives_none(text: str) -> None:
    assert normalize_phone(text, region="FR") is None


def test_a_number_with_an_extension_is_not_stored_in_e164_which_would_lose_it() -> None:
    assert normalize_phone("04 78 12 34 56 x12", region="FR") == "+33478123456"
    assert stored_phone("04 78 12 34 56 x12", region="FR") is None
    assert stored_phone("04 78 12 34 56", region="FR") == "+33478123456"
    assert stored_phone("04 78 12", region="FR") is None


def test_an_unknown_region_gives_none_rather_than_an_error() -> None:
    assert normalize_phone("06 12 34 56 78", region="??") is None


def test_an_invalid_number_names_the_territory_it_was_read_in() -> None:
    problems = phone_problems(
        "0590 27 12", region="GP", field="contacts[2].direct_phone", mobile=False, locale="en"
    )
    assert [(p.code, p.field, p.severity) for p in problems] == [
        ("contact.phone.invalid", "contacts[2].direct_phone", "error")
    ]
    assert "(Guadeloupe)" in problems[0].message


def test_an_invalid_international_number_is_reported_without_territory() -> None:
    problems = phone_problems(
        "+33 6 12", region="GP", field="contacts[0].mobile_phone", mobile=True, locale="en"
    )
    assert [p.code for p in problems] == ["contact.phone.invalid"]
    assert "Guadeloupe" not in problems[0].message


def test_a_landline_in_the_mobile_field_is_a_warning() -> None:
    assert check("04 78 12 34 56", "FR", mobile=True) == [
        ("contact.phone.not_mobile", "contacts[0].direct_phone", "warning")
    ]
    assert check("09 70 12 34 56", "FR", mobile=True)[0][0] == "contact.phone.not_mobile"


def test_a_mobile_in_the_direct_phone_field_is_fine() -> None:
    assert check("06 12 34 56 78", "FR") == []


def test_a_blank_number_has_no_problem_here() -> None:
    assert check("   ", "FR") == []


@pytest.mark.parametrize(
    ("address", "region"),
    [
        (None, "FR"),
        (Address(postal_code="97110", city="Pointe-à-Pitre"), "GP"),
        (Address(postal_code="1000", city="Bruxelles", country="BE"), "BE"),
        (Address(postal_code="75008", city="Paris", country="Frankreich"), "FR"),
    ],
)
def test_a_clients_numbers_are_read_in_the_territory_of_its_address(
    address: Address | None, region: str
) -> None:
    client = Client(id="c1", kind=ClientKind.COMPANY, address=address)
    assert client_region(client) == region


def test_without_a_main_address_the_billing_address_gives_the_territory() -> None:
    client = Client(
        id="c1",
        kind=ClientKind.COMPANY,
        billing_address=Address(postal_code="97200", city="Fort-de-France"),
    )
    assert client_region(client) == "MQ"
