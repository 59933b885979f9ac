"""Finding a client by its first letters (jarvis-legal « tapez les premières lettres »)."""

from __future__ import annotations

import pytest

from clientbook import Civility, Client, ClientKind, Contact
from clientbook._rules.search import client_search_keys, matches_prefix, search_key

DUBOIS = Client(
    id="dubois",
    kind=ClientKind.COMPANY,
    name="Établissements Dubois & Fils",
    siret="123 456 782 00010",
    vat_number="FR 11 123 456 782",
    contacts=(Contact(civility=Civility.MRS, first_name="Hélène", last_name="Lefèvre-Nguyen"),),
)
ARCHIVED = Client(id="vieux", kind=ClientKind.COMPANY, name="Ancienne Société Martin", active=False)
CLAIRE = Client(id="p1", kind=ClientKind.INDIVIDUAL, first_name="Claire", last_name="Dubois")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Établissements Dubois & Fils", "etablissements dubois fils"),
        ("  L'ŒUF  CÔTÉ,  S.A.R.L. ", "l oeuf cote s a r l"),
        ("Straße", "strasse"),
        ("L’Atelier « Chez Zoé » n°12", "l atelier chez zoe n 12"),
        ("Ｄｕｂｏｉｓ", "dubois"),
        ("", ""),
        ("-- & --", ""),
    ],
)
def test_the_search_key_drops_accents_case_and_punctuation(text: str, key: str) -> None:
    assert search_key(text) == key


def test_the_first_letters_of_any_word_of_the_name_find_the_client() -> None:
    assert matches_prefix(DUBOIS, "dub")
    assert matches_prefix(DUBOIS, "Fil")


def test_accents_and_case_do_not_matter_either_way() -> None:
    assert matches_prefix(DUBOIS, "ÉTAB")
    assert matches_prefix(DUBOIS, "etab")
    assert matches_prefix(DUBOIS, "hélè")


def test_ets_finds_etablissements() -> None:
    assert matches_prefix(DUBOIS, "ets")
    assert matches_prefix(DUBOIS, "Éts.")


def test_etablissements_finds_ets() -> None:
    client = Client(id="c", kind=ClientKind.COMPANY, name="Ets Moreau")
    assert matches_prefix(client, "établissements")


@pytest.mark.parametrize(
    ("name", "typed"),
    [
        ("Société Générale de Transport", "sté"),
        ("Sté Générale de Transport", "societe"),
        ("Martin & Cie", "compagnie"),
        ("Compagnie des Eaux", "cie"),
        ("Boulangerie Saint-Louis", "st"),
        ("Pharmacie St Louis", "saint"),
        ("Clinique Ste Anne", "sainte"),
        ("Clinique Sainte-Anne", "ste"),
    ],
)
def test_common_abbreviations_find_the_full_word_and_back(name: str, typed: str) -> None:
    assert matches_prefix(Client(id="c", kind=ClientKind.COMPANY, name=name), typed)


def test_a_contacts_name_finds_the_client() -> None:
    assert matches_prefix(DUBOIS, "nguy")
    assert matches_prefix(DUBOIS, "lefevre")


def test_an_individual_is_found_by_first_or_last_name() -> None:
    assert matches_prefix(CLAIRE, "cla")
    assert matches_prefix(CLAIRE, "dub")


def test_every_typed_word_must_match_in_any_order() -> None:
    assert matches_prefix(DUBOIS, "fils dub")
    assert not matches_prefix(DUBOIS, "dubois martin")


def test_a_typed_word_matches_the_start_of_a_word_only() -> None:
    assert not matches_prefix(DUBOIS, "bois")


def test_the_start_of_the_siren_typed_with_spaces_finds_the_client() -> None:
    assert matches_prefix(DUBOIS, "123 45")


def test_the_start_of_the_siret_finds_the_client() -> None:
    assert matches_prefix(DUBOIS, "12345678200")


def test_the_start_of_the_vat_number_finds_the_client() -> None:
    assert matches_prefix(DUBOIS, "fr11")
    assert matches_prefix(DUBOIS, "FR 11 123")


def test_an_identifier_is_matched_from_its_start_only() -> None:
    assert not matches_prefix(DUBOIS, "456782")


def test_empty_typed_text_matches_nothing() -> None:
    assert not matches_prefix(DUBOIS, "")
    assert not matches_prefix(DUBOIS, "  ")
    assert not matches_prefix(DUBOIS, "&")


def test_archived_clients_are_left_out_of_searches() -> None:
    assert not matches_prefix(ARCHIVED, "martin")


def test_archived_clients_are_found_when_asked_for() -> None:
    assert matches_prefix(ARCHIVED, "martin", include_archived=True)


def test_the_search_keys_hold_every_word_and_the_compact_identifiers() -> None:
    assert client_search_keys(DUBOIS) == {
        "etablissements",
        "ets",
        "dubois",
        "fils",
        "helene",
        "lefevre",
        "nguyen",
        "12345678200010",
        "fr11123456782",
    }


def test_a_key_that_starts_another_key_is_left_out_as_it_matches_nothing_more() -> None:
    client = Client(
        id="c1",
        kind=ClientKind.COMPANY,
        name="Martin Martinez",
        siren="123456782",
        siret="12345678200010",
        contacts=(Contact(first_name="Marti", last_name="Lefèvre"),),
    )
    assert client_search_keys(client) == {"martinez", "lefevre", "12345678200010"}
    for typed in ("mar", "martin", "martinez", "marti lef", "1234567", "123456782"):
        assert matches_prefix(client, typed), typed


def test_a_client_without_name_nor_identifiers_has_no_search_keys() -> None:
    assert client_search_keys(Client(id="vide", kind=ClientKind.COMPANY)) == frozenset()
