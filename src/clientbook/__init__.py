"""clientbook: client-record rules for French business software.

The record (:class:`Client`, :class:`Address`, :class:`Contact`), the rules over it (functions
that return values or lists of :class:`Problem`), and the refusals (:class:`ClientbookError`
subclasses carrying data). Identifiers live in :mod:`clientbook.identifiers`; persistence in
:mod:`clientbook.repositories`, :mod:`clientbook.memory` and :mod:`clientbook.sql`;
conversion to plain data in :mod:`clientbook.serialization`.
"""

from __future__ import annotations

from clientbook._base.errors import ClientbookError
from clientbook._records.address import Address, DeliveryAddress
from clientbook._records.client import Client, ClientKind, Role
from clientbook._records.contact import Civility, Contact
from clientbook._records.problem import Problem, Severity
from clientbook._rules.accounting import suggest_accounting_account
from clientbook._rules.addresses import (
    InvoiceRecipient,
    UnknownDeliveryAddress,
    billing_address,
    default_delivery_address,
    delivery_addresses,
    invoice_recipient,
    maps_url,
)
from clientbook._rules.contacts import (
    UnknownContact,
    add_contact,
    primary_contact,
    set_primary_contact,
)
from clientbook._rules.duplicates import (
    DuplicateGroup,
    DuplicateReason,
    DuplicateRule,
    duplicate_keys,
    find_duplicates,
)
from clientbook._rules.normalize import normalize_client
from clientbook._rules.parents import ParentCycle, check_parent, top_parent
from clientbook._rules.phones import normalize_phone
from clientbook._rules.policy import Policy
from clientbook._rules.postal import postal_lines, territory
from clientbook._rules.search import client_search_keys, matches_prefix, search_key
from clientbook._rules.validation import validate_client
from clientbook._services.refusals import ClientExists, ClientInvalid, ClientNotFound, StaleClient

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
    "duplicate_keys",
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
