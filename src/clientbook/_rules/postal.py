"""French postal addresses: postal codes, territories, and the address block of NF Z10-011.

A French postal code is 5 digits. Corsica's start with 20 (``20000 AJACCIO``; ``2A`` and ``2B``
are department codes, never postal codes). The overseas departments have their own prefixes:
971 Guadeloupe, 972 Martinique, 973 Guyane, 974 La Réunion, 976 Mayotte; so do
Saint-Pierre-et-Miquelon (975), Wallis-et-Futuna (986), French Polynesia (987) and New
Caledonia (988). Saint-Barthélemy and Saint-Martin kept Guadeloupe's codes, 97133 and 97150
(977 and 978 are their INSEE commune codes, not postal codes). Monaco uses La Poste's codes,
98000, but it is another country, ``MC``. A CEDEX address keeps its 5-digit code and reads
``75700 PARIS CEDEX 07``.

Each of these territories is its own region for telephone numbers (an 0590 number belongs to
Guadeloupe): :func:`territory` tells which one an address is in.

The address block follows NF Z10-011 (La Poste): at most 6 lines of at most 38 characters, 7
abroad with the country last; the last lines in capitals, without accents or punctuation.

Source: ``domain.md`` (addresses), La Poste's « Rédaction des adresses » (NF Z10-011), INSEE's
codes of the overseas collectivities.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from clientbook._base.i18n import N_, translate
from clientbook._records.address import Address
from clientbook._records.problem import Problem

__all__ = [
    "LA_POSTE_COUNTRIES",
    "MAX_LINE_LENGTH",
    "SIRENE_TERRITORIES",
    "address_problems",
    "clean_country",
    "country_name",
    "is_known_country",
    "postal_lines",
    "territory",
]

#: Characters on a line of an address block (NF Z10-011), spaces included.
MAX_LINE_LENGTH = 38
#: Lines of an address block in France, the recipient's included; one more abroad (the country).
MAX_LINES = 6

#: Territories whose mail La Poste delivers with its 5-digit codes: no country line is written.
LA_POSTE_COUNTRIES = frozenset(
    ("FR", "MC", "GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF", "WF", "PF", "NC")
)
#: Territories whose companies are registered in INSEE's SIRENE directory (they have a SIREN).
SIRENE_TERRITORIES = frozenset(("FR", "GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF"))

# Postal codes of the territories with their own telephone region, most specific first.
_TERRITORY_OF_CODE = (
    ("97133", "BL"),
    ("97150", "MF"),
    ("971", "GP"),
    ("972", "MQ"),
    ("973", "GF"),
    ("974", "RE"),
    ("975", "PM"),
    ("976", "YT"),
    ("980", "MC"),
    ("986", "WF"),
    ("987", "PF"),
    ("988", "NC"),
)
_TERRITORY_OF_FULL_CODE = {code: region for code, region in _TERRITORY_OF_CODE if len(code) == 5}
_TERRITORY_OF_PREFIX = {code: region for code, region in _TERRITORY_OF_CODE if len(code) == 3}
# Codes of Babel's territory list that are no country: regions, pseudo-locales, "unknown".
_NOT_COUNTRIES = frozenset(("EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"))
_MONACO_CODE = re.compile(r"980[0-9][0-9]")
_LIGATURES = str.maketrans({"Œ": "OE", "œ": "oe", "Æ": "AE", "æ": "ae"})
_NOT_ALNUM = re.compile(r"[^0-9A-Z]+")

_FORMAT = N_("A French postal code has 5 digits, such as 75008 or 97110.")
_CORSICA = N_(
    "Corsica's postal codes start with 20 (20000 Ajaccio, 20200 Bastia): "
    "2A and 2B are department codes, not postal codes."
)
_MONACO_FORMAT = N_("A postal code of Monaco is 980 followed by 2 digits, such as 98000.")
_MONACO_COUNTRY = N_(
    "{postal_code} is a postal code of Monaco: set the country to MC (Monaco), not France."
)
_CITY_REQUIRED = N_("Enter the city that goes with the postal code.")
_POSTAL_CODE_REQUIRED = N_("Enter the postal code: mail to France cannot be sorted without it.")
_UNKNOWN_COUNTRY = N_(
    '"{country}" is not a country code: enter the two-letter ISO code, such as FR, BE or DE.'
)
_TOO_LONG = N_(
    "This address line has {length} characters: a postal address line has at most 38 "
    "(NF Z10-011). Shorten it, or move part of it to the other address line."
)
_TOO_MANY = N_(
    "This address makes {count} lines: with the recipient's name, a postal address has at "
    "most {limit} lines (NF Z10-011). Remove the line breaks it does not need."
)


def clean_country(text: str) -> str:
    """Return a country code as stored: surrounding spaces removed, in capitals.

    >>> clean_country(' fr ')
    'FR'
    """
    return text.strip().upper()


def _country(address: Address) -> str:
    """The address's country code; blank means France, the page's default."""
    return clean_country(address.country) or "FR"


def territory(address: Address) -> str:
    """Return the region to read the address's telephone numbers with.

    A French address (country ``FR`` or blank) is in the territory its postal code says:
    ``GP``, ``MQ``, ``GF``, ``RE``, ``YT``, ``PM``, ``BL``, ``MF``, ``WF``, ``PF``, ``NC``,
    ``MC`` for 98000, otherwise ``FR``. Any other address is in its country, as written
    (stripped and in capitals).

    Source: ``domain.md`` (« parse with the address's territory: GP, RE, MQ, GF, YT... are
    their own regions »); La Poste's postal codes of the overseas territories.

    >>> territory(Address(postal_code='97110', city='Pointe-à-Pitre'))
    'GP'
    >>> territory(Address(postal_code='20000', city='Ajaccio'))
    'FR'
    >>> territory(Address(postal_code='98000', city='Monaco', country='mc'))
    'MC'
    """
    country = _country(address)
    if country != "FR":
        return country
    code = address.postal_code.strip()
    if len(code) == 5 and code.isascii() and code.isdigit():
        return _TERRITORY_OF_FULL_CODE.get(code) or _TERRITORY_OF_PREFIX.get(code[:3], "FR")
    return "FR"


@functools.cache
def _known_countries() -> frozenset[str]:
    from babel import Locale

    codes = map(str, Locale.parse("en").territories)
    return frozenset(
        code for code in codes if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    )


def is_known_country(code: str) -> bool:
    """Return whether *code* (stripped, any case) is an ISO 3166 country code Babel knows.

    >>> is_known_country('fr'), is_known_country('GP'), is_known_country('France')
    (True, True, False)
    """
    return clean_country(code) in _known_countries()


@functools.cache
def _territory_names(locale: str) -> dict[str, str]:
    from babel import Locale, UnknownLocaleError

    try:
        names = Locale.parse(locale.replace("-", "_")).territories
    except (UnknownLocaleError, ValueError) as error:
        raise ValueError(f"unknown locale {locale!r} for country names: {error}") from None
    return {str(code): str(name) for code, name in names.items()}


def country_name(code: str, *, locale: str) -> str:
    """Return the name of the country *code* in *locale* (Babel's); the code itself if unknown.

    >>> country_name('BE', locale='fr'), country_name('BE', locale='en')
    ('Belgique', 'Belgium')
    """
    code = clean_country(code)
    return _territory_names(locale).get(code, code)


def _bare_capitals(text: str) -> str:
    """*text* in capitals, ligatures taken apart, accents and compatibility forms removed."""
    if text.isascii():  # no ligature, accent or compatibility character to take apart
        return text.upper()
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).upper()


def _postal_capitals(text: str) -> str:
    """Capitals without accents or punctuation, as La Poste wants the last lines."""
    return " ".join(_NOT_ALNUM.sub(" ", _bare_capitals(text)).split())


@functools.cache
def _one_for_one() -> re.Pattern[str]:
    """Texts whose characters each give at most one character in postal capitals.

    ASCII, and the characters of Latin-1 and Latin Extended-A that do (``é``, ``Ç``, ``ÿ``,
    ``ő``...; not ``ß``, ``Æ``, ``½``). Capitals are taken character by character, so such a
    text never grows when put in postal capitals.
    """
    kept = "".join(chr(code) for code in range(0x80, 0x180) if len(_bare_capitals(chr(code))) <= 1)
    return re.compile(f"[\\x00-\\x7f{re.escape(kept)}]*")


def _lines_of(text: str) -> list[str]:
    """The non-empty lines of a field, each with single spaces between words."""
    return [clean for line in text.splitlines() if (clean := " ".join(line.split()))]


def _address_block(address: Address, *, locale: str) -> list[tuple[str, str]]:
    """Return the lines of the address block, each with the field it comes from."""
    block = [("line2", line) for line in _lines_of(address.line2)]
    block += [("line1", line) for line in _lines_of(address.line1)]
    country = _country(address)
    postal_code = " ".join(address.postal_code.split())
    if country in LA_POSTE_COUNTRIES:
        city = _postal_capitals(address.city)
    else:
        city = " ".join(address.city.upper().split())
    town = " ".join(part for part in (postal_code, city) if part)
    if town:
        block.append(("city", town))
    if country not in LA_POSTE_COUNTRIES:
        name = _postal_capitals(country_name(country, locale=locale))
        if name:  # a "country" of punctuation only names nothing
            block.append(("country", name))
    return block


def postal_lines(address: Address, *, locale: str, recipient: str | None = None) -> list[str]:
    """Return the lines to print on an envelope or an invoice, per NF Z10-011.

    In order: the recipient (when given), the complement (``line2``: building, floor, BP),
    the street (``line1``), the postal code and the city in capitals without accents (CEDEX
    kept), and for an address outside France the country's name in *locale*, last, in
    capitals. Empty parts are left out and line breaks inside a field start new lines. Nothing
    is cut: a line longer than 38 characters is returned whole (:func:`validate_client` warns
    about it).

    Args:
        address: the postal address.
        locale: the language of the country's name (a Babel locale: ``"fr"``, ``"en_GB"``).
        recipient: the name on the first line (a company's name, a person's).

    Returns:
        The lines, first to last.

    Raises:
        ValueError: *locale* is not a locale Babel knows.

    Source: NF Z10-011 (La Poste): « 6 lignes maximum (7 pour l'international, la dernière
    ligne étant réservée au nom du pays de destination) », « 38 caractères maximum par ligne »,
    « les 3 dernières lignes toujours en majuscules ».

    >>> postal_lines(Address(line1='8 rue de Lille', postal_code='75700',
    ...                      city='Paris Cedex 07'), locale='fr', recipient='SARL Martin')
    ['SARL Martin', '8 rue de Lille', '75700 PARIS CEDEX 07']
    >>> postal_lines(Address(line1='Rue Neuve 12', postal_code='1000', city='Bruxelles',
    ...                      country='BE'), locale='fr')
    ['Rue Neuve 12', '1000 BRUXELLES', 'BELGIQUE']
    """
    lines = [" ".join(recipient.split())] if recipient and recipient.strip() else []
    return lines + [line for _field, line in _address_block(address, locale=locale)]


def _problem(code: str, field: str, message: str, locale: str, **params: object) -> Problem:
    return Problem(code=code, field=field, message=translate(message, locale, **params))


def _postal_code_problems(
    address: Address, *, country: str, field: str, locale: str
) -> list[Problem]:
    """The postal code of an address that La Poste delivers: its format, Monaco's country.

    *country* is the address's country code as :func:`_country` reads it.
    """
    code = address.postal_code.strip()
    if not code:
        if country in LA_POSTE_COUNTRIES and (address.city.strip() or address.line1.strip()):
            return [
                _problem(
                    "address.postal_code.required",
                    f"{field}.postal_code",
                    _POSTAL_CODE_REQUIRED,
                    locale,
                )
            ]
        return []
    if country == "MC":
        if _MONACO_CODE.fullmatch(code):
            return []
        return [
            _problem("address.postal_code.format", f"{field}.postal_code", _MONACO_FORMAT, locale)
        ]
    if country not in LA_POSTE_COUNTRIES:
        return []
    if code[:2].upper() in ("2A", "2B"):
        return [_problem("address.postal_code.format", f"{field}.postal_code", _CORSICA, locale)]
    if not (len(code) == 5 and code.isascii() and code.isdigit()) or code.startswith("00"):
        return [_problem("address.postal_code.format", f"{field}.postal_code", _FORMAT, locale)]
    if code.startswith("980"):
        return [
            _problem(
                "address.country.monaco",
                f"{field}.country",
                _MONACO_COUNTRY,
                locale,
                postal_code=code,
            )
        ]
    return []


def _fits(address: Address, country: str) -> bool:
    """Whether the address block surely has no line problem, told without building it.

    A sufficient condition, for an address in a territory La Poste delivers (no country
    line): the street and complement are one line each at most (no line break: a printable
    text has none) of at most 38 characters, and the postal code, a space and the city in
    postal capitals make at most 38 (spaces only shrink when the block is built, and so do
    an ASCII city's letters). Then the block has at most 3 lines, all short enough.
    """
    if country not in LA_POSTE_COUNTRIES:
        return False
    line1, line2, city = address.line1, address.line2, address.city
    if not (
        len(line1) <= MAX_LINE_LENGTH
        and len(line2) <= MAX_LINE_LENGTH
        and line1.isprintable()
        and line2.isprintable()
    ):
        return False
    short = city.isascii() or _one_for_one().fullmatch(city) is not None
    city_length = len(city) if short else len(_postal_capitals(city))
    return len(address.postal_code) + 1 + city_length <= MAX_LINE_LENGTH


def _line_problems(address: Address, *, country: str, field: str, locale: str) -> list[Problem]:
    """Lines longer than 38 characters, and more lines than the address block has room for.

    *country* is the address's country code as :func:`_country` reads it.
    """
    if _fits(address, country):
        return []
    block = _address_block(address, locale=locale)
    problems = [
        Problem(
            code="address.line.too_long",
            field=f"{field}.{part}",
            message=translate(_TOO_LONG, locale, length=len(line)),
            severity="warning",
        )
        for part, line in block
        if len(line) > MAX_LINE_LENGTH
    ]
    abroad = country not in LA_POSTE_COUNTRIES
    limit = MAX_LINES + 1 if abroad else MAX_LINES
    if len(block) + 1 > limit:  # one line is the recipient's
        problems.append(
            Problem(
                code="address.line.too_many",
                field=field,
                message=translate(_TOO_MANY, locale, count=len(block) + 1, limit=limit),
                severity="warning",
            )
        )
    return problems


def address_problems(address: Address, *, field: str, locale: str) -> list[Problem]:
    """Return the problems of one postal address; never raises for any text.

    Args:
        address: the address to check.
        field: its path in the record (``"address"``, ``"delivery_addresses[1].address"``);
            the problems' fields are under it (``"address.postal_code"``).
        locale: the language of the messages (``"fr"`` or ``"en"``).

    Returns:
        ``address.country.unknown``, ``address.postal_code.format``,
        ``address.postal_code.required``, ``address.country.monaco``,
        ``address.city.required`` (errors), ``address.line.too_long`` and
        ``address.line.too_many`` (warnings).

    Source: ``domain.md`` (« French postal code: 5 digits. Corsica starts with 20 [...] Monaco
    is 98000 but its country is MC »); NF Z10-011 for the lines; Babel's territory list for
    the country codes.
    """
    country = clean_country(address.country)
    if country and country not in _known_countries():
        return [
            _problem(
                "address.country.unknown",
                f"{field}.country",
                _UNKNOWN_COUNTRY,
                locale,
                country=address.country.strip(),
            )
        ]
    country = country or "FR"  # blank means France, the page's default (see _country)
    problems = _postal_code_problems(address, country=country, field=field, locale=locale)
    if address.postal_code.strip() and not address.city.strip():
        problems.append(_problem("address.city.required", f"{field}.city", _CITY_REQUIRED, locale))
    return problems + _line_problems(address, country=country, field=field, locale=locale)
