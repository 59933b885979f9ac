"""Importing clients: upsert by SIRET, then VAT number, then id; batches committed as they go."""

from __future__ import annotations

from itertools import islice
from typing import TYPE_CHECKING, Final

import attrs

from clientbook._base.i18n import N_, normalize_locale, translate
from clientbook._records.problem import Problem
from clientbook._rules.normalize import normalize_client
from clientbook._rules.parents import ParentCycle, check_parent
from clientbook._rules.validation import validate_client
from clientbook._services.preparing import (
    keep_stored,
    moment,
    stamp_new,
    with_billing,
)
from clientbook.identifiers import siret as _siret
from clientbook.identifiers import vat as _vat

if TYPE_CHECKING:
    import datetime
    from collections.abc import Callable, Iterable

    from clientbook._records.client import Client
    from clientbook._rules.policy import Policy
    from clientbook._services.ports import ClientRepository, UnitOfWork

__all__ = ["MATCH_ORDER", "ImportReport", "SkippedClient", "import_clients"]

_UNKNOWN_PARENT = N_("The parent company {parent_id} is not one of the clients.")


def _as_given(client_id: str) -> str:
    """The host's id is compared as it is: it is opaque to clientbook."""
    return client_id


#: What an import matches a stored client by, in this order: the SIRET, then the VAT number,
#: then the host's id; each record field with the form its values are compared in.
MATCH_ORDER: Final[tuple[tuple[str, Callable[[str], str]], ...]] = (
    ("siret", _siret.compact),
    ("vat_number", _vat.compact),
    ("id", _as_given),
)
# The numbers looked up among the stored clients' (``by_sirets``, ``by_vats``); the id, last
# of MATCH_ORDER, is a stored client's own key.
_NUMBERS: Final = MATCH_ORDER[:-1]


@attrs.frozen(kw_only=True)
class SkippedClient:
    """A client the import left out because of its errors.

    Attributes:
        index: its position among the clients given to the import, counted from 0.
        client_id: its id as given.
        problems: every problem of the record (errors and warnings), as
            :func:`~clientbook.validate_client` gives them, or the parent company's problem
            (``client.parent_id.unknown``, ``client.parent_id.cycle``).
    """

    index: int
    client_id: str
    problems: tuple[Problem, ...]


@attrs.frozen(kw_only=True)
class ImportReport:
    """What an import did with each client, by id.

    Ids are those of the stored clients: a client matched by its SIRET or VAT number keeps
    the id it was stored with. Each client given counts once, in one of the four (an id may
    show twice when the same client is given twice: created, then updated).

    Attributes:
        created: the ids of the clients created, in the order given.
        updated: the ids of the stored clients changed.
        unchanged: the ids of the stored clients the import found as they were.
        skipped: the clients left out because of errors, with their problems.
    """

    created: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    skipped: tuple[SkippedClient, ...] = ()


class _Known:
    """The stored clients a batch may match, kept up to date as the batch writes."""

    def __init__(self) -> None:
        self.clients: dict[str, Client] = {}
        self._ids: dict[str, dict[str, set[str]]] = {name: {} for name, _compact in _NUMBERS}

    def put(self, client: Client) -> None:
        old = self.clients.get(client.id)
        for name, compact in _NUMBERS:
            index = self._ids[name]
            if old is not None:
                index.get(compact(getattr(old, name)), set()).discard(old.id)
            number = compact(getattr(client, name))
            if number:
                index.setdefault(number, set()).add(client.id)
        self.clients[client.id] = client

    def match(self, client: Client) -> Client | None:
        """Return the stored client *client* matches (:data:`MATCH_ORDER`): SIRET, VAT, id."""
        for name, compact in _NUMBERS:
            number = compact(getattr(client, name))
            ids = self._ids[name].get(number) if number else None
            if ids:  # several clients carry it: the one with the same id, else the first
                return self.clients[client.id if client.id in ids else min(ids)]
        return self.clients.get(client.id)


def _stored_with_numbers(clients: ClientRepository, name: str, numbers: set[str]) -> list[Client]:
    """Return the stored clients carrying *numbers* in the field *name*, in one call."""
    if not numbers:
        return []
    lookup = clients.by_sirets if name == "siret" else clients.by_vats
    return [client for group in lookup(sorted(numbers)).values() for client in group]


