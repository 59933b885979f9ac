"""A problem found in data: what is wrong, where, how bad, and in words for people."""

from __future__ import annotations

from typing import Literal

import attrs

from clientbook._records.checks import FieldTypes, refusal

__all__ = ["Problem", "Severity"]

#: ``"error"``: the data must be fixed before use; ``"warning"``: worth a look, not blocking.
Severity = Literal["error", "warning"]


@attrs.frozen(kw_only=True)
class Problem:
    """One problem found in data; rules return lists of them, all at once.

    Attributes:
        code: stable, dotted code for programs (``"siret.checksum"``).
        field: path of the field at fault (``"siret"``, ``"contacts[0].email"``).
        message: the explanation, in the locale the caller asked for.
        severity: ``"error"`` or ``"warning"``.
    """

    code: str
    field: str
    message: str
    severity: Severity = "error"

    def __attrs_post_init__(self) -> None:
        if not (
            type(self.code) is str
            and type(self.field) is str
            and type(self.message) is str
            and self.severity in _SEVERITIES
        ):
            _PROBLEM.refuse(self)
            raise refusal("Problem", "severity", "'error' or 'warning'", self.severity)


_SEVERITIES = ("error", "warning")
_PROBLEM = FieldTypes("Problem", code=(str,), field=(str,), message=(str,), severity=(str,))
