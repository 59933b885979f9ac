"""Checking the identifiers of each row: every problem found, with its code, row and column."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from tests.cli.clientfiles import (
    COMPANIES,
    FRENCH_HEADERS,
    MONACO_VAT,
    OTHER_SIREN,
    OTHER_SIRET,
    OTHER_VAT,
    SIREN,
    check_json,
    client,
    other_client,
    run,
    write_client_file,
)

from clientbook import Problem
from clientbook._files.check import check_file
from clientbook._files.problems import FileProblem


@pytest.mark.parametrize(
    ("row", "column", "code"),
    [
        (client(siren="404833049"), "SIREN", "siren.checksum"),
        (client(siren="40483304"), "SIREN", "siren.length"),
        (client(siren="En cours"), "SIREN", "siren.format"),
        (client(siren="000000000", siret="", vat=""), "SIREN", "siren.component"),
        (client(siret="40483304800015"), "SIRET", "siret.checksum"),
        (client(siret="4048330480001"), "SIRET", "siret.length"),
        (client(siret="404 833 048 0OO14"), "SIRET", "siret.format"),
        (client(vat="FR84404833048"), "N° TVA intracommunautaire", "vat.checksum"),
        (client(vat="FR8340483304"), "N° TVA intracommunautaire", "vat.length"),
        (client(vat="83404833048"), "N° TVA intracommunautaire", "vat.format"),
        (client(vat="EU372000041"), "N° TVA intracommunautaire", "vat.component"),
        (client(vat="MC34000123456"), "N° TVA intracommunautaire", "vat.component"),
        (client(ape="62.99Z"), "Code APE", "naf.component"),
        (client(ape="6201"), "Code APE", "naf.length"),
        (client(ape="62.O1Z"), "Code APE", "naf.format"),
    ],
)
def test_each_kind_of_invalid_identifier_is_reported_with_its_code_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], row: list[str], column: str, code: str
) -> None:
    path = write_client_file(tmp_path, [other_client(0), row])
    result = check_json(capsys, path)
    assert result.status == 1
    [problem] = result.json()["problems"]
    assert (problem["row"], problem["column"], problem["code"], problem["severity"]) == (
        3,
        column,
        code,
        "error",
    )
    assert problem["field"] == {"vat": "vat_number", "naf": "ape_code"}.get(
        code.split(".")[0], code.split(".")[0]
    )


def test_every_problem_of_a_row_is_reported_not_only_the_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    row = client(siren="12345678", siret="1234", vat="FR00", ape="99.99Z")
    result = check_json(capsys, write_client_file(tmp_path, [row]))
    assert result.codes() == [
        (2, "siren.length"),
        (2, "siret.length"),
        (2, "vat.format"),
        (2, "naf.component"),
    ]
    assert result.json()["summary"]["rows_with_errors"] == 1


def test_identifiers_typed_with_spaces_dots_and_lowercase_are_valid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    row = client(
        siren="404.833.048", siret="404 833 048 00014", vat="fr 83 404 833 048", ape="6201z"
    )
    result = check_json(capsys, write_client_file(tmp_path, [row]))
    assert (result.status, result.json()["problems"]) == (0, [])


def test_empty_identifier_cells_are_no_identifier_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [other_client(0, vat="", ape=""), other_client(1, siren="  ", vat=" ")]
    result = check_json(capsys, write_client_file(tmp_path, rows))
    assert (result.status, result.json()["problems"]) == (0, [])


def test_a_company_in_france_without_siren_or_siret_is_an_error_on_the_siren_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [other_client(0, siren="", siret="", vat="", ape="")]
    result = check_json(capsys, write_client_file(tmp_path, rows), "--locale", "en")
    [problem] = result.json()["problems"]
    assert (problem["row"], problem["column"], problem["field"], problem["code"]) == (
        2,
        "SIREN",
        "siren",
        "siren.required",
    )
    assert problem["message"].startswith("A company in France must have a SIREN")


def test_foreign_clients_vat_numbers_are_checked_by_their_country_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    abroad = {"siren": "", "siret": "", "ape": "", "postcode": "1000", "city": "Bruxelles"}
    rows = [
        [*other_client(0, vat="BE0403019261", **abroad), "Belgique"],
        [*other_client(1, vat="DE136695976", **abroad), "DE"],
        [*other_client(2, vat="DE136695977", **abroad), "Germany"],
    ]
    path = write_client_file(tmp_path, rows, headers=[*FRENCH_HEADERS, "Pays"])
    result = check_json(capsys, path)
    assert result.codes() == [(4, "vat.checksum")]


def test_a_siret_of_another_company_than_the_row_siren_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = check_json(capsys, write_client_file(tmp_path, [client(siret=OTHER_SIRET)]))
    [problem] = result.json()["problems"]
    assert problem == {
        "row": 2,
        "column": "SIRET",
        "field": "siret",
        "code": "siret.siren_mismatch",
        "value": "12345678200010",
        "message": "Ce SIRET appartient à l'entreprise de SIREN 123 456 782, et non au SIREN "
        "404 833 048 : les 9 premiers chiffres d'un SIRET sont le SIREN de l'entreprise.",
        "severity": "error",
    }


def test_a_french_vat_number_of_another_company_than_the_row_siren_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = check_json(
        capsys, write_client_file(tmp_path, [client(vat=OTHER_VAT)]), "--locale", "en"
    )
    [problem] = result.json()["problems"]
    assert (problem["column"], problem["code"]) == (
        "N° TVA intracommunautaire",
        "vat.siren_mismatch",
    )
    assert problem["message"] == (
        "This VAT number contains the SIREN 123 456 782, but the company's SIREN is 404 833 048: "
        "a French VAT number is FR, a 2-character key and the company's SIREN."
    )


def test_without_a_siren_the_vat_number_is_compared_with_the_siret(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [client(siren="", vat=OTHER_VAT), other_client(0, siren="")]
    result = check_json(capsys, write_client_file(tmp_path, rows))
    assert result.codes() == [(2, "vat.siren_mismatch")]
    assert result.json()["problems"][0]["message"] == (
        "Ce numéro de TVA contient le SIREN 123 456 782, alors que le SIREN de la société est "
        "404 833 048 : un numéro de TVA français est formé de FR, d'une clé de 2 caractères et "
        "du SIREN de la société."
    )


def test_no_mismatch_is_reported_when_the_siren_itself_is_invalid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = check_json(capsys, write_client_file(tmp_path, [client(siren="404833049")]))
    assert result.codes() == [(2, "siren.checksum")]


def test_a_monaco_vat_number_has_no_siren_and_so_no_mismatch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monaco = other_client(0, siren="", siret="", vat=MONACO_VAT, city="Monaco", postcode="98000")
    rows = [
        [*monaco, "MC"],
        # A French company with a Monaco number: nothing to compare.
        [*client(vat="FR83000654321"), "France"],
    ]
    path = write_client_file(tmp_path, rows, headers=[*FRENCH_HEADERS, "Pays"])
    result = check_json(capsys, path)
    assert (result.status, result.json()["problems"]) == (0, [])


def test_a_foreign_vat_number_is_not_compared_with_the_siren(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = check_json(capsys, write_client_file(tmp_path, [client(vat="DE136695976")]))
    assert result.json()["problems"] == []


def test_both_mismatches_are_reported_on_the_same_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [client(siren=OTHER_SIREN)]
    result = check_json(capsys, write_client_file(tmp_path, rows))
    assert result.codes() == [(2, "siret.siren_mismatch"), (2, "vat.siren_mismatch")]


def test_a_siren_whose_leading_zero_the_spreadsheet_dropped_gets_a_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [client(siren="12345674", siret="1234567400019", vat="FR09012345674")]
    result = check_json(capsys, write_client_file(tmp_path, rows))
    hint = (
        "Le tableur a probablement supprimé les zéros de tête : mettez la colonne au format Texte "
        "et saisissez de nouveau le numéro."
    )
    assert [problem["message"] for problem in result.json()["problems"]] == [
        f"Un SIREN compte 9 chiffres. {hint}",
        f"Un SIRET compte 14 chiffres (le SIREN et 5 chiffres de NIC). {hint}",
    ]


def test_a_siret_in_scientific_notation_gets_a_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_client_file(tmp_path, [client(siret="4,04833E+13")])
    [problem] = check_json(capsys, path, "--locale", "en").json()["problems"]
    assert problem["code"] == "siret.format"
    assert problem["message"] == (
        "A SIRET contains digits only. The spreadsheet has turned the number into a number in "
        "scientific notation: format the column as text, type the number again and export once "
        "more."
    )


def test_a_file_problem_is_a_problem_with_a_place_in_the_file(tmp_path: Path) -> None:
    report = check_file(write_client_file(tmp_path, [client(siren="404833049")]), locale="en")
    [problem] = report.problems
    assert isinstance(problem, Problem)
    assert problem == FileProblem(
        row=2,
        column="SIREN",
        field="siren",
        code="siren.checksum",
        message="The check digits do not match: a digit is probably mistyped.",
        value="404833049",
    )
    assert (report.rows, report.errors, report.warnings) == (1, 1, 0)
    assert report.counts_by_code() == {"siren.checksum": 1}


def test_a_file_without_identifier_problems_has_an_empty_report(tmp_path: Path) -> None:
    rows = [client(), other_client(0, siren=OTHER_SIREN, siret=OTHER_SIRET, vat=OTHER_VAT)]
    report = check_file(write_client_file(tmp_path, rows))
    assert (report.rows, report.problems, report.rows_with_errors) == (2, (), 0)
    assert report.columns()["siren"] == "SIREN"


def test_an_individuals_mistyped_number_is_reported_with_its_hint_and_refused_as_well(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # validate_client only tells an individual that it carries no SIRET; the number itself is
    # checked too, so that a row read as an individual by mistake loses none of its faults.
    headers = ["Type", "Nom", "SIREN", "SIRET"]
    rows = [["Particulier", "Durand", "123456782", "1234567400019"]]
    path = write_client_file(tmp_path, rows, headers=headers)
    problems = check_json(capsys, path, "--locale", "en").json()["problems"]
    assert [(p["column"], p["code"]) for p in problems] == [
        ("SIREN", "client.individual.company_field"),
        ("SIRET", "siret.length"),
        ("SIRET", "client.individual.company_field"),
    ]
    assert problems[1]["message"] == (
        "A SIRET has 14 digits (the SIREN and a 5-digit NIC). The spreadsheet has probably "
        "dropped its leading zeros: format the column as text and type the number again."
    )


def test_an_individuals_numbers_of_two_companies_are_reported_as_a_companys_would_be(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    headers = ["Type", "Nom", "SIREN", "SIRET"]
    rows = [["Particulier", "Durand", SIREN, OTHER_SIRET]]
    path = write_client_file(tmp_path, rows, headers=headers)
    assert check_json(capsys, path).codes() == [
        (2, "client.individual.company_field"),
        (2, "siret.siren_mismatch"),
        (2, "client.individual.company_field"),
    ]


def test_a_siren_cell_of_dots_is_refused_and_the_vat_number_compared_with_the_siret(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # validate_client's reading, the one kept: a SIREN of spaces and dots is blank once its
    # separators are gone, so the SIRET's SIREN is the company's. (The file check's own copy
    # of the rule compared nothing on such a row.)
    rows = [client(siren=" . ", vat=OTHER_VAT)]
    result = check_json(capsys, write_client_file(tmp_path, rows))
    assert result.codes() == [(2, "siren.format"), (2, "vat.siren_mismatch")]


def test_from_2027_a_naf_rev2_code_is_a_warning_naming_its_naf_2025_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    headers = ["Raison sociale", "SIREN", "Code APE"]
    rows = [
        ["Boulangerie Martin", "404833048", "10.71C"],
        ["Garage Dubois", COMPANIES[2][1], "62.10Y"],  # already NAF 2025
        ["Supérette du Centre", COMPANIES[1][1], "47.11B"],  # split between two codes
    ]
    path = write_client_file(tmp_path, rows, headers=headers)
    before = check_json(capsys, path, "--as-of", "2026-12-31", "--locale", "en")
    assert [code for _row, code in before.codes() if code.startswith("naf")] == []
    after = check_json(capsys, path, "--as-of", "2027-01-01", "--locale", "en")
    replaced = [p for p in after.json()["problems"] if p["code"] == "naf.replaced"]
    assert [(p["row"], p["column"], p["value"], p["severity"]) for p in replaced] == [
        (2, "Code APE", "10.71C", "warning"),
        (4, "Code APE", "47.11B", "warning"),
    ]
    assert replaced[0]["message"] == (
        "Since 1 January 2027 APE codes are NAF 2025 codes: 10.71C (NAF rev. 2) is now 10.71H."
    )
    assert "47.11G, 47.91Y" in replaced[1]["message"]
    assert after.status == 0  # a warning, never an error
    # Without --as-of the check is as of today.
    monkeypatch.setattr("clientbook._cli.commands._today", lambda: datetime.date(2027, 3, 1))
    assert check_json(capsys, path, "--locale", "en").codes() == after.codes()


def test_as_of_takes_a_date_written_as_iso_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_client_file(
        tmp_path,
        [["Boulangerie Martin", "404833048", "10.71C"]],
        headers=["Raison sociale", "SIREN", "Code APE"],
    )
    for wrong in ("01/01/2027", "2027-13-01", "20270101", "demain"):
        result = run(capsys, "check", path, "--as-of", wrong, "--locale", "en")
        assert result.status == 2
        assert f"{wrong} is not a date: write it as 2027-01-01" in result.err
