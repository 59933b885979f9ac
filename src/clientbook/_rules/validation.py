"""Checking a whole client record: every problem at once, never an exception for bad data.

:func:`validate_client` runs the rules below on a :class:`~clientbook.Client` and returns
:class:`~clientbook.Problem` values in the order of the record's fields. Each rule is a plain
function whose docstring cites the sentence of the source documents, or the legal or
identifier fact, it enforces. The address rules live in :mod:`clientbook._rules.postal`, the phone
rules in :mod:`clientbook._rules.phones`, the e-mail rule in :mod:`clientbook._rules.email`.
"""

from __future__ import annotations

import functools
import re
from urllib.parse import urlsplit

import attrs

from clientbook._base.i18n import N_, normalize_locale, translate
from clientbook._records.address import Address, DeliveryAddress
from clientbook._records.client import Client, ClientKind
from clientbook._records.contact import Contact
from clientbook._records.problem import Problem, Severity
from clientbook._rules.contacts import primary_contact_indexes
from clientbook._rules.email import email_problems
from clientbook._rules.phones import phone_problems, region_of
from clientbook._rules.policy import Policy
from clientbook._rules.postal import SIRENE_TERRITORIES, address_problems, territory
from clientbook.identifiers import IdentifierModule, InvalidIdentifier, naf, siren, siret, vat

__all__ = ["validate_client"]

_REQUIRED = N_("{label} is required.")
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
_COMPANY_ONLY = N_(
    "{label} belongs to a company, not to an individual: remove it, "
    "or record this client as a company."
)
_COMPANY_FIELD_LABELS = {
    "company_type": N_("A company type"),
    "parent_id": N_("A parent company"),
    "vat_number": N_("A VAT number"),
    "siret": N_("A SIRET"),
    "siren": N_("A SIREN"),
    "ape_code": N_("An APE code"),
}
_SIRET_MISMATCH = N_(
    "This SIRET belongs to the company with SIREN {siret_siren}, not to SIREN {siren}: "
    "the first 9 digits of a SIRET are the company's SIREN."
)
_VAT_MISMATCH = N_(
    "This VAT number contains the SIREN {vat_siren}, but the company's SIREN is {siren}: "
    "a French VAT number is FR, a 2-character key and the company's SIREN."
)
_SIREN_REQUIRED = N_(
    "A company in France must have a SIREN: enter it, or the SIRET of one of its "
    "establishments, which contains it."
)
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
_UNKNOWN_SOURCE = N_('"{value}" is not one of the sources set up in the administration: {choices}.')
_OWN_PARENT = N_("A company cannot be its own parent company.")
_ACCOUNT_FORMAT = N_(
    "Accounting software usually takes account codes of at most 17 letters and digits, "
    "such as 411DURAND: this one may be refused when the ledger is exported."
)
_PRIMARY_REQUIRED = N_("Add this company's primary contact.")
_PRIMARY_MULTIPLE = N_(
    "{count} contacts are marked as the primary contact: a client has only one. "
    "Keep the mark on one of them."
)
_PRIMARY_MISSING = N_(
    "None of the {count} contacts is marked as the primary contact: mark the one to write to."
)

#: ``Policy()``, the source page's default, built once: a frozen value, cheap to build.
_DEFAULT_POLICY = Policy()
_IDENTIFIERS = (("vat_number", vat), ("siret", siret), ("siren", siren), ("ape_code", naf))
_ACCOUNT = re.compile(r"[0-9A-Za-z]{1,17}")
# A host name: labels of letters, digits and inner hyphens, and a top-level domain of letters
# (or an IDNA one); internationalised names welcome.
_HOST = re.compile(
    r"(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+(?:[^\W\d_]{2,63}|xn--[a-z0-9-]{1,59})", re.IGNORECASE
)
# The plain shape of a website, decided without urlsplit: an optional http or https scheme, an
# ASCII host of the kind _HOST accepts, then nothing, or a path, query or fragment of visible
# ASCII characters other than ":" (so that no "://" or port can follow). Every text of this
# shape passes the full check (a Hypothesis property in tests/properties proves it).
_PLAIN_WEBSITE = re.compile(
    r"(?:[Hh][Tt][Tt][Pp][Ss]?://)?"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
    r"(?:[/?#][!-9;-~]*)?"
)


