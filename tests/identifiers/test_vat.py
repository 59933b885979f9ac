"""VAT numbers: French ones checked here, foreign ones through python-stdnum."""

from __future__ import annotations

import pytest

from clientbook.identifiers import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidIdentifier,
    InvalidLength,
    vat,
)


@pytest.mark.parametrize(
    ("typed", "compact"),
    [
        ("FR83404833048", "FR83404833048"),
        ("fr 83 404 833 048", "FR83404833048"),
        ("FR-83-404.833.048", "FR83404833048"),
        ("FR11123456782", "FR11123456782"),
        ("DE136695976", "DE136695976"),
        ("BE 0776.091.951", "BE0776091951"),
        ("NL004495445B01", "NL004495445B01"),
        ("XI980780684", "XI980780684"),
        ("GB980780684", "GB980780684"),
        ("CHE-107.787.577 IVA", "CHE107787577IVA"),
        ("NO 995 525 828 MVA", "NO995525828MVA"),
    ],
)
def test_a_valid_vat_number_is_returned_compact_with_its_country_prefix(
    typed: str, compact: str
) -> None:
    assert vat.validate(typed) == compact
    assert vat.is_valid(typed)


def test_a_greek_number_typed_with_gr_is_normalised_to_el() -> None:
    assert vat.compact("GR094259216") == "EL094259216"
    assert vat.validate("gr 094 259 216") == "EL094259216"


def test_the_french_vat_number_is_built_from_the_siren() -> None:
    assert vat.from_siren("404 833 048") == "FR83404833048"
    assert vat.from_siren("123456782") == "FR11123456782"


def test_building_a_vat_number_from_an_invalid_siren_reports_the_siren() -> None:
    with pytest.raises(InvalidChecksum) as raised:
        vat.from_siren("404833049")
    assert raised.value.code == "siren.checksum"


def test_the_siren_of_a_french_vat_number_is_its_last_nine_digits() -> None:
    assert vat.siren("FR 83 404 833 048") == "404833048"


def test_a_monaco_company_vat_number_is_valid_but_has_no_siren() -> None:
    monaco = f"FR{(12 + 3 * (123456 % 97)) % 97:02d}000123456"
    assert vat.is_valid(monaco)
    with pytest.raises(InvalidComponent) as raised:
        vat.siren(monaco)
    assert raised.value.code == "vat.component"
    assert "Monaco" in raised.value.message("en")
    assert "Monaco" in raised.value.message("fr")


def test_asking_the_siren_of_a_german_number_is_refused() -> None:
    with pytest.raises(InvalidComponent) as raised:
        vat.siren("DE136695976")
    assert "French" in raised.value.message("en")


def test_a_french_number_with_a_letter_key_follows_the_mod_11_rule() -> None:
    from stdnum.fr import tva

    # Find the letter keys stdnum accepts for one SIREN; clientbook must accept the same.
    alphabet = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    keys = [a + b for a in alphabet for b in alphabet if not (a + b).isdigit()]
    accepted = [k for k in keys if tva.is_valid(f"FR{k}404833048")]
    assert accepted
    assert all(vat.is_valid(f"FR{k}404833048") for k in accepted)
    assert not any(vat.is_valid(f"FR{k}404833048") for k in keys if k not in accepted)


@pytest.mark.parametrize(
    ("typed", "error", "code"),
    [
        ("FR84404833048", InvalidChecksum, "vat.checksum"),
        ("FR8340483304", InvalidLength, "vat.length"),
        ("FR834048330481", InvalidLength, "vat.length"),
        ("FRI3404833048", InvalidFormat, "vat.format"),
        ("FR", InvalidFormat, "vat.format"),
        ("FR83404833049", InvalidComponent, "vat.component"),
        ("FR12000000000", InvalidComponent, "vat.component"),
        ("83404833048", InvalidFormat, "vat.format"),
        ("", InvalidFormat, "vat.format"),
        ("EU372000041", InvalidComponent, "vat.component"),
        ("IM2760000125", InvalidComponent, "vat.component"),
        ("US123456789", InvalidComponent, "vat.component"),
        ("MC12345678901", InvalidComponent, "vat.component"),
        ("DE136695977", InvalidChecksum, "vat.checksum"),
        ("DE13669597", InvalidLength, "vat.length"),
    ],
)
def test_an_invalid_vat_number_is_refused_with_a_stable_code(
    typed: str, error: type[InvalidIdentifier], code: str
) -> None:
    with pytest.raises(error) as raised:
        vat.validate(typed)
    assert raised.value.code == code
    assert not vat.is_valid(typed)


def test_a_one_stop_shop_number_is_explained_as_such() -> None:
    with pytest.raises(InvalidComponent) as raised:
        vat.validate("EU372000041")
    assert "OSS" in raised.value.message("en")
    assert "guichet unique" in raised.value.message("fr")


def test_an_unknown_country_is_named_in_the_message() -> None:
    with pytest.raises(InvalidComponent) as raised:
        vat.validate("US123456789")
    assert raised.value.params == {"country": "US"}
    assert raised.value.message("en").startswith("US is not a country")


def test_a_monaco_prefix_is_explained_monaco_numbers_are_french() -> None:
    with pytest.raises(InvalidComponent) as raised:
        vat.validate("MC79000744950")
    assert raised.value.code == "vat.component"
    assert "no MC prefix" in raised.value.message("en")
    assert "préfixe MC" in raised.value.message("fr")


def test_a_french_number_is_formatted_in_groups() -> None:
    assert vat.format("fr83404833048") == "FR 83 404 833 048"


def test_a_foreign_number_is_formatted_compact() -> None:
    assert vat.format("de 136 695 976") == "DE136695976"
