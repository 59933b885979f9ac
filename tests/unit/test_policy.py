"""The policy: what a host requires of a client record, and its configured lists."""

from __future__ import annotations

import attrs
import pytest
from tests.factories import complete_company

from clientbook import Address, Client
from clientbook._rules.policy import CLIENT_REQUIRABLE_FIELDS, CONTACT_REQUIRABLE_FIELDS, Policy
from clientbook._rules.validation import validate_client


def codes(client: Client, policy: Policy | None = None) -> list[str]:
    return [problem.code for problem in validate_client(client, policy=policy)]


def test_the_default_policy_is_the_client_page_of_the_source_documents() -> None:
    policy = Policy()
    assert policy.required_company_fields == {"name"}
    assert policy.required_individual_fields == {"last_name"}
    assert policy.required_contact_fields == {"first_name", "last_name", "email", "direct_phone"}
    assert policy.require_siren_in_france is True
    assert policy.company_types is None
    assert policy.languages is None
    assert policy.sources is None


def test_field_names_given_as_a_list_are_kept_as_a_frozenset() -> None:
    policy = Policy(required_contact_fields=["email", "mobile_phone"], sources=["Salon", "Site"])
    assert policy.required_contact_fields == frozenset({"email", "mobile_phone"})
    assert policy.sources == frozenset({"Salon", "Site"})


def test_a_misspelt_required_field_is_refused_at_construction() -> None:
    with pytest.raises(ValueError, match="unknown field") as raised:
        Policy(required_company_fields={"name", "raison_sociale"})
    message = str(raised.value)
    assert "'raison_sociale'" in message
    assert "required_company_fields" in message
    assert ", ".join(CLIENT_REQUIRABLE_FIELDS) in message


def test_a_company_field_is_not_a_contact_field() -> None:
    with pytest.raises(ValueError, match="required_contact_fields") as raised:
        Policy(required_contact_fields={"siret"})
    assert ", ".join(CONTACT_REQUIRABLE_FIELDS) in str(raised.value)


def test_a_single_name_instead_of_a_set_is_refused_rather_than_read_letter_by_letter() -> None:
    with pytest.raises(TypeError, match="not a single str") as raised:
        Policy(required_company_fields="name")
    assert "{'name'}" in str(raised.value)


def test_a_single_value_instead_of_a_list_is_refused() -> None:
    with pytest.raises(TypeError, match="not a single str") as raised:
        Policy(company_types="SARL")
    assert "{'SARL'}" in str(raised.value)


def test_field_names_that_are_not_text_are_refused() -> None:
    with pytest.raises(TypeError, match="field names are str, not int") as raised:
        Policy(required_contact_fields=[3])  # type: ignore[list-item]
    assert ": 3" in str(raised.value)


def test_a_value_list_of_other_things_than_text_is_refused() -> None:
    with pytest.raises(TypeError, match="are str, not int"):
        Policy(languages=[1, 2])  # type: ignore[list-item]


def test_the_siren_flag_is_true_or_false() -> None:
    with pytest.raises(TypeError, match="require_siren_in_france"):
        Policy(require_siren_in_france="non")  # type: ignore[arg-type]


def test_a_policy_cannot_be_changed_once_made() -> None:
    policy = Policy()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        policy.require_siren_in_france = False  # type: ignore[misc]
    assert policy.require_siren_in_france is True


def test_a_host_may_require_more_of_a_company() -> None:
    policy = Policy(required_company_fields={"name", "website", "address"})
    problems = validate_client(complete_company(address=None, website=""), policy=policy)
    assert [(p.code, p.field) for p in problems if p.code.endswith(".required")] == [
        ("client.website.required", "website"),
        ("client.address.required", "address"),
    ]


def test_an_address_with_only_a_country_counts_as_missing() -> None:
    policy = Policy(required_company_fields={"address"})
    assert "client.address.required" in codes(
        complete_company(address=Address(country="FR")), policy
    )


def test_a_host_may_drop_the_primary_contact_requirements() -> None:
    policy = Policy(required_contact_fields=())
    assert codes(complete_company(contacts=()), policy) == []
    assert codes(complete_company(contacts=()), Policy()) == ["contact.primary.required"]


def test_a_host_may_switch_off_the_siren_of_companies_in_france() -> None:
    client = complete_company(siret="", siren="")
    assert codes(client) == ["siren.required"]
    assert codes(client, Policy(require_siren_in_france=False)) == []


def test_any_company_type_is_accepted_when_the_host_has_no_list() -> None:
    assert codes(complete_company(company_type="Association loi 1901")) == []


def test_a_company_type_outside_the_hosts_list_is_an_error_naming_the_choices() -> None:
    policy = Policy(company_types={"SARL", "SAS", "EURL"})
    problems = validate_client(complete_company(company_type="SCOP"), policy=policy, locale="en")
    assert [(p.code, p.field, p.severity) for p in problems] == [
        ("client.company_type.unknown", "company_type", "error")
    ]
    assert "SCOP" in problems[0].message
    assert "EURL, SARL, SAS" in problems[0].message


def test_list_values_are_compared_without_regard_to_case_or_spaces() -> None:
    policy = Policy(company_types={"SARL"}, languages={"Français"}, sources={"Salon"})
    client = complete_company(company_type=" sarl", language="FRANÇAIS ", source="salon")
    assert codes(client, policy) == []


def test_a_language_and_sources_outside_the_lists_are_errors() -> None:
    policy = Policy(languages={"Français", "Anglais"}, sources={"Salon", "Bouche-à-oreille"})
    client = complete_company(
        language="Klingon",
        source="Publicité",
        contacts=(attrs.evolve(complete_company().contacts[0], source="Radio"),),
    )
    assert [(p.code, p.field) for p in validate_client(client, policy=policy)] == [
        ("client.language.unknown", "language"),
        ("client.source.unknown", "source"),
        ("contact.source.unknown", "contacts[0].source"),
    ]


def test_a_blank_value_is_not_checked_against_a_list() -> None:
    assert codes(complete_company(language="  "), Policy(languages={"Français"})) == []
