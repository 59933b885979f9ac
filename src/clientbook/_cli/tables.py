"""The tables the commands print for people, written as their rows come.

:func:`print_table` prints lines, a table, then lines: with rich (the ``cli`` extra), the
table rich draws (wrapped to the terminal, each row in its style when the terminal has
colours); without it, aligned plain text. The widths of the columns are measured in one pass
over the rows, then the rows are written :data:`_CHUNK` at a time: printing a table holds a
chunk of rows, however many it has. Every text given must already be
:func:`~clientbook._cli.escaping.printable`.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO, TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["Row", "Rows", "print_table"]

#: The width of a table that is not on a terminal (a pipe, a log): wide enough for the
#: messages to read as sentences.
_PIPE_WIDTH = 120
#: Rows of a table written at a time: all that the table holds in memory while it is printed.
_CHUNK = 100
#: Cells kept wrapped, so that a message that comes back (the same problem on many rows) is
#: wrapped once.
_WRAPPED = 256

#: The cells of a table's row, and its style (``None``: the terminal's colours).
Row = tuple[Sequence[str], str | None]
#: The rows of a table, given again each time it is called: once to measure, once to print.
Rows = Callable[[], Iterable[Row]]


def print_table(
    lines: Sequence[str],
    titles: Sequence[str],
    rows: Rows,
    after: Sequence[str],
    stream: IO[str],
    *,
    right: int | None,
    no_wrap: int,
) -> None:
    """Print *lines*, a table of *rows* under *titles*, then the lines *after* it.

    The table is written as its rows come, :data:`_CHUNK` at a time, with the widths of its
    columns measured first in one pass over *rows*: printing it holds no more than a chunk of
    rows, however many it has. With rich (the ``cli`` extra), the table is wrapped to the
    terminal and each row has its style when the terminal has colours; without it, it is
    aligned plain text. The column *right* is right-justified, the column *no_wrap* never
    wrapped. Every text must already be :func:`~clientbook._cli.escaping.printable`.
    """
    try:
        import rich  # noqa: F401 - comes with the cli extra
    except ImportError:
        _print_plain_table(lines, titles, rows, after, stream, right=right)
    else:
        _print_rich_table(lines, titles, rows, after, stream, right=right, no_wrap=no_wrap)


def _print_rich_table(
    lines: Sequence[str],
    titles: Sequence[str],
    rows: Rows,
    after: Sequence[str],
    stream: IO[str],
    *,
    right: int | None,
    no_wrap: int,
) -> None:
    """Print the table as rich draws one: wrapped to the terminal, errors in red in colour.

    The output is what ``rich.table.Table`` prints for the same rows (the tests compare them)
    but written a chunk of rows at a time, where ``Table`` renders every row before it writes
    the first: its widths come from :func:`_column_widths`, its cells are wrapped by rich.
    """
    from rich import box
    from rich.cells import cell_len
    from rich.console import Console
    from rich.padding import Padding
    from rich.segment import Segment, Segments
    from rich.text import Text

    # Not a terminal (a pipe, a log): wide enough for the messages to read as sentences.
    width = None if stream.isatty() else _PIPE_WIDTH
    console = Console(file=stream, width=width, markup=False, emoji=False, highlight=False)
    unicode = (getattr(stream, "encoding", None) or "").lower().replace("-", "").startswith("utf")
    for line in lines:
        console.print(Text(line), soft_wrap=True)
    longest = _longest_cells(titles, rows(), cell_len)
    if longest is not None:
        frame = (box.ROUNDED if unicode else box.ASCII).substitute(
            console.options, safe=console.safe_box
        )
        count = len(titles)
        widths = _column_widths(console, titles, longest, no_wrap=no_wrap)
        justify: list[Literal["left", "right"]] = [
            "right" if index == right else "left" for index in range(count)
        ]

        @functools.lru_cache(maxsize=_WRAPPED)
        def cell_lines(text: str, column: int) -> list[tuple[str, ...]]:
            """Return the lines of *text* in *column*: the texts of each line's segments."""
            inside = widths[column] - 2
            if inside < 1:  # a terminal too narrow for the table: rich's own way, if slower
                options = console.options.update(
                    width=widths[column],
                    justify=justify[column],
                    no_wrap=column == no_wrap,
                    overflow="ellipsis",
                    height=None,
                    highlight=False,
                )
                rendered = console.render_lines(Padding(Text(text), (0, 1)), options)
                return [
                    tuple(part.text for part in Segment.adjust_line_length(line, widths[column]))
                    for line in rendered
                ]
            length = cell_len(text)
            if length <= inside:  # most cells: one line, without the cost of wrapping
                if justify[column] == "right":
                    text = text.rstrip()
                    return [(" ", " " * (inside - cell_len(text)) + text, " ")]
                return [(" ", text + " " * (inside - length), " ")]
            wrapped = Text(text).wrap(
                console,
                inside,
                justify=justify[column],
                overflow="ellipsis",
                no_wrap=column == no_wrap,
            )
            return [(" ", line.plain, " ") for line in wrapped]

        def row_lines(
            cells: Sequence[str], *, header: bool = False
        ) -> tuple[list[list[tuple[str, ...]]], bool]:
            """Return the lines of a row, each the texts of its columns' segments.

            And whether its cells have a line at all: on a terminal too narrow for any of
            them, a row is one line of blanks, that takes no style.
            """
            columns = [cell_lines(cell, index) for index, cell in enumerate(cells)]
            height = max(len(column) for column in columns)
            lines = []
            for line in range(height or 1):
                parts = []
                for index, column in enumerate(columns):
                    # The header's cells are aligned at the bottom, the others at the top.
                    at = line - (height - len(column)) if header else line
                    parts.append(column[at] if 0 <= at < len(column) else (" " * widths[index],))
                lines.append(parts)
            return lines, height > 0

        def row_segments(
            cells: Sequence[str], style_name: str | None, edge: str, *, header: bool = False
        ) -> Iterator[Segment]:
            """Yield the segments of one row: its cells side by side, between the rules."""
            left, vertical, right_edge = (
                Segment(getattr(frame, f"{edge}_{part}")) for part in ("left", "vertical", "right")
            )
            lines, styled = row_lines(cells, header=header)
            style = console.get_style(style_name) if style_name and styled else None
            for parts in lines:
                yield left
                for index, column in enumerate(parts):
                    if index:
                        yield vertical
                    for part in column:
                        yield Segment(part, style)
                yield right_edge
                yield Segment.line()

        def row_text(cells: Sequence[str], edge: str) -> str:
            """Return the lines of one row as text: what its segments print without colours."""
            left, vertical, right_edge = (
                getattr(frame, f"{edge}_{part}") for part in ("left", "vertical", "right")
            )
            return "".join(
                f"{left}{vertical.join(''.join(column) for column in parts)}{right_edge}\n"
                for parts in row_lines(cells)[0]
            )

        # A table wider than the terminal (narrower than its rules) is cut at its edge, as rich
        # cuts it; the others need no cutting, which would cost a third of the time.
        fits = sum(widths) + count + 1 <= console.width

        def rule(text: str) -> list[Segment]:
            return [Segment(text), Segment.line()]

        console.print(
            Segments(
                [
                    *rule(frame.get_top(widths)),
                    *row_segments(titles, "bold", "head", header=True),
                    *rule(frame.get_row(widths, "head", edge=True)),
                ]
            ),
            soft_wrap=fits,
        )
        # Without colours (a pipe, a file), segments would print as their texts: the text is
        # written at once, for a fifth of the time.
        as_text = console.color_system is None and not console.is_terminal and fits
        chunk: list[Segment] = []
        text: list[str] = []
        rows_in_chunk = 0
        iterator = iter(rows())
        upcoming = next(iterator, None)
        while upcoming is not None:
            cells, style_name = upcoming
            upcoming = next(iterator, None)
            edge = "mid" if upcoming else "foot"
            if as_text:
                text.append(row_text(cells, edge))
            else:
                chunk.extend(row_segments(cells, style_name, edge))
            rows_in_chunk += 1
            if rows_in_chunk == _CHUNK or upcoming is None:
                if as_text:
                    stream.write("".join(text))
                else:
                    console.print(Segments(chunk), soft_wrap=fits)
                chunk, text, rows_in_chunk = [], [], 0
        console.print(Segments(rule(frame.get_bottom(widths))), soft_wrap=fits)
    for line in after:
        console.print(Text(line, style="bold"), soft_wrap=True)


