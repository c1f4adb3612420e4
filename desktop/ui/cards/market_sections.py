"""Card sections for prices, price floors and import dependence (the mineral card, the country
card and the EU's group card share them). The data comes from ``desktop.services.markets``."""

from __future__ import annotations

from html import escape

from desktop.blocks.syntax import Block
from desktop.domain.numbers import signed_amount, signed_percent
from desktop.ui.cards.base import CardPanel, source_html
from desktop.ui.widgets.data_table import Column

MAX_PRICE_CHART_LINES = 6


def add_prices(panel: CardPanel, card: dict) -> None:
    """One table of every priced product by year, and a chart per unit when a few products
    share it."""
    prices = card.get("prices") or []
    if not prices:
        return
    years = sorted({r["year"] for s in prices for r in s["rows"]})
    rows = []
    for series in prices:
        row = {"product": series["product"] or "(main series)", "unit": series["unit"],
               "basis": series["basis"]}
        for r in series["rows"]:
            row[str(r["year"])] = r["value_text"] + ("e" if r["estimated"] and any(
                c.isdigit() for c in r["value_text"]) else "")
            row[f"{r['year']}_sort"] = r["value"]
        rows.append(row)
    sources = {s["id"]: s for series in prices for s in series["sources"]}
    panel.add_table("Prices (annual, as USGS prints them)", [
        Column("product", "Product", tooltip_key="basis"), Column("unit", "Unit"),
        *[Column(str(y), str(y), numeric=True, sort_key=f"{y}_sort") for y in years]], rows,
        source="e = estimate; hover a product for where its price comes from. "
               + " ".join(source_html(s) for s in sources.values()),
        block=Block("price", {"mineral": card["id"]}))
    by_unit: dict[str, list[dict]] = {}
    for series in prices:
        numeric = [(r["year"], r["value"]) for r in series["rows"] if r["value"] is not None]
        if len(numeric) >= 2:
            by_unit.setdefault(series["unit"], []).append({**series, "points": numeric})
    for unit, group in by_unit.items():
        if len(group) > MAX_PRICE_CHART_LINES:
            continue  # a dozen reagent lots read better in the table than as a tangle
        _add_price_chart(panel, card["name"], unit, group, sources)


def _add_price_chart(panel: CardPanel, name: str, unit: str, group: list[dict],
                     sources: dict[str, dict]) -> None:
    from desktop.ui.widgets.charts import line_chart

    lines = {(s["product"] or "Price")[:60]: s["points"] for s in group}
    note = " ".join(source_html(s) for s in sources.values())
    panel.add_widget(lambda: line_chart(f"{name}: prices ({unit})", lines, unit.capitalize(),
                                        note))


def add_price_floors(panel: CardPanel, card: dict) -> None:
    floors = card.get("price_floors") or []
    if not floors:
        return
    rows = []
    for f in floors:
        floor, market = f["floor"], f["market"]
        rows.append({
            "product": floor["product"], "actor": f["actor_name"],
            "from": floor["effective"] or floor["announced"],
            "floor": f"{floor['value_text']} {floor['unit']}" if floor["value"] is not None
            else "no number published",
            "market": "" if market is None else
            f"{market['value_text']}{'e' if market['estimated'] else ''} {market['unit']} "
            f"({f['year']})",
            "gap": "" if f["gap"] is None else
            f"{signed_amount(f['gap'])} {floor['unit']} ({signed_percent(f['gap_share'])})",
            "gap_sort": f["gap"], "formula": f["formula"], "id": floor["id"]})
    panel.add_table("Price floors against the market", [  # the numbers first: they are the point
        Column("floor", "Floor", numeric=True, tooltip_key="formula"),
        Column("market", "Market (USGS)", numeric=True, tooltip_key="formula"),
        Column("gap", "Gap (floor − market)", numeric=True, sort_key="gap_sort",
               tooltip_key="formula"),
        Column("from", "From"), Column("actor", "Set by"),
        Column("product", "Product", tooltip_key="formula")], rows,
        source="Market = the USGS annual price of the same product (or the nearest it "
               "publishes), in the floor's unit; hover a row for the arithmetic. Each floor's "
               "sources are on the event and in a memo block's endnotes.",
        block=Block("price-floor", {"mineral": card["id"]}))


def _dependence_rows(rows: list[dict]) -> list[dict]:
    return [dict(r, source_title=r["source"]["title"], year_sort=r["year"] or 0,
                 importer_link="group" if r["importer"] == "EU" else "country",
                 importer_id="eu27" if r["importer"] == "EU" else r["importer"],
                 tooltip=f"{r['source']['publisher']} — {r['note']}" if r["note"]
                 else r["source"]["publisher"])
            for r in rows]


def add_who_depends(panel: CardPanel, card: dict) -> None:
    """The mineral card's "Who depends on whom": every importer's published shares."""
    data = card.get("dependence") or {}
    rows = _dependence_rows(data.get("rows") or [])
    missing = ", ".join(escape(m["importer_name"]) for m in data.get("not_found") or [])
    if not rows and not missing:
        return
    notes = [escape(data.get("note") or "")]
    if missing:
        notes.append(f"No official figure found for: {missing}.")
    panel.add_table("Who depends on whom", [
        Column("importer_name", "Importer", link_kind_key="importer_link",
               link_key="importer_id"),
        Column("supplier_name", "Supplier", link_kind="country", link_key="supplier"),
        Column("share_cell", "Share", numeric=True, sort_key="share", tooltip_key="tooltip"),
        Column("when", "Year", sort_key="year_sort"), Column("basis_label", "Basis"),
        Column("product", "Product"), Column("source_title", "Source", tooltip_key="tooltip")],
        rows, source=" ".join(n for n in notes if n) or "Shares as each body published them.",
        block=Block("dependence", {"mineral": card["id"]}))
    if not rows:
        panel.add_text(f"Who depends on whom: no official figure found for {missing}.",
                       small=True)


def add_import_dependence(panel: CardPanel, data: dict | None) -> None:
    """A country's (or the EU's) import dependence, mineral by mineral."""
    if not data:
        return
    name = escape(data["importer_name"])
    rows = _dependence_rows(data["rows"])
    if not rows:
        searched = data.get("searched")
        panel.add_section("Import dependence")
        panel.add_text(f"No official figure found for {name}"
                       + (f" (searched {escape(searched['checked'])}: "
                          f"{escape(searched['note'])})." if searched else "."), small=True)
        return
    panel.add_table(f"Import dependence of {data['importer_name']}", [
        Column("mineral_name", "Mineral", link_kind="mineral", link_key="mineral"),
        Column("supplier_name", "Supplier", link_kind="country", link_key="supplier"),
        Column("share_cell", "Share", numeric=True, sort_key="share", tooltip_key="tooltip"),
        Column("when", "Year", sort_key="year_sort"), Column("basis_label", "Basis"),
        Column("product", "Product"), Column("source_title", "Source", tooltip_key="tooltip")],
        rows, source=escape(data.get("note") or "")
        or "Shares as each body published them; never derived from another country's data.",
        block=Block("dependence", {"importer": data["importer"]}))
