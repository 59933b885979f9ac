"""Hypothesis strategies for SIRENs, SIRETs, VAT numbers and NAF codes, valid or nearly so.

Use them in your own property tests: the valid strategies generate numbers that
:mod:`clientbook.identifiers` accepts, computed with their check digits rather than copied from
real companies; the ``invalid_*`` strategies generate *near-misses*, the mistakes people make
when they type or paste a number (one digit changed, two adjacent digits swapped, a digit
missing or added, a letter instead of a digit), which clientbook refuses.

>>> from hypothesis import given
>>> from clientbook.identifiers import siret
>>> from clientbook.testing import strategies as cst
>>> @given(cst.sirets())
... def test_an_establishment_keeps_its_company(number):
...     assert siret.siren(number) == number[:9]
>>> test_an_establishment_keeps_its_company()

Every strategy generates the compact form (``validate``'s result: ``'12345678200010'``); map it
through the module's ``format`` to get the printed form.

Client records come from :func:`addresses`, :func:`contacts` and :func:`clients`: realistic
records that :func:`clientbook.validate_client` accepts by default, or ``any_text=True`` for
any text in every field. Importing this module registers the realistic ones with
:func:`hypothesis.strategies.register_type_strategy`, so ``st.from_type(Client)`` and
``st.builds`` work without arguments. Identifiers are plain ``str`` values: ask for them by
name (``sirets()``).

This module needs Hypothesis: install the ``testing`` extra
(``python -m pip install 'clientbook[testing]'``).
"""

from __future__ import annotations

try:
    import hypothesis  # noqa: F401 - imported first to say how to install it when it is missing
except ImportError as error:  # pragma: no cover - depends on the environment
    raise ImportError(
        "clientbook.testing.strategies needs Hypothesis: "
        "python -m pip install 'clientbook[testing]'"
    ) from error

from clientbook.testing._strategies import vat as _vat
from clientbook.testing._strategies.identifiers import (
    invalid_naf_codes,
    invalid_sirens,
    invalid_sirets,
    naf_codes,
    sirens,
    sirets,
)
from clientbook.testing._strategies.records import addresses, clients, contacts, register
from clientbook.testing._strategies.vat import invalid_vat_numbers, vat_numbers

__all__ = [
    "VAT_COUNTRIES",
    "addresses",
    "clients",
    "contacts",
    "invalid_naf_codes",
    "invalid_sirens",
    "invalid_sirets",
    "invalid_vat_numbers",
    "naf_codes",
    "sirens",
    "sirets",
    "vat_numbers",
]

# Re-exported by assignment: Sphinx reads the documentation of a constant where it is assigned.
#: The country prefixes :func:`vat_numbers` generates numbers for, sorted.
VAT_COUNTRIES: tuple[str, ...] = _vat.VAT_COUNTRIES

register()
