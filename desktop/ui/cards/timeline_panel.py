"""The Timeline: every event, filterable by country, mineral, kinds (or a family of kinds) and
date range, with each measure's status on a chosen day (today unless changed).

Announced and effective dates have their own columns, so a measure announced on 9 October and
effective on 8 November reads as such; a suspension that has ended with no follow-up recorded
is marked "⚠".
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.blocks.syntax import Block
from desktop.services.register import Register
from desktop.ui.cards.base import actor_link
from desktop.ui.mouse_buttons import MouseHistoryButtons
from desktop.ui.widgets.data_table import Column, DataTable
from desktop.ui.widgets.flow_layout import flow_row
from desktop.ui.widgets.kind_filter import KindFilter

COLUMNS = [
    Column("date", "Date"), Column("announced", "Announced"), Column("effective", "Effective"),
    Column("title", "Event", link_kind="event", link_key="id"),
    Column("status_text", "Status", tooltip_key="status_note"), Column("kind", "Kind"),
    Column("actor_name", "Actor", link_kind_key="actor_kind", link_key="actor_id"),
    Column("targets", "Targets", links_key="target_links"),
    Column("minerals", "Minerals", links_key="mineral_links"), Column("document", "Document"),
]


class TimelinePanel(QWidget):
    kind = "timeline"
    link_activated = Signal(str, str)
    memo_block = Signal(str)
    status = Signal(str)

    def __init__(self, register: Register, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._register = register
        self.setAccessibleName("Timeline")
        filters = register.filters()
        self.country = self._combo("All countries", filters["countries"], "Country filter")
        self.mineral = self._combo("All minerals", filters["minerals"], "Mineral filter")
        self.event_kind = KindFilter(filters["families"], filters["kinds"])
        self.as_of = QDateEdit(QDate.fromString(register.today(), "yyyy-MM-dd"),
                               calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.as_of.setAccessibleName("Status on")
        self.as_of.setToolTip("The day each measure's status is given for")
        self.use_dates = QCheckBox("From")
        self.use_dates.setAccessibleName("Filter by date range")
        self.date_from = QDateEdit(QDate(2010, 1, 1), calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.date_to = QDateEdit(QDate.currentDate(), calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.date_from.setAccessibleName("From date")
        self.date_to.setAccessibleName("To date")
        self.count = QLabel()
        bar = flow_row(self.country, self.mineral, self.event_kind,
                       (self.use_dates, self.date_from, QLabel("to"), self.date_to),
                       (QLabel("Status on"), self.as_of), self.count)
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(bar)
        self.table: DataTable | None = None
        self._filter_bar = [self, self.country, self.mineral, self.event_kind, self.use_dates,
                            self.date_from, self.date_to, self.as_of, self.count]
        self._mouse_buttons: MouseHistoryButtons | None = None
        for combo in (self.country, self.mineral):
            combo.currentIndexChanged.connect(self.refresh)
        self.event_kind.changed.connect(self.refresh)
        self.as_of.dateChanged.connect(self.refresh)
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

    def current_filters(self) -> dict:
        dates = self.use_dates.isChecked()
        return {"country": self.country.currentData(), "mineral": self.mineral.currentData(),
                "kinds": self.event_kind.kinds() or None,
                "date_from": self.date_from.date().toString("yyyy-MM-dd") if dates else None,
                "date_to": self.date_to.date().toString("yyyy-MM-dd") if dates else None,
                "as_of": self.as_of.date().toString("yyyy-MM-dd")}

    def block(self, filters: dict) -> Block:
        """The timeline block of what is shown: the family's name when the kinds are one."""
        params = {"country": filters["country"], "mineral": filters["mineral"],
                  "event-kind": self.event_kind.family() or ", ".join(filters["kinds"] or ()),
                  "from": filters["date_from"], "to": filters["date_to"]}
        if filters["as_of"] != self._register.today():
            params["as-of"] = filters["as_of"]
        return Block("timeline", {k: v for k, v in params.items() if v})

    def refresh(self) -> None:
        filters = self.current_filters()
        events = self._register.timeline(**filters)
        rows = [dict(e, document=e["document_number"], targets=", ".join(e["target_names"]),
                     minerals=", ".join(e["mineral_names"]),
                     **actor_link(e)) for e in events]
        block = self.block(filters)
        table = DataTable("Events", COLUMNS, rows, block=block, scrolling=True)
        table.link_activated.connect(self.link_activated)
        table.memo_block.connect(self.memo_block)
        table.status.connect(self.status)
        if self.mouse_buttons is not None:
            self.mouse_buttons.watch(table.view.viewport())
        if self.table is not None:
            self._layout.replaceWidget(self.table, table)
            self.table.hide()  # it is deleted later: until then it must not paint under the new one
            self.table.deleteLater()
        else:
            self._layout.addWidget(table, 1)
        self.table = table
        self.count.setText(f"{len(rows)} events")
