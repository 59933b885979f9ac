r"""What the ``clientbook`` commands print: JSON documents, tables, a progress bar, errors.

- ``--format json``: :func:`report_document` (``check``, and ``import`` with what it stored)
  and :func:`search_document` (``search``), printed by :func:`print_json`, one JSON object on
  stdout, in the shape ``docs/cli.md`` documents.
- ``--format table`` (the default): :func:`print_report` and :func:`print_clients`, for people.
  With rich (the ``cli`` extra) the table is wrapped to the terminal and coloured when it has
  colours; without it, aligned plain text. rich is imported when a table or a bar is shown.
  The table is printed as its rows come, a few at a time, in the memory of those few rows.
- :func:`printable`: what every text printed for people goes through, so that the control
  characters of a file are shown (``\x1b``, ``↵``), never obeyed by a terminal.
- :func:`progress_bar`: a bar on stderr while a large file is read, when stderr is a terminal.
- :func:`fail`: the one-line message on stderr of a command that cannot run.
"""

from __future__ import annotations

import contextlib
import functools
import io
import itertools
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO, TYPE_CHECKING, Literal

from clientbook._base.i18n import N_, translate
from clientbook._files.reading import quote_all

if TYPE_CHECKING:
    from clientbook._files.problems import FileProblem, FileReport
    from clientbook._files.reading import Layout
    from clientbook._records.client import Client

__all__ = [
    "PROGRESS_THRESHOLD",
    "fail",
    "print_clients",
    "print_json",
    "print_report",
    "printable",
    "progress_bar",
    "replacing",
    "report_document",
    "search_document",
]

#: Files of more lines than this get a progress bar, when stderr is a terminal.
PROGRESS_THRESHOLD = 5_000


def replacing(stream: IO[str]) -> IO[str]:
    """Return *stream*, made to replace what its encoding cannot write (a cp1252 console)."""
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "")
    if not encoding.startswith("utf") and isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(errors="replace")
    return stream


#: What a terminal would obey or what disguises text, in a file's cells, headers or name:
#: the C0 and C1 control characters and DEL (Unicode category Cc), the format characters (Cf:
#: the bidirectional controls U+202A-U+202E and U+2066-U+2069, the marks U+200E and U+200F,
#: the zero-width characters, the soft hyphen...), the line and paragraph separators (Zl, Zp)
#: and lone surrogates (Cs). A test checks the list against the Unicode data of Python.
_HIDDEN = re.compile(
    r"[\x00-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    r"\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ud800-\udfff\ufeff\ufff9-\ufffb"
    r"\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    r"\U000e0001\U000e0020-\U000e007f]"
)
#: Line breaks: a line feed, a carriage return, both, NEL, the line and paragraph separators.
_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


def printable(text: str) -> str:
    r"""Return *text* as it is printed for people: what a terminal would obey shown, not obeyed.

    A line break becomes ``↵``, a tab ``\t``; every other control or format character
    becomes its escape: ``\x1b`` (ESC, that starts the sequences that clear a screen, colour
    text, set a window's title or make a link), ``\x07`` (BEL), ``\u202e`` (that shows the
    text after it right to left), ``\ud800`` (a lone surrogate). The rest is left as it is.

    >>> printable("Boulangerie Martin")
    'Boulangerie Martin'
    >>> print(printable("Martin\x1b[2J\x07 SARL\u202e\r\n12 rue de la Paix"))
    Martin\x1b[2J\x07 SARL\u202e↵12 rue de la Paix
    """
    if _HIDDEN.search(text) is None:
        return text
    return _HIDDEN.sub(_escape, _LINE_BREAK.sub("↵", text))


def _escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    if code == 0x09:
        return "\\t"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def fail(message: str, language: str) -> None:
    """Print a one-line error on stderr; what it quotes is :func:`printable`."""
    text = translate(N_("{prog}: error: {message}"), language, prog="clientbook", message=message)
    print(printable(text), file=sys.stderr)


