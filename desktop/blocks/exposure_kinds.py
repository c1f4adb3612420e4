"""The exposure kinds of data block: reserves against output (``reserves-gap``), and the US
import picture (``us-imports``).

They ask the same workbench as the analysis kinds, so the memo prints exactly the rows the
mineral card shows. A share the source does not give in numbers (USGS "W", withheld) is printed
as what the source printed, never as zero.
"""

from __future__ import annotations

from desktop.analysis.exposure import ImportSource
from desktop.analysis.stages import STAGE_LABELS
from desktop.blocks.context import BlockContext, BlockError, Params, unique
from desktop.domain.models import Source
from desktop.domain.numbers import points_between, reliance, share_or_published
from desktop.domain.products import matching_products
from desktop.domain.resolved import ResolvedBlock, TablePart

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
    forms = view.forms()
    if p["form"]:
        wanted = matching_products([form for form, _sources in forms], p["form"])
        if not wanted:
            raise BlockError(f"USGS gives no {mineral} import sources for the form "
                             f"{p['form']!r}; its forms: "
                             + "; ".join(form or "(one form)" for form, _ in forms))
        forms = [(form, group) for form, group in forms if form in wanted]
    trend = " ".join(
        (f"{product}: " if product else "") + "; ".join(
            f"{f.year} {reliance(f.value_text)}" for f in figures) + "."
        for product, figures in view.reliance_by_product().items())
    shown = [s for _form, group in forms for s in group]
    period = shown[0].period if shown else ""
    notes, method = [], []
    if trend:
        notes.append(f"US net import reliance (% of apparent consumption) — {trend}")
    if view.world is not None:
        method.append(f"World share: each supplier's share of world {stage} in "
                      f"{view.world_year} (rank among named countries), so a reader sees "
                      "how concentrated the US's suppliers are themselves.")
    headline = (f"net import reliance {view.reliance_headline()}" if view.reliance
                else "import sources")
    shown_forms = {form for form, _ in forms}
    sources: list[Source] = [f.source for f in view.reliance]
    sources += [f.source for f in view.import_figures if f.product in shown_forms]
    if view.world is not None:
        sources += [s.figure.source for s in view.world.shares]
    name = ctx.repo.name_of_mineral(mineral)
    weighed = view.world is not None
    columns = ["Import source", f"Share of US imports{f' ({period})' if period else ''}"]
    if weighed:  # no empty column where USGS gives no world table
        columns.append(f"World share ({stage}, {view.world_year})")
    numeric = [False, True, True][:len(columns)]
    tables = [TablePart(form, columns, [_import_row(s, weighed) for s in group], numeric)
              for form, group in forms]
    title = f"{name}: US {headline}"
    if len(tables) > 1:
        method.append("USGS gives the import shares of each form separately: each table adds "
                      "up on its own, and a country's share differs from one form to another.")
    elif p["form"] and forms[0][0]:
        title += f" — imports of {forms[0][0][:1].lower()}{forms[0][0][1:]}"
    rows = tables[0].rows if len(tables) == 1 else []
    if not tables:
        rows = [["(USGS lists no import sources)", *[""] * (len(columns) - 1)]]
    return ResolvedBlock(
        kind="us-imports", title=title, columns=columns, rows=rows, numeric=numeric,
        parts=tables if len(tables) > 1 else [], note=" ".join(notes),
        method=" ".join(method), sources=unique(sources))


def _import_row(source: ImportSource, weighed: bool) -> list[str]:
    row = [source.name, source.share_text]
    return [*row, source.world_text] if weighed else row
