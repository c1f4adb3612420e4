"""The USGS MCS 2026 price rows: every one of the app's minerals is imported, named by what was
priced, and re-checked against the release (the importer's full re-check is in
test_usgs_recheck.py; these are the price rows by hand and by count)."""

from __future__ import annotations

import csv

from db.importers import usgs_mcs
from db.importers.usgs_prices import price_product
from db.tables import SOURCES_DIR


def _prices() -> list[dict]:
    with (SOURCES_DIR / usgs_mcs.CURATED_FILE).open(encoding="utf-8", newline="") as handle:
        return [r for r in csv.DictReader(handle) if r["metric"] == "price"]


def _one(rows, **match) -> dict:
    hits = [r for r in rows if all(r[k] == v for k, v in match.items())]
    assert len(hits) == 1, (match, hits)
    return hits[0]


def test_price_rows_by_hand():
    rows = _prices()
    ndpr = _one(rows, mineral="rare-earths", year="2024",
                product="Neodymium-praseodymium (NdPr) oxide, 99% minimum (average)")
    assert (ndpr["value"], ndpr["unit"], ndpr["country"]) == ("55", "dollars per kilogram",
                                                              "MARKET")
    assert "Argus" in ndpr["note"]
    dysprosium = _one(rows, mineral="dysprosium", year="2025")
    assert (dysprosium["value_text"], dysprosium["estimated"]) == ("239", "1")
    lithium = _one(rows, mineral="lithium", year="2022")
    assert lithium["value"] == "63700" and lithium["unit"] == "dollars per metric ton"
    scandium = _one(rows, mineral="scandium", year="2024", qualifier="range")
    assert scandium["value_text"] == "660–670" and scandium["value"] == ""
    nickel = [r for r in rows if r["mineral"] == "nickel" and r["year"] == "2024"]
    assert {r["unit"] for r in nickel} == {"dollars per metric ton", "dollars per pound"}
    assert len({r["product"] for r in nickel}) == 2  # one series per unit, never merged


def test_every_price_row_of_the_apps_minerals_is_imported(shared_usgs):
    release = usgs_mcs.read_release(shared_usgs)
    ours = set(usgs_mcs.COMMODITY_SLUGS) | set(usgs_mcs.EU_LISTED_SLUGS)

    def clean(text: str) -> str:
        return " ".join(text.replace("\u00a0", " ").split())

    expected = [r for r in release if clean(r["Statistics"]) == "Price"
                and clean(r["Commodity"]).lower() in ours
                and (r["Is critical mineral 2025"] in ("Yes", "Yttrium")
                     or clean(r["Commodity"]).lower() in usgs_mcs.EU_LISTED_SLUGS)]
    assert len(_prices()) == len(expected) >= 460
    imported = {(r["usgs_detail"], r["year"], r["value_text"]) for r in _prices()}
    for row in expected:
        assert (clean(row["Statistics_detail"]), row["Year"], clean(row["Value"])) in imported


def test_product_names_keep_what_was_priced_and_how():
    assert price_product("Price, average, dollars per kilogram: Terbium oxide, 99.99% minimum") \
        == "Terbium oxide, 99.99% minimum (average)"
    assert price_product("Price, average unit value of imports, dollars per kilogram") \
        == "average unit value of imports"
    assert price_product("1?gram ampoules of 99.8% (metal basis) cesium") \
        == "1-gram ampoules of 99.8% (metal basis) cesium"
    assert price_product("Price: Zircon, dollars per metric ton (gross weight): Imported") \
        == "Zircon: Imported"
    assert price_product("Price, average annual, London Metal Exchange (LME), cash: Dollars per "
                         "pound").endswith("(dollars per pound)")
