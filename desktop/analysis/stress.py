"""Stress tests: what goes offline if a supplier (or a bloc) stops, and who is left.

``remove``: the removed countries' named output leaves the world total; everyone else, including
the unnamed "Other countries", stays, and the remaining named suppliers' shares are recomputed on
the smaller total. ``allies only`` is the inverse: only the bloc's named output remains; the
unnamed remainder cannot be credited to allies, so it goes offline too.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from desktop.analysis.concentration import band
from desktop.analysis.shares import SeriesShares, Share, hhi_of, unmeasured_text
from desktop.domain.models import Figure
from desktop.domain.numbers import percent, whole
from desktop.domain.vocabulary import HhiBand


@dataclass(frozen=True)
class ShareAfter:
    country: str
    name: str
    share_before: float
    share_after: float

    def to_json(self) -> dict:
        return {"country": self.country, "name": self.name,
                "share_before": round(self.share_before, 6),
                "share_after": round(self.share_after, 6), "share": round(self.share_after, 6)}


@dataclass(frozen=True)
class StressResult:
    mode: str  # "remove" or "allies-only"
    label: str  # what was removed or kept, in words
    shares: SeriesShares
    removed: list[Share]  # named suppliers taken offline
    offline_share: float
    shares_after: list[ShareAfter]
    targets: frozenset[str] = frozenset()  # the countries removed (or kept, for allies only)

    @property
    def hhi_before(self) -> float:
        return self.shares.hhi

    @property
    def unmeasured(self) -> list[Figure]:
        """Removed (or kept) countries the source lists without a number: effect unknown."""
        return self.shares.unmeasured(self.targets)

    @property
    def hhi_after(self) -> float | None:
        """None when no named supplier is left: there is nothing to measure, not a zero HHI."""
        if not self.shares_after and self.shares.shares:
            return None
        return hhi_of(s.share_after for s in self.shares_after)

    @property
    def remaining_share(self) -> float:
        return max(0.0, 1.0 - self.offline_share)

    @property
    def residual_after(self) -> float:
        """Unnamed supply as a share of what remains (never credited to allies)."""
        if self.mode != "remove" or self.remaining_share <= 1e-12:
            return 0.0
        return min(1.0, self.shares.residual_share / self.remaining_share)

    @property
    def hhi_after_upper(self) -> float | None:
        if self.hhi_after is None:
            return None
        return self.hhi_after + (100 * self.residual_after) ** 2

    @property
    def band_after(self) -> HhiBand:
        if self.hhi_after is None:
            return HhiBand.NO_SUPPLY
        return band(self.hhi_after, self.hhi_after_upper)

    def hhi_after_text(self) -> str:
        return whole(self.hhi_after)

    def formula(self) -> str:
        if self.mode == "remove":
            lost = " + ".join(f"{s.name} {percent(s.share)}" for s in self.removed[:8]) or "nothing"
            text = (f"Offline = Σ shares of the removed suppliers ({self.label}) = {lost} = "
                    f"{percent(self.offline_share)}. Each remaining supplier's new share = its "
                    f"value ÷ (world total − removed output); 'Other countries' stays in the "
                    f"remaining supply.")
        else:
            text = (f"Only {self.label} supply: available = Σ shares of its named members = "
                    f"{percent(self.remaining_share)}; offline = {percent(self.offline_share)}, which "
                    "includes 'Other countries' (never credited to allies). New shares are "
                    "within the allies' output.")
        before = band(self.hhi_before, self.shares.hhi_upper)
        text += (f" HHI {whole(self.hhi_before)} ({before.label}) → {self.hhi_after_text()} "
                 f"({self.band_after.label}).")
        if self.unmeasured:
            text += (f" Listed without a number, so their part cannot be measured: "
                     f"{unmeasured_text(self.unmeasured)}.")
        return text

    def to_json(self) -> dict:
        return {"mode": self.mode, "removed_label": self.label,
                "offline_share": round(self.offline_share, 6),
                "remaining_share": round(self.remaining_share, 6),
                "hhi_before": round(self.hhi_before, 1),
                "hhi_after": None if self.hhi_after is None else round(self.hhi_after, 1),
                "band_after": self.band_after.label, "band_after_id": self.band_after.ident,
                "unmeasured": [{"country": f.country, "name": f.country_name,
                                "value_text": f.value_text} for f in self.unmeasured],
                "removed": [{"country": s.country, "name": s.name, "share": round(s.share, 6)}
                            for s in self.removed],
                "shares_after": [s.to_json() for s in self.shares_after],
                "formula": self.formula()}


def stress_remove(shares: SeriesShares, removed: Collection[str], label: str = ""
                  ) -> StressResult:
    """Take the named output of ``removed`` offline; recompute everyone else's share."""
    gone = [s for s in shares.shares if s.country in removed]
    offline = min(1.0, sum(s.share for s in gone))
    remaining = 1.0 - offline
    after = [ShareAfter(s.country, s.name, s.share, s.share / remaining if remaining > 1e-12
                        else 0.0)
             for s in shares.shares if s.country not in removed]
    return StressResult("remove", label or ", ".join(sorted(removed)), shares, gone, offline,
                        after if remaining > 1e-12 else [], frozenset(removed))


def stress_allies_only(shares: SeriesShares, allies: Collection[str], label: str = ""
                       ) -> StressResult:
    """Keep only the allies' named output; everything else (and the residual) goes offline."""
    kept = [s for s in shares.shares if s.country in allies]
    available = min(1.0, sum(s.share for s in kept))
    gone = [s for s in shares.shares if s.country not in allies]
    after = [ShareAfter(s.country, s.name, s.share, s.share / available) for s in kept
             if available > 1e-12]
    return StressResult("allies-only", label or ", ".join(sorted(allies)), shares, gone,
                        1.0 - available, after, frozenset(allies))
