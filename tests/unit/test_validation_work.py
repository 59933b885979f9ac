"""validate_client does each piece of work once a record: the rules share what they compute.

These tests count calls, so that the speed of ``docs/performance.md`` does not quietly come
undone: an identifier validated by three rules, a number parsed again to learn its type, a
default policy built on every call.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import attrs
import phonenumbers
import pytest
from tests.factories import LYON, complete_company

from clientbook import Contact, normalize_client
from clientbook._rules.phones import forget_verdicts
from clientbook._rules.policy import Policy
from clientbook._rules.validation import client as validation
from clientbook._rules.validation import fields, validate_client
from clientbook.identifiers import naf, siren, siret, vat

Calls = Counter[str]


def spy(monkeypatch: pytest.MonkeyPatch, calls: Calls, owner: object, name: str) -> None:
    """Count the calls of ``owner.name`` (by *name*), which still does its work."""
    real: Callable[..., Any] = getattr(owner, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls[f"{getattr(owner, '__name__', owner)}.{name}"] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)


@pytest.fixture
def calls() -> Calls:
    forget_verdicts()  # phonenumbers' remembered verdicts: each test counts from none
    return Counter()


def test_each_identifier_of_a_valid_company_is_validated_once(
    monkeypatch: pytest.MonkeyPatch, calls: Calls
) -> None:
    client = complete_company()
    for module in (siren, siret, vat, naf):
        for name in ("validate", "is_valid", "format"):
            spy(monkeypatch, calls, module, name)
    assert validate_client(client) == []
    assert calls == {
        "clientbook.identifiers.siren.validate": 1,
        "clientbook.identifiers.siret.validate": 1,
        "clientbook.identifiers.vat.validate": 1,
        "clientbook.identifiers.naf.validate": 1,
    }


@pytest.mark.parametrize(
    ("fields", "validated"),
    [
        # Monaco: excused from having a SIREN, without validating its VAT number again
        ({"siren": "", "siret": "", "vat_number": "FR34000123456"}, {"vat": 1}),
        # another company's VAT number: the message formats both SIRENs
        ({"siren": "", "vat_number": "FR83404833048"}, {"siret": 1, "vat": 1, "siren": 2}),
        # a SIREN that is not valid: compared with nothing
        ({"siren": "123456789"}, {"siren": 1, "siret": 1, "vat": 1}),
    ],
)
def test_the_sirens_of_a_company_are_read_from_its_identifiers_validated_once(
    monkeypatch: pytest.MonkeyPatch, calls: Calls, fields: dict[str, str], validated: dict[str, int]
) -> None:
    client = complete_company(**fields)
    for module in (siren, siret, vat):
        for name in ("validate", "is_valid"):
            spy(monkeypatch, calls, module, name)
    validate_client(client)
    assert calls == {f"clientbook.identifiers.{name}.validate": n for name, n in validated.items()}


def test_a_plain_national_number_is_not_parsed_and_its_type_read_once(
    monkeypatch: pytest.MonkeyPatch, calls: Calls
) -> None:
    for name in ("parse", "is_valid_number", "number_type", "format_number"):
        spy(monkeypatch, calls, phonenumbers, name)
    assert validate_client(complete_company()) == []
    assert calls == {
        "phonenumbers.is_valid_number": 2,
        "phonenumbers.number_type": 1,  # the mobile field's number: is it a mobile?
    }


def test_a_number_of_another_form_is_parsed_once(
    monkeypatch: pytest.MonkeyPatch, calls: Calls
) -> None:
    client = complete_company(
        contacts=(
            Contact(
                first_name="Claire",
                last_name="Dubois",
                email="claire.dubois@boulangerie-martin.fr",
                direct_phone="+33 4 78 12 34 56",
                mobile_phone="0033 6 12 34 56 78",
            ),
        ),
    )
    for name in ("parse", "is_valid_number", "number_type"):
        spy(monkeypatch, calls, phonenumbers, name)
    assert validate_client(client) == []
    assert calls == {
        "phonenumbers.parse": 2,
        "phonenumbers.is_valid_number": 2,
        "phonenumbers.number_type": 1,
    }


def test_a_mainland_mobile_of_a_guadeloupe_company_is_tried_in_both_territories(
    monkeypatch: pytest.MonkeyPatch, calls: Calls
) -> None:
    client = complete_company(
        address=attrs.evolve(LYON, postal_code="97110", city="Pointe-à-Pitre"),
        contacts=(
            Contact(
                first_name="Claire",
                last_name="Dubois",
                email="claire.dubois@boulangerie-martin.fr",
                direct_phone="0590 27 12 34",
                mobile_phone="06 12 34 56 78",
            ),
        ),
    )
    for name in ("parse", "is_valid_number"):
        spy(monkeypatch, calls, phonenumbers, name)
    assert validate_client(client) == []
    # 0590 valid in GP; 06 not valid in GP, then valid in FR
    assert calls == {"phonenumbers.is_valid_number": 3}


def test_no_policy_is_the_default_policy_built_once() -> None:
    assert Policy() == validation.DEFAULT_POLICY
    client = complete_company(contacts=())
    assert validate_client(client) == validate_client(client, policy=Policy())


def test_a_plain_website_is_not_split_as_a_url(
    monkeypatch: pytest.MonkeyPatch, calls: Calls
) -> None:
    spy(monkeypatch, calls, fields, "urlsplit")
    assert (
        validate_client(complete_company(website="https://www.boulangerie-martin.fr/contact")) == []
    )
    assert calls == {}
    assert validate_client(complete_company(website="www.boulangerie-martin.fr:8080")) == []
    assert calls == {"clientbook._rules.validation.fields.urlsplit": 1}


def test_a_normalised_record_is_checked_without_parsing_its_e164_numbers(
    monkeypatch: pytest.MonkeyPatch, calls: Calls
) -> None:
    client = normalize_client(complete_company())
    assert client.contacts[0].direct_phone == "+33478123456"
    spy(monkeypatch, calls, phonenumbers, "parse")
    assert validate_client(client) == []
    assert calls == {}


def test_normalising_then_validating_asks_phonenumbers_once_a_number(
    monkeypatch: pytest.MonkeyPatch, calls: Calls
) -> None:
    for name in ("parse", "is_valid_number", "number_type"):
        spy(monkeypatch, calls, phonenumbers, name)
    assert validate_client(normalize_client(complete_company())) == []
    assert calls == {"phonenumbers.is_valid_number": 2, "phonenumbers.number_type": 1}
