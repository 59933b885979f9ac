"""French postal codes, territories, and the NF Z10-011 address block."""

from __future__ import annotations

import pytest

from clientbook import Address
from clientbook._rules.postal import address_problems, country_name, postal_lines, territory


def problems_of(address: Address, locale: str = "en") -> list[tuple[str, str, str]]:
    return [
        (p.code, p.field, p.severity)
        for p in address_problems(address, field="address", locale=locale)
    ]


@pytest.mark.parametrize(
    ("postal_code", "city"),
    [
        ("75008", "Paris"),
        ("20000", "Ajaccio"),
        ("20200", "Bastia"),
        ("97110", "Pointe-à-Pitre"),
        ("97400", "Saint-Denis"),
        ("75700", "Paris Cedex 07"),
        ("01000", "Bourg-en-Bresse"),
        (" 69003 ", "Lyon"),
    ],
)
def test_a_french_address_with_a_five_digit_postal_code_has_no_problem(
    postal_code: str, city: str
) -> None:
    assert (
        problems_of(Address(line1="1 place de la Mairie", postal_code=postal_code, city=city)) == []
    )


@pytest.mark.parametrize(
    "postal_code", ["7500", "750080", "75 008", "７５００８", "F-75008", "00100"]
)
def test_a_french_postal_code_that_is_not_five_digits_is_refused(postal_code: str) -> None:
    problems = address_problems(
        Address(postal_code=postal_code, city="Paris"), field="address", locale="en"
    )
    assert [(p.code, p.field) for p in problems] == [
        ("address.postal_code.format", "address.postal_code")
    ]
    assert "5 digits" in problems[0].message


@pytest.mark.parametrize("postal_code", ["2A000", "2b200"])
def test_a_corsican_department_code_typed_as_postal_code_is_explained(postal_code: str) -> None:
    problems = address_problems(
        Address(postal_code=postal_code, city="Ajaccio"), field="address", locale="en"
    )
    assert [p.code for p in problems] == ["address.postal_code.format"]
    assert "start with 20" in problems[0].message


@pytest.mark.parametrize(
    ("postal_code", "city", "region"),
    [
        ("75008", "Paris", "FR"),
        ("20000", "Ajaccio", "FR"),
        ("97110", "Pointe-à-Pitre", "GP"),
        ("97200", "Fort-de-France", "MQ"),
        ("97300", "Cayenne", "GF"),
        ("97400", "Saint-Denis", "RE"),
        ("97500", "Saint-Pierre", "PM"),
        ("97600", "Mamoudzou", "YT"),
        ("97133", "Saint-Barthélemy", "BL"),
        ("97150", "Saint-Martin", "MF"),
        ("98000", "Monaco", "MC"),
        ("98800", "Nouméa", "NC"),
        ("98714", "Papeete", "PF"),
        ("ABCDE", "Nulle-Part", "FR"),
    ],
)
def test_a_french_address_is_in_the_territory_its_postal_code_says(
    postal_code: str, city: str, region: str
) -> None:
    assert territory(Address(postal_code=postal_code, city=city)) == region


def test_a_blank_country_is_france_the_pages_default() -> None:
    assert territory(Address(postal_code="97110", city="Pointe-à-Pitre", country=" ")) == "GP"
    assert problems_of(Address(postal_code="7500", city="Paris", country="")) == [
        ("address.postal_code.format", "address.postal_code", "error")
    ]


def test_an_address_abroad_is_in_its_country() -> None:
    assert territory(Address(postal_code="1000", city="Bruxelles", country=" be")) == "BE"


def test_a_french_address_with_monacos_postal_code_is_told_to_use_country_mc() -> None:
    problems = address_problems(
        Address(line1="2 avenue de Monte-Carlo", postal_code="98000", city="Monaco"),
        field="billing_address",
        locale="en",
    )
    assert [(p.code, p.field, p.severity) for p in problems] == [
        ("address.country.monaco", "billing_address.country", "error")
    ]
    assert "98000" in problems[0].message
    assert "MC" in problems[0].message


def test_a_monaco_address_has_a_980_postal_code() -> None:
    assert problems_of(Address(postal_code="98000", city="Monaco", country="MC")) == []
    problems = address_problems(
        Address(postal_code="75008", city="Monaco", country="MC"), field="address", locale="en"
    )
    assert [p.code for p in problems] == ["address.postal_code.format"]
    assert "98000" in problems[0].message


def test_a_postal_code_without_its_city_is_incomplete() -> None:
    assert problems_of(Address(line1="12 rue des Lilas", postal_code="69003")) == [
        ("address.city.required", "address.city", "error")
    ]


def test_a_french_city_without_its_postal_code_is_incomplete() -> None:
    assert problems_of(Address(line1="12 rue des Lilas", city="Lyon")) == [
        ("address.postal_code.required", "address.postal_code", "error")
    ]


def test_an_address_abroad_may_have_no_postal_code() -> None:
    assert problems_of(Address(line1="Main Street", city="Dublin", country="IE")) == []


def test_an_empty_address_has_no_problem() -> None:
    assert problems_of(Address()) == []


