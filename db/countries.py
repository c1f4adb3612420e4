"""Country rows and names for the build: ISO 3166-1 from pycountry, UN regions, translations, aliases.

pycountry and country_converter are build-time dependencies; the app reads their facts from the
built database only.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from pathlib import Path

from db.tables import read_csv
from desktop.domain.text import fold

#: Languages whose ISO 3166-1 translations we carry (pycountry locale names -> our language tags).
LANGUAGES = {"fr": "fr", "es": "es", "de": "de", "ru": "ru", "zh_CN": "zh", "ja": "ja", "ko": "ko",
             "it": "it", "pt": "pt", "ar": "ar"}


def country_rows(regions: dict[str, tuple[str, str]], sources_dir: Path) -> list[dict]:
    """All ISO 3166-1 entries with codes, names and region (continent, UN sub-region).

    The display name is pycountry's common name where it has one ("South Korea", "Bolivia"),
    else the ISO short name, unless ``country_display_names.csv`` gives the form briefings use
    ("Russia" rather than "Russian Federation").
    """
    import pycountry

    display = {row["iso3"]: row["name"]
               for row in read_csv(sources_dir / "country_display_names.csv")}
    rows = []
    for country in pycountry.countries:
        region, subregion = regions.get(country.alpha_3, ("", ""))
        rows.append({
            "iso3": country.alpha_3,
            "iso2": country.alpha_2,
            "numeric": country.numeric,
            "name": display.get(country.alpha_3) or getattr(country, "common_name", None)
            or country.name,
            "iso_name": country.name,
            "official_name": getattr(country, "official_name", "") or "",
            "region": region,
            "subregion": subregion,
            "source_id": "iso-3166-1",
        })
    return sorted(rows, key=lambda row: row["iso3"])


def _converter_data():
    import logging

    import country_converter

    logging.getLogger("country_converter").setLevel(logging.ERROR)
    return country_converter.CountryConverter().data


#: Our group ids -> country_converter's membership columns.
CONVERTER_GROUPS = {"g7": "G7", "eu27": "EU27", "oecd": "OECD"}


def converter_groups() -> dict[str, set[str]]:
    """Current members of the standard groups country_converter knows (G7, EU-27, OECD)."""
    data = _converter_data()
    return {group: set(data.loc[data[column].notna(), "ISO3"])
            for group, column in CONVERTER_GROUPS.items()}


def check_groups(members: list[dict]) -> None:
    """The curated, dated memberships must agree with country_converter's current groupings."""
    expected = converter_groups()
    for group, want in expected.items():
        have = {row["member"] for row in members if row["group_id"] == group
                and not row["left"] and len(row["member"]) == 3}
        if have != want:
            raise ValueError(f"group {group}: curated members differ from country_converter "
                             f"(missing {sorted(want - have)}, extra {sorted(have - want)})")


def un_regions() -> dict[str, tuple[str, str]]:
    """ISO3 -> (continent, UN M49 sub-region), from country_converter's tables."""
    data = _converter_data()
    out = {}
    for iso3, continent, subregion in zip(data["ISO3"], data["continent"], data["UNregion"],
                                          strict=True):
        out[str(iso3)] = (_text(continent), _text(subregion))
    return out


def _text(value: object) -> str:
    return "" if value is None or value != value else str(value)  # NaN is not equal to itself


def country_name_rows(countries: list[dict], sources_dir: Path) -> Iterator[dict]:
    """Every name a country is known by: English forms, codes, translations, curated aliases."""
    import pycountry

    for row in countries:
        iso3 = row["iso3"]
        for kind, name in (("name", row["name"]), ("iso_name", row["iso_name"]),
                           ("official", row["official_name"])):
            if name:
                yield _name(iso3, name, "en", kind, "iso-3166-1")
        yield _name(iso3, row["iso2"], "", "code", "iso-3166-1")
        yield _name(iso3, iso3, "", "code", "iso-3166-1")
    for locale, lang in LANGUAGES.items():
        try:
            catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[locale])
        except OSError:
            continue
        for row in countries:
            # short names only: translated official names ("République du Panama") are rarely
            # typed and would triple the index that every keystroke searches
            for english in sorted({row["iso_name"], row["name"]} - {""}):
                translated = catalogue.gettext(english)
                if translated:
                    yield _name(row["iso3"], translated, lang, "translation",
                                "iso-codes-translations")
    for alias in read_csv(sources_dir / "country_aliases.csv"):
        yield _name(alias["iso3"], alias["alias"], alias["lang"], alias["kind"], alias["source_id"])


def _name(iso3: str, name: str, lang: str, kind: str, source_id: str) -> dict:
    return {"iso3": iso3, "name": name, "folded": fold(name), "lang": lang, "kind": kind,
            "source_id": source_id}


def dedupe_names(rows: Iterator[dict]) -> list[dict]:
    """One row per (country, language, folded name), keeping the first kind seen."""
    seen: set[tuple[str, str, str]] = set()
    out = []
    for row in rows:
        key = (row["iso3"], row["lang"], row["folded"])
        if key in seen or not row["folded"]:
            continue
        seen.add(key)
        out.append(row)
    return out
