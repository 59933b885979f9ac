"""The errors of :mod:`clientbook.sql`, and the translation of the drivers' errors into them.

Hierarchy::

    ClientbookError
    └── StorageError            the database could not be used (url, detail)
        ├── DatabaseLocked      another program or unit of work holds the lock: try again
        ├── DatabaseDamaged     the file is not a SQLite database, or it is damaged
        ├── DatabaseReadOnly    the database can be read, not written
        ├── DatabaseInMemory    a SQLite database in memory, which keeps nothing: refused
        ├── SchemaMismatch      no clientbook tables, or tables of another version
        └── UnsupportedDatabase neither SQLite nor PostgreSQL
"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError

from clientbook._base.errors import ClientbookError
from clientbook._base.i18n import N_, translate

__all__ = [
    "DatabaseDamaged",
    "DatabaseInMemory",
    "DatabaseLocked",
    "DatabaseReadOnly",
    "SchemaMismatch",
    "StorageError",
    "UnsupportedDatabase",
    "storage_error",
]


class StorageError(ClientbookError):
    """The database could not be used; nothing of the unit of work was saved.

    Attributes:
        url: the database: a SQLite file's path, or the URL with its password hidden.
        detail: what the database driver said, in its words (English), for the logs.
    """

    __module__ = "clientbook.sql"

    def __init__(self, url: str, detail: str = "") -> None:
        self.url = url
        self.detail = detail
        super().__init__(self.message("fr"))

    def message(self, locale: str = "fr") -> str:
        """Return the explanation in *locale* (``"fr"`` or ``"en"``)."""
        return translate(
            N_(
                "The database {url} could not be used; nothing was saved. The driver said: {detail}"
            ),
            locale,
            url=self.url,
            detail=self.detail,
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.url, self.detail))


class DatabaseLocked(StorageError):
    """Another program or unit of work kept the database locked too long; try again later.

    SQLite lets one writer at a time; the others wait up to the store's ``timeout``.
    """

    __module__ = "clientbook.sql"

    def message(self, locale: str = "fr") -> str:
        """Return the explanation in *locale* (``"fr"`` or ``"en"``)."""
        return translate(
            N_(
                "The database {url} is locked by another program or another change in "
                "progress; nothing was saved: try again in a moment."
            ),
            locale,
            url=self.url,
        )


class DatabaseDamaged(StorageError):
    """The file is not a SQLite database, or it is damaged."""

    __module__ = "clientbook.sql"

    def message(self, locale: str = "fr") -> str:
        """Return the explanation in *locale* (``"fr"`` or ``"en"``)."""
        return translate(
            N_(
                "The file {url} is not a SQLite database, or it is damaged: restore it from a "
                "backup or choose another file."
            ),
            locale,
            url=self.url,
        )


class DatabaseReadOnly(StorageError):
    """The database can be read but not written: its file, or its folder, is read-only.

    SQLite writes beside the file (its write-ahead log), so a file in a folder that cannot be
    written to is opened for reading only; a search works, a write is refused.
    """

    __module__ = "clientbook.sql"

    def message(self, locale: str = "fr") -> str:
        """Return the explanation in *locale* (``"fr"`` or ``"en"``)."""
        return translate(
            N_(
                "The database {url} can be read but not written (the file or its folder is "
                "read-only); nothing was saved: choose a file in a folder you can write to."
            ),
            locale,
            url=self.url,
        )


class DatabaseInMemory(StorageError):
    """The database is a SQLite database in memory, which vanishes with the program: refused.

    Clients stored there would be lost when the store closes, so the store refuses it rather
    than report clients saved; for tests, :mod:`clientbook.memory` keeps clients in memory.
    """

    __module__ = "clientbook.sql"

    def __init__(self, url: str, detail: str = "in memory") -> None:
        super().__init__(url, detail)

    def message(self, locale: str = "fr") -> str:
        """Return the explanation in *locale* (``"fr"`` or ``"en"``)."""
        return translate(
            N_(
                "The database {url} would be kept in memory and lost when the program ends: "
                "give the path of a SQLite file, or a PostgreSQL URL; nothing was saved."
            ),
            locale,
            url=self.url,
        )


class UnsupportedDatabase(StorageError):
    """The database is neither SQLite nor PostgreSQL, the two clientbook is written for.

    Attributes:
        dialect: SQLAlchemy's name of the database (``"mysql"``, ``"mssql"``...).
    """

    __module__ = "clientbook.sql"

    def __init__(self, url: str, dialect: str) -> None:
        self.dialect = dialect
        super().__init__(url, dialect)

    def message(self, locale: str = "fr") -> str:
        """Return the explanation in *locale* (``"fr"`` or ``"en"``)."""
        return translate(
            N_(
                "The database {url} is a {dialect} database: clientbook stores clients in "
                "SQLite or PostgreSQL only; nothing was saved."
            ),
            locale,
            url=self.url,
            dialect=self.dialect,
        )


class SchemaMismatch(StorageError):
    """The database has no clientbook tables, or tables of another version than this one's.

    Attributes:
        found_version: the version recorded in ``clientbook_schema``; ``None`` when the
            database has no clientbook tables (or no version recorded).
        expected_version: the version this clientbook reads and writes
            (:data:`clientbook.sql.SCHEMA_VERSION`).
    """

    __module__ = "clientbook.sql"

    def __init__(self, url: str, *, found_version: int | None, expected_version: int) -> None:
        self.found_version = found_version
        self.expected_version = expected_version
        super().__init__(url, f"schema version {found_version}, expected {expected_version}")

    def message(self, locale: str = "fr") -> str:
        """Return the explanation in *locale* (``"fr"`` or ``"en"``)."""
        if self.found_version is None:
            text = N_(
                "The database {url} has no clientbook tables: create them first "
                "(SqlStore.create_schema)."
            )
        elif self.found_version < self.expected_version:
            text = N_(
                "The database {url} holds clientbook tables of version {found}, older than "
                "version {expected} that this clientbook uses: migrate the database first."
            )
        else:
            text = N_(
                "The database {url} holds clientbook tables of version {found}, newer than "
                "version {expected} that this clientbook reads: upgrade clientbook."
            )
        return translate(
            text, locale, url=self.url, found=self.found_version, expected=self.expected_version
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (_schema_mismatch, (self.url, self.found_version, self.expected_version))


def _schema_mismatch(url: str, found: int | None, expected: int) -> SchemaMismatch:
    return SchemaMismatch(url, found_version=found, expected_version=expected)


# SQLite's result codes (sqlite3 exceptions carry them as ``sqlite_errorname``) and
# PostgreSQL's SQLSTATE codes (psycopg exceptions carry them as ``sqlstate``).
_LOCKED = frozenset(
    {
        "SQLITE_BUSY",
        "SQLITE_BUSY_SNAPSHOT",
        "SQLITE_BUSY_RECOVERY",
        "SQLITE_LOCKED",
        "SQLITE_LOCKED_SHAREDCACHE",
        "55P03",  # lock_not_available (lock_timeout, NOWAIT)
        "40P01",  # deadlock_detected
        "40001",  # serialization_failure
    }
)
_DAMAGED = frozenset({"SQLITE_NOTADB", "SQLITE_CORRUPT"})
_READ_ONLY = "25006"  # PostgreSQL's read_only_sql_transaction; SQLite's codes SQLITE_READONLY...
_NO_TABLE = "42P01"  # undefined_table


def storage_error(error: BaseException, url: str, *, schema_version: int) -> StorageError:
    """Return the :class:`StorageError` that explains a driver's *error* on *url*."""
    original = error.orig if isinstance(error, DBAPIError) else error
    code = getattr(original, "sqlite_errorname", None) or getattr(original, "sqlstate", None)
    detail = " ".join(str(original).split()) or type(original).__name__
    if code in _LOCKED or detail.startswith("database is locked"):
        return DatabaseLocked(url, detail)
    if code in _DAMAGED:
        return DatabaseDamaged(url, detail)
    if code == _READ_ONLY or (isinstance(code, str) and code.startswith("SQLITE_READONLY")):
        return DatabaseReadOnly(url, detail)
    if code == _NO_TABLE or (detail.startswith("no such table: clientbook_")):
        return SchemaMismatch(url, found_version=None, expected_version=schema_version)
    return StorageError(url, detail)
