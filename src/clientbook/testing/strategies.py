"""Hypothesis strategies for SIRENs, SIRETs, VAT numbers and NAF codes, valid or nearly so.

Use them in your own property tests: the valid strategies generate numbers that
:mod:`clientbook.identifiers` accepts, computed with their check digits rather than copied from
real companies; the ``invalid_*`` strategies generate *near-misses*, the mistakes people make
when they type or paste a number (one digit changed, two adjacent digits swapped, a digit
missing or added, a letter instead of a digit), which clientbook refuses.

>>> from hypothesis import given
>>> from clientbook.identifiers import siret
>>> from clientbook.testing import strategies as cst
>>> @given(cst.sirets())
... def test_an_establishment_keeps_its_company(number):
...     assert siret.siren(number) == number[:9]
>>> test_an_establishment_keeps_its_company()

Every strategy generates the compact form (``validate``'s result: ``'12345678200010'``); map it
through the module's ``format`` to get the printed form.

Client records come from :func:`addresses`, :func:`contacts` and :func:`clients`: realistic
records that :func:`clientbook.validate_client` accepts by default, or ``any_text=True`` for
any text in every field. Importing this module registers the realistic ones with
:func:`hypothesis.strategies.register_type_strategy`, so ``st.from_type(Client)`` and
``st.builds`` work without arguments. Identifiers are plain ``str`` values: ask for them by
name (``sirets()``).

This module needs Hypothesis: install the ``testing`` extra (``pip install
'clientbook[testing]'``).
"""

from __future__ import annotations

import functools
import string
from collections.abc import Callable, Collection
from datetime import date

try:
    from hypothesis import assume
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ImportError as error:  # pragma: no cover - depends on the environment
    raise ImportError(
        "clientbook.testing.strategies needs Hypothesis: pip install 'clientbook[testing]'"
    ) from error

from clientbook.identifiers import naf, siret, vat
from clientbook.testing._records import addresses, check_bool, clients, contacts, register

__all__ = [
    "VAT_COUNTRIES",
    "addresses",
    "clients",
    "contacts",
    "invalid_naf_codes",
    "invalid_sirens",
    "invalid_sirets",
    "invalid_vat_numbers",
    "naf_codes",
    "sirens",
    "sirets",
    "vat_numbers",
]

_DIGITS = "0123456789"
# Letters people type for digits (O for 0, l and I for 1...) first, then the whole alphabet.
_LETTERS = "OIlSBZ" + string.ascii_uppercase
_LA_POSTE = "356000000"
_LA_POSTE_HEAD_OFFICE = "35600000000048"
# Characters of the French VAT key: digits and capital letters but I and O.
_KEY_ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"


# --- check digits -------------------------------------------------------------------------


