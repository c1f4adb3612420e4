"""The market kinds of data block: USGS prices (``price``), price floors beside the market
(``price-floor``) and partners' import dependence (``dependence``).

They ask the same market desk as the cards and ``briefdesk analyze``, so a memo prints the rows
the mineral and country cards show, with the same sources.
"""

from __future__ import annotations

import re

from desktop.analysis.dependence import best, best_per_cell, importer_name, share_cell, when
from desktop.blocks.context import BlockContext, BlockError, Params, unique
from desktop.domain.numbers import signed_amount, signed_percent, with_estimate
from desktop.domain.resolved import ResolvedBlock

MAX_MINERALS = 20


def _span(p: Params) -> tuple[int | None, int | None]:
    """'years: 2021-2025' (or 2021–2025, or one year), else 'from:' and 'to:'."""
    text = p["years"]
    if not text:
        return p["from"], p["to"]
    found = re.fullmatch(r"\s*(\d{4})\s*(?:[-–]\s*(\d{4}))?\s*", text)
    if not found:
        raise BlockError(f"'years:' is one year or a span like 2021-2025, not {text[:40]!r}")
    first, last = int(found.group(1)), int(found.group(2) or found.group(1))
    if first > last:
        raise BlockError(f"'years:' {first} comes after {last}")
    return first, last


def price(ctx: BlockContext, p: Params) -> ResolvedBlock:
    mineral = p["mineral"]
    series = ctx.ask(lambda: ctx.workbench.markets.price(mineral, p["product"]))
    first, last = _span(p)
    years = sorted({f.year for s in series for f in s.figures
                    if (first is None or f.year >= first) and (last is None or f.year <= last)})
    if not years:
        raise BlockError("no price in the years asked for")
    rows = []
    for s in series:
        cells = []
        for year in years:
            figure = s.at(year)
            cells.append("" if figure is None else with_estimate(figure.value_text,
                                                                 figure.estimated))
        rows.append([s.product or "(main series)", s.unit, *cells])
    bases = list(dict.fromkeys(s.basis for s in series if s.basis))
    notes = ["e = estimate."] + \
        [f"{s.product or 'Main series'}: {s.basis}" for s in series if s.basis and len(bases) > 1]
    if len(bases) == 1:
        notes.append(bases[0])
    name = ctx.repo.name_of_mineral(mineral)
    return ResolvedBlock(kind="price", title=f"{name}: prices, {years[0]}–{years[-1]}",
                         columns=["Product", "Unit", *[str(y) for y in years]], rows=rows,
                         numeric=[False, False, *[True] * len(years)], note=" ".join(notes),
                         method="Annual prices as USGS prints them.",
                         sources=unique([src for s in series for src in s.sources]))


def price_floor(ctx: BlockContext, p: Params) -> ResolvedBlock:
    desk = ctx.workbench.markets
    if p["floor"]:
        floors = [ctx.ask(lambda: desk.floor(p["floor"]))]
    else:
        floors = desk.floors(p["mineral"])
        if not floors:
            raise BlockError("no price floor recorded"
                             + (f" for {ctx.repo.name_of_mineral(p['mineral'])}"
                                if p["mineral"] else ""))
    comparisons = [c for f in floors for c in desk.compare(f, p["year"])]
    rows, notes = [], []
    for c in comparisons:
        floor = c.floor
        set_by = ctx.repo.name_of(floor.actor)
        floor_text = f"{floor.value_text} {floor.unit}" if floor.value is not None else \
            "no number published"
        market = "" if c.market is None else \
            f"{with_estimate(c.market.value_text, c.market.estimated)} {c.market.unit} ({c.year})"
        gap = "" if c.gap is None else f"{signed_amount(c.gap)} ({signed_percent(c.gap_share)})"
        rows.append([floor.product, set_by, floor.effective or floor.announced, floor_text,
                     market, gap])
        notes.append(c.formula() + ".")
    title = "Price floor against the market" if len(floors) == 1 else \
        "Price floors against the market"
    return ResolvedBlock(kind="price-floor", title=title,
                         columns=["Product", "Set by", "From", "Floor", "Market (USGS)",
                                  "Gap (floor − market)"],
                         rows=rows, numeric=[False, False, False, True, True, True],
                         method=" ".join(dict.fromkeys(notes)),
                         sources=unique([s for c in comparisons for s in c.sources]))


def dependence(ctx: BlockContext, p: Params) -> ResolvedBlock:
    importer, minerals, supplier = p["importer"], p["minerals"] or [], p["supplier"]
    if p["mineral"]:
        minerals = [p["mineral"], *[m for m in minerals if m != p["mineral"]]]
    if not (importer or minerals or supplier):
        raise BlockError("give 'importer:', 'mineral:' (or 'minerals:') or 'supplier:'")
    desk = ctx.workbench.markets
    items = [d for d in desk.dependence(importer, None, supplier)
             if not minerals or d.mineral in minerals]
    shown, left_out = (items, 0) if p["all"] else best_per_cell(items)
    name = lambda code: importer_name(code, ctx.repo.name_of)  # noqa: E731
    rows = [[name(d.importer), ctx.repo.name_of_mineral(d.mineral), d.product,
             ctx.repo.name_of(d.supplier), share_cell(d), when(d), d.basis_label]
            for d in sorted(shown, key=lambda d: (d.importer, minerals.index(d.mineral)
                                                  if d.mineral in minerals else 0,
                                                  d.mineral, -(d.year or 0), -d.share))]
    notes, method = [], []
    if left_out:
        method.append(f"For each importer and mineral the newest figure is shown (an official "
                      f"page before a report of it, the clearest basis first); {left_out} other "
                      "figures are in the data ('all: yes' lists them).")
    if importer and minerals and items:
        missing = [ctx.repo.name_of_mineral(m) for m in minerals
                   if best([d for d in items if d.mineral == m]) is None]
        if missing:
            notes.append(f"No official figure found for {name(importer)}: "
                         f"{', '.join(missing)}.")
    if not items:
        searched = desk.searched().get(importer or "")
        notes.append(f"No official figure found (searched {searched[0]}: {searched[1]})."
                     if searched else "No official figure found.")
    bases = {d.basis_label for d in shown}
    if len(bases) > 1:
        notes.append("These shares are of different things and are not comparable as they "
                     f"are: {'; '.join(sorted(bases))}.")
    scope = ", ".join(filter(None, [name(importer) if importer else "",
                                    ", ".join(ctx.repo.name_of_mineral(m) for m in minerals),
                                    f"supplier {ctx.repo.name_of(supplier)}" if supplier
                                    else ""]))
    return ResolvedBlock(kind="dependence", title=f"Import dependence: {scope}",
                         columns=["Importer", "Mineral", "Product", "Supplier", "Share", "Year",
                                  "Basis"],
                         rows=rows, numeric=[False, False, False, False, True, False, False],
                         note=" ".join(notes), method=" ".join(method),
                         sources=unique([d.source for d in shown]))



