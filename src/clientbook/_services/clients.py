"""The use cases on one client: create, update, archive, reactivate, list, search.

Each takes a unit of work (:class:`~clientbook.repositories.UnitOfWork`) and plain values,
opens the unit of work (or joins the host's transaction when the host has it open), applies
the record rules, stores and commits. A refused operation raises a named error carrying its
data, and stores nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from clientbook._rules.normalize import normalize_client
from clientbook._rules.search import search_words
from clientbook._services.preparing import (
    check_parent_in,
    duplicate_reasons,
    keep_stored,
    moment,
    refuse_errors,
    stamp_new,
)
from clientbook._services.refusals import StaleClient

if TYPE_CHECKING:
    import datetime

    from clientbook._records.client import Client
    from clientbook._records.problem import Problem
    from clientbook._rules.duplicates import DuplicateReason
    from clientbook._rules.policy import Policy
    from clientbook._services.ports import UnitOfWork

__all__ = [
    "SavedClient",
    "archive_client",
    "create_client",
    "list_clients",
    "reactivate_client",
    "search_clients",
    "update_client",
]


@attrs.frozen(kw_only=True)
class SavedClient:
    """A client as :func:`create_client` or :func:`update_client` stored it, with its warnings.

    Attributes:
        client: the client as stored (its ``version`` is the stored one).
        warnings: the record's problems of severity ``"warning"``, as
            :func:`~clientbook.validate_client` gives them (a record with an error is refused).
        duplicates: why the client probably duplicates stored clients, archived ones
            included: a reason per shared value (SIREN, VAT number, e-mail address, name at
            the postal code), each naming this client first, then the stored clients that
            share it. A warning to show, never a refusal.
    """

    client: Client
    warnings: tuple[Problem, ...] = ()
    duplicates: tuple[DuplicateReason, ...] = ()


def create_client(
    uow: UnitOfWork,
    client: Client,
    *,
    user: str,
    policy: Policy | None = None,
    locale: str = "fr",
    now: datetime.datetime | None = None,
) -> SavedClient:
    """Create a client: check the record, attach it to its creator, store it.

    The record is normalised (:func:`~clientbook.normalize_client`) and checked
    (:func:`~clientbook.validate_client`); its owner becomes *user* unless it names one;
    ``created_at`` is set to *now*; its billing address becomes its default delivery address
    when it is not one of them yet; its parent company must be a client of the same tenant, and
    the link must make no loop. The stored clients it probably duplicates are reported, not
    refused.

    Sources: ``lab-event_remplir-page-client`` (« la relation commerciale sera automatiquement
    rattachée à l'utilisateur qui a créé la société cliente »); ``jb-manager_creer-contact``
    (« L'adresse de facturation est ajoutée comme adresse de livraison par défaut lors la
    création »).

    Args:
        uow: the unit of work on the tenant's clients; it is opened and committed here, or
            joined when the host has it open (the host then commits).
        client: the record as entered; its ``id`` is the host's.
        user: the id of the user creating the client.
        policy: what the host requires; ``None`` is ``Policy()``.
        locale: the language of the problems' messages (``"fr"`` or ``"en"``).
        now: the creation time, timezone-aware; the current time in UTC by default.

    Returns:
        The client as stored (``version`` 1), its warnings and its probable duplicates.

    Raises:
        ClientInvalid: the record has errors; its ``problems`` lists them, warnings included.
        ClientNotFound: the parent company is no client of this tenant (its ``client_id`` is
            the parent's id).
        ParentCycle: the parent link would make a loop.
        ClientExists: a client with this id is already stored.
        ValueError: *now* is not timezone-aware.
    """
    prepared = stamp_new(normalize_client(client), user=user, now=moment(now))
    problems = refuse_errors(prepared, policy=policy, locale=locale)
    with uow:
        check_parent_in(uow.clients, prepared)
        duplicates = duplicate_reasons(uow.clients, prepared)
        stored = uow.clients.add(prepared)
        uow.commit()
    return SavedClient(client=stored, warnings=problems, duplicates=duplicates)


def update_client(
    uow: UnitOfWork, client: Client, *, policy: Policy | None = None, locale: str = "fr"
) -> SavedClient:
    """Store a changed client, checked by the record rules, if nobody changed it meanwhile.

    *client* is a copy read from the repository and changed: its ``version`` says which stored
    version the change applies to. The record is normalised and checked as at creation; its
    owner and ``created_at`` are kept from the stored record unless the copy gives other ones.
    The other stored clients it probably duplicates are reported, not refused.

    Args:
        uow: the unit of work on the tenant's clients; it is opened and committed here, or
            joined when the host has it open (the host then commits).
        client: the changed copy.
        policy: what the host requires; ``None`` is ``Policy()``.
        locale: the language of the problems' messages.

    Returns:
        The client as stored (``version + 1``), its warnings and its probable duplicates.

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
        problems = refuse_errors(prepared, policy=policy, locale=locale)
        check_parent_in(uow.clients, prepared)
        duplicates = duplicate_reasons(uow.clients, prepared)
        updated = uow.clients.update(prepared)
        uow.commit()
    return SavedClient(client=updated, warnings=problems, duplicates=duplicates)


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

    A search takes at most 10 words and 200 characters, so that one request can never tie up
    the database; the text is checked before the unit of work is opened.

    Args:
        uow: the unit of work on the tenant's clients; it is opened here.
        typed: the text typed so far.
        include_archived: also offer archived clients, as an invoice search does.
        limit: the most clients to return.

    Returns:
        At most *limit* clients.

    Raises:
        SearchTooLong: *typed* has more than 10 words or 200 characters; nothing was read.
        ValueError: *limit* is negative.
    """
    if limit < 0:
        raise ValueError(f"limit must be 0 or more, not {limit}")
    search_words(typed)  # refuses a text longer than a search takes, before any read
    with uow:
        return uow.clients.search(typed, include_archived=include_archived, limit=limit)


def list_clients(
    uow: UnitOfWork,
    *,
    after: str | None = None,
    limit: int = 100,
    include_archived: bool = True,
) -> list[Client]:
    """Return a page of the tenant's clients, ordered by id: to export them or page through.

    Read the next page by passing the last id of this one as *after*; an empty page is the
    end. Clients added or removed meanwhile by others may show or not, but a page never holds
    a client twice.

    >>> from clientbook import Client, ClientKind
    >>> from clientbook.memory import MemoryStore
    >>> store = MemoryStore()
    >>> for number in range(5):
    ...     _ = create_client(store.unit_of_work(tenant_id="acme"),
    ...                       Client(id=f"c{number}", kind=ClientKind.INDIVIDUAL,
    ...                              last_name="Martin"), user="u-amelie")
    >>> [c.id for c in list_clients(store.unit_of_work(tenant_id="acme"), limit=2)]
    ['c0', 'c1']
    >>> [c.id for c in list_clients(store.unit_of_work(tenant_id="acme"), after="c1")]
    ['c2', 'c3', 'c4']

    Args:
        uow: the unit of work on the tenant's clients; it is opened here, or joined.
        after: the id the page starts after; ``None`` for the first page.
        limit: the most clients to return.
        include_archived: also list archived clients (the default: an export keeps them).

    Returns:
        At most *limit* clients, by id.

    Raises:
        ValueError: *limit* is negative.
    """
    if limit < 0:
        raise ValueError(f"limit must be 0 or more, not {limit}")
    with uow:
        return uow.clients.list(after=after, limit=limit, include_archived=include_archived)
