"""The lookup palette: results on every keystroke, grouped by kind, the match in bold.

It drops down under the toolbar's lookup field (Ctrl+K focuses the field). The field keeps the
keyboard: Up/Down move through the results, Enter opens the selected card, Escape closes.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.models import LookupResult
from desktop.reference.lookup import KIND_ORDER, Lookup

GROUP_TITLES = {"country": "Countries", "mineral": "Minerals", "initiative": "Initiatives",
                "group": "Groups", "event": "Events"}
VISIBLE_ROWS = 12
RESULT_LIMIT = 25
RESULT_ROLE = Qt.ItemDataRole.UserRole
HEADER_ROLE = Qt.ItemDataRole.UserRole + 1
QUERY_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()


def grouped(results: list[LookupResult]) -> list[str | LookupResult]:
    """Rows for the view: a header per kind, kinds ordered by their best result."""
    best: dict[str, float] = {}
    for result in results:
        best[result.kind] = max(best.get(result.kind, 0), result.score)
    kinds = sorted(best, key=lambda k: (-best[k], KIND_ORDER.get(k, 9)))
    rows: list[str | LookupResult] = []
    for kind in kinds:
        rows.append(kind)
        rows.extend(r for r in results if r.kind == kind)
    return rows


def match_span(name: str, query: str) -> tuple[int, int] | None:
    """Where the typed text occurs in a name, ignoring case; None when it does not."""
    needle = query.strip().casefold()
    if not needle:
        return None
    start = name.casefold().find(needle)
    return (start, start + len(needle)) if start >= 0 and len(name.casefold()) == len(name) \
        else None


class LookupModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[str | LookupResult] = []
        self.query = ""

    def set_results(self, query: str, results: list[LookupResult]) -> None:
        self.beginResetModel()
        self.query = query
        self.rows = grouped(results)
        self.endResetModel()

    def rowCount(self, parent: Index = NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def flags(self, index: Index):
        if isinstance(self.rows[index.row()], str):
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        row = self.rows[index.row()]
        if role == HEADER_ROLE:
            return isinstance(row, str)
        if role == QUERY_ROLE:
            return self.query
        if isinstance(row, str):
            return GROUP_TITLES.get(row, row) if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            return row.name
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row.name}, {row.kind}"
        if role == RESULT_ROLE:
            return row
        return None


class LookupDelegate(QStyledItemDelegate):
    """Paints group headers and results with the matched text in bold.

    Every row has the same height (the view then asks for one size hint, not one per row) and
    fonts and metrics are made once, because this paints on every keystroke.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._fonts: dict[tuple, tuple[QFont, QFontMetrics]] = {}

    def _font(self, base: QFont, bold: bool = False, scale: float = 1.0) -> tuple[QFont,
                                                                                QFontMetrics]:
        key = (base.key(), bold, scale)
        if key not in self._fonts:
            font = QFont(base)
            font.setBold(bold)
            if scale != 1.0:
                font.setPointSizeF(font.pointSizeF() * scale)
            self._fonts[key] = (font, QFontMetrics(font))
        return self._fonts[key]

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        return QSize(200, option.fontMetrics.height() + 10)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        painter.save()
        palette = option.palette
        rect = option.rect.adjusted(8, 0, -8, 0)
        if index.data(HEADER_ROLE):
            painter.setFont(self._font(option.font, bold=True, scale=0.85)[0])
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                             index.data().upper())
            painter.restore()
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(option.rect, palette.highlight())
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(palette.color(text_role))
        result: LookupResult = index.data(RESULT_ROLE)
        query = index.data(QUERY_ROLE)
        x = self._draw_with_match(painter, option.font, rect, result.name, query)
        if result.matched and match_span(result.name, query) is None \
                and result.matched.casefold() != result.name.casefold():
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText if not selected
                                         else text_role))
            self._draw_with_match(painter, option.font, QRect(x + 10, rect.y(),
                                                              rect.right() - x, rect.height()),
                                  f"“{result.matched}”", query, whole=True)
        painter.restore()

    def _draw_with_match(self, painter: QPainter, font: QFont, rect: QRect, text: str,
                         query: str, whole: bool = False) -> int:
        span = (0, len(text)) if whole else match_span(text, query)
        pieces = [(text, False)] if span is None else [
            (text[:span[0]], False), (text[span[0]:span[1]], True), (text[span[1]:], False)]
        x = rect.x()
        flags = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        for piece, bold in pieces:
            room = rect.right() - x
            if not piece or room <= 0:
                continue
            piece_font, metrics = self._font(font, bold=bold)
            painter.setFont(piece_font)
            painter.drawText(QRect(x, rect.y(), room, rect.height()), flags, piece)  # clipped
            x += metrics.horizontalAdvance(piece)
        return x


