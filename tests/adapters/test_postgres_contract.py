"""The SQL adapter on PostgreSQL keeps the contracts of the unit of work and the clients.

Skipped unless ``CLIENTBOOK_POSTGRES_URL`` names a server (``.ci/postgres.sh`` starts one);
each test runs in a PostgreSQL schema of its own.
"""

from __future__ import annotations

import pytest

from clientbook.sql import SqlStore
from clientbook.testing.contract import (
    ClientRepositoryContract,
    UnitOfWorkContract,
    UnitOfWorkFactory,
)

pytestmark = pytest.mark.postgres


class _PostgresFactory:
    @pytest.fixture
    def clientbook_uow_factory(self, postgres_store: SqlStore) -> UnitOfWorkFactory:
        return lambda tenant_id: postgres_store.unit_of_work(tenant_id=tenant_id)


class TestPostgresUnitOfWork(_PostgresFactory, UnitOfWorkContract):
    pass


class TestPostgresClientRepository(_PostgresFactory, ClientRepositoryContract):
    pass
