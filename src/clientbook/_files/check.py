"""Checking the identifiers of a client file, row by row: the rule behind ``clientbook check``.

Every SIREN, SIRET, VAT number and APE/NAF code of the file is checked with
:mod:`clientbook.identifiers` (the fast ``is_valid`` first; ``validate`` only to learn what is
wrong). Within a row, the SIRET must start with the row's SIREN, and a French VAT number must
contain it (a Monaco company's VAT number contains no SIREN). An empty cell is no problem here:
whether a client must have a SIREN is another rule. Every problem is reported, not the first.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Final

import attrs

from clientbook._base.i18n import N_, normalize_locale, translate
from clientbook._files.cleanrows import CleanRows
from clientbook._files.duplicates import DuplicateRows, grouped
from clientbook._files.headers import IDENTIFIER_FIELDS
from clientbook._files.reading import Layout, MalformedFile, Record
from clientbook._files.reading import open_client_file as _open_client_file
from clientbook._files.rows import (
    COLUMN_FIELDS,
    RECORD_FIELDS,
    RowClient,
    RowColumns,
    client_from_row,
)
from clientbook._records.client import ClientKind
from clientbook._records.problem import Problem
from clientbook._rules.policy import Policy
from clientbook._rules.validation import validate_client
from clientbook.identifiers import IdentifierModule, InvalidIdentifier, naf, siren, siret, vat

__all__ = [
    "FileProblem",
    "FileReport",
    "RowChecker",
    "check_file",
    "check_records",
    "file_policy",
]

_MODULES: Final[Mapping[str, IdentifierModule]] = {
    "siren": siren,
    "siret": siret,
    "vat": vat,
    "naf": naf,
}
_WHAT: Final = {
    "siren": N_("the SIREN"),
    "siret": N_("the SIRET"),
    "vat": N_("the VAT number"),
    "naf": N_("the APE code"),
}
_EXPECTED_DIGITS: Final = {"siren": 9, "siret": 14}
_LEADING_ZEROS = N_(
    "The spreadsheet has probably dropped its leading zeros: format the column as text and "
    "type the number again."
)
_SCIENTIFIC = re.compile(r"\d(?:[.,]\d+)?[eE]\+?\d+")
_PROGRESS_EVERY = 2048  # rows; a power of two
#: The column of each record field that the identifier checks report on.
_COLUMN_OF: Final = {RECORD_FIELDS[field]: field for field in IDENTIFIER_FIELDS}


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

    def columns(self) -> dict[str, str]:
        """Return ``{field: header as in the file}`` of the recognised columns."""
        return {field: self.layout.headers[index] for field, index in self.layout.columns.items()}


def check_file(
    path: str | Path,
    *,
    column_overrides: Mapping[str, str] | None = None,
    locale: str = "fr",
    strict: bool = False,
) -> FileReport:
    """Check every row of the client file at *path*: its identifiers and its whole record.

    Args:
        path: a CSV file (see :mod:`clientbook.files` for what is understood).
        column_overrides: ``{column: header}`` for columns whose header is not recognised.
        locale: the language of the messages, ``"fr"`` or ``"en"``.
        strict: require what the default :class:`~clientbook.Policy` requires, whatever
            columns the file has (see ``file_policy``).

    Returns:
        The report: rows read, problems, and how the file was read.

    Raises:
        ClientFileError: the file cannot be read at all.
    """
    with _open_client_file(path, column_overrides=column_overrides) as (layout, records):
        return check_records(layout, records, locale=locale, strict=strict)


def file_policy(columns: Iterable[str], *, strict: bool = False) -> Policy:
    """Return the policy the rows of a file with these *columns* are checked with.

    The default :class:`~clientbook.Policy` asks for fields that a file may have no column
    for at all: a file without contact columns would have an error on every row. So only
    what the file has a column for is required: the company name, an individual's last name
    (the name or last-name column), the primary contact's first name, last name, e-mail and
    direct phone, and the SIREN of a company in France when the file has a SIREN or SIRET
    column. With *strict*, the default policy applies whole.

    Args:
        columns: the names of the file's recognised columns (``name``, ``email``...).
        strict: apply ``Policy()`` as it is.
    """
    default = Policy()
    if strict:
        return default
    present = set(columns)
    return Policy(
        required_company_fields=default.required_company_fields & present,
        required_individual_fields=(
            default.required_individual_fields if present & {"name", "last_name"} else ()
        ),
        required_contact_fields=default.required_contact_fields & present,
        require_siren_in_france=bool(present & {"siren", "siret"}),
    )


def check_records(
    layout: Layout,
    records: Iterable[Record],
    *,
    locale: str = "fr",
    strict: bool = False,
    on_progress: Callable[[int], None] | None = None,
) -> FileReport:
    """Check the rows of *records*, read from a file of this *layout*.

    Each row is checked by a :class:`RowChecker`; when all are read, the rows that describe
    the same client get their warnings.

    Args:
        layout: the file's layout, from :func:`clientbook._files.reading.open_client_file`.
        records: the data rows, with their row numbers.
        locale: the language of the messages, ``"fr"`` or ``"en"``.
        strict: apply the default :class:`~clientbook.Policy` whole (see :func:`file_policy`).
        on_progress: called now and then with the row number reached, to show progress.

    Returns:
        The report. A file that stops being readable CSV ends with a ``file.malformed`` error
        at the row where reading stopped; the rows before it are checked.
    """
    checker = RowChecker(layout, locale=locale, strict=strict)
    try:
        for row_number, cells in records:
            checker.verify(row_number, cells)
            if on_progress is not None and not checker.rows % _PROGRESS_EVERY:
                on_progress(row_number)
    except MalformedFile as error:
        checker.stopped(error)
    return checker.report()


class RowChecker:
    """Checks the rows of one client file, one at a time; the report once they are all read.

    Each row is checked twice over: its whole record, read by
    :func:`clientbook._files.rows.client_from_row` and checked by
    :func:`~clientbook.validate_client` under :func:`file_policy`, and its identifier cells,
    with the hints that spreadsheets' damage deserves. :meth:`report` then looks for the rows
    that describe the same client (:func:`~clientbook.find_duplicates`): each gets a warning
    naming the others.

    Args:
        layout: the file's layout, from :func:`clientbook._files.reading.open_client_file`.
        locale: the language of the messages, ``"fr"`` or ``"en"``.
        strict: apply the default :class:`~clientbook.Policy` whole (see :func:`file_policy`).

    Attributes:
        layout: the file's layout.
        language: the language of the messages.
        policy: the policy the records are checked with.
        rows: the number of rows checked so far.
        problems: the problems found so far, in the order of the file.
    """

    def __init__(self, layout: Layout, *, locale: str = "fr", strict: bool = False) -> None:
        self.layout = layout
        self.language = normalize_locale(locale)
        self.strict = strict
        self.policy = file_policy(layout.columns, strict=strict)
        self.rows = 0
        self.problems = _ambiguous_columns(layout, self.language)
        self._columns = RowColumns(layout.columns, layout.headers, locale=self.language)
        self._checks = [
            (field, index, layout.headers[index], _MODULES[field].is_valid)
            for field, index in layout.columns.items()
            if field in IDENTIFIER_FIELDS
        ]
        self._seen = DuplicateRows(self._columns)
        self._siren_at = layout.columns.get("siren")
        self._clean = None if strict else CleanRows.for_file(layout.columns, self.policy)

    def verify(self, row_number: int, cells: list[str]) -> bool:
        """Check one row as :meth:`check` does; return whether it has an error.

        A row of a file of identifiers that :class:`~clientbook._files.cleanrows.CleanRows` passes
        as clean is not read into a record: it has no problem.
        """
        if self._clean is None:
            return self.check(row_number, cells)[1]
        self.rows += 1
        width = len(self.layout.headers)
        if len(cells) != width:
            cells = _fit_width(cells, width, row_number, self.problems, self.language)
        clean = self._clean.check(cells)
        if clean is None:
            return self._check(row_number, cells)[1]
        keys, siren_, siret_, vat_ = clean
        self._seen.add_company(row_number, keys, siren=siren_, siret=siret_, vat_number=vat_)
        return False

    def check(self, row_number: int, cells: list[str]) -> tuple[RowClient, bool]:
        """Check one row; return its record and whether it has an error.

        Args:
            row_number: the row's number as a spreadsheet shows it.
            cells: its cells, as the file has them (a row of the wrong width is warned about
                and checked as far as it goes).
        """
        self.rows += 1
        width = len(self.layout.headers)
        if len(cells) != width:
            cells = _fit_width(cells, width, row_number, self.problems, self.language)
        return self._check(row_number, cells)

    def _check(self, row_number: int, cells: list[str]) -> tuple[RowClient, bool]:
        """Check one row of the header's width: its record, then its identifier cells."""
        language, headers = self.language, self.layout.headers
        width = len(headers)
        read = client_from_row(cells, self._columns)
        record_problems = validate_client(read.client, policy=self.policy, locale=language)
        found: list[tuple[int, FileProblem]] = []
        # A company's identifiers are checked by validate_client too: when it finds nothing
        # wrong with them, the cells' own checks would find nothing either (is_valid and
        # validate agree, and so do the mismatches). Otherwise the cells' checks report them,
        # with the hints that spreadsheets' damage deserves.
        identifiers_wrong = read.client.kind is not ClientKind.COMPANY
        for problem in (*read.problems, *record_problems):
            if _reported_above(problem):
                identifiers_wrong = True
                continue
            if not self.strict and _without_column(problem, read.fields):
                continue
            at = read.fields.get(problem.field)
            found.append(
                (width, _record_problem(problem, row_number, None, "", language))
                if at is None
                else (
                    at,
                    _record_problem(problem, row_number, headers[at], cells[at], language),
                )
            )
        if identifiers_wrong and self._checks:
            found[:0] = _identifier_problems(cells, self._checks, row_number, self.layout, language)
        wrong = False
        if found:
            found.sort(key=_first)
            self.problems += [problem for _index, problem in found]
            wrong = any(problem.severity == "error" for _index, problem in found)
        at = self._siren_at
        self._seen.add(row_number, read, siren=None if at is None else cells[at])
        return read, wrong

    def stopped(self, error: MalformedFile) -> None:
        """Record that the file stops being readable CSV where *error* says."""
        self.problems.append(
            FileProblem(
                row=error.row,
                column=None,
                field="file",
                code=error.code,
                message=error.message(self.language),
            )
        )

    def fields(self, position: int) -> Mapping[str, int]:
        """Return ``{record field: column index}`` of the *position*-th row checked (from 0)."""
        return self._seen.fields(position)

    def row_number(self, position: int) -> int:
        """Return the row number of the *position*-th row checked (from 0)."""
        return self._seen.row_number(position)

    def report(self, *extra: FileProblem) -> FileReport:
        """Return the report of the rows checked, with the duplicates' warnings and *extra*.

        Call it once, when every row is checked: the small records kept for the duplicates
        are let go.
        """
        added = [*self._seen.warnings(self.layout.headers, self.language), *extra]
        problems = sorted([*self.problems, *added], key=_row) if added else self.problems
        return FileReport(layout=self.layout, rows=self.rows, problems=tuple(problems))


