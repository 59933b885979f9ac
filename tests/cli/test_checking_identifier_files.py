"""Files of identifier columns only: their clean rows take the check's fast path."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

from tests.cli.clientfiles import MONACO_VAT, OTHER_SIRET, SIREN, SIRET, VAT, write_client_file

from clientbook._files import check as _filecheck
from clientbook._files.check import check_file, file_policy
from clientbook._files.cleanrows import CleanRows
from clientbook._files.problems import FileReport
from clientbook._files.rows import client_from_row

HEADERS = ["Raison sociale", "SIREN", "SIRET", "N° TVA intracommunautaire", "Code APE"]


def _check_counting_records(path: Path, *, strict: bool = False) -> tuple[FileReport, int]:
    """Check *path*; return the report and how many rows were read into records."""
    with mock.patch.object(_filecheck, "client_from_row", wraps=client_from_row) as reading:
        report = check_file(path, locale="en", strict=strict)
    return report, reading.call_count


def test_the_clean_rows_of_a_file_of_identifiers_are_not_read_into_records(
    tmp_path: Path,
) -> None:
    rows = [
        ["Boulangerie Martin", SIREN, SIRET, VAT, "10.71C"],
        ["Boulangerie Martin", "404 833 048", "404 833 048 00014", "FR 83 404 833 048", "1071C"],
        ["Société des Bains de Mer", "", "", MONACO_VAT, "55.10Z"],
        ["Garage Dubois SAS", SIREN, OTHER_SIRET, "", "45.20A"],  # another company's SIRET
    ]
    path = write_client_file(tmp_path, rows, headers=HEADERS)
    report, read = _check_counting_records(path)
    assert read == 1
    assert [(problem.row, problem.code) for problem in report.problems] == [
        (2, "client.duplicate"),
        (3, "client.duplicate"),
        (5, "siret.siren_mismatch"),
        (5, "client.duplicate"),
    ]


def test_clean_rows_of_one_company_are_warned_as_duplicates_on_their_siren(
    tmp_path: Path,
) -> None:
    rows = [
        ["Boulangerie Martin", SIREN, SIRET, VAT, ""],
        ["Boulangerie Martin SARL", "404 833 048", "", "fr 83 404 833 048", ""],
    ]
    report = check_file(write_client_file(tmp_path, rows, headers=HEADERS), locale="fr")
    warnings = [(p.row, p.code, p.column, p.value, p.severity) for p in report.problems]
    assert warnings == [
        (2, "client.duplicate", "SIREN", "404 833 048", "warning"),
        (3, "client.duplicate", "SIREN", "404 833 048", "warning"),
    ]
    assert "même SIREN (404 833 048)" in report.problems[0].message
    assert "même numéro de TVA (FR83404833048)" in report.problems[0].message


def test_a_file_with_an_address_column_reads_every_row_into_a_record(tmp_path: Path) -> None:
    rows = [["Boulangerie Martin", SIREN, SIRET, VAT, "10.71C", "69003"]]
    path = write_client_file(tmp_path, rows, headers=[*HEADERS, "Code postal"])
    assert CleanRows.for_file({"name": 0, "postal_code": 1}, file_policy(["name"])) is None
    assert _check_counting_records(path)[1] == 1


def test_a_strict_check_reads_every_row_into_a_record(tmp_path: Path) -> None:
    rows = [["Boulangerie Martin", SIREN, SIRET, VAT, "10.71C"]] * 2
    path = write_client_file(tmp_path, rows, headers=HEADERS)
    report, read = _check_counting_records(path, strict=True)
    assert read == 2
    # Policy() whole: a company needs its primary contact, whatever columns the file has.
    assert {problem.code for problem in report.problems} >= {"contact.primary.required"}


def test_a_blank_company_name_is_still_required(tmp_path: Path) -> None:
    rows = [["  ", SIREN, SIRET, VAT, "10.71C"]]
    report, read = _check_counting_records(write_client_file(tmp_path, rows, headers=HEADERS))
    assert read == 1
    assert [problem.code for problem in report.problems] == ["client.name.required"]


def test_a_siren_shared_through_the_siret_is_warned_on_the_siret_when_the_siren_cell_is_blank(
    tmp_path: Path,
) -> None:
    rows = [
        ["Boulangerie Martin", SIREN, SIRET, "", ""],
        ["Boulangerie Martin", "", "404 833 048 00022", "", ""],
    ]
    for strict in (False, True):  # the fast path, then the full one
        report = check_file(
            write_client_file(tmp_path, rows, headers=HEADERS), locale="en", strict=strict
        )
        warnings = [
            (p.row, p.field, p.column) for p in report.problems if p.code == "client.duplicate"
        ]
        assert warnings == [(2, "siren", "SIREN"), (3, "siret", "SIRET")]
