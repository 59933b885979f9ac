"""The checks that refuse a record built from values of the wrong type.

A record built with a number for a text, ``"yes"`` for a flag or ``"societe"`` for a kind is
a programming error, not bad data: the record refuses it at construction (and at
:func:`attrs.evolve`, which builds a new record) with a :class:`TypeError` naming the record,
the field, the value given and what the field accepts. Bad *data* in the right type (a SIRET
that fails its checksum) is never refused here: :func:`clientbook.validate_client` reports it
as a :class:`~clientbook.Problem`.

How, and why so (an import builds or evolves about three clients a client it stores, at about
5,300 clients/s):

- Each record checks its plain fields in its ``__attrs_post_init__``, in one expression of
  exact-type tests (``type(self.name) is str and ...``), and calls :meth:`FieldTypes.refuse`
  only when that fails, to find the field and build the message. A complete ``Client``
  costs about 0.8 µs more to build than without any check (2.5 µs; ``python
  benchmarks/compare_records.py --construction``): 0.3 µs this expression, 0.4 µs the
  converters below. An attrs ``validator=`` on each field (``attrs.validators.instance_of``,
  ``optional``, ``deep_iterable``) added 3.5 µs, one Python call a field; a generic pass over
  the fields in C (``attrgetter``, ``map``, ``all``) added 0.5 µs to an ``Address`` where the
  expression adds 0.1 µs. A subclass (a ``str`` subclass for a text) fails the exact test,
  and :meth:`~FieldTypes.refuse` accepts it.
- The fields that accept more than their type have attrs converters: an enum field takes its
  member or the text of the member's value (``kind="company"``, with :func:`member` and
  :func:`members`), a tuple field any iterable (``contacts=[...]``, with :func:`items`). The
  converters are named functions with typed parameters, so that mypy's attrs plugin types
  ``__init__`` (and :func:`attrs.evolve`) with what they accept; each returns at once a value
  that is already right.

The messages are for programmers, in English like Python's own, and not translated.
"""

from __future__ import annotations

import contextlib
import enum
import reprlib
from collections.abc import Iterable
from typing import TypeVar

__all__ = ["FieldTypes", "items", "member", "members", "refusal"]

E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")

_NONE = type(None)
_SHORT = reprlib.Repr()
_SHORT.maxstring = _SHORT.maxother = 60


def refusal(record: str, field: str, accepted: str, value: object) -> TypeError:
    """Return the error for *value* given to *field* of *record*, which accepts *accepted*.

    >>> refusal("Client", "id", "text (str)", 1)
    TypeError('Client.id must be text (str); got 1 (int)')
    """
    given = f"{_SHORT.repr(value)} ({type(value).__qualname__})"
    return TypeError(f"{record}.{field} must be {accepted}; got {given}")


def _accepted(member_type: type[enum.Enum]) -> str:
    values = ", ".join(repr(each.value) for each in member_type)
    return f"a {member_type.__name__} or the text of its value ({values})"


def member(member_type: type[E], value: object, record: str, field: str) -> E:
    """Return the member of *member_type* that *value* is, or whose value *value* is.

    Raises:
        TypeError: *value* is neither a member nor the text of a member's value.

    >>> from clientbook import ClientKind
    >>> member(ClientKind, "company", "Client", "kind")
    <ClientKind.COMPANY: 'company'>
    >>> member(ClientKind, "societe", "Client", "kind")
    Traceback (most recent call last):
    TypeError: Client.kind must be a ClientKind or the text of its value ('company', \
'individual'); got 'societe' (str)
    """
    if isinstance(value, member_type):
        return value
    if isinstance(value, str):
        try:
            return member_type(value)
        except ValueError:
            pass
    raise refusal(record, field, _accepted(member_type), value)


def members(
    member_type: type[E], value: Iterable[E | str], record: str, field: str
) -> frozenset[E]:
    """Return the set of members that *value*, any iterable, holds or names by their values.

    Raises:
        TypeError: *value* is text or not iterable, or an item is neither a member nor the
            text of a member's value.

    >>> from clientbook import Role
    >>> sorted(role.value for role in members(Role, ["client", Role.SUPPLIER], "Client", "roles"))
    ['client', 'supplier']
    >>> members(Role, "client", "Client", "roles")
    Traceback (most recent call last):
    TypeError: Client.roles must be an iterable of Role or of the texts of their values; got \
'client' (str)
    """
    given: tuple[object, ...] | None = None
    if not isinstance(value, str | bytes):
        with contextlib.suppress(TypeError):
            given = tuple(value)
    if given is None:
        accepted = f"an iterable of {member_type.__name__} or of the texts of their values"
        raise refusal(record, field, accepted, value)
    return frozenset(member(member_type, each, record, f"{field} item") for each in given)


def items(value: Iterable[T], item_type: type[T], record: str, field: str) -> tuple[T, ...]:
    """Return *value*, any iterable of *item_type*, as a tuple.

    Raises:
        TypeError: *value* is not iterable, or an item is not an *item_type*; the message
            names the item by its position (``contacts[1]``).
    """
    if type(value) is not tuple:
        try:
            value = tuple(value)
        except TypeError:
            raise refusal(record, field, f"an iterable of {item_type.__name__}", value) from None
    for item in value:
        if type(item) is not item_type and not isinstance(item, item_type):
            index = next(i for i, each in enumerate(value) if not isinstance(each, item_type))
            raise refusal(record, f"{field}[{index}]", _described(item_type), value[index])
    return value


def _described(accepted: type) -> str:
    if accepted is str:
        return "text (str)"
    if accepted is bool:
        return "True or False (bool)"
    if accepted is int:
        return "a whole number (int)"
    if accepted is _NONE:
        return "None"
    name = accepted.__name__ if accepted.__module__ == "builtins" else accepted.__qualname__
    if accepted.__module__ == "datetime":
        name = f"datetime.{name}"
    return f"{'an' if name[0] in 'AEIOU' else 'a'} {name}"


class FieldTypes:
    """The types the plain fields of a record accept, to name the field at fault.

    A record checks its fields itself, in one expression of exact-type tests
    (``type(self.name) is str and ...``), the fastest check there is; only when that fails
    does it call :meth:`refuse`, which finds the field and builds the message.

    Args:
        record: the record's name in messages (``"Client"``).
        fields: each field's accepted types; ``None`` accepts ``None``. A subclass of an
            accepted type is accepted (a ``str`` subclass for a text), but a ``bool`` is not
            an ``int``.

    >>> checks = FieldTypes("Contact", first_name=(str,), primary=(bool,))
    >>> class Person:
    ...     first_name = "Hélène"
    ...     primary = 1
    >>> checks.refuse(Person())
    Traceback (most recent call last):
    TypeError: Contact.primary must be True or False (bool); got 1 (int)
    """

    def __init__(self, record: str, **fields: tuple[type | None, ...]) -> None:
        self._record = record
        self._fields = {
            name: tuple(_NONE if each is None else each for each in types)
            for name, types in fields.items()
        }

    def refuse(self, record: object) -> None:
        """Raise for the first field of *record* whose value is of a type not accepted.

        Returns only when every value is of an accepted type or a subclass of one.

        Raises:
            TypeError: a field holds a value of another type; the message names the field.
        """
        for name, types in self._fields.items():
            value = getattr(record, name)
            if isinstance(value, types) and not (isinstance(value, bool) and bool not in types):
                continue
            accepted = " or ".join(_described(each) for each in types)
            raise refusal(self._record, name, accepted, value)
