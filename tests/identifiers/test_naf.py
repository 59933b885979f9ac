"""APE/NAF codes: the rév. 2 list, NAF 2025, with and without the dot."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clientbook.identifiers import InvalidComponent, InvalidFormat, InvalidLength, naf
from clientbook.identifiers.naf import Successor, _naf2025_labels, _rev2_labels, _successors


def test_the_shipped_list_holds_the_732_rev2_sub_classes() -> None:
    assert len(_rev2_labels()) == 732


def test_the_shipped_list_holds_the_747_naf_2025_sub_classes() -> None:
    assert len(_naf2025_labels()) == 747


def test_every_rev2_code_maps_to_naf_2025_codes_that_exist() -> None:
    table = _successors()
    assert set(table) == set(_rev2_labels())
    assert sum(len(successors) for successors in table.values()) == 1223
    for successors in table.values():
        assert all(successor.code in _naf2025_labels() for successor in successors)
        types = {successor.type for successor in successors}
        assert types == ({"Unique"} if len(successors) == 1 else {"Multiple"})


def test_a_rev2_code_moved_whole_has_one_unique_successor() -> None:
    assert naf.to_2025("62.01Z") == (Successor(code="6210Y", type="Unique"),)


def test_a_split_rev2_code_has_several_multiple_successors() -> None:
    assert naf.to_2025("4711B") == (
        Successor(code="4711G", type="Multiple"),
        Successor(code="4791Y", type="Multiple"),
    )


def test_a_naf_2025_code_is_its_own_successor() -> None:
    assert naf.to_2025("01.48G") == (Successor(code="0148G", type="Unique"),)


def test_an_unknown_code_has_no_successor_but_the_error_of_validate() -> None:
    with pytest.raises(InvalidComponent) as raised:
        naf.to_2025("62.01A")
    assert raised.value.code == "naf.component"


@pytest.mark.parametrize("typed", ["62.01A", "99.99A", "04.11A"])
def test_a_well_formed_code_in_neither_list_is_refused(typed: str) -> None:
    with pytest.raises(InvalidComponent) as raised:
        naf.validate(typed)
    assert raised.value.code == "naf.component"
    assert raised.value.message("en") == f"{typed} is not in the NAF rév. 2 nor in NAF 2025."
    assert raised.value.message("fr").startswith(typed)
    assert not naf.is_valid(typed)


def test_a_naf_2025_code_has_its_insee_label() -> None:
    assert naf.label("01.48G") == "Apiculture"
    assert naf.label("6210Y") == "Activités de programmation informatique"


@given(st.text())
def test_validate_raises_only_the_documented_errors_on_any_text(text: str) -> None:
    with contextlib.suppress(InvalidLength, InvalidFormat, InvalidComponent):
        naf.validate(text)


@pytest.mark.parametrize("typed", ["62.01Z", "6201Z", "62.01z", " 62 01 Z "])
def test_a_rev2_code_is_accepted_with_or_without_the_dot(typed: str) -> None:
    assert naf.validate(typed) == "6201Z"
    assert naf.format(typed) == "62.01Z"
    assert naf.nomenclature(typed) == "rev2"


def test_a_rev2_code_has_its_insee_label() -> None:
    assert naf.label("10.71C") == "Boulangerie et boulangerie-pâtisserie"


def test_a_naf_2025_code_is_accepted_and_said_to_be_naf_2025() -> None:
    assert naf.validate("62.10Y") == "6210Y"
    assert naf.nomenclature("6210Y") == "2025"


@pytest.mark.parametrize(
    ("typed", "error", "code"),
    [
        ("62.99Z", InvalidComponent, "naf.component"),
        ("00.01A", InvalidComponent, "naf.component"),
        ("62.01", InvalidLength, "naf.length"),
        ("62.011Z", InvalidLength, "naf.length"),
        ("", InvalidLength, "naf.length"),
        ("6A01Z", InvalidFormat, "naf.format"),
        ("62011", InvalidFormat, "naf.format"),
        ("62.01É", InvalidFormat, "naf.format"),
    ],
)
def test_an_invalid_naf_code_is_refused_with_a_stable_code(
    typed: str, error: type[Exception], code: str
) -> None:
    with pytest.raises(error) as raised:
        naf.validate(typed)
    assert getattr(raised.value, "code", None) == code
    assert not naf.is_valid(typed)


def test_an_unknown_code_is_named_in_the_message_with_its_dot() -> None:
    with pytest.raises(InvalidComponent) as raised:
        naf.validate("6299Z")
    assert raised.value.message("en").startswith("62.99Z")


@given(st.text())
def test_to_2025_gives_existing_codes_or_the_errors_of_validate_on_any_text(text: str) -> None:
    with contextlib.suppress(InvalidLength, InvalidFormat, InvalidComponent):
        successors = naf.to_2025(text)
        assert successors
        assert all(successor.code in _naf2025_labels() for successor in successors)
