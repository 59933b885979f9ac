"""The encoding of a client file, and its lines decoded one at a time.

Offices' files come in UTF-8 (with or without BOM), in Windows-1252 (what Excel FR writes as
*CSV (séparateur : point-virgule)*) or in UTF-16 with its BOM (Excel's *Texte Unicode*); and
sometimes in two of them, when rows pasted from another tool keep their encoding.

:func:`sniff_encoding` reads the bytes once, in chunks, without keeping them: a file that starts
with a UTF-16 byte-order mark is UTF-16; otherwise each character that is not ASCII is either
valid UTF-8, or a byte that is not (a Windows-1252 character, or one that Windows-1252 does
not define either). The file is UTF-8 when its valid UTF-8 characters are at least as many as
its Windows-1252 ones (or when it starts with the UTF-8 BOM), Windows-1252 otherwise. A line
with accents in valid UTF-8 is almost never Windows-1252 text, and a Windows-1252 line with
accents is almost never valid UTF-8: so each line is read in the encoding it is in, and a line
in the other encoding than the file's is read in its own with a warning (``row.encoding``),
never garbled.

:func:`decoded_lines` then yields each line of the file, line break included, as text; a line
that is not plain text in the file's encoding comes as an :class:`OddLine` that says what is
wrong with it: read in the other encoding (a warning), characters that no encoding reads (a
lone UTF-16 surrogate, bytes neither UTF-8 nor Windows-1252, a character cut by the end of the
file), or too long to be a row (its bytes are dropped as they are read, never kept).
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Final, Literal

import attrs

from clientbook._base.i18n import N_
from clientbook._files.errors import ClientFileError

__all__ = ["NAMES", "FileEncoding", "OddLine", "decoded_lines", "sniff_encoding", "split_lines"]

#: The encodings' names for people, by Python's name.
NAMES: Final = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8",
    "cp1252": "Windows-1252",
    "utf-16": "UTF-16",
}

CHUNK: Final = 1 << 20  # bytes read at a time to find the encoding
_LINES_CHUNK: Final = 1 << 18  # bytes read at a time to cut the lines (StringIO takes 4 times)

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_WORKBOOKS = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")  # .xlsx (a zip), .xls (OLE2)
# The bytes Windows-1252 leaves undefined.
_UNDEFINED_IN_CP1252 = b"\x81\x8d\x8f\x90\x9d"
_SURROGATE = re.compile("[\ud800-\udfff]")
# Bytes that are not valid in the file's encoding, as decoding with "surrogateescape" keeps them.
_ESCAPED = re.compile("[\udc80-\udcff]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# A surrogate encoded in UTF-8: not valid UTF-8, but written by a UTF-8 writer all the same.
_ENCODED_SURROGATE = re.compile(rb"\xed[\xa0-\xbf][\x80-\xbf]")

_OTHER_ENCODING = N_(
    "This row is not in {encoding} like the rest of the file: it was read as {used}. Check its "
    "accented letters."
)
_NEITHER = N_(
    "This row holds bytes that are neither UTF-8 nor Windows-1252 text: it is not read. Save the "
    "file again as CSV UTF-8."
)
_SURROGATE_HALF = N_(
    "This row holds half of a character (a lone UTF-16 surrogate), which no text can hold: it "
    "is not read. Type its text again."
)
_CUT_SHORT = N_(
    "The file ends in the middle of a character: it was cut short, and this row is not read. "
    "Export the file again."
)
_TOO_LONG = N_(
    "This row holds more than {limit} characters: it is not read. A client's row holds a few "
    "hundred: check how the file was exported."
)


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


@attrs.frozen(kw_only=True)
class OddLine:
    """A line of the file that is not plain text in the file's encoding.

    Attributes:
        text: the line as read, line break included (in the other encoding; with its
            undecodable bytes replaced, to follow its quotes); ``None`` when the line was too
            long to be kept.
        code: the problem's code (``row.encoding``, ``row.undecodable``, ``row.truncated``,
            ``row.too_long``).
        severity: ``"warning"`` when the line is read, ``"error"`` when its row cannot be.
        template: the message id of the explanation.
        params: the values the explanation refers to.
    """

    text: str | None
    code: str
    severity: Literal["error", "warning"]
    template: str
    params: tuple[tuple[str, object], ...] = ()


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


def decoded_lines(
    file: BinaryIO, encoding: FileEncoding, *, row_characters: int
) -> Iterator[str | OddLine]:
    """Yield the lines of *file*, read from its start, decoded, each with its line break.

    The file is decoded a chunk at a time; bytes that are not valid in its encoding are kept
    as escapes (``surrogateescape``) so that their line, and that line only, is read again in
    the other encoding, or reported.

    Args:
        file: the client file, opened in binary mode at its start.
        encoding: its encoding, from :func:`sniff_encoding`.
        row_characters: the most characters a line may hold; a longer one comes as an
            :class:`OddLine` without text (``row.too_long``), dropped as it is read.

    Yields:
        Each line as text; an :class:`OddLine` for a line that is not plain text in the
        file's encoding, or too long.
    """
    too_long = _too_long(row_characters)
    if encoding.name == "utf-16":
        yield from _utf16_lines(file, row_characters, too_long)
        return
    codec = "cp1252" if encoding.name == "cp1252" else "utf-8"
    decoder = codecs.getincrementaldecoder(codec)("surrogateescape")
    escaped = False  # whether a chunk read so far had bytes that are not valid

    def texts() -> Iterator[str]:
        nonlocal escaped
        final = False
        while not final:
            chunk = file.read(_LINES_CHUNK)
            final = not chunk
            text = decoder.decode(chunk, final=final)
            escaped = escaped or _ESCAPED.search(text) is not None
            yield text

    if encoding.name == "utf-8-sig":
        file.read(len(codecs.BOM_UTF8))
    probe = codec == "cp1252" and encoding.mixed  # some lines are UTF-8
    for line in split_lines(texts(), row_characters):
        if line is None:
            yield too_long
        elif escaped and _ESCAPED.search(line) is not None:
            yield _not_in(line.encode(codec, "surrogateescape"), codec)
        elif probe and not line.isascii():
            yield _maybe_utf8(line)
        else:
            yield line


def _too_long(row_characters: int) -> OddLine:
    return OddLine(
        text=None,
        code="row.too_long",
        severity="error",
        template=_TOO_LONG,
        params=(("limit", row_characters),),
    )


def _not_in(line: bytes, codec: str) -> OddLine:
    """Return what a line that is not valid in the file's *codec* is."""
    if codec == "utf-8":
        try:
            text = line.decode("utf-8", "surrogatepass")
        except UnicodeDecodeError:
            pass
        else:  # valid but for encoded surrogates, which no text may hold
            return OddLine(
                text=text, code="row.undecodable", severity="error", template=_SURROGATE_HALF
            )
    other = "utf-8" if codec == "cp1252" else "cp1252"
    try:
        return _other_encoding(line.decode(other), codec, other)
    except UnicodeDecodeError:
        return OddLine(
            text=line.decode("cp1252", "replace"),  # its quotes and delimiters, to follow them
            code="row.undecodable",
            severity="error",
            template=_NEITHER,
        )


