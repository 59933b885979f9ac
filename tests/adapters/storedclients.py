"""Small factories of clients for the SQL adapter's tests: one arrange line each."""

from __future__ import annotations

import datetime
from typing import Any

import attrs

from clientbook import Address, Civility, Client, ClientKind, Contact, DeliveryAddress

_TOWNS = (
    ("69003", "Lyon"),
    ("13008", "Marseille"),
    ("31000", "Toulouse"),
    ("44000", "Nantes"),
    ("97400", "Saint-Denis"),
    ("20000", "Ajaccio"),
)
_TRADES = ("Boulangerie", "Garage", "Menuiserie", "Pâtisserie", "Établissements", "Société")
_SURNAMES = ("Martin", "Dubois", "Lefèvre", "Nguyen", "Moreau", "Girard", "Bœuf", "Éloi")


def company(client_id: str, name: str, **fields: Any) -> Client:
    """A company named *name*; *fields* set any other field of :class:`Client`."""
    return attrs.evolve(Client(id=client_id, kind=ClientKind.COMPANY, name=name), **fields)


def full_company(number: int) -> Client:
    """The *number*-th of a series of companies, each with two contacts and a delivery address."""
    postal_code, city = _TOWNS[number % len(_TOWNS)]
    surname = _SURNAMES[number % len(_SURNAMES)]
    address = Address(line1=f"{number} rue de la République", postal_code=postal_code, city=city)
    return Client(
        id=f"cl-{number:06d}",
        kind=ClientKind.COMPANY,
        name=f"{_TRADES[number % len(_TRADES)]} {surname} {number}",
        address=address,
        delivery_addresses=(DeliveryAddress(address=address, label="Siège", default=True),),
        contacts=(
            Contact(
                civility=Civility.MRS,
                first_name="Hélène",
                last_name=surname,
                email=f"helene.{number}@example.fr",
                primary=True,
            ),
            Contact(civility=Civility.MR, first_name="Jérôme", last_name="Petit"),
        ),
        created_at=datetime.datetime(2026, 1, 5, 9, 0, tzinfo=datetime.UTC),
    )
