"""Everything a card shows about one entity, assembled from the repository and the analysis.

The CLI's ``briefdesk show`` prints these dictionaries as JSON and the UI's card panels render them,
so the two can never disagree about what a card says. Every number in a card travels with its
source.
"""

from __future__ import annotations

from desktop.analysis.series import group_series, latest_shares, newest_source_per_year
from desktop.analysis.shares import SeriesShares, rank_of
from desktop.analysis.workbench import AnalysisWorkbench
from desktop.domain.errors import UnknownEntity
from desktop.domain.metrics import PERCENT_SHARE_METRICS, QUANTITY_METRICS, order_of, title_of
from desktop.domain.models import Figure, Source, figure_sources
from desktop.domain.numbers import percent
from desktop.reference.repository import ReferenceRepository
from desktop.services.analysis_cards import (
    country_weights,
    mineral_concentration,
    reserves_gap,
    supplier_weights,
)
from desktop.services.lists import ListsService
from desktop.services.markets import GROUP_IMPORTERS, MarketService
from desktop.services.register import BODY_GROUPS, Register

CARD_KINDS = ("country", "mineral", "initiative", "event", "group")
TOP_N = 10


class CardService:
    """Builds card dictionaries.

    The reference DB never changes while the app runs, so each mineral's series and their latest
    shares are computed once and kept: a country card needs them for every mineral the country
    appears in. ``warm_up()`` fills that cache a step at a time while the app is idle.
    """

    def __init__(self, repo: ReferenceRepository, analysis: AnalysisWorkbench,
                 register: Register, lists: ListsService, markets: MarketService) -> None:
        self.repo = repo
        self.register = register  # events, their status and the timeline
        self.lists = lists  # the official lists of critical minerals
        self.markets = markets  # prices, price floors, import dependence
        self._series_cache: dict[str, dict[tuple[str, str, str], list[Figure]]] = {}
        self._latest_cache: dict[tuple[str, str, str, str], tuple[int, SeriesShares] | None] = {}
        self.analysis = analysis  # shared with the memo blocks and the dashboard: one cache
        self.warm = False  # every mineral's shares computed (warm_up ran to the end)

    def _series_of(self, mineral_id: str) -> dict[tuple[str, str, str], list[Figure]]:
        if mineral_id not in self._series_cache:
            figures = self.repo.figures(mineral=mineral_id)
            self.analysis.prime(mineral_id, figures)
            self._series_cache[mineral_id] = group_series(figures)
        return self._series_cache[mineral_id]

    def _latest(self, mineral_id: str, key: tuple[str, str, str]) -> tuple[int, SeriesShares] | None:
        cache_key = (mineral_id, *key)
        if cache_key not in self._latest_cache:
            self._latest_cache[cache_key] = latest_shares(self._series_of(mineral_id)[key])
        return self._latest_cache[cache_key]

    def warm_up(self):
        """Compute and keep every mineral's shares, yielding after each mineral."""
        for mineral_id, _name, _family in self.repo.minerals():
            for key in self._series_of(mineral_id):
                if key[0] in QUANTITY_METRICS:
                    self._latest(mineral_id, key)
            self.analysis.stages(mineral_id)
            yield mineral_id
        self.warm = True

    def card(self, kind: str, ident: str) -> dict:
        builders = {"country": self.country_card, "mineral": self.mineral_card,
                    "initiative": self.initiative_card, "event": self.event_card,
                    "group": self.group_card}
        if kind not in builders:
            raise UnknownEntity(f"unknown kind {kind!r}; use one of {', '.join(CARD_KINDS)}")
        return builders[kind](ident)

    # -- country -----------------------------------------------------------------------------
    def country_card(self, iso3: str) -> dict:
        country = self.repo.country(iso3)
        if country is None:
            raise UnknownEntity(f"no country with code {iso3!r}")
        sources: dict[str, Source] = {}
        roles = []
        for mineral_id in self.repo.minerals_with_figures(country.iso3):
            for key, series in sorted(self._series_of(mineral_id).items()):
                role = self._country_role(country.iso3, mineral_id, key, series)
                if role:
                    role["mineral"] = mineral_id
                    role["mineral_name"] = self.repo.name_of_mineral(mineral_id)
                    roles.append(role)
                    sources[role["source"]["id"]] = self.repo.source(role["source"]["id"])
        events = self.repo.events(country=country.iso3)
        memberships = self.repo.memberships(country.iso3)
        for item in memberships:
            if item.source:
                sources[item.source.id] = item.source
        for event in events:
            for source in event.sources:
                sources[source.id] = source
        return {
            "kind": "country", "id": country.iso3, **country.to_json(),
            "memberships": [dict(m.to_json(), kind=m.container_kind, id=m.container_id,
                                 container=m.container_name) for m in memberships],
            "mineral_roles": roles,
            "weights": country_weights(self.analysis, country.iso3, self.repo.name_of_mineral),
            "import_dependence": self.markets.importer_card(country.iso3),
            "export_controls": self.register.restrictions(events),
            "events": [self.register.brief(e) for e in events],
            "sources": [s.brief() for s in sources.values() if s is not None],
        }

    def _country_role(self, iso3: str, mineral_id: str, key: tuple[str, str, str],
                      series: list[Figure]) -> dict | None:
        metric, stage, product = key
        if metric in QUANTITY_METRICS:
            latest = self._latest(mineral_id, key)
            if latest is None:
                return None
            year, shares = latest
            share = rank_of(shares, iso3)
            if share is None:
                return None
            figure = share.figure
            comparable = shares.comparable
            return {"metric": metric, "stage": stage, "product": product, "year": year,
                    "value": figure.value, "value_text": figure.value_text, "unit": figure.unit,
                    "estimated": figure.estimated, "rank": share.rank if comparable else None,
                    "of": len(shares.shares),
                    "share": round(share.share, 6) if comparable else None,
                    "denominator": shares.denominator_kind.label,
                    "source": figure.source.brief()}
        if metric in PERCENT_SHARE_METRICS:
            per_year = newest_source_per_year(series)
            for year in sorted(per_year, reverse=True):
                mine = [f for f in per_year[year] if f.country == iso3 and not f.estimated]
                if mine:
                    figure = mine[0]
                    return {"metric": metric, "stage": stage, "product": product, "year": year,
                            "period": figure.period, "value": figure.value,
                            "value_text": figure.value_text, "unit": figure.unit,
                            "estimated": figure.estimated,
                            "share": None if figure.value is None else figure.value / 100,
                            "source": figure.source.brief()}
        return None

    # -- mineral -----------------------------------------------------------------------------
    def mineral_card(self, mineral_id: str) -> dict:
        mineral = self.repo.mineral(mineral_id)
        if mineral is None:
            raise UnknownEntity(f"no mineral with id {mineral_id!r}")
        series_by_key = self._series_of(mineral.id)
        figures = [f for series in series_by_key.values() for f in series]
        stages, reliance, imports, processing = [], [], [], []
        ordered = sorted(series_by_key.items(),
                         key=lambda item: (order_of(item[0][0]), item[0]))
        for (metric, stage, product), series in ordered:
            if metric in QUANTITY_METRICS:
                block = self._stage_block(mineral.id, (metric, stage, product))
                if block:
                    stages.append(block)
            elif metric == "net_import_reliance":
                reliance += [{"year": f.year, "product": f.product, "value": f.value,
                              "value_text": f.value_text, "estimated": f.estimated,
                              "source": f.source.brief()} for f in sorted(series,
                                                                          key=lambda f: f.year)]
            elif metric == "import_source_share":
                imports += [self._figure_row(f) for f in series]
            elif metric == "processing_share":
                processing += [self._figure_row(f) for f in series]
        events = self.repo.events(mineral=mineral.id)
        return {
            "kind": "mineral", **mineral.to_json(),
            "supply_chain_stages": mineral.stages,
            "lists": self.lists.of_mineral(mineral.id),
            "stages": stages,
            "concentration": mineral_concentration(self.analysis, mineral.id),
            "reserves_gap": reserves_gap(self.analysis, mineral.id),
            "net_import_reliance": reliance,
            "import_sources": supplier_weights(self.analysis, mineral.id, imports),
            "processing_shares": processing,
            "long_series": self.long_series(mineral.id),
            "prices": self.markets.prices(mineral.id),
            "price_floors": self.markets.floors(mineral.id),
            "dependence": self.markets.mineral_card(mineral.id),
            "export_controls": self.register.restrictions(events),
            "events": [self.register.brief(e) for e in events],
            "sources": self._sources_of(figures, mineral.sources),
            "reported_within": [] if stages else self._reported_within(mineral.id),
        }

    def _reported_within(self, mineral_id: str) -> list[dict]:
        """The group commodities whose USGS tables cover an element USGS gives no table of
        its own (iridium within the platinum-group metals, neodymium within rare earths)."""
        return [{"id": group, "name": self.repo.name_of_mineral(group)}
                for group in self.repo.groups_of_mineral(mineral_id)
                if any(key[0] in QUANTITY_METRICS for key in self._series_of(group))]

    def _stage_block(self, mineral_id: str, key: tuple[str, str, str]) -> dict | None:
        metric, stage, product = key
        latest = self._latest(mineral_id, key)
        if latest is None:
            return None
        year, shares = latest
        world = shares.world
        comparable = shares.comparable  # else values but no shares, as everywhere
        return {
            "metric": metric, "stage": stage, "product": product, "year": year,
            "unit": shares.shares[0].figure.unit, "comparable": comparable,
            "world": None if world is None else {"value": world.value,
                                                 "value_text": world.value_text,
                                                 "estimated": world.estimated},
            "denominator": shares.denominator_kind.label,
            "top": [{"country": s.country, "name": s.name, "value": s.value,
                     "value_text": s.figure.value_text,
                     "share": round(s.share, 6) if comparable else None,
                     "rank": s.rank, "estimated": s.figure.estimated}
                    for s in shares.shares[:TOP_N]],
            "top1": None if shares.top1 is None or not comparable else {
                "country": shares.top1.country, "share": round(shares.top1.share, 6)},
            "top3_share": round(shares.top3_share, 6) if comparable else None,
            # 3 decimals: a display rounding of 4,558.5 must not flip
            "hhi": round(shares.hhi, 3) if comparable else None,
            "source": shares.shares[0].figure.source.brief(),
        }

    def long_series(self, mineral_id: str) -> list[dict]:
        """World and China mine production by year, newest publication per year."""
        rows = []
        figures = [f for f in self.repo.figures(mineral=mineral_id, metric="mine_production")
                   if f.product == "" and f.country in ("WORLD", "CHN")]
        for year, chosen in sorted(newest_source_per_year(figures).items()):
            by_country = {f.country: f for f in chosen}
            world, china = by_country.get("WORLD"), by_country.get("CHN")
            rows.append({"year": year,
                         "world": None if world is None else world.value,
                         "china": None if china is None else china.value,
                         "estimated": any(f.estimated for f in chosen),
                         "source": chosen[0].source.brief()})
        return rows if len(rows) > 2 else []

    # -- initiatives, events, groups ---------------------------------------------------------
    def initiative_card(self, initiative_id: str) -> dict:
        initiative = self.repo.initiative(initiative_id)
        if initiative is None:
            raise UnknownEntity(f"no initiative with id {initiative_id!r}")
        events = self.repo.events(initiative=initiative.id)
        successors = [i for i in self.repo.initiatives() if i.successor_of == initiative.id]
        data = initiative.to_json()
        for member in data["members"]:
            self._link_body(member, "country", "member_kind")
        return {**data, "kind": "initiative", "initiative_kind": initiative.kind,
                "succeeded_by": [{"id": i.id, "name": i.name} for i in successors],
                "lead_name": self.repo.name_of(initiative.lead),
                "lead_is_country": self.repo.is_country(initiative.lead),
                "lead_group": BODY_GROUPS.get(initiative.lead, ""),
                "lead_country": self.repo.body_country(initiative.lead),
                "successor_of_name": self.repo.name_of(initiative.successor_of)
                if initiative.successor_of else "",
                "mineral_names": [self.repo.name_of_mineral(m) for m in initiative.minerals],
                "events": [self.register.brief(e) for e in events],
                "claims": self._claims("initiative", initiative.id)}

    def event_card(self, event_id: str) -> dict:
        card = self.register.event_card(event_id)
        return {**card, "mineral_names": [self.repo.name_of_mineral(m) for m in card["minerals"]],
                "claims": self._claims("event", event_id)}

    def group_card(self, group_id: str) -> dict:
        group = self.repo.group(group_id)
        if group is None:
            raise UnknownEntity(f"no group with id {group_id!r}")
        data = group.to_json()
        for member in data["members"]:
            self._link_body(member, "country", "member_kind")
        importer = GROUP_IMPORTERS.get(group.id)
        return {**data, "kind": "group", "group_kind": group.kind,
                "claims": self._claims("group", group.id),
                "import_dependence": self.markets.importer_card(importer) if importer else None}

    def _link_body(self, row: dict, code_key: str, kind_key: str) -> None:
        """A body that is also a group (the EU, the G7) links to that group's card; another
        body (a ministry, an agency) to its country's card."""
        if row.get(kind_key) == "country":
            return
        if row.get(code_key) in BODY_GROUPS:
            row[kind_key] = "group"
            row["group_id"] = BODY_GROUPS[row[code_key]]
        elif self.repo.body_country(row.get(code_key, "")):
            row["body_country"] = self.repo.body_country(row[code_key])

    # -- mini cards --------------------------------------------------------------------------
    def mini_card(self, kind: str, ident: str) -> list[str]:
        """A few lines for a hover: what the entity is and its most telling figure."""
        if kind == "mineral":
            card = self.mineral_card(ident)
            lines = [card["name"], ", ".join(name for key, name in (
                ("us_critical_2025", "US critical"), ("eu_critical_2024", "EU critical"),
                ("eu_strategic_2024", "EU strategic")) if card.get(key))]
            shared = [s for s in card["stages"] if s["comparable"]]
            if shared:
                stage = shared[0]
                top = stage["top"][0]
                lines.append(f"{title_of(stage['metric'])} {stage['year']}: "
                             f"{top['name']} {percent(top['share'])}, top-3 "
                             f"{percent(stage['top3_share'])}")
            return [line for line in lines if line]
        if kind == "country":
            country = self.repo.country(ident)
            if country is None:
                raise UnknownEntity(f"no country with code {ident!r}")
            groups = sorted({m.container_name for m in self.repo.memberships(ident)
                             if m.container_kind == "group" and not m.left})
            return [country.name, ", ".join(p for p in (country.region, country.subregion) if p),
                    ("Member of " + ", ".join(groups)) if groups else ""]
        card = self.card(kind, ident)
        members = card.get("members", [])
        detail = " · ".join(p for p in (card.get("launched", ""), card.get("status", ""),
                                        f"{len(members)} members" if members else "") if p)
        return [line for line in (card.get("name") or card.get("title"), detail) if line]

    # -- helpers -----------------------------------------------------------------------------
    def _claims(self, kind: str, ident: str) -> list[dict]:
        return [claim.to_json() for claim in self.repo.claims(kind, ident)]

    @staticmethod
    def _figure_row(figure: Figure) -> dict:
        return {"country": figure.country, "name": figure.country_name,
                "stage": figure.stage, "product": figure.product, "year": figure.year,
                "period": figure.period, "value": figure.value, "value_text": figure.value_text,
                "unit": figure.unit, "estimated": figure.estimated,
                "is_country": figure.is_country, "note": figure.note,
                "source": figure.source.brief(),
                "original": figure.original.brief() if figure.original else None}

    @staticmethod
    def _sources_of(figures: list[Figure], extra: list[Source]) -> list[dict]:
        seen: dict[str, Source] = {s.id: s for s in extra}
        for source in figure_sources(figures):
            seen.setdefault(source.id, source)
        return [s.brief() for s in seen.values()]