#: An identifier check of a row: the column's field, index, header, and ``is_valid``.
_Check = tuple[str, int, str, Callable[[str], bool]]


def _identifier_problems(
    cells: list[str], checks: list[_Check], row_number: int, layout: Layout, language: str
) -> list[tuple[int, FileProblem]]:
    """Return the problems of the row's identifier cells and of their agreement, by column."""
    found: list[tuple[int, FileProblem]] = []
    valid: dict[str, str] = {}
    for field, index, header, is_valid in checks:
        cell = cells[index]
        if not cell:
            continue
        if is_valid(cell):
            valid[field] = cell
        elif not cell.isspace():
            found.append((index, _invalid(field, cell, row_number, header, language)))
    if len(valid) > 1:
        siren_index = layout.columns.get("siren")
        no_siren = siren_index is None or not cells[siren_index].strip()
        found += [
            (layout.columns[_COLUMN_OF[problem.field]], problem)
            for problem in _siren_mismatches(valid, no_siren, row_number, layout, language)
        ]
    return found


def _first(item: tuple[int, FileProblem]) -> int:
    return item[0]


def _row(problem: FileProblem) -> int:
    return problem.row


def _reported_above(problem: Problem) -> bool:
    """Return whether the identifier checks of the row report *problem* already (with hints).

    They check a SIREN, SIRET, VAT number or APE code, and their agreement; whether a company
    must have a SIREN (``siren.required``) is the record's rule.
    """
    return (
        problem.field in _IDENTIFIER_RECORD_FIELDS
        and problem.code.startswith(_IDENTIFIER_CODES)
        and problem.code != "siren.required"
    )


