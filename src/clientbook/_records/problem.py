"""A problem found in data: what is wrong, where, how bad, and in words for people."""

from __future__ import annotations

from typing import Literal

import attrs

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
