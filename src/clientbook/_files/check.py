"""Checking a client file, row by row: the rule behind ``clientbook check``.

Each row is read into a client record (:func:`clientbook._files.rows.client_from_row`) and
checked by :func:`~clientbook.validate_client` under the file's policy (:func:`file_policy`:
what the file has no column for is not required): its identifiers (each valid; the SIRET and a
French VAT number of the company's SIREN, a Monaco company's VAT number compared with nothing;
a company in France has a SIREN), names, addresses, e-mail addresses, phones and the rest. Each
problem is placed on its row's cell, with a hint when a spreadsheet has visibly damaged it
(:mod:`clientbook._files.problems`); an empty cell is a problem only where a rule requires the
field. The numbers of an individual's row, which ``validate_client`` only tells it not to
carry, are checked too. When every row is read, the rows that describe the same client get a
warning. Every problem is reported, not the first. A column whose header looks like an
identifier or an address but is not used, and a file with no identifier column at all, are
warnings on the header row (:mod:`clientbook._files.unused`).

A file of identifier columns only takes a fast path (:mod:`clientbook._files.cleanrows`): its
clean rows are told at a glance, the others checked as above.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from typing import Final

from clientbook._base.i18n import N_, normalize_locale, translate
from clientbook._files.cleanrows import CleanRows
from clientbook._files.columns import RECORD_FIELDS, RowColumns
from clientbook._files.duplicates import DuplicateRows
from clientbook._files.problems import FileProblem, FileReport, placed, without_column
from clientbook._files.reading import Layout, Record, RowProblem, Source
from clientbook._files.reading import open_client_file as _open_client_file
from clientbook._files.rows import RowClient, client_from_row
from clientbook._files.unused import column_warnings
from clientbook._records.client import ClientKind
from clientbook._rules.policy import Policy
from clientbook._rules.validation import validate_client
from clientbook._rules.validation.identifiers import NAF_2025_FROM, identifier_value_problems

__all__ = [
    "RowChecker",
    "check_file",
    "check_records",
    "file_policy",
]

_WHAT: Final = {
    "siren": N_("the SIREN"),
    "siret": N_("the SIRET"),
    "vat": N_("the VAT number"),
    "naf": N_("the APE code"),
}
_PROGRESS_EVERY = 2048  # rows; a power of two


def check_file(
    source: Source,
    *,
    column_overrides: Mapping[str, str] | None = None,
    locale: str = "fr",
    strict: bool = False,
    as_of: datetime.date | None = None,
) -> FileReport:
    """Check every row of a client file: its identifiers and its whole record.

    Args:
        source: a CSV file (see :mod:`clientbook.files` for what is understood): its path,
            its bytes, or a binary file object such as a web upload (read from where it
            stands and left open).
        column_overrides: ``{column: header}`` for columns whose header is not recognised.
        locale: the language of the messages, ``"fr"`` or ``"en"``.
        strict: require what the default :class:`~clientbook.Policy` requires, whatever
            columns the file has (see ``file_policy``).
        as_of: the day of the check, for the rules that depend on it (an APE code of NAF
            rév. 2 from 1 January 2027: ``naf.replaced``); ``None`` checks no date. ``clientbook
            check`` gives today; pass ``datetime.date.today()`` to do the same.

    Returns:
        The report: rows read, problems, and how the file was read.

    Raises:
        ClientFileError: the file cannot be read at all.
        TypeError: *source* is a text file object, or not a file at all.
    """
    with _open_client_file(source, column_overrides=column_overrides) as (layout, records):
        return check_records(layout, records, locale=locale, strict=strict, as_of=as_of)


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
        require_siren_in_france=bool(present & {"siren", "siret", "registry"}),
    )


def check_records(
    layout: Layout,
    records: Iterable[Record],
    *,
    locale: str = "fr",
    strict: bool = False,
    as_of: datetime.date | None = None,
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
        as_of: the day of the check (see :func:`check_file`); ``None`` checks no date.
        on_progress: called now and then with the row number reached, to show progress.

    Returns:
        The report. A row that cannot be read is an error of the report in its place
        (:meth:`RowChecker.reading_problem`), and the rows after it are checked.
    """
    checker = RowChecker(layout, locale=locale, strict=strict, as_of=as_of)
    for record in records:
        if isinstance(record, RowProblem):
            checker.reading_problem(record)
            continue
        row_number, cells = record
        checker.verify(row_number, cells)
        if on_progress is not None and not checker.rows % _PROGRESS_EVERY:
            on_progress(row_number)
    return checker.report()


