"""Both lists complete: every mineral on the US 2025 list (60) and on the EU's lists (34 critical,
17 strategic) resolves to a card, each entry as the list prints it; the new cards carry official
figures where USGS has them and say where they are published where it has none."""

from __future__ import annotations

import pytest

from desktop.reference.names import UnknownName


def _lists(context):
    return {lst.id: lst for lst in context.lists.lists()}


def test_the_three_lists_are_complete(context):
    lists = _lists(context)
    assert {k: len(v.entries) for k, v in lists.items()} == {
        "us-2025": 60, "eu-critical": 34, "eu-strategic": 17}
    for listed in lists.values():
        assert listed.source is not None and listed.source.tier == "official"
        assert len({e.position for e in listed.entries}) == len(listed.entries)


def test_every_entry_resolves_to_cards(context):
    for listed in context.lists.lists():
        for entry in listed.entries:
            assert entry.minerals, (listed.id, entry.name)
            for mineral in entry.minerals:
                assert context.repo.mineral(mineral) is not None, (listed.id, entry.name)


def test_every_single_mineral_entry_is_found_by_its_printed_name(context):
    """"Metallurgical Coal", "Baryte", "Coking coal", "Phosphate", "Nickel — battery grade":
    the name as the list prints it (without its grade) finds the card in the lookup."""
    for listed in context.lists.lists():
        for entry in listed.entries:
            if len(entry.minerals) != 1:
                continue
            name = entry.name.split(" — ")[0]
            try:
                found = context.names.id_of("mineral", name)
            except UnknownName as exc:
                pytest.fail(f"{listed.id} {entry.position} {entry.name!r}: {exc}")
            assert found == entry.minerals[0], (entry.name, found)


@pytest.mark.parametrize("mineral", ["thulium", "uranium", "metallurgical-coal", "feldspar",
                                     "helium", "strontium", "phosphorus"])
def test_the_formerly_missing_minerals_have_cards(cards, mineral):
    card = cards.card("mineral", mineral)
    assert card["lists"] and card["description"] and card["uses"] and card["sources"]


@pytest.mark.parametrize("mineral,world_2025", [("feldspar", "31,000"), ("helium", "190"),
                                                ("strontium", "450,000")])
def test_usgs_figures_for_feldspar_helium_and_strontium(repo, mineral, world_2025):
    world = [f for f in repo.figures(mineral=mineral, country="WORLD", year=2025)
             if f.metric in ("mine_production", "production")]
    assert [f.value_text for f in world] == [world_2025]
    assert world[0].source.tier == "official"


@pytest.mark.parametrize("mineral,publisher", [("uranium", "Red Book"),
                                               ("metallurgical-coal", "IEA")])
def test_fuels_say_where_their_figures_are_published(cards, mineral, publisher):
    card = cards.card("mineral", mineral)
    assert not card["stages"] and publisher in card["figures_note"]


def test_flags_follow_the_lists(context):
    """A mineral a list names is flagged for that list (groups may be flagged beyond)."""
    flags = {"us-2025": "us_critical_2025", "eu-critical": "eu_critical_2024",
             "eu-strategic": "eu_strategic_2024"}
    for listed in context.lists.lists():
        for entry in listed.entries:
            for mineral in entry.minerals:
                card = context.repo.mineral(mineral)
                assert getattr(card, flags[listed.id]), (listed.id, mineral)


def test_the_crosswalk_and_the_cli(context, capsys, reference_path):
    from desktop.cli import main

    rows = {r["mineral"]: r for r in context.lists.crosswalk()["rows"]}
    assert rows["metallurgical-coal"]["us-2025"] == "Metallurgical Coal"
    assert rows["metallurgical-coal"]["eu-critical"] == "(i) Coking coal"
    assert rows["nickel"]["eu-strategic"] == "(l) Nickel — battery grade"  # the grade said once
    assert main(["lists"]) == 0
    out = capsys.readouterr().out
    assert "Uranium" in out and "EU strategic" in out
