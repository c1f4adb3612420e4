"""The analysis sections of cards: concentration per stage on a mineral card, and on a country
card the country's weight in each mineral with what its removal would take offline.

Plain dictionaries, like the rest of a card, so ``briefdesk show`` prints exactly what the panels
draw.
"""

from __future__ import annotations

from desktop.analysis.blocs import bloc_coverage
from desktop.analysis.concentration import HHI_BAND_CITATION, Concentration
from desktop.analysis.stages import STAGE_LABELS
from desktop.analysis.stress import stress_remove
from desktop.analysis.workbench import AnalysisError, AnalysisWorkbench

RIVAL = "CHN"
REFERENCE_BLOC = "g7"


def mineral_concentration(wb: AnalysisWorkbench, mineral_id: str) -> list[dict]:
    """One row per supply-chain stage held: top-1, top-3, HHI and band, China and the G7."""
    try:
        g7 = wb.bloc(REFERENCE_BLOC)
    except AnalysisError:
        g7 = None
    rows = []
    for stage, series in wb.stages(mineral_id).items():
        if series is None:
            continue
        result = Concentration(series)
        shares = series.shares
        china = next((s for s in shares.shares if s.country == RIVAL), None)
        without = stress_remove(shares, {RIVAL}) if china is not None else None
        coverage = bloc_coverage(shares, g7) if g7 is not None else None
        rows.append({
            "stage": stage, "stage_label": STAGE_LABELS[stage], "metric": series.metric,
            "product": series.product, "year": series.year, "unit": series.unit,
            "series": series.describe(), "hhi": round(result.hhi, 3),
            "hhi_upper": round(result.hhi_upper, 3), "band": result.band.label,
            "band_id": result.band.ident,
            "top1": None if result.top1 is None else {
                "country": result.top1.country, "name": result.top1.name,
                "share": round(result.top1.share, 6)},
            "top3_share": round(result.top3_share, 6),
            "top1_exact": shares.top_exact(1), "top3_exact": shares.top_exact(3),
            "residual_share": round(shares.residual_share, 6),
            "china_share": None if china is None else round(china.share, 6),
            "without_china": None if without is None else {
                "offline_share": round(without.offline_share, 6),
                "hhi_after": _round(without.hhi_after),
                "band_after": without.band_after.label,
                "band_after_id": without.band_after.ident},
            "g7_share": None if coverage is None else round(coverage.bloc_share, 6),
            "g7_text": "" if coverage is None else coverage.bloc_text(),
            "china_text": "not listed" if coverage is None else coverage.rival_text(),
            "formula": result.formula(),
            "source": series.figures[0].source.brief()})
    return rows


def country_weights(wb: AnalysisWorkbench, iso3: str, name_of_mineral) -> list[dict]:
    """The country's share and rank in each mineral stage, and its removal's effect."""
    out = []
    for weight in wb.country_weights(iso3):
        series, stress = weight.series, weight.stress
        out.append({"mineral": series.mineral, "mineral_name": name_of_mineral(series.mineral),
                    "stage": series.stage, "stage_label": STAGE_LABELS[series.stage],
                    "metric": series.metric, "product": series.product, "year": series.year,
                    "share": round(weight.share, 6), "rank": weight.rank,
                    "of": len(series.shares.shares),
                    "offline_share": round(stress.offline_share, 6),
                    "hhi_before": round(stress.hhi_before, 3),
                    "hhi_after": _round(stress.hhi_after), "band_after": stress.band_after.label,
                    "band_after_id": stress.band_after.ident,
                    "source": series.figures[0].source.brief()})
    return out


def reserves_gap(wb: AnalysisWorkbench, mineral_id: str) -> dict | None:
    """Share of world reserves minus share of world mine output, per country."""
    try:
        reserves, production, rows = wb.gap(mineral_id)
    except AnalysisError:
        return None
    return {"reserves_year": reserves.year, "production_year": production.year,
            "rows": [r.to_json() for r in rows],
            "sources": [s.brief() for s in {**{x.id: x for x in reserves.sources},
                                            **{x.id: x for x in production.sources}}.values()]}


def supplier_weights(wb: AnalysisWorkbench, mineral_id: str, imports: list[dict]) -> list[dict]:
    """US import sources, each with its own share of world supply (refining, else mining)."""
    if not imports:
        return imports
    try:
        view = wb.us_view(mineral_id)
    except AnalysisError:
        return imports
    weights = {s.country: s for s in view.sources}
    out = []
    for row in imports:
        weight = weights.get(row["country"])
        out.append({**row,
                    "world_share": None if weight is None else weight.world_share,
                    "world_rank": None if weight is None else weight.world_rank,
                    "world_stage": STAGE_LABELS.get(view.world_stage, ""),
                    "world_year": view.world_year})
    return out


BAND_NOTE = (f"HHI band: {HHI_BAND_CITATION}. 'Other countries' counts in the world total but "
             "never as a supplier or as part of a bloc.")


def _round(value: float | None) -> float | None:
    """Three decimals: the cards print whole numbers, and a value already rounded to 4,558.5
    would print 4,558 beside a formula that says 4,559."""
    return None if value is None else round(value, 3)
