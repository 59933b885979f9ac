"""Reading a client file as people really have them: CSV from a spreadsheet or another tool.

The file is read in two passes. The first reads the bytes in chunks, without keeping them, to
find the encoding (UTF-16 when it starts with a UTF-16 byte-order mark, as Excel's "Unicode
text" export does; otherwise UTF-8, with or without BOM, then Windows-1252, as Excel FR exports
CSV) and to refuse what is not text (NUL bytes, an Excel workbook). The second streams the rows
with :mod:`csv`: no row outlives the loop that checks it.

The delimiter (``;``, ``,`` or tab) is the one the first lines use the most consistently, quoted
text aside. The header is the first row, among the first ten, in which an identifier column or
two columns are recognised (exports often start with a title line); which headers name which
column is :mod:`clientbook._files.headers`' business.

Rows are numbered as a spreadsheet shows them: the first line of the file is row 1, and a record
whose quoted cells contain line breaks is one row, numbered where it starts.

A file that cannot be read at all raises :class:`ClientFileError`, whose ``code`` and message
say why (missing, empty, binary, a workbook, an unknown encoding, no known column); a file that
stops being readable CSV part way raises :class:`MalformedFile` from the row iterator, after the
rows before it.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import BinaryIO, Final

import attrs

from clientbook._base.errors import ClientbookError
from clientbook._base.i18n import N_, normalize_locale, translate
from clientbook._files.headers import IDENTIFIER_FIELDS, match_columns

__all__ = [
    "ClientFileError",
    "Layout",
    "MalformedFile",
    "Record",
    "open_client_file",
    "quote_all",
]

#: One data row: its number as a spreadsheet shows it, and its cells.
Record = tuple[int, list[str]]

_CHUNK = 1 << 20
_HEADER_SEARCH_ROWS = 10
_DELIMITERS = (";", "\t", ",")  # ties go to the first: Excel FR writes ";"

# Columns that make a row the header on their own; any two other recognised columns do too.
_HEADER_ALONE = frozenset(IDENTIFIER_FIELDS)

#: The headers quoted as examples when no column is recognised.
EXPECTED_HEADERS: Final = (
    "Raison sociale",
    "SIREN",
    "SIRET",
    "N° TVA intracommunautaire",
    "Code APE",
    "Code postal",
    "Email",
)

_QUOTED = re.compile(r'"[^"]*"')
# The line breaks of CSV, and only those: str.splitlines() also breaks at the separators
# \x1c-\x1e, \x0b, \x0c, \x85 and U+2028, which a cell may hold.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class ClientFileError(ClientbookError):
    """The client file cannot be read at all (missing, empty, binary, no known column...).

    Attributes:
        code: stable code for programs, such as ``"file.empty"``.
        params: the values the message refers to.
    """

    def __init__(self, code: str, message: str, **params: object) -> None:
        self.code = code
        self.params = params
        self._message = message
        super().__init__(self.message("fr"))  # French, as the identifier errors

    def message(self, locale: str = "fr") -> str:
        """Return the explanation in *locale* (``"fr"`` or ``"en"``)."""
        params = {
            name: quote_all(value, locale) if isinstance(value, tuple) else value
            for name, value in self.params.items()
        }
        return translate(self._message, locale, **params)


class MalformedFile(ClientFileError):
    """The file stops being readable CSV at ``row``; the rows before it were read."""

    def __init__(self, row: int) -> None:
        super().__init__(
            "file.malformed",
            N_("The file cannot be read from this row on: a quote is probably not closed."),
        )
        self.row = row


@attrs.frozen(kw_only=True)
class Layout:
    """What was learned about a client file before its rows are read.

    Attributes:
        path: the file.
        encoding: Python's name of the encoding: ``utf-8``, ``utf-8-sig`` (with BOM),
            ``cp1252`` or ``utf-16``.
        delimiter: ``;``, ``,`` or a tab.
        header_row: row number of the header (1 unless title lines come first).
        headers: the header cells as in the file.
        columns: the recognised fields and the index of their column.
        ambiguous: ``(field, index)`` of other columns that could hold an identifier field.
        line_count: the number of lines in the file, to show progress.
    """

    path: Path
    encoding: str
    delimiter: str
    header_row: int
    headers: tuple[str, ...]
    columns: Mapping[str, int]
    ambiguous: tuple[tuple[str, int], ...] = ()
    line_count: int = 0


def quote_all(texts: Iterable[str], locale: str) -> str:
    """Return *texts* quoted as *locale* writes quotes, separated by commas; ``—`` for none.

    >>> quote_all(('SIREN', 'Nom'), 'fr'), quote_all(('SIREN', 'Nom'), 'en')
    ('« SIREN », « Nom »', '"SIREN", "Nom"')
    """
    opening, closing = ("« ", " »") if normalize_locale(locale) == "fr" else ('"', '"')
    return ", ".join(f"{opening}{text}{closing}" for text in texts) or "—"


def _sniff_encoding(path: Path) -> tuple[str, int]:
    """Return the encoding of *path* and its number of lines, reading it in chunks.

    Raises:
        ClientFileError: the file is missing, unreadable, empty, binary or of unknown encoding.
    """
    try:
        with path.open("rb") as file:
            head = file.read(_CHUNK)
            if _is_blank(head):
                raise ClientFileError("file.empty", N_("The file {path} is empty."), path=path)
            if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                return "utf-16", _count_lines(file, head, "utf-16", path)
            if head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
                raise ClientFileError(
                    "file.workbook",
                    N_(
                        "{path} is a spreadsheet workbook, not a CSV file: open it and save "
                        "it as CSV (semicolon-separated) first."
                    ),
                    path=path,
                )
            for encoding in ("utf-8", "cp1252"):
                with contextlib.suppress(UnicodeDecodeError):
                    lines = _count_lines(file, head, encoding, path)
                    if encoding == "utf-8" and head.startswith(codecs.BOM_UTF8):
                        encoding = "utf-8-sig"
                    return encoding, lines
                file.seek(len(head))
    except FileNotFoundError:
        raise ClientFileError("file.missing", N_("There is no file {path}."), path=path) from None
    except IsADirectoryError:
        raise ClientFileError(
            "file.folder", N_("{path} is a folder, not a file."), path=path
        ) from None
    except PermissionError:
        raise ClientFileError(
            "file.permission", N_("You are not allowed to read {path}."), path=path
        ) from None
    except OSError as error:
        raise ClientFileError(
            "file.unreadable",
            N_("{path} cannot be read: {reason}."),
            path=path,
            reason=error.strerror or type(error).__name__,
        ) from None
    raise ClientFileError(
        "file.encoding",
        N_("{path} is neither UTF-8 nor Windows-1252 text: save it again as CSV UTF-8."),
        path=path,
    )


def _is_blank(head: bytes) -> bool:
    """Return whether the start of a file holds nothing but a byte-order mark and white space."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        head = head[2:].replace(b"\x00", b"")
    return not head.removeprefix(codecs.BOM_UTF8).strip()


