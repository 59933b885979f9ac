"""The ports of the clients family: the protocols the client services need from storage."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, Self

if TYPE_CHECKING:
    from collections.abc import Iterable
    from types import TracebackType

    from clientbook._records.client import Client

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

    def remove(self, client_id: str, /) -> None:
        """Delete the client; raise :class:`~clientbook.ClientNotFound` if none."""
        ...

    def search(
        self, typed: str, /, *, include_archived: bool = False, limit: int = 20
    ) -> list[Client]:
        """Return up to *limit* clients matching what a user typed, ordered by name then id."""
        ...

    def by_siren(self, siren: str, /) -> list[Client]:
        """Return the clients whose SIREN is *siren* (compact), archived ones included."""
        ...

    def by_siret(self, siret: str, /) -> list[Client]:
        """Return the clients whose SIRET is *siret* (compact), archived ones included."""
        ...

    def by_sirets(self, sirets: Iterable[str], /) -> dict[str, list[Client]]:
        """Return, by compact SIRET, the clients of each SIRET in *sirets*, in one round trip.

        SIRETs with no client are absent from the result; used by imports, a batch at a time.
        """
        ...

    def by_vats(self, vat_numbers: Iterable[str], /) -> dict[str, list[Client]]:
        """Return, by compact VAT number, the clients of each number, in one round trip.

        Numbers with no client are absent from the result; used by imports, a batch at a time.
        """
        ...

    def by_vat(self, vat_number: str, /) -> list[Client]:
        """Return the clients whose VAT number is *vat_number* (compact), archived included."""
        ...

    def list(
        self, *, after: str | None = None, limit: int = 100, include_archived: bool = True
    ) -> list[Client]:
        """Return a page of clients ordered by id, starting after the id *after*."""
        ...


class UnitOfWork(Protocol):
    """One transaction on one tenant's data: a context manager that exposes the repositories.

    ``tenant_id`` and ``clients`` are read-only here: an implementation may declare them as
    plain attributes or as properties, and ``clients`` with its own repository class.
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
        """Begin the transaction."""
        ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """End it: roll back what was not committed."""
        ...

    def commit(self) -> None:
        """Make the changes durable and visible to other units of work."""
        ...

    def rollback(self) -> None:
        """Forget the changes made since the last commit."""
        ...
