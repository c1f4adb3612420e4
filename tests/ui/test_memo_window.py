"""The memo editor inside the window: damaged-library recovery, restarts, the File menu, the
side-by-side preview, the PDF preview window, the block picker and the memo list."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from desktop.domain.memo import Memo
from tests.conftest import corrupt_library


def _new_window(qtbot, reference_conn):
    from desktop.ui.launch import window_context
    from desktop.ui.main_window import MainWindow

    window = MainWindow(window_context(reference_conn))
    qtbot.addWidget(window)
    QApplication.processEvents()  # the start-up message is posted once the window is built
    return window


def _damaged_home_with_backups():
    """A damaged library whose newest backup is damaged too; the older one is good."""
    from desktop.library.store import MemoLibrary
    from desktop.paths import user_data_dir

    home = user_data_dir()
    library = MemoLibrary(home)
    library.create(Memo({"title": "Kept"}, "x"))
    good = library.backup_if_due()
    library.close()
    bad = good.with_name("library-2999-01-01.sqlite")
    data = bytearray(good.read_bytes())
    data[100:4096] = bytes(3996)
    bad.write_bytes(bytes(data))
    corrupt_library(home)
    return home, good


def test_restore_offers_the_newest_good_backup(qtbot, reference_conn, monkeypatch):
    home, good = _damaged_home_with_backups()
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    window = _new_window(qtbot, reference_conn)
    assert good.name in asked[0] and "2999" not in asked[0]
    assert window.library.list()[0][1] == "Kept"


def test_a_restore_that_fails_still_starts_with_a_fresh_library(qtbot, reference_conn,
                                                                  monkeypatch):
    """Opening the restored file used to be unguarded: the app crashed at start."""
    import sqlite3

    from desktop.library.store import MemoLibrary

    home, _good = _damaged_home_with_backups()
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a[2]))

    def broken(directory, backup):
        MemoLibrary.set_aside(directory, "x")
        raise sqlite3.DatabaseError("disk I/O error")

    monkeypatch.setattr(MemoLibrary, "restore_backup", staticmethod(broken))
    window = _new_window(qtbot, reference_conn)
    assert window.library is not None and window.library.count() == 0
    assert len(warned) == 1 and "empty memo library" in warned[0]
    assert len(list(home.glob("library-damaged-*.sqlite"))) >= 1


def test_a_trashed_memo_is_not_reopened(qtbot, reference_conn, window):
    memo_id = window.new_memo("")
    window.editor.fields["title"].setText("Binned")
    window.editor.save_version()
    window.library.trash(memo_id)  # e.g. from the command line while the app was open
    window.close()
    again = _new_window(qtbot, reference_conn)
    assert again.editor.memo_id is None and again.settings.open_memo() is None
    assert "in the trash" in again.statusBar().currentMessage()


def test_restart_says_reopened_after_a_quit_and_recovered_after_a_crash(qtbot, reference_conn,
                                                                        window):
    window.new_memo("")
    window.close()  # a normal quit
    again = _new_window(qtbot, reference_conn)
    assert again.statusBar().currentMessage().startswith("Reopened")
    again.library.conn.close()  # killed: the window never closes
    third = _new_window(qtbot, reference_conn)
    message = third.statusBar().currentMessage()
    assert message.startswith("Recovered") and "last autosave at" in message


def test_ctrl_e_exports_the_open_memo_and_the_file_menu_has_memo_entries(
        qtbot, tmp_path, monkeypatch, window):
    window.new_memo("")
    window.editor.text.insertPlainText("Pending words")
    target = tmp_path / "open.pdf"
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (_ for _ in ()).throw(AssertionError("asked for a .md")))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.memo_export.open_result = False
    with qtbot.waitSignal(window.memo_export.finished, timeout=60_000):
        window.export_pdf_action.trigger()
    assert target.read_bytes().startswith(b"%PDF")
    titles = [a.text() for a in window.file_menu.actions()]
    for entry in ("New memo", "Save version", "Versions…", "Export memo to PDF…",
                  "Export a Markdown file to PDF…"):
        assert entry in titles, entry
    assert window.export_pdf_action.shortcut().toString() == "Ctrl+E"
    before = len(window.library.versions(window.editor.memo_id))
    window.save_version_action.trigger()
    assert len(window.library.versions(window.editor.memo_id)) == before + 1


def test_preview_beside_the_text_can_be_hidden_and_is_remembered(qtbot, reference_conn, window):
    window.new_memo("")
    editor = window.editor
    editor.text.insertPlainText("Cobalt outlook")
    editor.recognise_timer.timeout.emit()
    assert editor.text.isVisible() and editor.preview.isVisible()
    assert "Cobalt outlook" in editor.preview.toPlainText()
    editor.split.setSizes([300, 150])
    editor.split.splitterMoved.emit(300, 1)
    editor.preview_toggle.setChecked(False)
    assert not editor.preview.isVisible()
    window.close()
    again = _new_window(qtbot, reference_conn)
    assert not again.editor.preview_toggle.isChecked() and again.editor.preview.isHidden()
    again.show()
    qtbot.waitExposed(again)
    again.editor.preview_toggle.setChecked(True)
    left, right = again.editor.split.sizes()
    assert left > right  # the divider where it was left (2:1), not the default


def test_preview_pdf_reuses_one_window(qtbot, window):
    window.new_memo("")
    previewer = window.editor.pdf_preview
    with qtbot.waitSignal(previewer.shown, timeout=60_000):
        previewer.preview(window.editor.current_memo())
    first = previewer.dialog
    with qtbot.waitSignal(previewer.shown, timeout=60_000):
        previewer.preview(window.editor.current_memo())
    assert previewer.dialog is first and first.isVisible()
    assert first.document.pageCount() >= 1
    from desktop.ui.memo.pdf_view import PdfPreview

    assert len([w for w in QApplication.topLevelWidgets()
                if isinstance(w, PdfPreview) and w.isVisible()]) == 1
    first.close()


def test_data_blocks_are_not_counted_or_recognised_in_the_editor(window):
    window.new_memo("")
    editor = window.editor
    editor.text.setPlainText("Japan acts.\n```brief\nkind: memberships\ncountry: CHN\n```\n")
    editor._count_words()
    assert editor.words.text() == "2 words"
    assert [row[1] for row in editor.recognise()] == ["JPN"]


def test_block_picker_is_roomy_and_names_kinds_for_people(qtbot, window):
    window.new_memo("")
    window.pick_block()
    picker = window.picker
    assert picker.width() >= 640 and picker.height() >= 560
    labels = [picker.kind.itemText(i) for i in range(picker.kind.count())]
    assert "Production table" in labels and not any("-" in label for label in labels)
    assert picker.kind.findData("production-table") >= 0
    block, kept_whole = picker.preview.document().begin(), []
    while block.isValid():
        if block.textList() is None and block.text().startswith("China"):  # a table row's cell
            kept_whole.append(block.blockFormat().nonBreakableLines())
        block = block.next()
    assert kept_whole and all(kept_whole)
    picker.reject()


def test_memo_list_shows_the_date_apart_from_the_title(window):
    from desktop.ui.memo.list_item import UPDATED_ROLE, MemoItemDelegate

    window.new_memo("")
    view = window.navigation.memos.view
    item = view.item(0)
    assert item.text() == "Untitled memo" and item.data(UPDATED_ROLE)
    assert isinstance(view.itemDelegate(), MemoItemDelegate)
    pixmap = view.viewport().grab()  # painting must not fail
    assert not pixmap.isNull()


def test_file_export_of_a_md_file_keeps_its_own_entry(monkeypatch, tmp_path, window):
    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: asked.append(a[1]) or ("", ""))
    window.export_file_action.trigger()
    assert asked == ["Export memo to PDF"]
    assert Path(tmp_path).is_dir()


def test_template_labels_keep_acronyms():
    """``capitalize`` turned the BLUF template into "Bluf decision memo"."""
    from desktop.ui.window_setup import template_label, templates

    assert template_label("bluf-decision-memo") == "BLUF decision memo"
    assert template_label("meeting-brief") == "Meeting brief"
    assert "BLUF decision memo" in [label for label, _path in templates()]


def test_preview_draws_charts_or_says_they_are_in_the_pdf(window, monkeypatch):
    """Charts used to appear in the preview as a line of numbers, unlike the print."""
    from desktop.domain.memo import Memo
    from desktop.ui.memo import preview as memo_preview

    body = ("```brief\nkind: share-chart\nmineral: rare-earths\nmetric: mine_production\n```\n"
            "```brief\nkind: time-series\nmineral: rare-earths\nmetric: mine_production\n"
            "countries: CHN,USA\n```\n")
    memo = Memo({"title": "Charts"}, body)
    html = memo_preview.memo_html(memo, window.block_resolver)
    assert html.count("data:image/svg+xml;base64,") == 2 and "69.2 %;" not in html
    import base64
    import re

    for encoded in re.findall(r"base64,([A-Za-z0-9+/=]+)", html):  # lines, not black areas
        svg = base64.b64decode(encoded).decode()
        assert "fill: None" not in svg and not re.search(r'<path[^>]*style="(?![^"]*fill)', svg)

    def broken(_spec):
        raise ValueError("no drawing")

    monkeypatch.setattr(memo_preview, "_CHART_CACHE", {})
    monkeypatch.setattr(memo_preview, "_chart_svg", broken)
    html = memo_preview.memo_html(memo, window.block_resolver)
    assert html.count("Chart (shown in the PDF)") == 2 and "data:image" not in html
    assert "8 bars, China to" in html and "2 series, " in html


def test_the_daily_backup_waits_until_after_start_up(qtbot, reference_conn, monkeypatch):
    import desktop.ui.window_setup as window_setup

    monkeypatch.setattr(window_setup, "BACKUP_DELAY_MS", 1000)
    window = _new_window(qtbot, reference_conn)
    assert window.library.backups() == []  # not during start-up: the first paint comes first
    qtbot.waitUntil(lambda: len(window.library.backups()) == 1, timeout=5000)
