"""The in-memory adapter: a store of every tenant's clients and its transactional units of work."""

from __future__ import annotations

import heapq
import threading
from bisect import bisect_right
from itertools import islice
from typing import TYPE_CHECKING, Self

import attrs

from clientbook._adapters.memory.prefix_index import PrefixIndex, typed_words
from clientbook._rules.search import matches_prefix, search_key
from clientbook._services.refusals import ClientExists, ClientNotFound, StaleClient
from clientbook.identifiers import siren as _siren
from clientbook.identifiers import siret as _siret
from clientbook.identifiers import vat as _vat

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from types import TracebackType

    from clientbook._records.client import Client
    from clientbook.repositories import ClientRepository

__all__ = ["MemoryClientRepository", "MemoryStore", "MemoryUnitOfWork"]

# What each identifier index is keyed on: the compact form, so that "123 456 782" finds
# a client whose SIREN was stored as "123456782", and the other way round.
_IDENTIFIERS: tuple[tuple[str, Callable[[str], str]], ...] = (
    ("siren", _siren.compact),
    ("siret", _siret.compact),
    ("vat_number", _vat.compact),
)


class _Ids:
    """The ids of one tenant's clients, sorted for paging.

    Added ids wait in a list that is merged on the next page asked for; removed ids stay
    until they outnumber the present ones (pages skip them), then the list is rebuilt.
    """

    def __init__(self) -> None:
        self._sorted: list[str] = []
        self._added: list[str] = []
        self._removed = 0

    def add(self, client_id: str) -> None:
        self._added.append(client_id)

    def discard(self) -> None:
        self._removed += 1

    def ordered(self, clients: dict[str, Client]) -> list[str]:
        """Return the ids in order, possibly with removed or repeated ones (pages skip them)."""
        if self._removed > 1024 and self._removed > len(clients):
            self._sorted = sorted(clients)
            self._added = []
            self._removed = 0
        elif self._added:
            self._sorted += self._added
            self._sorted.sort()
            self._added = []
        return self._sorted


class _Tenant:
    """One tenant's committed clients and their indexes."""

    def __init__(self) -> None:
        self.clients: dict[str, Client] = {}
        self.search = PrefixIndex()
        self.ids = _Ids()
        self.identifiers: dict[str, dict[str, set[str]]] = {name: {} for name, _ in _IDENTIFIERS}

    def version(self, client_id: str) -> int:
        client = self.clients.get(client_id)
        return 0 if client is None else client.version

    def put(self, client: Client) -> None:
        old = self.clients.get(client.id)
        if old is None:
            self.ids.add(client.id)
        else:
            self._unindex_identifiers(old)
        self.clients[client.id] = client
        for name, compact in _IDENTIFIERS:
            number = compact(getattr(client, name))
            if number:
                self.identifiers[name].setdefault(number, set()).add(client.id)
        self.search.put(client)

    def remove(self, client_id: str) -> None:
        old = self.clients.pop(client_id, None)
        if old is None:
            return
        self._unindex_identifiers(old)
        self.search.discard(client_id)
        self.ids.discard()

    def _unindex_identifiers(self, client: Client) -> None:
        for name, compact in _IDENTIFIERS:
            number = compact(getattr(client, name))
            ids = self.identifiers[name].get(number)
            if ids is not None:
                ids.discard(client.id)
                if not ids:
                    del self.identifiers[name][number]

    def by_identifier(self, name: str, number: str) -> list[Client]:
        ids = self.identifiers[name].get(number, ())
        return [self.clients[client_id] for client_id in sorted(ids)]


class MemoryStore:
    """Every tenant's committed clients, in memory: a database for tests and notebooks.

    Open one :class:`MemoryUnitOfWork` per transaction with :meth:`unit_of_work`; units of work
    of the same store see each other's committed changes, and only those. The store is safe to
    share between threads: commits are serialised.

    >>> from clientbook import Client, ClientKind
    >>> store = MemoryStore()
    >>> with store.unit_of_work(tenant_id="acme") as uow:
    ...     stored = uow.clients.add(Client(id="c1", kind=ClientKind.COMPANY, name="Dupont SA"))
    ...     uow.commit()
    >>> stored.version
    1
    >>> with store.unit_of_work(tenant_id="acme") as uow:
    ...     [client.name for client in uow.clients.search("dup")]
    ['Dupont SA']
    """

    def __init__(self) -> None:
        self._tenants: dict[str, _Tenant] = {}
        self._lock = threading.RLock()

    def unit_of_work(self, *, tenant_id: str) -> MemoryUnitOfWork:
        """Return a new unit of work on the clients of *tenant_id*.

        Args:
            tenant_id: the account whose clients the unit of work reads and writes; nothing
                of another tenant is visible through it.

        Returns:
            The unit of work; use it in a ``with`` block.
        """
        if not isinstance(tenant_id, str) or not tenant_id:
            raise ValueError(f"tenant_id must be a non-empty str, not {tenant_id!r}")
        return MemoryUnitOfWork(store=self, tenant_id=tenant_id)

    def _tenant(self, tenant_id: str) -> _Tenant:
        with self._lock:
            tenant = self._tenants.get(tenant_id)
            if tenant is None:
                tenant = self._tenants[tenant_id] = _Tenant()
            return tenant


