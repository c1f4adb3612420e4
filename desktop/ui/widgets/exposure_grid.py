"""Members' exposure to China: a grid of the bloc's members (and the EU where EU states are
among them) by mineral, each cell the newest published share of the member's imports or supply
that comes from China — or "no official figure found".

Each cell names its basis with a tag (S supply, V imports by value, W imports by weight, C
consumption, ? anything else) because the figures are not one league table; the legend spells the
tags out and warns when several bases are side by side. Choosing a cell shows the figure's
product, year, basis and source, and offers it to a memo as a ``dependence`` block.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.analysis.dependence import (
    ExposureCell,
    bases_in,
    basis_legend,
    basis_tag,
    importer_name,
    mixed_bases_note,
    share_cell,
    when,
)
from desktop.blocks.syntax import Block
from desktop.domain.numbers import percent_whole

Index = QModelIndex | QPersistentModelIndex
NOT_FOUND = "—"
EU_STATES_GROUP = "eu27"


class ExposureModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.importers: list[tuple[str, str]] = []  # (code, name)
        self.minerals: list[tuple[str, str]] = []
        self.cells: dict[tuple[str, str], ExposureCell] = {}

    def set_grid(self, importers, minerals, cells) -> None:
        self.beginResetModel()
        self.importers, self.minerals, self.cells = importers, minerals, cells
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.importers)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.minerals)

    def cell(self, index: Index) -> ExposureCell | None:
        if not index.isValid():
            return None
        return self.cells.get((self.importers[index.row()][0], self.minerals[index.column()][0]))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        cell = self.cell(index)
        if cell is None:
            return None
        shown = cell.shown
        if role == Qt.ItemDataRole.DisplayRole:
            if shown is None:
                return NOT_FOUND
            year = f"·{shown.year}" if shown.year else ""
            return f"{percent_whole(shown.share)} {basis_tag(shown.basis)}{year}"
        if role == Qt.ItemDataRole.ToolTipRole:
            if shown is None:
                return "No official figure found"
            return (f"{share_cell(shown)} of {shown.product or 'imports'}, {when(shown)}; "
                    f"{shown.basis_label}. Source: {shown.source.publisher}, "
                    f"{shown.source.title}")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole and shown is None:
            return self.parent_palette_grey()
        return None

    @staticmethod
    def parent_palette_grey():
        from PySide6.QtGui import QGuiApplication

        return QGuiApplication.palette().placeholderText()

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.minerals[section][1] if section < len(self.minerals) else None
        return self.importers[section][1] if section < len(self.importers) else None


class ExposureGrid(QWidget):
    """The dashboard's second view; ``show_bloc`` fills it for a bloc's member countries."""

    memo_block = Signal(str)
    link_activated = Signal(str, str)

    def __init__(self, desk, name_of, name_of_mineral, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.name_of, self.name_of_mineral = desk, name_of, name_of_mineral
        self.supplier = "CHN"
        self.model = ExposureModel()
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Members' exposure to China: members by mineral")
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.view.selectionModel().currentChanged.connect(self._chosen)
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet("font-size: small;")
        self.detail = QLabel("Choose a cell to see the figure and its source.")
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setOpenExternalLinks(True)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.detail.setAccessibleName("Exposure cell detail")
        self.add_button = QPushButton("Add to memo")
        self.add_button.setEnabled(False)
        self.add_button.clicked.connect(self.add_to_memo)
        row = QHBoxLayout()
        row.addWidget(self.detail, 1)
        row.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.legend)
        layout.addLayout(row)

    def importers_of(self, members: frozenset[str], eu_states: frozenset[str]) -> list[str]:
        """The bloc's member countries, and the EU when EU states are among them (the EU's
        own figures then speak for part of the bloc)."""
        codes = sorted(members, key=self.name_of)
        return codes + (["EU"] if members & eu_states else [])

    def show_bloc(self, members: frozenset[str], eu_states: frozenset[str]) -> None:
        importers = self.importers_of(members, eu_states)
        with_figures = {d.mineral for d in self.desk.all_dependence()
                        if d.importer in importers and d.supplier == self.supplier}
        minerals = sorted(with_figures, key=self.name_of_mineral)
        cells = self.desk.exposure(importers, minerals, self.supplier)
        self.model.set_grid([(i, importer_name(i, self.name_of)) for i in importers],
                            [(m, self.name_of_mineral(m)) for m in minerals], cells)
        empty_rows = [importer_name(i, self.name_of) for i in importers
                      if not any(cells[(i, m)].found for m in minerals)]
        notes = [f"Share of each member's imports or supply that comes from China; "
                 f"{NOT_FOUND} = no official figure found. {basis_legend(bases_in(cells.values()))}."]
        mixed = mixed_bases_note(cells.values())
        if mixed:
            notes.append(mixed)
        if empty_rows:
            notes.append("No official figure found at all for: " + ", ".join(empty_rows) + ".")
        self.legend.setText(" ".join(escape(n, quote=False) for n in notes))
        self.detail.setText("Choose a cell to see the figure and its source.")
        self.add_button.setEnabled(False)

    def _chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        cell = self.model.cell(current)
        self.add_button.setEnabled(cell is not None)
        if cell is None:
            return
        who = importer_name(cell.importer, self.name_of)
        what = self.name_of_mineral(cell.mineral)
        if cell.shown is None:
            self.detail.setText(f"<b>{escape(who)} · {escape(what)}</b>: no official figure "
                                "found for a share from China.")
            return
        d = cell.shown
        others = f" {cell.others} other figure(s) in the data." if cell.others else ""
        link = f' — <a href="{escape(d.source.url)}">{escape(d.source.url)}</a>' \
            if d.source.url else ""
        self.detail.setText(
            f"<b>{escape(who)} · {escape(what)}</b>: {escape(share_cell(d))} of "
            f"{escape(d.product or what)} from China, {escape(when(d))} — "
            f"{escape(d.basis_label)}.{escape(others)}<br><small>Source: "
            f"{escape(d.source.publisher)}, <i>{escape(d.source.title)}</i>{link}</small>")

    def add_to_memo(self) -> None:
        cell = self.model.cell(self.view.currentIndex())
        if cell is None:
            return
        block = Block("dependence", {"importer": cell.importer, "mineral": cell.mineral,
                                     "supplier": self.supplier})
        self.memo_block.emit(block.to_markup())
