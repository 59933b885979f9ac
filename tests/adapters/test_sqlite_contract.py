"""The SQL adapter on SQLite files keeps the contracts of the unit of work and the clients."""

from __future__ import annotations

import pytest

from clientbook.sql import SqlStore
from clientbook.testing.contract import (
    ClientRepositoryContract,
    UnitOfWorkContract,
    UnitOfWorkFactory,
)


class _SqliteFactory:
    @pytest.fixture
    def clientbook_uow_factory(self, sqlite_store: SqlStore) -> UnitOfWorkFactory:
        return lambda tenant_id: sqlite_store.unit_of_work(tenant_id=tenant_id)


class TestSqliteUnitOfWork(_SqliteFactory, UnitOfWorkContract):
    pass


class TestSqliteClientRepository(_SqliteFactory, ClientRepositoryContract):
    pass
