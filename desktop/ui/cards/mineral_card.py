"""The mineral card: who produces and processes it, how concentrated each stage is, US reliance."""

from __future__ import annotations

from html import escape

from desktop.blocks.syntax import Block
from desktop.domain.numbers import percent, whole, with_estimate
from desktop.domain.numbers import points as points_text
from desktop.domain.numbers import share_or_published as share_text
from desktop.domain.vocabulary import HhiBand
from desktop.services.analysis_cards import BAND_NOTE
from desktop.ui.cards.base import CardPanel, link, source_html
from desktop.ui.cards.entity_cards import measure
from desktop.ui.cards.market_sections import add_price_floors, add_prices, add_who_depends
from desktop.ui.widgets.data_table import Column

FLAG_NAMES = (("us_critical_2025", "US critical mineral (2025)"),
              ("eu_critical_2024", "EU critical raw material"),
              ("eu_strategic_2024", "EU strategic raw material"))
CHART_TOP = 8


class MineralCard(CardPanel):
    kind = "mineral"

    def build(self, card: dict) -> None:
        flags = [name for key, name in FLAG_NAMES if card.get(key)]
        facts = [f"<b>{escape(' · '.join(flags))}</b>" if flags else "",
                 escape(card["family"].replace("-", " ")),
                 escape(", ".join(card["symbols"][:17]))]
        main = card["stages"][0] if card["stages"] else None
        self.add_header(card["name"], " · ".join(f for f in facts if f),
                        self._stage_block(card["id"], main) if main else None)
        about = [escape(card["description"])]  # one label: each wrapped label costs a layout
        if card["uses"]:
            about.append("<b>Main uses:</b> " + escape("; ".join(card["uses"])))
        if card.get("lists"):
            about.append("<b>On the lists:</b> " + "; ".join(
                f"{escape(entry['list_name'])} {escape(entry['position'])} "
                f"“{escape(entry['name'])}”" + (f" ({escape(entry['note'])})" if entry["note"]
                                                else "") for entry in card["lists"]))
        if card.get("supply_chain_stages"):
            about.append("<b>Supply-chain stages:</b> "
                         + escape(", ".join(card["supply_chain_stages"])))
        self.add_text("<br>".join(about))
        if not card["stages"]:
            self.add_text(self._no_tables_text(card), small=True)
        self._add_concentration(card)
        for stage in card["stages"]:
            self._add_stage(card["id"], stage)
        if main is not None:
            self._add_share_chart(card, main)
        self._add_gap(card)
        self._add_long_series(card)
        self._add_processing(card)
        self._add_reliance(card)
        self._add_imports(card)
        add_who_depends(self, card)
        add_prices(self, card)
        add_price_floors(self, card)
        self.add_events("Export controls and trade measures", card["export_controls"],
                        Block("timeline", {"mineral": card["id"],
                                           "event-kind": "export-control"}))
        others = [e for e in card["events"] if e not in card["export_controls"]]
        self.add_events("Related events", others, Block("timeline", {"mineral": card["id"]}))
        self.add_sources(card["sources"])

    @staticmethod
    def _no_tables_text(card: dict) -> str:
        """Say where a reader finds the figures instead of leaving the card looking empty."""
        name = escape(card["name"])
        text = (f"The USGS data release gives no world production or reserves by country for "
                f"{name} on its own")
        within = card.get("reported_within") or []
        if within:
            text += "; it reports them within " + " and ".join(
                link("mineral", m["id"], m["name"]) for m in within)
        shown = [what for key, what in (("processing_shares", "processing shares"),
                                        ("net_import_reliance", "US import reliance"),
                                        ("import_sources", "US import sources"))
                 if card.get(key)]
        text += ". Below: " + ", ".join(shown) + "." if shown else "."
        if card.get("figures_note"):
            text += " " + escape(card["figures_note"])
        return text

    @staticmethod
    def _stage_block(mineral: str, stage: dict) -> Block:
        params = {"mineral": mineral, "metric": stage["metric"], "year": str(stage["year"]),
                  "top": "10"}
        if stage["product"]:
            params["product"] = stage["product"]
        return Block("production-table", params)

    def _add_stage(self, mineral: str, stage: dict) -> None:
        title = f"{measure(stage['metric'], stage['product'])}, {stage['year']} ({stage['unit']})"
        world = with_estimate(stage["world"]["value_text"], stage["world"]["estimated"]) \
            if stage["world"] else "not published"
        if stage["comparable"]:
            summary = (f"World: {escape(world)} · top-1 {percent(stage['top1']['share'])} · top-3 "
                       f"{percent(stage['top3_share'])} · HHI {whole(stage['hhi'])} (shares of the "
                       f"{escape(stage['denominator'])}; e = estimate)")
        else:
            summary = (f"World: {escape(world)} · USGS prints no world total in numbers for this "
                       "series, so no shares are given (e = estimate)")
        rows = [{"rank": s["rank"], "name": s["name"], "country": s["country"],
                 "value": with_estimate(s["value_text"], s["estimated"]), "value_sort": s["value"],
                 "share": percent(s["share"]), "share_sort": s["share"]} for s in stage["top"]]
        self.add_table(title, [
            Column("rank", "Rank", numeric=True),
            Column("name", "Country", link_kind="country", link_key="country"),
            Column("value", "Value", numeric=True, sort_key="value_sort"),
            Column("share", "Share", numeric=True, sort_key="share_sort")], rows,
            source=f"{summary}<br>{source_html(stage['source'])}",
            block=self._stage_block(mineral, stage))

    def _add_concentration(self, card: dict) -> None:
        """Who controls each stage: top-1, top-3, HHI and band, China, the G7, China offline."""
        stages = card.get("concentration") or []
        if not stages:
            return
        rows = []
        for s in stages:
            without = s["without_china"]
            rows.append({
                "stage": s["stage_label"], "series": s["series"],
                "leader": _leader(s), "leader_country": (s["top1"] or {}).get("country", ""),
                "leader_sort": s["top1"]["share"] if s["top1"] else 0,
                "top3": ("" if s["top3_exact"] else "≥ ") + percent(s["top3_share"]),
                "top3_sort": s["top3_share"],
                "hhi": whole(s["hhi"]), "hhi_sort": s["hhi"], "band": s["band"],
                "china": percent(s["china_share"]) if s["china_share"] is not None
                else s["china_text"], "china_sort": s["china_share"] or 0,
                "g7": s["g7_text"],
                "g7_sort": s["g7_share"] or 0,
                "without": "" if without is None else _after(without)})
        formulas = "<br>".join(
            f"<b>{escape(s['stage_label'])}</b>: {escape(s['formula'], quote=False)}"
            for s in stages)
        main = stages[1] if len(stages) > 1 and stages[0]["stage"] == "reserves" else stages[0]
        self.add_table("Concentration by supply-chain stage", [
            Column("stage", "Stage"),
            Column("leader", "Top-1", sort_key="leader_sort", link_kind="country",
                   link_key="leader_country"),
            Column("top3", "Top-3", numeric=True, sort_key="top3_sort"),
            Column("hhi", "HHI", numeric=True, sort_key="hhi_sort"), Column("band", "Band"),
            Column("china", "China", numeric=True, sort_key="china_sort"),
            Column("g7", "G7", numeric=True, sort_key="g7_sort"),
            Column("without", "If China stops"), Column("series", "Series (data year)")], rows,
            source=escape(BAND_NOTE, quote=False) + " How each row is worked out: below.",
            block=Block("concentration", {"mineral": card["id"], "stage": main["stage"]}))
        self.add_text(formulas, small=True, later=True)  # long wrapped text: after first paint

    def _add_gap(self, card: dict) -> None:
        gap = card.get("reserves_gap")
        if not gap or not gap["rows"]:
            return
        rows = [{"name": r["name"], "country": r["country"],
                 "reserves": share_text(r["reserves_share"], r["reserves_text"]),
                 "reserves_sort": r["reserves_share"] or 0,
                 "production": share_text(r["production_share"], r["production_text"]),
                 "production_sort": r["production_share"] or 0,
                 "gap": points_text(r["gap"]),
                 "gap_sort": -1.0 if r["gap"] is None else r["gap"]} for r in gap["rows"]]
        self.add_table(f"Reserves vs mine production ({gap['reserves_year']} / "
                       f"{gap['production_year']})", [
            Column("name", "Country", link_kind="country", link_key="country"),
            Column("reserves", "Share of reserves", numeric=True, sort_key="reserves_sort"),
            Column("production", "Share of output", numeric=True, sort_key="production_sort"),
            Column("gap", "Gap", numeric=True, sort_key="gap_sort")], rows,
            source="Share of world reserves minus share of world mine production: positive = "
                   "holds more of the ground than it digs today. "
                   + " ".join(source_html(s) for s in gap["sources"]),
            block=Block("reserves-gap", {"mineral": card["id"]}))

    def _add_share_chart(self, card: dict, stage: dict) -> None:
        from desktop.ui.widgets.charts import share_bar_chart

        top = stage["top"][:CHART_TOP]
        if not top or not stage["comparable"]:
            return
        title = f"{card['name']}: {measure(stage['metric'], stage['product']).lower()} shares, " \
                f"{stage['year']}"
        self.add_widget(lambda: share_bar_chart(title, [s["name"] for s in top],
                                                [s["share"] for s in top],
                                                source_html(stage["source"]),
                                                f"Share of the {stage['denominator']} (%)"))

    def _add_long_series(self, card: dict) -> None:
        series = card.get("long_series") or []
        if not series:
            return
        from desktop.ui.widgets.charts import line_chart

        lines = {"World": [(r["year"], r["world"]) for r in series if r["world"] is not None],
                 "China": [(r["year"], r["china"]) for r in series if r["china"] is not None]}
        publications = []
        for row in series:
            if row["source"]["title"] not in [p["title"] for p in publications]:
                publications.append(row["source"])
        note = "<br>".join(source_html(p) for p in publications)
        first, last = series[0]["year"], series[-1]["year"]
        self.add_widget(lambda: line_chart(
            f"{card['name']}: world and China mine production, {first}–{last}",
            {k: v for k, v in lines.items() if v}, "Metric tons",
            f"{note}<br>Years without a published figure are left out."))
        rows = [{"year": r["year"], "world": _num(r["world"]), "china": _num(r["china"]),
                 "china_share": percent(r["china"] / r["world"]) if r["world"] and r["china"] else "",
                 "source": r["source"]["title"]} for r in series]
        self.add_table("Long production series (metric tons)", [
            Column("year", "Year", numeric=True), Column("world", "World", numeric=True),
            Column("china", "China", numeric=True), Column("china_share", "China share",
                                                           numeric=True),
            Column("source", "Source")], rows,
            block=Block("time-series", {"mineral": card["id"], "metric": "mine_production",
                                        "countries": "WORLD, CHN"}))

    def _add_processing(self, card: dict) -> None:
        """One table per published set (stage, product, year, source), with its concentration."""
        groups: dict[tuple, list[dict]] = {}
        for p in card["processing_shares"]:
            key = (p["stage"], p["product"], p["year"], p["source"]["id"])
            groups.setdefault(key, []).append(p)
        for (stage, product, year, _source), shares in groups.items():
            shares = sorted(shares, key=lambda p: -(p["value"] or 0))
            countries = [p for p in shares if p["is_country"] and p["value"] is not None]
            top3 = sum(p["value"] for p in countries[:3])
            leader = f"top-1 {countries[0]['name']} {countries[0]['value']:g} %" if countries else ""
            summary = "; ".join(filter(None, [leader, f"top-3 listed {top3:g} %"
                                              if len(countries) > 1 else "",
                                              "projection" if shares[0]["estimated"] else ""]))
            rows = [{"name": p["name"], "country": p["country"],
                     "country__linkable": p["is_country"], "value": p["value_text"],
                     "sort": p["value"]} for p in shares]
            self.add_table(f"Processing share — {stage}: {product}, {year}", [
                Column("name", "Country", link_kind="country", link_key="country"),
                Column("value", "Share (as published)", numeric=True, sort_key="sort")], rows,
                source=f"{escape(summary)}<br>{source_html(shares[0]['source'])}"
                       + _original_html(shares[0].get("original")))

    def _add_reliance(self, card: dict) -> None:
        reliance = card["net_import_reliance"]
        numeric = [r for r in reliance if r["value"] is not None]
        if len({r["year"] for r in numeric}) > 1:
            from desktop.ui.widgets.charts import line_chart

            lines: dict[str, list[tuple[int, float]]] = {}
            bounds: set[str] = set()
            for r in numeric:
                name = r["product"] or card["name"]
                if r["value_text"][:1] in "<>":  # USGS gives only a bound: drawn dashed
                    name += f" ({'at least' if r['value_text'][:1] == '>' else 'under'})"
                    bounds.add(name)
                lines.setdefault(name, []).append((r["year"], r["value"]))
            self.add_widget(lambda: line_chart(
                f"{card['name']}: US net import reliance", lines,
                "% of apparent consumption", source_html(numeric[0]["source"]),
                tick_interval=1, dashed=frozenset(bounds), y_max=100.0))
        rows = [{"year": r["year"], "product": r["product"],
                 "value": with_estimate(r["value_text"], r["estimated"])} for r in reliance]
        self.add_table("US net import reliance (% of apparent consumption)", [
            Column("year", "Year", numeric=True), Column("product", "Form"),
            Column("value", "Net import reliance", numeric=True)], rows,
            source=source_html(reliance[0]["source"]) + " · E = net exporter" if reliance else "",
            block=Block("us-imports", {"mineral": card["id"]}))

    def _add_imports(self, card: dict) -> None:
        """US import sources beside each supplier's own weight in world supply."""
        imports = card["import_sources"]
        weighed = next((r for r in imports if r.get("world_stage")), None)
        rows = [{"name": r["name"], "country": r["country"],
                 "country__linkable": r["is_country"], "product": r["product"],
                 "period": r["period"], "value": r["value_text"], "sort": r["value"],
                 "world": _world(r), "world_sort": r.get("world_share") or 0}
                for r in imports]
        columns = [Column("name", "Source country", link_kind="country", link_key="country"),
                   Column("product", "Form"), Column("period", "Period"),
                   Column("value", "Share", numeric=True, sort_key="sort")]
        note = ""
        if weighed:
            columns.append(Column("world", f"Its share of world {weighed['world_stage'].lower()}"
                                  f" ({weighed['world_year']})", numeric=True,
                                  sort_key="world_sort"))
            note = (" · A supplier's own share of world supply (rank) shows how exposed the US "
                    "is through it; blank where the supplier is not named in the world table.")
        self.add_table("US import sources (% of imports)", columns, rows,
                       source=(source_html(imports[0]["source"]) + escape(note, quote=False))
                       if imports else "", block=Block("us-imports", {"mineral": card["id"]}))


def _world(row: dict) -> str:
    share = row.get("world_share")
    return "" if share is None else f"{percent(share)} (#{row['world_rank']})"


def _leader(stage: dict) -> str:
    top1 = stage["top1"]
    if not top1:
        return ""
    text = f"{top1['name']} {percent(top1['share'])}"
    if not stage["top1_exact"]:
        text += f" (may not lead: {percent(stage['residual_share'])} unnamed)"
    return text


def _after(without: dict) -> str:
    if without["hhi_after"] is None:
        return f"{percent(without['offline_share'])} offline; no named supplier left"
    if without["band_after_id"] == HhiBand.UNDETERMINED.ident:
        return f"{percent(without['offline_share'])} offline; the rest is unnamed"
    return f"{percent(without['offline_share'])} offline; HHI {whole(without['hhi_after'])}"


def _num(value: float | None) -> str:
    return "" if value is None else whole(value)


def _original_html(original: dict | None) -> str:
    """The official publication a reported share comes from, under the report that prints it."""
    return f"<br>{source_html(original, 'First published in')}" if original else ""
