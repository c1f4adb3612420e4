"""The analysis sections of the mineral and country cards."""

from __future__ import annotations

import pytest


def test_mineral_card_has_a_concentration_row_per_stage(cards):
    card = cards.card("mineral", "rare-earths")
    rows = {r["stage"]: r for r in card["concentration"]}
    assert list(rows) == ["reserves", "mining", "refining"]  # no dated magnet share
    mining = rows["mining"]
    assert mining["top1"]["country"] == "CHN" and round(mining["hhi"]) == 5054
    assert mining["band"] == "highly concentrated"
    assert mining["china_share"] == pytest.approx(270 / 390, abs=1e-5)
    assert mining["g7_share"] == pytest.approx(51 / 390, abs=1e-5)
    assert mining["without_china"]["offline_share"] == pytest.approx(270 / 390, abs=1e-5)
    assert "HHI" in mining["formula"] and mining["source"]["url"]
    # no G7 member is named in the refining share: its share is unknown (at most the unnamed 3 %)
    assert rows["refining"]["g7_text"] == "not named (≤ 3.0 %)"
    # only China is named in the battery-grade graphite share: without it nothing named is left
    graphite = {r["stage"]: r for r in cards.card("mineral", "graphite")["concentration"]}
    assert graphite["downstream"]["without_china"]["band_after"] == "no named supply left"
    assert graphite["downstream"]["without_china"]["hhi_after"] is None


def test_country_card_weights_and_removal(cards):
    card = cards.card("country", "AUS")
    weights = card["weights"]
    assert weights == sorted(weights, key=lambda w: -w["share"])
    lithium = next(w for w in weights if w["mineral"] == "lithium" and w["stage"] == "mining")
    assert lithium["rank"] == 1 and lithium["offline_share"] == lithium["share"]
    assert all(0 < w["share"] <= 1 for w in weights)
    assert cards.card("country", "ATA")["weights"] == []  # Antarctica supplies nothing


def test_us_import_sources_carry_the_suppliers_world_share(cards):
    imports = {r["country"]: r for r in cards.card("mineral", "gallium")["import_sources"]}
    assert imports["CHN"]["world_rank"] == 1 and imports["CHN"]["world_share"] > 0.9
    assert imports["CAN"]["world_share"] is None  # not named in USGS's world gallium table
    assert imports["CHN"]["world_stage"] == "Refining / processing"


def test_mineral_card_reserves_gap(cards):
    gap = cards.card("mineral", "rare-earths")["reserves_gap"]
    assert gap["rows"][0]["country"] == "BRA" and gap["rows"][0]["gap"] > 0
    assert gap["sources"] and cards.card("mineral", "gallium")["reserves_gap"] is None


def test_card_hhi_prints_as_its_formula_does(cards):
    # nickel mining 2025: HHI 4,558.53 — a value stored as 4,558.5 would print "4,558" (round
    # half to even) beside a formula that says 4,559
    card = cards.card("mineral", "nickel")
    mining = next(s for s in card["concentration"] if s["stage"] == "mining")
    assert f"= {mining['hhi']:,.0f}:" in mining["formula"]
