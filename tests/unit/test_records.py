"""Records that are safe to build: a wrong type is refused at construction, naming the field.

Issue 8 §5: enum fields take their member or the text of its value, tuple fields any iterable,
and anything else is a ``TypeError`` naming the record and the field (a programming error);
bad data in the right type stays a ``Problem`` of ``validate_client``, never an exception.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.factories import LYON, claire, complete_company

from clientbook import (
    Address,
    Civility,
    Client,
    ClientKind,
    Contact,
    DeliveryAddress,
    Problem,
    Role,
    validate_client,
)
from clientbook.testing.strategies import clients


def every_field(**fields: Any) -> Client:
    """Boulangerie Martin with every field filled, the optional ones too; *fields* change any."""
    filled: dict[str, Any] = {
        "billing_address": Address(line1="BP 42", postal_code="69421", city="Lyon Cedex 03"),
        "delivery_addresses": (DeliveryAddress(address=LYON, label="Entrepôt", default=True),),
        "parent_id": "c0",
        "owner": "user-7",
        "created_at": datetime.datetime(2026, 11, 23, 9, 30, tzinfo=datetime.UTC),
        "version": 3,
    }
    return complete_company(**(filled | fields))


def refused(build: Any, **fields: Any) -> str:
    """The message of the ``TypeError`` that ``build(**fields)`` raises."""
    with pytest.raises(TypeError) as raised:
        build(**fields)
    assert not isinstance(raised.value, ValueError)  # a programming error, not bad data
    return str(raised.value)


# --- enum fields take their member or the text of its value ---------------------------------


def test_a_kind_given_as_the_text_of_its_value_is_the_kind() -> None:
    assert Client(id="cli-1", kind="company").kind is ClientKind.COMPANY
    assert Client(id="cli-2", kind="individual").kind is ClientKind.INDIVIDUAL


def test_a_civility_given_as_the_text_of_its_value_is_the_civility() -> None:
    client = Client(id="cli-1", kind="individual", civility="Mme", last_name="Dubois")
    assert client.civility is Civility.MRS
    assert Contact(civility="M.", last_name="Lefèvre").civility is Civility.MR


def test_roles_given_as_any_iterable_of_roles_or_texts_are_a_set_of_roles() -> None:
    client = Client(id="cli-1", kind="company", roles=["prospect", Role.SUPPLIER])
    assert client.roles == frozenset({Role.PROSPECT, Role.SUPPLIER})
    assert type(client.roles) is frozenset
    assert Client(id="cli-2", kind="company", roles=()).roles == frozenset()


def test_a_record_built_from_texts_equals_the_one_built_from_members() -> None:
    from_texts = every_field(kind="company", roles={"client"})
    assert from_texts == every_field()
    assert hash(from_texts) == hash(every_field())


def test_an_unknown_kind_is_refused_with_the_kinds_accepted() -> None:
    message = refused(Client, id="cli-1", kind="societe")
    assert message == (
        "Client.kind must be a ClientKind or the text of its value ('company', 'individual'); "
        "got 'societe' (str)"
    )


def test_a_kind_given_as_a_number_or_by_its_member_name_is_refused() -> None:
    assert refused(Client, id="cli-1", kind=1).endswith("got 1 (int)")
    assert "got 'COMPANY' (str)" in refused(Client, id="cli-1", kind="COMPANY")
    assert "got <Role.CLIENT: 'client'> (Role)" in refused(Client, id="cli-1", kind=Role.CLIENT)


def test_an_unknown_civility_is_refused_with_the_civilities_accepted() -> None:
    message = refused(Contact, civility="Mlle")
    assert message == (
        "Contact.civility must be a Civility or the text of its value ('M.', 'Mme'); "
        "got 'Mlle' (str)"
    )
    assert refused(Client, id="cli-1", kind="individual", civility="Mlle").startswith(
        "Client.civility must be a Civility"
    )


def test_roles_given_as_one_text_or_holding_an_unknown_role_are_refused() -> None:
    assert refused(Client, id="cli-1", kind="company", roles="client") == (
        "Client.roles must be an iterable of Role or of the texts of their values; "
        "got 'client' (str)"
    )
    assert refused(Client, id="cli-1", kind="company", roles=["client", "customer"]) == (
        "Client.roles item must be a Role or the text of its value "
        "('client', 'prospect', 'supplier'); got 'customer' (str)"
    )
    assert "got None (NoneType)" in refused(Client, id="cli-1", kind="company", roles=None)


# --- tuple fields take any iterable -----------------------------------------------------------


def test_contacts_given_as_a_list_are_a_tuple_and_the_record_is_hashable() -> None:
    client = Client(id="cli-1", kind="company", contacts=[claire()])
    assert client.contacts == (claire(),)
    assert type(client.contacts) is tuple
    assert hash(client) == hash(Client(id="cli-1", kind="company", contacts=(claire(),)))


def test_delivery_addresses_given_by_a_generator_are_a_tuple() -> None:
    towns = [("69200", "Vénissieux"), ("69100", "Villeurbanne")]
    client = Client(
        id="cli-1",
        kind="company",
        delivery_addresses=(
            DeliveryAddress(address=Address(postal_code=code, city=city)) for code, city in towns
        ),
    )
    assert [d.address.city for d in client.delivery_addresses] == ["Vénissieux", "Villeurbanne"]
    assert type(client.delivery_addresses) is tuple


def test_a_contact_that_is_not_a_contact_is_refused_by_its_position() -> None:
    message = refused(Client, id="cli-1", kind="company", contacts=[claire(), "Claire Dubois"])
    assert message == "Client.contacts[1] must be a Contact; got 'Claire Dubois' (str)"


def test_a_delivery_address_given_as_an_address_is_refused() -> None:
    message = refused(Client, id="cli-1", kind="company", delivery_addresses=[LYON])
    assert message.startswith("Client.delivery_addresses[0] must be a DeliveryAddress; got ")


def test_contacts_that_are_not_iterable_are_refused() -> None:
    assert refused(Client, id="cli-1", kind="company", contacts=claire()).startswith(
        "Client.contacts must be an iterable of Contact; got Contact("
    )


# --- plain fields must hold their type ---------------------------------------------------------


def test_an_id_given_as_a_number_is_refused() -> None:
    assert refused(Client, id=1, kind="company") == "Client.id must be text (str); got 1 (int)"


def test_a_siret_given_as_a_number_is_refused_before_any_siren_is_derived() -> None:
    message = refused(Client, id="cli-1", kind="company", siret=12345678200010)
    assert message == "Client.siret must be text (str); got 12345678200010 (int)"


def test_the_siren_is_still_derived_from_a_valid_siret() -> None:
    assert Client(id="cli-1", kind="company", siret="12345678200010").siren == "123456782"
    assert Client(id="cli-2", kind="company", siret="12345678200011").siren == ""


@pytest.mark.parametrize("flag", [1, 0, "yes", "oui", None])
@pytest.mark.parametrize(
    ("build", "field"),
    [
        (every_field, "active"),
        (claire, "primary"),
        (lambda **f: DeliveryAddress(address=LYON, **f), "default"),
        (lambda **f: DeliveryAddress(address=LYON, **f), "archived"),
    ],
)
def test_a_flag_that_is_not_a_bool_is_refused(build: Any, field: str, flag: object) -> None:
    record = {"active": "Client", "primary": "Contact"}.get(field, "DeliveryAddress")
    message = refused(lambda: attrs.evolve(build(), **{field: flag}))
    given = f"{flag!r} ({type(flag).__name__})"
    assert message == f"{record}.{field} must be True or False (bool); got {given}"


@pytest.mark.parametrize("version", [True, 1.0, "1", None])
def test_a_version_that_is_not_a_whole_number_is_refused(version: object) -> None:
    assert refused(every_field, version=version).startswith(
        f"Client.version must be a whole number (int); got {version!r}"
    )


def test_a_negative_version_is_refused() -> None:
    assert refused(every_field, version=-1) == (
        "Client.version must be a whole number, 0 or more (int); got -1 (int)"
    )


def test_a_creation_time_may_be_naive_as_before_but_not_a_date() -> None:
    naive = datetime.datetime(2026, 11, 23, 9, 30)
    assert every_field(created_at=naive).created_at == naive
    assert every_field(created_at=None).created_at is None
    assert refused(every_field, created_at=datetime.date(2026, 11, 23)) == (
        "Client.created_at must be a datetime.datetime or None; "
        "got datetime.date(2026, 11, 23) (date)"
    )


def test_an_address_given_as_text_is_refused() -> None:
    assert refused(every_field, billing_address="BP 42, 69421 Lyon Cedex 03") == (
        "Client.billing_address must be an Address or None; got 'BP 42, 69421 Lyon Cedex 03' (str)"
    )
    assert refused(DeliveryAddress, address=None) == (
        "DeliveryAddress.address must be an Address; got None (NoneType)"
    )


def test_a_postal_code_given_as_a_number_is_refused() -> None:
    assert refused(Address, postal_code=69003, city="Lyon") == (
        "Address.postal_code must be text (str); got 69003 (int)"
    )


def test_a_long_value_is_shortened_in_the_message() -> None:
    message = refused(Client, id=b"x" * 1000, kind="company")
    assert message.startswith("Client.id must be text (str); got b'xxx")
    assert message.endswith("xxx' (bytes)")
    assert "xxx...xxx" in message
    assert len(message) < 150


def test_text_of_a_str_subclass_is_accepted_and_kept() -> None:
    class Name(str):
        __slots__ = ()

    name = Name("Boulangerie Martin")
    assert every_field(name=name).name is name


def test_a_problem_refuses_a_severity_it_does_not_know() -> None:
    fields = {"code": "siret.checksum", "field": "siret", "message": "La clé est fausse."}
    assert refused(Problem, **fields, severity="fatal") == (
        "Problem.severity must be 'error' or 'warning'; got 'fatal' (str)"
    )
    assert refused(Problem, code=1, field="siret", message="…") == (
        "Problem.code must be text (str); got 1 (int)"
    )


def test_evolve_checks_the_record_it_builds() -> None:
    client = every_field()
    assert attrs.evolve(client, kind="individual").kind is ClientKind.INDIVIDUAL
    assert attrs.evolve(client, contacts=[]).contacts == ()
    assert refused(lambda: attrs.evolve(client, owner=7)) == (  # type: ignore[arg-type]
        "Client.owner must be text (str) or None; got 7 (int)"
    )


def test_bad_data_in_the_right_type_is_a_problem_and_never_an_error() -> None:
    client = every_field(siret="12345678200011", siren="", vat_number="FR00123456782")
    assert {problem.field for problem in validate_client(client)} >= {"siret", "vat_number"}


# --- properties ---------------------------------------------------------------------------


@given(st.one_of(clients(), clients(any_text=True)))
def test_any_generated_record_rebuilds_equal(record: Client) -> None:
    assert attrs.evolve(record) == record
    rebuilt = Client(**attrs.asdict(record, recurse=False))
    assert rebuilt == record
    assert hash(rebuilt) == hash(record)


_NUMBERS = st.integers() | st.floats()
_NOT_TEXT = _NUMBERS | st.none() | st.binary()
_NOT_OPTIONAL_TEXT = _NUMBERS | st.binary()
_NOT_FLAG = _NUMBERS | st.none() | st.binary() | st.text()
_NOT_MEMBER = _NUMBERS | st.binary() | st.text()
_NOT_ROLE = _NOT_MEMBER.filter(lambda v: v not in ("client", "prospect", "supplier"))
_NOT_ITERABLE = _NUMBERS | st.none()
_NOT_RECORD = _NUMBERS | st.binary() | st.text()

# For each record, the values of a wrong type for each of its fields, and a record to change.
_WRONG: dict[type[Any], tuple[Any, dict[str, st.SearchStrategy[object]]]] = {
    Client: (
        every_field(),
        {
            "id": _NOT_TEXT,
            "kind": _NOT_MEMBER.filter(lambda v: v not in ("company", "individual")) | st.none(),
            "roles": _NOT_ITERABLE | st.text() | st.lists(_NOT_ROLE, min_size=1),
            "name": _NOT_TEXT,
            "civility": _NOT_MEMBER.filter(lambda v: v not in ("M.", "Mme")),
            "first_name": _NOT_TEXT,
            "last_name": _NOT_TEXT,
            "website": _NOT_TEXT,
            "company_type": _NOT_TEXT,
            "language": _NOT_TEXT,
            "source": _NOT_TEXT,
            "address": _NOT_RECORD,
            "billing_address": _NOT_RECORD,
            "delivery_addresses": _NOT_ITERABLE | st.lists(_NOT_RECORD, min_size=1),
            "parent_id": _NOT_OPTIONAL_TEXT,
            "vat_number": _NOT_TEXT,
            "siret": _NOT_TEXT,
            "siren": _NOT_TEXT,
            "ape_code": _NOT_TEXT,
            "accounting_account": _NOT_TEXT,
            "active": _NOT_FLAG,
            "contacts": _NOT_ITERABLE | st.lists(_NOT_RECORD, min_size=1),
            "owner": _NOT_OPTIONAL_TEXT,
            "created_at": _NOT_OPTIONAL_TEXT | st.dates(),
            "version": st.floats() | st.none() | st.booleans() | st.integers(max_value=-1),
        },
    ),
    Contact: (
        claire(),
        {
            "civility": _NOT_MEMBER.filter(lambda v: v not in ("M.", "Mme")),
            **dict.fromkeys(
                (
                    "first_name",
                    "last_name",
                    "email",
                    "position",
                    "direct_phone",
                    "mobile_phone",
                    "switchboard_phone",
                    "source",
                ),
                _NOT_TEXT,
            ),
            "primary": _NOT_FLAG,
        },
    ),
    Address: (LYON, dict.fromkeys(("line1", "line2", "postal_code", "city", "country"), _NOT_TEXT)),
    DeliveryAddress: (
        DeliveryAddress(address=LYON, label="Entrepôt"),
        {
            "address": _NOT_RECORD | st.none(),
            "label": _NOT_TEXT,
            "default": _NOT_FLAG,
            "archived": _NOT_FLAG,
        },
    ),
    Problem: (
        Problem(code="siret.checksum", field="siret", message="La clé du SIRET est fausse."),
        {
            "code": _NOT_TEXT,
            "field": _NOT_TEXT,
            "message": _NOT_TEXT,
            "severity": _NOT_TEXT | st.text().filter(lambda v: v not in ("error", "warning")),
        },
    ),
}


def test_every_field_of_every_record_has_wrong_values_to_try() -> None:
    for record_type, (_, wrong) in _WRONG.items():
        assert set(wrong) == {field.name for field in attrs.fields(record_type)}, record_type


@given(st.data())
def test_a_field_given_a_value_of_a_wrong_type_is_refused_naming_it(data: st.DataObject) -> None:
    record_type = data.draw(st.sampled_from(list(_WRONG)), label="record")
    record, wrong = _WRONG[record_type]
    field = data.draw(st.sampled_from(list(wrong)), label="field")
    value = data.draw(wrong[field], label="value")
    fields = {**attrs.asdict(record, recurse=False), field: value}

    def construct() -> object:
        return record_type(**fields)

    def evolve() -> object:
        return attrs.evolve(record, **{field: value})

    for build in (construct, evolve):
        with pytest.raises(TypeError) as raised:
            build()
        assert re.match(rf"{record_type.__name__}\.{field}\b", str(raised.value)), raised.value
