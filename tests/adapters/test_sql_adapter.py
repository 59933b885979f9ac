"""The SQL adapter beyond the contract: its tables, its engines, concurrency, tenants, bad input.

Tests taking the ``store`` fixture run on a SQLite file and, when ``CLIENTBOOK_POSTGRES_URL``
is set, on PostgreSQL; the others name the database they need.
"""

from __future__ import annotations

import os
import pickle
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import attrs
import pytest
from sqlalchemy import Engine, create_engine, inspect, text, update

import clientbook.sql
from clientbook import (
    Client,
    ClientbookError,
    ClientExists,
    Contact,
    SearchTooLong,
    StaleClient,
    matches_prefix,
    search_key,
)
from clientbook._adapters.sql import client_statements, search_statements
from clientbook._adapters.sql import search as sql_search
from clientbook._adapters.sql.search import _after_prefix
from clientbook.sql import (
    SCHEMA_VERSION,
    DatabaseDamaged,
    DatabaseInMemory,
    DatabaseLocked,
    DatabaseReadOnly,
    SchemaMismatch,
    SqlClientRepository,
    SqlStore,
    SqlUnitOfWork,
    StorageError,
    UnsupportedDatabase,
    metadata,
)
from tests.factories import company

from .sqlprobes import before_statements, recorded_statements
from .storedclients import french_companies, full_company, varied_clients

TENANT = "cabinet-lefort"
OTHER_TENANT = "atelier-girard"


def store_one(store: SqlStore, *clients: Client, tenant_id: str = TENANT) -> None:
    with store.unit_of_work(tenant_id=tenant_id) as uow:
        for client in clients:
            uow.clients.add(client)
        uow.commit()


def sql_clients(uow: SqlUnitOfWork) -> SqlClientRepository:
    """The unit's repository with its own methods (``add_many``) visible to mypy."""
    assert isinstance(uow.clients, SqlClientRepository)
    return uow.clients


# --- the public surface -------------------------------------------------------------------------


def test_clientbook_sql_exports_exactly_its_documented_names() -> None:
    assert clientbook.sql.__all__ == [
        "SCHEMA_VERSION",
        "DatabaseDamaged",
        "DatabaseInMemory",
        "DatabaseLocked",
        "DatabaseReadOnly",
        "SchemaMismatch",
        "SqlClientRepository",
        "SqlStore",
        "SqlUnitOfWork",
        "StorageError",
        "UnsupportedDatabase",
        "metadata",
    ]
    for name in clientbook.sql.__all__:
        assert hasattr(clientbook.sql, name), name


def test_its_classes_name_clientbook_sql_as_their_module() -> None:
    for name in clientbook.sql.__all__:
        value = getattr(clientbook.sql, name)
        if isinstance(value, type):
            assert value.__module__ == "clientbook.sql", name


def test_importing_clientbook_does_not_import_sqlalchemy() -> None:
    import subprocess
    import sys

    code = "import sys, clientbook; print('sqlalchemy' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


# --- the tables -----------------------------------------------------------------------------------


def test_every_table_is_prefixed_clientbook_and_carries_the_tenant_in_its_key() -> None:
    assert sorted(metadata.tables) == [
        "clientbook_clients",
        "clientbook_contacts",
        "clientbook_delivery_addresses",
        "clientbook_duplicate_keys",
        "clientbook_schema",
        "clientbook_search_keys",
    ]
    for name, table in metadata.tables.items():
        if name != "clientbook_schema":
            assert table.primary_key.columns.keys()[0] == "tenant_id", name


def test_the_columns_clients_are_found_by_are_indexed_per_tenant() -> None:
    indexes = {
        str(index.name): [column.name for column in index.columns]
        for table in metadata.tables.values()
        for index in table.indexes
    }
    assert indexes["ix_clientbook_clients_siret"] == ["tenant_id", "siret_compact"]
    assert indexes["ix_clientbook_clients_vat"] == ["tenant_id", "vat_compact"]
    assert indexes["ix_clientbook_search_keys_key"][:2] == ["tenant_id", "key"]
    assert indexes["ix_clientbook_duplicate_keys_value"][:3] == ["tenant_id", "rule", "value"]


def test_create_schema_is_idempotent_and_records_the_schema_version(store: SqlStore) -> None:
    store.create_schema()
    store.create_schema()
    with store.engine.connect() as connection:
        rows = connection.execute(text("SELECT name, version FROM clientbook_schema")).all()
        tables = set(inspect(connection).get_table_names())
    assert [tuple(row) for row in rows] == [("clientbook", SCHEMA_VERSION)]
    assert set(metadata.tables) <= tables


def test_tables_created_by_a_host_migration_are_used_once_their_version_is_recorded(
    sqlite_path: Path,
) -> None:
    engine = create_engine(f"sqlite:///{sqlite_path}")
    try:
        metadata.create_all(engine)  # what the host's Alembic migration does
        with SqlStore(engine) as store:
            with pytest.raises(SchemaMismatch) as refused, store.unit_of_work(tenant_id=TENANT):
                pass
            assert refused.value.found_version is None
            store.create_schema()
            store_one(store, company("cl-1", "Garage du Lys"))
            with store.unit_of_work(tenant_id=TENANT) as uow:
                assert uow.clients.get("cl-1").name == "Garage du Lys"
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_on_postgres_the_ordered_columns_compare_bytes_whatever_the_database_collation(
    postgres_store: SqlStore,
) -> None:
    query = text(
        "SELECT table_name || '.' || column_name FROM information_schema.columns"
        " WHERE table_schema = current_schema() AND collation_name = 'C'"
    )
    with postgres_store.engine.connect() as connection:
        columns = set(connection.execute(query).scalars())
    assert {
        "clientbook_clients.tenant_id",
        "clientbook_clients.id",
        "clientbook_clients.sort_key",
        "clientbook_search_keys.key",
    } <= columns


def test_ids_and_names_are_ordered_as_python_orders_them(store: SqlStore) -> None:
    names = ["Zèbre", "abeille", "Äpfel", "Ébéniste", "école", "B", "a", "b", "Œuvre", "ǅ"]
    clients = [company(name, f"{name} Traiteur") for name in names]
    store_one(store, *clients)
    with store.unit_of_work(tenant_id=TENANT) as uow:
        assert [c.id for c in uow.clients.list()] == sorted(names)
        after_b = [name for name in sorted(names) if name > "B"][:3]
        assert [c.id for c in uow.clients.list(after="B", limit=3)] == after_b
        found = uow.clients.search("traiteur", limit=100)
    expected = sorted(clients, key=lambda c: (clientbook.search_key(c.display_name), c.id))
    assert [c.id for c in found] == [c.id for c in expected]


