"""The ``clientbook`` command: check a client file, import it into a database, search it.

- ``clientbook check FILE`` checks every row of a client file;
- ``clientbook import FILE --db URL`` checks it the same way and stores the rows without
  errors in a database (a SQLite file or a PostgreSQL URL; extra ``sql``);
- ``clientbook search TYPED --db URL`` shows the stored clients that what was typed finds.

Exit status: 0 when no row has an error (warnings allowed) or, for ``search``, when a client is
found; 1 when some row has an error, or no client is found; 2 when the file or the database
cannot be used at all or the command line is wrong. Such a failure gets a one-line message on
stderr, never a traceback. Messages are in French unless ``--locale en`` is given: the language
is never read from the environment.

This module ties the parts together: the parser (:mod:`clientbook._cli.parser`), what each
command does (:mod:`clientbook._cli.commands`) and what it prints (:mod:`clientbook._cli.output`).
It is imported by the console script only; ``import clientbook`` does not load it.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence

from clientbook._cli.commands import run_check, run_import, run_search
from clientbook._cli.parser import build_parser, requested_language

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``clientbook`` command with *argv* (default: ``sys.argv[1:]``).

    Args:
        argv: the arguments, without the program name.

    Returns:
        The exit status: 0, 1 or 2 (see the module's docstring); 130 when interrupted with
        Ctrl+C, 1 when the reader of the output went away (``| head``).
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    language = requested_language(arguments)
    try:
        options = build_parser(language).parse_args(arguments)
    except SystemExit as exit_:  # --help, --version, or a usage error already reported
        return exit_.code if isinstance(exit_.code, int) else 2
    run = {"check": run_check, "import": run_import, "search": run_search}[options.command]
    try:
        return run(options, options.locale or options.global_locale or "fr")
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (``clientbook check ... | head``)
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
