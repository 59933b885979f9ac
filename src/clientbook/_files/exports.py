"""The headers of the exports of the tools French businesses use, by tool.

:mod:`clientbook._files.headers` recognises the headers people write; this module adds those
that each tool's export writes, as it writes them, in French and English, so that an export
is checked as it comes, without ``--column``. They are compared like the others
(:func:`~clientbook._files.headers.header_key`: without accents, case, spaces or punctuation);
a header already known (« Code postal », « Email »...) keeps its field.

Where the names come from (fixtures in ``tests/fixtures/exports/``, one file per tool):

- **Odoo** (Contacts, export of ``res.partner``): the labels of the partner's fields in
  ``odoo/addons/base/models/res_partner.py`` and their French translation (``base/i18n/fr.po``):
  ``Tax ID`` / ``N° TVA``, ``Company Registry`` / ``Registre de commerce``, ``Street2`` /
  ``Rue 2``, ``Company Type``, ``Is a Company`` / ``Est une société``.
- **Dolibarr** (third parties, export « Tiers »): ``htdocs/langs/fr_FR/companies.lang`` and
  ``en_US``: ``Nom tiers`` (``ThirdPartyName``), ``Réf. tiers``, ``Id. prof. 1 (SIREN)`` to
  ``Id. prof. 4 (RCS/RM)`` (``ProfId1FR``...), ``Type du tiers``, ``Nom alternatif``, the
  status « En activité » / « Clos ».
- **HubSpot** (companies): the default company properties (``Company name``, ``Street
  Address``, ``Street Address 2``, ``Postal Code``, ``Country/Region``, ``Company owner``).
- **Axonaut** (companies) and **Sellsy** (companies): the columns of their export and import
  files (« Raison sociale », « Numéro de TVA intracommunautaire », « Code NAF », « Adresse -
  Code postal »...).

``Related Company`` (Odoo) and ``Maison mère``-like names of a parent are not read: a client's
parent is the id of another client, and these exports give its name (for a person, the
company they work for); the column is listed among the unused ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

__all__ = ["EXPORT_HEADERS", "TOOLS"]

#: The tools whose exports are recognised, as docs/cli.md lists them.
TOOLS: Final = ("Odoo", "Dolibarr", "HubSpot", "Axonaut", "Sellsy")

#: ``{field: headers}`` of the tools' exports, added after the headers people write.
EXPORT_HEADERS: Final[Mapping[str, tuple[str, ...]]] = {
    "id": (
        "Réf. tiers",
        "Code client tiers",
        "Record ID",
        "Référence interne",
        "Internal Reference",
    ),
    "name": ("Nom tiers", "Third party name", "Nom du tiers"),
    "kind": (
        "Company Type",
        "Is a Company",
        "Est une société",
        "Est une entreprise",
        "Type du tiers",
        "Third-party type",
        "Type de tiers",
    ),
    "registry": (
        "Company Registry",
        "Registre de commerce",
        "Registre du commerce",
        "Id. prof. 4 (RCS/RM)",
        "RCS",
        "RCS/RM",
    ),
    "siren": ("Id. prof. 1 (SIREN)", "Prof Id 1 (SIREN)"),
    "siret": ("Id. prof. 2 (SIRET)", "Prof Id 2 (SIRET)"),
    "naf": ("Id. prof. 3 (NAF-APE)", "Prof Id 3 (NAF-APE)", "Code NAF/APE", "Industry code"),
    "vat": (
        "Tax ID",
        "N° TVA",
        "Numéro de TVA intracommunautaire",
        "Numéro TVA intracommunautaire",
        "Id. TVA",
        "VAT ID",
        "Sales tax ID",
    ),
    "address": ("Street Address", "Adresse - Partie 1", "Adresse - Rue"),
    "address2": ("Street2", "Rue 2", "Street Address 2", "Adresse - Partie 2"),
    "postal_code": ("Zip", "Adresse - Code postal"),
    "city": ("Adresse - Ville",),
    "country": ("Country/Region", "Adresse - Pays", "Pays/Région"),
    "active": ("Statut du tiers", "Third-party status"),
    "owner": ("Company owner", "Salesperson", "Vendeur", "Commercial assigné"),
    "website": ("Company Domain Name", "Site Web"),
    "direct_phone": ("Phone Number", "Téléphone fixe"),
}