class MemoryClientRepository:
    """The clients of one tenant, as a :class:`MemoryUnitOfWork` sees them.

    Reads see the store's committed clients and the unit of work's own pending changes;
    writes stay pending until the unit of work commits. Implements
    :class:`~clientbook.repositories.ClientRepository`.
    """

    def __init__(self, *, unit_of_work: MemoryUnitOfWork) -> None:
        self._uow = unit_of_work

    def _pending(self) -> dict[str, Client | None]:
        return self._uow._active_pending()

    def _visible(self, client_id: str) -> Client | None:
        pending = self._pending()
        if client_id in pending:
            return pending[client_id]
        with self._uow._store._lock:
            return self._uow._tenant.clients.get(client_id)

    def get(self, client_id: str, /) -> Client:
        """Return the stored client; raise :class:`~clientbook.ClientNotFound` if none."""
        client = self._visible(client_id)
        if client is None:
            raise ClientNotFound(client_id)
        return client

    def get_many(self, client_ids: Iterable[str], /) -> dict[str, Client]:
        """Return the stored clients among *client_ids*, by id; absent ids are left out."""
        pending = self._pending()
        found: dict[str, Client] = {}
        with self._uow._store._lock:
            committed = self._uow._tenant.clients
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
        stored = attrs.evolve(client, version=1)
        self._uow._write(client.id, stored)
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
        self._uow._write(client.id, stored)
        return stored

    def remove(self, client_id: str, /) -> None:
        """Delete the client (pending until commit).

        Raises:
            ClientNotFound: there is no such client.
        """
        self.get(client_id)
        self._uow._write(client_id, None)

    def search(
        self, typed: str, /, *, include_archived: bool = False, limit: int = 20
    ) -> list[Client]:
        """Return up to *limit* clients matching what a user typed, ordered by name then id.

        The rule is :func:`~clientbook.matches_prefix`; the store's committed clients are
        found through a prefix index, the unit of work's pending changes are checked one by one.
        """
        if limit <= 0:
            return []
        words = typed_words(typed)
        if not words:
            return []
        pending = self._pending()
        found: list[tuple[str, str, Client]] = [
            (search_key(client.display_name), client.id, client)
            for client in pending.values()
            if client is not None
            and matches_prefix(client, typed, include_archived=include_archived)
        ]
        with self._uow._store._lock:
            tenant = self._uow._tenant
            hits = tenant.search.search(
                words, include_archived=include_archived, skip=pending.keys()
            )
            found += [
                (sort_key, client_id, tenant.clients[client_id])
                for sort_key, client_id in islice(hits, limit)
            ]
        return [client for _, _, client in heapq.nsmallest(limit, found, key=lambda f: f[:2])]

    def _by_many(self, name: str, numbers: Iterable[str]) -> dict[str, list[Client]]:
        compact = dict(_IDENTIFIERS)[name]
        keys = {compact(number) for number in numbers} - {""}
        if not keys:
            return {}
        pending = self._pending()
        found: dict[str, dict[str, Client]] = {}
        with self._uow._store._lock:
            tenant = self._uow._tenant
            for key in keys:
                for client in tenant.by_identifier(name, key):
                    if client.id not in pending:
                        found.setdefault(key, {})[client.id] = client
        for client_id, changed in pending.items():
            if changed is not None:
                key = compact(getattr(changed, name))
                if key in keys:
                    found.setdefault(key, {})[client_id] = changed
        return {
            key: [clients[client_id] for client_id in sorted(clients)]
            for key, clients in found.items()
        }

    def _by(self, name: str, number: str) -> list[Client]:
        return self._by_many(name, [number]).get(dict(_IDENTIFIERS)[name](number), [])

    def by_sirets(self, sirets: Iterable[str], /) -> dict[str, list[Client]]:
        """Return the clients carrying each of *sirets*, by compact SIRET, in one call.

        :func:`~clientbook.services.import_clients` looks a batch up with it. SIRETs no
        client carries are absent from the result.
        """
        return self._by_many("siret", sirets)

    def by_vats(self, vat_numbers: Iterable[str], /) -> dict[str, list[Client]]:
        """Return the clients carrying each of *vat_numbers*, by compact VAT number, in one call.

        :func:`~clientbook.services.import_clients` looks a batch up with it. Numbers no
        client carries are absent from the result.
        """
        return self._by_many("vat_number", vat_numbers)

    def by_siren(self, siren: str, /) -> list[Client]:
        """Return the clients whose SIREN is *siren* (compared compact), archived ones included."""
        return self._by("siren", siren)

    def by_siret(self, siret: str, /) -> list[Client]:
        """Return the clients whose SIRET is *siret* (compared compact), archived ones included."""
        return self._by("siret", siret)

    def by_vat(self, vat_number: str, /) -> list[Client]:
        """Return the clients whose VAT number is *vat_number* (compact), archived included."""
        return self._by("vat_number", vat_number)

    def list(
        self, *, after: str | None = None, limit: int = 100, include_archived: bool = True
    ) -> list[Client]:
        """Return a page of clients ordered by id, those with an id greater than *after*."""
        if limit <= 0:
            return []
        pending = self._pending()
        page: list[Client] = []
        with self._uow._store._lock:
            tenant = self._uow._tenant
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


