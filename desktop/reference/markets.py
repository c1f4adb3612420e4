"""Read-only queries over the market tables: price floors and partners' import dependence.

Reached as ``ReferenceRepository.markets``; a data pack built before these tables existed reads
as holding none.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import cached_property

from desktop.domain.markets import Dependence, PriceFloor
from desktop.domain.models import Source
from desktop.reference.connection import where_equal

FLOOR_COLUMNS = ("id, actor, kind, coalesce(mineral_id, ''), product, market_product, value, "
                 "value_text, unit, announced, effective, until, terms, coalesce(event_id, ''), "
                 "note")


class MarketsReader:
    def __init__(self, conn: sqlite3.Connection, source: Callable[[str], Source]) -> None:
        self._conn = conn
        self._source = source

    @cached_property
    def _tables(self) -> frozenset[str]:
        return frozenset(t for (t,) in self._conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"))

    def price_floors(self, mineral: str | None = None) -> list[PriceFloor]:
        if "price_floors" not in self._tables:
            return []
        where, params = ("WHERE mineral_id = ?", (mineral,)) if mineral else ("", ())
        rows = self._conn.execute(
            f"SELECT {FLOOR_COLUMNS} FROM price_floors {where} "
            "ORDER BY coalesce(nullif(effective, ''), announced), id",
            params).fetchall()
        sources: dict[str, list[Source]] = {}
        for floor_id, source_id in self._conn.execute(
                "SELECT floor_id, source_id FROM price_floor_sources ORDER BY floor_id, position"):
            sources.setdefault(floor_id, []).append(self._source(source_id))
        return [PriceFloor(*r[:14], tuple(sources.get(r[0], ())), r[14]) for r in rows]

    def price_floor(self, floor_id: str) -> PriceFloor | None:
        return next((f for f in self.price_floors() if f.id == floor_id), None)

    def dependence(self, importer: str | None = None, mineral: str | None = None,
                   supplier: str | None = None) -> list[Dependence]:
        """Published shares, newest year first within each importer and mineral."""
        if "import_dependence" not in self._tables:
            return []
        where, params = where_equal((("importer", importer), ("mineral_id", mineral),
                                     ("supplier", supplier)))
        rows = self._conn.execute(
            "SELECT importer, mineral_id, product, supplier, share, share_text, basis, year, "
            f"period, source_id, note FROM import_dependence {where} "
            "ORDER BY importer, mineral_id, product, year DESC, share DESC", params)
        return [Dependence(*r[:9], self._source(r[9]), r[10]) for r in rows]

    def importers(self) -> list[str]:
        if "import_dependence" not in self._tables:
            return []
        return [i for (i,) in self._conn.execute(
            "SELECT DISTINCT importer FROM import_dependence ORDER BY importer")]

    def searched(self) -> dict[str, tuple[str, str]]:
        """Importers searched for without an official figure: importer → (checked, searched)."""
        if "dependence_checks" not in self._tables:
            return {}
        return {importer: (checked, note) for importer, checked, note in self._conn.execute(
            "SELECT importer, checked, note FROM dependence_checks ORDER BY importer")}
