"""The columns of a client file: their names, the headers people write for them, their matching.

:data:`FIELDS` names the columns a client file can have (the names of ``--column
NAME=HEADER``); :mod:`clientbook._files.rows` says which record field each fills. Each has its
headers as people write them, in French and English, best first (``Raison sociale``,
``Dénomination``, ``Company name``...). Headers are compared without accents, case, spaces or
punctuation (:func:`header_key`), so ``N° TVA intracommunautaire``, ``n° tva intracom.`` and
``VAT number`` all name the VAT column; the identifiers' headers are also recognised with a
number prefix or suffix (``N° SIRET``, ``Numéro de SIREN``, ``SIRET number``). The headers
of the tools' exports (Odoo, Dolibarr...) come from :mod:`clientbook._files.exports`.

:func:`match_columns` gives each field of a header row the column of its best header. A
column headed « Nom » or « Name » holds the company name, unless the row has a better
company-name column or a first-name column: then it holds a last name.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Final

from clientbook._files.exports import EXPORT_HEADERS

__all__ = ["FIELDS", "IDENTIFIER_FIELDS", "header_key", "match_columns"]

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
    "registry",
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

# Headers as people write them, French and English, best first; compared by header_key(). The
# number prefixes and suffixes ("N°", "Numéro de", "number"...) are added to the identifiers'
# names below. "Nom" and "Name" name the company unless the file has a better company-name
# column or a first-name column: then they hold a last name (see match_columns).
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


def header_key(header: str) -> str:
    """Return *header* without accents, case, spaces or punctuation, for comparison.

    >>> header_key(' N° TVA Intracom. ')
    'ntvaintracom'
    """
    decomposed = unicodedata.normalize("NFKD", header)
    return "".join(char for char in decomposed if char.isalnum()).casefold()


def _synonym_ranks() -> dict[str, tuple[str, int]]:
    """Return ``{header key: (field, rank)}``; a lower rank is a better match.

    The tools' export headers rank after the headers people write for the same field.
    """
    ranks: dict[str, tuple[str, int]] = {}
    named = [
        (field, rank, name) for field, names in _SYNONYMS.items() for rank, name in enumerate(names)
    ]
    named += [
        (field, len(_SYNONYMS.get(field, ())) + rank, name)
        for field, names in EXPORT_HEADERS.items()
        for rank, name in enumerate(names)
    ]
    for field, rank, name in named:
        key = header_key(name)
        variants = [key]
        if field in ("siren", "siret", "vat"):
            variants += [prefix + key for prefix in _NUMBER_PREFIXES]
            variants += [key + suffix for suffix in _NUMBER_SUFFIXES]
        for variant in variants:
            ranks.setdefault(variant, (field, rank))
    return ranks


def match_columns(
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
