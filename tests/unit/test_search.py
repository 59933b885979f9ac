"""Finding a client by its first letters (jarvis-legal « tapez les premières lettres »)."""

from __future__ import annotations

import pickle

import pytest

from clientbook import Civility, Client, ClientbookError, ClientKind, Contact, SearchTooLong
from clientbook._rules.search import (
    MAX_SEARCH_LENGTH,
    MAX_SEARCH_WORDS,
    client_search_keys,
    matches_prefix,
    search_key,
    search_words,
)
from clientbook.memory import MemoryStore
from clientbook.services import search_clients

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


# --- what a search takes ------------------------------------------------------------------------


def test_a_search_takes_ten_words_and_two_hundred_characters() -> None:
    assert (MAX_SEARCH_WORDS, MAX_SEARCH_LENGTH) == (10, 200)
    ten = "Société Civile Immobilière Les Jardins de la Côte d'Azur"
    assert search_words(ten) == [
        "societe", "civile", "immobiliere", "les", "jardins", "de", "la", "cote", "d", "azur"
    ]  # fmt: skip
    assert search_words("É" * 200) == ["e" * 200]
    assert search_words("  -- ") == []


def test_an_eleventh_word_is_refused_with_the_count_of_words() -> None:
    with pytest.raises(SearchTooLong) as refused:
        search_words("Ets Dubois & Fils, S.A.R.L., 12 rue des Lilas")  # "s a r l": four words
    assert (refused.value.words, refused.value.length) == (11, 45)
    assert (refused.value.max_words, refused.value.max_length) == (10, 200)
    assert refused.value.message("en") == (
        "A search takes at most 10 words, and this one has 11: type the first letters of fewer "
        "words."
    )
    assert str(refused.value) == (
        "Une recherche prend au plus 10 mots, et celle-ci en a 11 : tapez les premières lettres "
        "de moins de mots."
    )


def test_a_text_longer_than_two_hundred_characters_is_refused_before_it_is_reduced() -> None:
    with pytest.raises(SearchTooLong) as refused:
        search_words(" ".join(f"mot{n}" for n in range(40_000)))  # the 40,000 words
    assert (refused.value.words, refused.value.length) == (None, 348_889)
    assert refused.value.message("en") == (
        "A search takes at most 200 characters, and this one has 348889: type the first letters "
        "of a name or a number."
    )
    with pytest.raises(SearchTooLong):
        search_words("a" * 201)


def test_the_refusal_is_a_clientbook_error_and_a_value_error_that_pickles() -> None:
    with pytest.raises(SearchTooLong) as refused:
        search_words("a b c d e f g h i j k")
    assert isinstance(refused.value, ClientbookError)
    assert isinstance(refused.value, ValueError)
    again = pickle.loads(pickle.dumps(refused.value))
    assert (again.words, again.length, str(again)) == (11, 21, str(refused.value))


class _UnitOfWorkNeverOpened:
    """A unit of work that fails the test when it is opened."""

    def __enter__(self) -> None:
        raise AssertionError("the unit of work was opened")

    def __exit__(self, *exc_info: object) -> None:  # pragma: no cover
        pass


def test_search_clients_refuses_a_text_too_long_before_it_opens_the_unit_of_work() -> None:
    with pytest.raises(SearchTooLong) as refused:
        search_clients(_UnitOfWorkNeverOpened(), "dub " * 11)  # type: ignore[arg-type]
    assert refused.value.words == 11


def test_the_memory_adapter_refuses_the_same_texts() -> None:
    store = MemoryStore()
    with store.unit_of_work(tenant_id="cabinet-lefort") as uow:
        assert uow.clients.search("a b c d e f g h i j") == []
        with pytest.raises(SearchTooLong):
            uow.clients.search("a b c d e f g h i j k")
        with pytest.raises(SearchTooLong):
            uow.clients.search("a" * 201, limit=0)
