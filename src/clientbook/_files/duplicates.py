"""The rows of a client file that describe the same client: a warning on each.

:class:`DuplicateRows` keeps, for each row read, what :func:`~clientbook.find_duplicates`
compares (its keys: SIRENs, VAT number, e-mail addresses, name and postal code) and the little
needed to place and word a warning; when the file is read, the rows that share a key are
grouped (:func:`clientbook._rules.duplicates.group_keys`) and each row of a group gets a
``client.duplicate`` warning naming the others and what they share.
"""

from __future__ import annotations

import array
import itertools
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Final

from clientbook._base.i18n import N_, translate
from clientbook._files.problems import FileProblem
from clientbook._records.client import ClientKind
from clientbook._rules import sirens
from clientbook._rules.duplicates import DuplicateRule, duplicate_keys, group_keys

if TYPE_CHECKING:
    from clientbook._files.columns import RowColumns
    from clientbook._files.rows import RowClient

__all__ = ["DuplicateRows", "grouped"]

_DUPLICATE = N_(
    "This row probably describes the same client as {rows}: {reasons}. Check whether it was "
    "entered twice."
)
_ROW = N_("row {rows}")
_ROWS = N_("rows {rows}")
_MORE_ROWS = N_("rows {rows} and {count} more")
_NAMED_ROWS = 5  # a row duplicated a thousand times names the first few others only
# What a row shares with the others; "as {rows}" only when not all the others share it.
_REASONS: Final = {
    "siren": N_("same SIREN ({value})"),
    "vat": N_("same VAT number ({value})"),
    "email": N_("same e-mail address ({value})"),
    "name_postal_code": N_("same name and postal code"),
}
_REASONS_WITH_ROWS: Final = {
    "siren": N_("same SIREN as {rows} ({value})"),
    "vat": N_("same VAT number as {rows} ({value})"),
    "email": N_("same e-mail address as {rows} ({value})"),
    "name_postal_code": N_("same name and postal code as {rows}"),
}
_REASONS_SEPARATOR = N_("; ")
# The record fields a duplicate's warning is placed on, by rule: the first the row has. (A
# shared SIREN is placed on the field that holds it: see _reason_field.)
_REASON_FIELDS: Final = {
    "vat": ("vat_number",),
    "email": ("contacts[0].email",),
    "name_postal_code": ("name", "last_name", "address.postal_code"),
}

#: What is kept of a row: its keys, then its SIREN, SIRET and VAT number as the record has
#: them, and its display name when it has a name-and-postal-code key (``""`` otherwise).
_Kept = tuple[tuple[tuple[DuplicateRule, str], ...], str, str, str, str]


def grouped(digits: str) -> str:
    """Return 9 digits in groups of three, as a SIREN is printed."""
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}"


def _rows_text(rows: Iterable[int], count: int, language: str) -> str:
    """Return ``row 12``, ``rows 12, 40`` or ``rows 12, 40, ... and 3 more`` in *language*.

    Args:
        rows: the rows, in order; only the first few are read.
        count: how many *rows* there are.
        language: ``"fr"`` or ``"en"``.
    """
    numbers = ", ".join(map(str, itertools.islice(rows, _NAMED_ROWS)))
    if count > _NAMED_ROWS:
        return translate(_MORE_ROWS, language, rows=numbers, count=count - _NAMED_ROWS)
    return translate(_ROW if count == 1 else _ROWS, language, rows=numbers)


def _reason_field(rule: DuplicateRule, value: str, kept: _Kept, fields: Mapping[str, int]) -> str:
    """Return the record field a row's duplicate warning is placed on: the one that shares.

    A SIREN is shared through the SIREN, the SIRET or the French VAT number, whichever of the
    row's holds it; the other rules through their field, or the first the file has a column for.
    """
    if rule == "siren":
        found = sirens.from_typed(siren=kept[1], siret=kept[2], vat_number=kept[3])
        if found.given == value:
            return "siren"
        if found.siret == value:
            return "siret"
        return "vat_number"
    candidates = _REASON_FIELDS[rule]
    return next((name for name in candidates if name in fields), candidates[0])


def _reason_value(rule: DuplicateRule, value: str) -> str:
    """Return the shared value as people read it: a SIREN in groups of three."""
    return grouped(value) if rule == "siren" else value


