"""The exposure kinds of data block: reserves against output (``reserves-gap``), and the US
import picture (``us-imports``).

They ask the same workbench as the analysis kinds, so the memo prints exactly the rows the
mineral card shows. A share the source does not give in numbers (USGS "W", withheld) is printed
as what the source printed, never as zero.
"""

from __future__ import annotations

from desktop.analysis.stages import STAGE_LABELS
from desktop.blocks.context import BlockContext, Params, unique
from desktop.domain.models import Source
from desktop.domain.numbers import percent, points_between, reliance, share_or_published
from desktop.domain.resolved import ResolvedBlock

GAP_NOTE = ("Gap = share of world reserves minus share of world mine production, in percentage "
            "points: positive = the country holds more of the ground than it mines today. "
            "'Other countries' is never a country row.")


def reserves_gap(ctx: BlockContext, p: Params) -> ResolvedBlock:
    mineral, year, top = p["mineral"], p["year"], p["top"]
    reserves, production, rows = ctx.ask(lambda: ctx.workbench.gap(mineral, year))
    shown = rows[:top]
    table = [[r.name, share_or_published(r.reserves_share, r.reserves_text),
              share_or_published(r.production_share, r.production_text),
              points_between(r.reserves_share, r.production_share)]
             for r in shown]
    method = [GAP_NOTE, f"Reserves shares are of the {reserves.shares.denominator_kind.label}, "
                        f"output shares of the {production.shares.denominator_kind.label}."]
    notes = []
    if len(rows) > top:
        notes.append(f"{len(rows) - top} more countries not shown (top: {top}).")
    unknown = [r.name for r in rows if r.gap is None]
    if unknown:
        notes.append("Gap unknown where USGS withholds or gives no number: "
                     + ", ".join(unknown) + ".")
    name = ctx.repo.name_of_mineral(mineral)
    return ResolvedBlock(
        kind="reserves-gap",
        title=f"{name}: share of world reserves ({reserves.year}) against share of mine "
              f"production ({production.year})",
        columns=["Country", "Share of reserves", "Share of output", "Gap"],
        rows=table, numeric=[False, True, True, True], note=" ".join(notes),
        method=" ".join(method), sources=unique([*reserves.sources, *production.sources]))


def us_imports(ctx: BlockContext, p: Params) -> ResolvedBlock:
    mineral = p["mineral"]
    view = ctx.ask(lambda: ctx.workbench.us_view(mineral))
    stage = STAGE_LABELS.get(view.world_stage, "world supply").lower()
    rows = [[s.name, "?" if s.share_of_imports is None else percent(s.share_of_imports),
             "" if s.world_share is None else f"{percent(s.world_share)} (#{s.world_rank})"]
            for s in view.sources]
    trend = " ".join(
        (f"{product}: " if product else "") + "; ".join(
            f"{f.year} {reliance(f.value_text)}" for f in figures) + "."
        for product, figures in view.reliance_by_product().items())
    period = view.sources[0].period if view.sources else ""
    notes, method = [], []
    if trend:
        notes.append(f"US net import reliance (% of apparent consumption) — {trend}")
    if view.world is not None:
        method.append(f"World share: each supplier's share of world {stage} in "
                      f"{view.world_year} (rank among named countries), so a reader sees "
                      "how concentrated the US's suppliers are themselves.")
    headline = (f"net import reliance {view.reliance_headline()}" if view.reliance
                else "import sources")
    sources: list[Source] = [f.source for f in [*view.reliance, *view.import_figures]]
    if view.world is not None:
        sources += [s.figure.source for s in view.world.shares]
    name = ctx.repo.name_of_mineral(mineral)
    return ResolvedBlock(
        kind="us-imports", title=f"{name}: US {headline}",
        columns=["Import source", f"Share of US imports{f' ({period})' if period else ''}",
                 f"World share ({stage}, {view.world_year})" if view.world is not None
                 else "World share"],
        rows=rows or [["(USGS lists no import sources)", "", ""]],
        numeric=[False, True, True], note=" ".join(notes), method=" ".join(method),
        sources=unique(sources))
