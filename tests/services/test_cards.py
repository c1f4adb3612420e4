"""Cards for every country and every mineral build without errors; known values hold."""

from __future__ import annotations

import pytest

from desktop.services.cards import UnknownEntity


def test_every_country_card(cards, repo):
    for iso3, _name in repo.countries():
        card = cards.card("country", iso3)
        assert card["name"] and card["iso3"] == iso3


def test_every_mineral_card(cards, repo):
    with_stages = 0
    for mineral_id, _name, _family in repo.minerals():
        card = cards.card("mineral", mineral_id)
        assert card["description"]
        with_stages += bool(card["stages"])
        for stage in card["stages"]:
            assert stage["top"] and stage["source"]["url"]
            if stage["comparable"]:
                assert 0 <= stage["hhi"] <= 10_000 + 1e-6
            else:  # no world total in numbers: values but no shares, as in the analysis
                assert stage["hhi"] is None and all(t["share"] is None for t in stage["top"])
    assert with_stages >= 40


def test_series_without_a_world_total_give_values_not_shares(cards):
    # USGS gives boron per product, each country in its own: no "100 %" of one country
    boron = cards.card("mineral", "boron")
    assert boron["stages"] and not any(s["comparable"] for s in boron["stages"])
    rare = cards.card("mineral", "rare-earths")
    assert all(s["comparable"] for s in rare["stages"] if s["metric"] == "mine_production")


def test_every_initiative_group_and_event_card(cards, repo):
    for initiative in repo.initiatives():
        assert cards.card("initiative", initiative.id)["sources"]
    for group_id, _ in repo.groups():
        assert cards.card("group", group_id)["members"]
    for event in repo.events():
        assert cards.card("event", event.id)["sources"]


def test_rare_earth_concentration_from_usgs(cards):
    card = cards.card("mineral", "rare-earths")
    mining = next(s for s in card["stages"] if s["metric"] == "mine_production")
    # 270,000 of a world total of 390,000 t (USGS MCS 2026, 2025 estimates)
    assert mining["year"] == 2025 and mining["top1"]["country"] == "CHN"
    assert mining["top1"]["share"] == pytest.approx(270 / 390, abs=1e-6)
    reserves = next(s for s in card["stages"] if s["metric"] == "reserves")
    # world total printed as ">75,000,000": shares use the sum of listed countries
    assert reserves["denominator"] == "sum of listed countries"
    assert reserves["top"][0]["country"] == "CHN"
    assert 0.5 < reserves["top"][0]["share"] < 0.6


def test_country_card_roles_and_memberships(cards):
    china = cards.card("country", "CHN")
    roles = {(r["mineral"], r["metric"]) for r in china["mineral_roles"]}
    assert ("rare-earths", "mine_production") in roles
    assert ("rare-earths", "processing_share") in roles
    assert any(e["kind"].startswith("export") for e in china["export_controls"])
    japan = cards.card("country", "JPN")
    assert {"g7", "oecd", "quad"} <= {m["id"] for m in japan["memberships"]}


def test_unknown_entities(cards):
    for kind, ident in (("country", "ZZZ"), ("mineral", "x"), ("initiative", "x"),
                        ("event", "x"), ("group", "x"), ("planet", "x")):
        with pytest.raises(UnknownEntity):
            cards.card(kind, ident)


def test_card_kind_is_the_card_not_the_entity_kind(cards):
    assert cards.card("event", "2023-07-03-cn-gallium-germanium-controls")["kind"] == "event"
    assert cards.card("initiative", "msp")["kind"] == "initiative"
    assert cards.card("group", "g7")["kind"] == "group"
    assert cards.card("initiative", "msp")["initiative_kind"] == "partnership"


def test_mineral_card_leads_with_production(cards):
    gallium = cards.card("mineral", "gallium")
    assert gallium["stages"][0]["metric"] == "refinery_production"


def test_bodies_that_are_groups_link_to_their_cards(cards):
    members = cards.card("initiative", "g7-finance-washington-2026")["members"]
    eu = next(m for m in members if m["country"] == "EU")
    assert eu["member_kind"] == "group" and eu["group_id"] == "eu27"


def test_mini_cards(cards):
    mineral = cards.mini_card("mineral", "rare-earths")
    assert mineral[0] == "Rare earths" and "China 69.2 %" in mineral[2]
    japan = cards.mini_card("country", "JPN")
    assert japan[0] == "Japan" and "Group of Seven" in japan[2]
    assert "members" in cards.mini_card("initiative", "msp")[1]


def test_bodies_link_to_their_country(cards):
    # MOFCOM announces China's export controls; the US Department of State leads Pax Silica
    china = cards.card("country", "CHN")
    mofcom = [e for e in china["export_controls"] if e["actor"] == "MOFCOM"]
    assert mofcom and all(e["actor_country"] == "CHN" for e in mofcom)
    pax = cards.card("initiative", "pax-silica")
    assert pax["lead_country"] == "USA" and not pax["lead_is_country"]
