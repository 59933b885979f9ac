"""Importing a client file: each row checked as ``clientbook check`` does, the valid ones stored.

The rows are read once. Each is checked by a :class:`~clientbook._files.check.RowChecker`; a row
without errors goes on to :func:`clientbook.services.import_clients`, which stores it in
batches, each committed (an interrupted import loses nothing already committed, and running
it again completes it), matching the stored clients by SIRET, then VAT number, then id. The
report is the check's, with the problems the import found (a parent company unknown to the
store) and what was created, updated or found unchanged.

A file may hold the same client twice (typed again, in capitals; one row with its SIRET, another
with its client code): the first row is imported and the later ones that resolve to the same
stored client are left out with a warning (the import's ``import.same_client``). Importing both
would store the last one each time, so that importing the same file again would change the
client back and forth, or create it again; leaving them out, importing the same file again
changes nothing and creates nothing.
"""

from __future__ import annotations

import array
import datetime
from collections.abc import Callable, Iterable, Iterator
from typing import Final

import attrs

from clientbook._base.i18n import N_, translate
from clientbook._files.check import RowChecker
from clientbook._files.problems import FileProblem, FileReport
from clientbook._files.reading import Layout, Record, RowProblem
from clientbook._records.client import Client
from clientbook._services.importing import import_clients
from clientbook.repositories import UnitOfWork

__all__ = ["FileImport", "import_records"]

_PROGRESS_EVERY = 2048  # rows; a power of two
_SAME_CLIENT = N_(
    "This row is not imported: row {row} is the same client (the same {what}: {value}) and is "
    "imported in its place."
)
# What the import matches stored clients by (MATCH_ORDER), in words for people.
_WORDS: Final = {"siret": N_("SIRET"), "vat_number": N_("VAT number"), "id": N_("client code")}


@attrs.frozen(kw_only=True)
class FileImport:
    """What importing a client file did.

    Attributes:
        report: the check of every row, as ``clientbook check`` reports it, with the problems
            the import found and a warning on each row left out as the same client as an
            earlier one.
        created: the number of clients created.
        updated: the number of stored clients changed.
        unchanged: the number of stored clients found as the file has them.
        left_out: the number of rows left out as the same client as an earlier row.
    """

    report: FileReport
    created: int
    updated: int
    unchanged: int
    left_out: int

    @property
    def skipped(self) -> int:
        """Return the number of rows not imported because of their errors."""
        return self.report.rows_with_errors


def import_records(
    layout: Layout,
    records: Iterable[Record],
    uow: UnitOfWork,
    *,
    user: str,
    locale: str = "fr",
    strict: bool = False,
    as_of: datetime.date | None = None,
    batch_size: int = 500,
    now: datetime.datetime | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> FileImport:
    """Check the rows of a client file and store those without errors through *uow*.

    Args:
        layout: the file's layout, from :func:`clientbook._files.reading.open_client_file`.
        records: the data rows, with their row numbers.
        uow: the unit of work on the tenant's clients (``SqlStore.unit_of_work(...)``, or a
            memory store's); it is opened and committed after each batch.
        user: the user importing: the owner of the clients created.
        locale: the language of the messages, ``"fr"`` or ``"en"``.
        strict: check the rows under the default :class:`~clientbook.Policy` whole.
        as_of: the day of the check, for the rules that depend on it (see
            :func:`~clientbook.files.check_file`); ``None`` checks no date.
        batch_size: the number of clients stored per commit.
        now: the creation time of the new clients, timezone-aware; by default the time each
            batch starts.
        on_progress: called now and then with the row number reached, to show progress.

    Returns:
        The report of the rows, and the counts of what was stored.

    Raises:
        StorageError: the database cannot be used (from ``clientbook.sql``); the batches
            committed before are kept.
        StaleClient: another user changed a matched client meanwhile; the batches committed
            before are kept, and the import can be run again.
    """
    checker = RowChecker(layout, locale=locale, strict=strict, as_of=as_of)
    language = checker.language
    positions = array.array("q")  # the checker's position of each client given to the import

    def clients() -> Iterator[Client]:
        for record in records:
            if isinstance(record, RowProblem):
                checker.reading_problem(record)
                continue
            row_number, cells = record
            read, wrong = checker.check(row_number, cells)
            if on_progress is not None and not checker.rows % _PROGRESS_EVERY:
                on_progress(row_number)
            if wrong:
                continue
            positions.append(checker.rows - 1)
            yield read.client

    stored = import_clients(
        uow,
        clients(),
        user=user,
        policy=checker.policy,
        locale=language,
        batch_size=batch_size,
        now=now,
    )
    left_out: list[FileProblem] = []
    refused: list[FileProblem] = []
    for skipped in stored.skipped:
        position = positions[skipped.index]
        row_number = checker.row_number(position)
        fields = checker.fields(position)
        same = skipped.same_as
        if same is not None:
            at = fields.get(same.field)
            left_out.append(
                FileProblem(
                    row=row_number,
                    column=layout.headers[at] if at is not None else None,
                    field=same.field,
                    code="import.same_client",
                    severity="warning",
                    message=translate(
                        _SAME_CLIENT,
                        language,
                        row=checker.row_number(positions[same.earlier]),
                        what=translate(_WORDS[same.field], language),
                        value=same.value,
                    ),
                    value=same.value,  # as the import compared it (a SIRET without spaces)
                )
            )
            continue
        for problem in skipped.problems:
            if problem.severity != "error":  # the check reported the row's warnings already
                continue
            at = fields.get(problem.field)
            refused.append(
                FileProblem(
                    row=row_number,
                    column=layout.headers[at] if at is not None else None,
                    field=problem.field,
                    code=problem.code,
                    message=problem.message,
                    severity=problem.severity,
                )
            )
    return FileImport(
        report=checker.report(*left_out, *refused),
        created=len(stored.created),
        updated=len(stored.updated),
        unchanged=len(stored.unchanged),
        left_out=len(left_out),
    )