class _Parents:
    """The parent links of the clients a batch touches, read level by level."""

    def __init__(self, clients: ClientRepository) -> None:
        self._clients = clients
        self.links: dict[str, str | None] = {}
        self.missing: set[str] = set()

    def load(self, ids: Iterable[str]) -> None:
        """Read the links up from *ids*: one ``get_many`` per level of the trees."""
        frontier = {i for i in ids if i not in self.links and i not in self.missing}
        while frontier:
            found = self._clients.get_many(sorted(frontier))
            above: set[str] = set()
            for client_id in frontier:
                client = found.get(client_id)
                if client is None:
                    self.missing.add(client_id)
                    continue
                self.links[client_id] = client.parent_id
                parent = client.parent_id
                if parent is not None and parent not in self.links and parent not in self.missing:
                    above.add(parent)
            frontier = above

    def written(self, client: Client) -> None:
        self.missing.discard(client.id)
        self.links[client.id] = client.parent_id

    def problem(self, client: Client, *, locale: str) -> Problem | None:
        """Return the problem of *client*'s parent company, if any."""
        parent = client.parent_id
        if parent is None:
            return None
        self._load_chain(parent)
        if parent not in self.links:
            return Problem(
                code="client.parent_id.unknown",
                field="parent_id",
                message=translate(_UNKNOWN_PARENT, locale, parent_id=parent),
            )
        try:
            check_parent(client.id, parent, self.links)
        except ParentCycle as cycle:
            return Problem(
                code="client.parent_id.cycle", field="parent_id", message=cycle.message(locale)
            )
        return None

    def _load_chain(self, start: str) -> None:
        """Read the links still unknown on the way up from *start* (changed in this batch)."""
        current: str | None = start
        seen: set[str] = set()
        while current is not None and current not in seen and current not in self.missing:
            seen.add(current)
            if current not in self.links:
                self.load([current])
                if current not in self.links:
                    return
            current = self.links[current]


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
    company is unknown or would make a loop, is skipped and reported; the import goes on.

    The clients are read one batch at a time and each batch is committed: an interrupted
    import loses nothing already committed, and running it again completes it. Each batch
    reads the stored clients it may match with a fixed number of repository calls
    (``get_many``, ``by_sirets`` and ``by_vats``), plus one ``get_many`` per level of parent
    companies.

    Args:
        uow: the unit of work on the tenant's clients; it is opened here and committed after
            each batch.
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
        StaleClient: another user changed a matched client during the import; the batches
            committed before are kept, and the import can be run again.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be 1 or more, not {batch_size}")
    language = normalize_locale(locale)
    if now is not None:
        moment(now)
    report = _Report()
    source = iter(clients)
    start = 0
    with uow:
        while batch := list(islice(source, batch_size)):
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
            report.commit()
            start += len(batch)
    return report.final()


class _Report:
    """The outcomes so far; those of a batch count once the batch is committed."""

    def __init__(self) -> None:
        self.outcomes: dict[str, list[str]] = {"created": [], "updated": [], "unchanged": []}
        self.skipped: list[SkippedClient] = []
        self._batch: list[tuple[str, str]] = []
        self._batch_skipped: list[SkippedClient] = []

    def add(self, outcome: str, client_id: str) -> None:
        self._batch.append((outcome, client_id))

    def skip(self, skipped: SkippedClient) -> None:
        self._batch_skipped.append(skipped)

    def commit(self) -> None:
        for outcome, client_id in self._batch:
            self.outcomes[outcome].append(client_id)
        self.skipped += self._batch_skipped
        self._batch, self._batch_skipped = [], []

    def final(self) -> ImportReport:
        return ImportReport(
            created=tuple(self.outcomes["created"]),
            updated=tuple(self.outcomes["updated"]),
            unchanged=tuple(self.outcomes["unchanged"]),
            skipped=tuple(self.skipped),
        )


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
    known = _Known()
    for name, compact in _NUMBERS:
        numbers = {compact(getattr(client, name)) for client in incoming} - {""}
        for found in _stored_with_numbers(repository, name, numbers):
            known.put(found)
    for found in repository.get_many([client.id for client in incoming]).values():
        known.put(found)
    parents = _Parents(repository)
    parents.load([client.parent_id for client in incoming if client.parent_id is not None])
    for offset, client in enumerate(incoming):
        stored = known.match(client)
        candidate = _candidate(client, stored, user=user, now=now)
        problems = tuple(validate_client(candidate, policy=policy, locale=locale))
        if not any(problem.severity == "error" for problem in problems):
            parent_problem = parents.problem(candidate, locale=locale)
            if parent_problem is not None:
                problems = (*problems, parent_problem)
        if any(problem.severity == "error" for problem in problems):
            report.skip(SkippedClient(index=start + offset, client_id=client.id, problems=problems))
            continue
        if stored is None:
            written = repository.add(candidate)
            report.add("created", written.id)
        elif candidate == stored:
            report.add("unchanged", stored.id)
            continue
        else:
            written = repository.update(candidate)
            report.add("updated", written.id)
        known.put(written)
        parents.written(written)
