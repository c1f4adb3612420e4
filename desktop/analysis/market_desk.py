"""Prices, price floors and partners' import dependence, as the cards, the CLI and memo blocks ask
for them: one object (``AnalysisWorkbench.markets``) over the reference reader, so each price
series and dependence table is read once.

The reference reader is anything with ``figures(mineral=…, metric=…)`` and ``markets`` (a
``desktop.reference.markets.MarketsReader``); no SQL here.
"""

from __future__ import annotations

from typing import Any

from desktop.analysis.dependence import ExposureCell, exposure_matrix, us_dependence
from desktop.analysis.prices import FloorComparison, PriceSeries, compare_floor, price_series
from desktop.domain.errors import UserError
from desktop.domain.markets import Dependence, PriceFloor
from desktop.domain.products import matching_products


class MarketError(UserError):
    """A price or dependence question the data cannot answer, in one sentence."""


class MarketDesk:
    def __init__(self, reference: Any) -> None:
        self.ref = reference
        self._prices: dict[str, list[PriceSeries]] = {}
        self._dependence: list[Dependence] | None = None

    # -- prices -------------------------------------------------------------------------------
    def prices(self, mineral: str) -> list[PriceSeries]:
        """The mineral's USGS price series, one per product and unit."""
        if mineral not in self._prices:
            self._prices[mineral] = price_series(self.ref.figures(mineral=mineral, metric="price"))
        return self._prices[mineral]

    def price(self, mineral: str, product: str | None = None) -> list[PriceSeries]:
        """The series of ``product`` (exact, or the only one whose name contains it), else all."""
        series = self.prices(mineral)
        if not series:
            raise MarketError(f"USGS publishes no price for {mineral}")
        if not product:
            return series
        names = matching_products([s.product for s in series], product)
        near = [s for s in series if s.product in names]
        if not near:
            raise MarketError(f"no {mineral} price for {product!r}; USGS prices: "
                              f"{'; '.join(s.product or '(main series)' for s in series)}")
        return near

    # -- price floors -------------------------------------------------------------------------
    def floors(self, mineral: str | None = None) -> list[PriceFloor]:
        return self.ref.markets.price_floors(mineral)

    def floor(self, floor_id: str) -> PriceFloor:
        found = self.ref.markets.price_floor(floor_id)
        if found is None:
            known = ", ".join(f.id for f in self.floors()) or "none recorded"
            raise MarketError(f"no price floor {floor_id!r}; known: {known}")
        return found

    def compare(self, floor: PriceFloor, year: int | None = None) -> list[FloorComparison]:
        """The floor beside the USGS market price of its product (``prices.compare_floor``)."""
        return compare_floor(floor, self.prices(floor.mineral) if floor.mineral else [], year)

    def floor_table(self, mineral: str | None = None,
                    year: int | None = None) -> list[FloorComparison]:
        """Every floor (of a mineral), each with its comparisons."""
        return [c for floor in self.floors(mineral) for c in self.compare(floor, year)]


    # -- import dependence --------------------------------------------------------------------
    def all_dependence(self) -> list[Dependence]:
        """Every published share, and the United States' USGS import sources, read once."""
        if self._dependence is None:
            self._dependence = [*self.ref.markets.dependence(),
                                *us_dependence(self.ref.figures(metric="import_source_share"))]
        return self._dependence

    def dependence(self, importer: str | None = None, mineral: str | None = None,
                   supplier: str | None = None) -> list[Dependence]:
        if self._dependence is not None or (importer is None and mineral is None):
            items = self.all_dependence()
        else:  # one card's worth: read only what it shows, not every figure (a card opens cold)
            items = self.ref.markets.dependence(importer, mineral)
            if importer in (None, "USA"):
                items = [*items, *us_dependence(self.ref.figures(
                    mineral=mineral, metric="import_source_share"))]
        return [d for d in items
                if (importer is None or d.importer == importer)
                and (mineral is None or d.mineral == mineral)
                and (supplier is None or d.supplier == supplier)]

    def importers(self) -> list[str]:
        """Importers with at least one figure (the EU as "EU")."""
        return sorted({d.importer for d in self.all_dependence()})

    def searched(self) -> dict[str, tuple[str, str]]:
        """Importer → (the day checked, what was searched) where no figure was found."""
        return self.ref.markets.searched()

    def exposure(self, importers: list[str], minerals: list[str],
                 supplier: str = "CHN") -> dict[tuple[str, str], ExposureCell]:
        """importer × mineral: the share of ``supplier``, or "no official figure found"."""
        return exposure_matrix(self.all_dependence(), importers, minerals, supplier)
