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
  :func:`~clientbook._adapters.sql.search._after_prefix` says); for a word of one or two
  characters, the range of the starts (``start >= w0_lo AND start < w0_hi``);
- ``w0_start``...: the first two characters of each word, a start;
- ``whole_lo``, ``whole_hi``, ``whole_start``: the same for the whole typed text as one key;
- ``k0``, ``k1``... the keys (or starts) of the lead word, and ``k0_0``, ``k0_1``, ``k1_0``...
  those of each word;
- ``limit``, ``cap``, ``most``, ``most_starts``, ``window``, ``last``: numbers, described where
  they are used.

They give the ids of the clients a search finds; :mod:`clientbook._adapters.sql.client_statements`
reads the clients themselves.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from sqlalchemy import (
    Integer,
    String,
    bindparam,
    case,
    func,
    literal_column,
    select,
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
    "Path",
    "Term",
    "first_of_each_key",
    "ids",
    "key_counts",
    "keys_starting",
]

# Shapes are few in practice (a user types one to three words); the cache is bounded anyway.
_SHAPES = 512


class Term(NamedTuple):
    """A typed word, or the whole typed text, as the statements name it.

    Attributes:
        name: the prefix of its parameters (``w0``, ``w1``... ``whole``).
        upper: whether it has an upper bound (``{name}_hi``).
        short: whether it has one or two characters: its clients are read through the starts
            of the keys (the column ``start``).
    """

    name: str
    upper: bool
    short: bool


class Path(NamedTuple):
    """How a term's clients are read in result order (``clientbook._adapters.sql.search``).

    Attributes:
        term: the term.
        kind: ``"start"`` the clients of its start (a term of two characters); ``"keys"``
            those of each key, or start, that starts it (``k0``...); ``"range"`` its range,
            sorted; ``"walk"`` the clients of its first two characters, each checked on its
            own keys.
        keys: how many keys, for ``"keys"``.
    """

    term: Term
    kind: Literal["start", "keys", "range", "walk"]
    keys: int = 0


def _number(name: str) -> Any:
    return bindparam(name, type_=Integer)


def _key_range(
    keys: FromClause, term: Term, *, include_archived: bool
) -> list[ColumnElement[bool]]:
    """The tenant's keys that start with a term: a range of an index, never a scan.

    For a short term, the range of the starts: each client once under each start.
    """
    column = keys.c.start if term.short else keys.c.key
    conditions = [
        keys.c.tenant_id == bindparam("tenant"),
        column >= bindparam(f"{term.name}_lo"),
    ]
    if term.upper:
        conditions.append(column < bindparam(f"{term.name}_hi"))
    if not include_archived:
        conditions.append(keys.c.active.is_(True))
    return conditions


def _has_key(client_id: ColumnElement[str], term: Term) -> Exists:
    """Whether the client has a key that starts with a term: a range of its own keys.

    Only columns of the primary key (tenant, client, key) are read, so that the database
    reads the client's few keys through it rather than the whole range of the word in the
    other index, once per candidate.
    """
    keys = t.search_keys.alias()
    conditions = [
        keys.c.tenant_id == bindparam("tenant"),
        keys.c.client_id == client_id,
        keys.c.key >= bindparam(f"{term.name}_lo"),
    ]
    if term.upper:
        conditions.append(keys.c.key < bindparam(f"{term.name}_hi"))
    # LIMIT 1 keeps PostgreSQL from turning the test into a join, which without statistics
    # it would run over the whole range of the word for each client.
    return select(keys.c.key).where(*conditions).limit(1).exists()


def _matching(client_id: ColumnElement[str], others: tuple[Term, ...]) -> list[Exists]:
    return [_has_key(client_id, term) for term in others]


@functools.lru_cache(maxsize=_SHAPES)
def key_counts(terms: tuple[Term, ...], *, include_archived: bool) -> Select[Any]:
    """The number of entries of each term, up to ``cap``: one row, one column a term."""
    keys = t.search_keys.alias("n")
    counts = [
        select(func.count())
        .select_from(
            select(keys.c.key)
            .where(*_key_range(keys, term, include_archived=include_archived))
            .limit(_number("cap"))
            .subquery()
        )
        .scalar_subquery()
        for term in terms
    ]
    return select(*counts)


