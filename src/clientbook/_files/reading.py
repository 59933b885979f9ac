"""Reading a client file as people really have them: CSV from a spreadsheet or another tool.

The file is opened once, refused at once unless it is a regular file (a folder, a pipe, a
device), and read in two passes over its bytes, in chunks, never whole. The first finds the
encoding and refuses what is not text (:mod:`clientbook._files.encoding`); the second decodes
each line and cuts the lines into rows and cells, within the limits of
:mod:`clientbook._files.limits` (:mod:`clientbook._files.splitting`): no row outlives the loop
that checks it, and a row that cannot be read is reported in its place while reading goes on.

The delimiter (``;``, ``,`` or tab) is the one the first lines use the most consistently, quoted
text aside. The header is the first row, among the first ten, in which an identifier column or
two columns are recognised (exports often start with a title line); which headers name which
column is :mod:`clientbook._files.headers`' business.

The file can also come as ``bytes`` or a binary file object (a web upload, an open file): it
is read as given, from where it stands, and closed by its owner; one that cannot seek is copied
to a temporary file first (kept in memory up to a few megabytes), since it is read twice. Its
name in messages is the object's ``name`` when it has one, else ``<upload>``.

A cell that starts with ``'`` followed by ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return is read without that ``'``: it is how :func:`clientbook.files.write_clients` (and
OWASP's advice on CSV injection) keeps a spreadsheet from running the cell as a formula.

Rows are numbered as a spreadsheet shows them: the first line of the file is row 1, and a record
whose quoted cells contain line breaks is one row, numbered where it starts.

A file that cannot be read at all raises :class:`ClientFileError`, whose ``code`` and message
say why (missing, not a regular file, empty, binary, a workbook, an unknown encoding, no known
column, a header that cannot be read); a row that cannot be read comes as a
:class:`RowProblem` among the rows.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import os
import re
import stat
import tempfile
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, BinaryIO, Final, TypeAlias

import attrs

from clientbook._base.i18n import N_
from clientbook._files.encoding import CHUNK, sniff_encoding
from clientbook._files.errors import ClientFileError, MalformedFile, RowProblem, quote_all
from clientbook._files.headers import IDENTIFIER_FIELDS, match_columns
from clientbook._files.limits import LIMITS
from clientbook._files.lines import OddLine, decoded_lines
from clientbook._files.splitting import Record, Row, split_rows

__all__ = [
    "ClientFileError",
    "Layout",
    "MalformedFile",
    "Record",
    "Row",
    "RowProblem",
    "Source",
    "open_client_file",
    "quote_all",
    "unneutralised",
]

#: What a client file can be given as: a path, its bytes, or a binary file object.
Source: TypeAlias = "str | os.PathLike[str] | bytes | IO[bytes]"

_HEADER_SEARCH_ROWS = 10
_DELIMITERS = (";", "\t", ",")  # ties go to the first: Excel FR writes ";"
# Opened without waiting for a writer, should the path be a pipe: it is refused at once.
_NONBLOCK: Final = getattr(os, "O_NONBLOCK", 0)

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
# A cell that a spreadsheet would run as a formula, behind the quotes that neutralise it (OWASP).
_NEUTRALISED = re.compile(r"'+[=+\-@\t\r]")
#: The name of a file given as bytes or as a file object without a name.
UPLOAD_NAME: Final = "<upload>"
# A file object that cannot seek is copied to a temporary file, in memory up to this size.
_SPOOL_BYTES = 8 * 1024 * 1024
# The line breaks of CSV, and only those: str.splitlines() also breaks at the separators
# \x1c-\x1e, \x0b, \x0c, \x85 and U+2028, which a cell may hold.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@attrs.frozen(kw_only=True)
class Layout:
    """What was learned about a client file before its rows are read.

    Attributes:
        path: the file; for bytes or a file object, its ``name`` or ``<upload>``.
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


