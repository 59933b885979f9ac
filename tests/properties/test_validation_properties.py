"""Properties of the record rules: any text in any field gives problems, never an exception."""

from __future__ import annotations

import datetime
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

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
from clientbook._rules.normalize import normalize_client
from clientbook._rules.phones import client_region, normalize_phone, stored_phone
from clientbook._rules.policy import CLIENT_REQUIRABLE_FIELDS, CONTACT_REQUIRABLE_FIELDS, Policy
from clientbook._rules.postal import postal_lines
from clientbook._rules.validation import validate_client
from clientbook._services.preparing import stamp_new, with_billing_as_delivery_address

MONACO_VAT = "FR" + f"{(12 + 3 * (123456 % 97)) % 97:02d}" + "000123456"


def texts(*samples: str) -> st.SearchStrategy[str]:
    """Any text at all, and now and then a realistic value so that every rule gets exercised."""
    return st.one_of(st.text(), st.sampled_from(samples)) if samples else st.text()


PHONES = (
    "04 78 12 34 56",
    "0590 27 12 34",
    "+590 590 27 12 34",
    "09 70 12 34 56",
    "06 12 34 56 78",
)

addresses = st.builds(
    Address,
    line1=texts("12 rue des Lilas", "Bât. A\nRésidence Les Pins\n3 allée des Cèdres", "x" * 39),
    line2=texts("", "CS 70001", "BP 42"),
    postal_code=texts("75008", "75700", "20000", "97110", "97133", "98000", "2A004", " 69003 ", ""),
    city=texts("Paris Cedex 07", "Pointe-à-Pitre", "Ajaccio", "Monaco", "L'Haÿ-les-Roses", ""),
    country=texts("FR", "fr ", "MC", "GP", "BE", "DE", "", "France"),
)
contacts = st.builds(
    Contact,
    civility=st.none() | st.sampled_from(Civility),
    first_name=texts("Claire", "Jérôme", ""),
    last_name=texts("Dubois", "Lefèvre", ""),
    email=texts("claire.dubois@boulangerie-martin.fr", " J.Petit@Garage-Petit.FR ", "claire@"),
    position=st.text(),
    direct_phone=texts(*PHONES, ""),
    mobile_phone=texts(*PHONES, ""),
    switchboard_phone=texts(*PHONES, "04 95 21 12 34 x12"),
    source=texts("Salon", "salon "),
    primary=st.booleans(),
)
clients = st.builds(
    Client,
    id=texts("c1"),
    kind=st.sampled_from(ClientKind),
    roles=st.frozensets(st.sampled_from(Role)),
    name=texts("Boulangerie Martin", ""),
    civility=st.none() | st.sampled_from(Civility),
    first_name=st.text(),
    last_name=texts("Lefèvre", ""),
    website=texts("www.boulangerie-martin.fr", "https://exemple.fr/a?b=1", "http://["),
    company_type=texts("SARL", "sas"),
    language=texts("Français"),
    source=texts("Salon"),
    address=st.none() | addresses,
    billing_address=st.none() | addresses,
    delivery_addresses=st.lists(
        st.builds(
            DeliveryAddress,
            address=addresses,
            label=st.text(),
            default=st.booleans(),
            archived=st.booleans(),
        ),
        max_size=2,
    ).map(tuple),
    parent_id=st.none() | texts("c1", "c2"),
    vat_number=texts(
        "FR11123456782",
        "fr 83 404 833 048",
        MONACO_VAT,
        "GR094259216",
        "DE136695976",
        "EU372000041",
    ),
    siret=texts("12345678200010", "404 833 048 00014", "12345678200011", ""),
    siren=texts("123456782", "404833048", ""),
    ape_code=texts("62.01Z", "6201z", "62.10Y", "62.99Z"),
    accounting_account=texts("411MARTIN"),
    active=st.booleans(),
    contacts=st.lists(contacts, max_size=3).map(tuple),
    owner=st.none() | st.text(),
    created_at=st.none() | st.datetimes(),
)
policies = st.builds(
    Policy,
    required_company_fields=st.frozensets(st.sampled_from(CLIENT_REQUIRABLE_FIELDS)),
    required_individual_fields=st.frozensets(st.sampled_from(CLIENT_REQUIRABLE_FIELDS)),
    required_contact_fields=st.frozensets(st.sampled_from(CONTACT_REQUIRABLE_FIELDS)),
    require_siren_in_france=st.booleans(),
    company_types=st.none() | st.frozensets(texts("SARL", "SAS")),
    languages=st.none() | st.frozensets(texts("Français")),
    sources=st.none() | st.frozensets(texts("Salon")),
)

