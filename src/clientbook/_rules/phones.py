"""Telephone numbers: read in the address's territory, stored in E.164 (``+33612345678``).

A number typed without its country code (``06 12 34 56 78``) is read as a number of the
territory the client's address is in (:func:`~clientbook._rules.postal.territory`): Guadeloupe, La
Réunion, Martinique... are their own regions, so ``0590 27 12 34`` is a Guadeloupe number,
which read as a mainland number would be invalid. A number typed with its code (``+590``,
``0033``) is read as it is. ``09`` numbers are VoIP lines, valid numbers.

The overseas departments share the French numbering plan: from Paris one dials
``0590 27 12 34`` to reach Pointe-à-Pitre, and ``06 12 34 56 78`` from Pointe-à-Pitre reaches
a mainland mobile. So a 10-digit national number that is not valid in the address's territory
but is valid in another territory of the plan (mainland, Guadeloupe with Saint-Barthélemy and
Saint-Martin, Martinique, Guyane, La Réunion with Mayotte) is accepted as that territory's.
Wrongly refusing a valid number is worse than accepting a doubtful one.

phonenumbers is the authority on every number: whether it is valid, what type it is, its E.164
form. clientbook only spares it one piece of work, written down here because the project
prefers a well-kept library unless a measured need says otherwise. The need:
``validate_client`` must check at least 10,000 records/s on one core (``docs/performance.md``),
and ``phonenumbers.parse`` takes 15 to 20 µs a number, two or three times a record (a
record's direct and mobile numbers, and a mainland mobile of an overseas client read in both
territories): about 40 µs of the 100 µs a record may take. Nearly every number in a client
file is typed in the plain national form of the French plan: ``0``, a digit other than ``0``,
eight more digits, at most one space, dot or hyphen between two digits (``06 12 34 56 78``,
``0590.27.12.34``, ``0612345678``). For such a number read in a territory of the plan, whose
national prefix is ``0`` and whose numbers all have 9 significant digits, ``parse`` gives the
territory's country code and the 9 digits after the ``0``, nothing else:
:func:`_plain_national` builds that ``PhoneNumber`` directly (about 1.5 µs, a third of it
phonenumbers' own ``PhoneNumber`` constructor), and phonenumbers still says whether it is
valid. A Hypothesis property (``tests/properties/test_phone_plain_national.py``) checks that
the number built is equal to ``parse``'s on every such text in every territory of the plan,
and on every first four digits. Any other text goes to ``parse``, and so does a text longer
than the 250 characters ``parse`` accepts.

The same holds for the form clientbook stores, E.164 (``+33478123456``): an import normalises
each record, then validates the normalised record, so every valid number is read a second time
in that form, and ``parse`` takes 20 to 26 µs on it, about 50 µs a record of the 200 µs an
import may take to reach 5,000 clients/s (``docs/performance.md``). For ``+``, a country code of
the territories of the plan (33, 590, 594, 596, 262) and 9 digits, the first not ``0``, in any
region, ``parse`` gives that country code and the 9 digits, nothing else (no national prefix to
strip, no leading zero): :func:`_plain_e164` builds that ``PhoneNumber`` (about 1.5 µs). Spaced
forms (``+33 6 12 34 56 78``), ``0033``, ``+33 (0)6...`` and the codes outside the 10-digit plan
(508 Saint-Pierre-et-Miquelon, 6 digits; 269 is the Comoros) go to ``parse``. A Hypothesis
property (``tests/properties/test_phone_plain_e164.py``) checks that the number built is equal
to ``parse``'s on every such text in any region, and on every first three digits of every code.

phonenumbers' verdicts are remembered too. ``is_valid_number`` and ``number_type`` take 7 to
26 µs a number, and an import asks them of every number twice: normalising (is it valid, to
store its E.164 form?) and validating the normalised record. Both are functions of the fields
their checks read, the country code and the national significant number (``national_number``,
``italian_leading_zero``, ``number_of_leading_zeros``): :func:`_is_valid` and :func:`_type_of`
remember their answers by those fields, for the last few thousand numbers (a batch of an import
is normalised whole before it is validated), and ask phonenumbers otherwise. A Hypothesis
property (``tests/properties/test_phone_memo.py``) checks that the answers remembered are
phonenumbers' on numbers read from every kind of text. Before its first check, clientbook turns
on phonenumbers' own cache of compiled patterns (``enable_pattern_cache``, see
:func:`_keep_patterns`): a third of each check was spent finding its patterns in ``re``'s cache.

phonenumbers is imported on first use, so that ``import clientbook`` stays cheap.

Source: ``domain.md`` (« parse with the address's territory [...] store E.164. 09 numbers are
VoIP »); ARCEP's national numbering plan (the overseas departments joined the 10-digit plan in
1996); Google's libphonenumber (the ``phonenumbers`` package) for the numbers' metadata.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, TypeVar

from clientbook._base.i18n import N_, translate
from clientbook._records.problem import Problem
from clientbook._rules.postal import country_name, is_known_country, territory

if TYPE_CHECKING:
    from phonenumbers import PhoneNumber

    from clientbook._records.address import Address
    from clientbook._records.client import Client

__all__ = [
    "addresses_region",
    "client_region",
    "normalize_phone",
    "phone_problems",
    "region_of",
    "stored_phone",
]

# Regions of the French 10-digit numbering plan, and one region per country calling code of
# the plan to read a number in when it is not valid in the address's own (GP reads +590 numbers
# of BL and MF too, RE reads +262 numbers of YT).
_FRENCH_PLAN = ("FR", "GP", "MQ", "GF", "RE", "YT", "BL", "MF")
_FALLBACKS = ("FR", "GP", "MQ", "GF", "RE")
# A national number of the French plan in its plain form (see the module docstring).
_PLAIN_NATIONAL = re.compile(r"0[1-9](?:[ .-]?[0-9]){8}")
# A number of the French plan in E.164, the form clientbook stores (see the module docstring):
# group 1 the country code, group 2 the 9 significant digits.
_PLAIN_E164 = re.compile(r"\+(33|590|594|596|262)([1-9][0-9]{8})")
_MAX_PARSED = 250  # phonenumbers.parse refuses longer texts (_MAX_INPUT_STRING_LENGTH)

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
    return addresses_region(main_territory, client.billing_address)


def addresses_region(main_territory: str | None, billing_address: Address | None) -> str:
    """Return :func:`client_region` of a client with these addresses.

    *main_territory* is the territory of the main address, ``None`` when there is none:
    :func:`~clientbook.normalize_client` reads the region of the addresses it has just
    normalised, before it builds the record.
    """
    if main_territory is not None:
        region = main_territory
    elif billing_address is not None:
        region = territory(billing_address)
    else:
        return "FR"
    return region if is_known_country(region) else "FR"


def _plain_national(text: str, region: str) -> PhoneNumber | None:
    """Return what ``phonenumbers.parse(text, region)`` returns, for a plain national number.

    ``None`` when *text*, surrounding spaces aside, is not a plain national number of the
    French plan (see the module docstring) or *region* not a territory of the plan: then only
    ``parse`` may read it.
    """
    if region not in _FRENCH_PLAN or len(text) > _MAX_PARSED:
        return None
    typed = text.strip()
    if _PLAIN_NATIONAL.fullmatch(typed) is None:
        return None
    import phonenumbers

    digits = typed.replace(" ", "").replace(".", "").replace("-", "")
    return phonenumbers.PhoneNumber(
        country_code=_country_code(region), national_number=int(digits[1:])
    )


def _plain_e164(text: str) -> PhoneNumber | None:
    """Return what ``phonenumbers.parse(text, region)`` returns, for a plain E.164 number.

    Any *region*: a number typed with its country code is read the same everywhere. ``None``
    when *text*, surrounding spaces aside, is not ``+``, a country code of the French plan
    (33, 590, 594, 596, 262) and 9 digits, the first not ``0`` (see the module docstring):
    then only ``parse`` may read it.
    """
    if len(text) > _MAX_PARSED:
        return None
    match = _PLAIN_E164.fullmatch(text.strip())
    if match is None:
        return None
    import phonenumbers

    return phonenumbers.PhoneNumber(country_code=int(match[1]), national_number=int(match[2]))


@functools.cache
def _country_code(region: str) -> int:
    """Return the country calling code of *region*, asked of phonenumbers once."""
    import phonenumbers

    return phonenumbers.country_code_for_region(region)


# phonenumbers' verdicts by the fields they depend on (see the module docstring); emptied when
# full, so that a long-running process keeps at most _REMEMBERED of each.
_Key = tuple[int | None, int | None, bool, int | None]
_REMEMBERED = 8192
_validity: dict[_Key, bool] = {}
_types: dict[_Key, int] = {}
_V = TypeVar("_V", bool, int)


@functools.cache
def _keep_patterns() -> None:
    """Have phonenumbers keep the patterns of its metadata compiled, once, before its checks.

    ``is_valid_number`` and ``number_type`` match a number against ten or so patterns of its
    territory's metadata, and phonenumbers passes each pattern to ``re.compile`` every time:
    ``re``'s own cache finds it, at about 0.2 µs a lookup, a third of the check.
    ``phonenumbers.enable_pattern_cache()`` (documented in its README, for programs that check
    many numbers) keeps them in a dictionary of its own instead: the same compiled patterns,
    the same verdicts, a third faster. It is a setting of the process, left on (the patterns
    of the metadata are a bounded set); a phonenumbers release without it is used as it is.
    """
    import phonenumbers

    enable = getattr(phonenumbers, "enable_pattern_cache", None)
    if enable is not None:
        enable()


def _key(number: PhoneNumber) -> _Key:
    return (
        number.country_code,
        number.national_number,
        bool(number.italian_leading_zero),
        number.number_of_leading_zeros,
    )


def _verdict(remembered: dict[_Key, _V], ask: str, number: PhoneNumber) -> _V:
    """Phonenumbers' *ask* (the name of its function) of *number*, remembered in *remembered*."""
    key = _key(number)
    verdict = remembered.get(key)
    if verdict is None:
        import phonenumbers

        _keep_patterns()
        verdict = getattr(phonenumbers, ask)(number)
        if len(remembered) >= _REMEMBERED:
            remembered.clear()
        remembered[key] = verdict
    return verdict