def _problem(
    code: str,
    field: str,
    message: str,
    locale: str,
    severity: Severity = "error",
    **params: object,
) -> Problem:
    return Problem(
        code=code, field=field, message=translate(message, locale, **params), severity=severity
    )


def _blank(value: object) -> bool:
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
def _in_order(names: frozenset[str]) -> tuple[str, ...]:
    """The field names of a policy, sorted once for all the records checked with it."""
    return tuple(sorted(names))


def required_problems(client: Client, *, policy: Policy, locale: str) -> list[Problem]:
    """Fields the policy requires of the client: a company's name, an individual's last name.

    Source: ``lab-event_remplir-page-client`` (« Nom de la société cliente »).
    """
    company = client.kind is ClientKind.COMPANY
    required = policy.required_company_fields if company else policy.required_individual_fields
    return [
        _problem(
            f"client.{name}.required",
            name,
            _REQUIRED,
            locale,
            label=translate(_CLIENT_LABELS[name], locale),
        )
        for name in _in_order(required)
        if _blank(getattr(client, name))
    ]


def company_field_problems(client: Client, *, locale: str) -> list[Problem]:
    """An individual carries no company identifiers, company type or parent company.

    Source: ``jb-manager_creer-contact`` (« une société ou un particulier »): SIREN, SIRET
    and APE code identify companies and their establishments (INSEE, SIRENE); the VAT
    number, the company type and the parent company (« Société mère ») are fields of the
    company page (``lab-event_remplir-page-client``).
    """
    if client.kind is not ClientKind.INDIVIDUAL:
        return []
    return [
        _problem(
            "client.individual.company_field",
            name,
            _COMPANY_ONLY,
            locale,
            label=translate(label, locale),
        )
        for name, label in _COMPANY_FIELD_LABELS.items()
        if not _blank(getattr(client, name))
    ]


#: The identifiers of a company as :func:`checked_identifiers` found them: for each field that
#: is not blank, its compact form when valid, else the error that refuses it.
CheckedIdentifiers = dict[str, str | InvalidIdentifier]


def checked_identifiers(client: Client) -> CheckedIdentifiers:
    """Validate each identifier of a company once; the rules below share the result.

    An individual's identifiers are not checked (an individual has none: see
    :func:`company_field_problems`), so its result is empty.
    """
    checked: CheckedIdentifiers = {}
    if client.kind is not ClientKind.COMPANY:
        return checked
    for name, module in _IDENTIFIERS:
        value = getattr(client, name)
        if not value.strip():
            continue
        try:
            checked[name] = module.validate(value)
        except InvalidIdentifier as error:
            checked[name] = error
    return checked


def identifier_problems(
    client: Client, *, checked: CheckedIdentifiers, locale: str
) -> list[Problem]:
    """A company's VAT number, SIRET, SIREN and APE code must be valid; the code is the error's.

    Source: the identifier modules (:mod:`clientbook.identifiers`): Luhn for SIREN and
    SIRET, the French VAT key, NAF rév. 2 and NAF 2025.
    """
    return [
        Problem(code=error.code, field=name, message=error.message(locale))
        for name, _module in _IDENTIFIERS
        if isinstance(error := checked.get(name), InvalidIdentifier)
    ]


def _monaco_vat(number: str) -> bool:
    """Whether *number* is a valid French VAT number of a company of Monaco (no SIREN)."""
    compact = vat.compact(number)
    return compact.startswith("FR") and compact[4:7] == "000" and vat.is_valid(compact)


def _company_siren(client: Client, checked: CheckedIdentifiers) -> str | None:
    """The company's SIREN, given or read from its SIRET; ``None`` when neither is valid."""
    given = checked.get("siren")
    if isinstance(given, str):
        return given  # valid, compact
    if not siren.compact(client.siren):
        number = checked.get("siret")
        return number[:9] if isinstance(number, str) else None
    return None


