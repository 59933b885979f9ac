"""Client records to plain data and JSON and back, strictly."""

from __future__ import annotations

import datetime
import json
import pickle

import cattrs
import pytest

from clientbook import (
    Address,
    Civility,
    Client,
    ClientKind,
    Contact,
    DeliveryAddress,
    Problem,
    Role,
)
from clientbook.serialization import InvalidData, configure_converter, make_converter

PARIS = datetime.timezone(datetime.timedelta(hours=1))


def _boulangerie() -> Client:
    return Client(
        id="cli-0042",
        kind=ClientKind.COMPANY,
        roles=frozenset({Role.CLIENT, Role.SUPPLIER}),
        name="Boulangerie Martin SARL",
        address=Address(line1="12 rue des Lilas", postal_code="69003", city="Lyon"),
        billing_address=Address(line1="BP 42", postal_code="69421", city="Lyon Cedex 03"),
        delivery_addresses=(
            DeliveryAddress(
                address=Address(line1="ZI Nord", postal_code="69200", city="Vénissieux"),
                label="Entrepôt",
                default=True,
            ),
        ),
        siret="12345678200010",
        vat_number="FR11123456782",
        ape_code="10.71C",
        contacts=(
            Contact(
                civility=Civility.MRS,
                first_name="Hélène",
                last_name="Martin",
                email="helene.martin@boulangerie-martin.fr",
                direct_phone="+33478000000",
                primary=True,
            ),
        ),
        owner="user-7",
        created_at=datetime.datetime(2026, 11, 23, 9, 30, tzinfo=PARIS),
    )


def test_a_client_round_trips_through_plain_data() -> None:
    converter = make_converter()
    client = _boulangerie()
    assert converter.structure(converter.unstructure(client), Client) == client


def test_a_client_round_trips_through_json_text() -> None:
    converter = make_converter()
    client = _boulangerie()
    text = converter.dumps(client)
    assert json.loads(text)["created_at"] == "2026-11-23T09:30:00+01:00"
    assert converter.loads(text, Client) == client


def test_enums_are_their_values_and_roles_a_sorted_list() -> None:
    data = make_converter().unstructure(_boulangerie())
    assert data["kind"] == "company"
    assert data["roles"] == ["client", "supplier"]
    assert data["contacts"][0]["civility"] == "Mme"


def test_a_problem_round_trips() -> None:
    converter = make_converter()
    problem = Problem(code="siret.checksum", field="siret", message="…", severity="warning")
    assert converter.structure(converter.unstructure(problem), Problem) == problem


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"siret": 12345678200010}, "expected text (str), got int @ $.siret"),
        ({"active": "false"}, "expected true or false, got str @ $.active"),
        ({"roles": "client"}, "expected a list, got str @ $.roles"),
        ({"colour": "blue"}, "extra fields found (colour) @ $"),
        ({"kind": "association"}, "@ $.kind"),
        ({"created_at": "hier"}, "@ $.created_at"),
    ],
)
def test_wrong_data_is_refused_with_the_field_path(
    change: dict[str, object], expected: str
) -> None:
    converter = make_converter()
    data = {**converter.unstructure(_boulangerie()), **change}
    with pytest.raises(InvalidData) as raised:
        converter.structure(data, Client)
    assert any(expected in line for line in raised.value.errors), raised.value.errors


def test_every_fault_is_reported_at_once_with_its_nested_path() -> None:
    converter = make_converter()
    data = converter.unstructure(_boulangerie())
    data["contacts"][0]["email"] = None
    data["delivery_addresses"][0]["address"]["city"] = 69200
    data["active"] = 1
    with pytest.raises(InvalidData) as raised:
        converter.structure(data, Client)
    assert sorted(raised.value.errors) == [
        "expected text (str), got NoneType @ $.contacts[0].email",
        "expected text (str), got int @ $.delivery_addresses[0].address.city",
        "expected true or false, got int @ $.active",
    ]


def test_a_missing_required_field_is_named() -> None:
    with pytest.raises(InvalidData) as raised:
        make_converter().structure({"kind": "company"}, Client)
    assert raised.value.errors == ("required field missing @ $.id",)


@pytest.mark.parametrize("data", [None, [], "Boulangerie Martin", 42])
def test_data_that_is_not_an_object_is_refused(data: object) -> None:
    with pytest.raises(InvalidData, match="expected an object"):
        make_converter().structure(data, Client)


def test_invalid_data_is_a_value_error_and_survives_pickling() -> None:
    with pytest.raises(InvalidData, match=r"\$\.id") as raised:
        make_converter().structure({"kind": "company"}, Client)
    assert isinstance(raised.value, ValueError)
    copy = pickle.loads(pickle.dumps(raised.value))
    assert copy.errors == raised.value.errors


def test_a_host_converter_learns_the_same_rules() -> None:
    converter = cattrs.Converter()
    configure_converter(converter)
    client = _boulangerie()
    assert converter.structure(converter.unstructure(client), Client) == client
    with pytest.raises(cattrs.ClassValidationError):
        converter.structure({**converter.unstructure(client), "colour": "blue"}, Client)
