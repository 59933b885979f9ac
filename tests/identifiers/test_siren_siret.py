"""SIREN and SIRET, with the numbers a French office actually types."""

from __future__ import annotations

import pytest

from clientbook.identifiers import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidIdentifier,
    InvalidLength,
    siren,
    siret,
)

VALID_SIRENS = ["123456782", "404833048", "987654324", "356000000"]
VALID_SIRETS = ["12345678200010", "12345678200028", "40483304800014", "35600000000048"]


@pytest.mark.parametrize("number", VALID_SIRENS)
def test_a_valid_siren_is_accepted_and_returned_compact(number: str) -> None:
    assert siren.validate(number) == number
    assert siren.is_valid(number)


@pytest.mark.parametrize(
    "typed", ["123 456 782", " 123.456.782 ", "123\u00a0456\u00a0782", "123\u202f456\u202f782\t"]
)
def test_a_siren_typed_with_spaces_dots_or_french_thin_spaces_is_compacted(typed: str) -> None:
    assert siren.validate(typed) == "123456782"
    assert siren.is_valid(typed)


@pytest.mark.parametrize("typed", ["１２３４５６７８２", "１２３．４５６．７８２", "𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟐"])
def test_a_siren_typed_in_full_width_digits_reads_as_ascii_digits(typed: str) -> None:
    assert siren.validate(typed) == "123456782"


def test_a_siren_is_formatted_in_groups_of_three() -> None:
    assert siren.format("123456782") == "123 456 782"


@pytest.mark.parametrize(
    ("typed", "error", "code"),
    [
        ("123456783", InvalidChecksum, "siren.checksum"),
        ("213456782", InvalidChecksum, "siren.checksum"),
        ("12345678", InvalidLength, "siren.length"),
        ("1234567820", InvalidLength, "siren.length"),
        ("", InvalidFormat, "siren.format"),
        ("12345678O", InvalidFormat, "siren.format"),
        ("123-456-782", InvalidFormat, "siren.format"),
        ("١٢٣٤٥٦٧٨٢", InvalidFormat, "siren.format"),
        ("000000000", InvalidComponent, "siren.component"),
    ],
)
def test_an_invalid_siren_is_refused_with_a_stable_code(
    typed: str, error: type[InvalidIdentifier], code: str
) -> None:
    with pytest.raises(error) as raised:
        siren.validate(typed)
    assert raised.value.code == code
    assert raised.value.identifier == "siren"
    assert not siren.is_valid(typed)


@pytest.mark.parametrize("number", VALID_SIRETS)
def test_a_valid_siret_is_accepted(number: str) -> None:
    assert siret.validate(number) == number
    assert siret.is_valid(number)


def test_a_siret_splits_into_its_siren_and_nic() -> None:
    assert siret.siren("123 456 782 00028") == "123456782"
    assert siret.nic("123 456 782 00028") == "00028"


def test_a_siret_is_formatted_as_insee_prints_it() -> None:
    assert siret.format("12345678200010") == "123 456 782 00010"


def test_a_la_poste_siret_is_valid_when_its_digits_add_up_to_a_multiple_of_five() -> None:
    # 3 + 5 + 6 + 1 + 2 + 3 + 4 + 6 = 30; Luhn would refuse it.
    assert siret.is_valid("35600000012346")
    assert siret.validate("356 000 000 12346") == "35600000012346"


def test_a_la_poste_siret_whose_digits_do_not_add_up_to_a_multiple_of_five_is_refused() -> None:
    with pytest.raises(InvalidChecksum) as raised:
        siret.validate("35600000012345")
    assert raised.value.code == "siret.checksum"


def test_the_la_poste_head_office_follows_the_luhn_rule() -> None:
    assert siret.is_valid("35600000000048")
    assert not siret.is_valid("35600000000049")


@pytest.mark.parametrize(
    ("typed", "error", "code"),
    [
        ("12345678200011", InvalidChecksum, "siret.checksum"),
        ("12345678200001", InvalidChecksum, "siret.checksum"),
        ("123456782", InvalidLength, "siret.length"),
        ("1234567820001", InvalidLength, "siret.length"),
        ("1234567820001A", InvalidFormat, "siret.format"),
        ("00000000000000", InvalidComponent, "siret.component"),
    ],
)
def test_an_invalid_siret_is_refused_with_a_stable_code(
    typed: str, error: type[InvalidIdentifier], code: str
) -> None:
    with pytest.raises(error) as raised:
        siret.validate(typed)
    assert raised.value.code == code
    assert not siret.is_valid(typed)


def test_a_siret_whose_siren_fails_luhn_is_refused_even_when_the_whole_passes() -> None:
    # 12345678300009 passes Luhn over 14 digits, but 123456783 is no valid SIREN.
    number = "1234567830000"
    whole = next(number + d for d in "0123456789" if _luhn(number + d))
    with pytest.raises(InvalidComponent) as raised:
        siret.validate(whole)
    assert raised.value.code == "siret.component"


def _luhn(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


@pytest.mark.parametrize("module", [siren, siret])
@pytest.mark.parametrize("value", [123456782, 12345678200010, None, b"123456782", 1.5])
def test_a_number_that_is_not_text_raises_a_type_error_that_says_to_pass_text(
    module: object, value: object
) -> None:
    for function in ("compact", "validate", "is_valid", "format"):
        with pytest.raises(TypeError, match="as text"):
            getattr(module, function)(value)
