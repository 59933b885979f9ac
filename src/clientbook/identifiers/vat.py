"""VAT numbers (numéro de TVA intracommunautaire) of French, EU and nearby clients.

A VAT number starts with its country's two-letter code. Greece uses ``EL`` (people type ``GR``:
it is normalised to ``EL``) and Northern Ireland ``XI``. Numbers of the 27 member states and
``XI`` are accepted, and so are ``GB``, ``CH`` and ``NO`` numbers, which clients in Great
Britain, Switzerland and Norway carry on their invoices although they are not EU VAT numbers.
``EU`` and ``IM`` numbers are one-stop-shop (OSS) registrations of foreign sellers, never a
client's VAT number: they are refused.

A French number is ``FR``, a 2-character key and the 9-digit SIREN. A numeric key is
``(12 + 3 × (SIREN mod 97)) mod 97``; newer keys contain letters (never ``I`` or ``O``) and
follow a mod-11 rule. Companies of Monaco carry French numbers whose "SIREN" is ``000`` and six
digits: a valid VAT number, but no SIREN (:func:`siren` says so).

French numbers are checked by clientbook's own code (the hot path); other countries' by
python-stdnum (``stdnum.eu.vat``, ``stdnum.gb.vat``, ``stdnum.ch.vat``, ``stdnum.no.mva``).
clientbook refuses a French number whose SIREN is ``000 000 000``; python-stdnum accepts it.

Source: Code général des impôts, art. 286 ter and 242 nonies A of annex II; python-stdnum.

>>> from clientbook.identifiers import vat
>>> vat.validate('fr 83 404 833 048')
'FR83404833048'
>>> vat.format('FR83404833048')
'FR 83 404 833 048'
>>> vat.from_siren('404 833 048')
'FR83404833048'
>>> vat.siren('FR83404833048')
'404833048'
>>> vat.validate('GR 094 259 216')
'EL094259216'
>>> vat.is_valid('DE136695976')
True
>>> vat.validate('FR84404833048')
Traceback (most recent call last):
    ...
clientbook.identifiers.InvalidChecksum: Les chiffres de contrôle ne correspondent pas...
>>> vat.validate('EU372000041')
Traceback (most recent call last):
    ...
clientbook.identifiers.InvalidComponent: Les numéros EU et IM sont des immatriculations...
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from clientbook._base.i18n import N_
from clientbook.identifiers import siren as _siren
from clientbook.identifiers._errors import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidIdentifier,
    InvalidLength,
)
from clientbook.identifiers._text import SPACES, delete_chars, is_ascii_digits, luhn_ok, text_of

if TYPE_CHECKING:
    from types import ModuleType

__all__ = ["compact", "format", "from_siren", "is_valid", "siren", "validate"]

#: Country prefixes of the EU member states' VAT numbers (Greece as EL) and Northern Ireland.
EU_PREFIXES = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "EL",
        "ES",
        "FI",
        "FR",
        "HR",
        "HU",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
        "XI",
    ]
)
#: Prefixes accepted for clients outside the EU.
NON_EU_PREFIXES = frozenset(("GB", "CH", "NO"))
_ONE_STOP_SHOP = frozenset(("EU", "IM"))

_SEPARATORS = delete_chars(SPACES + ".-\u2010\u2011\u2012\u2013\u2014\u2015\u2212")
# Characters of the French key: digits and capital letters but I and O.
_KEY_ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"
_KEY_VALUE = {char: index for index, char in enumerate(_KEY_ALPHABET)}
_ZERO_SIREN = "000000000"


class _Fault(NamedTuple):
    error: type[InvalidIdentifier]
    message: str | None = None


_FR_FORMAT = _Fault(
    InvalidFormat,
    N_(
        "A French VAT number is FR, a 2-character key (digits, or letters other than I and O) "
        "and the 9-digit SIREN."
    ),
)
_FR_LENGTH = _Fault(
    InvalidLength,
    N_("A French VAT number has 13 characters: FR, a 2-character key and the 9-digit SIREN."),
)
_FR_SIREN = _Fault(
    InvalidComponent, N_("The last 9 digits of this French VAT number are not a valid SIREN.")
)
_FR_CHECKSUM = _Fault(InvalidChecksum)


def compact(number: str) -> str:
    """Return *number* in capitals, without separators, ``GR`` made ``EL``; does not validate.

    >>> compact('fr 83-404.833.048')
    'FR83404833048'
    >>> compact('GR094259216')
    'EL094259216'
    """
    text = text_of(number, "VAT number")
    if not text.isalnum():  # letters and digits only: nothing to remove
        text = text.translate(_SEPARATORS).strip()
    text = text.upper()
    if text.startswith("GR"):
        return "EL" + text[2:]
    return text


def _french_key(siren_digits: str) -> int:
    return (12 + 3 * (int(siren_digits) % 97)) % 97


def _french_fault(number: str) -> _Fault | None:
    """Check a compact number starting with ``FR``; return what is wrong, or ``None``."""
    key, digits = number[2:4], number[4:]
    if len(key) < 2 or key[0] not in _KEY_VALUE or key[1] not in _KEY_VALUE:
        return _FR_FORMAT
    if not is_ascii_digits(digits):
        return _FR_FORMAT
    if len(digits) != 9:
        return _FR_LENGTH
    if digits == _ZERO_SIREN or (not digits.startswith("000") and not luhn_ok(digits)):
        return _FR_SIREN  # "000" and 6 digits: a Monaco company, which has no SIREN
    if key.isdigit():
        return None if int(key) == _french_key(digits) else _FR_CHECKSUM
    first, second = _KEY_VALUE[key[0]], _KEY_VALUE[key[1]]
    check = first * 24 + second - 10 if key[0].isdigit() else first * 34 + second - 100
    return None if (int(digits) + 1 + check // 11) % 11 == check % 11 else _FR_CHECKSUM


def _stdnum_module(prefix: str) -> ModuleType:
    # Imported on first use: most callers only ever check French numbers.
    if prefix == "GB":
        from stdnum.gb import vat as gb_vat

        return gb_vat
    if prefix == "CH":
        from stdnum.ch import vat as ch_vat

        return ch_vat
    if prefix == "NO":
        from stdnum.no import mva

        return mva
    from stdnum.eu import vat as eu_vat

    return eu_vat


_STDNUM_MESSAGES = {
    "InvalidLength": (
        InvalidLength,
        N_("This {country} VAT number does not have the right number of characters."),
    ),
    "InvalidChecksum": (
        InvalidChecksum,
        N_(
            "The check digits of this {country} VAT number do not match: "
            "a character is probably mistyped."
        ),
    ),
    "InvalidComponent": (
        InvalidComponent,
        N_("A part of this {country} VAT number is not valid."),
    ),
}
_STDNUM_FORMAT = (
    InvalidFormat,
    N_("This {country} VAT number contains characters it cannot contain."),
)


def _validate_foreign(number: str, prefix: str) -> str:
    from stdnum.exceptions import ValidationError

    try:
        checked = str(_stdnum_module(prefix).validate(number))
    except ValidationError as error:
        cls, message = _STDNUM_MESSAGES.get(type(error).__name__, _STDNUM_FORMAT)
        raise cls("vat", message, country=prefix) from None
    return checked if checked.startswith(prefix) else prefix + checked


def validate(number: str) -> str:
    """Return the compact form of a valid VAT number, country prefix included.

    Raises:
        InvalidFormat: no country prefix, or characters the country's numbers cannot contain.
        InvalidLength: too few or too many characters for the country.
        InvalidChecksum: the check digits do not match.
        InvalidComponent: unknown country, one-stop-shop (``EU``/``IM``) number, or a French
            number whose SIREN part is not a valid SIREN.
        TypeError: *number* is not a ``str``.
    """
    if (
        type(number) is str
        and len(number) == 13
        and number.startswith("FR")
        and number.isascii()
        and number.isupper()  # "FR2t404833048" must go through compact(), which capitalises
        and _french_fault(number) is None
    ):
        return number  # the fast path: French, compact and valid, as stored numbers mostly are
    number = compact(number)
    prefix = number[:2]
    if prefix == "FR":
        fault = _french_fault(number)
        if fault is not None:
            raise fault.error("vat", fault.message)
        return number
    if len(prefix) < 2 or not (prefix.isascii() and prefix.isalpha()):
        raise InvalidFormat(
            "vat", N_("A VAT number starts with the two-letter code of its country, such as FR.")
        )
    if prefix in _ONE_STOP_SHOP:
        raise InvalidComponent(
            "vat",
            N_(
                "EU and IM numbers are one-stop-shop (OSS) registrations of sellers, "
                "not a client's VAT number."
            ),
        )
    if prefix == "MC":
        raise InvalidComponent(
            "vat",
            N_(
                "There is no MC prefix: companies of Monaco carry French VAT numbers, "
                "FR followed by a 2-character key, 000 and 6 digits."
            ),
        )
    if prefix not in EU_PREFIXES and prefix not in NON_EU_PREFIXES:
        raise InvalidComponent(
            "vat",
            N_(
                "{country} is not a country whose VAT numbers are accepted: the EU member "
                "states, XI (Northern Ireland), GB, CH and NO."
            ),
            country=prefix,
        )
    return _validate_foreign(number, prefix)


def is_valid(number: str) -> bool:
    """Return whether *number* is a valid VAT number; never raises for a ``str``."""
    if (
        type(number) is str
        and len(number) == 13
        and number.startswith("FR")
        and number.isascii()
        and number.isupper()  # "FR2t404833048" must go through compact(), which capitalises
    ):
        return _french_fault(number) is None  # the fast path: French and already compact
    try:
        validate(number)
    except InvalidIdentifier:
        return False
    return True


def format(number: str) -> str:  # noqa: A001 - the python-stdnum interface
    """Return a valid VAT number for display: French ones grouped, others compact.

    >>> format('FR83404833048')
    'FR 83 404 833 048'
    >>> format('de 136 695 976')
    'DE136695976'

    Raises:
        InvalidIdentifier: the number is not valid (see :func:`validate`).
    """
    number = validate(number)
    if number.startswith("FR"):
        return f"FR {number[2:4]} {number[4:7]} {number[7:10]} {number[10:]}"
    return number


def from_siren(number: str) -> str:
    """Return the French VAT number of the company with SIREN *number* (numeric key).

    Raises:
        InvalidIdentifier: *number* is not a valid SIREN (the error's code starts ``siren.``).
    """
    digits = _siren.validate(number)
    return f"FR{_french_key(digits):02d}{digits}"


def siren(number: str) -> str:
    """Return the SIREN inside a valid French VAT number.

    >>> siren('FR 83 404 833 048')
    '404833048'

    Raises:
        InvalidIdentifier: *number* is not a valid VAT number.
        InvalidComponent: it is not French, or it is a Monaco company's (Monaco has no SIREN).
    """
    number = validate(number)
    if not number.startswith("FR"):
        raise InvalidComponent("vat", N_("Only a French VAT number (FR) contains a SIREN."))
    if number[4:7] == "000":
        raise InvalidComponent(
            "vat",
            N_(
                "This VAT number belongs to a company of Monaco: companies of Monaco have no SIREN."
            ),
        )
    return number[4:]