def _without_column(problem: Problem, fields: Mapping[str, int]) -> bool:
    """Return whether *problem* requires a field that the file has no column for.

    A file without a postal-code column cannot give one: the address rules' requirement
    (``address.postal_code.required``) is then reported with ``--strict`` only, as the
    policy's requirements are (see :func:`file_policy`).
    """
    return (
        problem.code.endswith(".required")
        and problem.field in COLUMN_FIELDS
        and problem.field not in fields
    )


_IDENTIFIER_RECORD_FIELDS = frozenset(RECORD_FIELDS[field] for field in IDENTIFIER_FIELDS)
_IDENTIFIER_CODES = tuple(f"{field}." for field in IDENTIFIER_FIELDS)
_POSTAL_CODES = frozenset(("address.postal_code", "billing_address.postal_code"))


def _record_problem(
    problem: Problem, row_number: int, column: str | None, value: str, language: str
) -> FileProblem:
    """Return a problem of the row's record, placed in the file: its row, column and cell."""
    message = problem.message
    if (
        problem.code == "address.postal_code.format"
        and problem.field in _POSTAL_CODES
        and len(value.strip()) == 4
        and value.strip().isdigit()
    ):
        message = f"{message} {translate(_LEADING_ZEROS, language)}"
    return FileProblem(
        row=row_number,
        column=column,
        field=problem.field,
        code=problem.code,
        message=message,
        severity=problem.severity,
        value=value,
    )


