"""Supply-chain stages, and which published series stands for a mineral at a stage in a year.

A mineral can have several series at one stage: USGS refinery production and an IEA processing
share, two products (ferrosilicon and silicon metal), or processing shares of several years. The
choice is made by one rule, stated here so every view and every memo block agrees:

1. USGS country tables (complete, with a world total) before published percentage shares;
2. then the most recent data year not after the year asked for — unless that year names less than
   half of the world and an earlier year of the same series names more (a lone "Indonesia 45 %"
   would hide who holds the rest; an exact year asked for is always taken);
3. then output before reserves, mining before refining before downstream;
4. then the unnamed main product, then the series naming the most countries, then by name.

A figure for a year later than its publication is a projection and never stands for a stage. A
series without a world total in numbers (and not published as percentages of the world) gives no
shares: USGS's boron rows, for example, measure each country in a different product.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.analysis.series import group_series, newest_source_per_year
from desktop.analysis.shares import SeriesShares, series_shares
from desktop.domain.metrics import ANALYSABLE_METRICS, BY_ID
from desktop.domain.models import Figure, Source, figure_sources

STAGES = ("reserves", "mining", "refining", "downstream")
STAGE_LABELS = {"reserves": "Reserves", "mining": "Mining",
                "refining": "Refining / processing", "downstream": "Downstream"}
DOWNSTREAM_STAGES = ("magnets", "anode")
STAGE_PREFERENCE = {"mining": 0, "refining": 1, "downstream": 2, "reserves": 3, "capacity": 4}


class SeriesUnavailable(LookupError):
    """No series answers the question; the message says what the data does hold."""


def stage_of(figure: Figure) -> str | None:
    """The supply-chain stage a figure measures (capacity is not a stage of output)."""
    metric = BY_ID.get(figure.metric)
    if metric is None or not metric.stage:
        return None
    if figure.metric == "processing_share" and figure.stage in DOWNSTREAM_STAGES:
        return "downstream"
    return metric.stage


def is_projection(figure: Figure) -> bool:
    published = figure.source.published[:4]
    return published.isdigit() and figure.year > int(published)


@dataclass(frozen=True)
class StageSeries:
    """The figures of one mineral, series and data year, with their shares of the world."""

    mineral: str
    stage: str
    metric: str
    product: str
    year: int
    figures: list[Figure]
    shares: SeriesShares

    @property
    def unit(self) -> str:
        return self.figures[0].unit if self.figures else ""

    @property
    def sources(self) -> list[Source]:
        return figure_sources(self.figures)

    @property
    def estimated(self) -> bool:
        return any(f.estimated for f in self.figures)

    def describe(self) -> str:
        # a product that has brackets of its own reads better after a dash than in more brackets
        product = "" if not self.product else f" – {self.product}" if "(" in self.product \
            else f" ({self.product})"
        return f"{self.metric.replace('_', ' ')}{product}, {self.year}"


def _usable_years(figures: list[Figure]) -> dict[int, tuple[list[Figure], SeriesShares]]:
    out = {}
    for year, chosen in newest_source_per_year(
            [f for f in figures if not is_projection(f)]).items():
        shares = series_shares(chosen)
        if shares is not None and shares.shares and shares.comparable:
            out[year] = (chosen, shares)
    return out


def pick_series(figures: list[Figure], mineral: str, *, stage: str | None = None,
                metric: str | None = None, product: str | None = None,
                year: int | None = None, exact_year: bool = False) -> StageSeries:
    """The series standing for ``mineral`` at a stage (or for one metric) in a year.

    ``year=None`` takes the latest year held; otherwise the latest year not after ``year``, or
    exactly ``year`` when ``exact_year``. Raises SeriesUnavailable naming what is held.
    """
    candidates = []
    for (series_metric, _stage, series_product), series in group_series(
            [f for f in figures if f.mineral == mineral]).items():
        if series_metric not in ANALYSABLE_METRICS:
            continue
        if metric is not None and series_metric != metric:
            continue
        if stage is not None and stage_of(series[0]) != stage:
            continue
        if product is not None and series_product != product:
            continue
        years = _usable_years(series)
        allowed = [y for y in years if year is None or (y == year if exact_year else y <= year)]
        if allowed:
            best = max(allowed) if exact_year else _best_year(allowed, years)
            chosen, shares = years[best]
            countries = sum(1 for f in chosen if f.is_country)
            key = (BY_ID[series_metric].stage_rank, -best,
                   STAGE_PREFERENCE.get(stage_of(series[0]) or "", 9), series_product != "",
                   -countries, series_product)
            candidates.append((key, StageSeries(mineral, stage_of(series[0]) or "",
                                                series_metric, series_product, best, chosen,
                                                shares)))
        elif years:
            candidates.append(((99,), sorted(years)))  # held, but not for that year
    found = sorted((c for c in candidates if isinstance(c[1], StageSeries)), key=lambda c: c[0])
    if found:
        return found[0][1]  # type: ignore[return-value]
    what = metric.replace("_", " ") if metric else f"{stage or 'any'} stage"
    held = sorted({y for c in candidates for y in c[1]})  # type: ignore[union-attr]
    if held:
        raise SeriesUnavailable(f"no {what} figures for {mineral} in {year}; years held: "
                                f"{', '.join(str(y) for y in held[-8:])}")
    raise SeriesUnavailable(f"no {what} figures with country shares for {mineral}")


def _best_year(allowed: list[int], years: dict[int, tuple[list[Figure], SeriesShares]]) -> int:
    """The latest year, or the latest that names at least half of the world when it does not."""
    latest = max(allowed)
    if years[latest][1].residual_share <= 0.5:
        return latest
    fuller = [y for y in allowed if years[y][1].residual_share <= 0.5]
    return max(fuller) if fuller else latest


def stage_table(figures: list[Figure], mineral: str, year: int | None
                ) -> dict[str, StageSeries | None]:
    """For each stage, the series that stands for it (latest year not after ``year``), or None."""
    out: dict[str, StageSeries | None] = {}
    for stage in STAGES:
        try:
            out[stage] = pick_series(figures, mineral, stage=stage, year=year)
        except SeriesUnavailable:
            out[stage] = None
    return out
