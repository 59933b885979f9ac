"""The ``clientbook`` command: ``clientbook check FILE`` checks every row of a client file.

Exit status: 0 when no row has an error (warnings allowed), 1 when some do, 2 when the file
cannot be read at all or the command line is wrong. A file that cannot be read gets a one-line
message on stderr, never a traceback. Messages are in French unless ``--locale en`` is given:
the language is never read from the environment.

This module is imported by the console script only; ``import clientbook`` does not load it.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import json
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import IO, Any, NoReturn

from clientbook._clientfile import FIELDS, ClientFileError, Layout, open_client_file, quote_all
from clientbook._filecheck import FileProblem, FileReport, check_records
from clientbook._i18n import LOCALES, N_, normalize_locale, translate

__all__ = ["main", "report_document"]

#: Files of more lines than this get a progress bar, when stderr is a terminal.
PROGRESS_THRESHOLD = 5_000

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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``clientbook`` command with *argv* (default: ``sys.argv[1:]``).

    Args:
        argv: the arguments, without the program name.

    Returns:
        The exit status: 0, 1 or 2 (see the module's docstring); 130 when interrupted with
        Ctrl+C, 1 when the reader of the output went away (``| head``).
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    language = _requested_language(arguments)
    try:
        options = _parser(language).parse_args(arguments)
    except SystemExit as exit_:  # --help, --version, or a usage error already reported
        return exit_.code if isinstance(exit_.code, int) else 2
    try:
        return _check(options, options.locale or options.global_locale or "fr")
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (``clientbook check ... | head``)
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _requested_language(arguments: Sequence[str]) -> str:
    """Return the language asked with ``--locale``, for help texts; French otherwise."""
    for index, argument in enumerate(arguments):
        if argument == "--locale" and index + 1 < len(arguments):
            value = arguments[index + 1]
        elif argument.startswith("--locale="):
            value = argument.partition("=")[2]
        else:
            continue
        with contextlib.suppress(ValueError):
            return normalize_locale(value)
    return "fr"


class _Formatter(argparse.HelpFormatter):
    """Help formatter whose ``usage:`` prefix is translated."""

    def __init__(self, prog: str, *, language: str) -> None:
        super().__init__(prog, max_help_position=30)
        self._language = language

    def start_section(self, heading: str | None) -> None:
        """Start a section; French puts a space before the colon that follows its heading."""
        if heading and self._language == "fr":
            heading += " "
        super().start_section(heading)

    def add_usage(
        self,
        usage: str | None,
        actions: Any,
        groups: Any,
        prefix: str | None = None,
    ) -> None:
        """Add the usage line, with the translated prefix."""
        if prefix is None:
            prefix = translate(N_("usage: "), self._language)
        super().add_usage(usage, actions, groups, prefix)


class _Parser(argparse.ArgumentParser):
    """An argument parser that speaks the language asked for."""

    def __init__(self, *args: Any, language: str = "fr", **kwargs: Any) -> None:
        kwargs.update(add_help=False, allow_abbrev=False)
        super().__init__(*args, **kwargs)
        self.language = language

    def _get_formatter(self) -> argparse.HelpFormatter:
        return _Formatter(self.prog, language=self.language)

    def error(self, message: str) -> NoReturn:
        """Print the usage and *message* on stderr; exit with status 2."""
        self.print_usage(sys.stderr)
        text = translate(
            N_("{prog}: error: {message}"),
            self.language,
            prog=self.prog,
            message=_argparse_message(message, self.language),
        )
        self.exit(2, text + "\n")


# argparse's own messages, as Python 3.11 words them; another wording is shown untranslated.
_ARGUMENT = re.compile(r"argument (?P<name>[^:]+): (?P<message>.+)", re.DOTALL)
_ARGPARSE_MESSAGES = (
    (
        re.compile(r"the following arguments are required: (?P<names>.+)"),
        N_("these arguments are missing: {names}"),
    ),
    (
        re.compile(r"unrecognized arguments: (?P<names>.+)"),
        N_("these arguments are not understood: {names}"),
    ),
    (
        re.compile(r"invalid choice: (?P<value>.+) \(choose from (?P<choices>.+)\)"),
        N_("{value} is not one of: {choices}"),
    ),
    (re.compile(r"expected one argument"), N_("a value is expected")),
)


def _argparse_message(message: str, language: str) -> str:
    """Return an error *message* of argparse in *language*, when its wording is known."""
    argument = _ARGUMENT.fullmatch(message)
    text = argument["message"] if argument else message
    for pattern, template in _ARGPARSE_MESSAGES:
        match = pattern.fullmatch(text)
        if match:
            text = translate(template, language, **match.groupdict())
            break
    if argument:
        return translate(N_("{name}: {message}"), language, name=argument["name"], message=text)
    return text


def _parser(language: str) -> _Parser:
    """Return the parser of the command line, its help in *language*."""

    def _(message: str, **params: object) -> str:
        return translate(message, language, **params)

    from clientbook import __version__

    parser = _Parser(
        prog="clientbook",
        description=_(N_("Client-record rules for French business software.")),
        language=language,
    )
    general = parser.add_argument_group(_(N_("options")))
    general.add_argument("-h", "--help", action="help", help=_(N_("show this help and exit")))
    general.add_argument(
        "--locale",
        dest="global_locale",
        type=_locale(language),
        metavar="{fr,en}",
        help=_(N_("language of the messages: fr (default) or en")),
    )
    general.add_argument(
        "--version",
        action="version",
        version=f"clientbook {__version__}",
        help=_(N_("show the version and exit")),
    )
    commands = parser.add_subparsers(
        title=_(N_("commands")), dest="command", required=True, metavar=_(N_("COMMAND"))
    )
    check = commands.add_parser(
        "check",
        help=_(N_("check every row of a client file")),
        description=_(
            N_(
                "Check every row of a client file (CSV exported from a spreadsheet or another "
                "tool): its identifiers, addresses, contact, required fields, and the rows "
                "that describe the same client; end with a summary."
            )
        ),
        language=language,
    )
    positional = check.add_argument_group(_(N_("arguments")))
    positional.add_argument("file", metavar=_(N_("FILE")), help=_(N_("the client file (CSV)")))
    options = check.add_argument_group(_(N_("options")))
    options.add_argument("-h", "--help", action="help", help=_(N_("show this help and exit")))
    options.add_argument(
        "--format",
        type=_choice(("table", "json"), language),
        default="table",
        metavar="{table,json}",
        help=_(N_("table (default) for people, json for programs")),
    )
    options.add_argument(
        "--column",
        type=_column_override(language),
        action="append",
        default=[],
        metavar=_(N_("FIELD=HEADER")),
        help=_(
            N_(
                "the header of the column holding FIELD, when it is not recognised; FIELD is "
                "one of {fields}; repeat the option for several fields"
            ),
            fields=", ".join(FIELDS),
        ),
    )
    options.add_argument(
        "--strict",
        action="store_true",
        help=_(
            N_(
                "require every field the default policy requires (company name, primary "
                "contact's first name, last name, e-mail and direct phone, SIREN), even when "
                "the file has no column for it"
            )
        ),
    )
    options.add_argument(
        "--locale",
        type=_locale(language),
        metavar="{fr,en}",
        help=_(N_("language of the messages: fr (default) or en")),
    )
    return parser


def _choice(choices: tuple[str, ...], language: str) -> Callable[[str], str]:
    def parse(value: str) -> str:
        if value in choices:
            return value
        raise argparse.ArgumentTypeError(
            translate(
                N_("{value} is not one of: {choices}"),
                language,
                value=value,
                choices=", ".join(choices),
            )
        )

    return parse


def _column_override(language: str) -> Callable[[str], tuple[str, str]]:
    def parse(value: str) -> tuple[str, str]:
        field, equals, header = value.partition("=")
        field = field.strip().lower()
        if not equals or not header.strip():
            raise argparse.ArgumentTypeError(
                translate(
                    N_('write FIELD=HEADER, such as siret="N° d\'établissement"; not {value}'),
                    language,
                    value=value,
                )
            )
        if field not in FIELDS:
            raise argparse.ArgumentTypeError(
                translate(
                    N_("{field} is not a field; choose one of: {fields}"),
                    language,
                    field=field,
                    fields=", ".join(FIELDS),
                )
            )
        return field, header

    return parse


def _locale(language: str) -> Callable[[str], str]:
    def parse(value: str) -> str:
        try:
            return normalize_locale(value)
        except ValueError:
            raise argparse.ArgumentTypeError(
                translate(
                    N_("no messages in {value}; choose one of: {locales}"),
                    language,
                    value=value,
                    locales=", ".join(LOCALES),
                )
            ) from None

    return parse


def _check(options: argparse.Namespace, language: str) -> int:
    """Run ``clientbook check``; return the exit status."""
    try:
        overrides = dict(options.column)
        with (
            open_client_file(options.file, column_overrides=overrides) as (layout, records),
            _progress(layout, language, sys.stderr) as on_progress,
            _fewer_collections(),
        ):
            report = check_records(
                layout,
                records,
                locale=language,
                strict=options.strict,
                on_progress=on_progress,
            )
    except ClientFileError as error:
        _fail(error.message(language), language)
        return 2
    except (OSError, UnicodeDecodeError) as error:  # the file changed while it was read
        _fail(
            translate(
                N_("{path} cannot be read: {reason}."),
                language,
                path=options.file,
                reason=getattr(error, "strerror", None) or str(error),
            ),
            language,
        )
        return 2
    if options.format == "json":
        _print_json(report, sys.stdout)
    else:
        _print_table(report, language, _replacing(sys.stdout))
    return 1 if report.errors else 0


#: Allocations between two collections of the youngest generation while a file is checked.
GC_THRESHOLD = 10_000


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """Let the garbage collector look for cycles less often while a file is checked.

    Each row allocates a few hundred short-lived objects, freed by reference counting as soon
    as the row is done; with Python's default threshold (a collection every 700 allocations)
    the collector spent 10 to 15 % of the time of a 100,000-row file looking for cycles that
    are not there (measured with ``benchmarks/compare_check.py``). The thresholds are put
    back afterwards.
    """
    thresholds = gc.get_threshold()
    gc.set_threshold(max(thresholds[0], GC_THRESHOLD), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def _replacing(stream: IO[str]) -> IO[str]:
    """Return *stream*, made to replace what its encoding cannot write (a cp1252 console)."""
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "")
    if not encoding.startswith("utf") and isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(errors="replace")
    return stream


def _fail(message: str, language: str) -> None:
    """Print a one-line error on stderr."""
    text = translate(N_("{prog}: error: {message}"), language, prog="clientbook", message=message)
    print(text.replace("\n", " "), file=sys.stderr)


@contextlib.contextmanager
def _progress(
    layout: Layout, language: str, stream: IO[str]
) -> Iterator[Callable[[int], None] | None]:
    """Show a progress bar on *stream* while a large file is checked, if it is a terminal.

    Yields the callback to give :func:`check_records`, or ``None`` when there is no bar (a small
    file, *stream* not a terminal, or rich not installed: it comes with the ``cli`` extra).
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
    description = translate(N_("Checking {path}"), language, path=layout.path.name)
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


