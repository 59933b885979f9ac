"""A row of a client file, read into a client record: the adapter between a CSV and the model.

The columns a file has are recognised by :mod:`clientbook._files.headers` (``name``, ``siren``,
``postal_code``, ``email``...); :class:`RowColumns` compiles them once per file, and
:func:`client_from_row` builds the :class:`~clientbook.Client` of each row:

- **Company or individual**: a company, unless the row says so in a column such as « Type » or
  « Société ou particulier » (``Particulier``, ``Individual``, ``Personne physique``), or in a
  column headed « Particulier » (``oui``, ``x``, ``1``), or the row has no company name but a
  last name. Words of a role (``Client``, ``Prospect``, ``Fournisseur``) in that column give the
  client's roles instead.
- **Names**: a company's « Civilité », « Prénom » and « Nom » are its primary contact's; an
  individual's are the client's own (its last name read from the name column when the row has
  no other).
- **The primary contact**: the one contact of the row, built when one of its cells is filled:
  civility, first and last name (of a company's contact), e-mail, position, phones, source.
- **Addresses**: the main address when one of its cells is filled; the country is an ISO code
  or a country's name in French or English (Babel's names); blank is France. The billing
  address only when one of its cells is filled, in the main address's country unless it has its
  own.
- **Trade register**: Odoo's « Company Registry » / « Registre de commerce », Dolibarr's
  « Id. prof. 4 (RCS/RM) »: 14 digits are the SIRET, 9 the SIREN (:func:`registry_number`),
  used when the row's own SIRET or SIREN cell is blank; anything else is
  ``client.registry.unreadable``.
- **Active**: « Actif », « Statut » (``oui``, ``non``, ``actif``, ``inactif``, ``1``, ``0``,
  ``true``, ``false``...), or « Inactif » / « Archivé » the other way round.
- **Id**: the client code (« Code client », « Identifiant »...); without one, an id made of
  what identifies the client (names, numbers, e-mail address, postal code), the same in every
  export of the file.

What the words of the cells say (kinds, roles, yes and no, civilities, countries' names) is
:mod:`clientbook._files.vocabulary`'s business. A value that cannot be read (a civility that
is neither Monsieur nor Madame, an active flag of ``peut-être``) is kept out of the record and
returned as a :class:`~clientbook.Problem` of the row, never raised: the rest of the row is
checked as usual.

Source: ``lab-event_remplir-page-client`` (the fields of the client page and of the primary
contact); ``jb-manager_creer-contact`` (« une société ou un particulier », « client, prospect
ou fournisseur »).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from typing import Any, Final

import attrs

from clientbook._base.i18n import N_, translate
from clientbook._files.columns import PRIMARY, RowColumns
from clientbook._records.address import Address
from clientbook._records.client import Client, ClientKind, Role
from clientbook._records.contact import Civility, Contact
from clientbook._records.problem import Problem

__all__ = [
    "RowClient",
    "client_from_row",
    "registry_number",
]

_CLIENT_ROLE: Final = frozenset({Role.CLIENT})
_UNREADABLE_KIND = N_(
    '"{value}" does not say whether the client is a company or an individual: write Société '
    "or Particulier."
)
_UNREADABLE_ACTIVE = N_(
    '"{value}" does not say whether the client is active: write Actif or Inactif (or oui or non).'
)
_UNREADABLE_REGISTRY = N_(
    '"{value}" is neither a SIRET (14 digits) nor a SIREN (9 digits): write the number the '
    "trade register gives."
)
# The words around the number of a trade-register cell: « RCS Lyon B 404 833 048 ».
_REGISTRY_WORDS = re.compile(r"\b(?:R\.?\s?C\.?\s?S|R\.?\s?M)\b\.?", re.IGNORECASE)
_UNKNOWN_CIVILITY = N_('"{value}" is not a civility: write M. (Monsieur) or Mme (Madame).')


@attrs.frozen(kw_only=True)
class RowClient:
    """The record read from one row, and the values of the row that could not be read.

    Attributes:
        client: the record; a value that could not be read is left at its default.
        problems: ``client.kind.unreadable``, ``client.active.unreadable``,
            ``client.civility.unknown`` or ``contact.civility.unknown`` (errors), their
            ``field`` the record field the value was for.
        fields: ``{record field: column index}``: where each field of this record comes from.
    """

    client: Client
    problems: tuple[Problem, ...] = ()
    fields: Mapping[str, int] = attrs.field(factory=dict)


def _key_of_row(kind: ClientKind, *values: str) -> str:
    """Return the id of a row without a client code: made of what identifies the client.

    The kind, names, SIREN, SIRET, VAT number, e-mail address and postal code, without case
    or extra spaces, give the same id to the same client in every export of a file, wherever
    its row is: importing the file again finds the clients it stored. ``auto-`` and 16
    hexadecimal digits.
    """
    text = "\x1f".join([kind.value, *(" ".join(value.split()).casefold() for value in values)])
    return (
        "auto-" + hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()
    )


def registry_number(text: str) -> tuple[str, str] | None:
    """Return ``("siret", digits)`` or ``("siren", digits)``: what a trade-register cell holds.

    The cell is compacted (spaces, dots, dashes), and the words of the register taken away
    (« RCS Lyon B 404 833 048 » is the SIREN 404833048): 14 digits are a SIRET, 9 a SIREN.
    ``None`` for anything else.

    >>> registry_number("404 833 048 00014")
    ('siret', '40483304800014')
    >>> registry_number("RCS Lyon B 404 833 048")
    ('siren', '404833048')
    >>> registry_number("B 404") is None
    True
    """
    text = text.strip()
    if _REGISTRY_WORDS.search(text):
        digits = "".join(char for char in text if char in "0123456789")
    else:
        digits = "".join(char for char in text if char not in " .-\u00a0")
    if not (digits.isascii() and digits.isdigit()):
        return None
    if len(digits) == 14:
        return ("siret", digits)
    if len(digits) == 9:
        return ("siren", digits)
    return None


def _problem(code: str, field: str, message: str, value: str, locale: str) -> Problem:
    return Problem(code=code, field=field, message=translate(message, locale, value=value.strip()))


def _address(row: Sequence[str], at: tuple[int, ...], columns: RowColumns, country: str) -> Address:
    """Return the address in the cells *at* of *row*; *country* when its own is blank."""
    typed_country = row[at[4]]
    return Address(
        line1=row[at[0]],
        line2=row[at[1]],
        postal_code=row[at[2]],
        city=row[at[3]],
        country=columns.country(typed_country) if typed_country.strip() else country,
    )


def _filled(row: Sequence[str], at: tuple[int, ...]) -> bool:
    """Return whether one of the cells *at* of *row* holds more than white space."""
    for index in at:  # noqa: SIM110 - a loop: any() over a generator costs twice as much
        if row[index] and not row[index].isspace():
            return True
    return False


def client_from_row(cells: Sequence[str], columns: RowColumns) -> RowClient:
    """Return the client record of one row of a client file, and what could not be read.

    Args:
        cells: the row's cells, at least as many as the file's columns reach (pad a short
            row with empty cells).
        columns: the file's columns, compiled once per file.

    Returns:
        The record, the problems of the values that could not be read, and the column of each
        record field.
    """
    row = [*cells, ""]  # row[-1]: the cell of a column the file does not have
    at = columns.at
    locale = columns.locale
    problems: list[Problem] = []
    roles: set[Role] = set()
    kind: ClientKind | None = None
    typed_kind = row[at["kind"]]
    if typed_kind:
        said = columns.kind(typed_kind)
        if said is None:
            problems.append(
                _problem("client.kind.unreadable", "kind", _UNREADABLE_KIND, typed_kind, locale)
            )
        else:
            kind, role = said
            if role is not None:
                roles.add(role)
    active = True
    typed_active = row[at["active"]]
    if typed_active:
        said_active = columns.active(typed_active)
        if said_active is None:
            problems.append(
                _problem(
                    "client.active.unreadable", "active", _UNREADABLE_ACTIVE, typed_active, locale
                )
            )
        else:
            state, role = said_active
            if state is not None:
                active = state
            if role is not None:
                roles.add(role)
    name = row[at["name"]]
    last_name = row[at["last_name"]]
    if kind is None:
        no_name = not name or name.isspace()
        has_last_name = bool(last_name) and not last_name.isspace()
        kind = ClientKind.INDIVIDUAL if no_name and has_last_name else ClientKind.COMPANY
    person = kind is ClientKind.INDIVIDUAL
    from_name = person and not last_name.strip() and bool(name.strip())
    if from_name:
        last_name, name = name, ""
    civility: Civility | None = None
    typed_civility = row[at["civility"]]
    if typed_civility and not typed_civility.isspace():
        civility = columns.civility(typed_civility)
        if civility is None:
            problems.append(
                _problem(
                    "client.civility.unknown" if person else "contact.civility.unknown",
                    "civility" if person else f"{PRIMARY}.civility",
                    _UNKNOWN_CIVILITY,
                    typed_civility,
                    locale,
                )
            )
    first_name = row[at["first_name"]]
    contact_at = columns.individual_contact_at if person else columns.company_contact_at
    contacts: tuple[Contact, ...] = ()
    if _filled(row, contact_at):
        contacts = (
            Contact(
                civility=civility,
                first_name=first_name,
                last_name=last_name,
                email=row[at["email"]],
                position=row[at["position"]],
                direct_phone=row[at["direct_phone"]],
                mobile_phone=row[at["mobile_phone"]],
                switchboard_phone=row[at["switchboard_phone"]],
                source=row[at["contact_source"]],
                primary=True,
            ),
        )
    address = None
    if _filled(row, columns.address_at):
        address = _address(row, columns.address_at, columns, "FR")
    billing = None
    if _filled(row, columns.billing_at):
        country = "FR" if address is None else address.country
        billing = _address(row, columns.billing_at, columns, country)
    typed_siren, typed_siret = row[at["siren"]], row[at["siret"]]
    registry = ""
    typed_registry = row[at["registry"]]
    if typed_registry and not typed_registry.isspace():
        number = registry_number(typed_registry)
        if number is None:
            problems.append(
                _problem(
                    "client.registry.unreadable",
                    "registry",
                    _UNREADABLE_REGISTRY,
                    typed_registry,
                    locale,
                )
            )
        elif number[0] == "siret" and not typed_siret.strip():
            registry, typed_siret = number
        elif number[0] == "siren" and not typed_siren.strip():
            registry, typed_siren = number
    # A company's SIREN is passed only when typed: otherwise the record reads it from its SIRET.
    # An individual has none: a SIRET in its row is reported once, not twice.
    siren: dict[str, Any] = {"siren": typed_siren} if person or typed_siren.strip() else {}
    client_id = row[at["id"]].strip() or _key_of_row(
        kind, name, first_name, last_name, typed_siren, typed_siret, row[at["vat"]],
        row[at["email"]], address.postal_code if address is not None else "",
    )  # fmt: skip
    client = Client(
        id=client_id,
        kind=kind,
        roles=frozenset(roles) if roles else _CLIENT_ROLE,
        name=name,
        civility=civility if person else None,
        first_name=first_name if person else "",
        last_name=last_name if person else "",
        website=row[at["website"]],
        company_type=row[at["company_type"]],
        language=row[at["language"]],
        source=row[at["source"]],
        address=address,
        billing_address=billing,
        parent_id=row[at["parent_id"]].strip() or None,
        vat_number=row[at["vat"]],
        siret=typed_siret,
        **siren,
        ape_code=row[at["naf"]],
        accounting_account=row[at["accounting_account"]],
        active=active,
        contacts=contacts,
        owner=row[at["owner"]].strip() or None,
    )
    return RowClient(
        client=client,
        problems=tuple(problems),
        fields=columns.fields(kind, last_name_from_name=from_name, registry=registry),
    )
