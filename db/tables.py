"""Reading the curated CSV tables of ``db/sources/``.

Several files of one kind (``sources_usgs.csv``, ``sources_events.csv`` …) are merged, because each
curated area keeps its own file; a duplicate id across them is an error, never a silent overwrite.
"""

from __future__ import annotations

import csv
from pathlib import Path

SOURCES_DIR = Path(__file__).resolve().parent / "sources"


class SourceTableError(ValueError):
    """A curated table is malformed; the message names the file and the row."""


def read_csv(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except UnicodeDecodeError as exc:
        raise SourceTableError(f"{path.name}: not valid UTF-8 ({exc.reason})") from None
    except csv.Error as exc:
        raise SourceTableError(f"{path.name}: {exc}") from None
    for number, row in enumerate(rows, start=2):
        if None in row or any(value is None for value in row.values()):
            raise SourceTableError(f"{path.name}, line {number}: wrong number of fields")
        for key, value in row.items():
            row[key] = value.strip()
    return rows


def read_optional(directory: Path, name: str) -> list[dict[str, str]]:
    path = directory / name
    return read_csv(path) if path.exists() else []


def read_merged(directory: Path, prefix: str, key: str = "id") -> list[dict[str, str]]:
    """All rows of ``prefix.csv`` and ``prefix_*.csv``, checked for duplicate keys."""
    paths = sorted(directory.glob(f"{prefix}.csv")) + sorted(directory.glob(f"{prefix}_*.csv"))
    seen: dict[str, str] = {}
    merged: list[dict[str, str]] = []
    for path in paths:
        for row in read_csv(path):
            ident = row.get(key, "")
            if ident in seen:
                raise SourceTableError(
                    f"{path.name}: duplicate {key} {ident!r} (already in {seen[ident]})")
            seen[ident] = path.name
            merged.append(row)
    return merged


def split_list(text: str) -> list[str]:
    """Split a ``;``-separated cell, dropping blanks."""
    return [part.strip() for part in (text or "").split(";") if part.strip()]
