"""Writing a memo: from a template, typing, blocks from cards, autosave, a restart, export."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QToolButton

from db.build import DATA_PACK_VERSION
from desktop.domain.memo import Memo
from tests.conftest import REPO, corrupt_library
from tests.ui.conftest import finish

TEMPLATE = REPO / "resources" / "templates" / "meeting-brief.md"


def test_template_type_insert_autosave_restart(qtbot, reference_conn, window):
    from desktop.ui.launch import window_context
    from desktop.ui.main_window import MainWindow

    memo_id = window.new_memo(str(TEMPLATE))
    editor = window.editor
    assert editor.isVisible() and editor.fields["title"].text() == "Meeting brief: [meeting]"
    editor.text.moveCursor(editor.text.textCursor().MoveOperation.End)
    qtbot.keyClick(editor.text, Qt.Key.Key_Return)  # (QTest types no control characters)
    qtbot.keyClicks(editor.text, "Our line to take on price floors.")
    assert editor.timer.isActive()  # autosave is pending, within AUTOSAVE_MS

    window.open_card("mineral", "rare-earths")  # "Add to memo" on a card's table
    panel = finish(window)
    table = next(t for t in panel.tables if t.title.startswith("Mine production"))
    button = next(b for b in table.findChildren(QToolButton) if b.text() == "Add to memo")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert "```brief\nkind: production-table\nmineral: rare-earths" in editor.text.toPlainText()

    editor.timer.timeout.emit()  # the autosave timer fires
    stored = window.library.get(memo_id)
    assert "price floors" in stored.memo.body and "kind: production-table" in stored.memo.body

    editor.fields["to"].selectAll()
    qtbot.keyClicks(editor.fields["to"], "Deputy Minister")
    window.close()  # a quit flushes pending typing; a kill would keep the last autosave
    again = MainWindow(window_context(reference_conn))
    qtbot.addWidget(again)
    assert again.editor.memo_id == memo_id
    assert again.editor.fields["to"].text() == "Deputy Minister"
    assert "price floors" in again.editor.text.toPlainText()
    qtbot.waitUntil(lambda: "Reopened" in again.statusBar().currentMessage())  # said once built


def test_a_kill_keeps_everything_up_to_the_last_autosave(qtbot, reference_conn, window):
    from desktop.ui.launch import window_context
    from desktop.ui.main_window import MainWindow

    memo_id = window.new_memo("")
    qtbot.keyClicks(window.editor.text, "saved words")
    window.editor.autosave()
    qtbot.keyClicks(window.editor.text, " typed after the autosave")
    window.editor.timer.stop()  # the process dies before the timer fires: no closeEvent
    window.library.conn.close()
    again = MainWindow(window_context(reference_conn))
    qtbot.addWidget(again)
    assert again.editor.memo_id == memo_id
    assert again.editor.text.toPlainText() == "saved words"


def test_find_word_count_and_versions(qtbot, window):
    memo_id = window.new_memo("")
    editor = window.editor
    qtbot.keyClicks(editor.text, "alpha beta gamma beta")
    assert editor.words.text() == "4 words"
    editor.find_field.setText("beta")
    assert editor.find_next() and editor.text.textCursor().selectedText() == "beta"
    editor.save_version()
    assert [v.reason for v in window.library.versions(memo_id)][0] == "saved"


def test_export_the_open_memo(qtbot, tmp_path, window):
    window.new_memo(str(TEMPLATE))
    window.memo_export.open_result = False
    target = tmp_path / "brief.pdf"
    with qtbot.waitSignal(window.memo_export.finished, timeout=60_000):
        window.memo_export.export(window.editor.current_memo(), target)
    assert target.read_bytes().startswith(b"%PDF")


def test_a_damaged_library_is_offered_its_backup(qtbot, reference_conn, monkeypatch):
    from desktop.library.store import MemoLibrary
    from desktop.paths import user_data_dir
    from desktop.ui.launch import window_context
    from desktop.ui.main_window import MainWindow

    home = user_data_dir()
    library = MemoLibrary(home)
    library.create(Memo({"title": "Kept"}, "x"))
    library.backup_if_due()
    library.close()
    corrupt_library(home)
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    window = MainWindow(window_context(reference_conn))
    qtbot.addWidget(window)
    assert asked and "damaged" in asked[0]
    assert window.library.list()[0][1] == "Kept"
    assert list(home.glob("library-damaged-*.sqlite"))


def test_preview_shows_the_exported_pages(qtbot, window):
    window.new_memo(str(TEMPLATE))
    previewer = window.editor.pdf_preview
    with qtbot.waitSignal(previewer.shown, timeout=60_000):
        previewer.preview(window.editor.current_memo())
    assert previewer.dialog is not None and previewer.dialog.isVisible()
    assert previewer.dialog.document.pageCount() >= 1
    previewer.dialog.close()


def test_pasted_article_is_recognised_and_links_to_cards(qtbot, window):
    window.new_memo("")
    editor = window.editor
    editor.text.insertPlainText("G7 finance ministers met in Washington on rare earths; Japan "
                                "and South Korea attended. 中国 controls gallium exports.")
    found = editor.recognise()
    names = {row[1] for row in found}
    assert {"g7", "rare-earths", "JPN", "KOR", "CHN", "gallium"} <= names
    item = next(editor.recognised.item(i) for i in range(editor.recognised.count())
                if "Gallium" in editor.recognised.item(i).text())
    editor.recognised.itemClicked.emit(item)
    assert window.history.current == ("mineral", "gallium")


def test_the_editor_flags_and_refreshes_stale_blocks(qtbot, tmp_path, reference_path, window):
    import shutil
    import sqlite3

    from desktop.blocks.staleness import stamp_markup
    from desktop.reference.connection import open_reference
    from desktop.ui.launch import window_context
    from desktop.ui.main_window import MainWindow

    memo_id = window.new_memo("")
    block = "```brief\nkind: production-table\nmineral: lithium\nyear: 2025\ntop: 3\n```\n"
    window.editor.text.insertPlainText(stamp_markup(block, window.block_resolver))
    window.editor.autosave()
    newer_path = tmp_path / "newer.sqlite"
    shutil.copy(reference_path, newer_path)
    conn = sqlite3.connect(newer_path)
    conn.execute("UPDATE meta SET value = '2027.01.15' WHERE key = 'data_pack_version'")
    conn.execute("UPDATE figures SET value = 1, value_text = '1' WHERE mineral_id = 'lithium' "
                 "AND metric = 'mine_production' AND year = 2025 AND country = 'AUS'")
    conn.commit()
    conn.close()
    window.editor.flush()
    window.close()  # the user installs the newer data and starts the app again
    window = MainWindow(window_context(open_reference(newer_path)))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_memo(memo_id)
    assert window.editor.stale_banner.isVisible()
    editor = window.editor
    assert f"{DATA_PACK_VERSION} → 2027.01.15" in editor.stale_banner.text()
    assert "Lithium" in editor.stale_banner.text()  # the block is named, not just its values
    assert editor.stale_box.sizeHint().height() < 60 and not editor.stale_details.isVisible()
    editor.details_button.click()
    assert editor.stale_details.isVisible()
    assert "Australia 92,000e → no longer listed" in editor.stale_details.text()  # cut to 1 t
    editor.text.moveCursor(editor.text.textCursor().MoveOperation.End)
    editor.stale_banner.linkActivated.emit("0")  # a click on the block's name goes to it
    assert editor.text.textCursor().position() == editor.stale[0].start
    window.editor.refresh_button.click()
    assert not window.editor.stale_banner.isVisible()
    assert "data-pack: 2027.01.15" in window.editor.text.toPlainText()


def test_block_picker_previews_and_inserts(qtbot, window):
    window.new_memo("")
    qtbot.keyClick(window.editor.text, Qt.Key.Key_B,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    picker = window.picker
    assert picker is not None and picker.isVisible()
    assert "China" in picker.preview.toPlainText()  # rare earths, mine production, top 10
    picker.kind.setCurrentIndex(picker.kind.findData("figure"))
    picker.fields['country'].setCurrentIndex(picker.fields['country'].findData("CHN"))
    picker.fields['metric'].setCurrentIndex(picker.fields['metric'].findData("reserves"))
    assert "44,000,000" in picker.preview.toPlainText()
    mineral = picker.fields["mineral"]
    mineral.setCurrentIndex(mineral.findData("gallium"))  # no reserves figures
    assert "Cannot insert" in picker.preview.toPlainText() and not picker.insert.isEnabled()
    picker.fields['metric'].setCurrentIndex(picker.fields['metric'].findData("refinery_production"))
    assert picker.insert.isEnabled()
    picker.insert.click()
    text = window.editor.text.toPlainText()
    assert "kind: figure\nmineral: gallium\ncountry: CHN\nmetric: refinery_production" in text
    assert "data-pack: " in text


def test_live_preview_resolves_blocks(qtbot, window):
    window.new_memo(str(REPO / "resources" / "samples" / "rare-earths-after-g7-washington.md"))
    editor = window.editor
    assert editor.preview.isVisible() and editor.text.isVisible()  # side by side, no tab
    shown = editor.preview.toPlainText()
    assert "Bottom line" in shown and "270,000e" in shown and "Rest of world" in shown
    editor.text.insertPlainText("<script>x</script> NEWWORD ")
    assert editor.recognise_timer.isActive()  # redrawn after a pause in typing, not per key
    editor.recognise_timer.timeout.emit()
    assert "<script>x</script> NEWWORD" in editor.preview.toPlainText()


def test_hover_click_and_quick_action_on_recognised_names(qtbot, window):
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    window.new_memo("")
    editor = window.editor
    editor.text.setPlainText("Gallium supply from China")
    cursor = editor.text.textCursor()
    cursor.setPosition(2)  # inside "Gallium"
    point = editor.text.cursorRect(cursor).center()
    mention = editor.mention_at(point)
    assert mention is not None and (mention.kind, mention.id) == ("mineral", "gallium")
    event = QHelpEvent(QEvent.Type.ToolTip, point, editor.text.viewport().mapToGlobal(point))
    QApplication.sendEvent(editor.text.viewport(), event)
    assert "Gallium" in QToolTip.text()
    assert editor.related_block(mention).kind == "production-table"
    with qtbot.waitSignal(editor.card_requested) as opened:
        qtbot.mouseClick(editor.text.viewport(), Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.ControlModifier, point)
    assert opened.args == ["mineral", "gallium"]
    editor.text.moveCursor(cursor.MoveOperation.End)
    editor.block_requested.emit(editor.related_block(mention).to_markup())
    assert "kind: production-table\nmineral: gallium" in editor.text.toPlainText()
    mentions = editor.recognizer.mentions("Japan, the Minerals Security Partnership, the G7")
    assert {m.kind for m in mentions} == {"country", "initiative", "group"}
    for mention in mentions:
        assert window.block_resolver.resolve_block(editor.related_block(mention)).rows


def test_new_memo_menu_offers_every_template(window):
    menu = window.navigation.memos.new_button.menu()
    titles = [a.text() for a in menu.actions() if a.text().startswith("From template: ")]
    assert len(titles) == len(list((REPO / "resources" / "templates").glob("*.md"))) >= 4
    before = window.library.count()
    next(a for a in menu.actions() if a.text() == "From template: Meeting brief").trigger()
    assert window.library.count() == before + 1
    assert window.editor.fields["title"].text().startswith("Meeting brief")


def test_export_the_open_memo_to_word(qtbot, tmp_path, window):
    window.new_memo(str(TEMPLATE))
    window.memo_export.open_result = False
    target = tmp_path / "brief.docx"
    with qtbot.waitSignal(window.memo_export.finished, timeout=60_000):
        window.memo_export.export(window.editor.current_memo(), target)
    assert target.read_bytes()[:2] == b"PK"
    assert window.export_word_action.text() == "Export memo to Word…"
