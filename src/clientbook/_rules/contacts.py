"""The contacts of a client, and which one is primary.

A client with contacts has exactly one primary contact: a single contact is primary by itself,
and making another contact primary clears the old one.

Sources: ``lab-event_remplir-page-client`` (« Contact Principal : il s'agit du contact principal
associé à la société cliente », « Vous retrouverez également les autres contacts que vous avez
liés à ce client ») and ``jb-manager_creer-contact`` (« contacts associés »: directeur,
secrétariat, commercial).
"""

from __future__ import annotations

import operator

import attrs

from clientbook._base.errors import ClientbookError
from clientbook._base.i18n import N_, translate
from clientbook._records.client import Client
from clientbook._records.contact import Contact

__all__ = [
    "UnknownContact",
    "add_contact",
    "primary_contact",
    "primary_contact_indexes",
    "set_primary_contact",
]


class UnknownContact(ClientbookError, IndexError):
    """No contact of the client is at the position given.

    Attributes:
        index: the position asked for (from 0).
        count: how many contacts the client has.
    """

    __module__ = "clientbook"

    def __init__(self, index: int, count: int) -> None:
        self.index = index
        self.count = count
        super().__init__(self.message("fr"))

    def message(self, locale: str = "fr") -> str:
        """Return the explanation in *locale* (``"fr"`` or ``"en"``)."""
        if self.count == 0:
            return translate(N_("This client has no contact yet."), locale)
        return translate(
            N_("There is no contact at position {index}: this client has {count} contact(s)."),
            locale,
            index=self.index,
            count=self.count,
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_unknown_contact, (self.index, self.count))


def _rebuild_unknown_contact(index: int, count: int) -> UnknownContact:
    # Unpickling goes through this function, found in this module whether or not the class is
    # exported from the top-level package its __module__ names.
    return UnknownContact(index, count)


def primary_contact_indexes(client: Client) -> list[int]:
    """Return the positions of the contacts that stand as primary contact.

    The contacts marked primary; with none marked, a single contact is primary by itself.
    More than one index means the record is wrong (``contact.primary.multiple``).

    Source: ``domain.md`` (« One primary contact per client; a single contact is primary by
    itself »); ``lab-event_remplir-page-client`` (« Contact Principal »).
    """
    return _primary_indexes(client.contacts)


def _primary_indexes(contacts: tuple[Contact, ...]) -> list[int]:
    marked = [index for index, contact in enumerate(contacts) if contact.primary]
    return [0] if not marked and len(contacts) == 1 else marked


def _primary_index(contacts: tuple[Contact, ...]) -> int | None:
    """The first position :func:`primary_contact_indexes` gives, or ``None``."""
    indexes = _primary_indexes(contacts)
    return indexes[0] if indexes else None


def primary_contact(client: Client) -> Contact | None:
    """Return the client's primary contact.

    The contact flagged primary (the first one if, in bad data, several are); a single contact
    is primary by itself. Among several contacts none of which is flagged, none is picked.

    Source: ``lab-event_remplir-page-client``: « Contact Principal : il s'agit du contact
    principal associé à la société cliente. »

    Args:
        client: the record.

    Returns:
        The contact, or ``None``.
    """
    index = _primary_index(client.contacts)
    return None if index is None else client.contacts[index]


def _with_primary(client: Client, contacts: tuple[Contact, ...], index: int | None) -> Client:
    """Return *client* with *contacts*, where only the one at *index* is flagged primary."""
    if index is not None:
        contacts = tuple(
            contact
            if contact.primary == (i == index)
            else attrs.evolve(contact, primary=i == index)
            for i, contact in enumerate(contacts)
        )
    return attrs.evolve(client, contacts=contacts)


def set_primary_contact(client: Client, index: int) -> Client:
    """Return the record with the contact at *index* as its only primary contact.

    Setting another primary contact clears the old one.

    Source: ``lab-event_remplir-page-client`` (one « Contact Principal » per client company).

    Args:
        client: the record.
        index: the position of the contact in :attr:`Client.contacts`, from 0.

    Returns:
        A new record; *client* is unchanged.

    Raises:
        UnknownContact: the client has no contact at *index* (negative positions are refused
            too); it is also an ``IndexError``.
    """
    position = operator.index(index)
    if not 0 <= position < len(client.contacts):
        raise UnknownContact(position, len(client.contacts))
    return _with_primary(client, client.contacts, position)


def add_contact(client: Client, contact: Contact) -> Client:
    """Return the record with *contact* added after the others.

    The first contact becomes primary; a contact added as primary takes over from the old
    primary contact; otherwise the primary contact stays the one it was (now flagged, if it
    was primary only by being alone). Records that had several contacts and no primary one
    keep none: choosing one is the user's decision (:func:`set_primary_contact`).

    Source: ``lab-event_remplir-page-client`` (« Vous retrouverez également les autres contacts
    que vous avez liés à ce client ») and ``jb-manager_creer-contact`` (« contacts associés »).

    Args:
        client: the record.
        contact: the contact to add.

    Returns:
        A new record; *client* is unchanged.
    """
    contacts = (*client.contacts, contact)
    if contact.primary or not client.contacts:
        return _with_primary(client, contacts, len(client.contacts))
    return _with_primary(client, contacts, _primary_index(client.contacts))
