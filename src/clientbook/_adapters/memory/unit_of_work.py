"""The in-memory unit of work: one transaction on one tenant, and the changes it holds.

The unit of work and its repositories talk through one narrow object, :class:`Changes`: the
pending writes, the versions they were based on, and the committed clients under the store's
lock. The unit of work opens, joins, commits and rolls it back; the repositories read and
write through it, and know nothing else of the unit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from clientbook._adapters.memory.clients import MemoryClientRepository
from clientbook._services.refusals import ClientExists, StaleClient

if TYPE_CHECKING:
    import threading
    from types import TracebackType

    from clientbook._adapters.memory.store import Tenant
    from clientbook._records.client import Client

__all__ = ["Changes", "MemoryUnitOfWork"]

_NOT_OPEN = "use the unit of work in a with block: with uow: ..."
_FAILED = (
    "this unit of work was rolled back after an error: call rollback() or leave its with "
    "block, then start again"
)


class Changes:
    """What one unit of work changed and has not committed, over one tenant's clients.

    Attributes:
        tenant: the tenant's committed clients; read and change them under :attr:`lock`.
        lock: the store's lock.
        writes: the number of writes made since the unit was opened (a joined block that
            fails after writing rolls the unit back: this says whether it wrote).
    """

    def __init__(self, tenant: Tenant, lock: threading.RLock) -> None:
        self.tenant = tenant
        self.lock = lock
        self.writes = 0
        self.open = False
        self.failed = False
        self._pending: dict[str, Client | None] = {}
        self._base: dict[str, int] = {}  # the committed version when first written

    def pending(self) -> dict[str, Client | None]:
        """Return the pending writes by id (``None``: removed); refuse outside a usable unit."""
        if not self.open:
            raise RuntimeError(_NOT_OPEN)
        if self.failed:
            raise RuntimeError(_FAILED)
        return self._pending

    def write(self, client_id: str, client: Client | None) -> None:
        """Record a write of *client* (``None``: its removal), pending until commit."""
        pending = self.pending()
        if client_id not in self._base:
            with self.lock:
                self._base[client_id] = self.tenant.version(client_id)
        pending[client_id] = client
        self.writes += 1

    def clear(self) -> None:
        """Forget the pending writes."""
        self._pending = {}
        self._base = {}

    def apply(self) -> None:
        """Apply the pending writes to the tenant, all or nothing, then forget them.

        Raises:
            StaleClient: another unit of work changed or removed one of the clients written
                here since it was first written; nothing is applied.
            ClientExists: another unit of work added a client with the id of one added here.
        """
        pending = self.pending()
        tenant = self.tenant
        with self.lock:
            try:
                for client_id, client in pending.items():
                    self._check(client_id, client)
            except (StaleClient, ClientExists):
                self.clear()
                raise
            for client_id, client in pending.items():
                if client is None:
                    tenant.remove(client_id)
                else:
                    tenant.put(client)
        self.clear()

    def _check(self, client_id: str, client: Client | None) -> None:
        base = self._base[client_id]
        now = self.tenant.version(client_id)
        if now == base or (client is None and now == 0):
            return
        if base == 0:
            raise ClientExists(client_id)
        raise StaleClient(
            client_id,
            expected_version=base if client is None else client.version - 1,
            actual_version=now,
        )


class MemoryUnitOfWork:
    """One transaction on one tenant's clients in a :class:`~clientbook.memory.MemoryStore`.

    Changes stay pending in the unit of work until :meth:`commit`; leaving the ``with`` block
    without committing, or with an exception, or calling :meth:`rollback`, forgets them. At
    commit the versions are checked again against what other units of work committed meanwhile:
    if any client changed, nothing is applied (:class:`~clientbook.StaleClient`). Entering it
    again while it is open joins its transaction (see
    :class:`~clientbook.repositories.UnitOfWork`). Implements
    :class:`~clientbook.repositories.UnitOfWork`.

    Attributes:
        tenant_id: the account whose clients this unit of work reads and writes.
        clients: the tenant's clients.
    """

    __module__ = "clientbook.memory"

    def __init__(self, *, tenant_id: str, tenant: Tenant, lock: threading.RLock) -> None:

        self.tenant_id = tenant_id
        self._changes = Changes(tenant, lock)
        self.clients: MemoryClientRepository = MemoryClientRepository(self._changes)
        self._depth = 0
        self._writes_at: list[int] = []  # the write count when each joined block began

    def __repr__(self) -> str:
        return f"<MemoryUnitOfWork tenant_id={self.tenant_id!r}>"

    def __enter__(self) -> Self:
        """Begin the transaction, or join it when this unit of work is already open."""
        changes = self._changes
        if self._depth:
            if changes.failed:
                raise RuntimeError(_FAILED)
            self._writes_at.append(changes.writes)
        else:
            changes.clear()
            changes.open = True
            changes.failed = False
        self._depth += 1
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """End the block: the outermost one forgets what was not committed.

        A joined block left with an exception after it wrote anything rolls the whole unit
        back; the unit then refuses work until :meth:`rollback` or the outermost block ends.
        """
        changes = self._changes
        self._depth -= 1
        if self._depth:
            began = self._writes_at.pop()
            if exc is not None and changes.writes != began:
                changes.clear()
                changes.failed = True
            return
        changes.clear()
        changes.open = False
        changes.failed = False

    def commit(self) -> None:
        """Apply the pending changes to the store, all or nothing, and make them visible.

        In a joined block, nothing happens: the outermost block commits.

        Raises:
            StaleClient: another unit of work changed or removed one of the clients this one
                changed since it read it; nothing is applied and the changes are forgotten.
            ClientExists: another unit of work added a client with the id of one this one
                added; nothing is applied and the changes are forgotten.
        """
        self._changes.pending()
        if self._depth > 1:
            return
        self._changes.apply()

    def rollback(self) -> None:
        """Forget the changes made since the last commit; a unit that failed may go on."""
        changes = self._changes
        if not changes.open:
            raise RuntimeError(_NOT_OPEN)
        changes.clear()
        changes.failed = False
