"""The mouse's back and forward buttons, on the widgets where a reader's pointer rests.

An application-wide event filter would see every event of every widget (tens of thousands while a
card is built); this filter is installed only on the card views, their tables and the lists.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QWidget


class MouseHistoryButtons(QObject):
    back = Signal()
    forward = Signal()

    def watch(self, widget: QWidget) -> None:
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.MouseButtonPress:
            if event.button() == Qt.MouseButton.BackButton:
                self.back.emit()
                return True
            if event.button() == Qt.MouseButton.ForwardButton:
                self.forward.emit()
                return True
        return False
