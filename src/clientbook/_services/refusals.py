"""Refused operations on stored clients: named after the rule, carrying the data.

:class:`ClientNotFound`, :class:`ClientExists`, :class:`StaleClient` and
:class:`ClientInvalid`, each a :class:`~clientbook.ClientbookError` (the whole tree is drawn in
:mod:`clientbook._base.errors`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from clientbook._base.errors import ClientbookError
from clientbook._base.i18n import N_, translate

if TYPE_CHECKING:
    from clientbook._records.problem import Problem

__all__ = ["ClientExists", "ClientInvalid", "ClientNotFound", "StaleClient"]


class ClientNotFound(ClientbookError, LookupError):
    """No client with this id is stored for this tenant.

    Attributes:
        client_id: the id asked for.
    """

    __module__ = "clientbook"

    def __init__(self, client_id: str) -> None:
        self.client_id = client_id
        super().__init__(self.message("fr"))

    def message(self, locale: str = "fr") -> str:
        """Return the explanation in *locale*."""
        return translate(N_("No client has the id {client_id}."), locale, client_id=self.client_id)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.client_id,))


class ClientExists(ClientbookError):
    """A client with this id is already stored: add it once, then update it.

    Attributes:
        client_id: the id of the stored client.
    """

    __module__ = "clientbook"

    def __init__(self, client_id: str) -> None:
        self.client_id = client_id
        super().__init__(self.message("fr"))

    def message(self, locale: str = "fr") -> str:
        """Return the explanation in *locale*."""
        return translate(
            N_("A client with the id {client_id} already exists."), locale, client_id=self.client_id
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.client_id,))


class StaleClient(ClientbookError):
    """The client was changed by someone else since this copy was read; nothing was written.

    Read it again, apply the change to the fresh copy, and update that.

    Attributes:
        client_id: the client's id.
        expected_version: the version of the copy that was sent.
        actual_version: the version stored now.
    """

    __module__ = "clientbook"

    def __init__(self, client_id: str, *, expected_version: int, actual_version: int) -> None:
        self.client_id = client_id
        self.expected_version = expected_version
        self.actual_version = actual_version
        super().__init__(self.message("fr"))

    def message(self, locale: str = "fr") -> str:
        """Return the explanation in *locale*."""
        return translate(
            N_(
                "The client {client_id} was changed by someone else since it was read; "
                "nothing was saved: read it again and redo the change."
            ),
            locale,
            client_id=self.client_id,
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (
            _stale,
            (self.client_id, self.expected_version, self.actual_version),
        )


def _stale(client_id: str, expected: int, actual: int) -> StaleClient:
    return StaleClient(client_id, expected_version=expected, actual_version=actual)


class ClientInvalid(ClientbookError, ValueError):
    """The record has errors; nothing was saved.

    Attributes:
        client_id: the client's id.
        problems: every problem found (errors and warnings), as :func:`validate_client` gives.
    """

    __module__ = "clientbook"

    def __init__(self, client_id: str, problems: tuple[Problem, ...]) -> None:
        self.client_id = client_id
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in errors) or client_id)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.client_id, self.problems))
