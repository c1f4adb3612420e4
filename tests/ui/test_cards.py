"""Every card kind renders for every entity without errors or empty panels; grabs are not blank."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from desktop.ui.cards.entity_cards import CountryCard, EventCard, GroupCard, InitiativeCard
from desktop.ui.cards.mineral_card import MineralCard


def render(qtbot, panel_class, card):
    """Build the card fully; it must show a table, or say that nothing is held."""
    panel = panel_class()
    qtbot.addWidget(panel)
    panel.resize(1100, 800)
    panel.show_card(card)
    panel.finish()
    texts = " ".join(label.text() for label in panel.widget().findChildren(QLabel))
    assert panel.tables or "holds no" in texts or "gives no world production" in texts \
        or card["kind"] == "event", card["id"]
    return panel


def test_every_country_card(qtbot, cards, repo):
    for iso3, name in repo.countries():
        panel = render(qtbot, CountryCard, cards.card("country", iso3))
        assert panel.card["name"] == name
        panel.deleteLater()


def test_every_mineral_card(qtbot, cards, repo):
    for mineral_id, _name, _family in repo.minerals():
        panel = render(qtbot, MineralCard, cards.card("mineral", mineral_id))
        stages = panel.card["stages"]
        titles = [t.title for t in panel.tables]
        if panel.card["concentration"]:  # the concentration summary leads, then the stages
            assert titles.pop(0) == "Concentration by supply-chain stage"
            assert panel.tables[0].view.model().rowCount() == len(panel.card["concentration"])
        if stages:  # the first stage table is the leading stage, production before capacity
            assert titles[0].startswith(("Mine", "Refinery", "Smelter", "Metal",
                                         "Production", "Capacity", "Reserves"))
            assert stages[0]["metric"] != "capacity" or all(
                s["metric"] in ("capacity", "reserves") for s in stages), mineral_id
        panel.deleteLater()


def test_empty_country_card_says_so(qtbot, cards, repo):
    empty = [iso3 for iso3, _ in repo.countries()
             if not cards.card("country", iso3)["mineral_roles"]
             and not cards.card("country", iso3)["memberships"]
             and not cards.card("country", iso3)["events"]]
    assert empty
    panel = render(qtbot, CountryCard, cards.card("country", empty[0]))
    texts = " ".join(label.text() for label in panel.widget().findChildren(QLabel))
    assert "holds no group memberships" in texts


def test_every_initiative_event_and_group_card(qtbot, cards, repo):
    for initiative in repo.initiatives():
        render(qtbot, InitiativeCard, cards.card("initiative", initiative.id)).deleteLater()
    for event in repo.events():
        render(qtbot, EventCard, cards.card("event", event.id)).deleteLater()
    for group_id, _ in repo.groups():
        render(qtbot, GroupCard, cards.card("group", group_id)).deleteLater()


def test_rare_earths_card_has_charts_with_sources(qtbot, cards):
    panel = render(qtbot, MineralCard, cards.card("mineral", "rare-earths"))
    charts = [w for w in panel.widget().findChildren(object)
              if getattr(w, "accessibleName", lambda: "")().startswith("Chart: ")]
    names = {c.accessibleName() for c in charts}
    assert any("mine production shares" in n for n in names)
    assert any("1900" in n for n in names)


def _is_not_blank(widget) -> bool:
    image = widget.grab().toImage()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 13)
               for y in range(0, image.height(), 13)}
    return len(colours) > 8


@pytest.mark.parametrize("kind,ident", [("country", "JPN"), ("mineral", "rare-earths"),
                                        ("initiative", "forge"), ("group", "g7"),
                                        ("timeline", "")])
def test_screenshots_are_not_blank(window, kind, ident):
    window.open_card(kind, ident)
    panel = window.card_area.currentWidget()
    if hasattr(panel, "finish"):
        panel.finish()
    assert _is_not_blank(panel)  # the card itself, not the navigation beside it


def test_blank_detection_works(qtbot):
    from PySide6.QtWidgets import QWidget

    blank = QWidget()
    qtbot.addWidget(blank)
    blank.resize(300, 200)
    assert not _is_not_blank(blank)


def test_an_element_without_its_own_table_points_to_its_group(qtbot, cards):
    panel = render(qtbot, MineralCard, cards.card("mineral", "iridium"))
    texts = " ".join(label.text() for label in panel.widget().findChildren(QLabel))
    assert "reports them within" in texts and "briefdesk://mineral/platinum-group-metals" in texts
