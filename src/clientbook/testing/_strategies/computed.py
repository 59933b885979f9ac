"""Values computed from drawn ones, which a failing test's report shows as values.

``st.builds(helper, ...)`` and ``strategy.map(helper)`` record how each value was built, and
Hypothesis may print a failing example as that call: ``_regular_siret('000000018', 0)``, with
"or any other generated value" beside the arguments that did not matter. A user whose property
fails would read the names of our private helpers instead of the number. :func:`computed`
draws the arguments and calls the helper itself, so the report shows the value:
``'00100000900009'``. Every strategy here builds its values with it, or with ``st.builds`` of a
public class (``Client``, ``Address``...), whose call is worth reading.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from hypothesis import strategies as st

__all__ = ["computed"]

T = TypeVar("T")


@st.composite
def computed(
    draw: st.DrawFn, function: Callable[..., T], /, *arguments: st.SearchStrategy[Any]
) -> T:
    """Return a strategy of ``function(*drawn)``, one value drawn from each of *arguments*."""
    return function(*(draw(argument) for argument in arguments))
