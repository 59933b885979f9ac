"""The client record (« fiche client »): a company or an individual."""

from __future__ import annotations

import datetime
import enum

import attrs

from clientbook._records.address import Address, DeliveryAddress
from clientbook._records.contact import Civility, Contact
from clientbook.identifiers import siret as _siret

__all__ = ["Client", "ClientKind", "Role"]


class ClientKind(enum.Enum):
    """« Société ou particulier »: the two kinds of client (``jb-manager_creer-contact``)."""

    COMPANY = "company"
    INDIVIDUAL = "individual"


class Role(enum.Enum):
    """What the business does with this record: client, prospect or supplier.

    A prospect becomes a client at its first sale; supplier combines with either
    (``jb-manager_creer-contact``: « client, prospect ou fournisseur »).
    """

    CLIENT = "client"
    PROSPECT = "prospect"
    SUPPLIER = "supplier"


def _siren_of(client: Client) -> str:
    """The SIREN a SIRET carries, when only the SIRET is given and it is valid."""
    return _siret.siren(client.siret) if _siret.is_valid(client.siret) else ""


@attrs.frozen(kw_only=True)
class Client:
    """A client record: a company or an individual, with its addresses and contacts.

    Every field but ``id`` and ``kind`` has a default, so a host can build a record from
    partial data; change it with :func:`attrs.evolve` (a ``siren`` derived at construction is
    passed on as it is, so evolve ``siren`` together with ``siret``).

    Source: ``lab-event_remplir-page-client`` (the company page) and
    ``jb-manager_creer-contact`` (company or individual, roles, contacts, delivery addresses).

    Attributes:
        id: the host's identifier, opaque to clientbook.
        kind: company or individual.
        roles: client, prospect, supplier (a prospect is not yet a client).
        name: « Raison sociale » of a company.
        civility, first_name, last_name: an individual's name.
        website: « Site web ».
        company_type, language, source: values from lists the host configures.
        address: the main address; ``None`` when not entered yet.
        billing_address: ``None`` means the main address is the billing address (the page's
            « Utiliser cette adresse comme adresse de facturation », on by default).
        delivery_addresses: the client's delivery addresses (see :func:`delivery_addresses`).
        parent_id: the ``id`` of the parent company (« Société mère »).
        vat_number, siret, siren, ape_code: identifiers, as entered; ``siren`` is derived from
            a valid ``siret`` when not given.
        accounting_account: « Compte comptable » (411…).
        active: ``False`` for an archived client (« Inactif »): hidden from choices and
            searches, never deleted, can be reactivated.
        contacts: the contact persons; one of them primary.
        owner: the user who owns the commercial relationship.
        created_at: when the record was created (timezone-aware preferred).
        version: the stored version this copy was read at, ``0`` for a record never stored;
            a repository refuses an update from a stale copy (:class:`StaleClient`).

    >>> Client(id="c1", kind=ClientKind.COMPANY, siret="12345678200010").siren
    '123456782'
    """

    id: str
    kind: ClientKind
    roles: frozenset[Role] = frozenset({Role.CLIENT})
    name: str = ""
    civility: Civility | None = None
    first_name: str = ""
    last_name: str = ""
    website: str = ""
    company_type: str = ""
    language: str = ""
    source: str = ""
    address: Address | None = None
    billing_address: Address | None = None
    delivery_addresses: tuple[DeliveryAddress, ...] = ()
    parent_id: str | None = None
    vat_number: str = ""
    siret: str = ""
    siren: str = attrs.field(default=attrs.Factory(_siren_of, takes_self=True))
    ape_code: str = ""
    accounting_account: str = ""
    active: bool = True
    contacts: tuple[Contact, ...] = ()
    owner: str | None = None
    created_at: datetime.datetime | None = None
    version: int = 0

    @property
    def display_name(self) -> str:
        """Return the name people see, a company's name or an individual's first and last name."""
        if self.kind is ClientKind.COMPANY:
            return self.name.strip()
        return " ".join(p for p in (self.first_name.strip(), self.last_name.strip()) if p)
