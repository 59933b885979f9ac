"""The table of problems is printed as it goes: rich's own table, in the memory of a few rows.

The command measured its table with ``rich.table.Table``, which renders every row before it
writes the first: 8 KB and 0.57 ms a problem, 28 s and 423 MB for 50,000 problems. It now
measures the columns in one pass over the report and writes the rows a chunk at a time; the
output is the same, byte for byte, as rich's table (on a terminal, in colour, in a pipe).
"""

from __future__ import annotations

import io
import os
import re
import sys
import tracemalloc
from collections.abc import Iterator, Sequence
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from clientbook._cli.output import print_report
from clientbook._cli.tables import print_table
from clientbook._files.problems import FileProblem, FileReport
from clientbook._files.reading import Layout

TITLES = ("Ligne", "Colonne", "Valeur", "Gravité", "Problème")
MESSAGES = [
    "Les chiffres de contrôle ne correspondent pas : un chiffre est probablement mal saisi.",
    (
        "Un code postal français compte 5 chiffres, par exemple 75008 ou 97110. Le tableur a "
        "probablement supprimé les zéros de tête : mettez la colonne au format Texte et "
        "saisissez de nouveau le numéro."
    ),
    (
        "Cette adresse e-mail n'est pas valide : elle doit avoir la forme "
        "claire.dubois@boulangerie-martin.fr."
    ),
    "",
    "   ",
    "Boulangerie-Pâtisserie  Lemaire EURL",
    "株式会社 東京 パン屋さん 🥐🥖 Café Crème",
    "e\u0301 a\u0300 combinés",
]
# Printable text: what the rows of a table hold once escaping.printable has shown the rest.
CELLS = st.one_of(
    st.sampled_from(MESSAGES),
    st.text(
        st.one_of(
            st.sampled_from([" ", " ", "a", "é", "漢", "🥐", "…", "-", "\u0301", "\u00a0"]),
            st.characters(exclude_categories=("Cc", "Cf", "Cs", "Zl", "Zp")),
        ),
        max_size=90,
    ),
)


class _Stream(io.StringIO):
    """stdout as the command sees it: a terminal or not, in some encoding."""

    def __init__(self, *, terminal: bool, encoding: str) -> None:
        super().__init__()
        self._terminal = terminal
        self._encoding = encoding

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding

    def isatty(self) -> bool:
        return self._terminal


class _Sink(_Stream):
    """stdout that keeps nothing: what the table holds, not what it printed, is measured."""

    def write(self, text: str) -> int:
        return len(text)


def rich_table(
    lines: Sequence[str],
    titles: Sequence[str],
    rows: Sequence[tuple[Sequence[str], str | None]],
    after: Sequence[str],
    stream: _Stream,
    *,
    right: int | None,
    no_wrap: int,
) -> None:
    """Print the table as the command did before it was streamed: with rich's ``Table``."""
    width = None if stream.isatty() else 120
    console = Console(file=stream, width=width, markup=False, emoji=False, highlight=False)
    unicode = stream.encoding.lower().replace("-", "").startswith("utf")
    for line in lines:
        console.print(Text(line), soft_wrap=True)
    if rows:
        table = Table(*titles, header_style="bold", box=box.ROUNDED if unicode else box.ASCII)
        if right is not None:
            table.columns[right].justify = "right"
        table.columns[no_wrap].no_wrap = True
        for cells, style in rows:
            table.add_row(*(Text(cell) for cell in cells), style=style)
        console.print(table)
    for line in after:
        console.print(Text(line, style="bold"), soft_wrap=True)


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[str], list[tuple[list[str], str | None]], int | None]:
    """Return titles, rows of cells with their styles, and the right-justified column."""
    count = draw(st.integers(min_value=1, max_value=5))
    titles = draw(st.lists(st.sampled_from(TITLES) | CELLS, min_size=count, max_size=count))
    styles = st.sampled_from([None, "red", "yellow", "dim"])
    rows = draw(st.lists(st.tuples(st.lists(CELLS, min_size=count, max_size=count), styles)))
    right = draw(st.none() | st.integers(min_value=0, max_value=count - 1))
    return titles, rows, right


