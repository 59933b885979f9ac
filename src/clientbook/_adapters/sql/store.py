"""The SQL store: a database holding clientbook's tables, and units of work on it."""

from __future__ import annotations

import os
import re
import sqlite3
import time
import urllib.parse
from typing import TYPE_CHECKING, Any, Final, Self

from sqlalchemy import Engine, MetaData, create_engine, event, func, insert, inspect, select
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, DisconnectionError

from clientbook._adapters.sql import tables as _sql_tables
from clientbook._adapters.sql.errors import (
    DatabaseInMemory,
    SchemaMismatch,
    StorageError,
    UnsupportedDatabase,
    storage_error,
)
from clientbook._adapters.sql.tables import SCHEMA_NAME, schema
from clientbook._adapters.sql.unit_of_work import SqlUnitOfWork

if TYPE_CHECKING:
    from types import TracebackType

    from sqlalchemy import Connection

__all__ = ["SCHEMA_VERSION", "SqlStore", "metadata"]

# The version of clientbook's tables that this clientbook reads and writes.
SCHEMA_VERSION: Final[int] = _sql_tables.SCHEMA_VERSION

# clientbook's tables, all named ``clientbook_...``.
metadata: Final[MetaData] = _sql_tables.metadata

_PASSWORD = re.compile(r"(://[^:/@]*:)[^@]*@")


#: The databases the adapter is written and tested for (SQLAlchemy's dialect names): its reads
#: use their JSON functions.
_DIALECTS = frozenset(("sqlite", "postgresql"))


def _supported(engine: Engine, shown: str) -> Engine:
    """Return *engine* if its database is one of ``_DIALECTS``; raise otherwise."""
    name = engine.dialect.name
    if name not in _DIALECTS:
        raise UnsupportedDatabase(shown, name)
    return engine


