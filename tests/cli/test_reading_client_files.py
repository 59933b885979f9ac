"""Reading client files as French offices have them: encodings, delimiters, headers, rows."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tests.cli.clientfiles import (
    FRENCH_HEADERS,
    OTHER_SIREN,
    SIREN,
    SIRET,
    VAT,
    check_json,
    client,
    other_client,
    write_client_file,
)

from clientbook._files.headers import header_key
from clientbook._files.reading import ClientFileError, RowProblem, open_client_file


def test_a_semicolon_file_in_windows_1252_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_client_file(tmp_path, [client(name="Établissements Dubois")], encoding="cp1252")
    result = check_json(capsys, path)
    document = result.json()
    assert (result.status, document["rows"], document["problems"]) == (0, 1, [])
    assert (document["encoding"], document["delimiter"]) == ("cp1252", ";")
    assert document["columns"] == {
        "name": "Raison sociale",
        "siren": "SIREN",
        "siret": "SIRET",
        "vat": "N° TVA intracommunautaire",
        "naf": "Code APE",
        "address": "Adresse",
        "postal_code": "Code postal",
        "city": "Ville",
    }


@pytest.mark.parametrize(
    ("encoding", "detected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1252", "cp1252"), ("utf-16", "utf-16")],
)
def test_the_encoding_is_detected(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: str, detected: str
) -> None:
    path = write_client_file(tmp_path, [client(name="Hôtel Bellevue")], encoding=encoding)
    document = check_json(capsys, path).json()
    assert document["encoding"] == detected
    assert document["columns"]["name"] == "Raison sociale"  # no BOM left in the first header


def test_a_utf8_file_with_bom_keeps_accented_headers_and_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [client(siren="12345678")]
    path = write_client_file(tmp_path, rows, encoding="utf-8-sig")
    result = check_json(capsys, path)
    assert result.codes() == [(2, "siren.length")]
    assert result.json()["columns"]["vat"] == "N° TVA intracommunautaire"


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_the_delimiter_is_detected(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], delimiter: str
) -> None:
    rows = [client(name="Dupont, Durand et Associés", address="3, place du Marché; bât. B")]
    path = write_client_file(tmp_path, rows, delimiter=delimiter)
    result = check_json(capsys, path)
    assert (result.status, result.json()["delimiter"], result.json()["problems"]) == (
        0,
        delimiter,
        [],
    )


def test_english_headers_are_recognised(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    headers = ["Company", "SIREN number", "SIRET", "VAT number", "NAF code", "City"]
    path = write_client_file(
        tmp_path,
        [["Martin Ltd", SIREN, SIRET, VAT, "6201Z", "Lille"]],
        headers=headers,
        delimiter=",",
        encoding="utf-8",
    )
    document = check_json(capsys, path).json()
    assert document["columns"] == {
        "name": "Company",
        "siren": "SIREN number",
        "siret": "SIRET",
        "vat": "VAT number",
        "naf": "NAF code",
        "city": "City",
    }


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("N° TVA intracommunautaire", "vat"),
        ("n° tva intracom.", "vat"),
        ("TVA Intracom", "vat"),
        ("Numéro de TVA", "vat"),
        ("No TVA", "vat"),
        ("TVA", "vat"),
        ("VAT", "vat"),
        ("VAT number", "vat"),
        ("VAT No.", "vat"),
        ("Code APE", "naf"),
        ("APE", "naf"),
        ("NAF", "naf"),
        ("Code NAF", "naf"),
        ("code_ape", "naf"),
        ("N° SIRET", "siret"),
        ("Numéro SIRET", "siret"),
        ("siret", "siret"),
        ("N° SIREN", "siren"),
        ("Raison sociale", "name"),
        ("RAISON  SOCIALE", "name"),
        ("Nom", "name"),
        ("Name", "name"),
        ("Company", "name"),
        ("Société", "name"),
        ("societe", "name"),
    ],
)
def test_a_header_synonym_is_recognised_whatever_its_accents_case_and_punctuation(
    tmp_path: Path, header: str, field: str
) -> None:
    identifier = "SIRET" if field != "siret" else "SIREN"
    path = write_client_file(tmp_path, [["x", "y"]], headers=[identifier, header])
    with open_client_file(path) as (layout, _records):
        assert layout.columns[field] == 1


def test_headers_are_compared_without_accents_case_spaces_or_punctuation() -> None:
    assert header_key(" N° TVA Intracommunautaire ") == header_key("n tva-intracommunautaire")
    assert header_key("Société") == header_key("SOCIETE") == "societe"


def test_raison_sociale_wins_over_nom_when_both_are_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    headers = ["Nom", "Prénom", "Raison sociale", "SIRET"]
    path = write_client_file(
        tmp_path, [["Martin", "Claire", "Martin SARL", SIRET]], headers=headers
    )
    document = check_json(capsys, path).json()
    assert document["columns"] == {
        "last_name": "Nom",
        "first_name": "Prénom",
        "name": "Raison sociale",
        "siret": "SIRET",
    }
    assert document["problems"] == []  # "Nom" is no identifier: no warning about it


def test_a_second_column_that_could_hold_an_identifier_is_reported_once_as_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    headers = ["Raison sociale", "N° TVA intracommunautaire", "TVA"]
    path = write_client_file(tmp_path, [["Martin SARL", VAT, "20 %"]], headers=headers)
    result = check_json(capsys, path)
    assert result.status == 0
    assert result.json()["problems"] == [
        {
            "row": 1,
            "column": "TVA",
            "field": "vat_number",
            "code": "file.columns",
            "value": "",
            "message": "Cette colonne pourrait aussi contenir le numéro de TVA : seule la colonne "
            "« N° TVA intracommunautaire » est vérifiée.",
            "severity": "warning",
        }
    ]


def test_column_option_maps_a_header_that_is_not_recognised(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    headers = ["Client", "Identifiant établissement", "Numéro entreprise"]
    path = write_client_file(tmp_path, [["Martin SARL", SIRET, "123456789"]], headers=headers)
    result = check_json(
        capsys,
        path,
        "--column",
        "siret=Identifiant établissement",
        "--column",
        "siren=numéro entreprise",  # compared like the synonyms when not found as is
    )
    assert result.json()["columns"] == {
        "name": "Client",
        "siret": "Identifiant établissement",
        "siren": "Numéro entreprise",
    }
    assert result.codes() == [(2, "siren.checksum")]


def test_column_option_overrides_a_recognised_header(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    headers = ["SIRET", "SIRET du siège"]
    path = write_client_file(tmp_path, [["pas de SIRET", SIRET]], headers=headers)
    result = check_json(capsys, path, "--column", "siret=SIRET du siège")
    assert result.json()["columns"] == {"siret": "SIRET du siège"}
    assert result.codes() == [(1, "file.columns")]


def test_column_option_naming_a_header_the_file_does_not_have_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_client_file(tmp_path, [client()])
    result = check_json(capsys, path, "--column", "siret=N° établissement")
    assert result.refusal()[0] == 2  # stdout empty, or the JSON error document
    assert result.err == (
        f"clientbook : erreur : {path} n'a pas de colonne « N° établissement » (indiquée pour "
        "siret). En-têtes trouvés : « Raison sociale », « SIREN », « SIRET », « N° TVA "
        "intracommunautaire », « Code APE », « Adresse », « Code postal », « Ville ».\n"
    )


def test_a_quoted_cell_with_line_breaks_is_one_row_numbered_where_it_starts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        client(address="Zone artisanale des Prés\nBâtiment C"),
        other_client(0, siren=OTHER_SIREN),
    ]
    path = write_client_file(tmp_path, rows)
    result = check_json(capsys, path)
    assert result.json()["rows"] == 2
    assert result.codes() == [(3, "siret.siren_mismatch"), (3, "vat.siren_mismatch")]


def test_title_lines_before_the_header_are_skipped_and_rows_keep_their_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(
        "Export des clients du 12/03/2026;;\r\n;;\r\nRaison sociale;SIREN;Code APE\r\n"
        "Martin SARL;404833048;62.01Z\r\nDubois SAS;123456789;62.01Z\r\n".encode("cp1252")
    )
    result = check_json(capsys, path)
    assert result.json()["header_row"] == 3
    assert result.codes() == [(5, "siren.checksum")]


def test_blank_rows_are_not_counted_but_keep_the_numbering(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "clients.csv"
    path.write_text("SIREN;Nom\n\n;;\n123456789;Dubois\n", encoding="utf-8")
    result = check_json(capsys, path)
    assert result.json()["rows"] == 1
    assert result.codes() == [(4, "siren.checksum")]  # rows as a spreadsheet shows them


def test_a_row_of_the_wrong_width_is_checked_as_far_as_possible_and_warned_about(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "clients.csv"
    path.write_text(
        "Raison sociale;SIREN;SIRET;Ville\n"
        "Martin SARL;123456789\n"  # short: the SIREN is still checked
        "Dubois SAS;302123450;30212345000017;12; rue des Lilas;Lyon\n"  # an unquoted ';'
        "Roux SA;404833048;40483304800014;Lyon;;\n",  # trailing empty cells: fine
        encoding="cp1252",
    )
    result = check_json(capsys, path)
    assert result.status == 1
    assert result.codes() == [(2, "row.width"), (2, "siren.checksum"), (3, "row.width")]
    warning = result.json()["problems"][0]
    assert warning == {
        "row": 2,
        "column": None,
        "field": "row",
        "code": "row.width",
        "value": "",
        "message": "Cette ligne n'a pas autant de cellules que l'en-tête (2 au lieu de 4) : ses "
        "cellules sont peut-être décalées, vérifiez-les.",
        "severity": "warning",
    }


def test_a_file_with_only_warnings_exits_with_status_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "clients.csv"
    path.write_text("SIREN;Nom;Ville\n404833048;Martin\n", encoding="utf-8")
    result = check_json(capsys, path)
    assert (result.status, result.codes()) == (0, [(2, "row.width")])


def test_a_quote_never_closed_is_a_problem_of_its_row_and_the_rows_after_it_are_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "clients.csv"
    path.write_text(
        'SIREN;Nom\n404833048;Martin\n123456789;"Dubois\n' + "x" * 200_000 + "\n123456789;Roux\n",
        encoding="utf-8",
    )
    result = check_json(capsys, path)
    assert result.status == 1
    assert result.codes() == [
        (3, "row.quote_unclosed"),
        (4, "cell.too_long"),
        (5, "siren.checksum"),
    ]
    assert result.json()["rows"] == 2


@pytest.mark.parametrize(
    ("content", "code", "message"),
    [
        (b"", "file.empty", "Le fichier {path} est vide."),
        (b"\r\n  \r\n", "file.empty", "Le fichier {path} est vide."),
        (b"\xef\xbb\xbf\r\n", "file.empty", "Le fichier {path} est vide."),
        ("\ufeff\r\n".encode("utf-16-le"), "file.empty", "Le fichier {path} est vide."),
        (
            b"SIREN;Nom\n123\x00456;x\n",
            "file.binary",
            "{path} n'est pas un fichier texte : exportez la liste des clients au format CSV.",
        ),
        (
            b"PK\x03\x04\x14\x00\x06\x00",
            "file.workbook",
            (
                "{path} est un classeur de tableur, pas un fichier CSV : ouvrez-le et "
                "enregistrez-le d'abord au format CSV (séparateur : point-virgule)."
            ),
        ),
        (
            b"SIREN;Nom\n404833048;Caf\x81\n",  # 0x81: not UTF-8 and undefined in Windows-1252
            "file.encoding",
            (
                "{path} n'est un texte ni en UTF-8 ni en Windows-1252 : enregistrez-le de "
                "nouveau au format CSV UTF-8."
            ),
        ),
        (
            "Désignation;Quantité;Prix\nTarte;2;12,50\n".encode(),
            "file.no_column",
            (
                "Aucune colonne de client n'est reconnue dans {path}. En-têtes trouvés : "
                "« Désignation », « Quantité », « Prix ». En-têtes attendus, entre autres : "
                "« Raison sociale », « SIREN », « SIRET », « N° TVA intracommunautaire », "
                "« Code APE », « Code postal », « Email » ; ou indiquez les colonnes avec "
                "--column CHAMP=EN-TÊTE."
            ),
        ),
    ],
)
def test_a_file_that_cannot_be_read_gets_one_clear_line_and_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, code: str, message: str
) -> None:
    path = tmp_path / "clients.csv"
    path.write_bytes(content)
    result = check_json(capsys, path)
    assert result.refusal() == (2, code)  # the JSON error document, the same line on stderr
    assert result.err == f"clientbook : erreur : {message.format(path=path)}\n"
    with pytest.raises(ClientFileError) as raised, open_client_file(path):
        pass
    assert raised.value.code == code


def test_a_missing_file_is_named_in_the_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = check_json(capsys, tmp_path / "clients 2026.csv")
    assert result.refusal()[0] == 2  # stdout empty, or the JSON error document
    assert (
        result.err
        == f"clientbook : erreur : Le fichier {tmp_path}/clients 2026.csv est introuvable.\n"
    )


def test_a_folder_is_not_a_client_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = check_json(capsys, tmp_path, "--locale", "en")
    assert (result.status, result.err) == (
        2,
        f"clientbook: error: {tmp_path} is a folder, not a file.\n",
    )


def test_a_header_only_file_has_no_rows_and_no_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_client_file(tmp_path, [])
    result = check_json(capsys, path)
    assert (result.status, result.json()["rows"], result.json()["problems"]) == (0, 0, [])


def test_rows_are_streamed_with_their_numbers(tmp_path: Path) -> None:
    path = write_client_file(tmp_path, [client(), client(name="Roux SA")], headers=FRENCH_HEADERS)
    with open_client_file(path) as (layout, records):
        assert layout.header_row == 1
        assert [
            record if isinstance(record, RowProblem) else (record[0], record[1][0])
            for record in records
        ] == [
            (2, "Boulangerie Martin SARL"),
            (3, "Roux SA"),
        ]


@pytest.mark.parametrize(
    ("error", "code", "message"),
    [
        (
            PermissionError(13, "Permission denied"),
            "file.permission",
            "You are not allowed to read",
        ),
        (
            OSError(5, "Input/output error"),
            "file.unreadable",
            "cannot be read: Input/output error.",
        ),
    ],
)
def test_a_file_the_system_refuses_to_read_is_a_clear_error(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    error: OSError,
    code: str,
    message: str,
) -> None:
    path = write_client_file(tmp_path, [client()])

    def refuse(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(ClientFileError) as raised, open_client_file(path):
        pass
    assert raised.value.code == code
    result = check_json(capsys, path, "--locale", "en")
    assert result.status == 2
    assert message in result.err


def test_the_header_is_looked_for_in_the_first_ten_rows_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "clients.csv"
    path.write_text("Export\n" * 10 + "SIREN\n404833048\n", encoding="utf-8")
    result = check_json(capsys, path, "--locale", "en")
    assert result.status == 2
    assert 'Headers found: "Export".' in result.err


def test_a_header_that_is_not_readable_csv_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "clients.csv"
    path.write_text('"SIREN' + "x" * 200_000 + "\n", encoding="utf-8")
    result = check_json(capsys, path, "--locale", "en")
    assert result.refusal()[0] == 2  # stdout empty, or the JSON error document
    assert result.err == (
        f"clientbook: error: Row 1 of {path}, where its header should be, cannot be read. A "
        "quote opened in this row is not closed before the end of the file or within 1,048,576 "
        "characters: the row is not read, and reading goes on at the next line. Close the quote "
        "or remove it.\n"
    )


def test_a_file_that_fails_while_it_is_read_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_client_file(tmp_path, [client()])

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr("clientbook._files.reading.sniff_encoding", fail)
    with pytest.raises(ClientFileError) as raised, open_client_file(path):
        pass
    assert raised.value.code == "file.unreadable"
    assert raised.value.message("en") == f"{path} cannot be read: Input/output error."


def test_commas_typed_in_the_cells_of_a_semicolon_file_do_not_make_it_a_comma_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "clients.csv"
    path.write_text(
        "Raison sociale;SIREN\nDupont, Durand, Leroy et Associés;404833048\nRoux, Fils;123456789\n",
        encoding="utf-8",
    )
    result = check_json(capsys, path)
    assert result.json()["delimiter"] == ";"
    assert result.codes() == [(3, "siren.checksum")]


@pytest.mark.parametrize("separator", ["\x1c", "\x1d", "\x1e", "\x0b", "\x0c", "\x85", "\u2028"])
def test_a_cell_holding_a_character_python_counts_as_a_line_break_leaves_the_delimiter_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], separator: str
) -> None:
    # str.splitlines() breaks at these characters, CSV does not: a row holding one was once
    # read as two lines by the delimiter's sniffer, and the file then had no column at all.
    path = tmp_path / "clients.csv"
    path.write_text(
        "Raison sociale;SIREN;Adresse\nDupont;404833048;"
        + separator.join(["12, rue des Lilas", ", Bât. C", ", 2e étage", ", porte 3", ", code 12"])
        + "\nRoux;123456789;\n",
        encoding="utf-8",
    )
    result = check_json(capsys, path)
    assert result.json()["delimiter"] == ";"
    assert result.codes() == [(3, "siren.checksum")]


def test_commas_and_line_breaks_in_a_quoted_cell_leave_the_delimiter_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "clients.csv"
    path.write_text(
        'Raison sociale;SIREN;Adresse\r\nDupont;404833048;"12, rue des Lilas\r\nBât. B,\r'
        '\n2e étage,\r\nporte 3,\r\ncode 12,"\r\nRoux;123456789;\r\n',
        encoding="utf-8",
        newline="",
    )
    result = check_json(capsys, path)
    assert result.json()["delimiter"] == ";"
    assert result.codes() == [(3, "siren.checksum")]  # rows as a spreadsheet shows them
