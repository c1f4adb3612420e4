"""Prices, price floors and import dependence as the cards, the CLI and memo blocks show them.

Built on ``AnalysisWorkbench.markets`` (``desktop.analysis.market_desk``): one reader, one cache.
Names are resolved here so every consumer prints "China", not "CHN".
"""

from __future__ import annotations

from desktop.analysis.dependence import (
    basis_tag,
    importer_name,
    mixed_bases_note,
    share_cell,
    when,
)
from desktop.analysis.market_desk import MarketDesk
from desktop.analysis.prices import PriceSeries
from desktop.domain.markets import Dependence
from desktop.reference.repository import ReferenceRepository
from desktop.services.register import BODY_GROUPS

#: The group whose card stands for an importer that is a body ("EU" → the EU-27 card).
IMPORTER_GROUPS = BODY_GROUPS
GROUP_IMPORTERS = {group: body for body, group in BODY_GROUPS.items()}


class MarketService:
    def __init__(self, repo: ReferenceRepository, desk: MarketDesk) -> None:
        self.repo = repo
        self.desk = desk

    # -- prices -------------------------------------------------------------------------------
    def prices(self, mineral: str) -> list[dict]:
        return [series_json(s) for s in self.desk.prices(mineral)]

    def floors(self, mineral: str | None = None, year: int | None = None) -> list[dict]:
        out = []
        for comparison in self.desk.floor_table(mineral, year):
            row = comparison.to_json()
            row["actor_name"] = self.repo.name_of(comparison.floor.actor)
            out.append(row)
        return out

    # -- import dependence --------------------------------------------------------------------
    def dependence(self, importer: str | None = None, mineral: str | None = None,
                   supplier: str | None = None) -> list[dict]:
        return [self.dependence_json(d) for d in self.desk.dependence(importer, mineral,
                                                                      supplier)]

    def dependence_json(self, item: Dependence) -> dict:
        return {**item.to_json(), "importer_name": self.importer_name(item.importer),
                "mineral_name": self.repo.name_of_mineral(item.mineral),
                "supplier_name": self.repo.name_of(item.supplier),
                "basis_tag": basis_tag(item.basis), "share_cell": share_cell(item),
                "when": when(item)}

    def importer_name(self, importer: str) -> str:
        return importer_name(importer, self.repo.name_of)

    def importer_card(self, importer: str) -> dict:
        """A country's (or the EU's) import dependence, mineral by mineral, with what was
        searched where nothing was found."""
        rows = self.dependence(importer=importer)
        checked = self.desk.searched().get(importer)
        return {"importer": importer, "importer_name": self.importer_name(importer),
                "rows": rows, "note": mixed_note(rows),
                "searched": None if rows or checked is None else
                {"checked": checked[0], "note": checked[1]}}

    def mineral_card(self, mineral: str) -> dict:
        """Who depends on whom for one mineral: every importer's figures."""
        rows = self.dependence(mineral=mineral)
        with_figures = {r["importer"] for r in rows}
        missing = [{"importer": i, "importer_name": self.importer_name(i), "checked": c[0]}
                   for i, c in sorted(self.desk.searched().items()) if i not in with_figures]
        return {"rows": rows, "note": mixed_note(rows), "not_found": missing}

    def exposure(self, importers: list[str], minerals: list[str], supplier: str = "CHN") -> dict:
        """importer × mineral: ``supplier``'s share, or "no official figure found"."""
        cells = self.desk.exposure(importers, minerals, supplier)
        return {"supplier": supplier, "supplier_name": self.repo.name_of(supplier),
                "importers": [{"id": i, "name": self.importer_name(i)} for i in importers],
                "minerals": [{"id": m, "name": self.repo.name_of_mineral(m)} for m in minerals],
                "cells": [dict(cell.to_json(), figure=(self.dependence_json(cell.shown)
                                                      if cell.shown else None))
                          for cell in cells.values()],
                "note": mixed_bases_note(cells.values())}


def series_json(series: PriceSeries) -> dict:
    return {"mineral": series.mineral, "product": series.product, "unit": series.unit,
            "basis": series.basis,
            "rows": [{"year": f.year, "value": f.value, "value_text": f.value_text,
                      "qualifier": f.qualifier, "estimated": f.estimated}
                     for f in series.figures],
            "sources": [s.brief() for s in series.sources]}


def mixed_note(rows: list[dict]) -> str:
    bases = {r["basis_label"] for r in rows}
    if len(bases) <= 1:
        return ""
    return ("These figures are shares of different things and are not comparable as they are: "
            f"{'; '.join(sorted(bases))}.")

