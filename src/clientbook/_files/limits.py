"""The limits a client file's rows are read within, so that reading takes bounded memory.

A client file exported from a spreadsheet, a CRM or an invoicing tool has tens of columns and
cells of at most a few thousand characters (an address, a note): a row takes a few hundred
bytes, a few kilobytes at most. The limits are far above that and at what a spreadsheet can
hold, so that no file a spreadsheet wrote is refused, while a hostile or damaged file (one line
of 200 MB, a hundred million cells) costs at most one row's worth of memory:

- **16,384 cells a row**: the width of a sheet in Excel and LibreOffice Calc (column XFD);
- **32,767 characters a cell**: the most an Excel cell holds;
- **1,048,576 characters a row** (1 MiB of plain text, all the row's lines together): 16,384
  cells of 64 characters, a hundred times the widest real export. Reading keeps at most one
  row of this size; a quoted cell that runs past it is taken for a quote that is never closed.

A row beyond a limit is not read: it is reported (``row.too_wide``, ``cell.too_long``,
``row.too_long``, ``row.quote_unclosed``) and reading goes on at the next row.
"""

from __future__ import annotations

from typing import Final

import attrs

__all__ = ["LIMITS", "Limits"]


@attrs.frozen(kw_only=True)
class Limits:
    """The limits a client file's rows are read within.

    Attributes:
        columns: the most cells a row may have.
        cell_characters: the most characters a cell may hold.
        row_characters: the most characters a row may hold, all its lines together.
    """

    columns: int = 16_384
    cell_characters: int = 32_767
    row_characters: int = 1 << 20


#: The limits ``clientbook check`` and ``clientbook import`` read files within.
LIMITS: Final = Limits()
