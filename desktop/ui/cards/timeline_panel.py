"""The Timeline: every event, filterable by country, mineral, kind and date range.

Announced and effective dates have their own columns, so a measure announced on 9 October and
effective on 8 November reads as such.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.blocks.syntax import Block
from desktop.services.cards import CardService
from desktop.ui.cards.base import actor_link
from desktop.ui.mouse_buttons import MouseHistoryButtons
from desktop.ui.widgets.data_table import Column, DataTable

COLUMNS = [
    Column("date", "Date"), Column("announced", "Announced"), Column("effective", "Effective"),
    Column("title", "Event", link_kind="event", link_key="id"), Column("kind", "Kind"),
    Column("actor_name", "Actor", link_kind_key="actor_kind", link_key="actor_id"),
    Column("targets", "Targets", links_key="target_links"),
    Column("minerals", "Minerals", links_key="mineral_links"), Column("document", "Document"),
]


class TimelinePanel(QWidget):
    kind = "timeline"
    link_activated = Signal(str, str)
    memo_block = Signal(str)
    status = Signal(str)

    def __init__(self, cards: CardService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cards = cards
        self.setAccessibleName("Timeline")
        filters = cards.timeline_filters()
        self.country = self._combo("All countries", filters["countries"], "Country filter")
        self.mineral = self._combo("All minerals", filters["minerals"], "Mineral filter")
        self.event_kind = self._combo("All kinds", filters["kinds"], "Kind filter")
        self.use_dates = QCheckBox("From")
        self.use_dates.setAccessibleName("Filter by date range")
        self.date_from = QDateEdit(QDate(2010, 1, 1), calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.date_to = QDateEdit(QDate.currentDate(), calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.date_from.setAccessibleName("From date")
        self.date_to.setAccessibleName("To date")
        bar = QHBoxLayout()
        for widget in (self.country, self.mineral, self.event_kind, self.use_dates, self.date_from,
                       QLabel("to"), self.date_to):
            bar.addWidget(widget)
        bar.addStretch(1)
        self.count = QLabel()
        bar.addWidget(self.count)
        self._layout = QVBoxLayout(self)
        self._layout.addLayout(bar)
        self.table: DataTable | None = None
        self._filter_bar = [self, self.country, self.mineral, self.event_kind, self.use_dates,
                            self.date_from, self.date_to, self.count]
        self._mouse_buttons: MouseHistoryButtons | None = None
        for combo in (self.country, self.mineral, self.event_kind):
            combo.currentIndexChanged.connect(self.refresh)
        # The dates only count while the box is ticked; editable dates that change nothing
        # would mislead, so they are greyed out until then.
        for field in (self.date_from, self.date_to):
            field.setEnabled(False)
            field.setToolTip("Tick “From” to filter by these dates")
            self.use_dates.toggled.connect(field.setEnabled)
        self.use_dates.toggled.connect(self.refresh)
        self.date_from.dateChanged.connect(self.refresh)
        self.date_to.dateChanged.connect(self.refresh)
        self.refresh()

    @property
    def mouse_buttons(self) -> MouseHistoryButtons | None:
        """Back/forward mouse buttons, set by the card area after the panel is built."""
        return self._mouse_buttons

    @mouse_buttons.setter
    def mouse_buttons(self, buttons: MouseHistoryButtons | None) -> None:
        # The filter bar is where the pointer rests between tables; the combos and date fields
        # would otherwise swallow the back button (the table's viewport is watched in refresh).
        self._mouse_buttons = buttons
        if buttons is not None:
            for widget in self._filter_bar:
                buttons.watch(widget)
            if self.table is not None:
                buttons.watch(self.table.view.viewport())

    @staticmethod
    def _combo(everything: str, choices: list[tuple[str, str]], name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.addItem(everything, None)
        for value, label in choices:
            combo.addItem(label, value)
        combo.setMaxVisibleItems(25)
        return combo

    def is_complete(self) -> bool:
        return True

    def set_filters(self, country: str | None = None, mineral: str | None = None) -> None:
        for combo, value in ((self.country, country), (self.mineral, mineral)):
            index = combo.findData(value) if value else 0
            combo.setCurrentIndex(max(index, 0))

    def current_filters(self) -> dict[str, str | None]:
        dates = self.use_dates.isChecked()
        return {"country": self.country.currentData(), "mineral": self.mineral.currentData(),
                "kind": self.event_kind.currentData(),
                "date_from": self.date_from.date().toString("yyyy-MM-dd") if dates else None,
                "date_to": self.date_to.date().toString("yyyy-MM-dd") if dates else None}

    def refresh(self) -> None:
        filters = self.current_filters()
        events = self._cards.timeline(**filters)
        rows = [dict(e, document=e["document_number"], targets=", ".join(e["target_names"]),
                     minerals=", ".join(e["mineral_names"]), **actor_link(e)) for e in events]
        names = {"country": "country", "mineral": "mineral", "kind": "event-kind",
                 "date_from": "from", "date_to": "to"}
        block = Block("timeline", {names[k]: v for k, v in filters.items() if v})
        table = DataTable("Events", COLUMNS, rows, block=block, scrolling=True)
        table.link_activated.connect(self.link_activated)
        table.memo_block.connect(self.memo_block)
        table.status.connect(self.status)
        if self.mouse_buttons is not None:
            self.mouse_buttons.watch(table.view.viewport())
        if self.table is not None:
            self._layout.replaceWidget(self.table, table)
            self.table.deleteLater()
        else:
            self._layout.addWidget(table, 1)
        self.table = table
        self.count.setText(f"{len(rows)} events")
