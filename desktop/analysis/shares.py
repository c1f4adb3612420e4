"""Shares of a world total, ranks and concentration for one series of figures.

A series is the figures of one mineral, metric, product and year from one source. The denominator is
the published world total when it is an exact number; otherwise (missing, a lower bound such as
">75,000,000", or a rounded total smaller than what the countries add up to) the sum of the listed
countries and "Other countries", and the result says which. Shares therefore never exceed 1.
A series published as percentages of the world (processing shares) has 100 % as its denominator.
Aggregates ("Other countries", combined figures) are never ranked as countries. A country listed
without an exact number (USGS "W", withheld to avoid disclosing company data; "NA"; a bound such
as ">1,000") is kept aside as unmeasured: its share is unknown, not zero, and results that touch
it say so.

"Other countries" and any gap between the world total and the listed rows are real supply: they
stay in the denominator but are never a supplier. The residual share says how much that is, and
the HHI over the named countries is therefore a lower bound (``hhi_upper`` treats the residual as
one more supplier, the most concentrated reading possible).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from desktop.domain.models import Figure
from desktop.domain.numbers import NEGLIGIBLE
from desktop.domain.vocabulary import DenominatorKind


@dataclass(frozen=True)
class Share:
    country: str
    name: str
    value: float
    share: float  # fraction of the denominator, 0..1 (may exceed 1 if the source is inconsistent)
    rank: int
    figure: Figure


@dataclass(frozen=True)
class SeriesShares:
    shares: list[Share]
    denominator: float
    denominator_kind: DenominatorKind
    world: Figure | None
    unquantified: tuple[Figure, ...] = ()  # countries listed without an exact number

    def unmeasured(self, countries: Collection[str]) -> list[Figure]:
        """The figures of ``countries`` that the source lists but does not quantify."""
        return [f for f in self.unquantified if f.country in countries]

    @property
    def comparable(self) -> bool:
        """Do the shares mean anything? Only against a world total in numbers (or shares the
        source published as percentages of the world). Without one, a "share" is of whatever
        happens to be listed (USGS's boron rows even measure each country in another product),
        so cards, the CLI, memo blocks and the analysis give values but no shares."""
        return self.denominator_kind is DenominatorKind.PERCENTAGES or (
            self.world is not None and self.world.value is not None)

    @property
    def top1(self) -> Share | None:
        return self.shares[0] if self.shares else None

    @property
    def top3_share(self) -> float:
        return sum(s.share for s in self.shares[:3])

    def top_exact(self, n: int) -> bool:
        """Is the top-n settled? Not when an unnamed supplier could outrank the n-th named one.

        Any single country inside the unnamed remainder holds at most the whole remainder, so
        the named top-n stands when that remainder is no larger than the n-th named share.
        """
        if self.residual_share < NEGLIGIBLE:
            return True
        return len(self.shares) >= n and self.residual_share <= self.shares[n - 1].share

    @property
    def hhi(self) -> float:
        """Herfindahl–Hirschman index over the listed countries, 0–10 000."""
        return hhi_of(s.share for s in self.shares)

    @property
    def residual_share(self) -> float:
        """Supply not attributed to a named country ("Other countries", unlisted remainder)."""
        return max(0.0, 1.0 - sum(s.share for s in self.shares))

    @property
    def hhi_upper(self) -> float:
        """The HHI if the whole residual were a single supplier."""
        return self.hhi + (100 * self.residual_share) ** 2


def hhi_of(fractions: Iterable[float]) -> float:
    """Herfindahl–Hirschman index of shares given as fractions: sum of squared percentages."""
    return sum((100 * f) ** 2 for f in fractions)


def series_shares(figures: Iterable[Figure]) -> SeriesShares | None:
    """Shares per country for one series; None when nothing in it has a number."""
    figures = list(figures)
    world = next((f for f in figures if f.country == "WORLD"), None)
    countries = [f for f in figures if f.is_country and f.value is not None
                 and f.qualifier not in (">", "<")]
    listed_total = sum(f.value for f in figures  # type: ignore[misc]
                       if f.country != "WORLD" and f.value is not None)
    if figures and all(f.unit == "percent" for f in figures):
        denominator, kind = 100.0, DenominatorKind.PERCENTAGES
    elif world is not None and world.value and world.qualifier == "" \
            and world.value >= listed_total:
        denominator, kind = world.value, DenominatorKind.WORLD_TOTAL
    elif world is not None and world.value and world.qualifier == "" and listed_total > 0:
        denominator, kind = listed_total, DenominatorKind.SUM_ABOVE_WORLD
    elif listed_total > 0:
        denominator, kind = listed_total, DenominatorKind.SUM_OF_LISTED
    else:
        return None
    ordered = sorted(countries, key=lambda f: (-(f.value or 0), f.country))
    shares = [Share(f.country, f.country_name or f.country, f.value or 0.0,
                    (f.value or 0.0) / denominator, rank, f)
              for rank, f in enumerate(ordered, start=1) if (f.value or 0) > 0]
    unquantified = tuple(f for f in figures if f.is_country and (
        f.value is None or f.qualifier in (">", "<")))
    return SeriesShares(shares, denominator, kind, world, unquantified)


def unmeasured_text(figures: Iterable[Figure]) -> str:
    """'United States (W), Chile (NA)': how a reader sees countries listed without a number."""
    return ", ".join(f"{f.country_name or f.country} ({f.value_text or 'no number'})"
                     for f in figures)


def rank_of(series: SeriesShares, country: str) -> Share | None:
    return next((s for s in series.shares if s.country == country), None)
