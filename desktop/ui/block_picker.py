"""The block picker (Ctrl+Shift+B): choose a kind of data block and its subject, see it resolved,
insert it at the cursor.

Kinds are offered by name ("Production table"); the id written into the memo ("production-table")
stays the combo box's data. The preview keeps table rows on one line each and scrolls sideways
rather than wrapping cells into an unreadable column.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.analysis.stages import STAGE_LABELS, STAGES
from desktop.analysis.workbench import AnalysisWorkbench
from desktop.domain.resolved import ResolvedBlock
from desktop.memos.blocks import Block
from desktop.memos.resolve import METRIC_TITLES, SHARE_METRICS, BlockResolver

#: kind -> the fields it uses
KIND_FIELDS = {
    "production-table": ("mineral", "metric", "year", "top"),
    "share-chart": ("mineral", "metric", "year", "top"),
    "time-series": ("mineral", "metric", "countries"),
    "figure": ("mineral", "country", "metric", "year"),
    "memberships": ("country",),
    "members": ("initiative",),
    "timeline": ("country", "mineral", "top"),
    "concentration": ("mineral", "stage", "year", "top"),
    "bloc": ("group", "mineral", "stage", "year"),
    "stress": ("remove", "mineral", "stage", "year"),
    "reserves-gap": ("mineral", "year", "top"),
    "us-imports": ("mineral",),
}
#: kind -> how the picker names it
KIND_LABELS = {
    "production-table": "Production table",
    "share-chart": "Share chart",
    "time-series": "Time series",
    "figure": "Single figure",
    "memberships": "Memberships of a country",
    "members": "Members of an initiative",
    "timeline": "Timeline of events",
    "concentration": "Supply concentration",
    "bloc": "Bloc share",
    "stress": "Supply stress test",
    "reserves-gap": "Reserves against production",
    "us-imports": "US import sources and reliance",
}
DEFAULT_SIZE = (720, 640)
_NOWRAP = "style='white-space:nowrap'"  # a table row stays one line; the view scrolls instead


class BlockPicker(QDialog):
    def __init__(self, resolver: BlockResolver, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Insert a data block")
        self.setAccessibleName("Block picker")
        self.resize(*DEFAULT_SIZE)
        self.resolver = resolver
        repo = resolver.repo
        self.kind = self._combo([(k, KIND_LABELS.get(k, k)) for k in KIND_FIELDS], "Kind")
        self.mineral = self._combo([(i, n) for i, n, _f in repo.minerals()], "Mineral")
        self.country = self._combo([("", "World / any")] + [(i, n) for i, n in repo.countries()],
                                   "Country")
        self.measure = self._combo([(m, METRIC_TITLES[m]) for m in
                                   (*SHARE_METRICS, "net_import_reliance",
                                    "import_source_share")], "Measure")
        self.initiative = self._combo([(i.id, i.name) for i in repo.initiatives()], "Initiative")
        self.stage = self._combo([("", "default (mining, else refining)")]
                                 + [(s, STAGE_LABELS[s]) for s in STAGES], "Stage")
        presets = [spec for spec, _label in AnalysisWorkbench(repo).presets()]
        self.group = self._editable(presets, "Bloc",
                                    "A group or initiative id, ISO3 codes, joined by +")
        self.remove = self._editable(["CHN", *presets], "Remove",
                                     "A supplier or bloc taken offline, e.g. CHN or g7")
        self.year = QSpinBox(minimum=0, maximum=QDate.currentDate().year(), specialValueText="latest")
        self.year.setAccessibleName("Year")
        self.top = QSpinBox(minimum=1, maximum=50, value=10)
        self.top.setAccessibleName("Top N")
        self.mineral.setCurrentIndex(max(self.mineral.findData("rare-earths"), 0))
        self.preview = QTextBrowser()
        self.preview.setAccessibleName("Block preview")
        self.preview.setMinimumHeight(220)
        self.form = QFormLayout()
        self.rows = {"kind": self.kind, "mineral": self.mineral, "country": self.country,
                     "metric": self.measure, "initiative": self.initiative, "year": self.year,
                     "top": self.top, "stage": self.stage, "group": self.group,
                     "remove": self.remove}
        for label, widget in (("Kind", self.kind), ("Bloc", self.group),
                              ("Remove", self.remove), ("Mineral", self.mineral),
                              ("Country", self.country), ("Measure", self.measure),
                              ("Stage", self.stage), ("Initiative", self.initiative),
                              ("Year", self.year), ("Top N", self.top)):
            self.form.addRow(label, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.insert = buttons.addButton("Insert", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)
        for widget in self.rows.values():
            if isinstance(widget, QComboBox):
                signal = widget.editTextChanged if widget.isEditable() \
                    else widget.currentIndexChanged
            else:
                signal = widget.valueChanged
            signal.connect(self.update_preview)
        self.update_preview()

    @staticmethod
    def _combo(items: list[tuple[str, str]], name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        for value, label in items:
            combo.addItem(label, value)
        return combo

    @staticmethod
    def _editable(items: list[str], name: str, tip: str) -> QComboBox:
        """A bloc expression: pick a preset or type one."""
        combo = QComboBox()
        combo.setEditable(True)
        combo.setAccessibleName(name)
        combo.setToolTip(tip)
        combo.addItems(items)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        return combo

    def block(self) -> Block:
        kind = self.kind.currentData()
        fields = KIND_FIELDS[kind]
        params: dict[str, str] = {}
        if "group" in fields:
            params["group"] = self.group.currentText().strip()
        if "remove" in fields:
            params["remove"] = self.remove.currentText().strip()
        if "mineral" in fields:
            params["mineral"] = self.mineral.currentData()
        if "country" in fields and self.country.currentData():
            params["country"] = self.country.currentData()
        if "metric" in fields:
            params["metric"] = self.measure.currentData()
        if "stage" in fields and self.stage.currentData():
            params["stage"] = self.stage.currentData()
        if "year" in fields and self.year.value():
            params["year"] = str(self.year.value())
        if "top" in fields:
            params["limit" if kind == "timeline" else "top"] = str(self.top.value())
        if "initiative" in fields:
            params["initiative"] = self.initiative.currentData()
        return Block(kind, params)

    def resolved(self) -> ResolvedBlock:
        markup = self.block().to_markup()
        return self.resolver(markup.split("\n", 1)[1].rsplit("```", 1)[0])

    def update_preview(self, *_args) -> None:
        fields = KIND_FIELDS[self.kind.currentData()]
        for key, widget in self.rows.items():
            if key != "kind":
                self.form.setRowVisible(widget, key in fields)
        block = self.resolved()
        self.insert.setEnabled(block.ok)
        self.preview.setHtml(preview_html(block))


def preview_html(block: ResolvedBlock, chart: str = "") -> str:
    """How the block will read: its title, a few rows or points, its sources; or why not.

    ``chart`` is the chart drawn as HTML (the memo preview draws it); without it the chart's
    values are listed as text.
    """
    if block.error:
        return f"<p style='color:#b3261e'><b>Cannot insert:</b> {escape(block.error)}</p>"
    parts = [f"<p><b>{escape(block.title or block.text)}</b></p>"]
    if block.columns:
        head = "".join(f"<th align=left {_NOWRAP}>{escape(c)}</th>" for c in block.columns)
        body = "".join("<tr>" + "".join(f"<td {_NOWRAP}>{escape(c)}</td>" for c in row) + "</tr>"
                       for row in block.rows[:12])
        parts.append(f"<table cellpadding=3><tr>{head}</tr>{body}</table>")
    if chart:
        parts.append(chart)
    elif block.chart is not None and block.chart.categories:
        parts.append("<p>" + escape("; ".join(f"{c} {v:g} %" for c, v in
                                              zip(block.chart.categories, block.chart.values,
                                                  strict=False))) + "</p>")
    elif block.chart is not None:
        for name, points in block.chart.series.items():
            parts.append(f"<p>{escape(name)}: {points[0][0]}–{points[-1][0]}, "
                         f"{len(points)} years</p>")
    if block.note:
        parts.append(f"<p style='color:gray'>{escape(block.note)}</p>")
    sources = "; ".join(f"{s.publisher}, {s.title}" for s in block.sources[:4])
    parts.append(f"<p style='color:gray'>Source: {escape(sources)}</p>")
    return "".join(parts)
