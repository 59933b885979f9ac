"""The check-digit arithmetic that the builders of valid numbers share.

Each function returns the digits that make a body pass its check, so that the strategies
compute valid numbers instead of filtering random ones.
"""

from __future__ import annotations

__all__ = ["luhn_sum", "mod_11", "mod_11_10", "weighted", "with_luhn"]


def luhn_sum(digits: str) -> int:
    """Return the Luhn sum of *digits* (the last one not doubled), modulo 10."""
    total = 0
    for place, char in enumerate(reversed(digits)):
        value = int(char) * (2 if place % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10


def with_luhn(body: str) -> str:
    """Return *body* followed by the digit that makes the whole pass the Luhn check."""
    return body + str(-luhn_sum(body + "0") % 10)


def weighted(digits: str, weights: tuple[int, ...]) -> int:
    """Return the sum of *digits* multiplied by *weights*, place by place."""
    return sum(weight * int(char) for weight, char in zip(weights, digits, strict=True))


def mod_11_10(body: str) -> str:
    """Return *body* and its ISO 7064 MOD 11,10 check digit (Germany, Croatia)."""
    check = 5
    for char in body:
        check = ((check or 10) * 2 % 11 + int(char)) % 10
    return body + str((1 - (check or 10) * 2 % 11) % 10)


def mod_11(body: str, weights: tuple[int, ...], *, complement: bool = True) -> str:
    """Return *body* and the digit that makes the weighted sum a multiple of 11, or ``""``."""
    total = weighted(body, weights)
    digit = -total % 11 if complement else total % 11
    return "" if digit == 10 else body + str(digit)
