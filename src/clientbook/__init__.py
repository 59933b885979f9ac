"""clientbook: client-record rules for French business software.

The record (:class:`Client`, :class:`Address`, :class:`Contact`), the rules over it (functions
that return values or lists of :class:`Problem`), and the refusals (:class:`ClientbookError`
subclasses carrying data). Identifiers live in :mod:`clientbook.identifiers`; persistence in
:mod:`clientbook.repositories`, :mod:`clientbook.memory` and :mod:`clientbook.sql`;
conversion to plain data in :mod:`clientbook.serialization`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from clientbook._base.errors import ClientbookError
from clientbook._records.address import Address, DeliveryAddress
from clientbook._records.client import Client, ClientKind, Role
from clientbook._records.contact import Civility, Contact
from clientbook._records.problem import Problem, Severity

if TYPE_CHECKING:  # the rules and the refusals load on first use (``__getattr__`` below)
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
    from clientbook._rules.search import (
        SearchTooLong,
        client_search_keys,
        matches_prefix,
        search_key,
        search_words,
    )
    from clientbook._rules.validation import validate_client
    from clientbook._services.refusals import (
        ClientExists,
        ClientInvalid,
        ClientNotFound,
        StaleClient,
    )

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
    "SearchTooLong",
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
    "search_words",
    "set_primary_contact",
    "suggest_accounting_account",
    "territory",
    "top_parent",
    "validate_client",
]

__version__ = "0.1.0.dev0"

# Where each name that loads on first use lives: importing clientbook loads the records only,
# so that a program that checks a SIRET, or builds a Client, does not pay for every rule
# (``benchmarks/compare_import.py``).
_LAZY = {
    "ClientExists": "clientbook._services.refusals",
    "ClientInvalid": "clientbook._services.refusals",
    "ClientNotFound": "clientbook._services.refusals",
    "DuplicateGroup": "clientbook._rules.duplicates",
    "DuplicateReason": "clientbook._rules.duplicates",
    "DuplicateRule": "clientbook._rules.duplicates",
    "InvoiceRecipient": "clientbook._rules.addresses",
    "ParentCycle": "clientbook._rules.parents",
    "Policy": "clientbook._rules.policy",
    "SearchTooLong": "clientbook._rules.search",
    "StaleClient": "clientbook._services.refusals",
    "UnknownContact": "clientbook._rules.contacts",
    "UnknownDeliveryAddress": "clientbook._rules.addresses",
    "add_contact": "clientbook._rules.contacts",
    "billing_address": "clientbook._rules.addresses",
    "check_parent": "clientbook._rules.parents",
    "client_search_keys": "clientbook._rules.search",
    "default_delivery_address": "clientbook._rules.addresses",
    "delivery_addresses": "clientbook._rules.addresses",
    "duplicate_keys": "clientbook._rules.duplicates",
    "find_duplicates": "clientbook._rules.duplicates",
    "invoice_recipient": "clientbook._rules.addresses",
    "maps_url": "clientbook._rules.addresses",
    "matches_prefix": "clientbook._rules.search",
    "normalize_client": "clientbook._rules.normalize",
    "normalize_phone": "clientbook._rules.phones",
    "postal_lines": "clientbook._rules.postal",
    "primary_contact": "clientbook._rules.contacts",
    "search_key": "clientbook._rules.search",
    "search_words": "clientbook._rules.search",
    "set_primary_contact": "clientbook._rules.contacts",
    "suggest_accounting_account": "clientbook._rules.accounting",
    "territory": "clientbook._rules.postal",
    "top_parent": "clientbook._rules.parents",
    "validate_client": "clientbook._rules.validation",
}


if not TYPE_CHECKING:  # mypy sees the imports above, and so catches a misspelt name

    def __getattr__(name: str) -> Any:
        """Import a rule or a refusal on first use, and keep it (PEP 562)."""
        module = _LAZY.get(name)
        if module is None:
            raise AttributeError(f"module 'clientbook' has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *__all__})
