"""Which address a client's invoices and goods go to, and where the client is on a map.

Sources: ``lab-event_remplir-page-client`` (« Utiliser cette adresse comme adresse de
facturation »), ``jb-manager_creer-contact`` (« L'adresse de facturation est ajoutée comme adresse
de livraison par défaut », « Les factures seront toujours émises aux coordonnées principales de
la société ») and ``lokisi_clients`` (« Localiser un client sur Google Maps »).

Addresses are compared as people read them: case and repeated spaces do not make two addresses
different (``12 rue des Lilas`` and ``12  RUE DES LILAS`` are the same place).
"""

from __future__ import annotations

import functools
import re
from urllib.parse import quote

import attrs

from clientbook._base.errors import ClientbookError
from clientbook._base.i18n import N_, normalize_locale, translate
from clientbook._records.address import Address
from clientbook._records.client import Client, ClientKind
from clientbook._rules import sirens
from clientbook.identifiers import vat as _vat

__all__ = [
    "InvoiceRecipient",
    "UnknownDeliveryAddress",
    "billing_address",
    "default_delivery_address",
    "delivery_addresses",
    "invoice_recipient",
    "maps_url",
]

_PlaceKey = tuple[str, ...]


def _place(address: Address) -> _PlaceKey:
    """Return what makes two addresses the same place: their parts, case and spacing ignored."""
    parts = (address.line1, address.line2, address.postal_code, address.city, address.country)
    return tuple(" ".join(part.split()).casefold() for part in parts)


def _one_line(address: Address) -> str:
    """Return *address* on one line, for a message: ``12 rue des Lilas, 69003 Lyon``."""
    city = " ".join(p for p in (address.postal_code.strip(), address.city.strip()) if p)
    return ", ".join(p for p in (address.line1.strip(), address.line2.strip(), city) if p)


class UnknownDeliveryAddress(ClientbookError):
    """The address chosen for delivery is not one the client's delivery addresses offer.

    Attributes:
        address: the address that was chosen.
        archived: ``True`` when it is one of the client's delivery addresses, but archived.
    """

    __module__ = "clientbook"

    def __init__(self, address: Address, archived: bool = False) -> None:
        self.address = address
        self.archived = archived
        super().__init__(self.message("fr"))

    def message(self, locale: str = "fr") -> str:
        """Return the explanation in *locale* (``"fr"`` or ``"en"``)."""
        if self.archived:
            text = N_("The delivery address {address} is archived: it can no longer be chosen.")
        else:
            text = N_("The address {address} is not one of this client's delivery addresses.")
        return translate(text, locale, address=_one_line(self.address) or "—")

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_unknown_delivery_address, (self.address, self.archived))


def _rebuild_unknown_delivery_address(address: Address, archived: bool) -> UnknownDeliveryAddress:
    # Unpickling goes through this function, found in this module whether or not the class is
    # exported from the top-level package its __module__ names.
    return UnknownDeliveryAddress(address, archived)


def billing_address(client: Client) -> Address | None:
    """Return the address the client's invoices go to.

    The main address is the billing address unless a separate one is given.

    Source: ``lab-event_remplir-page-client``: « Utiliser cette adresse comme adresse de
    facturation : vous pouvez utiliser la même adresse comme adresse de facturation ou désactiver
    le bouton pour créer une adresse de facturation » (on by default).

    Args:
        client: the record.

    Returns:
        :attr:`Client.billing_address` if given, else :attr:`Client.address` (``None`` when
        neither is entered).
    """
    return client.address if client.billing_address is None else client.billing_address


def _archived_places(client: Client) -> set[_PlaceKey]:
    """Return the places only archived delivery addresses lead to."""
    archived = {_place(d.address) for d in client.delivery_addresses if d.archived}
    return archived - {_place(d.address) for d in client.delivery_addresses if not d.archived}


def delivery_addresses(client: Client) -> list[Address]:
    """Return the addresses a sales document offers for delivery, the default one first.

    The billing address comes first: it is the default delivery address. Then come the client's
    other delivery addresses in their order, each place once. Archived ones are not offered:
    archiving the delivery address that is the billing address withdraws it too.

    Source: ``jb-manager_creer-contact``: « L'adresse de facturation est ajoutée comme adresse de
    livraison par défaut lors la création de la fiche contact. Les adresses de livraison sont
    sélectionnables dans les documents des ventes. »

    Args:
        client: the record.

    Returns:
        The addresses, possibly none.
    """
    archived = _archived_places(client)
    offered: dict[_PlaceKey, Address] = {}
    billing = billing_address(client)
    if billing is not None and _place(billing) not in archived:
        offered[_place(billing)] = billing
    for delivery in client.delivery_addresses:
        if not delivery.archived:
            offered.setdefault(_place(delivery.address), delivery.address)
    return list(offered.values())


