"""Client files as offices have them, for programs and notebooks.

A client file is a CSV exported from a spreadsheet or another tool: ``;``, ``,`` or tab
delimited, in UTF-8 (with or without BOM), UTF-16 or Windows-1252, with French or English
headers (``Raison sociale``, ``SIRET``, ``N° TVA intracommunautaire``, ``Code postal``,
``Prénom``, ``Email``...), recognised without configuration. ``clientbook check`` and
``clientbook import`` read files this way; :doc:`/cli` lists the headers understood.

- :func:`check_file` checks every row (identifiers and the whole record) and returns a
  :class:`FileReport`, the same report ``clientbook check`` prints;
- :func:`read_clients` reads the rows into :class:`~clientbook.Client` records, with their
  spreadsheet row numbers, for a notebook or an import of your own;
- :func:`write_clients` writes records as a flat file that Excel opens as it should and that
  reads back into the same records.

Both readers take a path, the file's ``bytes`` or a binary file object (a web upload, a file
opened with ``"rb"``). :meth:`FileReport.as_rows` gives the problems as plain rows (dicts of
``row``, ``column``, ``field``, ``code``, ``value``, ``severity`` and ``message``) that
``pandas.DataFrame`` takes.

A file that cannot be read at all raises :class:`ClientFileError` (its ``code`` says why:
``file.empty``, ``file.binary``, ``file.columns``...).
"""

from __future__ import annotations

from clientbook._files.check import check_file
from clientbook._files.clients import read_clients
from clientbook._files.problems import FileProblem, FileReport
from clientbook._files.reading import ClientFileError, Layout, MalformedFile
from clientbook._files.writing import write_clients

__all__ = [
    "ClientFileError",
    "FileProblem",
    "FileReport",
    "Layout",
    "MalformedFile",
    "check_file",
    "read_clients",
    "write_clients",
]
