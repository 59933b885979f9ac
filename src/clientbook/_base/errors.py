"""The root of every exception clientbook raises on purpose.

Hierarchy::

    ClientbookError
    ├── InvalidIdentifier (also a ValueError)        clientbook.identifiers
    │   ├── InvalidFormat       <identifier>.format
    │   ├── InvalidLength       <identifier>.length
    │   ├── InvalidChecksum     <identifier>.checksum
    │   └── InvalidComponent    <identifier>.component
    ├── ClientNotFound (also a LookupError)          no such client in this tenant
    ├── ClientExists                                 the id is taken
    ├── StaleClient                                  updated from an old copy; nothing written
    ├── ClientInvalid (also a ValueError)            the record has errors: .problems
    ├── ParentCycle                                  the parent chain would loop: .chain
    ├── UnknownContact (also an IndexError)          no contact at that position
    ├── UnknownDeliveryAddress                       not one of the client's addresses
    └── InvalidData (also a ValueError)              clientbook.serialization: .errors

Catch ``ClientbookError`` to catch them all. Bad *input types* (passing an ``int`` where
text is expected) raise the built-in ``TypeError``: that is a programming error, not bad data.
"""

from __future__ import annotations

__all__ = ["ClientbookError"]


class ClientbookError(Exception):
    """Base class of every error that clientbook raises on purpose."""

    __module__ = "clientbook"