@contextlib.contextmanager
def progress_bar(
    layout: Layout, language: str, stream: IO[str], doing: str = N_("Checking {path}")
) -> Iterator[Callable[[int], None] | None]:
    """Show a progress bar on *stream* while a large file is checked, if it is a terminal.

    Yields the callback to give :func:`~clientbook._files.check.check_records`, or ``None``
    when there is no bar (a small file, *stream* not a terminal, or rich not installed: it
    comes with the ``cli`` extra).
    """
    if layout.line_count <= PROGRESS_THRESHOLD or not stream.isatty():
        yield None
        return
    try:
        from rich.console import Console
        from rich.progress import Progress
    except ImportError:
        yield None
        return
    from rich.markup import escape

    # The description is rich markup: a file named "[red]x.csv" is not a style.
    description = escape(printable(translate(doing, language, path=layout.path.name)))
    with Progress(console=Console(file=stream), transient=True) as progress:
        task = progress.add_task(description, total=layout.line_count)
        yield lambda row: progress.update(task, completed=row)


def report_document(report: FileReport) -> dict[str, object]:
    """Return the JSON document of ``clientbook check --format json`` for *report*.

    ``rows`` and ``problems`` have the shape documented in ``docs/cli.md``; ``summary`` counts
    the problems; ``columns`` maps each recognised field to its header as in the file.
    """
    layout = report.layout
    return {
        "file": str(layout.path),
        "rows": report.rows,
        "problems": [
            {
                "row": problem.row,
                "column": problem.column,
                "field": problem.field,
                "code": problem.code,
                "message": problem.message,
                "severity": problem.severity,
            }
            for problem in report.problems
        ],
        "summary": {
            "errors": report.errors,
            "warnings": report.warnings,
            "rows_with_errors": report.rows_with_errors,
            "by_code": report.counts_by_code(),
        },
        "columns": report.columns(),
        "encoding": layout.encoding,
        "delimiter": layout.delimiter,
        "header_row": layout.header_row,
    }


def search_document(
    typed: str, database: str, tenant: str, clients: Sequence[Client]
) -> dict[str, object]:
    """Return the JSON document of ``clientbook search --format json``."""
    return {
        "typed": typed,
        "database": database,
        "tenant": tenant,
        "clients": [
            {
                "id": client.id,
                "name": client.display_name,
                "postal_code": client.address.postal_code if client.address else "",
                "city": client.address.city if client.address else "",
                "siren": client.siren,
                "siret": client.siret,
                "vat_number": client.vat_number,
                "active": client.active,
            }
            for client in clients
        ],
    }


def print_json(document: dict[str, object], stream: IO[str]) -> None:
    """Print *document* as one JSON object; ASCII escapes if *stream* cannot take the text."""
    try:
        stream.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    except UnicodeEncodeError:
        stream.write(json.dumps(document, indent=2) + "\n")
    stream.flush()


def print_report(
    report: FileReport, language: str, stream: IO[str], *, after: Sequence[str] = ()
) -> None:
    """Print the report for people: how the file was read, the problems, a summary line.

    *after* are lines printed after the summary (what an import stored).
    """
    layout = report.layout
    lines = [
        translate(
            N_("{path}: {encoding}, delimiter {delimiter}, header on row {row}"),
            language,
            path=layout.path,
            encoding=translate(_ENCODINGS[layout.encoding], language),
            delimiter=(
                translate(N_("tab"), language)
                if layout.delimiter == "\t"
                else quote_all((layout.delimiter,), language)
            ),
            row=layout.header_row,
        ),
        translate(
            N_("Recognised columns: {columns}"),
            language,
            columns=", ".join(
                f"{translate(_FIELD_NAMES[field], language)} {quote_all((header,), language)}"
                for field, header in report.columns().items()
            ),
        ),
    ]
    summary = translate(
        N_(
            "Rows read: {rows} · errors: {errors} · rows with errors: {error_rows} · "
            "warnings: {warnings}"
        ),
        language,
        rows=report.rows,
        errors=report.errors,
        error_rows=report.rows_with_errors,
        warnings=report.warnings,
    )
    if not report.problems:
        lines += ["", translate(N_("No problem found."), language)]
    severities = {
        "error": translate(N_("error"), language),
        "warning": translate(N_("warning"), language),
    }

    def rows() -> Iterator[_Row]:
        for problem in report.problems:
            yield _table_row(problem, severities), _STYLES[problem.severity]

    _print_table(
        [printable(line) for line in lines],
        [translate(title, language) for title in _TITLES],
        rows,
        [printable(line) for line in (summary, *after)],
        stream,
        right=0,
        no_wrap=3,
    )


