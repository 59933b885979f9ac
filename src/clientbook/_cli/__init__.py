"""The ``clientbook`` command line; :func:`clientbook._cli.app.main` is the console script.

:mod:`~clientbook._cli.app` ties the parts together: :mod:`~clientbook._cli.parser` (the
arguments), :mod:`~clientbook._cli.commands` (what each command does) and
:mod:`~clientbook._cli.output` (what it prints), with :mod:`~clientbook._cli.tables` (the tables,
printed as their rows come) and :mod:`~clientbook._cli.escaping` (a file's control characters
shown, never obeyed). Nothing is imported here, so that importing one of them loads only what it
needs.
"""
