"""The in-memory adapter keeps the repository and unit-of-work contract."""

from __future__ import annotations

import pytest

from clientbook.memory import MemoryStore
from clientbook.testing.contract import UnitOfWorkContract, UnitOfWorkFactory


class TestMemoryStore(UnitOfWorkContract):
    @pytest.fixture
    def clientbook_uow_factory(self) -> UnitOfWorkFactory:
        store = MemoryStore()
        return lambda tenant_id: store.unit_of_work(tenant_id=tenant_id)
