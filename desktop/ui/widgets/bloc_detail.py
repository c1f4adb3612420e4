"""The detail of one bloc-matrix cell: the series, the arithmetic, the rows used and the sources.

Every named country of the series is listed with its value, share and whether it belongs to the
bloc, then the unattributed remainder ("Other countries", never credited to a bloc) and the
denominator, so a reader can redo the sums by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.analysis.blocs import RIVAL
from desktop.analysis.concentration import Concentration
from desktop.analysis.shares import unmeasured_text
from desktop.analysis.stages import STAGE_LABELS
from desktop.analysis.stress import stress_allies_only, stress_remove
from desktop.analysis.workbench import MatrixCell
from desktop.domain.models import Source
from desktop.domain.numbers import percent, whole
from desktop.domain.vocabulary import HhiBand
from desktop.ui.widgets.data_table import Column, DataTable

PROMPT = "Choose a cell to see the figures and the arithmetic behind it."
COLUMNS = [Column("name", "Country", link_kind="country", link_key="iso3"),
           Column("value", "Value", numeric=True, sort_key="value_num"),
           Column("share", "Share", numeric=True, sort_key="share_num"),
           Column("member", "In bloc")]
MAX_BLOC_SOURCES = 6


def label(text: str = "", name: str = "", rich: bool = False) -> QLabel:
    """A wrapping label; plain text unless ``rich`` (user text never reaches a rich label)."""
    widget = QLabel(text)
    widget.setWordWrap(True)
    widget.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction if rich else
                                   Qt.TextInteractionFlag.TextSelectableByMouse)
    widget.setOpenExternalLinks(rich)
    if name:
        widget.setAccessibleName(name)
    return widget


def source_line(source: Source, prefix: str) -> str:
    """Publisher, title, edition and a link whose shown text is cut short (some URLs run to
    300 characters); the link itself is whole."""
    url = source.url or (f"https://doi.org/{source.doi}" if source.doi else "")
    shown = url if len(url) <= 70 else url[:67] + "…"
    edition = f", {escape(source.edition)}" if source.edition else ""
    anchor = f' — <a href="{escape(url)}">{escape(shown)}</a>' if url else ""
    kind = f" <span style='color:gray'>({escape(source.tier_label)})</span>" \
        if source.tier_label else ""
    return (f"{prefix}: {escape(source.publisher)}, <i>{escape(source.title)}</i>{edition}"
            f"{anchor}{kind}")


def detail_rows(cell: MatrixCell) -> list[dict]:
    """Every named country, those listed without a number (W), the remainder, the denominator."""
    shares, members = cell.series.shares, cell.coverage.bloc.members
    rows = [{"iso3": s.country, "name": s.name,
             "value": (s.figure.value_text or f"{s.value:,.6g}")
             + ("e" if s.figure.estimated else ""), "value_num": s.value,
             "share": percent(s.share), "share_num": s.share,
             "member": "yes" if s.country in members else "no"} for s in shares.shares]
    rows += [{"iso3": f.country, "name": f.country_name or f.country, "value": f.value_text,
              "share": "unknown", "share_num": -1.0,
              "member": "yes" if f.country in members else "no"} for f in shares.unquantified]
    rows.append({"name": "Other countries, unlisted", "value": "",
                 "share": percent(shares.residual_share),
                 "share_num": shares.residual_share, "member": "never"})
    kind = shares.denominator_kind.short_label  # the formula above says the rest
    rows.append({"name": f"Denominator ({kind})",
                 "value": whole(shares.denominator), "value_num": shares.denominator,
                 "share": "100.0 %", "share_num": 1.0, "member": ""})
    return rows


def stress_summary(cell: MatrixCell, bloc_label: str) -> str:
    """The two stress tests a reader asks of a cell: China offline, and the bloc on its own."""
    shares, bloc = cell.series.shares, cell.coverage.bloc
    lines = []
    if cell.coverage.rival_listed and not cell.coverage.rival_in_bloc:
        without = stress_remove(shares, {RIVAL})
        lines.append(f"If China stopped supplying: {percent(without.offline_share)} of world "
                     f"supply offline; HHI {whole(without.hhi_before)} → "
                     + ("undetermined (the rest is unnamed)"
                        if without.band_after is HhiBand.UNDETERMINED
                        else f"{without.hhi_after_text()} ({without.band_after.label})") + ".")
    if not cell.coverage.bloc_listed:
        lines.append(f"{bloc_label} on its own: unknown — this series names none of its members "
                     f"({cell.coverage.bloc_text()}).")
        return "\n".join(lines)
    alone = stress_allies_only(shares, bloc.members)
    lines.append(f"{bloc_label} on its own: {percent(alone.remaining_share)} of today's world "
                 f"supply" + (f", led by {alone.shares_after[0].name}" if alone.shares_after
                              else "") + ".")
    return "\n".join(lines)


class CellDetail(QWidget):
    """Shows one cell: the words on the left (scrolling), the rows used on the right.
    ``add_requested`` when the user asks to add the cell to the memo."""

    add_requested = Signal()
    link_activated = Signal(str, str)
    status = Signal(str)

    def __init__(self, name_of: Callable[[str], str], mineral_name: Callable[[str], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._name_of, self._mineral_name = name_of, mineral_name
        self.setAccessibleName("Cell detail")
        self.title = label(PROMPT, "Cell title")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.headline = label(name="Cell shares")
        self.add_button = QPushButton("Add to memo")
        self.add_button.setAccessibleName("Add the chosen cell to the memo")
        self.add_button.setEnabled(False)
        self.add_button.clicked.connect(self.add_requested)
        self.stress = label(name="Stress tests")
        self.formula = label(name="Formula")
        self.absent = label(name="Members without figures")
        self.sources = label(name="Sources", rich=True)
        self.table: DataTable | None = None
        words = QWidget()
        column = QVBoxLayout(words)
        column.setContentsMargins(0, 0, 6, 0)
        for widget in (self.headline, self.stress, self.formula, self.absent, self.sources):
            column.addWidget(widget)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(words)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignTop)
        self._body = QHBoxLayout()
        self._body.addWidget(scroll, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(head)
        layout.addLayout(self._body, 1)

    def clear(self, message: str = PROMPT) -> None:
        self._drop_table()
        self.add_button.setEnabled(False)
        self.title.setText(message)
        for widget in (self.headline, self.stress, self.formula, self.absent, self.sources):
            widget.setText("")

    def _drop_table(self) -> None:
        if self.table is not None:
            self._body.removeWidget(self.table)
            self.table.deleteLater()
            self.table = None

    def show_cell(self, cell: MatrixCell, bloc_label: str) -> None:
        self._drop_table()
        self.add_button.setEnabled(True)
        series, coverage = cell.series, cell.coverage
        estimated = " · some figures estimated" if series.estimated else ""
        self.title.setText(f"{self._mineral_name(series.mineral)} — "
                           f"{STAGE_LABELS[series.stage]}: {series.describe()} "
                           f"(data year {series.year}; unit: {series.unit}{estimated})")
        self.headline.setText(f"{bloc_label}: {coverage.bloc_text()} · "
                              f"China: {coverage.rival_text()}")
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.stress.setText(stress_summary(cell, bloc_label))
        self.formula.setText(f"{coverage.formula()}\n\n{Concentration(series).formula()}")
        absent = [self._name_of(c) for c in coverage.absent]
        lines = [f"Members with no figure in this series: {', '.join(absent)}."] if absent else []
        if coverage.unmeasured:
            lines.append("Listed without a number (W = withheld by USGS to avoid disclosing "
                         "company data; not in the world total): "
                         + unmeasured_text(coverage.unmeasured) + ".")
        self.absent.setText(" ".join(lines))
        self.absent.setVisible(bool(lines))
        self.table = DataTable("Rows used", COLUMNS, detail_rows(cell), scrolling=True)
        self.table.link_activated.connect(self.link_activated)
        self.table.status.connect(self.status)
        self._body.addWidget(self.table, 2)
        lines = [source_line(s, "Figures") for s in series.sources]
        bloc_sources = list(coverage.bloc.sources)
        lines += [source_line(s, "Membership") for s in bloc_sources[:MAX_BLOC_SOURCES]]
        if len(bloc_sources) > MAX_BLOC_SOURCES:
            lines.append(f"… and {len(bloc_sources) - MAX_BLOC_SOURCES} more membership sources")
        self.sources.setText("<br>".join(lines))
