"""The errors of the identifier functions: a stable code for programs, a message in fr and en."""

from __future__ import annotations

import pickle
import re
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clientbook.identifiers import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidIdentifier,
    InvalidLength,
    naf,
    siren,
    siret,
    vat,
)
from clientbook.testing import strategies as cst

CODE = re.compile(r"(siren|siret|vat|naf)\.(format|length|checksum|component)")
KINDS: dict[str, type[InvalidIdentifier]] = {
    "format": InvalidFormat,
    "length": InvalidLength,
    "checksum": InvalidChecksum,
    "component": InvalidComponent,
}
VALIDATORS: dict[str, Callable[[str], str]] = {
    "siren": siren.validate,
    "siret": siret.validate,
    "vat": vat.validate,
    "naf": naf.validate,
}
#: Text that fails in every way: near-misses of each identifier, strings of the characters
#: numbers are made of, and any text at all.
BAD_TEXT = st.one_of(
    cst.invalid_sirens(),
    cst.invalid_sirets(),
    cst.invalid_vat_numbers(),
    cst.invalid_naf_codes(),
    st.text("0123456789 .FRABELGBCHEMVAZ", max_size=20),
    st.text(),
)


def _errors(text: str) -> list[InvalidIdentifier]:
    """The errors of each identifier's ``validate`` on *text*."""
    errors = []
    for validate in VALIDATORS.values():
        try:
            validate(text)
        except InvalidIdentifier as error:
            errors.append(error)
    return errors


@given(text=BAD_TEXT)
def test_an_error_code_is_the_identifier_and_the_kind_of_the_error(text: str) -> None:
    errors = _errors(text)
    assert errors  # no text is a SIREN, a SIRET, a VAT number and a NAF code at once
    for error in errors:
        match = CODE.fullmatch(error.code)
        assert match is not None, error.code
        assert match.group(1) == error.identifier
        assert type(error) is KINDS[match.group(2)]


def test_each_identifier_names_itself_in_its_error_codes() -> None:
    codes = {name: _errors_of(validate, "") for name, validate in VALIDATORS.items()}
    assert codes == {
        "naf": "naf.length",
        "siren": "siren.format",
        "siret": "siret.format",
        "vat": "vat.format",
    }


def _errors_of(validate: Callable[[str], str], text: str) -> str:
    with pytest.raises(InvalidIdentifier) as raised:
        validate(text)
    return raised.value.code


@given(text=BAD_TEXT)
def test_an_error_explains_itself_in_french_and_in_english(text: str) -> None:
    for error in _errors(text):
        french, english = error.message("fr"), error.message("en")
        assert french.strip()
        assert english.strip()
        assert french != english
        assert "{" not in french + english  # every placeholder filled
        assert str(error) == french == error.message("fr_FR")
        assert error.message("en-GB") == english


@given(text=BAD_TEXT)
def test_an_error_keeps_its_code_and_message_through_pickle(text: str) -> None:
    for error in _errors(text):
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error)
        assert copy.code == error.code
        assert copy.message("en") == error.message("en")


@given(number=cst.sirens(), place=st.integers(0, 8), change=st.integers(1, 9))
def test_a_siren_with_one_digit_changed_is_refused_for_its_check_digit(
    number: str, place: int, change: int
) -> None:
    digit = str((int(number[place]) + change) % 10)
    with pytest.raises(InvalidChecksum) as raised:
        siren.validate(number[:place] + digit + number[place + 1 :])
    assert raised.value.code == "siren.checksum"


@given(number=cst.sirens(), place=st.integers(0, 7))
def test_a_siren_with_two_adjacent_digits_swapped_is_refused_unless_they_are_0_and_9(
    number: str, place: int
) -> None:
    swapped = number[:place] + number[place + 1] + number[place] + number[place + 2 :]
    if {number[place], number[place + 1]} in ({"0", "9"}, {number[place]}):
        assert siren.is_valid(swapped)  # equal digits, or the one swap Luhn cannot see
    else:
        with pytest.raises(InvalidChecksum) as raised:
            siren.validate(swapped)
        assert raised.value.code == "siren.checksum"


@given(number=cst.sirens(), key=st.integers(0, 99))
def test_a_french_vat_number_with_a_wrong_numeric_key_is_refused_for_its_key(
    number: str, key: int
) -> None:
    right = vat.from_siren(number)
    wrong = f"FR{key:02d}{number}"
    if wrong == right:
        assert vat.is_valid(wrong)
    else:
        with pytest.raises(InvalidChecksum) as raised:
            vat.validate(wrong)
        assert raised.value.code == "vat.checksum"


@given(digits=st.integers(0, 9999))
def test_a_naf_code_ending_in_z_is_valid_only_when_it_is_in_the_rev2_list(digits: int) -> None:
    candidate = f"{digits:04d}Z"
    if naf.is_valid(candidate):
        assert naf.nomenclature(candidate) == "rev2"
        assert naf.label(candidate)
    else:
        with pytest.raises(InvalidComponent) as raised:
            naf.validate(candidate)
        assert raised.value.code == "naf.component"