class MemoryUnitOfWork:
    """One transaction on one tenant's clients in a :class:`MemoryStore`.

    Changes stay pending in the unit of work until :meth:`commit`; leaving the ``with`` block
    without committing, or with an exception, or calling :meth:`rollback`, forgets them. At
    commit the versions are checked again against what other units of work committed meanwhile:
    if any client changed, nothing is applied (:class:`~clientbook.StaleClient`). Implements
    :class:`~clientbook.repositories.UnitOfWork`.

    Attributes:
        tenant_id: the account whose clients this unit of work reads and writes.
        clients: the tenant's clients.
    """

    def __init__(self, *, store: MemoryStore, tenant_id: str) -> None:
        self._store = store
        self.tenant_id = tenant_id
        self._tenant = store._tenant(tenant_id)
        self.clients: ClientRepository = MemoryClientRepository(unit_of_work=self)
        self._pending: dict[str, Client | None] = {}
        self._base: dict[str, int] = {}  # committed version when first written in this unit
        self._open = False

    def __enter__(self) -> Self:
        """Begin the transaction."""
        if self._open:
            raise RuntimeError("this unit of work is already in use: open another one")
        self._open = True
        self._clear()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """End the transaction: what was not committed is forgotten."""
        self._clear()
        self._open = False

    def _active_pending(self) -> dict[str, Client | None]:
        if not self._open:
            raise RuntimeError("use the unit of work in a with block: with uow: ...")
        return self._pending

    def _write(self, client_id: str, client: Client | None) -> None:
        pending = self._active_pending()
        if client_id not in self._base:
            with self._store._lock:
                self._base[client_id] = self._tenant.version(client_id)
        pending[client_id] = client

    def _clear(self) -> None:
        self._pending = {}
        self._base = {}

    def commit(self) -> None:
        """Apply the pending changes to the store, all or nothing, and make them visible.

        Raises:
            StaleClient: another unit of work changed or removed one of the clients this one
                changed since it read it; nothing is applied and the changes are forgotten.
            ClientExists: another unit of work added a client with the id of one this one
                added; nothing is applied and the changes are forgotten.
        """
        pending = self._active_pending()
        tenant = self._tenant
        with self._store._lock:
            try:
                for client_id, client in pending.items():
                    self._check(client_id, client)
            except (StaleClient, ClientExists):
                self._clear()
                raise
            for client_id, client in pending.items():
                if client is None:
                    tenant.remove(client_id)
                else:
                    tenant.put(client)
        self._clear()

    def _check(self, client_id: str, client: Client | None) -> None:
        base = self._base[client_id]
        now = self._tenant.version(client_id)
        if now == base or (client is None and now == 0):
            return
        if base == 0:
            raise ClientExists(client_id)
        raise StaleClient(
            client_id,
            expected_version=base if client is None else client.version - 1,
            actual_version=now,
        )

    def rollback(self) -> None:
        """Forget the changes made since the last commit."""
        self._active_pending()
        self._clear()