def _count_lines(file: BinaryIO, head: bytes, encoding: str, path: Path) -> int:
    """Decode the rest of *file* after *head* in chunks; return the number of lines.

    Raises:
        UnicodeDecodeError: the file is not in *encoding*.
        ClientFileError: the file holds NUL characters: it is not text.
    """
    decoder = codecs.getincrementaldecoder(encoding)()
    lines = 0
    chunk = head
    while chunk:
        text = decoder.decode(chunk)
        if "\x00" in text:
            raise ClientFileError(
                "file.binary",
                N_("{path} is not a text file: export the client list as CSV."),
                path=path,
            )
        lines += text.count("\n")
        chunk = file.read(_CHUNK)
    decoder.decode(b"", final=True)
    return lines + 1


def _first_lines(text: str) -> list[str]:
    r"""Return the first non-empty lines of *text* (the start of a file), quoted text removed.

    Quoted cells go first, line breaks inside them included; then the text is cut at CSV's line
    breaks only (``str.splitlines`` would also cut at ``\x1e``, ``\x85``... that cells hold).
    """
    lines = _LINE_BREAK.split(_QUOTED.sub("", text))[:20]
    return [line for line in lines if line.strip()][:_HEADER_SEARCH_ROWS]


def _sniff_delimiter(lines: list[str]) -> str:
    """Return the delimiter the first non-empty *lines* use the most consistently.

    Each delimiter is counted on each line (quoted text already removed); the one that appears
    the same number of times on the most lines wins, then the one that appears more often: a
    comma typed in a cell of a ``;`` file (``Dupont, Durand et Associés``) does not make it a
    comma file.
    """
    best, best_score = _DELIMITERS[0], (0, 0)
    for delimiter in _DELIMITERS:
        counts = [line.count(delimiter) for line in lines]
        used = Counter(count for count in counts if count)
        if not used:
            continue
        usual, lines_with_it = used.most_common(1)[0]  # ties: the first line's count
        score = (lines_with_it, usual)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _is_header(columns: Mapping[str, int]) -> bool:
    """Return whether a row whose recognised *columns* these are is the header of the file."""
    return len(columns) >= 2 or any(field in _HEADER_ALONE for field in columns)