_ENCODINGS = {
    "utf-8": "UTF-8",
    "utf-8-sig": N_("UTF-8 with BOM"),
    "cp1252": "Windows-1252",
    "utf-16": "UTF-16",
}
_FIELD_NAMES = {
    "id": N_("client code"),
    "kind": N_("company or individual"),
    "name": N_("company name"),
    "website": N_("website"),
    "company_type": N_("company type"),
    "language": N_("language"),
    "source": N_("source"),
    "address": N_("address"),
    "address2": N_("address line 2"),
    "postal_code": N_("postal code"),
    "city": N_("city"),
    "country": N_("country"),
    "billing_address": N_("billing address"),
    "billing_address2": N_("billing address line 2"),
    "billing_postal_code": N_("billing postal code"),
    "billing_city": N_("billing city"),
    "billing_country": N_("billing country"),
    "parent_id": N_("parent company"),
    "siren": "SIREN",
    "siret": "SIRET",
    "vat": N_("VAT number"),
    "naf": N_("APE code"),
    "accounting_account": N_("accounting account"),
    "active": N_("active"),
    "owner": N_("owner"),
    "civility": N_("civility"),
    "first_name": N_("first name"),
    "last_name": N_("last name"),
    "email": N_("e-mail"),
    "position": N_("position"),
    "direct_phone": N_("direct phone"),
    "mobile_phone": N_("mobile phone"),
    "switchboard_phone": N_("switchboard"),
    "contact_source": N_("contact source"),
}

_TITLES = (N_("Row"), N_("Column"), N_("Value"), N_("Severity"), N_("Problem"))
_CLIENT_TITLES = (N_("Code"), N_("Client"), N_("City"), "SIREN")
_MAX_VALUE = 40
_STYLES = {"error": "red", "warning": "yellow"}
_PIPE_WIDTH = 120
#: Rows of a table written at a time: all that the table holds in memory while it is printed.
_CHUNK = 100
#: Cells kept wrapped, so that a message that comes back (the same problem on many rows) is
#: wrapped once.
_WRAPPED = 256

#: The cells of a table's row, and its style (``None``: the terminal's colours).
_Row = tuple[Sequence[str], str | None]
#: The rows of a table, given again each time it is called: once to measure, once to print.
_Rows = Callable[[], Iterable[_Row]]


def _table_row(problem: FileProblem, severities: dict[str, str]) -> tuple[str, ...]:
    """Return the cells of *problem*'s line in the table; a long value is shortened."""
    value = " ".join(printable(problem.value).split())
    if len(value) > _MAX_VALUE:
        value = value[: _MAX_VALUE - 1] + "…"
    return (
        str(problem.row),
        printable(problem.column) if problem.column is not None else "—",
        value,
        severities[problem.severity],
        printable(problem.message),
    )


def print_clients(typed: str, clients: Sequence[Client], language: str, stream: IO[str]) -> None:
    """Print the clients found as a user reads them: name, city, SIREN, archived or not."""
    from clientbook.identifiers import siren

    def rows() -> Iterator[_Row]:
        for client in clients:
            name = client.display_name or "—"
            if not client.active:
                name = translate(N_("{name} (archived)"), language, name=name)
            address = client.address
            city = " ".join(f"{address.postal_code} {address.city}".split()) if address else ""
            number = siren.format(client.siren) if siren.is_valid(client.siren) else client.siren
            cells = (client.id, name, city or "—", number or "—")
            yield tuple(printable(cell) for cell in cells), None if client.active else "dim"

    quoted = quote_all((typed,), language)
    summary = (
        translate(
            N_("Clients found for {typed}: {count}"), language, typed=quoted, count=len(clients)
        )
        if clients
        else translate(N_("No client found for {typed}."), language, typed=quoted)
    )
    titles = [translate(title, language) for title in _CLIENT_TITLES]
    _print_table([], titles, rows, [printable(summary)], stream, right=None, no_wrap=0)


