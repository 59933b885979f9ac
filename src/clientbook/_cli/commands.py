"""What each ``clientbook`` command does, from its parsed options to its exit status.

- :func:`run_check`: read the client file, check every row, print the report;
- :func:`run_import`: the same check, the rows without errors stored in a database (a SQLite
  file or a PostgreSQL URL; extra ``sql``), then the report and what was stored;
- :func:`run_search`: the stored clients that what was typed finds.

A file or a database that cannot be used gets its one-line message on stderr and exit status
2. SQLAlchemy and the services are imported only by the commands that need them, so that
``clientbook check`` runs without the ``sql`` extra.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import gc
import os
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, TypeVar

from clientbook._base.i18n import N_, translate
from clientbook._cli.output import (
    error_document,
    fail,
    print_clients,
    print_json,
    print_report,
    progress_bar,
    replacing,
    report_document,
    search_document,
)
from clientbook._files.check import check_records
from clientbook._files.problems import FileReport
from clientbook._files.reading import ClientFileError, Layout, Record, open_client_file

if TYPE_CHECKING:
    from clientbook._files.importing import FileImport
    from clientbook.sql import SqlStore

__all__ = ["GC_THRESHOLD", "run_check", "run_import", "run_search"]

#: Allocations between two collections of the youngest generation while a file is checked.
GC_THRESHOLD = 10_000

_T = TypeVar("_T")
_Progress = Callable[[int], None] | None


def run_check(options: argparse.Namespace, language: str) -> int:
    """Run ``clientbook check``; return the exit status."""

    def check(layout: Layout, records: Iterator[Record], on_progress: _Progress) -> FileReport:
        return check_records(
            layout,
            records,
            locale=language,
            strict=options.strict,
            as_of=_as_of(options),
            on_progress=on_progress,
        )

    report = _on_file(options, language, N_("Checking {path}"), check)
    if report is None:
        return 2
    if options.format == "json":
        print_json(report_document(report), sys.stdout)
    else:
        print_report(report, language, replacing(sys.stdout))
    return 1 if report.errors else 0


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
            progress_bar(layout, language, sys.stderr, doing) as on_progress,
            _fewer_collections(),
        ):
            return work(layout, records, on_progress)
    except ClientFileError as error:
        _refuse(options, error.code, error.message(language), language)
    except (OSError, UnicodeDecodeError) as error:  # the file changed while it was read
        _refuse(
            options,
            "file.unreadable",
            translate(
                N_("{path} cannot be read: {reason}."),
                language,
                path=options.file,
                reason=getattr(error, "strerror", None) or str(error),
            ),
            language,
        )
    return None


def run_import(options: argparse.Namespace, language: str) -> int:
    """Run ``clientbook import``; return the exit status.

    The file is opened first, so that a file that cannot be read leaves no database behind;
    then the database, whose tables are created when missing.
    """
    if not _sql_installed(options, "import", language):
        return 2
    from clientbook._files.importing import import_records
    from clientbook._services.refusals import ClientExists, StaleClient
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
                as_of=_as_of(options),
                on_progress=on_progress,
            )

    try:
        result = _on_file(options, language, N_("Importing {path}"), store_rows)
    except (StorageError, StaleClient, ClientExists) as error:  # other writers, each try
        message = error.message(language)
        if importing:
            message = translate(
                N_(
                    "{reason} The rows stored before are kept: run the import again to complete it."
                ),
                language,
                reason=message,
            )
        code = "import.other_writer" if isinstance(error, (StaleClient, ClientExists)) else None
        _refuse(options, code or _storage_code(error), message, language)
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
        print_json(document, sys.stdout)
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
        print_report(result.report, language, replacing(sys.stdout), after=(stored,))
    return 1 if result.report.errors else 0


def run_search(options: argparse.Namespace, language: str) -> int:
    """Run ``clientbook search``; return the exit status: 0 when a client is found, else 1."""
    store = _open_store(options, options.db, language, command="search", must_exist=True)
    if store is None:
        return 2
    from clientbook._rules.search import SearchTooLong
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
                _refuse(options, "database.schema", error.message(language), language)
            else:
                _refuse(options, "database.empty", _no_clients(store.url, language), language)
            return 2
        except SearchTooLong as error:
            _refuse(options, "search.too_long", error.message(language), language)
            return 2
        except StorageError as error:
            _refuse(options, _storage_code(error), error.message(language), language)
            return 2
    if options.format == "json":
        print_json(search_document(options.typed, store.url, options.tenant, found), sys.stdout)
    else:
        print_clients(options.typed, found, language, replacing(sys.stdout))
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


def _sql_installed(options: argparse.Namespace, command: str, language: str) -> bool:
    """Return whether the ``sql`` extra (SQLAlchemy) is installed; if not, say how to."""
    try:
        import sqlalchemy  # noqa: F401 - comes with the sql extra
    except ImportError:
        _refuse(
            options,
            "cli.sql_missing",
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


def _open_store(
    options: argparse.Namespace, database: str, language: str, *, command: str, must_exist: bool
) -> SqlStore | None:
    """Return the store of *database*; ``None`` after saying why it cannot be opened.

    A SQLite file that must exist (to search it) is not created.
    """
    if not _sql_installed(options, command, language):
        return None
    from clientbook.sql import SqlStore, StorageError

    if must_exist and "://" not in database and not os.path.exists(database):
        _refuse(options, "database.empty", _no_clients(database, language), language)
        return None
    try:
        return SqlStore(database)
    except StorageError as error:
        _refuse(options, _storage_code(error), error.message(language), language)
        return None


def _refuse(options: argparse.Namespace, code: str, message: str, language: str) -> None:
    """Say why the command cannot do its work (exit status 2), on stderr.

    With ``--format json`` the error document goes to stdout too, so that a program reading
    the output always gets JSON.
    """
    fail(message, language)
    if getattr(options, "format", None) == "json":
        print_json(error_document(code, message), sys.stdout)


# The code of each storage error in the JSON error document, by the error's class name.
_STORAGE_CODES = {
    "DatabaseLocked": "database.locked",
    "DatabaseDamaged": "database.damaged",
    "DatabaseReadOnly": "database.read_only",
    "DatabaseInMemory": "database.in_memory",
    "SchemaMismatch": "database.schema",
    "UnsupportedDatabase": "database.unsupported",
}


def _storage_code(error: Exception) -> str:
    """Return the code of a storage error: its class's, or ``database.unusable``."""
    for cls in type(error).__mro__:
        if cls.__name__ in _STORAGE_CODES:
            return _STORAGE_CODES[cls.__name__]
    return "database.unusable"


def _as_of(options: argparse.Namespace) -> datetime.date:
    """Return the date of the check: ``--as-of``, or today."""
    given: datetime.date | None = options.as_of
    return _today() if given is None else given


def _today() -> datetime.date:
    """Return today's date, the default date of a check."""
    return datetime.date.today()


def _login_name() -> str:
    """Return the login name of the user running the command, or ``clientbook``."""
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no user name in this environment
        return "clientbook"


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
