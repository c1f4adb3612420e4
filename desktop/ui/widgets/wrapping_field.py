"""A one-paragraph text field that wraps over a few lines: a memo's Summary is a sentence or
three, which a single-line field showed only a window's width of."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QSizePolicy, QWidget


class WrappingField(QPlainTextEdit):
    """``text``, ``setText`` and ``textEdited`` as a QLineEdit has them; Return and Tab move on
    to the next field (the value is one paragraph: line breaks would not survive the memo's
    front matter)."""

    textEdited = Signal(str)  # noqa: N815 (QLineEdit's name)

    def __init__(self, lines: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        margins = self.contentsMargins()
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 2 * self.frameWidth()
                            + margins.top() + margins.bottom() + 8)
        self._setting = False
        self.textChanged.connect(self._edited)

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:  # noqa: N802 (QLineEdit's name)
        self._setting = True
        self.setPlainText(text)
        self._setting = False

    def _edited(self) -> None:
        if not self._setting:
            self.textEdited.emit(self.toPlainText())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.focusNextChild()
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source) -> None:  # noqa: N802 (Qt's name)
        """Pasted lines join into the one paragraph."""
        self.insertPlainText(" ".join(source.text().split()))
