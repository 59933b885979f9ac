"""Reading a client file as people really have them: CSV from a spreadsheet or another tool.

The file is read in two passes. The first reads the bytes in chunks, without keeping them, to
find the encoding (UTF-16 when it starts with a UTF-16 byte-order mark, as Excel's "Unicode
text" export does; otherwise UTF-8, with or without BOM, then Windows-1252, as Excel FR exports
CSV) and to refuse what is not text (NUL bytes, an Excel workbook). The second streams the rows
with :mod:`csv`: no row outlives the loop that checks it.

The delimiter (``;``, ``,`` or tab) is the one the first lines use the most consistently, quoted
text aside. The header is the first row, among the first ten, in which an identifier column or
two columns are recognised (exports often start with a title line). Headers are compared without
accents, case, spaces or punctuation, so ``N° TVA intracommunautaire``, ``n° tva intracom.`` and
``VAT number`` all name the VAT column.

Rows are numbered as a spreadsheet shows them: the first line of the file is row 1, and a record
whose quoted cells contain line breaks is one row, numbered where it starts.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import BinaryIO, Final

import attrs

from clientbook._base.errors import ClientbookError
from clientbook._base.i18n import N_, normalize_locale, translate

__all__ = [
    "FIELDS",
    "IDENTIFIER_FIELDS",
    "ClientFileError",
    "Layout",
    "MalformedFile",
    "Record",
    "header_key",
    "open_client_file",
    "quote_all",
]

#: The columns a client file can have, by name: the record field each fills is in
#: :mod:`clientbook._files.rows`. The names are those of ``--column NAME=HEADER``.
FIELDS: Final = (
    "id",
    "kind",
    "name",
    "website",
    "company_type",
    "language",
    "source",
    "address",
    "address2",
    "postal_code",
    "city",
    "country",
    "billing_address",
    "billing_address2",
    "billing_postal_code",
    "billing_city",
    "billing_country",
    "parent_id",
    "siren",
    "siret",
    "vat",
    "naf",
    "accounting_account",
    "active",
    "owner",
    "civility",
    "first_name",
    "last_name",
    "email",
    "position",
    "direct_phone",
    "mobile_phone",
    "switchboard_phone",
    "contact_source",
)
#: The columns that hold an identifier, checked by :mod:`clientbook._files.check`.
IDENTIFIER_FIELDS: Final = ("siren", "siret", "vat", "naf")

#: One data row: its number as a spreadsheet shows it, and its cells.
Record = tuple[int, list[str]]

_CHUNK = 1 << 20
_HEADER_SEARCH_ROWS = 10
_DELIMITERS = (";", "\t", ",")  # ties go to the first: Excel FR writes ";"

# Headers as people write them, French and English, best first; compared by header_key(). The
# number prefixes and suffixes ("N°", "Numéro de", "number"...) are added to the identifiers'
# names below. "Nom" and "Name" name the company unless the file has a better company-name
# column or a first-name column: then they hold a last name (see _match_columns).
_SYNONYMS: Final[Mapping[str, tuple[str, ...]]] = {
    "siren": ("SIREN", "Code SIREN", "Identifiant SIREN"),
    "siret": ("SIRET", "Code SIRET", "SIRET établissement"),
    "vat": (
        "TVA intracommunautaire",
        "TVA intracom",
        "TVA intra",
        "Identifiant TVA",
        "Intracommunautaire",
        "Intracom",
        "VAT",
        "EU VAT",
        "VAT reg",
        "VAT registration",
        "TVA",
    ),
    "naf": (
        "Code APE",
        "Code NAF",
        "APE",
        "NAF",
        "APE/NAF",
        "Code APE/NAF",
        "NAF/APE",
        "Code NAF/APE",
        "NAF rév. 2",
        "Code NAF rév. 2",
        "NAF 2025",
        "Code NAF 2025",
        "APE code",
        "NAF code",
    ),
    "name": (
        "Raison sociale",
        "Dénomination sociale",
        "Dénomination",
        "Nom de la société",
        "Nom de l'entreprise",
        "Nom société",
        "Nom entreprise",
        "Société",
        "Entreprise",
        "Company name",
        "Legal name",
        "Business name",
        "Company",
        "Customer name",
        "Client name",
        "Nom client",
        "Nom",
        "Name",
        "Client",
        "Customer",
    ),
    "id": (
        "Code client",
        "Identifiant client",
        "N° client",
        "Numéro client",
        "Référence client",
        "Réf. client",
        "Code",
        "Identifiant",
        "ID",
        "Client ID",
        "Customer ID",
        "Client code",
        "Customer code",
        "Customer number",
        "Reference",
    ),
    "kind": (
        "Société ou particulier",
        "Particulier ou société",
        "Type de client",
        "Type client",
        "Type",
        "Particulier",
        "Personne physique",
        "Client type",
        "Customer type",
        "Kind",
        "Individual",
    ),
    "website": ("Site web", "Site internet", "Site", "Web", "Internet", "Website", "URL"),
    "company_type": (
        "Type de société",
        "Type d'entreprise",
        "Forme juridique",
        "Statut juridique",
        "Company type",
        "Legal form",
        "Legal status",
    ),
    "language": ("Langue", "Langue société", "Langue de la société", "Language"),
    "source": ("Source", "Source client", "Origine", "Origine client", "Lead source"),
    "address": (
        "Adresse",
        "Adresse 1",
        "Adresse ligne 1",
        "Adresse postale",
        "Rue",
        "Address",
        "Address 1",
        "Address line 1",
        "Street",
    ),
    "address2": (
        "Adresse 2",
        "Adresse ligne 2",
        "Complément",
        "Complément d'adresse",
        "Complément adresse",
        "Address 2",
        "Address line 2",
    ),
    "postal_code": ("Code postal", "CP", "Postal code", "Postcode", "Zip code", "Zip"),
    "city": ("Ville", "Commune", "Localité", "City", "Town"),
    "country": ("Pays", "Code pays", "Country", "Country code"),
    "billing_address": (
        "Adresse de facturation",
        "Adresse facturation",
        "Adresse de facturation 1",
        "Billing address",
        "Billing address 1",
        "Invoice address",
    ),
    "billing_address2": (
        "Adresse de facturation 2",
        "Adresse facturation 2",
        "Complément adresse de facturation",
        "Complément facturation",
        "Billing address 2",
    ),
    "billing_postal_code": (
        "Code postal de facturation",
        "Code postal facturation",
        "CP facturation",
        "Billing postal code",
        "Billing postcode",
        "Billing zip code",
    ),
    "billing_city": ("Ville de facturation", "Ville facturation", "Billing city"),
    "billing_country": ("Pays de facturation", "Pays facturation", "Billing country"),
    "parent_id": (
        "Société mère",
        "Maison mère",
        "Code société mère",
        "Parent company",
        "Parent",
    ),
    "accounting_account": (
        "Compte comptable",
        "Compte client",
        "Compte auxiliaire",
        "Compte tiers",
        "Code comptable",
        "Accounting account",
        "Account code",
    ),
    "active": (
        "Actif",
        "Actif ou inactif",
        "Actif/Inactif",
        "Statut",
        "État",
        "Inactif",
        "Archivé",
        "Active",
        "Status",
        "Inactive",
        "Archived",
    ),
    "owner": (
        "Propriétaire",
        "Commercial",
        "Responsable commercial",
        "Chargé de clientèle",
        "Owner",
        "Account owner",
        "Sales rep",
    ),
    "civility": ("Civilité", "Civilité du contact", "Titre", "Salutation"),
    "first_name": (
        "Prénom",
        "Prénom du contact",
        "Prénom contact",
        "First name",
        "Given name",
        "Contact first name",
    ),
    "last_name": (
        "Nom du contact",
        "Nom contact",
        "Nom de famille",
        "Last name",
        "Surname",
        "Family name",
        "Contact last name",
    ),
    "email": (
        "Email",
        "E-mail",
        "Courriel",
        "Mail",
        "Adresse e-mail",
        "Adresse email",
        "Adresse mail",
        "Email du contact",
        "Email address",
        "E-mail address",
        "Adresse électronique",
        "Mél",
    ),
    "position": ("Poste", "Poste occupé", "Fonction", "Position", "Job title", "Title"),
    "direct_phone": (
        "Téléphone direct",
        "Tél. direct",
        "Tel direct",
        "Ligne directe",
        "Téléphone",
        "Tél.",
        "Direct phone",
        "Direct line",
        "Phone",
        "Telephone",
        "Phone number",
    ),
    "mobile_phone": (
        "Portable",
        "Téléphone portable",
        "Tél. portable",
        "Mobile",
        "Téléphone mobile",
        "Tél. mobile",
        "GSM",
        "Mobile phone",
        "Cell phone",
        "Cell",
    ),
    "switchboard_phone": (
        "Standard",
        "Téléphone standard",
        "Tél. standard",
        "Switchboard",
        "Switchboard phone",
        "Main phone",
        "Company phone",
    ),
    "contact_source": ("Source du contact", "Source contact", "Contact source"),
}
_NUMBER_PREFIXES = ("n", "no", "nr", "num", "numero", "numerode", "nde", "nodeb")
_NUMBER_SUFFIXES = ("number", "no", "nr", "num", "id", "numero")
# The headers of the company name that hold a last name in a file of people (see above).
_NAME_OR_LAST_NAME = frozenset(("nom", "name"))
# Columns that make a row the header on their own; any two other recognised columns do too.
_HEADER_ALONE = frozenset(IDENTIFIER_FIELDS)

#: The headers quoted as examples when no column is recognised.
EXPECTED_HEADERS: Final = (
    "Raison sociale",
    "SIREN",
    "SIRET",
    "N° TVA intracommunautaire",
    "Code APE",
    "Code postal",
    "Email",
)

_QUOTED = re.compile(r'"[^"]*"')


def header_key(header: str) -> str:
    """Return *header* without accents, case, spaces or punctuation, for comparison.

    >>> header_key(' N° TVA Intracom. ')
    'ntvaintracom'
    """
    decomposed = unicodedata.normalize("NFKD", header)
    return "".join(char for char in decomposed if char.isalnum()).casefold()


def _synonym_ranks() -> dict[str, tuple[str, int]]:
    """Return ``{header key: (field, rank)}``; a lower rank is a better match."""
    ranks: dict[str, tuple[str, int]] = {}
    for field, names in _SYNONYMS.items():
        for rank, name in enumerate(names):
            key = header_key(name)
            variants = [key]
            if field in ("siren", "siret", "vat"):
                variants += [prefix + key for prefix in _NUMBER_PREFIXES]
                variants += [key + suffix for suffix in _NUMBER_SUFFIXES]
            for variant in variants:
                ranks.setdefault(variant, (field, rank))
    return ranks


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
        params = {
            name: quote_all(value, locale) if isinstance(value, tuple) else value
            for name, value in self.params.items()
        }
        return translate(self._message, locale, **params)


class MalformedFile(ClientFileError):
    """The file stops being readable CSV at ``row``; the rows before it were read."""

    def __init__(self, row: int) -> None:
        super().__init__(
            "file.malformed",
            N_("The file cannot be read from this row on: a quote is probably not closed."),
        )
        self.row = row


@attrs.frozen(kw_only=True)
class Layout:
    """What was learned about a client file before its rows are read.

    Attributes:
        path: the file.
        encoding: Python's name of the encoding: ``utf-8``, ``utf-8-sig`` (with BOM),
            ``cp1252`` or ``utf-16``.
        delimiter: ``;``, ``,`` or a tab.
        header_row: row number of the header (1 unless title lines come first).
        headers: the header cells as in the file.
        columns: the recognised fields and the index of their column.
        ambiguous: ``(field, index)`` of other columns that could hold an identifier field.
        line_count: the number of lines in the file, to show progress.
    """

    path: Path
    encoding: str
    delimiter: str
    header_row: int
    headers: tuple[str, ...]
    columns: Mapping[str, int]
    ambiguous: tuple[tuple[str, int], ...] = ()
    line_count: int = 0


def quote_all(texts: Iterable[str], locale: str) -> str:
    """Return *texts* quoted as *locale* writes quotes, separated by commas; ``—`` for none.

    >>> quote_all(('SIREN', 'Nom'), 'fr'), quote_all(('SIREN', 'Nom'), 'en')
    ('« SIREN », « Nom »', '"SIREN", "Nom"')
    """
    opening, closing = ("« ", " »") if normalize_locale(locale) == "fr" else ('"', '"')
    return ", ".join(f"{opening}{text}{closing}" for text in texts) or "—"


def _sniff_encoding(path: Path) -> tuple[str, int]:
    """Return the encoding of *path* and its number of lines, reading it in chunks.

    Raises:
        ClientFileError: the file is missing, unreadable, empty, binary or of unknown encoding.
    """
    try:
        with path.open("rb") as file:
            head = file.read(_CHUNK)
            if _is_blank(head):
                raise ClientFileError("file.empty", N_("The file {path} is empty."), path=path)
            if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                return "utf-16", _count_lines(file, head, "utf-16", path)
            if head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
                raise ClientFileError(
                    "file.workbook",
                    N_(
                        "{path} is a spreadsheet workbook, not a CSV file: open it and save "
                        "it as CSV (semicolon-separated) first."
                    ),
                    path=path,
                )
            for encoding in ("utf-8", "cp1252"):
                with contextlib.suppress(UnicodeDecodeError):
                    lines = _count_lines(file, head, encoding, path)
                    if encoding == "utf-8" and head.startswith(codecs.BOM_UTF8):
                        encoding = "utf-8-sig"
                    return encoding, lines
                file.seek(len(head))
    except FileNotFoundError:
        raise ClientFileError("file.missing", N_("There is no file {path}."), path=path) from None
    except IsADirectoryError:
        raise ClientFileError(
            "file.folder", N_("{path} is a folder, not a file."), path=path
        ) from None
    except PermissionError:
        raise ClientFileError(
            "file.permission", N_("You are not allowed to read {path}."), path=path
        ) from None
    except OSError as error:
        raise ClientFileError(
            "file.unreadable",
            N_("{path} cannot be read: {reason}."),
            path=path,
            reason=error.strerror or type(error).__name__,
        ) from None
    raise ClientFileError(
        "file.encoding",
        N_("{path} is neither UTF-8 nor Windows-1252 text: save it again as CSV UTF-8."),
        path=path,
    )


def _is_blank(head: bytes) -> bool:
    """Return whether the start of a file holds nothing but a byte-order mark and white space."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        head = head[2:].replace(b"\x00", b"")
    return not head.removeprefix(codecs.BOM_UTF8).strip()


