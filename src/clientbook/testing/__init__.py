"""Helpers for testing code that uses clientbook.

:mod:`clientbook.testing.strategies` holds Hypothesis strategies that generate valid SIRENs,
SIRETs, VAT numbers and NAF codes, near-misses of each for negative tests, and client records;
:mod:`clientbook.testing.contract` is the contract of the repositories as pytest suites, to run
on your own storage adapter. Both need the ``testing`` extra
(``python -m pip install 'clientbook[testing]'``), which installs Hypothesis and pytest;
importing this package alone imports nothing heavy::

    from clientbook.testing import strategies as cst

    @given(cst.sirets())
    def test_a_client_keeps_its_siret(number): ...
"""

from __future__ import annotations

__all__: list[str] = []
