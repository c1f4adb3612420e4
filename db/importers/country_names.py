"""Resolving country names as sources print them to ISO 3166-1 alpha-3 codes.

Sources name countries their own way ("Burma", "Congo (Kinshasa)", "Korea, North", "Turkey"). The
curated alias table maps those names; pycountry resolves the rest; declared aggregates ("World total",
"Other countries") map to aggregate codes and never to a country. An unknown name is an error, so a new
spelling in a source cannot silently become a fake country.
"""

from __future__ import annotations

import csv
from pathlib import Path

from desktop.domain.text import fold

ALIASES_FILE = "country_aliases.csv"
AGGREGATES_FILE = "aggregates.csv"


class CountryResolver:
    """Maps a printed country or aggregate name to its code."""

    def __init__(self, aliases: dict[str, str], aggregates: dict[str, str]) -> None:
        self._aliases = aliases
        self._aggregates = aggregates

    @classmethod
    def from_sources(cls, sources_dir: Path) -> CountryResolver:
        aliases: dict[str, str] = {}
        with (sources_dir / ALIASES_FILE).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                aliases[fold(row["alias"])] = row["iso3"]
        aggregates: dict[str, str] = {}
        with (sources_dir / AGGREGATES_FILE).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                for name in [row["name"], *filter(None, row["printed_as"].split(";"))]:
                    aggregates[fold(name)] = row["code"]
        return cls(aliases, aggregates)

    def code_for(self, name: str) -> str:
        key = fold(name)
        if key in self._aggregates:
            return self._aggregates[key]
        if key in self._aliases:
            return self._aliases[key]
        import pycountry  # build-time dependency only

        try:
            return pycountry.countries.lookup(name).alpha_3
        except LookupError:
            raise KeyError(f"unknown country or aggregate name: {name!r}") from None
