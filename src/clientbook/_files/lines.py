"""The lines of a client file, decoded one at a time.

:func:`decoded_lines` yields each line of the file, line break included, as text, in the
encoding :func:`~clientbook._files.encoding.sniff_encoding` found; a line that is not plain
text in that encoding comes as an :class:`OddLine` that says what is wrong with it: read in the
other encoding (a warning), characters that no encoding reads (a lone UTF-16 surrogate, bytes
neither UTF-8 nor Windows-1252, a character cut by the end of the file), or too long to be a
row (its bytes are dropped as they are read, never kept). :func:`split_lines` cuts text where
CSV cuts it.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterator
from typing import BinaryIO, Final, Literal

import attrs

from clientbook._base.i18n import N_
from clientbook._files.encoding import NAMES, FileEncoding

__all__ = ["OddLine", "decoded_lines", "split_lines"]

_LINES_CHUNK: Final = 1 << 18  # bytes read at a time to cut the lines (StringIO takes 4 times)
_SURROGATE = re.compile("[\ud800-\udfff]")
# Bytes that are not valid in the file's encoding, as decoding with "surrogateescape" keeps them.
_ESCAPED = re.compile("[\udc80-\udcff]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

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