def _open_file(path: Path) -> BinaryIO:
    """Open *path* for reading bytes, if it is a regular file.

    The file is opened without waiting (a pipe with no writer would block ``open`` forever),
    then its kind checked on the open file itself, so that it cannot change in between.

    Raises:
        ClientFileError: the file is missing, a folder, not a regular file (a pipe, a
            device, a socket), or the system refuses to read it.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | _NONBLOCK | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise ClientFileError("file.missing", N_("There is no file {path}."), path=path) from None
    except IsADirectoryError:
        raise _folder(path) from None
    except PermissionError:
        if path.is_dir():  # Windows refuses to open a folder
            raise _folder(path) from None
        raise ClientFileError(
            "file.permission", N_("You are not allowed to read {path}."), path=path
        ) from None
    except OSError as error:
        raise _unreadable(path, error) from None
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise _folder(path)
        if not stat.S_ISREG(mode):
            raise ClientFileError(
                "file.special",
                N_(
                    "{path} is not a file but a pipe, a device or a socket: give the path of "
                    "a CSV file."
                ),
                path=path,
            )
        if _NONBLOCK:
            os.set_blocking(descriptor, True)
        return open(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def _folder(path: Path) -> ClientFileError:
    return ClientFileError("file.folder", N_("{path} is a folder, not a file."), path=path)


def _unreadable(path: Path, error: OSError) -> ClientFileError:
    return ClientFileError(
        "file.unreadable",
        N_("{path} cannot be read: {reason}."),
        path=path,
        reason=error.strerror or type(error).__name__,
    )


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
    source: Source, *, column_overrides: Mapping[str, str] | None = None
) -> Iterator[tuple[Layout, Iterator[Record]]]:
    """Open a client file; yield its :class:`Layout` and an iterator over its data rows.

    Blank rows (no cell, or empty cells only) are skipped; they still count in row numbers. A
    row that cannot be read comes as a :class:`RowProblem` in its place, and a row read with a
    warning just after one.

    Args:
        source: the CSV file: its path, its bytes, or a binary file object (read from where
            it stands, left open).
        column_overrides: ``{field: header}`` for columns whose header is not recognised, as
            given with ``--column FIELD=HEADER``; the header as in the file (compared like the
            others when it is not found as is).

    Raises:
        ClientFileError: the file cannot be read at all; the message says why.
        TypeError: *source* is a text file object, or none of the above.
    """
    overrides = dict(column_overrides or {})
    with _opened(source) as (path, file):
        try:
            start_at = file.tell()
            encoding = sniff_encoding(file, path)
            file.seek(start_at)
        except OSError as error:
            raise _unreadable(path, error) from None
        lines = decoded_lines(file, encoding, row_characters=LIMITS.row_characters)
        start: list[str | OddLine] = []
        size = 0
        for line in lines:
            start.append(line)
            size += len(line) if isinstance(line, str) else len(line.text or "")
            if size >= CHUNK:
                break
        sample = "".join(line if isinstance(line, str) else line.text or "" for line in start)
        delimiter = _sniff_delimiter(_first_lines(sample))
        records = _unneutralised_rows(split_rows(itertools.chain(start, lines), delimiter))
        del start, sample
        found = _read_header(records, path, overrides)
        layout = Layout(
            path=path,
            encoding=encoding.name,
            delimiter=delimiter,
            header_row=found[0],
            headers=tuple(found[1]),
            columns=found[2],
            ambiguous=found[3],
            line_count=encoding.line_count,
        )
        yield layout, records


@contextlib.contextmanager
def _opened(source: Source) -> Iterator[tuple[Path, BinaryIO]]:
    """Yield the name and binary file of *source*, at its start, and close what was opened here.

    A path is opened by :func:`_open_file` (a regular file only); bytes are read from memory; a
    binary file object is read as given, from its current position, and left open; one that
    cannot seek is first copied to a temporary file.

    Raises:
        ClientFileError: a path that cannot be opened (see :func:`_open_file`).
        TypeError: a text file object, or something that is not a file.
    """
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        with _open_file(path) as file:
            yield path, file
        return
    if isinstance(source, bytes | bytearray | memoryview):
        yield Path(UPLOAD_NAME), io.BytesIO(source)
        return
    if isinstance(source, io.TextIOBase) or not callable(getattr(source, "read", None)):
        raise TypeError(
            "a client file is a path, bytes or a binary file object (opened with 'rb'); "
            f"got {type(source).__name__}"
        )
    name = getattr(source, "name", None)
    path = Path(name) if isinstance(name, str) and name else Path(UPLOAD_NAME)
    if _seekable(source):
        yield path, source  # type: ignore[misc]  # IO[bytes] is what BinaryIO promises here
        return
    with tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES) as copy:
        try:
            while chunk := source.read(CHUNK):
                copy.write(chunk)
        except OSError as error:
            raise _unreadable(path, error) from None
        copy.seek(0)
        yield path, copy  # type: ignore[misc]


def _seekable(file: IO[bytes]) -> bool:
    """Return whether *file* can go back to where it stands, as reading it twice needs."""
    try:
        return bool(file.seekable()) and file.tell() >= 0
    except (AttributeError, OSError, ValueError):
        return False


def unneutralised(cell: str) -> str:
    r"""Return *cell* without the ``'`` that keeps a spreadsheet from running it as a formula.

    One ``'`` is taken away when quotes are followed by ``=``, ``+``, ``-``, ``@``, a tab or a
    carriage return: the inverse of what :func:`clientbook.files.write_clients` does.

    >>> unneutralised("'+33612345678"), unneutralised("''=x"), unneutralised("l'Atelier")
    ('+33612345678', "'=x", "l'Atelier")
    """
    return cell[1:] if _NEUTRALISED.match(cell) else cell


def _unneutralised_rows(records: Iterator[Record]) -> Iterator[Record]:
    """Yield *records*, the cells that a writer neutralised read back (see :func:`unneutralised`).

    A row is looked at cell by cell only when it holds a ``'`` at all.
    """
    for record in records:
        if not isinstance(record, RowProblem) and "'" in "".join(record[1]):
            row_number, cells = record
            record = row_number, [unneutralised(cell) for cell in cells]
        yield record


def _read_header(
    records: Iterator[Record], path: Path, overrides: dict[str, str]
) -> tuple[int, list[str], dict[str, int], tuple[tuple[str, int], ...]]:
    """Read rows until the header; return its row number, cells, columns and ambiguous ones.

    The header is the first row, among the first ten, in which an identifier column, or any
    two columns, are recognised.

    Raises:
        ClientFileError: no such row in the first rows.
    """
    first: list[str] | None = None
    unreadable: RowProblem | None = None  # the first row, when it cannot be read
    for record in records:
        if isinstance(record, RowProblem):
            if record.row > _HEADER_SEARCH_ROWS:
                break
            if record.severity == "error" and first is None and unreadable is None:
                unreadable = record
            continue
        row_number, row = record
        if row_number > _HEADER_SEARCH_ROWS:
            break
        if not any(cell.strip() for cell in row):
            continue
        if first is None:
            first = row
        columns, ambiguous, not_found = match_columns(row, overrides)
        if not not_found and _is_header(columns):
            ordered = dict(sorted(columns.items(), key=lambda item: item[1]))
            return row_number, row, ordered, tuple(ambiguous)
    if unreadable is not None:
        raise ClientFileError(
            "file.header_unreadable",
            N_("Row {row} of {path}, where its header should be, cannot be read. {problem}"),
            row=str(unreadable.row),  # a row number, not grouped by thousands
            path=path,
            problem=unreadable,
        )
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
