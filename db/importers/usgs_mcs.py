"""Importer for the USGS Mineral Commodity Summaries 2026 data release.

Reads the release's unified CSV (``usgs_mcs2026_commodities_data.csv``), keeps the commodities USGS
flags as 2025 US critical minerals and those on the EU's critical list, and turns the world
production / reserves / capacity tables, the US net import reliance and the US import sources into
figure rows in our format. The errata of the version history are applied here, and every corrected
row says so.

Run it to refresh the curated table from a copy of the release::

    python -m db.importers.usgs_mcs ../shared/data/usgs --write

The build never reads the release; it reads ``db/sources/usgs_mcs2026_figures.csv``. A test runs this
importer again on the release and compares, so the curated table cannot drift from USGS.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from db.importers.country_names import CountryResolver
from db.importers.usgs_prices import price_product
from db.importers.usgs_values import decode_usgs_bytes, is_estimated, parse_value, split_notes

RELEASE_FILE = "usgs_mcs2026_commodities_data.csv"
CURATED_FILE = "usgs_mcs2026_figures.csv"
SOURCES_FILE = "sources_usgs.csv"
RELEASE_SOURCE = "usgs-mcs2026"
#: The aggregate a price row stands under: where it is quoted is part of its product.
MARKET = "MARKET"

#: USGS commodity name (case-folded) -> our mineral slug.
COMMODITY_SLUGS: dict[str, str] = {
    "aluminum": "aluminum", "alumina": "alumina", "bauxite": "bauxite", "antimony": "antimony",
    "arsenic": "arsenic", "barite": "barite", "beryllium": "beryllium", "bismuth": "bismuth",
    "boron": "boron", "cesium": "cesium", "chromium": "chromium", "cobalt": "cobalt",
    "copper": "copper", "fluorspar": "fluorspar", "gallium": "gallium", "germanium": "germanium",
    "graphite (natural)": "graphite", "indium": "indium", "lead": "lead", "lithium": "lithium",
    "magnesium metal": "magnesium", "manganese": "manganese", "nickel": "nickel",
    "niobium (columbium)": "niobium", "phosphate rock": "phosphate-rock",
    "platinum-group metals": "platinum-group-metals", "iridium": "iridium",
    "palladium": "palladium", "platinum": "platinum", "rhodium": "rhodium",
    "ruthenium": "ruthenium", "potash": "potash", "rare earths": "rare-earths",
    "cerium": "cerium", "europium": "europium", "gadolinium": "gadolinium",
    "lanthanum": "lanthanum", "neodymium": "neodymium", "praseodymium": "praseodymium",
    "samarium": "samarium", "rare earths (heavy)": "heavy-rare-earths",
    "dysprosium": "dysprosium", "erbium": "erbium", "holmium": "holmium", "lutetium": "lutetium",
    "terbium": "terbium", "ytterbium": "ytterbium", "rhenium": "rhenium", "rubidium": "rubidium",
    "scandium": "scandium", "silicon": "silicon", "silver": "silver", "tantalum": "tantalum",
    "tellurium": "tellurium", "tin": "tin", "tio2 pigment": "titanium-dioxide",
    "titanium sponge metal": "titanium",
    "titanium mineral concentrates": "titanium-mineral-concentrates", "tungsten": "tungsten",
    "vanadium": "vanadium", "yttrium": "yttrium", "zinc": "zinc", "zirconium": "zirconium",
    "hafnium": "hafnium", "zirconium and hafnium": "zirconium-and-hafnium",
}

#: Commodities not on the 2025 US list but on the EU's list of critical raw materials (Regulation
#: (EU) 2024/1252, Annex II), imported whatever the release's US flag says.
EU_LISTED_SLUGS: dict[str, str] = {
    "feldspar": "feldspar", "feldspar and nepheline syenite": "feldspar", "helium": "helium",
    "strontium": "strontium",
}

FIELDS = [
    "mineral", "country", "usgs_country", "metric", "stage", "product", "year", "period",
    "value", "value_text", "qualifier", "unit", "estimated", "rounded", "note", "source_id",
    "corrected_by", "usgs_chapter", "usgs_section", "usgs_detail",
]


@dataclass(frozen=True)
class Erratum:
    """One correction from the release's version history, applied to matching rows."""

    chapter: str
    country: str
    detail_prefix: str
    year: str
    old: str
    new: str
    source_id: str


#: Version history of MCS 2026: v1.3 (2026-05-27), p. 153, rare-earth reserves.
ERRATA = [
    Erratum("RARE EARTHS", "Brazil", "Reserves", "2025", "21,000,000", "11,000,000",
            "usgs-mcs2026-errata"),
    Erratum("RARE EARTHS", "World total", "Reserves", "2025", ">85,000,000", ">75,000,000",
            "usgs-mcs2026-errata"),
]
#: v1.1 (2026-03-05), p. 153: footnote 14 moved from China's 2024 mine production to India's
#: reserves, with new wording. Keyed by (chapter, country, detail prefix, year).
NOTE_ERRATA = {
    ("RARE EARTHS", "China", "Mine production", "2024"): (
        "Production quota; does not include undocumented production.", None),
    ("RARE EARTHS", "India", "Reserves", "2025"): (
        None,
        "A 2015 report from OSCOM indicated that monazite reserves from their operations were "
        "256,000 tons; rare-earth reserves were not reported."),
}


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def chapter_source_id(chapter: str) -> str:
    return f"usgs-mcs2026-{slugify(chapter)}"


