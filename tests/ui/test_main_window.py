"""Main-window flows as a user drives them: lookup, cards, links, history, export, memo blocks."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QMouseEvent
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox

from desktop.export.tables import from_csv
from tests.conftest import REPO
from tests.ui.conftest import finish


def opened(window) -> list[tuple[str, str]]:
    events: list[tuple[str, str]] = []
    window.card_opened.connect(lambda kind, ident: events.append((kind, ident)))
    return events


def test_type_a_query_and_open_the_card(qtbot, window):
    events = opened(window)
    qtbot.keyClicks(window.lookup_field, "Burma")
    assert window.palette_popup.isVisible()
    assert window.palette_popup.model.rows[0] == "country"  # grouped: header first
    qtbot.keyClick(window.lookup_field, Qt.Key.Key_Return)
    assert events[-1] == ("country", "MMR")
    assert not window.palette_popup.isVisible()
    assert window.card_area.currentWidget().card["name"] == "Myanmar"


@pytest.mark.parametrize("query,expected", [
    ("日本", ("country", "JPN")), ("lithum", ("mineral", "lithium")),
    ("Congo (Kinshasa)", ("country", "COD")), ("FORGE", ("initiative", "forge")),
])
def test_aliases_scripts_and_typos_open_the_right_card(qtbot, window, query, expected):
    events = opened(window)
    window.lookup_field.setText(query)
    qtbot.keyClick(window.lookup_field, Qt.Key.Key_Return)
    assert events[-1] == expected


def test_arrow_keys_choose_among_results(qtbot, window):
    events = opened(window)
    qtbot.keyClicks(window.lookup_field, "korea")
    first = window.palette_popup.view.currentIndex().row()
    qtbot.keyClick(window.lookup_field, Qt.Key.Key_Down)
    second = window.palette_popup.view.currentIndex().row()
    assert second > first
    qtbot.keyClick(window.lookup_field, Qt.Key.Key_Up)
    assert window.palette_popup.view.currentIndex().row() == first
    qtbot.keyClick(window.lookup_field, Qt.Key.Key_Escape)
    assert not window.palette_popup.isVisible()
    assert events == []


@pytest.mark.parametrize("text", ['"', "AND OR *", "x" * 300, "' OR 1=1 --", "NEAR(a"])
def test_typing_hostile_text_key_by_key_causes_no_error(qtbot, window, text):
    qtbot.keyClicks(window.lookup_field, text)  # pytest-qt fails the test on any slot exception
    qtbot.keyClick(window.lookup_field, Qt.Key.Key_Return)
    assert window.lookup_field.text() == text or window.history.current is not None


@pytest.mark.parametrize("text", ["🙂", "\x00", "日本" * 2000])
def test_pasting_odd_text_causes_no_error(qtbot, window, text):
    window.lookup_field.setText(text)
    qtbot.keyClick(window.lookup_field, Qt.Key.Key_Return)
    assert window.palette_popup.model.rowCount() >= 0


def test_ctrl_k_focuses_the_lookup(qtbot, window):
    window.card_area.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.lookup_field.hasFocus()


def test_follow_links_and_go_back_and_forward(qtbot, window):
    window.open_card("initiative", "forge")
    panel = finish(window)
    labels = [label for label in panel.widget().findChildren(QLabel)
              if "briefdesk://initiative/msp" in label.text()]
    assert labels, "the FORGE card links to its predecessor, the MSP"
    labels[0].linkActivated.emit("briefdesk://initiative/msp")  # what a click on it sends
    assert window.history.current == ("initiative", "msp")
    window.open_card("mineral", "rare-earths")
    panel = window.card_area.currentWidget()
    panel.link_activated.emit("country", "CHN")
    assert window.history.current == ("country", "CHN")
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.history.current == ("mineral", "rare-earths")
    assert window.card_area.currentWidget().card["id"] == "rare-earths"
    window.forward_action.trigger()
    assert window.card_area.currentWidget().card["id"] == "CHN"


def producers(panel):
    """The first producers table of a mineral card (the concentration summary comes before)."""
    return next(t for t in panel.tables if not t.title.startswith("Concentration"))


def test_table_cells_link_to_cards(window):
    window.open_card("mineral", "rare-earths")
    table = producers(finish(window))
    index = table.model.index(0, 1)  # first producer, country column
    table.view.clicked.emit(index)
    assert window.history.current == ("country", "CHN")


def test_mouse_back_button(qtbot, window):
    window.open_card("country", "JPN")
    window.open_card("country", "KOR")
    target = window.card_area.currentWidget().viewport()
    centre = QPointF(target.rect().center())
    event = QMouseEvent(QEvent.Type.MouseButtonPress, centre, target.mapToGlobal(centre),
                        Qt.MouseButton.BackButton, Qt.MouseButton.BackButton,
                        Qt.KeyboardModifier.NoModifier)
    QGuiApplication.sendEvent(target, event)
    assert window.history.current == ("country", "JPN")


def test_unknown_link_is_a_message_not_a_crash(window):
    window.card_area.link_activated.emit("country", "ROW")
    assert "no country" in window.statusBar().currentMessage()


def test_export_a_table_to_csv_and_read_it_back(tmp_path, window):
    window.open_card("mineral", "rare-earths")
    table = producers(finish(window))
    path = tmp_path / "producers.csv"
    table.export_to(path, "csv")
    header, rows = from_csv(path.read_text(encoding="utf-8"))
    assert header == ["Rank", "Country", "Value", "Share"]
    assert rows[0] == ["1", "China", "270,000e", "69.2 %"]
    assert len(rows) == table.model.rowCount()


def test_export_dialog_and_an_unwritable_destination(tmp_path, monkeypatch, window):
    window.open_card("mineral", "lithium")
    table = producers(finish(window))
    target = tmp_path / "lithium.md"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    table.export_dialog("md")
    text = target.read_text(encoding="utf-8")
    assert text.startswith("| Rank | Country |") and "---:" in text and "U.S. Geological" in text
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "missing-dir" / "x.csv"), ""))
    table.export_dialog("csv")
    assert warnings and "Could not write" in warnings[0]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    table.export_dialog("csv")  # cancelled: nothing happens
    assert len(warnings) == 1


def test_copy_as_csv_and_markdown(window):
    window.open_card("country", "CHN")
    table = finish(window).tables[0]
    table.copy_csv()
    assert QGuiApplication.clipboard().text().splitlines()[0].startswith("Name,")
    table.copy_markdown()
    assert QGuiApplication.clipboard().text().startswith("| Name |")


def test_add_to_memo_with_no_memo_open_starts_one(qtbot, window):
    from PySide6.QtWidgets import QToolButton

    window.open_card("mineral", "rare-earths")
    panel = finish(window)
    button = next(b for b in producers(panel).findChildren(QToolButton)
                  if b.text() == "Add to memo")
    before = window.library.count()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.library.count() == before + 1 and window.editor.isVisible()
    text = window.editor.text.toPlainText()
    assert "```brief\nkind: production-table\nmineral: rare-earths" in text
    assert "inserted" in window.statusBar().currentMessage().lower()


def test_timeline_filters(qtbot, window):
    window.open_card("timeline", "")
    panel = window.card_area.currentWidget()
    everything = panel.table.model.rowCount()
    assert everything >= 60
    panel.set_filters(country="JPN")
    japan = panel.table.model.rows
    assert 0 < len(japan) < everything
    japanese_bodies = {"JAMSTEC", "JOGMEC", "SOJITZ"}  # a country's events include its bodies'
    assert all(r["actor"] in {"JPN", *japanese_bodies} or "Japan" in r["targets"] for r in japan)
    assert any(r["actor"] in japanese_bodies for r in japan)
    columns = [c.title for c in panel.table.model.columns]
    assert "Announced" in columns and "Effective" in columns
    panel.event_kind.set_kinds(["export-control"])
    from desktop.blocks.syntax import parse_block

    block = parse_block(panel.table.block.to_markup().split("\n", 1)[1].rsplit("```", 1)[0])
    assert block.params.get("event-kind") == "export-control"
    panel.event_kind.family_actions["export-restrictions"].trigger()  # a whole family
    assert panel.event_kind.text().startswith("Export restrictions")
    block = parse_block(panel.table.block.to_markup().split("\n", 1)[1].rsplit("```", 1)[0])
    assert block.params.get("event-kind") == "export-restrictions"
    kinds = {r["kind"] for r in panel.table.model.rows}
    assert kinds and kinds <= {
        "export-control", "export-ban", "export-control-suspension", "entity-listing",
        "state-trading", "export-licence"}
    panel.event_kind.set_kinds([])
    panel.set_filters(mineral="gallium")
    panel.use_dates.setChecked(True)
    panel.date_from.setDate(panel.date_from.date().fromString("2023-01-01", "yyyy-MM-dd"))
    panel.date_to.setDate(panel.date_to.date().fromString("2023-12-31", "yyyy-MM-dd"))
    assert panel.table.model.rows and all(r["date"].startswith("2023")
                                          for r in panel.table.model.rows)


def test_state_is_restored_on_the_next_start(qtbot, reference_conn):
    from desktop.ui.launch import window_context
    from desktop.ui.main_window import MainWindow

    first = MainWindow(window_context(reference_conn))
    qtbot.addWidget(first)
    first.show()
    first.resize(731, 523)  # within the offscreen screen (800 x 600)
    first.splitter.setSizes([280, 451])
    first.open_card("timeline", "")
    first.close()
    second = MainWindow(window_context(reference_conn))
    qtbot.addWidget(second)
    assert second.history.current == ("timeline", "")
    assert second.size().width() == 731
    assert second.splitter.sizes()[0] == 280


def test_quit_when_ready_exits_zero(reference_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BRIEFDESK_REFERENCE=str(reference_path))
    done = subprocess.run([sys.executable, "-m", "desktop", "--quit-when-ready"], cwd=REPO,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_quit_when_ready_without_a_database_says_how_to_fix(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               BRIEFDESK_REFERENCE=str(tmp_path / "missing.sqlite"))
    done = subprocess.run([sys.executable, "-m", "desktop", "--quit-when-ready"], cwd=REPO,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "make db" in done.stderr


SAMPLE = REPO / "resources" / "samples" / "rare-earths-after-g7-washington.md"


def test_export_a_memo_from_the_app(qtbot, tmp_path, window):
    window.memo_export.open_result = False
    target = tmp_path / "memo.pdf"
    with qtbot.waitSignal(window.memo_export.finished, timeout=60_000) as done:
        window.memo_export.export(SAMPLE, target)
    assert done.args == [str(target)]
    assert target.read_bytes().startswith(b"%PDF")
    assert "Exported" in window.statusBar().currentMessage()


def test_export_failures_are_a_message(qtbot, tmp_path, monkeypatch, window):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    with qtbot.waitSignal(window.memo_export.failed, timeout=30_000):
        window.memo_export.export(tmp_path / "missing.md", tmp_path / "out.pdf")
    assert "no such file" in warnings[0]
    bad = tmp_path / "bad.md"
    bad.write_text("---\nnot a pair\n---\n", encoding="utf-8")
    with qtbot.waitSignal(window.memo_export.failed, timeout=30_000):
        window.memo_export.export(bad, tmp_path / "out.pdf")
    assert "front matter line 2" in warnings[1]
    assert not (tmp_path / "out.pdf").exists()


def test_timeline_cells_naming_several_entities_offer_each_card(window):
    window.open_card("timeline", "")
    table = window.card_area.currentWidget().table
    column = next(i for i, c in enumerate(table.model.columns) if c.key == "minerals")
    row = next(r for r in range(table.model.rowCount()) if len(table.model.links(r, column)) > 1)
    names = [name for _k, _i, name in table.model.links(row, column)]
    table.view.clicked.emit(table.model.index(row, column))
    actions = table.link_menu.actions()
    assert [a.text() for a in actions] == [f"Open {n}" for n in names]
    actions[1].trigger()
    assert window.history.current[0] == "mineral"
    assert window.card_area.currentWidget().card["name"] == names[1]
    window.open_card("timeline", "")
    table = window.card_area.currentWidget().table
    targets = next(i for i, c in enumerate(table.model.columns) if c.key == "targets")
    single = next(r for r in range(table.model.rowCount())
                  if len(table.model.links(r, targets)) == 1)
    code = table.model.links(single, targets)[0][1]
    table.view.clicked.emit(table.model.index(single, targets))  # one entity: straight to it
    assert window.history.current[1] == code


def test_a_cold_country_card_says_it_is_reading_then_clears(window, monkeypatch):
    window.cards.warm = False  # as before the idle warm-up has finished
    said = []
    monkeypatch.setattr(window.statusBar(), "showMessage",
                        lambda text, *a: said.append(text))
    assert window.open_card("country", "CHN")
    assert said and said[0].startswith("Reading the figures")
    assert window.statusBar().currentMessage() == ""
    assert not window.open_card("country", "XXX") and window.busy.isHidden()