def _print_json(report: FileReport, stream: IO[str]) -> None:
    """Print the report as one JSON object; ASCII escapes if *stream* cannot take the text."""
    document = report_document(report)
    try:
        stream.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    except UnicodeEncodeError:
        stream.write(json.dumps(document, indent=2) + "\n")
    stream.flush()


def _print_table(report: FileReport, language: str, stream: IO[str]) -> None:
    """Print the report for people: how the file was read, the problems, a summary line."""
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
    rows = [_table_row(problem, language) for problem in report.problems]
    titles = [translate(title, language) for title in _TITLES]
    try:
        import rich  # noqa: F401 - comes with the cli extra
    except ImportError:
        _print_plain_table(lines, titles, rows, summary, stream)
    else:
        severities = [problem.severity for problem in report.problems]
        _print_rich_table(lines, titles, rows, severities, summary, stream)


_TITLES = (N_("Row"), N_("Column"), N_("Value"), N_("Severity"), N_("Problem"))
_MAX_VALUE = 40
_STYLES = {"error": "red", "warning": "yellow"}
_PIPE_WIDTH = 120


def _table_row(problem: FileProblem, language: str) -> tuple[str, str, str, str, str]:
    """Return the cells of *problem*'s line in the table; a long value is shortened."""
    value = " ".join(problem.value.split())
    if len(value) > _MAX_VALUE:
        value = value[: _MAX_VALUE - 1] + "…"
    severity = N_("error") if problem.severity == "error" else N_("warning")
    return (
        str(problem.row),
        problem.column if problem.column is not None else "—",
        value,
        translate(severity, language),
        problem.message,
    )