class DuplicateRows:
    """What the duplicates of a file are found by, kept row by row until the end of the file.

    Each row leaves a tuple of text (its keys, identifiers and display name), not the whole
    row; a row without keys leaves ``None``. Its row number and the map of its fields'
    columns go into compact arrays. Tuples of text are left alone by the garbage collector, so
    that keeping 100,000 of them costs no time while the rows are read.

    Args:
        columns: the file's columns, compiled to read its rows.
    """

    def __init__(self, columns: RowColumns) -> None:
        self._maps = [
            columns.fields(kind, last_name_from_name=from_name)
            for kind in ClientKind
            for from_name in (False, True)
        ]
        self._map_of = {id(fields): index for index, fields in enumerate(self._maps)}
        self._company = self._map_of[id(columns.fields(ClientKind.COMPANY))]
        self._rows = array.array("q")
        self._map_indexes = bytearray()
        self._kept: list[_Kept | None] = []

    def add(self, row_number: int, read: RowClient, *, siren: str | None = None) -> None:
        """Keep what the duplicates of the row read at *row_number* are found by.

        Args:
            row_number: the row's number as a spreadsheet shows it.
            read: the row's record.
            siren: the row's SIREN cell, when the file has a SIREN column: a SIREN shared
                through the SIRET is placed on the SIRET when the SIREN cell is blank.
        """
        client = read.client
        keys = duplicate_keys(client)
        self._rows.append(row_number)
        index = self._map_of.get(id(read.fields))
        if index is None:  # a map of a trade-register column, kept alive by RowColumns
            index = self._map_of[id(read.fields)] = len(self._maps)
            self._maps.append(read.fields)
        self._map_indexes.append(index)
        if not keys:
            self._kept.append(None)
            return
        named = any(rule == "name_postal_code" for rule, _key in keys)
        self._kept.append(
            (
                tuple(keys),
                client.siren if siren is None else siren,
                client.siret,
                client.vat_number,
                client.display_name if named else "",
            )
        )

    def add_company(
        self,
        row_number: int,
        keys: tuple[tuple[DuplicateRule, str], ...],
        *,
        siren: str,
        siret: str,
        vat_number: str,
    ) -> None:
        """Keep the *keys* of a company's row that has no name-and-postal-code key.

        Args:
            row_number: the row's number as a spreadsheet shows it.
            keys: the keys :func:`~clientbook._rules.duplicates.duplicate_keys` gives its record.
            siren: the row's SIREN cell, compact, when the file has a SIREN column; the
                record's SIREN otherwise.
            siret: the record's SIRET.
            vat_number: the record's VAT number.
        """
        self._rows.append(row_number)
        self._map_indexes.append(self._company)
        self._kept.append((keys, siren, siret, vat_number, "") if keys else None)

    def fields(self, position: int) -> Mapping[str, int]:
        """Return the map of the fields' columns of the *position*-th row kept."""
        return self._maps[self._map_indexes[position]]

    def row_number(self, position: int) -> int:
        """Return the row number of the *position*-th row kept."""
        return self._rows[position]

    def warnings(self, headers: Sequence[str], language: str) -> list[FileProblem]:
        """Return a ``client.duplicate`` warning for each row that has duplicates.

        A row of a group names the others, and the values it shares with them; in a group of
        many rows, only the first few are named (the time stays linear in the group's size).
        Call it once, when every row is read: what was kept is let go.
        """
        kept = self._kept
        self._kept = []
        row_of = self._rows

        groups = group_keys(
            [None if item is None else item[0] for item in kept],
            vat_number_of=lambda position: _the(kept[position])[3],
        )
        warnings: list[FileProblem] = []
        for positions, reasons in groups:
            reasons_of: dict[int, list[tuple[DuplicateRule, str, list[int]]]] = {}
            for rule, value, members in reasons:
                rows = [row_of[member] for member in members]
                for member in members:
                    reasons_of.setdefault(member, []).append((rule, value, rows))
            group_rows = [row_of[position] for position in positions]
            for position in positions:
                row = row_of[position]
                own = reasons_of[position]
                texts = [
                    translate(_REASONS[rule], language, value=_reason_value(rule, value))
                    if len(rows) == len(group_rows)
                    else translate(
                        _REASONS_WITH_ROWS[rule],
                        language,
                        rows=_rows_text((r for r in rows if r != row), len(rows) - 1, language),
                        value=_reason_value(rule, value),
                    )
                    for rule, value, rows in own
                ]
                first_rule, first_value, _rows = own[0]
                record = _the(kept[position])
                fields = self._maps[self._map_indexes[position]]
                field = _reason_field(first_rule, first_value, record, fields)
                index = fields.get(field)
                others = (r for r in group_rows if r != row)
                warnings.append(
                    FileProblem(
                        row=row,
                        column=headers[index] if index is not None else None,
                        field=field,
                        code="client.duplicate",
                        severity="warning",
                        message=translate(
                            _DUPLICATE,
                            language,
                            rows=_rows_text(others, len(group_rows) - 1, language),
                            reasons=translate(_REASONS_SEPARATOR, language).join(texts),
                        ),
                        value=(
                            record[4]
                            if first_rule == "name_postal_code"
                            else _reason_value(first_rule, first_value)
                        ),
                    )
                )
        return warnings


def _the(kept: _Kept | None) -> _Kept:
    """Return what was kept of a row that has keys (every row of a group has)."""
    assert kept is not None
    return kept
