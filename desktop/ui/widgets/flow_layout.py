"""A layout that sets its widgets in a row and wraps them onto further rows when the row is full.

Filter bars and button rows laid out in a plain row demand the width of all their widgets, so a
card beside a memo either clipped its buttons ("Ad…") or pushed the window wider than a laptop
screen. In a flow they keep their full labels and take another line instead; the layout's
minimum width is that of its widest widget.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 6,
                 margins: int = 0) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        self.setContentsMargins(QMargins(margins, margins, margins, margins))

    # -- QLayout's item list ------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt's name)
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt's name)
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt's name)
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    # -- sizes --------------------------------------------------------------------------------
    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 (Qt's name)
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's name)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt's name)
        return self._arrange(QRect(0, 0, width, 0), place=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt's name)
        super().setGeometry(rect)
        self._arrange(rect, place=True)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name): everything on one row
        width = sum(item.sizeHint().width() for item in self._visible())
        width += self._gap * max(0, len(self._visible()) - 1)
        height = max((item.sizeHint().height() for item in self._visible()), default=0)
        margins = self.contentsMargins()
        return QSize(width + margins.left() + margins.right(),
                     height + margins.top() + margins.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt's name): the widest single widget
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _visible(self) -> list[QLayoutItem]:
        return [item for item in self._items
                if item.widget() is None or not item.widget().isHidden()]

    def _arrange(self, rect: QRect, place: bool) -> int:
        """Lay the items out in ``rect`` (only measure unless ``place``), each row's items
        centred on the row; the height used."""
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        rows: list[list[tuple[QLayoutItem, int, int]]] = [[]]
        x = area.x()
        for item in self._visible():
            width = min(item.sizeHint().width(), max(area.width(), item.minimumSize().width()))
            if rows[-1] and x + width > area.right() + 1:
                rows.append([])
                x = area.x()
            height = item.heightForWidth(width) if item.hasHeightForWidth() else \
                item.sizeHint().height()
            rows[-1].append((item, width, height))
            x += width + self._gap
        y = area.y()
        for row in rows:
            row_height = max((height for _, _, height in row), default=0)
            x = area.x()
            for item, width, height in row:
                if place:
                    item.setGeometry(QRect(QPoint(x, y + (row_height - height) // 2),
                                           QSize(width, height)))
                x += width + self._gap
            y += row_height + self._gap
        return max(0, y - self._gap - rect.y()) + margins.bottom()


def flow_row(*items: QWidget | tuple[QWidget, ...], spacing: int = 6) -> QWidget:
    """A widget setting ``items`` in a wrapping row; a tuple's widgets (a label and its field)
    stay together on one line."""
    row = QWidget()
    layout = FlowLayout(row, spacing)
    for item in items:
        if isinstance(item, tuple):
            group = QWidget()
            pair = QHBoxLayout(group)
            pair.setContentsMargins(0, 0, 0, 0)
            pair.setSpacing(4)
            for widget in item:
                pair.addWidget(widget)
            item = group
        layout.addWidget(item)
    return row
