"""The Python API of client files, for apps and notebooks: uploads, plain rows, exports."""

from __future__ import annotations

import codecs
import csv
import io
import os
from pathlib import Path

import attrs
import pandas  # type: ignore[import-untyped]  # pandas ships no types; a dev dependency
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.cli.clientfiles import SIREN, client, write_client_file
from tests.factories import claire, complete_company, individual

from clientbook import Client, Role
from clientbook._files.headers import FIELDS, match_columns
from clientbook._files.problems import ROW_KEYS
from clientbook._files.reading import unneutralised
from clientbook._files.writing import COLUMNS, neutralised
from clientbook._rules.contacts import primary_contact
from clientbook.files import ClientFileError, check_file, read_clients, write_clients
from clientbook.testing import strategies as cst


def _french_file_with_a_bad_siret(tmp_path: Path) -> Path:
    return write_client_file(
        tmp_path,
        [client(), client("Garage Dubois SAS", "302123450", "30212345000018", "FR34302123450")],
    )


def _flat(record: Client) -> Client:
    """Return *record* with only what a flat file holds (see writing.WRITTEN_FIELDS)."""
    contact = primary_contact(record)
    return attrs.evolve(
        record,
        roles=frozenset({Role.CLIENT}),
        contacts=() if contact is None else (attrs.evolve(contact, primary=True),),
        delivery_addresses=(),
        created_at=None,
        version=0,
    )


# Reading uploads: bytes and binary file objects


def test_the_bytes_of_an_upload_are_checked_as_the_file_on_disk(tmp_path: Path) -> None:
    path = _french_file_with_a_bad_siret(tmp_path)
    on_disk = check_file(path)
    uploaded = check_file(path.read_bytes())
    assert uploaded.problems == on_disk.problems
    assert [problem.code for problem in uploaded.problems] == ["siret.checksum"]
    assert (uploaded.rows, uploaded.layout.delimiter, uploaded.layout.encoding) == (
        2,
        ";",
        "cp1252",
    )
    assert str(uploaded.layout.path) == "<upload>"


def test_a_file_opened_in_binary_is_checked_under_its_name_and_left_open(tmp_path: Path) -> None:
    path = _french_file_with_a_bad_siret(tmp_path)
    with path.open("rb") as file:
        report = check_file(file)
        assert not file.closed
    assert report.layout.path == path
    assert [(problem.row, problem.value) for problem in report.problems] == [(3, "30212345000018")]


def test_an_upload_that_cannot_seek_is_read_whole(tmp_path: Path) -> None:
    data = _french_file_with_a_bad_siret(tmp_path).read_bytes()
    reading, writing = os.pipe()
    os.write(writing, data)  # a few hundred bytes: the pipe holds them
    os.close(writing)
    with os.fdopen(reading, "rb") as pipe:
        assert not pipe.seekable()
        rows = list(read_clients(pipe))
    assert [(number, record.name, record.siret) for number, record in rows] == [
        (2, "Boulangerie Martin SARL", "40483304800014"),
        (3, "Garage Dubois SAS", "30212345000018"),
    ]


def test_a_file_object_is_read_from_where_it_stands(tmp_path: Path) -> None:
    data = write_client_file(tmp_path, [client(name="Fleurs Camille")]).read_bytes()
    upload = io.BytesIO(b"--boundary\r\n" + data)
    upload.seek(len(b"--boundary\r\n"))
    [(row, record)] = read_clients(upload)
    assert (row, record.name) == (2, "Fleurs Camille")


def test_records_are_read_from_the_bytes_of_an_upload(tmp_path: Path) -> None:
    data = write_client_file(
        tmp_path, [client(name="Établissements Lefèvre")], encoding="utf-8-sig"
    )
    [(row, record)] = read_clients(data.read_bytes())
    assert (row, record.name, record.siren) == (2, "Établissements Lefèvre", SIREN)


def test_an_empty_upload_is_refused_under_the_name_upload() -> None:
    with pytest.raises(ClientFileError) as raised:
        check_file(b"")
    assert raised.value.code == "file.empty"
    assert "<upload>" in raised.value.message("en")


def test_a_file_opened_as_text_is_refused_with_the_way_to_open_it(tmp_path: Path) -> None:
    path = _french_file_with_a_bad_siret(tmp_path)
    with path.open(encoding="cp1252") as text, pytest.raises(TypeError) as raised:
        check_file(text)  # type: ignore[arg-type]
    assert "'rb'" in str(raised.value)
    assert "TextIOWrapper" in str(raised.value)


# Plain rows for a data frame


