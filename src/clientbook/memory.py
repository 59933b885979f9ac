"""The in-memory adapter: a transactional store for tests, notebooks and small tools.

:class:`MemoryStore` holds every tenant's committed clients; :meth:`MemoryStore.unit_of_work`
opens a :class:`MemoryUnitOfWork` on one tenant, whose ``clients`` is a
:class:`MemoryClientRepository`. They implement :class:`~clientbook.repositories.UnitOfWork` and
:class:`~clientbook.repositories.ClientRepository` and pass the contract kit,
:mod:`clientbook.testing.contract`, as the SQL adapter does: a host application can test its
own code against them.

Clients are immutable values, so the store keeps and hands out the very objects it was given
(with their ``version`` set): no copies are made. Searches go through a prefix index of the
search keys, never a scan of the clients; SIREN, SIRET and VAT number through hash indexes
on their compact forms.
"""

from __future__ import annotations

from clientbook._adapters.memory.clients import MemoryClientRepository
from clientbook._adapters.memory.store import MemoryStore
from clientbook._adapters.memory.unit_of_work import MemoryUnitOfWork

__all__ = ["MemoryClientRepository", "MemoryStore", "MemoryUnitOfWork"]
