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
    QListWidget,
    QListWidgetItem,
    QMenu,
    QStackedWidget,
    QTabBar,
    QToolButton,
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


class MemoList(QWidget):
    """The library's memos, most recent first, and "New memo" from a template or blank."""

    open_requested = Signal(int)
    new_requested = Signal(str)  # a template path, or "" for a blank memo

    def __init__(self, templates: list[tuple[str, str]]) -> None:
        super().__init__()
        self.new_button = QToolButton(text="New memo",
                                      popupMode=QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.new_button.setAccessibleName("New memo")
        self.new_button.clicked.connect(lambda: self.new_requested.emit(""))
        menu = QMenu(self.new_button)
        menu.addAction("Blank memo", lambda: self.new_requested.emit(""))
        for title, path in templates:
            menu.addAction(f"From template: {title}", lambda p=path: self.new_requested.emit(p))
        self.new_button.setMenu(menu)
        self.view = QListWidget()
        self.view.setAccessibleName("Memo list")
        self.view.itemActivated.connect(lambda item: self.open_requested.emit(item.data(ID_ROLE)))
        self.view.itemClicked.connect(lambda item: self.open_requested.emit(item.data(ID_ROLE)))
        hint = QLabel("“Add to memo” on a card or table inserts its data block into the open memo.")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.new_button)
        layout.addWidget(self.view, 1)
        layout.addWidget(hint)

    def set_memos(self, rows: list[tuple[int, str, str]]) -> None:
        self.view.clear()
        for memo_id, title, updated in rows:
            item = QListWidgetItem(f"{title}\n{updated[:16].replace('T', ' ')}")
            item.setData(ID_ROLE, memo_id)
            self.view.addItem(item)


class NavigationPanel(QWidget):
    card_requested = Signal(str, str)
    timeline_requested = Signal()

    def __init__(self, countries: list[tuple[str, str, str]], minerals: list[tuple[str, str, str]],
                 initiatives: list[tuple[str, str, str]],
                 templates: list[tuple[str, str]] | None = None) -> None:
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
        timeline.setWordWrap(True)
        timeline.setAlignment(Qt.AlignmentFlag.AlignTop)
        timeline.setMargin(8)
        self.stack.addWidget(timeline)
        self.memos = MemoList(templates or [])
        self.stack.addWidget(self.memos)
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
