"""Fixtures of the adapter tests: SQLite files and PostgreSQL schemas, fresh for each test.

The PostgreSQL tests need a server: set ``CLIENTBOOK_POSTGRES_URL`` (``.ci/postgres.sh`` starts
one and prints the line to set it); without it they are skipped, saying so. Each test gets a
PostgreSQL schema of its own, dropped at the end, through the ``search_path`` of its engine.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from uuid import uuid4

import pytest

pytest.importorskip("sqlalchemy", reason="the sql extra is not installed")

from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url

from clientbook.memory import MemoryStore, MemoryUnitOfWork
from clientbook.sql import SqlStore, SqlUnitOfWork

POSTGRES_URL_VARIABLE = "CLIENTBOOK_POSTGRES_URL"
POSTGRES_SKIP_REASON = f"set {POSTGRES_URL_VARIABLE} to run the PostgreSQL contract"


@pytest.fixture
def sqlite_path(tmp_path: Path) -> Path:
    return tmp_path / "clientbook.sqlite"


@pytest.fixture
def sqlite_store(sqlite_path: Path) -> Iterator[SqlStore]:
    with SqlStore(sqlite_path) as store:
        store.create_schema()
        yield store


@pytest.fixture(scope="session")
def postgres_url() -> str:
    url = os.environ.get(POSTGRES_URL_VARIABLE, "")
    if not url:
        pytest.skip(POSTGRES_SKIP_REASON)
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


@pytest.fixture
def postgres_engine(postgres_url: str) -> Iterator[Engine]:
    """An engine whose tables go to a PostgreSQL schema of this test's own."""
    schema = f"clientbook_test_{uuid4().hex[:16]}"
    admin = create_engine(postgres_url)
    try:
        with admin.begin() as connection:
            connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
        engine = create_engine(postgres_url, connect_args={"options": f"-csearch_path={schema}"})
        try:
            yield engine
        finally:
            engine.dispose()
            with admin.begin() as connection:
                connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
    finally:
        admin.dispose()


@pytest.fixture
def postgres_store(postgres_engine: Engine) -> Iterator[SqlStore]:
    with SqlStore(postgres_engine) as store:
        store.create_schema()
        yield store


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest) -> SqlStore:
    """A store with clientbook's tables, empty: on SQLite, then on PostgreSQL."""
    found: SqlStore = request.getfixturevalue(f"{request.param}_store")
    return found


Unit = MemoryUnitOfWork | SqlUnitOfWork
Units = Callable[[str], Unit]


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def units(request: pytest.FixtureRequest) -> Units:
    """Units of work on one empty store, by tenant: in memory, on SQLite, then on PostgreSQL."""
    if request.param == "memory":
        memory = MemoryStore()
        return lambda tenant_id: memory.unit_of_work(tenant_id=tenant_id)
    sql: SqlStore = request.getfixturevalue(f"{request.param}_store")
    return lambda tenant_id: sql.unit_of_work(tenant_id=tenant_id)
