"""Creating clientbook's tables from several processes at once: one creates, the others find.

Two imports started together on a new database both call ``create_schema``: the second used to
fail with "table clientbook_schema already exists" (two runs in three on SQLite), or with
"database is locked" while the first switched the new file to write-ahead logging.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from clientbook.sql import SCHEMA_VERSION, SqlStore, metadata


def all_at_once(stores: list[SqlStore]) -> list[BaseException]:
    """Call ``create_schema`` on every store in its own thread, all starting together."""
    start = threading.Barrier(len(stores))
    errors: list[BaseException] = []

    def create(store: SqlStore) -> None:
        start.wait()
        try:
            store.create_schema()
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=create, args=(store,)) for store in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def recorded_version(engine: Engine) -> list[tuple[str, int]]:
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT name, version FROM clientbook_schema"))
        return [(row.name, row.version) for row in rows]


@pytest.mark.parametrize("round_", range(10))
def test_three_stores_creating_the_tables_of_a_new_sqlite_file_at_once_all_succeed(
    tmp_path: Path, round_: int
) -> None:
    path = tmp_path / f"new-{round_}.sqlite"
    stores = [SqlStore(path) for _ in range(3)]
    try:
        assert all_at_once(stores) == []
        assert recorded_version(stores[0].engine) == [("clientbook", SCHEMA_VERSION)]
        with stores[1].unit_of_work(tenant_id="cabinet-lefort") as uow:
            assert uow.clients.list() == []
    finally:
        for store in stores:
            store.close()


@pytest.mark.postgres
def test_three_stores_creating_the_tables_of_a_postgres_schema_at_once_all_succeed(
    postgres_engine: Engine,
) -> None:
    for _round in range(5):
        metadata.drop_all(postgres_engine)
        stores = [SqlStore(postgres_engine) for _ in range(3)]
        assert all_at_once(stores) == []
        assert recorded_version(postgres_engine) == [("clientbook", SCHEMA_VERSION)]
