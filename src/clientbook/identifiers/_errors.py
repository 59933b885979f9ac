"""The errors raised by the identifier modules.

Each error has a stable :attr:`~InvalidIdentifier.code` of the form ``<identifier>.<kind>``
(``siret.checksum``, ``vat.length``...) for programs, and a message in French or English for
people: ``str(error)`` is French, :meth:`~InvalidIdentifier.message` takes the locale.
"""

from __future__ import annotations

from typing import ClassVar

from clientbook._base.errors import ClientbookError
from clientbook._base.i18n import N_, translate

__all__ = [
    "InvalidChecksum",
    "InvalidComponent",
    "InvalidFormat",
    "InvalidIdentifier",
    "InvalidLength",
]


class InvalidIdentifier(ClientbookError, ValueError):
    """An identifier (SIREN, SIRET, VAT number, NAF code) is not valid.

    Attributes:
        identifier: which identifier was checked: ``"siren"``, ``"siret"``, ``"vat"`` or ``"naf"``.
        code: stable error code, ``"<identifier>.<kind>"``.
        params: the values the message refers to.
    """

    __module__ = "clientbook.identifiers"  # tracebacks name the public module
    kind: ClassVar[str] = "invalid"
    default_message: ClassVar[str] = N_("This identifier is not valid.")

    def __init__(self, identifier: str, message: str | None = None, **params: object) -> None:
        self.identifier = identifier
        self.code = f"{identifier}.{self.kind}"
        self.params = params
        self._message = message or self.default_message
        super().__init__(self.message("fr"))

    def message(self, locale: str = "fr") -> str:
        """Return the explanation in *locale* (``"fr"`` or ``"en"``)."""
        return translate(self._message, locale, **self.params)

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (type(self), self.identifier, self._message, self.params))


def _rebuild(
    cls: type[InvalidIdentifier], identifier: str, message: str, params: dict[str, object]
) -> InvalidIdentifier:
    return cls(identifier, message, **params)


class InvalidFormat(InvalidIdentifier):
    """The text contains characters that have no place in this identifier."""

    __module__ = "clientbook.identifiers"
    kind = "format"
    default_message = N_("This identifier contains characters it cannot contain.")


class InvalidLength(InvalidIdentifier):
    """The identifier has too few or too many characters."""

    __module__ = "clientbook.identifiers"
    kind = "length"
    default_message = N_("This identifier does not have the right number of characters.")


class InvalidChecksum(InvalidIdentifier):
    """The check digits do not match: a digit was mistyped or two were swapped."""

    __module__ = "clientbook.identifiers"
    kind = "checksum"
    default_message = N_("The check digits do not match: a digit is probably mistyped.")


class InvalidComponent(InvalidIdentifier):
    """A part of the identifier is not valid (unknown country, all-zero SIREN, unknown code)."""

    __module__ = "clientbook.identifiers"
    kind = "component"
    default_message = N_("A part of this identifier is not valid.")
