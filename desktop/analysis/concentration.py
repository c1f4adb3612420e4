"""Concentration of one stage of a mineral's supply: top-1, top-3 and the Herfindahl–Hirschman index.

The HHI is the sum of the squared percentage shares of the named countries (0–10 000). The band
is the one the 2023 US Merger Guidelines use: a market with an HHI above 1,800 is "highly
concentrated" (Guideline 1, section 2.1). The 2023 guidelines draw no lower band, so below 1,800
we say only that the threshold is not reached. How "Other countries" is treated is explained in
``desktop.analysis.shares`` and repeated in every formula text.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.analysis.shares import SeriesShares, Share
from desktop.analysis.stages import StageSeries
from desktop.domain.numbers import NEGLIGIBLE, percent, quantity, whole
from desktop.domain.vocabulary import HhiBand

HIGH_HHI = 1800.0
HHI_BAND_SOURCE = "merger-guidelines-2023"  # a row of the reference DB's sources table
HHI_BAND_CITATION = ("US Department of Justice and Federal Trade Commission, Merger Guidelines "
                     "(18 December 2023), Guideline 1, section 2.1: markets with an HHI above "
                     "1,800 are highly concentrated")
OTHERS_RULE = ("'Other countries' and any unlisted remainder count in the world total but are "
               "never treated as a supplier")


def band(hhi: float, hhi_upper: float | None = None) -> HhiBand:
    """The 2023 band; with an upper bound (unnamed supply), say when it cannot be decided."""
    if hhi > HIGH_HHI:
        return HhiBand.HIGH
    if hhi_upper is not None and hhi_upper > HIGH_HHI:
        return HhiBand.UNDETERMINED
    return HhiBand.BELOW


@dataclass(frozen=True)
class Concentration:
    series: StageSeries

    @property
    def shares(self) -> SeriesShares:
        return self.series.shares

    @property
    def hhi(self) -> float:
        return self.shares.hhi

    @property
    def hhi_upper(self) -> float:
        return self.shares.hhi_upper

    @property
    def band(self) -> HhiBand:
        return band(self.hhi, self.hhi_upper)

    @property
    def top1(self) -> Share | None:
        return self.shares.top1

    @property
    def top3_share(self) -> float:
        return self.shares.top3_share

    def top3_text(self, short: bool = False) -> str:
        """"Top-3 = 89.7 %", or "Top-3 ≥ 5.8 %" with the reason when unnamed supply could hide a
        bigger supplier; ``short`` ("Top-3 89.7 %", "Top-3 ≥ 5.8 %") is for headlines."""
        if self.shares.top_exact(3):
            return f"Top-3 {'' if short else '= '}{percent(self.top3_share)}"
        if short:
            return f"Top-3 ≥ {percent(self.top3_share)}"
        return (f"Top-3 ≥ {percent(self.top3_share)} (a country inside the unnamed "
                f"{percent(self.shares.residual_share)} could rank among the top 3)")

    def formula(self) -> str:
        """The arithmetic behind the numbers, in words a reader can check by hand."""
        named = self.shares.shares
        terms = " + ".join(f"{100 * s.share:.1f}²" for s in named[:6])
        if len(named) > 6:
            terms += f" + … ({len(named) - 6} more)"
        residual = self.shares.residual_share
        total = self.shares.denominator
        total_text = "100 %" if self.series.unit == "percent" else quantity(total,
                                                                            self.series.unit)
        text = (f"Share = country value ÷ {self.shares.denominator_kind.label} ({total_text}). "
                f"HHI = Σ (100 × share)² over {len(named)} named "
                f"{'country' if len(named) == 1 else 'countries'} = {terms} "
                f"= {whole(self.hhi)}: {self.band.label} (above 1,800 = highly concentrated, 2023 US "
                f"Merger Guidelines). {self.top3_text()}.")
        if residual > NEGLIGIBLE:
            text += (f" {OTHERS_RULE}: here {percent(residual)}, so the HHI is a lower bound; "
                     f"were that remainder a single supplier the HHI would be "
                     f"{whole(self.hhi_upper)}.")
        return text

    def to_json(self) -> dict:
        top1 = self.top1
        return {"mineral": self.series.mineral, "stage": self.series.stage,
                "metric": self.series.metric, "product": self.series.product,
                "year": self.series.year, "unit": self.series.unit,
                "hhi": round(self.hhi, 1), "hhi_upper": round(self.hhi_upper, 1),
                "band": self.band.label, "band_id": self.band.ident,
                "top1": 0.0 if top1 is None else round(top1.share, 6),
                "top1_country": None if top1 is None else {"country": top1.country,
                                                           "name": top1.name},
                "top3_share": round(self.top3_share, 6),
                "top1_exact": self.shares.top_exact(1), "top3_exact": self.shares.top_exact(3),
                "residual_share": round(self.shares.residual_share, 6),
                "denominator": self.shares.denominator,
                "denominator_kind": self.shares.denominator_kind.label,
                "shares": [share_json(s) for s in self.shares.shares],
                "formula": self.formula(),
                "sources": [s.brief() for s in self.series.sources]}


def share_json(share: Share) -> dict:
    return {"country": share.country, "name": share.name, "value": share.value,
            "value_text": share.figure.value_text, "estimated": share.figure.estimated,
            "share": round(share.share, 6), "rank": share.rank}
