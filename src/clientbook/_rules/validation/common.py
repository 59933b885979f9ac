"""What the record rules share: how a problem is made, what blank means, the host's lists."""

from __future__ import annotations

import functools

from clientbook._base.i18n import N_, translate
from clientbook._records.address import Address
from clientbook._records.problem import Problem, Severity

__all__ = ["REQUIRED", "UNKNOWN_SOURCE", "blank", "in_order", "problem", "unlisted"]

REQUIRED = N_("{label} is required.")
UNKNOWN_SOURCE = N_('"{value}" is not one of the sources set up in the administration: {choices}.')


def problem(
    code: str,
    field: str,
    message: str,
    locale: str,
    severity: Severity = "error",
    **params: object,
) -> Problem:
    """Return a problem whose *message* is translated into *locale* with *params*."""
    return Problem(
        code=code, field=field, message=translate(message, locale, **params), severity=severity
    )


def blank(value: object) -> bool:
    """Return whether *value* is missing: ``None``, white space, or an address with no part."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, Address):
        return not any(
            part.strip() for part in (value.line1, value.line2, value.postal_code, value.city)
        )
    return False


@functools.lru_cache(maxsize=64)
def in_order(names: frozenset[str]) -> tuple[str, ...]:
    """Return the field names of a policy, sorted once for all the records checked with it."""
    return tuple(sorted(names))


@functools.lru_cache(maxsize=64)
def _folded(values: frozenset[str]) -> frozenset[str]:
    return frozenset(value.strip().casefold() for value in values)


def _listed(value: str, allowed: frozenset[str] | None) -> bool:
    return allowed is None or not value.strip() or value.strip().casefold() in _folded(allowed)


def unlisted(
    value: str, allowed: frozenset[str] | None, *, code: str, field: str, message: str, locale: str
) -> list[Problem]:
    """Return the problem of a *value* that is not one of the host's *allowed* values.

    Compared without regard to case or surrounding spaces; a blank value, or no list
    (``None``), is no problem.
    """
    if allowed is not None and not _listed(value, allowed):
        choices = ", ".join(sorted(allowed, key=str.casefold))
        return [problem(code, field, message, locale, value=value.strip(), choices=choices)]
    return []
