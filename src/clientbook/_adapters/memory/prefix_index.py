"""A prefix index of search keys, in memory: what :class:`~clientbook.memory.MemoryStore` searches.

The index holds one entry per search key of each client (:func:`client_search_keys`), as a
string ``key NUL sort-key NUL id``: the entries of one key are therefore ordered by the order
search results are shown in, ``(search_key(display_name), id)``. The entries are kept in a few
sorted runs and a small unsorted buffer, as a log-structured merge tree does: adding a client
appends to the buffer; a full buffer is sorted into a run, and runs of similar sizes are merged
(Timsort merges two sorted runs in linear time). Inserting a million clients thus never inserts
into the middle of a list of millions, and a search bisects a handful of runs.

Beside them, each first one and two characters of a key (``f``, ``fr``) has a *stream*: its
clients as ``sort-key NUL id``, in result order, kept in runs the same way. The entries are one
string per client, shared by its streams, so that a stream costs a reference a client.

A search for the words a user typed takes the entries of its most selective word (the one
with the fewest entries) and of the whole typed text, walks them in result order by merging the
segments of each key, and confirms every candidate by the rule of :func:`matches_prefix` on
the client's keys, stopping at the limit. A term (a word, or the whole text) of one or two
characters is read from its stream, however many keys start with it (every VAT number starts
with "fr"); a longer term that starts more than a few hundred segments of keys, and that many
clients, is read from the stream of its first two characters, each client confirmed by the
rule: about ``limit`` times the share of those clients the term holds are read before the
limit. Removed or changed clients leave stale entries behind; they are recognised (their sort
key or key is no longer the client's) and skipped, and the index is rebuilt when they
outnumber the live ones.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from itertools import islice
from typing import TYPE_CHECKING

import attrs

from clientbook._rules.search import client_search_keys, search_key

if TYPE_CHECKING:
    from collections.abc import Container, Iterable, Iterator

    from clientbook._records.client import Client

__all__ = ["IndexedClient", "PrefixIndex"]

_SEP = "\x00"  # after the key and after the sort key: no key or sort key contains it
_KEY_END = "\x01"  # the first character after _SEP: "key\x01" sorts after every "key\x00..."
_TOP = "\U0010ffff"  # sorts after any character a key can hold (keys are letters and digits)
_BUFFER_SIZE = 4096
_GROWTH = 8
_SELECTIVE = 16
# A term of up to this many characters is read from its stream.
_SHORT = 2
# A longer term whose keys make more segments than this (a segment: one key in one run)...
_SEGMENTS = 256
# ... and that has this many entries or more is read from the stream of its first characters.
_COMMON = 5_000


@attrs.frozen
class IndexedClient:
    """What the index remembers of a client: its order in results, its keys, whether active.

    Attributes:
        sort_key: ``search_key(display_name)``, the first part of the result order.
        keys: every key of :func:`client_search_keys`, each preceded and followed by a
            space, so that ``" " + word in keys`` tells whether a key starts with *word*.
        active: whether the client is offered without ``include_archived``.
    """

    sort_key: str
    keys: str
    active: bool

    @classmethod
    def of(cls, client: Client) -> IndexedClient:
        """Return what the index keeps of *client*."""
        keys = client_search_keys(client)
        return cls(
            search_key(client.display_name),
            " " + "  ".join(sorted(keys)) + " " if keys else "",
            client.active,
        )

    def key_list(self) -> list[str]:
        """Return the client's keys."""
        return self.keys.split()

    def starts(self) -> set[str]:
        """Return the first one and two characters of the client's keys: its streams."""
        return {key[:length] for key in self.keys.split() for length in range(1, _SHORT + 1)}

    def matches(self, words: list[str], whole: str) -> bool:
        """Return whether the typed *words* (or their concatenation *whole*) match the keys.

        The rule of :func:`matches_prefix`: every word starts one of the keys, or the whole
        text without spaces starts one of them.
        """
        keys = self.keys
        return all(" " + word in keys for word in words) or " " + whole in keys


class _Runs:
    """Sorted text entries in a few sorted runs and an unsorted buffer, as an LSM tree keeps them.

    A full buffer is sorted into a run; runs are merged so that each is at least
    :data:`_GROWTH` times as long as the next: few runs, each entry merged a few times.
    """

    __slots__ = ("buffer", "runs")

    def __init__(self, runs: list[list[str]] | None = None) -> None:
        self.runs: list[list[str]] = runs or []
        self.buffer: list[str] = []

    def __len__(self) -> int:
        return sum(map(len, self.runs)) + len(self.buffer)

    def add(self, entries: Iterable[str]) -> None:
        """Add *entries*; they are sorted in when the buffer is full or the runs are read."""
        self.buffer.extend(entries)
        if len(self.buffer) >= _BUFFER_SIZE:
            self.flush()

    def flush(self) -> None:
        """Sort the buffer into a run, and merge the runs of similar sizes."""
        if not self.buffer:
            return
        run = self.buffer
        run.sort()
        self.buffer = []
        runs = self.runs
        runs.append(run)
        # Keep each run at least 8 times as long as the next: few runs, linear merges.
        while len(runs) > 1 and len(runs[-2]) < _GROWTH * len(runs[-1]):
            last = runs.pop()
            merged = runs.pop()
            merged += last
            merged.sort()
            runs.append(merged)

    def sorted_runs(self) -> list[list[str]]:
        """Return the runs, the buffer sorted in first."""
        self.flush()
        return self.runs


