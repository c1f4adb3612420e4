"""The analysis kinds of data block: concentration, a bloc against China, and a stress test.

They ask the analysis workbench (``desktop.analysis.workbench``) rather than read figures
themselves, so a memo prints the same series, numbers and formulas as the analysis views. Their
keys are listed in ``desktop.blocks.registry``.

Each resolves to a table whose note carries the arithmetic (the workbench's formula text), and
cites the series' sources, the bloc's membership sources and, for the HHI band, the 2023 Merger
Guidelines. A block naming neither metric nor stage uses mining, else refining, downstream or
reserves (the workbench's order). ``year`` is exact; without it the latest year is used.
``as-of`` (a date) fixes the bloc's membership; without it, today's. Problems raise
``BlockError``, which the resolver turns into an error block.
"""

from __future__ import annotations

from typing import Any

from desktop.analysis.concentration import HHI_BAND_SOURCE, OTHERS_RULE
from desktop.analysis.shares import Share
from desktop.analysis.stages import STAGES, StageSeries
from desktop.blocks.context import BlockContext, BlockError, Params, unique
from desktop.domain.models import Source
from desktop.domain.numbers import NEGLIGIBLE, percent, published_value, whole, with_estimate
from desktop.domain.resolved import ChartSpec, ResolvedBlock


def concentration(ctx: BlockContext, p: Params) -> ResolvedBlock:
    mineral = p["mineral"]
    where = _pin(ctx, p)
    result = ctx.ask(lambda: ctx.workbench.concentration(mineral, **where))
    series, shares = result.series, result.shares
    top = p["top"]
    rows = [[str(s.rank), s.name, _shown_value(s, series), percent(s.share)]
            for s in shares.shares[:top]]
    rows += _remainder_rows(shares.shares[top:], shares.residual_share)
    top1 = result.top1
    summary = (f"HHI {whole(result.hhi)} ({result.band.label}); "
               f"{result.top3_text(short=True).lower()}"
               + (f"; largest supplier {top1.name}, {percent(top1.share)}" if top1 else "")
               + ". ")
    formula = result.formula()
    if OTHERS_RULE not in formula:  # the formula repeats the rule only when there is a rest
        formula += f" {OTHERS_RULE}."
    estimate = "e = estimate. " if any(f.estimated for f in series.figures) else ""
    return ResolvedBlock(
        kind="concentration",
        title=f"{ctx.repo.name_of_mineral(mineral)}: concentration of "
              f"{series.describe()} ({_unit(series)})",
        columns=["Rank", "Country", f"{series.year} ({_unit(series)})", "Share"],
        rows=rows, numeric=[True, False, True, True],
        note=f"{summary}{estimate}".strip(), method=f"How it is worked out: {formula}",
        sources=unique([*series.sources, *_band_source(ctx)]))


def bloc(ctx: BlockContext, p: Params) -> ResolvedBlock:
    spec, mineral, as_of = p["group"], p["mineral"], p["as-of"]
    where = _pin(ctx, p)
    coverage = ctx.ask(lambda: ctx.workbench.coverage(spec, mineral, as_of, **where))
    members = coverage.bloc
    series = ctx.ask(lambda: ctx.workbench.series(mineral, **where))
    label = p["name"] or members.name
    rows = [[s.name, percent(s.share)] for s in coverage.members]
    rows += [[f.country_name or f.country, f"{f.value_text} (no number)"]
             for f in coverage.unmeasured]
    rows.append(["Bloc total", coverage.bloc_text()])
    if coverage.rival_listed:
        member = " (a bloc member)" if coverage.rival_in_bloc else ""
        rows.append([f"China{member}", percent(coverage.rival_share)])
    else:
        rows.append(["China (not listed)", coverage.rival_text()])
    method = [coverage.formula(), *(f"{n}." for n in members.notes)]
    if coverage.absent:
        names = [ctx.repo.name_of(code) for code in coverage.absent]
        shown = ", ".join(names[:12]) + (f" and {len(names) - 12} more" if len(names) > 12
                                          else "")
        method.append(f"No figure in this series for: {shown}.")
    note = "A lower bound: only members with a named figure are counted."
    name = ctx.repo.name_of_mineral(mineral)
    china = (coverage.rival_share if coverage.rival_listed and not coverage.rival_in_bloc
             else None)
    return ResolvedBlock(
        kind="bloc",
        title=f"{label} and China: {name}, {series.describe()} (members on {members.as_of})",
        columns=["Country", "Share"], rows=rows, numeric=[False, True],
        chart=_bloc_chart(label, coverage.bloc_share, china, series.describe())
        if p["chart"] and coverage.bloc_listed else None,
        note=note, method=" ".join(method), sources=list(series.sources),
        membership_sources=list(members.sources))


