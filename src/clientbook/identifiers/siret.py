"""SIRET (Système d'identification du répertoire des établissements), the establishment number.

Every establishment (head office, shop, branch...) of a French company has a 14-digit SIRET:
the company's 9-digit SIREN followed by a 5-digit NIC (numéro interne de classement). The whole
number passes the Luhn algorithm, and its first 9 digits must be a valid SIREN.

La Poste is the exception: its establishments share the SIREN 356 000 000 and are too many
for Luhn's single check digit. A La Poste SIRET (starting with ``356000000``) is valid when the
sum of its 14 digits is a multiple of 5, except the head office, ``356 000 000 00048``, which
follows the Luhn rule.

clientbook refuses a SIRET whose SIREN is ``000 000 000`` (it passes Luhn, it is nobody's
number); python-stdnum accepts it.

Source: INSEE, *Répertoire SIRENE*; python-stdnum's ``stdnum.fr.siret`` for comparison.

>>> from clientbook.identifiers import siret
>>> siret.validate('123 456 782 00010')
'12345678200010'
>>> siret.siren('12345678200010'), siret.nic('12345678200010')
('123456782', '00010')
>>> siret.format('12345678200010')
'123 456 782 00010'
>>> siret.is_valid('35600000012345')  # La Poste: digits add up to 29
False
>>> siret.is_valid('35600000012346')  # 30, a multiple of 5
True
>>> siret.validate('12345678200011')
Traceback (most recent call last):
    ...
clientbook.identifiers.InvalidChecksum: Les chiffres de contrôle ne correspondent pas...
>>> siret.validate('123456782')
Traceback (most recent call last):
    ...
clientbook.identifiers.InvalidLength: Un SIRET compte 14 chiffres (le SIREN et 5 chiffres de NIC).
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

__all__ = ["compact", "format", "is_valid", "nic", "siren", "validate"]

_SEPARATORS = delete_chars(SPACES + ".")
_LA_POSTE = "356000000"
_LA_POSTE_HEAD_OFFICE = "35600000000048"
_ZERO_SIREN = "000000000"
_ASCII_ZERO_SUM = 14 * ord("0")


def compact(number: str) -> str:
    """Return *number* without spaces, dots or surrounding whitespace; does not validate.

    >>> compact('123 456 782 00010')
    '12345678200010'
    """
    text = text_of(number, "SIRET")
    if text.isalnum():  # letters and digits only: nothing to remove
        return text
    return text.translate(_SEPARATORS).strip()


def _checksum_ok(number: str) -> bool:
    if number.startswith(_LA_POSTE) and number != _LA_POSTE_HEAD_OFFICE:
        return (sum(number.encode("ascii")) - _ASCII_ZERO_SUM) % 5 == 0
    return luhn_ok(number)


def validate(number: str) -> str:
    """Return the compact form of a valid SIRET.

    Raises:
        InvalidFormat: characters other than digits and separators.
        InvalidLength: not 14 digits.
        InvalidChecksum: the Luhn check (or La Poste's rule) fails.
        InvalidComponent: the first 9 digits are not a valid SIREN.
        TypeError: *number* is not a ``str``.
    """
    if type(number) is str and len(number) == 14 and number.isascii() and number.isdigit():
        head = number[:9]
        if _checksum_ok(number) and head != _ZERO_SIREN and luhn_ok(head):
            return number  # the fast path: compact and valid, as stored numbers mostly are
    number = compact(number)
    if not is_ascii_digits(number):
        raise InvalidFormat("siret", N_("A SIRET contains digits only."))
    if len(number) != 14:
        raise InvalidLength("siret", N_("A SIRET has 14 digits (the SIREN and a 5-digit NIC)."))
    if not _checksum_ok(number):
        raise InvalidChecksum("siret")
    if number[:9] == _ZERO_SIREN or not luhn_ok(number[:9]):
        raise InvalidComponent(
            "siret", N_("The first 9 digits of this SIRET are not a valid SIREN.")
        )
    return number


def is_valid(number: str) -> bool:
    """Return whether *number* is a valid SIRET; never raises for a ``str``."""
    if type(number) is str and len(number) == 14 and number.isascii() and number.isdigit():
        head = number[:9]  # the fast path: already compact
        return _checksum_ok(number) and head != _ZERO_SIREN and luhn_ok(head)
    try:
        validate(number)
    except InvalidIdentifier:
        return False
    return True


def format(number: str) -> str:  # noqa: A001 - the python-stdnum interface
    """Return a valid SIRET as INSEE prints it: ``123 456 782 00010``.

    Raises:
        InvalidIdentifier: the SIRET is not valid (see :func:`validate`).
    """
    number = validate(number)
    return f"{number[:3]} {number[3:6]} {number[6:9]} {number[9:]}"


def siren(number: str) -> str:
    """Return the SIREN (first 9 digits) of a valid SIRET.

    Raises:
        InvalidIdentifier: the SIRET is not valid.
    """
    return validate(number)[:9]


def nic(number: str) -> str:
    """Return the NIC (last 5 digits: the establishment within the company) of a valid SIRET.

    Raises:
        InvalidIdentifier: the SIRET is not valid.
    """
    return validate(number)[9:]
