"""The reads of clients, each with its contacts and delivery addresses, in one statement.

Like the search statements (:mod:`clientbook._adapters.sql.search_statements`), each is built
once for its shape and takes its values as bind parameters: ``tenant``, the unit of work's
tenant; ``values``, ``value``, ``keys``, ``after``, ``limit``: what the clients are read by.
They differ by dialect (the JSON functions that bring each client's children along): their
*dialect* argument, the dialect's name, is part of what they are kept by.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from sqlalchemy import Integer, and_, bindparam, func, literal_column, select, true, union_all

from clientbook._adapters.sql import rows
from clientbook._adapters.sql import tables as t

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sqlalchemy import ColumnElement, Select, Table

__all__ = ["clients_in", "clients_page", "clients_with_keys"]


def _children(table: Table, columns: Sequence[str], dialect: str) -> ColumnElement[Any]:
    """A client's rows of a child *table*, as one JSON array of arrays of *columns*.

    A correlated subquery: for each client, a range of the child table's primary key
    (tenant, client, position). The rows come in no particular order (SQLite's
    ``json_group_array`` takes no ``ORDER BY`` before 3.44); the reader orders them by
    position. On SQLite no rows give ``[]``; on PostgreSQL ``json_agg`` gives ``NULL``,
    turned into ``[]`` too.
    """
    clients = t.clients.c
    values = [table.c[name] for name in columns]
    if dialect == "postgresql":
        aggregated: ColumnElement[Any] = func.json_agg(func.json_build_array(*values))
    else:
        aggregated = func.json_group_array(func.json_array(*values))
    found = (
        select(aggregated)
        .where(table.c.tenant_id == clients.tenant_id, table.c.client_id == clients.id)
        .scalar_subquery()
    )
    if dialect == "postgresql":
        return func.coalesce(found, literal_column("'[]'::json"))
    return found


def _clients(dialect: str, *conditions: ColumnElement[bool]) -> Select[Any]:
    """The tenant's clients, each with its contacts and delivery addresses: one statement.

    Beside the columns of ``clientbook_clients``, ``contacts`` and ``delivery_addresses``
    hold the client's rows of those tables as JSON
    (:func:`~clientbook._adapters.sql.tables.client_from_rows` reads them). One statement reads
    one state of the database: a client never comes with the children of another of its
    versions.
    """
    return select(
        t.clients,
        _children(t.contacts, rows.CONTACT_COLUMNS, dialect).label("contacts"),
        _children(t.delivery_addresses, rows.DELIVERY_ADDRESS_COLUMNS, dialect).label(
            "delivery_addresses"
        ),
    ).where(t.clients.c.tenant_id == bindparam("tenant"), *conditions)


@functools.cache
def clients_in(column: str, dialect: str) -> Select[Any]:
    """The tenant's clients whose *column* is one of ``values`` (a list), for a *dialect*."""
    return _clients(dialect, t.clients.c[column].in_(bindparam("values", expanding=True)))


@functools.cache
def clients_page(*, after: bool, active_only: bool, dialect: str) -> Select[Any]:
    """The first ``limit`` clients of the tenant by id, those after ``after`` when *after*."""
    condition: ColumnElement[bool] = true()
    if after:
        condition = and_(condition, t.clients.c.id > bindparam("after"))
    if active_only:
        condition = and_(condition, t.clients.c.active.is_(True))
    return (
        _clients(dialect, condition)
        .order_by(t.clients.c.id)
        .limit(bindparam("limit", type_=Integer))
    )


@functools.cache
def clients_with_keys(rules: int, dialect: str) -> Select[Any]:
    """The tenant's clients that have one of the duplicate keys of *rules* rules.

    For each rule ``i``: ``r{i}``, the rule, and ``v{i}``, its values (a list). Each value is
    a seek of the index on ``(tenant_id, rule, value)``, each rule a part of a ``UNION ALL``
    (an ``OR`` of the rules would read the tenant's whole index); the clients come in no
    order.
    """
    keys = t.duplicate_keys.c
    having = union_all(
        *(
            select(keys.client_id).where(
                keys.tenant_id == bindparam("tenant"),
                keys.rule == bindparam(f"r{i}"),
                keys.value.in_(bindparam(f"v{i}", expanding=True)),
            )
            for i in range(rules)
        )
    )
    return _clients(dialect, t.clients.c.id.in_(having))
