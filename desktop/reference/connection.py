"""Opening the reference DB read-only.

The file is opened with ``mode=ro&immutable=1``: SQLite then takes no locks and writes no journal, so
the DB works from a read-only install folder and can never be changed by the app.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

from desktop.domain.errors import UserError
from desktop.paths import reference_db_path


class ReferenceUnavailable(UserError, RuntimeError):
    """The reference DB is missing or is not a reference DB; the message says how to fix it."""


def open_reference(path: Path | None = None) -> sqlite3.Connection:
    path = Path(path) if path is not None else reference_db_path()
    if path.exists() and not path.is_file():
        raise ReferenceUnavailable(f"{path} is not a database file (a folder or a device)")
    if not path.is_file():
        raise ReferenceUnavailable(
            f"reference database not found at {path}; build it with 'make db' "
            "(or 'briefdesk db build')")
    uri = f"file:{quote(str(path.resolve()))}?mode=ro&immutable=1"
    conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
    try:
        conn.execute("SELECT value FROM meta WHERE key = 'data_pack_version'").fetchone()
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise ReferenceUnavailable(f"{path} is not a briefdesk reference database ({exc})") \
            from None
    return conn


def where_equal(filters: tuple[tuple[str, object], ...]) -> tuple[str, list[object]]:
    """A WHERE clause (or "") matching each (column, value) pair whose value is given, and its
    parameters; the column names are the caller's own constants, never user text."""
    given = [(column, value) for column, value in filters if value is not None]
    if not given:
        return "", []
    return ("WHERE " + " AND ".join(f"{column} = ?" for column, _ in given),
            [value for _, value in given])