def _count_lines(file: BinaryIO, head: bytes, encoding: str, path: Path) -> int:
    """Decode the rest of *file* after *head* in chunks; return the number of lines.

    Raises:
        UnicodeDecodeError: the file is not in *encoding*.
        ClientFileError: the file holds NUL characters: it is not text.
    """
    decoder = codecs.getincrementaldecoder(encoding)()
    lines = 0
    chunk = head
    while chunk:
        text = decoder.decode(chunk)
        if "\x00" in text:
            raise ClientFileError(
                "file.binary",
                N_("{path} is not a text file: export the client list as CSV."),
                path=path,
            )
        lines += text.count("\n")
        chunk = file.read(_CHUNK)
    decoder.decode(b"", final=True)
    return lines + 1


def _sniff_delimiter(lines: list[str]) -> str:
    """Return the delimiter the first non-empty *lines* use the most consistently.

    Quoted text aside, each delimiter is counted on each line; the one that appears the same
    number of times on the most lines wins, then the one that appears more often: a comma
    typed in a cell of a ``;`` file (``Dupont, Durand et Associés``) does not make it a
    comma file.
    """
    best, best_score = _DELIMITERS[0], (0, 0)
    for delimiter in _DELIMITERS:
        counts = [_QUOTED.sub("", line).count(delimiter) for line in lines]
        used = Counter(count for count in counts if count)
        if not used:
            continue
        usual, lines_with_it = used.most_common(1)[0]  # ties: the first line's count
        score = (lines_with_it, usual)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _match_columns(
    headers: list[str], overrides: Mapping[str, str]
) -> tuple[dict[str, int], list[tuple[str, int]], list[str]]:
    """Return the recognised ``{field: index}``, the other candidates, the overrides not found.

    Each field goes to the column of its best synonym. A column headed "Nom" or "Name" holds
    the company name, unless a better company-name column or a first-name column is there:
    then it holds the last name (of the contact, or of a client who is a person).
    """
    ranks = _synonym_ranks()
    keys = [header_key(header) for header in headers]
    columns: dict[str, int] = {}
    not_found: list[str] = []
    for field, wanted in overrides.items():
        if wanted in headers:
            columns[field] = headers.index(wanted)
        elif header_key(wanted) in keys:
            columns[field] = keys.index(header_key(wanted))
        else:
            not_found.append(field)
    if not_found:
        return columns, [], not_found
    taken = set(columns.values())
    candidates: dict[str, list[tuple[int, int]]] = {}
    for index, key in enumerate(keys):
        if index not in taken and key in ranks:
            field, rank = ranks[key]
            candidates.setdefault(field, []).append((rank, index))
    names = sorted(candidates.get("name", []))
    people = "first_name" in columns or "first_name" in candidates
    if "last_name" not in columns and "last_name" not in candidates:
        for position, (rank, index) in enumerate(names):
            better_name = "name" in columns or position > 0
            if keys[index] in _NAME_OR_LAST_NAME and (better_name or people):
                names.remove((rank, index))
                candidates["last_name"] = [(0, index)]
                break
    if names:
        candidates["name"] = names
    else:
        candidates.pop("name", None)
    ambiguous: list[tuple[str, int]] = []
    for field, found in candidates.items():
        found.sort()
        if field not in columns:
            columns[field] = found.pop(0)[1]
        if field in IDENTIFIER_FIELDS:
            ambiguous += [(field, index) for _rank, index in found]
    return columns, ambiguous, []