class RowChecker:
    """Checks the rows of one client file, one at a time; the report once they are all read.

    Each row's record, read by :func:`clientbook._files.rows.client_from_row`, is checked by
    :func:`~clientbook.validate_client` under :func:`file_policy`, and each problem placed on
    its cell, with the hints that spreadsheets' damage deserves. :meth:`report` then looks for
    the rows that describe the same client (:func:`~clientbook.find_duplicates`): each gets a
    warning naming the others.

    Args:
        layout: the file's layout, from :func:`clientbook._files.reading.open_client_file`.
        locale: the language of the messages, ``"fr"`` or ``"en"``.
        strict: apply the default :class:`~clientbook.Policy` whole (see :func:`file_policy`).
        as_of: the day of the check, for the rules that depend on it; ``None``: none.

    Attributes:
        layout: the file's layout.
        language: the language of the messages.
        policy: the policy the records are checked with.
        rows: the number of rows checked so far.
        problems: the problems found so far, in the order of the file.
    """

    def __init__(
        self,
        layout: Layout,
        *,
        locale: str = "fr",
        strict: bool = False,
        as_of: datetime.date | None = None,
    ) -> None:
        self.layout = layout
        self.as_of = as_of
        self.language = normalize_locale(locale)
        self.strict = strict
        self.policy = file_policy(layout.columns, strict=strict)
        self.rows = 0
        self.problems = [
            *_ambiguous_columns(layout, self.language),
            *_unused_columns(layout, self.language),
        ]
        self._columns = RowColumns(layout.columns, layout.headers, locale=self.language)
        self._seen = DuplicateRows(self._columns)
        self._siren_at = layout.columns.get("siren")
        self._clean = (
            None
            if strict
            else CleanRows.for_file(
                layout.columns, self.policy, naf_2025=as_of is not None and as_of >= NAF_2025_FROM
            )
        )

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
        """Check one row of the header's width: its record's problems, each on its cell."""
        language, headers = self.language, self.layout.headers
        read = client_from_row(cells, self._columns)
        client = read.client
        problems = [
            *read.problems,
            *validate_client(client, policy=self.policy, locale=language, as_of=self.as_of),
        ]
        if client.kind is not ClientKind.COMPANY:
            # validate_client tells an individual that it carries no identifiers, without
            # checking them: a number mistyped in its row is reported too (checked once, here).
            problems[:0] = identifier_value_problems(client, locale=language)
        found = [
            placed(
                problem,
                row_number=row_number,
                fields=read.fields,
                headers=headers,
                cells=cells,
                language=language,
            )
            for problem in problems
            if self.strict or not without_column(problem, read.fields)
        ]
        wrong = False
        if found:
            found.sort(key=_first)
            self.problems += [problem for _index, problem in found]
            wrong = any(problem.severity == "error" for _index, problem in found)
        at = self._siren_at
        self._seen.add(row_number, read, siren=None if at is None else cells[at])
        return read, wrong

    def reading_problem(self, problem: RowProblem) -> None:
        """Record a problem that reading the file found: a row not read, or a row's warning.

        A row that cannot be read is not checked and not counted in :attr:`rows`: its error
        stands for it. A warning comes before its row's other problems.
        """
        at = problem.column
        headers = self.layout.headers
        self.problems.append(
            FileProblem(
                row=problem.row,
                column=headers[at] if at is not None and at < len(headers) else None,
                field="row",
                code=problem.code,
                message=problem.message(self.language),
                severity=problem.severity,
                value=problem.value,
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


def _first(item: tuple[int, FileProblem]) -> int:
    return item[0]


def _row(problem: FileProblem) -> int:
    return problem.row


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


def _unused_columns(layout: Layout, language: str) -> list[FileProblem]:
    """Return the warnings about columns not used: see :mod:`clientbook._files.unused`."""
    warnings = column_warnings(
        headers=layout.headers,
        columns=layout.columns,
        skipped=frozenset(index for _field, index in layout.ambiguous),
        language=language,
    )
    return [
        FileProblem(
            row=layout.header_row,
            column=column,
            field="file",
            code=code,
            severity="warning",
            message=message,
        )
        for column, code, message in warnings
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
