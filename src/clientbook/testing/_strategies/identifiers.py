"""Strategies for SIRENs, SIRETs and APE/NAF codes, valid or nearly so.

Re-exported by :mod:`clientbook.testing.strategies`; see there.
"""

from __future__ import annotations

import functools
import string

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from clientbook.identifiers import naf, siret
from clientbook.testing._strategies.arguments import check_bool
from clientbook.testing._strategies.checkdigits import with_luhn
from clientbook.testing._strategies.computed import computed
from clientbook.testing._strategies.typos import (
    DIGITS,
    adjacent_digits_swapped,
    letter_instead_of_digit,
    one_digit_changed,
    wrong_length,
)

__all__ = [
    "invalid_naf_codes",
    "invalid_sirens",
    "invalid_sirets",
    "naf_codes",
    "sirens",
    "sirets",
]

_LA_POSTE = "356000000"
_LA_POSTE_HEAD_OFFICE = "35600000000048"


# --- SIREN and SIRET ----------------------------------------------------------------------


def sirens() -> st.SearchStrategy[str]:
    """Return a strategy that generates valid SIRENs (9 digits, Luhn), compact.

    ``000000000`` passes Luhn but is nobody's number: clientbook refuses it, so it is never
    generated (:func:`invalid_sirens` generates it). No SIREN starts with ``000`` either: its
    French VAT number would fall in the range of Monaco's (``FR`` + key + ``000`` + 6 digits),
    which hold no SIREN, so :func:`clientbook.identifiers.vat.siren` could not give it back.
    Monaco's numbers come from :func:`vat_numbers`.

    >>> from hypothesis import given
    >>> from clientbook.identifiers import siren
    >>> @given(sirens())
    ... def test_a_siren_prints_in_groups_of_three(number):
    ...     assert siren.format(number).replace(" ", "") == number
    >>> test_a_siren_prints_in_groups_of_three()
    """
    # From 00100000: a body below it would start with 000, Monaco's range.
    return computed(lambda body: with_luhn(f"{body:08d}"), st.integers(100_000, 99_999_999))


def _regular_siret(company: str, establishment: int) -> str:
    return with_luhn(f"{company}{establishment:04d}")


def _la_poste_siret(establishment: int, high: bool) -> str:
    # The 14 digits must add up to a multiple of 5: the last digit is one of two.
    first_four = f"{establishment:04d}"
    last = -(sum(map(int, _LA_POSTE + first_four))) % 5 + (5 if high else 0)
    return f"{_LA_POSTE}{first_four}{last}"


_REGULAR_SIRETS = computed(
    _regular_siret, sirens().filter(lambda number: number != _LA_POSTE), st.integers(0, 9999)
)
_LA_POSTE_SIRETS = st.one_of(
    computed(_la_poste_siret, st.integers(0, 9999), st.booleans()),
    st.just(_LA_POSTE_HEAD_OFFICE),
)


@st.composite
def _sirets_with_la_poste(draw: st.DrawFn) -> str:
    # About one SIRET in ten is La Poste's: enough to exercise its rule in every test run.
    if draw(st.integers(0, 9)) == 9:
        return draw(_LA_POSTE_SIRETS)
    return draw(_REGULAR_SIRETS)


def sirets(*, la_poste: bool = True) -> st.SearchStrategy[str]:
    """Return a strategy that generates valid SIRETs (14 digits), compact.

    The SIREN of each (its first 9 digits) is one that :func:`sirens` generates, or La Poste's.

    Args:
        la_poste: also generate SIRETs of La Poste (SIREN ``356000000``), which follow their
            own rule: the sum of the 14 digits is a multiple of 5, except the head office
            ``35600000000048``, which follows Luhn.

    Raises:
        InvalidArgument: *la_poste* is not a ``bool``.

    >>> from hypothesis import given
    >>> from clientbook.identifiers import siret
    >>> @given(sirets(la_poste=False))
    ... def test_an_ordinary_siret_is_not_la_postes(number):
    ...     assert siret.siren(number) != "356000000"
    >>> test_an_ordinary_siret_is_not_la_postes()
    """
    check_bool("la_poste", la_poste)
    return _sirets_with_la_poste() if la_poste else _REGULAR_SIRETS


def invalid_sirens() -> st.SearchStrategy[str]:
    """Return a strategy that generates near-misses of SIRENs, which clientbook refuses.

    A valid SIREN with one digit changed or two adjacent digits swapped (the checksum fails;
    the one swap Luhn cannot see, ``09`` and ``90``, is never made), a digit missing or added,
    a letter instead of a digit (``O`` for ``0``...), and ``000000000``.

    >>> from hypothesis import given
    >>> from clientbook.identifiers import siren
    >>> @given(invalid_sirens())
    ... def test_a_mistyped_siren_is_refused(number):
    ...     assert not siren.is_valid(number)
    >>> test_a_mistyped_siren_is_refused()
    """
    valid = sirens()
    return st.one_of(
        one_digit_changed(valid),
        adjacent_digits_swapped(valid, luhn=True),
        wrong_length(valid),
        letter_instead_of_digit(valid),
        st.just("000000000"),
    )