class PrefixIndex:
    """The search keys of one tenant's committed clients, for prefix searches."""

    def __init__(self) -> None:
        self._clients: dict[str, IndexedClient] = {}
        self._keys = _Runs()
        self._streams: dict[str, _Runs] = {}
        self._entries = 0  # of keys and streams, stale ones included
        self._live = 0  # entries of the clients as they are now

    def put(self, client: Client) -> None:
        """Index *client*, replacing what was indexed under its id."""
        new = IndexedClient.of(client)
        old = self._clients.get(client.id)
        self._clients[client.id] = new
        new_keys, new_starts = new.key_list(), new.starts()
        if old is None:
            fresh, fresh_starts = new_keys, new_starts
        elif old.sort_key != new.sort_key:  # every entry's order changes
            self._live -= len(old.key_list()) + len(old.starts())
            fresh, fresh_starts = new_keys, new_starts
        else:
            old_keys, old_starts = set(old.key_list()), old.starts()
            fresh = [key for key in new_keys if key not in old_keys]
            fresh_starts = new_starts - old_starts
            self._live -= len(old_keys.difference(new_keys)) + len(old_starts - new_starts)
        tail = new.sort_key + _SEP + client.id
        self._keys.add(key + _SEP + tail for key in fresh)
        for start in fresh_starts:
            stream = self._streams.get(start)
            if stream is None:
                stream = self._streams[start] = _Runs()
            stream.add((tail,))
        added = len(fresh) + len(fresh_starts)
        self._entries += added
        self._live += added
        self._compact_if_stale()

    def discard(self, client_id: str) -> None:
        """Forget the client *client_id* (its entries become stale)."""
        old = self._clients.pop(client_id, None)
        if old is not None:
            self._live -= len(old.key_list()) + len(old.starts())
            self._compact_if_stale()

    def _compact_if_stale(self) -> None:
        stale = self._entries - self._live
        if stale > _BUFFER_SIZE and stale > self._live:
            self._rebuild()

    def _rebuild(self) -> None:
        entries: list[str] = []
        streams: dict[str, list[str]] = {}
        for client_id, indexed in self._clients.items():
            tail = indexed.sort_key + _SEP + client_id
            entries += [key + _SEP + tail for key in indexed.key_list()]
            for start in indexed.starts():
                streams.setdefault(start, []).append(tail)
        entries.sort()
        self._keys = _Runs([entries] if entries else [])
        self._streams = {start: _Runs([sorted(tails)]) for start, tails in streams.items()}
        self._entries = self._live = len(entries) + sum(map(len, streams.values()))

    def count(self, prefix: str) -> int:
        """Return the number of entries (stale ones included) whose key starts with *prefix*.

        For a prefix of one or two characters: the entries of its stream, one a client.
        """
        if len(prefix) <= _SHORT:
            stream = self._streams.get(prefix)
            return 0 if stream is None else len(stream)
        runs = self._keys.sorted_runs()
        return sum(bisect_left(run, prefix + _TOP) - bisect_left(run, prefix) for run in runs)

    def _cursor(self, prefix: str, *, most: int | None = None) -> _Cursor | None:
        """Return a cursor over the entries of the keys starting with *prefix*.

        ``None`` when they make more than *most* segments (one key in one run).
        """
        segments: list[tuple[list[str], int, int, str]] = []
        for run in self._keys.sorted_runs():
            position = bisect_left(run, prefix)
            end = bisect_left(run, prefix + _TOP, position)
            while position < end:
                if most is not None and len(segments) >= most:
                    return None
                entry = run[position]
                key = entry[: entry.index(_SEP) + 1]
                stop = bisect_left(run, key[:-1] + _KEY_END, position, end)
                segments.append((run, position, stop, key))
                position = stop
        return _Cursor(segments)

    def _stream(self, start: str) -> _Cursor:
        """Return a cursor over the stream of *start*, one or two characters."""
        stream = self._streams.get(start)
        runs = [] if stream is None else stream.sorted_runs()
        return _Cursor([(run, 0, len(run), "") for run in runs])

    def _term(self, term: str, count: int) -> _Cursor:
        """Return a cursor over (at least) the clients with a key starting with *term*.

        Its stream when it is short; the entries of its keys when they are few or the term is
        rare; otherwise the stream of its first characters, a superset that the caller checks
        on each client's keys.
        """
        if len(term) <= _SHORT:
            return self._stream(term)
        cursor = self._cursor(term, most=_SEGMENTS)
        if cursor is not None:
            return cursor
        if count >= _COMMON:
            return self._stream(term[:_SHORT])
        found = self._cursor(term)
        assert found is not None  # no limit on the segments
        return found

    def search(
        self,
        words: list[str],
        *,
        include_archived: bool,
        skip: Container[str],
        limit: int | None = None,
    ) -> Iterator[tuple[str, str]]:
        """Yield ``(sort key, id)`` of the clients matching *words*, in result order.

        Args:
            words: the typed words (:func:`~clientbook._rules.search.search_words`), at least
                one.
            include_archived: also yield archived clients.
            skip: ids to leave out (those a unit of work changed and searches itself).
            limit: how many the caller reads at most; ``None``: all of them. With several
                words, the clients of the whole text are read first, up to *limit*: the words'
                common clients need not be sought past the last of them (two common words,
                such as "4 0", may share few clients, far down their entries).
        """
        whole = "".join(words)
        bound = None
        if len(words) > 1 and limit is not None and limit > 0:
            matched = (
                tail
                for tail in _walk(self._term(whole, self.count(whole)))
                if self._shown(tail, words, whole, include_archived=include_archived, skip=skip)
            )
            bound = next(islice(matched, limit - 1, None), None)
        counts = {word: self.count(word) for word in words}
        fewest = min(counts.values())
        # The words whose keys are not much more frequent than the rarest's: the candidates
        # are in all of them, found by jumping from one to the next (a rare combination of
        # common words costs little); the other words are checked on each candidate.
        selective = [word for word in counts if counts[word] <= _SELECTIVE * fewest]
        if len(selective) == 1:
            candidates = _walk(self._term(selective[0], counts[selective[0]]))
        else:
            candidates = _in_all([self._term(word, counts[word]) for word in selective], bound)
        if len(words) > 1:  # or the whole text without spaces: "123 45", "FR 11"
            candidates = heapq.merge(candidates, _walk(self._term(whole, self.count(whole))))
        seen: set[str] = set()
        clients = self._clients
        for tail in candidates:
            sort_key, _, client_id = tail.partition(_SEP)
            if client_id in seen or client_id in skip:
                continue
            indexed = clients.get(client_id)
            if indexed is None or indexed.sort_key != sort_key:
                continue  # stale: removed, or renamed (its fresh entries come in their place)
            seen.add(client_id)
            if (include_archived or indexed.active) and indexed.matches(words, whole):
                yield sort_key, client_id

    def _shown(
        self,
        tail: str,
        words: list[str],
        whole: str,
        *,
        include_archived: bool,
        skip: Container[str],
    ) -> bool:
        """Return whether the entry *tail* is a live client that a search for *words* shows."""
        sort_key, _, client_id = tail.partition(_SEP)
        indexed = self._clients.get(client_id)
        return (
            indexed is not None
            and client_id not in skip
            and indexed.sort_key == sort_key
            and (include_archived or indexed.active)
            and indexed.matches(words, whole)
        )


