"""phonenumbers' verdicts that clientbook remembers are phonenumbers' verdicts.

:mod:`clientbook._rules.phones` remembers ``is_valid_number`` and ``number_type`` by the fields they
read (country code, national number, Italian leading zero, number of leading zeros). These
tests read numbers from every kind of text, in every territory of the French plan and a few
others, and check that the remembered answer, asked first, again, and after a number that
differs only in fields the checks do not read (extension, raw input, country code source), is
the answer phonenumbers gives.
"""

from __future__ import annotations

import copy

import phonenumbers
import pytest
from hypothesis import given
from hypothesis import strategies as st

from clientbook._rules import phones as _phones
from clientbook._rules.phones import _is_valid, _type_of, forget_verdicts

REGIONS = st.sampled_from([*_phones._FRENCH_PLAN, "PM", "IT", "BE", "NC", "US"])
texts = st.one_of(
    st.from_regex(r"\+?(0{0,2}[1-9]{1,3})?[ .]?0?[0-9]{6,11}", fullmatch=True),
    st.builds(
        lambda code, digits: f"+{code}{digits}",
        st.sampled_from(["33", "590", "594", "596", "262", "39", "1", "508", "687"]),
        st.text("0123456789", min_size=6, max_size=11),
    ),
)


def _parsed(text: str, region: str) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(text, region, keep_raw_input=True)
    except phonenumbers.NumberParseException:
        return None


@given(st.lists(st.tuples(texts, REGIONS), min_size=1, max_size=20), st.booleans())
def test_remembered_verdicts_are_phonenumbers_verdicts(
    readings: list[tuple[str, str]], forget: bool
) -> None:
    if forget:
        forget_verdicts()
    for text, region in readings:
        number = _parsed(text, region)
        if number is None:
            continue
        valid, kind = phonenumbers.is_valid_number(number), phonenumbers.number_type(number)
        for _ in range(2):
            assert _is_valid(number) is valid
            assert _type_of(number) == kind
        other = copy.copy(number)
        other.extension, other.raw_input, other.country_code_source = "12", None, 0
        assert _is_valid(other) is valid
        assert _type_of(other) == kind


def test_an_italian_leading_zero_is_part_of_what_is_remembered() -> None:
    forget_verdicts()
    with_zero = phonenumbers.parse("+39 02 1234 5678", "IT")
    without = phonenumbers.PhoneNumber(country_code=39, national_number=212345678)
    assert with_zero.national_number == without.national_number
    for number in (with_zero, without, with_zero):
        assert _is_valid(number) is phonenumbers.is_valid_number(number)
        assert _type_of(number) == phonenumbers.number_type(number)


def test_the_memory_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    forget_verdicts()
    monkeypatch.setattr(_phones, "_REMEMBERED", 3)
    for last in range(10):
        number = phonenumbers.PhoneNumber(country_code=33, national_number=612345670 + last)
        assert _is_valid(number)
        assert _type_of(number) == phonenumbers.PhoneNumberType.MOBILE
        assert len(_phones._validity) <= 3
        assert len(_phones._types) <= 3


def test_phonenumbers_keeps_its_patterns_compiled_once_a_number_is_checked() -> None:
    forget_verdicts()
    number = phonenumbers.PhoneNumber(country_code=33, national_number=478123456)
    assert _is_valid(number)
    assert vars(phonenumbers.re_util)["_COMPILED_PATTERNS"]  # enable_pattern_cache() was called
    assert _is_valid(number) is phonenumbers.is_valid_number(number)