def _compact_or_typed(
    name: str, module: IdentifierModule, client: Client, checked: CheckedIdentifiers
) -> str:
    """The compact form of a valid identifier; otherwise ``module.compact`` of the value."""
    number = checked.get(name)
    return number if isinstance(number, str) else module.compact(getattr(client, name))


def cross_check_problems(
    client: Client, *, checked: CheckedIdentifiers, locale: str
) -> list[Problem]:
    """The SIRET's SIREN and the French VAT number's SIREN must be the company's SIREN.

    A Monaco company's VAT number (FR, key, ``000`` and 6 digits) contains no SIREN and is
    compared with nothing.

    Source: ``domain.md`` (« SIRET: 14 digits = SIREN + 5-digit NIC »; « French VAT: FR +
    2-character key + SIREN »; « Monaco companies carry French VAT numbers [...] but they have
    no SIREN »).
    """
    problems: list[Problem] = []
    if client.kind is not ClientKind.COMPANY:
        return problems
    company_siren = _company_siren(client, checked)
    if company_siren is None:
        return problems
    number = _compact_or_typed("vat_number", vat, client, checked)
    vat_siren = number[4:]
    if (
        number.startswith("FR")
        and not vat_siren.startswith("000")  # Monaco: no SIREN inside
        and vat_siren != company_siren
        and vat.is_valid(number)
    ):
        problems.append(
            _problem(
                "vat.siren_mismatch",
                "vat_number",
                _VAT_MISMATCH,
                locale,
                vat_siren=siren.format(vat_siren),
                siren=siren.format(company_siren),
            )
        )
    establishment = _compact_or_typed("siret", siret, client, checked)
    if establishment[:9] != company_siren and siret.is_valid(establishment):
        problems.append(
            _problem(
                "siret.siren_mismatch",
                "siret",
                _SIRET_MISMATCH,
                locale,
                siret_siren=siren.format(establishment[:9]),
                siren=siren.format(company_siren),
            )
        )
    return problems


def siren_required_problems(
    client: Client, *, main_territory: str | None, policy: Policy, locale: str
) -> list[Problem]:
    """A company in France, or with no address, must carry a SIREN, directly or in its SIRET.

    France is the mainland, Corsica, the overseas departments, Saint-Pierre-et-Miquelon,
    Saint-Barthélemy and Saint-Martin (the territories of INSEE's SIRENE directory). A
    company with a Monaco VAT number has no SIREN. Switched off by
    ``Policy(require_siren_in_france=False)``. *main_territory* is the :func:`territory` of
    the main address, ``None`` when there is none.

    Source: ``domain.md`` (« the customer's SIREN » is a mandatory invoice mention of the
    e-invoicing reform, from 1 September 2026); INSEE (every French company has a SIREN).
    """
    if not policy.require_siren_in_france or client.kind is not ClientKind.COMPANY:
        return []
    if main_territory is not None and main_territory not in SIRENE_TERRITORIES:
        return []
    if client.siren.strip() or client.siret.strip() or _monaco_vat(client.vat_number):
        return []
    return [_problem("siren.required", "siren", _SIREN_REQUIRED, locale)]


def _url_ok(text: str) -> bool:
    """The full check of a website address, by :func:`urllib.parse.urlsplit`."""
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
    return _PLAIN_WEBSITE.fullmatch(text) is not None or _url_ok(text)


def website_problems(client: Client, *, locale: str) -> list[Problem]:
    """The website is an http or https address, or a bare domain such as www.example.fr.

    Source: ``lab-event_remplir-page-client`` (« Site web : renseignez ici le site web du
    client, s'il en possède un »).
    """
    text = client.website.strip()
    if text and not _website_ok(text):
        return [_problem("client.website.format", "website", _WEBSITE, locale)]
    return []


@functools.lru_cache(maxsize=64)
def _folded(values: frozenset[str]) -> frozenset[str]:
    return frozenset(value.strip().casefold() for value in values)


def _listed(value: str, allowed: frozenset[str] | None) -> bool:
    return allowed is None or not value.strip() or value.strip().casefold() in _folded(allowed)


