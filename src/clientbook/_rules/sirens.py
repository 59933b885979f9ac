"""The SIRENs a client record carries, and whether they agree: decided here and nowhere else.

A company's SIREN can be read in three of its identifiers: the SIREN itself, the first 9 digits
of a SIRET (the SIREN and a 5-digit NIC), and the last 9 characters of a French VAT number
(``FR``, a 2-character key and the SIREN). The rule, in full:

- the **company's SIREN** is the SIREN typed, when it is valid; when the SIREN is blank, the
  valid SIRET's. A SIREN typed but not valid gives the company no SIREN at all: nothing is
  compared with it (its own error says what is wrong);
- a valid **SIRET** of another SIREN than the company's is a mismatch (``siret.siren_mismatch``);
- so is a valid **French VAT number** that holds another SIREN (``vat.siren_mismatch``);
- a company of **Monaco** carries a French VAT number whose "SIREN" is ``000`` and six digits:
  it holds no SIREN, is compared with nothing, and excuses the company from having a SIREN
  (``siren.required``). A foreign VAT number holds no SIREN either.

Every rule that needs a SIREN asks this module: :func:`~clientbook.validate_client` (the
mismatches, ``siren.required``) and the check's fast path for files of identifiers
(:mod:`clientbook._files.cleanrows`) give it the values they have validated
(:func:`from_valid`), so that each value is validated once; the invoice recipient's SIREN and
the place of a duplicate's warning give it the values as typed (:func:`from_typed`); the
duplicates' keys, the SIRENs a record shares with another, are :func:`carried`.

:func:`from_valid` reads the SIRENs off numbers it is told are valid and compact, by position
(what :func:`clientbook.identifiers.siret.siren` and :func:`clientbook.identifiers.vat.siren`
return, without validating a second time: this runs on every row of a file).

Source: ``domain.md`` (« SIRET: 14 digits = SIREN + 5-digit NIC »; « French VAT: FR +
2-character key + SIREN »; « Monaco companies carry French VAT numbers [...] but they have no
SIREN »).

>>> found = from_typed(siren="", siret="404 833 048 00014", vat_number="FR11123456782")
>>> found.company, found.vat, found.vat_mismatch
('404833048', '123456782', '123456782')
>>> from_typed(siren="", siret="", vat_number="FR 34 000 123 456").monaco
True
"""

from __future__ import annotations

from typing import NamedTuple

from clientbook.identifiers import siren as _siren
from clientbook.identifiers import siret as _siret
from clientbook.identifiers import vat as _vat

__all__ = ["Sirens", "carried", "from_typed", "from_valid"]

_MONACO = "000"  # the "SIREN" of a Monaco company's French VAT number starts so


class Sirens(NamedTuple):
    """The valid SIRENs a record carries, the company's among them, and whether they agree.

    A named tuple rather than an attrs class: one is made for every row of a file checked, and
    a tuple is made several times faster.

    Attributes:
        given: the SIREN typed, compact, when it is valid.
        siret: the SIREN of the valid SIRET.
        vat: the SIREN in the valid French VAT number; ``None`` for a Monaco or foreign number.
        monaco: the VAT number is a valid French VAT number of a company of Monaco.
        company: the company's SIREN: :attr:`given`, or, when the SIREN is blank, :attr:`siret`.
        known: :attr:`company`, or, when the SIREN is blank and the SIRET gives none,
            :attr:`vat`: the SIREN the record can be said to have.
        agree: neither the SIRET nor the VAT number holds another SIREN than the company's.
    """

    given: str | None
    siret: str | None
    vat: str | None
    monaco: bool
    company: str | None
    known: str | None
    agree: bool

    @property
    def siret_mismatch(self) -> str | None:
        """Return the SIRET's SIREN when it is not the company's; ``None`` when they agree."""
        found, company = self.siret, self.company
        return found if found is not None and company is not None and found != company else None

    @property
    def vat_mismatch(self) -> str | None:
        """Return the VAT number's SIREN when it is not the company's; ``None`` when they agree."""
        found, company = self.vat, self.company
        return found if found is not None and company is not None and found != company else None

    @property
    def carried(self) -> tuple[str, ...]:
        """Return every valid SIREN the record carries, each once: given, SIRET's, VAT number's."""
        found: list[str] = []
        for number in (self.given, self.siret, self.vat):
            if number is not None and number not in found:
                found.append(number)
        return tuple(found)


