"""The ports of the clients family: the protocols the client services need from storage.

:class:`UnitOfWork` is the transaction every family shares, with the clients of its tenant
(every other family's records belong to clients). A later family adds its own protocol, a
``UnitOfWork`` with its repository (``DocumentsUnitOfWork``: ``clients`` and ``documents``), and
its services ask for that one: mypy then tells a host which services its unit of work can serve.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, Self

if TYPE_CHECKING:
    from collections.abc import Iterable
    from types import TracebackType

    from clientbook._records.client import Client
    from clientbook._rules.duplicates import DuplicateRule

__all__ = ["ClientRepository", "UnitOfWork"]


class ClientRepository(Protocol):
    """Clients of one tenant, each with its contacts and addresses."""

    def get(self, client_id: str, /) -> Client:
        """Return the stored client; raise :class:`~clientbook.ClientNotFound` if none."""
        ...

    def get_many(self, client_ids: Iterable[str], /) -> dict[str, Client]:
        """Return the stored clients among *client_ids*, by id, in one round trip.

        Ids with no client are absent from the result.
        """
        ...

    def add(self, client: Client, /) -> Client:
        """Store a new client and return it as stored (``version`` 1).

        Raises :class:`~clientbook.ClientExists` when the id is taken.
        """
        ...

    def update(self, client: Client, /) -> Client:
        """Store a changed client and return it as stored (``version + 1``).

        Raises :class:`~clientbook.StaleClient` when ``client.version`` is not the stored
        version, :class:`~clientbook.ClientNotFound` when there is no such client.
        """
        ...

    def search(
        self, typed: str, /, *, include_archived: bool = False, limit: int = 20
    ) -> list[Client]:
        """Return up to *limit* clients matching what a user typed, ordered by name then id."""
        ...

    def by_sirets(self, sirets: Iterable[str], /) -> dict[str, list[Client]]:
        """Return, by compact SIRET, the clients of each SIRET in *sirets*, in one round trip.

        SIRETs with no client are absent from the result; each list is ordered by id.
        """
        ...

    def by_vats(self, vat_numbers: Iterable[str], /) -> dict[str, list[Client]]:
        """Return, by compact VAT number, the clients of each number, in one round trip.

        Numbers with no client are absent from the result; each list is ordered by id.
        """
        ...

    def by_duplicate_keys(self, keys: Iterable[tuple[DuplicateRule, str]], /) -> list[Client]:
        """Return the clients that have any of *keys*, archived ones included, in one round trip.

        A client's keys are those :func:`clientbook.duplicate_keys` gives it
        (its SIRENs, VAT number, contacts' e-mail addresses, name at its postal code), as
        stored; the clients come ordered by id.
        """
        ...

    def list(
        self, *, after: str | None = None, limit: int = 100, include_archived: bool = True
    ) -> list[Client]:
        """Return a page of clients ordered by id, those with an id greater than *after*."""
        ...


class UnitOfWork(Protocol):
    """One transaction on one tenant's data: a context manager that exposes the repositories.

    ``tenant_id`` and ``clients`` are read-only here: an implementation may declare them as
    plain attributes or as properties, and ``clients`` with its own repository class.

    Entering a unit of work that is already open *joins* its transaction, so that the host
    can call several services in one transaction it controls: a ``commit`` inside a joined
    block is left to the outermost block, which alone commits; an exception that leaves a
    joined block after that block wrote anything rolls the whole unit back, and the unit then
    refuses work until :meth:`rollback` or the end of the outermost block (a service never
    leaves half of its writes to be committed).
    """

    @property
    def tenant_id(self) -> str:
        """The tenant (account) whose data this unit of work reads and writes."""
        ...

    @property
    def clients(self) -> ClientRepository:
        """The clients of the tenant."""
        ...

    def __enter__(self) -> Self:
        """Begin the transaction, or join it when the unit of work is already open."""
        ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """End the block: the outermost one rolls back what was not committed."""
        ...

    def commit(self) -> None:
        """Make the changes durable and visible to other units of work.

        In a joined block, nothing happens: the outermost block commits.
        """
        ...

    def rollback(self) -> None:
        """Forget the changes made since the last commit."""
        ...
