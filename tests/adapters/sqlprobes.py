"""Probes of what the SQL adapter sends to the database, for its tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event


class Statement:
    """One statement as the driver received it."""

    def __init__(self, text: str, parameters: Any, executemany: bool) -> None:
        self.text = " ".join(text.split())
        self.parameters = parameters
        self.executemany = executemany

    def __repr__(self) -> str:
        return f"<Statement {self.text[:80]!r}{' (executemany)' if self.executemany else ''}>"

    def values(self) -> list[object]:
        """Return every parameter value, of every row of an executemany."""
        rows = self.parameters if self.executemany else [self.parameters]
        found: list[object] = []
        for row in rows:
            found += list(row.values()) if isinstance(row, dict) else list(row or ())
        return found


@contextmanager
def recorded_statements(engine: Engine) -> Iterator[list[Statement]]:
    """Record every statement sent to the database through *engine* in the ``with`` block."""
    statements: list[Statement] = []

    def record(
        _conn: Any, _cursor: Any, text: str, parameters: Any, _context: Any, executemany: bool
    ) -> None:
        statements.append(Statement(text, parameters, executemany))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


@contextmanager
def before_statements(engine: Engine, action: Callable[[str], None]) -> Iterator[None]:
    """Call *action* with the text of each statement before the driver runs it."""

    def call(
        _conn: Any, _cursor: Any, text: str, _parameters: Any, _context: Any, _many: bool
    ) -> None:
        action(" ".join(text.split()))

    event.listen(engine, "before_cursor_execute", call)
    try:
        yield
    finally:
        event.remove(engine, "before_cursor_execute", call)