class SqlStore:
    """A SQL database holding clientbook's tables: a SQLite file, or a PostgreSQL database.

    Args:
        database: a SQLite file's path (``"clientbook.sqlite"``, a :class:`pathlib.Path`),
            a SQLAlchemy URL (``"postgresql+psycopg://user@host/db"``; ``postgresql://`` uses
            psycopg), or an :class:`sqlalchemy.engine.Engine` of the host application, which the
            store uses as it is and does not dispose of. SQLite and PostgreSQL are the
            databases clientbook is tested on; another one is refused.
        timeout: seconds to wait for a SQLite database that another program is writing to
            (its busy timeout), or for a PostgreSQL server to answer the connection.

    An engine the store creates for a SQLite file has foreign keys on and write-ahead logging
    (WAL), so that readers never wait for the writer; it keeps pysqlite's transactions, which
    begin with the first write, so that several units of work can be open at once. Close the
    store (or use it in a ``with`` block) to close its connections.

    A SQLite file in a folder that cannot be written to is opened for reading only (SQLite
    writes its log beside the file, so it could not write safely): searches work, a write
    raises :class:`DatabaseReadOnly`. While no program writes to it, it is read as it is on
    disk (SQLite's ``immutable``); a connection is opened again when the file changes.

    Raises:
        UnsupportedDatabase: the URL names neither SQLite nor PostgreSQL; said before any
            driver is loaded.
        DatabaseInMemory: the URL or path names a SQLite database in memory (``:memory:``,
            ``sqlite://``), or a temporary one (an empty path), which would keep nothing.
        StorageError: the URL cannot be read, or its database driver is not installed.
    """

    __module__ = "clientbook.sql"

    def __init__(self, database: str | os.PathLike[str] | Engine, *, timeout: float = 5.0) -> None:
        self._schema_checked = False
        if isinstance(database, Engine):
            self._engine = _supported(database, _display(database.url))
            self._owns_engine = False
            self._url = _display(database.url)
            return
        text = os.fspath(database)
        shown = _PASSWORD.sub(r"\1***@", text)
        try:
            url = _url(text)
        except ArgumentError as error:
            raise StorageError(shown, str(error)) from error
        backend = url.get_backend_name()
        if backend not in _DIALECTS:  # before SQLAlchemy loads a driver that may be missing
            raise UnsupportedDatabase(_display(url), backend)
        if backend == "sqlite" and _in_memory(url):
            raise DatabaseInMemory(shown)
        try:
            self._engine = _create_engine(url, timeout=timeout)
        except (ArgumentError, ImportError) as error:
            detail = str(error)
            if isinstance(error, ImportError) and backend == "postgresql":
                detail += "; install it with: python -m pip install 'clientbook[postgresql]'"
            raise StorageError(shown, detail) from error
        self._owns_engine = True
        self._url = _display(url)
        _supported(self._engine, self._url)

    def __repr__(self) -> str:
        return f"<SqlStore {self._url}>"

    @property
    def url(self) -> str:
        """The SQLite file's path, or the database's URL with its password hidden."""
        return self._url

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, to run a host's own statements on the same database."""
        return self._engine

    def create_schema(self) -> None:
        """Create the tables that are missing and record their version; idempotent.

        Several processes may call it at once on a new database (two imports started
        together): each takes the database's schema lock first (SQLite's write lock, taken
        with ``BEGIN IMMEDIATE``; a PostgreSQL transaction-level advisory lock), so that one
        creates the tables while the others wait, then find them. A SQLite file opened for
        reading only (its folder cannot be written to) takes no lock: its tables are checked,
        and, when some are missing, :class:`DatabaseReadOnly` says they cannot be created.

        Raises:
            SchemaMismatch: the database holds clientbook tables of another version.
            StorageError: the database cannot be used (see its subclasses).
        """
        try:
            with self._engine.begin() as connection:
                _lock_schema(connection)
                found = _recorded_version(connection)
                if found is not None and found != SCHEMA_VERSION:
                    raise SchemaMismatch(
                        self._url, found_version=found, expected_version=SCHEMA_VERSION
                    )
                metadata.create_all(connection)
                if found is None:
                    connection.execute(
                        insert(schema).values(name=SCHEMA_NAME, version=SCHEMA_VERSION)
                    )
        except DBAPIError as error:
            raise self._error(error) from error
        self._schema_checked = True

    def unit_of_work(self, *, tenant_id: str) -> SqlUnitOfWork:
        """Return a unit of work on the clients of *tenant_id*; use it in a ``with`` block.

        Entering the block raises :class:`SchemaMismatch` if the tables are missing or of
        another version, and :class:`StorageError` if the database cannot be used.
        """
        return SqlUnitOfWork(
            self._engine, tenant_id=tenant_id, url=self._url, check_schema=self._check_schema
        )

    def close(self) -> None:
        """Close the connections of an engine the store created; a host's engine is left as is."""
        if self._owns_engine:
            self._engine.dispose()

    def __enter__(self) -> Self:
        """Return the store itself."""
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Close the store."""
        self.close()

    def _error(self, error: BaseException) -> StorageError:
        return storage_error(error, self._url, schema_version=SCHEMA_VERSION)

    def _check_schema(self, connection: Connection) -> None:
        """Refuse a database without clientbook's tables, or with tables of another version."""
        if self._schema_checked:
            return
        found = connection.execute(
            select(schema.c.version).where(schema.c.name == SCHEMA_NAME)
        ).scalar_one_or_none()
        if found != SCHEMA_VERSION:
            raise SchemaMismatch(self._url, found_version=found, expected_version=SCHEMA_VERSION)
        self._schema_checked = True


def _url(text: str) -> URL:
    """Return the URL of *text*: a SQLAlchemy URL, or a SQLite file's path."""
    if "://" not in text:
        return URL.create("sqlite+pysqlite", database=text)
    url = make_url(text)
    if url.drivername == "postgresql":  # the driver the "postgresql" extra installs
        url = url.set(drivername="postgresql+psycopg")
    return url


def _display(url: URL) -> str:
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return str(url.database)
    return url.render_as_string(hide_password=True)


def _in_memory(url: URL) -> bool:
    """Return whether a SQLite URL names a database in memory, or a temporary one."""
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file::memory:"):
        return True
    uri = url.query.get("uri") in ("true", "1") or database.startswith("file:")
    return uri and (url.query.get("mode") == "memory" or "mode=memory" in database)


