"""What the cards and the CLI show of prices, floors and dependence, over the test DB."""

from __future__ import annotations

import pytest


@pytest.fixture()
def markets(context):
    return context.markets


def test_every_partner_with_figures_and_every_searched_one(markets):
    assert {"EU", "JPN", "KOR", "IND", "DEU", "USA"} <= set(markets.desk.importers())
    uk = markets.importer_card("GBR")
    assert uk["rows"] == [] and uk["searched"]["checked"] == "2026-12-02"
    eu = markets.importer_card("EU")
    assert eu["importer_name"] == "European Union (EU-27)" and len(eu["rows"]) >= 30
    assert "not comparable" in eu["note"]  # supply, imports by weight, unstated bases
    assert all(0 <= r["share"] <= 1 and r["source"]["id"] for r in eu["rows"])


def test_who_depends_on_whom_for_a_mineral(markets):
    card = markets.mineral_card("rare-earths")
    importers = {r["importer"] for r in card["rows"]}
    assert {"EU", "JPN", "KOR", "DEU", "IND"} <= importers
    assert {m["importer"] for m in card["not_found"]} >= {"GBR", "CAN", "AUS"}


def test_the_g7_exposure_to_china(markets):
    view = markets.exposure(["USA", "JPN", "DEU", "FRA", "GBR", "ITA", "CAN", "EU"],
                            ["rare-earths", "gallium", "graphite"])
    cells = {(c["importer"], c["mineral"]): c for c in view["cells"]}
    assert cells[("JPN", "rare-earths")]["figure"]["supplier"] == "CHN"
    assert cells[("GBR", "gallium")]["no_official_figure_found"]
    assert cells[("USA", "gallium")]["figure"]["share"] == pytest.approx(0.18)
    assert view["note"]  # bases differ across members


def test_floors_on_the_mineral_card(context):
    card = context.cards.card("mineral", "rare-earths")
    floors = {f["floor"]["id"]: f for f in card["price_floors"]}
    mp = floors["usa-dod-mp-ndpr-2025"]
    assert mp["year"] == 2025 and mp["gap"] == pytest.approx(41)
    assert mp["market"]["value_text"] == "69" and mp["market"]["estimated"]
    assert {p["product"] for p in card["prices"]} >= {
        "Neodymium-praseodymium (NdPr) oxide, 99% minimum (average)"}
