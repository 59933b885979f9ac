"""``clientbook check`` on a 100,000-row client file, against its floor, in the same run.

Run it (a few minutes)::

    .venv/bin/python -m benchmarks.compare_check [--rows 100000] [--rounds 3]

It writes the file once with ``examples/make_clients.py --rows N`` (deterministic: every column
filled as an office's export has them, a few individuals, overseas and foreign clients, one row
in 10,000 with an error, and the duplicates that random names give), then times, best of the
rounds, each round measuring everything once, in CPU time of this process:

- ``check``: the whole command, ``clientbook check FILE --format json`` in this process, output
  thrown away: reading the file, the identifier cells, each row read into a record
  (``client_from_row``) and checked (``validate_client``), the duplicates, the JSON;
- its parts, each alone on the same rows: reading the rows, ``client_from_row``,
  ``validate_client`` on the records, ``find_duplicates`` with the warnings;
- the floor: the third-party checks alone, on the same values and nothing else, the values
  taken out of the file beforehand: phonenumbers' ``parse`` in the territory of the address
  and ``is_valid_number`` of every phone number, email-validator's ``validate_email`` (no
  network) of every e-mail address, and ``is_valid`` of every SIREN, SIRET, VAT number and APE
  code. Beside it, the same floor without email-validator: clientbook decides plain
  addresses itself (:mod:`clientbook._rules.email`).

The issue's targets: at least 10,000 rows/s on one core, and the whole within 1.5 times the
floor.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).parents[1]


def cpu_seconds(work: Callable[[], object]) -> float:
    """Return the CPU time of this process that *work* takes."""
    start = time.process_time()
    work()
    return time.process_time() - start


def write_generated_file(rows: int, path: Path) -> None:
    """Write the client file of ``examples/make_clients.py --rows ROWS`` to *path*."""
    subprocess.run(
        [sys.executable, str(ROOT / "examples" / "make_clients.py"), "--rows", str(rows),
         "--out", str(path)],
        check=True,
    )  # fmt: skip


def main() -> None:
    """Write the file, time the command, its parts and its floor; print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    arguments = parser.parse_args()

    import phonenumbers
    from email_validator import EmailNotValidError, validate_email

    from clientbook import find_duplicates, territory, validate_client
    from clientbook._cli.app import main as clientbook
    from clientbook._files.check import file_policy
    from clientbook._files.columns import RowColumns
    from clientbook._files.reading import RowProblem, open_client_file
    from clientbook._files.rows import client_from_row
    from clientbook.identifiers import naf, siren, siret, vat

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "clients.csv"
        write_generated_file(arguments.rows, path)
        with open_client_file(path) as (layout, records):
            rows = [record for record in records if not isinstance(record, RowProblem)]
        columns = RowColumns(layout.columns, layout.headers, locale="fr")
        reads = [client_from_row(cells, columns) for _row, cells in rows]
        clients = [read.client for read in reads]
        policy = file_policy(layout.columns)

        phones: list[tuple[str, str]] = []
        emails: list[str] = []
        identifiers: list[tuple[Callable[[str], bool], str]] = []
        for client in clients:
            region = territory(client.address) if client.address is not None else "FR"
            for contact in client.contacts:
                for text in (contact.direct_phone, contact.mobile_phone, contact.switchboard_phone):
                    if text.strip():
                        phones.append((text, region))
                if contact.email.strip():
                    emails.append(contact.email.strip())
            for module, text in (
                (siren, client.siren),
                (siret, client.siret),
                (vat, client.vat_number),
                (naf, client.ape_code),
            ):
                if text.strip():
                    identifiers.append((module.is_valid, text))

        def floor_phones() -> None:
            for text, region in phones:
                with contextlib.suppress(phonenumbers.NumberParseException):
                    phonenumbers.is_valid_number(phonenumbers.parse(text, region))

        def floor_emails() -> None:
            for text in emails:
                with contextlib.suppress(EmailNotValidError):
                    validate_email(text, check_deliverability=False)

        def floor_identifiers() -> None:
            for is_valid, text in identifiers:
                is_valid(text)

        def check() -> None:
            with contextlib.redirect_stdout(io.StringIO()):
                clientbook(["check", str(path), "--format", "json"])

        def read_rows() -> None:
            with open_client_file(path) as (_layout, records):
                for _record in records:
                    pass

        def duplicates() -> None:
            find_duplicates(clients)

        work = {
            "check (the whole command)": check,
            "  reading the rows": read_rows,
            "  client_from_row": lambda: [client_from_row(cells, columns) for _row, cells in rows],
            "  validate_client": lambda: [
                validate_client(client, policy=policy, locale="fr") for client in clients
            ],
            "  find_duplicates (on whole records)": duplicates,
            "floor: phonenumbers parse + is_valid_number": floor_phones,
            "floor: email-validator validate_email": floor_emails,
            "floor: identifiers is_valid": floor_identifiers,
        }
        best = dict.fromkeys(work, float("inf"))
        for _round in range(arguments.rounds):
            for label, run in work.items():
                best[label] = min(best[label], cpu_seconds(run))

    count = len(rows)
    floor = sum(best[label] for label in work if label.startswith("floor"))
    floor_plain = floor - best["floor: email-validator validate_email"]
    print(f"{count:,} rows; {len(phones):,} phone numbers, {len(emails):,} e-mail addresses, "
          f"{len(identifiers):,} identifiers; CPU time, best of {arguments.rounds}")  # fmt: skip
    print(f"{'':46} {'s':>7} {'rows/s':>10} {'µs/row':>8}")
    for label, seconds in [*best.items(), ("floor (all three)", floor),
                           ("floor without email-validator", floor_plain)]:  # fmt: skip
        print(f"{label:46} {seconds:7.2f} {count / seconds:10,.0f} {seconds / count * 1e6:8.1f}")
    whole = best["check (the whole command)"]
    print(f"check / floor: {whole / floor:.2f}; check / floor without email-validator: "
          f"{whole / floor_plain:.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
