"""The record rules of a company's identifiers: each valid, all of one company, a SIREN in France.

The identifiers are validated once a record (:func:`checked_identifiers`); whether their SIRENs
agree is decided by :mod:`clientbook._rules.sirens`, from the values validated here.
"""

from __future__ import annotations

import datetime
from typing import Final

from clientbook._base.i18n import N_, translate
from clientbook._records.client import Client, ClientKind
from clientbook._records.problem import Problem
from clientbook._rules import sirens
from clientbook._rules.policy import Policy
from clientbook._rules.postal import SIRENE_TERRITORIES
from clientbook._rules.validation.common import blank, problem
from clientbook.identifiers import InvalidIdentifier, naf, siren, siret, vat

__all__ = [
    "CheckedIdentifiers",
    "checked_identifiers",
    "company_field_problems",
    "cross_check_problems",
    "identifier_problems",
    "identifier_value_problems",
    "naf_replaced_problems",
    "siren_required_problems",
    "sirens_of",
]

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
#: The day NAF 2025 replaces NAF rév. 2 as the nomenclature of APE codes (décret n° 2025-12).
NAF_2025_FROM: Final = datetime.date(2027, 1, 1)
_REPLACED_BY = N_(
    "Since 1 January 2027 APE codes are NAF 2025 codes: {ape} (NAF rev. 2) is now {successor}."
)
_REPLACED_BY_SEVERAL = N_(
    "Since 1 January 2027 APE codes are NAF 2025 codes: {ape} (NAF rev. 2) is split between "
    "{successors}; choose the one that describes the activity."
)
_IDENTIFIERS = (("vat_number", vat), ("siret", siret), ("siren", siren), ("ape_code", naf))


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
        problem(
            "client.individual.company_field",
            name,
            _COMPANY_ONLY,
            locale,
            label=translate(label, locale),
        )
        for name, label in _COMPANY_FIELD_LABELS.items()
        if not blank(getattr(client, name))
    ]


#: The identifiers of a record as :func:`checked_identifiers` found them: for each field that
#: is not blank, its compact form when valid, else the error that refuses it.
CheckedIdentifiers = dict[str, str | InvalidIdentifier]


def checked_identifiers(client: Client, *, any_kind: bool = False) -> CheckedIdentifiers:
    """Validate each identifier of a company once; the rules below share the result.

    An individual's identifiers are not checked (an individual has none: see
    :func:`company_field_problems`), so its result is empty, unless *any_kind*.
    """
    checked: CheckedIdentifiers = {}
    if client.kind is not ClientKind.COMPANY and not any_kind:
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


def sirens_of(client: Client, checked: CheckedIdentifiers) -> sirens.Sirens:
    """Return the SIRENs the record carries, from its identifiers validated in *checked*."""
    given = checked.get("siren")
    establishment = checked.get("siret")
    number = checked.get("vat_number")
    # Not in checked: blank. Refused: blank all the same when it is only spaces and dots.
    blank_siren = given is None or (not isinstance(given, str) and not siren.compact(client.siren))
    return sirens.from_valid(
        siren=given if isinstance(given, str) else None,
        siren_blank=blank_siren,
        siret=establishment if isinstance(establishment, str) else None,
        vat_number=number if isinstance(number, str) else None,
    )


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


def cross_check_problems(found: sirens.Sirens, *, locale: str) -> list[Problem]:
    """The SIRET's SIREN and the French VAT number's SIREN must be the company's SIREN.

    What the company's SIREN is, and which numbers hold one, is :mod:`clientbook._rules.sirens`'
    rule: a Monaco company's VAT number (FR, key, ``000`` and 6 digits) contains no SIREN and
    is compared with nothing; a SIREN that is not valid is compared with nothing.

    Source: ``domain.md`` (« SIRET: 14 digits = SIREN + 5-digit NIC »; « French VAT: FR +
    2-character key + SIREN »; « Monaco companies carry French VAT numbers [...] but they have
    no SIREN »).
    """
    problems: list[Problem] = []
    company = found.company
    if found.agree or company is None:
        return problems
    vat_siren = found.vat_mismatch
    if vat_siren is not None:
        problems.append(
            problem(
                "vat.siren_mismatch",
                "vat_number",
                _VAT_MISMATCH,
                locale,
                vat_siren=siren.format(vat_siren),
                siren=siren.format(company),
            )
        )
    siret_siren = found.siret_mismatch
    if siret_siren is not None:
        problems.append(
            problem(
                "siret.siren_mismatch",
                "siret",
                _SIRET_MISMATCH,
                locale,
                siret_siren=siren.format(siret_siren),
                siren=siren.format(company),
            )
        )
    return problems


