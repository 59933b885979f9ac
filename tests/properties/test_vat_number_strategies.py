"""vat_numbers generates valid numbers of every country clientbook accepts, in each promised form.

python-stdnum is the reference for the countries' rules: every generated number must pass its
check as well as clientbook's (``stdnum.eu.vat`` for the member states and ``XI``, the national
modules for ``GB``, ``CH`` and ``NO``).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import find, given
from hypothesis import strategies as st
from stdnum.ch import vat as stdnum_ch_vat
from stdnum.eu import vat as stdnum_eu_vat
from stdnum.gb import vat as stdnum_gb_vat
from stdnum.no import mva as stdnum_no_mva

from clientbook.identifiers import vat
from clientbook.testing import strategies as cst

STDNUM_IS_VALID: dict[str, Callable[[str], bool]] = {
    "GB": stdnum_gb_vat.is_valid,
    "CH": stdnum_ch_vat.is_valid,
    "NO": stdnum_no_mva.is_valid,
}


def test_vat_numbers_are_generated_for_every_country_clientbook_accepts() -> None:
    assert set(cst.VAT_COUNTRIES) == vat.EU_PREFIXES | vat.NON_EU_PREFIXES
    assert len(vat.EU_PREFIXES) == 28  # the 27 member states and Northern Ireland
    assert list(cst.VAT_COUNTRIES) == sorted(cst.VAT_COUNTRIES)


@pytest.mark.parametrize("country", cst.VAT_COUNTRIES)
@given(data=st.data())
def test_a_vat_number_of_one_country_is_valid_for_clientbook_and_python_stdnum(
    country: str, data: st.DataObject
) -> None:
    number = data.draw(cst.vat_numbers(countries={country}))
    assert number[:2] == country
    assert vat.compact(number) == number
    assert vat.is_valid(number)
    assert vat.validate(number) == number
    assert STDNUM_IS_VALID.get(country, stdnum_eu_vat.is_valid)(number)


@pytest.mark.parametrize("country", cst.VAT_COUNTRIES)
def test_vat_numbers_without_countries_draw_from_every_country(country: str) -> None:
    assert find(cst.vat_numbers(), lambda number: number[:2] == country)[:2] == country


@pytest.mark.parametrize("country", cst.VAT_COUNTRIES)
@given(data=st.data())
def test_a_mistyped_vat_number_of_one_country_is_refused(country: str, data: st.DataObject) -> None:
    assert not vat.is_valid(data.draw(cst.invalid_vat_numbers(countries={country})))


def _digits_after(country: str, count: int, start: str = "") -> Callable[[str], bool]:
    def condition(number: str) -> bool:
        body = number[2:]
        return (
            number[:2] == country
            and len(body) == count
            and body.isdigit()
            and body.startswith(start)
        )

    return condition


def _czech_birth_number_before_1954(number: str) -> bool:
    return _digits_after("CZ", 9)(number) and number[2] != "6"


def _irish(second_letter: str) -> Callable[[str], bool]:
    def condition(number: str) -> bool:
        body = number[2:]
        return (
            number[:2] == "IE"
            and body[:7].isdigit()
            and body[7].isalpha()
            and body[8:] == second_letter
        )

    return condition


def _old_irish(number: str) -> bool:
    return number[:2] == "IE" and len(number) == 10 and number[3].isalpha()


def _latvian_birth_date_code(number: str) -> bool:
    return _digits_after("LV", 11)(number) and number[2] <= "3" and number[2:4] != "32"


FORMS: list[tuple[str, str, Callable[[str], bool]]] = [
    ("a Bulgarian legal entity's 9 digits", "BG", _digits_after("BG", 9)),
    ("a Bulgarian person's 10-digit EGN", "BG", _digits_after("BG", 10)),
    ("a Cypriot number ending with a letter", "CY", lambda n: n[-1].isalpha()),
    ("a Czech legal entity's 8 digits", "CZ", _digits_after("CZ", 8)),
    ("a Czech birth number of 10 digits", "CZ", _digits_after("CZ", 10)),
    ("a Czech birth number of 9 digits, before 1954", "CZ", _czech_birth_number_before_1954),
    ("a Czech person's 9 digits without a birth number", "CZ", _digits_after("CZ", 9, "6")),
    ("an Estonian number", "EE", _digits_after("EE", 9, "10")),
    ("a Croatian OIB", "HR", _digits_after("HR", 11)),
    ("a Hungarian number", "HU", _digits_after("HU", 8)),
    ("an Irish number of 7 digits and a letter", "IE", _irish("")),
    ("an Irish company's number since 2013", "IE", _irish("H")),
    ("an Irish person's number since 2013", "IE", _irish("A")),
    ("an Irish married woman's number before 2013", "IE", _irish("W")),
    ("an old Irish number with a letter second", "IE", _old_irish),
    ("a Lithuanian legal entity's 9 digits", "LT", _digits_after("LT", 9)),
    ("a Lithuanian person's 12 digits", "LT", _digits_after("LT", 12)),
    ("a Latvian legal entity's number", "LV", lambda n: _digits_after("LV", 11)(n) and n[2] > "3"),
    ("a Latvian personal code with a birth date", "LV", _latvian_birth_date_code),
    ("a Latvian personal code since 2017", "LV", _digits_after("LV", 11, "32")),
    ("a Maltese number", "MT", _digits_after("MT", 8)),
    ("a Romanian CUI of 2 digits", "RO", _digits_after("RO", 2)),
    ("a Romanian CUI of 10 digits", "RO", _digits_after("RO", 10)),
    ("a Slovenian number", "SI", _digits_after("SI", 8)),
    ("a Slovak number", "SK", _digits_after("SK", 10)),
]


@pytest.mark.parametrize(("form", "country", "condition"), FORMS, ids=[row[0] for row in FORMS])
def test_vat_numbers_of_a_country_come_in_every_form_they_promise(
    form: str, country: str, condition: Callable[[str], bool]
) -> None:
    assert condition(find(cst.vat_numbers(countries={country}), condition))


COMPANY_FORMS: list[tuple[str, Callable[[str], bool]]] = [
    ("BG", _digits_after("BG", 9)),
    ("CZ", _digits_after("CZ", 8)),
    ("LT", _digits_after("LT", 9)),
    ("LV", lambda n: n[2] > "3"),
]


@pytest.mark.parametrize(("country", "company_form"), COMPANY_FORMS)
def test_vat_numbers_of_a_country_shrink_towards_a_companys_number(
    country: str, company_form: Callable[[str], bool]
) -> None:
    assert company_form(find(cst.vat_numbers(countries={country}), lambda number: True))