def test_search_finds_names_written_in_any_script(store: SqlStore) -> None:
    store_one(
        store,
        company("gr", "Ζήτα Ναυτιλιακή"),
        company("jp", "東京商事"),
        company("ru", "Сибирь Логистика"),
        company("hi", "\U0001d4d7\U0001d4ee\U0001d4f5"),  # mathematical script letters
    )
    with store.unit_of_work(tenant_id=TENANT) as uow:
        assert [c.id for c in uow.clients.search("ζη")] == ["gr"]
        assert [c.id for c in uow.clients.search("ναυτ")] == ["gr"]
        assert [c.id for c in uow.clients.search("東京")] == ["jp"]
        assert [c.id for c in uow.clients.search("сиб лог")] == ["ru"]
        assert [c.id for c in uow.clients.search("hel")] == ["hi"]


def test_a_client_found_by_two_of_its_numbers_counts_once_against_the_limit(
    store: SqlStore,
) -> None:
    # Its SIREN and its SIRET both start with "404833": two keys of each client in the range.
    store_one(
        store,
        company("cl-b", "Boulangerie Martin", siret="404 833 048 00014"),
        company("cl-a", "Boulangerie Martin", siret="40483304800014"),
    )
    with store.unit_of_work(tenant_id=TENANT) as uow:
        assert [c.id for c in uow.clients.search("404 833", limit=2)] == ["cl-a", "cl-b"]
        assert [c.id for c in uow.clients.search("404833", limit=2)] == ["cl-a", "cl-b"]
        assert [c.id for c in uow.clients.search("boul 404833", limit=2)] == ["cl-a", "cl-b"]


VARIED_TYPED = [
    "dub",
    "du",
    "d",
    "ets",
    "établissements dup",
    "boul mar",
    "claire dup",
    "claire",
    "st éloi",
    "saint",
    "sté",
    "boeuf",
    "123 0",
    "12300",
    "fr 11",
    "fr11123",
    "girard 4",
    "zzz",
    "lucie bœuf 1",
    # One and two characters: one key of the index each, however many keys start with them.
    "f",
    "fr",
    "fr 1",
    "1",
    "12",
    "1 2",
    "b m",
    "l",
]


def assert_searches_agree(store: SqlStore, typed_texts: list[str]) -> None:
    """Store 400 varied clients; each typed text finds what matches_prefix finds, in order.

    Archived clients left out and in, limits 1, 7 and 500; the clients found are whole.
    """
    clients = varied_clients(400)
    store_one(store, *clients)
    with store.unit_of_work(tenant_id=TENANT) as uow:
        for typed in typed_texts:
            for include_archived in (False, True):
                for limit in (1, 7, 500):
                    found = uow.clients.search(
                        typed, include_archived=include_archived, limit=limit
                    )
                    expected = sorted(
                        (
                            c
                            for c in clients
                            if matches_prefix(c, typed, include_archived=include_archived)
                        ),
                        key=lambda c: (search_key(c.display_name), c.id),
                    )[:limit]
                    assert [c.id for c in found] == [c.id for c in expected], (typed, limit)
                    assert found == [attrs.evolve(c, version=1) for c in expected]


@pytest.mark.parametrize("way", ["rarest word", "longest word", "whole range", "walk"])
def test_search_agrees_with_matches_prefix_whichever_way_it_reads(
    store: SqlStore, monkeypatch: pytest.MonkeyPatch, way: str
) -> None:
    if way == "longest word":  # every word past the cap: the longest leads, not the rarest
        monkeypatch.setattr(sql_search, "_COUNT_CAP", 1)
    if way == "whole range":  # as for a word that starts too many keys
        monkeypatch.setattr(sql_search, "_MERGE_KEYS", 0)
    if way == "walk":  # too many keys, and common: the key of its first two characters
        monkeypatch.setattr(sql_search, "_MERGE_KEYS", 0)
        monkeypatch.setattr(sql_search, "_COUNT_CAP", 1)
    assert_searches_agree(store, VARIED_TYPED)


COMMON_TYPED = [
    *(typed for typed in VARIED_TYPED if " " in typed),
    "claire dub",
    "dub claire",
    "d e",
    "s é",
    "ets ets",
    "girard girard 4",
    "hélène dubois",
]


@pytest.mark.parametrize("window", [1, 2, 5, 64])
def test_a_search_of_common_words_agrees_with_matches_prefix_whatever_start_it_reads(
    store: SqlStore, monkeypatch: pytest.MonkeyPatch, window: int
) -> None:
    # Every word counts as common: the search reads the first *window* clients of each key of
    # the words that start few keys, and answers from them when they reach far enough, from
    # the rarest word otherwise. Both happen here, and both agree with matches_prefix.
    monkeypatch.setattr(sql_search, "_COUNT_CAP", 1)
    monkeypatch.setattr(sql_search, "_WINDOW", window)
    monkeypatch.setattr(sql_search, "_WALKED_KEYS", 64)
    monkeypatch.setattr(sql_search, "_WALKED_STREAMS", 128)
    answers: list[bool] = []
    first_of_each_key = sql_search._first_of_each_key

    def spied(*args: Any, **kwargs: Any) -> list[str] | None:
        found = first_of_each_key(*args, **kwargs)
        answers.append(found is not None)
        return found

    monkeypatch.setattr(sql_search, "_first_of_each_key", spied)
    assert_searches_agree(store, COMMON_TYPED)
    assert True in answers
    assert False in answers


def _claire(client_id: str, name: str, last_name: str) -> Client:
    contact = Contact(first_name="Claire", last_name=last_name, primary=True)
    return company(client_id, name, contacts=(contact,))


