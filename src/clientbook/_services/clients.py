"""The use cases on one client: create, update, archive, reactivate, search.

Each takes a unit of work (:class:`~clientbook.repositories.UnitOfWork`) and plain values,
opens the unit of work, applies the record rules, stores and commits. A refused operation
raises a named error carrying its data, and stores nothing.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

import attrs

from clientbook._records.address import Address, DeliveryAddress
from clientbook._rules.addresses import _place, billing_address
from clientbook._rules.normalize import normalize_client
from clientbook._rules.parents import check_parent
from clientbook._rules.validation import validate_client
from clientbook._services.refusals import ClientInvalid, StaleClient

if TYPE_CHECKING:
    from collections.abc import Mapping

    from clientbook._records.client import Client
    from clientbook._records.problem import Problem
    from clientbook._rules.policy import Policy
    from clientbook.repositories import ClientRepository, UnitOfWork

__all__ = [
    "archive_client",
    "create_client",
    "reactivate_client",
    "search_clients",
    "update_client",
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
    deliveries = _with_billing(client)
    if deliveries is client.delivery_addresses:
        return client
    return attrs.evolve(client, delivery_addresses=deliveries)


def _with_billing(client: Client) -> tuple[DeliveryAddress, ...]:
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
    The delivery addresses are :func:`with_billing_as_delivery_address`'s (one evolve, not
    two: an import stamps every new client).
    """
    return attrs.evolve(
        client,
        owner=client.owner if client.owner is not None else user,
        created_at=client.created_at if client.created_at is not None else now,
        version=0,
        delivery_addresses=_with_billing(client),
    )


