"""The root of every exception clientbook raises on purpose.

Hierarchy::

    ClientbookError
    └── InvalidIdentifier (also a ValueError)        clientbook.identifiers
        ├── InvalidFormat       <identifier>.format
        ├── InvalidLength       <identifier>.length
        ├── InvalidChecksum     <identifier>.checksum
        └── InvalidComponent    <identifier>.component

Catch ``ClientbookError`` to catch them all. Bad *input types* (passing an ``int`` where
text is expected) raise the built-in ``TypeError``: that is a programming error, not bad data.
"""

from __future__ import annotations

__all__ = ["ClientbookError"]


class ClientbookError(Exception):
    """Base class of every error that clientbook raises on purpose."""

    __module__ = "clientbook"
