"""The SQL search: which clients a typed text finds, read from the index of search keys.

:func:`search_ids` plans and runs a search with the statements of
:mod:`clientbook._adapters.sql.search_statements` and returns the ids of the first clients in
result order; the repository then reads them. The rule is :func:`clientbook.matches_prefix`:
a client matches when every typed word starts one of its keys, or when the whole typed text
(its words joined) does. The index of ``clientbook_search_keys`` holds, for each key, its
clients in result order (sort key, then id), so that a key's first clients are read without a
sort and the read stops at the limit.

Beside each key, the table holds its *start*, its first two characters (:func:`keys_with_starts`),
on one key of each client that starts with them; a second index holds, for each start, its
clients in result order, each once. A term (a typed word, or the whole text) of two
characters reads its start; of one character, the few starts that begin with it (one a letter
or digit that follows), merged: however many keys start with it (every French VAT number starts
with "fr", every SIRET with a digit), a common term costs no more than a rare one.

A longer term is a range of the index (``key >= 'dub' AND key < 'duc'``), never a scan. The
entries of each term are counted, up to a cap (:data:`_COUNT_CAP`), to find the rarest word,
which leads; the others are checked on each candidate's own keys. The lead is read by one of
three paths (:class:`~clientbook._adapters.sql.search_statements.Path`), each stopping at the
limit:

- ``keys``: up to :data:`_MERGE_KEYS` distinct keys start with it (or, for a short term, its
  starts): each one's first clients, merged;
- ``range``: more keys, but fewer entries than the cap: the range is read and sorted (at most
  :data:`_COUNT_CAP` entries);
- ``walk``: more keys, and the cap's entries or more: the clients of its first two characters
  are walked in result order, each checked on its own keys, until the limit. The term holds at
  least :data:`_COUNT_CAP` of them, so few are walked before the first results (about
  ``limit`` times the share of the start's clients the term holds).

The whole typed text, when there are several words, is read the same way, beside the words.

When every typed word is common ("claire dup": 256 entries or more each), the one with the
fewest may still hold its first matching clients far down its keys. So the keys of every word
are listed, and the first clients of each key of the words that start few keys are read, each
checked against the other words: those found are the results when they reach far enough to be
the first (see :func:`_first_of_each_key`); otherwise the rarest word is read as above.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from clientbook._adapters.sql import search_statements as statements

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from clientbook._adapters.sql.session import Session

__all__ = ["SHORT", "keys_with_starts", "search_ids"]

# Above every sort key (they are search keys: letters, digits and spaces).
_TOP = "\U0010ffff"
#: A term of up to this many characters is read through the starts of the keys.
SHORT = 2
# How far a search counts the entries of each term to find the rarest; a term with fewer
# entries than this, but too many distinct keys to merge them, has its range read and sorted.
_COUNT_CAP = 5_000
# Up to this many distinct keys starting with the lead word, a search merges the clients of
# each key, read in result order.
_MERGE_KEYS = 64
# The most starts a term of one character is read from: one for each character that follows
# it in a key (36 letters and digits in French names, more in other scripts).
_MERGE_STARTS = 1_000
# When every typed word is common (this many entries or more, or past the count's cap),
# reading the rarest word's clients in order may read far before it finds the first that
# match the others. So a search first reads the start of each key of the words that start few
# keys (up to this many keys a word, this many streams in all, a stream being a key's active
# or archived clients): the first _WINDOW clients of each, in result order.
_COMMON = 256
_WALKED_KEYS = 4
_WALKED_STREAMS = 8
_WINDOW = 128


def keys_with_starts(keys: Iterable[str]) -> list[tuple[str, str | None]]:
    """Return a client's *keys* in order, each with its start, or ``None``.

    The start of a key is its first two characters (its only one, for a key of one
    character); it is given on the first key that has it, ``None`` on the others, so that the
    index of starts holds each client once under each start.

    >>> keys_with_starts(["dupont", "fr11123456782", "dubois", "d"])
    [('d', 'd'), ('dubois', 'du'), ('dupont', None), ('fr11123456782', 'fr')]
    """
    found: list[tuple[str, str | None]] = []
    seen: set[str] = set()
    for key in sorted(keys):
        start = key[:SHORT]
        found.append((key, None if start in seen else start))
        seen.add(start)
    return found


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
        terms: the terms of the statements: one a distinct word (named ``w0``, ``w1``...),
            then the whole text when there are several words (named ``whole``).
        texts: the text of each term.
        whole: the term of the whole text; ``None`` for a single word.
        params: the tenant, and the range and start of each term.
    """

    def __init__(self, words: Sequence[str], tenant_id: str, *, include_archived: bool) -> None:
        self.words = list(words)
        self.distinct = list(dict.fromkeys(words))
        self.include_archived = include_archived
        self.params: dict[str, Any] = {"tenant": tenant_id}
        self.texts = list(self.distinct)
        if len(self.words) > 1:  # or the whole text as one key: "123 45" finds SIREN 123456782
            self.texts.append("".join(words))
        self.terms = [
            self._term(f"w{i}" if i < len(self.distinct) else "whole", text)
            for i, text in enumerate(self.texts)
        ]
        self.whole = self.terms[-1] if len(self.words) > 1 else None

    def _term(self, name: str, text: str) -> statements.Term:
        self.params[f"{name}_lo"] = text
        self.params[f"{name}_start"] = text[:SHORT]
        upper = _after_prefix(text)
        if upper is not None:
            self.params[f"{name}_hi"] = upper
        return statements.Term(name, upper is not None, short=len(text) <= SHORT)

    def others(self, lead: int) -> tuple[statements.Term, ...]:
        """The distinct words but word *lead*: what a client of the lead must also match."""
        return tuple(self.terms[i] for i in range(len(self.distinct)) if i != lead)


