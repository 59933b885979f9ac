"""Strategies for VAT numbers, valid or nearly so: French (Monaco's included) and the others.

Re-exported by :mod:`clientbook.testing.strategies`; see there. The builders of the other
countries' numbers are in :mod:`clientbook.testing._strategies.foreign_vat`.
"""

from __future__ import annotations

import functools
from collections.abc import Collection

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from clientbook.identifiers import vat
from clientbook.testing._strategies.computed import computed
from clientbook.testing._strategies.foreign_vat import FOREIGN
from clientbook.testing._strategies.identifiers import sirens
from clientbook.testing._strategies.typos import (
    adjacent_digits_swapped,
    letter_instead_of_digit,
    one_digit_changed,
    wrong_length,
)

__all__ = ["VAT_COUNTRIES", "invalid_vat_numbers", "vat_numbers"]

# Characters of the French VAT key: digits and capital letters but I and O.
_KEY_ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"


# --- French numbers -----------------------------------------------------------------------


def _french_key(digits: str) -> str:
    return f"{(12 + 3 * (int(digits) % 97)) % 97:02d}"


@functools.cache
def _letter_keys() -> tuple[tuple[str, ...], ...]:
    """Return, for each value of SIREN mod 11, the keys with a letter that fit the mod-11 rule."""
    table: list[list[str]] = [[] for _ in range(11)]
    for first_index, first in enumerate(_KEY_ALPHABET):
        for second_index, second in enumerate(_KEY_ALPHABET):
            if first.isdigit() and second.isdigit():
                continue  # numeric keys follow the mod-97 rule
            if first.isdigit():
                check = first_index * 24 + second_index - 10
            else:
                check = first_index * 34 + second_index - 100
            for remainder in range(11):
                if (remainder + 1 + check // 11) % 11 == check % 11:
                    table[remainder].append(first + second)
    return tuple(tuple(keys) for keys in table)


@st.composite
def _french_vat_numbers(draw: st.DrawFn) -> str:
    if draw(st.integers(0, 9)) == 9:  # Monaco: "000" and six digits, no SIREN
        digits = f"000{draw(st.integers(1, 999_999)):06d}"
    else:
        digits = draw(sirens())
    if draw(st.integers(0, 3)) == 3:  # newer keys contain a letter
        key = draw(st.sampled_from(_letter_keys()[int(digits) % 11]))
    else:
        key = _french_key(digits)
    return f"FR{key}{digits}"


# --- the choice of countries --------------------------------------------------------------


# The country prefixes vat_numbers() generates numbers for, sorted; documented where
# clientbook.testing.strategies re-exports it.
VAT_COUNTRIES: tuple[str, ...] = tuple(sorted({"FR", *FOREIGN}))


def _vat_strategy(country: str) -> st.SearchStrategy[str]:
    if country == "FR":
        return _french_vat_numbers()
    return FOREIGN[country].filter(len)


def _check_countries(countries: Collection[str] | None) -> tuple[str, ...]:
    if countries is None:
        return VAT_COUNTRIES
    if isinstance(countries, str) or not isinstance(countries, Collection):
        raise InvalidArgument(
            f"countries={countries!r} must be a collection of country prefixes, such as "
            "{'FR', 'DE'}, or None for all of them"
        )
    if not countries:
        raise InvalidArgument("countries is empty: choose at least one country, or pass None")
    for country in countries:
        if not isinstance(country, str):
            raise InvalidArgument(f"countries contains {country!r}: country prefixes are str")
        if country.upper() != country:
            raise InvalidArgument(
                f"countries contains {country!r}: write country prefixes in capitals, "
                f"{country.upper()!r}"
            )
        if country == "GR":
            raise InvalidArgument("Greek VAT numbers start with EL, not GR: use 'EL'")
        if country in ("EU", "IM"):
            raise InvalidArgument(
                f"{country} numbers are one-stop-shop registrations of sellers, never a "
                "client's VAT number, and clientbook refuses them: they are not generated"
            )
        if country == "MC":
            raise InvalidArgument(
                "companies of Monaco carry French VAT numbers (FR + key + 000 + 6 digits): "
                "use 'FR', which includes them"
            )
        if country not in VAT_COUNTRIES:
            raise InvalidArgument(
                f"countries contains {country!r}, which is not a country prefix of VAT numbers "
                f"clientbook accepts; choose among {', '.join(VAT_COUNTRIES)}"
            )
    return tuple(sorted(set(countries)))


def vat_numbers(*, countries: Collection[str] | None = None) -> st.SearchStrategy[str]:
    """Return a strategy that generates valid VAT numbers, compact, country prefix included.

    Each number is computed with its country's check rule, as python-stdnum checks it
    (``stdnum.<country>.vat`` and the national modules it uses), in these forms:

    - ``FR``: the SIREN with a numeric key or one of the newer keys that contain a letter, and
      numbers of companies of Monaco (``FR`` + key + ``000`` + 6 digits), which have no SIREN.
      For French numbers that have one, use ``sirens().map(vat.from_siren)``.
    - ``BG``: 9 digits (the EIK of a legal entity) or 10 (a person's EGN, birth date first).
    - ``CY``: 8 digits, never starting with ``12``, and a check letter.
    - ``CZ``: 8 digits (the IČO of a legal entity, never starting with 9); a person's birth
      number (9 digits if born before 1954, 10 since); 9 digits starting with 6 (a person
      without a birth number).
    - ``EE``: 9 digits starting with ``10``. ``HR``: the 11-digit OIB. ``HU``: 8 digits.
    - ``IE``: 7 digits and a check letter, followed by ``H`` (companies) or ``A`` (people) for
      numbers issued since 2013 or by ``W`` (married women's, before 2013); and the old form:
      a digit, a letter, 5 digits and the check letter.
    - ``LT``: 9 digits (legal entities) or 12 (people and temporarily registered taxpayers),
      the last but one always ``1``.
    - ``LV``: 11 digits: a legal entity's (first digit 4 to 9), a person's code with the birth
      date (``DDMMYY``, then the century), or one of the codes issued since 2017 (``32``...).
    - ``MT``: 8 digits, the last two a check number. ``SI``: 8 digits. ``SK``: 10 digits.
    - ``RO``: the CUI of a company, 2 to 10 digits (not a person's 13-digit CNP, which not
      every source accepts as a VAT number).
    - One form for the others: ``AT`` (``U`` and 8 digits), ``BE``, ``DE``, ``DK``, ``EL``,
      ``ES`` (a person's NIF: the DNI number and its letter), ``FI``, ``IT``, ``LU``, ``NL``
      (``B`` and a branch number), ``PL``, ``PT``, ``SE`` (ending ``01``), ``GB`` and ``XI``
      (9 digits), ``CH`` (``E``, 9 digits and ``MWST``, ``TVA`` or ``IVA``), ``NO`` (9 digits
      and ``MVA``).

    Args:
        countries: the country prefixes to generate numbers for, such as ``{"FR", "DE"}``;
            ``None`` (the default) for all of :data:`VAT_COUNTRIES`: the 27 member states
            (Greece as ``EL``), Northern Ireland (``XI``), and ``GB``, ``CH`` and ``NO``, which
            clients outside the EU carry.

    Raises:
        InvalidArgument: *countries* is empty, a single string, or names a prefix that
            clientbook refuses (``GR`` instead of ``EL``, ``MC`` instead of ``FR``, ``EU`` and
            ``IM`` one-stop-shop numbers, a prefix of no country clientbook accepts).

    >>> from hypothesis import given
    >>> from clientbook.identifiers import vat
    >>> @given(vat_numbers(countries={"FR", "DE", "EL"}))
    ... def test_a_vat_number_is_accepted_with_spaces(number):
    ...     assert vat.validate(" ".join(number)) == number
    >>> test_a_vat_number_is_accepted_with_spaces()
    """
    return _vat_numbers(_check_countries(countries))


@functools.cache
def _vat_numbers(countries: tuple[str, ...]) -> st.SearchStrategy[str]:
    return st.one_of([_vat_strategy(country) for country in countries])


# --- near-misses --------------------------------------------------------------------------


def _with_prefix(prefix: str, number: str) -> str:
    return prefix + number[2:]


def invalid_vat_numbers(*, countries: Collection[str] | None = None) -> st.SearchStrategy[str]:
    """Return a strategy that generates near-misses of VAT numbers, which clientbook refuses.

    A valid number of :func:`vat_numbers` with one digit changed, two adjacent digits swapped,
    a digit missing or added after the country prefix, or a letter instead of a digit; or with
    a prefix people type by mistake: ``MC`` (Monaco uses ``FR``), ``UK`` (it is ``GB``), the
    one-stop-shop ``EU`` and ``IM``, or none. Changes that leave a number valid (a letter that
    makes another valid French key, a swap the country's check does not see) are discarded.

    Args:
        countries: the country prefixes of the valid numbers to start from; see
            :func:`vat_numbers`.

    Raises:
        InvalidArgument: *countries* is not valid; see :func:`vat_numbers`.

    >>> from hypothesis import given
    >>> from clientbook.identifiers import vat
    >>> @given(invalid_vat_numbers(countries={"FR"}))
    ... def test_a_mistyped_vat_number_is_refused(number):
    ...     assert not vat.is_valid(number)
    >>> test_a_mistyped_vat_number_is_refused()
    """
    valid = vat_numbers(countries=countries)
    return st.one_of(
        one_digit_changed(valid),
        adjacent_digits_swapped(valid),
        wrong_length(valid, start=2),
        letter_instead_of_digit(valid),
        computed(_with_prefix, st.sampled_from(("MC", "UK", "EU", "IM", "")), valid),
    ).filter(lambda number: not vat.is_valid(number))
