"""Strategies for client records: addresses, contacts and clients, and their registration.

Re-exported by :mod:`clientbook.testing.strategies`; see there. The records of later families
(documents, matters...) get a module of their own beside this one.
"""

from __future__ import annotations

import datetime
import unicodedata

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from clientbook._records.address import Address, DeliveryAddress
from clientbook._records.client import Client, ClientKind, Role
from clientbook._records.contact import Civility, Contact
from clientbook.identifiers import siret as siret_module
from clientbook.identifiers import vat
from clientbook.testing._strategies.arguments import check_bool
from clientbook.testing._strategies.computed import computed
from clientbook.testing._strategies.identifiers import sirets

__all__ = ["addresses", "clients", "contacts", "register"]

_FIRST_NAMES = (
    "Hélène",
    "Jean",
    "Marie",
    "François",
    "Zoé",
    "Loïc",
    "Anaïs",
    "Noël",
    "Léa",
    "Éric",
)
_LAST_NAMES = ("Martin", "Dubois", "Lefèvre", "Müller", "N'Diaye", "Le Gall", "Dupont-Moreau")
_TRADES = ("Boulangerie", "Établissements", "Garage", "Cabinet", "Société", "Atelier", "Pharmacie")
_STREETS = ("rue des Lilas", "avenue Jean Jaurès", "boulevard de la République", "place du Marché")
_CITIES = (
    ("69003", "Lyon"),
    ("75011", "Paris"),
    ("13001", "Marseille"),
    ("20000", "Ajaccio"),
    ("33000", "Bordeaux"),
    ("59000", "Lille"),
    ("67000", "Strasbourg"),
    ("44000", "Nantes"),
)
_DOMAINS = ("orange.fr", "gmail.com", "laposte.net", "free.fr", "boulangerie-martin.fr")
_TEXT = st.text(max_size=40)
_WHEN = st.datetimes(
    min_value=datetime.datetime(2000, 1, 1),
    max_value=datetime.datetime(2100, 1, 1),
    timezones=st.just(datetime.UTC),
)


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in folded.lower() if c.isalnum())


def addresses(*, any_text: bool = False) -> st.SearchStrategy[Address]:
    """Generate postal addresses.

    Args:
        any_text: ``False`` (the default) gives realistic French addresses that
            :func:`clientbook.validate_client` accepts; ``True`` gives any text in every field,
            for tests that must hold on bad data.
    """
    check_bool("any_text", any_text)
    if any_text:
        return st.builds(
            Address, line1=_TEXT, line2=_TEXT, postal_code=_TEXT, city=_TEXT, country=_TEXT
        )
    return computed(
        lambda number, street, place: Address(
            line1=f"{number} {street}", postal_code=place[0], city=place[1]
        ),
        st.integers(1, 250),
        st.sampled_from(_STREETS),
        st.sampled_from(_CITIES),
    )


def contacts(*, any_text: bool = False) -> st.SearchStrategy[Contact]:
    """Generate contact persons (never primary: see :func:`clients`).

    Args:
        any_text: ``False`` (the default) gives realistic contacts with the fields the seed
            requires (first and last name, e-mail, direct phone in E.164); ``True`` gives any
            text in every field.
    """
    check_bool("any_text", any_text)
    if any_text:
        return st.builds(
            Contact,
            civility=st.none() | st.sampled_from(Civility),
            first_name=_TEXT,
            last_name=_TEXT,
            email=_TEXT,
            position=_TEXT,
            direct_phone=_TEXT,
            mobile_phone=_TEXT,
            switchboard_phone=_TEXT,
            source=_TEXT,
        )

    def contact(civility: Civility, first: str, last: str, domain: str, line: int) -> Contact:
        return Contact(
            civility=civility,
            first_name=first,
            last_name=last,
            email=f"{_ascii(first)}.{_ascii(last)}@{domain}",
            direct_phone=f"+3361{line:07d}",
        )

    return computed(
        contact,
        st.sampled_from(Civility),
        st.sampled_from(_FIRST_NAMES),
        st.sampled_from(_LAST_NAMES),
        st.sampled_from(_DOMAINS),
        st.integers(0, 9_999_999),
    )


