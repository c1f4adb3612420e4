"""Building and checking the reference database: ``briefdesk db build | check``.

The build needs the build extras (sqlite-utils, pycountry, country_converter); an installed app
without them can still check its bundled database.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.domain.errors import UserError
from desktop.reference.connection import open_reference
from desktop.reference.validation import CheckReport, check_reference


@dataclass(frozen=True)
class BuildResult:
    path: Path
    seconds: float
    bytes: int
    report: CheckReport


def check(path: Path) -> CheckReport:
    conn = open_reference(path)
    try:
        return check_reference(conn)
    finally:
        conn.close()


def build(path: Path) -> BuildResult:
    """Build the reference DB at ``path`` from ``db/sources/`` and check it."""
    try:
        from db.build import build as build_reference
        from db.tables import SourceTableError
    except ImportError as exc:
        raise UserError(f"the database build needs the build extras ({exc.name} is missing); "
                        "run 'make db'") from None
    try:
        result = build_reference(path)
    except (SourceTableError, KeyError, ValueError) as exc:
        raise UserError(f"build failed: {exc}") from None
    except OSError as exc:
        raise UserError(f"cannot write {path}: {exc.strerror or exc}") from None
    return BuildResult(path, result["seconds"], result["bytes"], check(path))
