"""Importing clients: upsert by SIRET, then VAT number, then id; batches committed as they go.

Each batch is its own transaction: it is read, matched, checked and written in one ``with``
block of the unit of work, and committed. A batch refused because another writer stored or
changed one of its clients meanwhile (:class:`~clientbook.ClientExists`,
:class:`~clientbook.StaleClient`) is read and imported again, so that two imports of the same
file at once both end with a report: the second finds the first's clients.
"""

from __future__ import annotations

from itertools import islice
from typing import TYPE_CHECKING, Final

import attrs

from clientbook._base.i18n import N_, normalize_locale, translate
from clientbook._records.problem import Problem
from clientbook._rules.normalize import normalize_client
from clientbook._rules.validation import validate_client
from clientbook._services.matching import MATCH_ORDER, Known, Parents, stored_with_numbers
from clientbook._services.preparing import keep_stored, moment, stamp_new, with_billing
from clientbook._services.refusals import ClientExists, StaleClient

if TYPE_CHECKING:
    import datetime
    from collections.abc import Iterable

    from clientbook._records.client import Client
    from clientbook._rules.policy import Policy
    from clientbook._services.ports import ClientRepository, UnitOfWork

__all__ = [
    "ATTEMPTS",
    "MATCH_ORDER",
    "ImportReport",
    "SameClient",
    "SkippedClient",
    "import_clients",
]

#: How many times a batch is tried when another writer stores or changes its clients meanwhile.
ATTEMPTS: Final = 3

_SAME_CLIENT = N_(
    "This client is not imported: the client given at position {earlier} is the same stored "
    "client ({client_id}) and is imported in its place."
)


@attrs.frozen(kw_only=True)
class SameClient:
    """Why a client given to an import is the same as an earlier one: the stored client both reach.

    Attributes:
        earlier: the position of the earlier client given, which is imported.
        stored_id: the id of the stored client both resolve to.
        field: what the later client was matched by: ``"siret"``, ``"vat_number"`` or ``"id"``
            (the import's match order).
        value: the value it shares with the stored client, in its compared form.
    """

    earlier: int
    stored_id: str
    field: str
    value: str


@attrs.frozen(kw_only=True)
class SkippedClient:
    """A client the import left out: because of its errors, or as the same as an earlier one.

    Attributes:
        index: its position among the clients given to the import, counted from 0.
        client_id: its id as given.
        problems: every problem of the record (errors and warnings), as
            :func:`~clientbook.validate_client` gives them, or the parent company's problem
            (``client.parent_id.unknown``, ``client.parent_id.cycle``), or the warning
            ``import.same_client``.
        same_as: for ``import.same_client``, the earlier client given to the import that
            resolves to the same stored client and is imported in its place; ``None``
            otherwise.
    """

    index: int
    client_id: str
    problems: tuple[Problem, ...]
    same_as: SameClient | None = None


@attrs.frozen(kw_only=True)
class ImportReport:
    """What an import did with each client, by id.

    Ids are those of the stored clients: a client matched by its SIRET or VAT number keeps
    the id it was stored with. Each client given counts once, in one of the four, and each
    stored client at most once: a later client that resolves to a stored client an earlier one
    was imported as is skipped (``import.same_client``), so that importing the same clients
    again changes nothing and creates nothing.

    Attributes:
        created: the ids of the clients created, in the order given.
        updated: the ids of the stored clients changed.
        unchanged: the ids of the stored clients the import found as they were.
        skipped: the clients left out, with their problems.
    """

    created: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    skipped: tuple[SkippedClient, ...] = ()


def _candidate(
    client: Client, stored: Client | None, *, user: str, now: datetime.datetime
) -> Client:
    """Return what the import stores for *client* (normalised), new or matched with *stored*.

    A matched client keeps its id, owner and creation time, and its contacts and delivery
    addresses when the imported record has none (a file seldom carries them all); imported
    delivery addresses get the billing address added as at creation, so that importing the
    same record again finds it unchanged.
    """
    if stored is None:
        return stamp_new(client, user=user, now=now)
    return keep_stored(  # one evolve: a re-import builds every record of the file again
        client,
        stored,
        id=stored.id,
        version=stored.version,
        contacts=client.contacts or stored.contacts,
        delivery_addresses=(
            with_billing(client) if client.delivery_addresses else stored.delivery_addresses
        ),
    )


