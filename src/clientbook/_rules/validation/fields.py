"""The record rules of a client's other fields: required fields, website, lists, parent, account.

The addresses are checked here too, field by field, by the rules of :mod:`clientbook._rules.postal`.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from clientbook._base.i18n import N_, translate
from clientbook._records.client import Client, ClientKind
from clientbook._records.problem import Problem
from clientbook._rules.policy import Policy
from clientbook._rules.postal import address_problems
from clientbook._rules.validation.common import (
    REQUIRED,
    UNKNOWN_SOURCE,
    blank,
    in_order,
    problem,
    unlisted,
)

__all__ = [
    "PLAIN_WEBSITE",
    "accounting_problems",
    "client_address_problems",
    "list_problems",
    "parent_problems",
    "required_problems",
    "url_ok",
    "website_problems",
]

_CLIENT_LABELS = {
    "name": N_("The company name"),
    "civility": N_("The civility"),
    "first_name": N_("The first name"),
    "last_name": N_("The last name"),
    "website": N_("The website"),
    "company_type": N_("The company type"),
    "language": N_("The company language"),
    "source": N_("The source"),
    "address": N_("The address"),
    "vat_number": N_("The VAT number"),
    "siret": N_("The SIRET"),
    "siren": N_("The SIREN"),
    "ape_code": N_("The APE code"),
    "accounting_account": N_("The accounting account"),
    "owner": N_("The owner of the commercial relationship"),
}
_WEBSITE = N_(
    "This website address is not valid: type it like www.boulangerie-martin.fr "
    "or https://www.boulangerie-martin.fr."
)
_UNKNOWN_COMPANY_TYPE = N_(
    '"{value}" is not one of the company types set up in the administration: {choices}.'
)
_UNKNOWN_LANGUAGE = N_(
    '"{value}" is not one of the languages set up in the administration: {choices}.'
)
_OWN_PARENT = N_("A company cannot be its own parent company.")
_ACCOUNT_FORMAT = N_(
    "Accounting software usually takes account codes of at most 17 letters and digits, "
    "such as 411DURAND: this one may be refused when the ledger is exported."
)

_ACCOUNT = re.compile(r"[0-9A-Za-z]{1,17}")
# A host name: labels of letters, digits and inner hyphens, and a top-level domain of letters
# (or an IDNA one); internationalised names welcome.
_HOST = re.compile(
    r"(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+(?:[^\W\d_]{2,63}|xn--[a-z0-9-]{1,59})", re.IGNORECASE
)
#: The plain shape of a website, decided without urlsplit: an optional http or https scheme, an
#: ASCII host of the kind _HOST accepts, then nothing, or a path, query or fragment of visible
#: ASCII characters other than ":" (so that no "://" or port can follow). Every text of this
#: shape passes the full check (a Hypothesis property in tests/properties proves it).
PLAIN_WEBSITE = re.compile(
    r"(?:[Hh][Tt][Tt][Pp][Ss]?://)?"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
    r"(?:[/?#][!-9;-~]*)?"
)


def required_problems(client: Client, *, policy: Policy, locale: str) -> list[Problem]:
    """Fields the policy requires of the client: a company's name, an individual's last name.

    Source: ``lab-event_remplir-page-client`` (« Nom de la société cliente »).
    """
    company = client.kind is ClientKind.COMPANY
    required = policy.required_company_fields if company else policy.required_individual_fields
    return [
        problem(
            f"client.{name}.required",
            name,
            REQUIRED,
            locale,
            label=translate(_CLIENT_LABELS[name], locale),
        )
        for name in in_order(required)
        if blank(getattr(client, name))
    ]


def url_ok(text: str) -> bool:
    """Return the full check of a website address, by :func:`urllib.parse.urlsplit`."""
    if any(char.isspace() for char in text):
        return False
    url = text if "://" in text else f"http://{text}"
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a port that is no number
    except ValueError:
        return False
    return (
        parts.scheme.lower() in ("http", "https")
        and parts.username is None
        and host is not None
        and _HOST.fullmatch(host) is not None
    )


def _website_ok(text: str) -> bool:
    """Whether *text* is a website address: the plain shape at once, anything else by URL."""
    return PLAIN_WEBSITE.fullmatch(text) is not None or url_ok(text)


def website_problems(client: Client, *, locale: str) -> list[Problem]:
    """The website is an http or https address, or a bare domain such as www.example.fr.

    Source: ``lab-event_remplir-page-client`` (« Site web : renseignez ici le site web du
    client, s'il en possède un »).
    """
    text = client.website.strip()
    if text and not _website_ok(text):
        return [problem("client.website.format", "website", _WEBSITE, locale)]
    return []


def list_problems(client: Client, *, policy: Policy, locale: str) -> list[Problem]:
    """Company type, language and source must be values of the host's configured lists.

    Compared without regard to case or surrounding spaces; a blank value is not checked.

    Source: ``lab-event_remplir-page-client`` (« Type : [...] Vous pouvez les paramétrer dans
    le menu Administration », « Langue société : [...] à partir de l'administration »,
    « Source : [...] vous pouvez les paramétrer »).
    """
    problems: list[Problem] = []
    if client.kind is ClientKind.COMPANY and policy.company_types is not None:
        problems += unlisted(
            client.company_type,
            policy.company_types,
            code="client.company_type.unknown",
            field="company_type",
            message=_UNKNOWN_COMPANY_TYPE,
            locale=locale,
        )
    if policy.languages is not None:
        problems += unlisted(
            client.language,
            policy.languages,
            code="client.language.unknown",
            field="language",
            message=_UNKNOWN_LANGUAGE,
            locale=locale,
        )
    if policy.sources is not None:
        problems += unlisted(
            client.source,
            policy.sources,
            code="client.source.unknown",
            field="source",
            message=UNKNOWN_SOURCE,
            locale=locale,
        )
    return problems


def parent_problems(client: Client, *, locale: str) -> list[Problem]:
    """A company is not its own parent company.

    Source: ``lab-event_remplir-page-client`` (« Société mère : à renseigner si la société est
    rattachée à une autre société »); ``domain.md`` (« Parent-company trees refuse cycles »).
    """
    if client.kind is ClientKind.COMPANY and client.parent_id == client.id:
        return [problem("client.parent_id.self", "parent_id", _OWN_PARENT, locale)]
    return []


def accounting_problems(client: Client, *, locale: str) -> list[Problem]:
    """Warn about an accounting account of more than 17 characters or other than letters and digits.

    Source: ``domain.md`` (« Common software limits the code to 17 characters, letters and
    digits only »).
    """
    text = client.accounting_account.strip()
    if text and not (text.isascii() and _ACCOUNT.fullmatch(text)):
        return [
            problem(
                "client.accounting_account.format",
                "accounting_account",
                _ACCOUNT_FORMAT,
                locale,
                severity="warning",
            )
        ]
    return []


def client_address_problems(client: Client, *, locale: str) -> list[Problem]:
    """The main, billing and delivery addresses: postal code, city, country, line lengths.

    Source: ``lab-event_remplir-page-client`` (« Adresse, Adresse 2, Code Postal, Ville »,
    « Pays »); ``jb-manager_creer-contact`` (« plusieurs adresses de livraison »).
    """
    problems: list[Problem] = []
    if client.address is not None:
        problems += address_problems(client.address, field="address", locale=locale)
    if client.billing_address is not None:
        problems += address_problems(client.billing_address, field="billing_address", locale=locale)
    for index, delivery in enumerate(client.delivery_addresses):
        field = f"delivery_addresses[{index}].address"
        problems += address_problems(delivery.address, field=field, locale=locale)
    return problems
