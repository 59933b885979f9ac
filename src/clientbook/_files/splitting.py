r"""A client file's lines cut into rows and cells, as CSV does, within the reading limits.

A row is a line of the file, or several when a quoted cell holds line breaks (an address on
two lines); it is numbered where it starts, as a spreadsheet shows it. The cells are those
Python's :mod:`csv` reads (Excel's dialect: ``"`` quotes a cell that starts with it, ``""`` in
it is a quote, a quote elsewhere is a character like another).

CSV cannot tell where a quoted cell ends when its closing quote is missing: the rest of the
file would be one cell. So a quoted cell may span lines, but when it reaches the end of the
file, or its row passes :attr:`~clientbook._files.limits.Limits.row_characters`, the row where the
quote opened is reported (``row.quote_unclosed``) and reading goes on at the line after the
one where it opened: the rows after it are read as they are.

Every row of the file is either read or reported: :func:`split_rows` yields a
:class:`~clientbook._files.errors.RowProblem` for each row that cannot be read (an unclosed
quote, more cells than :attr:`~clientbook._files.limits.Limits.columns`, a cell over
:attr:`~clientbook._files.limits.Limits.cell_characters`, a line that
:func:`~clientbook._files.encoding.decoded_lines` found too long or undecodable) and for the
warnings of a row that is read (a row in the other encoding), just before its cells.

>>> list(split_rows(['SIREN;Adresse\r\n', '404833048;"12 rue des Lilas\r\n', 'Bât. C"\r\n'], ";"))
[(1, ['SIREN', 'Adresse']), (2, ['404833048', '12 rue des Lilas\r\nBât. C'])]
"""

from __future__ import annotations

import contextlib
import csv
import re
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Final

from clientbook._base.i18n import N_
from clientbook._files.errors import RowProblem
from clientbook._files.limits import LIMITS, Limits
from clientbook._files.lines import OddLine

__all__ = ["Record", "Row", "split_rows"]

#: One data row: its number as a spreadsheet shows it, and its cells.
Row = tuple[int, list[str]]
#: What reading a client file yields, in the order of the file: a data row, or a problem of a
#: row (one that cannot be read, in its place; or a warning, just before its row).
Record = Row | RowProblem

_VALUE_SHOWN: Final = 40  # characters of an oversized cell kept in its problem
_CSV_MOST: Final = 100_000  # characters of a record that csv reads

_QUOTE_UNCLOSED = N_(
    "A quote opened in this row is not closed before the end of the file or within {limit} "
    "characters: the row is not read, and reading goes on at the next line. Close the quote or "
    "remove it."
)
_TOO_WIDE = N_("This row has more than {limit} cells, the most a row may have: it is not read.")
_CELL_TOO_LONG = N_(
    "This cell holds {found} characters, more than the {limit} a cell may hold: the row is not "
    "read."
)


class _Csv:
    """CSV's reading of the lines of one file, of one delimiter: where quotes end, the cells.

    Args:
        delimiter: ``;``, ``,`` or a tab.
    """

    def __init__(self, delimiter: str) -> None:
        d = re.escape(delimiter)
        quoted = r'"[^"]*+(?:""[^"]*+)*+'  # a quoted cell up to its closing quote, if any
        field = rf'(?>{quoted}"(?!")[^{d}\r\n]*+|[^{d}"\r\n][^{d}\r\n]*+|)'
        self.delimiter = delimiter
        #: Match a line (or its rest, from a cell's start) that ends inside a quoted cell.
        self.opens = re.compile(rf"(?:{field}{d})*+{quoted}").fullmatch
        #: Match the rest of a quoted cell, from inside it, to its closing quote and after.
        self.closes = re.compile(rf'[^"]*+(?:""[^"]*+)*+"(?!")[^{d}\r\n]*+').match
        # One quoted cell: its text, and what follows its closing quote.
        self._quoted_cell = re.compile(rf'"([^"]*+(?:""[^"]*+)*+)"?([^{d}\r\n]*+)').match
        self._feed = _Feed()
        self._reader = csv.reader(self._feed, delimiter=delimiter)

    def first_line(self, line: str, most: int) -> list[str] | None:
        """Return the cells of a line that starts a row; ``None`` if it ends in a quoted cell.

        :mod:`csv` reads the line, and asks for the next one when the line ends inside a
        quoted cell: that is how the row is known to go on.
        """
        if len(line) <= _CSV_MOST:
            feed = self._feed
            feed.text = line
            feed.more = False
            with contextlib.suppress(csv.Error):  # a cell over a limit set by the host
                cells = next(self._reader, [])
                return None if feed.more else cells
        return None if self.opens(line) is not None else self.cells(line, most)

    def cells(self, text: str, most: int) -> list[str]:
        """Return the cells of one row's *text*, as :mod:`csv` reads them; *most* at most.

        :mod:`csv` reads a row of up to 100,000 characters (it refuses a cell over 131,072
        by default); a longer one is read here, in as many steps as cells, stopping after
        *most* of them.
        """
        if len(text) <= _CSV_MOST:
            self._feed.text = text
            with contextlib.suppress(csv.Error):  # a cell over a limit set by the host
                return next(self._reader, [])
        cells: list[str] = []
        end = len(text.rstrip("\r\n"))
        at = 0
        while len(cells) < most:
            if text.startswith('"', at):
                found = self._quoted_cell(text, at)
                assert found is not None  # the pattern matches any quote
                cells.append(found[1].replace('""', '"') + found[2])
                at = found.end()
            else:
                stop = text.find(self.delimiter, at, end)
                stop = end if stop < 0 else stop
                cells.append(text[at:stop])
                at = stop
            if at >= end:
                break
            at += 1
        return cells


