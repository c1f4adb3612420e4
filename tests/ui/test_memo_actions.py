"""The memo library from the window: search, trash and restore, import by dialog or drop, the
Recent memos menu, Markdown export, versions, find and replace, and a disk that fills up."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.domain.memo import Memo, parse_memo


def _titles(window) -> list[str]:
    view = window.navigation.memos.view
    return [view.item(i).text().split("\n")[0] for i in range(view.count())]


def test_search_trash_and_restore(qtbot, window):
    library = window.library
    first = library.create(Memo({"title": "Gallium export controls"}, "Licensing since 2023."))
    library.create(Memo({"title": "Cobalt outlook"}, "DRC output and ministerial meeting."))
    window._refresh_memos()
    memos = window.navigation.memos
    memos.search.setText("minist")
    assert _titles(window) == ["Cobalt outlook"]
    memos.search.setText("no such word at all")
    assert _titles(window) == [] and "No memo matches" in memos.empty.text()
    memos.search.setText('") OR * NEAR( 日本')  # hostile and other-script text: no error
    memos.search.clear()

    window.open_memo(first)
    memos.trash_requested.emit(first)  # right-click ▸ Move to the trash on the open memo
    assert window.editor.memo_id is None and not window.editor.isVisible()
    assert "Gallium export controls" not in _titles(window)
    memos.trash.setChecked(True)
    assert _titles(window) == ["Gallium export controls"]
    memos.restore_requested.emit(first)
    assert _titles(window) == [] and "trash is empty" in memos.empty.text()
    memos.trash.setChecked(False)
    assert "Gallium export controls" in _titles(window)


def _drop(window, paths) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, data,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)


def test_drop_markdown_files_imports_them_whole_or_not_at_all(qtbot, window, tmp_path,
                                                              monkeypatch):
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    good = tmp_path / "brief.md"
    good.write_text("---\ntitle: Nickel brief\n---\nIndonesia leads mine output.\n",
                    encoding="utf-8")
    huge = tmp_path / "huge.md"
    huge.write_bytes(b"x" * 6_000_000)
    broken = tmp_path / "broken.md"
    broken.write_bytes(b"\xff\xfe not utf-8")
    other = tmp_path / "picture.png"
    other.write_bytes(b"\x89PNG")
    before = window.library.count()
    _drop(window, [good, huge, broken, other])
    assert window.library.count() == before + 1
    assert window.editor.fields["title"].text() == "Nickel brief"  # the import is opened
    assert "larger than 5 MB" in warnings[0] and "not UTF-8" in warnings[0]
    assert "Imported 1 memo" in warnings[0]


def test_a_markdown_file_dropped_on_the_memo_text_is_imported_not_typed(qtbot, window,
                                                                        tmp_path, monkeypatch):
    """The text editor used to accept the drop and type the file:// path into the memo."""
    monkeypatch.setattr(QMessageBox, "warning", lambda *_args: None)
    window.open_memo(window.library.create(Memo({"title": "Open memo"}, "Body.")))
    window.show()
    dropped = tmp_path / "dropped.md"
    dropped.write_text("---\ntitle: Dropped brief\n---\nText.\n", encoding="utf-8")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(dropped))])
    viewport = window.editor.text.viewport()
    before = window.library.count()
    enter = QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, data,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()  # by the window, which the refused drag was passed on to
    drop = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, data,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, drop)
    assert window.library.count() == before + 1
    assert window.editor.fields["title"].text() == "Dropped brief"  # the import is opened
    assert "file://" not in window.editor.text.toPlainText()