def _company(draw: st.DrawFn, client_id: str, when: datetime.datetime) -> Client:
    number = draw(sirets(la_poste=False))
    company = siret_module.siren(number)
    people = draw(st.lists(contacts(), min_size=1, max_size=3))
    primary = draw(st.integers(0, len(people) - 1))
    marked = tuple(
        attrs.evolve(person, primary=index == primary) for index, person in enumerate(people)
    )
    return Client(
        id=client_id,
        kind=ClientKind.COMPANY,
        roles=draw(st.sampled_from([frozenset({Role.CLIENT}), frozenset({Role.PROSPECT})])),
        name=f"{draw(st.sampled_from(_TRADES))} {draw(st.sampled_from(_LAST_NAMES))}",
        address=draw(addresses()),
        siret=number,
        vat_number=vat.from_siren(company),
        ape_code="62.01Z",
        contacts=marked,
        created_at=when,
    )


@st.composite
def _realistic_client(draw: st.DrawFn, kind: ClientKind | None) -> Client:
    client_id = draw(st.uuids()).hex
    when = draw(_WHEN)
    chosen = kind or draw(st.sampled_from(ClientKind))
    if chosen is ClientKind.COMPANY:
        return _company(draw, client_id, when)
    return Client(
        id=client_id,
        kind=ClientKind.INDIVIDUAL,
        civility=draw(st.sampled_from(Civility)),
        first_name=draw(st.sampled_from(_FIRST_NAMES)),
        last_name=draw(st.sampled_from(_LAST_NAMES)),
        address=draw(addresses()),
        created_at=when,
    )


def _any_client(kind: ClientKind | None) -> st.SearchStrategy[Client]:
    return st.builds(
        Client,
        id=_TEXT,
        kind=st.just(kind) if kind else st.sampled_from(ClientKind),
        roles=st.frozensets(st.sampled_from(Role)),
        name=_TEXT,
        civility=st.none() | st.sampled_from(Civility),
        first_name=_TEXT,
        last_name=_TEXT,
        website=_TEXT,
        company_type=_TEXT,
        language=_TEXT,
        source=_TEXT,
        address=st.none() | addresses(any_text=True),
        billing_address=st.none() | addresses(any_text=True),
        delivery_addresses=st.lists(
            st.builds(
                DeliveryAddress,
                address=addresses(any_text=True),
                label=_TEXT,
                default=st.booleans(),
                archived=st.booleans(),
            ),
            max_size=3,
        ).map(tuple),
        parent_id=st.none() | _TEXT,
        vat_number=_TEXT,
        siret=_TEXT,
        siren=_TEXT,
        ape_code=_TEXT,
        accounting_account=_TEXT,
        active=st.booleans(),
        contacts=st.lists(contacts(any_text=True), max_size=3).map(tuple),
        owner=st.none() | _TEXT,
        created_at=st.none() | _WHEN,
        version=st.integers(0, 2**31),
    )


def clients(*, kind: ClientKind | None = None, any_text: bool = False) -> st.SearchStrategy[Client]:
    """Generate client records.

    Args:
        kind: only companies or only individuals; ``None`` (the default) for both.
        any_text: ``False`` (the default) gives realistic records that
            :func:`clientbook.validate_client` accepts with the default :class:`~clientbook.Policy`
            (valid SIRET, SIREN and VAT number, a French address, one primary contact with
            the required fields); ``True`` gives any text in every text field, any flags and
            nested values, for tests that must hold on bad data.
    """
    check_bool("any_text", any_text)
    if kind is not None and not isinstance(kind, ClientKind):
        raise InvalidArgument(f"kind={kind!r} must be a ClientKind or None")
    return _any_client(kind) if any_text else _realistic_client(kind)


def register() -> None:
    """Register the realistic strategies for ``st.from_type`` and argument-less ``st.builds``."""
    st.register_type_strategy(Address, addresses())
    st.register_type_strategy(Contact, contacts())
    st.register_type_strategy(Client, clients())
