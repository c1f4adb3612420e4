"""Browse a memo's saved versions and restore one.

Restoring never loses the current text: the library first keeps it as a version of its own
("restored N" marks the new state), so a restore can itself be undone from this same list.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.library.store import MemoLibrary
from desktop.ui.memo.session import local_time


class VersionDialog(QDialog):
    def __init__(self, library: MemoLibrary, memo_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.setWindowTitle("Versions of the memo")
        self.resize(820, 520)
        self.list = QListWidget()
        self.list.setAccessibleName("Versions")
        for version in library.versions(memo_id):
            # the user's own clock, as in the memo list (the library stores UTC)
            item = QListWidgetItem(f"{local_time(version.saved, seconds=True)} · "
                                   f"{version.reason}\n{version.title}")
            item.setData(Qt.ItemDataRole.UserRole, version.id)
            self.list.addItem(item)
        self.text = QPlainTextEdit(readOnly=True)
        self.text.setAccessibleName("Version text")
        self.list.currentItemChanged.connect(self._show)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton("Restore this version",
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        panes = QHBoxLayout()
        panes.addWidget(self.list, 2)
        panes.addWidget(self.text, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Versions are kept on every “Save version” (Ctrl+S) and every few "
                                "minutes while you type. Restoring keeps the current text as a "
                                "version too."))
        layout.addLayout(panes, 1)
        layout.addWidget(buttons)
        if self.list.count():
            self.list.setCurrentRow(0)

    def _show(self, item: QListWidgetItem | None) -> None:
        self.restore_button.setEnabled(item is not None)
        if item is not None:
            self.text.setPlainText(
                self.library.version_text(item.data(Qt.ItemDataRole.UserRole)).to_text())

    def chosen(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)
