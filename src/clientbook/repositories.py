"""The ports: what clientbook's services need from the host's storage.

A host application keeps its own database. To use :mod:`clientbook.services` on it, it
implements these two protocols (or uses :mod:`clientbook.memory` or :mod:`clientbook.sql`) and
proves its adapter with the contract kit, :mod:`clientbook.testing.contract`. Each later family
of records adds its own protocol (a unit of work with its repository) beside these, so that a
host that stores only clients implements only these two, and mypy tells a host which services
its unit of work can serve.

The protocols declare exactly the methods the services call, nothing more (the lesson of
"Architecture Patterns with Python": abstract base classes drifted from what the code used).

Rules every implementation keeps (the contract kit checks each one, and a failing test names
the rule it checks):

- **tenants**: a unit of work is bound to one tenant (account): nothing of another tenant can
  be read, listed, searched or updated through it, even with a guessed id.
- **aggregate**: a client is stored with its contacts and addresses as one value, read back
  equal.
- **ids**: ``add`` refuses an id that is taken (:class:`~clientbook.ClientExists`).
- **versions**: ``add`` stores version 1; ``update`` stores ``version + 1`` and refuses a copy
  whose ``version`` is not the stored one (:class:`~clientbook.StaleClient`), writing nothing.
- **isolation**: nothing is visible to other units of work before ``commit``; leaving the
  ``with`` block without committing, or with an exception, rolls back; a unit of work reads its
  own pending changes.
- **joining**: entering an open unit of work joins its transaction; only the outermost block
  commits, and a joined block left with an exception after it wrote rolls the whole unit back
  (the unit then refuses work until ``rollback`` or the end of the outermost block).
- **search**: ``search`` follows :func:`clientbook.matches_prefix` exactly, archived clients
  left out unless asked for, and is backed by an index, not a scan.
- **numbers and keys**: ``by_sirets``, ``by_vats`` and ``by_duplicate_keys`` find the clients
  by compact number or by the keys :func:`clientbook.duplicate_keys` gives them, archived ones
  included.
- **round trips**: ``get_many``, ``list`` and the lookups cost a number of round trips that
  does not grow with the number of clients.
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
