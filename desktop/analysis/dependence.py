"""Partners' dependence on a supplier, mineral by mineral: the published shares of
``import_dependence`` for every importer, and the United States' own USGS import sources.

Figures are never converted from one basis to another, and never derived from another importer's
data: a partner without a published figure has none ("no official figure found"). Where several
figures answer one cell (importer × mineral), the one shown is the newest, then the one read in
the publisher's own page, then the one whose basis is the clearest (``BASIS_ORDER``); the others
stay in the full list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from desktop.domain.markets import BASES, Dependence, basis_label
from desktop.domain.models import Figure
from desktop.domain.numbers import percent

#: Clearer bases first: what a share is of matters more than how precisely it was printed.
BASIS_ORDER = ("supply", "imports-value", "imports-volume", "consumption")
US_BASIS = "other:share of US imports (USGS import sources)"
#: Words that make a printed share more than its number: a bound, an approximation, a range.
HEDGES = ("more", "over", "less", "under", "about", "around", "some", "nearly", "almost",
          "約", "割", "–", "~", "-", "以上")
#: Short tags for a dense grid; the legend spells them out.
BASIS_TAGS = {"supply": "S", "imports-value": "V", "imports-volume": "W", "consumption": "C"}
OTHER_TAG = "?"


def share_cell(item: Dependence) -> str:
    """"46.3 %", or "70.0 % (more than 70%)" when the printed text says more than the number
    (a bound, a range, words)."""
    shown = percent(item.share)
    text = item.share_text
    numbers = [float(n.replace(",", ".")) for n in re.findall(r"\d+(?:[.,]\d+)?", text)]
    hedged = any(word in text.lower() for word in HEDGES)
    if numbers == [round(100 * item.share, 4)] and not hedged:
        return shown
    return f"{shown} ({text})"


def when(item: Dependence) -> str:
    """The period, the year, or "year not stated"."""
    return item.period or (str(item.year) if item.year else "year not stated")


def importer_name(code: str, name_of) -> str:
    """"European Union (EU-27)" for the EU, else the country's name (``name_of``)."""
    return "European Union (EU-27)" if code == "EU" else name_of(code)


def basis_tag(basis: str) -> str:
    return BASIS_TAGS.get(basis, OTHER_TAG)


def basis_legend(bases: Iterable[str]) -> str:
    """"S = share of supply …; ? = basis as the source words it" for the bases in use."""
    used = sorted({basis_tag(b) for b in bases}, key=lambda t: "SVWC?".index(t))
    names = {tag: BASES[key] for key, tag in BASIS_TAGS.items()}
    names[OTHER_TAG] = "another basis, or none stated (each figure says which)"
    return "; ".join(f"{tag} = {names[tag]}" for tag in used)


def us_dependence(figures: list[Figure]) -> list[Dependence]:
    """USGS's US import sources (share of US imports, 2021–2024) as dependence figures of the
    United States; the aggregates ("Other countries") are not suppliers."""
    out = []
    for figure in figures:
        if figure.metric != "import_source_share" or not figure.is_country or \
                figure.value is None:
            continue
        out.append(Dependence("USA", figure.mineral, figure.product, figure.country,
                              figure.value / 100, f"{figure.value_text} %", US_BASIS,
                              figure.year, figure.period, figure.source))
    return out


def _rank(item: Dependence) -> tuple:
    basis = BASIS_ORDER.index(item.basis) if item.basis in BASIS_ORDER else len(BASIS_ORDER)
    official = item.source.tier in ("official", "filing")
    return (-(item.year or 0), not official, basis, -item.share)


def best(items: list[Dependence]) -> Dependence | None:
    """The figure a cell shows (module docstring)."""
    return min(items, key=_rank) if items else None


def best_per_cell(items: list[Dependence]) -> tuple[list[Dependence], int]:
    """One figure per importer, mineral and supplier (``best``), and how many were left out."""
    groups: dict[tuple[str, str, str], list[Dependence]] = {}
    for item in items:
        groups.setdefault((item.importer, item.mineral, item.supplier), []).append(item)
    chosen = [best(group) for group in groups.values()]
    return [c for c in chosen if c is not None], len(items) - len(groups)


@dataclass(frozen=True)
class ExposureCell:
    importer: str
    mineral: str
    shown: Dependence | None  # None: no official figure found
    others: int  # further figures for the same cell, in the full list

    @property
    def found(self) -> bool:
        return self.shown is not None

    def to_json(self) -> dict:
        return {"importer": self.importer, "mineral": self.mineral,
                "figure": self.shown.to_json() if self.shown else None,
                "no_official_figure_found": self.shown is None, "others": self.others}


def exposure_matrix(items: list[Dependence], importers: list[str], minerals: list[str],
                    supplier: str) -> dict[tuple[str, str], ExposureCell]:
    """importer × mineral → the figure of ``supplier``'s share, or an empty cell."""
    grouped: dict[tuple[str, str], list[Dependence]] = {}
    for item in items:
        if item.supplier == supplier:
            grouped.setdefault((item.importer, item.mineral), []).append(item)
    return {(importer, mineral): ExposureCell(
                importer, mineral, best(grouped.get((importer, mineral), [])),
                max(len(grouped.get((importer, mineral), [])) - 1, 0))
            for importer in importers for mineral in minerals}


def bases_in(cells: Iterable[ExposureCell]) -> set[str]:
    return {c.shown.basis for c in cells if c.shown is not None}


def mixed_bases_note(cells: Iterable[ExposureCell]) -> str:
    """Say so whenever the figures side by side are shares of different things."""
    bases = bases_in(cells)
    if len(bases) <= 1:
        return ""
    return ("Shares of different bases stand side by side here and are not comparable as "
            f"they are: {'; '.join(sorted(basis_label(b) for b in bases))}.")
