"""Client files that are damaged, mixed or hostile: every row is read or reported, memory bounded.

A quote never closed, a row in another encoding, a row of a hundred thousand cells, a cell of
200,000 characters, a pipe given as the file, a UTF-16 file cut short: each is reported where
it is, in the user's words, and the rows around it are read.
"""

from __future__ import annotations

import csv
import io
import itertools
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.cli.clientfiles import COMPANIES, check_json, run, write_client_file

from clientbook._files.encoding import sniff_encoding
from clientbook._files.errors import RowProblem
from clientbook._files.limits import LIMITS, Limits
from clientbook._files.lines import decoded_lines, split_lines
from clientbook._files.reading import open_client_file
from clientbook._files.splitting import split_rows
from clientbook.files import ClientFileError, MalformedFile, check_file, read_clients

HEADER = "Code client;Raison sociale;Code postal;Ville"
UNCLOSED = 'C2;"Garage Dubois;69003;Lyon'  # a quote opens the name and is never closed


def numbered_rows(count: int) -> list[str]:
    """Return *count* valid rows of different companies, each with its own client code."""
    return [f"C{number};Établissements Martin {number};69003;Lyon" for number in range(count)]


def write_lines(directory: Path, lines: list[str], *, encoding: str = "utf-8") -> Path:
    """Write *lines* as a file of CRLF lines in *encoding*."""
    path = directory / "clients.csv"
    path.write_bytes("".join(f"{line}\r\n" for line in lines).encode(encoding))
    return path


def reading_codes(path: Path) -> tuple[list[int], list[tuple[int, str]]]:
    """Return the numbers of the rows read from *path*, and ``(row, code)`` of its problems."""
    read: list[int] = []
    problems: list[tuple[int, str]] = []
    with open_client_file(path) as (_layout, records):
        for record in records:
            if isinstance(record, RowProblem):
                problems.append((record.row, record.code))
            else:
                read.append(record[0])
    return read, problems


# An unclosed quote (issue 9, defect 2)


def test_a_quote_never_closed_in_a_small_file_is_reported_and_every_row_after_it_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = numbered_rows(99)
    rows[2] = UNCLOSED  # row 4 of the file
    rows[88] = "C88;Menuiserie Roux;6900;Lyon"  # row 90: a postal code without its leading 0
    path = write_lines(tmp_path, [HEADER, *rows])
    result = check_json(capsys, path, "--locale", "en")
    document = result.json()
    assert document["rows"] == 98
    assert result.codes() == [
        (1, "file.no_identifier_column"),
        (4, "row.quote_unclosed"),
        (90, "address.postal_code.format"),
    ]
    assert document["problems"][1] == {
        "row": 4,
        "column": None,
        "field": "row",
        "code": "row.quote_unclosed",
        "value": "",
        "message": "A quote opened in this row is not closed before the end of the file or "
        "within 1,048,576 characters: the row is not read, and reading goes on at the next "
        "line. Close the quote or remove it.",
        "severity": "error",
    }


def test_a_quote_never_closed_in_a_large_file_is_reported_and_every_row_after_it_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = numbered_rows(30_000)  # 1.2 MB after the quote: past the limit of a row
    rows[2] = UNCLOSED
    path = write_lines(tmp_path, [HEADER, *rows])
    read, problems = reading_codes(path)
    assert problems == [(4, "row.quote_unclosed")]
    assert read == [2, 3, *range(5, 30_002)]


def test_an_import_reports_the_row_whose_quote_is_never_closed_and_imports_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = numbered_rows(99)
    rows[2] = UNCLOSED
    path = write_lines(tmp_path, [HEADER, *rows])
    db = tmp_path / "clients.sqlite"
    result = run(capsys, "import", path, "--db", db, "--user", "amelie", "--format", "json")
    assert result.status == 1
    assert result.codes() == [(1, "file.no_identifier_column"), (4, "row.quote_unclosed")]
    assert result.json()["import"]["created"] == 98


def test_quoted_cells_over_several_lines_are_still_one_row(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path,
        [
            HEADER,
            'C1;"Boulangerie Martin',
            'Dépôt des Lilas";69003;Lyon',
            'C2;"Garage ""Chez Paul""";69003;Lyon',  # row 3
        ],
    )
    with open_client_file(path) as (_layout, records):
        assert list(records) == [
            (2, ["C1", "Boulangerie Martin\r\nDépôt des Lilas", "69003", "Lyon"]),
            (3, ["C2", 'Garage "Chez Paul"', "69003", "Lyon"]),
        ]


