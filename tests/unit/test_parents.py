"""Parent companies (lab-event « Société mère »): a tree without loops."""

from __future__ import annotations

import pickle

import pytest

from clientbook._rules.parents import ParentCycle, check_parent, top_parent

# Groupe Dubois SA owns Dubois Lyon, which owns its Villeurbanne workshop.
GROUPE = {
    "dubois-villeurbanne": "dubois-lyon",
    "dubois-lyon": "groupe-dubois",
    "groupe-dubois": None,
    "martin-traiteur": None,
}


def test_a_company_can_have_no_parent_company() -> None:
    check_parent("dubois-lyon", None, GROUPE)


def test_a_company_can_be_attached_to_another_group() -> None:
    check_parent("martin-traiteur", "dubois-villeurbanne", GROUPE)


def test_a_company_cannot_be_its_own_parent_company() -> None:
    with pytest.raises(ParentCycle) as raised:
        check_parent("martin-traiteur", "martin-traiteur", GROUPE)
    assert raised.value.chain == ("martin-traiteur", "martin-traiteur")
    assert raised.value.message("en") == (
        "A company cannot be its own parent company: martin-traiteur."
    )


def test_a_top_company_cannot_be_attached_below_itself() -> None:
    with pytest.raises(ParentCycle) as raised:
        check_parent("groupe-dubois", "dubois-villeurbanne", GROUPE)
    assert raised.value.chain == (
        "groupe-dubois",
        "dubois-villeurbanne",
        "dubois-lyon",
        "groupe-dubois",
    )
    assert raised.value.message("en") == (
        "Parent companies cannot form a loop: "
        "groupe-dubois → dubois-villeurbanne → dubois-lyon → groupe-dubois."
    )


def test_a_company_cannot_be_attached_to_its_own_subsidiary() -> None:
    with pytest.raises(ParentCycle) as raised:
        check_parent("dubois-lyon", "dubois-villeurbanne", GROUPE)
    assert raised.value.chain == ("dubois-lyon", "dubois-villeurbanne", "dubois-lyon")


def test_moving_a_company_within_its_group_is_fine() -> None:
    check_parent("dubois-villeurbanne", "groupe-dubois", GROUPE)


def test_the_walk_stops_at_a_parent_the_host_does_not_know() -> None:
    check_parent("martin-traiteur", "inconnue", GROUPE)


def test_attaching_a_company_to_a_group_that_already_loops_is_refused() -> None:
    parents = {"a": "b", "b": "c", "c": "b"}
    with pytest.raises(ParentCycle) as raised:
        check_parent("martin-traiteur", "a", parents)
    assert raised.value.chain == ("martin-traiteur", "a", "b", "c", "b")


def test_the_top_company_owns_the_group() -> None:
    assert top_parent("dubois-villeurbanne", GROUPE) == "groupe-dubois"


def test_a_company_without_parent_is_its_own_top_company() -> None:
    assert top_parent("martin-traiteur", GROUPE) == "martin-traiteur"
    assert top_parent("nouveau-client", GROUPE) == "nouveau-client"


def test_the_top_company_is_the_last_known_one_when_a_parent_is_missing() -> None:
    assert top_parent("filiale", {"filiale": "absente"}) == "absente"


def test_the_top_company_of_a_loop_already_in_the_data_is_refused() -> None:
    with pytest.raises(ParentCycle) as raised:
        top_parent("a", {"a": "b", "b": "c", "c": "a"})
    assert raised.value.chain == ("a", "b", "c", "a")


def test_a_parent_cycle_error_survives_pickling() -> None:
    copy = pickle.loads(pickle.dumps(ParentCycle(("a", "b", "a"))))
    assert (type(copy), copy.chain) == (ParentCycle, ("a", "b", "a"))
    assert copy.message("en") == "Parent companies cannot form a loop: a → b → a."
