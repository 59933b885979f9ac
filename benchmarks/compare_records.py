"""validate_client against its floor: the third-party checks alone, on the same records.

Run it (about half a minute)::

    .venv/bin/python benchmarks/compare_records.py [--records 100000]

It makes the records once (deterministic, from their position), then times, best of 3:

- ``validate_client`` on every record (every rule of the record, default ``Policy``);
- the floor: only what clientbook delegates, on the same values: phonenumbers' ``parse`` and
  ``is_valid_number`` for each phone number, email-validator's ``validate_email`` (no network)
  for each e-mail address, and the identifier checks (``siren``, ``siret``, ``vat``, ``naf``).

The issue's targets: the whole within 1.5 times the floor, and at least 10,000 records/s.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence

from clientbook import Address, Client, ClientKind, Contact, validate_client
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


def floor(records: Sequence[Client]) -> int:
    """Run only the third-party and identifier checks on the records' values."""
    import phonenumbers
    from email_validator import EmailNotValidError, validate_email

    valid = 0
    for record in records:
        region = (
            "GP"
            if record.address is not None and record.address.postal_code.startswith("97")
            else "FR"
        )
        for contact in record.contacts:
            for number in (contact.direct_phone, contact.mobile_phone):
                valid += phonenumbers.is_valid_number(phonenumbers.parse(number, region))
            try:
                validate_email(contact.email, check_deliverability=False)
                valid += 1
            except EmailNotValidError:
                pass
        valid += siren.is_valid(record.siren) + siret.is_valid(record.siret)
        valid += vat.is_valid(record.vat_number) + naf.is_valid(record.ape_code)
    return valid


def best_of(
    function: Callable[[Sequence[Client]], int], records: Sequence[Client], runs: int = 3
) -> float:
    """Return the best wall time of *runs* calls, in seconds."""
    function(records[:100])  # load what is loaded lazily
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function(records)
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: Sequence[str] | None = None) -> None:
    """Print records/s for validate_client and for its floor, and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=SIZE)
    count = parser.parse_args(argv).records
    records = make_records(count)
    whole = best_of(validate_all, records)
    alone = best_of(floor, records)
    print(f"{'check':<40}{'records/s':>12}")
    print(f"{'validate_client (every rule)':<40}{count / whole:>12,.0f}")
    print(f"{'floor: phonenumbers + email + identifiers':<40}{count / alone:>12,.0f}")
    print(f"whole / floor: {whole / alone:.2f}")


if __name__ == "__main__":
    main()
