"""What the memory adapter does beyond the contract: commit-time checks, misuse, its index."""

from __future__ import annotations

import bisect
from unittest import mock

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clientbook import Client, ClientExists, Contact, StaleClient, search_key
from clientbook._adapters.memory import prefix_index
from clientbook._rules.search import matches_prefix
from clientbook.memory import MemoryClientRepository, MemoryStore, MemoryUnitOfWork
from tests.factories import company

from .storedclients import french_companies

TENANT = "cabinet-lefort"


def a_store(*clients: Client) -> MemoryStore:
    store = MemoryStore()
    with store.unit_of_work(tenant_id=TENANT) as uow:
        for client in clients:
            uow.clients.add(client)
        uow.commit()
    return store


def unit(store: MemoryStore) -> MemoryUnitOfWork:
    return store.unit_of_work(tenant_id=TENANT)


def names(store: MemoryStore) -> dict[str, tuple[str, int]]:
    with unit(store) as uow:
        return {c.id: (c.name, c.version) for c in uow.clients.list(limit=1000)}


def test_a_commit_after_another_units_commit_of_the_same_client_applies_nothing() -> None:
    store = a_store(company("c1", "Boulangerie Martin"), company("c2", "Garage du Lys"))
    first, second = unit(store), unit(store)
    with first, second:
        second.clients.update(attrs.evolve(second.clients.get("c1"), name="Boulangerie Martine"))
        second.clients.update(attrs.evolve(second.clients.get("c2"), name="Garage Lefranc"))
        second.clients.add(company("c3", "Menuiserie Petit"))
        first.clients.update(attrs.evolve(first.clients.get("c1"), name="Boulangerie Martin SA"))
        first.commit()
        with pytest.raises(StaleClient) as refused:
            second.commit()
        assert (refused.value.client_id, refused.value.expected_version) == ("c1", 1)
        assert refused.value.actual_version == 2
    assert names(store) == {"c1": ("Boulangerie Martin SA", 2), "c2": ("Garage du Lys", 1)}


def test_a_failed_commit_forgets_the_units_changes_and_the_unit_goes_on() -> None:
    store = a_store(company("c1", "Boulangerie Martin"))
    first, second = unit(store), unit(store)
    with first, second:
        second.clients.remove("c1")
        first.clients.update(attrs.evolve(first.clients.get("c1"), name="Boulangerie Martin SA"))
        first.commit()
        with pytest.raises(StaleClient) as refused:
            second.commit()
        assert refused.value.actual_version == 2
        assert second.clients.get("c1").version == 2  # read again: the unit goes on
        second.clients.add(company("c2", "Garage du Lys"))
        second.commit()
    assert names(store) == {"c1": ("Boulangerie Martin SA", 2), "c2": ("Garage du Lys", 1)}


def test_two_units_adding_the_same_id_the_second_commit_raises_client_exists() -> None:
    store = MemoryStore()
    first, second = unit(store), unit(store)
    with first, second:
        first.clients.add(company("c1", "Boulangerie Martin"))
        second.clients.add(company("c1", "Garage du Lys"))
        second.clients.add(company("c2", "Menuiserie Petit"))
        first.commit()
        with pytest.raises(ClientExists) as refused:
            second.commit()
        assert refused.value.client_id == "c1"
    assert names(store) == {"c1": ("Boulangerie Martin", 1)}


def test_a_client_removed_by_two_units_is_simply_gone() -> None:
    store = a_store(company("c1", "Boulangerie Martin"), company("c2", "Garage du Lys"))
    first, second = unit(store), unit(store)
    with first, second:
        first.clients.remove("c1")
        second.clients.remove("c1")
        first.commit()
        second.commit()
    assert names(store) == {"c2": ("Garage du Lys", 1)}


def test_a_client_added_then_removed_in_a_unit_leaves_no_trace() -> None:
    store = MemoryStore()
    with unit(store) as uow:
        uow.clients.add(company("c1", "Boulangerie Martin"))
        uow.clients.remove("c1")
        uow.commit()
    assert names(store) == {}


def test_a_unit_of_work_is_used_in_a_with_block() -> None:
    uow = unit(MemoryStore())
    with pytest.raises(RuntimeError, match="with block"):
        uow.clients.get("c1")
    with pytest.raises(RuntimeError, match="with block"):
        uow.commit()


def test_a_unit_of_work_entered_again_joins_its_transaction() -> None:
    store = MemoryStore()
    uow = unit(store)
    with uow:
        with uow:
            added = uow.clients.add(company("c1", "Boulangerie Martin"))
            uow.commit()  # left to the outermost block
        assert unit(store).clients is not uow.clients
        with unit(store) as other:
            assert other.clients.get_many(["c1"]) == {}
        uow.commit()
    with unit(store) as other:
        assert other.clients.get("c1") == added


