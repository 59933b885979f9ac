"""clientbook's own French checks agree with python-stdnum, except where clientbook is stricter.

clientbook checks SIRENs, SIRETs and French VAT numbers with its own code (its hot path);
python-stdnum (``stdnum.fr.siren``, ``stdnum.fr.siret``, ``stdnum.fr.tva``, ``stdnum.eu.vat``)
is the reference. They must give the same answer on valid numbers, on near-misses (one digit
changed, two adjacent digits swapped) and on junk typed with digits, spaces, dots and letters.

The one deliberate difference: an all-zero SIREN (``000000000``, a SIRET that starts with it,
``FR`` + key + ``000000000``) passes the checksums, so python-stdnum accepts it, but it is
nobody's number and clientbook refuses it. The tests assert that difference where it occurs.

Both read full-width and mathematical digits (``１２３``, ``𝟏𝟐𝟑``) as ASCII digits (clientbook
through Unicode NFKC). Outside the junk here, python-stdnum also reads a few look-alikes of dots
and dashes (``·``, ``•``, ``¯``) as separators, which clientbook refuses: wrongly refusing such a
number costs a retype; they are not tested here.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from stdnum.eu import vat as stdnum_vat
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret
from stdnum.fr import tva as stdnum_tva

from clientbook.identifiers import InvalidComponent, siren, siret, vat
from clientbook.testing import strategies as cst

ZERO_SIREN = "000000000"
# Junk as people type it: digits, spaces (no-break and narrow no-break too), dots, dashes and a
# few letters, among them those that look like digits and the letters of French VAT keys.
JUNK_ALPHABET = "0123456789 .-\u00a0\u202fAaBbFfHhIiLlOoRrTtZz"


@st.composite
def one_digit_changed(draw: st.DrawFn, numbers: st.SearchStrategy[str]) -> str:
    number = draw(numbers)
    place = draw(st.sampled_from([i for i, char in enumerate(number) if char.isdigit()]))
    digit = draw(st.sampled_from("0123456789".replace(number[place], "")))
    return number[:place] + digit + number[place + 1 :]


@st.composite
def two_digits_swapped(draw: st.DrawFn, numbers: st.SearchStrategy[str]) -> str:
    """Two adjacent characters swapped, whichever they are: the swap may leave it valid."""
    number = draw(numbers)
    place = draw(st.integers(0, len(number) - 2))
    return number[:place] + number[place + 1] + number[place] + number[place + 2 :]


def near_misses(numbers: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(one_digit_changed(numbers), two_digits_swapped(numbers))


def junk(*, prefixes: tuple[str, ...] = ("",)) -> st.SearchStrategy[str]:
    return st.builds(
        str.__add__, st.sampled_from(prefixes), st.text(JUNK_ALPHABET, min_size=0, max_size=20)
    )


#: French VAT numbers as typed: prefix in capitals or not, then junk.
FRENCH_PREFIXES = ("FR", "fr", "Fr", " FR", "FR ")


def _agree(ours: bool, theirs: bool, *, all_zero: bool) -> None:
    if all_zero:
        assert not ours  # clientbook is deliberately stricter: nobody's number
    else:
        assert ours is theirs


def _siren_all_zero(text: str) -> bool:
    return siren.compact(text) == ZERO_SIREN


def _siret_all_zero(text: str) -> bool:
    return siret.compact(text)[:9] == ZERO_SIREN


def _vat_all_zero(text: str) -> bool:
    return vat.compact(text)[4:] == ZERO_SIREN


# --- SIREN --------------------------------------------------------------------------------


@given(number=cst.sirens())
def test_a_valid_siren_is_valid_for_stdnum_with_the_same_compact_and_printed_forms(
    number: str,
) -> None:
    assert stdnum_siren.is_valid(number)
    assert siren.validate(number) == stdnum_siren.validate(number)
    assert siren.format(number) == stdnum_siren.format(number)


@given(text=st.one_of(near_misses(cst.sirens()), junk()))
@example(text="000000000")
@example(text="000 000 000")
@example(text="123\u202f456\u202f782")
def test_clientbook_and_stdnum_agree_on_siren_near_misses_and_junk(text: str) -> None:
    _agree(siren.is_valid(text), stdnum_siren.is_valid(text), all_zero=_siren_all_zero(text))


# --- SIRET --------------------------------------------------------------------------------


@given(number=cst.sirets())
def test_a_valid_siret_is_valid_for_stdnum_with_the_same_compact_and_printed_forms(
    number: str,
) -> None:
    assert stdnum_siret.is_valid(number)
    assert siret.validate(number) == stdnum_siret.validate(number)
    assert siret.format(number) == stdnum_siret.format(number)


@given(text=st.one_of(near_misses(cst.sirets()), junk()))
@example(text="00000000000000")
@example(text="000 000 000 00018")
@example(text="35600000000048")  # La Poste's head office follows Luhn
@example(text="35600000000049")
@example(text="356 000 000 12346")  # La Poste: digits add up to a multiple of 5
def test_clientbook_and_stdnum_agree_on_siret_near_misses_and_junk(text: str) -> None:
    _agree(siret.is_valid(text), stdnum_siret.is_valid(text), all_zero=_siret_all_zero(text))


# --- French VAT numbers -------------------------------------------------------------------


@given(number=cst.vat_numbers(countries={"FR"}))
@example(number="FRFR001000009")  # the key is itself "FR"
def test_a_valid_french_vat_number_is_valid_for_stdnum_with_the_same_compact_form(
    number: str,
) -> None:
    assert stdnum_tva.is_valid(number)
    assert vat.validate(number) == "FR" + stdnum_tva.validate(number)
    if vat.validate(number)[2:4] == "FR":
        # stdnum.eu.vat strips "FR" twice when the key is "FR" (FRFR001000009 comes back as
        # FR001000009, a number without its key); stdnum.fr.tva keeps it, as clientbook does.
        assert stdnum_vat.validate(number) == vat.validate(number)[2:]
    else:
        assert vat.validate(number) == stdnum_vat.validate(number)


@given(
    text=st.one_of(
        near_misses(cst.vat_numbers(countries={"FR"})),
        junk(prefixes=FRENCH_PREFIXES),
    )
)
@example(text="FR12000000000")
@example(text="FR 12 000 000 000")
@example(text="FR27000123456")  # Monaco
@example(text="fr2t404833048")  # a key with a letter, typed in small letters
def test_clientbook_and_stdnum_agree_on_french_vat_near_misses_and_junk(text: str) -> None:
    all_zero = _vat_all_zero(text)
    _agree(vat.is_valid(text), stdnum_tva.is_valid(text), all_zero=all_zero)
    _agree(vat.is_valid(text), stdnum_vat.is_valid(text), all_zero=all_zero)


# --- the deliberate difference ------------------------------------------------------------

ALL_ZERO: list[tuple[str, Callable[[str], bool], Callable[[str], bool], str]] = [
    ("000000000", siren.is_valid, stdnum_siren.is_valid, "siren"),
    ("000 000 000", siren.is_valid, stdnum_siren.is_valid, "siren"),
    ("00000000000000", siret.is_valid, stdnum_siret.is_valid, "siret"),
    ("000 000 000 00018", siret.is_valid, stdnum_siret.is_valid, "siret"),
    ("FR12000000000", vat.is_valid, stdnum_tva.is_valid, "vat"),
    ("FR 12 000 000 000", vat.is_valid, stdnum_vat.is_valid, "vat"),
]


@pytest.mark.parametrize(("number", "ours", "theirs", "identifier"), ALL_ZERO)
def test_an_all_zero_siren_is_the_one_number_stdnum_accepts_and_clientbook_refuses(
    number: str, ours: Callable[[str], bool], theirs: Callable[[str], bool], identifier: str
) -> None:
    assert theirs(number)
    assert not ours(number)
    validate = {"siren": siren.validate, "siret": siret.validate, "vat": vat.validate}
    with pytest.raises(InvalidComponent) as raised:
        validate[identifier](number)
    assert raised.value.code == f"{identifier}.component"
