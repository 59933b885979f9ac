"""The SQL tables of clientbook: clients, their children, and the keys they are found by.

Every table is named ``clientbook_...`` and carries the tenant id in its primary key. The
models know nothing of these tables: :mod:`clientbook._adapters.sql.rows` is the only place
where a :class:`~clientbook.Client` meets a row.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    text,
)

__all__ = [
    "SCHEMA_NAME",
    "SCHEMA_VERSION",
    "clients",
    "contacts",
    "delivery_addresses",
    "duplicate_keys",
    "metadata",
    "schema",
    "search_keys",
]

#: The version of the tables below; ``clientbook_schema`` records the version a database has.
SCHEMA_VERSION = 3
#: The row of ``clientbook_schema`` that holds the version of these tables.
SCHEMA_NAME = "clientbook"

# Text compared and ordered byte by byte, as Python compares str: the ids (``list`` pages by
# id), the sort keys (``search`` orders by them) and the search keys (prefix ranges). SQLite's
# default collation (BINARY) already does so; on PostgreSQL the database's collation (often
# fr_FR or en_US) would order "B" before "a", so these columns use the "C" collation.
_BYTES = String().with_variant(String(collation="C"), "postgresql")

metadata = MetaData()

schema = Table(
    "clientbook_schema",
    metadata,
    Column("name", String, primary_key=True),
    Column("version", Integer, nullable=False),
    comment="The version of the clientbook tables, one row named 'clientbook'.",
)


def _address_columns(prefix: str) -> list[Column[Any]]:
    """The five columns of an optional address; all NULL when there is no address."""
    return [
        Column(f"{prefix}_line1", String),
        Column(f"{prefix}_line2", String),
        Column(f"{prefix}_postal_code", String),
        Column(f"{prefix}_city", String),
        Column(f"{prefix}_country", String),
    ]


clients = Table(
    "clientbook_clients",
    metadata,
    Column("tenant_id", _BYTES, nullable=False),
    Column("id", _BYTES, nullable=False),
    Column("version", Integer, nullable=False),
    Column("kind", String, nullable=False),
    Column("roles", String, nullable=False, comment="Role values, sorted, comma-separated."),
    Column("name", String, nullable=False),
    Column("civility", String),
    Column("first_name", String, nullable=False),
    Column("last_name", String, nullable=False),
    Column("website", String, nullable=False),
    Column("company_type", String, nullable=False),
    Column("language", String, nullable=False),
    Column("source", String, nullable=False),
    *_address_columns("address"),
    *_address_columns("billing"),
    Column("parent_id", String),
    Column("vat_number", String, nullable=False),
    Column("siret", String, nullable=False),
    Column("siren", String, nullable=False),
    Column("ape_code", String, nullable=False),
    Column("accounting_account", String, nullable=False),
    Column("active", Boolean, nullable=False),
    Column("owner", String),
    Column("created_at", String, comment="ISO 8601, with the offset when there is one."),
    Column("siret_compact", String, nullable=False),
    Column("vat_compact", String, nullable=False),
    Column("sort_key", _BYTES, nullable=False, comment="search_key(display_name): search order."),
    PrimaryKeyConstraint("tenant_id", "id", name="pk_clientbook_clients"),
    Index("ix_clientbook_clients_siret", "tenant_id", "siret_compact"),
    Index("ix_clientbook_clients_vat", "tenant_id", "vat_compact"),
    comment="Client records, one row each, with their main and billing addresses.",
)


def _child_key(table: str) -> list[Any]:
    return [
        PrimaryKeyConstraint("tenant_id", "client_id", "position", name=f"pk_{table}"),
        ForeignKeyConstraint(
            ["tenant_id", "client_id"],
            [clients.c.tenant_id, clients.c.id],
            ondelete="CASCADE",
            name=f"fk_{table}_client",
        ),
    ]


contacts = Table(
    "clientbook_contacts",
    metadata,
    Column("tenant_id", _BYTES, nullable=False),
    Column("client_id", _BYTES, nullable=False),
    Column("position", Integer, nullable=False, comment="Order among the client's contacts."),
    Column("civility", String),
    Column("first_name", String, nullable=False),
    Column("last_name", String, nullable=False),
    Column("email", String, nullable=False),
    Column("job_position", String, nullable=False, comment="Contact.position: the job held."),
    Column("direct_phone", String, nullable=False),
    Column("mobile_phone", String, nullable=False),
    Column("switchboard_phone", String, nullable=False),
    Column("source", String, nullable=False),
    Column("is_primary", Boolean, nullable=False),
    *_child_key("clientbook_contacts"),
    comment="The contact persons of each client, in order.",
)

delivery_addresses = Table(
    "clientbook_delivery_addresses",
    metadata,
    Column("tenant_id", _BYTES, nullable=False),
    Column("client_id", _BYTES, nullable=False),
    Column("position", Integer, nullable=False, comment="Order among the client's addresses."),
    Column("label", String, nullable=False),
    Column("line1", String, nullable=False),
    Column("line2", String, nullable=False),
    Column("postal_code", String, nullable=False),
    Column("city", String, nullable=False),
    Column("country", String, nullable=False),
    Column("is_default", Boolean, nullable=False),
    Column("archived", Boolean, nullable=False),
    *_child_key("clientbook_delivery_addresses"),
    comment="The delivery addresses of each client, in order.",
)

search_keys = Table(
    "clientbook_search_keys",
    metadata,
    Column("tenant_id", _BYTES, nullable=False),
    Column("client_id", _BYTES, nullable=False),
    Column("key", _BYTES, nullable=False),
    # The client's sort key and whether it is active, beside each of its keys: a search reads
    # its results' order and the archived filter from the index alone.
    Column("sort_key", _BYTES, nullable=False),
    Column("active", Boolean, nullable=False),
    # The key's first two characters (its first one, for a key of one character), on the first
    # key of the client that starts with them; NULL on its other keys. A word of one or two
    # characters reads the clients of its start in result order, each once, however many keys
    # start with it (every French VAT number starts with "fr").
    Column("start", _BYTES, nullable=True),
    PrimaryKeyConstraint("tenant_id", "client_id", "key", name="pk_clientbook_search_keys"),
    ForeignKeyConstraint(
        ["tenant_id", "client_id"],
        [clients.c.tenant_id, clients.c.id],
        ondelete="CASCADE",
        name="fk_clientbook_search_keys_client",
    ),
    # Prefix search reads a range of this index: key >= 'dub' AND key < 'duc'.
    Index("ix_clientbook_search_keys_key", "tenant_id", "key", "active", "sort_key", "client_id"),
    # ... and, for a word of one or two characters, the clients of a start, in result order.
    Index(
        "ix_clientbook_search_keys_start",
        "tenant_id",
        "start",
        "active",
        "sort_key",
        "client_id",
        sqlite_where=text("start IS NOT NULL"),
        postgresql_where=text("start IS NOT NULL"),
    ),
    comment="clientbook.client_search_keys of each client, for prefix search.",
    # SQLite: the rows are the primary key's b-tree (no rowid table beside it), one b-tree
    # less to write for each of the many small rows an import adds.
    sqlite_with_rowid=False,
)

duplicate_keys = Table(
    "clientbook_duplicate_keys",
    metadata,
    Column("tenant_id", _BYTES, nullable=False),
    Column("client_id", _BYTES, nullable=False),
    Column("rule", String, nullable=False, comment="DuplicateRule: siren, vat, email..."),
    Column("value", _BYTES, nullable=False, comment="The normalised value the rule compares."),
    PrimaryKeyConstraint(
        "tenant_id", "client_id", "rule", "value", name="pk_clientbook_duplicate_keys"
    ),
    ForeignKeyConstraint(
        ["tenant_id", "client_id"],
        [clients.c.tenant_id, clients.c.id],
        ondelete="CASCADE",
        name="fk_clientbook_duplicate_keys_client",
    ),
    # The stored clients that share a key with a record: one seek each, the index alone read.
    Index("ix_clientbook_duplicate_keys_value", "tenant_id", "rule", "value", "client_id"),
    comment="The duplicate keys of each client (clientbook's duplicate_keys), to find the "
    "stored clients a record probably duplicates.",
    # SQLite: the rows are the primary key's b-tree (no rowid table beside it), one b-tree
    # less to write for each of the many small rows an import adds.
    sqlite_with_rowid=False,
)