def siren_required_problems(
    client: Client,
    *,
    found: sirens.Sirens,
    main_territory: str | None,
    policy: Policy,
    locale: str,
) -> list[Problem]:
    """A company in France, or with no address, must carry a SIREN, directly or in its SIRET.

    France is the mainland, Corsica, the overseas departments, Saint-Pierre-et-Miquelon,
    Saint-Barthélemy and Saint-Martin (the territories of INSEE's SIRENE directory). A
    company with a Monaco VAT number (*found*'s ``monaco``) has no SIREN. Switched off by
    ``Policy(require_siren_in_france=False)``. *main_territory* is the :func:`territory` of
    the main address, ``None`` when there is none.

    Source: ``domain.md`` (« the customer's SIREN » is a mandatory invoice mention of the
    e-invoicing reform, from 1 September 2026); INSEE (every French company has a SIREN).
    """
    if not policy.require_siren_in_france or client.kind is not ClientKind.COMPANY:
        return []
    if main_territory is not None and main_territory not in SIRENE_TERRITORIES:
        return []
    if client.siren.strip() or client.siret.strip() or found.monaco:
        return []
    return [problem("siren.required", "siren", _SIREN_REQUIRED, locale)]


def identifier_value_problems(client: Client, *, locale: str) -> list[Problem]:
    """Return the problems of the record's identifiers themselves, whatever its kind.

    :func:`~clientbook.validate_client` checks a company's identifiers (and tells an
    individual that it carries none): these are the problems it would find with the values of
    an individual's record, were it a company's. The file check reports them on an
    individual's row, where a number mistyped is worth knowing about before the row is made a
    company's, or its number removed.
    """
    checked = checked_identifiers(client, any_kind=True)
    problems = identifier_problems(client, checked=checked, locale=locale)
    return problems + cross_check_problems(sirens_of(client, checked), locale=locale)


def naf_replaced_problems(
    client: Client, *, as_of: datetime.date | None, locale: str
) -> list[Problem]:
    """From 1 January 2027, an APE code of NAF rév. 2 is a warning that names its NAF 2025 code.

    Nothing before that day, nor without a date (*as_of* ``None``): the rule depends on the
    day of the check, which the caller gives. The successor comes from INSEE's correspondence
    table (:func:`clientbook.identifiers.naf.to_2025`): one code when the whole sub-class goes
    to it, the candidates when it is split.

    Source: décret n° 2025-12 (NAF 2025, in force on 1 January 2027); INSEE, *Table de
    passage NAF rév. 2 - NAF 2025*.
    """
    code = client.ape_code
    if as_of is None or as_of < NAF_2025_FROM or blank(code):
        return []
    try:
        if naf.nomenclature(code) != "rev2":
            return []
    except InvalidIdentifier:  # identifier_problems reports it
        return []
    successors = naf.to_2025(code)
    if len(successors) == 1:
        return [
            problem(
                "naf.replaced",
                "ape_code",
                _REPLACED_BY,
                locale,
                "warning",
                ape=naf.format(code),
                successor=naf.format(successors[0].code),
            )
        ]
    return [
        problem(
            "naf.replaced",
            "ape_code",
            _REPLACED_BY_SEVERAL,
            locale,
            "warning",
            ape=naf.format(code),
            successors=", ".join(naf.format(successor.code) for successor in successors),
        )
    ]