def test_a_unit_of_work_can_be_used_again_after_its_with_block() -> None:
    store = MemoryStore()
    uow = unit(store)
    with uow:
        uow.clients.add(company("c1", "Boulangerie Martin"))
    with uow:
        uow.clients.add(company("c1", "Boulangerie Martin"))
        uow.commit()
    assert names(store) == {"c1": ("Boulangerie Martin", 1)}


@pytest.mark.parametrize("tenant_id", ["", None, 42])
def test_a_tenant_id_is_a_non_empty_text(tenant_id: object) -> None:
    with pytest.raises(ValueError, match="tenant_id"):
        MemoryStore().unit_of_work(tenant_id=tenant_id)  # type: ignore[arg-type]


def test_a_non_positive_limit_finds_nothing() -> None:
    store = a_store(company("c1", "Boulangerie Martin"))
    with unit(store) as uow:
        assert uow.clients.search("boul", limit=0) == []
        assert uow.clients.list(limit=0) == []


def test_batch_lookups_by_numbers_give_the_clients_of_each_number() -> None:
    store = a_store(
        company("c1", "Boulangerie Martin", siret="404 833 048 00014"),
        company("c2", "Martin Vaise", siret="40483304800022", vat_number="FR83404833048"),
    )
    with unit(store) as uow:
        uow.clients.add(company("c3", "Garage du Lys", vat_number="fr 83 404 833 048"))
        clients = uow.clients
        assert isinstance(clients, MemoryClientRepository)
        by_sirets = clients.by_sirets(["404 833 048 00014", "40483304800022", "31415926000012"])
        assert {k: [c.id for c in v] for k, v in by_sirets.items()} == {
            "40483304800014": ["c1"],
            "40483304800022": ["c2"],
        }
        by_vats = clients.by_vats(["FR83404833048", ""])
        assert {k: [c.id for c in v] for k, v in by_vats.items()} == {"FR83404833048": ["c2", "c3"]}


# --- the index, with buffers small enough that every merge and rebuild happens --------------

_WORDS = ["Boulangerie", "Ets", "Établissements", "Dubois", "Martin", "Cœur", "Lys", "Dupont"]
_operations = st.lists(
    st.tuples(
        st.sampled_from(["put", "put", "put", "remove"]),
        st.integers(0, 40),
        st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3),
        st.booleans(),
    ),
    max_size=120,
)
_TYPED = ["b", "boul", "ets", "dub mar", "coeur", "lys dup", "m", "martin ets", "zz"]
_TYPED += ["du", "bo", "dupo", "d l", "e d", "du ma", "ly"]
# How a term of three characters or more is read (the memory index's _SEGMENTS and _COMMON):
# the entries of its keys, as when they are few; from the stream of its first two characters,
# as for a common word that starts many keys; the entries of its keys, however many.
_WAYS = {"keys": (256, 5000), "stream": (0, 1), "all keys": (0, 10**9)}


@settings(max_examples=40, deadline=None)
@given(
    operations=_operations,
    commit_every=st.integers(1, 7),
    way=st.sampled_from(sorted(_WAYS)),
)
def test_the_index_agrees_with_matches_prefix_after_any_puts_and_removals(
    operations: list[tuple[str, int, list[str], bool]], commit_every: int, way: str
) -> None:
    segments, common = _WAYS[way]
    with (
        mock.patch("clientbook._adapters.memory.prefix_index._BUFFER_SIZE", 4),
        mock.patch("clientbook._adapters.memory.prefix_index._GROWTH", 2),
        mock.patch("clientbook._adapters.memory.prefix_index._SEGMENTS", segments),
        mock.patch("clientbook._adapters.memory.prefix_index._COMMON", common),
    ):
        store = MemoryStore()
        model: dict[str, Client] = {}
        uow = unit(store)
        with uow:
            for step, (operation, number, words, active) in enumerate(operations):
                client_id = f"c{number:02}"
                if operation == "remove":
                    if client_id in model:
                        uow.clients.remove(client_id)
                        del model[client_id]
                else:
                    client = company(
                        client_id,
                        " ".join(words),
                        active=active,
                        contacts=(Contact(first_name=words[-1]),),
                    )
                    if client_id in model:
                        stored = uow.clients.update(
                            attrs.evolve(client, version=model[client_id].version)
                        )
                    else:
                        stored = uow.clients.add(client)
                    model[client_id] = stored
                if step % commit_every == 0:
                    uow.commit()
                    for typed in _TYPED:
                        _assert_search_agrees(uow, model, typed)
            uow.commit()
            for typed in _TYPED:
                _assert_search_agrees(uow, model, typed)
            assert [c.id for c in uow.clients.list(limit=1000)] == sorted(model)


