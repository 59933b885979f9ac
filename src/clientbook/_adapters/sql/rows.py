"""Clients to rows of the SQL tables, and back: the only place where a model meets a row."""

from __future__ import annotations

import datetime
import json
from typing import TYPE_CHECKING, Any

from clientbook._adapters.sql.search import keys_with_starts
from clientbook._adapters.sql.tables import (
    clients,
    contacts,
    delivery_addresses,
    duplicate_keys,
    search_keys,
)
from clientbook._records.address import Address, DeliveryAddress
from clientbook._records.client import Client, ClientKind, Role
from clientbook._records.contact import Civility, Contact
from clientbook._rules.duplicates import duplicate_keys as keys_of
from clientbook._rules.search import client_search_keys, search_key
from clientbook.identifiers import siret as _siret
from clientbook.identifiers import vat as _vat

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from sqlalchemy import Table

__all__ = [
    "CONTACT_COLUMNS",
    "DELIVERY_ADDRESS_COLUMNS",
    "ClientRows",
    "Row",
    "client_from_rows",
    "client_rows",
    "client_update_values",
]


# --- from a client to rows ------------------------------------------------------------------

#: A row to insert: the values of its table's columns, in their order (``table.c``). A tuple
#: costs less to build than a dict, and goes to a positional driver (sqlite3) as it is.
Row = tuple[Any, ...]

_NO_ADDRESS: tuple[None, ...] = (None,) * 5
# The columns an update sets: all but the tenant id and the id.
_UPDATED = tuple(column.key for column in clients.c)[2:]


def _address_values(address: Address | None) -> tuple[str | None, ...]:
    """The five columns of an optional address, all ``None`` when there is no address."""
    if address is None:
        return _NO_ADDRESS
    return (address.line1, address.line2, address.postal_code, address.city, address.country)


def _client_values(client: Client, version: int, sort_key: str) -> tuple[Any, ...]:
    """The columns of ``clientbook_clients`` after the tenant id, for *client* at *version*."""
    return (
        client.id,
        version,
        client.kind.value,
        ",".join(sorted(role.value for role in client.roles)),
        client.name,
        None if client.civility is None else client.civility.value,
        client.first_name,
        client.last_name,
        client.website,
        client.company_type,
        client.language,
        client.source,
        *_address_values(client.address),
        *_address_values(client.billing_address),
        client.parent_id,
        client.vat_number,
        client.siret,
        client.siren,
        client.ape_code,
        client.accounting_account,
        client.active,
        client.owner,
        None if client.created_at is None else client.created_at.isoformat(),
        _siret.compact(client.siret),
        _vat.compact(client.vat_number),
        sort_key,
    )


class ClientRows:
    """The rows of a batch of clients, table by table, ready for ``executemany``.

    Each row is a tuple of its table's columns in their order (``table.c``).
    """

    def __init__(self) -> None:
        self.clients: list[Row] = []
        self.contacts: list[Row] = []
        self.delivery_addresses: list[Row] = []
        self.search_keys: list[Row] = []
        self.duplicate_keys: list[Row] = []

    def children(self) -> Sequence[tuple[Table, list[Row]]]:
        """Return the child tables and their rows, in the order they are inserted."""
        return (
            (contacts, self.contacts),
            (delivery_addresses, self.delivery_addresses),
            (search_keys, self.search_keys),
            (duplicate_keys, self.duplicate_keys),
        )


def client_rows(tenant_id: str, batch: Iterable[tuple[Client, int]]) -> ClientRows:
    """Return the rows that store each client of *batch* at its version, for *tenant_id*."""
    rows = ClientRows()
    for client, version in batch:
        client_id = client.id
        sort_key = search_key(client.display_name)
        rows.clients.append((tenant_id, *_client_values(client, version, sort_key)))
        rows.contacts += [
            (
                tenant_id,
                client_id,
                position,
                None if contact.civility is None else contact.civility.value,
                contact.first_name,
                contact.last_name,
                contact.email,
                contact.position,
                contact.direct_phone,
                contact.mobile_phone,
                contact.switchboard_phone,
                contact.source,
                contact.primary,
            )
            for position, contact in enumerate(client.contacts)
        ]
        rows.delivery_addresses += [
            (
                tenant_id,
                client_id,
                position,
                delivery.label,
                delivery.address.line1,
                delivery.address.line2,
                delivery.address.postal_code,
                delivery.address.city,
                delivery.address.country,
                delivery.default,
                delivery.archived,
            )
            for position, delivery in enumerate(client.delivery_addresses)
        ]
        active = client.active
        rows.search_keys += [
            (tenant_id, client_id, key, sort_key, active, start)
            for key, start in keys_with_starts(client_search_keys(client))
        ]
        rows.duplicate_keys += [
            (tenant_id, client_id, rule, value) for rule, value in dict.fromkeys(keys_of(client))
        ]
    return rows


