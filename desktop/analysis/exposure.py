"""Two views of exposure: reserves against output per country, and the US import picture.

Reserves vs production: a country's share of world reserves minus its share of world mine
output (both from the same publication where possible). A positive gap means the country holds
more of the ground than it currently digs — room to grow; a negative gap means it out-produces
its reserves.

US view: USGS's net import reliance beside the import sources, each source shown with its own
weight in world supply, so "the US imports from Canada" can be read together with "and Canada's
output depends on ...".
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.analysis.shares import SeriesShares, rank_of
from desktop.domain.models import Figure
from desktop.domain.numbers import percent, reliance


@dataclass(frozen=True)
class GapRow:
    """One country's shares; None where the source lists it without a number (e.g. "W")."""

    country: str
    name: str
    reserves_share: float | None
    production_share: float | None
    reserves_text: str = ""  # the published text where the share is unknown ("W")
    production_text: str = ""

    @property
    def gap(self) -> float | None:
        if self.reserves_share is None or self.production_share is None:
            return None
        return self.reserves_share - self.production_share

    def to_json(self) -> dict:
        return {"country": self.country, "name": self.name,
                "reserves_share": _round(self.reserves_share),
                "production_share": _round(self.production_share),
                "gap": _round(self.gap),
                "reserves_text": self.reserves_text, "production_text": self.production_text}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def reserves_production_gap(reserves: SeriesShares, production: SeriesShares) -> list[GapRow]:
    """Every named country of either series, largest positive gap first.

    A country absent from one series holds none of it that the source attributes (0); a country
    listed there without a number (USGS "W") has an unknown share, and so an unknown gap.
    """
    names = {s.country: s.name for s in [*reserves.shares, *production.shares]}
    res = {s.country: s.share for s in reserves.shares}
    out = {s.country: s.share for s in production.shares}
    res_hidden = {f.country: f.value_text for f in reserves.unquantified}
    out_hidden = {f.country: f.value_text for f in production.unquantified}
    rows = [GapRow(c, names[c],
                   None if c in res_hidden else res.get(c, 0.0),
                   None if c in out_hidden else out.get(c, 0.0),
                   res_hidden.get(c, ""), out_hidden.get(c, "")) for c in names]
    return sorted(rows, key=lambda r: (r.gap is None, -(r.gap or 0.0), r.country))


def is_total_form(product: str) -> bool:
    """USGS names the sum over a mineral's forms "Total", "Total imports", "Combined total
    (includes …)", "Total metal and oxide" or "All forms of arsenic"."""
    words = product.casefold().split()
    return bool(words) and (words[0] == "total" or words[:2] in (["combined", "total"],
                                                                 ["all", "forms"]))


@dataclass(frozen=True)
class ImportSource:
    country: str
    name: str
    share_of_imports: float | None
    period: str
    world_share: float | None  # the supplier's share of world supply at the reference stage
    world_rank: int | None
    product: str = ""  # the form USGS gives the shares for (germanium: metal, dioxide, total)

    @property
    def share_text(self) -> str:
        return "?" if self.share_of_imports is None else percent(self.share_of_imports)

    @property
    def world_text(self) -> str:
        """Its share of world supply and its rank there: "98.8 % (#1)"; "" if not named."""
        return "" if self.world_share is None else f"{percent(self.world_share)} (#{self.world_rank})"

    def to_json(self) -> dict:
        return {"country": self.country, "name": self.name, "product": self.product,
                "share_of_imports": self.share_of_imports, "period": self.period,
                "world_share": None if self.world_share is None else round(self.world_share, 6),
                "world_rank": self.world_rank}


@dataclass(frozen=True)
class USView:
    reliance: list[Figure]  # net import reliance by year (and product), oldest first
    sources: list[ImportSource]
    import_figures: list[Figure]
    world: SeriesShares | None  # the stage the suppliers are weighed against
    world_stage: str = ""
    world_year: int | None = None

    def reliance_by_product(self) -> dict[str, list[Figure]]:
        """Reliance by product (rare earths: compounds and metals; mineral concentrates),
        each oldest year first."""
        out: dict[str, list[Figure]] = {}
        for figure in self.reliance:
            out.setdefault(figure.product, []).append(figure)
        return out

    def forms(self) -> list[tuple[str, list[ImportSource]]]:
        """The import sources by product form, the total over all forms first, then the forms
        in the order USGS lists them: each form's shares add up on their own."""
        groups: dict[str, list[ImportSource]] = {}
        for source in self.sources:
            groups.setdefault(source.product, []).append(source)
        return sorted(groups.items(), key=lambda item: not is_total_form(item[0]))

    def reliance_headline(self) -> str:
        """The latest reliance of every product: "67 % for compounds and metals, net exporter
        for mineral concentrates (2025)" — not whichever product happens to sort last."""
        latest = [figures[-1] for figures in self.reliance_by_product().values()]
        if not latest:
            return "not given"
        return ", ".join(reliance(f.value_text) + (f" for {f.product.lower()}" if f.product
                                                    else "")
                         for f in latest) + f" ({max(f.year for f in latest)})"


def us_view(reliance: list[Figure], imports: list[Figure], world: SeriesShares | None,
            world_stage: str = "", world_year: int | None = None) -> USView:
    """Put reliance, import sources and the suppliers' own weight in world supply together."""
    reliance = sorted(reliance, key=lambda f: (f.year, f.product))
    latest_period = max((f.year for f in imports), default=None)
    current = [f for f in imports if f.year == latest_period]
    rows = []
    for figure in current:
        weight = rank_of(world, figure.country) if world is not None else None
        share = None if figure.value is None else figure.value / 100.0
        rows.append(ImportSource(figure.country, figure.country_name or figure.country, share,
                                 figure.period or str(figure.year),
                                 None if weight is None else weight.share,
                                 None if weight is None else weight.rank, figure.product))
    return USView(reliance, rows, current, world, world_stage, world_year)