def _ambiguous_columns(layout: Layout, language: str) -> list[FileProblem]:
    """Return a warning for each column that could hold a field checked in another one."""
    return [
        FileProblem(
            row=layout.header_row,
            column=layout.headers[index],
            field=RECORD_FIELDS[field],
            code="file.columns",
            severity="warning",
            message=translate(
                N_('This column could also hold {what}: only "{checked}" is checked.'),
                language,
                what=translate(_WHAT[field], language),
                checked=layout.headers[layout.columns[field]],
            ),
        )
        for field, index in layout.ambiguous
    ]


def _fit_width(
    cells: list[str], width: int, row_number: int, problems: list[FileProblem], language: str
) -> list[str]:
    """Pad a short row with empty cells; warn about a row of the wrong width.

    A row longer than the header only by empty cells, as spreadsheets sometimes write, is fine.
    """
    if len(cells) > width and not any(cell.strip() for cell in cells[width:]):
        return cells
    problems.append(
        FileProblem(
            row=row_number,
            column=None,
            field="row",
            code="row.width",
            severity="warning",
            message=translate(
                N_(
                    "This row does not have as many cells as the header ({found} instead of "
                    "{expected}): its cells may be shifted, check them."
                ),
                language,
                found=len(cells),
                expected=width,
            ),
        )
    )
    return cells + [""] * (width - len(cells))


