"""Client records to plain dicts and JSON, and back, with cattrs.

:func:`make_converter` returns a ready converter; :func:`configure_converter` teaches an
existing cattrs converter (the host's own) clientbook's models. Both give the same rules:

- every model unstructures to JSON-ready data (dicts, lists, ``str``, ``bool``, ``None``) and
  structures back to an equal value: ``structure(unstructure(x)) == x``;
- enums are their values (``"company"``, ``"M."``), a set of roles is a sorted list, dates
  and times are ISO 8601 strings;
- structuring is strict: an unknown key or a value of the wrong type (a number where text is
  expected, ``"false"`` where a boolean is expected) is refused, never coerced.

>>> from clientbook import Address, Client, ClientKind
>>> converter = make_converter()
>>> client = Client(id="c1", kind=ClientKind.COMPANY, name="Boulangerie Martin",
...                 address=Address(postal_code="69003", city="Lyon"))
>>> data = converter.unstructure(client)
>>> data["kind"], data["address"]["city"], data["roles"]
('company', 'Lyon', ['client'])
>>> converter.structure(data, Client) == client
True
>>> converter.structure({**data, "siret": 12345678200010}, Client)
Traceback (most recent call last):
    ...
clientbook.serialization.InvalidData: expected text (str), got int @ $.siret

The converter made by :func:`make_converter` also reads and writes JSON text, and turns
cattrs' nested errors into one :class:`InvalidData` whose ``errors`` name every field path:

>>> text = converter.dumps(client)
>>> converter.loads(text, Client) == client
True
"""

from __future__ import annotations

from clientbook._adapters.serialization import (
    InvalidData,
    configure_converter,
    make_converter,
)

__all__ = [
    "InvalidData",
    "configure_converter",
    "make_converter",
]