def test_a_report_gives_plain_rows_that_a_data_frame_takes(tmp_path: Path) -> None:
    report = check_file(_french_file_with_a_bad_siret(tmp_path), locale="en")
    rows = report.as_rows()
    assert [list(row) for row in rows] == [list(ROW_KEYS)]
    [row] = rows
    assert {key: row[key] for key in ROW_KEYS if key != "message"} == {
        "row": 3,
        "column": "SIRET",
        "field": "siret",
        "code": "siret.checksum",
        "value": "30212345000018",
        "severity": "error",
    }
    assert isinstance(row["message"], str)
    assert row["message"]
    frame = pandas.DataFrame(rows, columns=list(ROW_KEYS))
    assert frame.shape == (1, 7)
    assert frame.loc[0, "value"] == "30212345000018"


def test_a_report_without_problems_gives_no_rows(tmp_path: Path) -> None:
    report = check_file(write_client_file(tmp_path, [client()]))
    assert report.as_rows() == []
    assert pandas.DataFrame(report.as_rows(), columns=list(ROW_KEYS)).shape == (0, 7)


# Writing records as a flat file


def test_a_french_export_is_semicolon_separated_utf8_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    assert write_clients(path, [complete_company(), individual()], locale="fr") == 2
    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    lines = data.decode("utf-8-sig").split("\r\n")
    header = next(csv.reader([lines[0]], delimiter=";"))
    assert header[:6] == [
        "Code client", "Société ou particulier", "Raison sociale", "Civilité", "Prénom",
        "Nom de famille",
    ]  # fmt: skip
    company = dict(zip(header, next(csv.reader([lines[1]], delimiter=";")), strict=True))
    assert company["Société ou particulier"] == "Société"
    assert (company["Prénom"], company["Nom de famille"], company["Civilité"]) == (
        "Claire", "Dubois", "Mme",
    )  # fmt: skip
    assert (company["Actif"], company["Pays"], company["Ville de facturation"]) == ("oui", "FR", "")
    person = dict(zip(header, next(csv.reader([lines[2]], delimiter=";")), strict=True))
    assert (person["Société ou particulier"], person["Prénom"]) == ("Particulier", "Élodie")
    assert lines[3:] == [""]


@pytest.mark.parametrize("language", [1, 2], ids=["fr", "en"])
def test_every_header_of_an_export_is_recognised_as_its_column(language: int) -> None:
    headers = [names[language] for names in COLUMNS]
    columns, ambiguous, not_found = match_columns(headers, {})
    assert columns == {names[0]: index for index, names in enumerate(COLUMNS)}
    assert (ambiguous, not_found) == ([], [])
    # The trade register is read into the SIRET or the SIREN, which are written as such.
    assert sorted(columns) == sorted(field for field in FIELDS if field != "registry")


def test_an_english_export_is_comma_separated_with_english_headers() -> None:
    out = io.BytesIO()
    write_clients(out, [complete_company(active=False)], locale="en")
    text = out.getvalue().decode("utf-8-sig")
    header, row = csv.reader(io.StringIO(text, newline=""))
    values = dict(zip(header, row, strict=True))
    assert (values["Client type"], values["Active"], values["Company name"]) == (
        "Company", "no", "Boulangerie Martin",
    )  # fmt: skip
    assert values["VAT number"] == complete_company().vat_number


def test_an_export_reads_back_into_the_same_records_and_checks_clean(tmp_path: Path) -> None:
    records = [
        complete_company(),
        individual(),
        complete_company(
            2, id="c2", name="Garage Roux", contacts=(claire(email="claire.dubois@garage-roux.fr"),)
        ),
    ]
    path = tmp_path / "clients.csv"
    write_clients(path, records)
    assert [record for _row, record in read_clients(path)] == [_flat(one) for one in records]
    report = check_file(path)
    assert (report.rows, report.problems) == (3, ())


def test_an_export_to_a_text_file_has_no_bom_and_the_same_rows() -> None:
    text = io.StringIO(newline="")
    write_clients(text, [individual()], locale="en")
    assert not text.getvalue().startswith("\ufeff")
    [(_row, back)] = read_clients(text.getvalue().encode("utf-8"))
    assert back == individual()


def test_an_export_keeps_the_file_object_open_and_writes_where_it_stands() -> None:
    out = io.BytesIO()
    write_clients(out, [individual()])
    assert not out.closed
    first = out.getvalue()
    write_clients(out, [])
    assert out.getvalue().startswith(first)


def test_a_locale_without_messages_is_refused() -> None:
    with pytest.raises(ValueError, match="de_DE"):
        write_clients(io.BytesIO(), [individual()], locale="de_DE")


# Formulas neutralised (OWASP, CSV injection)


@pytest.mark.parametrize(
    "cell",
    ["=HYPERLINK(\"http://evil.example\";\"Clic\")", "+33612345678", "-2+3", "@SUM(A1)",
     "\tCabinet", "\rCabinet"],
)  # fmt: skip
def test_a_cell_a_spreadsheet_would_run_is_written_behind_a_quote(cell: str) -> None:
    out = io.BytesIO()
    write_clients(out, [complete_company(name=cell)])
    header, row = csv.reader(
        io.StringIO(out.getvalue().decode("utf-8-sig"), newline=""), delimiter=";"
    )
    assert row[header.index("Raison sociale")] == "'" + cell
    [(_row, back)] = read_clients(out.getvalue())
    assert back.name == cell