def _longest_cells(
    titles: Sequence[str], rows: Iterable[Row], length: Callable[[str], int]
) -> list[str] | None:
    """Return the widest cell of each column, titles included; ``None``: the table has no row."""
    longest = list(titles)
    widths = [length(title) for title in titles]
    empty = True
    for cells, _style in rows:
        empty = False
        for index, cell in enumerate(cells):
            width = length(cell)
            if width > widths[index]:
                widths[index] = width
                longest[index] = cell
    return None if empty else longest


def _column_widths(
    console: Console, titles: Sequence[str], longest: Sequence[str], *, no_wrap: int
) -> list[int]:
    """Return the width of each column, its padding included, as ``rich.table.Table`` sets it.

    rich sets a column's width from its widest cell alone, then shrinks the columns that
    wrap when the table is wider than the terminal: so a table of the titles and the widest
    cell of each column, measured by rich itself, has the widths of the whole table. The tests
    compare the tables drawn a chunk at a time with rich's own.
    """
    from rich.table import Table

    probe = Table(*titles)
    probe.columns[no_wrap].no_wrap = True
    probe.add_row(*longest)
    # Table.__rich_console__ measures its columns so, within the terminal less its rules;
    # the method is rich's, private, and pinned by the tests that draw both.
    room = console.options.update_width(console.width - probe._extra_width)
    return probe._calculate_column_widths(console, room)


def _print_plain_table(
    lines: Sequence[str],
    titles: Sequence[str],
    rows: Rows,
    after: Sequence[str],
    stream: IO[str],
    *,
    right: int | None,
) -> None:
    """Print an aligned text table, when rich is not installed, as its rows come."""
    for line in lines:
        stream.write(line + "\n")
    longest = _longest_cells(titles, rows(), len)
    if longest is not None:
        widths = [len(cell) for cell in longest]
        for row in itertools.chain([tuple(titles)], (cells for cells, _style in rows())):
            cells = [
                cell.rjust(width) if index == right else cell.ljust(width)
                for index, (cell, width) in enumerate(zip(row, widths, strict=True))
            ]
            cells[-1] = row[-1]
            stream.write("  ".join(cells).rstrip() + "\n")
    for line in after:
        stream.write(line + "\n")
