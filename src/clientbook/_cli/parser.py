"""The command line of ``clientbook``: its parser, in the language asked for.

:func:`build_parser` declares the commands (``check``, ``import``, ``search``) and their
options; their help, the ``usage:`` line and argparse's error messages are translated (French
unless ``--locale en`` is given: :func:`requested_language` reads it before the parser is
built). The option types turn a value into what the commands use, or refuse it with a
translated message: a usage error, exit status 2.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from clientbook._base.i18n import LOCALES, N_, normalize_locale, translate
from clientbook._cli.escaping import printable
from clientbook._files.headers import FIELDS

__all__ = ["DEFAULT_DATABASE", "DEFAULT_TENANT", "build_parser", "requested_language"]

#: The database of ``clientbook import`` and ``search`` when ``--db`` is not given.
DEFAULT_DATABASE = "clientbook.sqlite"
#: The account (tenant) whose clients they store and search when ``--tenant`` is not given.
DEFAULT_TENANT = "default"


def requested_language(arguments: Sequence[str]) -> str:
    """Return the language asked with ``--locale``, for help texts; French otherwise."""
    for index, argument in enumerate(arguments):
        if argument == "--locale" and index + 1 < len(arguments):
            value = arguments[index + 1]
        elif argument.startswith("--locale="):
            value = argument.partition("=")[2]
        else:
            continue
        with contextlib.suppress(ValueError):
            return normalize_locale(value)
    return "fr"


class _Formatter(argparse.HelpFormatter):
    """Help formatter whose ``usage:`` prefix is translated."""

    def __init__(self, prog: str, *, language: str) -> None:
        super().__init__(prog, max_help_position=30)
        self._language = language

    def start_section(self, heading: str | None) -> None:
        """Start a section; French puts a space before the colon that follows its heading."""
        if heading and self._language == "fr":
            heading += " "
        super().start_section(heading)

    def add_usage(
        self,
        usage: str | None,
        actions: Any,
        groups: Any,
        prefix: str | None = None,
    ) -> None:
        """Add the usage line, with the translated prefix."""
        if prefix is None:
            prefix = translate(N_("usage: "), self._language)
        super().add_usage(usage, actions, groups, prefix)


class _Parser(argparse.ArgumentParser):
    """An argument parser that speaks the language asked for."""

    def __init__(self, *args: Any, language: str = "fr", **kwargs: Any) -> None:
        kwargs.update(add_help=False, allow_abbrev=False)
        super().__init__(*args, **kwargs)
        self.language = language

    def _get_formatter(self) -> argparse.HelpFormatter:
        return _Formatter(self.prog, language=self.language)

    def error(self, message: str) -> NoReturn:
        """Print the usage and *message* on stderr; exit with status 2.

        The arguments that *message* quotes are :func:`~clientbook._cli.escaping.printable`.
        """
        self.print_usage(sys.stderr)
        text = translate(
            N_("{prog}: error: {message}"),
            self.language,
            prog=self.prog,
            message=_argparse_message(message, self.language),
        )
        self.exit(2, printable(text) + "\n")


# argparse's own messages, as Python 3.11 words them; another wording is shown untranslated.
_ARGUMENT = re.compile(r"argument (?P<name>[^:]+): (?P<message>.+)", re.DOTALL)
_ARGPARSE_MESSAGES = (
    (
        re.compile(r"the following arguments are required: (?P<names>.+)"),
        N_("these arguments are missing: {names}"),
    ),
    (
        re.compile(r"unrecognized arguments: (?P<names>.+)"),
        N_("these arguments are not understood: {names}"),
    ),
    (
        re.compile(r"invalid choice: (?P<value>.+) \(choose from (?P<choices>.+)\)"),
        N_("{value} is not one of: {choices}"),
    ),
    (re.compile(r"expected one argument"), N_("a value is expected")),
)


def _argparse_message(message: str, language: str) -> str:
    """Return an error *message* of argparse in *language*, when its wording is known."""
    argument = _ARGUMENT.fullmatch(message)
    text = argument["message"] if argument else message
    for pattern, template in _ARGPARSE_MESSAGES:
        match = pattern.fullmatch(text)
        if match:
            text = translate(template, language, **match.groupdict())
            break
    if argument:
        return translate(N_("{name}: {message}"), language, name=argument["name"], message=text)
    return text


def build_parser(language: str) -> _Parser:
    """Return the parser of the command line, its help in *language*."""

    def _(message: str, **params: object) -> str:
        return translate(message, language, **params)

    from clientbook import __version__

    parser = _Parser(
        prog="clientbook",
        description=_(N_("Client-record rules for French business software.")),
        language=language,
    )
    general = parser.add_argument_group(_(N_("options")))
    general.add_argument("-h", "--help", action="help", help=_(N_("show this help and exit")))
    general.add_argument(
        "--locale",
        dest="global_locale",
        type=_locale(language),
        metavar="{fr,en}",
        help=_(N_("language of the messages: fr (default) or en")),
    )
    general.add_argument(
        "--version",
        action="version",
        version=f"clientbook {__version__}",
        help=_(N_("show the version and exit")),
    )
    commands = parser.add_subparsers(
        title=_(N_("commands")), dest="command", required=True, metavar=_(N_("COMMAND"))
    )
    check = commands.add_parser(
        "check",
        help=_(N_("check every row of a client file")),
        description=_(
            N_(
                "Check every row of a client file (CSV exported from a spreadsheet or another "
                "tool): its identifiers, addresses, contact, required fields, and the rows "
                "that describe the same client; end with a summary."
            )
        ),
        language=language,
    )
    positional = check.add_argument_group(_(N_("arguments")))
    positional.add_argument("file", metavar=_(N_("FILE")), help=_(N_("the client file (CSV)")))
    _file_options(check.add_argument_group(_(N_("options"))), language)

    importing = commands.add_parser(
        "import",
        help=_(N_("import a client file into a database")),
        description=_(
            N_(
                "Check every row of a client file as clientbook check does, and store the rows "
                "without errors in a database: a SQLite file or a PostgreSQL URL. A client "
                "already stored (same SIRET, VAT number or client code) is updated; importing "
                "the same file again changes nothing."
            )
        ),
        language=language,
    )
    positional = importing.add_argument_group(_(N_("arguments")))
    positional.add_argument("file", metavar=_(N_("FILE")), help=_(N_("the client file (CSV)")))
    options = importing.add_argument_group(_(N_("options")))
    _file_options(options, language)
    _database_options(options, language)
    options.add_argument(
        "--user",
        metavar=_(N_("NAME")),
        help=_(N_("the user importing, owner of the clients created (default: your login name)")),
    )

    search = commands.add_parser(
        "search",
        help=_(N_("search the clients stored in a database")),
        description=_(
            N_(
                "Show the stored clients that TYPED finds, as an autocomplete box does: the "
                "first letters of any word of their names or of a contact's name, or the start "
                "of their SIREN, SIRET or VAT number; accents and case do not matter."
            )
        ),
        language=language,
    )
    positional = search.add_argument_group(_(N_("arguments")))
    positional.add_argument(
        "typed", metavar=_(N_("TYPED")), help=_(N_("what a user types, such as boul or ets dub"))
    )
    options = search.add_argument_group(_(N_("options")))
    options.add_argument("-h", "--help", action="help", help=_(N_("show this help and exit")))
    _format_option(options, language)
    _database_options(options, language)
    options.add_argument(
        "--all",
        action="store_true",
        dest="include_archived",
        help=_(N_("also show archived clients")),
    )
    options.add_argument(
        "--limit",
        type=_count(language),
        default=20,
        metavar="N",
        help=_(N_("show at most N clients (default: 20)")),
    )
    _locale_option(options, language)
    return parser


def _format_option(options: argparse._ArgumentGroup, language: str) -> None:
    options.add_argument(
        "--format",
        type=_choice(("table", "json"), language),
        default="table",
        metavar="{table,json}",
        help=translate(N_("table (default) for people, json for programs"), language),
    )


def _locale_option(options: argparse._ArgumentGroup, language: str) -> None:
    options.add_argument(
        "--locale",
        type=_locale(language),
        metavar="{fr,en}",
        help=translate(N_("language of the messages: fr (default) or en"), language),
    )


def _file_options(options: argparse._ArgumentGroup, language: str) -> None:
    """Add the options of a command that reads a client file."""

    def _(message: str, **params: object) -> str:
        return translate(message, language, **params)

    options.add_argument("-h", "--help", action="help", help=_(N_("show this help and exit")))
    _format_option(options, language)
    options.add_argument(
        "--column",
        type=_column_override(language),
        action="append",
        default=[],
        metavar=_(N_("FIELD=HEADER")),
        help=_(
            N_(
                "the header of the column holding FIELD, when it is not recognised; FIELD is "
                "one of {fields}; repeat the option for several fields"
            ),
            fields=", ".join(FIELDS),
        ),
    )
    options.add_argument(
        "--strict",
        action="store_true",
        help=_(
            N_(
                "require every field the default policy requires (company name, primary "
                "contact's first name, last name, e-mail and direct phone, SIREN), even when "
                "the file has no column for it"
            )
        ),
    )
    options.add_argument(
        "--as-of",
        type=_date(language),
        metavar=_(N_("DATE")),
        help=_(
            N_(
                "the date of the check, YYYY-MM-DD (default: today): from 2027-01-01 an APE "
                "code of NAF rev. 2 is a warning that names its NAF 2025 code"
            )
        ),
    )
    _locale_option(options, language)


def _database_options(options: argparse._ArgumentGroup, language: str) -> None:
    """Add the options that say which database, and whose clients in it."""
    options.add_argument(
        "--db",
        default=DEFAULT_DATABASE,
        metavar="URL",
        help=translate(
            N_(
                "the database: a SQLite file's path or a SQLAlchemy URL such as "
                "postgresql://user@host/base (default: {default})"
            ),
            language,
            default=DEFAULT_DATABASE,
        ),
    )
    options.add_argument(
        "--tenant",
        default=DEFAULT_TENANT,
        metavar="ID",
        help=translate(
            N_("the account whose clients these are (default: {default})"),
            language,
            default=DEFAULT_TENANT,
        ),
    )


def _date(language: str) -> Callable[[str], datetime.date]:
    def parse(value: str) -> datetime.date:
        if len(value) == 10 and value[4] == value[7] == "-":  # YYYY-MM-DD, nothing else
            with contextlib.suppress(ValueError):
                return datetime.date.fromisoformat(value)
        raise argparse.ArgumentTypeError(
            translate(N_("{value} is not a date: write it as 2027-01-01"), language, value=value)
        )

    return parse


def _count(language: str) -> Callable[[str], int]:
    def parse(value: str) -> int:
        if value.isascii() and value.isdigit():
            return int(value)
        raise argparse.ArgumentTypeError(
            translate(N_("{value} is not a number of clients"), language, value=value)
        )

    return parse


def _choice(choices: tuple[str, ...], language: str) -> Callable[[str], str]:
    def parse(value: str) -> str:
        if value in choices:
            return value
        raise argparse.ArgumentTypeError(
            translate(
                N_("{value} is not one of: {choices}"),
                language,
                value=value,
                choices=", ".join(choices),
            )
        )

    return parse


def _column_override(language: str) -> Callable[[str], tuple[str, str]]:
    def parse(value: str) -> tuple[str, str]:
        field, equals, header = value.partition("=")
        field = field.strip().lower()
        if not equals or not header.strip():
            raise argparse.ArgumentTypeError(
                translate(
                    N_('write FIELD=HEADER, such as siret="N° d\'établissement"; not {value}'),
                    language,
                    value=value,
                )
            )
        if field not in FIELDS:
            raise argparse.ArgumentTypeError(
                translate(
                    N_("{field} is not a field; choose one of: {fields}"),
                    language,
                    field=field,
                    fields=", ".join(FIELDS),
                )
            )
        return field, header

    return parse


def _locale(language: str) -> Callable[[str], str]:
    def parse(value: str) -> str:
        try:
            return normalize_locale(value)
        except ValueError:
            raise argparse.ArgumentTypeError(
                translate(
                    N_("no messages in {value}; choose one of: {locales}"),
                    language,
                    value=value,
                    locales=", ".join(LOCALES),
                )
            ) from None

    return parse