def import_clients(
    uow: UnitOfWork,
    clients: Iterable[Client],
    *,
    user: str,
    policy: Policy | None = None,
    locale: str = "fr",
    batch_size: int = 500,
    now: datetime.datetime | None = None,
) -> ImportReport:
    """Import clients: create the new ones, update the changed ones, skip those with errors.

    Each client is normalised and matched with a stored client by its SIRET, else its VAT
    number, else its id. A matched client is updated only when something changed (importing
    the same data again changes nothing: versions stay); it keeps its id, owner and creation
    time, and its contacts and delivery addresses when the imported record has none. A new
    client is created as :func:`create_client` does. A client with errors, or whose parent
    company is unknown or would make a loop, is skipped and reported; so is a client that
    resolves to the stored client an earlier client of the import was imported as (two rows
    of one file, one with the SIRET of a client, the other with its id: the first is
    imported); the import goes on.

    The clients are read one batch at a time and each batch is committed: an interrupted
    import loses nothing already committed, and running it again completes it. A batch that
    another writer got ahead of (it stored one of the batch's new clients, or changed one it
    matched, since the batch read them) is read and imported again, up to three
    times: two imports of one file at once both end, the second finding the first's clients.
    Each batch reads the stored clients it may match with a fixed number of repository calls
    (``get_many``, ``by_sirets`` and ``by_vats``), plus one ``get_many`` per level of parent
    companies.

    Given a unit of work the host holds open, each batch joins the host's transaction, which
    the host commits; a batch that another writer got ahead of is then tried again only if
    the unit of work can go on (nothing was written before the refusal), otherwise the refusal
    is raised for the host to decide.

    Args:
        uow: the unit of work on the tenant's clients; each batch opens and commits it.
        clients: the clients to import, read as they come (a generator is fine).
        user: the id of the user importing: the owner of the clients created, unless a record
            names its owner.
        policy: what the host requires; ``None`` is ``Policy()``.
        locale: the language of the problems' messages.
        batch_size: the number of clients per commit.
        now: the creation time of the new clients, timezone-aware; by default the current
            time in UTC when their batch starts.

    Returns:
        What was created, updated, found unchanged and skipped.

    Raises:
        ValueError: *batch_size* is less than 1, *now* is not timezone-aware, or *locale* is
            not a language clientbook speaks.
        ClientExists, StaleClient: other writers got ahead of one batch three
            times in a row, or of a batch in the host's transaction; the batches committed
            before are kept, and the import can be run again.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be 1 or more, not {batch_size}")
    language = normalize_locale(locale)
    if now is not None:
        moment(now)
    report = _Report()
    source = iter(clients)
    start = 0
    while batch := list(islice(source, batch_size)):
        for attempt in range(1, ATTEMPTS + 1):
            try:
                with uow:
                    _import_batch(
                        uow.clients,
                        batch,
                        start=start,
                        report=report,
                        user=user,
                        policy=policy,
                        locale=language,
                        now=moment(now),
                    )
                    uow.commit()
            except (ClientExists, StaleClient):
                report.forget_batch()
                if attempt == ATTEMPTS or not _can_go_on(uow):
                    raise
                continue
            break
        report.keep_batch()
        start += len(batch)
    return report.final()


def _can_go_on(uow: UnitOfWork) -> bool:
    """Whether a batch can be tried again: the unit of work accepts a new ``with`` block.

    A batch is its own transaction unless the host holds the unit of work open; in the host's
    transaction, a refusal after the batch wrote rolled the unit back, and the unit refuses
    work: the host must decide.
    """
    try:
        with uow:
            return True
    except RuntimeError:
        return False


class _Report:
    """The outcomes so far; those of a batch count once the batch is committed.

    It also knows which stored client each client given was imported as (``claimed``): a
    later client that resolves to one of them is the same client given twice.
    """

    def __init__(self) -> None:
        self.outcomes: dict[str, list[str]] = {"created": [], "updated": [], "unchanged": []}
        self.skipped: list[SkippedClient] = []
        self.claimed: dict[str, int] = {}  # stored id -> position of the client imported as it
        self._batch: list[tuple[str, str]] = []
        self._batch_skipped: list[SkippedClient] = []
        self._batch_claimed: dict[str, int] = {}

    def claimant(self, stored_id: str) -> int | None:
        """Return the position of the client imported as *stored_id* so far, if any."""
        found = self._batch_claimed.get(stored_id)
        return self.claimed.get(stored_id) if found is None else found

    def add(self, outcome: str, client_id: str, *, index: int) -> None:
        self._batch.append((outcome, client_id))
        self._batch_claimed[client_id] = index

    def skip(self, skipped: SkippedClient) -> None:
        self._batch_skipped.append(skipped)

    def keep_batch(self) -> None:
        for outcome, client_id in self._batch:
            self.outcomes[outcome].append(client_id)
        self.skipped += self._batch_skipped
        self.claimed.update(self._batch_claimed)
        self.forget_batch()

    def forget_batch(self) -> None:
        self._batch, self._batch_skipped, self._batch_claimed = [], [], {}

    def final(self) -> ImportReport:
        return ImportReport(
            created=tuple(self.outcomes["created"]),
            updated=tuple(self.outcomes["updated"]),
            unchanged=tuple(self.outcomes["unchanged"]),
            skipped=tuple(self.skipped),
        )


def _same_client(client: Client, index: int, same: SameClient, *, locale: str) -> SkippedClient:
    message = translate(_SAME_CLIENT, locale, earlier=same.earlier, client_id=same.stored_id)
    problem = Problem(
        code="import.same_client", field=same.field, message=message, severity="warning"
    )
    return SkippedClient(index=index, client_id=client.id, problems=(problem,), same_as=same)


def _import_batch(
    repository: ClientRepository,
    batch: list[Client],
    *,
    start: int,
    report: _Report,
    user: str,
    policy: Policy | None,
    locale: str,
    now: datetime.datetime,
) -> None:
    incoming = [normalize_client(client) for client in batch]
    known = Known()
    for name, compact in MATCH_ORDER[:-1]:
        numbers = {compact(getattr(client, name)) for client in incoming} - {""}
        for found in stored_with_numbers(repository, name, numbers):
            known.put(found)
    for found in repository.get_many([client.id for client in incoming]).values():
        known.put(found)
    parents = Parents(repository)
    parents.load([client.parent_id for client in incoming if client.parent_id is not None])
    for offset, client in enumerate(incoming):
        index = start + offset
        matched = known.match(client)
        stored = None if matched is None else matched[0]
        if matched is not None and (earlier := report.claimant(matched[0].id)) is not None:
            stored, field, value = matched
            same = SameClient(earlier=earlier, stored_id=stored.id, field=field, value=value)
            report.skip(_same_client(client, index, same, locale=locale))
            continue
        candidate = _candidate(client, stored, user=user, now=now)
        problems = tuple(validate_client(candidate, policy=policy, locale=locale))
        if not any(problem.severity == "error" for problem in problems):
            parent_problem = parents.problem(candidate, locale=locale)
            if parent_problem is not None:
                problems = (*problems, parent_problem)
        if any(problem.severity == "error" for problem in problems):
            report.skip(SkippedClient(index=index, client_id=client.id, problems=problems))
            continue
        if stored is None:
            written = repository.add(candidate)
            report.add("created", written.id, index=index)
        elif candidate == stored:
            report.add("unchanged", stored.id, index=index)
            continue
        else:
            written = repository.update(candidate)
            report.add("updated", written.id, index=index)
        known.put(written)
        parents.written(written)
