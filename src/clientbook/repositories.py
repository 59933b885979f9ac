"""The ports: what clientbook's services need from the host's storage.

A host application keeps its own database. To use :mod:`clientbook.services` on it, it
implements these two protocols (or uses :mod:`clientbook.memory` or :mod:`clientbook.sql`) and
proves its adapter with the contract kit, :mod:`clientbook.testing.contract`.

The protocols declare exactly the methods the services call, nothing more (the lesson of
"Architecture Patterns with Python": abstract base classes drifted from what the code used).

Rules every implementation keeps (the contract kit checks each one):

- A unit of work is bound to one tenant (account): nothing of another tenant can be read,
  listed, searched, updated or removed through it, even with a guessed id.
- A client is stored with its contacts and addresses as one aggregate.
- ``add`` stores version 1; ``update`` stores ``version + 1`` and refuses a copy whose
  ``version`` is not the stored one (:class:`~clientbook.StaleClient`), writing nothing.
- Nothing is visible to other units of work before ``commit``; leaving the ``with`` block
  without committing, or with an exception, rolls back.
- ``search`` follows :func:`clientbook.matches_prefix` exactly, archived clients left out
  unless asked for, and is backed by an index, not a scan.
- ``get_many`` and ``list`` cost a number of round trips that does not grow with the number
  of clients.
"""

from __future__ import annotations

from clientbook._services.ports import (
    ClientRepository,
    UnitOfWork,
)

__all__ = [
    "ClientRepository",
    "UnitOfWork",
]