_TEXT = st.text(alphabet='abcé ;,"\n', max_size=12)
_PLAIN = st.text(alphabet="abcéXYZ 0123456789", max_size=12)
_SMALL = Limits(columns=8, cell_characters=40, row_characters=400)


def _csv_line(cells: list[str]) -> str:
    """Return *cells* as a ``;`` line of CSV, quoted where they need it (Excel's way)."""
    text = io.StringIO()
    csv.writer(text, delimiter=";", lineterminator="\r\n").writerow(cells)
    return text.getvalue()


@st.composite
def damaged_files(draw: st.DrawFn) -> tuple[bytes, list[list[str]], int, str]:
    """Draw a file of rows, one of them damaged; return its bytes, rows, damaged row, code."""
    width = draw(st.integers(1, 5))
    before = draw(st.lists(st.lists(_TEXT, min_size=width, max_size=width), max_size=6))
    after = draw(st.lists(st.lists(_PLAIN, min_size=width, max_size=width), max_size=40))
    code = draw(
        st.sampled_from(
            [
                "row.quote_unclosed",
                "row.too_long",
                "row.too_wide",
                "cell.too_long",
                "row.undecodable",
            ]
        )
    )
    damaged = {
        "row.quote_unclosed": _csv_line(["Dubois", "x"]).encode()[:-2] + b';"Garage Dubois\r\n',
        "row.too_long": b"x" * 401 + b"\r\n",
        "row.too_wide": b"a;" * 9 + b"\r\n",
        "cell.too_long": b"Dubois;" + b"y" * 41 + b"\r\n",
        "row.undecodable": b"Caf\x81;Dubois\r\n",
    }[code]
    header = ["Société"] * width  # some UTF-8 in the file, besides the damaged row
    data = b"".join(
        [
            _csv_line(header).encode(),
            *(_csv_line(row).encode() for row in before),
            damaged,
            *(_csv_line(row).encode() for row in after),
        ]
    )
    rows = [header, *before, *after]
    return data, rows, 2 + len(before), code


@given(file=damaged_files())
def test_every_row_of_a_file_with_a_damaged_row_is_read_or_reported(
    file: tuple[bytes, list[list[str]], int, str],
) -> None:
    data, rows, damaged_row, code = file
    stream = io.BytesIO(data)
    encoding = sniff_encoding(stream, Path("clients.csv"))
    stream.seek(0)
    lines = decoded_lines(stream, encoding, row_characters=_SMALL.row_characters)
    records = list(split_rows(lines, ";", limits=_SMALL))
    expected: list[object] = [
        (number, cells)
        for number, cells in enumerate(rows[: damaged_row - 1], start=1)
        if any(cells)
    ]
    expected.append((damaged_row, code))
    expected += [
        (number, cells)
        for number, cells in enumerate(rows[damaged_row - 1 :], start=damaged_row + 1)
        if any(cells)
    ]
    assert [
        (record.row, record.code) if isinstance(record, RowProblem) else record
        for record in records
    ] == expected


_PIECES = st.lists(st.sampled_from(["a", "é", ";", '"', "\r", "\n", "\r\n", "\x1e", "\u2028"]))


@given(text=_PIECES.map("".join), cuts=st.lists(st.integers(0, 60)), limit=st.integers(1, 8))
def test_lines_are_cut_where_csv_cuts_them_wherever_the_chunks_of_the_file_end(
    text: str, cuts: list[int], limit: int
) -> None:
    ends = sorted({cut for cut in cuts if cut <= len(text)})
    pieces = [text[start:end] for start, end in zip([0, *ends], [*ends, len(text)], strict=True)]
    expected = [None if len(line) > limit else line for line in io.StringIO(text, newline="")]
    assert list(split_lines(iter(pieces), limit)) == expected


@given(text=_PIECES.map("".join))
def test_the_rows_of_a_file_whose_quotes_all_close_are_those_csv_reads(text: str) -> None:
    lines = list(io.StringIO(text, newline=""))
    read = list(split_rows(lines, ";"))
    if any(isinstance(record, RowProblem) for record in read):
        return  # a quote is not closed: csv would read the rest of the file as one cell
    expected = [
        (number, cells)
        for number, cells in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=";"), 1)
        if any(cells)
    ]
    assert read == expected


