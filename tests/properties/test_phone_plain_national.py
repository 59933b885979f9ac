"""clientbook reads plain national numbers itself: phonenumbers.parse must read them the same.

:mod:`clientbook._rules.phones` builds the ``PhoneNumber`` of a number typed in the plain national
form of the French plan (``06 12 34 56 78``) without calling ``phonenumbers.parse``;
phonenumbers still decides whether it is valid. These tests are the licence for that shortcut:
on every text the shortcut reads, in every territory of the plan, ``parse`` gives an equal
``PhoneNumber`` (country code, national number, leading zeros, extension: every field). The
texts are generated at and around the plain form (separators, surrounding spaces of every
kind, up to ``parse``'s 250-character limit, nine or eleven digits, ``00``, ``+33``, letters),
and every first four digits of the plan's numbers are tried in every territory.
"""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from clientbook._rules.phones import _FRENCH_PLAN, _PLAIN_NATIONAL, _plain_national

REGIONS = st.sampled_from([*_FRENCH_PLAN, "PM", "MC", "BE", "NC"])
SPACES = " \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u2003\u202f\u2028\u3000"
padding = st.one_of(
    st.text(SPACES, max_size=3),
    st.integers(230, 260).map(lambda size: " " * size),  # around parse's 250-character limit
)
digits = st.text("0123456789", min_size=8, max_size=11)
near_plain = st.one_of(
    st.builds(lambda first, rest: f"0{first}{rest}", st.sampled_from("0123456789"), digits),
    st.builds(
        lambda first, rest, sep: "0" + first + sep.join(rest),
        st.sampled_from("0123456789"),
        st.lists(st.text("0123456789", min_size=1, max_size=3), min_size=3, max_size=6),
        st.sampled_from([" ", ".", "-", "  ", "/", "", " - ", "\u00a0"]),
    ),
    st.sampled_from(["+33 6 12 34 56 78", "0033612345678", "(0)6 12 34 56 78", "06 12 34 56 7a"]),
)
texts = st.builds(
    lambda before, number, after: before + number + after,
    padding,
    st.from_regex(_PLAIN_NATIONAL, fullmatch=True) | near_plain,
    padding,
)


@settings(max_examples=3000)
@given(texts, REGIONS)
def test_every_plain_national_number_is_what_phonenumbers_parses(text: str, region: str) -> None:
    plain = _plain_national(text, region)
    event("read by clientbook" if plain is not None else "left to parse")
    if plain is not None:
        assert phonenumbers.parse(text, region) == plain


@pytest.mark.parametrize("region", _FRENCH_PLAN)
def test_every_first_four_digits_read_as_phonenumbers_parses_them(region: str) -> None:
    for start in range(100, 1000):  # 0 then 100 to 999: every start of a plain national number
        for text in (f"0{start}123456", f"0{start // 100} {start % 100:02d} 98 76 54"):
            plain = _plain_national(text, region)
            assert plain is not None
            assert phonenumbers.parse(text, region) == plain


@pytest.mark.parametrize(
    "text",
    [
        "+33 6 12 34 56 78",  # international forms: parse reads their country code
        "0033 6 12 34 56 78",
        "00 6 12 34 56 78",
        "6 12 34 56 78",  # no national prefix
        "06 12 34 56 7",  # nine digits, eleven digits
        "06 12 34 56 789",
        "06 12 34 56 78 x12",  # an extension
        "06  12 34 56 78",  # two separators in a row
        "06/12/34/56/78",
        "06 12 34 56 78" + " " * 240,  # longer than parse accepts
    ],
)
def test_other_forms_are_left_to_phonenumbers(text: str) -> None:
    assert _plain_national(text, "FR") is None


@pytest.mark.parametrize("region", ["PM", "MC", "BE", "NC", "", "ZZ"])
def test_territories_outside_the_plan_are_left_to_phonenumbers(region: str) -> None:
    assert _plain_national("06 12 34 56 78", region) is None
