"""validate_client against its floor: the work it delegates, alone, on the same records.

Run it (about half a minute)::

    .venv/bin/python benchmarks/compare_records.py [--records 100000] [--runs 3]

It makes the records once (deterministic, from their position), then times (CPU time of the
process), best of 3 (``--runs``), the three taking turns:

- ``validate_client`` on every record (every rule of the record, default ``Policy``);
- the floor: exactly the work ``validate_client`` hands to phonenumbers, email-validator and the
  identifier modules, on the same values and no more, so that the ratio measures clientbook's
  own overhead. :func:`floor_values` prepares, untimed, what the rules hand over; the floor
  times only the calls:

  - for each phone number, ``is_valid_number`` on each reading the rule tries: the address's
    territory, then, for a national number (``0...``) that is not valid there, the other
    territories of the French plan until one is valid (the rule accepts a mainland ``06``
    mobile with an address in Guadeloupe, so it must ask); ``parse`` before it when the text
    is not a plain national number (for a plain one clientbook finds the country code and
    national number itself, and the floor, like the rule, only builds phonenumbers'
    ``PhoneNumber`` of them: :mod:`clientbook._rules.phones`); and ``number_type`` of the mobile
    field's valid number (the rule warns about a landline there);
  - email-validator's ``validate_email`` (no network) on each address that is not plain
    (clientbook decides plain ones itself: :mod:`clientbook._rules.email`);
  - the identifier checks, ``is_valid`` of ``siren``, ``siret``, ``vat`` and ``naf``
    (clientbook's own code, counted in the floor as the issue asks);

- the floor before clientbook read plain numbers and addresses itself: the same with
  ``parse`` for every reading and ``validate_email`` on every address, for comparison with
  the figures taken before.

The issue's targets: the whole within 1.5 times the floor, and at least 10,000 records/s.

With ``--construction`` (a few seconds) it times instead, in µs, best of ``--runs`` rounds of
100,000, taking turns: ``Client(...)`` of a complete record and ``attrs.evolve(client,
version=1)``, beside the same on :func:`unchecked` twins of the records (the same attrs
classes without the converters and checks of issue 8 §5: what building a record cost
before them).
"""

from __future__ import annotations

import argparse
import datetime
import time
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple, TypeVar

import attrs
from attrs import AttrsInstance

from clientbook import (
    Address,
    Civility,
    Client,
    ClientKind,
    Contact,
    DeliveryAddress,
    Role,
    validate_client,
)
from clientbook._rules.email import _plain_address
from clientbook._rules.phones import _FALLBACKS, _FRENCH_PLAN, _plain_national, client_region
from clientbook.identifiers import naf, siren, siret, vat
from clientbook.identifiers._text import luhn_ok

SIZE = 100_000
T = TypeVar("T", bound=AttrsInstance)
NAMES = ("Boulangerie Martin", "Établissements Dubois", "Garage Lefèvre", "Cabinet Müller")
PLACES = (("69003", "Lyon"), ("75011", "Paris"), ("33000", "Bordeaux"), ("97110", "Pointe-à-Pitre"))
CODES = ("10.71C", "62.01Z", "45.20A", "69.10Z")


def _with_luhn(body: str) -> str:
    return next(body + digit for digit in "0123456789" if luhn_ok(body + digit))


def make_records(count: int) -> list[Client]:
    """Return *count* complete company records, each different, all but a few valid."""
    records = []
    for position in range(count):
        company = _with_luhn(f"{position + 10_000_000:08d}")
        postal_code, city = PLACES[position % len(PLACES)]
        pairs = f"{position % 90 + 10:02d} {position % 97:02d} {position % 89:02d}"
        landline = f"0590 {pairs}" if postal_code.startswith("97") else f"04 78 {pairs}"
        records.append(
            Client(
                id=f"C{position:06d}",
                kind=ClientKind.COMPANY,
                name=f"{NAMES[position % len(NAMES)]} {position}",
                address=Address(
                    line1=f"{position % 300 + 1} rue des Lilas", postal_code=postal_code, city=city
                ),
                siret=_with_luhn(company + f"{position % 9000 + 1:04d}"),
                vat_number=vat.from_siren(company),
                ape_code=CODES[position % len(CODES)],
                website=f"www.client-{position}.fr",
                contacts=(
                    Contact(
                        first_name="Hélène",
                        last_name=f"Martin{position}",
                        email=f"helene.martin{position}@client-{position % 5000}.fr",
                        direct_phone=landline,
                        mobile_phone=f"06 {pairs} 12",
                        primary=True,
                    ),
                ),
            )
        )
    return records