def keep_stored(client: Client, stored: Client) -> Client:
    """Return a normalised changed client with the owner and creation time of *stored*.

    They are kept unless *client* gives other ones.
    """
    return attrs.evolve(
        client,
        owner=client.owner if client.owner is not None else stored.owner,
        created_at=client.created_at if client.created_at is not None else stored.created_at,
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


def _check_parent(clients: ClientRepository, client: Client) -> None:
    """The parent company exists in the tenant and linking to it makes no loop.

    Source: ``lab-event_remplir-page-client`` (« Société mère »); ``domain.md``
    (« Parent-company trees refuse cycles »).
    """
    if client.parent_id is None:
        return
    check_parent(client.id, client.parent_id, parents_above(clients, client.parent_id))


def create_client(
    uow: UnitOfWork,
    client: Client,
    *,
    user: str,
    policy: Policy | None = None,
    locale: str = "fr",
    now: datetime.datetime | None = None,
) -> Client:
    """Create a client: check the record, attach it to its creator, store it.

    The record is normalised (:func:`~clientbook.normalize_client`) and checked
    (:func:`~clientbook.validate_client`); its owner becomes *user* unless it names one;
    ``created_at`` is set to *now*; its billing address becomes its default delivery address
    when it is not one of them yet; its parent company must be a client of the same tenant, and
    the link must make no loop.

    Sources: ``lab-event_remplir-page-client`` (« la relation commerciale sera automatiquement
    rattachée à l'utilisateur qui a créé la société cliente »); ``jb-manager_creer-contact``
    (« L'adresse de facturation est ajoutée comme adresse de livraison par défaut lors la
    création »).

    Args:
        uow: the unit of work on the tenant's clients; it is opened and committed here.
        client: the record as entered; its ``id`` is the host's.
        user: the id of the user creating the client.
        policy: what the host requires; ``None`` is ``Policy()``.
        locale: the language of the problems' messages (``"fr"`` or ``"en"``).
        now: the creation time, timezone-aware; the current time in UTC by default.

    Returns:
        The client as stored (``version`` 1).

    Raises:
        ClientInvalid: the record has errors; its ``problems`` lists them, warnings included.
        ClientNotFound: the parent company is no client of this tenant (its ``client_id`` is
            the parent's id).
        ParentCycle: the parent link would make a loop.
        ClientExists: a client with this id is already stored.
        ValueError: *now* is not timezone-aware.
    """
    prepared = stamp_new(normalize_client(client), user=user, now=moment(now))
    refuse_errors(prepared, policy=policy, locale=locale)
    with uow:
        _check_parent(uow.clients, prepared)
        stored = uow.clients.add(prepared)
        uow.commit()
    return stored


def update_client(
    uow: UnitOfWork, client: Client, *, policy: Policy | None = None, locale: str = "fr"
) -> Client:
    """Store a changed client, checked by the record rules, if nobody changed it meanwhile.

    *client* is a copy read from the repository and changed: its ``version`` says which stored
    version the change applies to. The record is normalised and checked as at creation; its
    owner and ``created_at`` are kept from the stored record unless the copy gives other ones.

    Args:
        uow: the unit of work on the tenant's clients; it is opened and committed here.
        client: the changed copy.
        policy: what the host requires; ``None`` is ``Policy()``.
        locale: the language of the problems' messages.

    Returns:
        The client as stored (``version + 1``).

    Raises:
        ClientInvalid: the record has errors; nothing is stored.
        ClientNotFound: no such client, or the parent company is no client of this tenant.
        StaleClient: the client was changed since the copy was read; nothing is stored.
        ParentCycle: the parent link would make a loop.
    """
    with uow:
        stored = uow.clients.get(client.id)
        if client.version != stored.version:  # before the rules: re-reading comes first
            raise StaleClient(
                client.id, expected_version=client.version, actual_version=stored.version
            )
        prepared = keep_stored(normalize_client(client), stored)
        refuse_errors(prepared, policy=policy, locale=locale)
        _check_parent(uow.clients, prepared)
        updated = uow.clients.update(prepared)
        uow.commit()
    return updated


def _set_active(uow: UnitOfWork, client_id: str, *, active: bool, version: int | None) -> Client:
    with uow:
        current = uow.clients.get(client_id)
        if version is not None and version != current.version:
            raise StaleClient(client_id, expected_version=version, actual_version=current.version)
        if current.active is active:
            return current
        changed = uow.clients.update(attrs.evolve(current, active=active))
        uow.commit()
    return changed


def archive_client(uow: UnitOfWork, client_id: str, *, version: int | None = None) -> Client:
    """Archive a client: hidden from choices and searches, never deleted, can be reactivated.

    Archiving an archived client changes nothing (its version stays). The record rules are
    not applied: a record with errors can be archived.

    Source: ``lab-event_remplir-page-client``: « Actif / Inactif [...] Cela ne supprimera pas
    la société. Vous pourrez la réactiver ».

    Args:
        uow: the unit of work on the tenant's clients; it is opened and committed here.
        client_id: the client's id.
        version: the version the user saw, to refuse archiving a client changed since;
            ``None`` archives whatever the stored version.

    Returns:
        The client as stored, ``active`` false.

    Raises:
        ClientNotFound: no such client.
        StaleClient: *version* is not the stored version.
    """
    return _set_active(uow, client_id, active=False, version=version)


def reactivate_client(uow: UnitOfWork, client_id: str, *, version: int | None = None) -> Client:
    """Reactivate an archived client: offered again in choices and searches.

    Reactivating an active client changes nothing (its version stays).

    Source: ``lab-event_remplir-page-client``: « Vous pourrez la réactiver ».

    Args:
        uow: the unit of work on the tenant's clients; it is opened and committed here.
        client_id: the client's id.
        version: the version the user saw; ``None`` reactivates whatever the stored version.

    Returns:
        The client as stored, ``active`` true.

    Raises:
        ClientNotFound: no such client.
        StaleClient: *version* is not the stored version.
    """
    return _set_active(uow, client_id, active=True, version=version)


def search_clients(
    uow: UnitOfWork, typed: str, *, include_archived: bool = False, limit: int = 20
) -> list[Client]:
    """Return the clients a user means by what they typed, as an autocomplete box shows them.

    Every typed word must start a word of the client's names or contacts' names, accents and
    case ignored, « Ets » and « établissements » alike; or the whole text, spaces removed, must
    start its SIREN, SIRET or VAT number (:func:`~clientbook.matches_prefix`). Ordered by name,
    then id.

    Source: ``jarvis-legal_associer-activite-client`` (« tapez les premières lettres du
    client »); ``lab-event_remplir-page-client`` (an inactive company no longer appears « dans
    les recherches »).

    Args:
        uow: the unit of work on the tenant's clients; it is opened here.
        typed: the text typed so far.
        include_archived: also offer archived clients, as an invoice search does.
        limit: the most clients to return.

    Returns:
        At most *limit* clients.

    Raises:
        ValueError: *limit* is negative.
    """
    if limit < 0:
        raise ValueError(f"limit must be 0 or more, not {limit}")
    with uow:
        return uow.clients.search(typed, include_archived=include_archived, limit=limit)
