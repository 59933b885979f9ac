"""Client files as offices have them, for programs and notebooks.

A client file is a CSV exported from a spreadsheet or another tool: ``;``, ``,`` or tab
delimited, in UTF-8 (with or without BOM), UTF-16 or Windows-1252, with French or English
headers (``Raison sociale``, ``SIRET``, ``N° TVA intracommunautaire``, ``Code postal``,
``Prénom``, ``Email``...), recognised without configuration. ``clientbook check`` and
``clientbook import`` read files this way; :doc:`/cli` lists the headers understood.

- :func:`check_file` checks every row (identifiers and the whole record) and returns a
  :class:`FileReport`, the same report ``clientbook check`` prints;
- :func:`read_clients` reads the rows into :class:`~clientbook.Client` records, with their
  spreadsheet row numbers, for a notebook or an import of your own.

A file that cannot be read at all raises :class:`ClientFileError` (its ``code`` says why:
``file.empty``, ``file.binary``, ``file.columns``...).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from ._client import Client
from ._clientfile import ClientFileError, Layout, MalformedFile, open_client_file
from ._filecheck import FileProblem, FileReport, check_file
from ._rows import RowColumns, client_from_row

__all__ = [
    "ClientFileError",
    "FileProblem",
    "FileReport",
    "Layout",
    "MalformedFile",
    "check_file",
    "read_clients",
]


def read_clients(
    path: str | Path, *, column_overrides: Mapping[str, str] | None = None
) -> Iterator[tuple[int, Client]]:
    """Read the rows of a client file into records, lazily, with their row numbers.

    Values that cannot be read into a field (an unknown civility, an unreadable active flag)
    are left at the field's default: :func:`check_file` reports them. Rows shorter than the
    header are read with empty cells for the missing ones.

    Args:
        path: the CSV file.
        column_overrides: ``{field: header}`` for columns whose header is not recognised.

    Yields:
        ``(row number as a spreadsheet shows it, record)``, in the order of the file.

    Raises:
        ClientFileError: the file cannot be read at all.
        MalformedFile: the rest of the file is not readable CSV (the rows before it were read).
    """
    with open_client_file(path, column_overrides=column_overrides) as (layout, records):
        columns = RowColumns(layout.columns, layout.headers, locale="fr")
        width = len(layout.headers)
        for row_number, cells in records:
            if len(cells) < width:
                cells = [*cells, *[""] * (width - len(cells))]
            yield row_number, client_from_row(cells, columns).client