def validate_all(records: Sequence[Client]) -> int:
    """Run ``validate_client`` on every record; return the number of problems."""
    return sum(len(validate_client(record)) for record in records)


class Reading(NamedTuple):
    """One reading of a phone number the rule tries: the text in a territory."""

    text: str
    region: str
    #: The country code and national number of ``parse``'s result, read beforehand, when
    #: clientbook builds the ``PhoneNumber`` itself (the floor builds it too: phonenumbers'
    #: class, the object its checks take).
    fields: tuple[int, int] | None


class Phone(NamedTuple):
    """A phone number of a record: its readings in order, and whether it is the mobile field."""

    readings: tuple[Reading, ...]
    mobile: bool


class FloorValues(NamedTuple):
    """What the rules of one record hand to the libraries."""

    phones: tuple[Phone, ...]
    #: The addresses clientbook leaves to email-validator.
    emails: tuple[str, ...]
    identifiers: tuple[str, str, str, str]  # SIREN, SIRET, VAT number, APE code


def _phone(text: str, region: str, *, mobile: bool, shortcuts: bool) -> Phone:
    """The readings ``clientbook._rules.phones`` tries for *text*, as it tries them."""

    typed = text.strip()
    readings = [(text, region)]
    if region in _FRENCH_PLAN and typed[:1] == "0" and typed[:2] != "00":
        readings += [(typed, other) for other in _FALLBACKS if other != region]
    return Phone(
        readings=tuple(
            Reading(text=digits, region=where, fields=_fields(digits, where, shortcuts=shortcuts))
            for digits, where in readings
        ),
        mobile=mobile,
    )


def _fields(text: str, region: str, *, shortcuts: bool) -> tuple[int, int] | None:
    """The fields of ``parse``'s result, for a number clientbook reads without ``parse``."""
    import phonenumbers

    if not shortcuts or _plain_national(text, region) is None:
        return None
    number = phonenumbers.parse(text, region)
    assert number.country_code is not None
    assert number.national_number is not None
    return number.country_code, number.national_number


def floor_values(records: Sequence[Client], *, shortcuts: bool = True) -> list[FloorValues]:
    """Prepare, untimed, what the rules of each record hand to the libraries.

    Without *shortcuts*: as they did before clientbook read plain phone numbers and plain
    e-mail addresses itself (every reading parsed, every address to email-validator).
    """
    values = []
    for record in records:
        region = client_region(record)
        phones = []
        emails = []
        for contact in record.contacts:
            for text, mobile in (
                (contact.direct_phone, False),
                (contact.mobile_phone, True),
                (contact.switchboard_phone, False),
            ):
                if text.strip():
                    phones.append(_phone(text, region, mobile=mobile, shortcuts=shortcuts))
            address = contact.email.strip()
            if address and not (shortcuts and _plain_address(address) is not None):
                emails.append(address)
        values.append(
            FloorValues(
                phones=tuple(phones),
                emails=tuple(emails),
                identifiers=(record.siren, record.siret, record.vat_number, record.ape_code),
            )
        )
    return values


def floor(values: Sequence[FloorValues]) -> int:
    """Time only the library calls the rules make on these values; return how many passed."""
    import phonenumbers
    from email_validator import EmailNotValidError, validate_email

    valid = 0
    for record in values:
        for phone in record.phones:
            for reading in phone.readings:
                if reading.fields is not None:
                    country_code, national_number = reading.fields
                    number = phonenumbers.PhoneNumber(
                        country_code=country_code, national_number=national_number
                    )
                else:
                    try:
                        number = phonenumbers.parse(reading.text, reading.region)
                    except phonenumbers.NumberParseException:
                        continue
                if phonenumbers.is_valid_number(number):
                    if phone.mobile:
                        phonenumbers.number_type(number)
                    valid += 1
                    break
        for address in record.emails:
            try:
                validate_email(address, check_deliverability=False)
                valid += 1
            except EmailNotValidError:
                pass
        siren_number, siret_number, vat_number, ape_code = record.identifiers
        valid += siren.is_valid(siren_number) + siret.is_valid(siret_number)
        valid += vat.is_valid(vat_number) + naf.is_valid(ape_code)
    return valid


