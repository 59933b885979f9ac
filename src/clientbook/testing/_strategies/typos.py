"""The mistakes people make when they type or paste a number, for the near-miss strategies.

Each strategy here takes a strategy of valid numbers and makes one mistake in a number drawn
from it: one digit changed, two adjacent digits swapped, a digit missing or one too many, a
letter instead of a digit.
"""

from __future__ import annotations

import string

from hypothesis import assume
from hypothesis import strategies as st

__all__ = [
    "DIGITS",
    "adjacent_digits_swapped",
    "letter_instead_of_digit",
    "one_digit_changed",
    "wrong_length",
]

DIGITS = "0123456789"
# Letters people type for digits (O for 0, l and I for 1...) first, then the whole alphabet.
_LETTERS = "OIlSBZ" + string.ascii_uppercase


@st.composite
def one_digit_changed(draw: st.DrawFn, numbers: st.SearchStrategy[str]) -> str:
    """A number of *numbers* with one of its digits replaced by another."""
    number = draw(numbers)
    place = draw(st.sampled_from([i for i, char in enumerate(number) if char.isdigit()]))
    digit = draw(st.sampled_from(DIGITS.replace(number[place], "")))
    return number[:place] + digit + number[place + 1 :]


def _detectable_swap(first: str, second: str) -> bool:
    # Luhn misses exactly one adjacent swap: 09 and 90.
    return first != second and {first, second} != {"0", "9"}


@st.composite
def adjacent_digits_swapped(
    draw: st.DrawFn, numbers: st.SearchStrategy[str], *, luhn: bool = False
) -> str:
    """A number of *numbers* with two different adjacent digits swapped.

    With *luhn*, never the one swap the Luhn check cannot see (``09`` and ``90``).
    """
    number = draw(numbers)
    places = [
        i
        for i in range(len(number) - 1)
        if number[i].isdigit()
        and number[i + 1].isdigit()
        and (_detectable_swap(number[i], number[i + 1]) if luhn else number[i] != number[i + 1])
    ]
    assume(places)
    i = draw(st.sampled_from(places))
    return number[:i] + number[i + 1] + number[i] + number[i + 2 :]


@st.composite
def wrong_length(draw: st.DrawFn, numbers: st.SearchStrategy[str], *, start: int = 0) -> str:
    """A digit missing or one too many, after the first *start* characters (the prefix)."""
    number = draw(numbers)
    place = draw(st.integers(start, len(number) - 1))
    if draw(st.booleans()):
        return number[:place] + number[place + 1 :]
    return number[:place] + draw(st.sampled_from(DIGITS)) + number[place:]


@st.composite
def letter_instead_of_digit(draw: st.DrawFn, numbers: st.SearchStrategy[str]) -> str:
    """A number of *numbers* with a letter in the place of one of its digits."""
    number = draw(numbers)
    place = draw(st.sampled_from([i for i, char in enumerate(number) if char.isdigit()]))
    return number[:place] + draw(st.sampled_from(_LETTERS)) + number[place + 1 :]