@functools.lru_cache(maxsize=_SHAPES)
def keys_starting(words: tuple[tuple[int, Term], ...]) -> Select[Any] | CompoundSelect[Any]:
    """Rows ``(word, key)``: the distinct keys of the tenant that start with each of *words*.

    *words* gives each word's index and its term; for a short term (one character), the
    distinct starts that start with it. Up to ``most`` keys a word (``most_starts`` starts). A
    recursive query seeks the next key in the index, once per distinct key (a "loose index
    scan"), instead of reading every entry of the range.
    """
    parts = []
    for i, term in words:
        table = t.search_keys.alias(f"first{i}")
        column = table.c.start if term.short else table.c.key

        def within(column: ColumnElement[str], term: Term = term) -> list[Any]:
            return [column < bindparam(f"{term.name}_hi")] if term.upper else []

        found = (
            select(func.min(column).label("key"))
            .where(
                table.c.tenant_id == bindparam("tenant"),
                column >= bindparam(f"{term.name}_lo"),
                *within(column),
            )
            .cte(f"starting{i}", recursive=True)
        )
        later = t.search_keys.alias(f"later{i}")
        later_column = later.c.start if term.short else later.c.key
        following = (
            select(func.min(later_column))
            .where(
                later.c.tenant_id == bindparam("tenant"),
                later_column > found.c.key,
                *within(later_column),
            )
            .scalar_subquery()
        )
        found = found.union_all(select(following).where(found.c.key.is_not(None)))
        parts.append(
            select(literal_column(str(i), Integer).label("word"), found.c.key)
            .where(found.c.key.is_not(None))
            .limit(_number("most_starts" if term.short else "most"))
        )
    if len(parts) == 1:
        return parts[0]
    # Each part cut on its own: SQLite wants them as subqueries.
    return union_all(*(select(part.subquery()) for part in parts))


def _of_key(
    key: str,
    others: tuple[Term, ...],
    *,
    active: bool,
    start: bool = False,
    bound: ColumnElement[str] | None = None,
) -> Select[Any]:
    """The first ``limit`` clients of one key (or *start*) and the other terms.

    *key* names the parameter that holds the key. In result order, straight from the index:
    no sort; none whose sort key is past *bound*, when it is given.
    """
    keys = t.search_keys.alias()
    column = keys.c.start if start else keys.c.key
    query = select(keys.c.client_id, keys.c.sort_key).where(
        keys.c.tenant_id == bindparam("tenant"),
        column == bindparam(key),
        keys.c.active == active,
        *_below(keys.c.sort_key, bound),
        *_matching(keys.c.client_id, others),
    )
    return query.order_by(keys.c.sort_key, keys.c.client_id).limit(_number("limit"))


def _below(sort_key: ColumnElement[str], bound: ColumnElement[str] | None) -> list[Any]:
    return [] if bound is None else [sort_key <= bound]


def _of_range(
    term: Term,
    others: tuple[Term, ...],
    *,
    include_archived: bool,
    bound: ColumnElement[str] | None = None,
) -> Select[Any]:
    """The first ``limit`` clients of the term's range and the other terms, sorted."""
    keys = t.search_keys.alias("r")
    found = (
        select(keys.c.client_id, keys.c.sort_key)
        .where(
            *_key_range(keys, term, include_archived=include_archived),
            *_below(keys.c.sort_key, bound),
            *_matching(keys.c.client_id, others),
        )
        .distinct()  # a SIREN and its SIRET: two keys of one client in the range
        .subquery()
    )
    return (
        select(found.c.client_id, found.c.sort_key)
        .order_by(found.c.sort_key, found.c.client_id)
        .limit(_number("limit"))
    )