def _is_valid(number: PhoneNumber) -> bool:
    """``phonenumbers.is_valid_number(number)``, remembered."""
    return _verdict(_validity, "is_valid_number", number)


def _type_of(number: PhoneNumber) -> int:
    """``phonenumbers.number_type(number)``, remembered."""
    return _verdict(_types, "number_type", number)


def forget_verdicts() -> None:
    """Forget phonenumbers' remembered verdicts (for tests that count its calls)."""
    _validity.clear()
    _types.clear()


def _read(text: str, region: str) -> PhoneNumber | None:
    """Read *text* in *region*, then in the other territories of the French plan.

    Returns the first reading phonenumbers says is a valid number, read once per territory
    tried; ``None`` when there is none.
    """
    region = region.strip().upper()
    number = _reading(text, region)
    if number is not None and _is_valid(number):
        return number
    typed = text.strip()
    if region in _FRENCH_PLAN and typed[:1] == "0" and typed[:2] != "00":
        for other in _FALLBACKS:
            if other != region:
                number = _reading(typed, other)
                if number is not None and _is_valid(number):
                    return number
    return None


def _reading(text: str, region: str) -> PhoneNumber | None:
    """What ``phonenumbers.parse(text, region)`` returns; ``None`` when it refuses the text."""
    number = _plain_national(text, region)
    if number is None:
        number = _plain_e164(text)
    if number is not None:
        return number
    import phonenumbers

    try:
        return phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
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


@functools.cache
def _mobile_types() -> frozenset[int]:
    """The number types a mobile field may hold, or that phonenumbers cannot tell apart."""
    import phonenumbers

    return frozenset(
        (
            phonenumbers.PhoneNumberType.MOBILE,
            phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
            phonenumbers.PhoneNumberType.PERSONAL_NUMBER,
            phonenumbers.PhoneNumberType.PAGER,
            phonenumbers.PhoneNumberType.UNKNOWN,
        )
    )


def _not_mobile(number: PhoneNumber) -> bool:
    return _type_of(number) not in _mobile_types()


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
