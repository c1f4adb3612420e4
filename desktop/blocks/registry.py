"""Every kind of data block in one table: its id, its name in the picker, the keys it takes (with
their types and defaults), the function that resolves it, and which keys the picker's form shows.

The resolver checks a block's keys against this table (an unknown or misspelt key is an error
naming the closest one), converts each value by its type (names to ids, numbers, dates), and
calls the kind's function with the result; the block picker builds its form from it and the
data-block reference (docs/blocks.md) is written from it, so none of them can drift apart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from desktop.analysis.stages import STAGES
from desktop.blocks import analysis_kinds, entity_kinds, exposure_kinds, figure_kinds, market_kinds
from desktop.domain.metrics import ANALYSABLE_METRICS, METRIC_IDS, QUANTITY_METRICS

#: What a key's value is, and what the resolver makes of it.
TYPES = {
    "mineral": "a mineral id or name: rare-earths, Rare earths, Li, 锂",
    "country": "a country code or name: JPN, Japan, 日本, Китай",
    "place": "a country code or name, or WORLD",
    "places": "one to six countries (or WORLD), separated by commas",
    "initiative": "an initiative id or name: msp, Minerals Security Partnership",
    "group": "a group id or name: g7, G20, eu27",
    "event": "an event id (see briefdesk events --json)",
    "bloc": "groups, initiatives and countries joined by '+': g7, msp+Australia, "
            "pax-silica:founding-member|signatory",
    "metric": "a metric id",
    "stage": "a supply-chain stage",
    "text": "free text on one line",
    "year": "a year",
    "int": "a whole number",
    "date": "a date, YYYY-MM-DD",
    "partial-date": "a date, YYYY, YYYY-MM or YYYY-MM-DD",
    "event-kinds": "event kinds joined by ',' or a family: export-control, export-restrictions",
    "yesno": "yes or no",
    "importer": "a country code or name, or EU for the European Union: EU, JPN, Japan, 日本",
    "minerals": "one to twenty minerals, separated by commas: rare-earths, gallium, graphite",
}
#: Written by "Add to memo" on every kind (what the block showed, to detect later changes).
STAMP_KEYS = ("data-pack", "values", "checksum")
MAX_VALUE = 200  # characters in one value; a bloc expression may be as long as the parser takes
MAX_BLOC_VALUE = 2000


@dataclass(frozen=True)
class Key:
    name: str
    type: str
    default: object = None  # None: absent unless given
    required: bool = False
    low: int | None = None  # for year and int
    high: int | None = None
    choices: tuple[str, ...] = ()  # for metric and stage
    help: str = ""
    form: bool = False  # shown in the block picker
    label: str = ""  # the picker's label; default: the name

    @property
    def form_label(self) -> str:
        return self.label or self.name.replace("-", " ").capitalize()

    @property
    def limit(self) -> int:
        return MAX_BLOC_VALUE if self.type == "bloc" else MAX_VALUE


@dataclass(frozen=True)
class BlockKind:
    id: str
    label: str  # how the picker names it
    summary: str  # one line for the data-block reference
    keys: tuple[Key, ...]
    resolve: Callable = field(repr=False)
    example: dict[str, str] = field(default_factory=dict)

    @property
    def key_names(self) -> tuple[str, ...]:
        return tuple(k.name for k in self.keys)

    def key(self, name: str) -> Key | None:
        return next((k for k in self.keys if k.name == name), None)

    @property
    def form_keys(self) -> tuple[Key, ...]:
        return tuple(k for k in self.keys if k.form)


def _mineral(form: bool = True) -> Key:
    return Key("mineral", "mineral", required=True, form=form)


def _metric(choices: tuple[str, ...], default: str | None = "mine_production",
            form: bool = True) -> Key:
    return Key("metric", "metric", default, choices=choices, form=form, label="Measure",
               help="default: mine production" if default else
               "default: mining, else refining, downstream, reserves")


_PRODUCT = Key("product", "text", "", help="a named product series; default: the main one")
_STAGE = Key("stage", "stage", choices=STAGES, form=True,
             help="default: mining, else refining, downstream, reserves")
_AS_OF = Key("as-of", "date", help="the date memberships are taken on; default: today")


def _year(form: bool = True, help: str = "default: the latest year held") -> Key:
    return Key("year", "year", low=1900, high=2100, form=form, help=help)


def _top(default: int, high: int = 50, form: bool = True) -> Key:
    return Key("top", "int", default, low=1, high=high, form=form, help="rows shown",
               label="Top N")


KINDS: dict[str, BlockKind] = {kind.id: kind for kind in (
    BlockKind("production-table", "Production table",
              "top producers of one measure in one year, with values, shares, the world total "
              "and the HHI",
              (_mineral(), _metric(QUANTITY_METRICS), _PRODUCT, _year(), _top(10)),
              figure_kinds.production_table,
              {"mineral": "rare-earths", "metric": "mine_production", "year": "2025"}),
    BlockKind("share-chart", "Share chart", "a bar chart of the largest producers' shares",
              (_mineral(), _metric(QUANTITY_METRICS), _PRODUCT, _year(), _top(8, high=20)),
              figure_kinds.share_chart, {"mineral": "graphite"}),
    BlockKind("time-series", "Time series", "a line chart of one measure over the years",
              (_mineral(), _metric(QUANTITY_METRICS), _PRODUCT,
               Key("countries", "places", "WORLD, CHN", form=True),
               Key("from", "year", low=1800, high=2100, help="first year"),
               Key("to", "year", low=1800, high=2100, help="last year")),
              figure_kinds.time_series, {"mineral": "rare-earths", "countries": "WORLD, CHN"}),
    BlockKind("figure", "Single figure", "one published figure as a sentence fragment",
              (_mineral(), Key("country", "place", "WORLD", form=True),
               _metric(METRIC_IDS), _PRODUCT, _year(help="default: the latest")),
              figure_kinds.figure,
              {"mineral": "gallium", "country": "USA", "metric": "net_import_reliance"}),
    BlockKind("memberships", "Memberships of a country",
              "the groups and initiatives a country belongs to, with roles and dates",
              (Key("country", "country", required=True, form=True),),
              entity_kinds.memberships, {"country": "JPN"}),
    BlockKind("members", "Members of an initiative",
              "the members of an initiative or group, with roles and dates",
              (Key("initiative", "initiative", form=True,
                   help="give this or 'group'"),
               Key("group", "group", help="give this or 'initiative'")),
              entity_kinds.members, {"initiative": "msp"}),
    BlockKind("timeline", "Timeline of events",
              "dated policy events, filtered by country, mineral, kind and dates, or one event",
              (Key("event", "event", help="one event; the other keys are then ignored"),
               Key("country", "country", form=True), Key("mineral", "mineral", form=True),
               Key("event-kind", "event-kinds", help="one kind, several, or a family"),
               Key("from", "partial-date"), Key("to", "partial-date"),
               Key("as-of", "date", help="the day each measure's status is given for; "
                                         "default: the memo's date, else today"),
               Key("limit", "int", 12, low=1, high=200, form=True,
                   help="the latest events shown", label="Events shown")),
              entity_kinds.timeline, {"country": "CHN", "mineral": "gallium"}),
    BlockKind("concentration", "Supply concentration",
              "who controls one stage: shares, top-1, top-3 and the HHI with its formula",
              (_mineral(), _metric(ANALYSABLE_METRICS, None, form=False), _STAGE, _PRODUCT,
               _year(), _top(8)),
              analysis_kinds.concentration, {"mineral": "rare-earths", "stage": "refining"}),
    BlockKind("bloc", "Bloc share",
              "what a bloc's members hold of one stage, beside China",
              (Key("group", "bloc", required=True, form=True, label="Bloc"),
               Key("name", "text", help="the bloc's name in the title"),
               _mineral(), _metric(ANALYSABLE_METRICS, None, form=False), _STAGE, _PRODUCT,
               _year(), _AS_OF,
               Key("chart", "yesno", "no", help="yes: a bar of the bloc, China and the rest")),
              analysis_kinds.bloc, {"group": "g7", "mineral": "rare-earths"}),
    BlockKind("stress", "Supply stress test",
              "what goes offline if a supplier or bloc stops, and who is left",
              (Key("remove", "bloc", form=True, help="a supplier or bloc taken offline"),
               Key("keep", "bloc", help="instead of 'remove': only this bloc still supplies"),
               _mineral(), _metric(ANALYSABLE_METRICS, None, form=False), _STAGE, _PRODUCT,
               _year(), _AS_OF, _top(10, form=False)),
              analysis_kinds.stress, {"remove": "CHN", "mineral": "gallium"}),
    BlockKind("reserves-gap", "Reserves against production",
              "each country's share of world reserves against its share of mine output",
              (_mineral(), _year(help="of the reserves; default: the latest"), _top(10)),
              exposure_kinds.reserves_gap, {"mineral": "rare-earths"}),
    BlockKind("us-imports", "US import sources and reliance",
              "US net import reliance and import sources, each with its share of world supply",
              (_mineral(), Key("form", "text", "", form=True, label="Product form",
                               help="one form, or part of its name: metal, dioxide, total; "
                                    "default: every form, one table each")),
              exposure_kinds.us_imports, {"mineral": "gallium"}),
    BlockKind("price", "Prices", "USGS annual prices of a mineral's products, year by year",
              (_mineral(), Key("product", "text", "", form=True,
                               help="a product, or part of its name; default: every product"),
               Key("years", "text", "", form=True,
                   help="one year or a span: 2025, 2021-2025 (or use 'from' and 'to')"),
               Key("from", "year", low=1900, high=2100, help="first year"),
               Key("to", "year", low=1900, high=2100, help="last year")),
              market_kinds.price, {"mineral": "rare-earths", "product": "NdPr"}),
    BlockKind("price-floor", "Price floor against the market",
              "a price floor or reference price beside the USGS market price of the same "
              "product and year: the gap in money and per cent",
              (Key("floor", "text", help="a floor's id (see briefdesk analyze price-floor)"),
               Key("mineral", "mineral", form=True, help="every floor of this mineral"),
               _year(help="the market year; default: every year from the floor's start")),
              market_kinds.price_floor, {"floor": "usa-dod-mp-ndpr-2025"}),
    BlockKind("dependence", "Import dependence",
              "published shares of a partner's imports or supply of minerals by supplier, with "
              "their basis, and where no official figure was found",
              (Key("importer", "importer", form=True, help="a country or EU"),
               Key("mineral", "mineral", form=True),
               Key("minerals", "minerals", help="several minerals, separated by commas"),
               Key("supplier", "country", form=True, help="one supplier, e.g. CHN"),
               Key("all", "yesno", "no", help="yes: every figure, not only the newest per "
                                              "importer and mineral")),
              market_kinds.dependence, {"importer": "EU", "supplier": "CHN"}),
)}
KIND_IDS = tuple(KINDS)


def kind(ident: str) -> BlockKind | None:
    return KINDS.get(ident)