def search_ids(
    session: Session, words: Sequence[str], *, include_archived: bool, limit: int
) -> list[str]:
    """Return the ids of the first *limit* clients that the typed *words* find, in order.

    One statement counts the entries of each term; when no client can match, that is all.
    Then one lists the keys (or starts) of the lead word, unless it has two characters, and
    one reads the ids; one more when every typed word is common and the first clients of each
    key are not enough. The words are those of
    :func:`~clientbook._rules.search.search_words`, at least one.
    """
    session.flush()
    query = _Typed(words, session.tenant_id, include_archived=include_archived)
    counts = _key_counts(session, query)
    whole = _whole_path(query, counts)
    word_counts = counts[: len(query.distinct)]
    if min(word_counts) == 0 and whole is None:
        return []  # a word starts no key, and the whole text none either
    # Fewest entries first; on a tie (several words past the cap), the longest word.
    lead = min(range(len(query.distinct)), key=lambda i: (word_counts[i], -len(query.texts[i])))
    if word_counts[lead] == 0:  # only the whole text can match
        return _first_ids(session, query, None, whole, limit=limit)
    if len(query.distinct) > 1 and word_counts[lead] >= min(_COMMON, _COUNT_CAP):
        starting = _keys_starting(session, query, range(len(query.distinct)))
        found = _first_of_each_key(session, query, starting, whole, limit=limit)
        if found is not None:
            return found
    else:
        starting = _keys_starting(session, query, [lead])
    path = _path(query, lead, word_counts[lead], starting[lead])
    return _first_ids(session, query, (lead, path, starting[lead]), whole, limit=limit)


def _path(query: _Typed, index: int, count: int, keys: Sequence[str] | None) -> statements.Path:
    """Return how to read the clients of term *index*: *count* entries, *keys* listed."""
    term, text = query.terms[index], query.texts[index]
    if len(text) == SHORT:
        return statements.Path(term, "start")
    if keys is not None and len(keys) <= (_MERGE_STARTS if term.short else _MERGE_KEYS):
        return statements.Path(term, "keys", len(keys))
    if count < _COUNT_CAP or term.short:
        return statements.Path(term, "range")
    return statements.Path(term, "walk")


