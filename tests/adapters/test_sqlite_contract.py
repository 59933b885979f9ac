"""The SQL adapter on SQLite files keeps the repository and unit-of-work contract."""

from __future__ import annotations

import pytest

from clientbook.sql import SqlStore
from clientbook.testing.contract import UnitOfWorkContract, UnitOfWorkFactory


class TestSqliteStore(UnitOfWorkContract):
    @pytest.fixture
    def clientbook_uow_factory(self, sqlite_store: SqlStore) -> UnitOfWorkFactory:
        return lambda tenant_id: sqlite_store.unit_of_work(tenant_id=tenant_id)
