"""clientbook decides plain e-mail addresses itself: email-validator must agree on every one.

:mod:`clientbook._rules.email` accepts addresses of a plain shape without calling email-validator.
The property below is the licence for that shortcut: on every address the shortcut accepts,
email-validator accepts too and gives the same normalised form. The addresses are generated at
and around the plain shape (dots in every place, hyphens, digits, capitals, labels and local
parts around their length limits, whole addresses around 254 characters, the special-use and
numeric top-level domains email-validator refuses, Punycode, the RFC 2142 mailbox names it
writes in lower case, characters just outside the shape), so that the shortcut is tried on
its edges and not only on easy cases.
"""

from __future__ import annotations

import string

from email_validator import EmailNotValidError, validate_email
from hypothesis import event, given, settings
from hypothesis import strategies as st

from clientbook._rules.email import _plain_address, normalize_email

LETTERS = string.ascii_letters
LOCAL_CHARS = LETTERS + string.digits + "_%+-"
HOST_CHARS = LETTERS + string.digits + "-"
# Characters email-validator accepts or refuses that the plain shape leaves out.
NEAR_CHARS = "!#$&'*/=?^`{|}~\"(),:;<>[]\\ é.@\t"

atoms = st.text(LOCAL_CHARS, min_size=1, max_size=12)
local_parts = st.one_of(
    st.lists(atoms, min_size=1, max_size=4).map(".".join),
    st.text(LOCAL_CHARS + ".", min_size=0, max_size=20),  # leading, trailing, double dots
    st.sampled_from(["postmaster", "Info", "SALES", "abuse", "www", "news", "noc", "ftp"]),
    st.integers(60, 70).map(lambda size: "a" * size),  # around the 64-character limit
    st.builds(lambda a, b, c: a + b + c, atoms, st.text(NEAR_CHARS, max_size=2), atoms),
)
labels = st.one_of(
    st.from_regex(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,8}[A-Za-z0-9])?", fullmatch=True),
    st.text(HOST_CHARS, min_size=0, max_size=12),  # empty labels, hyphens at the edges
    st.integers(60, 66).map(lambda size: "b" * size),  # around the 63-character limit
    st.sampled_from(["xn--bcher-kva", "ab--cd", "a--b", "XN--P1AI", "client-12", "1"]),
    st.builds(lambda a, b: a + b, atoms, st.text(NEAR_CHARS, max_size=1)),
)
top_level_domains = st.one_of(
    st.sampled_from(
        [
            "fr",
            "com",
            "c",
            "FR",
            "museum",
            "local",
            "test",
            "invalid",
            "onion",
            "localhost",
            "arpa",
            "LOCAL",
            "Test",
            "Onion",
            "ARPA",
            "123",
            "f1",
            "1fr",
            "xn--p1ai",
            "",
        ]
    ),
    st.text(LETTERS, min_size=1, max_size=66),
    st.text(HOST_CHARS, min_size=1, max_size=6),
)
domains = st.builds(
    lambda parts, top: ".".join([*parts, top]),
    st.lists(labels, min_size=0, max_size=5),
    top_level_domains,
) | st.sampled_from(["home.arpa", "x.local.", "localhost", "example.com", "mail.example"])
addresses = st.builds(lambda local, domain: f"{local}@{domain}", local_parts, domains)
# Whole addresses around email-validator's 254-character limit.
long_addresses = st.builds(
    lambda local, size, top: f"{local}@{'.'.join(['c' * 60] * size)}.{top}",
    st.text(LOCAL_CHARS, min_size=1, max_size=20),
    st.integers(2, 4),
    st.sampled_from(["fr", "com", "museum"]),
)


@settings(max_examples=2000)
@given(addresses | long_addresses)
def test_every_plain_address_is_accepted_by_email_validator_in_the_same_form(text: str) -> None:
    plain = _plain_address(text)
    event("plain" if plain is not None else "left to email-validator")
    if plain is not None:
        assert validate_email(text, check_deliverability=False).normalized == plain


@given(addresses | long_addresses)
def test_normalising_gives_what_email_validator_gives(text: str) -> None:
    try:
        expected: str | None = validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError:
        expected = None
    assert normalize_email(text) == expected
