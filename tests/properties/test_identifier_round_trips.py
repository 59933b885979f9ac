"""Round trips of the identifier functions on valid numbers, and the laws between them."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from clientbook.identifiers import (
    IdentifierModule,
    InvalidComponent,
    InvalidIdentifier,
    naf,
    siren,
    siret,
    vat,
)
from clientbook.identifiers.naf import _naf2025_labels, _rev2_labels
from clientbook.testing import strategies as cst

VAT_NUMBERS = cst.vat_numbers()
NAF_CODES = cst.naf_codes()
VALID: list[tuple[IdentifierModule, st.SearchStrategy[str]]] = [
    (siren, cst.sirens()),
    (siret, cst.sirets()),
    (vat, VAT_NUMBERS),
    (naf, NAF_CODES),
]
INVALID: list[tuple[IdentifierModule, st.SearchStrategy[str]]] = [
    (siren, cst.invalid_sirens()),
    (siret, cst.invalid_sirets()),
    (vat, cst.invalid_vat_numbers()),
    (naf, cst.invalid_naf_codes()),
]
#: What people put between the groups of digits: French typography uses U+202F.
SEPARATORS: dict[IdentifierModule, str] = {
    siren: " .\u00a0\u202f",
    siret: " .\u00a0\u202f",
    vat: " .-\u00a0\u202f\u2013",
    naf: " .\u00a0\u202f",
}


def _name(value: object) -> str:
    return getattr(value, "__name__", "").rsplit(".", 1)[-1]


valid_numbers = pytest.mark.parametrize(("module", "numbers"), VALID, ids=_name)


@valid_numbers
@given(data=st.data())
def test_a_formatted_number_compacts_and_validates_back_to_the_number(
    module: IdentifierModule, numbers: st.SearchStrategy[str], data: st.DataObject
) -> None:
    number = data.draw(numbers)
    printed = module.format(number)
    assert module.validate(printed) == module.validate(number) == number
    assert module.compact(printed) == number


@valid_numbers
@given(data=st.data())
def test_a_number_typed_with_spaces_dots_or_narrow_no_break_spaces_is_accepted(
    module: IdentifierModule, numbers: st.SearchStrategy[str], data: st.DataObject
) -> None:
    number = data.draw(numbers)
    gaps = data.draw(
        st.lists(
            st.text(SEPARATORS[module], max_size=2),
            min_size=len(number) + 1,
            max_size=len(number) + 1,
        )
    )
    typed = "".join(gap + char for gap, char in zip(gaps[:-1], number, strict=True)) + gaps[-1]
    assert module.is_valid(typed)
    assert module.validate(typed) == number


@pytest.mark.parametrize("module", [vat, naf], ids=_name)
@given(data=st.data())
def test_a_number_typed_in_any_mix_of_capitals_and_small_letters_is_accepted(
    module: IdentifierModule, data: st.DataObject
) -> None:
    number = data.draw(VAT_NUMBERS if module is vat else NAF_CODES)
    lower = data.draw(st.lists(st.booleans(), min_size=len(number), max_size=len(number)))
    typed = "".join(char.lower() if low else char for char, low in zip(number, lower, strict=True))
    assert module.validate(typed) == number
    assert module.is_valid(typed)


@given(
    number=cst.vat_numbers(countries={"FR"}),
    lower=st.lists(st.booleans(), min_size=13, max_size=13),
)
@example(number="FR2T404833048", lower=[False] * 3 + [True] + [False] * 9)  # a small key letter
def test_a_french_vat_number_with_small_letters_is_accepted(number: str, lower: list[bool]) -> None:
    typed = "".join(char.lower() if low else char for char, low in zip(number, lower, strict=True))
    assert vat.validate(typed) == number
    assert vat.is_valid(typed)


@pytest.mark.parametrize("module", [siren, siret, vat, naf], ids=_name)
@given(text=st.one_of(st.text(), st.text(" .-\u00a0\u202fFRgrGR0123456789")))
def test_compacting_twice_changes_nothing_more(module: IdentifierModule, text: str) -> None:
    once = module.compact(text)
    assert module.compact(once) == once


@pytest.mark.parametrize(("module", "numbers"), VALID + INVALID, ids=_name)
@given(data=st.data())
def test_is_valid_says_whether_validate_accepts_the_number(
    module: IdentifierModule, numbers: st.SearchStrategy[str], data: st.DataObject
) -> None:
    number = data.draw(numbers)
    try:
        module.validate(number)
    except InvalidIdentifier:
        accepted = False
    else:
        accepted = True
    assert module.is_valid(number) is accepted


@given(number=cst.sirens())
@example(number="000000018")
def test_the_siren_of_the_vat_number_built_from_a_siren_is_that_siren(number: str) -> None:
    built = vat.from_siren(number)
    assert vat.is_valid(built)
    assert vat.from_siren(siren.format(number)) == built
    if number.startswith("000"):
        # A SIREN that starts with 000 passes Luhn, but its VAT number looks like a Monaco
        # company's (FR + key + 000 + 6 digits), which has no SIREN: the round trip breaks.
        with pytest.raises(InvalidComponent) as raised:
            vat.siren(built)
        assert raised.value.code == "vat.component"
        assert "Monaco" in raised.value.message("en")
    else:
        assert vat.siren(built) == number


@given(number=cst.sirets())
def test_a_siret_is_its_siren_followed_by_its_nic(number: str) -> None:
    assert siret.siren(number) + siret.nic(number) == number
    assert siren.is_valid(siret.siren(number))
    assert len(siret.nic(number)) == 5


@given(number=cst.vat_numbers(countries={"FR"}))
def test_a_french_vat_number_holds_a_siren_unless_it_is_a_monaco_companys(number: str) -> None:
    if number[4:7] == "000":
        with pytest.raises(InvalidComponent) as raised:
            vat.siren(number)
        assert raised.value.code == "vat.component"
        assert "Monaco" in raised.value.message("en")
    else:
        assert vat.siren(number) == number[4:]
        assert siren.is_valid(vat.siren(number))


@given(number=cst.vat_numbers(countries=set(cst.VAT_COUNTRIES) - {"FR"}))
def test_only_a_french_vat_number_holds_a_siren(number: str) -> None:
    with pytest.raises(InvalidComponent) as raised:
        vat.siren(number)
    assert raised.value.code == "vat.component"


@given(code=cst.naf_codes())
def test_a_naf_code_belongs_to_one_nomenclature_and_has_its_label_there(code: str) -> None:
    label = naf.label(code)
    assert label
    if naf.nomenclature(code) == "rev2":
        assert label == _rev2_labels()[code]
        assert all(successor.code in _naf2025_labels() for successor in naf.to_2025(code))
    else:
        assert naf.nomenclature(code) == "2025"
        assert label == _naf2025_labels()[code]
        assert naf.to_2025(code) == (naf.Successor(code=code, type="Unique"),)
