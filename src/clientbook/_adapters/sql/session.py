"""The narrow object between a SQL unit of work and its repositories: one connection's work.

A :class:`Session` holds what a unit of work's repositories share: the tenant, the connection
taken for the unit's ``with`` block, the statements they run through it (each failure turned
into a :class:`~clientbook.sql.StorageError` and a rollback of the whole unit), the prepared
inserts, the count of writes, and the repositories' pending work (:class:`Pending`: written
before each read and at commit, forgotten at rollback). The unit of work opens, commits, rolls
back and closes it; the repositories only run statements through it. Neither reaches into the
other.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from sqlalchemy import Boolean, insert
from sqlalchemy.exc import DBAPIError, StatementError

from clientbook._adapters.sql.errors import StorageError, storage_error
from clientbook._adapters.sql.tables import SCHEMA_VERSION

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping, Sequence

    from sqlalchemy import Connection, Dialect, Engine, Executable, Table
    from sqlalchemy.engine import CursorResult, RowMapping

    from clientbook._adapters.sql.rows import Row

__all__ = ["Pending", "Session"]

_R = TypeVar("_R")

# What a driver raises for what the database refuses: its own errors (as SQLAlchemy wraps them),
# and text it cannot encode (a lone UTF-16 surrogate: sqlite3 and psycopg raise
# UnicodeEncodeError before sending). Each becomes a StorageError, as the docs say.
_DRIVER_ERRORS = (DBAPIError, StatementError, UnicodeError)

_NOT_OPEN = "use the unit of work in a with block"
_FAILED = (
    "this unit of work was rolled back after an error: call rollback() or leave its with "
    "block, then start again"
)


class Pending(Protocol):
    """What a repository keeps to write later: its writes are sent before reads and commits."""

    def flush(self) -> None:
        """Send the pending writes."""

    def forget(self) -> None:
        """Drop the pending writes and what the repository remembers of the database."""


class _Insert:
    """The INSERT of every column of one table, prepared once for a dialect.

    On a driver that takes positional parameters (sqlite3), the rows go to its
    ``executemany`` as they are, through :meth:`~sqlalchemy.engine.Connection.exec_driver_sql`:
    SQLAlchemy would otherwise compile the statement and build each row's parameters again
    (``construct_params``), a third of the cost of writing a client. This stores exactly what
    SQLAlchemy's ``insert`` stores, because on such a driver the only type of these tables
    that converts values on their way (Boolean: ``True`` sent as ``1``) converts them as the
    driver does for a ``bool``; rows holding anything but a ``bool`` in a Boolean column, and
    every row on a driver that takes named parameters (psycopg), go through SQLAlchemy's
    ``insert``, which converts or refuses them as it always did.
    """

    def __init__(self, table: Table, dialect: Dialect) -> None:
        self.table = table
        self.names = [column.key for column in table.c]
        self.flags = [i for i, column in enumerate(table.c) if isinstance(column.type, Boolean)]
        self.text = self._driver_text(dialect)

    def _driver_text(self, dialect: Dialect) -> str | None:
        """The statement for the driver; ``None`` when SQLAlchemy must bind the rows."""
        if not dialect.positional:
            return None
        for column in self.table.c:
            converts = column.type.dialect_impl(dialect).bind_processor(dialect) is not None
            if converts and not isinstance(column.type, Boolean):
                return None
        compiled = insert(self.table).compile(dialect=dialect)
        if compiled.positiontup != self.names:
            return None
        return compiled.string

    def run(self, connection: Connection, rows: Sequence[Row]) -> None:
        """Insert *rows* with one ``executemany``."""
        flags = self.flags
        if self.text is not None and all(type(row[i]) is bool for row in rows for i in flags):
            connection.exec_driver_sql(self.text, rows)
        else:
            names = self.names
            named = [dict(zip(names, row, strict=True)) for row in rows]
            connection.execute(insert(self.table), named)


class Session:
    """One unit of work's connection, statements and pending writes, for its repositories.

    Attributes:
        tenant_id: the tenant every statement filters on.
        dialect: the database's dialect name (``"sqlite"``, ``"postgresql"``).
        writes: the number of writes the repositories made since the unit was opened.
    """

    def __init__(self, engine: Engine, *, tenant_id: str, url: str) -> None:
        self.tenant_id = tenant_id
        self.dialect = engine.dialect.name
        self.writes = 0
        self._engine = engine
        self._url = url
        self._connection: Connection | None = None
        self._failed = False
        self._pending: list[Pending] = []
        # The INSERT of each table, prepared for the engine's dialect on first use.
        self._inserts: dict[str, _Insert] = {}

    @property
    def is_open(self) -> bool:
        """Whether a connection is taken (the unit's ``with`` block runs)."""
        return self._connection is not None

    @property
    def failed(self) -> bool:
        """Whether the unit was rolled back after an error and refuses work."""
        return self._failed

    def register(self, pending: Pending) -> None:
        """Have *pending*'s writes sent before reads and commits, and forgotten at rollback."""
        self._pending.append(pending)

    def error(self, error: BaseException) -> StorageError:
        """Return the :class:`StorageError` that says what *error* of the driver means."""
        return storage_error(error, self._url, schema_version=SCHEMA_VERSION)

    # --- the unit of work's side ------------------------------------------------------------

    def open(self, check_schema: Callable[[Connection], None]) -> None:
        """Take a connection and check the tables with *check_schema*."""
        try:
            connection = self._engine.connect()
        except DBAPIError as error:
            raise self.error(error) from error
        try:
            check_schema(connection)
        except DBAPIError as error:
            connection.close()
            raise self.error(error) from error
        except BaseException:
            connection.close()
            raise
        self._connection = connection
        self._failed = False
        self.writes = 0

    def close(self, *, failing: bool) -> None:
        """Roll back what was not committed and give the connection back.

        Args:
            failing: the block is left with an exception: a lost connection is then not
                reported over it (the database drops what was not committed).
        """
        connection, self._connection = self._connection, None
        self.forget()
        self._failed = False
        if connection is None:
            return
        try:
            connection.rollback()
        except DBAPIError as error:
            if not failing:
                raise self.error(error) from error
        finally:
            connection.close()

    def commit(self) -> None:
        """Send the pending writes and make every change durable."""
        connection = self.live()
        self.flush()
        self.guard(connection.commit)

    def rollback(self) -> None:
        """Forget the changes made since the last commit; a unit that failed may go on."""
        connection = self._connection
        if connection is None:
            raise RuntimeError(_NOT_OPEN)
        self.forget()
        self._failed = False
        try:
            connection.rollback()
        except DBAPIError as error:
            raise self.error(error) from error

    def fail(self) -> None:
        """Roll the whole unit back and refuse work until :meth:`rollback` or :meth:`close`."""
        self._failed = True
        self.forget()
        if self._connection is not None:
            with contextlib.suppress(DBAPIError):  # a lost connection drops it by itself
                self._connection.rollback()

    # --- the repositories' side -------------------------------------------------------------

    def flush(self) -> None:
        """Send every repository's pending writes."""
        for pending in self._pending:
            pending.flush()

    def forget(self) -> None:
        """Drop every repository's pending writes."""
        for pending in self._pending:
            pending.forget()

    def live(self) -> Connection:
        """Return the connection; refuse outside the ``with`` block or after a failure."""
        if self._connection is None:
            raise RuntimeError(_NOT_OPEN)
        if self._failed:
            raise RuntimeError(_FAILED)
        return self._connection

    def guard(self, action: Callable[[], _R]) -> _R:
        """Run *action*; on any failure, roll the whole unit back and refuse to go on.

        A failure in the middle of several writes must leave nothing half-done: the unit is
        rolled back at once and refuses further work until :meth:`rollback` or the end of its
        ``with`` block, so that a later commit cannot save the other half.
        """
        self.live()
        try:
            return action()
        except BaseException as error:
            self.fail()
            if isinstance(error, _DRIVER_ERRORS):
                raise self.error(error) from error
            raise

    def execute(
        self,
        statement: Executable,
        parameters: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None = None,
    ) -> CursorResult[Any]:
        """Run one statement; a failure of the database rolls the unit back."""
        connection = self.live()
        try:
            return connection.execute(statement, parameters)
        except _DRIVER_ERRORS as error:
            self.fail()
            raise self.error(error) from error

    def read(
        self, statement: Executable, parameters: Mapping[str, Any] | None = None
    ) -> Sequence[RowMapping]:
        """Run a read after the pending writes and return its rows."""
        self.flush()
        return self.execute(statement, parameters).mappings().all()

    def insert(self, table: Table, rows: Sequence[Row]) -> None:
        """Insert *rows*, tuples of *table*'s columns in order, with one ``executemany``."""
        connection = self.live()
        writer = self._inserts.get(table.name)
        if writer is None:
            writer = self._inserts[table.name] = _Insert(table, connection.dialect)
        writer.run(connection, rows)

    @contextlib.contextmanager
    def own_connection(self) -> Iterator[Connection]:
        """Yield a connection apart from the unit's, to look at what is committed."""
        with self._engine.connect() as connection:
            yield connection