def test_a_too_long_line_inside_an_open_quote_ends_the_quote_and_is_reported_itself(
    tmp_path: Path,
) -> None:
    path = write_lines(
        tmp_path, [HEADER, 'C1;"Garage Dubois', "x" * 1_100_000, "C3;Hôtel du Lac;74000;Annecy"]
    )
    assert reading_codes(path) == ([4], [(2, "row.quote_unclosed"), (3, "row.too_long")])


def test_a_row_wider_than_a_sheet_is_reported_even_when_its_cells_are_quoted(
    tmp_path: Path,
) -> None:
    path = write_lines(tmp_path, [HEADER, '"x";' * 20_000, "C3;Hôtel du Lac;74000;Annecy"])
    assert reading_codes(path) == ([3], [(2, "row.too_wide")])


def test_a_host_that_lowered_csvs_field_limit_still_gets_every_cell(
    tmp_path: Path,
) -> None:
    path = write_lines(tmp_path, [HEADER, 'C1;"Boulangerie ""Au bon pain""";69003;Lyon'])
    previous = csv.field_size_limit(10)
    try:
        with open_client_file(path) as (_layout, records):
            rows = list(records)
    finally:
        csv.field_size_limit(previous)
    assert rows == [(2, ["C1", 'Boulangerie "Au bon pain"', "69003", "Lyon"])]


# Mixed encodings (defect 3)


