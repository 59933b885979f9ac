"""clientbook reads E.164 numbers of the French plan itself: phonenumbers.parse must agree.

:mod:`clientbook._rules.phones` builds the ``PhoneNumber`` of a number typed in E.164 with a country
code of the French plan (``+33478123456``, the form :func:`~clientbook.normalize_client`
stores) without calling ``phonenumbers.parse``; phonenumbers still decides whether it is
valid. These tests are the licence for that shortcut: on every text the shortcut reads, in any
region, ``parse`` gives an equal ``PhoneNumber`` (country code, national number, leading
zeros, extension, country code source: every field ``PhoneNumber.__eq__`` compares). The texts
are generated at and around the shape (surrounding spaces of every kind, up to ``parse``'s
250-character limit, eight to ten digits, a leading ``0``, other country codes, separators,
extensions), and every country code of the plan with every first three digits is tried.
"""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from clientbook._rules.phones import _FRENCH_PLAN, _PLAIN_E164, _plain_e164, _reading

PLAN_CODES = ("33", "590", "594", "596", "262")
REGIONS = st.sampled_from([*_FRENCH_PLAN, "PM", "MC", "BE", "NC", "ZZ", ""])
SPACES = " \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u2003\u202f\u2028\u3000"
padding = st.one_of(
    st.text(SPACES, max_size=3),
    st.integers(230, 260).map(lambda size: " " * size),  # around parse's 250-character limit
)
near_e164 = st.builds(
    lambda plus, code, sep, rest, tail: plus + code + sep + rest + tail,
    st.sampled_from(["+", "+", "00", "", "++", "+ "]),
    st.sampled_from([*PLAN_CODES, "1", "32", "508", "269", "687", "3", "59"]),
    st.sampled_from(["", "", " ", "0", " (0)", "-"]),
    st.text("0123456789", min_size=7, max_size=11),
    st.sampled_from(["", "", " x12", " ext. 3", "a", ";ext=4"]),
)
texts = st.builds(
    lambda before, number, after: before + number + after,
    padding,
    st.from_regex(_PLAIN_E164, fullmatch=True) | near_e164,
    padding,
)


@settings(max_examples=3000)
@given(texts, REGIONS)
def test_every_plain_e164_number_is_what_phonenumbers_parses(text: str, region: str) -> None:
    plain = _plain_e164(text)
    event("read by clientbook" if plain is not None else "left to parse")
    if plain is not None:
        assert phonenumbers.parse(text, region) == plain
        assert _reading(text, region) == plain


@pytest.mark.parametrize("code", PLAN_CODES)
def test_every_first_three_digits_read_as_phonenumbers_parses_them(code: str) -> None:
    for start in range(100, 1000):  # every start of the 9 significant digits (not 0)
        for text in (f"+{code}{start}123456", f" +{code}{start}987654 "):
            plain = _plain_e164(text)
            assert plain is not None
            for region in ("FR", "GP", "ZZ"):
                assert phonenumbers.parse(text, region) == plain


@pytest.mark.parametrize(
    "text",
    [
        "+33 6 12 34 56 78",  # spaced: parse reads it, clientbook leaves it
        "+330612345678",  # a national prefix after the code: parse strips it
        "+33 (0)6 12 34 56 78",
        "0033612345678",
        "+3361234567",  # eight digits, ten digits
        "+33612345678 9",
        "+336123456789",
        "+33612345678 x12",  # an extension
        "+508412345678",  # codes outside the 10-digit plan
        "+269612345678",
        "+32612345678",
        "+33612345678" + " " * 240,  # longer than parse accepts
    ],
)
def test_other_forms_are_left_to_phonenumbers(text: str) -> None:
    assert _plain_e164(text) is None
