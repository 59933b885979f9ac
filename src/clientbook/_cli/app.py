"""The ``clientbook`` command: check a client file, import it into a database, search it.

- ``clientbook check FILE`` checks every row of a client file;
- ``clientbook import FILE --db URL`` checks it the same way and stores the rows without
  errors in a database (a SQLite file or a PostgreSQL URL; extra ``sql``);
- ``clientbook search TYPED --db URL`` shows the stored clients that what was typed finds.

Exit status: 0 when no row has an error (warnings allowed) or, for ``search``, when a client is
found; 1 when some row has an error, or no client is found; 2 when the file or the database
cannot be used at all or the command line is wrong. Such a failure gets a one-line message on
stderr, never a traceback. Messages are in French unless ``--locale en`` is given: the language
is never read from the environment.

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
from typing import IO, TYPE_CHECKING, Any, NoReturn, TypeVar

from clientbook._base.i18n import LOCALES, N_, normalize_locale, translate
from clientbook._files.check import FileProblem, FileReport, check_records
from clientbook._files.reading import (
    FIELDS,
    ClientFileError,
    Layout,
    Record,
    open_client_file,
    quote_all,
)

if TYPE_CHECKING:
    from clientbook._files.importing import FileImport
    from clientbook._records.client import Client
    from clientbook.sql import SqlStore

__all__ = ["main", "report_document", "search_document"]

#: The database of ``clientbook import`` and ``search`` when ``--db`` is not given.
DEFAULT_DATABASE = "clientbook.sqlite"
#: The account (tenant) whose clients they store and search when ``--tenant`` is not given.
DEFAULT_TENANT = "default"

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
    run = {"check": _check, "import": _import, "search": _search}[options.command]
    try:
        return run(options, options.locale or options.global_locale or "fr")
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
    _file_options(check.add_argument_group(_(N_("options"))), language)

    importing = commands.add_parser(
        "import",
        help=_(N_("import a client file into a database")),
        description=_(
            N_(
                "Check every row of a client file as clientbook check does, and store the rows "
                "without errors in a database: a SQLite file or a PostgreSQL URL. A client "
                "already stored (same SIRET, VAT number or client code) is updated; importing "
                "the same file again changes nothing."
            )
        ),
        language=language,
    )
    positional = importing.add_argument_group(_(N_("arguments")))
    positional.add_argument("file", metavar=_(N_("FILE")), help=_(N_("the client file (CSV)")))
    options = importing.add_argument_group(_(N_("options")))
    _file_options(options, language)
    _database_options(options, language)
    options.add_argument(
        "--user",
        metavar=_(N_("NAME")),
        help=_(N_("the user importing, owner of the clients created (default: your login name)")),
    )

    search = commands.add_parser(
        "search",
        help=_(N_("search the clients stored in a database")),
        description=_(
            N_(
                "Show the stored clients that TYPED finds, as an autocomplete box does: the "
                "first letters of any word of their names or of a contact's name, or the start "
                "of their SIREN, SIRET or VAT number; accents and case do not matter."
            )
        ),
        language=language,
    )
    positional = search.add_argument_group(_(N_("arguments")))
    positional.add_argument(
        "typed", metavar=_(N_("TYPED")), help=_(N_("what a user types, such as boul or ets dub"))
    )
    options = search.add_argument_group(_(N_("options")))
    options.add_argument("-h", "--help", action="help", help=_(N_("show this help and exit")))
    _format_option(options, language)
    _database_options(options, language)
    options.add_argument(
        "--all",
        action="store_true",
        dest="include_archived",
        help=_(N_("also show archived clients")),
    )
    options.add_argument(
        "--limit",
        type=_count(language),
        default=20,
        metavar="N",
        help=_(N_("show at most N clients (default: 20)")),
    )
    _locale_option(options, language)
    return parser


def _format_option(options: argparse._ArgumentGroup, language: str) -> None:
    options.add_argument(
        "--format",
        type=_choice(("table", "json"), language),
        default="table",
        metavar="{table,json}",
        help=translate(N_("table (default) for people, json for programs"), language),
    )


def _locale_option(options: argparse._ArgumentGroup, language: str) -> None:
    options.add_argument(
        "--locale",
        type=_locale(language),
        metavar="{fr,en}",
        help=translate(N_("language of the messages: fr (default) or en"), language),
    )


def _file_options(options: argparse._ArgumentGroup, language: str) -> None:
    """Add the options of a command that reads a client file."""

    def _(message: str, **params: object) -> str:
        return translate(message, language, **params)

    options.add_argument("-h", "--help", action="help", help=_(N_("show this help and exit")))
    _format_option(options, language)
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
    _locale_option(options, language)


def _database_options(options: argparse._ArgumentGroup, language: str) -> None:
    """Add the options that say which database, and whose clients in it."""
    options.add_argument(
        "--db",
        default=DEFAULT_DATABASE,
        metavar="URL",
        help=translate(
            N_(
                "the database: a SQLite file's path or a SQLAlchemy URL such as "
                "postgresql://user@host/base (default: {default})"
            ),
            language,
            default=DEFAULT_DATABASE,
        ),
    )
    options.add_argument(
        "--tenant",
        default=DEFAULT_TENANT,
        metavar="ID",
        help=translate(
            N_("the account whose clients these are (default: {default})"),
            language,
            default=DEFAULT_TENANT,
        ),
    )


def _count(language: str) -> Callable[[str], int]:
    def parse(value: str) -> int:
        if value.isascii() and value.isdigit():
            return int(value)
        raise argparse.ArgumentTypeError(
            translate(N_("{value} is not a number of clients"), language, value=value)
        )

    return parse


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

    def check(layout: Layout, records: Iterator[Record], on_progress: _Progress) -> FileReport:
        return check_records(
            layout, records, locale=language, strict=options.strict, on_progress=on_progress
        )

    report = _on_file(options, language, N_("Checking {path}"), check)
    if report is None:
        return 2
    if options.format == "json":
        _print_json(report_document(report), sys.stdout)
    else:
        _print_table(report, language, _replacing(sys.stdout))
    return 1 if report.errors else 0


_T = TypeVar("_T")
_Progress = Callable[[int], None] | None


def _on_file(
    options: argparse.Namespace,
    language: str,
    doing: str,
    work: Callable[[Layout, Iterator[Record], _Progress], _T],
) -> _T | None:
    """Open the client file of *options* and run *work* on its rows; ``None`` when it fails.

    A file that cannot be read gets its one-line message on stderr. *doing* is the progress
    bar's text (``"Checking {path}"``).
    """
    try:
        overrides = dict(options.column)
        with (
            open_client_file(options.file, column_overrides=overrides) as (layout, records),
            _progress(layout, language, sys.stderr, doing) as on_progress,
            _fewer_collections(),
        ):
            return work(layout, records, on_progress)
    except ClientFileError as error:
        _fail(error.message(language), language)
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
    return None


def _import(options: argparse.Namespace, language: str) -> int:
    """Run ``clientbook import``; return the exit status.

    The file is opened first, so that a file that cannot be read leaves no database behind;
    then the database, whose tables are created when missing.
    """
    if not _sql_installed("import", language):
        return 2
    from clientbook._files.importing import import_records
    from clientbook._services.refusals import StaleClient
    from clientbook.sql import SqlStore, StorageError

    user = options.user or _login_name()
    importing = False
    database = options.db

    def store_rows(layout: Layout, records: Iterator[Record], on_progress: _Progress) -> FileImport:
        nonlocal importing, database
        with SqlStore(options.db) as store:
            database = store.url  # a SQLite file's path, or the URL without its password
            store.create_schema()
            importing = True
            return import_records(
                layout,
                records,
                store.unit_of_work(tenant_id=options.tenant),
                user=user,
                locale=language,
                strict=options.strict,
                on_progress=on_progress,
            )

    try:
        result = _on_file(options, language, N_("Importing {path}"), store_rows)
    except (StorageError, StaleClient) as error:
        message = error.message(language)
        if importing:
            message = translate(
                N_(
                    "{reason} The rows stored before are kept: run the import again to complete it."
                ),
                language,
                reason=message,
            )
        _fail(message, language)
        return 2
    if result is None:
        return 2
    if options.format == "json":
        document = report_document(result.report)
        document["import"] = {
            "database": database,
            "tenant": options.tenant,
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "skipped": result.skipped,
            "left_out": result.left_out,
        }
        _print_json(document, sys.stdout)
    else:
        stored = translate(
            N_(
                "Database {database} (account {tenant}): {created} created, {updated} updated, "
                "{unchanged} unchanged; rows not imported: {skipped} with errors, {left_out} "
                "the same client as an earlier row"
            ),
            language,
            database=database,
            tenant=options.tenant,
            created=result.created,
            updated=result.updated,
            unchanged=result.unchanged,
            skipped=result.skipped,
            left_out=result.left_out,
        )
        _print_table(result.report, language, _replacing(sys.stdout), after=(stored,))
    return 1 if result.report.errors else 0


def _search(options: argparse.Namespace, language: str) -> int:
    """Run ``clientbook search``; return the exit status: 0 when a client is found, else 1."""
    store = _open_store(options.db, language, command="search", must_exist=True)
    if store is None:
        return 2
    from clientbook._services.clients import search_clients
    from clientbook.sql import SchemaMismatch, StorageError

    with store:
        try:
            found = search_clients(
                store.unit_of_work(tenant_id=options.tenant),
                options.typed,
                include_archived=options.include_archived,
                limit=options.limit,
            )
        except SchemaMismatch as error:
            if error.found_version is not None:
                _fail(error.message(language), language)
            else:
                _fail(_no_clients(store.url, language), language)
            return 2
        except StorageError as error:
            _fail(error.message(language), language)
            return 2
    if options.format == "json":
        _print_json(search_document(options.typed, store.url, options.tenant, found), sys.stdout)
    else:
        _print_clients(options.typed, found, language, _replacing(sys.stdout))
    return 0 if found else 1


def _no_clients(database: str, language: str) -> str:
    return translate(
        N_(
            "There are no clients in {database} yet: import a client file into it first, with "
            "clientbook import FILE --db {database}."
        ),
        language,
        database=database,
    )


def _sql_installed(command: str, language: str) -> bool:
    """Return whether the ``sql`` extra (SQLAlchemy) is installed; if not, say how to."""
    try:
        import sqlalchemy  # noqa: F401 - comes with the sql extra
    except ImportError:
        _fail(
            translate(
                N_(
                    "clientbook {command} needs a database library: install clientbook[sql], "
                    'with python -m pip install "clientbook[sql]".'
                ),
                language,
                command=command,
            ),
            language,
        )
        return False
    return True


def _open_store(database: str, language: str, *, command: str, must_exist: bool) -> SqlStore | None:
    """Return the store of *database*; ``None`` after saying why it cannot be opened.

    A SQLite file that must exist (to search it) is not created.
    """
    if not _sql_installed(command, language):
        return None
    from clientbook.sql import SqlStore, StorageError

    if must_exist and "://" not in database and not os.path.exists(database):
        _fail(_no_clients(database, language), language)
        return None
    try:
        return SqlStore(database)
    except StorageError as error:
        _fail(error.message(language), language)
        return None


def _login_name() -> str:
    """Return the login name of the user running the command, or ``clientbook``."""
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no user name in this environment
        return "clientbook"


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
    layout: Layout, language: str, stream: IO[str], doing: str = N_("Checking {path}")
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
    description = translate(doing, language, path=layout.path.name)
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


def _print_json(document: dict[str, object], stream: IO[str]) -> None:
    """Print *document* as one JSON object; ASCII escapes if *stream* cannot take the text."""
    try:
        stream.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    except UnicodeEncodeError:
        stream.write(json.dumps(document, indent=2) + "\n")
    stream.flush()


def _print_table(
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
    _print_rows(
        lines,
        [translate(title, language) for title in _TITLES],
        [_table_row(problem, language) for problem in report.problems],
        [_STYLES[problem.severity] for problem in report.problems],
        [summary, *after],
        stream,
        right=0,
        no_wrap=3,
    )


_TITLES = (N_("Row"), N_("Column"), N_("Value"), N_("Severity"), N_("Problem"))
_CLIENT_TITLES = (N_("Code"), N_("Client"), N_("City"), "SIREN")
_MAX_VALUE = 40
_STYLES = {"error": "red", "warning": "yellow"}
_PIPE_WIDTH = 120


def _table_row(problem: FileProblem, language: str) -> tuple[str, ...]:
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


def _print_clients(typed: str, clients: Sequence[Client], language: str, stream: IO[str]) -> None:
    """Print the clients found as a user reads them: name, city, SIREN, archived or not."""
    from clientbook.identifiers import siren

    rows = []
    for client in clients:
        name = client.display_name or "—"
        if not client.active:
            name = translate(N_("{name} (archived)"), language, name=name)
        address = client.address
        city = " ".join(f"{address.postal_code} {address.city}".split()) if address else ""
        number = siren.format(client.siren) if siren.is_valid(client.siren) else client.siren
        rows.append((client.id, name, city or "—", number or "—"))
    quoted = quote_all((typed,), language)
    summary = (
        translate(N_("Clients found for {typed}: {count}"), language, typed=quoted, count=len(rows))
        if rows
        else translate(N_("No client found for {typed}."), language, typed=quoted)
    )
    titles = [translate(title, language) for title in _CLIENT_TITLES]
    styles = [None if client.active else "dim" for client in clients]
    _print_rows([], titles, rows, styles, [summary], stream, right=None, no_wrap=0)


def _print_rows(
    lines: Sequence[str],
    titles: Sequence[str],
    rows: Sequence[Sequence[str]],
    styles: Sequence[str | None],
    after: Sequence[str],
    stream: IO[str],
    *,
    right: int | None,
    no_wrap: int,
) -> None:
    """Print *lines*, a table of *rows* under *titles*, then the lines *after* it.

    With rich (the ``cli`` extra), the table is wrapped to the terminal and each row has its
    style when the terminal has colours; without it, it is aligned plain text. The column
    *right* is right-justified, the column *no_wrap* never wrapped.
    """
    try:
        import rich  # noqa: F401 - comes with the cli extra
    except ImportError:
        _print_plain_table(lines, titles, rows, after, stream, right=right)
    else:
        _print_rich_table(lines, titles, rows, styles, after, stream, right=right, no_wrap=no_wrap)


def _print_rich_table(
    lines: Sequence[str],
    titles: Sequence[str],
    rows: Sequence[Sequence[str]],
    styles: Sequence[str | None],
    after: Sequence[str],
    stream: IO[str],
    *,
    right: int | None,
    no_wrap: int,
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
        if right is not None:
            table.columns[right].justify = "right"
        table.columns[no_wrap].no_wrap = True
        for row, style in zip(rows, styles, strict=True):
            table.add_row(*(Text(cell) for cell in row), style=style)
        console.print(table)
    for line in after:
        console.print(Text(line, style="bold"), soft_wrap=True)


def _print_plain_table(
    lines: Sequence[str],
    titles: Sequence[str],
    rows: Sequence[Sequence[str]],
    after: Sequence[str],
    stream: IO[str],
    *,
    right: int | None,
) -> None:
    """Print an aligned text table, when rich is not installed."""
    for line in lines:
        stream.write(line + "\n")
    if rows:
        widths = [max(len(cell) for cell in column) for column in zip(titles, *rows, strict=True)]
        for row in [tuple(titles), *rows]:
            cells = [
                cell.rjust(width) if index == right else cell.ljust(width)
                for index, (cell, width) in enumerate(zip(row, widths, strict=True))
            ]
            cells[-1] = row[-1]
            stream.write("  ".join(cells).rstrip() + "\n")
    for line in after:
        stream.write(line + "\n")
