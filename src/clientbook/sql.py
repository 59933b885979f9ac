"""Clients stored in a SQL database: a SQLite file, or PostgreSQL (extras ``sql``, ``postgresql``).

:class:`SqlStore` opens a database, creates clientbook's tables in it
(:meth:`SqlStore.create_schema`) and gives units of work bound to one tenant
(:meth:`SqlStore.unit_of_work`), which implement :class:`clientbook.repositories.UnitOfWork`.
The tables are in :data:`metadata`, all named ``clientbook_...``, so that a host application can
create them with its own migrations (Alembic's ``target_metadata``) beside its own tables.

>>> import pathlib, tempfile
>>> from clientbook import Client, ClientKind
>>> from clientbook.sql import SqlStore
>>> folder = tempfile.TemporaryDirectory()
>>> store = SqlStore(pathlib.Path(folder.name) / "clientbook.sqlite")
>>> store.create_schema()
>>> with store.unit_of_work(tenant_id="boulangeries-martin") as uow:
...     stored = uow.clients.add(Client(id="c1", kind=ClientKind.COMPANY, name="Fournil Dupré"))
...     uow.commit()
>>> stored.version
1
>>> with store.unit_of_work(tenant_id="boulangeries-martin") as uow:
...     [client.name for client in uow.clients.search("fourn")]
['Fournil Dupré']
>>> store.close()
>>> folder.cleanup()

Guarantees, for SQLite and PostgreSQL alike:

- **Tenants.** Every statement filters on the unit's tenant id: nothing of another tenant can
  be read, listed, searched, updated or removed, even with a guessed id.
- **Optimistic concurrency.** ``update`` writes only where the stored version is the copy's
  (``UPDATE ... WHERE version = :v``); otherwise it raises :class:`~clientbook.StaleClient`
  and writes nothing.
- **No N+1.** ``get_many`` and ``list`` read any number of clients in one statement, each
  client with its contacts and delivery addresses; ``search`` in four (five when every typed
  word is common and the first clients of each key are not enough); clients added in a unit
  are inserted together (``executemany``, one statement per table) before the unit's next
  read, update, removal or commit.
- **No partial write.** A failure in the middle of a unit rolls all of it back.
- **Clear errors.** The drivers' errors come out as :class:`StorageError` and its subclasses,
  carrying the database's path or URL (password hidden).
"""

from __future__ import annotations

from typing import Final

try:
    from sqlalchemy import MetaData
except ModuleNotFoundError as missing:  # pragma: no cover - depends on the environment
    if missing.name != "sqlalchemy":
        raise
    raise ModuleNotFoundError(
        "clientbook.sql needs SQLAlchemy 2: python -m pip install 'clientbook[sql]'"
    ) from missing

from clientbook._adapters.sql import store as _store
from clientbook._adapters.sql.clients import SqlClientRepository
from clientbook._adapters.sql.errors import (
    DatabaseDamaged,
    DatabaseInMemory,
    DatabaseLocked,
    DatabaseReadOnly,
    SchemaMismatch,
    StorageError,
    UnsupportedDatabase,
)
from clientbook._adapters.sql.store import SqlStore
from clientbook._adapters.sql.unit_of_work import SqlUnitOfWork

__all__ = [
    "SCHEMA_VERSION",
    "DatabaseDamaged",
    "DatabaseInMemory",
    "DatabaseLocked",
    "DatabaseReadOnly",
    "SchemaMismatch",
    "SqlClientRepository",
    "SqlStore",
    "SqlUnitOfWork",
    "StorageError",
    "UnsupportedDatabase",
    "metadata",
]

#: The version of clientbook's tables that this clientbook reads and writes; a database records
#: its own in ``clientbook_schema`` (:class:`SchemaMismatch` when they differ).
SCHEMA_VERSION: Final[int] = _store.SCHEMA_VERSION

#: clientbook's tables, all named ``clientbook_...``: give it to Alembic (``target_metadata``)
#: to create them with the host's own migrations.
metadata: Final[MetaData] = _store.metadata
