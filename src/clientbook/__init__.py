"""clientbook: client-record rules for French business software.

The record (:class:`Client`, :class:`Address`, :class:`Contact`), the rules over it (functions
that return values or lists of :class:`Problem`), and the refusals (:class:`ClientbookError`
subclasses carrying data). Identifiers live in :mod:`clientbook.identifiers`; persistence in
:mod:`clientbook.repositories`, :mod:`clientbook.memory` and :mod:`clientbook.sql`;
conversion to plain data in :mod:`clientbook.serialization`.
"""

from __future__ import annotations

from ._accounting import suggest_accounting_account
from ._address import Address, DeliveryAddress
from ._addresses import (
    InvoiceRecipient,
    UnknownDeliveryAddress,
    billing_address,
    default_delivery_address,
    delivery_addresses,
    invoice_recipient,
    maps_url,
)
from ._client import Client, ClientKind, Role
from ._contact import Civility, Contact
from ._contacts import UnknownContact, add_contact, primary_contact, set_primary_contact
from ._duplicates import DuplicateGroup, DuplicateReason, DuplicateRule, find_duplicates
from ._errors import ClientbookError
from ._normalize import normalize_client
from ._parents import ParentCycle, check_parent, top_parent
from ._phones import normalize_phone
from ._policy import Policy
from ._postal import postal_lines, territory
from ._problem import Problem, Severity
from ._refusals import ClientExists, ClientInvalid, ClientNotFound, StaleClient
from ._search import client_search_keys, matches_prefix, search_key
from ._validation import validate_client

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
    "DuplicateGroup",
    "DuplicateReason",
    "DuplicateRule",
    "InvoiceRecipient",
    "ParentCycle",
    "Policy",
    "Problem",
    "Role",
    "Severity",
    "StaleClient",
    "UnknownContact",
    "UnknownDeliveryAddress",
    "__version__",
    "add_contact",
    "billing_address",
    "check_parent",
    "client_search_keys",
    "default_delivery_address",
    "delivery_addresses",
    "find_duplicates",
    "invoice_recipient",
    "maps_url",
    "matches_prefix",
    "normalize_client",
    "normalize_phone",
    "postal_lines",
    "primary_contact",
    "search_key",
    "set_primary_contact",
    "suggest_accounting_account",
    "territory",
    "top_parent",
    "validate_client",
]

__version__ = "0.1.0.dev0"
