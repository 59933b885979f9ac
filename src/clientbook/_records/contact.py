"""Contact persons of a client (« contact principal », « contacts associés »)."""

from __future__ import annotations

import enum

import attrs

__all__ = ["Civility", "Contact"]


class Civility(enum.Enum):
    """« Civilité »: Monsieur or Madame, the two the source pages offer."""

    MR = "M."
    MRS = "Mme"


@attrs.frozen(kw_only=True)
class Contact:
    """A person at a client: the primary contact or an associated one.

    Source: ``lab-event_remplir-page-client`` (« Contact Principal »: civilité, prénom, nom,
    email, poste occupé, téléphone direct, portable, téléphone standard, source) and
    ``jb-manager_creer-contact`` (« contacts associés »: directeur, secrétariat, commercial).

    Attributes:
        primary: the primary contact; a client has exactly one when it has any (a single
            contact is primary by itself: see :func:`primary_contact`).
    """

    civility: Civility | None = None
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    position: str = ""
    direct_phone: str = ""
    mobile_phone: str = ""
    switchboard_phone: str = ""
    source: str = ""
    primary: bool = False

    @property
    def full_name(self) -> str:
        """Return the first and last name as people read them, such as ``"Claire Dubois"``."""
        return " ".join(part for part in (self.first_name.strip(), self.last_name.strip()) if part)
