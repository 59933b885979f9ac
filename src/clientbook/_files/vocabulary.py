"""The words people type in the cells of a client file, and what each says.

- **Kind**: a company (``Société``, ``Entreprise``, ``Professionnel``, ``B2B``, a legal form
  such as ``SARL`` or ``SAS``, Dolibarr's ``PME/PMI`` or ``Grand compte``...) or an individual
  (``Particulier``, ``Personne physique``, ``Individual``, ``B2C``...); ``Autre`` and
  ``Other`` say neither. In Odoo's « Is a Company » / « Est une société », yes is a company.
- **Role**, in the kind or the active column: ``Client`` (``Customer``), ``Prospect`` (``Lead``),
  ``Fournisseur`` (``Supplier``, ``Vendor``).
- **Active**: ``Actif``, ``Active``, ``Activé``, Dolibarr's ``En activité``... or archived:
  ``Inactif``, ``Archivé``, ``Désactivé``, Dolibarr's ``Clos``...
- **Yes or no**: ``oui``, ``o``, ``yes``, ``x``, ``1``, ``vrai``... or ``non``, ``n``, ``no``,
  ``0``, ``faux``..., in an active column (« Actif », « Statut »: yes is active); in a column
  headed « Inactif » or « Archivé », yes is archived, and in a kind column headed
  « Particulier » or « Personne physique », yes is an individual.
- **Civility**: ``M.``, ``Mr``, ``Monsieur`` or ``Mme``, ``Madame``, ``Mlle``, ``Ms``...
- **Country**: an ISO code, or a country's name in French or English (Babel's names); blank is
  France.

Words are compared as headers are (:func:`~clientbook._files.headers.header_key`): without
accents, case, spaces or punctuation. Each function reads one cell;
:class:`~clientbook._files.rows.RowColumns` remembers its answer for each distinct text of a file.
"""

from __future__ import annotations

import functools
from typing import Final

from clientbook._files.headers import header_key
from clientbook._records.client import ClientKind, Role
from clientbook._records.contact import Civility

__all__ = [
    "is_archived_flag",
    "is_company_flag",
    "is_individual_flag",
    "read_active",
    "read_civility",
    "read_country",
    "read_kind",
]


def _keys(*words: str) -> frozenset[str]:
    return frozenset(header_key(word) for word in words)


_INDIVIDUAL_WORDS = _keys(
    "Particulier", "Individual", "Private individual", "Personne physique", "Individu", "Private",
    "Privé", "Person", "B2C",
)  # fmt: skip
_COMPANY_WORDS = _keys(
    "Société", "Entreprise", "Company", "Business", "Professionnel", "Pro", "Personne morale",
    "Organisation", "Organization", "B2B", "Association", "SARL", "SAS", "SASU", "EURL", "SA",
    "SNC", "SCI", "SCOP", "SELARL", "GIE", "EI", "EIRL", "Auto-entrepreneur", "Micro-entreprise",
    # Dolibarr's types of third party, HubSpot's types of company
    "Grand compte", "Grande entreprise", "Grand groupe", "PME", "PME/PMI", "TPE", "Administration",
    "Startup", "Large company", "Medium company", "Small company", "Governmental", "Partenaire",
    "Partner", "Revendeur", "Reseller", "Retailer",
)  # fmt: skip
# Words of a kind column that say neither (Dolibarr's « Autre », HubSpot's « Other »).
_NEITHER_WORDS = _keys("Autre", "Other")
_ROLE_WORDS: Final = {
    **dict.fromkeys(_keys("Client", "Customer"), Role.CLIENT),
    **dict.fromkeys(_keys("Prospect", "Lead"), Role.PROSPECT),
    **dict.fromkeys(_keys("Fournisseur", "Supplier", "Vendor"), Role.SUPPLIER),
}
_TRUE = _keys("oui", "o", "yes", "y", "1", "true", "vrai", "x", "v")
_FALSE = _keys("non", "n", "no", "0", "false", "faux")
# Dolibarr's status of a third party: « En activité » / « Clos » (« Open » / « Closed »).
_ACTIVE_WORDS = _keys("Actif", "Active", "Activé", "Activée", "Enabled", "En activité", "Open")
_ARCHIVED_WORDS = _keys(
    "Inactif", "Inactive", "Archivé", "Archivée", "Archived", "Archive", "Disabled", "Désactivé",
    "Clos", "Closed", "Fermé",
)  # fmt: skip
# Headers of a yes/no column that says the opposite of its field: « Particulier » for the kind
# (yes: an individual), « Inactif » for active (yes: archived).
_INDIVIDUAL_FLAGS = _keys("Particulier", "Personne physique", "Individual")
# Odoo's « Is a Company » / « Est une société »: yes is a company, no an individual.
_COMPANY_FLAGS = _keys("Is a Company", "Est une société", "Est une entreprise")
_ARCHIVED_FLAGS = _keys("Inactif", "Archivé", "Inactive", "Archived")
_CIVILITIES: Final = {
    **dict.fromkeys(_keys("M.", "Mr", "Monsieur", "Mister", "Sir"), Civility.MR),
    **dict.fromkeys(
        _keys("Mme", "Madame", "Mrs", "Ms", "Mlle", "Mademoiselle", "Miss"), Civility.MRS
    ),
}


