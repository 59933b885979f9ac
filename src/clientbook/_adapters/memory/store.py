"""The in-memory store: every tenant's committed clients and their indexes."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from clientbook._adapters.memory.prefix_index import PrefixIndex
from clientbook._adapters.memory.unit_of_work import MemoryUnitOfWork
from clientbook._rules.duplicates import duplicate_keys
from clientbook.identifiers import siret as _siret
from clientbook.identifiers import vat as _vat

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable, Iterable

    from clientbook._records.client import Client

__all__ = ["INDEXES", "MemoryStore", "Tenant"]


def _compact_siret(client: Client) -> Iterable[Hashable]:
    number = _siret.compact(client.siret)
    return (number,) if number else ()


def _compact_vat(client: Client) -> Iterable[Hashable]:
    number = _vat.compact(client.vat_number)
    return (number,) if number else ()


#: The hash indexes of a tenant's clients, by name: the keys each client is found by. The
#: numbers by their compact form, so that "404 833 048 00014" finds a client whose SIRET was
#: stored as "40483304800014", and the other way round.
INDEXES: dict[str, Callable[[Client], Iterable[Hashable]]] = {
    "siret": _compact_siret,
    "vat_number": _compact_vat,
    "duplicate": duplicate_keys,
}


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


class Tenant:
    """One tenant's committed clients and their indexes; read and changed under the store's lock.

    Attributes:
        clients: the committed clients, by id.
        search: the prefix index of their search keys.
        ids: their ids in order, for paging.
        indexes: for each of :data:`INDEXES`, the ids of the clients of each key.
    """

    def __init__(self) -> None:
        self.clients: dict[str, Client] = {}
        self.search = PrefixIndex()
        self.ids = _Ids()
        self.indexes: dict[str, dict[Hashable, set[str]]] = {name: {} for name in INDEXES}

    def version(self, client_id: str) -> int:
        """Return the committed version of the client, 0 when there is none."""
        client = self.clients.get(client_id)
        return 0 if client is None else client.version

    def put(self, client: Client) -> None:
        """Store *client*, new or changed, and index it."""
        old = self.clients.get(client.id)
        if old is None:
            self.ids.add(client.id)
        else:
            self._unindex(old)
        self.clients[client.id] = client
        for name, keys_of in INDEXES.items():
            index = self.indexes[name]
            for key in keys_of(client):
                index.setdefault(key, set()).add(client.id)
        self.search.put(client)

    def remove(self, client_id: str) -> None:
        """Forget the client and its index entries; nothing when there is none."""
        old = self.clients.pop(client_id, None)
        if old is None:
            return
        self._unindex(old)
        self.search.discard(client_id)
        self.ids.discard()

    def _unindex(self, client: Client) -> None:
        for name, keys_of in INDEXES.items():
            index = self.indexes[name]
            for key in keys_of(client):
                ids = index.get(key)
                if ids is not None:
                    ids.discard(client.id)
                    if not ids:
                        del index[key]

    def ids_of(self, name: str, keys: Iterable[Hashable]) -> dict[Hashable, set[str]]:
        """Return, for each of *keys* that some client has in the index *name*, their ids."""
        index = self.indexes[name]
        return {key: set(index[key]) for key in keys if key in index}


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

    __module__ = "clientbook.memory"

    def __init__(self) -> None:
        self._tenants: dict[str, Tenant] = {}
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
        return MemoryUnitOfWork(
            tenant_id=tenant_id, tenant=self._tenant(tenant_id), lock=self._lock
        )

    def _tenant(self, tenant_id: str) -> Tenant:
        with self._lock:
            tenant = self._tenants.get(tenant_id)
            if tenant is None:
                tenant = self._tenants[tenant_id] = Tenant()
            return tenant
