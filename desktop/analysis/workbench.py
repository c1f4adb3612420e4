"""The analysis workbench: one object the CLI, the cards, the dashboard and memo blocks all ask.

It fetches figures and memberships through a reference reader (anything with the methods of
``desktop.reference.repository.ReferenceRepository``; no SQL and no import of it here), caches
them, and hands them to the pure functions of this package. Questions that cannot be answered
raise ``AnalysisError`` with a sentence for the user.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from desktop.analysis.blocs import (
    Bloc,
    BlocCoverage,
    BlocError,
    Container,
    bloc_coverage,
    parse_spec,
    resolve_bloc,
)
from desktop.analysis.concentration import Concentration
from desktop.analysis.exposure import GapRow, USView, reserves_production_gap, us_view
from desktop.analysis.market_desk import MarketDesk
from desktop.analysis.stages import (
    STAGES,
    SeriesUnavailable,
    StageSeries,
    pick_series,
    stage_table,
)
from desktop.analysis.stress import StressResult, stress_allies_only, stress_remove
from desktop.domain.errors import UserError
from desktop.domain.metrics import ANALYSABLE_METRICS
from desktop.domain.models import Figure

PRESET_BLOCS = (
    ("g7", "G7"),
    ("g7+g7-finance-washington-2026", "G7 + partners at the Washington finance meeting (2026)"),
    ("msp", "Minerals Security Partnership"),
    ("forge", "FORGE (South Korea and the US only: participant list not published)"),
    ("forge+msp", "FORGE + MSP partners"),
    ("pax-silica:founding-member|signatory", "Pax Silica signatories"),
    ("pax-silica", "Pax Silica signatories and summit participants"),
    ("eu27", "EU-27"),
    ("quad", "Quad"),
    ("oecd", "OECD"),
    ("g20", "G20"),
    ("brics", "BRICS"),
)


ENDED_STATUSES = frozenset({"superseded", "concluded"})
# Memberships the sources leave incomplete: the bloc's notes say so wherever it is used.
MEMBERSHIP_CAVEATS = {
    "forge": "its participant list has not been published; only South Korea (its first chair) "
             "and the United States (its convener) are counted",
}
DEFAULT_STAGE_ORDER = ("mining", "refining", "downstream", "reserves")  # when none is asked


class AnalysisError(UserError, ValueError):
    """A question the data cannot answer, in one sentence."""


@dataclass(frozen=True)
class MatrixCell:
    series: StageSeries
    coverage: BlocCoverage

    @property
    def hhi(self) -> float:
        return self.series.shares.hhi


@dataclass(frozen=True)
class MatrixRow:
    mineral: str
    name: str
    cells: dict[str, MatrixCell | None]


@dataclass(frozen=True)
class CountryWeight:
    """A country's place in one stage of one mineral, and what its removal would take offline."""

    series: StageSeries
    share: float
    rank: int
    stress: StressResult


