"""What the commands print for people shows the control characters of a file, never obeys them.

A cell, a header or a file name can hold what a terminal obeys: ESC sequences that clear the
screen (``\\x1b[2J``), set the window's title (``\\x1b]0;...\\x07``), make a hidden link (OSC 8),
a bell, or the bidirectional controls that show text backwards (U+202E). Printed raw, a client
file could rewrite what its reader sees. The tables, the lines around them and every message
on stderr show them as escapes; line breaks inside a cell as ``↵``.
"""

from __future__ import annotations

import io
import re
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.cli.clientfiles import FRENCH_HEADERS, client, run, write_client_file

from clientbook._cli.escaping import printable
from clientbook._cli.output import fail, print_report
from clientbook._files.problems import FileProblem, FileReport
from clientbook._files.reading import Layout

#: Unicode categories of what must never reach a terminal raw: controls, format characters,
#: lone surrogates, line and paragraph separators.
HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
CLEAR_SCREEN = "\x1b[2J\x1b[H"
WINDOW_TITLE = "\x1b]0;Facture payée\x07"
HIDDEN_LINK = "\x1b]8;;https://paiement.example\x1b\\Payer ici\x1b]8;;\x1b\\"
BACKWARDS = "\u202eFDP.exe"
C1_CSI = "\x9b2J"
HOSTILE = [CLEAR_SCREEN, WINDOW_TITLE, HIDDEN_LINK, BACKWARDS, C1_CSI, "\x07", "\x00", "\x7f"]
#: The sequences rich writes itself for colours and bold: the only ESC allowed on a terminal.
RICH_STYLES = re.compile(r"\x1b\[[0-9;]*m")


class _Terminal(io.StringIO):
    """A text stream that says it is a terminal."""

    encoding = "utf-8"

    def isatty(self) -> bool:
        return True


def hidden(text: str) -> list[str]:
    """Return the characters of *text* a terminal obeys or hides, line feeds aside."""
    return [
        character
        for character in text
        if character != "\n" and unicodedata.category(character) in HIDDEN_CATEGORIES
    ]


def hostile_file(tmp_path: Path) -> Path:
    """Return a client file whose cells and one header carry terminal sequences."""
    headers = [*FRENCH_HEADERS[:-1], "Ville" + WINDOW_TITLE]
    rows = [
        client(name="Boulangerie Martin" + CLEAR_SCREEN, siret="4048330480001" + CLEAR_SCREEN),
        client(name="Fleurs" + BACKWARDS, vat="FR83" + BACKWARDS, postcode="6900" + C1_CSI),
        client(name="Garage Dubois" + WINDOW_TITLE, siren="40483304" + HIDDEN_LINK),
    ]
    return write_client_file(tmp_path, rows, headers=headers, encoding="utf-8")


def check_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = hostile_file(tmp_path)
    result = run(capsys, "check", path, "--column", "city=Ville" + WINDOW_TITLE)
    assert result.status == 1
    assert result.err == ""
    return result.out


def assert_shown_escaped(out: str) -> None:
    assert hidden(out) == []
    for escaped in (r"\x1b[2J\x1b[H", r"\x1b]0;Facture payée\x07", r"\x9b2J", r"\u202e"):
        assert escaped in out


def test_printable_escapes_every_control_format_and_surrogate_character_of_unicode() -> None:
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    shown = printable(every)
    assert hidden(shown) == []
    # The rest is left as it is (characters unassigned in this Python's Unicode data aside:
    # the list also holds the format characters of later versions).
    kept = "".join(c for c in every if unicodedata.category(c) not in HIDDEN_CATEGORIES | {"Cn"})
    assert printable(kept) == kept


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Boulangerie Martin", "Boulangerie Martin"),
        ("Martin\x1b[2J", r"Martin\x1b[2J"),
        ("a\tb", r"a\tb"),
        ("\x07\x00\x7f\x9b", r"\x07\x00\x7f\x9b"),
        ("Fleurs\u202eCamille\u2066", r"Fleurs\u202eCamille\u2066"),
        ("soft\xadhyphen\u200b", r"soft\xadhyphen\u200b"),
        ("\ud800", r"\ud800"),
        ("\U000e0041", r"\U000e0041"),
        ("12 rue de la Paix\r\nBâtiment B\nEscalier C\rPorte 4\u2028fin", None),
    ],
)
def test_printable_shows_what_a_terminal_would_obey(text: str, shown: str | None) -> None:
    expected = "12 rue de la Paix↵Bâtiment B↵Escalier C↵Porte 4↵fin" if shown is None else shown
    assert printable(text) == expected


