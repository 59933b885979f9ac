"""The client's accounting account (« compte comptable »): 411 and the name, 17 characters."""

from __future__ import annotations

import pytest
from tests.factories import company, individual

from clientbook import Client, ClientKind
from clientbook._rules.accounting import suggest_accounting_account


def test_the_account_is_411_and_the_company_name() -> None:
    assert suggest_accounting_account(company("c", "Durand"), existing=[]) == "411DURAND"


def test_the_account_has_no_accents_spaces_or_punctuation() -> None:
    account = suggest_accounting_account(company("c", "Bœuf & Frères, S.A."), existing=[])
    assert account == "411BOEUFFRERESSA"


def test_the_account_is_cut_to_17_characters() -> None:
    assert suggest_accounting_account(company("c", "Boulangerie Martin"), existing=[]) == (
        "411BOULANGERIEMAR"
    )


def test_an_individuals_account_is_the_last_name_then_the_first_name() -> None:
    assert suggest_accounting_account(
        individual(first_name="Hélène", last_name="Lefèvre"), existing=[]
    ) == ("411LEFEVREHELENE")


def test_a_taken_account_gets_a_number() -> None:
    assert (
        suggest_accounting_account(company("c", "Durand"), existing=["411DURAND"]) == "411DURAND1"
    )


def test_accounts_are_compared_without_case_or_surrounding_spaces() -> None:
    taken = [" 411durand ", "411Durand1"]
    assert suggest_accounting_account(company("c", "Durand"), existing=taken) == "411DURAND2"


def test_the_name_is_shortened_to_make_room_for_the_number() -> None:
    taken = {"411BOULANGERIEMAR"} | {f"411BOULANGERIEMA{n}" for n in range(1, 10)}
    account = suggest_accounting_account(company("c", "Boulangerie Martin"), existing=taken)
    assert account == "411BOULANGERIEM10"


def test_a_client_without_usable_name_gets_a_number() -> None:
    assert suggest_accounting_account(company("c", "«  »"), existing=[]) == "411000001"
    assert suggest_accounting_account(company("c", ""), existing=["411000001"]) == "411000002"


def test_letters_without_an_ascii_equivalent_are_left_out() -> None:
    assert suggest_accounting_account(company("c", "Дубуа Dubois"), existing=[]) == "411DUBOIS"
    assert suggest_accounting_account(company("c", "Дубуа"), existing=[]) == "411000001"


def test_a_company_without_name_uses_its_contact_fields() -> None:
    client = Client(id="c", kind=ClientKind.COMPANY, first_name="Jean", last_name="Martin")
    assert suggest_accounting_account(client, existing=[]) == "411MARTINJEAN"


def test_another_prefix_is_used_as_given_in_capitals() -> None:
    assert (
        suggest_accounting_account(company("c", "Durand"), existing=[], prefix="401") == "401DURAND"
    )
    assert suggest_accounting_account(company("c", "Durand"), existing=[], prefix="c") == "CDURAND"


@pytest.mark.parametrize("prefix", ["411-", "411 ", "41é", "4" * 17])
def test_a_prefix_of_other_characters_or_too_long_is_refused(prefix: str) -> None:
    with pytest.raises(ValueError, match="prefix") as raised:
        suggest_accounting_account(company("c", "Durand"), existing=[], prefix=prefix)
    assert repr(prefix) in str(raised.value)


def test_when_a_long_prefix_leaves_no_free_code_it_says_so() -> None:
    prefix = "4" * 16
    taken = [prefix + "D"] + [prefix + str(n) for n in range(10)]
    with pytest.raises(ValueError, match="is taken: use a shorter prefix") as raised:
        suggest_accounting_account(company("c", "Durand"), existing=taken, prefix=prefix)
    assert prefix in str(raised.value)


def test_a_long_prefix_with_every_number_taken_says_so_for_a_client_without_name() -> None:
    prefix = "4" * 16
    with pytest.raises(ValueError, match="is taken") as raised:
        suggest_accounting_account(
            company("c", ""), existing=[prefix + str(n) for n in range(10)], prefix=prefix
        )
    assert prefix in str(raised.value)


def test_a_prefix_that_is_not_text_is_a_programming_error() -> None:
    with pytest.raises(TypeError, match="prefix must be a str"):
        suggest_accounting_account(company("c", "Durand"), existing=[], prefix=411)  # type: ignore[arg-type]