def default_delivery_address(client: Client, chosen: Address | None = None) -> Address | None:
    """Return the address goods go to, decided the same way every time.

    In this order: the address *chosen* by the user; the delivery address flagged as the
    default (the first one if several are flagged); the only address offered; the billing
    address. An archived address is never the default. When none of these applies (several
    delivery addresses, none flagged, no billing address) there is no default: the user must
    choose, the rule never picks one arbitrarily.

    Source: ``jb-manager_creer-contact``: « L'adresse de facturation est ajoutée comme adresse de
    livraison par défaut »; the lesson of the systems users compare us with: explicit choice,
    flagged default, only candidate, main address.

    Args:
        client: the record.
        chosen: the address the user picked in the sales document, if any; it must be one of
            :func:`delivery_addresses` (compared as people read addresses).

    Returns:
        One of :func:`delivery_addresses`; ``None`` when there is no default.

    Raises:
        UnknownDeliveryAddress: *chosen* is not one of the client's delivery addresses, or it
            is archived.
    """
    offered = delivery_addresses(client)
    by_place = {_place(address): address for address in offered}
    if chosen is not None:
        try:
            return by_place[_place(chosen)]
        except KeyError:
            raise UnknownDeliveryAddress(
                chosen, archived=_place(chosen) in _archived_places(client)
            ) from None
    for delivery in client.delivery_addresses:
        if delivery.default and not delivery.archived:
            return by_place[_place(delivery.address)]
    if len(offered) == 1:
        return offered[0]
    billing = billing_address(client)
    if billing is not None and _place(billing) in by_place:
        return by_place[_place(billing)]
    return None


@attrs.frozen(kw_only=True)
class InvoiceRecipient:
    """Whom an invoice is addressed to: the client's main coordinates.

    Attributes:
        name: a company's name (« raison sociale »), or an individual's civility, first and
            last name (``Mme Claire Dubois``).
        address: the billing address; ``None`` when the record has no address yet.
        vat_number: a company's VAT number (compact when valid, as entered otherwise); empty
            for an individual.
        siren: a company's SIREN (given, or taken from its SIRET or French VAT number; as
            entered when not valid); empty for an individual.
    """

    name: str
    address: Address | None
    vat_number: str = ""
    siren: str = ""


def _clean(text: str) -> str:
    return " ".join(text.split())


def _company_siren(client: Client) -> str:
    """The SIREN the record can be said to have (:mod:`clientbook._rules.sirens`), else as typed."""
    found = sirens.from_typed(siren=client.siren, siret=client.siret, vat_number=client.vat_number)
    return _clean(client.siren) if found.known is None else found.known


def invoice_recipient(client: Client) -> InvoiceRecipient:
    """Return whom the client's invoices are addressed to.

    A company's invoices go to the company's main coordinates, never to one of its contacts;
    an individual's to the person, with their civility.

    Source: ``jb-manager_creer-contact``: « Les factures seront toujours émises aux coordonnées
    principales de la société. »

    Args:
        client: the record.

    Returns:
        The recipient's name, billing address and, for a company, its VAT number and SIREN
        (the e-invoicing reform makes the customer's SIREN a mandatory mention). Whether these
        are valid is ``validate_client``'s business: they are passed on as entered.
    """
    if client.kind is ClientKind.COMPANY:
        number = client.vat_number
        return InvoiceRecipient(
            name=_clean(client.name),
            address=billing_address(client),
            vat_number=_vat.compact(number) if _vat.is_valid(number) else _clean(number),
            siren=_company_siren(client),
        )
    civility = client.civility.value if client.civility is not None else ""
    name = " ".join(p for p in (civility, _clean(client.first_name), _clean(client.last_name)) if p)
    return InvoiceRecipient(name=name, address=billing_address(client))


@functools.cache
def _country_names(language: str) -> dict[str, str]:
    from babel import Locale  # imported on first use: import clientbook stays cheap

    return dict(Locale.parse(language).territories)


_MAPS_SEARCH = "https://www.google.com/maps/search/?api=1&query="
# « 75700 PARIS CEDEX 07 »: CEDEX routes mail, it names no place on a map.
_CEDEX = re.compile(r"\s+cedex(\s+\d+)?\s*$", re.IGNORECASE)


def maps_url(client: Client, *, locale: str = "fr") -> str | None:
    """Return a link that shows the client's main address on Google Maps.

    The search text is the street line (or the second line when there is no street), the
    postal code and city (without ``CEDEX``, which names no place) and the country's name;
    every part is URL-encoded.

    Source: ``lokisi_clients``: « La localisation du client dans Google Maps est possible
    uniquement si vous avez renseigné l'adresse postale du client » (see
    :meth:`Address.is_filled`).

    Args:
        client: the record.
        locale: the language of the country's name (``"fr"`` or ``"en"``).

    Returns:
        The link, or ``None`` when the postal address is not filled.

    Raises:
        ValueError: *locale* is not a language clientbook speaks.

    >>> from clientbook import Address, Client, ClientKind
    >>> lyon = Address(line1="12 rue des Lilas", postal_code="69003", city="Lyon")
    >>> maps_url(Client(id="c1", kind=ClientKind.COMPANY, address=lyon))
    'https://www.google.com/maps/search/?api=1&query=12%20rue%20des%20Lilas%2C%2069003%20Lyon%2C%20France'
    """
    names = _country_names(normalize_locale(locale))
    address = client.address
    if address is None or not address.is_filled():
        return None
    street = _clean(address.line1) or _clean(address.line2)
    town = _CEDEX.sub("", _clean(address.city))
    city = " ".join(p for p in (_clean(address.postal_code), town) if p)
    code = _clean(address.country).upper()
    parts = (street, city, names.get(code, code))
    query = ", ".join(part for part in parts if part)
    return _MAPS_SEARCH + quote(query, safe="", errors="replace")
