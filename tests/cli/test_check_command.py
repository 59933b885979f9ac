"""The ``clientbook check`` command: JSON and table output, exit statuses, languages, options."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from tests.cli.clientfiles import (
    OTHER_SIRET,
    check_json,
    client,
    other_client,
    run,
    write_client_file,
)

from clientbook import __version__
from clientbook._cli.app import main
from clientbook._cli.output import progress_bar
from clientbook._files.reading import open_client_file

PROBLEM_KEYS = {"row", "column", "field", "code", "value", "message", "severity"}


class _Terminal(io.StringIO):
    """A text stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_the_json_document_has_the_documented_shape(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        client(),
        other_client(0, siren="302123451"),
        other_client(1, siret=OTHER_SIRET),
        other_client(2)[:3],
    ]
    path = write_client_file(tmp_path, rows)
    result = check_json(capsys, path)
    document = result.json()
    assert list(document) == [
        "schema",
        "file",
        "rows",
        "problems",
        "summary",
        "columns",
        "unused_columns",
        "encoding",
        "delimiter",
        "header_row",
    ]
    assert document["schema"] == 1
    assert document["file"] == str(path)
    assert document["rows"] == 4
    assert all(set(problem) == PROBLEM_KEYS for problem in document["problems"])
    assert document["problems"][0] == {
        "row": 3,
        "column": "SIREN",
        "field": "siren",
        "code": "siren.checksum",
        "value": "302123451",
        "message": "Les chiffres de contrôle ne correspondent pas : un chiffre est probablement "
        "mal saisi.",
        "severity": "error",
    }
    assert document["summary"] == {
        "errors": 2,
        "warnings": 1,
        "rows_with_errors": 2,
        "by_code": {"row.width": 1, "siren.checksum": 1, "siret.siren_mismatch": 1},
    }
    assert (document["encoding"], document["delimiter"], document["header_row"]) == (
        "cp1252",
        ";",
        1,
    )


def test_the_json_output_is_exactly_one_object_on_stdout_and_nothing_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = check_json(
        capsys, write_client_file(tmp_path, [client(name="Société Générale d'Ébénisterie")])
    )
    assert result.err == ""
    decoder = json.JSONDecoder()
    document, end = decoder.raw_decode(result.out)
    assert isinstance(document, dict)
    assert result.out[end:] == "\n"
    assert "Ébénisterie" not in result.out  # names are not part of the report
    assert "N° TVA intracommunautaire" in result.out  # not escaped: the output is UTF-8


@pytest.mark.parametrize(
    ("rows", "status"),
    [
        ([client()], 0),
        ([client(), client()[:5]], 0),  # a warning only
        ([client(), client(ape="62.99Z")], 1),
    ],
)
def test_the_exit_status_says_whether_some_row_has_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], rows: list[list[str]], status: int
) -> None:
    path = write_client_file(tmp_path, rows)
    assert check_json(capsys, path).status == status
    assert run(capsys, "check", path).status == status


def test_messages_are_in_english_with_locale_en(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_client_file(tmp_path, [client(siren="40483304")])
    [problem] = check_json(capsys, path, "--locale", "en").json()["problems"]
    assert problem["message"] == "A SIREN has 9 digits."


@pytest.mark.parametrize("arguments", [["--locale", "en_GB"], ["--locale=en-US"]])
def test_a_locale_name_with_a_region_is_understood(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], arguments: list[str]
) -> None:
    path = write_client_file(tmp_path, [client(siren="40483304")])
    [problem] = check_json(capsys, path, *arguments).json()["problems"]
    assert problem["message"] == "A SIREN has 9 digits."


def test_the_locale_can_also_be_given_before_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_client_file(tmp_path, [client(siren="40483304")])
    result = run(capsys, "--locale", "en", "check", path, "--format", "json")
    assert result.json()["problems"][0]["message"] == "A SIREN has 9 digits."


def test_the_table_shows_how_the_file_was_read_each_problem_and_a_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [client(), other_client(0, siren="302123451"), other_client(1)[:3]]
    result = run(capsys, "check", write_client_file(tmp_path, rows))
    assert result.status == 1
    lines = result.out.splitlines()
    assert lines[0].endswith("clients.csv : Windows-1252, séparateur « ; », en-tête en ligne 1")
    assert lines[1].startswith(
        "Colonnes reconnues : raison sociale « Raison sociale », SIREN « SIREN », SIRET « SIRET », "
        "n° de TVA « N° TVA intracommunautaire », code APE « Code APE », "
    )
    for expected in ("Ligne", "Colonne", "Valeur", "Gravité", "Problème", "302123451", "erreur"):
        assert expected in result.out
    assert "avertissement" in result.out
    assert lines[-1] == (
        "Lignes lues : 3 · erreurs : 1 · lignes en erreur : 1 · avertissements : 1"
    )


