"""E-mail addresses: their syntax, checked by email-validator without any network access.

Surrounding spaces (a copy and paste) are not a fault. The normalised form is
email-validator's: the domain in lower case (``Claire.Dubois@boulangerie-martin.fr``), the
local part as typed (only the receiving server may say whether its case matters).
email-validator is imported on first use, so that ``import clientbook`` stays cheap.

email-validator is the authority on every address, with one exception written down here
because the project prefers a well-kept library unless a measured need says otherwise. The
need: ``validate_client`` must check at least 10,000 records/s on one core
(``docs/performance.md``), and email-validator's ``validate_email`` takes 24 to 50 µs on a
plain address such as ``helene.martin12@client-12.fr`` (it checks every character against
Unicode tables and runs UTS-46 on the domain): a quarter to a half of the 100 µs a record may
take. Nearly every address in a client file has a plain shape, which :func:`_plain_address`
decides in about 1.5 µs:

- ASCII only, at most 254 characters (email-validator's limit on a whole address);
- a local part of letters, digits and ``. _ % + -``, at most 64 characters, not starting or
  ending with a dot, no two dots in a row, and not one of the RFC 2142 mailbox names
  (``postmaster``, ``info``...) that email-validator writes in lower case;
- a domain of at least two labels of letters, digits and inner hyphens, each at most 63
  characters, no ``--`` anywhere (so no Punycode label and no label email-validator refuses
  for it), and a top-level domain of letters only;
- a domain that is not, and does not end in, one of email-validator's special-use names
  (``SPECIAL_USE_DOMAIN_NAMES``: ``arpa``, ``invalid``, ``local``, ``localhost``, ``onion``,
  ``test``), read from the library on every call.

On such an address email-validator always accepts (whatever its module settings, since
they only make it more lenient or touch what the shape excludes) and its normalised form is
the address with the domain in lower case. A Hypothesis property
(``tests/properties/test_email_plain_shape.py``) checks this on addresses generated at and
around that shape: dots, hyphens, digits, capitals, long labels and long addresses,
special-use and numeric top-level domains. Every other address goes to email-validator.

Source: ``lab-event_remplir-page-client`` (« Email du contact », required); RFC 5321 and
RFC 6531 as email-validator applies them, with ``check_deliverability=False`` (no DNS query).
"""

from __future__ import annotations

import functools
import re

from clientbook._base.i18n import N_, translate
from clientbook._records.problem import Problem

__all__ = ["email_problems", "normalize_email"]

_INVALID = N_(
    "This e-mail address is not valid: it should read like claire.dubois@boulangerie-martin.fr."
)

# The plain shape (see the module docstring); group 1 is the domain.
_PLAIN = re.compile(
    r"[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*"
    r"@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{1,63})"
)
_MAX_ADDRESS = 254  # email-validator's EMAIL_MAX_LENGTH
_MAX_LOCAL_PART = 64  # its LOCAL_PART_MAX_LENGTH


def _plain_address(text: str) -> str | None:
    """Return email-validator's normalised form of *text* when it has the plain shape.

    ``None`` means "not decided here": the address must go to email-validator, which may
    accept or refuse it.
    """
    if len(text) > _MAX_ADDRESS or not text.isascii():
        return None
    match = _PLAIN.fullmatch(text)
    if match is None:
        return None
    import email_validator.rfc_constants  # read on every call: a host may change the lists

    at = match.start(1) - 1
    local, domain = text[:at], match[1].lower()
    if (
        at > _MAX_LOCAL_PART
        or "--" in domain
        or local.lower() in email_validator.rfc_constants.CASE_INSENSITIVE_MAILBOX_NAMES
    ):
        return None
    if f".{domain}".endswith(_suffixes(tuple(email_validator.SPECIAL_USE_DOMAIN_NAMES))):
        return None
    return f"{local}@{domain}"


@functools.lru_cache(maxsize=4)
def _suffixes(names: tuple[str, ...]) -> tuple[str, ...]:
    """``.name`` for each special-use domain name: a domain ending so is one of them."""
    return tuple(f".{name}" for name in names)


def normalize_email(text: str) -> str | None:
    """Return the normalised form of a valid e-mail address, or ``None`` when it is not valid.

    >>> normalize_email(' Claire.Dubois@Boulangerie-Martin.FR ')
    'Claire.Dubois@boulangerie-martin.fr'
    >>> normalize_email('claire.dubois@boulangerie') is None
    True
    """
    address = text.strip()
    plain = _plain_address(address)
    if plain is not None:
        return plain
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(address, check_deliverability=False).normalized
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
