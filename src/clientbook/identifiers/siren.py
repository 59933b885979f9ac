"""SIREN (Système d'identification du répertoire des entreprises), the French company number.

INSEE gives every French company (and every sole trader) a 9-digit SIREN when it registers it
in the SIRENE directory. The last digit is a check digit: the whole number passes the Luhn
algorithm (ISO/IEC 7812-1, annex B). The number is printed in groups of three: ``123 456 782``.

clientbook is deliberately stricter than python-stdnum in one place: ``000 000 000`` passes the
Luhn check but is no company's number, so it is refused.

Source: INSEE, *Répertoire SIRENE*; python-stdnum's ``stdnum.fr.siren`` for comparison.

>>> from clientbook.identifiers import siren
>>> siren.validate('123 456 782')
'123456782'
>>> siren.is_valid('123456782')
True
>>> siren.format('123456782')
'123 456 782'
>>> siren.validate('123 456 783')
Traceback (most recent call last):
    ...
clientbook.identifiers.InvalidChecksum: Les chiffres de contrôle ne correspondent pas...
>>> siren.validate('12345678')
Traceback (most recent call last):
    ...
clientbook.identifiers.InvalidLength: Un SIREN compte 9 chiffres.
>>> siren.validate('12345678A')
Traceback (most recent call last):
    ...
clientbook.identifiers.InvalidFormat: Un SIREN ne contient que des chiffres.
>>> siren.validate('000000000')
Traceback (most recent call last):
    ...
clientbook.identifiers.InvalidComponent: 000 000 000 n'est le SIREN d'aucune entreprise.
>>> siren.is_valid(123456782)
Traceback (most recent call last):
    ...
TypeError: pass the SIREN as text (str), not int: ...
"""

from __future__ import annotations

from clientbook._base.i18n import N_
from clientbook.identifiers._errors import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidIdentifier,
    InvalidLength,
)
from clientbook.identifiers._text import SPACES, delete_chars, is_ascii_digits, luhn_ok, text_of

__all__ = ["compact", "format", "is_valid", "validate"]

_SEPARATORS = delete_chars(SPACES + ".")
_ZERO = "000000000"


def compact(number: str) -> str:
    """Return *number* without spaces, dots or surrounding whitespace; does not validate.

    >>> compact(' 123.456.782 ')
    '123456782'
    """
    text = text_of(number, "SIREN")
    if text.isalnum():  # letters and digits only: nothing to remove
        return text
    return text.translate(_SEPARATORS).strip()


def validate(number: str) -> str:
    """Return the compact form of a valid SIREN.

    Raises:
        InvalidFormat: characters other than digits and separators.
        InvalidLength: not 9 digits.
        InvalidChecksum: the Luhn check fails.
        InvalidComponent: ``000000000``.
        TypeError: *number* is not a ``str``.
    """
    if (
        type(number) is str
        and len(number) == 9
        and number.isascii()
        and number.isdigit()
        and number != _ZERO
        and luhn_ok(number)
    ):
        return number  # the fast path: compact and valid, as stored numbers mostly are
    number = compact(number)
    if not is_ascii_digits(number):
        raise InvalidFormat("siren", N_("A SIREN contains digits only."))
    if len(number) != 9:
        raise InvalidLength("siren", N_("A SIREN has 9 digits."))
    if not luhn_ok(number):
        raise InvalidChecksum("siren")
    if number == _ZERO:
        raise InvalidComponent("siren", N_("000 000 000 is no company's SIREN."))
    return number


def is_valid(number: str) -> bool:
    """Return whether *number* is a valid SIREN; never raises for a ``str``."""
    if type(number) is str and len(number) == 9 and number.isascii() and number.isdigit():
        return number != _ZERO and luhn_ok(number)  # the fast path: already compact
    try:
        validate(number)
    except InvalidIdentifier:
        return False
    return True


def format(number: str) -> str:  # noqa: A001 - the python-stdnum interface
    """Return a valid SIREN in groups of three digits: ``123 456 782``.

    Raises:
        InvalidIdentifier: the SIREN is not valid (see :func:`validate`).
    """
    number = validate(number)
    return f"{number[:3]} {number[3:6]} {number[6:]}"