def _invalid(field: str, cell: str, row_number: int, header: str, language: str) -> FileProblem:
    """Return the problem with an identifier cell that ``is_valid`` refused."""
    try:
        _MODULES[field].validate(cell)
    except InvalidIdentifier as error:
        code, message = error.code, error.message(language)
    else:  # pragma: no cover - is_valid and validate agree (tests/identifiers proves it)
        code, message = f"{field}.invalid", translate(N_("This identifier is not valid."), language)
    hint = _hint(field, cell)
    if hint is not None:
        message = f"{message} {translate(hint, language)}"
    return FileProblem(
        row=row_number,
        column=header,
        field=RECORD_FIELDS[field],
        code=code,
        message=message,
        value=cell,
    )


def _hint(field: str, cell: str) -> str | None:
    """Return a hint when a spreadsheet has visibly damaged a number, else ``None``."""
    if field not in _EXPECTED_DIGITS:
        return None
    text = cell.strip()
    if _SCIENTIFIC.fullmatch(text):
        return N_(
            "The spreadsheet has turned the number into a number in scientific notation: "
            "format the column as text, type the number again and export once more."
        )
    digits = siren.compact(text)
    missing = _EXPECTED_DIGITS[field] - len(digits)
    if (
        digits.isascii()
        and digits.isdigit()
        and 0 < missing <= 2
        and _MODULES[field].is_valid("0" * missing + digits)
    ):
        return _LEADING_ZEROS
    return None


def _siren_mismatches(
    valid: dict[str, str], no_siren: bool, row_number: int, layout: Layout, language: str
) -> list[FileProblem]:
    """Return the problems of a row whose valid SIRET or VAT number is not of its SIREN.

    Without a SIREN cell, the VAT number is compared with the SIRET's first 9 digits.
    """
    problems: list[FileProblem] = []
    # A valid cell of the compact length is compact: compact() only for the others.
    row_siren = valid.get("siren")
    if row_siren is not None and len(row_siren) != 9:
        row_siren = siren.compact(row_siren)
    vat_message = N_("The SIREN in this VAT number ({found}) is not the row's SIREN ({siren}).")
    if "siret" in valid:
        number = valid["siret"]
        siret_siren = (number if len(number) == 14 else siret.compact(number))[:9]
        if row_siren is not None and siret_siren != row_siren:
            message = N_(
                "The first 9 digits of this SIRET ({found}) are not the row's SIREN ({siren})."
            )
            problems.append(
                _mismatch(
                    "siret",
                    message,
                    found=siret_siren,
                    siren=row_siren,
                    row_number=row_number,
                    layout=layout,
                    valid=valid,
                    language=language,
                )
            )
        elif row_siren is None and no_siren:
            row_siren = siret_siren
            vat_message = N_(
                "The SIREN in this VAT number ({found}) is not the one in the row's SIRET "
                "({siren})."
            )
    if "vat" in valid and row_siren is not None:
        number = valid["vat"]
        if len(number) != 13 or not number.startswith("FR"):
            number = vat.compact(number)
        if number.startswith("FR") and number[4:7] != "000" and number[4:] != row_siren:
            problems.append(
                _mismatch(
                    "vat",
                    vat_message,
                    found=number[4:],
                    siren=row_siren,
                    row_number=row_number,
                    layout=layout,
                    valid=valid,
                    language=language,
                )
            )
    return problems


def _mismatch(
    field: str,
    message: str,
    *,
    found: str,
    siren: str,
    row_number: int,
    layout: Layout,
    valid: dict[str, str],
    language: str,
) -> FileProblem:
    """Return a ``<field>.siren_mismatch`` error: *found* where *siren* was expected."""
    return FileProblem(
        row=row_number,
        column=layout.headers[layout.columns[field]],
        field=RECORD_FIELDS[field],
        code=f"{field}.siren_mismatch",
        message=translate(message, language, found=grouped(found), siren=grouped(siren)),
        value=valid[field],
    )
