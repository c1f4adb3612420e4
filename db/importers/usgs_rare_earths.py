"""Importer for the long rare-earth production series.

Two USGS workbooks reach further back than the MCS: Data Series 140 (historical statistics, world and
US mine production from 1900) and the Minerals Yearbook 2022 Table 8 (world mine production by country,
2018–2022, which gives China's series). The MCS 2026 rows cover 2024–2025. Where two publications give
the same year, both rows are kept with their sources; the reader picks the most recent publication.

    python -m db.importers.usgs_rare_earths ../shared/data/usgs --write
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

from db.importers.country_names import CountryResolver
from db.importers.usgs_mcs import write_csv
from db.importers.usgs_values import parse_value

DS140_FILE = "usgs_ds140_rare_earths_2020.xlsx"
MYB_FILE = "usgs_myb2022_rare_earths_tables.xlsx"
CURATED_FILE = "usgs_rare_earths_series.csv"
SOURCES_FILE = "sources_usgs_series.csv"
FIELDS = ["mineral", "country", "usgs_country", "metric", "stage", "product", "year", "period",
          "value", "value_text", "qualifier", "unit", "estimated", "rounded", "note", "source_id"]
UNIT = "metric tons"  # rare-earth oxide (REO) equivalent, as in the MCS rare-earths chapter
REO_NOTE = "Rare-earth oxide (REO) equivalent."


def _load(path: Path):
    import warnings

    import openpyxl  # dev/build-time dependency

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return openpyxl.load_workbook(path, data_only=True, read_only=True)


def _row(country: str, usgs_country: str, year: int, text: str, source_id: str,
         estimated: bool = False, note: str = "") -> dict:
    parsed = parse_value(text)
    value = "" if parsed.value is None else (
        str(int(parsed.value)) if parsed.value.is_integer() else repr(parsed.value))
    return {"mineral": "rare-earths", "country": country, "usgs_country": usgs_country,
            "metric": "mine_production", "stage": "mining", "product": "", "year": str(year),
            "period": "", "value": value, "value_text": parsed.text, "qualifier": parsed.qualifier,
            "unit": UNIT, "estimated": "1" if estimated else "0", "rounded": "0",
            "note": " ".join(filter(None, [REO_NOTE, note])),
            "source_id": source_id}


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value).strip()


def ds140_rows(release_dir: Path) -> Iterator[dict]:
    """World (and US) mine production by year from Data Series 140."""
    sheet = _load(release_dir / DS140_FILE).active
    header: list[str] | None = None
    for cells in sheet.iter_rows(values_only=True):
        if cells and cells[0] == "Year":
            header = [str(c) if c is not None else "" for c in cells]
            continue
        if header is None or not isinstance(cells[0], int):
            continue
        record = dict(zip(header, cells, strict=False))
        yield _row("WORLD", "World production", cells[0], _cell_text(record["World production"]),
                   "usgs-ds140-rare-earths")
        yield _row("USA", "Production", cells[0], _cell_text(record["Production"]),
                   "usgs-ds140-rare-earths", note="U.S. production as given by Data Series 140.")


_FOOTNOTE = re.compile(r"^(?P<name>.*?)(?P<e>e)?(?:,?\s*\d+)*$")


def myb_rows(release_dir: Path, resolver: CountryResolver) -> Iterator[dict]:
    """World mine production by country, 2018–2022, from Minerals Yearbook 2022 Table 8."""
    sheet = _load(release_dir / MYB_FILE)["T8"]
    years: list[tuple[int, int]] = []
    for cells in sheet.iter_rows(values_only=True):
        first = cells[0]
        if isinstance(first, str) and first.startswith("Country or locality"):
            years = [(i, int(v)) for i, v in enumerate(cells) if isinstance(v, int)]
            continue
        if not years or not isinstance(first, str):
            continue
        label = first.strip()
        match = _FOOTNOTE.match(label)
        name, all_estimated = match.group("name").strip(), bool(match.group("e"))
        if name in ("Indiae", "Indi"):
            name = "India"
        if label.startswith("Total"):
            name = "World total"
        code = resolver.code_for(name)
        for index, year in years:
            text = _cell_text(cells[index])
            flag = str(cells[index + 1] or "").strip() if index + 1 < len(cells) else ""
            if not text:
                continue
            note = "Revised." if flag == "r" else ""
            yield _row(code, name, year, text, "usgs-myb2022-rare-earths-t8",
                       estimated=all_estimated or flag == "e", note=note)
        if name == "World total":
            return  # footnotes follow the total row


def import_series(release_dir: Path, sources_dir: Path) -> list[dict]:
    resolver = CountryResolver.from_sources(sources_dir)
    return list(ds140_rows(release_dir)) + list(myb_rows(release_dir, resolver))


def source_rows() -> list[dict]:
    base = {"publisher": "U.S. Geological Survey", "doi": "", "tier": "official", "accessed": "",
            "licence": "Public domain (U.S. Government work)"}
    return [
        dict(base, id="usgs-ds140-rare-earths",
             title="Historical statistics for mineral and material commodities in the United "
                   "States, Data Series 140: Rare earths statistics",
             edition="Last modification September 27, 2023", published="2023-09-27",
             locator="Rare earths worksheet: columns Production and World production, 1900-2020",
             url="https://www.usgs.gov/centers/national-minerals-information-center/"
                 "historical-statistics-mineral-and-material-commodities",
             note="Compiled by C.A. DiFrancesco, J.B. Hedrick, D.J. Cordier and J. Gambogi."),
        dict(base, id="usgs-myb2022-rare-earths-t8",
             title="Minerals Yearbook 2022, volume I: Rare earths, advance data release of the "
                   "2022 annual tables",
             edition="Advance data release posted March 19, 2025", published="2025-03-19",
             locator="Table 8: Rare earths: world mine production, by country or locality",
             url="https://www.usgs.gov/centers/national-minerals-information-center/"
                 "rare-earths-statistics-and-information",
             note="Table includes data available through April 1, 2024."),
    ]


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    write = "--write" in args
    args = [a for a in args if a != "--write"]
    release_dir = Path(args[0] if args else "../shared/data/usgs")
    sources_dir = Path(__file__).resolve().parents[1] / "sources"
    rows = import_series(release_dir, sources_dir)
    if write:
        write_csv(sources_dir / CURATED_FILE, FIELDS, rows)
        write_csv(sources_dir / SOURCES_FILE,
                  ["id", "publisher", "title", "edition", "locator", "published", "url", "doi",
                   "licence", "tier", "accessed", "note"], source_rows())
    print(f"{len(rows)} series rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
