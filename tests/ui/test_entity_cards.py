"""Country card content: body-issued controls, no repeated events, honest memo and source parts."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton

from desktop.ui.cards.base import actor_link, code_html, member_link
from desktop.ui.cards.entity_cards import CountryCard, EventCard, InitiativeCard


def _panel(qtbot, card: dict, panel_class=CountryCard):
    panel = panel_class()
    qtbot.addWidget(panel)
    panel.resize(1100, 800)
    panel.show_card(card)
    panel.finish()
    return panel


def _table(panel: CountryCard, title: str):
    return next(t for t in panel.tables if t.title == title)


def _ids(table) -> list[str]:
    return [row["id"] for row in table.model.rows]


def test_china_card_lists_mofcom_controls(qtbot, cards):
    panel = _panel(qtbot, cards.card("country", "CHN"))
    controls = _ids(_table(panel, "Export controls imposed or targeted"))
    for expected in ("2023-07-03-cn-gallium-germanium-controls",
                     "2023-10-20-cn-graphite-controls", "2024-08-15-cn-antimony-controls",
                     "2025-04-04-cn-medium-heavy-rare-earth-controls",
                     "2025-10-09-cn-battery-graphite-anode-controls"):
        assert expected in controls


def test_related_events_do_not_repeat_export_controls(qtbot, cards):
    panel = _panel(qtbot, cards.card("country", "CHN"))
    controls = set(_ids(_table(panel, "Export controls imposed or targeted")))
    related = _ids(_table(panel, "Related events"))
    assert related
    assert not controls & set(related)


def test_country_without_memberships_cannot_add_an_empty_block(qtbot, cards):
    panel = _panel(qtbot, cards.card("country", "TUV"))
    button = next(b for b in panel.widget().findChildren(QPushButton)
                  if b.text() == "Add to memo")
    assert not button.isEnabled()
    assert "Nothing to insert" in button.toolTip()
    texts = [label.text() for label in panel.widget().findChildren(QLabel)]
    assert "Sources" in texts
    assert any("cites a source" in text for text in texts)


def test_country_with_memberships_can_add_to_memo(qtbot, cards):
    panel = _panel(qtbot, cards.card("country", "JPN"))
    button = next(b for b in panel.widget().findChildren(QPushButton)
                  if b.text() == "Add to memo")
    assert button.isEnabled()


def test_body_links_to_its_country_when_the_card_names_it():
    event = {"actor": "MOFCOM", "actor_name": "Ministry of Commerce", "actor_is_country": False,
             "actor_group": "", "actor_country": "CHN"}
    assert actor_link(event) == {"actor_kind": "country", "actor_id": "CHN"}
    assert 'href="briefdesk://country/CHN"' in code_html(event, "actor")
    lead = {"lead": "DOS", "lead_name": "US Department of State", "lead_is_country": False,
            "lead_country": "USA"}
    assert 'href="briefdesk://country/USA"' in code_html(lead, "lead")
    member = {"country": "DOS", "member_kind": "body", "body_country": "USA"}
    assert member_link(member) == {"member_link_kind": "country", "member_link": "USA"}


def test_body_without_country_stays_plain_text():
    event = {"actor": "WTO", "actor_name": "World Trade Organization", "actor_is_country": False,
             "actor_group": ""}
    assert actor_link(event) == {"actor_kind": None, "actor_id": None}
    assert code_html(event, "actor") == "World Trade Organization"
    assert code_html({"actor": "G7", "actor_name": "Group of Seven", "actor_group": "g7"},
                     "actor") == '<a href="briefdesk://group/g7">Group of Seven</a>'



def test_stress_table_adds_the_selected_rows_block(qtbot, cards, resolver):

    panel = _panel(qtbot, cards.card("country", "CHN"))
    table = next(t for t in panel.tables if t.title.startswith("If China stopped"))
    assert table.block_to_add() == table.block  # nothing selected: the first row's block
    last = len(table.model.rows) - 1
    table.view.setCurrentIndex(table.model.index(last, 0))
    chosen = table.block_to_add()
    assert chosen.params["mineral"] == table.model.rows[last]["mineral"]
    assert chosen.params["remove"] == "CHN"
    body = "\n".join([f"kind: {chosen.kind}", *(f"{k}: {v}" for k, v in chosen.params.items())])
    resolved = resolver(body)
    assert resolved.ok, resolved.error


def test_names_line_leaves_out_languages_that_only_repeat_the_english_name(qtbot, cards):
    panel = _panel(qtbot, cards.card("country", "JPN"))
    texts = " ".join(label.text() for label in panel.widget().findChildren(QLabel))
    assert "日本" in texts and "<b>German</b>: Japan" not in texts  # German "Japan" adds nothing


def test_a_published_percent_text_is_not_followed_by_its_unit_again(qtbot, cards):
    panel = _panel(qtbot, cards.card("country", "CHN"))
    table = next(t for t in panel.tables if t.title.startswith("China in each mineral"))
    graphite = [r for r in table.model.rows if "over 90%" in str(r.get("value"))]
    assert graphite and all(r["unit"] == "" for r in graphite)


def test_an_event_card_gives_the_status_on_its_day_and_the_history(qtbot, context):
    card = context.register.event_card("2025-10-09-cn-battery-graphite-anode-controls",
                                       as_of="2026-12-02")
    panel = _panel(qtbot, card, EventCard)
    texts = " ".join(label.text() for label in panel.widget().findChildren(QLabel))
    assert "Status on 2026-12-02:</b> unknown — suspended until 2026-11-10; no later decision " \
        "found as of 2026-12-01" in texts
    history = next(t for t in panel.tables if t.title == "Status changes")
    assert [r["change"] for r in history.model.rows] == ["suspended", "no-decision-found"]
    assert any(f"({kind})" in texts for kind in ("official source", "secondary source",
                                                  "press report"))  # each source says its kind


def test_membership_tables_carry_dated_roles(qtbot, cards):
    panel = _panel(qtbot, cards.card("initiative", "forge"), InitiativeCard)
    table = next(t for t in panel.tables if "Until" in [c.title for c in t.model.columns])
    chair = next(r for r in table.model.rows if r.get("role") == "chair")
    assert (chair["since"], chair["until"]) == ("2026-02-04", "2026-06-30")