def _read_only_uri(path: str) -> str | None:
    """Return the URI that opens the SQLite file *path* for reading, when it must be; or None.

    A file in a WAL database needs its ``-shm`` and ``-wal`` files beside it, which SQLite
    creates in the file's folder: in a folder that cannot be written to, it can only be
    opened read-only, and, when no other program has it open (no ``-wal`` file), as
    ``immutable`` (https://www.sqlite.org/wal.html, "Read-Only Databases").
    """
    if not os.path.exists(path) or _writable(os.path.dirname(path) or "."):
        return None
    uri = f"file:{urllib.parse.quote(path)}?mode=ro"
    if not os.path.exists(path + "-wal"):
        uri += "&immutable=1"
    return uri


def _writable(folder: str) -> bool:
    """Return whether this program may create files in *folder*."""
    effective = os.access in os.supports_effective_ids  # the rights of a setuid program
    return os.access(folder, os.W_OK, effective_ids=effective)


def _file_state(path: str) -> tuple[int, int, bool]:
    """What changes when a program writes to a SQLite file: its time, its size, its log."""
    found = os.stat(path)
    return found.st_mtime_ns, found.st_size, os.path.exists(path + "-wal")


def _create_engine(url: URL, *, timeout: float) -> Engine:
    if url.get_backend_name() != "sqlite":
        connect_args: dict[str, Any] = {}
        if url.get_backend_name() == "postgresql":
            connect_args["connect_timeout"] = max(1, round(timeout))
        return create_engine(url, pool_pre_ping=True, connect_args=connect_args)
    engine = create_engine(url, connect_args={"timeout": timeout})

    @event.listens_for(engine, "do_connect")
    def _open(_dialect: Any, record: Any, cargs: list[Any], cparams: dict[str, Any]) -> None:
        path = cargs[0]
        record.info.pop("read_only", None)
        record.info.pop("immutable", None)
        uri = None if cparams.get("uri") else _read_only_uri(path)
        if uri is not None:
            cargs[0] = uri
            cparams["uri"] = True
            record.info["read_only"] = path
            if "immutable=1" in uri:
                record.info["immutable"] = _file_state(path)

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys = ON")
            if "read_only" not in record.info:  # a read-only database keeps its journal
                _write_ahead_log(cursor, timeout=timeout)
        finally:
            cursor.close()

    @event.listens_for(engine, "checkout")
    def _fresh(_dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        # An immutable connection does not see writes: when the file has changed since it
        # was opened, the pool opens another.
        state = record.info.get("immutable")
        if state is not None and _file_state(record.info["read_only"]) != state:
            raise DisconnectionError("the read-only SQLite file changed")

    return engine


def _write_ahead_log(cursor: Any, *, timeout: float) -> None:
    """Put the SQLite file in WAL mode, once for good (the mode is kept in the file).

    Switching takes the file's exclusive lock, for which SQLite's busy handler does not
    always wait: two processes opening a new file at once (two imports started together)
    would see one of them fail with "database is locked". A file already in WAL mode is left
    as it is; the switch is tried again, a little later each time, up to *timeout* seconds.
    """
    waited = 0.0
    pause = 0.01
    while True:
        if cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
            return
        try:
            cursor.execute("PRAGMA journal_mode = WAL")  # an in-memory database says "memory"
        except sqlite3.OperationalError:
            if waited >= timeout:
                raise
            time.sleep(pause)
            waited += pause
            pause = min(pause * 2, 0.25)
        else:
            return


# The key of the PostgreSQL advisory lock that create_schema holds: "clientbook" in ASCII.
_SCHEMA_LOCK = 0x636C69656E74626F


def _lock_schema(connection: Connection) -> None:
    """Hold the database's lock on clientbook's schema until the transaction ends.

    On SQLite, ``BEGIN IMMEDIATE`` takes the write lock at once (pysqlite would begin the
    transaction only at the first insert, after the tables are created one by one and
    committed each); a second process waits for it up to the store's timeout. On PostgreSQL, a
    transaction-level advisory lock.
    """
    if connection.dialect.name == "sqlite":
        if "read_only" in connection.info:  # opened read-only: nothing can be created
            return
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.execute(select(func.pg_advisory_xact_lock(_SCHEMA_LOCK)))


def _recorded_version(connection: Connection) -> int | None:
    if not inspect(connection).has_table(schema.name):
        return None
    version: int | None = connection.execute(
        select(schema.c.version).where(schema.c.name == SCHEMA_NAME)
    ).scalar_one_or_none()
    return version
