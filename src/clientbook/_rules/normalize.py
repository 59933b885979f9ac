"""Normalising a client record: the same data, in the form programs compare and store.

:func:`normalize_client` changes only what it can change without losing anything: a value it
cannot read (an invalid SIRET, a number that is no phone number) is left exactly as typed, so
that a person can still see and fix it. It never raises for bad data, it is idempotent, and a
normalised record never has more problems than the record it came from.
"""

from __future__ import annotations

import attrs

from clientbook._records.address import Address, DeliveryAddress
from clientbook._records.client import Client, ClientKind
from clientbook._records.contact import Contact
from clientbook._rules.email import normalize_email
from clientbook._rules.phones import addresses_region, stored_phone
from clientbook._rules.postal import clean_country, territory
from clientbook.identifiers import IdentifierModule, InvalidIdentifier, naf, siren, siret, vat

__all__ = ["normalize_client"]


def _compact(value: str, module: IdentifierModule) -> str:
    """The compact form of a valid identifier; anything else as typed.

    One check: ``validate`` raises exactly when ``is_valid`` is false.
    """
    try:
        return module.validate(value)
    except InvalidIdentifier:
        return value


def _address(address: Address) -> Address:
    postal_code = address.postal_code.strip()
    country = clean_country(address.country)
    if postal_code == address.postal_code and country == address.country:
        return address  # already in normal form
    return attrs.evolve(address, postal_code=postal_code, country=country)


def _delivery(delivery: DeliveryAddress) -> DeliveryAddress:
    address = _address(delivery.address)
    return delivery if address is delivery.address else attrs.evolve(delivery, address=address)


def _phone(text: str, region: str) -> str:
    """E.164 for a valid number; as typed when blank, invalid or when it has an extension."""
    if not text.strip():  # no number: nothing for phonenumbers to read
        return text
    return stored_phone(text, region=region) or text


def _contact(contact: Contact, region: str) -> Contact:
    return attrs.evolve(
        contact,
        email=normalize_email(contact.email) or contact.email,
        direct_phone=_phone(contact.direct_phone, region),
        mobile_phone=_phone(contact.mobile_phone, region),
        switchboard_phone=_phone(contact.switchboard_phone, region),
    )


def normalize_client(client: Client) -> Client:
    """Return the record with its values in normal form; what cannot be read stays as typed.

    - SIREN, SIRET, VAT number and APE code in compact form (``12345678200010``,
      ``FR11123456782``, ``6201Z``) when valid; a company's SIREN is read from its valid
      SIRET when it is blank.
    - Phone numbers in E.164 (``+33612345678``), read in the territory of the client's address,
      when valid (a number with an extension is left as typed: E.164 has no extension).
    - E-mail addresses in email-validator's normalised form (the domain in lower case).
    - Country codes stripped and in capitals (``fr`` → ``FR``), postal codes stripped.

    Never raises for bad data; ``normalize_client(normalize_client(c)) ==
    normalize_client(c)``, and the result has no more problems than *client* under
    :func:`validate_client`.

    Args:
        client: the record, as entered or imported.

    Returns:
        A new record (the model is immutable).

    >>> from clientbook import Client, ClientKind
    >>> client = normalize_client(Client(id="c1", kind=ClientKind.COMPANY,
    ...                                  siret="123 456 782 00010", vat_number="fr 11 123456782"))
    >>> client.siret, client.siren, client.vat_number
    ('12345678200010', '123456782', 'FR11123456782')
    """
    address = None if client.address is None else _address(client.address)
    billing = None if client.billing_address is None else _address(client.billing_address)
    deliveries = tuple(_delivery(delivery) for delivery in client.delivery_addresses)
    siret_number = _compact(client.siret, siret)
    siren_number = _compact(client.siren, siren)
    if (
        client.kind is ClientKind.COMPANY
        and not siren_number.strip()
        and siret.is_valid(siret_number)
    ):
        siren_number = siret.siren(siret_number)
    # The phones are read in the territory of the normalised addresses (client_region).
    region = addresses_region(None if address is None else territory(address), billing)
    return attrs.evolve(
        client,
        address=address,
        billing_address=billing,
        delivery_addresses=deliveries,
        vat_number=_compact(client.vat_number, vat),
        siret=siret_number,
        siren=siren_number,
        ape_code=_compact(client.ape_code, naf),
        contacts=tuple(_contact(contact, region) for contact in client.contacts),
    )
