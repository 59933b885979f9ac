"""Probable duplicates: a warning with its reason, archived records included."""

from __future__ import annotations

import attrs
from hypothesis import given
from hypothesis import strategies as st
from tests.factories import company

from clientbook import Address, Client, ClientKind, Contact
from clientbook._rules.duplicates import (
    DuplicateGroup,
    DuplicateReason,
    find_duplicates,
    vat_key,
    vat_number,
)
from clientbook.identifiers import vat
from clientbook.identifiers._text import SPACES


def with_email(email: str) -> tuple[Contact, ...]:
    return (Contact(first_name="Claire", last_name="Moreau", email=email),)


def test_records_with_the_same_siren_are_duplicates() -> None:
    groups = find_duplicates(
        [
            company("a", "Dubois SARL", siren="123456782"),
            company("b", "Menuiserie Dubois", siren="123 456 782"),
            company("c", "Martin Traiteur", siren="404833048"),
        ]
    )
    assert groups == [
        DuplicateGroup(
            client_ids=("a", "b"),
            reasons=(DuplicateReason(rule="siren", value="123456782", client_ids=("a", "b")),),
        )
    ]


def test_the_siren_is_read_from_the_siret_and_the_french_vat_number() -> None:
    groups = find_duplicates(
        [
            company("siret", siret="12345678200010"),
            company("tva", vat_number="FR11123456782"),
        ]
    )
    assert [g.client_ids for g in groups] == [("siret", "tva")]
    assert groups[0].reasons[0] == DuplicateReason(
        rule="siren", value="123456782", client_ids=("siret", "tva")
    )


def test_vat_numbers_are_compared_normalised_with_and_without_country_prefix() -> None:
    groups = find_duplicates(
        [
            company("a", vat_number="11123456782"),
            company("b", vat_number="fr 11 123 456 782"),
            company("c", vat_number="FR11123456782"),
        ]
    )
    assert [g.client_ids for g in groups] == [("a", "b", "c")]
    vat = [r for r in groups[0].reasons if r.rule == "vat"]
    assert vat == [DuplicateReason(rule="vat", value="FR11123456782", client_ids=("a", "b", "c"))]


def test_foreign_vat_numbers_are_compared_too() -> None:
    groups = find_duplicates(
        [company("de1", vat_number="DE 136 695 976"), company("de2", vat_number="de136695976")]
    )
    assert groups[0].reasons == (
        DuplicateReason(rule="vat", value="DE136695976", client_ids=("de1", "de2")),
    )


def test_contact_emails_are_compared_without_case() -> None:
    groups = find_duplicates(
        [
            company("a", "Dubois", contacts=with_email("Compta@Dubois.fr ")),
            company("b", "Menuiserie D.", contacts=with_email("compta@dubois.fr")),
        ]
    )
    assert groups[0].reasons == (
        DuplicateReason(rule="email", value="compta@dubois.fr", client_ids=("a", "b")),
    )


def test_the_same_name_at_the_same_postal_code_is_a_duplicate() -> None:
    lyon = Address(line1="12 rue des Lilas", postal_code="69003", city="Lyon")
    groups = find_duplicates(
        [
            company("a", "Établissements Dubois", address=lyon),
            company("b", "ETABLISSEMENTS  DUBOIS", address=attrs.evolve(lyon, line1="12, rue")),
            company("c", "Établissements Dubois", address=attrs.evolve(lyon, postal_code="69100")),
        ]
    )
    assert groups[0] == DuplicateGroup(
        client_ids=("a", "b"),
        reasons=(
            DuplicateReason(
                rule="name_postal_code", value="etablissements dubois 69003", client_ids=("a", "b")
            ),
        ),
    )
    assert len(groups) == 1


def test_individuals_are_compared_by_their_full_name() -> None:
    home = Address(line1="3 impasse des Érables", postal_code="33000", city="Bordeaux")
    claire = Client(
        id="p1", kind=ClientKind.INDIVIDUAL, first_name="Claire", last_name="Dubois", address=home
    )
    again = attrs.evolve(claire, id="p2", first_name="CLAIRE")
    assert [g.client_ids for g in find_duplicates([claire, again])] == [("p1", "p2")]


def test_links_are_followed_into_one_group_with_every_reason() -> None:
    groups = find_duplicates(
        [
            company("a", "Dubois SARL", siren="123456782"),
            company("x", "Martin Traiteur"),
            company("b", "Dubois", siren="123456782", contacts=with_email("contact@dubois.fr")),
            company("c", "Menuiserie", contacts=with_email("CONTACT@dubois.fr")),
        ]
    )
    assert groups == [
        DuplicateGroup(
            client_ids=("a", "b", "c"),
            reasons=(
                DuplicateReason(rule="siren", value="123456782", client_ids=("a", "b")),
                DuplicateReason(rule="email", value="contact@dubois.fr", client_ids=("b", "c")),
            ),
        )
    ]


def test_archived_records_are_included() -> None:
    groups = find_duplicates(
        [
            company("ancien", "Dubois", siren="123456782", active=False),
            company("nouveau", "Dubois", siren="123456782"),
        ]
    )
    assert [g.client_ids for g in groups] == [("ancien", "nouveau")]


def test_empty_and_invalid_values_link_nothing() -> None:
    clients = [
        company("a", siren="", vat_number="", contacts=with_email("")),
        company("b", siren="", vat_number="", contacts=with_email("")),
        company("c", siren="123456789", vat_number="N/A", contacts=with_email("néant")),
        company("d", siren="123456789", vat_number="N/A", contacts=with_email("néant")),
        company("e", vat_number="FR 00 000 000 000"),
        company("f", vat_number="000000000"),
    ]
    assert find_duplicates(clients) == []


def test_one_record_is_not_its_own_duplicate() -> None:
    client = company(
        "a",
        siren="123456782",
        siret="12345678200010",
        contacts=(*with_email("a@dubois.fr"), *with_email("A@dubois.fr")),
    )
    assert find_duplicates([client]) == []


def test_groups_come_in_the_order_of_their_first_record() -> None:
    clients = [
        company("1", siren="404833048"),
        company("2", siren="123456782"),
        company("3", siren="123456782"),
        company("4", siren="404833048"),
    ]
    assert [g.client_ids for g in find_duplicates(clients)] == [("1", "4"), ("2", "3")]
    assert find_duplicates(clients) == find_duplicates(list(clients))


def test_no_records_no_duplicates() -> None:
    assert find_duplicates([]) == []


# The shortcuts of vat_number and vat_key (nothing to remove from letters and digits; no
# search for a digit in a number of digits) never change what they give: compared here with
# their definition on any text.
_SEPARATORS = dict.fromkeys(map(ord, SPACES + ".-/"))
_PREFIXES = vat.EU_PREFIXES | vat.NON_EU_PREFIXES


def _by_definition(number: str) -> tuple[str, str | None]:
    normalised = vat.compact(number).translate(_SEPARATORS)
    body = normalised[2:] if normalised[:2] in _PREFIXES else normalised
    has_digit = any(char.isdecimal() for char in body)  # what the regular expression \d finds
    return normalised, body if body.strip("0") and has_digit else None


@given(
    st.text(alphabet=st.sampled_from("FRDEGfrde0123456789 .-/\u00a0\u202f\u2013\uff11\u0663²"))
    | st.text(alphabet="0²\u0663\uff11")  # digits that are no ASCII digits, or no digits
    | st.text()
)
def test_vat_keys_shortcuts_give_what_their_definition_gives(number: str) -> None:
    assert (vat_number(number), vat_key(number)) == _by_definition(number)