def test_a_utf8_file_with_one_windows_1252_row_is_read_as_utf8_and_that_row_is_warned_about(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "clients.csv"
    path.write_bytes(
        "Raison sociale;Prénom;Nom;Téléphone direct\r\n"
        "Société Générale;Éric;Martin;04 78 12 34 56\r\n".encode()
        + "Hôtel du Lac;Léa;Roux;04 78 12 34 57\r\n".encode("cp1252")
        + "Crêperie Bretonne;Anaïs;Le Goff;04 78 12 34 58\r\n".encode()
    )
    result = check_json(capsys, path, "--locale", "en")
    document = result.json()
    assert (result.status, document["encoding"], document["rows"]) == (0, "utf-8", 3)
    assert document["columns"] == {
        "name": "Raison sociale",
        "first_name": "Prénom",
        "last_name": "Nom",
        "direct_phone": "Téléphone direct",
    }
    assert document["problems"][0]["code"] == "file.no_identifier_column"
    assert document["problems"][1:] == [
        {
            "row": 3,
            "column": None,
            "field": "row",
            "code": "row.encoding",
            "value": "",
            "message": "This row is not in UTF-8 like the rest of the file: it was read as "
            "Windows-1252. Check its accented letters.",
            "severity": "warning",
        }
    ]
    names = [client.name for _row, client in read_clients(path)]
    assert names == ["Société Générale", "Hôtel du Lac", "Crêperie Bretonne"]


def test_an_import_of_a_file_in_two_encodings_stores_no_garbled_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from clientbook.sql import SqlStore

    path = tmp_path / "clients.csv"
    path.write_bytes(
        "Code client;Raison sociale;SIRET\r\nC1;Société Générale;40483304800014\r\n".encode()
        + f"C2;Hôtel du Lac;{COMPANIES[1][2]}\r\n".encode("cp1252")
    )
    db = tmp_path / "clients.sqlite"
    result = run(capsys, "import", path, "--db", db, "--user", "amelie", "--format", "json")
    assert (result.status, result.codes()) == (0, [(3, "row.encoding")])
    with SqlStore(db) as store, store.unit_of_work(tenant_id="default") as uow:
        stored = {code: client.name for code, client in uow.clients.get_many(["C1", "C2"]).items()}
    assert stored == {"C1": "Société Générale", "C2": "Hôtel du Lac"}


def test_a_windows_1252_file_with_one_utf8_row_reads_that_row_as_utf8_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "clients.csv"
    path.write_bytes(
        "Raison sociale;Ville\r\nSociété Générale;Orléans\r\nHôtel du Lac;Annecy\r\n".encode(
            "cp1252"
        )
        + "Crêperie Bretonne;Quimper\r\n".encode()
    )
    result = check_json(capsys, path, "--locale", "en")
    assert (result.json()["encoding"], result.codes()) == (
        "cp1252",
        [(1, "file.no_identifier_column"), (4, "row.encoding")],
    )
    assert result.json()["problems"][1]["message"] == (
        "This row is not in Windows-1252 like the rest of the file: it was read as UTF-8. Check "
        "its accented letters."
    )
    names = [client.name for _row, client in read_clients(path)]
    assert names == ["Société Générale", "Hôtel du Lac", "Crêperie Bretonne"]


def test_a_row_of_bytes_that_no_encoding_reads_is_reported_and_the_others_are_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "clients.csv"
    path.write_bytes(
        "Raison sociale;SIREN\r\nSociété Générale;404833048\r\n".encode()
        + b"Caf\x81 de la Gare;404833048\r\n"
        + "Crêperie Bretonne;123456789\r\n".encode()
    )
    result = check_json(capsys, path, "--locale", "en")
    assert result.json()["rows"] == 2
    assert result.codes() == [(3, "row.undecodable"), (4, "siren.checksum")]
    assert result.json()["problems"][0]["message"] == (
        "This row holds bytes that are neither UTF-8 nor Windows-1252 text: it is not read. Save "
        "the file again as CSV UTF-8."
    )


def test_a_windows_1252_cell_on_two_lines_of_a_utf8_file_warns_about_its_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "clients.csv"
    path.write_bytes(
        "Raison sociale;Adresse\r\nSociété Générale;1 place de l'Église\r\n".encode()
        + b'Garage Dubois;"2 quai de la Tournette\r\n'  # plain ASCII, then an accent
        + 'Bâtiment C"\r\n'.encode("cp1252")
        + "Crêperie Bretonne;3 rue de Brest\r\n".encode()
    )
    result = check_json(capsys, path, "--locale", "en")
    assert (result.json()["rows"], result.codes()) == (
        3,
        [(1, "file.no_identifier_column"), (3, "row.encoding")],
    )


def test_a_lone_surrogate_in_a_windows_1252_file_with_utf8_rows_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "clients.csv"
    path.write_bytes(
        "Raison sociale;Ville\r\nSociété Générale;Orléans\r\nHôtel du Lac;Annecy\r\n".encode(
            "cp1252"
        )
        + "Crêperie Bretonne;Quimper\r\n".encode()
        + "Du\ud800bois;Lyon\r\n".encode("utf-8", "surrogatepass")
    )
    result = check_json(capsys, path, "--locale", "en")
    assert (result.json()["encoding"], result.codes()) == (
        "cp1252",
        [(1, "file.no_identifier_column"), (4, "row.encoding"), (5, "row.undecodable")],
    )


def test_read_clients_reads_a_row_in_the_other_encoding(tmp_path: Path) -> None:
    path = tmp_path / "clients.csv"
    path.write_bytes(
        "Raison sociale;Ville\r\nSociété Générale;Orléans\r\n".encode()
        + "Hôtel du Lac;Annecy\r\n".encode("cp1252")
    )
    assert [(row, client.name) for row, client in read_clients(path)] == [
        (2, "Société Générale"),
        (3, "Hôtel du Lac"),
    ]


# Rows and cells over the limits (defects 8 and 9)


@pytest.mark.parametrize(
    ("row", "code", "message"),
    [
        (
            "x;" * 20_000,
            "row.too_wide",
            "This row has more than 16,384 cells, the most a row may have: it is not read.",
        ),
        (
            ";" * 2_000_000,
            "row.too_long",
            (
                "This row holds more than 1,048,576 characters: it is not read. A client's row "
                "holds a few hundred: check how the file was exported."
            ),
        ),
        (
            "Dubois;" + "x" * 200_000,
            "cell.too_long",
            (
                "This cell holds 200,000 characters, more than the 32,767 a cell may hold: the row "
                "is not read."
            ),
        ),
        (
            'Dubois;"' + "x" * 140_000 + '"',
            "cell.too_long",
            (
                "This cell holds 140,000 characters, more than the 32,767 a cell may hold: the row "
                "is not read."
            ),
        ),
    ],
)
def test_a_row_over_the_limits_is_reported_for_what_it_is_and_the_next_rows_are_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], row: str, code: str, message: str
) -> None:
    path = write_lines(
        tmp_path, ["Raison sociale;SIREN", "Martin;404833048", row, "Roux;123456789"]
    )
    result = check_json(capsys, path, "--locale", "en")
    document = result.json()
    assert document["rows"] == 2
    assert result.codes() == [(3, code), (4, "siren.checksum")]
    assert document["problems"][0]["message"] == message
    assert document["problems"][0]["column"] == ("SIREN" if code == "cell.too_long" else None)