_new = tuple.__new__  # Sirens(...) without the keyword handling of its generated __new__


def from_valid(
    *, siren: str | None, siren_blank: bool, siret: str | None, vat_number: str | None
) -> Sirens:
    """Return the SIRENs of identifiers validated already: each value is validated once.

    Args:
        siren: the SIREN, compact, when it is valid; ``None`` when it is blank or not valid.
        siren_blank: the SIREN is blank: nothing but white space, spaces and dots (a SIREN
            that is not valid is not blank: the company then has no SIREN).
        siret: the SIRET, compact, when it is valid; ``None`` otherwise.
        vat_number: the VAT number, compact, when it is valid; ``None`` otherwise (a foreign
            number may be given or not: it holds no SIREN).

    Returns:
        The SIRENs, the company's, and whether they agree.
    """
    of_siret = None if siret is None else siret[:9]
    inside = None
    monaco = False
    if vat_number is not None and vat_number.startswith("FR"):
        inside = vat_number[4:]
        if inside.startswith(_MONACO):
            inside, monaco = None, True
    if siren is not None:
        agree = (of_siret is None or of_siret == siren) and (inside is None or inside == siren)
        return _new(Sirens, (siren, of_siret, inside, monaco, siren, siren, agree))
    if not siren_blank:  # a SIREN that is not valid: nothing is compared with it
        return _new(Sirens, (None, of_siret, inside, monaco, None, None, True))
    if of_siret is not None:
        agree = inside is None or inside == of_siret
        return _new(Sirens, (None, of_siret, inside, monaco, of_siret, of_siret, agree))
    return _new(Sirens, (None, None, inside, monaco, None, inside, True))


def from_typed(*, siren: str, siret: str, vat_number: str) -> Sirens:
    """Return the SIRENs of identifiers as typed; each is validated here, once.

    Only text of the right length is validated (most records leave some of these fields empty,
    and a validation is slower on text it refuses); a VAT number only when it is French.

    Args:
        siren: the SIREN, as typed.
        siret: the SIRET, as typed.
        vat_number: the VAT number, as typed.

    Returns:
        The SIRENs, the company's, and their mismatches (see :func:`from_valid`).

    Raises:
        TypeError: a value is not a ``str``.
    """
    given = _siren.compact(siren)
    establishment = _siret.compact(siret)
    number = _vat.compact(vat_number)
    valid_siren = len(given) == 9 and _siren.is_valid(given)
    valid_siret = len(establishment) == 14 and _siret.is_valid(establishment)
    french = len(number) == 13 and number.startswith("FR") and _vat.is_valid(number)
    return from_valid(
        siren=given if valid_siren else None,
        siren_blank=not given,
        siret=establishment if valid_siret else None,
        vat_number=number if french else None,
    )


def carried(*, siren: str, siret: str, vat_number: str) -> tuple[str, ...]:
    """Return each valid SIREN a record carries, once: what ``from_typed(...).carried`` gives.

    The duplicates' keys of every record, so it validates less: a SIRET or VAT number whose
    SIREN is carried already is not validated (most records' numbers are of one company).

    Args:
        siren: the SIREN, as typed.
        siret: the SIRET, as typed.
        vat_number: the VAT number, as typed.

    Raises:
        TypeError: a value is not a ``str``.
    """
    found: list[str] = []
    given = _siren.compact(siren)
    if len(given) == 9 and _siren.is_valid(given):
        found.append(given)
    establishment = _siret.compact(siret)
    head = establishment[:9]
    if len(establishment) == 14 and head not in found and _siret.is_valid(establishment):
        found.append(head)
    number = _vat.compact(vat_number)
    inside = number[4:]
    if (
        len(number) == 13
        and number.startswith("FR")
        and not inside.startswith(_MONACO)
        and inside not in found
        and _vat.is_valid(number)
    ):
        found.append(inside)
    return tuple(found)
