"""The bloc matrix: minerals × supply-chain stages, each cell the bloc's share against China's.

Cells are coloured by China's share of the stage (the dashboard's question: how exposed is the
bloc to China), from a pale shade at 0 % through orange at 50 % to red at 100 %, grey where the
series does not list China; or, on request, by the stage's concentration (Herfindahl–Hirschman
index): the only band the 2023 US Merger Guidelines draw is 1,800 ("highly concentrated" above
it), so below it every cell has one pale shade, above it the shade deepens to red at 10,000.
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


def _china_percent(cell: MatrixCell) -> int | None:
    """China's share of the stage in whole percent, None where the series does not list it."""
    coverage = cell.coverage
    return round(100 * coverage.rival_share) if coverage.rival_listed else None


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


#: the two ways of colouring the matrix, as the dashboard offers them
COLOURINGS = {"china": "Exposure to China (China's share)",
              "hhi": "Market concentration (HHI)"}
UNKNOWN_SHADE = {False: "#dcdcdc", True: "#4a4a4a"}  # China not listed: unknown, not zero


@lru_cache(maxsize=512)
def share_colours(percent: int | None, dark: bool) -> tuple[str, str]:
    """(background, text) for a cell where China holds ``percent`` % of the stage (None: China
    not listed): from the pale shade at 0 % through orange to red at 100 %."""
    low, start, end = SHADES[dark]
    if percent is None:
        background = UNKNOWN_SHADE[dark]
    elif percent < 50:
        background = _mix(low, start, percent / 50)
    else:
        background = _mix(start, end, (percent - 50) / 50)
    text = max(("#1b1b1b", "#ffffff"), key=lambda fg: contrast(fg, background))
    return background, text


def legend_html(colouring: str = "china") -> str:
    """One line in plain words: what the colours mean, with swatches."""
    dark = dark_palette()

    def swatch(colours: tuple[str, str], label: str) -> str:
        bg, fg = colours
        return (f'<span style="background-color:{bg}; color:{fg};">&nbsp;{label}&nbsp;'
                "</span>")

    if colouring == "hhi":
        return ("Colour: how concentrated the stage's world market is (HHI) — "
                f"{swatch(hhi_colours(1000, dark), 'not highly concentrated')} "
                f"{swatch(hhi_colours(1900, dark), 'highly concentrated')} "
                f"{swatch(hhi_colours(6000, dark), 'a few suppliers')} "
                f"{swatch(hhi_colours(10_000, dark), 'one supplier')}. "
                "Cell: the bloc's share · China's (CN).")
    return ("Colour: China's share of the stage's world figure — "
            + " ".join(swatch(share_colours(p, dark), f"{p} %") for p in (0, 25, 50, 75, 100))
            + f" {swatch(share_colours(None, dark), 'China not listed')}. "
            "Cell: the bloc's share · China's (CN).")


def legend_notes() -> str:
    """The longer reading notes, for the legend's tooltip."""
    return ("HHI above 1,800 = highly concentrated market "
            f"({HHI_BAND_CITATION}).\nBloc = the sum of the shares of members with a named "
            "figure; “Other countries” is never credited to a bloc, so a bloc share is a lower "
            "bound.\nn/l = not listed in that series (unknown, not zero); a year after the "
            "shares marks an older series; — = no series with country shares.")


class BlocMatrixModel(QAbstractTableModel):
    """Rows are minerals, columns are the stages of ``STAGES``."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[MatrixRow] = []
        self._texts: list[list[str]] = []
        self._tips: list[list[str]] = []
        self._hhi: list[list[int | None]] = []
        self._china: list[list[int | None]] = []  # China's share in whole percent; None: n/l
        self.colouring = "china"

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
        self._china = [[None if r.cells.get(s) is None else _china_percent(r.cells[s])
                        for s in STAGES] for r in self.rows]
        self.endResetModel()

    def set_colouring(self, colouring: str) -> None:
        """"china" (China's share) or "hhi" (the market's concentration)."""
        self.colouring = colouring if colouring in COLOURINGS else "china"
        if self.rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self.rows) - 1, len(STAGES) - 1),
                                  [Qt.ItemDataRole.BackgroundRole,
                                   Qt.ItemDataRole.ForegroundRole])

    def colours(self, row: int, column: int) -> tuple[str, str] | None:
        """(background, text) of a cell under the current colouring; None: no series."""
        hhi = self._hhi[row][column]
        if hhi is None:
            return None
        if self.colouring == "hhi":
            return hhi_colours(hhi, dark_palette())
        china = self._china[row][column]
        return share_colours(None if china is None else china, dark_palette())

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
        if role == Qt.ItemDataRole.DisplayRole:  # a narrow column wraps only at " · "
            return self._texts[row][column].replace(" %", "\u00a0%").replace(
                "Bloc ", "Bloc\u00a0").replace("CN ", "CN\u00a0")
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._tips[row][column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            colours = self.colours(row, column)
            if colours is not None:
                return QColor(colours[0] if role == Qt.ItemDataRole.BackgroundRole
                              else colours[1])
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return STAGE_LABELS[STAGES[section]] if 0 <= section < len(STAGES) else None
        return self.rows[section].name if 0 <= section < len(self.rows) else None
