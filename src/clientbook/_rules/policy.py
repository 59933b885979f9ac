"""What a host requires of a client record: required fields and its configured value lists.

The default is the client page of the source documents (``lab-event_remplir-page-client``): a
company needs its name, and its primary contact a first name, a last name, an e-mail and a
direct phone (« Les champs Prénom, Nom, Email et Téléphone direct sont obligatoires »); an
individual needs a last name. The company types, languages and contact sources are lists « que
vous pouvez paramétrer » in the host's administration: clientbook only checks a value against
them when the host passes them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import attrs

__all__ = [
    "CLIENT_REQUIRABLE_FIELDS",
    "CONTACT_REQUIRABLE_FIELDS",
    "Policy",
]

#: The fields of a :class:`~clientbook.Client` that a policy may require, in record order.
CLIENT_REQUIRABLE_FIELDS = (
    "name",
    "civility",
    "first_name",
    "last_name",
    "website",
    "company_type",
    "language",
    "source",
    "address",
    "vat_number",
    "siret",
    "siren",
    "ape_code",
    "accounting_account",
    "owner",
)

#: The fields of a :class:`~clientbook.Contact` that a policy may require of the primary contact.
CONTACT_REQUIRABLE_FIELDS = (
    "civility",
    "first_name",
    "last_name",
    "email",
    "position",
    "direct_phone",
    "mobile_phone",
    "switchboard_phone",
    "source",
)


def _field_names(value: Iterable[str]) -> frozenset[str]:
    """Convert the field names a host passes (a set, a list, a tuple) to a frozenset."""
    if isinstance(value, str):
        raise TypeError(f"give a set of field names such as {{{value!r}}}, not a single str")
    names = frozenset(value)
    for name in names:
        if not isinstance(name, str):
            raise TypeError(f"field names are str, not {type(name).__name__}: {name!r}")
    return names


def _value_list(value: Iterable[str] | None) -> frozenset[str] | None:
    """Convert a configured value list to a frozenset; ``None`` (accept any value) stays."""
    if value is None:
        return None
    if isinstance(value, str):
        raise TypeError(f"give a set of values such as {{{value!r}}}, not a single str")
    values = frozenset(value)
    for item in values:
        if not isinstance(item, str):
            raise TypeError(f"the values of a list are str, not {type(item).__name__}: {item!r}")
    return values


_Validator = Callable[[object, "attrs.Attribute[frozenset[str]]", frozenset[str]], None]


def _known(allowed: tuple[str, ...]) -> _Validator:
    """Return an attrs validator refusing names that are not in *allowed*."""

    def check(
        _instance: object, attribute: attrs.Attribute[frozenset[str]], value: frozenset[str]
    ) -> None:
        unknown = sorted(value - frozenset(allowed))
        if unknown:
            raise ValueError(
                f"{attribute.name}: unknown field(s) {', '.join(map(repr, unknown))}; "
                f"choose among: {', '.join(allowed)}"
            )

    return check


@attrs.frozen(kw_only=True)
class Policy:
    """The fields a host requires and the values its configured lists accept.

    Pass one to :func:`validate_client`; ``Policy()`` is the source page's default. Field sets
    accept any iterable of names and are stored as frozensets; an unknown name is refused at
    construction, so that a typo cannot silently switch a rule off.

    Source: ``lab-event_remplir-page-client`` (« Les champs Prénom, Nom, Email et Téléphone
    direct sont obligatoires »; « Type », « Langue société » and « Source » are lists
    « paramétrables » in the administration).

    Attributes:
        required_company_fields: fields a company must fill (default: its name, « Nom de la
            société cliente »): any of ``name``, ``civility``, ``first_name``, ``last_name``,
            ``website``, ``company_type``, ``language``, ``source``, ``address``,
            ``vat_number``, ``siret``, ``siren``, ``ape_code``, ``accounting_account``,
            ``owner``.
        required_individual_fields: fields an individual must fill (default: the last name),
            among the same names.
        required_contact_fields: fields the primary contact must fill (default: first name,
            last name, e-mail and direct phone): any of ``civility``, ``first_name``,
            ``last_name``, ``email``, ``position``, ``direct_phone``, ``mobile_phone``,
            ``switchboard_phone``, ``source``. When not empty, a company without any contact
            is refused.
        require_siren_in_france: a company whose main address is in France (mainland,
            Corsica, the overseas departments, Saint-Pierre-et-Miquelon, Saint-Barthélemy,
            Saint-Martin), or that has no address, must carry a SIREN, directly or through
            its SIRET. Never asked of an individual or of a company abroad.
        company_types: the host's list of company types; ``None`` accepts any value.
        languages: the host's list of company languages; ``None`` accepts any value.
        sources: the host's list of sources (of a client and of a contact); ``None`` accepts
            any value.

    Values are compared with the lists without regard to case or surrounding spaces.

    >>> Policy(required_contact_fields={"email"}).required_contact_fields
    frozenset({'email'})
    >>> Policy(required_company_fields={"nom"})
    Traceback (most recent call last):
        ...
    ValueError: required_company_fields: unknown field(s) 'nom'; choose among: name, ...
    """

    required_company_fields: frozenset[str] = attrs.field(
        default=frozenset({"name"}),
        converter=_field_names,
        validator=_known(CLIENT_REQUIRABLE_FIELDS),
    )
    required_individual_fields: frozenset[str] = attrs.field(
        default=frozenset({"last_name"}),
        converter=_field_names,
        validator=_known(CLIENT_REQUIRABLE_FIELDS),
    )
    required_contact_fields: frozenset[str] = attrs.field(
        default=frozenset({"first_name", "last_name", "email", "direct_phone"}),
        converter=_field_names,
        validator=_known(CONTACT_REQUIRABLE_FIELDS),
    )
    require_siren_in_france: bool = attrs.field(default=True)
    company_types: frozenset[str] | None = attrs.field(default=None, converter=_value_list)
    languages: frozenset[str] | None = attrs.field(default=None, converter=_value_list)
    sources: frozenset[str] | None = attrs.field(default=None, converter=_value_list)

    @require_siren_in_france.validator
    def _check_flag(self, attribute: attrs.Attribute[bool], value: object) -> None:
        if not isinstance(value, bool):
            raise TypeError(f"{attribute.name} is True or False, not {value!r}")
