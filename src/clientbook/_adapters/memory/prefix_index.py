"""A prefix index of search keys, in memory: what :class:`~clientbook.memory.MemoryStore` searches.

The index holds one entry per search key of each client (:func:`client_search_keys`), as a
string ``key NUL sort-key NUL id``: the entries of one key are therefore ordered by the order
search results are shown in, ``(search_key(display_name), id)``. The entries are kept in a few
sorted runs and a small unsorted buffer, as a log-structured merge tree does: adding a client
appends to the buffer; a full buffer is sorted into a run, and runs of similar sizes are merged
(Timsort merges two sorted runs in linear time). Inserting a million clients thus never inserts
into the middle of a list of millions, and a search bisects a handful of runs.

A search for the words a user typed takes the entries of its most selective word (the one
with the fewest entries) and of the whole typed text, walks them in result order by merging the
segments of each key, and confirms every candidate by the rule of :func:`matches_prefix` on
the client's keys, stopping at the limit. Removed or changed clients leave stale entries
behind; they are recognised (their sort key or key is no longer the client's) and skipped, and
the index is rebuilt when they outnumber the live ones.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from typing import TYPE_CHECKING

import attrs

from clientbook._rules.search import client_search_keys, search_key

if TYPE_CHECKING:
    from collections.abc import Container, Iterable, Iterator

    from clientbook._records.client import Client

__all__ = ["IndexedClient", "PrefixIndex", "typed_words"]

_SEP = "\x00"  # after the key and after the sort key: no key or sort key contains it
_KEY_END = "\x01"  # the first character after _SEP: "key\x01" sorts after every "key\x00..."
_TOP = "\U0010ffff"  # sorts after any character a key can hold (keys are letters and digits)
_BUFFER_SIZE = 4096
_GROWTH = 8
_SELECTIVE = 16


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

    def matches(self, words: list[str], whole: str) -> bool:
        """Return whether the typed *words* (or their concatenation *whole*) match the keys.

        The rule of :func:`matches_prefix`: every word starts one of the keys, or the whole
        text without spaces starts one of them.
        """
        keys = self.keys
        return all(" " + word in keys for word in words) or " " + whole in keys


def typed_words(typed: str) -> list[str]:
    """Return the words of what a user typed, reduced as the keys are."""
    return search_key(typed).split()


class PrefixIndex:
    """The search keys of one tenant's committed clients, for prefix searches."""

    def __init__(self) -> None:
        self._clients: dict[str, IndexedClient] = {}
        self._runs: list[list[str]] = []
        self._buffer: list[str] = []
        self._entries = 0  # in runs and buffer, stale ones included
        self._live = 0  # entries of the clients as they are now

    def put(self, client: Client) -> None:
        """Index *client*, replacing what was indexed under its id."""
        new = IndexedClient.of(client)
        old = self._clients.get(client.id)
        self._clients[client.id] = new
        new_keys = new.key_list()
        if old is None:
            fresh = new_keys
        elif old.sort_key != new.sort_key:  # every entry's order changes
            self._live -= len(old.key_list())
            fresh = new_keys
        else:
            old_keys = set(old.key_list())
            fresh = [key for key in new_keys if key not in old_keys]
            self._live -= len(old_keys.difference(new_keys))
        self._append(fresh, new.sort_key, client.id)

    def discard(self, client_id: str) -> None:
        """Forget the client *client_id* (its entries become stale)."""
        old = self._clients.pop(client_id, None)
        if old is not None:
            self._live -= len(old.key_list())
            self._compact_if_stale()

    def _append(self, keys: Iterable[str], sort_key: str, client_id: str) -> None:
        suffix = _SEP + sort_key + _SEP + client_id
        before = len(self._buffer)
        self._buffer.extend(key + suffix for key in keys)
        added = len(self._buffer) - before
        self._entries += added
        self._live += added
        if len(self._buffer) >= _BUFFER_SIZE:
            self._flush()
        self._compact_if_stale()

    def _flush(self) -> None:
        run = self._buffer
        run.sort()
        self._buffer = []
        runs = self._runs
        runs.append(run)
        # Keep each run at least 8 times as long as the next: few runs, linear merges.
        while len(runs) > 1 and len(runs[-2]) < _GROWTH * len(runs[-1]):
            last = runs.pop()
            merged = runs.pop()
            merged += last
            merged.sort()
            runs.append(merged)

    def _compact_if_stale(self) -> None:
        stale = self._entries - self._live
        if stale > _BUFFER_SIZE and stale > self._live:
            self._rebuild()

    def _rebuild(self) -> None:
        entries = [
            key + _SEP + indexed.sort_key + _SEP + client_id
            for client_id, indexed in self._clients.items()
            for key in indexed.key_list()
        ]
        entries.sort()
        self._runs = [entries] if entries else []
        self._buffer = []
        self._entries = self._live = len(entries)

    def count(self, prefix: str) -> int:
        """Return the number of entries (stale ones included) whose key starts with *prefix*."""
        return sum(bisect_left(run, prefix + _TOP) - bisect_left(run, prefix) for run in self._runs)

    def _cursor(self, prefix: str) -> _Cursor:
        """Return a cursor over the entries of the keys starting with *prefix*."""
        segments: list[tuple[list[str], int, int, str]] = []
        for run in self._runs:
            position = bisect_left(run, prefix)
            end = bisect_left(run, prefix + _TOP, position)
            while position < end:
                entry = run[position]
                key = entry[: entry.index(_SEP) + 1]
                stop = bisect_left(run, key[:-1] + _KEY_END, position, end)
                segments.append((run, position, stop, key))
                position = stop
        return _Cursor(segments)

    def search(
        self, words: list[str], *, include_archived: bool, skip: Container[str]
    ) -> Iterator[tuple[str, str]]:
        """Yield ``(sort key, id)`` of the clients matching *words*, in result order.

        Args:
            words: the typed words (:func:`typed_words`), at least one.
            include_archived: also yield archived clients.
            skip: ids to leave out (those a unit of work changed and searches itself).
        """
        if self._buffer:
            self._flush()  # the recent entries become a (small) sorted run
        whole = "".join(words)
        counts = {word: self.count(word) for word in words}
        fewest = min(counts.values())
        # The words whose keys are not much more frequent than the rarest's: the candidates
        # are in all of them, found by jumping from one to the next (a rare combination of
        # common words costs little); the other words are checked on each candidate.
        selective = [word for word in counts if counts[word] <= _SELECTIVE * fewest]
        if len(selective) == 1:
            candidates = _walk(self._cursor(selective[0]))
        else:
            candidates = _in_all([self._cursor(word) for word in selective])
        if len(words) > 1:  # or the whole text without spaces: "123 45", "FR 11"
            candidates = heapq.merge(candidates, _walk(self._cursor(whole)))
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


class _Cursor:
    """The entries of some keys as ``sort key NUL id``, in order, from segments of sorted runs.

    Each segment holds the entries of one key in one run; the cursor keeps a heap of each
    segment's next entry, and can jump ahead to the first entry not below a target by
    bisecting each segment that is behind.
    """

    __slots__ = ("_heap", "_segments")

    def __init__(self, segments: list[tuple[list[str], int, int, str]]) -> None:
        self._segments = segments
        self._heap = [
            (run[start][len(key) :], number, start)
            for number, (run, start, _, key) in enumerate(segments)
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


def _in_all(cursors: list[_Cursor]) -> Iterator[str]:
    """Yield the entries found in every cursor, jumping each ahead to the furthest one's."""
    while True:
        heads = [cursor.head() for cursor in cursors]
        if None in heads:
            return
        furthest = max(head for head in heads if head is not None)
        if all(head == furthest for head in heads):
            yield furthest
            furthest += _SEP
        for cursor, head in zip(cursors, heads, strict=True):
            if head is not None and head < furthest:
                cursor.seek(furthest)