@contextlib.contextmanager
def open_client_file(
    path: str | Path, *, column_overrides: Mapping[str, str] | None = None
) -> Iterator[tuple[Layout, Iterator[Record]]]:
    """Open a client file; yield its :class:`Layout` and an iterator over its data rows.

    Blank rows (no cell, or empty cells only) are skipped; they still count in row numbers.

    Args:
        path: the CSV file.
        column_overrides: ``{field: header}`` for columns whose header is not recognised, as
            given with ``--column FIELD=HEADER``; the header as in the file (compared like the
            others when it is not found as is).

    Raises:
        ClientFileError: the file cannot be read at all; the message says why.
        MalformedFile: from the iterator, when the rest of the file is not readable CSV.
    """
    path = Path(path)
    overrides = dict(column_overrides or {})
    encoding, line_count = _sniff_encoding(path)
    try:
        file = path.open(encoding=encoding, newline="")
    except OSError as error:  # the file vanished between the two passes
        raise ClientFileError(
            "file.unreadable",
            N_("{path} cannot be read: {reason}."),
            path=path,
            reason=error.strerror or type(error).__name__,
        ) from None
    with file:
        delimiter = _sniff_delimiter(_first_lines(file.read(_CHUNK)))
        file.seek(0)
        reader = csv.reader(file, delimiter=delimiter)
        layout = _read_header(reader, path, overrides, encoding, delimiter, line_count)
        yield layout, _records(reader, layout.header_row)


def _read_header(
    reader: Iterator[list[str]],
    path: Path,
    overrides: dict[str, str],
    encoding: str,
    delimiter: str,
    line_count: int,
) -> Layout:
    """Read rows until the header; return the layout.

    The header is the first row, among the first ten, in which an identifier column, or any
    two columns, are recognised.

    Raises:
        ClientFileError: no such row in the first rows.
    """
    first: list[str] | None = None
    try:
        for row_number, row in enumerate(reader, start=1):
            if row_number > _HEADER_SEARCH_ROWS:
                break
            if not any(cell.strip() for cell in row):
                continue
            first = first if first is not None else row
            columns, ambiguous, not_found = match_columns(row, overrides)
            if not not_found and _is_header(columns):
                return Layout(
                    path=path,
                    encoding=encoding,
                    delimiter=delimiter,
                    header_row=row_number,
                    headers=tuple(row),
                    columns=dict(sorted(columns.items(), key=lambda item: item[1])),
                    ambiguous=tuple(ambiguous),
                    line_count=line_count,
                )
    except csv.Error:
        pass
    found = tuple(cell for cell in first or () if cell.strip())
    not_found = match_columns(first, overrides)[2] if first is not None else []
    if not_found:
        raise ClientFileError(
            "file.column_not_found",
            N_('{path} has no column "{header}" (given for {field}). Headers found: {found}.'),
            path=path,
            header=overrides[not_found[0]],
            field=not_found[0],
            found=found,
        )
    raise ClientFileError(
        "file.no_column",
        N_(
            "No client column is recognised in {path}. Headers found: {found}. Headers "
            "expected, among others: {expected}; or name the columns with --column "
            "FIELD=HEADER."
        ),
        path=path,
        found=found,
        expected=EXPECTED_HEADERS,
    )


def _records(reader: Iterator[list[str]], header_row: int) -> Iterator[Record]:
    """Yield the data rows after the header with their spreadsheet row numbers.

    Raises:
        MalformedFile: the file is not readable CSV from some row on.
    """
    row_number = header_row
    try:
        for row in reader:
            row_number += 1
            if row and any(row):
                yield row_number, row
    except csv.Error:
        raise MalformedFile(row_number + 1) from None
