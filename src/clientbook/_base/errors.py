"""The root of every exception clientbook raises on purpose, and the tree under it.

Hierarchy (each name where it is public)::

    ClientbookError                                  clientbook
    ├── InvalidIdentifier (also a ValueError)        clientbook.identifiers: .code
    │   ├── InvalidFormat                            <identifier>.format
    │   ├── InvalidLength                            <identifier>.length
    │   ├── InvalidChecksum                          <identifier>.checksum
    │   └── InvalidComponent                         <identifier>.component
    ├── ClientNotFound (also a LookupError)          clientbook: no such client in this tenant
    ├── ClientExists                                 clientbook: the id is taken
    ├── StaleClient                                  clientbook: changed since read; nothing written
    ├── ClientInvalid (also a ValueError)            clientbook: the record has errors: .problems
    ├── ParentCycle                                  clientbook: the parent chain would loop: .chain
    ├── UnknownContact (also an IndexError)          clientbook: no contact at that position
    ├── UnknownDeliveryAddress                       clientbook: not one of the client's addresses
    ├── SearchTooLong (also a ValueError)            clientbook: over 10 words or 200 characters
    ├── InvalidData (also a ValueError)              clientbook.serialization: .errors
    ├── StorageError                                 clientbook.sql: the database could not be used
    │   ├── DatabaseLocked                           another writer holds the lock: try again
    │   ├── DatabaseDamaged                          not a SQLite database, or damaged
    │   ├── DatabaseReadOnly                         can be read, not written
    │   ├── DatabaseInMemory                         in memory, keeps nothing: refused
    │   ├── SchemaMismatch                           no clientbook tables, or another version
    │   └── UnsupportedDatabase                      neither SQLite nor PostgreSQL
    └── ClientFileError                              clientbook.files: unreadable file: .code
        └── MalformedFile                            read_clients: a row it cannot read: .row

Catch ``ClientbookError`` to catch them all. Bad *input types* (passing an ``int`` where
text is expected) raise the built-in ``TypeError``: that is a programming error, not bad data.
Bad *data* is never an exception but a :class:`~clientbook.Problem`, all of them at once.
``tests/unit/test_error_tree.py`` keeps this tree and the classes in step.
"""

from __future__ import annotations

__all__ = ["ClientbookError"]


class ClientbookError(Exception):
    """Base class of every error that clientbook raises on purpose."""

    __module__ = "clientbook"
