"""How a memo reads in the memo list: its title, and beneath it, smaller and greyed, when it was
last changed. The date helps tell drafts apart but is not what the eye should land on first."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QListWidgetItem, QStyle, QStyledItemDelegate, QStyleOptionViewItem

UPDATED_ROLE = Qt.ItemDataRole.UserRole + 7
PADDING = 4


def memo_item(memo_id: int, title: str, updated: str, id_role: int) -> QListWidgetItem:
    """The list row: the title as its text (what search, tests and screen readers see), the
    date kept apart for the delegate to draw."""
    stamp = updated[:16].replace("T", " ")
    item = QListWidgetItem(title)
    item.setData(id_role, memo_id)
    item.setData(UPDATED_ROLE, stamp)
    item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{title}, changed {stamp}")
    item.setToolTip(f"{title}\nLast changed {stamp} UTC")
    return item


def _small(font: QFont) -> QFont:
    small = QFont(font)
    small.setPointSizeF(max(font.pointSizeF() * 0.85, 7.0))
    return small


class MemoItemDelegate(QStyledItemDelegate):
    """Title on the first line; the date under it in a smaller, secondary colour."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        size = super().sizeHint(option, index)
        extra = QFontMetrics(_small(option.font)).height() if index.data(UPDATED_ROLE) else 0
        return QSize(size.width(), size.height() + extra + PADDING)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        stamp = index.data(UPDATED_ROLE)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        title_height = QFontMetrics(opt.font).height() + PADDING
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Active
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        rect = option.rect.adjusted(PADDING + 2, PADDING // 2, -PADDING, 0)
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(option.palette.color(group, text_role))
        title = QFontMetrics(opt.font).elidedText(index.data() or "", Qt.TextElideMode.ElideRight,
                                                   rect.width())
        painter.drawText(QRect(rect.left(), rect.top(), rect.width(), title_height),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        if stamp:
            painter.setFont(_small(opt.font))
            secondary = option.palette.color(group, text_role if selected else
                                             QPalette.ColorRole.PlaceholderText)
            painter.setPen(secondary)
            painter.drawText(QRect(rect.left(), rect.top() + title_height - PADDING,
                                   rect.width(), rect.height() - title_height + PADDING),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, stamp)
        painter.restore()