def test_the_table_is_in_english_with_locale_en(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [client(siren="404833049")]
    result = run(
        capsys, "check", write_client_file(tmp_path, rows, delimiter=","), "--locale", "en"
    )
    assert 'clients.csv: Windows-1252, delimiter ",", header on row 1' in result.out
    assert "The check digits do not match" in result.out
    assert result.out.splitlines()[-1] == (
        "Rows read: 1 · errors: 1 · rows with errors: 1 · warnings: 0"
    )


def test_a_file_without_problems_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run(capsys, "check", write_client_file(tmp_path, [client()]))
    assert result.status == 0
    assert result.out.splitlines()[-2:] == [
        "Aucun problème trouvé.",
        "Lignes lues : 1 · erreurs : 0 · lignes en erreur : 0 · avertissements : 0",
    ]


def test_without_rich_the_table_is_plain_aligned_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "rich", None)  # import rich raises ImportError
    rows = [client(siren="404833049"), other_client(0)[:2], other_client(1, vat="FR" + "9" * 60)]
    result = run(capsys, "check", write_client_file(tmp_path, rows))
    lines = result.out.splitlines()
    header, *body = lines[2:6]
    assert header.split() == ["Ligne", "Colonne", "Valeur", "Gravité", "Problème"]
    severity, message = header.index("Gravité"), header.index("Problème")
    assert [line[severity:message].strip() for line in body] == [
        "erreur",
        "avertissement",
        "erreur",
    ]
    assert [line[:5] for line in body] == ["    2", "    3", "    4"]
    assert body[0][message:] == (
        "Les chiffres de contrôle ne correspondent pas : un chiffre est probablement mal saisi."
    )
    assert body[1][6 : header.index("Valeur")].strip() == "—"  # a whole row: no column
    assert "  FR" + "9" * 37 + "…  " in body[2]  # a long value is shortened
    assert lines[-1].startswith("Lignes lues : 3 · erreurs : 2")


def test_a_console_that_cannot_write_every_character_gets_replacements_not_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="cp1252")
    monkeypatch.setattr(sys, "stdout", stdout)
    path = write_client_file(tmp_path, [["404833049"]], headers=["Adószám ő"], encoding="utf-8")
    assert main(["check", str(path), "--column", "siren=Adószám ő"]) == 1
    stdout.flush()
    text = stdout.buffer.getvalue().decode("cp1252")
    assert "Adószám ?" in text
    assert "+-" in text or "|" in text  # an ASCII box


