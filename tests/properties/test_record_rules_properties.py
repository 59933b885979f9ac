"""The record rules' invariants, over generated records with any text in any field.

Addresses, contacts, parent companies, search, duplicates and accounting accounts: each rule
keeps its promise for every record, and none raises on the junk client files hold.
"""

from __future__ import annotations

import itertools
import string
from collections.abc import Mapping

import attrs
import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from clientbook import Address, Civility, Client, ClientKind, Contact, DeliveryAddress, Role
from clientbook._rules.accounting import suggest_accounting_account
from clientbook._rules.addresses import (
    billing_address,
    default_delivery_address,
    delivery_addresses,
    invoice_recipient,
    maps_url,
)
from clientbook._rules.contacts import add_contact, primary_contact, set_primary_contact
from clientbook._rules.duplicates import find_duplicates
from clientbook._rules.parents import ParentCycle, check_parent, top_parent
from clientbook._rules.search import (
    client_search_keys,
    matches_prefix,
    search_key,
    without_prefixes,
)
from clientbook.testing import strategies as cst

# Text as client files hold it: anything at all, or French names with their accents.
FRENCH = string.ascii_letters + string.digits + " éèêëàâäçîïôöùûüÿœæÉÈÊÀÇÎÔŒ-'&.,/"
texts = st.text(max_size=24) | st.text(alphabet=FRENCH, max_size=24)

# A few real-looking addresses, so that generated records share some and rules meet equal ones.
KNOWN_ADDRESSES = (
    Address(line1="12 rue des Lilas", postal_code="69003", city="Lyon"),
    Address(line1="12 RUE DES LILAS", postal_code="69003", city="LYON"),
    Address(line1="Zone industrielle Nord", postal_code="69200", city="Vénissieux"),
    Address(line1="1 avenue de France", postal_code="75700", city="PARIS CEDEX 07"),
)
addresses = st.sampled_from(KNOWN_ADDRESSES) | st.builds(
    Address,
    line1=texts,
    line2=texts,
    postal_code=texts,
    city=texts,
    country=texts | st.sampled_from(["FR", "BE", "CH", "fr", "MC"]),
)
delivery = st.builds(
    DeliveryAddress,
    address=addresses,
    label=texts,
    default=st.booleans(),
    archived=st.booleans(),
)
contacts = st.builds(
    Contact,
    civility=st.none() | st.sampled_from(Civility),
    first_name=texts,
    last_name=texts,
    email=texts | st.sampled_from(["compta@dubois.fr", "COMPTA@Dubois.fr", "@"]),
    position=texts,
    direct_phone=texts,
    mobile_phone=texts,
    switchboard_phone=texts,
    source=texts,
    primary=st.booleans(),
)


def clients(*, ids: st.SearchStrategy[str] = texts) -> st.SearchStrategy[Client]:
    return st.builds(
        Client,
        id=ids,
        kind=st.sampled_from(ClientKind),
        roles=st.frozensets(st.sampled_from(Role)),
        name=texts,
        civility=st.none() | st.sampled_from(Civility),
        first_name=texts,
        last_name=texts,
        website=texts,
        company_type=texts,
        language=texts,
        source=texts,
        address=st.none() | addresses,
        billing_address=st.none() | addresses,
        delivery_addresses=st.lists(delivery, max_size=4).map(tuple),
        parent_id=st.none() | texts,
        vat_number=texts | cst.vat_numbers() | st.sampled_from(["11123456782", "fr11 123456782"]),
        siret=texts | cst.sirets(),
        siren=texts | cst.sirens() | st.sampled_from(["123456782", "123 456 782"]),
        ape_code=texts,
        accounting_account=texts,
        active=st.booleans(),
        contacts=st.lists(contacts, max_size=3).map(tuple),
        owner=st.none() | texts,
    )


# --- addresses ---------------------------------------------------------------------------------


def _place(address: Address) -> tuple[str, ...]:
    """Addresses are the same place when they differ only by case and spacing."""
    return tuple(" ".join(str(part).split()).casefold() for part in attrs.astuple(address))


def _archived_places(client: Client) -> set[tuple[str, ...]]:
    """The places that only archived delivery addresses lead to."""
    kept = {_place(d.address) for d in client.delivery_addresses if not d.archived}
    return {_place(d.address) for d in client.delivery_addresses if d.archived} - kept


