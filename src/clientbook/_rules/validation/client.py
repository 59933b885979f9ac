"""validate_client: every record rule on a client, the problems in the order of its fields."""

from __future__ import annotations

import datetime
import functools
import re

import attrs

from clientbook._base.i18n import normalize_locale
from clientbook._records.address import Address, DeliveryAddress
from clientbook._records.client import Client
from clientbook._records.contact import Contact
from clientbook._records.problem import Problem
from clientbook._rules.phones import region_of
from clientbook._rules.policy import Policy
from clientbook._rules.postal import territory
from clientbook._rules.validation.contacts import contact_problems
from clientbook._rules.validation.fields import (
    accounting_problems,
    client_address_problems,
    list_problems,
    parent_problems,
    required_problems,
    website_problems,
)
from clientbook._rules.validation.identifiers import (
    checked_identifiers,
    company_field_problems,
    cross_check_problems,
    identifier_problems,
    naf_replaced_problems,
    siren_required_problems,
    sirens_of,
)
from clientbook._rules.validation.text import unstorable_text_problems

__all__ = ["validate_client"]

#: ``Policy()``, the source page's default, built once: a frozen value, cheap to build.
DEFAULT_POLICY = Policy()

_NESTED: dict[tuple[type, str], type] = {
    (Client, "address"): Address,
    (Client, "billing_address"): Address,
    (Client, "delivery_addresses"): DeliveryAddress,
    (Client, "contacts"): Contact,
    (DeliveryAddress, "address"): Address,
}
_PATH_PART = re.compile(r"(\w+)(?:\[(\d+)\])?")


@functools.cache
def _ranks(cls: type) -> dict[str, int]:
    return {field.name: rank for rank, field in enumerate(attrs.fields(cls))}


def _record_order(problem: Problem) -> tuple[int, ...]:
    """Sort key: the position of the problem's field in the record, field after field."""
    key: list[int] = []
    cls: type | None = Client
    for name, index in _PATH_PART.findall(problem.field):
        ranks = _ranks(cls) if cls is not None else {}
        key.append(ranks.get(name, len(ranks)))
        if index:
            key.append(int(index))
        cls = _NESTED.get((cls, name)) if cls is not None else None
    return tuple(key)


def validate_client(
    client: Client,
    *,
    policy: Policy | None = None,
    locale: str = "fr",
    as_of: datetime.date | None = None,
) -> list[Problem]:
    """Return every problem of a client record, in the order of its fields.

    Bad data never raises: any text in any field gives problems. The checks: required fields
    (:class:`Policy`); company-only fields on an individual; the identifiers and their
    cross-checks; the SIREN a company in France must carry; the website; the host's value
    lists; the parent company; the accounting account; each address; each contact's e-mail
    and phones, the primary contact's required fields and the single primary contact.

    Args:
        client: the record to check.
        policy: what the host requires; ``None`` is ``Policy()``, the source page's default.
        locale: the language of the messages, ``"fr"`` (the default) or ``"en"``; regional
            names such as ``"fr_FR"`` are accepted.
        as_of: the day of the check, for the rules that depend on it: from 1 January 2027 an
            APE code of NAF rév. 2 is a warning naming its NAF 2025 code (``naf.replaced``);
            ``None`` (the default) checks no date. The rules never read the clock.

    Returns:
        The problems, errors and warnings together; an empty list for a clean record.

    Raises:
        ValueError: *locale* is not a language clientbook has messages in.

    >>> from clientbook import Client, ClientKind, Contact
    >>> client = Client(id="c1", kind=ClientKind.COMPANY, name="Boulangerie Martin",
    ...                 siret="12345678200011", contacts=(Contact(first_name="Claire"),))
    >>> [(p.code, p.field) for p in validate_client(client, locale="en")]
    [('siret.checksum', 'siret'),
     ('contact.last_name.required', 'contacts[0].last_name'),
     ('contact.email.required', 'contacts[0].email'),
     ('contact.direct_phone.required', 'contacts[0].direct_phone')]
    """
    language = normalize_locale(locale)
    if policy is None:
        policy = DEFAULT_POLICY
    checked = checked_identifiers(client)
    found = sirens_of(client, checked)
    main_territory = None if client.address is None else territory(client.address)
    region = region_of(client, main_territory=main_territory)
    problems = required_problems(client, policy=policy, locale=language)
    problems += company_field_problems(client, locale=language)
    problems += identifier_problems(client, checked=checked, locale=language)
    problems += naf_replaced_problems(client, as_of=as_of, locale=language)
    problems += cross_check_problems(found, locale=language)
    problems += siren_required_problems(
        client, found=found, main_territory=main_territory, policy=policy, locale=language
    )
    problems += website_problems(client, locale=language)
    problems += list_problems(client, policy=policy, locale=language)
    problems += parent_problems(client, locale=language)
    problems += accounting_problems(client, locale=language)
    problems += client_address_problems(client, locale=language)
    problems += contact_problems(client, region=region, policy=policy, locale=language)
    problems += unstorable_text_problems(client, locale=language)
    if len(problems) > 1:
        problems.sort(key=_record_order)
    return problems
