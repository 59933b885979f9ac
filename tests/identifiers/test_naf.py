"""APE/NAF codes: the rév. 2 list, NAF 2025, with and without the dot."""

from __future__ import annotations

import pytest

from clientbook.identifiers import InvalidComponent, InvalidFormat, InvalidLength, naf
from clientbook.identifiers.naf import _rev2_labels


def test_the_shipped_list_holds_the_732_rev2_sub_classes() -> None:
    assert len(_rev2_labels()) == 732


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
    assert naf.label("62.10Y") is None


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
