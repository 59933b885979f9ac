"""The contract kit's model test: the adapter against plain dicts, over any operations."""

from __future__ import annotations

from uuid import uuid4

import attrs
import pytest
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from clientbook._records.client import Client, ClientKind
from clientbook._records.contact import Contact
from clientbook._rules.duplicates import DuplicateRule, duplicate_keys
from clientbook._services.refusals import ClientExists, ClientNotFound, StaleClient
from clientbook.testing._contract.data import UnitOfWorkFactory, expected, ids

__all__ = ["model_machine"]

_POOL_IDS = ("cl-a", "cl-b", "cl-c", "cl-d")
_NAMES = (
    "Boulangerie Martin",
    "Ets Dubois",
    "Établissements Durand",
    "Garage du Lys",
    "Cœur de Lyon",
    "Dubois",
    "",
)
_SIRETS = ("", "12345678200010", "404 833 048 00014", "40483304800014")
_EMAILS = ("", "compta@dubois.fr", "Compta@Dubois.fr")
_WORDS = ("dub", "boul", "ets", "lys", "coeur", "martin ly", "1234", "404 833", "fr11", "e")
_KEYS: tuple[tuple[DuplicateRule, str], ...] = (
    ("siren", "123456782"),
    ("siren", "404833048"),
    ("email", "compta@dubois.fr"),
)


class _Interrupted(Exception):
    """A service failed in the middle of a joined block."""


def _client(client_id: str, name: str, siret: str, email: str, active: bool) -> Client:
    return Client(
        id=client_id,
        kind=ClientKind.COMPANY,
        name=name,
        siret=siret,
        vat_number="FR11123456782" if siret.startswith("123") else "",
        contacts=(Contact(last_name="Compta", email=email),) if email else (),
        active=active,
    )


_model_clients = st.builds(
    _client,
    st.sampled_from(_POOL_IDS),
    st.sampled_from(_NAMES),
    st.sampled_from(_SIRETS),
    st.sampled_from(_EMAILS),
    st.booleans(),
)


def model_machine(factory: UnitOfWorkFactory) -> type[RuleBasedStateMachine]:
    """Return a state machine comparing the adapter with dicts, on a tenant of its own."""

    class UnitOfWorkModel(RuleBasedStateMachine):
        """Committed clients and one unit of work's pending changes, as plain dicts."""

        def __init__(self) -> None:
            super().__init__()
            # A tenant per run: the factory's store is shared by the runs of one test.
            self.tenant_id = "model-" + uuid4().hex
            self.committed: dict[str, Client] = {}
            self.seen: dict[str, Client] = {}
            self.uow = factory(self.tenant_id)
            self.uow.__enter__()

        def teardown(self) -> None:
            self.uow.__exit__(None, None, None)

        @rule(client=_model_clients)
        def add(self, client: Client) -> None:
            if client.id in self.seen:
                with pytest.raises(ClientExists) as refused:
                    self.uow.clients.add(client)
                assert refused.value.client_id == client.id
            else:
                stored = self.uow.clients.add(client)
                assert stored == attrs.evolve(client, version=1)
                self.seen[client.id] = stored

        @rule(client=_model_clients)
        def update(self, client: Client) -> None:
            current = self.seen.get(client.id)
            if current is None:
                with pytest.raises(ClientNotFound):
                    self.uow.clients.update(attrs.evolve(client, version=1))
                return
            stored = self.uow.clients.update(attrs.evolve(client, version=current.version))
            assert stored.version == current.version + 1
            self.seen[client.id] = stored

        @precondition(lambda self: bool(self.seen))
        @rule(data=st.data())
        def update_from_a_stale_copy(self, data: st.DataObject) -> None:
            client_id = data.draw(st.sampled_from(sorted(self.seen)))
            current = self.seen[client_id]
            stale = data.draw(st.sampled_from([0, current.version - 1, current.version + 1]))
            with pytest.raises(StaleClient) as refused:
                self.uow.clients.update(attrs.evolve(current, name="Autre", version=stale))
            assert refused.value.actual_version == current.version

        @rule(client=_model_clients)
        def a_joined_block_fails_after_a_write(self, client: Client) -> None:
            with pytest.raises(_Interrupted):
                self._write_then_fail(client)
            with pytest.raises(RuntimeError):
                self.uow.clients.get_many(_POOL_IDS)
            self.uow.rollback()
            self.seen = dict(self.committed)

        def _write_then_fail(self, client: Client) -> None:
            with self.uow:
                current = self.seen.get(client.id)
                if current is None:
                    self.uow.clients.add(client)
                else:
                    self.uow.clients.update(attrs.evolve(client, version=current.version))
                raise _Interrupted

        @rule()
        def commit(self) -> None:
            self.uow.commit()
            self.committed = dict(self.seen)

        @rule()
        def rollback(self) -> None:
            self.uow.rollback()
            self.seen = dict(self.committed)

        @rule()
        def leave_and_reopen(self) -> None:
            self.uow.__exit__(None, None, None)
            self.seen = dict(self.committed)
            self.uow = factory(self.tenant_id)
            self.uow.__enter__()

        @rule(typed=st.sampled_from(_WORDS), archived=st.booleans(), limit=st.integers(1, 5))
        def search(self, typed: str, archived: bool, limit: int) -> None:
            found = self.uow.clients.search(typed, include_archived=archived, limit=limit)
            wanted = expected(
                list(self.seen.values()), typed, include_archived=archived, limit=limit
            )
            assert ids(found) == wanted

        @invariant()
        def reads_agree_with_the_model(self) -> None:
            seen = self.seen
            assert self.uow.clients.get_many(_POOL_IDS) == seen
            assert self.uow.clients.list(limit=3) == [seen[i] for i in sorted(seen)[:3]]
            assert ids(self.uow.clients.list(after="cl-b", include_archived=False)) == sorted(
                i for i, c in seen.items() if i > "cl-b" and c.active
            )
            assert ids(
                self.uow.clients.by_sirets(["40483304800014"]).get("40483304800014", [])
            ) == (
                sorted(i for i, c in seen.items() if c.siret.replace(" ", "") == "40483304800014")
            )
            for key in _KEYS:
                assert ids(self.uow.clients.by_duplicate_keys([key])) == sorted(
                    i for i, c in seen.items() if key in duplicate_keys(c)
                )

        @invariant()
        def another_unit_sees_only_what_was_committed(self) -> None:
            with factory(self.tenant_id) as other:
                assert other.clients.get_many(_POOL_IDS) == self.committed

    return UnitOfWorkModel
