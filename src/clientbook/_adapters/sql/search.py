"""The SQL search: which clients a typed text finds, read from the index of search keys.

:func:`search_ids` plans and runs a search with the statements of
:mod:`clientbook._adapters.sql.search_statements` and returns the ids of the first clients in
result order; the repository then reads them. The rule is :func:`clientbook.matches_prefix`;
each typed word is a range of the index of ``clientbook_search_keys``
(``key >= 'dub' AND key < 'duc'``), never a scan. The keys of each word are counted (up to a
cap) to find the rarest word; the distinct keys that start with it are listed (a few index
seeks). For each of them, the index gives its clients in result order, checked against the
other words on their own keys, and stops at the limit: a common word costs no more than a rare
one. A word that starts more than 64 distinct keys ("1", "d") reads its whole range instead.

When every typed word is common ("claire dup": 256 keys or more each), the one with the fewest
keys may still hold its first matching clients far down its keys. So the keys of every word
are listed, and the first clients of each key of the words that start few keys are read, each
checked against the other words: those found are the results when they reach far enough to be
the first (see :func:`_first_of_each_key`); otherwise the rarest word is read as above.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from clientbook._adapters.sql import search_statements as statements

if TYPE_CHECKING:
    from collections.abc import Sequence

    from clientbook._adapters.sql.session import Session

__all__ = ["search_ids"]

# How far a search counts the keys of each typed word to find the rarest.
_COUNT_CAP = 5_000
# Up to this many distinct keys starting with the rarest word, a search merges the clients of
# each key, read in result order; past it, it reads and sorts the whole range of the word.
_MERGE_KEYS = 64
# When every typed word is common (this many keys or more, or past the count's cap), reading
# the rarest word's clients in order may read far before it finds the first that match the
# others. So a search first reads the start of each key of the words that start few keys (up
# to this many keys a word, this many streams in all, a stream being a key's active or
# archived clients): the first _WINDOW clients of each, in result order.
_COMMON = 256
_WALKED_KEYS = 4
_WALKED_STREAMS = 8
_WINDOW = 128


def _after_prefix(word: str) -> str | None:
    """Return the smallest text above every text that starts with *word*; ``None`` if none.

    ``"dub"`` gives ``"duc"``: ``key >= 'dub' AND key < 'duc'`` is ``key.startswith('dub')``
    in the order of code points, which is SQLite's BINARY and PostgreSQL's "C" order.
    """
    chars = list(word)
    while chars:
        code = ord(chars.pop()) + 1
        if 0xD800 <= code <= 0xDFFF:  # surrogates are not characters: skip them
            code = 0xE000
        if code <= 0x10FFFF:
            return "".join(chars) + chr(code)
    return None


class _Typed:
    """What a user typed, as the parameters of :mod:`~clientbook._adapters.sql.search_statements`.

    Attributes:
        words: the typed words, reduced by :func:`~clientbook.search_key`, in order.
        distinct: the words without repeats; word ``i`` of the statements is ``distinct[i]``.
        index: the position of each word in *distinct*.
        uppers: for each distinct word, whether a text is above all that start with it.
        whole: whether the whole text as one key has an upper bound; ``None`` when there is
            a single word (the whole text is that word).
        params: the tenant and the range of each word and of the whole text.
    """

    def __init__(self, words: Sequence[str], tenant_id: str, *, include_archived: bool) -> None:
        self.words = list(words)
        self.distinct = list(dict.fromkeys(words))
        self.index = {word: i for i, word in enumerate(self.distinct)}
        self.include_archived = include_archived
        self.params: dict[str, Any] = {"tenant": tenant_id}
        uppers = []
        for i, word in enumerate(self.distinct):
            uppers.append(self._range(f"w{i}", word))
        self.uppers = tuple(uppers)
        whole_upper = self._range("whole", "".join(words))
        self.whole = whole_upper if len(self.words) > 1 else None

    def _range(self, name: str, word: str) -> bool:
        self.params[f"{name}_lo"] = word
        upper = _after_prefix(word)
        if upper is not None:
            self.params[f"{name}_hi"] = upper
        return upper is not None

    def others(self, lead: int) -> statements.Others:
        """The distinct words but word *lead*, with their upper bounds."""
        return tuple((i, upper) for i, upper in enumerate(self.uppers) if i != lead)


def search_ids(
    session: Session, words: Sequence[str], *, include_archived: bool, limit: int
) -> list[str]:
    """Return the ids of the first *limit* clients that the typed *words* find, in order.

    Three statements, four when every typed word is common and the first clients of each key
    are not enough; the words are those of :func:`~clientbook.search_key`, at least one.
    """
    session.flush()
    query = _Typed(words, session.tenant_id, include_archived=include_archived)
    counts = _key_counts(session, query)
    # Fewest keys first; on a tie (several words past the cap), the longest word.
    rarest = min(words, key=lambda word: (counts[word], -len(word)))
    ids: list[str] | None = None
    if len(query.distinct) > 1 and counts[rarest] >= min(_COMMON, _COUNT_CAP):
        starting = _keys_starting(session, query, query.distinct)
        ids = _first_of_each_key(session, query, starting, limit=limit)
    else:
        starting = _keys_starting(session, query, [rarest])
    if ids is None:
        ids = _first_ids(session, query, rarest, starting[rarest], limit=limit)
    return ids


def _key_counts(session: Session, query: _Typed) -> dict[str, int]:
    """Count the keys of each word, up to :data:`_COUNT_CAP`, in one statement."""
    statement = statements.key_counts(query.uppers, include_archived=query.include_archived)
    found = session.execute(statement, {**query.params, "cap": _COUNT_CAP}).one()
    return dict(zip(query.distinct, found, strict=True))


def _keys_starting(session: Session, query: _Typed, words: Sequence[str]) -> dict[str, list[str]]:
    """Return the distinct keys of the tenant that start with each of *words*.

    Up to one too many (:data:`_MERGE_KEYS` + 1) a word, in one statement.
    """
    indexes = tuple(query.index[word] for word in words)
    statement = statements.keys_starting(tuple((i, query.uppers[i]) for i in indexes))
    found: dict[int, list[str]] = {i: [] for i in indexes}
    params = {**query.params, "most": _MERGE_KEYS + 1}
    for row in session.execute(statement, params):
        found[row.word].append(row.key)
    return {word: found[query.index[word]] for word in words}


def _first_ids(
    session: Session, query: _Typed, rarest: str, starting: Sequence[str], *, limit: int
) -> list[str]:
    """Return the ids of the first *limit* clients matching the words, in result order.

    *starting* is the keys that start with the *rarest* word.
    """
    lead = query.index[rarest]
    others = query.others(lead)
    whole = query.whole
    params = {**query.params, "limit": limit}
    if len(starting) > _MERGE_KEYS:
        statement = statements.ids_from_range(
            (lead, query.uppers[lead]),
            others,
            whole,
            include_archived=query.include_archived,
        )
        return list(session.execute(statement, params).scalars())
    if not starting and whole is None:
        return []
    # Each key's clients come from the index in result order (name, id), the archived
    # ones apart when they are included, each list cut at *limit*; merged here.
    merged = statements.ids_by_keys(
        len(starting), others, whole, include_archived=query.include_archived
    )
    params.update((f"k{j}", key) for j, key in enumerate(starting))
    sort_keys: dict[str, str] = {}
    for row in session.execute(merged, params):
        sort_keys[row.client_id] = row.sort_key
    return sorted(sort_keys, key=lambda client_id: (sort_keys[client_id], client_id))[:limit]


def _first_of_each_key(
    session: Session, query: _Typed, starting: dict[str, list[str]], *, limit: int
) -> list[str] | None:
    """Return the first *limit* matching ids, read from the start of some words' keys.

    The words that start few keys (all of them listed) are walked: each of their keys, in
    each state, is a stream of the index in result order. The first :data:`_WINDOW`
    entries of each stream are read and checked against the other words (the first
    *limit* that match are kept), and so is its entry number :data:`_WINDOW`. A stream
    answers for its matching clients up to a point: to its end when it was read to its
    end or when *limit* of its entries matched (a client after those is not among the
    first *limit* results), otherwise up to its last entry read. A client matching every
    word is in one stream of each walked word, so the first *limit* clients found (with
    the first *limit* of the whole text as one key) are the results when, for one walked
    word, every stream answers to its end, or the last of them comes before the nearest
    point its streams answer to. Otherwise ``None``: the rarest word is read instead.
    """
    most = _MERGE_KEYS + 1
    states = 2 if query.include_archived else 1
    candidates = sorted(
        (word for word in query.distinct if 0 < len(starting[word]) <= _WALKED_KEYS),
        key=lambda word: len(starting[word]),
    )
    walked: list[str] = []
    streams = 0
    for word in candidates:
        if len(starting[word]) < most and streams + len(starting[word]) * states <= (
            _WALKED_STREAMS
        ):
            walked.append(word)
            streams += len(starting[word]) * states
    if not walked:
        return None
    statement = statements.first_of_each_key(
        query.uppers,
        tuple((query.index[word], len(starting[word])) for word in walked),
        query.whole,
        include_archived=query.include_archived,
    )
    params = {**query.params, "limit": limit, "window": _WINDOW, "last": _WINDOW - 1}
    for word in walked:
        params.update((f"k{query.index[word]}_{j}", key) for j, key in enumerate(starting[word]))
    sort_keys: dict[str, str] = {}
    matches: dict[int, list[tuple[str, str]]] = {}
    window_ends: dict[int, tuple[str, str]] = {}
    for row in session.execute(statement, params):
        if row.bound:
            window_ends[row.stream] = (row.sort_key, row.client_id)
            continue
        sort_keys[row.client_id] = row.sort_key
        if row.stream >= 0:
            matches.setdefault(row.stream, []).append((row.sort_key, row.client_id))

    def reach(stream: int) -> tuple[str, str] | None:
        """The (sort key, id) the stream answers to; ``None``: to its end."""
        if len(matches.get(stream, ())) >= limit:
            return None
        return window_ends.get(stream)

    known: tuple[str, ...] = ()  # how far the clients found answer; () is before all
    everything = False  # whether they answer to the end
    stream = 0
    for word in walked:
        count = len(starting[word]) * states
        reaches = [reach(number) for number in range(stream, stream + count)]
        stream += count
        points = [point for point in reaches if point is not None]
        if not points:  # every stream of this word answers to its end
            everything = True
            break
        known = max(known, min(points))
    ordered = sorted((sort_key, client_id) for client_id, sort_key in sort_keys.items())
    if everything or (len(ordered) >= limit and ordered[limit - 1] <= known):
        return [client_id for _, client_id in ordered[:limit]]
    return None
