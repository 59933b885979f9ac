"""Every public identifier function, given any text, returns a result or raises InvalidIdentifier.

Client files hold anything: spreadsheet junk, control characters, Arabic-Indic or full-width
digits, no-break spaces. A caller must be able to catch ``InvalidIdentifier`` and nothing else;
passing something that is not text at all is a programming error, reported by ``TypeError``.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from clientbook.identifiers import IdentifierModule, InvalidIdentifier, naf, siren, siret, vat
from clientbook.testing import strategies as cst

#: Every public function of the four modules, and the identifier its errors name.
FUNCTIONS: dict[str, tuple[Callable[[str], object], str]] = {
    "siren.compact": (siren.compact, "siren"),
    "siren.validate": (siren.validate, "siren"),
    "siren.is_valid": (siren.is_valid, "siren"),
    "siren.format": (siren.format, "siren"),
    "siret.compact": (siret.compact, "siret"),
    "siret.validate": (siret.validate, "siret"),
    "siret.is_valid": (siret.is_valid, "siret"),
    "siret.format": (siret.format, "siret"),
    "siret.siren": (siret.siren, "siret"),
    "siret.nic": (siret.nic, "siret"),
    "vat.compact": (vat.compact, "vat"),
    "vat.validate": (vat.validate, "vat"),
    "vat.is_valid": (vat.is_valid, "vat"),
    "vat.format": (vat.format, "vat"),
    "vat.from_siren": (vat.from_siren, "siren"),  # it validates its argument as a SIREN
    "vat.siren": (vat.siren, "vat"),
    "naf.compact": (naf.compact, "naf"),
    "naf.validate": (naf.validate, "naf"),
    "naf.is_valid": (naf.is_valid, "naf"),
    "naf.format": (naf.format, "naf"),
    "naf.nomenclature": (naf.nomenclature, "naf"),
    "naf.label": (naf.label, "naf"),
}

# Characters found around numbers in real files, and look-alikes of digits.
_TRICKY = (
    "0123456789 .-,/FRfrELGBXICHEMVAUNOZYz"
    "\u00a0\u202f\u2009\u2007\u3000\t\n\r\x00\x1f\x7f\u200b\ufeff"  # spaces, controls, BOM
    "٠١٢٣٤٥٦٧٨٩۰۱۲"  # Arabic-Indic and Persian digits
    "０１２３４５６７８９ＦＲ"  # full-width
    "·•‐–—−"  # middle dot, bullet, dashes
    "OolI"  # letters typed for digits
)

#: Any text: arbitrary Unicode (control characters included, surrogates excluded), text made of
#: digits, separators and look-alikes, valid numbers with a stray character, and long text.
TEXTS = st.one_of(
    st.text(),
    st.text(alphabet=_TRICKY, max_size=30),
    st.builds(
        lambda number, place, char: number[:place] + char + number[place:],
        st.one_of(cst.sirens(), cst.sirets(), cst.vat_numbers(), cst.naf_codes()),
        st.integers(0, 15),
        st.characters(),
    ),
    st.builds(lambda text, times: text * times, st.text(_TRICKY, min_size=1), st.integers(1, 5000)),
)

_HARD_CASES = [
    "",
    " ",
    "\x00",
    "٣٥٦٠٠٠٠٠٠",  # Arabic-Indic digits
    "١٢٣٤٥٦٧٨٢٠٠٠١٠",
    "１２３４５６７８２",  # full-width digits
    "ＦＲ８３４０４８３３０４８",
    "123\u00a0456\u00a0782",
    "123\u202f456\u202f782\u202f00010",
    "FR\u202f83\u202f404\u202f833\u202f048",
    "62.01Z",
    "GR 094 259 216",
    "EU372000041",
    "CHE-123.456.788 TVA",
    "FR",
    "FR83",
    "9" * 100_000,
    "FR" + "8" * 100_000,
]


def _with_hard_cases(test: Callable[..., None]) -> Callable[..., None]:
    for text in _HARD_CASES:
        test = example(text=text)(test)
    return test


@given(text=TEXTS)
@_with_hard_cases
def test_every_public_function_returns_a_result_or_raises_invalid_identifier_on_any_text(
    text: str,
) -> None:
    for name, (function, identifier) in FUNCTIONS.items():
        try:
            result = function(text)
        except InvalidIdentifier as error:
            result = error  # any other exception fails the test
        if isinstance(result, InvalidIdentifier):
            assert result.code.split(".")[0] == identifier, name
        else:
            assert result is None or isinstance(result, str | bool), name


@given(text=TEXTS)
@_with_hard_cases
def test_is_valid_never_raises_and_says_whether_validate_accepts_the_text(text: str) -> None:
    modules: tuple[IdentifierModule, ...] = (siren, siret, vat, naf)
    for module in modules:
        try:
            module.validate(text)
        except InvalidIdentifier:
            accepted = False
        else:
            accepted = True
        assert module.is_valid(text) is accepted, module


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
@pytest.mark.parametrize(
    "value",
    [12345678200010, 123456782, None, b"123456782", 123456782.0, bytearray(b"62.01Z")],
    ids=lambda value: type(value).__name__,
)
def test_a_value_that_is_not_text_raises_a_type_error_that_says_to_pass_text(
    name: str, value: object
) -> None:
    function, _ = FUNCTIONS[name]
    with pytest.raises(TypeError) as raised:
        function(value)  # type: ignore[arg-type]
    message = str(raised.value)
    assert "as text (str)" in message
    assert type(value).__name__ in message
    assert not isinstance(raised.value, InvalidIdentifier)
