"""The columns of a client file that were not used, and those that should have been.

Nothing is ignored in silence: every column whose header is not recognised is listed in the
report (:meth:`~clientbook._files.problems.FileReport.unused_columns`). One whose header looks
like an identifier or an address (it holds a word such as SIREN, SIRET, TVA, VAT, Tax, NAF, APE,
Registre, Registry, RCS, Adresse, Address, Street, Rue, CP, Zip, Postal) is a warning,
``file.column_unused``, naming the ``--column`` option that would check it. A file without any
identifier column (SIREN, SIRET, VAT number, APE code, trade register) is a warning,
``file.no_identifier_column``, instead of « no problem found »: its numbers were not checked.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Final

from clientbook._base.i18n import N_, translate

__all__ = ["IDENTIFYING", "column_warnings", "suggested_field", "unused_indexes"]

# A word of a header (accents removed, lower case) and the field it suggests; the first that
# a header's words start with wins. The short words must be whole words (« CP », not « CPT »).
_WORDS: Final = (
    ("siret", "siret", False),
    ("siren", "siren", False),
    ("tva", "vat", True),
    ("vat", "vat", False),
    ("tax", "vat", False),
    ("naf", "naf", True),
    ("ape", "naf", True),
    ("registr", "registry", False),
    ("rcs", "registry", True),
    ("adresse", "address", False),
    ("address", "address", False),
    ("street", "address", False),
    ("rue", "address", True),
    ("cp", "postal_code", True),
    ("zip", "postal_code", False),
    ("postal", "postal_code", False),
)
_WHAT: Final = {
    "siren": N_("a SIREN"),
    "siret": N_("a SIRET"),
    "vat": N_("a VAT number"),
    "naf": N_("an APE code"),
    "registry": N_("a trade register number"),
    "address": N_("an address"),
    "postal_code": N_("a postal code"),
}
#: The fields of a column that holds an identifier: a file with none gets a warning.
IDENTIFYING: Final = frozenset(("siren", "siret", "vat", "naf", "registry"))


def suggested_field(header: str) -> str | None:
    """Return the field a header looks like it holds (an identifier or an address), or ``None``.

    >>> suggested_field("N° Siret (siège)")
    'siret'
    >>> suggested_field("CP livraison")
    'postal_code'
    >>> suggested_field("Commentaire") is None
    True
    """
    plain = unicodedata.normalize("NFKD", header).encode("ascii", "ignore").decode().casefold()
    words = re.findall(r"[a-z0-9]+", plain)
    for start, field, whole in _WORDS:
        for word in words:
            if word == start or (not whole and word.startswith(start)):
                return field
    return None


def unused_indexes(headers: Sequence[str], columns: Mapping[str, int]) -> list[int]:
    """Return the indexes of the columns with a header that no field uses, in file order."""
    used = set(columns.values())
    return [index for index, header in enumerate(headers) if index not in used and header.strip()]


def column_warnings(
    *,
    headers: Sequence[str],
    columns: Mapping[str, int],
    skipped: frozenset[int],
    language: str,
) -> list[tuple[str | None, str, str]]:
    """Return ``(column, code, message)`` of the warnings about the columns of a file.

    Args:
        headers: the header cells.
        columns: ``{field: index}`` of the recognised columns.
        skipped: indexes already warned about (a second identifier column: ``file.columns``).
        language: the language of the messages.
    """
    found: list[tuple[str | None, str, str]] = []
    for index in unused_indexes(headers, columns):
        field = None if index in skipped else suggested_field(headers[index])
        if field is None or field in columns:  # a second address: listed as unused only
            continue
        header = headers[index]
        found.append(
            (
                header,
                "file.column_unused",
                translate(
                    N_(
                        "This column looks like it holds {what} but is not used: to check "
                        'it, add --column {field}="{header}".'
                    ),
                    language,
                    what=translate(_WHAT[field], language),
                    field=field,
                    header=header,
                ),
            )
        )
    if not IDENTIFYING & set(columns):
        found.append(
            (
                None,
                "file.no_identifier_column",
                translate(
                    N_(
                        "No column of this file is recognised as a SIREN, a SIRET, a VAT number "
                        "or an APE code: no identifier was checked. Name the column that holds "
                        'one with --column, for example --column siret="HEADER".'
                    ),
                    language,
                ),
            )
        )
    return found
