"""Find and replace in the memo text: Ctrl+F finds, Ctrl+H also replaces, Esc closes.

Replacing goes through the document's cursor, so every replacement (and a "Replace all" as one
step) can be undone with Ctrl+Z like any typing.
"""

from __future__ import annotations

from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QPlainTextEdit, QPushButton, QWidget

MAX_NEEDLE = 1000


class FindBar(QWidget):
    def __init__(self, text: QPlainTextEdit) -> None:
        super().__init__()
        self.text = text
        self.find_field = QLineEdit(placeholderText="Find (Enter: next)")
        self.find_field.setAccessibleName("Find in memo")
        self.find_field.setMaxLength(MAX_NEEDLE)
        self.find_field.returnPressed.connect(self.find_next)
        self.replace_field = QLineEdit(placeholderText="Replace with")
        self.replace_field.setAccessibleName("Replace with")
        self.replace_field.returnPressed.connect(self.replace_one)
        self.case = QCheckBox("Aa")
        self.case.setToolTip("Match case")
        self.replace_button = QPushButton("Replace")
        self.replace_button.clicked.connect(self.replace_one)
        self.replace_all_button = QPushButton("Replace all")
        self.replace_all_button.clicked.connect(self.replace_all)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.find_field, self.case, self.replace_field, self.replace_button,
                       self.replace_all_button):
            layout.addWidget(widget)
        self.hide()

    def open(self, replace: bool = False) -> None:
        for widget in (self.replace_field, self.replace_button, self.replace_all_button):
            widget.setVisible(replace)
        self.show()
        selected = self.text.textCursor().selectedText()
        if selected and "\u2029" not in selected:  # a word picked in the text seeds the search
            self.find_field.setText(selected[:MAX_NEEDLE])
        self.find_field.setFocus()
        self.find_field.selectAll()

    def _flags(self) -> QTextDocument.FindFlag:
        return QTextDocument.FindFlag.FindCaseSensitively if self.case.isChecked() else \
            QTextDocument.FindFlag(0)

    def find_next(self) -> bool:
        needle = self.find_field.text()
        if not needle:
            return False
        if self.text.find(needle, self._flags()):
            return True
        cursor = self.text.textCursor()  # wrap around to the start once
        cursor.movePosition(QTextCursor.MoveOperation.Start)
        self.text.setTextCursor(cursor)
        return self.text.find(needle, self._flags())

    def _selection_matches(self) -> bool:
        selected = self.text.textCursor().selectedText()
        needle = self.find_field.text()
        return bool(needle) and (selected == needle if self.case.isChecked()
                                 else selected.casefold() == needle.casefold())

    def replace_one(self) -> bool:
        """Replace the current match (if the selection is one), then go to the next."""
        if self._selection_matches():
            self.text.textCursor().insertText(self.replace_field.text())
        return self.find_next()

    def replace_all(self) -> int:
        """Every match, as one undo step; returns how many were replaced."""
        needle = self.find_field.text()
        if not needle:
            return 0
        document = self.text.document()
        count = 0
        edit = QTextCursor(document)
        edit.beginEditBlock()
        found = document.find(needle, 0, self._flags())
        while not found.isNull():
            found.insertText(self.replace_field.text())
            count += 1
            found = document.find(needle, found.position(), self._flags())
        edit.endEditBlock()
        return count