def stress(ctx: BlockContext, p: Params) -> ResolvedBlock:
    if p["remove"] and p["keep"]:
        raise BlockError("give either 'remove:' or 'keep:', not both")
    allies_only = bool(p["keep"])
    spec = p["keep"] if allies_only else p["remove"]
    if not spec:
        raise BlockError("'remove:' is missing (a supplier or bloc to take offline, e.g. CHN "
                         "or g7; or 'keep:' for allies only)")
    mineral, as_of, top = p["mineral"], p["as-of"], p["top"]
    where = _pin(ctx, p)
    result = ctx.ask(lambda: ctx.workbench.stress(mineral, spec, as_of, allies_only, **where))
    members = ctx.ask(lambda: ctx.workbench.bloc(spec, as_of))
    series = ctx.ask(lambda: ctx.workbench.series(mineral, **where))
    rows = [[s.name, percent(s.share_before), percent(s.share_after)]
            for s in result.shares_after[:top]]
    rest = result.shares_after[top:]
    if rest:
        rows.append([f"Other named suppliers ({len(rest)})",
                     percent(sum(s.share_before for s in rest)),
                     percent(sum(s.share_after for s in rest))])
    residual = result.shares.residual_share
    if not allies_only and residual > NEGLIGIBLE and result.remaining_share > 1e-9:
        rows.append(["Other countries (not named)", percent(residual),
                     percent(residual / result.remaining_share)])
    rows += [[f.country_name or f.country, published_value(f.value_text), "not measurable"]
             for f in result.shares.unquantified]  # never dropped, never "0.0 %"
    rows.append(["Offline: " + (result.label if not allies_only else "all but "
                                + result.label), percent(result.offline_share), "—"])
    name = ctx.repo.name_of_mineral(mineral)
    if allies_only:
        title = f"{name}, {series.describe()}: if only {result.label} supplied"
    else:
        title = f"{name}, {series.describe()}: if {result.label} stopped supplying"
    summary = (f"Offline: {percent(result.offline_share)} of supply; HHI "
               f"{whole(result.hhi_before)} → {result.hhi_after_text()}. ")
    method = ["How it is worked out: " + result.formula(), *(f"{n}." for n in members.notes)]
    if len(members.parts) > 1 or members.sources:  # a group or initiative, not one country
        method.append(f"Membership as of {members.as_of}.")
    return ResolvedBlock(
        kind="stress", title=title,
        columns=["Country", "Share before", "Share after"], rows=rows,
        numeric=[False, True, True], note=summary.strip(), method=" ".join(method),
        sources=unique([*series.sources, *_band_source(ctx)]),
        membership_sources=list(members.sources))


def _pin(ctx: BlockContext, p: Params) -> dict[str, Any]:
    """The exact series the block stands for, as workbench keywords (the workbench checks
    metric and stage, and without either takes mining, then refining, downstream, reserves)."""
    series = ctx.ask(lambda: ctx.workbench.series(
        p["mineral"], metric=p["metric"], stage=p["stage"], product=p["product"] or None,
        year=p["year"], exact_year=p["year"] is not None))
    return {"metric": series.metric, "stage": series.stage if series.stage in STAGES else None,
            "product": series.product, "year": series.year, "exact_year": True}


def _band_source(ctx: BlockContext) -> list[Source]:
    source = ctx.repo.source(HHI_BAND_SOURCE)
    return [source] if source is not None else []


def _unit(series: StageSeries) -> str:
    return "% of world" if series.unit == "percent" else series.unit


def _shown_value(share: Share, series: StageSeries) -> str:
    """The published value, 'e' for estimates; a share published in per cent as a bare number."""
    if series.unit == "percent":
        return with_estimate(f"{share.value:g}", share.figure.estimated)
    return with_estimate(share.figure.value_text, share.figure.estimated)


def _remainder_rows(rest: list[Share], residual: float) -> list[list[str]]:
    rows = []
    if rest:
        rows.append(["", f"Other named countries ({len(rest)})", "",
                     percent(sum(s.share for s in rest))])
    if residual > NEGLIGIBLE:
        rows.append(["", "Other countries (not named)", "", percent(residual)])
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