def _print_table(
    lines: Sequence[str],
    titles: Sequence[str],
    rows: _Rows,
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
    wrapped. Every text must already be :func:`printable`.
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
    rows: _Rows,
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
        widths = _column_widths(
            longest, [index != no_wrap for index in range(count)], console.width - count - 1
        )
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
    titles: Sequence[str], rows: Iterable[_Row], length: Callable[[str], int]
) -> list[int] | None:
    """Return the width of the widest cell of each column, titles included; ``None``: no row."""
    longest = [length(title) for title in titles]
    empty = True
    for cells, _style in rows:
        empty = False
        for index, cell in enumerate(cells):
            width = length(cell)
            if width > longest[index]:
                longest[index] = width
    return None if empty else longest


def _column_widths(longest: Sequence[int], wrapable: Sequence[bool], room: int) -> list[int]:
    """Return the width of each column, its padding included, as ``rich.table.Table`` sets it.

    *longest* is each column's widest cell, *room* the width of the terminal less the rules.
    Each column is as wide as its widest cell plus its padding; when they do not fit, the
    widest *wrapable* columns shrink first, and then all of them evenly. This is
    ``Table._calculate_column_widths`` of rich (MIT licence) for cells of text, a table that
    does not expand and has no minimum width: the tests check it against rich's own tables.
    """
    widths = [max(min(width + 2, room), 1) for width in longest]
    excess = sum(widths) - room
    if excess <= 0:
        return widths
    if any(wrapable):
        while sum(widths) and excess > 0:
            widest = max(width for width, wraps in zip(widths, wrapable, strict=True) if wraps)
            next_widest = max(
                width if wraps and width != widest else 0
                for width, wraps in zip(widths, wrapable, strict=True)
            )
            ratios = [
                int(width == widest and wraps)
                for width, wraps in zip(widths, wrapable, strict=True)
            ]
            if not widest - next_widest:
                break
            most = [min(excess, widest - next_widest)] * len(widths)
            widths = _ratio_reduce(excess, ratios, most, widths)
            excess = sum(widths) - room
    if excess > 0:  # the columns that never wrap do not fit either
        widths = _ratio_reduce(excess, [1] * len(widths), widths, widths)
    return widths


def _ratio_reduce(
    total: int, ratios: Sequence[int], most: Sequence[int], values: Sequence[int]
) -> list[int]:
    """Return *values*, *total* taken off them in proportion to *ratios*, at most *most* each.

    ``rich._ratio.ratio_reduce`` (MIT licence).
    """
    ratios = [ratio if limit else 0 for ratio, limit in zip(ratios, most, strict=True)]
    left_ratio = sum(ratios)
    if not left_ratio:
        return list(values)
    left = total
    result = []
    for ratio, limit, value in zip(ratios, most, values, strict=True):
        if ratio and left_ratio > 0:
            taken = min(limit, round(ratio * left / left_ratio))
            result.append(value - taken)
            left -= taken
            left_ratio -= ratio
        else:
            result.append(value)
    return result


def _print_plain_table(
    lines: Sequence[str],
    titles: Sequence[str],
    rows: _Rows,
    after: Sequence[str],
    stream: IO[str],
    *,
    right: int | None,
) -> None:
    """Print an aligned text table, when rich is not installed, as its rows come."""
    for line in lines:
        stream.write(line + "\n")
    widths = _longest_cells(titles, rows(), len)
    if widths is not None:
        for row in itertools.chain([tuple(titles)], (cells for cells, _style in rows())):
            cells = [
                cell.rjust(width) if index == right else cell.ljust(width)
                for index, (cell, width) in enumerate(zip(row, widths, strict=True))
            ]
            cells[-1] = row[-1]
            stream.write("  ".join(cells).rstrip() + "\n")
    for line in after:
        stream.write(line + "\n")
