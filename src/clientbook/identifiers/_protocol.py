"""The interface every identifier module implements (python-stdnum's, with clientbook's errors)."""

from __future__ import annotations

from typing import Protocol

__all__ = ["IdentifierModule"]


class IdentifierModule(Protocol):
    """A module that checks one kind of identifier.

    ``siren``, ``siret``, ``vat`` and ``naf`` are each checked against this protocol by mypy.
    """

    def compact(self, number: str, /) -> str:
        """Return *number* without separators or surrounding spaces; never validates."""

    def validate(self, number: str, /) -> str:
        """Return the compact form of a valid *number*, or raise ``InvalidIdentifier``."""

    def is_valid(self, number: str, /) -> bool:
        """Return whether *number* is valid; never raises for text."""

    def format(self, number: str, /) -> str:
        """Return the display form of a valid *number*, or raise ``InvalidIdentifier``."""
