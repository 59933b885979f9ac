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

from clientbook._clientfile import IDENTIFIER_FIELDS, Layout, MalformedFile, Record
from clientbook._clientfile import open_client_file as _open_client_file
from clientbook._i18n import N_, normalize_locale, translate
from clientbook._problem import Problem
from clientbook.identifiers import IdentifierModule, InvalidIdentifier, naf, siren, siret, vat

__all__ = ["FileProblem", "FileReport", "check_file", "check_records"]

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
_SCIENTIFIC = re.compile(r"\d(?:[.,]\d+)?[eE]\+?\d+")
_PROGRESS_EVERY = 2048  # rows; a power of two


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
) -> FileReport:
    """Check every identifier of the client file at *path*.

    Args:
        path: a CSV file (see :mod:`clientbook._clientfile` for what is understood).
        column_overrides: ``{field: header}`` for columns whose header is not recognised.
        locale: the language of the messages, ``"fr"`` or ``"en"``.

    Returns:
        The report: rows read, problems, and how the file was read.

    Raises:
        ClientFileError: the file cannot be read at all.
    """
    with _open_client_file(path, column_overrides=column_overrides) as (layout, records):
        return check_records(layout, records, locale=locale)


def check_records(
    layout: Layout,
    records: Iterable[Record],
    *,
    locale: str = "fr",
    on_progress: Callable[[int], None] | None = None,
) -> FileReport:
    """Check the identifier cells of *records*, read from a file of this *layout*.

    Args:
        layout: the file's layout, from :func:`clientbook._clientfile.open_client_file`.
        records: the data rows, with their row numbers.
        locale: the language of the messages, ``"fr"`` or ``"en"``.
        on_progress: called now and then with the row number reached, to show progress.

    Returns:
        The report. A file that stops being readable CSV ends with a ``file.malformed`` error
        at the row where reading stopped; the rows before it are checked.
    """
    language = normalize_locale(locale)
    headers = layout.headers
    width = len(headers)
    problems = _ambiguous_columns(layout, language)
    checks = [
        (field, index, headers[index], _MODULES[field].is_valid)
        for field, index in layout.columns.items()
        if field in IDENTIFIER_FIELDS
    ]
    cross_check = sum(field in layout.columns for field in ("siren", "siret", "vat")) >= 2
    siren_index = layout.columns.get("siren")
    rows = 0
    try:
        for row_number, cells in records:
            rows += 1
            if len(cells) != width:
                cells = _fit_width(cells, width, row_number, problems, language)
            valid: dict[str, str] = {}
            for field, index, header, is_valid in checks:
                cell = cells[index]
                if not cell:
                    continue
                if is_valid(cell):
                    valid[field] = cell
                elif not cell.isspace():
                    problems.append(_invalid(field, cell, row_number, header, language))
            if cross_check and len(valid) > 1:
                no_siren = siren_index is None or not cells[siren_index].strip()
                problems += _siren_mismatches(valid, no_siren, row_number, layout, language)
            if on_progress is not None and not rows % _PROGRESS_EVERY:
                on_progress(row_number)
    except MalformedFile as error:
        problems.append(
            FileProblem(
                row=error.row,
                column=None,
                field="file",
                code=error.code,
                message=error.message(language),
            )
        )
    return FileReport(layout=layout, rows=rows, problems=tuple(problems))


def _ambiguous_columns(layout: Layout, language: str) -> list[FileProblem]:
    """Return a warning for each column that could hold a field checked in another one."""
    return [
        FileProblem(
            row=layout.header_row,
            column=layout.headers[index],
            field=field,
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
        row=row_number, column=header, field=field, code=code, message=message, value=cell
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
        return N_(
            "The spreadsheet has probably dropped its leading zeros: format the column as "
            "text and type the number again."
        )
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
        field=field,
        code=f"{field}.siren_mismatch",
        message=translate(message, language, found=_grouped(found), siren=_grouped(siren)),
        value=valid[field],
    )


def _grouped(digits: str) -> str:
    """Return 9 digits in groups of three, as a SIREN is printed."""
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}"
