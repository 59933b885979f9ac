"""Sphinx configuration of the clientbook documentation.

Build: ``.venv/bin/python -m sphinx -W --keep-going -n -b html docs docs/_build/html``.
Nothing here needs the network: CI builds the docs offline, so there is no intersphinx.
"""

from __future__ import annotations

import clientbook

project = "clientbook"
author = "clientbook developers"
copyright = "clientbook developers, MIT licence"  # noqa: A001 - Sphinx's name for it
release = clientbook.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build"]
language = "en"

# MyST: ```{directive} fences, ::: fences and heading anchors for [links](page.md#anchor).
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# autodoc + napoleon: Google-style docstrings, members in source order, hints in the text.
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_rtype = False

nitpicky = True
# Names of the standard library and of other projects that the docstrings and type hints refer
# to. Without intersphinx (no network in CI) they cannot resolve; every other reference must.
nitpick_ignore = [
    ("py:class", "cattrs.converters.Converter"),
    ("py:class", "cattrs.preconf.json.JsonConverter"),
    ("py:class", "collections.abc.Callable"),
    ("py:class", "collections.abc.Collection"),
    ("py:class", "collections.abc.Iterable"),
    ("py:class", "collections.abc.Iterator"),
    ("py:class", "collections.abc.Mapping"),
    ("py:class", "datetime.date"),
    ("py:class", "datetime.datetime"),
    ("py:class", "enum.Enum"),
    ("py:func", "attrs.evolve"),
    ("py:class", "hypothesis.strategies.SearchStrategy"),
    ("py:func", "hypothesis.strategies.register_type_strategy"),
    # hypothesis.errors.InvalidArgument, named bare in the strategies' "Raises:" sections.
    ("py:exc", "InvalidArgument"),
    # clientbook.sql: the standard library's and SQLAlchemy's types in its signatures.
    ("py:class", "os.PathLike"),
    ("py:class", "pathlib.Path"),
    ("py:class", "Connection"),
    ("py:class", "Engine"),
    ("py:class", "sqlalchemy.engine.Engine"),
    ("py:class", "sqlalchemy.engine.base.Engine"),
    ("py:class", "sqlalchemy.sql.schema.MetaData"),
    ("py:class", "threading.RLock"),
    # clientbook.DuplicateRule is a type alias (a Literal of the rules' names), documented as
    # data: a signature's reference to it, as a class, cannot resolve.
    ("py:class", "DuplicateRule"),
    # clientbook.files: what a client file is read from and written to, type aliases too.
    ("py:class", "Source"),
    ("py:class", "Target"),
    # The private parts of the adapters and the contract kit that their public classes take or
    # extend: the stores build the units of work, hosts subclass the contracts as they are.
    ("py:class", "Changes"),
    ("py:class", "Session"),
    ("py:class", "Tenant"),
    ("py:class", "clientbook.testing._contract.data.Contract"),
]

html_theme = "furo"
html_title = f"clientbook {release}"