@given(clients())
def test_the_default_delivery_address_is_deterministic_offered_and_never_archived(
    client: Client,
) -> None:
    default = default_delivery_address(client)
    assert default == default_delivery_address(attrs.evolve(client))
    if default is not None:
        assert default in delivery_addresses(client)
        assert _place(default) not in _archived_places(client)


@given(clients(), st.data())
def test_choosing_an_offered_address_makes_it_the_default(
    client: Client, data: st.DataObject
) -> None:
    offered = delivery_addresses(client)
    assume(offered)
    chosen = data.draw(st.sampled_from(offered))
    assert default_delivery_address(client, chosen=chosen) == chosen


@given(clients())
def test_the_billing_address_leads_the_delivery_addresses_unless_archived(client: Client) -> None:
    offered = delivery_addresses(client)
    billing = billing_address(client)
    if billing is not None and _place(billing) not in _archived_places(client):
        assert _place(offered[0]) == _place(billing)
    assert not {_place(address) for address in offered} & _archived_places(client)
    assert len({_place(address) for address in offered}) == len(offered)


# --- contacts ----------------------------------------------------------------------------------


@given(clients(), st.data())
def test_setting_a_primary_contact_leaves_exactly_that_one(
    client: Client, data: st.DataObject
) -> None:
    assume(client.contacts)
    index = data.draw(st.integers(0, len(client.contacts) - 1))
    changed = set_primary_contact(client, index)
    assert [c.primary for c in changed.contacts] == [
        i == index for i in range(len(client.contacts))
    ]
    assert primary_contact(changed) is changed.contacts[index]
    assert [attrs.evolve(c, primary=False) for c in changed.contacts] == [
        attrs.evolve(c, primary=False) for c in client.contacts
    ]


@given(clients(), st.lists(contacts, min_size=1, max_size=5))
def test_adding_contacts_one_by_one_keeps_exactly_one_primary(
    client: Client, added: list[Contact]
) -> None:
    client = attrs.evolve(client, contacts=())
    for contact in added:
        client = add_contact(client, contact)
        assert sum(c.primary for c in client.contacts) == 1
    flagged = [c for c in added if c.primary]
    expected = flagged[-1] if flagged else added[0]
    primary = primary_contact(client)
    assert primary is not None
    assert attrs.evolve(primary, primary=expected.primary) == expected


# --- parent companies --------------------------------------------------------------------------

IDS = st.sampled_from("abcdef")
PARENTS = st.dictionaries(IDS, st.none() | IDS, max_size=6)


def _would_loop(client_id: str, parent_id: str | None, parents: Mapping[str, str | None]) -> bool:
    """Independent oracle: walk the links with client_id's replaced, and look for a repeat."""
    links = {**parents, client_id: parent_id}
    met = [client_id]
    while (step := links.get(met[-1])) is not None:
        if step in met:
            return True
        met.append(step)
    return False


@given(IDS, st.none() | IDS, PARENTS)
@example("a", "a", {})
@example("a", "b", {"b": "c", "c": "a"})
@example("a", "b", {"b": "c", "c": "b"})
def test_check_parent_raises_exactly_when_the_chain_would_loop(
    client_id: str, parent_id: str | None, parents: dict[str, str | None]
) -> None:
    if not _would_loop(client_id, parent_id, parents):
        check_parent(client_id, parent_id, parents)
        return
    with pytest.raises(ParentCycle) as raised:
        check_parent(client_id, parent_id, parents)
    chain = raised.value.chain
    links = {**parents, client_id: parent_id}
    assert chain[0] == client_id
    assert chain[-1] in chain[:-1]
    assert len(set(chain)) == len(chain) - 1
    assert all(links[child] == parent for child, parent in itertools.pairwise(chain))


@given(IDS, PARENTS)
def test_the_top_company_has_no_parent_or_the_loop_is_reported(
    client_id: str, parents: dict[str, str | None]
) -> None:
    if _would_loop(client_id, parents.get(client_id), parents):
        with pytest.raises(ParentCycle):
            top_parent(client_id, parents)
    else:
        assert parents.get(top_parent(client_id, parents)) is None


# --- search ------------------------------------------------------------------------------------


@given(st.text())
@example("ǅ Straße Œuvre ﬁ ①")
def test_search_key_is_idempotent(text: str) -> None:
    key = search_key(text)
    assert search_key(key) == key
    assert key == key.strip()
    assert "  " not in key


