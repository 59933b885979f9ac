"""What the ``clientbook`` commands print: JSON documents, tables, a progress bar, errors.

- ``--format json``: :func:`report_document` (``check``, and ``import`` with what it stored)
  and :func:`search_document` (``search``), printed by :func:`print_json`, one JSON object on
  stdout, in the shape ``docs/cli.md`` documents.
- ``--format table`` (the default): :func:`print_report` and :func:`print_clients`, for people.
  With rich (the ``cli`` extra) the table is wrapped to the terminal and coloured when it has
  colours; without it, aligned plain text (drawn by :mod:`clientbook._cli.tables`, as the
  rows come). rich is imported when a table or a bar is shown. Every text they print from a
  file goes through :func:`~clientbook._cli.escaping.printable`.
- :func:`progress_bar`: a bar on stderr while a large file is read, when stderr is a terminal.
- :func:`fail`: the one-line message on stderr of a command that cannot run.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import IO, TYPE_CHECKING

from clientbook._base.i18n import N_, translate
from clientbook._cli.escaping import printable
from clientbook._cli.tables import Row, print_table
from clientbook._files.reading import quote_all

if TYPE_CHECKING:
    from clientbook._files.problems import FileProblem, FileReport
    from clientbook._files.reading import Layout
    from clientbook._records.client import Client

__all__ = [
    "JSON_SCHEMA",
    "PROGRESS_THRESHOLD",
    "error_document",
    "fail",
    "print_clients",
    "print_json",
    "print_report",
    "progress_bar",
    "replacing",
    "report_document",
    "search_document",
]

#: The version of the JSON documents the commands print (``"schema"``): it changes when a key
#: is removed or changes meaning, not when one is added.
JSON_SCHEMA = 1

#: Files of more lines than this get a progress bar, when stderr is a terminal.
PROGRESS_THRESHOLD = 5_000


def replacing(stream: IO[str]) -> IO[str]:
    """Return *stream*, made to replace what its encoding cannot write (a cp1252 console)."""
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "")
    if not encoding.startswith("utf") and isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(errors="replace")
    return stream


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

    ``rows`` and ``problems`` have the shape documented in ``docs/cli.md`` (each problem with
    the cell's ``value``); ``summary`` counts the problems; ``columns`` maps each recognised
    field to its header as in the file; ``unused_columns`` lists the other headers; ``schema``
    is :data:`JSON_SCHEMA`.
    """
    layout = report.layout
    return {
        "schema": JSON_SCHEMA,
        "file": str(layout.path),
        "rows": report.rows,
        "problems": [
            {
                "row": problem.row,
                "column": problem.column,
                "field": problem.field,
                "code": problem.code,
                "value": problem.value,
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
        "unused_columns": report.unused_columns(),
        "encoding": layout.encoding,
        "delimiter": layout.delimiter,
        "header_row": layout.header_row,
    }


def search_document(
    typed: str, database: str, tenant: str, clients: Sequence[Client]
) -> dict[str, object]:
    """Return the JSON document of ``clientbook search --format json``."""
    return {
        "schema": JSON_SCHEMA,
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


def error_document(code: str, message: str) -> dict[str, object]:
    """Return the JSON document of a command that could not do its work (exit status 2)."""
    return {"schema": JSON_SCHEMA, "error": {"code": code, "message": message}}


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
    unused = report.unused_columns()
    if unused:
        lines.append(
            translate(
                N_("Unused columns: {columns}"), language, columns=quote_all(unused, language)
            )
        )
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

    def rows() -> Iterator[Row]:
        for problem in report.problems:
            yield _table_row(problem, severities), _STYLES[problem.severity]

    print_table(
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
    "registry": N_("trade register (SIRET or SIREN)"),
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

    def rows() -> Iterator[Row]:
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
    print_table([], titles, rows, [printable(summary)], stream, right=None, no_wrap=0)