class _Cursor:
    """The entries of some keys as ``sort key NUL id``, in order, from segments of sorted runs.

    Each segment holds the entries of one key in one run (or, for a stream, one run: its key
    is empty); the cursor keeps a heap of each segment's next entry, and can jump ahead to the
    first entry not below a target by bisecting each segment that is behind.
    """

    __slots__ = ("_heap", "_segments")

    def __init__(self, segments: list[tuple[list[str], int, int, str]]) -> None:
        self._segments = segments
        self._heap = [
            (run[start][len(key) :], number, start)
            for number, (run, start, stop, key) in enumerate(segments)
            if start < stop
        ]
        heapq.heapify(self._heap)

    def head(self) -> str | None:
        """Return the current entry, ``None`` at the end."""
        return self._heap[0][0] if self._heap else None

    def seek(self, target: str) -> None:
        """Move to the first entry not below *target*."""
        heap, segments = self._heap, self._segments
        while heap and heap[0][0] < target:
            _, number, position = heap[0]
            run, _, stop, key = segments[number]
            position += 1
            if position < stop and run[position][len(key) :] < target:
                position = bisect_left(run, key + target, position, stop)
            if position < stop:
                heapq.heapreplace(heap, (run[position][len(key) :], number, position))
            else:
                heapq.heappop(heap)


def _walk(cursor: _Cursor) -> Iterator[str]:
    """Yield every entry of *cursor*, each once."""
    while (head := cursor.head()) is not None:
        yield head
        cursor.seek(head + _SEP)  # the smallest text after head: skips its repeats


def _in_all(cursors: list[_Cursor], stop: str | None = None) -> Iterator[str]:
    """Yield the entries found in every cursor, jumping each ahead to the furthest one's.

    None past *stop*, when it is given: the search does not need them.
    """
    while True:
        heads = [cursor.head() for cursor in cursors]
        if None in heads:
            return
        furthest = max(head for head in heads if head is not None)
        if stop is not None and furthest > stop:
            return
        if all(head == furthest for head in heads):
            yield furthest
            furthest += _SEP
        for cursor, head in zip(cursors, heads, strict=True):
            if head is not None and head < furthest:
                cursor.seek(furthest)
