"""The contract of the repositories and units of work, as pytest suites to run on any adapter.

:mod:`clientbook.repositories` states the rules every storage adapter keeps: one aggregate per
client, versions that refuse stale copies, nothing visible before commit, rollback otherwise,
joining the host's transaction, tenants that never see each other, a search that agrees with
:func:`clientbook.matches_prefix`. The kit checks each of them with realistic French clients,
one suite per family of repositories:

- :class:`UnitOfWorkContract`: the unit of work (transactions, tenants, joining);
- :class:`ClientRepositoryContract`: the client repository.

clientbook runs them on :mod:`clientbook.memory` and on ``clientbook.sql`` (SQLite and
PostgreSQL); a host application that keeps clients in its own database runs them on its own
adapter. When a test fails, its error ends with the rule of the protocol the adapter broke.

It needs pytest and Hypothesis: install the ``testing`` extra
(``python -m pip install 'clientbook[testing]'``). To use it, provide one fixture,
``clientbook_uow_factory``: a callable that takes a tenant id and returns a
:class:`~clientbook.repositories.UnitOfWork` on that tenant, all of them over one fresh, empty
store for each test; then subclass the contracts in a test module. The factory may be called
several times in a test, with the same or another tenant id (two units of work at once, another
tenant), and the property test calls it with new tenant ids for each example. For instance, in
the host's ``tests/conftest.py``::

    import pytest

    from myapp.storage import MyUnitOfWork, make_test_database


    @pytest.fixture
    def clientbook_uow_factory(tmp_path):
        database = make_test_database(tmp_path / "clients.db")  # fresh and empty
        yield lambda tenant_id: MyUnitOfWork(database, tenant_id=tenant_id)
        database.close()

and in ``tests/test_client_storage.py``::

    from clientbook.testing.contract import ClientRepositoryContract, UnitOfWorkContract


    class TestMyUnitOfWork(UnitOfWorkContract):
        pass


    class TestMyClientRepository(ClientRepositoryContract):
        pass

The fixture can also be defined as a method of the test class. Every test of the contract is
then collected and run for the adapter, named after the rule it checks
(``test_an_update_from_a_stale_copy_raises_stale_client_and_overwrites_nothing``...).

The clients used by the contract carry valid, fictitious identifiers; they are stored as given
(repositories store what they are given, the services of :mod:`clientbook.services` normalise
and validate first), some of them with the spaces people type.
"""

from __future__ import annotations

try:
    import hypothesis  # noqa: F401 - its absence is said below, with the extra to install
    import pytest  # noqa: F401
except ImportError as missing:  # pragma: no cover - depends on the environment
    raise ImportError(
        f"clientbook.testing.contract needs pytest and Hypothesis ({missing.name} is missing): "
        "python -m pip install 'clientbook[testing]'"
    ) from missing

from clientbook.testing._contract.clients import ClientRepositoryContract
from clientbook.testing._contract.data import UnitOfWorkFactory
from clientbook.testing._contract.units import UnitOfWorkContract

__all__ = ["ClientRepositoryContract", "UnitOfWorkContract", "UnitOfWorkFactory"]
