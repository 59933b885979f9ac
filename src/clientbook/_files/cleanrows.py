"""The check's fast path: a row of identifiers that no rule refuses, told at a glance.

The commonest file to check is a list of companies and their numbers: a client code, a name,
a SIREN, a SIRET, a VAT number, an APE code. Each of its rows is read into a company record
that :func:`~clientbook.validate_client` checks under the file's policy
(:func:`clientbook._files.check.file_policy`); with no other column, the only problems it can
find are these:

- the name is blank (``client.name.required``), when the file has a name column;
- an identifier is not valid (its module's error);
- the SIRET's first 9 digits, or the SIREN inside a French VAT number (not Monaco's), are not
  the company's SIREN: the one typed, or else the SIRET's (``siret.siren_mismatch``,
  ``vat.siren_mismatch``);
- the company has no SIREN, in its SIREN or SIRET cell, and no Monaco VAT number
  (``siren.required``), when the file has a SIREN or SIRET column;
- the client code or the name holds text no database can store (``text.unstorable``);
- from 1 January 2027 (*naf_2025*), the APE code is of NAF rév. 2 (``naf.replaced``).

:class:`CleanRows` decides these about five times faster than reading and validating the
record: it validates each identifier cell once with its module's ``validate``, and asks
:mod:`clientbook._rules.sirens` (the rule ``validate_client`` asks too) whether the numbers
agree. It gives the row's keys for :func:`~clientbook.find_duplicates`. A row it does not pass
as clean (any doubt at all) is checked the full way, so the fast path changes no report:
``tests/properties/test_check_fast_path.py`` checks generated files both ways and compares the
reports.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

from clientbook._rules import sirens
from clientbook._rules.duplicates import DuplicateRule, vat_key
from clientbook._rules.policy import Policy
from clientbook._rules.validation.text import storable
from clientbook.identifiers import InvalidIdentifier, naf, siren, siret, vat

__all__ = ["FAST_COLUMNS", "CleanRow", "CleanRows"]

#: The columns a file may have for its rows to take the fast path.
FAST_COLUMNS: Final = frozenset(("id", "name", "siren", "siret", "vat", "naf"))

#: A clean row's keys for :func:`clientbook._rules.duplicates.group_keys`; its SIREN, compact: the
#: SIREN cell's when the file has a SIREN column (``""`` when blank), the record's otherwise
#: (read from the SIRET); its SIRET, compact; and its VAT number as typed.
CleanRow = tuple[tuple[tuple[DuplicateRule, str], ...], str, str, str]


class CleanRows:
    """Tells the rows of a file of identifiers that every rule accepts.

    Use :meth:`for_file`: it gives ``None`` for a file whose rows cannot take the fast path.

    Args:
        columns: ``{column name: index}`` of the file, every name in :data:`FAST_COLUMNS`.
        require_name: a blank name is an error.
        require_siren: a company without SIREN (nor SIRET, nor Monaco VAT number) is an error.
    """

    def __init__(
        self,
        columns: Mapping[str, int],
        *,
        require_name: bool,
        require_siren: bool,
        naf_2025: bool = False,
    ) -> None:
        self._name = columns.get("name", -1) if require_name else -1
        # The cells of free text, which no identifier rule reads: a NUL or a lone surrogate
        # there is text.unstorable.
        self._texts = tuple(columns[field] for field in ("id", "name") if field in columns)
        self._siren = columns.get("siren", -1)
        self._siret = columns.get("siret", -1)
        self._vat = columns.get("vat", -1)
        self._naf = columns.get("naf", -1)
        self._require_siren = require_siren
        self._naf_2025 = naf_2025  # an APE code of NAF rév. 2 is warned about: the full way

    @classmethod
    def for_file(
        cls, columns: Mapping[str, int], policy: Policy, *, naf_2025: bool = False
    ) -> CleanRows | None:
        """Return the fast path of a file with these *columns*, checked under *policy*.

        ``None`` when the file has another column than :data:`FAST_COLUMNS`, or the policy
        requires more than a company's name or checks values against lists.
        """
        if not columns.keys() <= FAST_COLUMNS:
            return None
        if (
            not policy.required_company_fields <= {"name"}
            or policy.company_types is not None
            or policy.languages is not None
            or policy.sources is not None
        ):
            return None
        return cls(
            columns,
            require_name="name" in policy.required_company_fields,
            require_siren=policy.require_siren_in_france,
            naf_2025=naf_2025,
        )

    def check(self, cells: Sequence[str]) -> CleanRow | None:
        """Return the row's keys, SIREN, SIRET and VAT number if it is clean, else ``None``.

        Args:
            cells: the row's cells, as many as the header's (pad a short row first).
        """
        if self._name >= 0:
            name = cells[self._name]
            if not name or name.isspace():
                return None
        for index in self._texts:
            if not storable(cells[index]):
                return None
        given: str | None = None  # each identifier, compact, when its cell is filled and valid
        establishment: str | None = None
        valid_vat: str | None = None
        number = ""  # the VAT number as typed
        # Each cell validated in a try of its own, not through a helper: a call less per cell.
        if self._siren >= 0:
            cell = cells[self._siren]
            if cell and not cell.isspace():
                try:
                    given = siren.validate(cell)
                except InvalidIdentifier:
                    return None
        if self._siret >= 0:
            cell = cells[self._siret]
            if cell and not cell.isspace():
                try:
                    establishment = siret.validate(cell)
                except InvalidIdentifier:
                    return None
        if self._vat >= 0:
            cell = cells[self._vat]
            if cell and not cell.isspace():
                try:
                    valid_vat = vat.validate(cell)
                except InvalidIdentifier:
                    return None
                number = cell
        found = sirens.from_valid(
            siren=given, siren_blank=given is None, siret=establishment, vat_number=valid_vat
        )
        if not found.agree:
            return None
        company = found.company
        if self._require_siren and company is None and not found.monaco:
            return None
        if self._naf >= 0:
            cell = cells[self._naf]
            if cell and not cell.isspace():
                try:
                    if self._naf_2025:
                        if naf.nomenclature(cell) == "rev2":
                            return None
                    else:
                        naf.validate(cell)
                except InvalidIdentifier:
                    return None
        keys: list[tuple[DuplicateRule, str]] = []
        known = found.known
        if known is not None:
            keys.append(("siren", known))
        if number:
            key = vat_key(number)
            if key is not None:
                keys.append(("vat", key))
        row_siren = (company or "") if self._siren < 0 else (given or "")
        return tuple(keys), row_siren, establishment or "", number
