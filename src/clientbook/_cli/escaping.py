r"""How text from a file is printed for people: what a terminal would obey is shown, not obeyed.

:func:`printable` is the one function that every text printed for people goes through (the
tables, the lines around them, the progress bar, the messages on stderr, argparse's usage
errors): the control characters of a file's cells, headers or name are shown (``\x1b``,
``\u202e``, a line break as ``↵``), never obeyed by a terminal. The JSON output does not use
it: ``json`` escapes the C0 controls itself, and a program reads it.
"""

from __future__ import annotations

import re

__all__ = ["printable"]

#: What a terminal would obey or what disguises text, in a file's cells, headers or name:
#: the C0 and C1 control characters and DEL (Unicode category Cc), the format characters (Cf:
#: the bidirectional controls U+202A-U+202E and U+2066-U+2069, the marks U+200E and U+200F,
#: the zero-width characters, the soft hyphen...), the line and paragraph separators (Zl, Zp)
#: and lone surrogates (Cs). A test checks the list against the Unicode data of Python.
_HIDDEN = re.compile(
    r"[\x00-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    r"\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ud800-\udfff\ufeff\ufff9-\ufffb"
    r"\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    r"\U000e0001\U000e0020-\U000e007f]"
)
#: Line breaks: a line feed, a carriage return, both, NEL, the line and paragraph separators.
_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


def printable(text: str) -> str:
    r"""Return *text* as it is printed for people: what a terminal would obey shown, not obeyed.

    A line break becomes ``↵``, a tab ``\t``; every other control or format character
    becomes its escape: ``\x1b`` (ESC, that starts the sequences that clear a screen, colour
    text, set a window's title or make a link), ``\x07`` (BEL), ``\u202e`` (that shows the
    text after it right to left), ``\ud800`` (a lone surrogate). The rest is left as it is.

    >>> printable("Boulangerie Martin")
    'Boulangerie Martin'
    >>> print(printable("Martin\x1b[2J\x07 SARL\u202e\r\n12 rue de la Paix"))
    Martin\x1b[2J\x07 SARL\u202e↵12 rue de la Paix
    """
    if _HIDDEN.search(text) is None:
        return text
    return _HIDDEN.sub(_escape, _LINE_BREAK.sub("↵", text))


def _escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    if code == 0x09:
        return "\\t"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
