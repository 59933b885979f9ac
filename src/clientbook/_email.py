"""E-mail addresses: their syntax, checked by email-validator without any network access.

Surrounding spaces (a copy and paste) are not a fault. The normalised form is
email-validator's: the domain in lower case (``Claire.Dubois@boulangerie-martin.fr``), the
local part as typed (only the receiving server may say whether its case matters).
email-validator is imported on first use, so that ``import clientbook`` stays cheap.

Source: ``lab-event_remplir-page-client`` (« Email du contact », required); RFC 5321 and
RFC 6531 as email-validator applies them, with ``check_deliverability=False`` (no DNS query).
"""

from __future__ import annotations

from ._i18n import N_, translate
from ._problem import Problem

__all__ = ["email_problems", "normalize_email"]

_INVALID = N_(
    "This e-mail address is not valid: it should read like claire.dubois@boulangerie-martin.fr."
)


def normalize_email(text: str) -> str | None:
    """Return the normalised form of a valid e-mail address, or ``None`` when it is not valid.

    >>> normalize_email(' Claire.Dubois@Boulangerie-Martin.FR ')
    'Claire.Dubois@boulangerie-martin.fr'
    >>> normalize_email('claire.dubois@boulangerie') is None
    True
    """
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(text.strip(), check_deliverability=False).normalized
    except EmailNotValidError:
        return None


def email_problems(text: str, *, field: str, locale: str) -> list[Problem]:
    """Return ``contact.email.format`` when *text* is not a valid e-mail address.

    A blank address has no problem here: whether it is required is the policy's business.
    Never raises for any text.

    Source: ``lab-event_remplir-page-client`` (« Email du contact »); email-validator's
    syntax rules, without network access.
    """
    if not text.strip() or normalize_email(text) is not None:
        return []
    return [Problem(code="contact.email.format", field=field, message=translate(_INVALID, locale))]
