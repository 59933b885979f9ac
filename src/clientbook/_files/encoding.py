"""The encoding of a client file.

Offices' files come in UTF-8 (with or without BOM), in Windows-1252 (what Excel FR writes as
*CSV (séparateur : point-virgule)*) or in UTF-16 with its BOM (Excel's *Texte Unicode*); and
sometimes in two of them, when rows pasted from another tool keep their encoding.

:func:`sniff_encoding` reads the bytes once, in chunks, without keeping them: a file that starts
with a UTF-16 byte-order mark is UTF-16; otherwise each character that is not ASCII is either
valid UTF-8, or a byte that is not (a Windows-1252 character, or one that Windows-1252 does
not define either). The file is UTF-8 when its valid UTF-8 characters are at least as many as
its Windows-1252 ones (or when it starts with the UTF-8 BOM), Windows-1252 otherwise. A line
with accents in valid UTF-8 is almost never Windows-1252 text, and a Windows-1252 line with
accents is almost never valid UTF-8: so :mod:`clientbook._files.lines` reads each line in the
encoding it is in, and a line in the other encoding than the file's in its own with a warning
(``row.encoding``), never garbled.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import BinaryIO, Final

import attrs

from clientbook._base.i18n import N_
from clientbook._files.errors import ClientFileError

__all__ = ["CHUNK", "NAMES", "FileEncoding", "sniff_encoding"]

#: The encodings' names for people, by Python's name.
NAMES: Final = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8",
    "cp1252": "Windows-1252",
    "utf-16": "UTF-16",
}

CHUNK: Final = 1 << 20  # bytes read at a time to find the encoding

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_WORKBOOKS = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")  # .xlsx (a zip), .xls (OLE2)
# The bytes Windows-1252 leaves undefined.
_UNDEFINED_IN_CP1252 = b"\x81\x8d\x8f\x90\x9d"
# A surrogate encoded in UTF-8: not valid UTF-8, but written by a UTF-8 writer all the same.
_ENCODED_SURROGATE = re.compile(rb"\xed[\xa0-\xbf][\x80-\xbf]")


@attrs.frozen(kw_only=True)
class FileEncoding:
    """The encoding of a client file, as :func:`sniff_encoding` decided it.

    Attributes:
        name: Python's name of the encoding: ``utf-8``, ``utf-8-sig`` (with BOM), ``cp1252``
            or ``utf-16``.
        line_count: the number of lines in the file, to show progress.
        mixed: whether some lines are in the other encoding (Windows-1252 lines in a UTF-8
            file, UTF-8 lines in a Windows-1252 file).
    """

    name: str
    line_count: int
    mixed: bool = False


def sniff_encoding(file: BinaryIO, path: Path) -> FileEncoding:
    """Return the encoding of *file*, read from its start in chunks, and its number of lines.

    Raises:
        ClientFileError: the file is empty, a spreadsheet workbook, binary (NUL bytes), or has
            no line that UTF-8 or Windows-1252 reads.
    """
    head = file.read(CHUNK)
    if _is_blank(head):
        raise ClientFileError("file.empty", N_("The file {path} is empty."), path=path)
    if head.startswith(_UTF16_BOMS):
        return FileEncoding(name="utf-16", line_count=_utf16_line_count(file, head, path))
    if head.startswith(_WORKBOOKS):
        raise ClientFileError(
            "file.workbook",
            N_(
                "{path} is a spreadsheet workbook, not a CSV file: open it and save it as CSV "
                "(semicolon-separated) first."
            ),
            path=path,
        )
    lines, valid, cp1252, undecodable = _eight_bit_counts(file, head, path)
    if not valid and not cp1252 and undecodable:
        raise ClientFileError(
            "file.encoding",
            N_("{path} is neither UTF-8 nor Windows-1252 text: save it again as CSV UTF-8."),
            path=path,
        )
    mixed = bool(valid and cp1252)
    if head.startswith(codecs.BOM_UTF8):
        return FileEncoding(name="utf-8-sig", line_count=lines, mixed=mixed)
    if valid >= cp1252:
        return FileEncoding(name="utf-8", line_count=lines, mixed=mixed)
    return FileEncoding(name="cp1252", line_count=lines, mixed=mixed)


def _eight_bit_counts(file: BinaryIO, head: bytes, path: Path) -> tuple[int, int, int, int]:
    """Read *file* after *head*, in chunks, as UTF-8; count what is not ASCII.

    Returns:
        The number of lines, then of characters that are not ASCII: valid UTF-8, bytes that
        are not (Windows-1252 characters), bytes that Windows-1252 does not read either.

    Raises:
        ClientFileError: the file holds NUL bytes: it is not text.
    """
    decoder = codecs.getincrementaldecoder("utf-8")("surrogateescape")
    lines = valid = escaped = undecodable = 0
    chunk = head
    while True:
        if b"\x00" in chunk:
            raise _binary(path)
        lines += chunk.count(b"\n")
        pending = len(decoder.getstate()[0])
        text = decoder.decode(chunk, final=not chunk)
        if not text.isascii():
            # a byte that is not UTF-8 is kept as an escape, which encoding with "ignore" drops
            read = pending + len(chunk) - len(decoder.getstate()[0])
            escapes = read - len(text.encode("utf-8", "ignore"))
            valid += len(text) - len(text.encode("ascii", "ignore")) - escapes
            escaped += escapes
            if escapes:
                undecodable += len(chunk) - len(chunk.translate(None, _UNDEFINED_IN_CP1252))
            if escapes and b"\xed" in chunk:  # UTF-8 but for a lone surrogate: its row says so
                surrogates = len(_ENCODED_SURROGATE.findall(chunk))
                valid, escaped = valid + surrogates, escaped - 3 * surrogates
        if not chunk:
            return lines + 1, valid, max(escaped - undecodable, 0), undecodable
        chunk = file.read(CHUNK)


def _is_blank(head: bytes) -> bool:
    """Return whether the start of a file holds nothing but a byte-order mark and white space."""
    if head.startswith(_UTF16_BOMS):
        head = head[2:].replace(b"\x00", b"")
    return not head.removeprefix(codecs.BOM_UTF8).strip()


def _binary(path: Path) -> ClientFileError:
    return ClientFileError(
        "file.binary",
        N_("{path} is not a text file: export the client list as CSV."),
        path=path,
    )


def _utf16_line_count(file: BinaryIO, head: bytes, path: Path) -> int:
    """Decode the rest of a UTF-16 *file* after *head* in chunks; return its number of lines.

    Lone surrogates and a last character cut short are let through: the rows that hold them
    are reported when they are read.

    Raises:
        ClientFileError: the file holds NUL characters: it is not text.
    """
    decoder = codecs.getincrementaldecoder("utf-16")("surrogatepass")
    lines = 0
    chunk = head
    while chunk:
        text = decoder.decode(chunk)
        if "\x00" in text:
            raise _binary(path)
        lines += text.count("\n")
        chunk = file.read(CHUNK)
    return lines + 1
