"""The block picker (Ctrl+Shift+B): choose a kind of data block and its subject, see it resolved,
insert it at the cursor.

Kinds, their keys and their labels come from the registry of block kinds; a kind is offered by
name ("Production table") and its id ("production-table") stays the combo box's data. The
preview keeps table rows on one line each and scrolls sideways rather than wrapping cells into
an unreadable column.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.analysis.stages import STAGE_LABELS
from desktop.blocks.registry import KINDS, BlockKind, Key
from desktop.blocks.resolve import BlockResolver
from desktop.blocks.syntax import Block
from desktop.domain.metrics import label_of
from desktop.domain.resolved import ResolvedBlock

DEFAULT_SIZE = (720, 640)
_NOWRAP = "style='white-space:nowrap'"  # a table row stays one line; the view scrolls instead


class BlockPicker(QDialog):
    """The form is built from ``desktop.blocks.registry``: one field per key the picker shows,
    the rows of the chosen kind visible, each value written as the resolver reads it."""

    def __init__(self, resolver: BlockResolver, presets: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Insert a data block")
        self.setAccessibleName("Block picker")
        self.resize(*DEFAULT_SIZE)
        self.resolver = resolver
        self.presets = presets
        self.kind = self._combo([(k.id, k.label) for k in KINDS.values()], "Kind")
        self.fields: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        self.form = QFormLayout()
        self.form.addRow("Kind", self.kind)
        for kind in KINDS.values():
            for key in kind.form_keys:
                if key.name not in self.fields:
                    self.fields[key.name] = self._field(key)
                    self.labels[key.name] = QLabel(key.form_label, self)
                    self.labels[key.name].setBuddy(self.fields[key.name])
        self.preview = QTextBrowser()
        self.preview.setAccessibleName("Block preview")
        self.preview.setMinimumHeight(220)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.insert = buttons.addButton("Insert", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        for widget in self.fields.values():
            _changed(widget).connect(self.update_preview)
        self._kind_changed()

    # -- fields -------------------------------------------------------------------------------
    def _field(self, key: Key) -> QWidget:
        repo = self.resolver.repo
        kind = key.type
        if kind == "mineral":
            widget = self._combo([(i, n) for i, n, _f in repo.minerals()], key.form_label)
            widget.setCurrentIndex(max(widget.findData("rare-earths"), 0))
        elif kind in ("country", "place"):
            widget = self._combo([("", "World / any")] + list(repo.countries()), key.form_label)
        elif kind == "initiative":
            widget = self._combo([(i.id, i.name) for i in repo.initiatives()], key.form_label)
        elif kind == "group":
            widget = self._combo(list(repo.groups()), key.form_label)
        elif kind == "stage":
            widget = self._combo([("", "default (mining, else refining)")]
                                 + [(s, STAGE_LABELS[s]) for s in key.choices], key.form_label)
        elif kind == "metric":
            widget = self._combo([(m, label_of(m)) for m in key.choices], key.form_label)
        elif kind == "bloc":
            widget = QComboBox()
            widget.setEditable(True)
            widget.setAccessibleName(key.form_label)
            widget.setToolTip(key.help or "A group or initiative id, countries, joined by +")
            widget.addItems((["CHN"] if key.name == "remove" else []) + self.presets)
            widget.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        elif kind in ("year", "int"):
            latest = kind == "year"
            widget = QSpinBox(minimum=0 if latest else key.low or 0,
                              maximum=QDate.currentDate().year() if latest else key.high or 9999)
            if latest:
                widget.setSpecialValueText("latest")
            widget.setAccessibleName(key.form_label)
        elif kind == "yesno":
            widget = QCheckBox()
            widget.setAccessibleName(key.form_label)
        else:
            widget = QLineEdit(str(key.default or ""))
            widget.setAccessibleName(key.form_label)
        widget.setToolTip(key.help or widget.toolTip())
        return widget

    @staticmethod
    def _combo(items: list[tuple[str, str]], name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        for value, label in items:
            combo.addItem(label, value)
        return combo

    def current_kind(self) -> BlockKind:
        return KINDS[self.kind.currentData()]

    def _kind_changed(self, *_args) -> None:
        """Show the chosen kind's rows; its own defaults and choices where they differ."""
        kind = self.current_kind()
        shown = {key.name: key for key in kind.form_keys}
        self._arrange(kind)
        for name, widget in self.fields.items():
            key = shown.get(name)
            if key is None:
                continue
            widget.blockSignals(True)
            if key.type == "int" and isinstance(widget, QSpinBox):
                widget.setRange(key.low or 0, key.high or 9999)
                widget.setValue(int(key.default or key.low or 0))
            elif key.type == "metric" and isinstance(widget, QComboBox):
                current = widget.currentData()
                widget.clear()
                for metric in key.choices:
                    widget.addItem(label_of(metric), metric)
                wanted = current if current in key.choices else key.default
                widget.setCurrentIndex(max(widget.findData(wanted), 0))
            widget.blockSignals(False)
        self.update_preview()

    def _arrange(self, kind: BlockKind) -> None:
        """The kind's fields under "Kind", in the registry's order (a bloc first for a bloc
        block); the other kinds' fields leave the form."""
        while self.form.rowCount() > 1:
            self.form.takeRow(1)
        for name in self.fields:
            self.fields[name].hide()
            self.labels[name].hide()
        for key in kind.form_keys:
            self.form.addRow(self.labels[key.name], self.fields[key.name])
            self.labels[key.name].show()
            self.fields[key.name].show()

    def block(self) -> Block:
        kind = self.current_kind()
        params: dict[str, str] = {}
        for key in kind.form_keys:
            value = _value(self.fields[key.name])
            if value:
                params[key.name] = value
        return Block(kind.id, params)

    def resolved(self) -> ResolvedBlock:
        return self.resolver.resolve_block(self.block())

    def update_preview(self, *_args) -> None:
        block = self.resolved()
        self.insert.setEnabled(block.ok)
        self.preview.setHtml(preview_html(block))


def _changed(widget: QWidget):
    if isinstance(widget, QComboBox):
        return widget.editTextChanged if widget.isEditable() else widget.currentIndexChanged
    if isinstance(widget, QSpinBox):
        return widget.valueChanged
    if isinstance(widget, QCheckBox):
        return widget.toggled
    return widget.textChanged


def _value(widget: QWidget) -> str:
    """What a field writes into the block ("" = leave the key out)."""
    if isinstance(widget, QComboBox):
        return (widget.currentText() if widget.isEditable() else widget.currentData() or "").strip()
    if isinstance(widget, QSpinBox):
        return str(widget.value()) if widget.value() else ""
    if isinstance(widget, QCheckBox):
        return "yes" if widget.isChecked() else ""
    return " ".join(widget.text().split())


def preview_html(block: ResolvedBlock, chart: str = "") -> str:
    """How the block will read: its title, a few rows or points, its sources; or why not.

    ``chart`` is the chart drawn as HTML (the memo preview draws it); without it the chart's
    values are listed as text.
    """
    if block.error:
        return f"<p style='color:#b3261e'><b>Cannot insert:</b> {escape(block.error)}</p>"
    parts = [f"<p><b>{escape(block.title or block.text)}</b></p>"]
    for table in block.tables():
        if table.title:
            parts.append(f"<p><i>{escape(table.title)}</i></p>")
        head = "".join(f"<th align=left {_NOWRAP}>{escape(c)}</th>" for c in table.columns)
        body = "".join("<tr>" + "".join(f"<td {_NOWRAP}>{escape(c)}</td>" for c in row) + "</tr>"
                       for row in table.rows[:12])
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