def _print_rich_table(
    lines: list[str],
    titles: list[str],
    rows: list[tuple[str, str, str, str, str]],
    severities: Sequence[str],
    summary: str,
    stream: IO[str],
) -> None:
    """Print the table with rich: wrapped to the terminal, errors in red when it has colours."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    # Not a terminal (a pipe, a log): wide enough for the messages to read as sentences.
    width = None if stream.isatty() else _PIPE_WIDTH
    console = Console(file=stream, width=width, markup=False, emoji=False, highlight=False)
    unicode = (getattr(stream, "encoding", None) or "").lower().replace("-", "").startswith("utf")
    for line in lines:
        console.print(Text(line), soft_wrap=True)
    if rows:
        table = Table(*titles, header_style="bold", box=box.ROUNDED if unicode else box.ASCII)
        table.columns[0].justify = "right"
        table.columns[3].no_wrap = True
        for row, severity in zip(rows, severities, strict=True):
            table.add_row(*(Text(cell) for cell in row), style=_STYLES[severity])
        console.print(table)
    console.print(Text(summary, style="bold"))


def _print_plain_table(
    lines: list[str],
    titles: list[str],
    rows: list[tuple[str, str, str, str, str]],
    summary: str,
    stream: IO[str],
) -> None:
    """Print an aligned text table, when rich is not installed."""
    for line in lines:
        stream.write(line + "\n")
    if rows:
        widths = [max(len(cell) for cell in column) for column in zip(titles, *rows, strict=True)]
        for row in [tuple(titles), *rows]:
            cells = [
                cell.rjust(width) if index == 0 else cell.ljust(width)
                for index, (cell, width) in enumerate(zip(row, widths, strict=True))
            ]
            cells[-1] = row[-1]
            stream.write("  ".join(cells).rstrip() + "\n")
    stream.write(summary + "\n")