def test_cells_and_headers_are_shown_escaped_in_a_pipe(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = check_table(tmp_path, capsys)
    assert_shown_escaped(out)
    assert "Colonnes reconnues : " in out
    assert r"ville « Ville\x1b]0;Facture payée\x07 »" in out


def test_a_line_break_in_a_cell_is_shown_as_a_return_sign(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_client_file(tmp_path, [client(postcode="690\n03")], encoding="utf-8")
    assert "│ 690↵03 " in run(capsys, "check", path).out
    monkeypatch.setitem(sys.modules, "rich", None)  # the plain table too
    assert "  690↵03  " in run(capsys, "check", path).out


def test_rich_markup_in_a_cell_is_printed_as_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_client_file(tmp_path, [client(postcode="[bold red]69[/]", city="[link=x]L[/]")])
    assert "[bold red]69[/]" in run(capsys, "check", path).out


def test_without_rich_the_plain_table_shows_them_escaped_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "rich", None)
    assert_shown_escaped(check_table(tmp_path, capsys))


@pytest.mark.parametrize("colours", [False, True])
def test_cells_and_headers_are_shown_escaped_on_a_terminal(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    colours: bool,
) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLUMNS", "200")
    if colours:
        monkeypatch.delenv("NO_COLOR", raising=False)
    else:
        monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    monkeypatch.setattr(sys, "stderr", terminal)
    check_table(tmp_path, capsys)
    out = terminal.getvalue()
    assert ("\x1b[31m" in out) is colours  # rich's own colours, on a terminal that has them
    assert_shown_escaped(RICH_STYLES.sub("", out))


def test_a_progress_bar_shows_the_file_name_escaped_and_never_as_markup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr("clientbook._cli.output.PROGRESS_THRESHOLD", 10)
    name = "[red]clients[bold]" + WINDOW_TITLE + ".csv"
    path = write_client_file(tmp_path, [client()] * 20, name=name)
    assert run(capsys, "check", path, "--format", "json").status == 0
    bar = terminal.getvalue()
    assert r"[red]clients[bold]\x1b]0;Facture payée\x07.csv" in bar
    assert WINDOW_TITLE not in bar


def test_a_message_on_stderr_shows_the_file_name_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run(capsys, "check", tmp_path / ("absent" + CLEAR_SCREEN + BACKWARDS + ".csv"))
    assert result.status == 2
    assert result.err.count("\n") == 1
    assert hidden(result.err) == []
    assert r"absent\x1b[2J\x1b[H\u202eFDP.exe.csv" in result.err


def test_a_message_on_stderr_shows_the_headers_it_quotes_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    headers = ["Désignation" + WINDOW_TITLE, "Quantité\nPrix"]
    path = write_client_file(tmp_path, [["Pain", "3"]], headers=headers, encoding="utf-8")
    result = run(capsys, "check", path)
    assert result.status == 2
    assert result.err.count("\n") == 1
    assert hidden(result.err) == []
    assert r"Désignation\x1b]0;Facture payée\x07" in result.err


@pytest.mark.parametrize(
    "arguments",
    [
        ["check", "clients.csv", "--format", CLEAR_SCREEN],
        ["check", "clients.csv", "--column", "siret" + WINDOW_TITLE],
        ["check", "clients.csv", "--column", "city" + WINDOW_TITLE + "=Ville"],
        ["check", "clients.csv", "--locale", BACKWARDS],
        ["check", "clients.csv", "--tout" + CLEAR_SCREEN],
        ["search", "boul", "--limit", HIDDEN_LINK],
        [CLEAR_SCREEN + "verify"],
    ],
)
def test_a_usage_error_shows_the_argument_it_quotes_escaped(
    capsys: pytest.CaptureFixture[str], arguments: list[str]
) -> None:
    result = run(capsys, *arguments)
    assert result.status == 2
    assert hidden(result.err) == []
    assert "\\x1b" in result.err or "\\u202e" in result.err


def test_the_search_table_shows_stored_names_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_client_file(tmp_path, [client(name="Fleurs" + BACKWARDS)], encoding="utf-8")
    db = tmp_path / "clients.sqlite"
    assert run(capsys, "import", path, "--db", db).status == 0
    result = run(capsys, "search", "fleurs", "--db", db)
    assert result.status == 0
    assert hidden(result.out) == []
    assert r"Fleurs\u202eFDP.exe" in result.out
    typed = run(capsys, "search", "zz" + CLEAR_SCREEN, "--db", db)
    assert hidden(typed.out) == []
    assert r"« zz\x1b[2J\x1b[H »" in typed.out


def test_what_an_import_stored_shows_the_account_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = hostile_file(tmp_path)
    db = tmp_path / "clients.sqlite"
    result = run(capsys, "import", path, "--db", db, "--tenant", "compta" + CLEAR_SCREEN)
    assert hidden(result.out) == []
    assert r"(compte compta\x1b[2J\x1b[H)" in result.out.splitlines()[-1]


def test_a_failure_message_is_one_line_whatever_it_quotes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    fail("Le fichier clients\r\n" + WINDOW_TITLE + ".csv est introuvable.", "fr")
    err = capsys.readouterr().err
    assert err == (
        r"clientbook : erreur : Le fichier clients↵\x1b]0;Facture payée\x07.csv est introuvable."
        "\n"
    )


# Any text, controls and format characters most often.
ANY_TEXT = st.text(
    st.one_of(
        st.sampled_from(["\x1b", "\x07", "\x9b", "\u202e", "\u2066", "\n", "\r", "\t", "["]),
        st.characters(codec="utf-8"),
        st.characters(),
    ),
    max_size=60,
)


@given(
    path=ANY_TEXT.filter(lambda text: "\x00" not in text),
    column=st.none() | ANY_TEXT,
    value=ANY_TEXT,
    message=ANY_TEXT,
    header=ANY_TEXT,
    rich_installed=st.booleans(),
    terminal=st.booleans(),
)
def test_no_control_character_of_a_report_reaches_the_table_raw(
    path: str,
    column: str | None,
    value: str,
    message: str,
    header: str,
    rich_installed: bool,
    terminal: bool,
) -> None:
    layout = Layout(
        path=Path(path or "clients.csv"),
        encoding="utf-8",
        delimiter=";",
        header_row=1,
        headers=(header, "SIREN"),
        columns={"city": 0, "siren": 1},
    )
    problem = FileProblem(
        code="address.city.unknown",
        message=message,
        field="address.city",
        row=2,
        column=column,
        value=value,
    )
    report = FileReport(layout=layout, rows=1, problems=(problem, problem))
    stream = _Terminal() if terminal else io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TERM", "dumb")
        if not rich_installed:
            patch.setitem(sys.modules, "rich", None)
        print_report(report, "fr", stream, after=(message,))
    assert hidden(stream.getvalue()) == []


@given(message=ANY_TEXT)
def test_no_control_character_of_a_failure_reaches_stderr_raw(message: str) -> None:
    stream = io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "stderr", stream)
        fail(message, "en")
    err = stream.getvalue()
    assert hidden(err) == []
    assert err.count("\n") == 1
    assert err.endswith("\n")