def classify(section: str, statistics: str, detail: str) -> tuple[str, str, str] | None:
    """Map a USGS row to (metric, stage, product); None for rows we do not import.

    ``product`` names what exactly was measured when a chapter has several series (ilmenite and
    rutile, ferrosilicon and silicon metal, ore and oxide content); it is empty for the chapter's
    main series, so that country rows and the world total of one series share one key.
    """
    product = re.sub(r"[:,]?\s*rounded$", "", detail).strip()
    low = product.lower()
    if section == "Import Sources":
        return "import_source_share", "import", "" if product in ("All", "") else product
    if statistics == "Price":  # the United States' salient statistics: a market, not a country
        return "price", "market", price_product(detail)
    if statistics == "Net import reliance":
        qualifier = re.split(r"consumption[:,]?", product, maxsplit=1)
        rest = qualifier[1].strip(" :,") if len(qualifier) > 1 else ""
        return "net_import_reliance", "import", rest
    if not section.startswith("World"):
        return None
    if statistics == "Reserves":
        rest = re.sub(r"^(PGM |Bauxite |Zirconium |Helium )?[Rr]eserves[:,—]?\s*", "", product)
        return "reserves", "mining", _tidy(rest)
    if statistics == "Capacity":
        stage = ("smelting" if "smelter" in low or "yearend" in low else
                 "metal" if "sponge" in low else "pigment" if "pigment" in low else "refining")
        rest = re.sub(r"^(yearend|refinery|production|smelter) capacity:?", "", product, flags=re.I)
        rest = re.sub(r"(tio2 pigment|titanium sponge metal) capacity$", "", rest, flags=re.I)
        return "capacity", stage, _tidy(rest)
    if statistics != "Production":
        return None
    if "mine production" in low:
        rest = re.sub(r"^.*?mine production[:,]?\s*", "", product, flags=re.I)
        if low.startswith("zirconium mineral concentrates"):
            rest = "zirconium mineral concentrates"
        if low.startswith("mine production of y2o3"):
            rest = product
        return "mine_production", "mining", _tidy(rest)
    if "refinery production" in low or low.startswith("primary production"):
        rest = re.sub(r"^.*?(refinery|primary) production[:,]?\s*", "", product, flags=re.I)
        return "refinery_production", "refining", _tidy(rest)
    if low.startswith("production (arsenic trioxide"):
        return "refinery_production", "refining", "arsenic trioxide, gross weight"
    if "smelter production" in low or low in ("ferrosilicon", "silicon metal"):
        return "smelter_production", "smelting", "" if "smelter production" in low else low
    if "sponge metal production" in low:
        return "metal_production", "metal", ""
    return "production", "production", _tidy(re.sub(r"^(helium )?production\W*", "", product,
                                                    flags=re.I))


#: Series names USGS capitalises in country rows but not in world-total rows.
_SERIES_WORDS = {"Ilmenite", "Rutile", "Ore", "Palladium", "Platinum", "Recoverable"}


def _tidy(text: str) -> str:
    """Drop wrapping punctuation and agree on one spelling of a series name across rows."""
    text = text.strip(" :,()—")
    first, _, rest = text.partition(" ")
    if first in _SERIES_WORDS:
        text = " ".join(filter(None, [first.lower(), rest]))
    return text


def read_release(release_dir: Path) -> list[dict[str, str]]:
    data = (release_dir / RELEASE_FILE).read_bytes()
    return list(csv.DictReader(io.StringIO(decode_usgs_bytes(data))))


def _clean(text: str) -> str:
    return " ".join((text or "").replace("\u00a0", " ").split())