@given(
    table=tables(),
    no_wrap=st.integers(min_value=0, max_value=4),
    terminal=st.sampled_from([None, "xterm-256color", "xterm", "NO_COLOR"]),
    columns=st.integers(min_value=1, max_value=220),
    encoding=st.sampled_from(["utf-8", "cp1252"]),
)
def test_the_streamed_table_is_rich_s_table_byte_for_byte(
    table: tuple[list[str], list[tuple[list[str], str | None]], int | None],
    no_wrap: int,
    terminal: str | None,
    columns: int,
    encoding: str,
) -> None:
    titles, rows, right = table
    no_wrap = min(no_wrap, len(titles) - 1)
    environment = {"TERM": terminal or "xterm", "COLUMNS": str(columns)}
    if terminal == "NO_COLOR":
        environment.update(TERM="xterm", NO_COLOR="1")
    streamed = _Stream(terminal=terminal is not None, encoding=encoding)
    expected = _Stream(terminal=terminal is not None, encoding=encoding)
    lines, after = ["clients.csv : UTF-8"], ["Lignes lues : 3"]
    with mock.patch.dict(os.environ, environment):
        os.environ.pop("FORCE_COLOR", None)
        if terminal != "NO_COLOR":
            os.environ.pop("NO_COLOR", None)
        print_table(
            lines, titles, lambda: iter(rows), after, streamed, right=right, no_wrap=no_wrap
        )
        rich_table(lines, titles, rows, after, expected, right=right, no_wrap=no_wrap)
    assert streamed.getvalue() == expected.getvalue()


def report_of(count: int) -> FileReport:
    """Return a report of *count* problems, each its own message (nothing to cache)."""
    layout = Layout(
        path=Path("clients.csv"),
        encoding="cp1252",
        delimiter=";",
        header_row=1,
        headers=("Raison sociale", "SIREN"),
        columns={"name": 0, "siren": 1},
    )
    problems = tuple(
        FileProblem(
            code="client.duplicate",
            message=(
                f"Cette ligne décrit probablement le même client que la ligne {row + 1} : même "
                f"SIREN (404 833 048). Vérifiez s'il a été saisi deux fois."
            ),
            severity="warning",
            field="siren",
            row=row,
            column="SIREN",
            value=f"404 833 048 {row}",
        )
        for row in range(2, count + 2)
    )
    return FileReport(layout=layout, rows=count, problems=problems)


def peak_memory_of_printing(report: FileReport, *, terminal: bool) -> int:
    tracemalloc.start()
    try:
        print_report(report, "fr", _Sink(terminal=terminal, encoding="utf-8"))
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("where", ["pipe", "terminal", "without rich"])
def test_printing_the_table_holds_a_few_rows_however_many_problems_the_report_has(
    monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    if where == "without rich":
        monkeypatch.setitem(sys.modules, "rich", None)
    terminal = where == "terminal"
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("NO_COLOR", raising=False)
    # Enough problems that rich's cache of cell widths (4,096 texts) is full with the small one.
    small, large = report_of(2_500), report_of(7_500)
    peak_memory_of_printing(small, terminal=terminal)  # rich imported
    small_peak = peak_memory_of_printing(small, terminal=terminal)
    large_peak = peak_memory_of_printing(large, terminal=terminal)
    # rich's table held 8 KB a problem: 40 MB for the 5,000 problems more.
    assert large_peak < small_peak + 200_000, (small_peak, large_peak)


class _Watched(_Stream):
    """stdout that notes how much of the table it had received when each row was given."""

    def __init__(self, *, terminal: bool) -> None:
        super().__init__(terminal=terminal, encoding="utf-8")
        self.received_when_given: list[str] = []


@pytest.mark.parametrize("where", ["pipe", "terminal", "without rich"])
def test_the_first_rows_of_a_long_table_are_printed_before_its_last_row_is_given(
    monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    if where == "without rich":
        monkeypatch.setitem(sys.modules, "rich", None)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLUMNS", "100")
    stream = _Watched(terminal=where == "terminal")
    count = 1_000

    def rows() -> Iterator[tuple[list[str], str | None]]:
        for row in range(2, count + 2):
            stream.received_when_given.append(stream.getvalue())
            yield [str(row), "Code postal", f"{row:05d}", "erreur", MESSAGES[1]], "red"

    print_table(["clients.csv"], TITLES, rows, ["Lignes lues : 1000"], stream, right=0, no_wrap=3)
    # The rows are given twice: once to measure the columns, once to print them.
    assert len(stream.received_when_given) == 2 * count
    when_last_given = re.sub(r"\x1b\[[0-9;]*m", "", stream.received_when_given[-1])  # colours
    assert " 2 " in when_last_given
    assert f" {count // 2} " in when_last_given
    assert "Lignes lues" not in when_last_given
    assert "Lignes lues" in stream.getvalue()
