"""The main area: one panel per kind of card (built on first use), the timeline and the bloc
dashboard."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from desktop.services.cards import CardService
from desktop.ui.cards.entity_cards import CountryCard, EventCard, GroupCard, InitiativeCard
from desktop.ui.cards.lists_panel import ListsPanel
from desktop.ui.cards.mineral_card import MineralCard
from desktop.ui.cards.timeline_panel import TimelinePanel
from desktop.ui.mouse_buttons import MouseHistoryButtons

PANELS = {"country": CountryCard, "mineral": MineralCard, "initiative": InitiativeCard,
          "event": EventCard, "group": GroupCard, "lists": ListsPanel}


class CardArea(QStackedWidget):
    link_activated = Signal(str, str)
    memo_block = Signal(str)
    status = Signal(str)
    completed = Signal()  # the current card has built all its sections

    def __init__(self, cards: CardService, mouse_buttons: MouseHistoryButtons | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cards = cards
        self._mouse_buttons = mouse_buttons
        self.panels: dict[str, QWidget] = {}
        self.setAccessibleName("Card view")

    def panel(self, kind: str):
        if kind not in self.panels:
            if kind == "timeline":
                panel = TimelinePanel(self._cards.register)
            elif kind == "blocs":  # imported on first use: start-up does not pay for it
                from desktop.ui.cards.bloc_dashboard import BlocDashboard

                panel = BlocDashboard(self._cards.analysis)  # the app's one, warmed-up cache
            else:
                panel = PANELS[kind]()
            panel.mouse_buttons = self._mouse_buttons
            if self._mouse_buttons is not None:
                watched = {"timeline": lambda: panel.table.view,
                           "blocs": lambda: panel.view}.get(kind, lambda: panel)()
                self._mouse_buttons.watch(watched.viewport())
            panel.link_activated.connect(self.link_activated)
            panel.memo_block.connect(self.memo_block)
            panel.status.connect(self.status)
            if hasattr(panel, "completed"):
                panel.completed.connect(self.completed)
            self.addWidget(panel)
            self.panels[kind] = panel
        return self.panels[kind]

    def show_card(self, kind: str, card: dict) -> None:
        panel = self.panel(kind)
        panel.show_card(card)
        self.setCurrentWidget(panel)

    def show_timeline(self, country: str | None = None, mineral: str | None = None) -> None:
        panel = self.panel("timeline")
        if country or mineral:
            panel.set_filters(country, mineral)
        self.setCurrentWidget(panel)

    def show_blocs(self) -> None:
        self.setCurrentWidget(self.panel("blocs"))

    def current_panel(self):
        return self.currentWidget()