def figure_rows(rows: Iterable[dict[str, str]], resolver: CountryResolver) -> Iterator[dict]:
    """Yield our figure rows for the critical commodities of the release, errata applied."""
    for row in rows:
        commodity = _clean(row["Commodity"]).lower()
        slug = COMMODITY_SLUGS.get(commodity)
        if slug is None or row["Is critical mineral 2025"] not in ("Yes", "Yttrium"):
            slug = EU_LISTED_SLUGS.get(commodity)
        section = _clean(row["Section"])
        statistics, detail = _clean(row["Statistics"]), _clean(row["Statistics_detail"])
        if slug is None or (slug == "feldspar" and "nepheline" in detail.lower()):
            continue  # nepheline syenite is another mineral, listed by neither
        kind = classify(section, statistics, detail)
        if kind is None:
            continue
        metric, stage, product = kind
        chapter, usgs_country, year = _clean(row["MCS chapter"]), _clean(row["Country"]), row["Year"]
        text, corrected_by, erratum_note = _clean(row["Value"]), "", ""
        for fix in ERRATA:
            if (fix.chapter, fix.country, fix.year) == (chapter, usgs_country, year) and \
                    detail.startswith(fix.detail_prefix) and text == fix.old:
                text, corrected_by = fix.new, fix.source_id
                erratum_note = f"Corrected by MCS 2026 v1.3 erratum (was {fix.old})."
        notes = split_notes(_clean(row["Notes"]))
        for (n_chapter, n_country, n_prefix, n_year), (drop, add) in NOTE_ERRATA.items():
            if (n_chapter, n_country, n_year) == (chapter, usgs_country, year) and \
                    detail.startswith(n_prefix):
                notes = [n for n in notes if n != drop] + ([add] if add else [])
                erratum_note = erratum_note or "Footnote corrected by MCS 2026 v1.1 erratum."
                corrected_by = corrected_by or "usgs-mcs2026-errata"
        parsed = parse_value(text)
        period = "2021–2024" if year == "2021–24" else ""
        yield {
            "mineral": slug,
            "country": MARKET if metric == "price" else resolver.code_for(usgs_country),
            "usgs_country": usgs_country,
            "metric": metric,
            "stage": stage,
            "product": product,
            "year": "2024" if period else year,
            "period": period,
            "value": "" if parsed.value is None else _format_number(parsed.value),
            "value_text": text,
            "qualifier": parsed.qualifier,
            "unit": _clean(row["Unit"]),
            "estimated": "1" if is_estimated(_clean(row["Notes"])) else "0",
            "rounded": "1" if detail.lower().endswith("rounded") else "0",
            "note": " ".join(n for n in notes + ([erratum_note] if erratum_note else [])
                             if n != "Estimated."),
            "source_id": chapter_source_id(chapter),
            "corrected_by": corrected_by,
            "usgs_chapter": chapter,
            "usgs_section": section,
            "usgs_detail": detail,
        }


def _format_number(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(value)


def source_rows(figures: Iterable[dict]) -> list[dict[str, str]]:
    """One source row per MCS chapter used, plus the release and its errata."""
    chapters = sorted({(f["source_id"], f["usgs_chapter"]) for f in figures})
    base = {
        "publisher": "U.S. Geological Survey",
        "edition": "Data release, first posted 2026-02-06",
        "published": "2026-02-06",
        "url": "https://doi.org/10.5066/P1WKQ63T",
        "doi": "10.5066/P1WKQ63T",
        "licence": "Public domain (U.S. Government work)",
        "tier": "official", "accessed": "",
    }
    rows = [dict(base, id=RELEASE_SOURCE, title="Mineral commodity summaries 2026 data release",
                 locator="usgs_mcs2026_commodities_data.csv", note="")]
    rows.append(dict(base, id="usgs-mcs2026-errata",
                     title="Mineral commodity summaries 2026, revision history",
                     edition="Version 1.3", published="2026-05-27",
                     url="https://www.usgs.gov/centers/national-minerals-information-center/"
                         "mineral-commodity-summaries", doi="",
                     locator="p. 153, Rare earths: world mine production and reserves table",
                     note="v1.1 (2026-03-05) moves footnote 14 from China's 2024 mine production "
                          "to India's reserves; v1.3 (2026-05-27) corrects Brazil's rare-earth "
                          "reserves (21,000,000 to 11,000,000 t) and the world total "
                          "(>85,000,000 to >75,000,000 t)."))
    for source_id, chapter in chapters:
        title = chapter.title().replace("Tio2", "TiO2").replace("And ", "and ")
        rows.append(dict(base, id=source_id,
                         title=f"Mineral commodity summaries 2026 data release: {title}",
                         locator=f"Chapter '{title}': salient statistics, world production and "
                                 "reserves, import sources",
                         note=""))
    return rows


def write_csv(path: Path, fields: list[str], rows: Iterable[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def import_release(release_dir: Path, sources_dir: Path) -> list[dict]:
    resolver = CountryResolver.from_sources(sources_dir)
    return list(figure_rows(read_release(release_dir), resolver))


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    write = "--write" in args
    args = [a for a in args if a != "--write"]
    release_dir = Path(args[0] if args else "../shared/data/usgs")
    sources_dir = Path(__file__).resolve().parents[1] / "sources"
    figures = import_release(release_dir, sources_dir)
    if write:
        write_csv(sources_dir / CURATED_FILE, FIELDS, figures)
        write_csv(sources_dir / SOURCES_FILE,
                  ["id", "publisher", "title", "edition", "locator", "published", "url", "doi",
                   "licence", "tier", "accessed", "note"], source_rows(figures))
    print(f"{len(figures)} figure rows from {release_dir / RELEASE_FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
