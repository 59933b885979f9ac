"""Checking a whole client record: every problem at once, never an exception for bad data.

:func:`validate_client` runs the record rules on a :class:`~clientbook.Client` and returns
:class:`~clientbook.Problem` values in the order of the record's fields. Each rule is a plain
function whose docstring cites the sentence of the source documents, or the legal or identifier
fact, it enforces. The rules live by concept:

- :mod:`clientbook._rules.validation.identifiers`: the identifiers, their agreement (decided by
  :mod:`clientbook._rules.sirens`), the SIREN a company in France must have, the company fields
  an individual does not carry;
- :mod:`clientbook._rules.validation.contacts`: each contact and the primary contact;
- :mod:`clientbook._rules.validation.fields`: the other fields (required fields, website, the
  host's lists, parent company, accounting account, addresses);
- :mod:`clientbook._rules.validation.client`: :func:`validate_client`, which runs them all.

The address rules themselves live in :mod:`clientbook._rules.postal`, the phone rules in
:mod:`clientbook._rules.phones`, the e-mail rule in :mod:`clientbook._rules.email`.
"""

from __future__ import annotations

from clientbook._rules.validation.client import validate_client

__all__ = ["validate_client"]