def _parts(
    path: Path,
    others: tuple[Term, ...],
    *,
    include_archived: bool,
    bound: ColumnElement[str] | None = None,
) -> list[Select[Any]]:
    """The statements that give the first ``limit`` clients of *path* matching *others*.

    Each in result order; the archived clients apart when they are included (they are another
    stream of each key of the index). None past *bound*, when it is given.
    """
    states = (True, False) if include_archived else (True,)
    term = path.term
    if path.kind == "start":
        return [
            _of_key(f"{term.name}_lo", others, active=a, start=True, bound=bound) for a in states
        ]
    if path.kind == "walk":
        checks = (term, *others)
        return [
            _of_key(f"{term.name}_start", checks, active=a, start=True, bound=bound) for a in states
        ]
    if path.kind == "keys":
        return [
            _of_key(f"k{j}", others, active=a, start=term.short, bound=bound)
            for j in range(path.keys)
            for a in states
        ]
    return [_of_range(term, others, include_archived=include_archived, bound=bound)]


def _last_of(parts: list[Select[Any]]) -> ColumnElement[str]:
    """A sort key that the first ``limit`` clients of *parts* are not above; no sort.

    Each part is in order and cut at ``limit``: when it is full, the first ``limit`` of all
    are at or below its last (its greatest sort key); the least of those, or the top of every
    sort key when no part is full.
    """
    ends = []
    for part in parts:
        found = part.subquery()
        ends.append(
            select(
                case(
                    (func.count() >= _number("limit"), func.max(found.c.sort_key)),
                    else_=bindparam("top", type_=String),
                ).label("end")
            )
        )
    every = union_all(*ends).subquery() if len(ends) > 1 else ends[0].subquery()
    return select(func.min(every.c.end)).scalar_subquery()


@functools.lru_cache(maxsize=_SHAPES)
def ids(
    lead: Path | None, others: tuple[Term, ...], whole: Path | None, *, include_archived: bool
) -> CompoundSelect[Any]:
    """Rows ``(client_id, sort_key)``: the first ``limit`` clients of *lead*, and of *whole*.

    The clients of the lead word that also match the *others*, and, when *whole* is not
    ``None``, those of the whole text as one key; each part cut at ``limit``, merged by the
    caller.
    """
    parts: list[Select[Any]] = []
    bound = None
    if whole is not None:  # ... or the whole text as one key: "123 45" finds SIREN 123456782
        parts += _parts(whole, (), include_archived=include_archived)
        # The lead's clients are not read past the whole text's last: two common words
        # ("4 0") may share few clients, far down their keys.
        bound = _last_of(_parts(whole, (), include_archived=include_archived))
    if lead is not None:
        parts += _parts(lead, others, include_archived=include_archived, bound=bound)
    return union_all(*(select(part.subquery()) for part in parts))


@functools.lru_cache(maxsize=_SHAPES)
def first_of_each_key(
    words: tuple[Term, ...],
    walked: tuple[tuple[int, int], ...],
    whole: Path | None,
    *,
    include_archived: bool,
) -> CompoundSelect[Any]:
    """Rows ``(stream, bound, client_id, sort_key)``: the start of every key of some words.

    *walked* names the words, each with its number of keys: ``(i, n)`` for the keys
    ``k{i}_0`` to ``k{i}_{n-1}`` of word ``i`` (its starts, for a short word). Each key, in
    each state (active, archived when they are included), is a stream of the index in result
    order; its rows:

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
        others = tuple(term for i, term in enumerate(words) if i != index)
        for j in range(count):
            for active in states:
                keys = t.search_keys.alias()
                column = keys.c.start if words[index].short else keys.c.key
                entries = [
                    keys.c.tenant_id == bindparam("tenant"),
                    column == bindparam(f"k{index}_{j}"),
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
        for whole_part in _parts(whole, (), include_archived=include_archived):
            part = whole_part.subquery()
            parts.append(
                select(
                    literal_column("-1", Integer).label("stream"),
                    literal_column("0", Integer).label("bound"),
                    part.c.client_id,
                    part.c.sort_key,
                )
            )
    return union_all(*(select(part.subquery()) for part in parts))