def _is_header(columns: Mapping[str, int]) -> bool:
    """Return whether a row whose recognised *columns* these are is the header of the file."""
    return len(columns) >= 2 or any(field in _HEADER_ALONE for field in columns)


@contextlib.contextmanager
def open_client_file(
    path: str | Path, *, column_overrides: Mapping[str, str] | None = None
) -> Iterator[tuple[Layout, Iterator[Record]]]:
    """Open a client file; yield its :class:`Layout` and an iterator over its data rows.

    Blank rows (no cell, or empty cells only) are skipped; they still count in row numbers.

    Args:
        path: the CSV file.
        column_overrides: ``{field: header}`` for columns whose header is not recognised, as
            given with ``--column FIELD=HEADER``; the header as in the file (compared like the
            others when it is not found as is).

    Raises:
        ClientFileError: the file cannot be read at all; the message says why.
        MalformedFile: from the iterator, when the rest of the file is not readable CSV.
    """
    path = Path(path)
    overrides = dict(column_overrides or {})
    encoding, line_count = _sniff_encoding(path)
    try:
        file = path.open(encoding=encoding, newline="")
    except OSError as error:  # the file vanished between the two passes
        raise ClientFileError(
            "file.unreadable",
            N_("{path} cannot be read: {reason}."),
            path=path,
            reason=error.strerror or type(error).__name__,
        ) from None
    with file:
        first_lines = [line for line in file.read(_CHUNK).splitlines()[:20] if line.strip()]
        file.seek(0)
        delimiter = _sniff_delimiter(first_lines[:_HEADER_SEARCH_ROWS])
        reader = csv.reader(file, delimiter=delimiter)
        layout = _read_header(reader, path, overrides, encoding, delimiter, line_count)
        yield layout, _records(reader, layout.header_row)


