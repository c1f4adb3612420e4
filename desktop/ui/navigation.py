"""The navigation panel: Countries, Minerals, Initiatives, Timeline, Blocs, Memos.

Each section lists its entities with a filter field; choosing one opens its card. Timeline opens the
timeline panel, Blocs the bloc dashboard; Memos lists, searches and restores the user's memos.
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.memo.list_item import MemoItemDelegate, memo_item
from desktop.ui.widgets.flow_layout import FlowLayout

SECTIONS = ("Countries", "Minerals", "Initiatives", "Timeline", "Blocs", "Memos")
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
    """The library's memos, most recent first: search, the trash, and "New memo" from a
    template or blank. The list only asks; the window calls the library and refills it."""

    open_requested = Signal(int)
    new_requested = Signal(str)  # a template path, or "" for a blank memo
    filter_changed = Signal()  # the search text or the trash switch changed
    trash_requested = Signal(int)
    restore_requested = Signal(int)
    export_requested = Signal(int)  # as Markdown
    import_requested = Signal()

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
        menu.addSeparator()
        menu.addAction("Import Markdown files…", self.import_requested.emit)
        self.new_button.setMenu(menu)
        self.search = QLineEdit(placeholderText="Search memos (titles and text)")
        self.search.setAccessibleName("Search memos")
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(200)
        self.search.textChanged.connect(lambda _t: self.filter_changed.emit())
        self.trash = QCheckBox("Trash")
        self.trash.setToolTip("Show memos moved to the trash; right-click one to restore it")
        self.trash.toggled.connect(lambda _on: self.filter_changed.emit())
        self.view = QListWidget()
        self.view.setAccessibleName("Memo list")
        self.view.setItemDelegate(MemoItemDelegate(self.view))  # the date greyed under the title
        self.view.itemActivated.connect(self._open)
        self.view.itemClicked.connect(self._open)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        hint = QLabel("“Add to memo” on a card or table inserts its data block into the open memo. "
                      "Drop .md files on the window to import them.")
        hint.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.new_button)
        top.addWidget(self.trash)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        layout.addWidget(hint)

    def query(self) -> tuple[str, bool]:
        """What to list: the search text and whether the trash is shown."""
        return self.search.text().strip(), self.trash.isChecked()

    def set_memos(self, rows: list[tuple[int, str, str]]) -> None:
        self.view.clear()
        for memo_id, title, updated in rows:
            self.view.addItem(memo_item(memo_id, title, updated, ID_ROLE))
        text, trash = self.query()
        self.empty.setText("" if rows else "The trash is empty." if trash else
                           f"No memo matches “{text}”." if text else "No memos yet.")
        self.empty.setVisible(not rows)

    def _open(self, item: QListWidgetItem) -> None:
        if not self.trash.isChecked():  # a trashed memo is restored first, not edited
            self.open_requested.emit(item.data(ID_ROLE))

    def _context_menu(self, position) -> None:
        item = self.view.itemAt(position)
        if item is None:
            return
        memo_id = item.data(ID_ROLE)
        menu = QMenu(self.view)
        if self.trash.isChecked():
            menu.addAction("Restore from the trash", lambda: self.restore_requested.emit(memo_id))
        else:
            menu.addAction("Open", lambda: self.open_requested.emit(memo_id))
            menu.addAction("Export as Markdown…", lambda: self.export_requested.emit(memo_id))
            menu.addAction("Move to the trash", lambda: self.trash_requested.emit(memo_id))
        menu.exec(self.view.viewport().mapToGlobal(position))


class NavigationPanel(QWidget):
    card_requested = Signal(str, str)
    timeline_requested = Signal()
    blocs_requested = Signal()

    def __init__(self, countries: list[tuple[str, str, str]], minerals: list[tuple[str, str, str]],
                 initiatives: list[tuple[str, str, str]],
                 templates: list[tuple[str, str]] | None = None) -> None:
        super().__init__()
        self.setAccessibleName("Navigation")
        self.sections = SectionButtons(SECTIONS)
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
        blocs = QLabel("What share of each mineral's supply, at each stage, a bloc (G7, MSP, Pax "
                       "Silica, EU-27, Quad, OECD or your own) holds against China. Opened in the "
                       "main area (Ctrl+Shift+D).")
        blocs.setWordWrap(True)
        blocs.setAlignment(Qt.AlignmentFlag.AlignTop)
        blocs.setMargin(8)
        self.stack.addWidget(blocs)
        self.memos = MemoList(templates or [])
        self.stack.addWidget(self.memos)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.sections)
        layout.addWidget(self.stack)
        self.sections.clicked.connect(self.stack.setCurrentIndex)
        self.sections.clicked.connect(self._on_section_clicked)  # also when already chosen

    def _on_section_clicked(self, index: int) -> None:
        section = SECTIONS[index] if 0 <= index < len(SECTIONS) else ""
        if section == "Timeline":
            self.timeline_requested.emit()
        elif section == "Blocs":
            self.blocs_requested.emit()

    def show_section(self, title: str) -> None:
        index = SECTIONS.index(title)
        self.sections.buttons[index].setChecked(True)
        self.stack.setCurrentIndex(index)


class SectionButtons(QWidget):
    """The panel's sections as a row of buttons that wraps onto a second line in a narrow
    panel: six tabs did not fit a laptop-width panel, and the last ones hid behind arrows."""

    clicked = Signal(int)

    def __init__(self, titles: tuple[str, ...]) -> None:
        super().__init__()
        self.setAccessibleName("Sections")
        layout = FlowLayout(self, spacing=2)
        group = QButtonGroup(self)
        group.setExclusive(True)
        self.buttons: list[QToolButton] = []
        for index, title in enumerate(titles):
            button = QToolButton(text=title, checkable=True, autoRaise=True)
            button.setAccessibleName(f"{title} section")
            button.clicked.connect(lambda _on=False, i=index: self.clicked.emit(i))
            group.addButton(button)
            layout.addWidget(button)
            self.buttons.append(button)
        self.buttons[0].setChecked(True)

    def current_index(self) -> int:
        return next((i for i, b in enumerate(self.buttons) if b.isChecked()), 0)
