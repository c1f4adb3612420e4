"""Series of figures: grouping by measure, and choosing the newest publication for each year.

Several publications can give the same year (USGS Data Series 140 and the Minerals Yearbook both
give 2018-2020 world rare-earth production); readers see the most recently published one.
"""

from __future__ import annotations

from collections import defaultdict

from desktop.analysis.shares import SeriesShares, series_shares
from desktop.domain.models import Figure


def newest_source_per_year(figures: list[Figure]) -> dict[int, list[Figure]]:
    """Per year, the figures of the most recently published source (later editions win)."""
    by_year: dict[int, dict[str, list[Figure]]] = defaultdict(lambda: defaultdict(list))
    for figure in figures:
        by_year[figure.year][figure.source.id].append(figure)
    out = {}
    for year, per_source in by_year.items():
        newest = max(per_source, key=lambda sid: (per_source[sid][0].source.published, sid))
        out[year] = per_source[newest]
    return out


def group_series(figures: list[Figure]) -> dict[tuple[str, str, str], list[Figure]]:
    grouped: dict[tuple[str, str, str], list[Figure]] = defaultdict(list)
    for figure in figures:
        grouped[(figure.metric, figure.stage, figure.product)].append(figure)
    return grouped


def latest_shares(figures: list[Figure]) -> tuple[int, SeriesShares] | None:
    """The latest year of a series that has country numbers, with its shares."""
    per_year = newest_source_per_year(figures)
    for year in sorted(per_year, reverse=True):
        shares = series_shares(per_year[year])
        if shares is not None and shares.shares:
            return year, shares
    return None