def client_update_values(client: Client, version: int) -> dict[str, Any]:
    """Return the columns an update of *client* sets, at the new *version*."""
    values = _client_values(client, version, search_key(client.display_name))
    return dict(zip(_UPDATED, values[1:], strict=True))


# --- from rows to a client ------------------------------------------------------------------


def _address(row: Mapping[Any, Any], prefix: str) -> Address | None:
    parts = [row[f"{prefix}_{n}"] for n in ("line1", "line2", "postal_code", "city", "country")]
    if all(part is None for part in parts):
        return None
    line1, line2, postal_code, city, country = (part or "" for part in parts)
    return Address(line1=line1, line2=line2, postal_code=postal_code, city=city, country=country)


def _contact(row: Mapping[Any, Any]) -> Contact:
    return Contact(
        civility=None if row["civility"] is None else Civility(row["civility"]),
        first_name=row["first_name"],
        last_name=row["last_name"],
        email=row["email"],
        position=row["job_position"],
        direct_phone=row["direct_phone"],
        mobile_phone=row["mobile_phone"],
        switchboard_phone=row["switchboard_phone"],
        source=row["source"],
        primary=bool(row["is_primary"]),
    )


def _delivery_address(row: Mapping[Any, Any]) -> DeliveryAddress:
    return DeliveryAddress(
        address=Address(
            line1=row["line1"],
            line2=row["line2"],
            postal_code=row["postal_code"],
            city=row["city"],
            country=row["country"],
        ),
        label=row["label"],
        default=bool(row["is_default"]),
        archived=bool(row["archived"]),
    )


#: The columns of each child table that a read of clients aggregates, in this order, into one
#: JSON array per child (:func:`clientbook._adapters.sql.statements.clients_in` and the like).
CONTACT_COLUMNS = (
    "position",
    "civility",
    "first_name",
    "last_name",
    "email",
    "job_position",
    "direct_phone",
    "mobile_phone",
    "switchboard_phone",
    "source",
    "is_primary",
)
DELIVERY_ADDRESS_COLUMNS = (
    "position",
    "label",
    "line1",
    "line2",
    "postal_code",
    "city",
    "country",
    "is_default",
    "archived",
)


def _child_rows(aggregated: Any, columns: Sequence[str]) -> list[dict[str, Any]]:
    """The child rows of one client, ordered by position, from their JSON aggregate.

    *aggregated* is a JSON array of arrays of *columns*, as text (SQLite) or already parsed
    (psycopg); ``None`` stands for no rows. Booleans come as 0 and 1 from SQLite, as true and
    false from PostgreSQL: the readers convert them with ``bool`` as they do a row's.
    """
    if aggregated is None:
        return []
    if isinstance(aggregated, str | bytes):
        aggregated = json.loads(aggregated)
    rows = [dict(zip(columns, values, strict=True)) for values in aggregated]
    # SQLite's json_group_array before 3.44 takes no ORDER BY: the database's order is none.
    rows.sort(key=lambda row: row["position"])
    return rows


def client_from_rows(row: Mapping[Any, Any]) -> Client:
    """Return the client stored in *row* of ``clientbook_clients`` with its children.

    Beside the table's columns, *row* holds ``contacts`` and ``delivery_addresses``: the
    client's rows of those tables, each a JSON array of :data:`CONTACT_COLUMNS` and
    :data:`DELIVERY_ADDRESS_COLUMNS`.
    """
    client_id: str = row["id"]
    created_at = row["created_at"]
    contacts = _child_rows(row["contacts"], CONTACT_COLUMNS)
    delivery_addresses = _child_rows(row["delivery_addresses"], DELIVERY_ADDRESS_COLUMNS)
    return Client(
        id=client_id,
        kind=ClientKind(row["kind"]),
        roles=frozenset(Role(value) for value in row["roles"].split(",") if value),
        name=row["name"],
        civility=None if row["civility"] is None else Civility(row["civility"]),
        first_name=row["first_name"],
        last_name=row["last_name"],
        website=row["website"],
        company_type=row["company_type"],
        language=row["language"],
        source=row["source"],
        address=_address(row, "address"),
        billing_address=_address(row, "billing"),
        delivery_addresses=tuple(_delivery_address(child) for child in delivery_addresses),
        parent_id=row["parent_id"],
        vat_number=row["vat_number"],
        siret=row["siret"],
        siren=row["siren"],
        ape_code=row["ape_code"],
        accounting_account=row["accounting_account"],
        active=bool(row["active"]),
        contacts=tuple(_contact(child) for child in contacts),
        owner=row["owner"],
        created_at=None if created_at is None else datetime.datetime.fromisoformat(created_at),
        version=row["version"],
    )
