"""Parent companies (« société mère »): the tree they form must have no loop.

A company may be attached to a parent company, which may have its own parent, and so on up to
the top company, which owns the commercial data. The host keeps the links; the rules here take
them as a mapping of each client's id to its parent's id (``None`` for a company without one).

Source: ``lab-event_remplir-page-client``: « Société mère : A renseigner si la société est
rattachée à une autre société. »

>>> parents = {"dupont-lyon": "dupont-sa", "dupont-sa": None}
>>> top_parent("dupont-lyon", parents)
'dupont-sa'
>>> check_parent("dupont-lyon", "dupont-sa", parents)
>>> try:
...     check_parent("dupont-sa", "dupont-lyon", parents)
... except ParentCycle as error:
...     print(error.message("en"))
Parent companies cannot form a loop: dupont-sa → dupont-lyon → dupont-sa.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from clientbook._base.errors import ClientbookError
from clientbook._base.i18n import N_, translate

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["ParentCycle", "check_parent", "top_parent"]


class ParentCycle(ClientbookError):
    """Following the parent companies upwards would come back to a company already met.

    Attributes:
        chain: the ids met on the way up, the first repeated id last: ``("A", "B", "C", "A")``
            when C's parent would be A; ``("A", "A")`` when A would be its own parent.
    """

    __module__ = "clientbook"

    def __init__(self, chain: tuple[str, ...]) -> None:
        self.chain = tuple(chain)
        super().__init__(self.message("fr"))

    def message(self, locale: str = "fr") -> str:
        """Return the explanation in *locale* (``"fr"`` or ``"en"``)."""
        if len(self.chain) == 2 and self.chain[0] == self.chain[1]:
            return translate(
                N_("A company cannot be its own parent company: {company}."),
                locale,
                company=self.chain[0],
            )
        return translate(
            N_("Parent companies cannot form a loop: {chain}."),
            locale,
            chain=" → ".join(self.chain),
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_parent_cycle, (self.chain,))


def _rebuild_parent_cycle(chain: tuple[str, ...]) -> ParentCycle:
    # Unpickling goes through this function, found in this module whether or not the class is
    # exported from the top-level package its __module__ names.
    return ParentCycle(chain)


def _climb(start: tuple[str, ...], parents: Mapping[str, str | None]) -> tuple[str, ...]:
    """Follow *parents* up from the last id of *start*; return the ids met, *start* first.

    Raises:
        ParentCycle: an id comes back.
    """
    chain = list(start)
    seen = set(chain)
    current = chain[-1]
    while current in parents:
        parent = parents[current]
        if parent is None:
            break
        chain.append(parent)
        if parent in seen:
            raise ParentCycle(tuple(chain))
        seen.add(parent)
        current = parent
    return tuple(chain)


def check_parent(client_id: str, parent_id: str | None, parents: Mapping[str, str | None]) -> None:
    """Check that *parent_id* can become the parent company of *client_id*.

    It cannot when it is the company itself, or when going up from *parent_id* through the
    parent companies comes back to a company already met (the company itself, or a loop the
    data already holds). ``None`` (no parent company) is always accepted. The walk stops at a
    parent id missing from *parents*: whether that company exists is the host's check.

    Source: ``lab-event_remplir-page-client`` (« Société mère »); the lesson of the systems users
    compare us with: parent-company trees refuse cycles.

    Args:
        client_id: the company whose parent is being set.
        parent_id: the parent company chosen, or ``None``.
        parents: each client id mapped to its current parent id; the entry of *client_id*, if
            any, is ignored, *parent_id* replacing it.

    Raises:
        ParentCycle: the link would make a loop; its ``chain`` shows it.
    """
    if parent_id is None:
        return
    if parent_id == client_id:
        raise ParentCycle((client_id, client_id))
    _climb((client_id, parent_id), parents)  # client_id met again ends the walk: a loop


def top_parent(client_id: str, parents: Mapping[str, str | None]) -> str:
    """Return the id of the top company of *client_id*'s group: it owns the commercial data.

    Source: ``lab-event_remplir-page-client`` (« Société mère »); the lesson of the systems users
    compare us with: the top company owns the commercial data.

    Args:
        client_id: the company.
        parents: each client id mapped to its parent id (``None`` or missing: no parent).

    Returns:
        The last id reached going up; *client_id* itself when it has no parent company.

    Raises:
        ParentCycle: the data already holds a loop on the way up.
    """
    return _climb((client_id,), parents)[-1]
