"""The ``clientbook`` command line; :func:`clientbook._cli.app.main` is the console script."""