def test_when_every_word_is_common_the_start_of_each_key_answers_in_four_statements(
    store: SqlStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every client has a contact named Claire, and the first ones in name order (« Atelier
    # Dubois ») no Dupont: read from "claire", the results lie far down its key; read from
    # "dupont", they come first.
    monkeypatch.setattr(sql_search, "_COUNT_CAP", 10)
    dubois = [_claire(f"a-{n:03d}", f"Atelier Dubois {n}", "Lefèvre") for n in range(300)]
    dupont = [_claire(f"b-{n:03d}", f"Atelier Dupont {n}", "Moreau") for n in range(30)]
    with store.unit_of_work(tenant_id=TENANT) as uow:
        sql_clients(uow).add_many([*dubois, *dupont])
        uow.commit()
    in_order = sorted(dupont, key=lambda c: search_key(c.display_name))
    with (
        recorded_statements(store.engine) as statements,
        store.unit_of_work(tenant_id=TENANT) as uow,
    ):
        found = uow.clients.search("claire dup")
    assert [c.id for c in found] == [c.id for c in in_order[:20]]
    # The count of the keys, the keys of every word, the start of each key, then the clients.
    assert len(statements) == 4


def test_when_the_start_of_each_key_is_not_enough_the_rarest_word_answers(
    store: SqlStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sql_search, "_COUNT_CAP", 10)
    clients = [_claire(f"a-{n:03d}", f"Atelier Dubois {1000 + n}", "Lefèvre") for n in range(300)]
    store_one(store, *clients)
    # "120" starts too many keys to be walked (1200 to 1209); the first 128 Claires in name
    # order (« Atelier Dubois 1000 »... « 1127 ») hold none of them.
    expected = sorted(
        (c for c in clients if matches_prefix(c, "claire 120")),
        key=lambda c: (search_key(c.display_name), c.id),
    )[:20]
    with (
        recorded_statements(store.engine) as statements,
        store.unit_of_work(tenant_id=TENANT) as uow,
    ):
        found = uow.clients.search("claire 120")
    assert [c.id for c in found] == [c.id for c in expected]
    assert len(statements) == 5


@pytest.mark.parametrize(
    ("word", "after"),
    [
        ("dub", "duc"),
        ("a", "b"),
        ("z9", "z:"),
        ("\ud7ff", "\ue000"),  # the surrogates are skipped
        ("ab\U0010ffff", "ac"),
        ("\U0010ffff", None),
    ],
)
def test_the_range_of_a_prefix_ends_at_the_smallest_text_above_it(
    word: str, after: str | None
) -> None:
    assert _after_prefix(word) == after


# --- SQLite files and URLs ------------------------------------------------------------------------


def test_a_sqlite_file_is_opened_with_foreign_keys_wal_and_a_busy_timeout(
    sqlite_path: Path,
) -> None:
    with SqlStore(sqlite_path, timeout=2.5) as store, store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 2500


def test_a_path_a_text_path_a_url_and_an_engine_open_the_same_sqlite_file(
    sqlite_store: SqlStore, sqlite_path: Path
) -> None:
    store_one(sqlite_store, company("cl-1", "Garage du Lys"))
    engine = create_engine(f"sqlite:///{sqlite_path}")
    try:
        for database in (sqlite_path, str(sqlite_path), f"sqlite:///{sqlite_path}", engine):
            with SqlStore(database) as store, store.unit_of_work(tenant_id=TENANT) as uow:
                assert store.url == str(sqlite_path)
                assert uow.clients.get("cl-1").name == "Garage du Lys"
    finally:
        engine.dispose()


def test_a_relative_path_names_a_file_in_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with SqlStore("clientbook.sqlite") as store:
        store.create_schema()
        assert store.url == "clientbook.sqlite"
    assert (tmp_path / "clientbook.sqlite").is_file()


def test_the_url_shown_hides_the_password() -> None:
    with SqlStore("postgresql://clientbook:s3cr3t@db.example.fr:5432/crm") as store:
        assert store.url == "postgresql+psycopg://clientbook:***@db.example.fr:5432/crm"
        assert "s3cr3t" not in repr(store)
        assert store.engine.url.drivername == "postgresql+psycopg"


# --- two units of work at once --------------------------------------------------------------------


def test_of_two_units_at_once_the_stale_one_writes_nothing_not_even_the_children(
    store: SqlStore,
) -> None:
    store_one(store, full_company(1))
    first = store.unit_of_work(tenant_id=TENANT)
    second = store.unit_of_work(tenant_id=TENANT)
    with first, second:
        mine, theirs = first.clients.get("cl-000001"), second.clients.get("cl-000001")
        kept = first.clients.update(attrs.evolve(mine, name="Garage Moderne", contacts=()))
        first.commit()
        with pytest.raises(StaleClient) as refused:
            second.clients.update(
                attrs.evolve(theirs, contacts=(Contact(first_name="Intrus", primary=True),))
            )
        second.commit()
    assert (refused.value.expected_version, refused.value.actual_version) == (1, 2)
    with store.unit_of_work(tenant_id=TENANT) as uow:
        assert uow.clients.get("cl-000001") == kept
        assert uow.clients.search("intrus") == []


def test_a_second_writer_on_sqlite_waits_then_gets_database_locked(
    sqlite_store: SqlStore, sqlite_path: Path
) -> None:
    with SqlStore(sqlite_path, timeout=0.1) as impatient:
        writing = sqlite_store.unit_of_work(tenant_id=TENANT)
        with writing:
            writing.clients.add(company("cl-1", "Garage du Lys"))
            writing.clients.list()  # the insert is sent: this unit holds the write lock
            with impatient.unit_of_work(tenant_id=TENANT) as other:
                other.clients.add(company("cl-2", "Menuiserie Petit"))
                with pytest.raises(DatabaseLocked) as refused:
                    other.commit()
            writing.commit()
        assert refused.value.url == str(sqlite_path)
        with impatient.unit_of_work(tenant_id=TENANT) as uow:
            assert [c.id for c in uow.clients.list()] == ["cl-1"]


def test_a_database_locked_by_another_program_gives_database_locked(sqlite_path: Path) -> None:
    with SqlStore(sqlite_path, timeout=0.1) as store:
        store.create_schema()
        other_program = sqlite3.connect(sqlite_path)
        try:
            other_program.execute("BEGIN EXCLUSIVE")
            with store.unit_of_work(tenant_id=TENANT) as uow:
                uow.clients.add(company("cl-1", "Garage du Lys"))
                with pytest.raises(DatabaseLocked) as refused:
                    uow.commit()
        finally:
            other_program.rollback()
            other_program.close()
        assert "locked" in refused.value.message("en")
        with store.unit_of_work(tenant_id=TENANT) as uow:
            assert uow.clients.list() == []


def test_a_client_is_read_whole_with_its_children_of_the_same_version(store: SqlStore) -> None:
    store_one(store, full_company(1))
    with store.unit_of_work(tenant_id=TENANT) as uow:
        before = uow.clients.get("cl-000001")
    changed: list[object] = []

    def commit_a_change_just_before_the_read(statement: str) -> None:
        if not changed and statement.startswith("SELECT") and "clientbook_contacts" in statement:
            with store.unit_of_work(tenant_id=TENANT) as other:
                changed.append(
                    other.clients.update(
                        attrs.evolve(before, contacts=before.contacts[1:], name="Renommé")
                    )
                )
                other.commit()

    with (
        store.unit_of_work(tenant_id=TENANT) as uow,
        before_statements(store.engine, commit_a_change_just_before_the_read),
    ):
        read = uow.clients.get("cl-000001")
    # One statement reads the client and its children: all of the version committed.
    assert changed
    assert read == changed[0]
    assert len(read.contacts) == 1


# --- tenants ------------------------------------------------------------------------------------


def test_every_statement_of_a_unit_filters_on_its_tenant(store: SqlStore) -> None:
    store_one(store, full_company(1), full_company(2), tenant_id=OTHER_TENANT)
    store_one(store)  # the schema is checked: that statement is not the unit's
    with (
        recorded_statements(store.engine) as statements,
        store.unit_of_work(tenant_id=TENANT) as uow,
    ):
        uow.clients.add(full_company(3))
        uow.clients.get_many(["cl-000001", "cl-000002", "cl-000003"])
        copy = uow.clients.get("cl-000003")
        uow.clients.update(attrs.evolve(copy, name="Renommé"))
        uow.clients.search("hél pet")
        uow.clients.search("renomm", include_archived=True)
        uow.clients.list(after="cl-000000")
        uow.clients.by_sirets(["12345678200010"])
        uow.clients.by_vats(["FR11123456782"])
        uow.clients.by_duplicate_keys([("siren", "123456782"), ("email", "helene@petit.fr")])
        for missing in ("cl-000001", "cl-000002"):
            with pytest.raises(ClientbookError):
                uow.clients.remove(missing)
        uow.clients.remove("cl-000003")
        uow.commit()
    assert len(statements) > 20
    for statement in statements:
        assert "tenant_id" in statement.text, statement
        assert TENANT in statement.values(), statement
        assert OTHER_TENANT not in statement.values(), statement


# --- add_many -----------------------------------------------------------------------------------


def test_add_many_adds_every_client_or_none(store: SqlStore) -> None:
    store_one(store, company("cl-2", "Garage du Lys"))
    with store.unit_of_work(tenant_id=TENANT) as uow:
        clients = sql_clients(uow)
        with pytest.raises(ClientExists) as taken:
            clients.add_many([company("cl-1", "Boulangerie"), company("cl-2", "Garage")])
        assert taken.value.client_id == "cl-2"
        with pytest.raises(ClientExists) as twice:
            clients.add_many([company("cl-3", "Pâtisserie"), company("cl-3", "Pâtisserie")])
        assert twice.value.client_id == "cl-3"
        added = clients.add_many(company(f"cl-{n}", f"Menuiserie {n}") for n in (4, 5))
        assert [(c.id, c.version) for c in added] == [("cl-4", 1), ("cl-5", 1)]
        assert clients.add_many([]) == []
        uow.commit()
    with store.unit_of_work(tenant_id=TENANT) as uow:
        assert [c.id for c in uow.clients.list()] == ["cl-2", "cl-4", "cl-5"]


def test_an_id_stored_by_another_unit_after_this_one_read_it_absent_is_refused_at_commit(
    store: SqlStore,
) -> None:
    with store.unit_of_work(tenant_id=TENANT) as uow:
        assert uow.clients.get_many(["cl-1", "cl-2"]) == {}  # an import reads first
        store_one(store, company("cl-2", "Garage du Lys"))  # another unit, meanwhile
        uow.clients.add(company("cl-1", "Boulangerie Martin"))
        uow.clients.add(company("cl-2", "Garage Lefranc"))  # not checked again: read absent
        with pytest.raises(ClientExists) as refused:
            uow.commit()
    assert refused.value.client_id == "cl-2"
    with store.unit_of_work(tenant_id=TENANT) as uow:
        assert [(c.id, c.name) for c in uow.clients.list()] == [("cl-2", "Garage du Lys")]


def test_by_sirets_and_by_vats_group_the_clients_by_compact_number(store: SqlStore) -> None:
    store_one(
        store,
        company("cl-3", "Dubois Holding", siret="123 456 782 00010", vat_number="FR11123456782"),
        company("cl-1", "Dubois & Fils", siret="12345678200010", vat_number="fr 11 123456782"),
        company("cl-2", "Boulangerie Martin", siret="40483304800014", active=False),
        company("cl-4", "Sans numéro"),
    )
    store_one(store, company("cl-9", "Garage Girard", siret="40483304800014"), tenant_id="x")
    with store.unit_of_work(tenant_id=TENANT) as uow:
        by_siret = uow.clients.by_sirets(["404 833 048 00014", "12345678200010", "", "555"])
        by_vat = uow.clients.by_vats(iter(["FR 11 123 456 782", "FR83404833048"]))
        assert uow.clients.by_sirets([]) == {} == uow.clients.by_vats([""])
    assert {number: [c.id for c in found] for number, found in by_siret.items()} == {
        "12345678200010": ["cl-1", "cl-3"],
        "40483304800014": ["cl-2"],
    }
    assert {number: [c.id for c in found] for number, found in by_vat.items()} == {
        "FR11123456782": ["cl-1", "cl-3"]
    }


def test_a_client_added_then_changed_or_removed_in_the_same_unit(store: SqlStore) -> None:
    with store.unit_of_work(tenant_id=TENANT) as uow:
        added = uow.clients.add(company("cl-1", "Garage du Lys"))
        changed = uow.clients.update(attrs.evolve(added, name="Garage du Lys et Fils"))
        uow.clients.add(company("cl-2", "Menuiserie Petit"))
        uow.clients.remove("cl-2")
        uow.commit()
    assert changed.version == 2
    with store.unit_of_work(tenant_id=TENANT) as uow:
        assert uow.clients.list() == [changed]
        assert uow.clients.list(limit=0) == [] == uow.clients.search("garage", limit=0)


def test_a_unit_of_work_is_used_in_a_with_block_and_entered_again_joins_it(
    sqlite_store: SqlStore,
) -> None:
    uow = sqlite_store.unit_of_work(tenant_id=TENANT)
    assert repr(uow) == f"<SqlUnitOfWork tenant_id='{TENANT}' on {sqlite_store.url}>"
    assert repr(uow.clients) == f"<SqlClientRepository tenant_id='{TENANT}'>"
    with pytest.raises(RuntimeError, match="with block"):
        uow.clients.get("cl-1")
    with pytest.raises(RuntimeError, match="with block"):
        uow.commit()
    with pytest.raises(RuntimeError, match="with block"):
        uow.rollback()
    with uow:
        with uow:  # a service in the host's transaction
            uow.clients.add(company("cl-1", "Garage du Lys"))
            uow.commit()  # left to the outermost block
        with sqlite_store.unit_of_work(tenant_id=TENANT) as other:
            assert other.clients.list() == []
    with uow:  # again, after the block ended: nothing was committed
        assert uow.clients.list() == []
    with pytest.raises(TypeError, match="tenant_id must be text"):
        sqlite_store.unit_of_work(tenant_id=42)  # type: ignore[arg-type]


def test_a_read_that_fails_rolls_the_unit_back_and_stops_it(store: SqlStore) -> None:
    store_one(store, full_company(1))
    error = store.engine.dialect.loaded_dbapi.OperationalError

    def fail(statement: str) -> None:
        if statement.startswith("SELECT") and "clientbook_delivery_addresses" in statement:
            raise error("disk I/O error")

    with store.unit_of_work(tenant_id=TENANT) as uow:
        uow.clients.add(full_company(2))
        with before_statements(store.engine, fail), pytest.raises(StorageError):
            uow.clients.get("cl-000001")
        with pytest.raises(RuntimeError, match="rolled back after an error"):
            uow.clients.get("cl-000001")
    with store.unit_of_work(tenant_id=TENANT) as uow:
        assert [c.id for c in uow.clients.list()] == ["cl-000001"]


# --- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [os.urandom(8192), b"hello", b"SQLite format 3\x00" + b"\xff" * 4000],
    ids=["junk", "short", "damaged header"],
)
def test_a_file_that_is_not_a_sqlite_database_is_refused_as_damaged(
    sqlite_path: Path, content: bytes
) -> None:
    sqlite_path.write_bytes(content)
    with SqlStore(sqlite_path) as store:
        with pytest.raises(DatabaseDamaged) as refused:
            store.create_schema()
        assert refused.value.url == str(sqlite_path)
        assert str(sqlite_path) in refused.value.message("en")
        with pytest.raises(DatabaseDamaged), store.unit_of_work(tenant_id=TENANT):
            pass
    assert sqlite_path.read_bytes() == content  # left as it was


def test_an_empty_file_has_no_clientbook_tables(sqlite_path: Path) -> None:
    sqlite_path.touch()
    with SqlStore(sqlite_path) as store:
        with pytest.raises(SchemaMismatch) as refused, store.unit_of_work(tenant_id=TENANT):
            pass
        assert refused.value.found_version is None
        assert "create them first" in refused.value.message("en")
        store.create_schema()
        store_one(store, company("cl-1", "Garage du Lys"))


@pytest.mark.parametrize(
    ("version", "words"),
    [(SCHEMA_VERSION - 1, "migrate the database"), (SCHEMA_VERSION + 1, "upgrade clientbook")],
    ids=["older", "newer"],
)
def test_tables_of_another_schema_version_are_refused_and_left_alone(
    sqlite_path: Path, version: int, words: str
) -> None:
    with SqlStore(sqlite_path) as made:
        made.create_schema()
        with made.engine.begin() as connection:
            connection.execute(update(metadata.tables["clientbook_schema"]).values(version=version))
    with SqlStore(sqlite_path) as store:
        with pytest.raises(SchemaMismatch) as refused, store.unit_of_work(tenant_id=TENANT):
            pass
        assert (refused.value.found_version, refused.value.expected_version) == (
            version,
            SCHEMA_VERSION,
        )
        assert words in refused.value.message("en")
        with pytest.raises(SchemaMismatch):
            store.create_schema()
        with store.engine.connect() as connection:
            recorded = connection.exec_driver_sql("SELECT version FROM clientbook_schema")
            assert recorded.scalar_one() == version


@pytest.mark.postgres
def test_tables_of_another_schema_version_are_refused_on_postgres(
    postgres_store: SqlStore, postgres_engine: Engine
) -> None:
    with postgres_engine.begin() as connection:
        connection.execute(update(metadata.tables["clientbook_schema"]).values(version=99))
    with (
        SqlStore(postgres_engine) as store,
        pytest.raises(SchemaMismatch) as refused,
        store.unit_of_work(tenant_id=TENANT),
    ):
        pass
    assert refused.value.found_version == 99


@pytest.mark.parametrize(
    "database",
    [
        "nosuchdatabase://somewhere/db",
        "mysql://clientbook:s3cr3t@localhost/crm",  # its driver is not installed
    ],
)
def test_a_url_that_cannot_be_used_gives_a_storage_error(database: str) -> None:
    with pytest.raises(StorageError) as refused:
        SqlStore(database)
    assert "s3cr3t" not in str(refused.value)
    assert "s3cr3t" not in refused.value.url


def test_a_file_in_a_folder_that_does_not_exist_gives_a_storage_error(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "clientbook.sqlite"
    with SqlStore(path) as store, pytest.raises(StorageError) as refused:
        store.create_schema()
    assert type(refused.value) is StorageError
    assert refused.value.url == str(path)
    assert "unable to open database file" in refused.value.detail


def test_a_server_that_does_not_answer_gives_a_storage_error_without_the_password() -> None:
    url = "postgresql://clientbook:s3cr3t@127.0.0.1:9/clientbook"  # port 9: discard, closed
    with SqlStore(url, timeout=1) as store:
        with pytest.raises(StorageError) as refused, store.unit_of_work(tenant_id=TENANT):
            pass
        assert refused.value.url == "postgresql+psycopg://clientbook:***@127.0.0.1:9/clientbook"
        assert "s3cr3t" not in str(refused.value)


@pytest.mark.parametrize(
    "error",
    [
        StorageError("crm.sqlite", "disk I/O error"),
        DatabaseLocked("crm.sqlite", "database is locked"),
        DatabaseDamaged("crm.sqlite", "file is not a database"),
        SchemaMismatch("crm.sqlite", found_version=None, expected_version=1),
        SchemaMismatch("crm.sqlite", found_version=2, expected_version=1),
    ],
    ids=repr,
)
def test_storage_errors_pickle_and_explain_themselves(error: StorageError) -> None:
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is type(error)
    assert vars(again) == vars(error)
    assert isinstance(error, ClientbookError)
    assert "crm.sqlite" in error.message("en")
    assert "crm.sqlite" in error.message("fr")
    assert str(error) == error.message("fr")


# --- failures in the middle of a unit -----------------------------------------------------------


def _fail_at(store: SqlStore, table: str) -> AbstractContextManager[None]:
    """Make the driver fail when it is sent an INSERT into *table*, as a full disk would."""
    error = store.engine.dialect.loaded_dbapi.OperationalError

    def fail(statement: str) -> None:
        if statement.startswith(f"INSERT INTO {table}"):
            raise error("disk I/O error")

    return before_statements(store.engine, fail)


def test_a_failure_while_writing_added_clients_rolls_the_whole_unit_back(
    store: SqlStore,
) -> None:
    store_one(store, full_company(1))
    with store.unit_of_work(tenant_id=TENANT) as uow:
        copy = uow.clients.get("cl-000001")
        uow.clients.update(attrs.evolve(copy, name="Renommé"))
        sql_clients(uow).add_many(full_company(n) for n in range(2, 50))
        with _fail_at(store, "clientbook_search_keys"), pytest.raises(StorageError) as refused:
            uow.commit()
        assert "disk I/O error" in refused.value.detail
        with pytest.raises(RuntimeError, match="rolled back after an error"):
            uow.commit()
        uow.rollback()  # acknowledged: the unit can be used again
        assert uow.clients.get("cl-000001") == copy
    with store.unit_of_work(tenant_id=TENANT) as uow:
        assert uow.clients.list() == [copy]
        assert uow.clients.search("renomm") == []


def test_a_failure_while_replacing_a_clients_children_leaves_it_as_it_was(
    store: SqlStore,
) -> None:
    store_one(store, full_company(1))
    with store.unit_of_work(tenant_id=TENANT) as uow:
        copy = uow.clients.get("cl-000001")
        uow.clients.update(attrs.evolve(copy, name="Renommé", contacts=copy.contacts[:1]))
        with _fail_at(store, "clientbook_contacts"), pytest.raises(StorageError):
            uow.commit()
    with store.unit_of_work(tenant_id=TENANT) as uow:
        assert uow.clients.get("cl-000001") == copy


@pytest.mark.postgres
def test_a_connection_lost_in_the_middle_of_a_unit_gives_a_storage_error_and_saves_nothing(
    postgres_store: SqlStore, postgres_url: str
) -> None:
    store_one(postgres_store, full_company(1))
    admin = create_engine(postgres_url)
    try:
        with postgres_store.unit_of_work(tenant_id=TENANT) as uow:
            sql_clients(uow).add_many(full_company(n) for n in range(2, 20))
            uow.clients.list()  # the inserts are sent, not committed
            connection = uow._session.live()
            pid = connection.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
            with admin.begin() as connection:
                connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            with pytest.raises(StorageError) as refused:
                uow.commit()
    finally:
        admin.dispose()
    assert type(refused.value) is StorageError
    with postgres_store.unit_of_work(tenant_id=TENANT) as uow:
        assert [c.id for c in uow.clients.list()] == ["cl-000001"]


# --- the search index ---------------------------------------------------------------------------


def _search_statements(store: SqlStore, typed: str) -> dict[str, tuple[str, Any]]:
    """The statements of a search that read the search keys: count, keys, ids."""
    with (
        recorded_statements(store.engine) as statements,
        store.unit_of_work(tenant_id=TENANT) as uow,
    ):
        uow.clients.search(typed)
    found: dict[str, tuple[str, Any]] = {}
    for statement in statements:
        if statement.text.startswith("SELECT (SELECT count"):
            found["count"] = statement.text, statement.parameters
        elif statement.text.startswith("WITH RECURSIVE"):
            found["keys"] = statement.text, statement.parameters
        elif "clientbook_search_keys" in statement.text:
            found["ids"] = statement.text, statement.parameters
    assert set(found) == {"count", "keys", "ids"}, statements
    return found


def _plan(store: SqlStore, statement: str, parameters: Any) -> str:
    with store.engine.connect() as connection:
        rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        return " / ".join(row[-1] for row in rows)


KEY_RANGE = "ix_clientbook_search_keys_key (tenant_id=? AND key>? AND key<?)"
# The client's own keys: a range of the primary key, which is the table itself (WITHOUT ROWID).
OWN_KEYS = "USING PRIMARY KEY (tenant_id=? AND client_id=? AND key>? AND key<?)"


def test_prefix_search_reads_the_search_key_index_never_a_scan_on_sqlite(
    sqlite_store: SqlStore,
) -> None:
    store_one(sqlite_store, *(full_company(n) for n in range(200)))
    for typed in ("bou", "hélène pet", "123 45"):
        statements = _search_statements(sqlite_store, typed)
        plans = {name: _plan(sqlite_store, *statement) for name, statement in statements.items()}
        assert all(" LIKE " not in statement for statement, _ in statements.values())
        for plan in plans.values():
            assert "SCAN clientbook" not in plan, plan
            assert "INDEX ix_clientbook_search_keys_key (tenant_id=?)" not in plan, plan
        # The rarest word: counted on a range of the index, its distinct keys sought in it.
        assert KEY_RANGE in plans["count"], plans["count"]
        assert "ix_clientbook_search_keys_key (tenant_id=? AND key>?" in plans["keys"]
        # Each key's clients in result order straight from the index: no sort.
        key_in_order = "ix_clientbook_search_keys_key (tenant_id=? AND key=? AND active=?)"
        assert key_in_order in plans["ids"], plans["ids"]
        if " " in typed:  # the other words: a range of each candidate's own keys
            assert OWN_KEYS in plans["ids"], plans["ids"]
        else:
            assert "TEMP B-TREE" not in plans["ids"], plans["ids"]


def test_a_word_that_starts_many_keys_reads_its_range_of_the_index_on_sqlite(
    sqlite_store: SqlStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sql_search, "_MERGE_KEYS", 0)
    store_one(sqlite_store, *(full_company(n) for n in range(200)))
    for typed in ("bou", "hélène pet"):
        plan = _plan(sqlite_store, *_search_statements(sqlite_store, typed)["ids"])
        assert KEY_RANGE in plan, plan
        assert "SCAN clientbook" not in plan, plan


@pytest.mark.parametrize(
    ("lookup", "index"),
    [
        ("by_sirets", "ix_clientbook_clients_siret (tenant_id=? AND siret_compact=?)"),
        ("by_vats", "ix_clientbook_clients_vat (tenant_id=? AND vat_compact=?)"),
    ],
)
def test_identifier_lookups_seek_their_index_rather_than_read_every_client_on_sqlite(
    sqlite_store: SqlStore, lookup: str, index: str
) -> None:
    # A new database has no statistics: asked to order by id, SQLite would read the tenant's
    # clients in the order of their primary key, all of them, for each lookup of an import.
    store_one(
        sqlite_store,
        *(
            company(f"cl-{n:04d}", f"Garage {n}", siret=f"{n:014d}", vat_number=f"FR{n:011d}")
            for n in range(200)
        ),
    )
    number = "12345678200010" if "sire" in lookup else "FR11123456782"
    with (
        recorded_statements(sqlite_store.engine) as statements,
        sqlite_store.unit_of_work(tenant_id=TENANT) as uow,
    ):
        getattr(uow.clients, lookup)([number])
    plan = _plan(sqlite_store, statements[0].text, statements[0].parameters)
    # Each client's contacts and delivery addresses: a range of their primary key.
    children = " / ".join(
        f"CORRELATED SCALAR SUBQUERY {n} / SEARCH {table} USING INDEX "
        f"sqlite_autoindex_{table}_1 (tenant_id=? AND client_id=?)"
        for n, table in enumerate(("clientbook_contacts", "clientbook_delivery_addresses"), 1)
    )
    assert plan == f"SEARCH clientbook_clients USING INDEX {index} / {children}", plan


def test_identifier_lookups_order_each_numbers_clients_by_id(store: SqlStore) -> None:
    ids = ["cl-b", "cl-A", "cl-é", "cl-a", "cl-10", "cl-9"]
    numbers = {"siren": "123456782", "siret": "12345678200010"}
    store_one(store, *(company(i, "Garage Dubois", **numbers) for i in ids))
    with store.unit_of_work(tenant_id=TENANT) as uow:
        assert [c.id for c in uow.clients.by_duplicate_keys([("siren", "123456782")])] == sorted(
            ids
        )
        found = uow.clients.by_sirets(["12345678200010"])
        assert [c.id for c in found["12345678200010"]] == sorted(ids)


def test_the_start_of_each_key_of_common_words_is_read_from_the_index_on_sqlite(
    sqlite_store: SqlStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sql_search, "_COUNT_CAP", 10)
    store_one(sqlite_store, *(full_company(n) for n in range(200)))
    # Every client has a contact Hélène and a contact Jérôme Petit: both words are common.
    plan = _plan(sqlite_store, *_search_statements(sqlite_store, "hélène jér")["ids"])
    assert "SCAN clientbook" not in plan, plan
    assert "ix_clientbook_search_keys_key (tenant_id=? AND key=? AND active=?)" in plan, plan
    assert OWN_KEYS in plan, plan


@pytest.mark.postgres
def test_prefix_search_reads_a_range_of_the_search_key_index_on_postgres(
    postgres_store: SqlStore,
) -> None:
    with postgres_store.unit_of_work(tenant_id=TENANT) as uow:
        sql_clients(uow).add_many(full_company(n) for n in range(3000))
        uow.commit()
    with postgres_store.engine.begin() as connection:
        connection.exec_driver_sql("ANALYZE")
    for typed in ("1234", "martin 1234", "hélène"):
        statements = _search_statements(postgres_store, typed)
        for name, (statement, parameters) in statements.items():
            with postgres_store.engine.connect() as connection:
                plan = "\n".join(
                    row[0] for row in connection.exec_driver_sql(f"EXPLAIN {statement}", parameters)
                )
            assert "Seq Scan" not in plan, (name, plan)
            assert "ix_clientbook_search_keys_key" in plan, (name, plan)


@pytest.mark.postgres
def test_the_start_of_each_key_of_common_words_is_read_from_the_index_on_postgres(
    postgres_store: SqlStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sql_search, "_COUNT_CAP", 10)
    with postgres_store.unit_of_work(tenant_id=TENANT) as uow:
        sql_clients(uow).add_many(full_company(n) for n in range(3000))
        uow.commit()
    # No ANALYZE: a new database has no statistics.
    statement, parameters = _search_statements(postgres_store, "hélène jér")["ids"]
    assert "OFFSET" in statement  # the start of each key and the entry that ends it
    with postgres_store.engine.connect() as connection:
        plan = "\n".join(
            row[0] for row in connection.exec_driver_sql(f"EXPLAIN {statement}", parameters)
        )
    assert "Seq Scan" not in plan, plan
    assert "ix_clientbook_search_keys_key" in plan, plan


# The clients of one start, in result order, straight from its index.
ONE_START_IN_ORDER = "ix_clientbook_search_keys_start (tenant_id=? AND start=? AND active=?)"


@pytest.mark.parametrize("typed", ["f", "fr", "4", "40", "m", "4 0"])
def test_a_word_of_one_or_two_characters_reads_the_clients_of_its_starts_in_order_on_sqlite(
    sqlite_store: SqlStore, typed: str
) -> None:
    # 1,000 VAT numbers and SIRETs: "fr" starts 1,000 keys, "4" and "40" more than 64. A word
    # of two characters is one start, its clients in result order in the index of starts; a
    # word of one character, the starts that start with it ("40", "41"...), merged.
    clients = french_companies(1000)
    with sqlite_store.unit_of_work(tenant_id=TENANT) as uow:
        sql_clients(uow).add_many(clients)
        uow.commit()
    with (
        recorded_statements(sqlite_store.engine) as statements,
        sqlite_store.unit_of_work(tenant_id=TENANT) as uow,
    ):
        found = uow.clients.search(typed)
    expected = sorted(
        (c for c in clients if matches_prefix(c, typed)),
        key=lambda c: (search_key(c.display_name), c.id),
    )[:20]
    assert [c.id for c in found] == [c.id for c in expected]
    # The count, the starts of a word of one character, the ids, the clients.
    assert len(statements) == (3 if len(typed) == 2 else 4), statements
    ids = statements[-2]
    plan = _plan(sqlite_store, ids.text, ids.parameters)
    assert ONE_START_IN_ORDER in plan, plan
    assert "TEMP B-TREE" not in plan, plan
    assert "SCAN clientbook" not in plan, plan
    assert KEY_RANGE not in plan, plan
    if " " in typed:  # "4" and "0" share few clients: read no further than the whole text's
        assert "AND active=? AND sort_key<?)" in plan, plan


def test_a_common_word_that_starts_many_keys_walks_the_start_of_its_first_two_characters(
    sqlite_store: SqlStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "fr1" starts about a hundred VAT numbers of 1,000: more than 64 keys, and, with a cap of
    # 50, a common word. Its clients are those of the start "fr" in result order, each checked
    # on its own keys, until the limit: no range read, no sort.
    monkeypatch.setattr(sql_search, "_COUNT_CAP", 50)
    clients = french_companies(1000)
    with sqlite_store.unit_of_work(tenant_id=TENANT) as uow:
        sql_clients(uow).add_many(clients)
        uow.commit()
    # "FR 1": the words "fr" and "1", or the whole text "fr1", which walks the same way.
    for typed in ("fr1", "FR 1"):
        with (
            recorded_statements(sqlite_store.engine) as statements,
            sqlite_store.unit_of_work(tenant_id=TENANT) as uow,
        ):
            found = uow.clients.search(typed)
        expected = sorted(
            (c for c in clients if matches_prefix(c, typed)),
            key=lambda c: (search_key(c.display_name), c.id),
        )[:20]
        assert [c.id for c in found] == [c.id for c in expected]
        ids = statements[-2]
        plan = _plan(sqlite_store, ids.text, ids.parameters)
        assert ONE_START_IN_ORDER in plan, plan
        assert OWN_KEYS in plan, plan
        assert KEY_RANGE not in plan, plan
        assert "SCAN clientbook" not in plan, plan
        if typed == "fr1":
            assert "TEMP B-TREE" not in plan, plan


@pytest.mark.postgres
def test_short_and_common_words_read_one_key_in_result_order_on_postgres(
    postgres_store: SqlStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sql_search, "_COUNT_CAP", 50)
    with postgres_store.unit_of_work(tenant_id=TENANT) as uow:
        sql_clients(uow).add_many(french_companies(3000))
        uow.commit()
    # No ANALYZE: a new database has no statistics.
    for typed in ("f", "fr", "4", "fr1", "FR 1"):
        with (
            recorded_statements(postgres_store.engine) as statements,
            postgres_store.unit_of_work(tenant_id=TENANT) as uow,
        ):
            assert len(uow.clients.search(typed)) == 20
        statement = statements[-2]
        with postgres_store.engine.connect() as connection:
            plan = "\n".join(
                row[0]
                for row in connection.exec_driver_sql(
                    f"EXPLAIN {statement.text}", statement.parameters
                )
            )
        assert "Seq Scan" not in plan, (typed, plan)
        assert "Sort" not in plan, (typed, plan)
        assert "ix_clientbook_search_keys_start" in plan, (typed, plan)


def test_a_search_of_two_thousand_words_is_refused_before_any_statement(store: SqlStore) -> None:
    store_one(store, *(full_company(n) for n in range(20)))
    # Each word was a column of the count: past 2,000 (SQLite) or 1,664 (PostgreSQL), the
    # database refused the statement, after seconds of work.
    typed = " ".join(f"mot{n}" for n in range(2000))
    with (
        recorded_statements(store.engine) as statements,
        store.unit_of_work(tenant_id=TENANT) as uow,
        pytest.raises(SearchTooLong) as refused,
    ):
        uow.clients.search(typed)
    assert refused.value.length == len(typed)
    assert statements == []


def test_reads_of_one_shape_build_their_statements_once(sqlite_store: SqlStore) -> None:
    store_one(sqlite_store, *(full_company(n) for n in range(20)))
    reads = search_statements
    cached = (
        reads.key_counts,
        reads.keys_starting,
        reads.ids,
        client_statements.clients_in,
    )
    typed = ("boulangerie martin", "garage dubois", "menuiserie lefèvre")
    with sqlite_store.unit_of_work(tenant_id=TENANT) as uow:
        for text in typed:
            assert uow.clients.search(text)
        built = [statement.cache_info().misses for statement in cached]
        for text in reversed(typed):  # typed again, in capitals: the same shapes
            assert uow.clients.search(text.upper())
    assert [statement.cache_info().misses for statement in cached] == built


def test_a_database_other_than_sqlite_or_postgresql_is_refused_when_the_store_opens() -> None:
    # A MySQL engine that never connects: its driver module is a stand-in.
    from unittest import mock

    import sqlalchemy

    engine = sqlalchemy.create_engine(
        "mysql+pymysql://compta@db.example/clients", module=mock.MagicMock(paramstyle="format")
    )
    with pytest.raises(UnsupportedDatabase) as refused:
        SqlStore(engine)
    assert refused.value.dialect == "mysql"
    assert refused.value.message("en") == (
        "The database mysql+pymysql://compta@db.example/clients is a mysql database: clientbook "
        "stores clients in SQLite or PostgreSQL only; nothing was saved."
    )
    assert "SQLite ou PostgreSQL" in refused.value.message("fr")


def test_a_mysql_url_is_refused_as_unsupported_before_its_driver_is_loaded() -> None:
    import sys

    with pytest.raises(UnsupportedDatabase) as refused:
        SqlStore("mysql://compta:s3cr3t@db.example/clients")
    assert refused.value.dialect == "mysql"
    assert refused.value.url == "mysql://compta:***@db.example/clients"
    assert "MySQLdb" not in sys.modules
    assert "SQLite ou PostgreSQL" in str(refused.value)


@pytest.mark.parametrize(
    "database",
    [
        ":memory:",
        "sqlite:///:memory:",
        "sqlite://",
        "",
        "sqlite:///file::memory:?cache=shared&uri=true",
        "sqlite:///file:clients?mode=memory&cache=shared&uri=true",
    ],
)
def test_a_sqlite_database_in_memory_is_refused_for_it_would_keep_nothing(database: str) -> None:
    with pytest.raises(DatabaseInMemory) as refused:
        SqlStore(database)
    assert refused.value.message("en").endswith(
        "would be kept in memory and lost when the program ends: give the path of a SQLite "
        "file, or a PostgreSQL URL; nothing was saved."
    )
    assert "en mémoire" in str(refused.value)


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """Make *folder* read-only for this program, root included (``chattr +i``), then again not."""
    if os.name != "posix":
        pytest.skip("folder permissions as POSIX has them")
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    # Root writes to any folder, but not to an immutable one.
    made = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, check=False)
    if made.returncode != 0:
        pytest.skip("running as root, and chattr +i is not available here")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_a_sqlite_file_in_a_read_only_folder_can_be_searched_and_refuses_writes(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "partage"
    folder.mkdir()
    path = folder / "clients.sqlite"
    with SqlStore(path) as store:
        store.create_schema()
        store_one(store, company("cl-1", "Boulangerie Martin"))
    assert sorted(os.listdir(folder)) == ["clients.sqlite"]  # the log is merged back
    with read_only(folder), SqlStore(path) as store:
        store.create_schema()  # the tables are there: nothing to write
        with store.unit_of_work(tenant_id=TENANT) as uow:
            assert [c.id for c in uow.clients.search("boul")] == ["cl-1"]
        with pytest.raises(DatabaseReadOnly) as refused:
            store_one(store, company("cl-2", "Garage Roux"))
        assert refused.value.message("en") == (
            f"The database {path} can be read but not written (the file or its folder is "
            "read-only); nothing was saved: choose a file in a folder you can write to."
        )
        assert sorted(os.listdir(folder)) == ["clients.sqlite"]
    with SqlStore(path) as store, store.unit_of_work(tenant_id=TENANT) as uow:
        assert [c.id for c in uow.clients.search("boul")] == ["cl-1"]


def test_a_read_only_sqlite_file_is_read_again_when_another_program_changed_it(
    sqlite_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clientbook._adapters.sql import store as sql_store

    writer = SqlStore(sqlite_path)
    writer.create_schema()
    store_one(writer, company("cl-1", "Boulangerie Martin"))
    # The writer keeps its connection; a store opened now sees a folder it cannot write to,
    # and reads the file as it is (immutable, while no log is beside it).
    monkeypatch.setattr(sql_store, "_writable", lambda folder: False)
    with SqlStore(sqlite_path) as reader:
        with reader.unit_of_work(tenant_id=TENANT) as uow:
            assert [c.id for c in uow.clients.search("boul")] == ["cl-1"]
        store_one(writer, company("cl-2", "Boulangerie Roux"))
        with reader.unit_of_work(tenant_id=TENANT) as uow:
            assert [c.id for c in uow.clients.search("boul")] == ["cl-1", "cl-2"]
        with pytest.raises(DatabaseReadOnly):
            store_one(reader, company("cl-3", "Garage Roux"))
    writer.close()


def test_duplicate_key_lookups_seek_their_index_rather_than_read_every_client_on_sqlite(
    sqlite_store: SqlStore,
) -> None:
    store_one(sqlite_store, *(full_company(n) for n in range(200)))
    with (
        recorded_statements(sqlite_store.engine) as statements,
        sqlite_store.unit_of_work(tenant_id=TENANT) as uow,
    ):
        uow.clients.by_duplicate_keys([("siren", "123456782"), ("email", "compta@example.fr")])
    plan = _plan(sqlite_store, statements[0].text, statements[0].parameters)
    assert "ix_clientbook_duplicate_keys_value (tenant_id=? AND rule=? AND value=?)" in plan, plan
    assert "SCAN" not in plan, plan