def _read_header(
    reader: Iterator[list[str]],
    path: Path,
    overrides: dict[str, str],
    encoding: str,
    delimiter: str,
    line_count: int,
) -> Layout:
    """Read rows until the header; return the layout.

    The header is the first row, among the first ten, in which an identifier column, or any
    two columns, are recognised.

    Raises:
        ClientFileError: no such row in the first rows.
    """
    first: list[str] | None = None
    try:
        for row_number, row in enumerate(reader, start=1):
            if row_number > _HEADER_SEARCH_ROWS:
                break
            if not any(cell.strip() for cell in row):
                continue
            first = first if first is not None else row
            columns, ambiguous, not_found = _match_columns(row, overrides)
            if not not_found and _is_header(columns):
                return Layout(
                    path=path,
                    encoding=encoding,
                    delimiter=delimiter,
                    header_row=row_number,
                    headers=tuple(row),
                    columns=dict(sorted(columns.items(), key=lambda item: item[1])),
                    ambiguous=tuple(ambiguous),
                    line_count=line_count,
                )
    except csv.Error:
        pass
    found = tuple(cell for cell in first or () if cell.strip())
    not_found = _match_columns(first, overrides)[2] if first is not None else []
    if not_found:
        raise ClientFileError(
            "file.column_not_found",
            N_('{path} has no column "{header}" (given for {field}). Headers found: {found}.'),
            path=path,
            header=overrides[not_found[0]],
            field=not_found[0],
            found=found,
        )
    raise ClientFileError(
        "file.no_column",
        N_(
            "No client column is recognised in {path}. Headers found: {found}. Headers "
            "expected, among others: {expected}; or name the columns with --column "
            "FIELD=HEADER."
        ),
        path=path,
        found=found,
        expected=EXPECTED_HEADERS,
    )


def _records(reader: Iterator[list[str]], header_row: int) -> Iterator[Record]:
    """Yield the data rows after the header with their spreadsheet row numbers.

    Raises:
        MalformedFile: the file is not readable CSV from some row on.
    """
    row_number = header_row
    try:
        for row in reader:
            row_number += 1
            if row and any(row):
                yield row_number, row
    except csv.Error:
        raise MalformedFile(row_number + 1) from None
