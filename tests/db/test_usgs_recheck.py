"""Every USGS-cited figure in db/sources/ is checked again against the official release.

The importers run again on ../shared/data/usgs and must reproduce the curated tables exactly; a few
values are also checked by hand against the publication (and its errata).
"""

from __future__ import annotations

import csv

from db.importers import usgs_mcs, usgs_rare_earths
from db.tables import SOURCES_DIR


def _curated(name: str) -> list[dict]:
    with (SOURCES_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_mcs_figures_match_the_release(shared_usgs):
    fresh = usgs_mcs.import_release(shared_usgs, SOURCES_DIR)
    curated = _curated(usgs_mcs.CURATED_FILE)
    assert len(fresh) == len(curated)
    for new, old in zip(fresh, curated, strict=True):
        assert {k: str(v) for k, v in new.items()} == old


def test_rare_earth_series_matches_the_workbooks(shared_usgs):
    fresh = usgs_rare_earths.import_series(shared_usgs, SOURCES_DIR)
    curated = _curated(usgs_rare_earths.CURATED_FILE)
    assert [{k: str(v) for k, v in row.items()} for row in fresh] == curated


def test_every_usgs_cited_figure_is_in_the_release(shared_usgs):
    """Independent of the importer's mapping: each curated value text occurs in the release."""
    release = usgs_mcs.read_release(shared_usgs)
    def clean(text: str) -> str:
        return " ".join(text.replace("\u00a0", " ").split())

    published = {(clean(r["MCS chapter"]), clean(r["Statistics_detail"]), clean(r["Unit"]),
                  clean(r["Country"]), r["Year"], clean(r["Value"])) for r in release}
    for row in _curated(usgs_mcs.CURATED_FILE):
        if row["corrected_by"] and "v1.3" in row["note"]:
            continue  # the erratum's value replaces the release's (checked below)
        year = "2021–24" if row["period"] else row["year"]
        key = (row["usgs_chapter"], row["usgs_detail"], row["unit"], row["usgs_country"], year,
               row["value_text"])
        assert key in published, row


def _find(rows, **match):
    hits = [r for r in rows if all(r[k] == v for k, v in match.items())]
    assert len(hits) == 1, (match, hits)
    return hits[0]


def test_known_values_by_hand():
    rows = _curated(usgs_mcs.CURATED_FILE)
    china = _find(rows, mineral="rare-earths", country="CHN", metric="mine_production", year="2025")
    assert china["value"] == "270000" and china["estimated"] == "1"
    world = _find(rows, mineral="rare-earths", country="WORLD", metric="mine_production",
                  year="2025")
    assert world["value_text"] == "390,000" and world["rounded"] == "1"
    burma = _find(rows, mineral="rare-earths", country="MMR", metric="mine_production", year="2025")
    assert burma["usgs_country"] == "Burma"
    gallium = _find(rows, mineral="gallium", country="CHN", metric="refinery_production",
                    year="2024")
    assert gallium["unit"] == "kilograms"
    withheld = [r for r in rows if r["value_text"] == "W"]
    assert withheld and all(r["value"] == "" for r in withheld)


def test_errata_of_version_1_3_are_applied():
    rows = _curated(usgs_mcs.CURATED_FILE)
    brazil = _find(rows, mineral="rare-earths", country="BRA", metric="reserves", year="2025")
    assert brazil["value_text"] == "11,000,000" and brazil["value"] == "11000000"
    assert brazil["corrected_by"] == "usgs-mcs2026-errata" and "21,000,000" in brazil["note"]
    world = _find(rows, mineral="rare-earths", country="WORLD", metric="reserves", year="2025")
    assert world["value_text"] == ">75,000,000" and world["qualifier"] == ">"


def test_erratum_of_version_1_1_moves_the_footnote():
    rows = _curated(usgs_mcs.CURATED_FILE)
    china = _find(rows, mineral="rare-earths", country="CHN", metric="mine_production", year="2024")
    assert "Production quota" not in china["note"]
    india = _find(rows, mineral="rare-earths", country="IND", metric="reserves", year="2025")
    assert "OSCOM" in india["note"]


def test_all_68_critical_commodity_names_map_to_a_mineral(shared_usgs):
    names = {r["Commodity"].strip().lower() for r in usgs_mcs.read_release(shared_usgs)
             if r["Is critical mineral 2025"] == "Yes"}
    assert len({r["Commodity"] for r in usgs_mcs.read_release(shared_usgs)
                if r["Is critical mineral 2025"] == "Yes"}) == 68
    assert names <= set(usgs_mcs.COMMODITY_SLUGS)
    minerals = {r["id"] for r in _curated("minerals.csv")}
    assert set(usgs_mcs.COMMODITY_SLUGS.values()) <= minerals


def test_estimates_noted_with_their_origin_are_flagged():
    """"Estimated from …" footnotes mark estimates as much as a bare "Estimated." does."""
    rows = _curated(usgs_mcs.CURATED_FILE)
    gallium = _find(rows, mineral="gallium", country="CHN", metric="capacity", year="2025")
    assert gallium["note"].startswith("Estimated from") and gallium["estimated"] == "1"
    russia = _find(rows, mineral="rhenium", country="RUS", metric="mine_production", year="2025")
    assert russia["estimated"] == "1"
    yttrium = [r for r in rows if r["mineral"] == "yttrium" and r["metric"] ==
               "import_source_share"]
    assert yttrium and all(r["estimated"] == "1" for r in yttrium)
    flagged_by_note = [r for r in rows if r["note"].startswith("Estimated")]
    assert flagged_by_note and all(r["estimated"] == "1" for r in flagged_by_note)
