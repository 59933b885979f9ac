"""E-mail addresses: plain ones decided by clientbook, every other one by email-validator."""

from __future__ import annotations

import email_validator
import pytest

from clientbook._rules.email import _plain_address, email_problems, normalize_email


@pytest.fixture
def email_validator_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the addresses given to email-validator, which still does its work."""
    calls: list[str] = []
    real = email_validator.validate_email

    def spy(text: str, /, **options: object) -> email_validator.ValidatedEmail:
        calls.append(text)
        return real(text, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(email_validator, "validate_email", spy)
    return calls


def test_a_plain_address_is_decided_without_email_validator(
    email_validator_calls: list[str],
) -> None:
    assert normalize_email(" Claire.Dubois@Boulangerie-Martin.FR ") == (
        "Claire.Dubois@boulangerie-martin.fr"
    )
    assert email_problems("jerome.petit+devis@garage-petit.fr", field="e", locale="en") == []
    assert email_validator_calls == []


@pytest.mark.parametrize(
    "text",
    [
        "claire@boulangerie.local",  # special-use domains: email-validator refuses them
        "claire@boulangerie.test",
        "claire@exemple.onion",
        "Postmaster@boulangerie-martin.fr",  # email-validator writes it in lower case
        "claire@xn--boulangerie-prs.fr",  # Punycode: email-validator decodes it
        "claire.dubois@boulangerie-martin.123",  # a numeric top-level domain
        "élodie@boulangerie-martin.fr",  # not ASCII
        "claire..dubois@boulangerie-martin.fr",
        "claire@boulangerie",
    ],
)
def test_an_address_of_another_shape_goes_to_email_validator(
    text: str, email_validator_calls: list[str]
) -> None:
    assert _plain_address(text) is None
    normalize_email(text)
    assert email_validator_calls == [text]


def test_the_mailbox_names_email_validator_lowers_are_lowered() -> None:
    assert normalize_email("Postmaster@Boulangerie-Martin.fr") == "postmaster@boulangerie-martin.fr"


def test_a_special_use_name_added_by_the_host_is_honoured(monkeypatch: pytest.MonkeyPatch) -> None:
    assert normalize_email("claire@boulangerie.example") == "claire@boulangerie.example"
    monkeypatch.setattr(
        email_validator,
        "SPECIAL_USE_DOMAIN_NAMES",
        [*email_validator.SPECIAL_USE_DOMAIN_NAMES, "example"],
    )
    assert normalize_email("claire@boulangerie.example") is None
