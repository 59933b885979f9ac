"""The check's fast path for files of identifiers changes no report.

``clientbook check`` passes the clean rows of a file of identifier columns without reading
them into records (:mod:`clientbook._files.cleanrows`). These properties check generated files of
such columns twice, with and without the fast path, and compare the reports whole: every
problem, its row, column, code, message and cell, the duplicates' warnings included.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from pathlib import Path
from unittest import mock

from hypothesis import example, given
from hypothesis import strategies as st

from clientbook._files.check import check_records, file_policy
from clientbook._files.cleanrows import FAST_COLUMNS, CleanRows
from clientbook._files.problems import FileReport
from clientbook._files.reading import Layout, Row
from clientbook.identifiers import siren, siret, vat
from clientbook.identifiers._text import luhn_ok
from clientbook.testing.strategies import (
    invalid_sirens,
    invalid_sirets,
    invalid_vat_numbers,
    naf_codes,
    sirens,
    sirets,
    vat_numbers,
)

HEADERS = {
    "id": "Code client",
    "name": "Raison sociale",
    "siren": "SIREN",
    "siret": "SIRET",
    "vat": "N° TVA intracommunautaire",
    "naf": "Code APE",
}
#: A few companies, so that rows agree with each other, and duplicate each other, often.
POOL = ("404833048", "123456782", "302123450", "523456788")
JUNK = st.text(alphabet="0123456789 .FRMCZfr-\u00a0\u0660", max_size=16)
BLANK = st.sampled_from(["", " ", "\u00a0"])
MONACO = st.sampled_from(["FR34000123456", "FR 34 000 123 456"])


def _siret_of(number: str, nic: int) -> str:
    body = f"{number}{nic:04d}"
    return next(body + digit for digit in "0123456789" if luhn_ok(body + digit))


def _printed(module: type | object, number: str) -> st.SearchStrategy[str]:
    """The number as typed: compact, printed, in small letters."""
    formatted = getattr(module, "format")(number)  # noqa: B009 - the module's format()
    return st.sampled_from([number, formatted, formatted.lower(), f" {number} "])


@st.composite
def cells_of(draw: st.DrawFn, field: str) -> str:
    """A cell of *field*: one of the pool's companies, another, mistyped, junk or blank."""
    company = draw(st.sampled_from(POOL) | sirens())
    if field == "id":
        return draw(st.sampled_from(["", "C001", "C002"]) | st.text(max_size=5))
    if field == "name":
        return draw(
            st.sampled_from(["Boulangerie Martin", "Garage Dubois SAS", "Hôtel du Lac"]) | BLANK
        )
    if field == "siren":
        return draw(_printed(siren, company) | BLANK | invalid_sirens() | JUNK)
    if field == "siret":
        own = _siret_of(company, draw(st.integers(1, 3)))
        return draw(_printed(siret, own) | BLANK | sirets() | invalid_sirets() | JUNK)
    if field == "vat":
        own = vat.from_siren(company)
        return draw(
            _printed(vat, own)
            | BLANK
            | MONACO
            | vat_numbers(countries=["FR", "DE", "BE", "EL", "GB"])
            | invalid_vat_numbers()
            | JUNK
        )
    return draw(st.sampled_from(["62.01Z", "6201Z", "10.71C"]) | BLANK | naf_codes() | JUNK)


@st.composite
def identifier_files(draw: st.DrawFn) -> tuple[Layout, list[Row]]:
    """A file of identifier columns in any order, and its rows (some of the wrong width)."""
    fields = draw(st.lists(st.sampled_from(sorted(FAST_COLUMNS)), min_size=1, unique=True))
    headers = tuple(HEADERS[field] for field in fields)
    layout = Layout(
        path=Path("clients.csv"),
        encoding="cp1252",
        delimiter=";",
        header_row=1,
        headers=headers,
        columns={field: index for index, field in enumerate(fields)},
    )
    rows: list[Row] = []
    for number in range(draw(st.integers(1, 12))):
        cells = [draw(cells_of(field)) for field in fields]
        if draw(st.integers(0, 9)) == 0:  # a row cut short, or with an extra cell
            cells = cells[:-1] if draw(st.booleans()) else [*cells, draw(BLANK | JUNK)]
        rows.append((number + 2, cells))
    return layout, rows


def _both_ways(
    layout: Layout, rows: Iterable[Row], *, locale: str, as_of: datetime.date | None = None
) -> tuple[FileReport, FileReport]:
    rows = list(rows)
    fast = check_records(layout, iter(rows), locale=locale, as_of=as_of)
    with mock.patch.object(CleanRows, "for_file", return_value=None):
        full = check_records(layout, iter(rows), locale=locale, as_of=as_of)
    return fast, full


def _file(*rows: list[str]) -> tuple[Layout, list[Row]]:
    """A file of a name, SIREN, SIRET and VAT number column, and these rows."""
    fields = ("name", "siren", "siret", "vat")
    layout = Layout(
        path=Path("clients.csv"),
        encoding="cp1252",
        delimiter=";",
        header_row=1,
        headers=tuple(HEADERS[field] for field in fields),
        columns={field: index for index, field in enumerate(fields)},
    )
    return layout, [(number + 2, cells) for number, cells in enumerate(rows)]


@given(file=identifier_files(), locale=st.sampled_from(["fr", "en"]))
# A blank SIREN: the SIRET's is the company's, and its key, beside a Monaco VAT number.
@example(
    file=_file(
        ["Société des Bains", "", "40483304800014", "FR34000123456"],
        ["Boulangerie Martin", "404833048", "", ""],
    ),
    locale="fr",
)
# A SIREN shared through the SIRET of a row whose SIREN cell is blank: warned on the SIRET.
@example(
    file=_file(
        ["Boulangerie Martin", "", "40483304800014", ""],
        ["Boulangerie Martin SARL", "404833048", "", ""],
    ),
    locale="en",
)
# A company known by its VAT number only shares its SIREN with a row of that SIREN.
@example(
    file=_file(["Boulangerie Martin", "", "", "FR83404833048"], ["Martin", "404833048", "", ""]),
    locale="fr",
)
def test_a_file_of_identifiers_gets_the_same_report_with_and_without_the_fast_path(
    file: tuple[Layout, list[Row]], locale: str
) -> None:
    layout, rows = file
    for as_of in (None, datetime.date(2026, 12, 31), datetime.date(2027, 1, 1)):
        fast, full = _both_ways(layout, rows, locale=locale, as_of=as_of)
        assert fast == full


@given(file=identifier_files())
# Text no database can store, in the name or in a lone surrogate: text.unstorable the full way.
@example(file=_file(["Boulangerie\x00Martin", "404833048", "", ""]))
@example(file=_file(["Boulangerie Martin \ud800", "404833048", "", ""]))
def test_a_row_the_fast_path_passes_has_no_problem_the_full_way(
    file: tuple[Layout, list[Row]],
) -> None:
    layout, rows = file
    _fast, full = _both_ways(layout, rows, locale="fr")
    clean = CleanRows.for_file(layout.columns, file_policy(layout.columns))
    assert clean is not None
    width = len(layout.headers)
    with_problems = {problem.row for problem in full.problems if problem.code != "client.duplicate"}
    for row_number, cells in rows:
        if len(cells) == width and clean.check(cells) is not None:
            assert row_number not in with_problems
