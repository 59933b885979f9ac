"""``clientbook check`` on a 100,000-row file of identifier columns, against its floor.

Run it (about a minute)::

    .venv/bin/python -m benchmarks.compare_check_identifiers [--rows 100000] [--rounds 5]

It writes the file of ``examples/make_clients.py --rows N`` and keeps its « Raison sociale »,
« SIREN », « SIRET », « N° TVA intracommunautaire » and « Code APE » columns (the rows of
individuals, who have none of them, are left out), then times, best of the rounds, in CPU time
of this process:

- ``check``: the whole command, ``clientbook check FILE --format json``, output thrown away;
- reading the rows alone (encoding and delimiter sniffed, CSV parsed);
- the floor: ``is_valid`` of every SIREN, SIRET, VAT number and APE code of the file, the
  values taken out beforehand: clientbook's own checks, nothing else;
- the peer: python-stdnum's ``is_valid`` on the same SIRENs, SIRETs and VAT numbers
  (``stdnum.fr.siren``, ``stdnum.fr.siret``, ``stdnum.eu.vat``; it has no NAF module).

Then it runs the command as a user does, ``clientbook check FILE --format json`` in a new
process, and gives its wall-clock time, Python's start included. The issue's target: at least
50,000 rows/s on one core.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.compare_check import cpu_seconds, write_generated_file

FLOOR = "floor: clientbook's is_valid of every cell"
COLUMNS = ("Raison sociale", "SIREN", "SIRET", "N° TVA intracommunautaire", "Code APE")


def write_identifier_file(rows: int, path: Path) -> int:
    """Write the identifier columns of a generated client file to *path*; return its rows."""
    full = path.with_name("full.csv")
    write_generated_file(rows, full)
    written = 0
    with full.open(encoding="cp1252", newline="") as source:
        reader = csv.reader(source, delimiter=";")
        header = next(reader)
        keep = [header.index(column) for column in COLUMNS]
        with path.open("w", encoding="cp1252", newline="") as target:
            writer = csv.writer(target, delimiter=";", lineterminator="\r\n")
            writer.writerow(COLUMNS)
            for row in reader:
                cells = [row[index] if index < len(row) else "" for index in keep]
                if any(cell.strip() for cell in cells):
                    writer.writerow(cells)
                    written += 1
    return written


def main() -> None:
    """Write the file, time the command, its floor and its peer; print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    arguments = parser.parse_args()

    from stdnum.eu import vat as stdnum_vat
    from stdnum.fr import siren as stdnum_siren
    from stdnum.fr import siret as stdnum_siret

    from clientbook._cli.app import main as clientbook
    from clientbook._files.reading import RowProblem, open_client_file
    from clientbook.identifiers import naf, siren, siret, vat

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "identifiers.csv"
        count = write_identifier_file(arguments.rows, path)
        with open_client_file(path) as (layout, records):
            rows = [record[1] for record in records if not isinstance(record, RowProblem)]
        ours: list[tuple[Callable[[str], bool], str]] = []
        theirs: list[tuple[Callable[[str], bool], str]] = []
        for field, module, stdnum in (
            ("siren", siren, stdnum_siren),
            ("siret", siret, stdnum_siret),
            ("vat", vat, stdnum_vat),
            ("naf", naf, None),
        ):
            index = layout.columns[field]
            for cells in rows:
                if cells[index].strip():
                    ours.append((module.is_valid, cells[index]))
                    if stdnum is not None:
                        theirs.append((stdnum.is_valid, cells[index]))

        def check() -> None:
            with contextlib.redirect_stdout(io.StringIO()):
                clientbook(["check", str(path), "--format", "json"])

        def read_rows() -> None:
            with open_client_file(path) as (_layout, records):
                for _record in records:
                    pass

        def floor() -> None:
            for is_valid, text in ours:
                is_valid(text)

        def peer() -> None:
            for is_valid, text in theirs:
                is_valid(text)

        work = {
            "check (the whole command, in this process)": check,
            "  reading the rows": read_rows,
            FLOOR: floor,
            "peer: python-stdnum's is_valid (no NAF)": peer,
        }
        best = dict.fromkeys(work, float("inf"))
        for _round in range(arguments.rounds):
            for label, run in work.items():
                best[label] = min(best[label], cpu_seconds(run))
        walls = []
        for _round in range(arguments.rounds):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "clientbook", "check", str(path), "--format", "json"],
                stdout=subprocess.DEVNULL,
                check=False,
            )
            walls.append(time.perf_counter() - start)

    print(f"{count:,} rows, {len(ours):,} identifier cells; CPU time, best of {arguments.rounds}")
    print(f"{'':46} {'s':>7} {'rows/s':>10} {'µs/row':>8}")
    for label, seconds in [
        *best.items(),
        ("clientbook check FILE (new process, wall)", min(walls)),
    ]:
        print(f"{label:46} {seconds:7.2f} {count / seconds:10,.0f} {seconds / count * 1e6:8.1f}")
    whole = best["check (the whole command, in this process)"]
    print(f"check / floor: {whole / best[FLOOR]:.2f}")


if __name__ == "__main__":
    main()
