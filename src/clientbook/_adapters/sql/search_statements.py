"""The statements of a SQL search, built once for each shape.

Building a SQLAlchemy statement (its aliases, subqueries and unions) costs more than running it
on the few rows a read returns: a search spent about 2 ms building its statements and 1 ms
running them (``docs/performance.md``). Every value in these statements is a bind parameter,
so a statement depends only on its shape (how many typed words, which of them have an upper
bound, how many keys...), and each function below keeps the statements it has built
(``functools.lru_cache``: they are immutable); SQLAlchemy then finds their compiled form in
the engine's cache.

The parameters, by name:

- ``tenant``: the unit of work's tenant;
- ``w0_lo``, ``w0_hi``, ``w1_lo``...: the range of each distinct typed word,
  ``key >= w0_lo AND key < w0_hi`` (no ``_hi`` when no text is above the word, as
  :func:`~clientbook._adapters.sql.repository._after_prefix` says);
- ``whole_lo``, ``whole_hi``: the range of the whole typed text as one key;
- ``k0``, ``k1``... the keys a word starts, and ``k0_0``, ``k0_1``, ``k1_0``... those of each
  word;
- ``limit``, ``cap``, ``most``, ``window``, ``last``: numbers, described where they are used.

They give the ids of the clients a search finds; :mod:`clientbook._adapters.sql.client_statements`
reads the clients themselves.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Integer,
    bindparam,
    func,
    literal_column,
    select,
    union,
    union_all,
)

from clientbook._adapters.sql import tables as t

if TYPE_CHECKING:
    from sqlalchemy import (
        ColumnElement,
        CompoundSelect,
        Exists,
        FromClause,
        Select,
    )

__all__ = [
    "Others",
    "first_of_each_key",
    "ids_by_keys",
    "ids_from_range",
    "key_counts",
    "keys_starting",
]

# Shapes are few in practice (a user types one to three words); the cache is bounded anyway.
_SHAPES = 512

#: The other typed words a client must also match: for each, its index among the distinct
#: words (``w{i}_lo``) and whether it has an upper bound (``w{i}_hi``).
Others = tuple[tuple[int, bool], ...]


def _number(name: str) -> Any:
    return bindparam(name, type_=Integer)


def _key_range(
    keys: FromClause, prefix: str, upper: bool, *, include_archived: bool
) -> list[ColumnElement[bool]]:
    """The tenant's keys that start with a word: a range of the index, no scan."""
    conditions = [keys.c.tenant_id == bindparam("tenant"), keys.c.key >= bindparam(f"{prefix}_lo")]
    if upper:
        conditions.append(keys.c.key < bindparam(f"{prefix}_hi"))
    if not include_archived:
        conditions.append(keys.c.active.is_(True))
    return conditions


def _has_key(client_id: ColumnElement[str], prefix: str, upper: bool) -> Exists:
    """Whether the client has a key that starts with a word: a range of its own keys.

    Only columns of the primary key (tenant, client, key) are read, so that the database
    reads the client's few keys through it rather than the whole range of the word in the
    other index, once per candidate.
    """
    keys = t.search_keys.alias()
    conditions = [
        keys.c.tenant_id == bindparam("tenant"),
        keys.c.client_id == client_id,
        keys.c.key >= bindparam(f"{prefix}_lo"),
    ]
    if upper:
        conditions.append(keys.c.key < bindparam(f"{prefix}_hi"))
    # LIMIT 1 keeps PostgreSQL from turning the test into a join, which without statistics
    # it would run over the whole range of the word for each client.
    return select(keys.c.key).where(*conditions).limit(1).exists()


def _matching(client_id: ColumnElement[str], others: Others) -> list[Exists]:
    return [_has_key(client_id, f"w{i}", upper) for i, upper in others]


