"""A table of figures that can be copied or exported as CSV and Markdown, with linked entity cells.

Every table in every card is one of these, so "Copy", "Export…" and "Add to memo" behave the same
everywhere. Tables size themselves to their rows (the card scrolls, not the table) unless told to
scroll, as the timeline does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QStyle,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.blocks.syntax import Block
from desktop.domain.text import file_stem
from desktop.export.tables import to_csv, to_markdown

Index = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()
MAX_COLUMN_WIDTH = 420  # wider texts are elided; the tooltip shows them whole
ROW_BLOCK = "_block"  # a row's own memo block (see DataTable)


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    numeric: bool = False
    link_kind: str | None = None  # the cell opens a card of this kind …
    link_key: str | None = None   # … whose id is row[link_key]
    link_kind_key: str | None = None  # or the kind is row[link_kind_key] (mixed rows)
    sort_key: str | None = None   # row[sort_key] orders the column (e.g. the number behind "270,000e")
    links_key: str | None = None  # or a cell naming several entities: row[links_key] is a list
    #                               of (kind, id, name); a click offers each one's card
    tooltip_key: str | None = None  # row[tooltip_key] explains the cell on hover


class RowsModel(QAbstractTableModel):
    """Rows of dictionaries shown through a list of columns."""

    def __init__(self, columns: Sequence[Column], rows: Sequence[dict]) -> None:
        super().__init__()
        self.columns = list(columns)
        self.rows = list(rows)
        self._cache()

    def _cache(self) -> None:
        """Texts and alignments are computed once: views ask for them on every paint."""
        self._texts = [[_cell(row.get(c.key)) for c in self.columns] for row in self.rows]
        right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        left = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self._align = [right if c.numeric else left for c in self.columns]
        self._linked = [[self.link(r, c) is not None or bool(self.links(r, c))
                         for c in range(len(self.columns))] for r in range(len(self.rows))]

    def rowCount(self, parent: Index = NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def text(self, row: int, column: int) -> str:
        return self._texts[row][column]

    def links(self, row: int, column: int) -> list[tuple[str, str, str]]:
        """Every card a cell names: one for a plain link, several for a list of entities."""
        spec = self.columns[column]
        if spec.links_key:
            return [tuple(item) for item in self.rows[row].get(spec.links_key) or []]
        single = self.link(row, column)
        return [(*single, self._texts[row][column])] if single else []

    def link(self, row: int, column: int) -> tuple[str, str] | None:
        spec, data = self.columns[column], self.rows[row]
        if spec.links_key:
            several = data.get(spec.links_key) or []
            return (str(several[0][0]), str(several[0][1])) if len(several) == 1 else None
        kind = spec.link_kind or (data.get(spec.link_kind_key) if spec.link_kind_key else None)
        if kind and spec.link_key:
            ident = data.get(spec.link_key)
            if ident and data.get(f"{spec.link_key}__linkable", True):
                return str(kind), str(ident)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.ToolTipRole and self.columns[column].tooltip_key:
            return self.rows[row].get(self.columns[column].tooltip_key) or self._texts[row][column]
        if role == Qt.ItemDataRole.DisplayRole or role == Qt.ItemDataRole.ToolTipRole:
            return self._texts[row][column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._align[column]
        if role == Qt.ItemDataRole.ForegroundRole:
            return QGuiApplication.palette().link() if self._linked[row][column] else None
        if role == Qt.ItemDataRole.UserRole:
            return self.link(row, column)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return  # -1: keep the order the rows came in
        spec = self.columns[column]
        key = spec.sort_key or spec.key

        def sort_value(row: dict):
            value = row.get(key)
            if value is None or value == "":
                return (1, 0, "")
            return (0, value, "") if isinstance(value, int | float) else (0, 0, str(value).lower())

        self.layoutAboutToBeChanged.emit()
        self.rows.sort(key=sort_value, reverse=order == Qt.SortOrder.DescendingOrder)
        self._cache()
        self.layoutChanged.emit()

    def as_lists(self) -> tuple[list[str], list[list[str]]]:
        titles = [c.title for c in self.columns]
        return titles, [[self.text(r, c) for c in range(len(self.columns))]
                        for r in range(len(self.rows))]


class DataTable(QWidget):
    """Title, tool buttons, the table itself and its source line.

    "Add to memo" inserts ``block``; a table whose rows are each a question of their own (the
    stress test per mineral, say) gives every row its block under ``ROW_BLOCK``, and the
    selected row's block is the one added.
    """

    link_activated = Signal(str, str)
    memo_block = Signal(str)

    def block_to_add(self) -> Block | None:
        """The selected row's own block if it has one, else the table's."""
        index = self.view.currentIndex()
        if index.isValid() and index.row() < len(self.model.rows):
            own = self.model.rows[index.row()].get(ROW_BLOCK)
            if own is not None:
                return own
        return self.block
    status = Signal(str)

    def __init__(self, title: str, columns: Sequence[Column], rows: Sequence[dict],
                 source: str = "", block: Block | None = None, scrolling: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title, self.source, self.block = title, source, block
        self.model = RowsModel(columns, rows)
        self.link_menu: QMenu | None = None  # the choice of cards of a multi-entity cell
        self._fixed_height: int | None = None  # rows + header, when the table fits its rows
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(f"Table: {title}")
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.view.horizontalHeader()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # rows keep their given order
        self.view.setSortingEnabled(True)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        rows_header = self.view.verticalHeader()
        rows_header.hide()
        rows_header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows_header.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header.setResizeContentsPrecision(40)  # the header and first rows via the delegate …
        header.setMaximumSectionSize(MAX_COLUMN_WIDTH)  # long texts elide; tooltips are whole
        header.setStretchLastSection(scrolling)
        self.view.resizeColumnsToContents()
        self._widen_to_all_rows()  # … then every row, from the cached texts
        self.view.clicked.connect(self._on_clicked)
        self.view.activated.connect(self._on_clicked)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(
            lambda pos: self._menu().exec(self.view.viewport().mapToGlobal(pos)))

        caption = QLabel(f"<b>{_escape(title)}</b>")
        caption.setTextFormat(Qt.TextFormat.RichText)
        tools = QToolButton(text="Copy / Export", popupMode=QToolButton.ToolButtonPopupMode.InstantPopup)
        tools.setAccessibleName(f"Copy or export {title}")
        tools.setMenu(self._menu())
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(caption)
        if block is not None:
            add = QToolButton(text="Add to memo")
            add.setAccessibleName(f"Add {title} to memo")
            if any(ROW_BLOCK in row for row in rows):
                add.setToolTip("Adds the selected row's block to the memo (the first row's "
                               "when none is selected)")
            add.clicked.connect(lambda: self.memo_block.emit(self.block_to_add().to_markup()))
            head.addWidget(add)
        head.addWidget(tools)
        head.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.addLayout(head)
        layout.addWidget(self.view)
        if source:
            note = QLabel(source)
            note.setWordWrap(True)
            note.setOpenExternalLinks(True)
            note.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            note.setStyleSheet("color: palette(placeholder-text); font-size: small;")
            layout.addWidget(note)
        if not scrolling:
            self._fit_height()

    def _widen_to_all_rows(self) -> None:
        """Widen columns whose longest text lies beyond the rows the delegate measured.

        Asking the delegate about every row is slow on long tables, but measuring the cached
        cell texts with the font is cheap, and without it a large number or long name further
        down is elided ("1,400,0…").
        """
        header = self.view.horizontalHeader()
        metrics = self.view.fontMetrics()
        margin = self.view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None,
                                               self.view)
        padding = 2 * (margin + 1) + 4  # the delegate's text margins, plus a little air
        for column in range(self.model.columnCount()):
            texts = {self.model.text(row, column) for row in range(self.model.rowCount())}
            widest = max((metrics.horizontalAdvance(text) for text in texts), default=0)
            needed = min(widest + padding, MAX_COLUMN_WIDTH)
            if needed > header.sectionSize(column):
                header.resizeSection(column, needed)

    def _fit_height(self) -> None:
        """Show every row (the card scrolls) and no wider than the columns need."""
        rows = self.model.rowCount()
        frame = 2 * self.view.frameWidth()
        height = self.view.horizontalHeader().sizeHint().height() + frame
        height += rows * self.view.verticalHeader().defaultSectionSize()
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        width = self.view.horizontalHeader().length() + frame + 2
        self.view.setMaximumWidth(max(width, 240))
        self._fixed_height = height
        self.view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._reserve_scroll_bar()

    def _reserve_scroll_bar(self) -> None:
        """Make room for the horizontal scroll bar exactly when the columns overflow.

        The bar is drawn over the table's last row, so in a pane narrower than the columns that
        row would be hidden; in a wide pane the reserved strip would be an empty gap.
        """
        if self._fixed_height is None:
            return
        frame = 2 * self.view.frameWidth()
        overflow = self.view.horizontalHeader().length() + frame > self.view.width()
        spare = self.view.horizontalScrollBar().sizeHint().height() if overflow else 0
        if self.view.minimumHeight() != self._fixed_height + spare:  # no relayout loops
            self.view.setFixedHeight(self._fixed_height + spare)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        """Re-check the scroll-bar room: the pane width decides whether the columns overflow."""
        super().resizeEvent(event)
        self._reserve_scroll_bar()

    def _menu(self) -> QMenu:
        menu = QMenu(self)
        for text, slot in (("Copy as CSV", self.copy_csv), ("Copy as Markdown", self.copy_markdown),
                           ("Export CSV…", lambda: self.export_dialog("csv")),
                           ("Export Markdown…", lambda: self.export_dialog("md"))):
            action = QAction(text, menu)
            action.triggered.connect(slot)
            menu.addAction(action)
        return menu

    def _on_clicked(self, index: QModelIndex) -> None:
        links = self.model.links(index.row(), index.column())
        if len(links) == 1:
            self.link_activated.emit(*links[0][:2])
        elif links:  # several entities in one cell: the user picks whose card to open
            self.link_menu = QMenu(self)
            self.link_menu.setAccessibleName("Open a card")
            for kind, ident, name in links:
                action = QAction(f"Open {name}", self.link_menu)
                action.triggered.connect(lambda _=False, k=kind, i=ident:
                                         self.link_activated.emit(k, i))
                self.link_menu.addAction(action)
            self.link_menu.popup(self.view.viewport().mapToGlobal(
                self.view.visualRect(index).bottomLeft()))

    # -- copy and export ---------------------------------------------------------------------
    def csv_text(self) -> str:
        titles, rows = self.model.as_lists()
        return to_csv(titles, rows)

    def markdown_text(self) -> str:
        titles, rows = self.model.as_lists()
        numeric = [c.numeric for c in self.model.columns]
        return to_markdown(titles, rows, numeric, caption=_plain(self.source))

    def copy_csv(self) -> None:
        QGuiApplication.clipboard().setText(self.csv_text())
        self.status.emit(f"Copied “{self.title}” as CSV")

    def copy_markdown(self) -> None:
        QGuiApplication.clipboard().setText(self.markdown_text())
        self.status.emit(f"Copied “{self.title}” as Markdown")

    def export_to(self, path: Path, fmt: str) -> None:
        """Write the table; raises OSError (the dialog turns it into a message)."""
        text = self.csv_text() if fmt == "csv" else self.markdown_text()
        Path(path).write_text(text, encoding="utf-8", newline="")

    def export_dialog(self, fmt: str) -> None:
        suffix = "csv" if fmt == "csv" else "md"
        path, _ = QFileDialog.getSaveFileName(
            self, f"Export {self.title}", f"{file_stem(self.title, fallback='table')}.{suffix}",
            "CSV files (*.csv)" if fmt == "csv" else "Markdown files (*.md)")
        if not path:
            return
        try:
            self.export_to(Path(path), fmt)
        except OSError as exc:
            QMessageBox.warning(self, "Export failed",
                                f"Could not write {path}: {exc.strerror or exc}. Nothing was lost; "
                                "choose another folder or file name.")
            return
        self.status.emit(f"Exported “{self.title}” to {path}")


def _cell(value) -> str:
    return "" if value is None else str(value)


def _escape(text: str) -> str:
    from html import escape

    return escape(text)


def _plain(html_text: str) -> str:
    """Source lines are rich text for the screen; Markdown gets plain text."""
    import re
    from html import unescape

    return unescape(re.sub(r"<[^>]+>", "", re.sub(r"<br\s*/?>", "\n", html_text)))
