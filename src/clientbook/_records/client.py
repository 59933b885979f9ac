"""The client record (« fiche client »): a company or an individual."""

from __future__ import annotations

import datetime
import enum
import itertools
from collections.abc import Iterable

import attrs

from clientbook._records.address import Address, DeliveryAddress
from clientbook._records.checks import FieldTypes, items, member, members, refusal
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


#: Every set of roles, to recognise a ready one at once.
_ROLE_SETS = frozenset(
    frozenset(chosen)
    for size in range(len(Role) + 1)
    for chosen in itertools.combinations(Role, size)
)


def _kind(value: ClientKind | str) -> ClientKind:
    """``Client.kind``: a :class:`ClientKind` or the text of its value (``"company"``)."""
    if type(value) is ClientKind:
        return value
    return member(ClientKind, value, "Client", "kind")


def _roles(value: Iterable[Role | str]) -> frozenset[Role]:
    """``Client.roles``: any iterable of :class:`Role` or the texts of their values."""
    if type(value) is frozenset and value in _ROLE_SETS:
        return value
    return members(Role, value, "Client", "roles")


def _civility(value: Civility | str | None) -> Civility | None:
    """``Client.civility``: a :class:`Civility`, the text of its value (``"Mme"``) or ``None``."""
    if value is None or type(value) is Civility:
        return value
    return member(Civility, value, "Client", "civility")


def _delivery_addresses(value: Iterable[DeliveryAddress]) -> tuple[DeliveryAddress, ...]:
    """``Client.delivery_addresses``: any iterable of :class:`DeliveryAddress`, as a tuple."""
    return items(value, DeliveryAddress, "Client", "delivery_addresses")


def _contacts(value: Iterable[Contact]) -> tuple[Contact, ...]:
    """``Client.contacts``: any iterable of :class:`Contact`, as a tuple."""
    return items(value, Contact, "Client", "contacts")


def _siren_of(client: Client) -> str:
    """The SIREN a SIRET carries, when only the SIRET is given and it is valid.

    A SIRET that is not text is left to the record's checks, which name the field.
    """
    number = client.siret
    return _siret.siren(number) if isinstance(number, str) and _siret.is_valid(number) else ""


@attrs.frozen(kw_only=True)
class Client:
    """A client record: a company or an individual, with its addresses and contacts.

    Every field but ``id`` and ``kind`` has a default, so a host can build a record from
    partial data; change it with :func:`attrs.evolve` (a ``siren`` derived at construction is
    passed on as it is, so evolve ``siren`` together with ``siret``).

    The record refuses a value of the wrong type, at construction and at :func:`attrs.evolve`,
    with a :class:`TypeError` naming the field (``Client.id must be text (str); got 1 (int)``):
    a text field takes a ``str``, an optional one ``None`` too, ``active`` a ``bool``,
    ``version`` an ``int`` of 0 or more. ``kind``, ``civility`` and ``roles`` take their
    members or the text of their values (``kind="company"``, ``roles=["client"]``);
    ``contacts`` and ``delivery_addresses`` take any iterable and keep a tuple, so that a
    record is hashable. Bad data of the right type (a SIRET whose key is wrong) is never
    refused here: :func:`validate_client` reports it.

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
    >>> Client(id="c2", kind="individual", roles=["prospect"]).kind
    <ClientKind.INDIVIDUAL: 'individual'>
    >>> Client(id="c3", kind="societe")
    Traceback (most recent call last):
    TypeError: Client.kind must be a ClientKind or the text of its value ('company', \
'individual'); got 'societe' (str)
    """

    id: str
    kind: ClientKind = attrs.field(converter=_kind)
    roles: frozenset[Role] = attrs.field(default=frozenset({Role.CLIENT}), converter=_roles)
    name: str = ""
    civility: Civility | None = attrs.field(default=None, converter=_civility)
    first_name: str = ""
    last_name: str = ""
    website: str = ""
    company_type: str = ""
    language: str = ""
    source: str = ""
    address: Address | None = None
    billing_address: Address | None = None
    delivery_addresses: tuple[DeliveryAddress, ...] = attrs.field(
        default=(), converter=_delivery_addresses
    )
    parent_id: str | None = None
    vat_number: str = ""
    siret: str = ""
    siren: str = attrs.field(default=attrs.Factory(_siren_of, takes_self=True))
    ape_code: str = ""
    accounting_account: str = ""
    active: bool = True
    contacts: tuple[Contact, ...] = attrs.field(default=(), converter=_contacts)
    owner: str | None = None
    created_at: datetime.datetime | None = None
    version: int = 0

    def __attrs_post_init__(self) -> None:
        if not (
            type(self.id) is str
            and type(self.name) is str
            and type(self.first_name) is str
            and type(self.last_name) is str
            and type(self.website) is str
            and type(self.company_type) is str
            and type(self.language) is str
            and type(self.source) is str
            and (self.address is None or type(self.address) is Address)
            and (self.billing_address is None or type(self.billing_address) is Address)
            and (self.parent_id is None or type(self.parent_id) is str)
            and type(self.vat_number) is str
            and type(self.siret) is str
            and type(self.siren) is str
            and type(self.ape_code) is str
            and type(self.accounting_account) is str
            and type(self.active) is bool
            and (self.owner is None or type(self.owner) is str)
            and (self.created_at is None or type(self.created_at) is datetime.datetime)
            and type(self.version) is int
            and self.version >= 0
        ):
            _CLIENT.refuse(self)
            if self.version < 0:
                raise refusal("Client", "version", "a whole number, 0 or more (int)", self.version)

    @property
    def display_name(self) -> str:
        """Return the name people see, a company's name or an individual's first and last name."""
        if self.kind is ClientKind.COMPANY:
            return self.name.strip()
        return " ".join(p for p in (self.first_name.strip(), self.last_name.strip()) if p)


_TEXT = (str,)
_OPTIONAL_TEXT = (str, None)
_CLIENT = FieldTypes(
    "Client",
    id=_TEXT,
    name=_TEXT,
    first_name=_TEXT,
    last_name=_TEXT,
    website=_TEXT,
    company_type=_TEXT,
    language=_TEXT,
    source=_TEXT,
    address=(Address, None),
    billing_address=(Address, None),
    parent_id=_OPTIONAL_TEXT,
    vat_number=_TEXT,
    siret=_TEXT,
    siren=_TEXT,
    ape_code=_TEXT,
    accounting_account=_TEXT,
    active=(bool,),
    owner=_OPTIONAL_TEXT,
    created_at=(datetime.datetime, None),
    version=(int,),
)
