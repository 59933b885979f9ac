"""French and EU business identifiers: SIREN, SIRET, VAT numbers and APE/NAF codes.

One module per identifier, each with python-stdnum's four functions, ``compact``,
``validate``, ``is_valid`` and ``format`` (declared once by :class:`IdentifierModule`):

>>> from clientbook.identifiers import siret, vat
>>> siret.is_valid('123 456 782 00010')
True
>>> vat.from_siren('123456782')
'FR11123456782'

Errors subclass :class:`InvalidIdentifier`, itself a ``ClientbookError`` and a ``ValueError``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from clientbook.identifiers import naf, siren, siret, vat
from clientbook.identifiers._errors import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidIdentifier,
    InvalidLength,
)
from clientbook.identifiers._protocol import IdentifierModule

__all__ = [
    "IdentifierModule",
    "InvalidChecksum",
    "InvalidComponent",
    "InvalidFormat",
    "InvalidIdentifier",
    "InvalidLength",
    "naf",
    "siren",
    "siret",
    "vat",
]

if TYPE_CHECKING:  # mypy proves that every module implements the interface
    _modules: tuple[IdentifierModule, ...] = (naf, siren, siret, vat)
