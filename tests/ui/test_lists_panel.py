"""Go ▸ Lists of critical minerals: the US and EU lists side by side, each mineral a link."""

from __future__ import annotations

from tests.ui.conftest import finish


def test_the_lists_view_shows_the_crosswalk(qtbot, window):
    window.lists_action.trigger()
    panel = finish(window)
    assert panel.kind == "lists" and window.history.current == ("lists", "")
    table = panel.tables[0]
    titles = [c.title for c in table.model.columns]
    assert titles == ["Mineral", "US 2025", "EU critical", "EU strategic"]
    rows = {r["mineral"]: r for r in table.model.rows}
    assert rows["uranium"]["us-2025"] == "Uranium" and rows["uranium"]["eu-critical"] == ""
    with qtbot.waitSignal(panel.link_activated) as opened:
        row = list(rows).index("helium")
        table.link_activated.emit(*table.model.link(row, 0))
    assert opened.args == ["mineral", "helium"]


def test_a_mineral_card_says_which_lists_name_it(qtbot, window):
    from PySide6.QtWidgets import QLabel

    window.open_card("mineral", "thulium")
    panel = finish(window)
    text = " ".join(label.text() for label in panel.widget().findChildren(QLabel))
    assert "On the lists:" in text and "Heavy rare earth elements" in text
    assert "heavy rare earths" in text  # where its figures are: within the group
