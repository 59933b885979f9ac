"""The factories of French client records the tests share: one arrange line each.

- :func:`company`: a company with an id and a name, nothing else unless given;
- :func:`complete_company`: a company that the default :class:`~clientbook.Policy` accepts,
  every identifier valid, an address in Lyon and its primary contact, :func:`claire`;
- :func:`individual`: a person, Élodie Lefèvre, in Ajaccio;
- :data:`COMPANIES`: valid, fictitious SIRENs and the SIRETs of their head offices, for tests
  that need several companies that differ.

Every field is set by keyword: ``company("cl-1", "Garage du Lys", siret="31415926000012")``.
"""

from __future__ import annotations

from typing import Any

import attrs

from clientbook import Address, Civility, Client, ClientKind, Contact
from clientbook.identifiers import vat

__all__ = [
    "AJACCIO",
    "COMPANIES",
    "LYON",
    "claire",
    "companies",
    "company",
    "complete_company",
    "individual",
    "siren_of",
]

LYON = Address(line1="12 rue des Lilas", postal_code="69003", city="Lyon")
AJACCIO = Address(line1="3 chemin des Vignes", postal_code="20000", city="Ajaccio")

#: Valid, fictitious numbers (Luhn, VAT key): (SIREN, SIRET of the head office).
COMPANIES = (
    ("404833048", "40483304800014"),
    ("123456782", "12345678200010"),
    ("111222337", "11122233700011"),
    ("987654324", "98765432400019"),
    ("246813570", "24681357000016"),
    ("135792463", "13579246300014"),
)


def claire(**fields: Any) -> Contact:
    """Claire Dubois, gérante: a primary contact with every field the default policy asks for."""
    contact = Contact(
        civility=Civility.MRS,
        first_name="Claire",
        last_name="Dubois",
        email="claire.dubois@boulangerie-martin.fr",
        position="Gérante",
        direct_phone="04 78 12 34 56",
        mobile_phone="06 12 34 56 78",
    )
    return attrs.evolve(contact, **fields)


def company(client_id: str = "c1", name: str = "Boulangerie Martin", /, **fields: Any) -> Client:
    """A company with only an id and a name; *fields* set any field of :class:`Client`."""
    values: dict[str, Any] = {"id": client_id, "kind": ClientKind.COMPANY, "name": name}
    return Client(**(values | fields))


def complete_company(number: int = 1, /, **fields: Any) -> Client:
    """Boulangerie Martin, which the default policy accepts; *fields* change any field.

    *number* picks its SIREN among :data:`COMPANIES` (the SIRET and the VAT number follow).
    """
    siren, siret = COMPANIES[number]
    values: dict[str, Any] = {
        "id": "c1",
        "kind": ClientKind.COMPANY,
        "name": "Boulangerie Martin",
        "website": "www.boulangerie-martin.fr",
        "siret": siret,
        "vat_number": vat.from_siren(siren),
        "ape_code": "10.71C",
        "accounting_account": "411MARTIN",
        "address": LYON,
        "contacts": (claire(),),
    }
    # Built, not evolved: a SIREN left out is read from the SIRET given.
    return Client(**(values | fields))


def individual(**fields: Any) -> Client:
    """Élodie Lefèvre, M., a private client in Ajaccio; *fields* change any field."""
    values: dict[str, Any] = {
        "id": "p1",
        "kind": ClientKind.INDIVIDUAL,
        "civility": Civility.MR,
        "first_name": "Élodie",
        "last_name": "Lefèvre",
        "address": AJACCIO,
    }
    return Client(**(values | fields))


def siren_of(number: int) -> str:
    """Return the valid SIREN whose first 8 digits are *number* (its Luhn key added)."""
    body = f"{number:08d}"
    return next(f"{body}{key}" for key in range(10) if _luhn_ok(f"{body}{key}"))


def companies(count: int, *, first: int = 1000) -> list[Client]:
    """*count* complete companies, each its own SIREN (from ``siren_of(first + n)``), as typed.

    The SIRET of each is its head office's (NIC ``00010`` made valid), its id ``cl-00000n``.
    """
    found = []
    for number in range(count):
        siren = siren_of(first + number)
        siret = next(f"{siren}{nic:05d}" for nic in range(10, 100) if _luhn_ok(f"{siren}{nic:05d}"))
        found.append(
            complete_company(
                id=f"cl-{number:06d}",
                name=f"Boulangerie Martin {number}",
                siret=siret,
                vat_number=vat.from_siren(siren),
            )
        )
    return found


def _luhn_ok(digits: str) -> bool:
    total = 0
    for position, digit in enumerate(reversed(digits)):
        value = int(digit) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0