def _siret_of_invalid_siren(company: int, wrong: int, establishment: int) -> str:
    body = f"{company:08d}"
    digit = (int(with_luhn(body)[-1]) + wrong) % 10
    return with_luhn(f"{body}{digit}{establishment:04d}")


def invalid_sirets() -> st.SearchStrategy[str]:
    """Return a strategy that generates near-misses of SIRETs, which clientbook refuses.

    A valid SIRET (La Poste's included) with one digit changed or two adjacent digits swapped,
    a digit missing or added, a letter instead of a digit; a SIRET that passes Luhn over its 14
    digits but whose first 9 are not a valid SIREN; and ``000000000`` followed by a NIC. The
    rare changes that leave a number valid (La Poste's rule does not see a digit changed by 5)
    are discarded.

    >>> from hypothesis import given
    >>> from clientbook.identifiers import siret
    >>> @given(invalid_sirets())
    ... def test_a_mistyped_siret_is_refused(number):
    ...     assert not siret.is_valid(number)
    >>> test_a_mistyped_siret_is_refused()
    """
    valid = sirets()
    return st.one_of(
        st.one_of(one_digit_changed(valid), adjacent_digits_swapped(valid)).filter(
            lambda number: not siret.is_valid(number)
        ),
        wrong_length(valid),
        letter_instead_of_digit(valid),
        computed(
            _siret_of_invalid_siren,
            st.integers(0, 99_999_999),
            st.integers(1, 9),
            st.integers(0, 9999),
        ),
        computed(lambda nic: with_luhn(f"000000000{nic:04d}"), st.integers(0, 9999)),
    )


# --- NAF codes ----------------------------------------------------------------------------


@functools.cache
def _rev2_codes() -> tuple[str, ...]:
    return tuple(sorted(naf._rev2_labels()))  # the list shipped with clientbook


def _naf_code(digits: int, letter: str) -> str:
    return f"{digits:04d}{letter}"


@functools.cache
def _naf_2025_codes() -> st.SearchStrategy[str]:
    return st.sampled_from(sorted(naf._naf2025_labels()))  # the list shipped with clientbook


def naf_codes(*, nomenclature: naf.Nomenclature | None = None) -> st.SearchStrategy[str]:
    """Return a strategy that generates valid APE/NAF codes, compact (``6201Z``).

    Args:
        nomenclature: ``"rev2"`` for the 732 sub-classes of NAF rév. 2 (the list clientbook
            ships), ``"2025"`` for the 747 sub-classes of NAF 2025, ``None`` (the default) for both.

    Raises:
        InvalidArgument: *nomenclature* is not ``"rev2"``, ``"2025"`` or ``None``.

    >>> from hypothesis import given
    >>> from clientbook.identifiers import naf
    >>> @given(naf_codes(nomenclature="rev2"))
    ... def test_a_rev2_code_has_a_label(code):
    ...     assert naf.label(code)
    >>> test_a_rev2_code_has_a_label()
    """
    if nomenclature == "rev2":
        return st.sampled_from(_rev2_codes())
    if nomenclature == "2025":
        return _naf_2025_codes()
    if nomenclature is None:
        return st.one_of(st.sampled_from(_rev2_codes()), _naf_2025_codes())
    raise InvalidArgument(
        f"nomenclature={nomenclature!r} must be 'rev2' (NAF rév. 2), '2025' (NAF 2025) or None"
    )


def _with_code_letter(code: str, letter: str) -> str:
    return code[:4] + letter


def invalid_naf_codes() -> st.SearchStrategy[str]:
    """Return a strategy that generates near-misses of APE/NAF codes, which clientbook refuses.

    A code ending in ``Z`` that is not in NAF rév. 2 (``62.99Z``), a code of division ``00``,
    a valid code without its letter, with a digit added or a digit for its letter, a letter
    instead of a digit (``62.O1Z``), and a comma for the dot (``62,01Z``).

    >>> from hypothesis import given
    >>> from clientbook.identifiers import naf
    >>> @given(invalid_naf_codes())
    ... def test_a_mistyped_naf_code_is_refused(code):
    ...     assert not naf.is_valid(code)
    >>> test_a_mistyped_naf_code_is_refused()
    """
    rev2 = frozenset(_rev2_codes())
    valid = naf_codes()
    return st.one_of(
        computed(_naf_code, st.integers(0, 9999), st.just("Z")).filter(
            lambda code: code not in rev2
        ),
        computed(_naf_code, st.integers(0, 99), st.sampled_from(string.ascii_uppercase)),
        computed(lambda code: code[:4], valid),
        computed(lambda code, digit: code[:4] + digit + code[4], valid, st.sampled_from(DIGITS)),
        computed(_with_code_letter, valid, st.sampled_from(DIGITS)),
        letter_instead_of_digit(valid),
        computed(lambda code: f"{code[:2]},{code[2:]}", valid),
    )
