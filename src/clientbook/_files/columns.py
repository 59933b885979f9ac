"""The columns of a client file and the record fields they fill, compiled once a file.

:data:`RECORD_FIELDS` says which record field each column of
:data:`~clientbook._files.headers.FIELDS` fills (the contact's columns fill the primary
contact's, and for an individual its name columns fill the client's too); :class:`RowColumns`
compiles the columns a file has, so that :func:`clientbook._files.rows.client_from_row` reads
each of its rows without looking them up again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

from clientbook._files.headers import FIELDS
from clientbook._files.vocabulary import (
    is_archived_flag,
    is_company_flag,
    is_individual_flag,
    read_active,
    read_civility,
    read_country,
    read_kind,
)
from clientbook._records.client import ClientKind, Role
from clientbook._records.contact import Civility

__all__ = ["COLUMN_FIELDS", "PRIMARY", "RECORD_FIELDS", "RowColumns"]

#: The field path of the primary contact, where the contact's columns go.
PRIMARY = "contacts[0]"

#: The record field each column of the client fills. The contact's columns (below) fill the
#: primary contact's, and for an individual its name columns fill the client's too.
RECORD_FIELDS: Final = {
    "id": "id",
    "kind": "kind",
    "name": "name",
    "website": "website",
    "company_type": "company_type",
    "language": "language",
    "source": "source",
    "address": "address.line1",
    "address2": "address.line2",
    "postal_code": "address.postal_code",
    "city": "address.city",
    "country": "address.country",
    "billing_address": "billing_address.line1",
    "billing_address2": "billing_address.line2",
    "billing_postal_code": "billing_address.postal_code",
    "billing_city": "billing_address.city",
    "billing_country": "billing_address.country",
    "parent_id": "parent_id",
    "siren": "siren",
    "siret": "siret",
    "vat": "vat_number",
    "naf": "ape_code",
    "accounting_account": "accounting_account",
    "active": "active",
    "owner": "owner",
}
_CONTACT_FIELDS: Final = {
    "civility": "civility",
    "first_name": "first_name",
    "last_name": "last_name",
    "email": "email",
    "position": "position",
    "direct_phone": "direct_phone",
    "mobile_phone": "mobile_phone",
    "switchboard_phone": "switchboard_phone",
    "contact_source": "source",
}
#: Every record field that a column of a client file can fill.
COLUMN_FIELDS: Final = frozenset(
    [
        *RECORD_FIELDS.values(),
        *(f"contacts[0].{field}" for field in _CONTACT_FIELDS.values()),
        "civility",
        "first_name",
        "last_name",
    ]
)
_PERSON: Final = ("civility", "first_name", "last_name")
_ADDRESS_PARTS: Final = ("address", "address2", "postal_code", "city", "country")
_CONTACT_ONLY: Final = tuple(column for column in _CONTACT_FIELDS if column not in _PERSON)


class RowColumns:
    """The columns of one client file, compiled to read its rows into records.

    It keeps what repeats from row to row (countries, civilities, kinds, active flags) so that
    each distinct value is read once per file.

    Args:
        columns: ``{column name: index}``, as :attr:`Layout.columns` has them.
        headers: the header cells of the file (the yes/no columns read their meaning in them).
        locale: the language of the problems' messages, ``"fr"`` or ``"en"``.
    """

    def __init__(self, columns: Mapping[str, int], headers: Sequence[str], *, locale: str) -> None:
        self.indexes: Mapping[str, int] = dict(columns)
        self.locale = locale
        self.width = max(columns.values(), default=-1) + 1
        kind_header = headers[columns["kind"]] if "kind" in columns else ""
        active_header = headers[columns["active"]] if "active" in columns else ""
        self.individual_flag = is_individual_flag(kind_header)
        self.company_flag = is_company_flag(kind_header)
        self.archived_flag = is_archived_flag(active_header)
        # The index of every column in a row with one more, empty, cell at its end: -1 is the
        # index of a column the file does not have.
        self.at: Mapping[str, int] = {name: columns.get(name, -1) for name in FIELDS}
        self.address_at = tuple(self.at[part] for part in _ADDRESS_PARTS)
        self.billing_at = tuple(self.at[f"billing_{part}"] for part in _ADDRESS_PARTS)
        self.company_contact_at = tuple(self.at[c] for c in _CONTACT_FIELDS if c in columns)
        self.individual_contact_at = tuple(self.at[c] for c in _CONTACT_ONLY if c in columns)
        self._fields = {
            (kind, from_name): self._field_map(kind, from_name=from_name)
            for kind in ClientKind
            for from_name in (False, True)
        }
        self._registry_fields: dict[tuple[ClientKind, bool, str], dict[str, int]] = {}
        self._countries: dict[str, str] = {}
        self._kinds: dict[str, tuple[ClientKind | None, Role | None] | None] = {}
        self._actives: dict[str, tuple[bool | None, Role | None] | None] = {}
        self._civilities: dict[str, Civility | None] = {}

    def _field_map(self, kind: ClientKind, *, from_name: bool) -> dict[str, int]:
        """Return ``{record field: column index}`` for a row of *kind*.

        With *from_name*, an individual's last name comes from the name column.
        """
        fields: dict[str, int] = {}
        for column, index in self.indexes.items():
            if column == "registry":
                fields["registry"] = index
            elif column in RECORD_FIELDS:
                fields[RECORD_FIELDS[column]] = index
            else:
                fields[f"{PRIMARY}.{_CONTACT_FIELDS[column]}"] = index
                if kind is ClientKind.INDIVIDUAL and column in _PERSON:
                    fields[column] = index
        if kind is ClientKind.INDIVIDUAL and from_name and "name" in self.indexes:
            fields["last_name"] = fields[f"{PRIMARY}.last_name"] = self.indexes["name"]
        if "siren" not in fields and "siret" in fields:  # the record reads it from the SIRET
            fields["siren"] = fields["siret"]
        return fields

    def fields(
        self, kind: ClientKind, *, last_name_from_name: bool = False, registry: str = ""
    ) -> Mapping[str, int]:
        """Return ``{record field: column index}`` for a row of *kind*; see :class:`RowClient`.

        *registry*: what the trade-register cell gave the row, ``"siret"`` or ``"siren"`` (its
        SIRET or SIREN cell blank), or ``""``. The same map is returned for the same arguments.
        """
        if not registry:
            return self._fields[kind, last_name_from_name]
        key = (kind, last_name_from_name, registry)
        found = self._registry_fields.get(key)
        if found is None:
            found = dict(self._fields[kind, last_name_from_name])
            at = self.indexes["registry"]
            found[registry] = at
            if registry == "siret" and "siren" not in self.indexes:
                found["siren"] = at
            found = self._registry_fields[key] = found
        return found

    def country(self, text: str) -> str:
        """Return the ISO code of the country *text* names: :func:`read_country`, once per text."""
        code = self._countries.get(text)
        if code is None:
            code = self._countries[text] = read_country(text)
        return code

    def kind(self, text: str) -> tuple[ClientKind | None, Role | None] | None:
        """Return the kind and role a kind cell says: :func:`read_kind`, once per text."""
        if text not in self._kinds:
            self._kinds[text] = read_kind(
                text, individual_flag=self.individual_flag, company_flag=self.company_flag
            )
        return self._kinds[text]

    def active(self, text: str) -> tuple[bool | None, Role | None] | None:
        """Return whether an active cell says active, and its role: :func:`read_active`, once."""
        if text not in self._actives:
            self._actives[text] = read_active(text, archived_flag=self.archived_flag)
        return self._actives[text]

    def civility(self, text: str) -> Civility | None:
        """Return the civility a cell says: :func:`read_civility`, once per text."""
        if text not in self._civilities:
            self._civilities[text] = read_civility(text)
        return self._civilities[text]
