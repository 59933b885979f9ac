"""Identifier errors: codes for programs, French or English words for people."""

from __future__ import annotations

import pickle

import pytest

from clientbook import ClientbookError
from clientbook.identifiers import InvalidChecksum, InvalidIdentifier, siret, vat


def test_an_identifier_error_is_a_clientbook_error_and_a_value_error() -> None:
    with pytest.raises(InvalidChecksum) as raised:
        siret.validate("12345678200011")
    assert isinstance(raised.value, ClientbookError)
    assert isinstance(raised.value, ValueError)
    assert isinstance(raised.value, InvalidIdentifier)


def test_the_message_is_french_by_default_and_english_on_request() -> None:
    with pytest.raises(InvalidChecksum) as raised:
        siret.validate("12345678200011")
    error = raised.value
    assert str(error) == error.message("fr") == error.message()
    assert error.message("fr").startswith("Les chiffres de contrôle ne correspondent pas")
    assert error.message("en").startswith("The check digits do not match")


@pytest.mark.parametrize("locale", ["fr_FR", "fr-FR", "FR", "en_GB", "en-US"])
def test_a_regional_locale_name_speaks_its_language(locale: str) -> None:
    error = InvalidChecksum("siret")
    assert error.message(locale) == error.message(locale[:2].lower())


def test_a_locale_without_messages_is_refused_clearly() -> None:
    with pytest.raises(ValueError, match="choose one of: fr, en"):
        InvalidChecksum("siret").message("de")


def test_message_parameters_are_filled_in_both_languages() -> None:
    with pytest.raises(InvalidIdentifier) as raised:
        vat.validate("US123456789")
    assert "US" in raised.value.message("fr")
    assert "US" in raised.value.message("en")


def test_an_identifier_error_survives_pickling_with_its_code_and_message() -> None:
    with pytest.raises(InvalidIdentifier) as raised:
        vat.validate("US123456789")
    copy = pickle.loads(pickle.dumps(raised.value))
    assert type(copy) is type(raised.value)
    assert copy.code == "vat.component"
    assert copy.message("en") == raised.value.message("en")
