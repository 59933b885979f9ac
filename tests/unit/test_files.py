"""clientbook.files: the client files of an office, read and checked from Python."""

from __future__ import annotations

from pathlib import Path

import pytest

from clientbook import ClientKind
from clientbook.files import ClientFileError, check_file, read_clients

HEADER = "Raison sociale;SIRET;N° TVA intracommunautaire;Code postal;Ville;Prénom;Nom;Email\n"


def _file(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "clients.csv"
    path.write_bytes((HEADER + "".join(rows)).encode("cp1252"))
    return path


def test_the_rows_of_a_windows_1252_file_are_read_into_records(tmp_path: Path) -> None:
    path = _file(
        tmp_path,
        "Boulangerie Dupré;123 456 782 00010;FR11123456782;69003;Lyon;Hélène;Dupré;"
        "helene@dupre.fr\n",
        "Établissements Lefèvre;40483304800014;;33000;Bordeaux;;;\n",
    )
    rows = list(read_clients(path))
    assert [number for number, _ in rows] == [2, 3]
    first = rows[0][1]
    assert first.kind is ClientKind.COMPANY
    assert first.name == "Boulangerie Dupré"
    assert first.siren == "123456782"
    assert first.address is not None
    assert (first.address.postal_code, first.address.city) == ("69003", "Lyon")
    assert first.contacts[0].email == "helene@dupre.fr"
    assert rows[1][1].name == "Établissements Lefèvre"


def test_a_short_row_is_read_with_empty_cells(tmp_path: Path) -> None:
    path = _file(tmp_path, "Garage Moreau;12345678200010\n")
    [(row, client)] = list(read_clients(path))
    assert (row, client.name, client.vat_number) == (2, "Garage Moreau", "")


def test_checking_a_file_reports_its_rows_and_problems(tmp_path: Path) -> None:
    path = _file(
        tmp_path,
        "Boulangerie Dupré;12345678200011;;69003;Lyon;Hélène;Dupré;helene@dupre.fr\n",
    )
    report = check_file(path, locale="en")
    assert report.rows == 1
    assert [(p.row, p.code, p.column) for p in report.problems] == [(2, "siret.checksum", "SIRET")]
    assert report.problems[0].message.startswith("The check digits")


def test_a_file_that_cannot_be_read_is_refused_with_a_code(tmp_path: Path) -> None:
    path = tmp_path / "vide.csv"
    path.write_bytes(b"")
    with pytest.raises(ClientFileError) as raised:
        list(read_clients(path))
    assert raised.value.code == "file.empty"
