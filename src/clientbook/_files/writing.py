"""Writing client records as a flat file that a spreadsheet opens as it should.

:func:`write_clients` writes one row per client and one column per field of the client and of
its primary contact, under the headers that :func:`clientbook.files.check_file` and
:func:`clientbook.files.read_clients` recognise: an export reads back into the same records,
for the fields a flat file holds (:data:`WRITTEN_FIELDS`). For the French locale the file is
``;``-separated, for English ``,``-separated, both in UTF-8 with a BOM (Excel reads UTF-8 only
with it), every cell quoted, lines ending with CRLF.

A cell that a spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return, such as the phone number ``+33612345678``) gets a ``'`` in front,
as OWASP recommends against CSV injection; a cell that already starts with quotes before such
a character gets one more. The reader takes one away
(:func:`~clientbook._files.reading.unneutralised`), so that the round trip holds.

Source: OWASP, « CSV Injection » (https://owasp.org/www-community/attacks/CSV_Injection).
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
from collections.abc import Iterable, Iterator
from typing import IO, BinaryIO, Final, TypeAlias, cast

from clientbook._base.i18n import normalize_locale
from clientbook._records.address import Address
from clientbook._records.client import Client, ClientKind
from clientbook._records.contact import Contact
from clientbook._rules.contacts import primary_contact
from clientbook._rules.validation.text import storable

__all__ = ["COLUMNS", "WRITTEN_FIELDS", "Target", "neutralised", "write_clients"]

#: Where a flat file can be written: a path, or a text or binary file object.
Target: TypeAlias = "str | os.PathLike[str] | IO[str] | IO[bytes]"

#: The columns written, in their order: ``(column name, French header, English header)``; the
#: column names are those of ``--column NAME=HEADER``, the headers some that ``check``
#: recognises for them (:mod:`clientbook._files.headers`).
COLUMNS: Final = (
    ("id", "Code client", "Client code"),
    ("kind", "Société ou particulier", "Client type"),
    ("name", "Raison sociale", "Company name"),
    ("civility", "Civilité", "Salutation"),
    ("first_name", "Prénom", "First name"),
    ("last_name", "Nom de famille", "Last name"),
    ("email", "Email", "Email"),
    ("position", "Poste", "Job title"),
    ("direct_phone", "Téléphone direct", "Direct phone"),
    ("mobile_phone", "Portable", "Mobile phone"),
    ("switchboard_phone", "Standard", "Switchboard"),
    ("contact_source", "Source du contact", "Contact source"),
    ("siren", "SIREN", "SIREN"),
    ("siret", "SIRET", "SIRET"),
    ("vat", "N° TVA intracommunautaire", "VAT number"),
    ("naf", "Code APE", "APE code"),
    ("company_type", "Forme juridique", "Legal form"),
    ("address", "Adresse", "Address"),
    ("address2", "Adresse 2", "Address 2"),
    ("postal_code", "Code postal", "Postal code"),
    ("city", "Ville", "City"),
    ("country", "Pays", "Country"),
    ("billing_address", "Adresse de facturation", "Billing address"),
    ("billing_address2", "Adresse de facturation 2", "Billing address 2"),
    ("billing_postal_code", "Code postal de facturation", "Billing postal code"),
    ("billing_city", "Ville de facturation", "Billing city"),
    ("billing_country", "Pays de facturation", "Billing country"),
    ("website", "Site web", "Website"),
    ("language", "Langue", "Language"),
    ("source", "Source", "Source"),
    ("parent_id", "Société mère", "Parent company"),
    ("accounting_account", "Compte comptable", "Accounting account"),
    ("owner", "Propriétaire", "Owner"),
    ("active", "Actif", "Active"),
)

#: The fields of a :class:`~clientbook.Client` that a written file holds and reads back.
#: Not held: ``roles`` (read back as client), ``delivery_addresses``, the contacts other than
#: the primary one (which reads back marked primary), ``created_at`` and ``version``.
WRITTEN_FIELDS: Final = (
    "id",
    "kind",
    "name",
    "civility",
    "first_name",
    "last_name",
    "website",
    "company_type",
    "language",
    "source",
    "address",
    "billing_address",
    "parent_id",
    "vat_number",
    "siret",
    "siren",
    "ape_code",
    "accounting_account",
    "active",
    "contacts[primary]",
    "owner",
)

# (company, individual), (yes, no), by language.
_KINDS: Final = {"fr": ("Société", "Particulier"), "en": ("Company", "Individual")}
_YES_NO: Final = {"fr": ("oui", "non"), "en": ("yes", "no")}
_DELIMITERS: Final = {"fr": ";", "en": ","}
# The start of a cell that a spreadsheet runs as a formula, after the quotes that neutralise it.
_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_NO_ADDRESS: Final = ("",) * 5


def neutralised(cell: str) -> str:
    r"""Return *cell* as a spreadsheet shows it without running it as a formula.

    A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, maybe after
    quotes, gets a ``'`` in front (OWASP); any other is returned as it is.

    >>> neutralised("+33612345678"), neutralised("=HYPERLINK(\"x\")"), neutralised("'-1")
    ("'+33612345678", '\'=HYPERLINK("x")', "''-1")
    >>> neutralised("Boulangerie l'Épi d'Or")
    "Boulangerie l'Épi d'Or"
    """
    return "'" + cell if _FORMULA.match(cell) else cell


def write_clients(target: Target, clients: Iterable[Client], *, locale: str = "fr") -> int:
    """Write *clients* as a flat file, one row each, that reads back into the same records.

    Every column is written, whatever the records fill, under the French or English headers
    that ``clientbook check`` recognises (``Code client``, ``Raison sociale``, ``SIRET``...).
    The primary contact's civility, names, e-mail, position, phones and source have a column
    each: for an individual, civility and names are the client's own. Addresses are written
    with their ISO country code. A client has a row, and a row holds one primary contact and
    one billing address: its other contacts, its delivery addresses, its roles, its creation
    date and version are not written.

    For ``fr`` the cells are separated by ``;``, for ``en`` by ``,``; a path or a binary file
    gets UTF-8 with a BOM, so that Excel reads accents right; a text file object gets the text
    in its own encoding (open it with ``newline=""``). Each cell that a spreadsheet would run
    as a formula (it starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets
    a ``'`` in front, as OWASP recommends; reading the file takes it away.

    Args:
        target: the file to write: a path (replaced if it exists), or a text or binary file
            object (written from where it stands, left open).
        clients: the records, in the order of the rows; any iterable, read once.
        locale: ``"fr"`` or ``"en"`` (or ``fr_FR``...): the headers, words and delimiter.

    Returns:
        The number of rows written, the header aside.

    Raises:
        ValueError: *locale* is neither French nor English, or a client holds a NUL character
            or a lone surrogate (``text.unstorable``); the rows before it are written.
        TypeError: *target* is not a path or a file object.
    """
    language = normalize_locale(locale)
    with _text_file(target) as file:
        writer = csv.writer(
            file, delimiter=_DELIMITERS[language], quoting=csv.QUOTE_ALL, lineterminator="\r\n"
        )
        writer.writerow(french if language == "fr" else english for _, french, english in COLUMNS)
        rows = 0
        for client in clients:
            cells = _cells(client, language)
            if not storable("".join(cells)):
                raise ValueError(
                    f"client {client.id!r} holds a NUL character or a lone surrogate, which no "
                    "text file can hold: clean it before writing"
                )
            writer.writerow([neutralised(cell) for cell in cells])
            rows += 1
    return rows


@contextlib.contextmanager
def _text_file(target: Target) -> Iterator[IO[str]]:
    """Yield a text file to write the rows to; close what was opened here, not the caller's."""
    if isinstance(target, str | os.PathLike):
        with open(target, "w", encoding="utf-8-sig", newline="") as file:
            yield file
        return
    if isinstance(target, io.TextIOBase):
        yield target
        return
    if not callable(getattr(target, "write", None)):
        raise TypeError(
            f"write_clients writes to a path or a file object; got {type(target).__name__}"
        )
    wrapper = io.TextIOWrapper(cast(BinaryIO, target), encoding="utf-8-sig", newline="")
    try:
        yield wrapper
        wrapper.flush()
    finally:
        wrapper.detach()  # the caller's file stays open


def _address_cells(address: Address | None) -> tuple[str, ...]:
    if address is None:
        return _NO_ADDRESS
    return (address.line1, address.line2, address.postal_code, address.city, address.country)


def _cells(client: Client, language: str) -> list[str]:
    """Return the cells of *client*'s row, in the order of :data:`COLUMNS`."""
    company, individual = _KINDS[language]
    yes, no = _YES_NO[language]
    contact = primary_contact(client) or Contact()
    if client.kind is ClientKind.INDIVIDUAL:
        civility, first_name, last_name = client.civility, client.first_name, client.last_name
    else:
        civility, first_name, last_name = contact.civility, contact.first_name, contact.last_name
    return [
        client.id,
        individual if client.kind is ClientKind.INDIVIDUAL else company,
        client.name,
        "" if civility is None else civility.value,
        first_name,
        last_name,
        contact.email,
        contact.position,
        contact.direct_phone,
        contact.mobile_phone,
        contact.switchboard_phone,
        contact.source,
        client.siren,
        client.siret,
        client.vat_number,
        client.ape_code,
        client.company_type,
        *_address_cells(client.address),
        *_address_cells(client.billing_address),
        client.website,
        client.language,
        client.source,
        client.parent_id or "",
        client.accounting_account,
        client.owner or "",
        yes if client.active else no,
    ]
