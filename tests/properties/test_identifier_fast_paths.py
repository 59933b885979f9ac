"""The identifiers' fast paths give what the full path gives.

``compact()`` returns a text of letters and digits only at once, without removing separators
and spaces: the result must be what removing them gives. ``validate()`` returns a compact valid
SIREN, SIRET or French VAT number at once: the result must be what the full path gives (the
same number), and a compact invalid one must meet the same error.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from clientbook.identifiers import IdentifierModule, InvalidIdentifier, naf, siren, siret, vat
from clientbook.identifiers._text import SPACES, delete_chars, text_of
from clientbook.testing.strategies import sirens, sirets, vat_numbers

texts = st.one_of(
    st.text(),
    st.text("0123456789 .-frFRgrGR\u00a0\u202f\uff10\uff11\U0001d7ce\u0663\t\n"),
    st.from_regex(r"[0-9A-Za-z]{0,16}", fullmatch=True),
)


def removed(text: str, chars: str) -> str:
    return text_of(text, "number").translate(delete_chars(chars)).strip()


@given(texts)
def test_compact_removes_what_separators_and_spaces_there_are(text: str) -> None:
    assert siren.compact(text) == removed(text, SPACES + ".")
    assert siret.compact(text) == removed(text, SPACES + ".")
    assert naf.compact(text) == removed(text, SPACES + ".").upper()
    expected = removed(text, SPACES + ".-\u2010\u2011\u2012\u2013\u2014\u2015\u2212").upper()
    assert vat.compact(text) == ("EL" + expected[2:] if expected.startswith("GR") else expected)


def outcome(module: IdentifierModule, text: str) -> str:
    """What ``validate`` says of *text*: the compact number, or the code of its error."""
    try:
        return module.validate(text)
    except InvalidIdentifier as error:
        return error.code


def mistyped(numbers: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Valid numbers, and the same with one character changed."""
    return numbers | st.builds(
        lambda number, index, char: (
            number[: index % len(number)] + char + number[index % len(number) + 1 :]
        ),
        numbers,
        st.integers(0, 20),
        st.sampled_from("0123456789AZfr "),
    )


@given(mistyped(sirens()) | st.just("000000000"))
def test_a_compact_siren_is_validated_as_the_full_path_validates_it(text: str) -> None:
    assert outcome(siren, text) == outcome(siren, f" {text}")  # the space forces the full path


@given(mistyped(sirets()) | st.just("00000000000000"))
def test_a_compact_siret_is_validated_as_the_full_path_validates_it(text: str) -> None:
    assert outcome(siret, text) == outcome(siret, f" {text}")


@given(mistyped(vat_numbers(countries=["FR"])))
def test_a_compact_french_vat_number_is_validated_as_the_full_path_validates_it(
    text: str,
) -> None:
    assert outcome(vat, text) == outcome(vat, f" {text}")
