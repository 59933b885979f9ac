"""Reading a client file into records, for :mod:`clientbook.files`."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from clientbook._files.columns import RowColumns
from clientbook._files.reading import MalformedFile, RowProblem, Source, open_client_file
from clientbook._files.rows import client_from_row
from clientbook._records.client import Client

__all__ = ["read_clients"]


def read_clients(
    source: Source, *, column_overrides: Mapping[str, str] | None = None
) -> Iterator[tuple[int, Client]]:
    """Read the rows of a client file into records, lazily, with their row numbers.

    Values that cannot be read into a field (an unknown civility, an unreadable active flag)
    are left at the field's default: :func:`clientbook.files.check_file` reports them. Rows
    shorter than the header are read with empty cells for the missing ones. A row read with a
    warning (in another encoding than the file's) is read.

    Args:
        source: the CSV file: its path, its bytes, or a binary file object such as a web
            upload (read from where it stands and left open).
        column_overrides: ``{field: header}`` for columns whose header is not recognised.

    Yields:
        ``(row number as a spreadsheet shows it, record)``, in the order of the file.

    Raises:
        ClientFileError: the file cannot be read at all.
        MalformedFile: a row cannot be read (a quote never closed, a row or a cell over the
            limits...); its ``row`` and ``code`` say which and why. The rows before it were
            read; :func:`clientbook.files.check_file` reports every such row and reads on.
        TypeError: *source* is a text file object, or not a file at all.
    """
    with open_client_file(source, column_overrides=column_overrides) as (layout, records):
        columns = RowColumns(layout.columns, layout.headers, locale="fr")
        width = len(layout.headers)
        for record in records:
            if isinstance(record, RowProblem):
                if record.severity == "error":
                    raise MalformedFile(record.row, record.code, record.template, **record.params)
                continue
            row_number, cells = record
            if len(cells) < width:
                cells = [*cells, *[""] * (width - len(cells))]
            yield row_number, client_from_row(cells, columns).client