def _luhn_sum(digits: str) -> int:
    """Return the Luhn sum of *digits* (the last one not doubled), modulo 10."""
    total = 0
    for place, char in enumerate(reversed(digits)):
        value = int(char) * (2 if place % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10


def _with_luhn(body: str) -> str:
    """Return *body* followed by the digit that makes the whole pass the Luhn check."""
    return body + str(-_luhn_sum(body + "0") % 10)


def _weighted(digits: str, weights: tuple[int, ...]) -> int:
    return sum(weight * int(char) for weight, char in zip(weights, digits, strict=True))


# --- SIREN and SIRET ----------------------------------------------------------------------


def sirens() -> st.SearchStrategy[str]:
    """Return a strategy that generates valid SIRENs (9 digits, Luhn), compact.

    ``000000000`` passes Luhn but is nobody's number: clientbook refuses it, so it is never
    generated (:func:`invalid_sirens` generates it).

    >>> from hypothesis import given
    >>> from clientbook.identifiers import siren
    >>> @given(sirens())
    ... def test_a_siren_prints_in_groups_of_three(number):
    ...     assert siren.format(number).replace(" ", "") == number
    >>> test_a_siren_prints_in_groups_of_three()
    """
    return st.integers(1, 99_999_999).map(lambda body: _with_luhn(f"{body:08d}"))


def _regular_siret(company: str, establishment: int) -> str:
    return _with_luhn(f"{company}{establishment:04d}")


def _la_poste_siret(establishment: int, high: bool) -> str:
    # The 14 digits must add up to a multiple of 5: the last digit is one of two.
    first_four = f"{establishment:04d}"
    last = -(sum(map(int, _LA_POSTE + first_four))) % 5 + (5 if high else 0)
    return f"{_LA_POSTE}{first_four}{last}"


_REGULAR_SIRETS = st.builds(
    _regular_siret, sirens().filter(lambda number: number != _LA_POSTE), st.integers(0, 9999)
)
_LA_POSTE_SIRETS = st.one_of(
    st.builds(_la_poste_siret, st.integers(0, 9999), st.booleans()),
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


# --- VAT numbers --------------------------------------------------------------------------


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


# Cyprus: what the digits in the 1st, 3rd, 5th and 7th places count for in the check letter.
_CY_ODD_PLACES = (1, 0, 5, 7, 9, 13, 15, 17, 19, 21)
# Ireland: the check letters, W standing for 0.
_IE_LETTERS = "WABCDEFGHIJKLMNOPQRSTUV"
# Birth dates of people registered for VAT, in Bulgaria and Latvia.
_BIRTH_DATES = st.dates(date(1930, 1, 1), date(2007, 12, 31))


def _mod_11_10(body: str) -> str:  # ISO 7064 MOD 11,10 (Germany, Croatia)
    check = 5
    for char in body:
        check = ((check or 10) * 2 % 11 + int(char)) % 10
    return body + str((1 - (check or 10) * 2 % 11) % 10)


def _mod_11(body: str, weights: tuple[int, ...], *, complement: bool = True) -> str:
    """Return *body* and the digit that makes the weighted sum a multiple of 11, or ``""``."""
    total = _weighted(body, weights)
    digit = -total % 11 if complement else total % 11
    return "" if digit == 10 else body + str(digit)


def _at(body: int) -> str:
    digits = f"{body:07d}"
    return f"ATU{digits}{(6 - _luhn_sum(digits)) % 10}"


def _be(first: int, body: int) -> str:
    digits = f"{first}{body:07d}"
    return f"BE{digits}{97 - int(digits) % 97:02d}"


def _bg_company(body: int) -> str:  # 9 digits: the EIK (BULSTAT) of a legal entity
    digits = f"{body:08d}"
    check = _weighted(digits, (1, 2, 3, 4, 5, 6, 7, 8)) % 11
    if check == 10:
        check = _weighted(digits, (3, 4, 5, 6, 7, 8, 9, 10)) % 11
    return f"BG{digits}{check % 10}"


def _bg_person(born: date, serial: int) -> str:  # 10 digits: the EGN, birth date first
    month = born.month + {18: 20, 19: 0, 20: 40}[born.year // 100]
    digits = f"{born:%y}{month:02d}{born:%d}{serial:03d}"
    return f"BG{digits}{_weighted(digits, (2, 4, 8, 5, 10, 9, 7, 3, 6)) % 11 % 10}"


def _ch(body: int, suffix: str) -> str:
    digits = f"{body:08d}"
    check = (11 - _weighted(digits, (5, 4, 3, 2, 7, 6, 5, 4))) % 11
    return "" if check == 10 else f"CHE{digits}{check}{suffix}"


def _cy(body: int) -> str:
    digits = f"{body:08d}"
    if digits.startswith("12"):
        return ""  # python-stdnum refuses Cypriot numbers starting with 12
    total = sum(_CY_ODD_PLACES[int(char)] for char in digits[::2]) + sum(map(int, digits[1::2]))
    return f"CY{digits}{string.ascii_uppercase[total % 26]}"


def _cz_company(body: int) -> str:  # 8 digits: the IČO, never starting with 9
    digits = f"{body:07d}"
    check = -_weighted(digits, (8, 7, 6, 5, 4, 3, 2)) % 11
    return f"CZ{digits}{(check or 1) % 10}"


def _cz_person(born: date, female: bool, overflow: bool, serial: int) -> str:
    """Return the VAT number of a person with a birth number (rodné číslo).

    The birth date as YYMMDD, 50 added to the month for women and, from 2004 when a day's
    serials run out, 20 more; then a 3-digit serial. Numbers given before 1954 stop there
    (9 digits); later ones end with a check digit that makes the 10-digit number a multiple of
    11, or 0 when the remainder is 10.
    """
    month = born.month + (50 if female else 0) + (20 if overflow and born.year >= 2004 else 0)
    digits = f"{born:%y}{month:02d}{born:%d}{serial:03d}"
    if born.year < 1954:
        return f"CZ{digits}"
    return f"CZ{digits}{int(digits) % 11 % 10}"


def _cz_without_birth_number(body: int) -> str:  # 9 digits starting with 6
    digits = f"{body:07d}"
    check = _weighted(digits, (8, 7, 6, 5, 4, 3, 2)) % 11
    return f"CZ6{digits}{(8 - (10 - check) % 11) % 10}"


def _de(body: int) -> str:
    return "DE" + _mod_11_10(str(body))


def _dk(body: int) -> str:
    number = _mod_11(str(body), (2, 7, 6, 5, 4, 3, 2))
    return number and "DK" + number


def _ee(body: int) -> str:  # 9 digits, starting with 10 as the Estonian VAT numbers issued do
    digits = f"10{body:06d}"
    return f"EE{digits}{-_weighted(digits, (3, 7, 1, 3, 7, 1, 3, 7)) % 10}"


def _el(body: int) -> str:
    digits = f"{body:08d}"
    checksum = 0
    for char in digits:
        checksum = checksum * 2 + int(char)
    return f"EL{digits}{checksum * 2 % 11 % 10}"


def _es(body: int) -> str:  # the NIF of a resident: DNI number and its letter
    return f"ES{body:08d}{'TRWAGMYFPDXBNJZSQVHLCKE'[body % 23]}"


def _fi(body: int) -> str:
    number = _mod_11(f"{body:07d}", (7, 9, 10, 5, 8, 4, 2))
    return number and "FI" + number


def _gb(prefix: str) -> Callable[[int], str]:
    def build(body: int) -> str:
        digits = str(body)
        return f"{prefix}{digits}{-_weighted(digits, (8, 7, 6, 5, 4, 3, 2)) % 97:02d}"

    return build


def _hr(body: int) -> str:  # the OIB, of companies and people alike
    return "HR" + _mod_11_10(f"{body:010d}")


def _hu(body: int) -> str:
    digits = str(body)
    return f"HU{digits}{-_weighted(digits, (9, 7, 3, 1, 9, 7, 3)) % 10}"


def _ie_check(digits: str, second: str = "") -> str:
    # A second letter W (married women's numbers before 2013) weighs nothing, like none.
    index = _IE_LETTERS.index(second) if second else 0
    return _IE_LETTERS[(_weighted(digits, (8, 7, 6, 5, 4, 3, 2)) + 9 * index) % 23]


def _ie(body: int, second: str) -> str:  # 7 digits, the check letter and maybe a second one
    digits = f"{body:07d}"
    return f"IE{digits}{_ie_check(digits, second)}{second}"


def _ie_old(first: int, letter: str, body: int) -> str:  # digit, letter, 5 digits, check letter
    digits = f"{body:05d}"
    return f"IE{first}{letter}{digits}{_ie_check(f'0{digits}{first}')}"


def _it(body: int, province: int) -> str:
    return "IT" + _with_luhn(f"{body:07d}{province:03d}")


def _lt(body: int, width: int) -> str:
    digits = f"{body:0{width}d}1"  # the digit before the check digit is 1
    check = sum((1 + place % 9) * int(char) for place, char in enumerate(digits)) % 11
    if check == 10:
        check = sum((1 + (place + 2) % 9) * int(char) for place, char in enumerate(digits)) % 11
    return f"LT{digits}{check % 10}"


def _lu(body: int) -> str:
    return f"LU{body:06d}{body % 89:02d}"


def _lv_company(body: int) -> str:  # 11 digits, the first above 3
    digits = str(body)
    check = (3 - _weighted(digits, (9, 1, 4, 8, 3, 10, 2, 5, 7, 6))) % 11
    return "" if check == 10 else f"LV{digits}{check}"


def _lv_personal_code(digits: str) -> str:
    check = 1 + _weighted(digits, (10, 5, 8, 4, 2, 1, 6, 3, 7, 9))
    return f"LV{digits}{check % 11 % 10}"


def _lv_person(born: date, serial: int) -> str:  # DDMMYY, the century (1 for 19xx), serial
    return _lv_personal_code(f"{born:%d%m%y}{born.year // 100 - 18}{serial:03d}")


def _lv_person_since_2017(body: int) -> str:  # 32 and 8 digits: no birth date
    return _lv_personal_code(f"32{body:08d}")


def _mt(body: int) -> str:  # 6 digits, the first not 0, and 2 check digits
    digits = str(body)
    return f"MT{digits}{-_weighted(digits, (3, 4, 6, 7, 8, 9)) % 37:02d}"


def _nl(body: int, branch: int) -> str:
    number = _mod_11(f"{body:08d}", (9, 8, 7, 6, 5, 4, 3, 2), complement=False)
    return number and f"NL{number}B{branch:02d}"


def _no(body: int) -> str:
    number = _mod_11(str(body), (3, 2, 7, 6, 5, 4, 3, 2))
    return number and f"NO{number}MVA"


def _pl(body: int) -> str:
    number = _mod_11(f"{body:09d}", (6, 5, 7, 2, 3, 4, 5, 6, 7), complement=False)
    return number and "PL" + number


def _pt(body: int) -> str:
    digits = str(body)
    total = sum((9 - place) * int(char) for place, char in enumerate(digits))
    return f"PT{digits}{(11 - total) % 11 % 10}"


def _ro(body: int) -> str:  # the CUI/CIF: 2 to 10 digits, the first not 0
    check = 10 * _weighted(f"{body:09d}", (7, 5, 3, 2, 1, 7, 5, 3, 2)) % 11 % 10
    return f"RO{body}{check}"


def _se(body: int) -> str:
    return f"SE{_with_luhn(str(body))}01"


def _si(body: int) -> str:  # 8 digits, the first not 0
    digits = str(body)
    check = 11 - _weighted(digits, (8, 7, 6, 5, 4, 3, 2)) % 11
    return "" if check == 11 else f"SI{digits}{check % 10}"


def _sk(head: int, third: str, body: int) -> str:  # 10 digits, a multiple of 11
    digits = f"{head}{third}{body:06d}"
    check = -10 * int(digits) % 11
    return "" if check == 10 else f"SK{digits}{check}"


_ITALIAN_PROVINCES = st.one_of(st.integers(1, 100), st.sampled_from((120, 121, 888, 999)))

#: The strategy of valid numbers for each country prefix (``str.__len__`` discards the rare
#: bodies for which a mod-11 check digit would be 10, and Cypriot numbers starting with 12).
#: The first form of a country is its companies', which Hypothesis shrinks towards.
_FOREIGN: dict[str, st.SearchStrategy[str]] = {
    "AT": st.builds(_at, st.integers(0, 9_999_999)),
    "BE": st.builds(_be, st.integers(0, 1), st.integers(0, 9_999_999)),
    "BG": st.one_of(
        st.builds(_bg_company, st.integers(0, 99_999_999)),
        st.builds(_bg_person, _BIRTH_DATES, st.integers(0, 999)),
    ),
    "CH": st.builds(_ch, st.integers(0, 99_999_999), st.sampled_from(("MWST", "TVA", "IVA"))),
    "CY": st.builds(_cy, st.integers(0, 99_999_999)),
    "CZ": st.one_of(
        st.builds(_cz_company, st.integers(0, 8_999_999)),
        st.builds(
            _cz_person,
            st.dates(date(1954, 1, 1), date(2007, 12, 31)),
            st.booleans(),
            st.booleans(),
            st.integers(0, 999),
        ),
        st.builds(
            _cz_person,
            st.dates(date(1920, 1, 1), date(1953, 12, 31)),
            st.booleans(),
            st.just(False),
            st.integers(0, 999),
        ),
        st.builds(_cz_without_birth_number, st.integers(0, 9_999_999)),
    ),
    "DE": st.builds(_de, st.integers(10_000_000, 99_999_999)),
    "DK": st.builds(_dk, st.integers(1_000_000, 9_999_999)),
    "EE": st.builds(_ee, st.integers(0, 999_999)),
    "EL": st.builds(_el, st.integers(0, 99_999_999)),
    "ES": st.builds(_es, st.integers(0, 99_999_999)),
    "FI": st.builds(_fi, st.integers(0, 9_999_999)),
    "GB": st.builds(_gb("GB"), st.integers(1_000_000, 9_999_999)),
    "HR": st.builds(_hr, st.integers(0, 9_999_999_999)),
    "HU": st.builds(_hu, st.integers(1_000_000, 9_999_999)),
    "IE": st.one_of(
        st.builds(_ie, st.integers(0, 9_999_999), st.sampled_from(("", "H", "A", "W"))),
        st.builds(
            _ie_old,
            st.integers(0, 9),
            st.sampled_from(string.ascii_uppercase),
            st.integers(0, 99_999),
        ),
    ),
    "IT": st.builds(_it, st.integers(1, 9_999_999), _ITALIAN_PROVINCES),
    "LT": st.one_of(
        st.builds(_lt, st.integers(0, 9_999_999), st.just(7)),
        st.builds(_lt, st.integers(0, 9_999_999_999), st.just(10)),
    ),
    "LU": st.builds(_lu, st.integers(0, 999_999)),
    "LV": st.one_of(
        st.builds(_lv_company, st.integers(4_000_000_000, 9_999_999_999)),
        st.builds(_lv_person, _BIRTH_DATES, st.integers(0, 999)),
        st.builds(_lv_person_since_2017, st.integers(0, 99_999_999)),
    ),
    "MT": st.builds(_mt, st.integers(100_000, 999_999)),
    "NL": st.builds(_nl, st.integers(1, 99_999_999), st.integers(1, 99)),
    "NO": st.builds(_no, st.integers(80_000_000, 99_999_999)),
    "PL": st.builds(_pl, st.integers(0, 999_999_999)),
    "PT": st.builds(_pt, st.integers(10_000_000, 99_999_999)),
    "RO": st.builds(_ro, st.integers(1, 999_999_999)),
    "SE": st.builds(_se, st.integers(100_000_000, 999_999_999)),
    "SI": st.builds(_si, st.integers(1_000_000, 9_999_999)),
    "SK": st.builds(_sk, st.integers(10, 99), st.sampled_from("234789"), st.integers(0, 999_999)),
    "XI": st.builds(_gb("XI"), st.integers(1_000_000, 9_999_999)),
}

#: The country prefixes :func:`vat_numbers` generates numbers for, sorted.
VAT_COUNTRIES: tuple[str, ...] = tuple(sorted({"FR", *_FOREIGN}))


def _vat_strategy(country: str) -> st.SearchStrategy[str]:
    if country == "FR":
        return _french_vat_numbers()
    return _FOREIGN[country].filter(len)


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


# --- NAF codes ----------------------------------------------------------------------------


@functools.cache
def _rev2_codes() -> tuple[str, ...]:
    return tuple(sorted(naf._rev2_labels()))  # the list shipped with clientbook


def _naf_2025_code(digits: int, letter: str) -> str:
    return f"{digits:04d}{letter}"


@functools.cache
def _naf_2025_codes() -> st.SearchStrategy[str]:
    rev2 = frozenset(_rev2_codes())
    # Codes seen in NAF 2025 end in Y; other letters mark subdivided classes.
    letters = st.one_of(st.just("Y"), st.sampled_from("ABCDEFGHJKLMNPQRSTUVWXY"))
    return st.builds(_naf_2025_code, st.integers(100, 9999), letters).filter(
        lambda code: code not in rev2
    )


def naf_codes(*, nomenclature: naf.Nomenclature | None = None) -> st.SearchStrategy[str]:
    """Return a strategy that generates valid APE/NAF codes, compact (``6201Z``).

    Args:
        nomenclature: ``"rev2"`` for the 732 sub-classes of NAF rév. 2 (the list clientbook
            ships), ``"2025"`` for NAF 2025 codes (well-formed codes outside rév. 2, as
            clientbook accepts them until INSEE's list ships), ``None`` (the default) for both.

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


# --- near-misses --------------------------------------------------------------------------


@st.composite
def _one_digit_changed(draw: st.DrawFn, numbers: st.SearchStrategy[str]) -> str:
    number = draw(numbers)
    place = draw(st.sampled_from([i for i, char in enumerate(number) if char.isdigit()]))
    digit = draw(st.sampled_from(_DIGITS.replace(number[place], "")))
    return number[:place] + digit + number[place + 1 :]


def _detectable_swap(first: str, second: str) -> bool:
    # Luhn misses exactly one adjacent swap: 09 and 90.
    return first != second and {first, second} != {"0", "9"}


@st.composite
def _adjacent_digits_swapped(
    draw: st.DrawFn, numbers: st.SearchStrategy[str], *, luhn: bool = False
) -> str:
    number = draw(numbers)
    places = [
        i
        for i in range(len(number) - 1)
        if number[i].isdigit()
        and number[i + 1].isdigit()
        and (_detectable_swap(number[i], number[i + 1]) if luhn else number[i] != number[i + 1])
    ]
    assume(places)
    i = draw(st.sampled_from(places))
    return number[:i] + number[i + 1] + number[i] + number[i + 2 :]


@st.composite
def _wrong_length(draw: st.DrawFn, numbers: st.SearchStrategy[str], *, start: int = 0) -> str:
    """A digit missing or one too many, after the first *start* characters (the prefix)."""
    number = draw(numbers)
    place = draw(st.integers(start, len(number) - 1))
    if draw(st.booleans()):
        return number[:place] + number[place + 1 :]
    return number[:place] + draw(st.sampled_from(_DIGITS)) + number[place:]


@st.composite
def _letter_instead_of_digit(draw: st.DrawFn, numbers: st.SearchStrategy[str]) -> str:
    number = draw(numbers)
    place = draw(st.sampled_from([i for i, char in enumerate(number) if char.isdigit()]))
    return number[:place] + draw(st.sampled_from(_LETTERS)) + number[place + 1 :]


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
        _one_digit_changed(valid),
        _adjacent_digits_swapped(valid, luhn=True),
        _wrong_length(valid),
        _letter_instead_of_digit(valid),
        st.just("000000000"),
    )


def _siret_of_invalid_siren(company: int, wrong: int, establishment: int) -> str:
    body = f"{company:08d}"
    digit = (int(_with_luhn(body)[-1]) + wrong) % 10
    return _with_luhn(f"{body}{digit}{establishment:04d}")


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
        st.one_of(_one_digit_changed(valid), _adjacent_digits_swapped(valid)).filter(
            lambda number: not siret.is_valid(number)
        ),
        _wrong_length(valid),
        _letter_instead_of_digit(valid),
        st.builds(
            _siret_of_invalid_siren,
            st.integers(0, 99_999_999),
            st.integers(1, 9),
            st.integers(0, 9999),
        ),
        st.builds(lambda nic: _with_luhn(f"000000000{nic:04d}"), st.integers(0, 9999)),
    )


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
        _one_digit_changed(valid),
        _adjacent_digits_swapped(valid),
        _wrong_length(valid, start=2),
        _letter_instead_of_digit(valid),
        st.builds(_with_prefix, st.sampled_from(("MC", "UK", "EU", "IM", "")), valid),
    ).filter(lambda number: not vat.is_valid(number))


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
        st.integers(0, 9999)
        .map(lambda digits: f"{digits:04d}Z")
        .filter(lambda code: code not in rev2),
        st.builds(_naf_2025_code, st.integers(0, 99), st.sampled_from(string.ascii_uppercase)),
        valid.map(lambda code: code[:4]),
        st.builds(lambda code, digit: code[:4] + digit + code[4], valid, st.sampled_from(_DIGITS)),
        st.builds(_with_code_letter, valid, st.sampled_from(_DIGITS)),
        _letter_instead_of_digit(valid),
        valid.map(lambda code: f"{code[:2]},{code[2:]}"),
    )


register()
