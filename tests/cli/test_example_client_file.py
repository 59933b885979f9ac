"""The example file of the README, ``examples/clients.csv``: each deliberate error is found."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from tests.cli.clientfiles import check_json

EXAMPLES = Path(__file__).parents[2] / "examples"
CLIENTS = EXAMPLES / "clients.csv"

#: The deliberate errors of ``examples/make_clients.py`` (``DELIBERATE``), by spreadsheet row.
DELIBERATE = [
    (9, "siren.checksum"),  # a mistyped last digit
    (21, "siren.length"),  # the spreadsheet dropped the leading zero
    (27, "address.postal_code.format"),  # 6000 for Nice's 06000
    (33, "siret.checksum"),  # two digits swapped
    (46, "siret.length"),  # a NIC digit forgotten
    (52, "contact.email.format"),  # ".fr" forgotten
    (60, "siret.format"),  # 3,61590E+13: Excel's scientific notation
    (66, "contact.phone.invalid"),  # a Guadeloupe number two digits short
    (75, "siret.siren_mismatch"),  # pasted from another company
    (81, "contact.direct_phone.required"),  # the primary contact's direct phone left out
    (90, "vat.checksum"),  # wrong key
    (96, "contact.civility.unknown"),  # "Dr"
    (104, "vat.component"),  # an EU one-stop-shop number
    (119, "vat.siren_mismatch"),  # another company's number
    (126, "contact.phone.not_mobile"),  # a landline in the mobile column
    (133, "vat.length"),  # a digit missing
    (140, "client.duplicate"),  # the same company entered twice, the second time in capitals
    (141, "client.duplicate"),
    (148, "naf.component"),  # 62.99Z: no such sub-class
    (162, "naf.length"),  # 6201: the letter forgotten
    (177, "naf.format"),  # 62.O1Z: a capital O for a zero
    (191, "vat.format"),  # no country prefix
    (205, "row.width"),  # an unquoted ';' in the position
    (219, "vat.component"),  # MC: Monaco uses French numbers
    (232, "siren.format"),  # "En cours"
    (252, "client.duplicate"),  # two clients with the same contact's e-mail address
    (253, "client.duplicate"),
]


def test_the_example_file_reports_each_deliberate_error_at_its_row(
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = check_json(capsys, CLIENTS)
    assert result.status == 1
    assert result.codes() == DELIBERATE
    document = result.json()
    assert (document["rows"], document["encoding"], document["delimiter"]) == (300, "cp1252", ";")
    assert document["summary"]["errors"] == 21
    assert document["summary"]["warnings"] == 6


def test_the_example_file_has_individuals_overseas_and_foreign_clients_that_are_valid(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = CLIENTS.read_text(encoding="cp1252")
    assert text.count(";Particulier;") >= 5
    for place in (";97110;", ";97200;", ";97400;", ";98000;Monaco;Monaco;", ";Belgique;"):
        assert place in text
    assert "+590 690 " in text
    assert " 05 90 " in text or ";05 90 " in text
    rows_with_problems = {row for row, _code in check_json(capsys, CLIENTS).codes()}
    assert rows_with_problems == {row for row, _code in DELIBERATE}


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
    assert result.json()["summary"]["errors"] <= 2
    assert result.json()["summary"]["warnings"] <= 1_000  # rows of the same name and postal code
