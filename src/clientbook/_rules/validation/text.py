r"""Text that no database can store: a NUL, or half of a UTF-16 surrogate pair.

A web form's JSON may carry ``"\ud800"`` (a lone surrogate: valid JSON, not valid UTF-8), a
pasted cell a NUL; SQLite refuses the first, PostgreSQL both. Every text of the record is checked
here, so that such a value is a :class:`~clientbook.Problem` of its field, the same on every
storage, instead of an error of one database's driver.
"""

from __future__ import annotations

import functools
import operator
import re
from typing import TYPE_CHECKING, Any

import attrs

from clientbook._base.i18n import N_
from clientbook._records.address import Address
from clientbook._records.client import Client
from clientbook._records.contact import Contact
from clientbook._rules.validation.common import problem

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from clientbook._records.problem import Problem

__all__ = ["storable", "unstorable_text_problems"]

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_MESSAGE = N_(
    "This text holds a character that cannot be stored (a NUL, or half of a UTF-16 surrogate "
    "pair, as a damaged copy and paste leaves): type it again."
)


def storable(text: str) -> bool:
    r"""Whether a database can store *text*: it holds no NUL and no lone UTF-16 surrogate.

    >>> storable("Boulangerie Dupont"), storable("Boulangerie\x00Dupont")
    (True, False)
    """
    return _UNSTORABLE.search(text) is None


@functools.cache
def _text_fields(cls: Any) -> tuple[str, ...]:
    """The names of the fields of *cls* that hold text (``str`` or ``str | None``)."""
    return tuple(field.name for field in attrs.fields(cls) if "str" in str(field.type))


def _texts(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """Yield ``(field path, text)`` for every text of a record, its nested values included."""
    prefix = f"{path}." if path else ""
    kind: Any = type(value)
    for name in _text_fields(kind):
        text = getattr(value, name)
        if isinstance(text, str):
            yield f"{prefix}{name}", text


def _all_texts(client: Client) -> Iterator[tuple[str, str]]:
    yield from _texts(client, "")
    for name in ("address", "billing_address"):
        address = getattr(client, name)
        if address is not None:
            yield from _texts(address, name)
    for index, delivery in enumerate(client.delivery_addresses):
        yield from _texts(delivery, f"delivery_addresses[{index}]")
        yield from _texts(delivery.address, f"delivery_addresses[{index}].address")
    for index, contact in enumerate(client.contacts):
        yield from _texts(contact, f"contacts[{index}]")


@functools.cache
def _getter(cls: Any) -> Callable[[Any], tuple[str | None, ...]]:
    """All the text fields of a record of *cls* at once (``operator.attrgetter``: one call)."""
    return operator.attrgetter(*_text_fields(cls))


def _storable(client: Client) -> bool:
    """Whether no text of the record holds a NUL or a surrogate: most records, told at once."""
    texts: list[str | None] = [*_getter(Client)(client)]
    for address in (client.address, client.billing_address):
        if address is not None:
            texts += _getter(Address)(address)
    for delivery in client.delivery_addresses:
        texts.append(delivery.label)
        texts += _getter(Address)(delivery.address)
    for contact in client.contacts:
        texts += _getter(Contact)(contact)
    return storable("".join(filter(None, texts)))


def unstorable_text_problems(client: Client, *, locale: str) -> list[Problem]:
    r"""Every text of the record must be storable: no NUL, no lone UTF-16 surrogate.

    Source: the databases clientbook stores in (SQLite's and PostgreSQL's text is UTF-8
    without NUL); RFC 8259 allows ``\ud800`` in JSON, so a form can send it.
    """
    if _storable(client):
        return []
    return [
        problem("text.unstorable", field, _MESSAGE, locale)
        for field, text in _all_texts(client)
        if not storable(text)
    ]
