"""The SQL client repository: a tenant's clients in clientbook's tables.

Reads of N clients take one statement, whatever N (up to :data:`_CHUNK` ids a statement):
the clients, each with its contacts and its delivery addresses aggregated as JSON by
correlated subqueries (:mod:`clientbook._adapters.sql.client_statements`). Added clients wait
in the repository and are inserted together (``executemany``, one statement per table) before
the unit's next read, update, removal or commit. Every statement goes through the unit of
work's :class:`~clientbook._adapters.sql.session.Session`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from clientbook._adapters.sql import client_statements as reads
from clientbook._adapters.sql import rows as r
from clientbook._adapters.sql import tables as t
from clientbook._adapters.sql.errors import StorageError
from clientbook._adapters.sql.search import search_ids
from clientbook._rules.search import search_key, search_words
from clientbook._services.refusals import ClientExists, ClientNotFound, StaleClient
from clientbook.identifiers import siret as _siret
from clientbook.identifiers import vat as _vat

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

    from sqlalchemy import ColumnElement, Select

    from clientbook._adapters.sql.session import Session
    from clientbook._records.client import Client
    from clientbook._rules.duplicates import DuplicateRule

__all__ = ["SqlClientRepository"]

# Ids sent in one statement; SQLite (3.32 and later) takes 32,766 parameters, PostgreSQL 65,535.
_CHUNK = 10_000


def _chunks(ids: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _by_id(clients: Iterable[Client]) -> list[Client]:
    """Sort clients read by another column than their id, as the database orders ids.

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


