"""Preparing a record for storage: what every service of the clients family does to it first.

Normalising and stamping a new record, keeping what a changed one must keep, refusing records
with errors, checking the parent company against the stored clients, and finding the stored
clients it probably duplicates. :mod:`clientbook._services.clients` and
:mod:`clientbook._services.importing` both build on these.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

import attrs

from clientbook._records.address import Address, DeliveryAddress
from clientbook._rules.addresses import _place, billing_address
from clientbook._rules.duplicates import DuplicateReason, duplicate_keys, find_duplicates
from clientbook._rules.parents import check_parent
from clientbook._rules.validation import validate_client
from clientbook._services.refusals import ClientInvalid

if TYPE_CHECKING:
    from collections.abc import Mapping

    from clientbook._records.client import Client
    from clientbook._records.problem import Problem
    from clientbook._rules.policy import Policy
    from clientbook._services.ports import ClientRepository

__all__ = [
    "check_parent_in",
    "duplicate_reasons",
    "keep_stored",
    "moment",
    "parents_above",
    "refuse_errors",
    "stamp_new",
    "with_billing",
    "with_billing_as_delivery_address",
]


def moment(now: datetime.datetime | None) -> datetime.datetime:
    """Return *now*, checked to be timezone-aware, or the current time in UTC."""
    if now is None:
        return datetime.datetime.now(datetime.UTC)
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError(f"now must be a timezone-aware datetime, not {now!r}")
    return now


def _entered(address: Address | None) -> bool:
    return address is not None and any(
        part.strip() for part in (address.line1, address.line2, address.postal_code, address.city)
    )


def with_billing_as_delivery_address(client: Client) -> Client:
    """Return *client* with its billing address among its delivery addresses, as at creation.

    The billing address (the main address unless a separate one is given) is added first,
    flagged as the default unless another delivery address already is; nothing changes when
    it is already one of the delivery addresses (compared as people read addresses) or when
    no address is entered.

    Source: ``jb-manager_creer-contact``: « L'adresse de facturation est ajoutée comme adresse
    de livraison par défaut lors la création de la fiche contact. »
    """
    deliveries = with_billing(client)
    if deliveries is client.delivery_addresses:
        return client
    return attrs.evolve(client, delivery_addresses=deliveries)


def with_billing(client: Client) -> tuple[DeliveryAddress, ...]:
    """Return the delivery addresses with the billing address added; the same tuple if not."""
    deliveries = client.delivery_addresses
    billing = billing_address(client)
    if billing is None or not _entered(billing):
        return deliveries
    if any(_place(delivery.address) == _place(billing) for delivery in deliveries):
        return deliveries
    flagged = any(delivery.default and not delivery.archived for delivery in deliveries)
    added = DeliveryAddress(address=billing, default=not flagged)
    return (added, *deliveries)


def stamp_new(client: Client, *, user: str, now: datetime.datetime) -> Client:
    """Return a normalised new client as it is stored: owned, dated, with a delivery address.

    The owner is *user* unless the record already names one; ``created_at`` is *now* unless
    the record already carries its creation time (a client imported from another program).
    The delivery addresses are :func:`with_billing_as_delivery_address`'s, and the version the
    repository stores it at, 1, so that ``add`` keeps the record as it is (one evolve, not
    three: an import stamps every new client).
    """
    return attrs.evolve(
        client,
        owner=client.owner if client.owner is not None else user,
        created_at=client.created_at if client.created_at is not None else now,
        version=1,
        delivery_addresses=with_billing(client),
    )


def keep_stored(client: Client, stored: Client, **changes: Any) -> Client:
    """Return a normalised changed client with the owner and creation time of *stored*.

    They are kept unless *client* gives other ones; *changes* are made in the same evolve
    (an import changes the id, the version and the children too).
    """
    return attrs.evolve(
        client,
        owner=client.owner if client.owner is not None else stored.owner,
        created_at=client.created_at if client.created_at is not None else stored.created_at,
        **changes,
    )


def refuse_errors(client: Client, *, policy: Policy | None, locale: str) -> tuple[Problem, ...]:
    """Return the record's problems; raise :class:`ClientInvalid` if one is an error."""
    problems = tuple(validate_client(client, policy=policy, locale=locale))
    if any(problem.severity == "error" for problem in problems):
        raise ClientInvalid(client.id, problems)
    return problems


def parents_above(
    clients: ClientRepository, parent_id: str, *, known: Mapping[str, str | None] | None = None
) -> dict[str, str | None]:
    """Return the parent links met going up from *parent_id*, read from the repository.

    Raises:
        ClientNotFound: *parent_id* is no client of the tenant.
    """
    parents: dict[str, str | None] = dict(known or {})
    parents[parent_id] = clients.get(parent_id).parent_id
    current = parents[parent_id]
    while current is not None and current not in parents:
        found = clients.get_many([current]).get(current)
        if found is None:
            break  # a link to a company no longer stored: the walk stops there
        parents[current] = found.parent_id
        current = found.parent_id
    return parents


def check_parent_in(clients: ClientRepository, client: Client) -> None:
    """The parent company exists in the tenant and linking to it makes no loop.

    Source: ``lab-event_remplir-page-client`` (« Société mère »); ``domain.md``
    (« Parent-company trees refuse cycles »).
    """
    if client.parent_id is None:
        return
    check_parent(client.id, client.parent_id, parents_above(clients, client.parent_id))


def duplicate_reasons(clients: ClientRepository, client: Client) -> tuple[DuplicateReason, ...]:
    """Return why *client* probably duplicates stored clients: :func:`find_duplicates`' reasons.

    The stored clients that share a key with *client* (a SIREN, a VAT number, a contact's
    e-mail address, the name at the postal code; archived clients included) are read in one
    call, and :func:`~clientbook.find_duplicates` decides, on *client* and them, as it does on
    a file: each reason names *client* first, then the stored clients that share the value.
    The stored copy of *client* itself (an update) is not compared with it. A warning, never a
    refusal.

    Source: the lesson of the systems users compare us with (``domain.md``): « duplicate
    detection is a warning, compares normalised numbers [...] and includes archived records ».
    """
    keys = duplicate_keys(client)
    if not keys:
        return ()
    stored = [other for other in clients.by_duplicate_keys(keys) if other.id != client.id]
    if not stored:
        return ()
    return tuple(
        reason
        for group in find_duplicates([client, *stored])
        for reason in group.reasons
        if reason.client_ids[0] == client.id
    )
