"""The SQL unit of work and client repository, on SQLAlchemy Core.

Reads of N clients take three statements, whatever N (up to :data:`_CHUNK` ids a statement):
the clients, then their contacts and their delivery addresses with one ``IN`` query each.
Added clients wait in the unit of work and are inserted together (``executemany``, one
statement per table) before the next read, update, removal or commit.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any, Self, TypeVar

import attrs
from sqlalchemy import (
    Boolean,
    and_,
    delete,
    func,
    insert,
    select,
    true,
    union,
    union_all,
    update,
)
from sqlalchemy.exc import DBAPIError, IntegrityError

from . import _sql_tables as t
from ._refusals import ClientExists, ClientNotFound, StaleClient
from ._search import search_key
from ._sql_errors import StorageError, storage_error
from .identifiers import siren as _siren
from .identifiers import siret as _siret
from .identifiers import vat as _vat

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence
    from types import TracebackType

    from sqlalchemy import (
        ColumnElement,
        Connection,
        Dialect,
        Engine,
        Executable,
        FromClause,
        Select,
        Table,
    )
    from sqlalchemy.engine import CursorResult, RowMapping

    from ._client import Client
    from .repositories import ClientRepository

__all__ = ["SqlClientRepository", "SqlUnitOfWork"]

_R = TypeVar("_R")

# Ids sent in one statement; SQLite (3.32 and later) takes 32,766 parameters, PostgreSQL 65,535.
_CHUNK = 10_000
# How far a search counts the keys of each typed word to find the rarest.
_COUNT_CAP = 5_000
# Up to this many distinct keys starting with the rarest word, a search merges the clients of
# each key, read in result order; past it, it reads and sorts the whole range of the word.
_MERGE_KEYS = 64
# Reads of a client and of its children are separate statements: when another unit of work
# commits a change in between, the versions disagree and the read starts again.
_READ_ATTEMPTS = 5


def _chunks(ids: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _by_id(clients: list[Client]) -> list[Client]:
    """Sort the clients an identifier lookup found by id, as the database orders ids.

    They are sorted here, not by the database: asked to order them by id, SQLite without
    statistics (a new database has none) reads every client of the tenant in the order of the
    primary key rather than seek the numbers in their index. Python orders text by code
    point, as SQLite's BINARY and PostgreSQL's "C" collation do.
    """
    return sorted(clients, key=lambda client: client.id)


def _in_result_order(clients: list[Client]) -> list[Client]:
    """Sort the few clients a search shows as its results are ordered: name, then id.

    The database picks their ids in this order (``sort_key, id``); they are then read by id,
    and sorted again here.
    """
    return sorted(clients, key=lambda client: (search_key(client.display_name), client.id))


def _after_prefix(word: str) -> str | None:
    """Return the smallest text above every text that starts with *word*; ``None`` if none.

    ``"dub"`` gives ``"duc"``: ``key >= 'dub' AND key < 'duc'`` is ``key.startswith('dub')``
    in the order of code points, which is SQLite's BINARY and PostgreSQL's "C" order.
    """
    chars = list(word)
    while chars:
        code = ord(chars.pop()) + 1
        if 0xD800 <= code <= 0xDFFF:  # surrogates are not characters: skip them
            code = 0xE000
        if code <= 0x10FFFF:
            return "".join(chars) + chr(code)
    return None


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

    def run(self, connection: Connection, rows: Sequence[t.Row]) -> None:
        """Insert *rows* with one ``executemany``."""
        flags = self.flags
        if self.text is not None and all(type(row[i]) is bool for row in rows for i in flags):
            connection.exec_driver_sql(self.text, rows)
        else:
            names = self.names
            named = [dict(zip(names, row, strict=True)) for row in rows]
            connection.execute(insert(self.table), named)


class SqlUnitOfWork:
    """One transaction on one tenant's clients in a SQL database.

    Get one from :meth:`clientbook.sql.SqlStore.unit_of_work` and use it in a ``with``
    block; it implements :class:`clientbook.repositories.UnitOfWork`. The connection is
    taken from the store's pool when the block starts and given back when it ends; leaving
    the block without :meth:`commit`, or with an exception, rolls back.

    Attributes:
        tenant_id: the tenant (account) whose clients this unit reads and writes.
        clients: the tenant's clients.
    """

    __module__ = "clientbook.sql"

    def __init__(
        self,
        engine: Engine,
        *,
        tenant_id: str,
        url: str,
        check_schema: Callable[[Connection], None],
    ) -> None:
        if not isinstance(tenant_id, str):
            raise TypeError(f"tenant_id must be text (str), not {type(tenant_id).__name__}")
        self.tenant_id = tenant_id
        self._clients = SqlClientRepository(self)
        self.clients: ClientRepository = self._clients
        self._engine = engine
        self._url = url
        self._check_schema = check_schema
        self._connection: Connection | None = None
        self._failed = False
        # The INSERT of each table, prepared for the engine's dialect on first use.
        self._inserts: dict[str, _Insert] = {}

    def __repr__(self) -> str:
        return f"<SqlUnitOfWork tenant_id={self.tenant_id!r} on {self._url}>"

    def __enter__(self) -> Self:
        """Take a connection and check the tables; the transaction begins with the first write.

        Raises:
            StorageError: the database cannot be reached or opened (its subclasses
                :class:`~clientbook.sql.DatabaseDamaged`, :class:`~clientbook.sql.SchemaMismatch`
                and :class:`~clientbook.sql.DatabaseLocked` say why).
        """
        if self._connection is not None:
            raise RuntimeError("this unit of work is already in use: leave its with block first")
        try:
            connection = self._engine.connect()
        except DBAPIError as error:
            raise self._error(error) from error
        try:
            self._check_schema(connection)
        except DBAPIError as error:
            connection.close()
            raise self._error(error) from error
        except BaseException:
            connection.close()
            raise
        self._connection = connection
        self._failed = False
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Roll back what was not committed and give the connection back."""
        connection, self._connection = self._connection, None
        self._clients._forget()
        if connection is None:
            return
        try:
            connection.rollback()
        except DBAPIError as error:
            if exc is None:
                raise self._error(error) from error
            # The connection is gone: the database drops what was not committed.
        finally:
            connection.close()

    def commit(self) -> None:
        """Write the clients added since the last read, and make every change durable.

        Raises:
            ClientExists: an added client's id is taken (that client is left out; the others
                are still to be committed).
            StorageError: the database refused the commit; the unit was rolled back.
        """
        connection = self._live()
        self._clients._flush()
        self._guard(connection.commit)

    def rollback(self) -> None:
        """Forget the changes made since the last commit, the added clients not yet written too."""
        connection = self._connection
        if connection is None:
            raise RuntimeError("use the unit of work in a with block")
        self._clients._forget()
        self._failed = False
        try:
            connection.rollback()
        except DBAPIError as error:
            raise self._error(error) from error

    # --- helpers of the repositories --------------------------------------------------------

    def _error(self, error: BaseException) -> StorageError:
        return storage_error(error, self._url, schema_version=t.SCHEMA_VERSION)

    def _live(self) -> Connection:
        if self._connection is None:
            raise RuntimeError("use the unit of work in a with block")
        if self._failed:
            raise RuntimeError(
                "this unit of work was rolled back after an error: call rollback() or leave "
                "its with block, then start again"
            )
        return self._connection

    def _guard(self, action: Callable[[], _R]) -> _R:
        """Run *action*; on any failure, roll the whole transaction back and refuse to go on.

        A failure in the middle of several writes must leave nothing half-done: the unit is
        rolled back at once and refuses further work until :meth:`rollback` or the end of its
        ``with`` block, so that a later :meth:`commit` cannot save the other half.
        """
        connection = self._live()
        try:
            return action()
        except BaseException as error:
            self._failed = True
            self._clients._forget()
            with contextlib.suppress(DBAPIError):  # a lost connection drops it by itself
                connection.rollback()
            if isinstance(error, DBAPIError):
                raise self._error(error) from error
            raise

    def _execute(
        self, statement: Executable, parameters: Sequence[dict[str, Any]] | None = None
    ) -> CursorResult[Any]:
        """Run a statement that writes nothing (or that is its own step, as an update's check)."""
        connection = self._live()
        try:
            return connection.execute(statement, parameters)
        except DBAPIError as error:
            self._failed = True
            self._clients._forget()
            with contextlib.suppress(DBAPIError):
                connection.rollback()
            raise self._error(error) from error

    def _read(self, statement: Executable) -> Sequence[RowMapping]:
        return self._execute(statement).mappings().all()

    def _insert(self, table: Table, rows: Sequence[t.Row]) -> None:
        """Insert *rows*, tuples of *table*'s columns in order, with one ``executemany``."""
        writer = self._inserts.get(table.name)
        if writer is None:
            writer = self._inserts[table.name] = _Insert(table, self._live().dialect)
        writer.run(self._live(), rows)