def test_an_oversized_cell_is_shown_by_its_start_only(tmp_path: Path) -> None:
    path = write_lines(tmp_path, ["Raison sociale;SIREN", "Dubois;" + "4" * 50_000])
    report = check_file(path, locale="en")
    (problem,) = report.problems
    assert (problem.row, problem.column, problem.code) == (2, "SIREN", "cell.too_long")
    assert problem.value == "4" * 40 + "…"


@pytest.mark.parametrize(
    ("header", "reason"),
    [
        (
            ";" * 2_000_000,
            (
                "This row holds more than 1,048,576 characters: it is not read. A client's row "
                "holds a few hundred: check how the file was exported."
            ),
        ),
        (
            "SIREN;" * 20_000,
            "This row has more than 16,384 cells, the most a row may have: it is not read.",
        ),
    ],
)
def test_a_header_over_the_limits_is_a_clear_refusal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str, reason: str
) -> None:
    path = write_lines(tmp_path, [header, "404833048"])
    result = check_json(capsys, path, "--locale", "en")
    assert result.refusal()[0] == 2  # stdout empty, or the JSON error document
    assert result.err == (
        f"clientbook: error: Row 1 of {path}, where its header should be, cannot be read. "
        f"{reason}\n"
    )
    with pytest.raises(ClientFileError) as raised, open_client_file(path):
        pass
    assert raised.value.code == "file.header_unreadable"


