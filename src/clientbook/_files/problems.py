"""The problems of a client file: each placed on its row and cell, with a hint when it helps.

A client file's problems are a record's problems (:func:`~clientbook.validate_client`'s) put
where a spreadsheet user looks for them: :func:`placed` gives each its row, the column of its
field and the cell's text. A cell that a spreadsheet has visibly damaged gets a hint after the
rule's message: a SIREN, SIRET or postal code whose leading zeros were dropped, a number turned
into scientific notation (``4,04833E+13``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from typing import Final

import attrs

from clientbook._base.i18n import N_, translate
from clientbook._files.columns import COLUMN_FIELDS
from clientbook._files.reading import Layout
from clientbook._files.unused import unused_indexes
from clientbook._records.problem import Problem
from clientbook.identifiers import siren, siret

__all__ = ["ROW_KEYS", "FileProblem", "FileReport", "placed", "without_column"]

#: The keys of each row of :meth:`FileReport.as_rows`, in their order.
ROW_KEYS: Final = ("row", "column", "field", "code", "value", "severity", "message")

_LEADING_ZEROS = N_(
    "The spreadsheet has probably dropped its leading zeros: format the column as text and "
    "type the number again."
)
_SCIENTIFIC_NOTATION = N_(
    "The spreadsheet has turned the number into a number in scientific notation: "
    "format the column as text, type the number again and export once more."
)
_SCIENTIFIC = re.compile(r"\d(?:[.,]\d+)?[eE]\+?\d+")
#: The numbers a spreadsheet damages, by record field: their module and number of digits.
_NUMBERS: Final = {"siren": (siren, 9), "siret": (siret, 14)}
_POSTAL_CODES = frozenset(("address.postal_code", "billing_address.postal_code"))


@attrs.frozen(kw_only=True)
class FileProblem(Problem):
    """A problem found in a client file, with the place a spreadsheet user looks for it.

    Attributes:
        row: the row number as a spreadsheet shows it (the first line of the file is 1).
        column: the header of the column as in the file; ``None`` for a whole row.
        value: the cell at fault, as in the file (``""`` for a whole row).
    """

    row: int
    column: str | None
    value: str = ""


@attrs.frozen(kw_only=True)
class FileReport:
    """What checking a client file found.

    Attributes:
        layout: how the file was read: encoding, delimiter, header, recognised columns.
        rows: the number of data rows read (blank rows are not counted).
        problems: every problem, in the order of the file.
    """

    layout: Layout
    rows: int
    problems: tuple[FileProblem, ...]

    @property
    def errors(self) -> int:
        """Return the number of problems of severity ``"error"``."""
        return sum(problem.severity == "error" for problem in self.problems)

    @property
    def warnings(self) -> int:
        """Return the number of problems of severity ``"warning"``."""
        return sum(problem.severity == "warning" for problem in self.problems)

    @property
    def rows_with_errors(self) -> int:
        """Return the number of rows that have at least one error."""
        return len({problem.row for problem in self.problems if problem.severity == "error"})

    def counts_by_code(self) -> dict[str, int]:
        """Return ``{code: number of problems}``, codes in alphabetical order."""
        return dict(sorted(Counter(problem.code for problem in self.problems).items()))

    def as_rows(self) -> list[dict[str, object]]:
        """Return the problems as plain rows, one dict each, for a table or a data frame.

        Each row has the keys ``row``, ``column``, ``field``, ``code``, ``value``, ``severity``
        and ``message``, in that order; ``column`` is ``None`` for a whole row's problem.
        ``pandas.DataFrame(report.as_rows())`` makes a table of them; give it
        ``columns=[...]`` with these keys too, so that a report without problems is an empty
        table of these columns rather than a table of none.
        """
        return [
            {
                "row": problem.row,
                "column": problem.column,
                "field": problem.field,
                "code": problem.code,
                "value": problem.value,
                "severity": problem.severity,
                "message": problem.message,
            }
            for problem in self.problems
        ]

    def unused_columns(self) -> list[str]:
        """Return the headers of the columns that no field uses, as in the file, in its order.

        Their cells are not read; a header that looks like an identifier or an address is also
        a warning (``file.column_unused``). Columns without a header are not listed.
        """
        headers = self.layout.headers
        return [headers[index] for index in unused_indexes(headers, self.layout.columns)]

    def columns(self) -> dict[str, str]:
        """Return ``{field: header as in the file}`` of the recognised columns."""
        return {field: self.layout.headers[index] for field, index in self.layout.columns.items()}


def placed(
    problem: Problem,
    *,
    row_number: int,
    fields: Mapping[str, int],
    headers: tuple[str, ...],
    cells: list[str],
    language: str,
) -> tuple[int, FileProblem]:
    """Return a problem of a row's record placed in the file, and the index of its column.

    Args:
        problem: the problem, as the record's rules found it.
        row_number: the row's number as a spreadsheet shows it.
        fields: ``{record field: column index}`` of the row's record.
        headers: the header cells of the file.
        cells: the row's cells, as many as the headers.
        language: the language of the messages, ``"fr"`` or ``"en"``.

    Returns:
        The column index (the number of columns for a problem of no column, placed after
        the row's others) and the problem with its row, column and cell, a hint added to its
        message when the cell shows a spreadsheet's damage.
    """
    at = fields.get(problem.field)
    if at is None:
        return len(headers), _in_file(problem, row_number, None, "", problem.message)
    value = cells[at]
    message = problem.message
    hint = _hint(problem, value)
    if hint is not None:
        message = f"{message} {translate(hint, language)}"
    return at, _in_file(problem, row_number, headers[at], value, message)


def _in_file(
    problem: Problem, row_number: int, column: str | None, value: str, message: str
) -> FileProblem:
    return FileProblem(
        row=row_number,
        column=column,
        field=problem.field,
        code=problem.code,
        message=message,
        severity=problem.severity,
        value=value,
    )


def _hint(problem: Problem, value: str) -> str | None:
    """Return a hint when a spreadsheet has visibly damaged the cell at fault, else ``None``."""
    field, code = problem.field, problem.code
    if code == "address.postal_code.format" and field in _POSTAL_CODES:
        text = value.strip()
        return _LEADING_ZEROS if len(text) == 4 and text.isdigit() else None
    number = _NUMBERS.get(field)
    if number is None or not code.startswith(f"{field}.") or code == "siren.required":
        return None  # only a SIREN or SIRET that is not valid can be a damaged number
    text = value.strip()
    if _SCIENTIFIC.fullmatch(text):
        return _SCIENTIFIC_NOTATION
    module, length = number
    digits = module.compact(text)
    missing = length - len(digits)
    if digits.isascii() and digits.isdigit() and 0 < missing <= 2:
        return _LEADING_ZEROS if module.is_valid("0" * missing + digits) else None
    return None


def without_column(problem: Problem, fields: Mapping[str, int]) -> bool:
    """Return whether *problem* requires a field that the file has no column for.

    A file without a postal-code column cannot give one: the address rules' requirement
    (``address.postal_code.required``) is then reported with ``--strict`` only, as the
    policy's requirements are (see :func:`clientbook._files.check.file_policy`).
    """
    return (
        problem.code.endswith(".required")
        and problem.field in COLUMN_FIELDS
        and problem.field not in fields
    )
