"""The use cases: what a host application does with its clients, on any storage.

Each function takes a unit of work (:class:`~clientbook.repositories.UnitOfWork`: the host's
own adapter, ``clientbook.sql`` or :mod:`clientbook.memory`) and plain values, applies the
record rules, stores and commits. A refused operation raises a named error carrying its data
(:class:`~clientbook.ClientInvalid` and its ``problems``, :class:`~clientbook.StaleClient`,
:class:`~clientbook.ClientNotFound`, :class:`~clientbook.ParentCycle`) and stores nothing.

One call, one transaction: given a unit of work that is not open, a service opens it and
commits.

>>> from clientbook import Client, ClientKind, Contact
>>> from clientbook.memory import MemoryStore
>>> store = MemoryStore()
>>> martin = Client(
...     id="c1", kind=ClientKind.COMPANY, name="Boulangerie Martin", siret="404 833 048 00014",
...     contacts=(Contact(first_name="Lucie", last_name="Martin", email="lucie@martin.fr",
...                       direct_phone="04 78 00 00 01"),),
... )
>>> saved = create_client(store.unit_of_work(tenant_id="acme"), martin, user="u-amelie")
>>> saved.client.owner, saved.client.siret, saved.client.version
('u-amelie', '40483304800014', 1)
>>> [c.id for c in search_clients(store.unit_of_work(tenant_id="acme"), "boul")]
['c1']

A second record of the same company is stored too, with the reason it is probably the same
client:

>>> again = Client(
...     id="c2", kind=ClientKind.COMPANY, name="Martin SARL", siren="404833048",
...     contacts=(Contact(first_name="Paul", last_name="Martin", email="paul@martin-sarl.fr",
...                       direct_phone="04 78 00 00 02"),),
... )
>>> saved = create_client(store.unit_of_work(tenant_id="acme"), again, user="u-amelie")
>>> [(reason.rule, reason.value, reason.client_ids) for reason in saved.duplicates]
[('siren', '404833048', ('c2', 'c1'))]

Several calls, one transaction that the host controls: open the unit of work, call the
services inside the ``with`` block, and commit. Each service then joins the host's
transaction instead of committing its own; if one of them raises, leaving the block rolls
everything back, the work of the services before it included.

>>> uow = store.unit_of_work(tenant_id="acme")
>>> with uow:
...     saved = create_client(uow, Client(id="c3", kind=ClientKind.INDIVIDUAL,
...                                       last_name="Durand"), user="u-amelie")
...     archived = archive_client(uow, "c3")
...     uow.commit()
>>> archived.active
False
"""

from __future__ import annotations

from clientbook._services.clients import (
    SavedClient,
    archive_client,
    create_client,
    list_clients,
    reactivate_client,
    search_clients,
    update_client,
)
from clientbook._services.importing import (
    ImportReport,
    SameClient,
    SkippedClient,
    import_clients,
)

__all__ = [
    "ImportReport",
    "SameClient",
    "SavedClient",
    "SkippedClient",
    "archive_client",
    "create_client",
    "import_clients",
    "list_clients",
    "reactivate_client",
    "search_clients",
    "update_client",
]