def _maybe_utf8(line: str) -> str | OddLine:
    """Return a line with accents of a Windows-1252 file that has UTF-8 lines, read right."""
    data = line.encode("cp1252")
    try:
        return _other_encoding(data.decode("utf-8"), "cp1252", "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return line
    return OddLine(text=text, code="row.undecodable", severity="error", template=_SURROGATE_HALF)


def _other_encoding(text: str, encoding: str, used: str) -> OddLine:
    return OddLine(
        text=text,
        code="row.encoding",
        severity="warning",
        template=_OTHER_ENCODING,
        params=(("encoding", NAMES[encoding]), ("used", NAMES[used])),
    )


def _utf16_lines(file: BinaryIO, row_characters: int, too_long: OddLine) -> Iterator[str | OddLine]:
    """Yield the lines of a UTF-16 file, decoded; lone surrogates and a cut end as odd lines."""
    decoder = codecs.getincrementaldecoder("utf-16")("surrogatepass")
    cut_short = False

    def texts() -> Iterator[str]:
        nonlocal cut_short
        while chunk := file.read(_LINES_CHUNK):
            yield decoder.decode(chunk)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            cut_short = True

    previous: str | None = None  # held back: the last line gets the cut end
    for line in split_lines(texts(), row_characters):
        if previous is not None:
            yield _utf16_line(previous)
        if line is None:
            yield too_long
        previous = line
    if not cut_short:
        if previous is not None:
            yield _utf16_line(previous)
        return
    if previous is not None and previous.endswith(("\n", "\r")):
        yield _utf16_line(previous)
        previous = None
    yield OddLine(text=previous or "", code="row.truncated", severity="error", template=_CUT_SHORT)


def _utf16_line(line: str) -> str | OddLine:
    if _SURROGATE.search(line) is None:
        return line
    return OddLine(text=line, code="row.undecodable", severity="error", template=_SURROGATE_HALF)


def split_lines(texts: Iterator[str], limit: int) -> Iterator[str | None]:
    r"""Yield the lines of *texts*, each with its line break; ``None`` for a line over *limit*.

    CSV's line breaks are ``\r\n``, ``\r`` and ``\n``, and only those (as
    :class:`io.StringIO` with ``newline=""`` cuts them; ``str.splitlines`` also cuts at
    ``\x1e``, ``\x85``, U+2028... that cells may hold). A line longer than *limit* characters
    is not kept: its start is let go as soon as it passes the limit, the rest as it is read, so
    that memory stays within a piece and a row.

    Args:
        texts: the file's text, in pieces.
        limit: the most characters a line may hold.
    """
    rest = ""  # the start of a line that the next piece continues
    dropping = False  # in a line too long, until its line break
    after_cr = False  # the last line ended with "\r", which a "\n" may complete
    for piece in texts:
        text = piece
        if after_cr:
            after_cr = False
            if text.startswith("\n"):
                if rest:  # a line kept for its "\n"
                    yield None if len(rest) >= limit else rest + "\n"
                    rest = ""
                text = text[1:]
            elif rest:
                yield rest
                rest = ""
        if dropping:
            end = _line_end(text)
            if end < 0:
                continue
            dropping = False
            yield None
            after_cr = end == len(text) and text.endswith("\r")
            text = text[end:]
        if not text:
            continue
        lines = list(io.StringIO(text, newline=""))
        if rest:
            lines[0] = rest + lines[0]
            rest = ""
        last = lines[-1]
        if last.endswith("\r"):  # a "\n" may follow in the next piece
            after_cr = True
            lines.pop()
            if len(last) <= limit:
                rest = last
            else:
                lines.append(last)
        elif not last.endswith("\n"):
            lines.pop()
            if len(last) <= limit:
                rest = last
            else:
                dropping = True
        for line in lines:
            yield None if len(line) > limit else line
    if dropping:
        yield None
    elif rest:
        yield rest


def _line_end(text: str) -> int:
    """Return where the first line of *text* ends, line break included; -1 if it does not."""
    found = _LINE_BREAK.search(text)
    return -1 if found is None else found.end()
