"""The SQL unit of work and client repository, on SQLAlchemy Core.

Reads of N clients take one statement, whatever N (up to :data:`_CHUNK` ids a statement):
the clients, each with its contacts and its delivery addresses aggregated as JSON by
correlated subqueries (:mod:`clientbook._adapters.sql.statements`).
Added clients wait in the unit of work and are inserted together (``executemany``, one
statement per table) before the next read, update, removal or commit.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any, Self, TypeVar

import attrs
from sqlalchemy import (
    Boolean,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.exc import DBAPIError, IntegrityError

from clientbook._adapters.sql import statements as reads
from clientbook._adapters.sql import tables as t
from clientbook._adapters.sql.errors import StorageError, storage_error
from clientbook._rules.search import search_key
from clientbook._services.refusals import ClientExists, ClientNotFound, StaleClient
from clientbook.identifiers import siren as _siren
from clientbook.identifiers import siret as _siret
from clientbook.identifiers import vat as _vat

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
    from types import TracebackType

    from sqlalchemy import (
        ColumnElement,
        Connection,
        Dialect,
        Engine,
        Executable,
        Select,
        Table,
    )
    from sqlalchemy.engine import CursorResult, RowMapping

    from clientbook._records.client import Client
    from clientbook.repositories import ClientRepository

__all__ = ["SqlClientRepository", "SqlUnitOfWork"]

_R = TypeVar("_R")

# Ids sent in one statement; SQLite (3.32 and later) takes 32,766 parameters, PostgreSQL 65,535.
_CHUNK = 10_000
# How far a search counts the keys of each typed word to find the rarest.
_COUNT_CAP = 5_000
# Up to this many distinct keys starting with the rarest word, a search merges the clients of
# each key, read in result order; past it, it reads and sorts the whole range of the word.
_MERGE_KEYS = 64
# When every typed word is common (this many keys or more, or past the count's cap), reading
# the rarest word's clients in order may read far before it finds the first that match the
# others. So a search first reads the start of each key of the words that start few keys (up
# to this many keys a word, this many streams in all, a stream being a key's active or
# archived clients): the first _WINDOW clients of each, in result order.
_COMMON = 256
_WALKED_KEYS = 4
_WALKED_STREAMS = 8
_WINDOW = 128


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


class _Typed:
    """What a user typed, as the parameters of :mod:`clientbook._adapters.sql.statements`' searches.

    Attributes:
        words: the typed words, reduced by :func:`~clientbook.search_key`, in order.
        distinct: the words without repeats; word ``i`` of the statements is ``distinct[i]``.
        index: the position of each word in *distinct*.
        uppers: for each distinct word, whether a text is above all that start with it.
        whole: whether the whole text as one key has an upper bound; ``None`` when there is
            a single word (the whole text is that word).
        params: the tenant and the range of each word and of the whole text.
    """

    def __init__(self, words: Sequence[str], tenant_id: str, *, include_archived: bool) -> None:
        self.words = list(words)
        self.distinct = list(dict.fromkeys(words))
        self.index = {word: i for i, word in enumerate(self.distinct)}
        self.include_archived = include_archived
        self.params: dict[str, Any] = {"tenant": tenant_id}
        uppers = []
        for i, word in enumerate(self.distinct):
            uppers.append(self._range(f"w{i}", word))
        self.uppers = tuple(uppers)
        whole_upper = self._range("whole", "".join(words))
        self.whole = whole_upper if len(self.words) > 1 else None

    def _range(self, name: str, word: str) -> bool:
        self.params[f"{name}_lo"] = word
        upper = _after_prefix(word)
        if upper is not None:
            self.params[f"{name}_hi"] = upper
        return upper is not None

    def others(self, lead: int) -> reads.Others:
        """The distinct words but word *lead*, with their upper bounds."""
        return tuple((i, upper) for i, upper in enumerate(self.uppers) if i != lead)


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
        self,
        statement: Executable,
        parameters: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None = None,
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

    def _read(
        self, statement: Executable, parameters: Mapping[str, Any] | None = None
    ) -> Sequence[RowMapping]:
        return self._execute(statement, parameters).mappings().all()

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

    @property
    def _dialect(self) -> str:
        """The name of the database's dialect, which the reads of clients depend on."""
        return self._unit._engine.dialect.name

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
        """Return the stored clients among *client_ids*, by id, in one statement.

        Ids with no client are absent from the result.
        """
        ids = list(dict.fromkeys(client_ids))
        self._flush()
        loaded: dict[str, Client] = {}
        for chunk in _chunks(ids):
            clients = self._load(reads.clients_in("id", self._dialect), {"values": chunk})
            loaded.update((client.id, client) for client in clients)
        self._absent.update(client_id for client_id in ids if client_id not in loaded)
        return {client_id: loaded[client_id] for client_id in ids if client_id in loaded}

    def by_sirets(self, sirets: Iterable[str], /) -> dict[str, list[Client]]:
        """Return, by compact SIRET, the clients of each of *sirets*, in one statement.

        SIRETs no client carries are absent from the result; each list is ordered by id.
        """
        return self._by_many("siret_compact", sirets, _siret.compact, "siret")

    def by_vats(self, vat_numbers: Iterable[str], /) -> dict[str, list[Client]]:
        """Return, by compact VAT number, the clients of each of *vat_numbers*, in one statement.

        Numbers no client carries are absent from the result; each list is ordered by id.
        """
        return self._by_many("vat_compact", vat_numbers, _vat.compact, "vat_number")

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
        The clients of the first *limit* ids are then read, with their children: four
        statements in all, whatever the number of clients.

        When every typed word is common ("claire dup": 256 keys or more each), the one with
        the fewest keys may still hold its first matching clients far down its keys. So the
        keys of every word are listed, and the first clients of each key of the words that
        start few keys are read, each checked against the other words: those found are the
        results when they reach far enough to be the first (see ``_first_of_each_key``);
        otherwise the rarest word is read as above, a fifth statement.
        """
        words = search_key(typed).split()
        if not words or limit <= 0:
            return []
        self._flush()
        query = _Typed(words, self._unit.tenant_id, include_archived=include_archived)
        counts = self._key_counts(query)
        # Fewest keys first; on a tie (several words past the cap), the longest word.
        rarest = min(words, key=lambda word: (counts[word], -len(word)))
        ids: list[str] | None = None
        if len(query.distinct) > 1 and counts[rarest] >= min(_COMMON, _COUNT_CAP):
            starting = self._keys_starting(query, query.distinct)
            ids = self._first_of_each_key(query, starting, limit=limit)
        else:
            starting = self._keys_starting(query, [rarest])
        if ids is None:
            ids = self._first_ids(query, rarest, starting[rarest], limit=limit)
        # The ids first, then the clients by id: a plan no planner can get wrong, whatever
        # statistics it has (a new database has none).
        if not ids:
            return []
        return _in_result_order(self._load(reads.clients_in("id", self._dialect), {"values": ids}))

    def by_siren(self, siren: str, /) -> list[Client]:
        """Return the clients whose SIREN is *siren*, separators ignored, archived included."""
        return self._by("siren_compact", _siren.compact(siren))

    def by_siret(self, siret: str, /) -> list[Client]:
        """Return the clients whose SIRET is *siret*, separators ignored, archived included."""
        return self._by("siret_compact", _siret.compact(siret))

    def by_vat(self, vat_number: str, /) -> list[Client]:
        """Return the clients whose VAT number is *vat_number*, compacted, archived included."""
        return self._by("vat_compact", _vat.compact(vat_number))

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
        column: str,
        numbers: Iterable[str],
        compact: Callable[[str], str],
        field: str,
    ) -> dict[str, list[Client]]:
        wanted = sorted({compact(number) for number in numbers} - {""})
        found: dict[str, list[Client]] = {}
        for chunk in _chunks(wanted):
            for client in self._load(reads.clients_in(column, self._dialect), {"values": chunk}):
                found.setdefault(compact(getattr(client, field)), []).append(client)
        return {number: _by_id(found[number]) for number in wanted if number in found}

    def _by(self, column: str, number: str) -> list[Client]:
        if not number:
            return []
        return _by_id(self._load(reads.clients_equal(column, self._dialect), {"value": number}))

    def _key_counts(self, query: _Typed) -> dict[str, int]:
        """Count the keys of each word, up to :data:`_COUNT_CAP`, in one statement."""
        statement = reads.key_counts(query.uppers, include_archived=query.include_archived)
        found = self._unit._execute(statement, {**query.params, "cap": _COUNT_CAP}).one()
        return dict(zip(query.distinct, found, strict=True))

    def _keys_starting(self, query: _Typed, words: Sequence[str]) -> dict[str, list[str]]:
        """Return the distinct keys of the tenant that start with each of *words*.

        Up to one too many (:data:`_MERGE_KEYS` + 1) a word, in one statement.
        """
        indexes = tuple(query.index[word] for word in words)
        statement = reads.keys_starting(tuple((i, query.uppers[i]) for i in indexes))
        found: dict[int, list[str]] = {i: [] for i in indexes}
        params = {**query.params, "most": _MERGE_KEYS + 1}
        for row in self._unit._execute(statement, params):
            found[row.word].append(row.key)
        return {word: found[query.index[word]] for word in words}

    def _first_ids(
        self, query: _Typed, rarest: str, starting: Sequence[str], *, limit: int
    ) -> list[str]:
        """Return the ids of the first *limit* clients matching the words, in result order.

        *starting* is the keys that start with the *rarest* word.
        """
        lead = query.index[rarest]
        others = query.others(lead)
        whole = query.whole
        params = {**query.params, "limit": limit}
        if len(starting) > _MERGE_KEYS:
            statement = reads.ids_from_range(
                (lead, query.uppers[lead]),
                others,
                whole,
                include_archived=query.include_archived,
            )
            return list(self._unit._execute(statement, params).scalars())
        if not starting and whole is None:
            return []
        # Each key's clients come from the index in result order (name, id), the archived
        # ones apart when they are included, each list cut at *limit*; merged here.
        merged = reads.ids_by_keys(
            len(starting), others, whole, include_archived=query.include_archived
        )
        params.update((f"k{j}", key) for j, key in enumerate(starting))
        sort_keys: dict[str, str] = {}
        for row in self._unit._execute(merged, params):
            sort_keys[row.client_id] = row.sort_key
        return sorted(sort_keys, key=lambda client_id: (sort_keys[client_id], client_id))[:limit]

    def _first_of_each_key(
        self, query: _Typed, starting: dict[str, list[str]], *, limit: int
    ) -> list[str] | None:
        """Return the first *limit* matching ids, read from the start of some words' keys.

        The words that start few keys (all of them listed) are walked: each of their keys, in
        each state, is a stream of the index in result order. The first :data:`_WINDOW`
        entries of each stream are read and checked against the other words (the first
        *limit* that match are kept), and so is its entry number :data:`_WINDOW`. A stream
        answers for its matching clients up to a point: to its end when it was read to its
        end or when *limit* of its entries matched (a client after those is not among the
        first *limit* results), otherwise up to its last entry read. A client matching every
        word is in one stream of each walked word, so the first *limit* clients found (with
        the first *limit* of the whole text as one key) are the results when, for one walked
        word, every stream answers to its end, or the last of them comes before the nearest
        point its streams answer to. Otherwise ``None``: the rarest word is read instead.
        """
        most = _MERGE_KEYS + 1
        states = 2 if query.include_archived else 1
        candidates = sorted(
            (word for word in query.distinct if 0 < len(starting[word]) <= _WALKED_KEYS),
            key=lambda word: len(starting[word]),
        )
        walked: list[str] = []
        streams = 0
        for word in candidates:
            if len(starting[word]) < most and streams + len(starting[word]) * states <= (
                _WALKED_STREAMS
            ):
                walked.append(word)
                streams += len(starting[word]) * states
        if not walked:
            return None
        statement = reads.first_of_each_key(
            query.uppers,
            tuple((query.index[word], len(starting[word])) for word in walked),
            query.whole,
            include_archived=query.include_archived,
        )
        params = {**query.params, "limit": limit, "window": _WINDOW, "last": _WINDOW - 1}
        for word in walked:
            params.update(
                (f"k{query.index[word]}_{j}", key) for j, key in enumerate(starting[word])
            )
        sort_keys: dict[str, str] = {}
        matches: dict[int, list[tuple[str, str]]] = {}
        window_ends: dict[int, tuple[str, str]] = {}
        for row in self._unit._execute(statement, params):
            if row.bound:
                window_ends[row.stream] = (row.sort_key, row.client_id)
                continue
            sort_keys[row.client_id] = row.sort_key
            if row.stream >= 0:
                matches.setdefault(row.stream, []).append((row.sort_key, row.client_id))

        def reach(stream: int) -> tuple[str, str] | None:
            """The (sort key, id) the stream answers to; ``None``: to its end."""
            if len(matches.get(stream, ())) >= limit:
                return None
            return window_ends.get(stream)

        known: tuple[str, ...] = ()  # how far the clients found answer; () is before all
        everything = False  # whether they answer to the end
        stream = 0
        for word in walked:
            count = len(starting[word]) * states
            reaches = [reach(number) for number in range(stream, stream + count)]
            stream += count
            points = [point for point in reaches if point is not None]
            if not points:  # every stream of this word answers to its end
                everything = True
                break
            known = max(known, min(points))
        ordered = sorted((sort_key, client_id) for client_id, sort_key in sort_keys.items())
        if everything or (len(ordered) >= limit and ordered[limit - 1] <= known):
            return [client_id for _, client_id in ordered[:limit]]
        return None

    def _load(self, statement: Select[Any], params: dict[str, Any]) -> list[Client]:
        """Read the clients *statement* selects, with their children, in one statement.

        *statement* is one of :mod:`clientbook._adapters.sql.statements`' reads of clients, and
        *params* its parameters but the tenant. One statement reads one state of the
        database: each client comes with the children of the version read.
        """
        self._flush()
        rows = self._unit._read(statement, {"tenant": self._unit.tenant_id, **params})
        return [t.client_from_rows(row) for row in rows]

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
        page = reads.clients_page(
            after=after is not None, active_only=not include_archived, dialect=self._dialect
        )
        return self._load(page, {"after": after, "limit": limit})
