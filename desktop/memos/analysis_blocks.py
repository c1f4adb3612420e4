"""The analysis kinds of data block: concentration, a bloc against China, and a stress test.

They ask the analysis workbench (``desktop.analysis.workbench``) rather than read figures
themselves, so a memo prints the same series, numbers and formulas as the analysis views::

    kind: concentration   mineral, metric or stage, product, year, top
    kind: bloc            group (a bloc expression such as g7 or msp+AUS), mineral, metric or
                          stage, product, year, as-of, chart (yes: a bar of bloc, China, rest)
    kind: stress          mineral, remove or keep (a bloc expression), metric or stage, product,
                          year, as-of

Each resolves to a table whose note carries the arithmetic (the workbench's formula text), and
cites the series' sources, the bloc's membership sources and, for the HHI band, the 2023 Merger
Guidelines. A block naming neither metric nor stage uses mining, else refining, downstream or
reserves (the workbench's order). ``year`` is exact; without it the latest year is used. ``as-of`` (a date)
fixes the bloc's membership; without it, today's. Problems raise ``BlockError``, which the
resolver turns into an error block.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from desktop.analysis.blocs import MAX_SPEC
from desktop.analysis.concentration import HHI_BAND_SOURCE, OTHERS_RULE
from desktop.analysis.shares import Share
from desktop.analysis.stages import STAGES, StageSeries
from desktop.analysis.workbench import AnalysisError, AnalysisWorkbench
from desktop.domain.models import Source
from desktop.domain.resolved import ChartSpec, ResolvedBlock
from desktop.memos.resolve import MAX_TOP, BlockError, _int, _pct, _unique, _value_text
from desktop.reference.repository import ReferenceRepository

KIND_KEYS = {
    "concentration": ("mineral", "metric", "stage", "product", "year", "top"),
    "bloc": ("group", "name", "mineral", "metric", "stage", "product", "year", "as-of", "chart"),
    "stress": ("mineral", "remove", "keep", "metric", "stage", "product", "year", "as-of", "top"),
    "reserves-gap": ("mineral", "year", "top"),  # resolved in exposure_blocks
    "us-imports": ("mineral",),
}
STAMP_KEYS = ("data-pack", "values", "checksum")  # written by "Add to memo"; not read here
MAX_VALUE = 200  # characters in one value; bloc expressions may be as long as the workbench takes
SPEC_KEYS = ("group", "remove", "keep")
STRESS_ROWS = 10
RESIDUAL = 0.0005  # below this the unnamed remainder is not worth a row
YES, NO = ("yes", "true", "on", "1"), ("no", "false", "off", "0", "")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class AnalysisBlocks:
    """Resolves the three analysis kinds; one per ``BlockResolver``, the workbench made on first
    use and kept (it caches the figures)."""

    def __init__(self, repo: ReferenceRepository) -> None:
        self.repo = repo
        self._workbench: AnalysisWorkbench | None = None

    @property
    def workbench(self) -> AnalysisWorkbench:
        if self._workbench is None:
            self._workbench = AnalysisWorkbench(self.repo)
        return self._workbench

    def handlers(self) -> dict[str, Callable[[dict[str, str]], ResolvedBlock]]:
        return {"concentration": self.concentration, "bloc": self.bloc, "stress": self.stress}

    # -- the kinds ----------------------------------------------------------------------------
    def concentration(self, params: dict[str, str]) -> ResolvedBlock:
        self._check_keys("concentration", params)
        mineral = self._mineral(params)
        top = _int(params, "top", 8, 1, MAX_TOP)
        where = self._pin(mineral, params)
        result = self._ask(lambda: self.workbench.concentration(mineral, **where))
        series, shares = result.series, result.shares
        rows = [[str(s.rank), s.name, _shown_value(s, series), _pct(s.share)]
                for s in shares.shares[:top]]
        rows += _remainder_rows(shares.shares[top:], shares.residual_share)
        top1 = result.top1
        summary = (f"HHI {result.hhi:,.0f} ({result.band}); {result.top3_text(short=True).lower()}"
                   + (f"; largest supplier {top1.name}, {_pct(top1.share)}" if top1 else "")
                   + ". ")
        formula = result.formula()
        if OTHERS_RULE not in formula:  # the formula repeats the rule only when there is a rest
            formula += f" {OTHERS_RULE}."
        estimate = "e = estimate. " if any(f.estimated for f in series.figures) else ""
        return ResolvedBlock(
            kind="concentration",
            title=f"{self.repo.name_of_mineral(mineral)}: concentration of "
                  f"{series.describe()} ({_unit(series)})",
            columns=["Rank", "Country", f"{series.year} ({_unit(series)})", "Share"],
            rows=rows, numeric=[True, False, True, True],
            note=f"{summary}{estimate}How it is worked out: {formula}",
            sources=_unique([*series.sources, *self._band_source()]))

    def bloc(self, params: dict[str, str]) -> ResolvedBlock:
        self._check_keys("bloc", params)
        spec = self._spec(params, "group", "'group:' is missing (a bloc such as g7, msp+AUS "
                                           "or pax-silica:founding-member|signatory)")
        mineral = self._mineral(params)
        as_of = self._as_of(params)
        chart = params.get("chart", "").strip().lower()
        if chart not in YES + NO:
            raise BlockError(f"'chart:' is yes or no, not {chart[:40]!r}")
        where = self._pin(mineral, params)
        coverage = self._ask(lambda: self.workbench.coverage(spec, mineral, as_of, **where))
        bloc = coverage.bloc
        series = self._ask(lambda: self.workbench.series(mineral, **where))
        label = " ".join(params.get("name", "").split()) or bloc.name
        rows = [[s.name, _pct(s.share)] for s in coverage.members]
        rows += [[f.country_name or f.country, f"{f.value_text} (no number)"]
                 for f in coverage.unmeasured]
        rows.append(["Bloc total", coverage.bloc_text()])
        if coverage.rival_listed:
            member = " (a bloc member)" if coverage.rival_in_bloc else ""
            rows.append([f"China{member}", _pct(coverage.rival_share)])
        else:
            rows.append(["China (not listed)", coverage.rival_text()])
        notes = [coverage.formula(), *(f"{n}." for n in bloc.notes)]
        if coverage.absent:
            names = [self.repo.name_of(code) for code in coverage.absent]
            shown = ", ".join(names[:12]) + (f" and {len(names) - 12} more" if len(names) > 12
                                              else "")
            notes.append(f"No figure in this series for: {shown}.")
        name = self.repo.name_of_mineral(mineral)
        return ResolvedBlock(
            kind="bloc",
            title=f"{label} and China: {name}, {series.describe()} "
                  f"(members on {bloc.as_of})",
            columns=["Country", "Share"], rows=rows, numeric=[False, True],
            chart=_bloc_chart(label, coverage.bloc_share, coverage.rival_share
                              if coverage.rival_listed and not coverage.rival_in_bloc else None,
                              series.describe())
            if chart in YES and coverage.bloc_listed else None,
            note=" ".join(notes),
            sources=_unique([*series.sources, *bloc.sources]))

    def stress(self, params: dict[str, str]) -> ResolvedBlock:
        self._check_keys("stress", params)
        if params.get("remove", "").strip() and params.get("keep", "").strip():
            raise BlockError("give either 'remove:' or 'keep:', not both")
        allies_only = bool(params.get("keep", "").strip())
        key = "keep" if allies_only else "remove"
        spec = self._spec(params, key, "'remove:' is missing (a supplier or bloc to take "
                                       "offline, e.g. CHN or g7; or 'keep:' for allies only)")
        mineral = self._mineral(params)
        as_of = self._as_of(params)
        top = _int(params, "top", STRESS_ROWS, 1, MAX_TOP)
        where = self._pin(mineral, params)
        result = self._ask(lambda: self.workbench.stress(mineral, spec, as_of, allies_only,
                                                         **where))
        bloc = self._ask(lambda: self.workbench.bloc(spec, as_of))
        series = self._ask(lambda: self.workbench.series(mineral, **where))
        rows = [[s.name, _pct(s.share_before), _pct(s.share_after)]
                for s in result.shares_after[:top]]
        rest = result.shares_after[top:]
        if rest:
            rows.append([f"Other named suppliers ({len(rest)})",
                         _pct(sum(s.share_before for s in rest)),
                         _pct(sum(s.share_after for s in rest))])
        residual = result.shares.residual_share
        if not allies_only and residual > RESIDUAL and result.remaining_share > 1e-9:
            rows.append(["Other countries (not named)", _pct(residual),
                         _pct(residual / result.remaining_share)])
        rows.append(["Offline: " + (result.label if not allies_only else "all but "
                                    + result.label), _pct(result.offline_share), "—"])
        name = self.repo.name_of_mineral(mineral)
        if allies_only:
            title = f"{name}, {series.describe()}: if only {result.label} supplied"
        else:
            title = f"{name}, {series.describe()}: if {result.label} stopped supplying"
        summary = (f"Offline: {_pct(result.offline_share)} of supply; HHI "
                   f"{result.hhi_before:,.0f} → {result.hhi_after_text()}. ")
        notes = [summary + "How it is worked out: " + result.formula(),
                 *(f"{n}." for n in bloc.notes)]
        if len(bloc.parts) > 1 or bloc.sources:  # a group or initiative, not a single country
            notes.append(f"Membership as of {bloc.as_of}.")
        return ResolvedBlock(
            kind="stress", title=title,
            columns=["Country", "Share before", "Share after"], rows=rows,
            numeric=[False, True, True], note=" ".join(notes),
            sources=_unique([*series.sources, *bloc.sources, *self._band_source()]))

    # -- checking what the author wrote -------------------------------------------------------
    @staticmethod
    def _check_keys(kind: str, params: dict[str, str]) -> None:
        allowed = KIND_KEYS[kind]
        for key, value in params.items():
            if key in STAMP_KEYS:
                continue
            if key not in allowed:
                raise BlockError(f"unknown key {key!r}; a {kind} block takes "
                                 f"{', '.join(allowed)}")
            limit = MAX_SPEC if key in SPEC_KEYS else MAX_VALUE
            if len(value) > limit:
                raise BlockError(f"'{key}:' is {len(value):,} characters long; at most {limit}")

    def _mineral(self, params: dict[str, str]) -> str:
        ident = params.get("mineral", "").strip().lower()
        if not ident:
            raise BlockError("'mineral:' is missing (for example 'mineral: rare-earths')")
        return self._ask(lambda: self.workbench.check_mineral(ident))

    @staticmethod
    def _spec(params: dict[str, str], key: str, missing: str) -> str:
        spec = params.get(key, "").strip()
        if not spec:
            raise BlockError(missing)
        return spec

    @staticmethod
    def _as_of(params: dict[str, str]) -> str | None:
        text = params.get("as-of", "").strip()
        if not text:
            return None
        try:
            if not _DATE.match(text):
                raise ValueError
            return dt.date.fromisoformat(text).isoformat()
        except ValueError:
            raise BlockError(f"'as-of:' must be a date like 2026-11-28, not {text[:40]!r}"
                             ) from None

    def _pin(self, mineral: str, params: dict[str, str]) -> dict[str, Any]:
        """The exact series the block stands for, as workbench keywords (the workbench checks
        metric and stage, and without either takes mining, then refining, downstream, reserves)."""
        metric = params.get("metric", "").strip().lower() or None
        stage = params.get("stage", "").strip().lower() or None
        year = _int(params, "year", None, 1900, 2100)
        series = self._ask(lambda: self.workbench.series(
            mineral, metric=metric, stage=stage, product=params.get("product", "").strip() or None,
            year=year, exact_year=year is not None))
        return {"metric": series.metric, "stage": series.stage if series.stage in STAGES else None,
                "product": series.product, "year": series.year, "exact_year": True}

    @staticmethod
    def _ask(question: Callable[[], Any]) -> Any:
        try:
            return question()
        except AnalysisError as exc:
            raise BlockError(str(exc)) from None

    def _band_source(self) -> list[Source]:
        source = self.repo.source(HHI_BAND_SOURCE)
        return [source] if source is not None else []


def _unit(series: StageSeries) -> str:
    return "% of world" if series.unit == "percent" else series.unit


def _shown_value(share: Share, series: StageSeries) -> str:
    """The published value, 'e' for estimates; a share published in per cent as a bare number."""
    if series.unit == "percent":
        return f"{share.value:g}{'e' if share.figure.estimated else ''}"
    return _value_text(share.figure)


def _remainder_rows(rest: list[Share], residual: float) -> list[list[str]]:
    rows = []
    if rest:
        rows.append(["", f"Other named countries ({len(rest)})", "",
                     _pct(sum(s.share for s in rest))])
    if residual > RESIDUAL:
        rows.append(["", "Other countries (not named)", "", _pct(residual)])
    return rows


def _bloc_chart(bloc_name: str, bloc_share: float, china: float | None, what: str) -> ChartSpec:
    """Bloc, China (when listed and outside the bloc) and everyone else, in per cent."""
    label = bloc_name if len(bloc_name) <= 24 else "Bloc"
    categories, values = [label], [bloc_share]
    if china is not None:
        categories.append("China")
        values.append(china)
    categories.append("Rest of world")
    values.append(max(0.0, 1.0 - sum(values)))
    return ChartSpec("bar", f"{bloc_name}, China and the rest: {what}", f"Share of {what} (%)",
                     categories=categories, values=[round(100 * v, 1) for v in values])