@given(clients())
def test_every_prefix_of_every_name_word_finds_the_active_client(client: Client) -> None:
    client = attrs.evolve(client, active=True)
    names = [client.name, client.first_name, client.last_name]
    names += [n for c in client.contacts for n in (c.first_name, c.last_name)]
    for word in {w for name in names for w in search_key(name).split()}:
        for end in range(1, len(word) + 1):
            assert matches_prefix(client, word[:end]), word[:end]


@given(clients(), st.text(alphabet=FRENCH, min_size=1, max_size=12))
def test_typed_letters_match_exactly_when_every_word_starts_a_key(
    client: Client, typed: str
) -> None:
    words = search_key(typed).split()
    keys = client_search_keys(client)
    by_words = bool(words) and all(any(k.startswith(w) for k in keys) for w in words)
    whole = any(k.startswith("".join(words)) for k in keys) if words else False
    expected = (client.active or False) and (by_words or whole)
    assert matches_prefix(client, typed) is expected
    assert matches_prefix(client, typed, include_archived=True) is (by_words or whole)


# --- duplicates --------------------------------------------------------------------------------


@given(st.lists(clients(ids=st.just("")), max_size=12), st.data())
def test_duplicate_groups_partition_their_members_and_join_every_shared_siren(
    records: list[Client], data: st.DataObject
) -> None:
    sirens = data.draw(st.lists(cst.sirens(), min_size=1, max_size=3))
    records = [
        attrs.evolve(r, id=f"c{i}", siren=data.draw(st.sampled_from([*sirens, r.siren])))
        for i, r in enumerate(records)
    ]
    groups = find_duplicates(records)
    members = [client_id for group in groups for client_id in group.client_ids]
    assert len(members) == len(set(members))
    assert all(len(group.client_ids) >= 2 and group.reasons for group in groups)
    for group in groups:
        for reason in group.reasons:
            assert set(reason.client_ids) <= set(group.client_ids)
            assert len(reason.client_ids) >= 2
    group_of = {client_id: i for i, group in enumerate(groups) for client_id in group.client_ids}
    for a, b in itertools.combinations(records, 2):
        if a.siren in sirens and a.siren == b.siren:
            assert a.id in group_of
            assert group_of[a.id] == group_of.get(b.id)
    assert find_duplicates(records) == groups


# --- accounting accounts -----------------------------------------------------------------------


@given(clients(), st.lists(texts, max_size=5), st.sampled_from(["411", "401", "C", "", "4" * 12]))
def test_suggested_accounts_are_short_alphanumeric_and_unique(
    client: Client, existing: list[str], prefix: str
) -> None:
    taken = list(existing)
    for _ in range(12):  # each suggestion is taken before the next: all must differ
        account = suggest_accounting_account(client, taken, prefix=prefix)
        assert len(account) <= 17
        assert account.isascii()
        assert account.isalnum()
        assert account == account.upper()
        assert account.startswith(prefix)
        assert account.casefold() not in {code.strip().casefold() for code in taken}
        taken.append(account.lower())


# --- no rule raises on any text ----------------------------------------------------------------


@given(st.lists(clients(), max_size=4), st.text(), texts)
def test_no_record_rule_raises_on_any_text_in_the_record(
    records: list[Client], typed: str, parent: str
) -> None:
    for client in records:
        billing_address(client)
        delivery_addresses(client)
        default_delivery_address(client)
        invoice_recipient(client)
        maps_url(client)
        maps_url(client, locale="en")
        primary_contact(client)
        if client.contacts:
            set_primary_contact(client, 0)
        client_search_keys(client)
        matches_prefix(client, typed, include_archived=True)
        suggest_accounting_account(client, [r.accounting_account for r in records])
        parents = {r.id: r.parent_id for r in records}
        try:
            check_parent(client.id, parent, parents)
            top_parent(client.id, parents)
        except ParentCycle:
            pass
    find_duplicates(records)


@given(st.sets(st.text(alphabet="abcdé0129", max_size=6), max_size=8), st.text(max_size=4))
def test_leaving_out_the_keys_that_start_another_changes_no_match(
    keys: set[str], word: str
) -> None:
    kept = without_prefixes(keys)
    assert kept <= keys
    assert any(key.startswith(word) for key in kept) == any(key.startswith(word) for key in keys)
    assert not any(a != b and b.startswith(a) for a in kept for b in kept)
