"""Series of clients for the SQL adapter's tests: many companies, and clients that overlap."""

from __future__ import annotations

import datetime
from typing import Any

from clientbook import Address, Civility, Client, ClientKind, Contact, DeliveryAddress
from clientbook.identifiers import vat
from clientbook.identifiers._text import luhn_ok
from tests.factories import company

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


_FIRST_NAMES = ("Claire", "Hélène", "Jérôme", "Lucie", "Paul", "Éloïse", "Saint-John")
_LAST_NAMES = ("Dupont", "Dubois", "Martin", "Lefèvre", "Moreau", "Bœuf", "Girard", "Du Lys")
_TRADE_NAMES = ("Boulangerie", "Ets", "Établissements", "Garage", "Sté", "Cie", "St-Éloi")


def varied_clients(count: int) -> list[Client]:
    """Companies and individuals whose names, contacts and numbers overlap as real ones do.

    Some are archived; some carry a SIREN, a SIRET or a VAT number typed with spaces.
    """
    clients = []
    for number in range(count):
        last = _LAST_NAMES[number % len(_LAST_NAMES)]
        first = _FIRST_NAMES[number // 3 % len(_FIRST_NAMES)]
        contact = Contact(first_name=first, last_name=_LAST_NAMES[number // 5 % 8], primary=True)
        client_id = f"v-{number * 7919 % 100_003:06d}"
        common: dict[str, Any] = {
            "active": number % 9 != 4,
            "siren": f"{123_000_000 + number * 37:09d}" if number % 4 else "",
            "vat_number": f"FR 11 {123_000 + number}" if number % 6 == 1 else "",
            "contacts": (contact,) if number % 5 else (),
        }
        if number % 3:
            trade = _TRADE_NAMES[number % len(_TRADE_NAMES)]
            clients.append(company(client_id, f"{trade} {last} {number}", **common))
        else:
            clients.append(
                Client(
                    id=client_id,
                    kind=ClientKind.INDIVIDUAL,
                    first_name=first,
                    last_name=last,
                    **common,
                )
            )
    return clients


def _with_check_digit(body: str) -> str:
    return next(body + digit for digit in "0123456789" if luhn_ok(body + digit))


def french_companies(count: int) -> list[Client]:
    """Companies with a SIRET and a French VAT number each: as many keys starting with "fr".

    Their SIRENs are spread over the numbers, so that about a tenth start with each digit;
    one in ten is archived.
    """
    companies = []
    for number in range(count):
        siren = _with_check_digit(f"{(number + 1) * 7919 % 10**8:08d}")
        companies.append(
            company(
                f"fr-{number:04d}",
                f"Menuiserie Roux {number}",
                siret=_with_check_digit(f"{siren}0001"),
                vat_number=vat.from_siren(siren),
                active=number % 10 != 3,
            )
        )
    return companies
