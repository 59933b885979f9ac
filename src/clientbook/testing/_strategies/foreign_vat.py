"""The valid VAT numbers of the countries other than France, one builder per national form.

Each builder computes a number with its country's check rule, as python-stdnum checks it
(``stdnum.<country>.vat`` and the national modules it uses), from the integers (and dates,
letters) a strategy draws; :data:`FOREIGN` gives each country prefix its strategy. What the
forms are is told to users by :func:`clientbook.testing.strategies.vat_numbers`.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from datetime import date

from hypothesis import strategies as st

from clientbook.testing._strategies.checkdigits import (
    luhn_sum,
    mod_11,
    mod_11_10,
    weighted,
    with_luhn,
)
from clientbook.testing._strategies.computed import computed

__all__ = ["FOREIGN"]

# Cyprus: what the digits in the 1st, 3rd, 5th and 7th places count for in the check letter.
_CY_ODD_PLACES = (1, 0, 5, 7, 9, 13, 15, 17, 19, 21)
# Ireland: the check letters, W standing for 0.
_IE_LETTERS = "WABCDEFGHIJKLMNOPQRSTUV"
# Birth dates of people registered for VAT, in Bulgaria and Latvia.
_BIRTH_DATES = st.dates(date(1930, 1, 1), date(2007, 12, 31))


def _at(body: int) -> str:
    digits = f"{body:07d}"
    return f"ATU{digits}{(6 - luhn_sum(digits)) % 10}"


def _be(first: int, body: int) -> str:
    digits = f"{first}{body:07d}"
    return f"BE{digits}{97 - int(digits) % 97:02d}"


def _bg_company(body: int) -> str:  # 9 digits: the EIK (BULSTAT) of a legal entity
    digits = f"{body:08d}"
    check = weighted(digits, (1, 2, 3, 4, 5, 6, 7, 8)) % 11
    if check == 10:
        check = weighted(digits, (3, 4, 5, 6, 7, 8, 9, 10)) % 11
    return f"BG{digits}{check % 10}"


def _bg_person(born: date, serial: int) -> str:  # 10 digits: the EGN, birth date first
    month = born.month + {18: 20, 19: 0, 20: 40}[born.year // 100]
    digits = f"{born:%y}{month:02d}{born:%d}{serial:03d}"
    return f"BG{digits}{weighted(digits, (2, 4, 8, 5, 10, 9, 7, 3, 6)) % 11 % 10}"


def _ch(body: int, suffix: str) -> str:
    digits = f"{body:08d}"
    check = (11 - weighted(digits, (5, 4, 3, 2, 7, 6, 5, 4))) % 11
    return "" if check == 10 else f"CHE{digits}{check}{suffix}"


def _cy(body: int) -> str:
    digits = f"{body:08d}"
    if digits.startswith("12"):
        return ""  # python-stdnum refuses Cypriot numbers starting with 12
    total = sum(_CY_ODD_PLACES[int(char)] for char in digits[::2]) + sum(map(int, digits[1::2]))
    return f"CY{digits}{string.ascii_uppercase[total % 26]}"


def _cz_company(body: int) -> str:  # 8 digits: the IČO, never starting with 9
    digits = f"{body:07d}"
    check = -weighted(digits, (8, 7, 6, 5, 4, 3, 2)) % 11
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
    check = weighted(digits, (8, 7, 6, 5, 4, 3, 2)) % 11
    return f"CZ6{digits}{(8 - (10 - check) % 11) % 10}"


def _de(body: int) -> str:
    return "DE" + mod_11_10(str(body))


def _dk(body: int) -> str:
    number = mod_11(str(body), (2, 7, 6, 5, 4, 3, 2))
    return number and "DK" + number


def _ee(body: int) -> str:  # 9 digits, starting with 10 as the Estonian VAT numbers issued do
    digits = f"10{body:06d}"
    return f"EE{digits}{-weighted(digits, (3, 7, 1, 3, 7, 1, 3, 7)) % 10}"


def _el(body: int) -> str:
    digits = f"{body:08d}"
    checksum = 0
    for char in digits:
        checksum = checksum * 2 + int(char)
    return f"EL{digits}{checksum * 2 % 11 % 10}"


def _es(body: int) -> str:  # the NIF of a resident: DNI number and its letter
    return f"ES{body:08d}{'TRWAGMYFPDXBNJZSQVHLCKE'[body % 23]}"


def _fi(body: int) -> str:
    number = mod_11(f"{body:07d}", (7, 9, 10, 5, 8, 4, 2))
    return number and "FI" + number


def _gb(prefix: str) -> Callable[[int], str]:
    def build(body: int) -> str:
        digits = str(body)
        return f"{prefix}{digits}{-weighted(digits, (8, 7, 6, 5, 4, 3, 2)) % 97:02d}"

    return build


def _hr(body: int) -> str:  # the OIB, of companies and people alike
    return "HR" + mod_11_10(f"{body:010d}")


def _hu(body: int) -> str:
    digits = str(body)
    return f"HU{digits}{-weighted(digits, (9, 7, 3, 1, 9, 7, 3)) % 10}"


def _ie_check(digits: str, second: str = "") -> str:
    # A second letter W (married women's numbers before 2013) weighs nothing, like none.
    index = _IE_LETTERS.index(second) if second else 0
    return _IE_LETTERS[(weighted(digits, (8, 7, 6, 5, 4, 3, 2)) + 9 * index) % 23]


def _ie(body: int, second: str) -> str:  # 7 digits, the check letter and maybe a second one
    digits = f"{body:07d}"
    return f"IE{digits}{_ie_check(digits, second)}{second}"


def _ie_old(first: int, letter: str, body: int) -> str:  # digit, letter, 5 digits, check letter
    digits = f"{body:05d}"
    return f"IE{first}{letter}{digits}{_ie_check(f'0{digits}{first}')}"


def _it(body: int, province: int) -> str:
    return "IT" + with_luhn(f"{body:07d}{province:03d}")


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
    check = (3 - weighted(digits, (9, 1, 4, 8, 3, 10, 2, 5, 7, 6))) % 11
    return "" if check == 10 else f"LV{digits}{check}"


def _lv_personal_code(digits: str) -> str:
    check = 1 + weighted(digits, (10, 5, 8, 4, 2, 1, 6, 3, 7, 9))
    return f"LV{digits}{check % 11 % 10}"


def _lv_person(born: date, serial: int) -> str:  # DDMMYY, the century (1 for 19xx), serial
    return _lv_personal_code(f"{born:%d%m%y}{born.year // 100 - 18}{serial:03d}")


def _lv_person_since_2017(body: int) -> str:  # 32 and 8 digits: no birth date
    return _lv_personal_code(f"32{body:08d}")


def _mt(body: int) -> str:  # 6 digits, the first not 0, and 2 check digits
    digits = str(body)
    return f"MT{digits}{-weighted(digits, (3, 4, 6, 7, 8, 9)) % 37:02d}"


def _nl(body: int, branch: int) -> str:
    number = mod_11(f"{body:08d}", (9, 8, 7, 6, 5, 4, 3, 2), complement=False)
    return number and f"NL{number}B{branch:02d}"


def _no(body: int) -> str:
    number = mod_11(str(body), (3, 2, 7, 6, 5, 4, 3, 2))
    return number and f"NO{number}MVA"


def _pl(body: int) -> str:
    number = mod_11(f"{body:09d}", (6, 5, 7, 2, 3, 4, 5, 6, 7), complement=False)
    return number and "PL" + number


def _pt(body: int) -> str:
    digits = str(body)
    total = sum((9 - place) * int(char) for place, char in enumerate(digits))
    return f"PT{digits}{(11 - total) % 11 % 10}"


def _ro(body: int) -> str:  # the CUI/CIF: 2 to 10 digits, the first not 0
    check = 10 * weighted(f"{body:09d}", (7, 5, 3, 2, 1, 7, 5, 3, 2)) % 11 % 10
    return f"RO{body}{check}"


def _se(body: int) -> str:
    return f"SE{with_luhn(str(body))}01"


def _si(body: int) -> str:  # 8 digits, the first not 0
    digits = str(body)
    check = 11 - weighted(digits, (8, 7, 6, 5, 4, 3, 2)) % 11
    return "" if check == 11 else f"SI{digits}{check % 10}"


def _sk(head: int, third: str, body: int) -> str:  # 10 digits, a multiple of 11
    digits = f"{head}{third}{body:06d}"
    check = -10 * int(digits) % 11
    return "" if check == 10 else f"SK{digits}{check}"


_ITALIAN_PROVINCES = st.one_of(st.integers(1, 100), st.sampled_from((120, 121, 888, 999)))

#: The strategy of valid numbers for each country prefix. A builder gives ``""`` for the rare
#: bodies for which a mod-11 check digit would be 10, and for Cypriot numbers starting with 12:
#: the VAT strategies discard it. The first form of a country is its companies', which
#: Hypothesis shrinks towards.
FOREIGN: dict[str, st.SearchStrategy[str]] = {
    "AT": computed(_at, st.integers(0, 9_999_999)),
    "BE": computed(_be, st.integers(0, 1), st.integers(0, 9_999_999)),
    "BG": st.one_of(
        computed(_bg_company, st.integers(0, 99_999_999)),
        computed(_bg_person, _BIRTH_DATES, st.integers(0, 999)),
    ),
    "CH": computed(_ch, st.integers(0, 99_999_999), st.sampled_from(("MWST", "TVA", "IVA"))),
    "CY": computed(_cy, st.integers(0, 99_999_999)),
    "CZ": st.one_of(
        computed(_cz_company, st.integers(0, 8_999_999)),
        computed(
            _cz_person,
            st.dates(date(1954, 1, 1), date(2007, 12, 31)),
            st.booleans(),
            st.booleans(),
            st.integers(0, 999),
        ),
        computed(
            _cz_person,
            st.dates(date(1920, 1, 1), date(1953, 12, 31)),
            st.booleans(),
            st.just(False),
            st.integers(0, 999),
        ),
        computed(_cz_without_birth_number, st.integers(0, 9_999_999)),
    ),
    "DE": computed(_de, st.integers(10_000_000, 99_999_999)),
    "DK": computed(_dk, st.integers(1_000_000, 9_999_999)),
    "EE": computed(_ee, st.integers(0, 999_999)),
    "EL": computed(_el, st.integers(0, 99_999_999)),
    "ES": computed(_es, st.integers(0, 99_999_999)),
    "FI": computed(_fi, st.integers(0, 9_999_999)),
    "GB": computed(_gb("GB"), st.integers(1_000_000, 9_999_999)),
    "HR": computed(_hr, st.integers(0, 9_999_999_999)),
    "HU": computed(_hu, st.integers(1_000_000, 9_999_999)),
    "IE": st.one_of(
        computed(_ie, st.integers(0, 9_999_999), st.sampled_from(("", "H", "A", "W"))),
        computed(
            _ie_old,
            st.integers(0, 9),
            st.sampled_from(string.ascii_uppercase),
            st.integers(0, 99_999),
        ),
    ),
    "IT": computed(_it, st.integers(1, 9_999_999), _ITALIAN_PROVINCES),
    "LT": st.one_of(
        computed(_lt, st.integers(0, 9_999_999), st.just(7)),
        computed(_lt, st.integers(0, 9_999_999_999), st.just(10)),
    ),
    "LU": computed(_lu, st.integers(0, 999_999)),
    "LV": st.one_of(
        computed(_lv_company, st.integers(4_000_000_000, 9_999_999_999)),
        computed(_lv_person, _BIRTH_DATES, st.integers(0, 999)),
        computed(_lv_person_since_2017, st.integers(0, 99_999_999)),
    ),
    "MT": computed(_mt, st.integers(100_000, 999_999)),
    "NL": computed(_nl, st.integers(1, 99_999_999), st.integers(1, 99)),
    "NO": computed(_no, st.integers(80_000_000, 99_999_999)),
    "PL": computed(_pl, st.integers(0, 999_999_999)),
    "PT": computed(_pt, st.integers(10_000_000, 99_999_999)),
    "RO": computed(_ro, st.integers(1, 999_999_999)),
    "SE": computed(_se, st.integers(100_000_000, 999_999_999)),
    "SI": computed(_si, st.integers(1_000_000, 9_999_999)),
    "SK": computed(_sk, st.integers(10, 99), st.sampled_from("234789"), st.integers(0, 999_999)),
    "XI": computed(_gb("XI"), st.integers(1_000_000, 9_999_999)),
}