class SqlClientRepository:
    """A tenant's clients in SQL tables; a :class:`~clientbook.repositories.ClientRepository`.

    Every statement filters on the unit of work's tenant id. Clients passed to :meth:`add`
    are written together before the unit's next read, update, removal or commit: an id that
    is already taken is then refused with :class:`~clientbook.ClientExists`.
    """

    __module__ = "clientbook.sql"

    def __init__(self, session: Session) -> None:
        self._session = session
        self._pending: dict[str, Client] = {}
        # Clients updated in this unit whose children and keys are still to rewrite.
        self._replacing: dict[str, Client] = {}
        # Ids this unit read and found without a client: add() need not check them again.
        # (Another unit storing one meanwhile is caught when the clients are inserted.)
        self._absent: set[str] = set()
        session.register(self)

    def __repr__(self) -> str:
        return f"<SqlClientRepository tenant_id={self._session.tenant_id!r}>"

    @property
    def _tenant(self) -> ColumnElement[bool]:
        return t.clients.c.tenant_id == self._session.tenant_id

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
        loaded: dict[str, Client] = {}
        for chunk in _chunks(ids):
            clients = self._load(reads.clients_in("id", self._session.dialect), values=chunk)
            loaded.update((client.id, client) for client in clients)
        self._absent.update(client_id for client_id in ids if client_id not in loaded)
        return {client_id: loaded[client_id] for client_id in ids if client_id in loaded}

    def by_sirets(self, sirets: Iterable[str], /) -> dict[str, list[Client]]:
        """Return, by compact SIRET, the clients of each of *sirets*, in one statement.

        SIRETs no client carries are absent from the result; each list is ordered by id.
        """
        return self._by_number("siret_compact", sirets, _siret.compact, "siret")

    def by_vats(self, vat_numbers: Iterable[str], /) -> dict[str, list[Client]]:
        """Return, by compact VAT number, the clients of each of *vat_numbers*, in one statement.

        Numbers no client carries are absent from the result; each list is ordered by id.
        """
        return self._by_number("vat_compact", vat_numbers, _vat.compact, "vat_number")

    def by_duplicate_keys(self, keys: Iterable[tuple[DuplicateRule, str]], /) -> list[Client]:
        """Return the clients that have any of *keys*, archived ones included, ordered by id.

        One statement: the keys are seeks of ``clientbook_duplicate_keys``, written with each
        client (:func:`~clientbook.duplicate_keys`).
        """
        by_rule: dict[DuplicateRule, set[str]] = {}
        for rule, value in keys:
            by_rule.setdefault(rule, set()).add(value)
        found: dict[str, Client] = {}
        if not by_rule:
            return []
        params: dict[str, Any] = {}
        for i, (rule, values) in enumerate(sorted(by_rule.items())):
            params[f"r{i}"] = rule
            params[f"v{i}"] = sorted(values)
        statement = reads.clients_with_keys(len(by_rule), self._session.dialect)
        for client in self._load(statement, **params):
            found[client.id] = client
        return _by_id(found.values())

    def search(
        self, typed: str, /, *, include_archived: bool = False, limit: int = 20
    ) -> list[Client]:
        """Return up to *limit* clients matching what a user typed, ordered by name then id.

        The ids come from the index of search keys (``clientbook._adapters.sql.search``:
        three statements, four when every typed word is common), then the clients by id, with
        their children: four statements in all (five), whatever the number of clients.

        Raises:
            SearchTooLong: *typed* has more words or characters than a search takes; no
                statement was sent.
        """
        words = search_words(typed)
        if not words or limit <= 0:
            return []
        ids = search_ids(self._session, words, include_archived=include_archived, limit=limit)
        # The ids first, then the clients by id: a plan no planner can get wrong, whatever
        # statistics it has (a new database has none).
        if not ids:
            return []
        return _in_result_order(
            self._load(reads.clients_in("id", self._session.dialect), values=ids)
        )

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
        stored = client if client.version == 1 else attrs.evolve(client, version=1)
        client_id = stored.id
        if client_id in self._pending:
            raise ClientExists(client_id)
        if client_id not in self._absent and self._taken([client_id]):
            raise ClientExists(client_id)
        self._pending[client_id] = stored
        self._absent.discard(client_id)
        self._session.writes += 1
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
        batch = [c if c.version == 1 else attrs.evolve(c, version=1) for c in clients]
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
        self._session.writes += len(batch)
        return batch

    def update(self, client: Client, /) -> Client:
        """Store a changed client and return it as stored (``version + 1``).

        The row is updated only where its version is still ``client.version`` (one
        statement); its contacts, delivery addresses and keys are replaced after that check,
        in the same transaction, together with those of the other clients updated or added in
        this unit, before its next read, removal or commit.

        Raises:
            StaleClient: the stored version is not ``client.version``; nothing was written.
            ClientNotFound: no client of this tenant has this id.
        """
        if client.id in self._pending:
            self.flush()
        session = self._session
        version = client.version + 1
        changed = session.execute(
            update(t.clients)
            .where(self._tenant, t.clients.c.id == client.id)
            .where(t.clients.c.version == client.version)
            .values(r.client_update_values(client, version))
        )
        if changed.rowcount == 0:
            stored = session.execute(
                select(t.clients.c.version).where(self._tenant, t.clients.c.id == client.id)
            ).scalar_one_or_none()
            if stored is None:
                raise ClientNotFound(client.id)
            raise StaleClient(client.id, expected_version=client.version, actual_version=stored)
        session.writes += 1
        stored = attrs.evolve(client, version=version)
        self._replacing[client.id] = stored
        return stored

    def remove(self, client_id: str, /) -> None:
        """Delete the client with its contacts, addresses and keys.

        This method is not part of :class:`~clientbook.repositories.ClientRepository`: no
        service of the clients family deletes a client.

        Raises:
            ClientNotFound: no client of this tenant has this id.
        """
        if client_id in self._pending or client_id in self._replacing:
            self.flush()
        session = self._session

        def remove() -> int:
            self._delete_children([client_id])
            deleted = session.live().execute(
                delete(t.clients).where(self._tenant, t.clients.c.id == client_id)
            )
            return deleted.rowcount

        if session.guard(remove) == 0:
            raise ClientNotFound(client_id)
        session.writes += 1
        self._absent.add(client_id)

    # --- what the session asks of a repository ----------------------------------------------

    def forget(self) -> None:
        """Forget the writes still to send and what reads found absent: a rollback."""
        self._pending.clear()
        self._replacing.clear()
        self._absent.clear()

    def flush(self) -> None:
        """Write what is still to send: a constant number of statements, whatever the clients.

        The added clients are inserted (``executemany``), the children of the updated ones
        deleted (one ``IN`` per table), and the children of both inserted (``executemany``).
        """
        if not (self._pending or self._replacing):
            return
        session = self._session
        ids = list(self._pending)
        replaced = list(self._replacing)
        added = r.client_rows(session.tenant_id, [(c, c.version) for c in self._pending.values()])
        changed = r.client_rows(
            session.tenant_id, [(c, c.version) for c in self._replacing.values()]
        )
        self._pending.clear()
        self._replacing.clear()

        def write() -> None:
            if added.clients:
                session.insert(t.clients, added.clients)
            if replaced:
                self._delete_children(replaced)
            for (table, new_rows), (_, changed_rows) in zip(
                added.children(), changed.children(), strict=True
            ):
                if new_rows or changed_rows:
                    session.insert(table, new_rows + changed_rows)

        try:
            session.guard(write)
        except StorageError as error:
            if not isinstance(error.__cause__, IntegrityError):
                raise
            # Another unit stored one of these ids since add() checked it.
            taken = self._taken(ids, connection_ok=False)
            first = next((client_id for client_id in ids if client_id in taken), None)
            if first is None:
                raise
            raise ClientExists(first) from error

    # --- the work behind them ---------------------------------------------------------------

    def _load(self, statement: Select[Any], **params: Any) -> list[Client]:
        """Read the clients *statement* selects, with their children, in one statement.

        *statement* is one of :mod:`clientbook._adapters.sql.client_statements`' reads, and
        *params* its parameters but the tenant. One statement reads one state of the
        database: each client comes with the children of the version read.
        """
        found = self._session.read(statement, {"tenant": self._session.tenant_id, **params})
        return [r.client_from_rows(row) for row in found]

    def _by_number(
        self,
        column: str,
        numbers: Iterable[str],
        compact: Callable[[str], str],
        field: str,
    ) -> dict[str, list[Client]]:
        wanted = sorted({compact(number) for number in numbers} - {""})
        found: dict[str, list[Client]] = {}
        for chunk in _chunks(wanted):
            statement = reads.clients_in(column, self._session.dialect)
            for client in self._load(statement, values=chunk):
                found.setdefault(compact(getattr(client, field)), []).append(client)
        return {number: _by_id(found[number]) for number in wanted if number in found}

    def _taken(self, ids: Sequence[str], *, connection_ok: bool = True) -> set[str]:
        """Return the ids among *ids* that the tenant's stored clients have."""
        taken: set[str] = set()
        for chunk in _chunks(ids):
            query = select(t.clients.c.id).where(self._tenant, t.clients.c.id.in_(chunk))
            if connection_ok:
                taken.update(self._session.execute(query).scalars())
            else:  # the unit failed: look with a connection of its own
                with self._session.own_connection() as connection:
                    taken.update(connection.execute(query).scalars())
        return taken

    def _delete_children(self, ids: Sequence[str]) -> None:
        connection = self._session.live()
        tenant_id = self._session.tenant_id
        for table in (t.contacts, t.delivery_addresses, t.search_keys, t.duplicate_keys):
            for chunk in _chunks(ids):
                connection.execute(
                    delete(table).where(
                        table.c.tenant_id == tenant_id, table.c.client_id.in_(chunk)
                    )
                )

    def list(
        self, *, after: str | None = None, limit: int = 100, include_archived: bool = True
    ) -> list[Client]:
        """Return a page of clients ordered by id, starting after the id *after*."""
        if limit <= 0:
            return []
        page = reads.clients_page(
            after=after is not None, active_only=not include_archived, dialect=self._session.dialect
        )
        return self._load(page, after=after, limit=limit)

    # --- writes -----------------------------------------------------------------------------
