"""The SIRENs a record carries, and whether they agree: the one home of the rule (domain.md)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clientbook._rules import sirens
from clientbook.identifiers import InvalidIdentifier, siren, siret, vat
from clientbook.testing import strategies

SIREN = "404833048"
SIRET = "40483304800014"
VAT = "FR83404833048"
OTHER_SIREN = "123456782"
OTHER_SIRET = "12345678200010"
OTHER_VAT = "FR11123456782"
MONACO_VAT = "FR34000123456"


def typed(siren: str = "", siret: str = "", vat_number: str = "") -> sirens.Sirens:
    return sirens.from_typed(siren=siren, siret=siret, vat_number=vat_number)


def test_the_company_siren_is_the_siren_typed_when_it_is_valid() -> None:
    found = typed("404 833 048", OTHER_SIRET, OTHER_VAT)
    assert (found.given, found.company, found.known) == (SIREN, SIREN, SIREN)
    assert (found.siret_mismatch, found.vat_mismatch) == (OTHER_SIREN, OTHER_SIREN)


def test_without_a_siren_the_sirets_siren_is_the_companys_and_the_vat_numbers_compared() -> None:
    found = typed("", "404 833 048 00014", OTHER_VAT)
    assert (found.given, found.siret, found.company, found.known) == (None, SIREN, SIREN, SIREN)
    assert (found.siret_mismatch, found.vat_mismatch) == (None, OTHER_SIREN)


def test_a_siren_that_is_not_valid_gives_no_company_siren_and_nothing_is_compared() -> None:
    found = typed("404833049", OTHER_SIRET, OTHER_VAT)
    assert (found.company, found.known) == (None, None)
    assert (found.siret_mismatch, found.vat_mismatch) == (None, None)
    assert found.carried == (OTHER_SIREN,)


def test_a_siren_of_spaces_and_dots_is_blank_so_the_sirets_siren_is_the_companys() -> None:
    # validate_client's reading, kept: "." is refused as a SIREN (siren.format) and is blank.
    found = typed(" . ", SIRET, OTHER_VAT)
    assert (found.company, found.vat_mismatch) == (SIREN, OTHER_SIREN)


def test_a_monaco_vat_number_holds_no_siren_and_is_compared_with_nothing() -> None:
    found = typed(SIREN, SIRET, "FR 34 000 123 456")
    assert (found.monaco, found.vat, found.vat_mismatch) == (True, None, None)
    assert typed(vat_number=MONACO_VAT).known is None


def test_a_foreign_or_invalid_vat_number_holds_no_siren_and_is_no_monaco_number() -> None:
    for number in ("DE136695976", "FR84404833048", "FR34000123457", "MC34000123456"):
        found = typed(SIREN, "", number)
        assert (found.vat, found.monaco, found.vat_mismatch) == (None, False, None), number


def test_a_company_known_by_its_vat_number_only_is_known_by_its_siren() -> None:
    found = typed("", "", "fr 83 404 833 048")
    assert (found.company, found.vat, found.known) == (None, SIREN, SIREN)


def test_an_invalid_siret_gives_no_siren() -> None:
    found = typed("", "40483304800015", VAT)
    assert (found.siret, found.company, found.known, found.carried) == (None, None, SIREN, (SIREN,))


def test_the_sirens_carried_are_each_valid_siren_once_in_the_order_of_the_fields() -> None:
    assert typed(OTHER_SIREN, SIRET, VAT).carried == (OTHER_SIREN, SIREN)
    assert typed(SIREN, SIRET, VAT).carried == (SIREN,)
    assert typed().carried == ()


def test_the_sirens_carried_skip_no_number_that_is_not_valid() -> None:
    def carried(siren: str = "", siret: str = "", vat_number: str = "") -> tuple[str, ...]:
        return sirens.carried(siren=siren, siret=siret, vat_number=vat_number)

    assert carried(SIREN, "40483304800015", "FR84404833048") == (SIREN,)
    assert carried("", "40483304800015", "FR84404833048") == ()
    assert carried("", "40483304800015", VAT) == (SIREN,)
    assert carried("404833049", SIRET, OTHER_VAT) == (SIREN, OTHER_SIREN)
    assert carried("", "", MONACO_VAT) == ()


def test_values_validated_already_are_read_without_validating_them_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refused(number: str) -> str:
        raise AssertionError(f"validated again: {number}")

    for module in (siren, siret, vat):
        monkeypatch.setattr(module, "validate", refused)
        monkeypatch.setattr(module, "is_valid", refused)
    found = sirens.from_valid(siren=None, siren_blank=True, siret=SIRET, vat_number=OTHER_VAT)
    assert (found.company, found.vat_mismatch) == (SIREN, OTHER_SIREN)


def _valid(validate: Callable[[str], str], number: str) -> str | None:
    try:
        return validate(number)
    except InvalidIdentifier:
        return None


@given(
    typed_siren=strategies.sirens()
    | strategies.invalid_sirens()
    | st.sampled_from(["", " ", ".", SIREN]),
    # numbers of one company, valid or not: a SIREN carried already is not validated again
    typed_siret=strategies.sirets()
    | strategies.invalid_sirets()
    | st.sampled_from(["", SIRET, "40483304800015", "404 833 048 00014"]),
    typed_vat=strategies.vat_numbers()
    | strategies.invalid_vat_numbers()
    | st.sampled_from(["", MONACO_VAT, VAT, "FR84404833048", "FR 83 404 833 048"]),
)
def test_values_as_typed_and_values_validated_give_the_same_sirens_and_the_same_carried(
    typed_siren: str, typed_siret: str, typed_vat: str
) -> None:
    from_typed = sirens.from_typed(siren=typed_siren, siret=typed_siret, vat_number=typed_vat)
    from_valid = sirens.from_valid(
        siren=_valid(siren.validate, typed_siren),
        siren_blank=not siren.compact(typed_siren),
        siret=_valid(siret.validate, typed_siret),
        vat_number=_valid(vat.validate, typed_vat),
    )
    assert from_typed == from_valid
    if from_valid.siret is not None:
        assert from_valid.siret == siret.siren(typed_siret)
    if from_valid.vat is not None:
        assert from_valid.vat == vat.siren(typed_vat)
    assert sirens.carried(siren=typed_siren, siret=typed_siret, vat_number=typed_vat) == (
        from_typed.carried
    )
