"""The measures the reference data holds: one table, read by every layer that names a metric.

A figure's ``metric`` is one of these ids. The table says how a person reads it (``title`` inside
a sentence, ``label`` at the head of a column), which supply-chain stage it measures, whether it is
a quantity whose country rows can be shares of a world total, and where it sorts: cards lead with
production, not with capacity. The analysis prefers some series over others at one stage
(``stage_rank``: USGS country tables before published percentage shares); metrics without a rank
are not analysed as stages (US net import reliance, US import sources).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Metric:
    id: str
    title: str  # inside a sentence: "mine production"
    label: str  # at the head of a column or a card section: "Mine production"
    stage: str  # the supply-chain stage measured ("" for the US import measures)
    quantity: bool  # tonnes (or kg, m³…) per country with a world total: shares can be computed
    stage_rank: int | None  # preference among the series at one stage; None: not a stage series

    @property
    def analysable(self) -> bool:
        return self.stage_rank is not None


#: In supply-chain order: output before capacity and reserves, then the percentage measures.
METRICS: tuple[Metric, ...] = (
    Metric("mine_production", "mine production", "Mine production", "mining", True, 0),
    Metric("refinery_production", "refinery production", "Refinery production", "refining",
           True, 0),
    Metric("smelter_production", "smelter production", "Smelter production", "refining", True, 0),
    Metric("metal_production", "metal production", "Metal production", "refining", True, 1),
    Metric("production", "production", "Production", "mining", True, 1),
    Metric("capacity", "capacity", "Capacity", "capacity", True, 3),
    Metric("reserves", "reserves", "Reserves", "reserves", True, 0),
    Metric("processing_share", "processing share", "Processing share", "refining", False, 2),
    Metric("net_import_reliance", "US net import reliance", "US net import reliance", "",
           False, None),
    Metric("import_source_share", "share of US imports", "Share of US imports", "", False, None),
    Metric("price", "price", "Price", "", False, None),
)
BY_ID = {m.id: m for m in METRICS}
METRIC_IDS = tuple(BY_ID)
#: Quantities whose country rows are shares of a world total (production tables, share charts).
QUANTITY_METRICS = tuple(m.id for m in METRICS if m.quantity)
#: Published as percentages per country (of world processing, of US imports).
PERCENT_SHARE_METRICS = ("import_source_share", "processing_share")
#: Each product of these is a series of its own, with its own unit (a price in dollars per
#: kilogram beside one in dollars per pound); the other metrics keep one unit per mineral.
UNIT_PER_PRODUCT_METRICS = ("price",)
ANALYSABLE_METRICS = tuple(m.id for m in METRICS if m.analysable)


def metric(ident: str) -> Metric | None:
    return BY_ID.get(ident)


def title_of(ident: str) -> str:
    """"mine production"; an id this table does not know reads as itself, spaced."""
    found = BY_ID.get(ident)
    return found.title if found else ident.replace("_", " ")


def label_of(ident: str) -> str:
    found = BY_ID.get(ident)
    return found.label if found else ident.replace("_", " ").capitalize()


def order_of(ident: str) -> int:
    """Where a metric sorts on a card (unknown ones last)."""
    return METRIC_IDS.index(ident) if ident in BY_ID else len(METRIC_IDS)
