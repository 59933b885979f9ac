"""clientbook: client-record rules for French business software.

The identifiers live in :mod:`clientbook.identifiers`; every error clientbook raises on purpose
is a :class:`ClientbookError`; rules report bad data as :class:`Problem` values.
"""

from __future__ import annotations

from ._address import Address, DeliveryAddress
from ._client import Client, ClientKind, Role
from ._contact import Civility, Contact
from ._errors import ClientbookError
from ._problem import Problem, Severity
from ._refusals import ClientExists, ClientInvalid, ClientNotFound, StaleClient

__all__ = [
    "Address",
    "Civility",
    "Client",
    "ClientExists",
    "ClientInvalid",
    "ClientKind",
    "ClientNotFound",
    "ClientbookError",
    "Contact",
    "DeliveryAddress",
    "Problem",
    "Role",
    "Severity",
    "StaleClient",
    "__version__",
]

__version__ = "0.1.0.dev0"
