"""The client's accounting account (« compte comptable »), suggested from its name.

Client accounts are auxiliary accounts of 411 in the French chart of accounts (suppliers': 401):
``411DURAND`` or ``411000123``. Common accounting software limits the code to 17 characters,
letters and digits only, so the suggestion keeps to that: capitals, no accents, no spaces.

Source: ``lab-event_remplir-page-client`` (« Compte comptable : correspondant à la société
cliente »); the chart of accounts (Plan comptable général, account 411 « Clients »).

>>> from clientbook import Client, ClientKind
>>> client = Client(id="c1", kind=ClientKind.COMPANY, name="Boulangerie Martin")
>>> suggest_accounting_account(client, existing=[])
'411BOULANGERIEMAR'
>>> suggest_accounting_account(client, existing=["411boulangeriemar"])
'411BOULANGERIEMA1'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from clientbook._records.client import ClientKind
from clientbook._rules.search import search_key

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from clientbook._records.client import Client

__all__ = ["suggest_accounting_account"]

# The longest account code common accounting software accepts.
_LENGTH = 17
# Digits of the number given to a client without a usable name: 411000001.
_NUMBER_WIDTH = 6


def _letters_and_digits(text: str) -> str:
    """Return the ASCII letters and digits of *text*, accents dropped, in capitals."""
    return "".join(char for char in search_key(text) if char.isascii() and char.isalnum()).upper()


def _name_part(client: Client) -> str:
    """Return the letters and digits of the client's name, for the account code.

    A company's name, an individual's last name then first name; the other fields when those
    are empty.
    """
    company = _letters_and_digits(client.name)
    person = _letters_and_digits(client.last_name) + _letters_and_digits(client.first_name)
    if client.kind is ClientKind.COMPANY:
        return company or person
    return person or company


def _check_prefix(prefix: str) -> str:
    if not isinstance(prefix, str):
        raise TypeError(f"prefix must be a str such as '411', not {type(prefix).__name__}")
    if not (prefix == "" or (prefix.isascii() and prefix.isalnum())):
        raise ValueError(f"an account prefix has letters and digits only, not {prefix!r}")
    if len(prefix) >= _LENGTH:
        raise ValueError(
            f"an account prefix must leave room for the client in {_LENGTH} characters, "
            f"{prefix!r} has {len(prefix)}"
        )
    return prefix.upper()


def _candidates(prefix: str, name: str) -> Iterator[str]:
    """Yield the codes to try, in order: the name, then the name and a number; or numbers."""
    room = _LENGTH - len(prefix)
    if name:
        yield prefix + name[:room]
        for number in range(1, 10**room):
            suffix = str(number)
            yield prefix + name[: room - len(suffix)] + suffix
    else:
        width = min(_NUMBER_WIDTH, room)
        for number in range(1, 10**room):
            yield prefix + str(number).zfill(width)


def suggest_accounting_account(
    client: Client, existing: Iterable[str], *, prefix: str = "411"
) -> str:
    """Return an accounting account code for *client* that no other client has yet.

    The code is *prefix* followed by the client's name: a company's name, an individual's last
    name then first name, in capitals, letters and digits only, cut to 17 characters
    (``411DURAND``, ``411DURANDCLAIRE``). When that code is taken, a number is added, the name
    being shortened to make room (``411DURAND1``, ``411DURAND2``...). A record without a usable
    name gets *prefix* and a number (``411000001``).

    Source: ``lab-event_remplir-page-client`` (« Compte comptable »); the French chart of
    accounts (411, auxiliary accounts per client) and the 17-character limit of common
    accounting software.

    Args:
        client: the record.
        existing: the codes already given, compared without regard to case or surrounding
            spaces.
        prefix: the start of every code: ``"411"`` for clients, ``"401"`` for suppliers;
            letters and digits, at most 16 of them.

    Returns:
        A code of at most 17 capitals and digits, not in *existing*.

    Raises:
        ValueError: *prefix* is not letters and digits, or leaves no room; or every code the
            prefix leaves room for is taken (only possible with a very long prefix).
    """
    prefix = _check_prefix(prefix)
    taken = {code.strip().casefold() for code in existing}
    for candidate in _candidates(prefix, _name_part(client)):
        if candidate.casefold() not in taken:
            return candidate
    raise ValueError(f"every account code starting with {prefix!r} is taken: use a shorter prefix")