@pytest.mark.parametrize("country", ["France", "FRA", "F", "UK", "EU", "ZZ"])
def test_a_country_that_is_no_iso_code_is_refused(country: str) -> None:
    problems = address_problems(
        Address(postal_code="75008", city="Paris", country=country), field="address", locale="en"
    )
    assert [(p.code, p.field) for p in problems] == [("address.country.unknown", "address.country")]
    assert country in problems[0].message


@pytest.mark.parametrize("country", ["fr", "DE", "gb", "GP", "XK"])
def test_an_iso_country_code_is_accepted_in_any_case(country: str) -> None:
    assert not [
        code
        for code, _f, _s in problems_of(Address(city="X", country=country))
        if "country" in code
    ]


def test_the_lines_follow_nf_z10_011_recipient_complement_street_then_city() -> None:
    address = Address(
        line1="12 rue de la République",
        line2="Bâtiment B, 3e étage",
        postal_code="69002",
        city="Lyon",
    )
    assert postal_lines(address, locale="fr", recipient="Boulangerie Martin") == [
        "Boulangerie Martin",
        "Bâtiment B, 3e étage",
        "12 rue de la République",
        "69002 LYON",
    ]


def test_the_city_line_is_in_capitals_without_accents_and_keeps_cedex() -> None:
    assert postal_lines(Address(postal_code="97110", city="Pointe-à-Pitre"), locale="fr") == [
        "97110 POINTE A PITRE"
    ]
    assert postal_lines(Address(postal_code="94240", city="L'Haÿ-les-Roses"), locale="fr") == [
        "94240 L HAY LES ROSES"
    ]
    assert postal_lines(Address(postal_code="75700", city="Paris Cedex 07"), locale="fr") == [
        "75700 PARIS CEDEX 07"
    ]


def test_empty_parts_and_blank_lines_are_left_out() -> None:
    address = Address(line1="  8 rue   de Lille ", line2="\n  \n", city="Paris", postal_code="")
    assert postal_lines(address, locale="fr", recipient="  ") == ["8 rue de Lille", "PARIS"]


def test_an_address_abroad_ends_with_the_country_in_the_callers_language() -> None:
    address = Address(line1="Hauptstraße 5", postal_code="80331", city="München", country="DE")
    assert postal_lines(address, locale="fr") == ["Hauptstraße 5", "80331 MÜNCHEN", "ALLEMAGNE"]
    assert postal_lines(address, locale="en_GB")[-1] == "GERMANY"
    assert postal_lines(Address(city="New York", country="us"), locale="fr-FR") == [
        "NEW YORK",
        "ETATS UNIS",
    ]


def test_an_overseas_or_monaco_address_has_no_country_line() -> None:
    assert postal_lines(
        Address(postal_code="97400", city="Saint-Denis", country="RE"), locale="fr"
    ) == ["97400 SAINT DENIS"]
    assert postal_lines(Address(postal_code="98000", city="Monaco", country="MC"), locale="fr") == [
        "98000 MONACO"
    ]


def test_country_names_come_from_babel_in_the_callers_locale() -> None:
    assert country_name("be", locale="fr") == "Belgique"
    assert country_name("BE", locale="en") == "Belgium"
    assert country_name("QQ", locale="fr") == "QQ"


def test_an_unknown_locale_for_country_names_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown locale") as raised:
        postal_lines(Address(city="Bruxelles", country="BE"), locale="xx_YY")
    assert "xx_YY" in str(raised.value)


def test_a_line_longer_than_38_characters_is_kept_whole_and_reported() -> None:
    street = "Zone artisanale des Grands Champs, lot 14"
    address = Address(line1=street, postal_code="35000", city="Rennes")
    assert postal_lines(address, locale="fr")[0] == street
    problems = address_problems(address, field="delivery_addresses[1].address", locale="en")
    assert [(p.code, p.field, p.severity) for p in problems] == [
        ("address.line.too_long", "delivery_addresses[1].address.line1", "warning")
    ]
    assert str(len(street)) in problems[0].message


def test_a_line_of_exactly_38_characters_fits() -> None:
    street = "38 avenue du Général de Gaulle prolong"
    assert len(street) == 38
    assert problems_of(Address(line1=street, postal_code="35000", city="Rennes")) == []


def test_an_address_with_too_many_lines_for_the_recipient_is_reported() -> None:
    address = Address(
        line1="Bâtiment A\nRésidence Les Pins\nEscalier 2\n12 rue des Lilas",
        line2="Chez M. Dupont",
        postal_code="69003",
        city="Lyon",
    )
    assert len(postal_lines(address, locale="fr")) == 6
    problems = address_problems(address, field="address", locale="en")
    assert [(p.code, p.field, p.severity) for p in problems] == [
        ("address.line.too_many", "address", "warning")
    ]
    assert "7 lines" in problems[0].message
    assert "at most 6" in problems[0].message


def test_an_address_abroad_has_room_for_its_country_line() -> None:
    address = Address(
        line1="Flat 2\nRiverside House\n12 Thames Street",
        postal_code="SW1A 1AA",
        city="London",
        country="GB",
    )
    assert len(postal_lines(address, locale="fr")) == 5
    assert problems_of(address) == []
