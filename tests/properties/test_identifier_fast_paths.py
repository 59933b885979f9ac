"""compact() of every identifier: text of letters and digits only is returned at once.

The identifier modules skip removing separators and spaces from a text of letters and digits
only, the usual case (a number stored compact). The result must be what removing them gives.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from clientbook.identifiers import naf, siren, siret, vat
from clientbook.identifiers._text import SPACES, delete_chars, text_of

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