@functools.lru_cache(maxsize=_SHAPES)
def key_counts(uppers: tuple[bool, ...], *, include_archived: bool) -> Select[Any]:
    """The number of keys of each word, up to ``cap``: one row, one column a word."""
    keys = t.search_keys.alias("n")
    counts = [
        select(func.count())
        .select_from(
            select(keys.c.key)
            .where(*_key_range(keys, f"w{i}", upper, include_archived=include_archived))
            .limit(_number("cap"))
            .subquery()
        )
        .scalar_subquery()
        for i, upper in enumerate(uppers)
    ]
    return select(*counts)


@functools.lru_cache(maxsize=_SHAPES)
def keys_starting(words: Others) -> Select[Any] | CompoundSelect[Any]:
    """Rows ``(word, key)``: the distinct keys of the tenant that start with each of *words*.

    *words* gives each word's index (``w{i}_lo``) and whether it has an upper bound; up to
    ``most`` keys a word. A recursive query seeks the next key in the index, once per distinct
    key (a "loose index scan"), instead of reading every entry of the range.
    """
    parts = []
    for i, upper in words:
        keys = t.search_keys.c

        def within(column: ColumnElement[str], i: int = i, upper: bool = upper) -> list[Any]:
            return [column < bindparam(f"w{i}_hi")] if upper else []

        found = (
            select(func.min(keys.key).label("key"))
            .where(
                keys.tenant_id == bindparam("tenant"),
                keys.key >= bindparam(f"w{i}_lo"),
                *within(keys.key),
            )
            .cte(f"starting{i}", recursive=True)
        )
        later = t.search_keys.alias(f"later{i}")
        following = (
            select(func.min(later.c.key))
            .where(
                later.c.tenant_id == bindparam("tenant"),
                later.c.key > found.c.key,
                *within(later.c.key),
            )
            .scalar_subquery()
        )
        found = found.union_all(select(following).where(found.c.key.is_not(None)))
        parts.append(
            select(literal_column(str(i), Integer).label("word"), found.c.key)
            .where(found.c.key.is_not(None))
            .limit(_number("most"))
        )
    if len(parts) == 1:
        return parts[0]
    # Each part cut on its own: SQLite wants them as subqueries.
    return union_all(*(select(part.subquery()) for part in parts))


def _of_key(key: str, others: Others, *, active: bool) -> Select[Any]:
    """The first ``limit`` clients with the key and the other words, in result order."""
    keys = t.search_keys.alias()
    query = select(keys.c.client_id, keys.c.sort_key).where(
        keys.c.tenant_id == bindparam("tenant"),
        keys.c.key == bindparam(key),
        keys.c.active == active,
        *_matching(keys.c.client_id, others),
    )
    return query.order_by(keys.c.sort_key, keys.c.client_id).limit(_number("limit"))


def _whole(upper: bool, *, include_archived: bool) -> Select[Any]:
    """The first ``limit`` clients with a key that starts with the whole typed text."""
    whole = t.search_keys.alias("w")
    return (
        select(whole.c.client_id, whole.c.sort_key)
        .where(*_key_range(whole, "whole", upper, include_archived=include_archived))
        .distinct()  # a SIREN and its SIRET: two keys of one client in the range
        .order_by(whole.c.sort_key, whole.c.client_id)
        .limit(_number("limit"))
    )


@functools.lru_cache(maxsize=_SHAPES)
def ids_by_keys(
    keys: int, others: Others, whole: bool | None, *, include_archived: bool
) -> CompoundSelect[Any]:
    """Rows ``(client_id, sort_key)``: the first ``limit`` clients of each key ``k0``...

    Each key's clients come from the index in result order (name, id), the archived ones
    apart when they are included, each list cut at ``limit``; and, when *whole* is not
    ``None`` (its upper bound), the first clients of the whole text as one key.
    """
    states = (True, False) if include_archived else (True,)
    parts = [_of_key(f"k{j}", others, active=active) for j in range(keys) for active in states]
    if whole is not None:  # ... or the whole text as one key: "123 45" finds SIREN 123456782
        parts.append(_whole(whole, include_archived=include_archived))
    return union_all(*(select(part.subquery()) for part in parts))


