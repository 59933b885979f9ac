"""The in-memory adapter keeps the contracts of the unit of work and the clients."""

from __future__ import annotations

import pytest

from clientbook.memory import MemoryStore
from clientbook.testing.contract import (
    ClientRepositoryContract,
    UnitOfWorkContract,
    UnitOfWorkFactory,
)


class _MemoryFactory:
    @pytest.fixture
    def clientbook_uow_factory(self) -> UnitOfWorkFactory:
        store = MemoryStore()
        return lambda tenant_id: store.unit_of_work(tenant_id=tenant_id)


class TestMemoryUnitOfWork(_MemoryFactory, UnitOfWorkContract):
    pass


class TestMemoryClientRepository(_MemoryFactory, ClientRepositoryContract):
    pass
