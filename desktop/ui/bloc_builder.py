"""The custom bloc dialog: tick countries in a filterable list and name the bloc.

The result is a bloc expression of ISO3 codes joined by ``+`` (``USA+JPN+AUS``), the form the
analysis workbench reads, and a display name. The workbench takes expressions up to 2,000
characters, room for every country in the list.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

MAX_COUNTRIES = 400  # 400 ISO3 codes joined by '+' fill the workbench's 2,000-character limit
MAX_NAME = 80
CODE_ROLE = Qt.ItemDataRole.UserRole


def clean_name(text: str) -> str:
    """A display name without control characters (NUL, bidi overrides stay out), on one line."""
    kept = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text or "")
    return " ".join(kept.split())[:MAX_NAME]


class BlocBuilderDialog(QDialog):
    """Choose countries for a bloc; ``spec()`` and ``bloc_name()`` give the result."""

    def __init__(self, countries: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Build a custom bloc")
        self.setAccessibleName("Build a custom bloc")
        self.name = QLineEdit(placeholderText="e.g. Critical minerals buyers' club")
        self.name.setAccessibleName("Bloc name")
        self.name.setMaxLength(MAX_NAME)
        self.filter = QLineEdit(placeholderText=f"Filter {len(countries)} countries by name or "
                                                "ISO3 code…")
        self.filter.setAccessibleName("Filter countries")
        self.filter.setClearButtonEnabled(True)
        self.filter.setMaxLength(100)
        self.list = QListWidget()
        self.list.setAccessibleName("Countries")
        for iso3, country in countries:
            item = QListWidgetItem(f"{country} ({iso3})")
            item.setData(CODE_ROLE, iso3)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.count = QLabel()
        self.count.setAccessibleName("Countries chosen")
        self.count.setWordWrap(True)
        clear = QPushButton("Clear all")
        clear.setAccessibleName("Untick every country")
        clear.clicked.connect(self.clear)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                        QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Use this bloc")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Filter", self.filter)
        under = QHBoxLayout()
        under.addWidget(self.count, 1)
        under.addWidget(clear)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.list, 1)
        layout.addLayout(under)
        layout.addWidget(self.buttons)
        self.filter.textChanged.connect(self.apply_filter)
        self.list.itemChanged.connect(lambda _item: self._update())
        self.resize(420, 560)
        self._update()

    def apply_filter(self, text: str) -> None:
        needle = " ".join(text.replace("\0", " ").split()).casefold()
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(bool(needle) and needle not in item.text().casefold())

    def set_checked(self, codes: list[str] | set[str]) -> None:
        wanted = {c.upper() for c in codes}
        for row in range(self.list.count()):
            item = self.list.item(row)
            state = Qt.CheckState.Checked if item.data(CODE_ROLE) in wanted else \
                Qt.CheckState.Unchecked
            item.setCheckState(state)

    def clear(self) -> None:
        self.set_checked(set())

    def codes(self) -> list[str]:
        return sorted(self.list.item(r).data(CODE_ROLE) for r in range(self.list.count())
                      if self.list.item(r).checkState() == Qt.CheckState.Checked)

    def spec(self) -> str:
        return "+".join(self.codes())

    def bloc_name(self) -> str:
        return clean_name(self.name.text()) or "Custom bloc"

    def _update(self) -> None:
        chosen = len(self.codes())
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(0 < chosen <= MAX_COUNTRIES)
        if chosen > MAX_COUNTRIES:
            self.count.setText(f"{chosen} countries chosen: a custom bloc holds at most "
                               f"{MAX_COUNTRIES}; use a preset such as the OECD or G20.")
        else:
            self.count.setText(f"{chosen} {'country' if chosen == 1 else 'countries'} chosen"
                               if chosen else "Tick the countries of the bloc.")