class _Feed:
    """One row's text at a time for a :func:`csv.reader` kept for the whole file.

    Attributes:
        text: the text the reader gets next.
        more: whether the reader asked for more than the text: it ends inside a quoted cell.
    """

    __slots__ = ("more", "text")

    def __init__(self) -> None:
        self.text: str | None = None
        self.more = False

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        text = self.text
        if text is None:
            self.more = True
            raise StopIteration
        self.text = None
        return text


def split_rows(
    lines: Iterable[str | OddLine], delimiter: str, *, limits: Limits = LIMITS
) -> Iterator[Record]:
    r"""Yield the rows of a file from its *lines*, and a problem for each row not read.

    Blank rows (no cell, or empty cells only) are not yielded; they keep their number.

    Args:
        lines: the file's lines, line breaks included, as
            :func:`~clientbook._files.encoding.decoded_lines` yields them.
        delimiter: ``;``, ``,`` or a tab.
        limits: the limits rows are read within.

    Yields:
        ``(row number, cells)`` for each row read, a :class:`RowProblem` for each row that
        cannot be read, and one before a row read with a warning.
    """
    reading = _Csv(delimiter)
    first_line, cells_of = reading.first_line, reading.cells
    columns, cell_characters, row_characters = (
        limits.columns,
        limits.cell_characters,
        limits.row_characters,
    )
    most = columns + 1
    short = min(columns, cell_characters)  # a line this short is within every limit
    source = iter(lines)
    backlog: deque[str | OddLine] = deque()  # lines to read again after an unclosed quote
    odd: OddLine | None  # the row's odd line that says what is wrong with it, if any
    row = 0
    while True:
        if backlog:
            item = backlog.popleft()
        else:
            found_line = next(source, None)
            if found_line is None:
                return
            item = found_line
        row += 1
        if type(item) is str:
            line = item
            if '"' not in line and len(line) <= short:  # most rows: one line, no quote
                cells = line.rstrip("\r\n").split(delimiter)
                if any(cells):
                    yield row, cells
                continue
            odd = None
        else:
            assert isinstance(item, OddLine)
            if item.text is None:  # too long to be kept
                yield _problem(row, item)
                continue
            odd, line = item, item.text
        text = line
        if '"' not in line:
            if len(line) > columns and line.count(delimiter) >= columns:
                yield _too_wide(row, columns)
                continue
            cells = line.rstrip("\r\n").split(delimiter)
        else:
            found = first_line(line, most)
            if found is None:  # the row goes on, up to the line that closes its quote
                rest = _rest_of_row(line, source, backlog, reading, row_characters)
                if isinstance(rest, list):  # the rows after the line are read as they are
                    backlog.extendleft(reversed(rest))
                    yield RowProblem(
                        row=row,
                        code="row.quote_unclosed",
                        severity="error",
                        template=_QUOTE_UNCLOSED,
                        params={"limit": row_characters},
                    )
                    continue
                text, also = rest
                if also is not None and (odd is None or also.severity == "error"):
                    odd = also
                found = cells_of(text, most)
            cells = found
            if len(cells) > columns:
                yield _too_wide(row, columns)
                continue
        if odd is not None and odd.severity == "error":
            yield _problem(row, odd)
            continue
        if len(text) > cell_characters:
            oversized = _oversized(row, cells, cell_characters)
            if oversized is not None:
                yield oversized
                continue
        if not any(cells):
            continue
        if odd is not None:
            yield _problem(row, odd)
        yield row, cells


def _rest_of_row(
    line: str,
    source: Iterator[str | OddLine],
    backlog: deque[str | OddLine],
    reading: _Csv,
    row_characters: int,
) -> tuple[str, OddLine | None] | list[str | OddLine]:
    """Read the lines of a row whose first *line* ends inside a quoted cell.

    Returns:
        The row's text and the first odd line in it (an error first), when its quote closes;
        else the lines taken after the first one, to be read again as rows of their own.
    """
    opens, closes, delimiter = reading.opens, reading.closes, reading.delimiter
    taken: list[str | OddLine] = []  # the lines after the first, as they came
    parts = [line]
    size = len(line)
    odd: OddLine | None = None
    while True:
        following = backlog.popleft() if backlog else next(source, None)
        if following is None:
            return taken
        taken.append(following)
        if type(following) is not str:
            assert isinstance(following, OddLine)
            if following.text is None:  # too long: the row cannot end within the limit
                return taken
            if odd is None or (following.severity == "error" and odd.severity != "error"):
                odd = following
            following = following.text
        assert isinstance(following, str)
        parts.append(following)
        size += len(following)
        if size > row_characters:
            return taken
        closing = closes(following)
        if closing is not None:  # closed, unless another quoted cell opens after it
            end = closing.end()
            if (
                end == len(following)
                or following[end] != delimiter
                or opens(following, end + 1) is None
            ):
                return "".join(parts), odd


def _problem(row: int, odd: OddLine) -> RowProblem:
    """Return the problem of the row that starts at *row*, from one of its lines."""
    return RowProblem(
        row=row,
        code=odd.code,
        severity=odd.severity,
        template=odd.template,
        params=dict(odd.params),
    )


def _too_wide(row: int, limit: int) -> RowProblem:
    return RowProblem(
        row=row, code="row.too_wide", severity="error", template=_TOO_WIDE, params={"limit": limit}
    )


def _oversized(row: int, cells: list[str], limit: int) -> RowProblem | None:
    """Return the problem of the first cell of *cells* over *limit* characters, if any."""
    for index, cell in enumerate(cells):
        if len(cell) > limit:
            return RowProblem(
                row=row,
                code="cell.too_long",
                severity="error",
                template=_CELL_TOO_LONG,
                params={"found": len(cell), "limit": limit},
                column=index,
                value=cell[:_VALUE_SHOWN] + "…",
            )
    return None