def best_times(
    runs: Sequence[tuple[Callable[[Any], int], Sequence[Any]]], rounds: int
) -> list[float]:
    """Return the best time of each ``function(argument)`` over *rounds*, in seconds.

    The time is the process's CPU time (:func:`time.process_time`: one core, and the time
    other jobs of a shared machine take is not counted). The functions take turns within each
    round, so that a machine busy with other work for a while slows them alike and their
    ratio holds.
    """
    for function, argument in runs:
        function(argument[:100])  # load what is loaded lazily
    best = [float("inf")] * len(runs)
    for _ in range(rounds):
        for index, (function, argument) in enumerate(runs):
            start = time.process_time()
            function(argument)
            best[index] = min(best[index], time.process_time() - start)
    return best


def full_record() -> dict[str, Any]:
    """The fields of a complete company record: every field an import fills, and more."""
    (record,) = make_records(1)
    lyon = Address(line1="3 rue de la République", postal_code="69002", city="Lyon")
    return {
        **attrs.asdict(record, recurse=False),
        "roles": frozenset({Role.CLIENT, Role.SUPPLIER}),
        "billing_address": lyon,
        "delivery_addresses": (DeliveryAddress(address=lyon, label="Entrepôt", default=True),),
        "contacts": (attrs.evolve(record.contacts[0], civility=Civility.MRS),),
        "owner": "user-7",
        "created_at": datetime.datetime(2026, 11, 23, 9, 30, tzinfo=datetime.UTC),
        "version": 3,
    }


def unchecked(record_type: type[T]) -> type[T]:
    """Return a twin of the attrs class *record_type* without its converters and checks."""
    fields = {field.name: attrs.field(default=field.default) for field in attrs.fields(record_type)}
    twin: type[T] = attrs.make_class(
        record_type.__name__, fields, frozen=True, slots=True, kw_only=True
    )
    return twin


def construction(rounds: int, number: int = 100_000) -> list[tuple[str, float, float]]:
    """Return, in µs, the best time of each way of building a record, checked and unchecked.

    The checked and the unchecked take turns within each round; the time is the process's
    CPU time, as in :func:`best_times`.
    """
    fields = full_record()
    twin = unchecked(Client)
    client, bare = Client(**fields), twin(**fields)
    contact = attrs.asdict(fields["contacts"][0], recurse=False)
    contact_twin = unchecked(Contact)
    address = attrs.asdict(fields["address"], recurse=False)
    address_twin = unchecked(Address)
    ways: list[tuple[str, Callable[[], object], Callable[[], object]]] = [
        ("Client(...) of a complete record", lambda: Client(**fields), lambda: twin(**fields)),
        (
            "attrs.evolve(client, version=1)",
            lambda: attrs.evolve(client, version=1),
            lambda: attrs.evolve(bare, version=1),
        ),
        (
            "Contact(...) of a primary contact",
            lambda: Contact(**contact),
            lambda: contact_twin(**contact),
        ),
        ("Address(...)", lambda: Address(**address), lambda: address_twin(**address)),
    ]
    best = {(name, side): float("inf") for name, *_ in ways for side in (0, 1)}
    for _ in range(rounds):
        for name, *sides in ways:
            for side, build in enumerate(sides):
                start = time.process_time()
                for _ in range(number):
                    build()
                seconds = (time.process_time() - start) / number
                best[name, side] = min(best[name, side], seconds * 1e6)
    return [(name, best[name, 0], best[name, 1]) for name, *_ in ways]


def main(argv: Sequence[str] | None = None) -> None:
    """Print records/s for validate_client and for its floor, and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=SIZE)
    parser.add_argument("--runs", type=int, default=3, help="rounds; the best of each is kept")
    parser.add_argument("--construction", action="store_true", help="time building records instead")
    arguments = parser.parse_args(argv)
    if arguments.construction:
        print(f"{'build':<40}{'checked µs':>12}{'unchecked µs':>14}{'added µs':>10}")
        for name, checked, bare in construction(arguments.runs):
            print(f"{name:<40}{checked:>12.2f}{bare:>14.2f}{checked - bare:>10.2f}")
        return
    count = arguments.records
    records = make_records(count)
    values = floor_values(records)
    before = floor_values(records, shortcuts=False)
    whole, alone, old = best_times(
        [(validate_all, records), (floor, values), (floor, before)], arguments.runs
    )
    print(f"{'check':<56}{'records/s':>12}")
    print(f"{'validate_client (every rule)':<56}{count / whole:>12,.0f}")
    print(f"{'floor: the work the rules delegate':<56}{count / alone:>12,.0f}")
    print(f"{'floor before (parse, email-validator on every value)':<56}{count / old:>12,.0f}")
    print(f"whole / floor: {whole / alone:.2f}")
    print(f"whole / floor before: {whole / old:.2f}")


if __name__ == "__main__":
    main()