def test_an_apostrophe_inside_a_name_is_left_as_it_is() -> None:
    out = io.BytesIO()
    write_clients(
        out,
        [complete_company(name="Boulangerie l'Épi d'Or", contacts=(claire(last_name="N'Diaye"),))],
    )
    text = out.getvalue().decode("utf-8-sig")
    assert "\"Boulangerie l'Épi d'Or\"" in text
    assert '"N\'Diaye"' in text


def test_a_phone_in_e164_exported_then_checked_has_no_problem(tmp_path: Path) -> None:
    path = tmp_path / "clients.csv"
    write_clients(path, [complete_company(contacts=(claire(direct_phone="+33478123456"),))])
    assert "'+33478123456" in path.read_text(encoding="utf-8-sig")
    report = check_file(path)
    assert report.problems == ()
    [(_row, back)] = read_clients(path)
    assert back.contacts[0].direct_phone == "+33478123456"


@given(st.text())
def test_neutralising_a_cell_is_undone_by_reading_it(cell: str) -> None:
    written = neutralised(cell)
    assert written[:1] not in ("=", "+", "-", "@", "\t", "\r")
    assert unneutralised(written) == cell


# The round trip


@given(st.lists(cst.clients(), max_size=5), st.sampled_from(["fr", "en"]))
def test_records_written_then_read_are_the_same_for_what_a_flat_file_holds(
    records: list[Client], locale: str
) -> None:
    out = io.BytesIO()
    assert write_clients(out, records, locale=locale) == len(records)
    back = [record for _row, record in read_clients(out.getvalue())] if records else []
    assert back == [_flat(record) for record in records]


@given(st.lists(cst.clients(any_text=True), min_size=1, max_size=3), st.sampled_from(["fr", "en"]))
def test_any_records_written_are_checked_without_raising(
    records: list[Client], locale: str
) -> None:
    out = io.BytesIO()
    refused: ValueError | None = None
    try:
        write_clients(out, records, locale=locale)
    except ValueError as error:  # a NUL character, which no text file holds
        refused = error
    if refused is not None:
        assert "NUL character or a lone surrogate" in str(refused)
        return
    report = check_file(out.getvalue(), locale=locale)
    assert report.rows <= len(records)
    assert all(set(row) == set(ROW_KEYS) for row in report.as_rows())


@pytest.mark.parametrize("first_name", ["Élo\x00die", "Élo\ud800die"], ids=["NUL", "surrogate"])
def test_text_no_file_can_hold_is_refused_before_the_row_is_written(first_name: str) -> None:
    out = io.BytesIO()
    with pytest.raises(ValueError, match=r"'p1' holds a NUL character or a lone surrogate"):
        write_clients(out, [individual(id="p0"), individual(first_name=first_name)])
    assert [client.id for _row, client in read_clients(out.getvalue())] == ["p0"]


@given(st.lists(cst.clients(), min_size=1, max_size=5), st.sampled_from(["fr", "en"]))
def test_an_export_of_valid_records_checks_without_errors(
    records: list[Client], locale: str
) -> None:
    out = io.BytesIO()
    write_clients(out, records, locale=locale)
    report = check_file(out.getvalue(), locale=locale)
    assert report.rows == len(records)
    assert [row for row in report.as_rows() if row["severity"] == "error"] == []


#: The fields of a company whose text, any text, a flat file holds as it is.
_FREE_TEXT_FIELDS = (
    "name", "website", "company_type", "language", "source", "siret", "vat_number", "ape_code",
    "accounting_account",
)  # fmt: skip
_ANY_CELL = st.text(st.characters(codec="utf-8", exclude_characters="\x00"))


@given(
    st.fixed_dictionaries(dict.fromkeys(_FREE_TEXT_FIELDS, _ANY_CELL)),
    _ANY_CELL,
    st.sampled_from(["fr", "en"]),
)
def test_any_text_of_a_company_reads_back_as_written(
    texts: dict[str, str], position: str, locale: str
) -> None:
    record = complete_company(**texts, contacts=(claire(position=position),))
    out = io.BytesIO()
    write_clients(out, [record], locale=locale)
    [(_row, back)] = read_clients(out.getvalue())
    assert back == _flat(record)


def test_what_is_neither_a_path_nor_a_file_is_refused_on_both_sides() -> None:
    with pytest.raises(TypeError, match="got int"):
        check_file(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="a path or a file object; got int"):
        write_clients(42, [individual()])  # type: ignore[arg-type]