def _unlisted(
    value: str, allowed: frozenset[str] | None, *, code: str, field: str, message: str, locale: str
) -> list[Problem]:
    if allowed is not None and not _listed(value, allowed):
        choices = ", ".join(sorted(allowed, key=str.casefold))
        return [_problem(code, field, message, locale, value=value.strip(), choices=choices)]
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
        problems += _unlisted(
            client.company_type,
            policy.company_types,
            code="client.company_type.unknown",
            field="company_type",
            message=_UNKNOWN_COMPANY_TYPE,
            locale=locale,
        )
    if policy.languages is not None:
        problems += _unlisted(
            client.language,
            policy.languages,
            code="client.language.unknown",
            field="language",
            message=_UNKNOWN_LANGUAGE,
            locale=locale,
        )
    if policy.sources is not None:
        problems += _unlisted(
            client.source,
            policy.sources,
            code="client.source.unknown",
            field="source",
            message=_UNKNOWN_SOURCE,
            locale=locale,
        )
    return problems


def parent_problems(client: Client, *, locale: str) -> list[Problem]:
    """A company is not its own parent company.

    Source: ``lab-event_remplir-page-client`` (« Société mère : à renseigner si la société est
    rattachée à une autre société »); ``domain.md`` (« Parent-company trees refuse cycles »).
    """
    if client.kind is ClientKind.COMPANY and client.parent_id == client.id:
        return [_problem("client.parent_id.self", "parent_id", _OWN_PARENT, locale)]
    return []


def accounting_problems(client: Client, *, locale: str) -> list[Problem]:
    """Warn about an accounting account of more than 17 characters or other than letters and digits.

    Source: ``domain.md`` (« Common software limits the code to 17 characters, letters and
    digits only »).
    """
    text = client.accounting_account.strip()
    if text and not (text.isascii() and _ACCOUNT.fullmatch(text)):
        return [
            _problem(
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
        problems += _unlisted(
            contact.source,
            policy.sources,
            code="contact.source.unknown",
            field=f"{field}.source",
            message=_UNKNOWN_SOURCE,
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
            return [_problem("contact.primary.required", "contacts", _PRIMARY_REQUIRED, locale)]
        return []
    problems: list[Problem] = []
    primary = primary_contact_indexes(client)
    if len(primary) > 1:
        problems.append(
            _problem(
                "contact.primary.multiple",
                "contacts",
                _PRIMARY_MULTIPLE,
                locale,
                count=len(primary),
            )
        )
    elif not primary:
        problems.append(
            _problem(
                "contact.primary.missing",
                "contacts",
                _PRIMARY_MISSING,
                locale,
                severity="warning",
                count=len(contacts),
            )
        )
    required = _in_order(policy.required_contact_fields)
    for index, contact in enumerate(contacts):
        field = f"contacts[{index}]"
        if index in primary:
            problems += [
                _problem(
                    f"contact.{name}.required",
                    f"{field}.{name}",
                    _REQUIRED,
                    locale,
                    label=translate(_CONTACT_LABELS[name], locale),
                )
                for name in required
                if _blank(getattr(contact, name))
            ]
        problems += _contact_problems(
            contact, field=field, region=region, policy=policy, locale=locale
        )
    return problems


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
    client: Client, *, policy: Policy | None = None, locale: str = "fr"
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
        policy = _DEFAULT_POLICY
    checked = checked_identifiers(client)
    main_territory = None if client.address is None else territory(client.address)
    region = region_of(client, main_territory=main_territory)
    problems = required_problems(client, policy=policy, locale=language)
    problems += company_field_problems(client, locale=language)
    problems += identifier_problems(client, checked=checked, locale=language)
    problems += cross_check_problems(client, checked=checked, locale=language)
    problems += siren_required_problems(
        client, main_territory=main_territory, policy=policy, locale=language
    )
    problems += website_problems(client, locale=language)
    problems += list_problems(client, policy=policy, locale=language)
    problems += parent_problems(client, locale=language)
    problems += accounting_problems(client, locale=language)
    problems += client_address_problems(client, locale=language)
    problems += contact_problems(client, region=region, policy=policy, locale=language)
    if len(problems) > 1:
        problems.sort(key=_record_order)
    return problems
