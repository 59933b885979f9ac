"""The SQL unit of work: one transaction on one tenant's data, on one pooled connection."""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from clientbook._adapters.sql.clients import SqlClientRepository
from clientbook._adapters.sql.session import Session

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import TracebackType

    from sqlalchemy import Connection, Engine

__all__ = ["SqlUnitOfWork"]


class SqlUnitOfWork:
    """One transaction on one tenant's clients in a SQL database.

    Get one from :meth:`clientbook.sql.SqlStore.unit_of_work` and use it in a ``with``
    block; it implements :class:`clientbook.repositories.UnitOfWork`. The connection is
    taken from the store's pool when the block starts and given back when it ends; leaving
    the block without :meth:`commit`, or with an exception, rolls back. Entering it again
    while it is open joins its transaction: the inner block's commit is left to the outermost
    block, and an inner block left with an exception after it wrote anything rolls the whole
    unit back.

    Attributes:
        tenant_id: the tenant (account) whose clients this unit reads and writes.
        clients: the tenant's clients.
    """

    __module__ = "clientbook.sql"

    def __init__(
        self,
        engine: Engine,
        *,
        tenant_id: str,
        url: str,
        check_schema: Callable[[Connection], None],
    ) -> None:
        if not isinstance(tenant_id, str):
            raise TypeError(f"tenant_id must be text (str), not {type(tenant_id).__name__}")
        self.tenant_id = tenant_id
        self._session = Session(engine, tenant_id=tenant_id, url=url)
        self.clients = SqlClientRepository(self._session)
        self._url = url
        self._check_schema = check_schema
        self._writes_at: list[int] = []  # the write count when each joined block began

    def __repr__(self) -> str:
        return f"<SqlUnitOfWork tenant_id={self.tenant_id!r} on {self._url}>"

    def __enter__(self) -> Self:
        """Take a connection and check the tables, or join the transaction already open.

        The transaction begins with the first write.

        Raises:
            StorageError: the database cannot be reached or opened (its subclasses
                :class:`~clientbook.sql.DatabaseDamaged`, :class:`~clientbook.sql.SchemaMismatch`
                and :class:`~clientbook.sql.DatabaseLocked` say why).
        """
        session = self._session
        if session.is_open:
            session.live()  # a unit that failed refuses to be joined
            self._writes_at.append(session.writes)
        else:
            session.open(self._check_schema)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """End the block: the outermost one rolls back what was not committed.

        A joined block left with an exception after it wrote anything rolls the whole unit
        back; the unit then refuses work until :meth:`rollback` or the outermost block ends.
        """
        if self._writes_at:
            began = self._writes_at.pop()
            if exc is not None and self._session.writes != began and self._session.is_open:
                self._session.fail()
            return
        self._session.close(failing=exc is not None)

    def commit(self) -> None:
        """Write the clients added since the last read, and make every change durable.

        In a joined block, nothing happens: the outermost block commits.

        Raises:
            ClientExists: an added client's id is taken (that client is left out; the others
                are still to be committed).
            StorageError: the database refused the commit; the unit was rolled back.
        """
        self._session.live()
        if self._writes_at:
            return
        self._session.commit()

    def rollback(self) -> None:
        """Forget the changes made since the last commit, the added clients not yet written too."""
        self._session.rollback()
