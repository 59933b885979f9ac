"""The record strategies, and the round trip of every generated record through plain data."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from clientbook import Address, Client, ClientKind, Contact, validate_client
from clientbook.serialization import make_converter
from clientbook.testing import strategies as cst

CONVERTER = make_converter()


@given(cst.clients())
def test_a_realistic_client_has_no_error(client: Client) -> None:
    errors = [p for p in validate_client(client) if p.severity == "error"]
    assert errors == []


@given(cst.clients(kind=ClientKind.INDIVIDUAL))
def test_asking_for_individuals_gives_individuals(client: Client) -> None:
    assert client.kind is ClientKind.INDIVIDUAL


@given(cst.clients(any_text=True))
def test_any_client_round_trips_through_plain_data(client: Client) -> None:
    assert CONVERTER.structure(CONVERTER.unstructure(client), Client) == client


@given(cst.clients(any_text=True))
def test_any_client_round_trips_through_json_text(client: Client) -> None:
    text = CONVERTER.dumps(client)
    json.loads(text)  # plain JSON, readable by anything
    assert CONVERTER.loads(text, Client) == client


@given(cst.clients())
def test_a_realistic_client_round_trips(client: Client) -> None:
    assert CONVERTER.structure(CONVERTER.unstructure(client), Client) == client


@given(st.from_type(Client), st.from_type(Address), st.from_type(Contact))
def test_the_model_classes_are_registered_for_from_type(
    client: Client, address: Address, contact: Contact
) -> None:
    assert isinstance(client, Client)
    assert isinstance(address, Address)
    assert isinstance(contact, Contact)


@pytest.mark.parametrize(
    ("strategy", "message"),
    [
        (lambda: cst.clients(any_text="yes"), "any_text='yes' must be True or False"),  # type: ignore[arg-type]
        (lambda: cst.clients(kind="company"), "kind='company' must be a ClientKind or None"),  # type: ignore[arg-type]
        (lambda: cst.addresses(any_text=1), "any_text=1 must be True or False"),  # type: ignore[arg-type]
        (lambda: cst.contacts(any_text=None), "any_text=None must be True or False"),  # type: ignore[arg-type]
    ],
)
def test_a_wrong_argument_is_refused_clearly(strategy: object, message: str) -> None:
    with pytest.raises(InvalidArgument) as raised:
        strategy().example()  # type: ignore[operator]
    assert str(raised.value) == message
