"""The Bloc dashboard: what share of each mineral's supply, at each stage, a bloc holds against China,
and (second tab) how much of each member's imports or supply comes from China.

A bloc (a preset such as the G7, MSP or Pax Silica signatories, or a custom set of countries) is
taken as of a date; the matrix is computed once per change of bloc, year or date by the analysis
workbench and cached. Choosing a cell shows the series behind it, the arithmetic, every named
country used and the sources; the cell can be added to a memo as a data block.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.analysis.concentration import Concentration
from desktop.analysis.stages import STAGE_LABELS, STAGES
from desktop.analysis.workbench import AnalysisError, AnalysisWorkbench, MatrixCell, MatrixRow
from desktop.blocks.syntax import Block
from desktop.domain.text import file_stem
from desktop.export.files import write_atomically
from desktop.export.tables import to_csv
from desktop.ui.bloc_builder import BlocBuilderDialog
from desktop.ui.widgets.bloc_detail import CellDetail, label
from desktop.ui.widgets.bloc_matrix import COLOURINGS, BlocMatrixModel, legend_html, legend_notes
from desktop.ui.widgets.exposure_grid import ExposureGrid
from desktop.ui.widgets.flow_layout import flow_row

# USGS MCS 2026 gives 2024-2025; processing shares and the rare-earth series reach further back.
# A cell shows the latest data at or before the chosen year and names its own year when older.
YEARS = (("Latest", None), *((str(y), y) for y in range(2025, 2017, -1)))
CUSTOM = "\0custom"  # the combo entry that opens the builder
CSV_COLUMNS = ("mineral", "stage", "series", "year", "unit", "bloc_share", "china_share", "hhi",
               "band")
MAX_CACHED = 24


class BlocDashboard(QWidget):
    kind = "blocs"
    link_activated = Signal(str, str)
    memo_block = Signal(str)
    status = Signal(str)

    def __init__(self, workbench: AnalysisWorkbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.setAccessibleName("Bloc dashboard")
        self.mouse_buttons = None  # set by the card area
        self._cache: dict[tuple, tuple] = {}
        self._custom_names: dict[str, str] = {}
        self._previous = 0
        self.builder: BlocBuilderDialog | None = None
        self.selected: tuple[str, str] | None = None  # (mineral, stage)
        self.bloc = None
        self.rows: list[MatrixRow] = []
        self._widest = 0  # the widest cell text of the matrix shown, in pixels

        self.bloc_combo = QComboBox()
        self.bloc_combo.setAccessibleName("Bloc")
        self.bloc_combo.setMaxVisibleItems(20)
        self.bloc_combo.setSizeAdjustPolicy(  # long preset names must not widen the window
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.bloc_combo.setMinimumContentsLength(22)
        for spec, title in workbench.presets():
            self.bloc_combo.addItem(title, spec)
        self.bloc_combo.addItem("Custom bloc…", CUSTOM)
        self.build_button = QPushButton("Build custom bloc…")
        self.build_button.setAccessibleName("Build a custom bloc")
        self.year_combo = QComboBox()
        self.year_combo.setAccessibleName("Data year")
        for text, year in YEARS:
            self.year_combo.addItem(text, year)
        self.as_of = QDateEdit(QDate.currentDate(),
                               calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.as_of.setAccessibleName("Membership as of")
        self.as_of.setToolTip("Countries count as members on this date")
        self.colouring = QComboBox()
        self.colouring.setAccessibleName("Colour cells by")
        for key, title in COLOURINGS.items():
            self.colouring.addItem(title, key)
        self.export_button = QPushButton("Export CSV…")
        self.export_button.setAccessibleName("Export the matrix as CSV")
        self.bloc_combo.setMaximumWidth(440)
        # a wrapping row: beside a memo it takes two lines instead of widening the window
        bar = flow_row((QLabel("Bloc"), self.bloc_combo), self.build_button,
                       (QLabel("Year"), self.year_combo), (QLabel("Members as of"), self.as_of),
                       (QLabel("Colour by"), self.colouring), self.export_button)
        self.summary = label(name="Bloc members")
        self.notes = label(name="Bloc notes")
        self.notes.setStyleSheet("color: palette(placeholder-text);")

        self.model = BlocMatrixModel()
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Bloc matrix: minerals by stage")
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setWordWrap(True)  # "Bloc 6 % · CN 35 %" takes two lines in a narrow column
        self.view.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.horizontalHeader().setMinimumSectionSize(90)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.view.horizontalHeader().sectionResized.connect(self._fit_rows)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.legend = label(legend_html(), "Legend", rich=True)
        self.legend.setStyleSheet("font-size: small;")
        self.legend.setToolTip(legend_notes())
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.view, 1)
        left_layout.addWidget(self.legend)

        self.detail = CellDetail(workbench.ref.name_of, workbench.ref.name_of_mineral)
        self.detail.link_activated.connect(self.link_activated)
        self.detail.status.connect(self.status)
        self.detail.add_requested.connect(self.add_to_memo)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([600, 220])  # the matrix first; the detail fills on a click
        self.splitter.setChildrenCollapsible(False)

        self.exposure = ExposureGrid(workbench.markets, workbench.ref.name_of,
                                     workbench.ref.name_of_mineral)
        self.exposure.memo_block.connect(self.memo_block)
        self._exposure_stale = True
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Dashboard view")
        self.tabs.addTab(self.splitter, "Stage shares")
        self.tabs.addTab(self.exposure, "Members' exposure to China")
        self.tabs.currentChanged.connect(self._refresh_exposure)

        layout = QVBoxLayout(self)
        layout.addWidget(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.notes)
        layout.addWidget(self.tabs, 1)

        self.bloc_combo.currentIndexChanged.connect(self._bloc_chosen)
        self.build_button.clicked.connect(self.open_builder)
        self.year_combo.currentIndexChanged.connect(self.refresh)
        self.as_of.dateChanged.connect(self.refresh)
        self.export_button.clicked.connect(self.export_dialog)
        self.colouring.currentIndexChanged.connect(self._colour_by)
        self.refresh()

    # -- state --------------------------------------------------------------------------------
    def is_complete(self) -> bool:
        return True

    def spec(self) -> str:
        return self.bloc_combo.currentData() or ""

    def year(self) -> int | None:
        return self.year_combo.currentData()

    def as_of_text(self) -> str:
        return self.as_of.date().toString("yyyy-MM-dd")

    def bloc_label(self) -> str:
        return self._custom_names.get(self.spec()) or (self.bloc.name if self.bloc else "")

    def set_bloc(self, spec: str) -> None:
        index = self.bloc_combo.findData(spec)
        if index >= 0:
            self.bloc_combo.setCurrentIndex(index)

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # light ↔ dark: colours follow
            self.legend.setText(legend_html(self.model.colouring))
            self.view.viewport().update()

    def _fit_rows(self, *_args) -> None:
        """One line per row while every cell's text fits its column, two lines once not."""
        header = self.view.horizontalHeader()
        narrowest = min((header.sectionSize(c) for c in range(header.count())), default=0)
        lines = 1 if self._widest + 12 <= narrowest else 2
        height = self.fontMetrics().height() * lines + 8
        if self.view.verticalHeader().defaultSectionSize() != height:
            self.view.verticalHeader().setDefaultSectionSize(height)

    def _colour_by(self, _index: int) -> None:
        self.model.set_colouring(self.colouring.currentData())
        self.legend.setText(legend_html(self.model.colouring))

    # -- bloc choice --------------------------------------------------------------------------
    def _bloc_chosen(self, index: int) -> None:
        if self.bloc_combo.itemData(index) == CUSTOM:
            self.bloc_combo.blockSignals(True)
            self.bloc_combo.setCurrentIndex(self._previous)
            self.bloc_combo.blockSignals(False)
            self.open_builder()
            return
        self._previous = index
        self.refresh()

    def open_builder(self) -> None:
        """Non-blocking: the result arrives through ``accepted``."""
        self.builder = BlocBuilderDialog(self.workbench.ref.countries(), self)
        current = self.spec()
        if current in self._custom_names:
            self.builder.set_checked(set(current.split("+")))
            self.builder.name.setText(self._custom_names[current])
        self.builder.accepted.connect(self._custom_accepted)
        self.builder.open()

    def _custom_accepted(self) -> None:
        if self.builder is not None and self.builder.codes():
            self.add_custom(self.builder.spec(), self.builder.bloc_name())

    def add_custom(self, spec: str, name: str) -> None:
        self._custom_names[spec] = name
        index = self.bloc_combo.findData(spec)
        if index < 0:
            index = self.bloc_combo.count() - 1  # before "Custom bloc…"
            self.bloc_combo.insertItem(index, f"{name} (custom)", spec)
        else:
            self.bloc_combo.setItemText(index, f"{name} (custom)")
        if self.bloc_combo.currentIndex() == index:
            self.refresh()
        else:
            self.bloc_combo.setCurrentIndex(index)

    # -- matrix -------------------------------------------------------------------------------
    def _matrix(self, spec: str, year: int | None, as_of: str) -> tuple:
        key = (spec, year, as_of)
        if key not in self._cache:
            if len(self._cache) >= MAX_CACHED:
                self._cache.pop(next(iter(self._cache)))
            self._cache[key] = self.workbench.matrix(spec, year=year, as_of=as_of)
        return self._cache[key]

    def refresh(self, *_args) -> None:
        try:
            self.bloc, self.rows = self._matrix(self.spec(), self.year(), self.as_of_text())
        except AnalysisError as exc:
            self.bloc, self.rows = None, []
            self.summary.setText(f"This bloc cannot be shown: {exc}.")
            self.notes.setText("")
            self.model.set_rows([], self.year())
            self._show_detail(None)
            self.status.emit(str(exc))
            return
        bloc = self.bloc
        names = sorted(self.workbench.ref.name_of(c) for c in bloc.members)
        shown = ", ".join(names[:40]) + (f" and {len(names) - 40} more" if len(names) > 40 else "")
        self.summary.setText(f"{self.bloc_label()}: {len(names)} member countries on "
                             f"{bloc.as_of}" + (f": {shown}" if names else ""))
        self.notes.setText(" · ".join(bloc.notes))
        self.notes.setVisible(bool(bloc.notes))
        self.model.set_rows(self.rows, self.year())
        metrics = self.view.fontMetrics()
        self._widest = max((metrics.horizontalAdvance(self.model.text(r, c))
                            for r in range(len(self.rows)) for c in range(len(STAGES))), default=0)
        self.view.resizeColumnsToContents()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self._fit_rows()
        self._reselect()
        self._exposure_stale = True
        self._refresh_exposure()

    def _refresh_exposure(self, *_args) -> None:
        """The exposure grid follows the bloc and date, computed when it is on view."""
        if self.bloc is None or not self._exposure_stale or \
                self.tabs.currentWidget() is not self.exposure:
            return
        eu = self.workbench.bloc("eu27", self.as_of_text()).members
        self.exposure.show_bloc(self.bloc.members, eu)
        self._exposure_stale = False

    def _reselect(self) -> None:
        """Keep the chosen mineral and stage across a change of bloc, year or date."""
        if self.selected is not None:
            mineral, stage = self.selected
            for row, matrix_row in enumerate(self.rows):
                if matrix_row.mineral == mineral:
                    self.select(mineral, stage)
                    self._show_detail(self.model.cell(row, STAGES.index(stage)))
                    return
        self._show_detail(None)

    def select(self, mineral: str, stage: str) -> bool:
        """Make a cell current (as a click would); False when the matrix has no such row."""
        row = next((r for r, m in enumerate(self.rows) if m.mineral == mineral), None)
        if row is None or stage not in STAGES:
            return False
        index = self.model.index(row, STAGES.index(stage))
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        cell = self.model.cell(current.row(), current.column()) if current.isValid() else None
        if current.isValid():
            self.selected = (self.rows[current.row()].mineral, STAGES[current.column()])
        self._show_detail(cell)

    def current_cell(self) -> MatrixCell | None:
        index = self.view.currentIndex()
        return self.model.cell(index.row(), index.column()) if index.isValid() else None

    # -- detail -------------------------------------------------------------------------------
    def _show_detail(self, cell: MatrixCell | None) -> None:
        if cell is not None:
            self.detail.show_cell(cell, self.bloc_label())
            return
        index = self.view.currentIndex()
        if index.isValid() and 0 <= index.row() < len(self.rows):
            self.detail.clear(f"{self.rows[index.row()].name} — "
                              f"{STAGE_LABELS[STAGES[index.column()]]}: no series with country "
                              "shares for this stage.")
        else:
            self.detail.clear()

    def memo_markup(self) -> str | None:
        cell = self.current_cell()
        if cell is None:
            return None
        series = cell.series  # stage and product pin the very series the cell shows
        params = {"group": self.spec(), "mineral": series.mineral, "stage": series.stage,
                  "metric": series.metric}
        if self.spec() in self._custom_names:
            params["name"] = self._custom_names[self.spec()]
        if series.product:
            params["product"] = series.product
        params |= {"year": str(series.year), "as-of": self.as_of_text()}
        return Block("bloc", params).to_markup()

    def add_to_memo(self) -> None:
        markup = self.memo_markup()
        if markup is not None:
            self.memo_block.emit(markup)

    # -- export -------------------------------------------------------------------------------
    def csv_text(self) -> str:
        rows = []
        for matrix_row in self.rows:
            for stage in STAGES:
                cell = matrix_row.cells.get(stage)
                if cell is None:
                    continue
                series, coverage = cell.series, cell.coverage
                rows.append([matrix_row.mineral, stage, series.describe(), series.year,
                             series.unit, f"{coverage.bloc_share:.6f}",
                             f"{coverage.rival_share:.6f}" if coverage.rival_listed else "",
                             f"{cell.hhi:.1f}", Concentration(series).band.label])
        return to_csv(list(CSV_COLUMNS), rows)

    def export_to(self, path: Path) -> None:
        """Raises OSError (``MemoFileError``) with a one-line reason."""
        write_atomically(Path(path), self.csv_text().encode("utf-8"))

    def export_dialog(self) -> None:
        slug = file_stem(self.bloc_label(), limit=40, fallback="bloc")
        path, _ = QFileDialog.getSaveFileName(
            self, "Export the bloc matrix", f"{slug}-{self.year() or 'latest'}.csv",
            "CSV files (*.csv)")
        if not path:
            return
        try:
            self.export_to(Path(path))
        except OSError as exc:
            QMessageBox.warning(self, "Export failed", f"Could not export the matrix: {exc}. Nothing "
                                "was lost; choose another folder or file name.")
            return
        self.status.emit(f"Exported the {self.bloc_label()} matrix to {path}")
