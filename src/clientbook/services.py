"""The use cases: what a host application does with its clients, on any storage.

Each function takes a unit of work (:class:`~clientbook.repositories.UnitOfWork`: the host's
own adapter, ``clientbook.sql`` or :mod:`clientbook.memory`) and plain values, opens the
unit of work, applies the record rules and commits. A refused operation raises a named error
carrying its data (:class:`~clientbook.ClientInvalid` and its ``problems``,
:class:`~clientbook.StaleClient`, :class:`~clientbook.ClientNotFound`,
:class:`~clientbook.ParentCycle`) and stores nothing.

>>> from clientbook import Client, ClientKind, Contact
>>> from clientbook.memory import MemoryStore
>>> store = MemoryStore()
>>> martin = Client(
...     id="c1", kind=ClientKind.COMPANY, name="Boulangerie Martin", siret="404 833 048 00014",
...     contacts=(Contact(first_name="Lucie", last_name="Martin", email="lucie@martin.fr",
...                       direct_phone="04 78 00 00 01"),),
... )
>>> stored = create_client(store.unit_of_work(tenant_id="acme"), martin, user="u-amelie")
>>> stored.owner, stored.siret, stored.version
('u-amelie', '40483304800014', 1)
>>> [c.id for c in search_clients(store.unit_of_work(tenant_id="acme"), "boul")]
['c1']
"""

from __future__ import annotations

from clientbook._services.clients import (
    archive_client,
    create_client,
    reactivate_client,
    search_clients,
    update_client,
)
from clientbook._services.importing import ImportReport, SkippedClient, import_clients

__all__ = [
    "ImportReport",
    "SkippedClient",
    "archive_client",
    "create_client",
    "import_clients",
    "reactivate_client",
    "search_clients",
    "update_client",
]
