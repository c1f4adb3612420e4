"""The bloc matrix: minerals × supply-chain stages, each cell the bloc's share against China's.

Cells are coloured by the stage's concentration (Herfindahl–Hirschman index). The only band the
2023 US Merger Guidelines draw is 1,800 ("highly concentrated" above it), so below it every cell
has one pale shade; above it the shade deepens from orange to red as the HHI rises to 10,000.
Text colour is chosen for contrast against each background, so both light and dark themes read.
Texts, tooltips and colours are computed once per matrix, not on every paint.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QGuiApplication

from desktop.analysis.concentration import HHI_BAND_CITATION, HIGH_HHI, band
from desktop.analysis.stages import STAGE_LABELS, STAGES
from desktop.analysis.workbench import MatrixCell, MatrixRow
from desktop.domain.numbers import percent_whole, whole

Index = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()
EMPTY = "—"
# (below the threshold, just above it, at 10,000) for each theme
SHADES = {False: ("#e4eee8", "#f6c39a", "#a4161a"), True: ("#2a3a33", "#7a4a22", "#b3261e")}


def cell_text(cell: MatrixCell, year: int | None) -> str:
    """E.g. "Bloc 13 % · CN 69 %", "… · CN n/l" (China not listed: unknown), "… · 2019" (older
    data)."""
    coverage = cell.coverage
    china = percent_whole(coverage.rival_share) if coverage.rival_listed else "n/l"
    bloc = percent_whole(coverage.bloc_share) if coverage.bloc_listed else "n/l"
    text = (f"Bloc {bloc} (incl. CN {china})" if coverage.rival_in_bloc
            else f"Bloc {bloc} · CN {china}")
    if year is not None and cell.series.year != year:
        text += f" · {cell.series.year}"
    return text


def cell_tooltip(name: str, cell: MatrixCell) -> str:
    series, coverage = cell.series, cell.coverage
    lines = [f"{name} — {STAGE_LABELS.get(series.stage, series.stage)}",
             f"Series: {series.describe()} ({series.unit})",
             f"Bloc share: {coverage.bloc_text()} "
             f"({len(coverage.members)} members with a figure; n/l = none named: unknown, "
             "not zero)",
             f"China: {coverage.rival_text()}"
             + (" — a member of this bloc" if coverage.rival_in_bloc else ""),
             f"HHI {whole(cell.hhi)}: {band(cell.hhi, series.shares.hhi_upper).label}",
             "Click for the figures and the arithmetic."]
    return "\n".join(lines)


def _mix(a: str, b: str, t: float) -> str:
    ca, cb = QColor(a), QColor(b)
    channels = (round(x + (y - x) * t) for x, y in zip(ca.getRgb()[:3], cb.getRgb()[:3],
                                                       strict=True))
    return "#{:02x}{:02x}{:02x}".format(*channels)


def _luminance(colour: str) -> float:
    def linear(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = QColor(colour).getRgb()[:3]
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours (1–21)."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@lru_cache(maxsize=512)
def hhi_colours(hhi: int, dark: bool) -> tuple[str, str]:
    """(background, text) for a cell of this HHI; the text is whichever of near-black and
    white contrasts more with the background."""
    low, start, end = SHADES[dark]
    if hhi <= HIGH_HHI:
        background = low
    else:
        background = _mix(start, end, min(1.0, (hhi - HIGH_HHI) / (10_000 - HIGH_HHI)))
    text = max(("#1b1b1b", "#ffffff"), key=lambda fg: contrast(fg, background))
    return background, text


def dark_palette() -> bool:
    return QGuiApplication.palette().base().color().lightness() < 128


def legend_html() -> str:
    dark = dark_palette()

    def swatch(hhi: int, label: str) -> str:
        bg, fg = hhi_colours(hhi, dark)
        return (f'<span style="background-color:{bg}; color:{fg};">&nbsp;{label}&nbsp;'
                "</span>")

    return (f"Colour = the stage's concentration (HHI): {swatch(1000, '≤ 1,800')} "
            f"{swatch(1900, 'just above 1,800')} {swatch(6000, '6,000')} "
            f"{swatch(10_000, '10,000 = one supplier')}; above 1,800 a market is highly "
            f"concentrated ({HHI_BAND_CITATION}). Bloc = sum of the shares of members with a "
            "named figure; “Other countries” is never credited to a bloc, so a bloc share is a "
            "lower bound. CN = China; n/l = not listed in that series (unknown, not zero); "
            "a year after the shares marks an older series; — = no series with country shares.")


class BlocMatrixModel(QAbstractTableModel):
    """Rows are minerals, columns are the stages of ``STAGES``."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[MatrixRow] = []
        self._texts: list[list[str]] = []
        self._tips: list[list[str]] = []
        self._hhi: list[list[int | None]] = []

    def set_rows(self, rows: list[MatrixRow], year: int | None) -> None:
        """``year``: the year asked for; None (latest) marks cells older than the newest."""
        self.beginResetModel()
        self.rows = list(rows)
        newest = max((c.series.year for r in rows for c in r.cells.values() if c), default=None)
        marked = year if year is not None else newest
        self._texts = [[EMPTY if r.cells.get(s) is None else cell_text(r.cells[s], marked)
                        for s in STAGES] for r in self.rows]
        self._tips = [[f"{r.name} — {STAGE_LABELS[s]}: no series with country shares"
                       if r.cells.get(s) is None else cell_tooltip(r.name, r.cells[s])
                       for s in STAGES] for r in self.rows]
        self._hhi = [[None if r.cells.get(s) is None else round(r.cells[s].hhi) for s in STAGES]
                     for r in self.rows]
        self.endResetModel()

    def cell(self, row: int, column: int) -> MatrixCell | None:
        if 0 <= row < len(self.rows) and 0 <= column < len(STAGES):
            return self.rows[row].cells.get(STAGES[column])
        return None

    def text(self, row: int, column: int) -> str:
        return self._texts[row][column]

    def rowCount(self, parent: Index = NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(STAGES)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[row][column]
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._tips[row][column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        hhi = self._hhi[row][column]
        if hhi is not None and role in (Qt.ItemDataRole.BackgroundRole,
                                        Qt.ItemDataRole.ForegroundRole):
            background, text = hhi_colours(hhi, dark_palette())
            return QColor(background if role == Qt.ItemDataRole.BackgroundRole else text)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return STAGE_LABELS[STAGES[section]] if 0 <= section < len(STAGES) else None
        return self.rows[section].name if 0 <= section < len(self.rows) else None