def test_json_on_a_console_that_cannot_write_every_character_is_escaped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    monkeypatch.setattr(sys, "stdout", stdout)
    path = write_client_file(tmp_path, [client(siren="404833049")])
    assert main(["check", str(path), "--format", "json"]) == 1
    stdout.flush()
    text = stdout.buffer.getvalue().decode("ascii")
    assert json.loads(text)["columns"]["vat"] == "N° TVA intracommunautaire"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["check", "x.csv", "--column", "tva=TVA"], "tva n'est pas un champ ; choisissez parmi"),
        (["check", "x.csv", "--column", "siret"], "écrivez CHAMP=EN-TÊTE"),
        (["check", "x.csv", "--format", "xml"], "xml n'est pas un choix possible : table, json"),
        (["check", "x.csv", "--locale", "de"], "pas de messages en de ; choisissez parmi : fr, en"),
        (["check"], "arguments manquants : FICHIER"),
        ([], "arguments manquants : COMMANDE"),
        (["verify", "x.csv"], "COMMANDE : 'verify' n'est pas un choix possible : 'check'"),
        (["check", "x.csv", "--strictly"], "arguments non reconnus : --strictly"),
        (["check", "x.csv", "--column"], "--column : une valeur est attendue"),
    ],
)
def test_a_usage_error_exits_with_status_2_and_a_french_message(
    capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    result = run(capsys, *arguments)
    assert result.refusal()[0] == 2  # stdout empty, or the JSON error document
    assert result.err.startswith("utilisation : clientbook")
    assert message in result.err.splitlines()[-1]
    assert " : erreur : " in result.err.splitlines()[-1]


def test_help_is_in_french_by_default_and_in_english_on_request(
    capsys: pytest.CaptureFixture[str],
) -> None:
    french = run(capsys, "check", "--help")
    assert french.status == 0
    assert french.out.startswith("utilisation : clientbook check")
    assert "options :" in french.out
    assert "--column CHAMP=EN-TÊTE" in french.out
    english = run(capsys, "--locale", "en", "check", "--help")
    assert english.out.startswith("usage: clientbook check")
    assert "--column FIELD=HEADER" in english.out


def test_version_is_printed(capsys: pytest.CaptureFixture[str]) -> None:
    result = run(capsys, "--version")
    assert (result.status, result.out) == (0, f"clientbook {__version__}\n")


def test_python_m_clientbook_runs_the_command(tmp_path: Path) -> None:
    path = write_client_file(tmp_path, [client(ape="62.99Z")])
    completed = subprocess.run(
        [sys.executable, "-m", "clientbook", "check", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert completed.returncode == 1
    assert json.loads(completed.stdout)["problems"][0]["code"] == "naf.component"
    assert completed.stderr == ""


def test_a_missing_file_through_python_m_gives_one_line_and_no_traceback(tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "clientbook", "check", str(tmp_path / "absent.csv")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert completed.returncode == 2
    assert completed.stderr.count("\n") == 1
    assert "Traceback" not in completed.stderr


def test_importing_clientbook_does_not_import_the_command() -> None:
    code = "import clientbook, json, sys; print(json.dumps(sorted(sys.modules)))"
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    imported = set(json.loads(completed.stdout))
    assert "clientbook" in imported
    assert not imported & {
        "clientbook._cli.app",
        "clientbook._cli.commands",
        "clientbook._cli.escaping",
        "clientbook._cli.output",
        "clientbook._cli.parser",
        "clientbook._cli.tables",
        "clientbook._files.headers",
        "clientbook._files.reading",
        "clientbook._files.rows",
        "clientbook._files.vocabulary",
        "clientbook._files.check",
    }
    assert "rich" not in imported


def test_a_progress_bar_is_shown_for_a_large_file_when_stderr_is_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    path = write_client_file(tmp_path, [client()] * 6_000)
    status = main(["check", str(path), "--format", "json"])
    assert status == 0
    assert json.loads(capsys.readouterr().out)["rows"] == 6_000
    assert "Vérification de clients.csv" in terminal.getvalue()


def test_no_progress_bar_for_a_small_file_or_when_stderr_is_not_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    small = write_client_file(tmp_path, [client()] * 10, name="small.csv")
    large = write_client_file(tmp_path, [client()] * 6_000, name="large.csv")
    with (
        open_client_file(small) as (layout, _records),
        progress_bar(layout, "fr", _Terminal()) as bar,
    ):
        assert bar is None
    with (
        open_client_file(large) as (layout, _records),
        progress_bar(layout, "fr", io.StringIO()) as bar,
    ):
        assert bar is None
    assert check_json(capsys, large).err == ""


def test_no_progress_bar_without_rich(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "rich.progress", None)
    large = write_client_file(tmp_path, [client()] * 6_000)
    with (
        open_client_file(large) as (layout, _records),
        progress_bar(layout, "fr", _Terminal()) as bar,
    ):
        assert bar is None


class _ClosedPipe(io.StringIO):
    """stdout whose reader went away, as with ``clientbook check ... | head``."""

    def write(self, text: str) -> int:
        raise BrokenPipeError

    def fileno(self) -> int:
        raise io.UnsupportedOperation


def test_a_closed_pipe_ends_the_command_quietly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdout", _ClosedPipe())
    path = write_client_file(tmp_path, [client(siren="404833049")])
    assert main(["check", str(path), "--format", "json"]) == 1


def test_an_interrupted_check_exits_with_status_130(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("clientbook._cli.commands.check_records", interrupted)
    assert main(["check", str(write_client_file(tmp_path, [client()]))]) == 130


def test_without_rich_a_file_without_problems_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "rich", None)
    result = run(capsys, "check", write_client_file(tmp_path, [client()]), "--locale", "en")
    assert result.out.splitlines()[2:] == [
        "",
        "No problem found.",
        "Rows read: 1 · errors: 0 · rows with errors: 0 · warnings: 0",
    ]


@pytest.mark.parametrize(
    "error",
    [OSError(5, "Input/output error"), UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid")],
)
def test_a_file_that_changes_while_it_is_read_is_a_clear_error(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    error: Exception,
) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr("clientbook._cli.commands.check_records", fail)
    result = run(capsys, "check", write_client_file(tmp_path, [client()]), "--locale", "en")
    assert result.status == 2
    assert result.err.startswith("clientbook: error: ")
    assert "cannot be read: " in result.err
    assert result.err.count("\n") == 1


def test_the_garbage_collector_runs_less_often_during_a_check_and_as_before_after_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from clientbook._cli.commands import GC_THRESHOLD
    from clientbook._files.check import check_records

    during: list[tuple[int, int, int]] = []

    def recording(*args: Any, **kwargs: Any) -> Any:
        during.append(gc.get_threshold())
        return check_records(*args, **kwargs)

    monkeypatch.setattr("clientbook._cli.commands.check_records", recording)
    before = gc.get_threshold()
    assert main(["check", str(write_client_file(tmp_path, [client()])), "--format", "json"]) == 0
    assert during[0][0] >= GC_THRESHOLD
    assert during[0][1:] == before[1:]
    assert gc.get_threshold() == before
