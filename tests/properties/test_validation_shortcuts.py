"""The record rules' shortcuts never say more than the full checks they stand in front of.

Two rules decide the common case cheaply and leave the rest to the full check:

- a website of the plain shape (``www.boulangerie-martin.fr``, ``https://x.fr/contact``) is
  accepted without :func:`urllib.parse.urlsplit`: every such text must pass the full check;
- an address whose block surely fits NF Z10-011's limits is not built into lines: whenever
  the shortcut says it fits, the full line check must find nothing.
"""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from clientbook import Address
from clientbook._rules.postal import LA_POSTE_COUNTRIES, MAX_LINE_LENGTH, _address_block, _fits
from clientbook._rules.validation.fields import PLAIN_WEBSITE, url_ok

HOST_CHARS = string.ascii_letters + string.digits + "-"
labels = st.one_of(
    st.from_regex(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,10}[A-Za-z0-9])?", fullmatch=True),
    st.text(HOST_CHARS, min_size=0, max_size=8),
    st.integers(60, 66).map(lambda size: "w" * size),
    st.sampled_from(["xn--bcher-kva", "bücher", "www", "a_b", "1"]),
)
top_level_domains = st.one_of(
    st.text(string.ascii_letters, min_size=1, max_size=66),
    st.sampled_from(["fr", "FR", "com", "123", "f1", "xn--p1ai", "рф", ""]),
)
schemes = st.sampled_from(
    ["", "http://", "https://", "HTTPS://", "Http://", "ftp://", "//", "http:/"]
)
rests = st.one_of(
    st.just(""),
    st.sampled_from(["/redirect?u=https://y.fr", "#://", ":8080", ":x", "/a:b", "/ a", "@y.fr"]),
    st.text(string.printable, max_size=15),  # ports, "://", spaces, user names...
    st.builds(lambda a, b: a + b, st.sampled_from("/?#:@"), st.text(string.printable, max_size=10)),
)
websites = st.builds(
    lambda scheme, parts, top, rest: scheme + ".".join([*parts, top]) + rest,
    schemes,
    st.lists(labels, min_size=0, max_size=4),
    top_level_domains,
    rests,
)


@settings(max_examples=1000)
@given(websites | st.from_regex(PLAIN_WEBSITE, fullmatch=True))
def test_every_plain_website_passes_the_full_check(text: str) -> None:
    if PLAIN_WEBSITE.fullmatch(text):
        assert url_ok(text)


# Text near the limits: 38 characters, line breaks of every kind, characters that grow or
# vanish in postal capitals (ß, Æ, Œ, ½, ﬁ, combining accents), accented French letters.
GROWING = "ßÆæŒœ½ﬁ¨ŉİ\u0301"
BREAKS = "\n\r\x0b\x0c\x1c\x85\u2028\u2029"
parts = st.one_of(
    st.text(max_size=45),
    # many short lines: more lines than the block has room for
    st.lists(st.text(string.ascii_letters, min_size=1, max_size=4), min_size=2, max_size=7).flatmap(
        lambda words: st.sampled_from(BREAKS).map(lambda char: char.join(words))
    ),
    st.text(GROWING + "ĳŉƀ", min_size=10, max_size=37),  # capitals longer than the text
    st.text("ßÆæŒœĳŉ", min_size=15, max_size=37),  # Latin letters whose capitals are two
    st.text(string.ascii_letters + " -'" + "éèàçÉÈÀÇôû" + GROWING + BREAKS, max_size=45),
    st.integers(30, 45).map(lambda size: "x" * size),
)
addresses = st.builds(
    Address,
    line1=parts,
    line2=parts,
    postal_code=st.one_of(st.text(max_size=8), st.sampled_from(["69003", "97110", " 75 008 "])),
    city=parts,
    country=st.sampled_from(
        [
            *sorted(LA_POSTE_COUNTRIES),
            "BE",
            "DE",
            "GS",
            "ZZ",
            "",
            "Pas un pays, mais une phrase bien trop longue",
        ]
    ),
)


@settings(max_examples=1000)
@given(addresses, st.sampled_from(["fr", "en"]))
def test_an_address_said_to_fit_has_no_line_problem(address: Address, locale: str) -> None:
    country = address.country.strip().upper() or "FR"
    if _fits(address, country):
        block = _address_block(address, locale=locale)
        limit = 6 if country in LA_POSTE_COUNTRIES else 7  # lines, the recipient's included
        assert all(len(line) <= MAX_LINE_LENGTH for _part, line in block)
        assert len(block) + 1 <= limit