class SqlClientRepository:
    """A tenant's clients in SQL tables; a :class:`~clientbook.repositories.ClientRepository`.

    Every statement filters on the unit of work's tenant id. Clients passed to :meth:`add`
    are written together before the unit's next read, update, removal or commit: an id that
    is already taken is then refused with :class:`~clientbook.ClientExists`.
    """

    __module__ = "clientbook.sql"

    def __init__(self, unit: SqlUnitOfWork) -> None:
        self._unit = unit
        self._pending: dict[str, Client] = {}
        # Clients updated in this unit whose contacts, addresses and keys are still to rewrite.
        self._replacing: dict[str, Client] = {}
        # Ids this unit read and found without a client: add() need not check them again.
        # (Another unit storing one meanwhile is caught when the clients are inserted.)
        self._absent: set[str] = set()

    def __repr__(self) -> str:
        return f"<SqlClientRepository tenant_id={self._unit.tenant_id!r}>"

    @property
    def _tenant(self) -> ColumnElement[bool]:
        return t.clients.c.tenant_id == self._unit.tenant_id

    # --- reads ------------------------------------------------------------------------------

    def get(self, client_id: str, /) -> Client:
        """Return the stored client.

        Raises:
            ClientNotFound: no client of this tenant has this id.
        """
        found = self.get_many([client_id])
        if client_id not in found:
            raise ClientNotFound(client_id)
        return found[client_id]

    def get_many(self, client_ids: Iterable[str], /) -> dict[str, Client]:
        """Return the stored clients among *client_ids*, by id, in three statements.

        Ids with no client are absent from the result.
        """
        ids = list(dict.fromkeys(client_ids))
        self._flush()
        loaded: dict[str, Client] = {}
        for chunk in _chunks(ids):
            clients = self._load(t.clients.c.id.in_(chunk))
            loaded.update((client.id, client) for client in clients)
        self._absent.update(client_id for client_id in ids if client_id not in loaded)
        return {client_id: loaded[client_id] for client_id in ids if client_id in loaded}

    def by_sirets(self, sirets: Iterable[str], /) -> dict[str, list[Client]]:
        """Return, by compact SIRET, the clients of each of *sirets*, in three statements.

        SIRETs no client carries are absent from the result; each list is ordered by id.
        """
        return self._by_many(t.clients.c.siret_compact, sirets, _siret.compact, "siret")

    def by_vats(self, vat_numbers: Iterable[str], /) -> dict[str, list[Client]]:
        """Return, by compact VAT number, the clients of each of *vat_numbers*, in three statements.

        Numbers no client carries are absent from the result; each list is ordered by id.
        """
        return self._by_many(t.clients.c.vat_compact, vat_numbers, _vat.compact, "vat_number")

    def search(
        self, typed: str, /, *, include_archived: bool = False, limit: int = 20
    ) -> list[Client]:
        """Return up to *limit* clients matching what a user typed, ordered by name then id.

        The rule is :func:`clientbook.matches_prefix`; each typed word is a range of the index
        of ``clientbook_search_keys`` (``key >= 'dub' AND key < 'duc'``), never a scan. The
        keys of each word are counted (up to a cap) to find the rarest word; the distinct keys
        that start with it are listed (a few index seeks). For each of them, the index gives
        its clients in result order, checked against the other words on their own keys, and
        stops at *limit*: a common word costs no more than a rare one. A word that starts
        more than 64 distinct keys ("1", "d") reads its whole range instead.
        The clients of the first *limit* ids are then read: six statements in all, whatever
        the number of clients.
        """
        words = search_key(typed).split()
        if not words or limit <= 0:
            return []
        self._flush()
        counts = self._key_counts(words, include_archived=include_archived)
        # Fewest keys first; on a tie (several words past the cap), the longest word.
        rarest = min(words, key=lambda word: (counts[word], -len(word)))
        ids = self._first_ids(words, rarest, include_archived=include_archived, limit=limit)
        # The ids first, then the clients by id: a plan no planner can get wrong, whatever
        # statistics it has (a new database has none).
        return _in_result_order(self._load(t.clients.c.id.in_(ids))) if ids else []

    def by_siren(self, siren: str, /) -> list[Client]:
        """Return the clients whose SIREN is *siren*, separators ignored, archived included."""
        return self._by(t.clients.c.siren_compact, _siren.compact(siren))

    def by_siret(self, siret: str, /) -> list[Client]:
        """Return the clients whose SIRET is *siret*, separators ignored, archived included."""
        return self._by(t.clients.c.siret_compact, _siret.compact(siret))

    def by_vat(self, vat_number: str, /) -> list[Client]:
        """Return the clients whose VAT number is *vat_number*, compacted, archived included."""
        return self._by(t.clients.c.vat_compact, _vat.compact(vat_number))

    # --- writes -----------------------------------------------------------------------------

    def add(self, client: Client, /) -> Client:
        """Store a new client and return it as stored (``version`` 1).

        One statement checks the id, none when this unit has read that no client has it
        (``get_many`` or ``get``, as an import does first); the client is written with the
        others added in this unit, all together, before the unit's next read, update, removal
        or commit.

        Raises:
            ClientExists: the id is taken, by a stored client or one added in this unit.
        """
        # add_many([client]), without the lists an import would build for each of its clients.
        stored = attrs.evolve(client, version=1)
        client_id = stored.id
        if client_id in self._pending:
            raise ClientExists(client_id)
        if client_id not in self._absent and self._taken([client_id]):
            raise ClientExists(client_id)
        self._pending[client_id] = stored
        self._absent.discard(client_id)
        return stored

    def add_many(self, clients: Iterable[Client], /) -> list[Client]:
        """Store new clients and return them as stored (``version`` 1), all or none.

        Unlike :meth:`add` called for each, this checks every id in one statement (the ids
        this unit has read absent are not checked again): adding N clients then costs a number
        of statements that does not grow with N. This method is not part of
        :class:`~clientbook.repositories.ClientRepository`.

        Raises:
            ClientExists: an id is taken, by a stored client, one added in this unit or another
                of *clients*; the first such id in *clients* is named, and none is added.
        """
        batch = [attrs.evolve(client, version=1) for client in clients]
        ids = [client.id for client in batch]
        seen: set[str] = set()
        for client_id in ids:
            if client_id in self._pending or client_id in seen:
                raise ClientExists(client_id)
            seen.add(client_id)
        unknown = [client_id for client_id in ids if client_id not in self._absent]
        taken = self._taken(unknown) if unknown else set()
        if taken:
            raise ClientExists(next(client_id for client_id in ids if client_id in taken))
        self._pending.update((client.id, client) for client in batch)
        self._absent.difference_update(ids)
        return batch

    def update(self, client: Client, /) -> Client:
        """Store a changed client and return it as stored (``version + 1``).

        The row is updated only where its version is still ``client.version`` (one
        statement); its contacts, delivery addresses and search keys are replaced after that
        check, in the same transaction, together with those of the other clients updated or
        added in this unit, before its next read, removal or commit.

        Raises:
            StaleClient: the stored version is not ``client.version``; nothing was written.
            ClientNotFound: no client of this tenant has this id.
        """
        if client.id in self._pending:
            self._flush()
        version = client.version + 1
        changed = self._unit._execute(
            update(t.clients)
            .where(self._tenant, t.clients.c.id == client.id)
            .where(t.clients.c.version == client.version)
            .values(t.client_update_values(client, version))
        )
        if changed.rowcount == 0:
            stored = self._unit._execute(
                select(t.clients.c.version).where(self._tenant, t.clients.c.id == client.id)
            ).scalar_one_or_none()
            if stored is None:
                raise ClientNotFound(client.id)
            raise StaleClient(client.id, expected_version=client.version, actual_version=stored)
        stored = attrs.evolve(client, version=version)
        self._replacing[client.id] = stored
        return stored

    def remove(self, client_id: str, /) -> None:
        """Delete the client with its contacts, addresses and search keys.

        Raises:
            ClientNotFound: no client of this tenant has this id.
        """
        if client_id in self._pending or client_id in self._replacing:
            self._flush()

        def remove() -> int:
            self._delete_children([client_id])
            return (
                self._unit._live()
                .execute(delete(t.clients).where(self._tenant, t.clients.c.id == client_id))
                .rowcount
            )

        if self._unit._guard(remove) == 0:
            raise ClientNotFound(client_id)
        self._absent.add(client_id)

    # --- the work behind them ---------------------------------------------------------------

    def _forget(self) -> None:
        """Forget the writes still to send and what reads found absent: a rollback."""
        self._pending.clear()
        self._replacing.clear()
        self._absent.clear()

    def _by_many(
        self,
        column: ColumnElement[str],
        numbers: Iterable[str],
        compact: Callable[[str], str],
        field: str,
    ) -> dict[str, list[Client]]:
        wanted = sorted({compact(number) for number in numbers} - {""})
        found: dict[str, list[Client]] = {}
        for chunk in _chunks(wanted):
            for client in self._load(column.in_(chunk)):
                found.setdefault(compact(getattr(client, field)), []).append(client)
        return {number: _by_id(found[number]) for number in wanted if number in found}

    def _by(self, column: ColumnElement[str], number: str) -> list[Client]:
        if not number:
            return []
        return _by_id(self._load(column == number))

    def _key_range(
        self, keys: FromClause, word: str, *, include_archived: bool
    ) -> list[ColumnElement[bool]]:
        """Select the tenant's keys that start with *word*: a range of the index, no scan."""
        conditions = [keys.c.tenant_id == self._unit.tenant_id, keys.c.key >= word]
        upper = _after_prefix(word)
        if upper is not None:
            conditions.append(keys.c.key < upper)
        if not include_archived:
            conditions.append(keys.c.active.is_(True))
        return conditions

    def _key_counts(self, words: Sequence[str], *, include_archived: bool) -> dict[str, int]:
        """Count the keys of each word, up to :data:`_COUNT_CAP`, in one statement."""
        distinct = list(dict.fromkeys(words))
        keys = t.search_keys.alias("n")
        counts = [
            select(func.count())
            .select_from(
                select(keys.c.key)
                .where(*self._key_range(keys, word, include_archived=include_archived))
                .limit(_COUNT_CAP)
                .subquery()
            )
            .scalar_subquery()
            for word in distinct
        ]
        found = self._unit._execute(select(*counts)).one()
        return dict(zip(distinct, found, strict=True))

    def _first_ids(
        self, words: Sequence[str], rarest: str, *, include_archived: bool, limit: int
    ) -> list[str]:
        """Return the ids of the first *limit* clients matching *words*, in result order."""
        others = list(words)
        others.remove(rarest)
        starting = self._keys_starting(rarest)
        if len(starting) > _MERGE_KEYS:
            return list(
                self._unit._execute(
                    self._from_range(words, rarest, others, include_archived, limit)
                ).scalars()
            )
        # Each key's clients come from the index in result order (name, id), the archived
        # ones apart when they are included, each list cut at *limit*; merged here.
        states = (True, False) if include_archived else (True,)
        parts = [
            self._of_key(key, others, active=active, limit=limit)
            for key in starting
            for active in states
        ]
        if others:  # ... or the whole text as one key: "123 45" finds SIREN 123456782
            whole = t.search_keys.alias("w")
            parts.append(
                select(whole.c.client_id, whole.c.sort_key)
                .where(*self._key_range(whole, "".join(words), include_archived=include_archived))
                .distinct()  # a SIREN and its SIRET: two keys of one client in the range
                .order_by(whole.c.sort_key, whole.c.client_id)
                .limit(limit)
            )
        if not parts:
            return []
        # Each part ordered and cut on its own: SQLite wants them as subqueries.
        merged = union_all(*(select(part.subquery()) for part in parts))
        sort_keys: dict[str, str] = {}
        for row in self._unit._execute(merged):
            sort_keys[row.client_id] = row.sort_key
        return sorted(sort_keys, key=lambda client_id: (sort_keys[client_id], client_id))[:limit]

    def _keys_starting(self, word: str) -> list[str]:
        """Return the distinct keys of the tenant that start with *word*, up to one too many.

        A recursive query seeks the next key in the index, once per distinct key (a "loose
        index scan"), instead of reading every entry of the range.
        """
        keys = t.search_keys.c
        upper = _after_prefix(word)

        def within(column: ColumnElement[str]) -> list[ColumnElement[bool]]:
            return [] if upper is None else [column < upper]

        found = (
            select(func.min(keys.key).label("key"))
            .where(keys.tenant_id == self._unit.tenant_id, keys.key >= word, *within(keys.key))
            .cte("starting", recursive=True)
        )
        later = t.search_keys.alias("later")
        following = (
            select(func.min(later.c.key))
            .where(
                later.c.tenant_id == self._unit.tenant_id,
                later.c.key > found.c.key,
                *within(later.c.key),
            )
            .scalar_subquery()
        )
        found = found.union_all(select(following).where(found.c.key.is_not(None)))
        query = select(found.c.key).where(found.c.key.is_not(None)).limit(_MERGE_KEYS + 1)
        return list(self._unit._execute(query).scalars())

    def _of_key(self, key: str, others: Sequence[str], *, active: bool, limit: int) -> Select[Any]:
        """The first *limit* clients with *key* and the *others* words, in result order."""
        keys = t.search_keys.alias()
        query = select(keys.c.client_id, keys.c.sort_key).where(
            keys.c.tenant_id == self._unit.tenant_id,
            keys.c.key == key,
            keys.c.active == active,
            *(self._has_key(keys.c.client_id, word) for word in others),
        )
        return query.order_by(keys.c.sort_key, keys.c.client_id).limit(limit)

    def _from_range(
        self,
        words: Sequence[str],
        rarest: str,
        others: Sequence[str],
        include_archived: bool,
        limit: int,
    ) -> Select[Any]:
        """The ids of the first *limit* matching clients, from the whole range of *rarest*."""
        keys = t.search_keys.alias("k")
        matched = select(keys.c.client_id, keys.c.sort_key).where(
            *self._key_range(keys, rarest, include_archived=include_archived),
            *(self._has_key(keys.c.client_id, word) for word in others),
        )
        if others:  # ... or the whole text as one key
            whole = t.search_keys.alias("w")
            found = union(
                matched,
                select(whole.c.client_id, whole.c.sort_key).where(
                    *self._key_range(whole, "".join(words), include_archived=include_archived)
                ),
            ).subquery()
        else:
            found = matched.distinct().subquery()
        return select(found.c.client_id).order_by(found.c.sort_key, found.c.client_id).limit(limit)

    def _has_key(self, client_id: ColumnElement[str], word: str) -> ColumnElement[bool]:
        """Whether the client has a key that starts with *word*: a range of its own keys.

        Only columns of the primary key (tenant, client, key) are read, so that the database
        reads the client's few keys through it rather than the whole range of *word* in the
        other index, once per candidate.
        """
        keys = t.search_keys.alias()
        return (
            select(keys.c.key)
            .where(
                keys.c.tenant_id == self._unit.tenant_id,
                keys.c.client_id == client_id,
                *self._key_range(keys, word, include_archived=True)[1:],
            )
            # LIMIT 1 keeps PostgreSQL from turning the test into a join, which without
            # statistics it would run over the whole range of the word for each client.
            .limit(1)
            .exists()
        )

    def _load(
        self,
        where: ColumnElement[bool],
        *,
        order: tuple[ColumnElement[Any], ...] | None = None,
        limit: int | None = None,
    ) -> list[Client]:
        """Read the clients *where* selects, with their children, as one consistent state."""
        self._flush()
        query = select(t.clients).where(self._tenant, where)
        if order is not None:
            query = query.order_by(*order)
        if limit is not None:
            query = query.limit(limit)
        for _ in range(_READ_ATTEMPTS):
            rows = self._unit._read(query)
            children = self._children(rows)
            if children is not None:
                return [t.client_from_rows(row, children) for row in rows]
        raise StorageError(self._unit._url, "clients kept changing while they were read; try again")

    def _children(self, rows: Sequence[RowMapping]) -> t.ChildRows | None:
        """Read the children of the clients *rows*; ``None`` if a client changed meanwhile.

        Each child query joins the clients again and returns their versions: a version other
        than the one read in *rows* means that another unit committed in between.
        """
        children = t.ChildRows()
        if not rows:
            return children
        versions = {row["id"]: row["version"] for row in rows}
        ids = list(versions)
        for table, add in (
            (t.contacts, children.add_contacts),
            (t.delivery_addresses, children.add_delivery_addresses),
        ):
            clients = t.clients.c
            join = t.clients.outerjoin(
                table,
                and_(table.c.tenant_id == clients.tenant_id, table.c.client_id == clients.id),
            )
            query = (
                select(clients.id.label("owner_id"), clients.version.label("owner_version"), table)
                .select_from(join)
                .where(self._tenant, clients.id.in_(ids))
                .order_by(clients.id, table.c.position)
            )
            found = self._unit._read(query)
            seen = {row["owner_id"]: row["owner_version"] for row in found}
            if seen != versions:
                return None
            add(row for row in found if row["client_id"] is not None)
        return children

    def _flush(self) -> None:
        """Write what is still to send: a constant number of statements, whatever the clients.

        The added clients are inserted (``executemany``), the children of the updated ones
        deleted (one ``IN`` per table), and the children of both inserted (``executemany``).
        """
        if not (self._pending or self._replacing):
            return
        ids = list(self._pending)
        replaced = list(self._replacing)
        added = t.client_rows(
            self._unit.tenant_id, [(c, c.version) for c in self._pending.values()]
        )
        changed = t.client_rows(
            self._unit.tenant_id, [(c, c.version) for c in self._replacing.values()]
        )
        self._pending.clear()
        self._replacing.clear()

        def write() -> None:
            if added.clients:
                self._unit._insert(t.clients, added.clients)
            if replaced:
                self._delete_children(replaced)
            for (table, new_rows), (_, changed_rows) in zip(
                added.children(), changed.children(), strict=True
            ):
                if new_rows or changed_rows:
                    self._unit._insert(table, new_rows + changed_rows)

        try:
            self._unit._guard(write)
        except StorageError as error:
            if not isinstance(error.__cause__, IntegrityError):
                raise
            # Another unit stored one of these ids since add() checked it.
            taken = self._taken(ids, connection_ok=False)
            first = next((client_id for client_id in ids if client_id in taken), None)
            if first is None:
                raise
            raise ClientExists(first) from error

    def _taken(self, ids: Sequence[str], *, connection_ok: bool = True) -> set[str]:
        """Return the ids among *ids* that the tenant's stored clients have."""
        taken: set[str] = set()
        for chunk in _chunks(ids):
            query = select(t.clients.c.id).where(self._tenant, t.clients.c.id.in_(chunk))
            if connection_ok:
                taken.update(self._unit._execute(query).scalars())
            else:  # the unit failed: look with a connection of its own
                with self._unit._engine.connect() as connection:
                    taken.update(connection.execute(query).scalars())
        return taken

    def _delete_children(self, ids: Sequence[str]) -> None:
        connection = self._unit._live()
        for table in (t.contacts, t.delivery_addresses, t.search_keys):
            for chunk in _chunks(ids):
                connection.execute(
                    delete(table).where(
                        table.c.tenant_id == self._unit.tenant_id, table.c.client_id.in_(chunk)
                    )
                )

    def list(
        self, *, after: str | None = None, limit: int = 100, include_archived: bool = True
    ) -> list[Client]:
        """Return a page of clients ordered by id, starting after the id *after*."""
        if limit <= 0:
            return []
        condition: ColumnElement[bool] = true()
        if after is not None:
            condition = and_(condition, t.clients.c.id > after)
        if not include_archived:
            condition = and_(condition, t.clients.c.active.is_(True))
        return self._load(condition, order=(t.clients.c.id,), limit=limit)
