"""The contract kit's parts: one module per family of repositories, the data they share.

:mod:`~clientbook.testing._contract.units` checks the unit of work (transactions, tenants,
joining), :mod:`~clientbook.testing._contract.clients` the client repository. A later family
adds its module here (``documents.py``: ``DocumentRepositoryContract``), re-exported by
:mod:`clientbook.testing.contract`; a host subclasses the contracts of the repositories its unit
of work has.
"""
