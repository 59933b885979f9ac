"""The record rules of a client's contacts: each one's e-mail and phones, one primary contact."""

from __future__ import annotations

from clientbook._base.i18n import N_, translate
from clientbook._records.client import Client, ClientKind
from clientbook._records.contact import Contact
from clientbook._records.problem import Problem
from clientbook._rules.contacts import primary_contact_indexes
from clientbook._rules.email import email_problems
from clientbook._rules.phones import phone_problems
from clientbook._rules.policy import Policy
from clientbook._rules.validation.common import (
    REQUIRED,
    UNKNOWN_SOURCE,
    blank,
    in_order,
    problem,
    unlisted,
)

__all__ = ["contact_problems"]

_CONTACT_LABELS = {
    "civility": N_("The primary contact's civility"),
    "first_name": N_("The primary contact's first name"),
    "last_name": N_("The primary contact's last name"),
    "email": N_("The primary contact's e-mail"),
    "position": N_("The primary contact's position"),
    "direct_phone": N_("The primary contact's direct phone"),
    "mobile_phone": N_("The primary contact's mobile phone"),
    "switchboard_phone": N_("The primary contact's switchboard phone"),
    "source": N_("The primary contact's source"),
}
_PRIMARY_REQUIRED = N_("Add this company's primary contact.")
_PRIMARY_MULTIPLE = N_(
    "{count} contacts are marked as the primary contact: a client has only one. "
    "Keep the mark on one of them."
)
_PRIMARY_MISSING = N_(
    "None of the {count} contacts is marked as the primary contact: mark the one to write to."
)


def _contact_problems(
    contact: Contact, *, field: str, region: str, policy: Policy, locale: str
) -> list[Problem]:
    problems = email_problems(contact.email, field=f"{field}.email", locale=locale)
    for name, text in (
        ("direct_phone", contact.direct_phone),
        ("mobile_phone", contact.mobile_phone),
        ("switchboard_phone", contact.switchboard_phone),
    ):
        if text.strip():  # a blank number has no problem here (see phone_problems)
            problems += phone_problems(
                text,
                region=region,
                field=f"{field}.{name}",
                mobile=name == "mobile_phone",
                locale=locale,
            )
    if policy.sources is not None:
        problems += unlisted(
            contact.source,
            policy.sources,
            code="contact.source.unknown",
            field=f"{field}.source",
            message=UNKNOWN_SOURCE,
            locale=locale,
        )
    return problems


def contact_problems(client: Client, *, region: str, policy: Policy, locale: str) -> list[Problem]:
    """Each contact's e-mail and phones, the primary contact's required fields, one primary.

    Phone numbers are read in *region*, the territory of the client's address
    (:func:`~clientbook._rules.phones.client_region`). A company with no contact at all lacks its
    primary contact when the policy requires fields of it.

    Source: ``lab-event_remplir-page-client`` (« Les champs Prénom, Nom, Email et Téléphone
    direct sont obligatoires »; « Contact Principal »); ``domain.md`` (« One primary contact
    per client; a single contact is primary by itself »).
    """
    contacts = client.contacts
    if not contacts:
        if client.kind is ClientKind.COMPANY and policy.required_contact_fields:
            return [problem("contact.primary.required", "contacts", _PRIMARY_REQUIRED, locale)]
        return []
    problems: list[Problem] = []
    primary = primary_contact_indexes(client)
    if len(primary) > 1:
        problems.append(
            problem(
                "contact.primary.multiple",
                "contacts",
                _PRIMARY_MULTIPLE,
                locale,
                count=len(primary),
            )
        )
    elif not primary:
        problems.append(
            problem(
                "contact.primary.missing",
                "contacts",
                _PRIMARY_MISSING,
                locale,
                severity="warning",
                count=len(contacts),
            )
        )
    required = in_order(policy.required_contact_fields)
    for index, contact in enumerate(contacts):
        field = f"contacts[{index}]"
        if index in primary:
            problems += [
                problem(
                    f"contact.{name}.required",
                    f"{field}.{name}",
                    REQUIRED,
                    locale,
                    label=translate(_CONTACT_LABELS[name], locale),
                )
                for name in required
                if blank(getattr(contact, name))
            ]
        problems += _contact_problems(
            contact, field=field, region=region, policy=policy, locale=locale
        )
    return problems