def is_individual_flag(header: str) -> bool:
    """Return whether a kind column headed *header* is a yes/no column, yes for an individual."""
    return header_key(header) in _INDIVIDUAL_FLAGS


def is_company_flag(header: str) -> bool:
    """Return whether a kind column headed *header* is a yes/no column, yes for a company."""
    return header_key(header) in _COMPANY_FLAGS


def is_archived_flag(header: str) -> bool:
    """Return whether an active column headed *header* is a yes/no column, yes for archived."""
    return header_key(header) in _ARCHIVED_FLAGS


def read_kind(
    text: str, *, individual_flag: bool, company_flag: bool = False
) -> tuple[ClientKind | None, Role | None] | None:
    """Return the kind and role a kind cell says (``None`` for what it does not say).

    ``None`` altogether when the cell cannot be read. *individual_flag*: the column is a yes/no
    column whose yes means an individual (see :func:`is_individual_flag`); *company_flag*: one
    whose yes means a company (see :func:`is_company_flag`).
    """
    key = header_key(text)
    if not key or key in _NEITHER_WORDS:
        return (None, None)
    if company_flag and key in _TRUE:
        return (ClientKind.COMPANY, None)
    if company_flag and key in _FALSE:
        return (ClientKind.INDIVIDUAL, None)
    if key in _INDIVIDUAL_WORDS:
        return (ClientKind.INDIVIDUAL, None)
    if key in _COMPANY_WORDS:
        return (ClientKind.COMPANY, None)
    if key in _ROLE_WORDS:
        return (None, _ROLE_WORDS[key])
    if individual_flag and key in _TRUE:
        return (ClientKind.INDIVIDUAL, None)
    if individual_flag and key in _FALSE:
        return (ClientKind.COMPANY, None)
    return None


def read_active(text: str, *, archived_flag: bool) -> tuple[bool | None, Role | None] | None:
    """Return whether an active cell says active, and the role it says, if any.

    ``None`` altogether when the cell cannot be read. *archived_flag*: the column is a yes/no
    column whose yes means archived (see :func:`is_archived_flag`).
    """
    key = header_key(text)
    if not key:
        return (None, None)
    if key in _ACTIVE_WORDS:
        return (True, None)
    if key in _ARCHIVED_WORDS:
        return (False, None)
    if key in _ROLE_WORDS:
        return (None, _ROLE_WORDS[key])
    if key in _TRUE:
        return (not archived_flag, None)
    if key in _FALSE:
        return (archived_flag, None)
    return None


def read_civility(text: str) -> Civility | None:
    """Return the civility a cell says; ``None`` for a cell that says none it knows."""
    return _CIVILITIES.get(header_key(text))


def read_country(text: str) -> str:
    """Return the ISO code of a country typed as a code or a name; blank is France.

    Text that names no country is returned as typed, for the address rules to report.
    """
    stripped = text.strip()
    if not stripped:
        return "FR"
    if len(stripped) == 2 and stripped.isalpha():
        return stripped.upper()
    return _country_names().get(header_key(stripped), text)


@functools.cache
def _country_names() -> dict[str, str]:
    """Return ``{header_key(name): ISO code}`` of the countries' names in French and English."""
    from babel import Locale

    codes: dict[str, str] = {}
    for language in ("en", "fr"):
        for code, name in Locale.parse(language).territories.items():
            code = str(code)
            if len(code) == 2 and code.isalpha():
                codes.setdefault(header_key(str(name)), code)
    return codes