def test_reading_a_line_of_thirty_million_delimiters_keeps_a_few_megabytes(tmp_path: Path) -> None:
    path = tmp_path / "clients.csv"
    with path.open("wb") as file:
        file.write(b"Raison sociale;SIREN\r\nMartin;404833048\r\n")
        for _ in range(30):
            file.write(b";" * 1_000_000)
        file.write(b"\r\nRoux;123456789\r\n")
    tracemalloc.start()
    try:
        read, problems = reading_codes(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (read, problems) == ([2, 4], [(3, "row.too_long")])
    assert peak < 8 * LIMITS.row_characters  # a few chunks and a row, not the line


def test_the_limits_are_those_the_docs_give() -> None:
    assert Limits(columns=16_384, cell_characters=32_767, row_characters=1_048_576) == LIMITS


# Pipes, devices and folders (defect 10)


def _check_in_a_new_process(path: Path) -> subprocess.CompletedProcess[str]:
    """Run ``clientbook check PATH`` in a process of its own, which must end within 60 s."""
    return subprocess.run(
        [sys.executable, "-m", "clientbook", "check", str(path), "--locale", "en"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_without_a_writer_is_refused_at_once(tmp_path: Path) -> None:
    pipe = tmp_path / "clients.csv"
    os.mkfifo(pipe)
    result = _check_in_a_new_process(pipe)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"clientbook: error: {pipe} is not a file but a pipe, a device or a socket: give the "
        "path of a CSV file.\n"
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_with_a_writer_is_refused_at_once(tmp_path: Path) -> None:
    pipe = tmp_path / "clients.csv"
    os.mkfifo(pipe)
    writer = os.open(pipe, os.O_RDWR | os.O_NONBLOCK)  # a writer that never writes nor closes
    try:
        os.write(writer, b"SIREN;Raison sociale\r\n404833048;Martin\r\n")
        result = _check_in_a_new_process(pipe)
    finally:
        os.close(writer)
    assert (result.returncode, result.stdout) == (2, "")
    assert "is not a file but a pipe, a device or a socket" in result.stderr


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null")
@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero"])
def test_a_device_is_refused_at_once(capsys: pytest.CaptureFixture[str], device: str) -> None:
    result = check_json(capsys, Path(device), "--locale", "en")
    assert result.refusal()[0] == 2  # stdout empty, or the JSON error document
    assert result.err == (
        f"clientbook: error: {device} is not a file but a pipe, a device or a socket: give the "
        "path of a CSV file.\n"
    )
    with pytest.raises(ClientFileError) as raised, open_client_file(device):
        pass
    assert raised.value.code == "file.special"


def test_a_folder_is_refused_with_its_own_code(tmp_path: Path) -> None:
    with pytest.raises(ClientFileError) as raised, open_client_file(tmp_path):
        pass
    assert raised.value.code == "file.folder"


# UTF-16 cut short, lone surrogates (defect 11)


@pytest.mark.parametrize(
    ("end", "row"),
    [
        (b"R", 4),  # the file ended with a line break, then half a character
        (b"", 3),  # the last row, without its line break, lost half of its last character
    ],
)
def test_a_utf16_file_cut_short_reports_its_last_row_in_the_users_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], end: bytes, row: int
) -> None:
    path = tmp_path / "clients.csv"
    data = "Raison sociale;SIREN\r\nMartin;404833048\r\nRoux;123456789".encode("utf-16")
    path.write_bytes(data + "\r\n".encode("utf-16-le") + end if end else data[:-1])
    result = check_json(capsys, path, "--locale", "en")
    document = result.json()
    problem = document["problems"][-1]
    assert (problem["row"], problem["code"]) == (row, "row.truncated")
    assert problem["message"] == (
        "The file ends in the middle of a character: it was cut short, and this row is not "
        "read. Export the file again."
    )
    assert "codec" not in result.out + result.err
    assert document["rows"] == (2 if end else 1)


def test_a_lone_surrogate_in_a_utf16_file_is_reported_on_its_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "clients.csv"
    path.write_bytes(
        "Raison sociale;SIREN\r\nMartin;404833048\r\n".encode("utf-16")
        + "Du".encode("utf-16-le")
        + b"\x00\xd8"  # the first half of a pair whose second half is missing
        + "bois;404833048\r\nRoux;123456789\r\n".encode("utf-16-le")
    )
    result = check_json(capsys, path, "--locale", "en")
    assert result.codes() == [(3, "row.undecodable"), (4, "siren.checksum")]
    assert result.json()["problems"][0]["message"] == (
        "This row holds half of a character (a lone UTF-16 surrogate), which no text can hold: "
        "it is not read. Type its text again."
    )


def test_a_lone_surrogate_written_in_utf8_is_reported_on_its_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "clients.csv"
    path.write_bytes(
        b"Raison sociale;SIREN\r\nMartin;404833048\r\n"
        + "Du\ud800bois;404833048\r\nRoux;123456789\r\n".encode("utf-8", "surrogatepass")
    )
    result = check_json(capsys, path, "--locale", "en")
    assert (result.json()["encoding"], result.codes()) == (
        "utf-8",
        [(3, "row.undecodable"), (4, "siren.checksum")],
    )


def test_a_utf16_line_over_the_limit_is_reported_and_the_next_rows_are_read(
    tmp_path: Path,
) -> None:
    path = tmp_path / "clients.csv"
    path.write_bytes(
        ("Raison sociale;SIREN\r\n" + "x" * 1_100_000 + "\r\nRoux;123456789\r\n").encode("utf-16")
    )
    assert reading_codes(path) == ([3], [(2, "row.too_long")])


# The public API


def test_read_clients_stops_at_a_row_it_cannot_read_and_says_which(tmp_path: Path) -> None:
    rows = numbered_rows(5)
    rows[2] = UNCLOSED
    path = write_lines(tmp_path, [HEADER, *rows])
    clients = read_clients(path)
    assert [row for row, _client in itertools.islice(clients, 2)] == [2, 3]
    with pytest.raises(MalformedFile) as raised:
        next(clients)
    assert (raised.value.row, raised.value.code) == (4, "row.quote_unclosed")
    assert raised.value.message("en").startswith("Row 4: A quote opened in this row")


def test_check_file_reports_each_row_it_cannot_read_in_its_place(tmp_path: Path) -> None:
    path = write_client_file(
        tmp_path, [["Dubois", "404833048"]], headers=["Raison sociale", "SIREN"]
    )
    with path.open("ab") as file:
        file.write(b'"Roux;404833048\r\n')
    report = check_file(path, locale="fr")
    assert [(problem.row, problem.code, problem.severity) for problem in report.problems] == [
        (3, "row.quote_unclosed", "error")
    ]
    assert report.problems[0].message.startswith("Un guillemet ouvert dans cette ligne")
    assert (report.rows, report.rows_with_errors) == (1, 1)