def _assert_search_agrees(uow: MemoryUnitOfWork, model: dict[str, Client], typed: str) -> None:
    for archived in (False, True):
        expected = sorted(
            (c for c in model.values() if matches_prefix(c, typed, include_archived=archived)),
            key=lambda c: (search_key(c.display_name), c.id),
        )
        found = uow.clients.search(typed, include_archived=archived, limit=7)
        assert [c.id for c in found] == [c.id for c in expected[:7]], typed


def test_removing_most_clients_rebuilds_the_index_and_the_page_order() -> None:
    with mock.patch("clientbook._adapters.memory.prefix_index._BUFFER_SIZE", 8):
        store = a_store(*(company(f"c{n:04}", f"Boulangerie n°{n}") for n in range(3000)))
        with unit(store) as uow:
            for n in range(2990):
                uow.clients.remove(f"c{n:04}")
            uow.commit()
            assert [c.id for c in uow.clients.search("boul")] == [
                f"c{n:04}" for n in range(2990, 3000)
            ]
            assert [c.id for c in uow.clients.list()] == [f"c{n:04}" for n in range(2990, 3000)]
            uow.clients.add(company("c0001", "Boulangerie Martin"))
            uow.commit()
            assert [c.id for c in uow.clients.list(limit=2)] == ["c0001", "c2990"]


@pytest.mark.parametrize(("typed", "most"), [("f", 10), ("fr", 10), ("4", 10), ("40", 10)])
def test_a_word_of_one_or_two_characters_costs_a_few_seeks_however_many_keys_start_with_it(
    typed: str, most: int
) -> None:
    # 2,000 VAT numbers and SIRETs: "fr" starts 2,000 keys, "4" and "40" hundreds.
    clients = french_companies(2000)
    store = a_store(*clients)
    expected = sorted(
        (c for c in clients if matches_prefix(c, typed)),
        key=lambda c: (search_key(c.display_name), c.id),
    )[:20]
    with (
        unit(store) as uow,
        mock.patch.object(prefix_index, "bisect_left", wraps=bisect.bisect_left) as bisect_left,
    ):
        found = uow.clients.search(typed)
    assert [c.id for c in found] == [c.id for c in expected]
    # Its stream of clients in result order, a few runs: not a seek for each key.
    assert bisect_left.call_count <= most, bisect_left.call_count


def test_a_common_word_that_starts_many_keys_walks_the_stream_of_its_first_two_characters() -> None:
    clients = french_companies(20_000)  # "fr1": about 2,000 keys, and as many clients
    store = a_store(*clients)
    for typed in ("fr1", "FR 1"):
        expected = sorted(
            (c for c in clients if matches_prefix(c, typed)),
            key=lambda c: (search_key(c.display_name), c.id),
        )[:20]
        with (
            unit(store) as uow,
            mock.patch.object(prefix_index, "_COMMON", 1_000),
            mock.patch.object(prefix_index, "bisect_left", wraps=bisect.bisect_left) as bisect_left,
        ):
            found = uow.clients.search(typed)
        assert [c.id for c in found] == [c.id for c in expected]
        assert bisect_left.call_count <= 1_000, bisect_left.call_count


def test_two_common_words_sharing_few_clients_stop_at_the_last_client_of_the_whole_text() -> None:
    # "x" and "y" each start a key of 1,000 clients, and only the last five have both; the
    # whole text "xy" starts a key of the first twenty. Those twenty are the results: the
    # clients with both words, far down, are not sought.
    clients = [
        company(f"c{n:04d}", f"Atelier {n:04d} " + ("xavier" if n % 2 else "yvette"))
        for n in range(2000)
    ]
    clients += [company(f"d{n}", f"Atelier 9{n} xavier yvette") for n in range(5)]
    clients += [company(f"e{n:02d}", f"Atelier 00{n:02d} xylophone") for n in range(20)]
    store = a_store(*clients)
    expected = sorted(
        (c for c in clients if matches_prefix(c, "x y")),
        key=lambda c: (search_key(c.display_name), c.id),
    )[:20]
    assert all(c.id.startswith("e") for c in expected)
    cursor = prefix_index._Cursor
    with (
        unit(store) as uow,
        mock.patch.object(cursor, "seek", autospec=True, side_effect=cursor.seek) as seek,
    ):
        found = uow.clients.search("x y")
    assert [c.id for c in found] == [c.id for c in expected]
    # About one step a client of the whole text, not one for each of the 2,000 before the five.
    assert seek.call_count <= 200, seek.call_count
