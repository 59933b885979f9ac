"""The example file of the README, ``examples/clients.csv``: each deliberate error is found."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from clientfiles import check_json

EXAMPLES = Path(__file__).parents[2] / "examples"
CLIENTS = EXAMPLES / "clients.csv"

#: The deliberate errors of ``examples/make_clients.py`` (``DELIBERATE``), by spreadsheet row.
DELIBERATE = [
    (9, "siren.checksum"),  # a mistyped last digit
    (21, "siren.length"),  # the spreadsheet dropped the leading zero
    (33, "siret.checksum"),  # two digits swapped
    (46, "siret.length"),  # a NIC digit forgotten
    (60, "siret.format"),  # 3,61590E+13: Excel's scientific notation
    (75, "siret.siren_mismatch"),  # pasted from another company
    (90, "vat.checksum"),  # wrong key
    (104, "vat.component"),  # an EU one-stop-shop number
    (119, "vat.siren_mismatch"),  # another company's number
    (133, "vat.length"),  # a digit missing
    (148, "naf.component"),  # 62.99Z: no such sub-class
    (162, "naf.length"),  # 6201: the letter forgotten
    (177, "naf.format"),  # 62.O1Z: a capital O for a zero
    (191, "vat.format"),  # no country prefix
    (205, "row.width"),  # an unquoted ';' in the address
    (219, "vat.component"),  # MC: Monaco uses French numbers
    (232, "siren.format"),  # "En cours"
]


def test_the_example_file_reports_each_deliberate_error_at_its_row(
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = check_json(capsys, CLIENTS)
    assert result.status == 1
    assert result.codes() == DELIBERATE
    document = result.json()
    assert (document["rows"], document["encoding"], document["delimiter"]) == (300, "cp1252", ";")
    assert document["summary"]["errors"] == 16
    assert document["summary"]["warnings"] == 1


def test_the_example_file_is_what_the_generator_writes(tmp_path: Path) -> None:
    out = tmp_path / "clients.csv"
    subprocess.run(
        [sys.executable, str(EXAMPLES / "make_clients.py"), "--out", str(out)], check=True
    )
    assert out.read_bytes() == CLIENTS.read_bytes()


def test_the_generator_writes_a_large_file_with_few_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "clients-20k.csv"
    subprocess.run(
        [sys.executable, str(EXAMPLES / "make_clients.py"), "--rows", "20000", "--out", str(out)],
        check=True,
    )
    result = check_json(capsys, out)
    assert result.json()["rows"] == 20_000
    assert len(result.json()["problems"]) <= 2