def _whole_path(query: _Typed, counts: Sequence[int]) -> statements.Path | None:
    """Return how to read the whole text as one key; ``None``: a single word, or no key."""
    if query.whole is None or counts[-1] == 0:
        return None
    return _path(query, len(query.terms) - 1, counts[-1], None)


def _key_counts(session: Session, query: _Typed) -> list[int]:
    """Count the entries of each term, up to :data:`_COUNT_CAP`, in one statement."""
    statement = statements.key_counts(tuple(query.terms), include_archived=query.include_archived)
    found = session.execute(statement, {**query.params, "cap": _COUNT_CAP}).one()
    return list(found)


def _keys_starting(session: Session, query: _Typed, words: Iterable[int]) -> dict[int, list[str]]:
    """Return, for each of the *words* (indexes), the distinct keys that start with it.

    For a word of one or two characters, the starts that start with it: itself, for two. Up
    to one too many (:data:`_MERGE_KEYS` + 1, :data:`_MERGE_STARTS` + 1) a word, in one
    statement, none when every word has two characters.
    """
    wanted = list(words)
    found: dict[int, list[str]] = {i: [] for i in wanted}
    listed: list[tuple[int, statements.Term]] = []
    for i in wanted:
        if len(query.texts[i]) == SHORT:
            found[i] = [query.texts[i]]
        else:
            listed.append((i, query.terms[i]))
    if listed:
        statement = statements.keys_starting(tuple(listed))
        params = {**query.params, "most": _MERGE_KEYS + 1, "most_starts": _MERGE_STARTS + 1}
        for row in session.execute(statement, params):
            found[row.word].append(row.key)
    return found


def _merged(rows: Iterable[Any], limit: int) -> list[str]:
    """Return the first *limit* ids of rows ``(client_id, sort_key)``, in result order."""
    sort_keys: dict[str, str] = {}
    for row in rows:
        sort_keys[row.client_id] = row.sort_key
    return sorted(sort_keys, key=lambda client_id: (sort_keys[client_id], client_id))[:limit]


def _first_ids(
    session: Session,
    query: _Typed,
    lead: tuple[int, statements.Path, Sequence[str]] | None,
    whole: statements.Path | None,
    *,
    limit: int,
) -> list[str]:
    """Return the ids of the first *limit* clients matching the words, in result order.

    *lead* is the rarest word (its index, its path, the keys that start it), ``None`` when
    some word matches nothing; *whole* the path of the whole text, ``None`` when it matches
    nothing or there is a single word.
    """
    if lead is None and whole is None:
        return []
    params = {**query.params, "limit": limit, "top": _TOP}
    if lead is None:
        statement = statements.ids(None, (), whole, include_archived=query.include_archived)
    else:
        index, path, keys = lead
        if path.kind == "keys":
            params.update((f"k{j}", key) for j, key in enumerate(keys))
        statement = statements.ids(
            path, query.others(index), whole, include_archived=query.include_archived
        )
    return _merged(session.execute(statement, params), limit)


def _first_of_each_key(
    session: Session,
    query: _Typed,
    starting: dict[int, list[str]],
    whole: statements.Path | None,
    *,
    limit: int,
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
        (i for i in range(len(query.distinct)) if 0 < len(starting[i]) <= _WALKED_KEYS),
        key=lambda i: len(starting[i]),
    )
    walked: list[int] = []
    streams = 0
    for i in candidates:
        if len(starting[i]) < most and streams + len(starting[i]) * states <= _WALKED_STREAMS:
            walked.append(i)
            streams += len(starting[i]) * states
    if not walked:
        return None
    statement = statements.first_of_each_key(
        tuple(query.terms[: len(query.distinct)]),
        tuple((i, len(starting[i])) for i in walked),
        whole,
        include_archived=query.include_archived,
    )
    params = {**query.params, "limit": limit, "window": _WINDOW, "last": _WINDOW - 1}
    for i in walked:
        params.update((f"k{i}_{j}", key) for j, key in enumerate(starting[i]))
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
    for i in walked:
        count = len(starting[i]) * states
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