def test_recent_menu_and_markdown_export(qtbot, window, tmp_path, monkeypatch):
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    memo_id = window.library.create(Memo({"title": "Lithium & brine"}, "Body text."))
    menu = next(a.menu() for a in window.file_menu.actions() if a.menu())
    window.memo_actions.fill_recent(menu)
    action = next(a for a in menu.actions() if "Lithium && brine" in a.text())
    action.trigger()
    assert window.editor.memo_id == memo_id
    out = tmp_path / "out.md"
    assert window.memo_actions.export_markdown(memo_id, out)
    assert parse_memo(out.read_text(encoding="utf-8")).get("title") == "Lithium & brine"
    assert not window.memo_actions.export_markdown(memo_id, tmp_path)  # a folder: refused
    assert "was not written" in warnings[0]
    assert out.read_text(encoding="utf-8").endswith("Body text.\n")


def test_find_replace_and_undo(qtbot, window):
    window.new_memo("")
    editor = window.editor
    editor.text.setPlainText("China, china and CHINA refine.")
    editor.find_bar.open(replace=True)
    assert editor.find_bar.replace_field.isVisible()
    editor.find_field.setText("china")
    editor.find_bar.replace_field.setText("PRC")
    assert editor.find_bar.replace_all() == 3
    assert editor.text.toPlainText() == "PRC, PRC and PRC refine."
    editor.text.undo()  # one step undoes the whole replace-all
    assert editor.text.toPlainText() == "China, china and CHINA refine."
    editor.find_bar.case.setChecked(True)
    editor.find_bar.replace_one()  # selects the first exact match
    editor.find_bar.replace_one()  # replaces it and moves on
    assert editor.text.toPlainText() == "China, PRC and CHINA refine."
    editor.find_field.setText("x" * 5000)  # capped, never an error
    assert len(editor.find_field.text()) == 1000 and not editor.find_next()


def test_restore_an_older_version_keeps_the_current_text(qtbot, window):
    window.new_memo("")
    editor = window.editor
    editor.text.setPlainText("First draft.")
    editor.save_version()
    editor.text.setPlainText("Second draft.")
    editor.flush()
    oldest = [v for v in window.library.versions(editor.memo_id)
              if window.library.version_text(v.id).body == "First draft."][0]
    editor.restore_version(oldest.id)
    assert editor.text.toPlainText() == "First draft."
    bodies = [window.library.version_text(v.id).body
              for v in window.library.versions(editor.memo_id)]
    assert "Second draft." in bodies  # nothing typed is lost by a restore
    editor.text.undo()  # and Ctrl+Z takes the restore back (setPlainText cleared the history)
    assert editor.text.toPlainText() == "Second draft."
    editor.text.redo()
    assert editor.text.toPlainText() == "First draft."

    from desktop.ui.memo.versions import VersionDialog

    dialog = VersionDialog(window.library, editor.memo_id, window)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == len(bodies) and dialog.restore_button.isEnabled()
    from desktop.ui.memo.session import local_time

    newest = window.library.versions(editor.memo_id)[0]
    shown = dialog.list.item(0).text()
    assert "UTC" not in shown and shown.startswith(local_time(newest.saved, seconds=True))
    assert dialog.text.toPlainText()


def test_a_full_disk_keeps_the_text_and_retries(qtbot, window, monkeypatch):
    memo_id = window.new_memo("")
    editor = window.editor
    messages: list[str] = []
    editor.status.connect(messages.append)
    real = window.library.autosave

    def full(*_args):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(window.library, "autosave", full)
    editor.text.setPlainText("Words typed while the disk is full.")
    assert not editor.autosave()
    assert "disk is full" in messages[-1] and editor.timer.isActive()
    assert editor.text.toPlainText() == "Words typed while the disk is full."
    monkeypatch.setattr(window.library, "autosave", real)
    editor.timer.timeout.emit()
    assert window.library.get(memo_id).memo.body == "Words typed while the disk is full."
    assert messages[-1].startswith("Saved again")
    QApplication.processEvents()


def test_tags_field_in_the_editor(qtbot, window):
    memo_id = window.new_memo("")
    editor = window.editor
    qtbot.keyClicks(editor.fields["keywords"], "rare earths, G7")
    editor.flush()
    assert window.library.get(memo_id).tags == ["G7", "rare earths"]
