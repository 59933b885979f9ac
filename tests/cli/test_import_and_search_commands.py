"""``clientbook import FILE --db URL`` and ``clientbook search TYPED --db URL``, on SQLite files."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from tests.cli.clientfiles import COMPANIES, Run, client, other_client, run, write_client_file

from clientbook.sql import SqlStore

#: A client file as a CRM exports it, with codes, the active flag and the parent company.
HEADERS = [
    "Code client",
    "Raison sociale",
    "SIRET",
    "Code postal",
    "Ville",
    "Actif",
    "Société mère",
]


def rows() -> list[list[str]]:
    """Return four valid clients: a bakery, a group and its subsidiary, an archived client."""
    return [
        ["C1", "Boulangerie Martin", "40483304800014", "69003", "Lyon", "oui", ""],
        ["C2", "Établissements Dubois", COMPANIES[0][2], "75011", "Paris", "oui", ""],
        ["C3", "Dubois Logistique", COMPANIES[1][2], "75011", "Paris", "oui", "C2"],
        ["C4", "Boulangerie Roux", COMPANIES[2][2], "33000", "Bordeaux", "non", ""],
    ]


def import_json(capsys: pytest.CaptureFixture[str], path: Path, db: Path, *options: str) -> Run:
    """Run ``clientbook import PATH --db DB --user amelie --format json`` with *options*."""
    return run(capsys, "import", path, "--db", db, "--user", "amelie", "--format", "json", *options)


def test_importing_a_file_stores_its_rows_without_errors_and_reports_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = ["C5", "Garage Faure", "40483304800015", "69003", "Lyon", "oui", ""]  # wrong SIRET
    path = write_client_file(tmp_path, [*rows(), bad], headers=HEADERS)
    db = tmp_path / "clients.sqlite"
    result = import_json(capsys, path, db)
    assert result.status == 1  # a row has an error: it is not imported
    document = result.json()
    assert document["import"] == {
        "database": str(db),
        "tenant": "default",
        "created": 4,
        "updated": 0,
        "unchanged": 0,
        "skipped": 1,
        "left_out": 0,
    }
    assert result.codes() == [(6, "siret.checksum")]  # the same report as check
    with SqlStore(db) as store, store.unit_of_work(tenant_id="default") as uow:
        stored = uow.clients.get_many(["C1", "C2", "C3", "C4", "C5"])
    assert sorted(stored) == ["C1", "C2", "C3", "C4"]
    assert stored["C3"].parent_id == "C2"
    assert stored["C4"].active is False
    assert {client.owner for client in stored.values()} == {"amelie"}
    assert stored["C1"].siren == "404833048"


def test_importing_the_same_file_again_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_client_file(tmp_path, rows(), headers=HEADERS)
    db = tmp_path / "clients.sqlite"
    assert import_json(capsys, path, db).status == 0
    again = import_json(capsys, path, db)
    assert again.status == 0
    assert again.json()["import"]["created"] == again.json()["import"]["updated"] == 0
    assert again.json()["import"]["unchanged"] == 4
    with SqlStore(db) as store, store.unit_of_work(tenant_id="default") as uow:
        assert {client.version for client in uow.clients.get_many(["C1", "C4"]).values()} == {1}


def test_a_changed_row_updates_its_client_found_by_its_siret(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "clients.sqlite"
    import_json(capsys, write_client_file(tmp_path, rows(), headers=HEADERS), db)
    moved = rows()
    moved[0][0] = "B-0001"  # another client code in the next export: the SIRET finds it
    moved[0][3:5] = ["69001", "Lyon"]
    result = import_json(capsys, write_client_file(tmp_path, moved, headers=HEADERS), db)
    assert (result.json()["import"]["updated"], result.json()["import"]["unchanged"]) == (1, 3)
    with SqlStore(db) as store, store.unit_of_work(tenant_id="default") as uow:
        martin = uow.clients.get("C1")
    assert martin.address is not None
    assert (martin.address.postal_code, martin.version) == ("69001", 2)


def test_a_client_twice_in_a_file_is_imported_once_and_the_other_row_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_client_file(tmp_path, [client(), other_client(0), client(name="BOULANGERIE")])
    db = tmp_path / "clients.sqlite"
    result = import_json(capsys, path, db, "--locale", "en")
    assert result.status == 0
    assert result.json()["import"]["created"] == 2
    assert result.json()["import"]["left_out"] == 1
    left_out = [p for p in result.json()["problems"] if p["code"] == "import.same_client"]
    assert left_out == [
        {
            "row": 4,
            "column": "SIRET",
            "field": "siret",
            "code": "import.same_client",
            "value": "40483304800014",
            "message": "This row is not imported: row 2 is the same client (the same SIRET: "
            "40483304800014) and is imported in its place.",
            "severity": "warning",
        }
    ]
    assert import_json(capsys, path, db).json()["import"]["unchanged"] == 2


def test_a_row_with_a_clients_siret_and_a_row_with_its_code_are_one_client_run_after_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Row 2 reaches the stored client C1 by its SIRET, row 3 by its client code: importing both
    # let the second overwrite the first, and the next run created a new client.
    db = tmp_path / "clients.sqlite"
    first = write_client_file(tmp_path, [rows()[0]], headers=HEADERS)
    assert import_json(capsys, first, db).json()["import"]["created"] == 1
    by_siret = ["C7", *rows()[0][1:]]
    by_code = ["C1", "Dubois Logistique", COMPANIES[1][2], "75011", "Paris", "oui", ""]
    both = write_client_file(tmp_path, [by_siret, by_code], headers=HEADERS)
    for _run in range(2):
        result = import_json(capsys, both, db, "--locale", "en")
        assert result.json()["import"]["created"] == 0
        assert result.json()["import"]["left_out"] == 1
        [left_out] = [p for p in result.json()["problems"] if p["code"] == "import.same_client"]
        assert (left_out["row"], left_out["column"]) == (3, "Code client")
        assert left_out["message"] == (
            "This row is not imported: row 2 is the same client (the same client code: C1) and "
            "is imported in its place."
        )


def test_a_parent_company_the_database_does_not_hold_is_an_error_of_its_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    orphan = ["C3", "Dubois Logistique", COMPANIES[1][2], "75011", "Paris", "oui", "C9"]
    path = write_client_file(tmp_path, [rows()[0], orphan], headers=HEADERS)
    result = import_json(capsys, path, tmp_path / "clients.sqlite", "--locale", "en")
    assert result.status == 1
    [problem] = result.json()["problems"]
    assert (problem["row"], problem["column"], problem["code"]) == (
        3,
        "Société mère",
        "client.parent_id.unknown",
    )
    assert result.json()["import"]["created"] == 1


def test_the_table_ends_with_what_was_stored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_client_file(tmp_path, rows(), headers=HEADERS)
    db = tmp_path / "clients.sqlite"
    result = run(capsys, "import", path, "--db", db, "--user", "amelie", "--locale", "en")
    assert result.status == 0
    assert result.out.splitlines()[-2:] == [
        "Rows read: 4 · errors: 0 · rows with errors: 0 · warnings: 0",
        (
            f"Database {db} (account default): 4 created, 0 updated, 0 unchanged; rows not "
            "imported: 0 with errors, 0 the same client as an earlier row"
        ),
    ]


def test_search_shows_the_clients_a_user_means_by_the_first_letters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "clients.sqlite"
    import_json(capsys, write_client_file(tmp_path, rows(), headers=HEADERS), db)
    boul = run(capsys, "search", "boul", "--db", db, "--locale", "en")
    assert boul.status == 0
    assert "Boulangerie Martin" in boul.out
    assert "69003 Lyon" in boul.out
    assert "404 833 048" in boul.out  # the SIREN as it is printed
    assert "Boulangerie Roux" not in boul.out  # archived
    assert boul.out.splitlines()[-1] == 'Clients found for "boul": 1'
    ets = run(capsys, "search", "ets", "--db", db, "--locale", "en")
    assert "Établissements Dubois" in ets.out
    assert "Dubois Logistique" not in ets.out
    assert run(capsys, "search", "dub log", "--db", db).status == 0


def test_search_shows_archived_clients_with_all_and_marks_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "clients.sqlite"
    import_json(capsys, write_client_file(tmp_path, rows(), headers=HEADERS), db)
    result = run(capsys, "search", "boul", "--db", db, "--all", "--locale", "en")
    assert "Boulangerie Roux (archived)" in result.out
    assert result.out.splitlines()[-1] == 'Clients found for "boul": 2'


def test_search_as_json_and_with_a_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "clients.sqlite"
    import_json(capsys, write_client_file(tmp_path, rows(), headers=HEADERS), db)
    result = run(capsys, "search", "d", "--db", db, "--format", "json", "--limit", "1")
    assert result.json() == {
        "schema": 1,
        "typed": "d",
        "database": str(db),
        "tenant": "default",
        "clients": [
            {
                "id": "C3",
                "name": "Dubois Logistique",
                "postal_code": "75011",
                "city": "Paris",
                "siren": COMPANIES[1][1],
                "siret": COMPANIES[1][2],
                "vat_number": "",
                "active": True,
            }
        ],
    }


def test_nothing_found_exits_with_status_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "clients.sqlite"
    import_json(capsys, write_client_file(tmp_path, rows(), headers=HEADERS), db)
    result = run(capsys, "search", "zz", "--db", db)
    assert (result.status, result.out) == (1, "Aucun client trouvé pour « zz ».\n")


def test_an_account_sees_only_its_own_clients(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "clients.sqlite"
    path = write_client_file(tmp_path, rows(), headers=HEADERS)
    import_json(capsys, path, db, "--tenant", "cabinet-lefort")
    assert run(capsys, "search", "boul", "--db", db, "--tenant", "cabinet-lefort").status == 0
    assert run(capsys, "search", "boul", "--db", db).status == 1
    assert import_json(capsys, path, db).json()["import"]["created"] == 4


def test_a_sqlalchemy_url_names_the_database_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'clients.sqlite'}"
    path = write_client_file(tmp_path, rows(), headers=HEADERS)
    result = run(capsys, "import", path, "--db", url, "--user", "amelie", "--format", "json")
    assert result.status == 0
    assert run(capsys, "search", "boul", "--db", url).status == 0


def test_a_corrupted_database_file_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "clients.sqlite"
    db.write_bytes(b"Ceci n'est pas une base SQLite.\n" * 200)
    path = write_client_file(tmp_path, rows(), headers=HEADERS)
    commands: list[list[str | Path]] = [
        ["import", path, "--db", db],
        ["search", "boul", "--db", db],
    ]
    for arguments in commands:
        result = run(capsys, *arguments, "--locale", "en")
        assert result.refusal()[0] == 2  # stdout empty, or the JSON error document
        assert result.err == (
            f"clientbook: error: The file {db} is not a SQLite database, or it is damaged: "
            "restore it from a backup or choose another file.\n"
        )


def test_a_database_in_a_folder_that_does_not_exist_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_client_file(tmp_path, rows(), headers=HEADERS)
    result = run(
        capsys, "import", path, "--db", tmp_path / "nowhere" / "x.sqlite", "--locale", "en"
    )
    assert result.status == 2
    assert result.err.startswith("clientbook: error: The database ")
    assert "could not be used; nothing was saved." in result.err
    assert result.err.count("\n") == 1


def test_searching_a_database_that_does_not_exist_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "clients.sqlite"
    result = run(capsys, "search", "boul", "--db", db, "--locale", "en")
    assert result.refusal()[0] == 2  # stdout empty, or the JSON error document
    assert result.err == (
        f"clientbook: error: There are no clients in {db} yet: import a client file into it "
        f"first, with clientbook import FILE --db {db}.\n"
    )
    assert not db.exists()


def test_a_file_that_cannot_be_read_leaves_no_database_behind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "clients.sqlite"
    result = run(capsys, "import", tmp_path / "absent.csv", "--db", db)
    assert result.refusal()[0] == 2  # stdout empty, or the JSON error document
    assert "introuvable" in result.err
    assert not db.exists()


@pytest.mark.parametrize("command", [["import", "clients.csv"], ["search", "boul"]])
def test_without_the_sql_extra_the_commands_say_how_to_install_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    monkeypatch.setitem(sys.modules, "sqlalchemy", None)  # import sqlalchemy raises ImportError
    result = run(capsys, *command, "--locale", "en")
    assert result.refusal()[0] == 2  # stdout empty, or the JSON error document
    assert result.err == (
        f"clientbook: error: clientbook {command[0]} needs a database library: install "
        'clientbook[sql], with python -m pip install "clientbook[sql]".\n'
    )


def test_import_and_search_have_their_help(capsys: pytest.CaptureFixture[str]) -> None:
    importing = run(capsys, "--locale", "en", "import", "--help")
    assert importing.status == 0
    for option in ("--db URL", "--tenant ID", "--user NAME", "--strict", "--column"):
        assert option in importing.out
    searching = run(capsys, "--locale", "en", "search", "--help")
    for option in ("TYPED", "--all", "--limit N", "--db URL", "--tenant ID", "--format"):
        assert option in searching.out


def test_an_import_reports_a_row_whose_quote_is_never_closed_and_imports_the_rows_after_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_client_file(tmp_path, rows()[:2], headers=HEADERS)
    with path.open("ab") as file:
        file.write(b'C9;"Garage Faure;40483304800014\r\n' + b"x" * 200_000 + b"\r\n")
        file.write("C4;Boulangerie Roux;52345678800018;33000;Bordeaux;non;\r\n".encode("cp1252"))
    result = import_json(capsys, path, tmp_path / "clients.sqlite")
    assert result.status == 1
    assert result.codes() == [(4, "row.quote_unclosed"), (5, "cell.too_long")]
    assert result.json()["import"]["created"] == 3


def test_a_database_that_fails_during_the_import_says_the_rows_stored_before_are_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from clientbook.sql import DatabaseLocked

    def locked(*args: object, **kwargs: object) -> None:
        raise DatabaseLocked("clients.sqlite", "database is locked")

    monkeypatch.setattr("clientbook._files.importing.import_clients", locked)
    path = write_client_file(tmp_path, rows(), headers=HEADERS)
    result = run(capsys, "import", path, "--db", tmp_path / "clients.sqlite", "--locale", "en")
    assert result.refusal()[0] == 2  # stdout empty, or the JSON error document
    assert result.err == (
        "clientbook: error: The database clients.sqlite is locked by another program or another "
        "change in progress; nothing was saved: try again in a moment. The rows stored before "
        "are kept: run the import again to complete it.\n"
    )


def test_searching_a_sqlite_file_without_clientbook_tables_says_to_import_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    db = tmp_path / "autre.sqlite"
    with sqlite3.connect(db) as connection:
        connection.execute("CREATE TABLE factures (numero TEXT)")
    connection.close()
    result = run(capsys, "search", "boul", "--db", db, "--locale", "en")
    assert result.status == 2
    assert "There are no clients in " in result.err


def test_without_user_the_clients_belong_to_the_login_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import getpass

    def no_login() -> str:
        raise OSError("no user name")

    db = tmp_path / "clients.sqlite"
    path = write_client_file(tmp_path, rows()[:1], headers=HEADERS)
    monkeypatch.setattr(getpass, "getuser", lambda: "jdupont")
    assert run(capsys, "import", path, "--db", db).status == 0
    monkeypatch.setattr(getpass, "getuser", no_login)
    assert run(capsys, "import", path, "--db", db, "--tenant", "other").status == 0
    with SqlStore(db) as store:
        with store.unit_of_work(tenant_id="default") as uow:
            assert uow.clients.get("C1").owner == "jdupont"
        with store.unit_of_work(tenant_id="other") as uow:
            assert uow.clients.get("C1").owner == "clientbook"


def test_a_limit_that_is_no_number_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    result = run(capsys, "--locale", "en", "search", "boul", "--limit", "dix")
    assert result.status == 2
    assert "dix is not a number of clients" in result.err


def test_a_large_import_shows_its_progress_on_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr("clientbook._cli.output.PROGRESS_THRESHOLD", 10)
    path = write_client_file(tmp_path, [rows()[0]] * 2_100, headers=HEADERS)
    result = import_json(capsys, path, tmp_path / "clients.sqlite")
    assert result.json()["import"]["left_out"] == 2_099
    assert "clients.csv" in terminal.getvalue()  # "Import de clients.csv", and a bar


def test_a_search_of_more_words_or_characters_than_a_search_takes_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "clients.sqlite"
    import_json(capsys, write_client_file(tmp_path, rows(), headers=HEADERS), db)
    words = " ".join(["boul", "mar", "lyon", "69", "sarl", "et", "fils", "rue", "des", "lilas"])
    assert run(capsys, "search", words, "--db", db).status == 1  # ten words: searched
    refusals = {
        f"{words} 3": "A search takes at most 10 words, and this one has 11: type the first "
        "letters of fewer words.",
        " ".join(f"mot{n}" for n in range(2000)): "A search takes at most 200 characters, and "
        "this one has 14889: type the first letters of a name or a number.",
    }
    for typed, message in refusals.items():
        result = run(capsys, "search", typed, "--db", db, "--locale", "en")
        assert result.refusal()[0] == 2  # stdout empty, or the JSON error document
        assert result.err == f"clientbook: error: {message}\n"


def test_with_format_json_a_refusal_is_a_json_error_document_a_program_can_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "clients.sqlite"
    path = write_client_file(tmp_path, rows(), headers=HEADERS)
    import_json(capsys, path, db)
    too_long = " ".join(["boul"] * 11)
    refused: dict[tuple[str | Path, ...], str] = {
        ("search", too_long, "--db", db): "search.too_long",
        ("search", "boul", "--db", tmp_path / "absent.sqlite"): "database.empty",
        ("import", path, "--db", "sqlite:///:memory:"): "database.in_memory",
        ("import", tmp_path / "absent.csv", "--db", db): "file.missing",
    }
    for arguments, code in refused.items():
        result = run(capsys, *arguments, "--format", "json", "--locale", "en")
        assert result.refusal() == (2, code)
    table = run(capsys, "search", too_long, "--db", db, "--locale", "en")
    assert (table.refusal(), table.err.count("\n")) == ((2, ""), 1)  # one line, stdout empty
