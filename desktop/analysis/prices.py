"""Prices: the USGS price series of a mineral, and a price floor set beside the market price of the
same product and year.

Pure functions over figures (``metric == "price"``) and ``PriceFloor`` objects. A floor and a
market price are compared only in one unit: the market price is converted to the floor's unit
(``desktop.domain.units``), and a comparison that cannot be converted says so instead of guessing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.domain.markets import PriceFloor
from desktop.domain.models import Figure, Source, figure_sources
from desktop.domain.numbers import amount, signed_amount, signed_percent, with_estimate
from desktop.domain.products import matching_products
from desktop.domain.units import convert


@dataclass(frozen=True)
class PriceSeries:
    """One priced product of a mineral, year by year, as USGS prints it."""

    mineral: str
    product: str
    unit: str
    figures: tuple[Figure, ...]

    @property
    def years(self) -> list[int]:
        return [f.year for f in self.figures]

    def at(self, year: int) -> Figure | None:
        return next((f for f in self.figures if f.year == year), None)

    def latest(self) -> Figure | None:
        numeric = [f for f in self.figures if f.value is not None]
        return numeric[-1] if numeric else None

    @property
    def sources(self) -> list[Source]:
        return figure_sources(self.figures)

    @property
    def basis(self) -> str:
        """Where the price comes from, as the release's footnote says ("Free on board. Source:
        Argus Media group…"), without the bare "Estimated."."""
        notes = [f.note for f in self.figures if f.note]
        return notes[-1] if notes else ""


def price_series(figures: list[Figure]) -> list[PriceSeries]:
    """The price figures grouped by product and unit, each in year order."""
    groups: dict[tuple[str, str], list[Figure]] = {}
    for figure in figures:
        if figure.metric == "price":
            groups.setdefault((figure.product, figure.unit), []).append(figure)
    mineral = figures[0].mineral if figures else ""
    return [PriceSeries(mineral, product, unit, tuple(sorted(rows, key=lambda f: f.year)))
            for (product, unit), rows in groups.items()]


def find_series(series: list[PriceSeries], product: str) -> PriceSeries | None:
    """The series whose product is ``product`` exactly, else the only one containing it."""
    exact = [s for s in series if s.product == product]
    if exact:
        return exact[0]
    names = matching_products([s.product for s in series], product)
    near = [s for s in series if s.product in names]
    return near[0] if len(near) == 1 else None


@dataclass(frozen=True)
class FloorComparison:
    floor: PriceFloor
    year: int | None
    market: Figure | None  # the USGS price of the compared product in that year
    market_in_floor_unit: float | None
    gap: float | None  # floor − market, in the floor's unit
    gap_share: float | None  # gap ÷ market
    reason: str = ""  # why no comparison could be made
    sources: tuple[Source, ...] = field(default=())
    earlier: bool = False  # the market year is before the floor began (USGS's latest year)

    def formula(self) -> str:
        floor = self.floor
        if self.gap is None or self.market is None:
            return self.reason
        market_text = with_estimate(self.market.value_text, self.market.estimated)
        converted = "" if self.market.unit == floor.unit else \
            f" = {amount(self.market_in_floor_unit)} {floor.unit}"
        side = "above" if self.gap > 0 else "below" if self.gap < 0 else "at"
        start = (floor.effective or floor.announced)[:4]
        earlier = f"; {self.year} is USGS's latest year, the floor starts in {start}" \
            if self.earlier else ""
        return (f"Floor {floor.value_text} {floor.unit} − market {market_text} "
                f"{self.market.unit}{converted} ({self.market.product}, {self.year} average) = "
                f"{signed_amount(self.gap)} {floor.unit}: the floor is {side} the market "
                f"({signed_percent(self.gap_share)}){earlier}")

    def to_json(self) -> dict:
        market = self.market
        return {"floor": self.floor.to_json(), "year": self.year,
                "market": None if market is None else {
                    "product": market.product, "value": market.value,
                    "value_text": market.value_text, "unit": market.unit,
                    "estimated": market.estimated, "source": market.source.brief()},
                "market_in_floor_unit": self.market_in_floor_unit, "gap": self.gap,
                "gap_share": self.gap_share, "market_before_floor": self.earlier,
                "formula": self.formula(),
                "sources": [s.brief() for s in self.sources]}


def compare_floor(floor: PriceFloor, series: list[PriceSeries],
                  year: int | None = None) -> list[FloorComparison]:
    """The floor beside the market price of its product: for ``year``, else for every year of
    the series from the floor's effective year on (the latest year when it started later)."""
    def none(reason: str, at: int | None = None) -> list[FloorComparison]:
        return [FloorComparison(floor, at, None, None, None, None, reason, floor.sources)]

    if floor.value is None:
        return none(f"{floor.product}: no number was published for this "
                    f"{floor.kind.replace('-', ' ')}")
    if not floor.market_product:
        return none(f"{floor.product}: USGS publishes no price for this product")
    found = find_series(series, floor.market_product)
    if found is None:
        return none(f"no USGS price series '{floor.market_product}' for {floor.mineral}")
    start = int((floor.effective or floor.announced or "0")[:4] or 0)
    if year is not None:
        years = [year]
    else:
        years = [y for y in found.years if y >= start] or found.years[-1:]
    out = []
    for at in years:
        market = found.at(at)
        if market is None or market.value is None:
            out.extend(none(f"USGS gives no {found.product} price for {at}", at))
            continue
        converted = convert(market.value, market.unit, floor.unit)
        if converted is None:
            out.extend(none(f"the market price in {market.unit} cannot be put in "
                            f"{floor.unit}", at))
            continue
        gap = (floor.value or 0) - converted
        out.append(FloorComparison(floor, at, market, converted, gap,
                                   gap / converted if converted else None, "",
                                   tuple(dict.fromkeys([*floor.sources, *market.sources])),
                                   at < start))
    return out
