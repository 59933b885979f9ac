"""validate_client against its floor: the third-party checks alone, on the same records.

Run it (about half a minute)::

    .venv/bin/python benchmarks/compare_records.py [--records 100000]

It makes the records once (deterministic, from their position), then times, best of 3
(``--runs``), the three taking turns:

- ``validate_client`` on every record (every rule of the record, default ``Policy``);
- the floor: exactly the work ``validate_client`` delegates, on the same values and no more,
  so that the ratio measures clientbook's own overhead:

  - for each phone number, phonenumbers' ``parse`` in the address's territory and
    ``is_valid_number``; for a national number (``0...``) that is not valid there, ``parse``
    and ``is_valid_number`` in the other territories of the French plan until one says valid
    (the rule accepts ``06...`` mobiles of the mainland with an address in Guadeloupe, so it
    must ask); for the mobile field, ``number_type`` of a valid number (the rule warns about a
    landline there);
  - no e-mail work: every address of these records has the plain shape that clientbook
    decides itself (:mod:`clientbook._email`, ``bench_records.py`` checks that they all do);
    an address of another shape would cost email-validator's ``validate_email``;
  - the identifier checks (``is_valid`` of ``siren``, ``siret``, ``vat``, ``naf``: clientbook's
    own code, counted in the floor as the issue asks).

- for comparison with the figures taken before the plain-address shape, the same floor with
  email-validator's ``validate_email`` (no network) on every address.

The issue's targets: the whole within 1.5 times the floor, and at least 10,000 records/s.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence

from clientbook import Address, Client, ClientKind, Contact, validate_client
from clientbook._email import _plain_address
from clientbook.identifiers import naf, siren, siret, vat
from clientbook.identifiers._text import luhn_ok

SIZE = 100_000
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


_FRENCH_PLAN = ("FR", "GP", "MQ", "GF", "RE")


def _phone_work(number: str, region: str, *, mobile: bool) -> bool:
    """The phonenumbers calls the phone rule needs for *number*; return whether it is valid."""
    import phonenumbers

    national = number[:1] == "0" and number[:2] != "00"
    for other in (region, *(code for code in _FRENCH_PLAN if code != region)):
        if other != region and not national:
            break  # only a national number is read in the other territories
        try:
            parsed = phonenumbers.parse(number, other)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            if mobile:
                phonenumbers.number_type(parsed)
            return True
    return False


def floor(records: Sequence[Client], *, email_validator: bool = False) -> int:
    """Run only the work ``validate_client`` delegates on the records' values.

    With *email_validator*, also email-validator's ``validate_email`` on every address (the
    floor as it was measured before clientbook decided plain addresses itself).
    """
    from email_validator import EmailNotValidError, validate_email

    valid = 0
    for record in records:
        region = (
            "GP"
            if record.address is not None and record.address.postal_code.startswith("97")
            else "FR"
        )
        for contact in record.contacts:
            valid += _phone_work(contact.direct_phone, region, mobile=False)
            valid += _phone_work(contact.mobile_phone, region, mobile=True)
            if email_validator:
                try:
                    validate_email(contact.email, check_deliverability=False)
                    valid += 1
                except EmailNotValidError:
                    pass
        valid += siren.is_valid(record.siren) + siret.is_valid(record.siret)
        valid += vat.is_valid(record.vat_number) + naf.is_valid(record.ape_code)
    return valid


def floor_with_email_validator(records: Sequence[Client]) -> int:
    """The floor with email-validator on every address: the figures before the plain shape."""
    return floor(records, email_validator=True)


def best_times(
    functions: Sequence[Callable[[Sequence[Client]], int]],
    records: Sequence[Client],
    runs: int = 3,
) -> list[float]:
    """Return the best wall time of each function over *runs* rounds, in seconds.

    The functions take turns within each round, so that a machine busy with other work for a
    while slows them alike and their ratio holds.
    """
    for function in functions:
        function(records[:100])  # load what is loaded lazily
    best = [float("inf")] * len(functions)
    for _ in range(runs):
        for index, function in enumerate(functions):
            start = time.perf_counter()
            function(records)
            best[index] = min(best[index], time.perf_counter() - start)
    return best


def main(argv: Sequence[str] | None = None) -> None:
    """Print records/s for validate_client and for its floor, and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=SIZE)
    parser.add_argument("--runs", type=int, default=3, help="rounds; the best of each is kept")
    arguments = parser.parse_args(argv)
    count = arguments.records
    records = make_records(count)
    if not all(_plain_address(c.email) is not None for r in records for c in r.contacts):
        raise SystemExit("an address is not plain: the floor must then count email-validator")
    whole, alone, before = best_times(
        (validate_all, floor, floor_with_email_validator), records, arguments.runs
    )
    print(f"{'check':<52}{'records/s':>12}")
    print(f"{'validate_client (every rule)':<52}{count / whole:>12,.0f}")
    print(f"{'floor: the third-party work the rules do':<52}{count / alone:>12,.0f}")
    print(f"{'floor with email-validator on every address':<52}{count / before:>12,.0f}")
    print(f"whole / floor: {whole / alone:.2f}")
    print(f"whole / floor with email-validator: {whole / before:.2f}")


if __name__ == "__main__":
    main()
