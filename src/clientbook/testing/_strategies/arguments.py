"""The checks of the strategies' options: a wrong option raises ``InvalidArgument`` at once.

Hypothesis' API style: options are keyword-only, and a wrong one is an error with a message
that says what is expected, never a strategy that silently generates nothing.
"""

from __future__ import annotations

from hypothesis.errors import InvalidArgument

__all__ = ["check_bool"]


def check_bool(name: str, value: object) -> None:
    """Raise ``InvalidArgument`` unless *value* is a ``bool``."""
    if not isinstance(value, bool):
        raise InvalidArgument(f"{name}={value!r} must be True or False")
