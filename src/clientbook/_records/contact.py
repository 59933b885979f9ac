"""Contact persons of a client (« contact principal », « contacts associés »)."""

from __future__ import annotations

import enum

import attrs

from clientbook._records.checks import FieldTypes, member

__all__ = ["Civility", "Contact"]


class Civility(enum.Enum):
    """« Civilité »: Monsieur or Madame, the two the source pages offer."""

    MR = "M."
    MRS = "Mme"


def _civility(value: Civility | str | None) -> Civility | None:
    """``Contact.civility``: a :class:`Civility`, the text of its value (``"Mme"``) or ``None``."""
    if value is None or type(value) is Civility:
        return value
    return member(Civility, value, "Contact", "civility")


@attrs.frozen(kw_only=True)
class Contact:
    """A person at a client: the primary contact or an associated one.

    Source: ``lab-event_remplir-page-client`` (« Contact Principal »: civilité, prénom, nom,
    email, poste occupé, téléphone direct, portable, téléphone standard, source) and
    ``jb-manager_creer-contact`` (« contacts associés »: directeur, secrétariat, commercial).

    Like :class:`Client`, a contact refuses a value of the wrong type with a
    :class:`TypeError` naming the field; ``civility`` takes a :class:`Civility` or the text of
    its value (``"Mme"``).

    Attributes:
        primary: the primary contact; a client has exactly one when it has any (a single
            contact is primary by itself: see :func:`primary_contact`).
    """

    civility: Civility | None = attrs.field(default=None, converter=_civility)
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    position: str = ""
    direct_phone: str = ""
    mobile_phone: str = ""
    switchboard_phone: str = ""
    source: str = ""
    primary: bool = False

    def __attrs_post_init__(self) -> None:
        if not (
            type(self.first_name) is str
            and type(self.last_name) is str
            and type(self.email) is str
            and type(self.position) is str
            and type(self.direct_phone) is str
            and type(self.mobile_phone) is str
            and type(self.switchboard_phone) is str
            and type(self.source) is str
            and type(self.primary) is bool
        ):
            _CONTACT.refuse(self)

    @property
    def full_name(self) -> str:
        """Return the first and last name as people read them, such as ``"Claire Dubois"``."""
        return " ".join(part for part in (self.first_name.strip(), self.last_name.strip()) if part)


_TEXT = (str,)
_CONTACT = FieldTypes(
    "Contact",
    first_name=_TEXT,
    last_name=_TEXT,
    email=_TEXT,
    position=_TEXT,
    direct_phone=_TEXT,
    mobile_phone=_TEXT,
    switchboard_phone=_TEXT,
    source=_TEXT,
    primary=(bool,),
)
