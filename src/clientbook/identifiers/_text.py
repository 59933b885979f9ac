"""Shared helpers of the identifier modules: type check, separators, Luhn."""

from __future__ import annotations

import functools

__all__ = ["SPACES", "delete_chars", "is_ascii_digits", "luhn_ok", "require_text", "text_of"]

#: Spaces people and spreadsheets put in numbers: ASCII, no-break, thin and narrow no-break
#: (French typography groups digits with U+202F), ideographic.
SPACES = (
    " \u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)

# Luhn: digits in odd places from the right are added as they are, the others doubled and
# their digits added (2 x 7 = 14 counts 1 + 4 = 5). Translating bytes through these tables and
# summing them runs in C; it is the fastest pure-Python Luhn measured (docs/performance.md).
_DOUBLED = bytes.maketrans(b"0123456789", bytes([0, 2, 4, 6, 8, 1, 3, 5, 7, 9]))
_PLAIN = bytes.maketrans(b"0123456789", bytes(range(10)))


def require_text(number: object, what: str) -> str:
    """Return *number* if it is a ``str``; raise ``TypeError`` otherwise."""
    if isinstance(number, str):
        return number
    raise TypeError(
        f"pass the {what} as text (str), not {type(number).__name__}: a number read from a "
        "spreadsheet as a number has lost its leading zeros, so read that column as text"
    )


def text_of(number: object, what: str) -> str:
    """Return *number* as text, full-width and mathematical digits and letters made ASCII.

    ``１２３`` (typed with an East Asian input method) and ``𝟏𝟐𝟑`` read as ``123``, ``．`` and
    ``－`` as ``.`` and ``-``, as python-stdnum reads them. Arabic-Indic digits are other
    digits, not look-alikes: they stay, and are refused later.

    Raises:
        TypeError: *number* is not a ``str``.
    """
    text = require_text(number, what)
    return text if text.isascii() else text.translate(_look_alikes())


@functools.cache
def _look_alikes() -> dict[int, int]:
    """Full-width forms (U+FF01 to U+FF5E) and mathematical digits (U+1D7CE to U+1D7FF)."""
    table = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
    table.update({code: ord("0") + (code - 0x1D7CE) % 10 for code in range(0x1D7CE, 0x1D800)})
    return table


def delete_chars(chars: str) -> dict[int, None]:
    """Return a ``str.translate`` table that deletes *chars*."""
    return dict.fromkeys(map(ord, chars))


def is_ascii_digits(text: str) -> bool:
    """Return whether *text* is made of ASCII digits only (``str.isdigit`` accepts ``'٣'``)."""
    return text.isascii() and text.isdigit()


def luhn_ok(digits: str) -> bool:
    """Return whether a string of ASCII digits passes the Luhn check."""
    data = digits.encode("ascii")
    return (sum(data[-1::-2].translate(_PLAIN)) + sum(data[-2::-2].translate(_DOUBLED))) % 10 == 0
