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

from ._search import client_search_keys, search_key

if TYPE_CHECKING:
    from collections.abc import Container, Iterable, Iterator

    from ._client import Client

__all__ = ["IndexedClient", "PrefixIndex", "typed_words"]

_SEP = "\x00"  # after the key and after the sort key: no key or sort key contains it
_KEY_END = "\x01"  # the first character after _SEP: "key\x01" sorts after every "key\x00..."
_TOP = "\U0010ffff"  # sorts after any character a key can hold (keys are letters and digits)
_BUFFER_SIZE = 4096


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

    def __contains__(self, client_id: str) -> bool:
        return client_id in self._clients

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
        # Keep each run at least twice as long as the next: O(log n) runs, linear merges.
        while len(runs) > 1 and len(runs[-2]) < 2 * len(runs[-1]):
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
        total = sum(
            bisect_left(run, prefix + _TOP) - bisect_left(run, prefix) for run in self._runs
        )
        return total + sum(1 for entry in self._buffer if entry.startswith(prefix))

    def _segments(self, prefix: str) -> Iterator[Iterator[str]]:
        """Yield, for each key starting with *prefix*, its entries' ``sort key NUL id`` in order."""
        for run in self._runs:
            position = bisect_left(run, prefix)
            end = bisect_left(run, prefix + _TOP, position)
            while position < end:
                entry = run[position]
                key = entry[: entry.index(_SEP)]
                stop = bisect_left(run, key + _KEY_END, position, end)
                yield _tails(run, position, stop, len(key) + 1)
                position = stop
        found = [entry for entry in self._buffer if entry.startswith(prefix)]
        if found:
            yield iter(sorted(entry[entry.index(_SEP) + 1 :] for entry in found))

    def search(
        self, words: list[str], *, include_archived: bool, skip: Container[str]
    ) -> Iterator[tuple[str, str]]:
        """Yield ``(sort key, id)`` of the clients matching *words*, in result order.

        Args:
            words: the typed words (:func:`typed_words`), at least one.
            include_archived: also yield archived clients.
            skip: ids to leave out (those a unit of work changed and searches itself).
        """
        whole = "".join(words)
        prefixes = {min(words, key=self.count)}
        if len(words) > 1:
            prefixes.add(whole)
        streams = [segment for prefix in prefixes for segment in self._segments(prefix)]
        seen: set[str] = set()
        clients = self._clients
        for tail in heapq.merge(*streams):
            sort_key, _, client_id = tail.partition(_SEP)
            if client_id in seen or client_id in skip:
                continue
            indexed = clients.get(client_id)
            if indexed is None or indexed.sort_key != sort_key:
                continue  # stale: removed, or renamed (its fresh entries come in their place)
            seen.add(client_id)
            if (include_archived or indexed.active) and indexed.matches(words, whole):
                yield sort_key, client_id


def _tails(run: list[str], start: int, stop: int, cut: int) -> Iterator[str]:
    for position in range(start, stop):
        yield run[position][cut:]
