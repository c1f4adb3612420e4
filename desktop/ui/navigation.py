"""The navigation panel: Countries, Minerals, Initiatives, Timeline, Memos.

Each section lists its entities with a filter field; choosing one opens its card. Timeline opens the
timeline panel; Memos explains how memo blocks reach the clipboard until the composer arrives.
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListView,
    QStackedWidget,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

SECTIONS = ("Countries", "Minerals", "Initiatives", "Timeline", "Memos")
KIND_OF_SECTION = {"Countries": "country", "Minerals": "mineral", "Initiatives": "initiative"}
ID_ROLE = Qt.ItemDataRole.UserRole


class EntityList(QWidget):
    chosen = Signal(str, str)

    def __init__(self, kind: str, entries: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.kind = kind
        model = QStandardItemModel()
        for ident, name, detail in entries:
            item = QStandardItem(name)
            item.setData(ident, ID_ROLE)
            item.setToolTip(detail or ident)
            item.setEditable(False)
            model.appendRow(item)
        self.proxy = QSortFilterProxyModel()
        self.proxy.setSourceModel(model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter = QLineEdit(placeholderText=f"Filter {len(entries)} {kind} entries…")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName(f"Filter {kind} list")
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.view = QListView()
        self.view.setModel(self.proxy)
        self.view.setAccessibleName(f"{kind.title()} list")
        self.view.activated.connect(self._open)
        self.view.clicked.connect(self._open)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.view)

    def _open(self, index) -> None:
        self.chosen.emit(self.kind, index.data(ID_ROLE))


class NavigationPanel(QWidget):
    card_requested = Signal(str, str)
    timeline_requested = Signal()

    def __init__(self, countries: list[tuple[str, str, str]], minerals: list[tuple[str, str, str]],
                 initiatives: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.setAccessibleName("Navigation")
        self.tabs = QTabBar()
        self.tabs.setExpanding(False)
        self.tabs.setUsesScrollButtons(True)  # the panel may be narrower than all five tabs
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName("Sections")
        for title in SECTIONS:
            self.tabs.addTab(title)
        self.stack = QStackedWidget()
        self.lists: dict[str, EntityList] = {}
        for title, entries in (("Countries", countries), ("Minerals", minerals),
                               ("Initiatives", initiatives)):
            entity_list = EntityList(KIND_OF_SECTION[title], entries)
            entity_list.chosen.connect(self.card_requested)
            self.lists[title] = entity_list
            self.stack.addWidget(entity_list)
        timeline = QLabel("All policy events from 2010 on, filterable by country, mineral, kind "
                          "and dates. Opened in the main area.")
        memos = QLabel("“Add to memo” on any card or table copies its memo block to the clipboard; "
                       "paste it into your memo. The memo composer arrives with a later release.")
        for label in (timeline, memos):
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignTop)
            label.setMargin(8)
            self.stack.addWidget(label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs)
        layout.addWidget(self.stack)
        self.tabs.currentChanged.connect(self.stack.setCurrentIndex)
        self.tabs.tabBarClicked.connect(self._on_tab_clicked)  # also when already selected

    def _on_tab_clicked(self, index: int) -> None:
        if 0 <= index < len(SECTIONS) and SECTIONS[index] == "Timeline":
            self.timeline_requested.emit()

    def show_section(self, title: str) -> None:
        self.tabs.setCurrentIndex(SECTIONS.index(title))
