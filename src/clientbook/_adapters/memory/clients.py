"""The in-memory client repository: the clients of one tenant, as one unit of work sees them."""

from __future__ import annotations

import heapq
from bisect import bisect_right
from itertools import islice
from typing import TYPE_CHECKING

import attrs

from clientbook._rules.duplicates import duplicate_keys
from clientbook._rules.search import matches_prefix, search_key, search_words
from clientbook._services.refusals import ClientExists, ClientNotFound, StaleClient
from clientbook.identifiers import siret as _siret
from clientbook.identifiers import vat as _vat

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable, Iterable

    from clientbook._adapters.memory.unit_of_work import Changes
    from clientbook._records.client import Client
    from clientbook._rules.duplicates import DuplicateRule

__all__ = ["MemoryClientRepository"]


class MemoryClientRepository:
    """The clients of one tenant, as a :class:`~clientbook.memory.MemoryUnitOfWork` sees them.

    Reads see the store's committed clients and the unit of work's own pending changes;
    writes stay pending until the unit of work commits. Implements
    :class:`~clientbook.repositories.ClientRepository`.
    """

    __module__ = "clientbook.memory"

    def __init__(self, changes: Changes) -> None:
        self._changes = changes

    def __repr__(self) -> str:
        return "<MemoryClientRepository>"

    def _visible(self, client_id: str) -> Client | None:
        pending = self._changes.pending()
        if client_id in pending:
            return pending[client_id]
        with self._changes.lock:
            return self._changes.tenant.clients.get(client_id)

    def get(self, client_id: str, /) -> Client:
        """Return the stored client; raise :class:`~clientbook.ClientNotFound` if none."""
        client = self._visible(client_id)
        if client is None:
            raise ClientNotFound(client_id)
        return client

    def get_many(self, client_ids: Iterable[str], /) -> dict[str, Client]:
        """Return the stored clients among *client_ids*, by id; absent ids are left out."""
        pending = self._changes.pending()
        found: dict[str, Client] = {}
        with self._changes.lock:
            committed = self._changes.tenant.clients
            for client_id in client_ids:
                client = pending[client_id] if client_id in pending else committed.get(client_id)
                if client is not None:
                    found[client_id] = client
        return found

    def add(self, client: Client, /) -> Client:
        """Store a new client (pending until commit) and return it with ``version`` 1.

        Raises:
            ClientExists: a client with this id is stored, or added earlier in this unit.
        """
        if self._visible(client.id) is not None:
            raise ClientExists(client.id)
        stored = client if client.version == 1 else attrs.evolve(client, version=1)
        self._changes.write(client.id, stored)
        return stored

    def update(self, client: Client, /) -> Client:
        """Store a changed client (pending until commit) and return it with ``version + 1``.

        Raises:
            ClientNotFound: there is no such client.
            StaleClient: ``client.version`` is not the version stored now.
        """
        current = self.get(client.id)
        if client.version != current.version:
            raise StaleClient(
                client.id, expected_version=client.version, actual_version=current.version
            )
        stored = attrs.evolve(client, version=current.version + 1)
        self._changes.write(client.id, stored)
        return stored

    def remove(self, client_id: str, /) -> None:
        """Delete the client (pending until commit).

        This method is not part of :class:`~clientbook.repositories.ClientRepository`: no
        service of the clients family deletes a client.

        Raises:
            ClientNotFound: there is no such client.
        """
        self.get(client_id)
        self._changes.write(client_id, None)

    def search(
        self, typed: str, /, *, include_archived: bool = False, limit: int = 20
    ) -> list[Client]:
        """Return up to *limit* clients matching what a user typed, ordered by name then id.

        The rule is :func:`~clientbook.matches_prefix`; the store's committed clients are
        found through a prefix index, the unit of work's pending changes are checked one by one.

        Raises:
            SearchTooLong: *typed* has more words or characters than a search takes.
        """
        words = search_words(typed)
        if not words or limit <= 0:
            return []
        pending = self._changes.pending()
        found: list[tuple[str, str, Client]] = [
            (search_key(client.display_name), client.id, client)
            for client in pending.values()
            if client is not None
            and matches_prefix(client, typed, include_archived=include_archived)
        ]
        with self._changes.lock:
            tenant = self._changes.tenant
            hits = tenant.search.search(
                words, include_archived=include_archived, skip=pending.keys(), limit=limit
            )
            found += [
                (sort_key, client_id, tenant.clients[client_id])
                for sort_key, client_id in islice(hits, limit)
            ]
        return [client for _, _, client in heapq.nsmallest(limit, found, key=lambda f: f[:2])]

    def _having(
        self, name: str, keys: set[Hashable], keys_of: Callable[[Client], Iterable[Hashable]]
    ) -> dict[Hashable, dict[str, Client]]:
        """Return, for each of *keys*, the visible clients that have it in the index *name*."""
        pending = self._changes.pending()
        found: dict[Hashable, dict[str, Client]] = {}
        with self._changes.lock:
            tenant = self._changes.tenant
            for key, ids in tenant.ids_of(name, keys).items():
                for client_id in ids:
                    if client_id not in pending:
                        found.setdefault(key, {})[client_id] = tenant.clients[client_id]
        for client_id, changed in pending.items():
            if changed is not None:
                for key in keys_of(changed):
                    if key in keys:
                        found.setdefault(key, {})[client_id] = changed
        return found

    def _by_number(
        self, name: str, numbers: Iterable[str], compact: Callable[[str], str]
    ) -> dict[str, list[Client]]:
        keys: set[Hashable] = {number for number in map(compact, numbers) if number}
        if not keys:
            return {}

        def number_of(client: Client) -> tuple[str]:
            return (compact(getattr(client, name)),)

        found = self._having(name, keys, number_of)
        return {
            str(key): [clients[client_id] for client_id in sorted(clients)]
            for key, clients in found.items()
        }

    def by_sirets(self, sirets: Iterable[str], /) -> dict[str, list[Client]]:
        """Return the clients carrying each of *sirets*, by compact SIRET, in one call.

        :func:`~clientbook.services.import_clients` looks a batch up with it. SIRETs no
        client carries are absent from the result.
        """
        return self._by_number("siret", sirets, _siret.compact)

    def by_vats(self, vat_numbers: Iterable[str], /) -> dict[str, list[Client]]:
        """Return the clients carrying each of *vat_numbers*, by compact VAT number, in one call.

        :func:`~clientbook.services.import_clients` looks a batch up with it. Numbers no
        client carries are absent from the result.
        """
        return self._by_number("vat_number", vat_numbers, _vat.compact)

    def by_duplicate_keys(self, keys: Iterable[tuple[DuplicateRule, str]], /) -> list[Client]:
        """Return the clients that have any of *keys*, archived ones included, ordered by id.

        A client's keys are :func:`~clientbook.duplicate_keys`'; they are
        indexed when it is stored.
        """
        wanted: set[Hashable] = set(keys)
        if not wanted:
            return []
        clients: dict[str, Client] = {}
        for having in self._having("duplicate", wanted, duplicate_keys).values():
            clients.update(having)
        return [clients[client_id] for client_id in sorted(clients)]

    def list(
        self, *, after: str | None = None, limit: int = 100, include_archived: bool = True
    ) -> list[Client]:
        """Return a page of clients ordered by id, those with an id greater than *after*."""
        if limit <= 0:
            return []
        pending = self._changes.pending()
        page: list[Client] = []
        with self._changes.lock:
            tenant = self._changes.tenant
            ids = tenant.ids.ordered(tenant.clients)
            start = 0 if after is None else bisect_right(ids, after)
            previous = None
            for position in range(start, len(ids)):
                client_id = ids[position]
                if client_id == previous or client_id in pending:
                    continue
                previous = client_id
                client = tenant.clients.get(client_id)
                if client is not None and (include_archived or client.active):
                    page.append(client)
                    if len(page) == limit:
                        break
        page += [
            client
            for client_id, client in pending.items()
            if client is not None
            and (after is None or client_id > after)
            and (include_archived or client.active)
        ]
        page.sort(key=lambda client: client.id)
        return page[:limit]
