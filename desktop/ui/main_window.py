"""The main window: a lookup field, its results and the card of the chosen entity.

It only assembles panels; each slot reads the widget state, calls one service method and updates
the view. The richer card panels, palette and memo editor arrive with later issues.
"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.reference.lookup import Lookup
from desktop.reference.repository import ReferenceRepository
from desktop.services.cards import CardService, UnknownEntity
from desktop.ui.card_html import card_to_html

ROLE_KEY = Qt.ItemDataRole.UserRole


class MainWindow(QMainWindow):
    first_painted = Signal()
    card_opened = Signal(str, str)

    def __init__(self, conn: sqlite3.Connection) -> None:
        super().__init__()
        self._lookup = Lookup(conn)
        self._cards = CardService(ReferenceRepository(conn))
        self._painted = False
        self.setWindowTitle("Minerals Briefing Desk")
        self.resize(1100, 720)

        self.query = QLineEdit(placeholderText="Look up a country, mineral, initiative… (Ctrl+K)")
        self.query.setAccessibleName("Lookup")
        self.results = QListWidget()
        self.results.setAccessibleName("Lookup results")
        self.card = QTextBrowser(openLinks=False)
        self.card.setAccessibleName("Card")
        left = QWidget()
        layout = QVBoxLayout(left)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.query)
        layout.addWidget(self.results)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.card)
        splitter.setSizes([320, 780])
        self.setCentralWidget(splitter)

        self.query.textChanged.connect(self._on_query_changed)
        self.query.returnPressed.connect(self._open_first_result)
        self.results.itemActivated.connect(self._on_result_activated)
        self.results.currentItemChanged.connect(lambda item, _prev: self._on_result_activated(item))
        self.card.anchorClicked.connect(self._on_link)
        QShortcut(QKeySequence("Ctrl+K"), self, activated=self._focus_lookup)
        self.open_card("mineral", "rare-earths")

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    def _focus_lookup(self) -> None:
        self.query.setFocus()
        self.query.selectAll()

    def _on_query_changed(self, text: str) -> None:
        self.results.clear()
        for result in self._lookup.search(text, limit=30):
            item = QListWidgetItem(f"{result.name}   · {result.kind}")
            item.setData(ROLE_KEY, (result.kind, result.id))
            item.setToolTip(f"matched “{result.matched}”")
            self.results.addItem(item)

    def _open_first_result(self) -> None:
        if self.results.count():
            self._on_result_activated(self.results.item(0))

    def _on_result_activated(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            kind, ident = item.data(ROLE_KEY)
            self.open_card(kind, ident)

    def _on_link(self, url) -> None:
        if url.scheme() == "briefdesk":
            self.open_card(url.host(), url.path().lstrip("/"))

    def open_card(self, kind: str, ident: str) -> None:
        try:
            card = self._cards.card(kind, ident)
        except UnknownEntity as exc:
            self.statusBar().showMessage(str(exc), 5000)
            return
        self.card.setHtml(card_to_html(card))
        self.card_opened.emit(kind, ident)