_CLIENT_FIELDS = [field.name for field in attrs.fields(Client)]


def _top_field(problem: Problem) -> str:
    return problem.field.split(".", 1)[0].split("[", 1)[0]


@given(clients, st.none() | policies, st.sampled_from(["fr", "en"]))
def test_any_client_gives_problems_and_never_an_exception(
    client: Client, policy: Policy | None, locale: str
) -> None:
    problems = validate_client(client, policy=policy, locale=locale)
    for problem in problems:
        assert problem.code
        assert problem.message
        assert problem.severity in ("error", "warning")
        assert _top_field(problem) in _CLIENT_FIELDS
    ranks = [_CLIENT_FIELDS.index(_top_field(problem)) for problem in problems]
    assert ranks == sorted(ranks)


@given(clients)
def test_french_and_english_report_the_same_problems(client: Client) -> None:
    def facts(locale: str) -> list[tuple[str, str, str]]:
        return [(p.code, p.field, p.severity) for p in validate_client(client, locale=locale)]

    assert facts("fr") == facts("en")


@given(clients)
def test_normalising_is_idempotent(client: Client) -> None:
    once = normalize_client(client)
    assert normalize_client(once) == once


@given(clients)
def test_phones_are_read_in_the_territory_of_the_normalised_addresses(client: Client) -> None:
    normalized = normalize_client(client)
    region = client_region(normalized)
    for typed, stored in zip(client.contacts, normalized.contacts, strict=True):
        for field in ("direct_phone", "mobile_phone", "switchboard_phone"):
            text = getattr(typed, field)
            e164 = stored_phone(text, region=region) if text.strip() else None
            assert getattr(stored, field) == (e164 or text)


@given(clients, st.text(), st.datetimes(timezones=st.just(datetime.UTC)))
def test_a_new_client_is_stamped_then_given_its_billing_address_as_a_delivery_address(
    client: Client, user: str, now: datetime.datetime
) -> None:
    stamped = attrs.evolve(
        client,
        owner=user if client.owner is None else client.owner,
        created_at=now if client.created_at is None else client.created_at,
        version=1,  # as it is stored: a repository then adds it as it is
    )
    assert stamp_new(client, user=user, now=now) == with_billing_as_delivery_address(stamped)


@given(clients)
def test_a_normalised_client_has_no_problem_the_original_had_not(client: Client) -> None:
    before = validate_client(client, locale="en")
    after = validate_client(normalize_client(client), locale="en")
    assert len(after) <= len(before)
    assert {(p.code, p.field) for p in after} <= {(p.code, p.field) for p in before}


@given(addresses, st.sampled_from(["fr", "en", "fr_FR", "en-GB"]), st.none() | st.text())
def test_the_postal_lines_of_any_address_are_clean_lines(
    address: Address, locale: str, recipient: str | None
) -> None:
    lines = postal_lines(address, locale=locale, recipient=recipient)
    for line in lines:
        assert line
        assert line == " ".join(line.split())
    assert len(lines) <= 3 + len(address.line1.splitlines()) + len(address.line2.splitlines())


@given(
    texts(*PHONES, "+33612345678", "0033 6 12 34 56 78"),
    st.sampled_from(["FR", "GP", "RE", "MC", "BE", "", "zz"]),
)
def test_a_normalised_phone_is_e164_and_normalises_to_itself(text: str, region: str) -> None:
    e164 = normalize_phone(text, region=region)
    if e164 is not None:
        assert e164.startswith("+")
        assert e164[1:].isdigit()
        assert normalize_phone(e164, region=region) == e164


_TEXT_FIELDS = ("id", "name", "first_name", "last_name", "website", "siret", "vat_number", "owner")


@given(
    clients,
    st.sampled_from(_TEXT_FIELDS),
    st.sampled_from(["\x00", "\ud800", "\udbff", "\udc00", "\udfff"]),
    st.integers(0, 40),
)
def test_a_character_no_database_stores_is_reported_on_its_field_whatever_the_record(
    client: Client, field: str, character: str, at: int
) -> None:
    text = getattr(client, field) or ""
    changes: dict[str, Any] = {field: text[:at] + character + text[at:]}
    problems = validate_client(attrs.evolve(client, **changes), locale="en")
    assert ("text.unstorable", field) in [(p.code, p.field) for p in problems]