class AnalysisWorkbench:
    def __init__(self, reference: Any, today: Callable[[], str] | None = None) -> None:
        self.ref = reference
        self._today = today or (lambda: dt.date.today().isoformat())
        self._figures: dict[str, list[Figure]] | None = None
        self._all_loaded = False
        self._us_views: dict[str, USView] = {}
        self._blocs: dict[tuple[str, str], Bloc] = {}
        self._series: dict[tuple, StageSeries | str] = {}
        self._tables: dict[tuple[str, int | None], dict[str, StageSeries | None]] = {}

    @cached_property
    def markets(self) -> MarketDesk:
        """Prices, price floors and import dependence, over the same reference reader."""
        return MarketDesk(self.ref)

    # -- data ---------------------------------------------------------------------------------
    def figures(self, mineral: str) -> list[Figure]:
        """One mineral's figures of the analysable metrics, read once."""
        if self._figures is not None and mineral in self._figures:
            return self._figures[mineral]
        if self._all_loaded:
            return []
        if self._figures is None:
            self._figures = {}
        self._figures[mineral] = [f for f in self.ref.figures(mineral=mineral)
                                  if f.metric in ANALYSABLE_METRICS] if mineral else []
        return self._figures[mineral]

    def prime(self, mineral: str, figures: list[Figure]) -> None:
        """Take a mineral's figures another reader already has (the card service reads every
        metric of a mineral; reading them twice doubled a cold country card's time)."""
        if self._all_loaded or (self._figures is not None and mineral in self._figures):
            return
        if self._figures is None:
            self._figures = {}
        self._figures[mineral] = [f for f in figures if f.metric in ANALYSABLE_METRICS]

    def all_figures(self) -> dict[str, list[Figure]]:
        """Every mineral's figures, read in one pass (the matrix and country weights need all)."""
        if not self._all_loaded:
            grouped: dict[str, list[Figure]] = defaultdict(list)
            for metric in ANALYSABLE_METRICS:
                for figure in self.ref.figures(metric=metric):
                    grouped[figure.mineral].append(figure)
            self._figures = dict(grouped)
            self._all_loaded = True
        return self._figures or {}

    def stages(self, mineral: str, year: int | None = None) -> dict[str, StageSeries | None]:
        """The series standing for each stage (latest not after ``year``), computed once."""
        key = (mineral, year)
        if key not in self._tables:
            self._tables[key] = stage_table(self.figures(mineral), mineral, year)
        return self._tables[key]

    def check_mineral(self, mineral: str) -> str:
        ident = (mineral or "").strip().lower()
        if not ident or self.ref.mineral(ident) is None:
            raise AnalysisError(f"unknown mineral {mineral!r}")
        return ident

    def series(self, mineral: str, *, metric: str | None = None, stage: str | None = None,
               product: str | None = None, year: int | None = None,
               exact_year: bool = False) -> StageSeries:
        mineral = self.check_mineral(mineral)
        if metric is not None and metric not in ANALYSABLE_METRICS:
            raise AnalysisError(f"unknown metric {metric!r}; use one of "
                                f"{', '.join(ANALYSABLE_METRICS)}")
        if stage is not None and stage not in STAGES:
            raise AnalysisError(f"unknown stage {stage!r}; use one of {', '.join(STAGES)}")
        key = (mineral, metric, stage, product, year, exact_year)
        if key not in self._series:  # a memo block or command asks the same question 2-3 times
            if len(self._series) > 1024:  # typed-in products and years: keep it bounded
                self._series.clear()
            self._series[key] = self._pick(mineral, metric, stage, product, year, exact_year)
        found = self._series[key]
        if isinstance(found, str):
            raise AnalysisError(found)
        return found

    def _pick(self, mineral: str, metric: str | None, stage: str | None, product: str | None,
              year: int | None, exact_year: bool) -> StageSeries | str:
        """The series, or the sentence saying why there is none."""
        stages = [stage] if (stage or metric) else list(DEFAULT_STAGE_ORDER)
        problem = ""
        for candidate in stages:
            try:
                return pick_series(self.figures(mineral), mineral, stage=candidate,
                                   metric=metric, product=product, year=year,
                                   exact_year=exact_year)
            except SeriesUnavailable as exc:
                problem = problem or str(exc)
        return problem

    # -- blocs --------------------------------------------------------------------------------
    def _container(self, ident: str) -> Container | None:
        group = self.ref.group(ident)
        if group is not None:
            return Container(group.id, group.short_name or group.name, group.members,
                             [group.source] if group.source else [], "group")
        initiative = self.ref.initiative(ident)
        if initiative is not None:
            ended = initiative.status in ENDED_STATUSES and initiative.status_date
            return Container(initiative.id, initiative.short_name or initiative.name,
                             initiative.members, initiative.sources,
                             launched=initiative.launched,
                             caveat=MEMBERSHIP_CAVEATS.get(initiative.id, ""),
                             ended=initiative.status_date if ended else "",
                             ended_how=initiative.status if ended else "")
        return None

    def bloc(self, spec: str, as_of: str | None = None) -> Bloc:
        as_of = self._date(as_of)
        key = (spec, as_of)
        if key not in self._blocs:
            try:
                self._blocs[key] = resolve_bloc(spec, as_of, self._container,
                                                self.ref.is_country, self.ref.name_of)
            except BlocError as exc:
                raise AnalysisError(str(exc)) from None
            if len(self._blocs) > 256:  # custom blocs and dates: keep the cache small
                self._blocs.pop(next(iter(self._blocs)))
        return self._blocs[key]

    def _date(self, as_of: str | None) -> str:
        if not as_of:
            return self._today()
        try:
            return dt.date.fromisoformat(as_of.strip()).isoformat()
        except ValueError:
            raise AnalysisError(f"{as_of[:40]!r} is not a date like 2026-01-12") from None

    def presets(self) -> list[tuple[str, str]]:
        """Preset blocs whose every part exists in this reference DB."""
        out = []
        for spec, label in PRESET_BLOCS:
            if all(self._container(t.partition(":")[0]) is not None for t in parse_spec(spec)):
                out.append((spec, label))
        return out

    # -- questions ----------------------------------------------------------------------------
    def concentration(self, mineral: str, **where: Any) -> Concentration:
        return Concentration(self.series(mineral, **where))

    def coverage(self, spec: str, mineral: str, as_of: str | None = None,
                 **where: Any) -> BlocCoverage:
        bloc = self.bloc(spec, as_of)
        return bloc_coverage(self.series(mineral, **where).shares, bloc)

    def stress(self, mineral: str, remove: str, as_of: str | None = None,
               allies_only: bool = False, **where: Any) -> StressResult:
        series = self.series(mineral, **where)
        bloc = self.bloc(remove, as_of)
        if allies_only:
            return stress_allies_only(series.shares, bloc.members, bloc.name)
        return stress_remove(series.shares, bloc.members, bloc.name)

    def matrix(self, spec: str, year: int | None = None, as_of: str | None = None
               ) -> tuple[Bloc, list[MatrixRow]]:
        """Minerals × stages for one bloc; minerals without any country figures are left out."""
        bloc = self.bloc(spec, as_of)
        self.all_figures()
        rows = []
        for mineral, name, _family in self.ref.minerals():
            if not self.figures(mineral):
                continue
            table = self.stages(mineral, year)
            cells = {stage: None if s is None else MatrixCell(s, bloc_coverage(s.shares, bloc))
                     for stage, s in table.items()}
            if any(cells.values()):
                rows.append(MatrixRow(mineral, name, cells))
        return bloc, rows

    def gap(self, mineral: str, year: int | None = None) -> tuple[StageSeries, StageSeries,
                                                                  list[GapRow]]:
        """Reserves against mine output, the output of the reserves' year (or the one before)."""
        mineral = self.check_mineral(mineral)
        reserves = self.stages(mineral, year)["reserves"]
        if reserves is None:
            raise AnalysisError(f"no reserves with country shares for {mineral}")
        production = self.stages(mineral, reserves.year)["mining"]
        if production is None:
            raise AnalysisError(f"no mine production with country shares for {mineral}")
        return reserves, production, reserves_production_gap(reserves.shares, production.shares)

    def us_view(self, mineral: str) -> USView:
        mineral = self.check_mineral(mineral)
        if mineral not in self._us_views:
            self._us_views[mineral] = self._us_view(mineral)
        return self._us_views[mineral]

    def _us_view(self, mineral: str) -> USView:
        reliance = [f for f in self.ref.figures(mineral=mineral, metric="net_import_reliance")
                    if f.country == "USA"]
        imports = [f for f in self.ref.figures(mineral=mineral, metric="import_source_share")]
        if not reliance and not imports:
            raise AnalysisError(f"USGS gives no US import figures for {mineral}")
        tables = self.stages(mineral)
        chosen = tables.get("refining") or tables.get("mining")
        if chosen is None:
            return us_view(reliance, imports, None)
        return us_view(reliance, imports, chosen.shares, chosen.stage, chosen.year)

    def country_weights(self, iso3: str, year: int | None = None) -> list[CountryWeight]:
        """Every mineral stage in which the country is a named supplier, largest share first."""
        out = []
        minerals = self.ref.minerals_with_figures(iso3) if not self._all_loaded else \
            sorted(m for m, figures in self.all_figures().items()
                   if any(f.country == iso3 for f in figures))
        for mineral in minerals:
            for stage, series in self.stages(mineral, year).items():
                if series is None or stage == "reserves":
                    continue
                hit = next((s for s in series.shares.shares if s.country == iso3), None)
                if hit is not None:
                    out.append(CountryWeight(series, hit.share, hit.rank,
                                             stress_remove(series.shares, {iso3})))
        return sorted(out, key=lambda w: (-w.share, w.series.mineral, w.series.stage))
