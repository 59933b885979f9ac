"""Telephone numbers: read in the address's territory, stored in E.164 (``+33612345678``).

A number typed without its country code (``06 12 34 56 78``) is read as a number of the
territory the client's address is in (:func:`~clientbook._postal.territory`): Guadeloupe, La
Réunion, Martinique... are their own regions, so ``0590 27 12 34`` is a Guadeloupe number,
which read as a mainland number would be invalid. A number typed with its code (``+590``,
``0033``) is read as it is. ``09`` numbers are VoIP lines, valid numbers.

The overseas departments share the French numbering plan: from Paris one dials
``0590 27 12 34`` to reach Pointe-à-Pitre, and ``06 12 34 56 78`` from Pointe-à-Pitre reaches
a mainland mobile. So a 10-digit national number that is not valid in the address's territory
but is valid in another territory of the plan (mainland, Guadeloupe with Saint-Barthélemy and
Saint-Martin, Martinique, Guyane, La Réunion with Mayotte) is accepted as that territory's.
Wrongly refusing a valid number is worse than accepting a doubtful one.

phonenumbers is imported on first use, so that ``import clientbook`` stays cheap.

Source: ``domain.md`` (« parse with the address's territory [...] store E.164. 09 numbers are
VoIP »); ARCEP's national numbering plan (the overseas departments joined the 10-digit plan in
1996); Google's libphonenumber (the ``phonenumbers`` package) for the numbers' metadata.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._i18n import N_, translate
from ._postal import country_name, is_known_country, territory
from ._problem import Problem

if TYPE_CHECKING:
    from phonenumbers import PhoneNumber

    from ._client import Client

__all__ = ["client_region", "normalize_phone", "phone_problems", "region_of", "stored_phone"]

# Regions of the French 10-digit numbering plan, and one region per country calling code of
# the plan to read a number in when it is not valid in the address's own (GP reads +590 numbers
# of BL and MF too, RE reads +262 numbers of YT).
_FRENCH_PLAN = ("FR", "GP", "MQ", "GF", "RE", "YT", "BL", "MF")
_FALLBACKS = ("FR", "GP", "MQ", "GF", "RE")

_INVALID = N_("This phone number is not valid: check its digits and its country code.")
_INVALID_IN_TERRITORY = N_(
    "This phone number is not valid in the territory of the address ({territory}). "
    "For a number in another country, type it with its country code (+32, +41...)."
)
_NOT_MOBILE = N_(
    "This is not a mobile number: it belongs in the direct phone or the switchboard field."
)


def client_region(client: Client) -> str:
    """Return the region to read a client's phone numbers in: its address's territory.

    The main address's territory, else the billing address's; France when the client has no
    address, or when its country is no known country code (that is reported on the address).

    >>> from clientbook import Address, Client, ClientKind
    >>> client_region(Client(id="c1", kind=ClientKind.COMPANY,
    ...                      address=Address(postal_code="97110", city="Pointe-à-Pitre")))
    'GP'
    """
    return region_of(
        client, main_territory=None if client.address is None else territory(client.address)
    )


def region_of(client: Client, *, main_territory: str | None) -> str:
    """Return :func:`client_region` when the main address's territory is known already.

    *main_territory* is ``territory(client.address)``, ``None`` when the client has no main
    address: :func:`~clientbook.validate_client` computes it once for all its rules.
    """
    if main_territory is not None:
        region = main_territory
    elif client.billing_address is not None:
        region = territory(client.billing_address)
    else:
        return "FR"
    return region if is_known_country(region) else "FR"


def _read(text: str, region: str) -> PhoneNumber | None:
    """Read *text* in *region*, then in the other territories of the French plan.

    Returns the first reading phonenumbers says is a valid number, parsed once per territory
    tried; ``None`` when there is none.
    """
    import phonenumbers

    region = region.strip().upper()
    typed = text.strip()
    readings = [(text, region)]
    if region in _FRENCH_PLAN and typed[:1] == "0" and typed[:2] != "00":
        readings += [(typed, other) for other in _FALLBACKS if other != region]
    for digits, where in readings:
        try:
            number = phonenumbers.parse(digits, where)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return number
    return None


def normalize_phone(text: str, *, region: str) -> str | None:
    """Return *text* in E.164 form when it is a valid number, read in *region*; else ``None``.

    An extension (``x12``) is not part of E.164 and is left out of the result. Never raises
    for any text.

    Args:
        text: the number as typed: ``"06 12 34 56 78"``, ``"+590 590 27 12 34"``.
        region: where a number without country code is read: the territory of the client's
            address (see :func:`territory`), such as ``"FR"`` or ``"GP"``.

    Returns:
        ``"+33612345678"``, or ``None`` when *text* is not a valid number there.

    >>> normalize_phone('06 12 34 56 78', region='FR')
    '+33612345678'
    >>> normalize_phone('0590 27 12 34', region='GP')
    '+590590271234'
    >>> normalize_phone('06 12 34', region='FR') is None
    True
    """
    import phonenumbers

    number = _read(text, region)
    if number is None:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def stored_phone(text: str, *, region: str) -> str | None:
    """Return the E.164 form to store *text* as, or ``None`` to keep it as typed.

    ``None`` for a number that is not valid, and for a valid number typed with an extension
    (« poste »), which E.164 cannot hold: normalising must lose nothing.
    """
    import phonenumbers

    number = _read(text, region)
    if number is None or number.extension:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _not_mobile(number: PhoneNumber) -> bool:
    import phonenumbers

    kind = phonenumbers.number_type(number)
    return kind not in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
        phonenumbers.PhoneNumberType.PERSONAL_NUMBER,
        phonenumbers.PhoneNumberType.PAGER,
        phonenumbers.PhoneNumberType.UNKNOWN,
    )


def phone_problems(
    text: str, *, region: str, field: str, mobile: bool, locale: str
) -> list[Problem]:
    """Return the problems of one telephone number; never raises for any text.

    Args:
        text: the number as typed; a blank one has no problem (whether it is required is the
            policy's business).
        region: the territory of the client's address (see :func:`territory`).
        field: its path in the record (``"contacts[0].mobile_phone"``).
        mobile: the field is a mobile number (« Portable »).
        locale: the language of the messages (``"fr"`` or ``"en"``).

    Returns:
        ``contact.phone.invalid`` (error) or ``contact.phone.not_mobile`` (warning: a landline
        or VoIP number in the mobile field), or nothing.

    Source: ``lab-event_remplir-page-client`` (« Téléphone Direct », « Portable »,
    « Téléphone standard »); ``domain.md`` (« parse with the address's territory »).
    """
    if not text.strip():
        return []
    number = _read(text, region)
    if number is None:
        international = text.strip().startswith(("+", "00"))
        message = (
            translate(_INVALID, locale)
            if international
            else translate(
                _INVALID_IN_TERRITORY,
                locale,
                territory=country_name(region, locale=locale),
            )
        )
        return [Problem(code="contact.phone.invalid", field=field, message=message)]
    if mobile and _not_mobile(number):
        return [
            Problem(
                code="contact.phone.not_mobile",
                field=field,
                message=translate(_NOT_MOBILE, locale),
                severity="warning",
            )
        ]
    return []