@functools.lru_cache(maxsize=_SHAPES)
def ids_from_range(
    rarest: tuple[int, bool], others: Others, whole: bool | None, *, include_archived: bool
) -> Select[Any]:
    """The ids of the first ``limit`` matching clients, from the whole range of one word."""
    keys = t.search_keys.alias("k")
    index, upper = rarest
    matched = select(keys.c.client_id, keys.c.sort_key).where(
        *_key_range(keys, f"w{index}", upper, include_archived=include_archived),
        *_matching(keys.c.client_id, others),
    )
    if whole is not None:  # ... or the whole text as one key
        other = t.search_keys.alias("w")
        found = union(
            matched,
            select(other.c.client_id, other.c.sort_key).where(
                *_key_range(other, "whole", whole, include_archived=include_archived)
            ),
        ).subquery()
    else:
        found = matched.distinct().subquery()
    return (
        select(found.c.client_id)
        .order_by(found.c.sort_key, found.c.client_id)
        .limit(_number("limit"))
    )


@functools.lru_cache(maxsize=_SHAPES)
def first_of_each_key(
    uppers: tuple[bool, ...],
    walked: tuple[tuple[int, int], ...],
    whole: bool | None,
    *,
    include_archived: bool,
) -> CompoundSelect[Any]:
    """Rows ``(stream, bound, client_id, sort_key)``: the start of every key of some words.

    *walked* names the words, each with its number of keys: ``(i, n)`` for the keys
    ``k{i}_0`` to ``k{i}_{n-1}`` of word ``i``. Each key, in each state (active, archived
    when they are included), is a stream of the index in result order; its rows:

    - ``bound = 0``: the clients among its first ``window`` entries that also have a key
      starting with each other word, the first ``limit`` of them in result order;
    - ``bound = 1``: its entry number ``window`` (``OFFSET last``, ``last`` being
      ``window - 1``), absent when the stream is shorter: how far the first rows reach.

    Streams are numbered from 0 in the order of *walked*, keys, then states; the whole text
    as one key, when *whole* is not ``None``, is stream ``-1``.
    """
    states = (True, False) if include_archived else (True,)
    parts: list[Select[Any]] = []
    stream = 0
    for index, count in walked:
        others = tuple((i, upper) for i, upper in enumerate(uppers) if i != index)
        for j in range(count):
            for active in states:
                keys = t.search_keys.alias()
                entries = [
                    keys.c.tenant_id == bindparam("tenant"),
                    keys.c.key == bindparam(f"k{index}_{j}"),
                    keys.c.active == active,
                ]
                order = (keys.c.sort_key, keys.c.client_id)
                window = (
                    select(keys.c.client_id, keys.c.sort_key)
                    .where(*entries)
                    .order_by(*order)
                    .limit(_number("window"))
                    .subquery()
                )
                parts.append(
                    select(
                        literal_column(str(stream), Integer).label("stream"),
                        literal_column("0", Integer).label("bound"),
                        window.c.client_id,
                        window.c.sort_key,
                    )
                    .where(*_matching(window.c.client_id, others))
                    .order_by(window.c.sort_key, window.c.client_id)
                    .limit(_number("limit"))
                )
                parts.append(
                    select(
                        literal_column(str(stream), Integer).label("stream"),
                        literal_column("1", Integer).label("bound"),
                        keys.c.client_id,
                        keys.c.sort_key,
                    )
                    .where(*entries)
                    .order_by(*order)
                    .limit(1)
                    .offset(_number("last"))
                )
                stream += 1
    if whole is not None:
        part = _whole(whole, include_archived=include_archived).subquery()
        parts.append(
            select(
                literal_column("-1", Integer).label("stream"),
                literal_column("0", Integer).label("bound"),
                part.c.client_id,
                part.c.sort_key,
            )
        )
    return union_all(*(select(part.subquery()) for part in parts))
