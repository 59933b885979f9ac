"""Rows that describe the same client: a warning on each, naming the other rows, never a failure."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.cli.clientfiles import (
    COMPANIES,
    FRENCH_HEADERS,
    SIREN,
    check_json,
    client,
    other_client,
    write_client_file,
)

from clientbook._files.check import check_file


def test_two_rows_with_the_same_siren_each_get_a_warning_naming_the_other(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        client(),
        other_client(0),
        client(name="BOULANGERIE MARTIN", siret="", vat="", postcode="69001"),
    ]
    result = check_json(capsys, write_client_file(tmp_path, rows), "--locale", "en")
    assert result.status == 0  # duplicates are warnings
    problems = result.json()["problems"]
    assert [(p["row"], p["column"], p["field"], p["code"], p["severity"]) for p in problems] == [
        (2, "SIREN", "siren", "client.duplicate", "warning"),
        (4, "SIREN", "siren", "client.duplicate", "warning"),
    ]
    assert problems[0]["message"] == (
        "This row probably describes the same client as row 4: same SIREN (404 833 048). Check "
        "whether it was entered twice."
    )
    assert problems[1]["message"].startswith(
        "This row probably describes the same client as row 2: same SIREN"
    )


def test_the_warning_gives_every_reason_a_row_shares_with_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [client(), other_client(0), client(vat="fr 83 404833048")]
    result = check_json(capsys, write_client_file(tmp_path, rows), "--locale", "en")
    first = result.json()["problems"][0]
    assert first["row"] == 2
    assert first["message"] == (
        "This row probably describes the same client as row 4: same SIREN (404 833 048); same "
        "VAT number (FR83404833048); same name and postal code. Check whether it was entered "
        "twice."
    )


def test_rows_linked_through_a_third_are_one_group(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    headers = ["Raison sociale", "SIREN", "Email"]
    rows = [
        ["Martin SARL", SIREN, "claire@martin.fr"],
        ["Martin", SIREN, "compta@cabinet-roux.fr"],
        ["Dubois SAS", COMPANIES[0][1], "compta@cabinet-roux.fr"],
    ]
    result = check_json(
        capsys, write_client_file(tmp_path, rows, headers=headers), "--locale", "en"
    )
    messages = {problem["row"]: problem["message"] for problem in result.json()["problems"]}
    assert messages[2].startswith("This row probably describes the same client as rows 3, 4: ")
    assert "same SIREN as row 3 (404 833 048)" in messages[2]
    assert "same e-mail address as row 3 (compta@cabinet-roux.fr)" in messages[4]
    assert [problem["column"] for problem in result.json()["problems"]] == [
        "SIREN",
        "SIREN",
        "Email",
    ]


def test_duplicate_warnings_come_last_in_their_row_and_rows_stay_in_file_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [client(ape="62.99Z"), other_client(1), client(ape="6201")]
    result = check_json(capsys, write_client_file(tmp_path, rows))
    assert result.status == 1
    assert result.codes() == [
        (2, "naf.component"),
        (2, "client.duplicate"),
        (4, "naf.length"),
        (4, "client.duplicate"),
    ]


def test_a_row_repeated_many_times_names_a_few_rows_and_counts_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_client_file(tmp_path, [client()] * 9)
    problems = check_json(capsys, path, "--locale", "en").json()["problems"]
    assert len(problems) == 9
    assert problems[0]["message"].startswith(
        "This row probably describes the same client as rows 3, 4, 5, 6, 7 and 3 more: same SIREN "
        "(404 833 048)"
    )


def test_duplicate_warnings_are_in_french_by_default(tmp_path: Path) -> None:
    report = check_file(write_client_file(tmp_path, [client(), client()]))
    assert {problem.code for problem in report.problems} == {"client.duplicate"}
    assert report.warnings == 2


def test_a_file_of_different_clients_has_no_duplicate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [client(), *(other_client(number) for number in range(len(COMPANIES)))]
    path = write_client_file(tmp_path, rows, headers=FRENCH_HEADERS)
    assert check_json(capsys, path).json()["problems"] == []


def test_a_siren_shared_through_the_vat_number_is_warned_on_it_not_on_an_invalid_siret(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The SIRET 404 833 048 00015 starts with the shared SIREN but is not valid: it carries no
    # SIREN (the rule of clientbook._rules.sirens), so the warning goes on the VAT number.
    rows = [client(), client(name="Martin Boulangerie", siren="", siret="40483304800015")]
    result = check_json(capsys, write_client_file(tmp_path, rows), "--locale", "en")
    assert [(p["row"], p["column"], p["code"]) for p in result.json()["problems"]] == [
        (2, "SIREN", "client.duplicate"),
        (3, "SIRET", "siret.checksum"),
        (3, "N° TVA intracommunautaire", "client.duplicate"),
    ]
