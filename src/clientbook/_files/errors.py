"""What cannot be read in a client file: the whole file, or one of its rows.

- :class:`ClientFileError`: the file cannot be read at all (missing, not a regular file, empty,
  binary, no known column...); nothing is checked.
- :class:`RowProblem`: one row cannot be read (a quote never closed, a row or a cell over the
  limits of :mod:`clientbook._files.limits`, characters no encoding reads), or was read with a
  warning (a row in another encoding than the rest of the file). The reader yields it in the
  order of the file and reads on; the check reports it like the rows' other problems.
- :class:`MalformedFile`: raised by :func:`clientbook.files.read_clients` at a row that cannot
  be read, which it cannot report otherwise.

Messages are kept as their message ids and parameters and translated when asked for, in the
caller's language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Literal

import attrs

from clientbook._base.errors import ClientbookError
from clientbook._base.i18n import N_, normalize_locale, translate

__all__ = ["ClientFileError", "MalformedFile", "RowProblem", "quote_all"]


def quote_all(texts: Iterable[str], locale: str) -> str:
    """Return *texts* quoted as *locale* writes quotes, separated by commas; ``—`` for none.

    >>> quote_all(('SIREN', 'Nom'), 'fr'), quote_all(('SIREN', 'Nom'), 'en')
    ('« SIREN », « Nom »', '"SIREN", "Nom"')
    """
    opening, closing = ("« ", " »") if normalize_locale(locale) == "fr" else ('"', '"')
    return ", ".join(f"{opening}{text}{closing}" for text in texts) or "—"


class ClientFileError(ClientbookError):
    """The client file cannot be read at all (missing, empty, binary, no known column...).

    Attributes:
        code: stable code for programs, such as ``"file.empty"``.
        params: the values the message refers to.
    """

    def __init__(self, code: str, message: str, **params: object) -> None:
        self.code = code
        self.params = params
        self._message = message
        super().__init__(self.message("fr"))  # French, as the identifier errors

    def message(self, locale: str = "fr") -> str:
        """Return the explanation in *locale* (``"fr"`` or ``"en"``)."""
        params = {name: _said(value, locale) for name, value in self.params.items()}
        return translate(self._message, locale, **params)


@attrs.frozen(kw_only=True)
class RowProblem:
    """A row that cannot be read, or that was read with a warning.

    An error stands for its row, which is not read: no cells follow it. A warning comes just
    before the cells of its row.

    Attributes:
        row: the row number as a spreadsheet shows it.
        code: stable code for programs: ``row.quote_unclosed``, ``row.too_long``,
            ``row.too_wide``, ``cell.too_long``, ``row.undecodable``, ``row.truncated`` (errors)
            or ``row.encoding`` (a warning).
        severity: ``"error"`` (the row is not read) or ``"warning"`` (it is).
        template: the message id of the explanation.
        params: the values the explanation refers to.
        column: the index of the cell at fault, ``None`` for the whole row.
        value: the start of the cell at fault, ``""`` for the whole row.
    """

    row: int
    code: str
    severity: Literal["error", "warning"]
    template: str
    params: Mapping[str, object] = attrs.field(factory=dict)
    column: int | None = None
    value: str = ""

    def message(self, locale: str = "fr") -> str:
        """Return the explanation in *locale* (``"fr"`` or ``"en"``)."""
        params = {name: _said(value, locale) for name, value in self.params.items()}
        return translate(self.template, locale, **params)


class MalformedFile(ClientFileError):
    """A row of the file cannot be read: raised where no report can take it.

    Attributes:
        row: the row number as a spreadsheet shows it.
        code: why, as the problem of the check's report says it (``row.quote_unclosed``...).
    """

    def __init__(self, row: int, code: str, message: str, **params: object) -> None:
        self.row = row
        super().__init__(code, message, **params)

    def message(self, locale: str = "fr") -> str:
        """Return the explanation in *locale* (``"fr"`` or ``"en"``), after the row's number."""
        return translate(
            N_("Row {row}: {problem}"), locale, row=self.row, problem=super().message(locale)
        )


def _said(value: object, locale: str) -> object:
    """Return a message's parameter as *locale* says it.

    Texts are quoted, a row's problem told, numbers grouped by thousands.
    """
    if isinstance(value, tuple):
        return quote_all(value, locale)
    if isinstance(value, RowProblem):
        return value.message(locale)
    if isinstance(value, int) and not isinstance(value, bool):
        grouped = f"{value:,}"
        return grouped.replace(",", " ") if normalize_locale(locale) == "fr" else grouped
    return value
