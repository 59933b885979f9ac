"""Matching the clients of an import with the stored ones, and the parent links of a batch.

:data:`MATCH_ORDER` is the one home of the order an import matches a stored client in (its
SIRET, then its VAT number, then the host's id); :class:`Known` holds the stored clients a
batch may match, :class:`Parents` the parent links it must check.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from clientbook._base.i18n import N_, translate
from clientbook._records.problem import Problem
from clientbook._rules.parents import ParentCycle, check_parent
from clientbook.identifiers import siret as _siret
from clientbook.identifiers import vat as _vat

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from clientbook._records.client import Client
    from clientbook._services.ports import ClientRepository

__all__ = ["MATCH_ORDER", "Known", "Parents", "stored_with_numbers"]

_UNKNOWN_PARENT = N_("The parent company {parent_id} is not one of the clients.")


def _as_given(client_id: str) -> str:
    """The host's id is compared as it is: it is opaque to clientbook."""
    return client_id


#: What an import matches a stored client by, in this order: the SIRET, then the VAT number,
#: then the host's id; each record field with the form its values are compared in.
MATCH_ORDER: Final[tuple[tuple[str, Callable[[str], str]], ...]] = (
    ("siret", _siret.compact),
    ("vat_number", _vat.compact),
    ("id", _as_given),
)
# The numbers looked up among the stored clients' (``by_sirets``, ``by_vats``); the id, last
# of MATCH_ORDER, is a stored client's own key.
_NUMBERS: Final = MATCH_ORDER[:-1]


class Known:
    """The stored clients a batch may match, kept up to date as the batch writes."""

    def __init__(self) -> None:
        self.clients: dict[str, Client] = {}
        self._ids: dict[str, dict[str, set[str]]] = {name: {} for name, _compact in _NUMBERS}

    def put(self, client: Client) -> None:
        old = self.clients.get(client.id)
        for name, compact in _NUMBERS:
            index = self._ids[name]
            if old is not None:
                index.get(compact(getattr(old, name)), set()).discard(old.id)
            number = compact(getattr(client, name))
            if number:
                index.setdefault(number, set()).add(client.id)
        self.clients[client.id] = client

    def match(self, client: Client) -> tuple[Client, str, str] | None:
        """Return the stored client *client* matches (:data:`MATCH_ORDER`): SIRET, VAT, id.

        With it, the field it was matched by and the value they share (compared form).
        """
        for name, compact in _NUMBERS:
            number = compact(getattr(client, name))
            ids = self._ids[name].get(number) if number else None
            if ids:  # several clients carry it: the one with the same id, else the first
                return self.clients[client.id if client.id in ids else min(ids)], name, number
        stored = self.clients.get(client.id)
        return None if stored is None else (stored, "id", client.id)


def stored_with_numbers(clients: ClientRepository, name: str, numbers: set[str]) -> list[Client]:
    """Return the stored clients carrying *numbers* in the field *name*, in one call."""
    if not numbers:
        return []
    lookup = clients.by_sirets if name == "siret" else clients.by_vats
    return [client for group in lookup(sorted(numbers)).values() for client in group]


class Parents:
    """The parent links of the clients a batch touches, read level by level."""

    def __init__(self, clients: ClientRepository) -> None:
        self._clients = clients
        self.links: dict[str, str | None] = {}
        self.missing: set[str] = set()

    def load(self, ids: Iterable[str]) -> None:
        """Read the links up from *ids*: one ``get_many`` per level of the trees."""
        frontier = {i for i in ids if i not in self.links and i not in self.missing}
        while frontier:
            found = self._clients.get_many(sorted(frontier))
            above: set[str] = set()
            for client_id in frontier:
                client = found.get(client_id)
                if client is None:
                    self.missing.add(client_id)
                    continue
                self.links[client_id] = client.parent_id
                parent = client.parent_id
                if parent is not None and parent not in self.links and parent not in self.missing:
                    above.add(parent)
            frontier = above

    def written(self, client: Client) -> None:
        self.missing.discard(client.id)
        self.links[client.id] = client.parent_id

    def problem(self, client: Client, *, locale: str) -> Problem | None:
        """Return the problem of *client*'s parent company, if any."""
        parent = client.parent_id
        if parent is None:
            return None
        self._load_chain(parent)
        if parent not in self.links:
            return Problem(
                code="client.parent_id.unknown",
                field="parent_id",
                message=translate(_UNKNOWN_PARENT, locale, parent_id=parent),
            )
        try:
            check_parent(client.id, parent, self.links)
        except ParentCycle as cycle:
            return Problem(
                code="client.parent_id.cycle", field="parent_id", message=cycle.message(locale)
            )
        return None

    def _load_chain(self, start: str) -> None:
        """Read the links still unknown on the way up from *start* (changed in this batch)."""
        current: str | None = start
        seen: set[str] = set()
        while current is not None and current not in seen and current not in self.missing:
            seen.add(current)
            if current not in self.links:
                self.load([current])
                if current not in self.links:
                    return
            current = self.links[current]
