"""The tree of errors drawn in clientbook._base.errors is the tree of the classes, whole."""

from __future__ import annotations

import importlib
import re

import clientbook
from clientbook import ClientbookError
from clientbook._base import errors

# Every public module that defines errors: importing them makes every subclass known.
MODULES = (
    "clientbook",
    "clientbook.identifiers",
    "clientbook.serialization",
    "clientbook.sql",
    "clientbook.files",
)
BRANCH = re.compile(r"^(?P<indent>[│ ]*)[├└]── (?P<name>\w+)")


def drawn_tree() -> dict[str, str]:
    """Return ``{error: its parent}`` as the module docstring draws them."""
    assert errors.__doc__ is not None
    parents: dict[str, str] = {}
    stack = ["ClientbookError"]
    for line in errors.__doc__.splitlines():
        found = BRANCH.match(line.strip("\n")[4:])
        if found is None:
            continue
        depth = len(found["indent"]) // 4
        del stack[depth + 1 :]
        parents[found["name"]] = stack[depth]
        stack.append(found["name"])
    return parents


def real_tree() -> dict[str, str]:
    for module in MODULES:
        public = importlib.import_module(module)
        for name in getattr(public, "__all__", ()):
            getattr(public, name)  # a name that loads on first use (clientbook's rules) loads
    parents: dict[str, str] = {}
    waiting = [ClientbookError]
    while waiting:
        error = waiting.pop()
        for child in error.__subclasses__():
            if child.__module__.startswith("clientbook"):
                parents[child.__name__] = error.__name__
                waiting.append(child)
    return parents


def test_every_error_clientbook_raises_is_drawn_under_its_parent() -> None:
    assert drawn_tree() == real_tree()


def test_every_drawn_error_is_public_where_the_tree_says() -> None:
    for module in MODULES:
        public = importlib.import_module(module)
        for name in getattr(public, "__all__", ()):
            value = getattr(public, name)
            if isinstance(value, type) and issubclass(value, ClientbookError):
                assert name in {"ClientbookError", *drawn_tree()}, (module, name)
    assert clientbook.ClientbookError is ClientbookError
