"""Named outcomes of the analysis, each with the words a reader sees.

Code branches on these members, never on the sentences: a denominator "of the sum of listed
countries" or an HHI band that cannot be decided is a member here, and its label is only for
display (cards, the CLI, memo notes, the PDF).
"""

from __future__ import annotations

from enum import Enum


class DenominatorKind(Enum):
    """What a share is a share of."""

    WORLD_TOTAL = ("world-total", "world total")
    PERCENTAGES = ("percentages", "world total (published as percentages)")
    SUM_ABOVE_WORLD = ("sum-above-world",
                       "sum of listed countries (above the rounded world total)")
    SUM_OF_LISTED = ("sum-of-listed", "sum of listed countries")

    def __init__(self, ident: str, label: str) -> None:
        self.ident = ident
        self.label = label

    @property
    def is_sum_of_listed(self) -> bool:
        """The shares are of what the rows add up to, not of a published world total."""
        return self in (DenominatorKind.SUM_ABOVE_WORLD, DenominatorKind.SUM_OF_LISTED)

    @property
    def short_label(self) -> str:
        """"sum of listed countries" without its bracketed reason (a formula nearby says it)."""
        return self.label.split(" (")[0]

    def __str__(self) -> str:
        return self.label


class HhiBand(Enum):
    """The 2023 US Merger Guidelines' reading of an HHI, and the cases it cannot be read."""

    HIGH = ("high", "highly concentrated")
    BELOW = ("below", "below the 1,800 threshold")
    UNDETERMINED = ("undetermined", "undetermined: too much supply unnamed")
    NO_SUPPLY = ("no-supply", "no named supply left")

    def __init__(self, ident: str, label: str) -> None:
        self.ident = ident
        self.label = label

    def __str__(self) -> str:
        return self.label


class SourceTier(Enum):
    """Who stands behind a source: the body that decided or published (official), a company
    about its own deal (filing), a news organisation (press), or anyone else (secondary: law
    firms, consultancies, blogs, mirrors and copies of official texts). ``editorial`` is this
    project's own naming decision."""

    OFFICIAL = ("official", "official source")
    FILING = ("filing", "company filing")
    PRESS = ("press", "press report")
    SECONDARY = ("secondary", "secondary source")
    EDITORIAL = ("editorial", "this project's naming decision")

    def __init__(self, ident: str, label: str) -> None:
        self.ident = ident
        self.label = label

    def __str__(self) -> str:
        return self.label


TIERS = {tier.ident: tier for tier in SourceTier}