class LookupPalette(QFrame):
    """The drop-down list of results under a lookup field."""

    chosen = Signal(str, str)
    painted = Signal()

    def __init__(self, lookup: Lookup, field: QLineEdit, parent: QWidget) -> None:
        super().__init__(parent)
        self._lookup = lookup
        self.field = field
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setAccessibleName("Lookup results")
        self.model = LookupModel()
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(LookupDelegate(self.view))
        self.view.setUniformItemSizes(True)
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.view.setAccessibleName("Lookup result list")
        self.view.clicked.connect(self._open_index)
        self.view.viewport().installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addWidget(self.view)
        self.hide()
        field.textChanged.connect(self.update_results)
        field.installEventFilter(self)

    def update_results(self, text: str) -> None:
        results = self._lookup.search(text, limit=RESULT_LIMIT)
        self.model.set_results(text, results)
        if not results:
            self.hide()
            return
        self._select(self._first_result_row())
        self._place()
        self.show()
        self.raise_()

    def _place(self) -> None:
        """Under the field, as tall as its rows up to ``VISIBLE_ROWS`` (then it scrolls).

        Three results in a twelve-row box read as "something failed to load". The width is
        fixed and the height changes only when the number of rows does, so the card behind
        does not repaint on every keystroke.
        """
        parent = self.parentWidget()
        origin = self.field.mapTo(parent, self.field.rect().bottomLeft())
        width = min(max(self.field.width(), 460), parent.width() - origin.x() - 8)
        rows = min(max(self.model.rowCount(), 1), VISIBLE_ROWS)
        frame = 2 * (self.frameWidth() + self.layout().contentsMargins().top()
                     + self.view.frameWidth())
        height = min(rows * self.view.sizeHintForRow(0) + frame,
                     parent.height() - origin.y() - 10)
        geometry = QRect(origin.x(), origin.y() + 2, width, max(height, 40))
        if geometry != self.geometry():
            self.setGeometry(geometry)

    def _first_result_row(self) -> int:
        return next((i for i, row in enumerate(self.model.rows) if not isinstance(row, str)), -1)

    def _select(self, row: int) -> None:
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row))

    def move_selection(self, step: int) -> None:
        rows = [i for i, row in enumerate(self.model.rows) if not isinstance(row, str)]
        if not rows:
            return
        current = self.view.currentIndex().row()
        position = rows.index(current) if current in rows else -1
        self._select(rows[max(0, min(len(rows) - 1, position + step))])

    def open_selected(self) -> bool:
        index = self.view.currentIndex()
        if not index.isValid() or not self.isVisible():
            return False
        self._open_index(index)
        return True

    def _open_index(self, index: QModelIndex) -> None:
        result = index.data(RESULT_ROLE)
        if result is not None:
            self.hide()
            self.chosen.emit(result.kind, result.id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.view.viewport() and event.type() == QEvent.Type.Paint:
            self.painted.emit()
            return False
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key == Qt.Key.Key_Down:
                self.move_selection(1)
                return True
            if key == Qt.Key.Key_Up:
                self.move_selection(-1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if not self.isVisible():
                    self.update_results(self.field.text())
                return self.open_selected()
            if key == Qt.Key.Key_Escape:
                self.hide()
                return True
        if watched is self.field and event.type() == QEvent.Type.FocusOut:
            if not self.underMouse():
                self.hide()
        return False
