"""The main window: assembles the toolbar, lookup palette, navigation and card area.

Slots read widget state, call one service method and update the view; the window itself holds no
queries and no card layout.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QMainWindow,
    QMenu,
    QProgressBar,
    QSplitter,
    QToolBar,
    QWidget,
)

from desktop.app import AppContext
from desktop.blocks.staleness import stamp_markup, stamp_unstamped
from desktop.services.cards import UnknownEntity
from desktop.services.history import History
from desktop.ui.card_area import CardArea
from desktop.ui.fonts import ensure_fonts
from desktop.ui.lookup_palette import LookupPalette
from desktop.ui.memo.actions import MemoActions, markdown_paths
from desktop.ui.memo.editor import MemoEditor
from desktop.ui.memo.export_action import MemoExport, cancel_button
from desktop.ui.memo.session import MemoSession
from desktop.ui.mouse_buttons import MouseHistoryButtons
from desktop.ui.navigation import NavigationPanel
from desktop.ui.settings import UiSettings
from desktop.ui.view_menu import ViewSwitches
from desktop.ui.window_setup import BACKUP_DELAY_MS, back_up, build_toolbar_and_menus, templates

DEFAULT_CARD = ("mineral", "rare-earths")


class MainWindow(QMainWindow):
    first_painted = Signal()
    card_opened = Signal(str, str)

    def __init__(self, context: AppContext, settings: UiSettings | None = None) -> None:
        super().__init__()
        ensure_fonts(QApplication.instance())
        self.context = context
        repo = context.repo
        self.cards = context.cards
        self.settings = settings or UiSettings()
        self.history = History()
        self._painted = False
        self._warm_up_timer: QTimer | None = None
        self.warmed_up = False
        self.setWindowTitle("Minerals Briefing Desk")
        self.resize(1280, 820)
        self._fit_screen()

        self.lookup_field = QLineEdit(placeholderText="Look up a country, mineral, initiative… "
                                                      "(Ctrl+K)")
        self.lookup_field.setAccessibleName("Lookup")
        self.lookup_field.setClearButtonEnabled(True)
        self.lookup_field.setMinimumWidth(380)
        build_toolbar_and_menus(self)
        self.navigation = NavigationPanel(
            [(i, n, "") for i, n in repo.countries()],
            [(i, n, f) for i, n, f in repo.minerals()],
            [(i.id, i.name, i.short_name) for i in repo.initiatives()], templates())
        self.mouse_buttons = MouseHistoryButtons(self)
        self.card_area = CardArea(self.cards, self.mouse_buttons)
        self.splitter = QSplitter()
        self.memo_session = MemoSession(self)  # how the last session ended, said once
        self.library = context.library
        if self.library is not None:
            # a large library's daily copy must not hold up the first paint: do it once idle
            library = self.library
            QTimer.singleShot(BACKUP_DELAY_MS, self, lambda: back_up(library))
            self.memo_session.check(self.library)
        self.lookup = context.lookup
        self.block_resolver = context.blocks
        self.editor = MemoEditor(self.library, context.recognizer, self.block_resolver,
                                 self.cards.mini_card) if self.library else None
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(self.card_area)
        if self.editor is not None:
            self.splitter.addWidget(self.editor)
            self.editor.hide()
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([400, 880, 560])
        self.setCentralWidget(self.splitter)
        self.palette_popup = LookupPalette(self.lookup, self.lookup_field, self)
        self.statusBar().showMessage(
            f"Reference data pack {context.data_pack or '?'}")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # indeterminate: the card's remaining sections are being built
        self.busy.setMaximumWidth(120)
        self.busy.setAccessibleName("Building card")
        self.busy.hide()
        self.statusBar().addPermanentWidget(self.busy)

        self.palette_popup.chosen.connect(self.open_card)
        self.navigation.card_requested.connect(self.open_card)
        self.navigation.timeline_requested.connect(lambda: self.open_card("timeline", ""))
        self.navigation.blocs_requested.connect(lambda: self.open_card("blocs", ""))
        self.card_area.link_activated.connect(self.open_card)
        self.card_area.memo_block.connect(self.copy_memo_block)
        self.card_area.status.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.card_area.completed.connect(self.busy.hide)
        self.memo_export = MemoExport(self, self.block_resolver)
        memos = self.navigation.memos
        memos.open_requested.connect(self.open_memo)
        memos.new_requested.connect(self.new_memo)
        self.memo_actions = MemoActions(self.library, self) if self.library else None
        if self.memo_actions is not None:
            self._connect_memo_actions(self.memo_actions)
        if self.editor is not None:
            self.editor.saved.connect(lambda _id: self._refresh_memos())
            self.editor.status.connect(lambda text: self.statusBar().showMessage(text, 5000))
            self.editor.export_requested.connect(self.memo_export.ask_and_export_memo)
            self.editor.card_requested.connect(self.open_card)
            self.editor.picker_requested.connect(self.pick_block)
            self.editor.block_requested.connect(
                lambda markup: self.editor.insert_block(stamp_markup(markup,
                                                                     self.block_resolver)))
        self.picker: QWidget | None = None
        self._refresh_memos()
        self.memo_export.started.connect(self._busy_message)
        self.memo_export.finished.connect(lambda path: self._idle_message(f"Exported {path}"))
        self.memo_export.failed.connect(lambda message: self._idle_message(message))
        self.memo_export.warned.connect(
            lambda message: self._idle_message(f"Exported, with a warning: {message}"))
        self.memo_export.progress.connect(self.statusBar().showMessage)
        self.memo_export.cancelled.connect(self._idle_message)
        self.statusBar().addPermanentWidget(cancel_button(self.memo_export, self))
        QApplication.instance().styleHints().colorSchemeChanged.connect(self._redraw_card)
        self.mouse_buttons.back.connect(self.go_back)
        self.mouse_buttons.forward.connect(self.go_forward)
        for entity_list in self.navigation.lists.values():
            self.mouse_buttons.watch(entity_list.view.viewport())
        for toolbar in self.findChildren(QToolBar):  # back/forward over the toolbar too
            for widget in (toolbar, *toolbar.findChildren(QWidget)):
                self.mouse_buttons.watch(widget)
        self.view_switches = ViewSwitches(self.view_menu, self.navigation, self.card_area,
                                          self.editor)
        self._restoring = True  # the last card reopening is no request to leave the memo focus
        self._restore()
        self._restoring = False

    # -- state --------------------------------------------------------------------------------
    def _restore(self) -> None:
        geometry = self.settings.geometry("main")
        if geometry:
            self.restoreGeometry(geometry)
            self._fit_screen()  # the last run may have been on a larger screen
        splitter = self.settings.geometry("splitter")
        if splitter:
            self.splitter.restoreState(splitter)
        last = self.settings.last_card() or DEFAULT_CARD
        if not self.open_card(*last):
            self.open_card(*DEFAULT_CARD)
        self._reopen_memo()

    def _fit_screen(self) -> None:
        """No larger than the screen's free area: a window wider than a laptop screen hides
        its own buttons off the edge."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            free = screen.availableGeometry()
            if self.width() > free.width() or self.height() > free.height():
                self.resize(min(self.width(), free.width()), min(self.height(), free.height()))

    def save_state(self) -> None:
        self.settings.set_geometry("main", self.saveGeometry())
        self.settings.set_geometry("splitter", self.splitter.saveState())
        if self.history.current:
            self.settings.set_last_card(*self.history.current)
        self.settings.sync()

    def closeEvent(self, event) -> None:  # noqa: N802
        if self._warm_up_timer is not None:
            self._warm_up_timer.stop()
        if self.editor is not None:
            self.editor.flush()
        self.save_state()
        super().closeEvent(event)

    def paintEvent(self, event) -> None:  # noqa: N802
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()
            self._start_warm_up()

    def _start_warm_up(self) -> None:
        """Prepare caches in idle moments, a small step per turn of the event loop: the typo
        index of the lookup, then every mineral's shares (country cards need them)."""

        def all_steps():
            self.lookup.prepare()
            yield "lookup"
            import PySide6.QtCharts  # noqa: F401  (first chart would otherwise pay ~80 ms)

            yield "charts"
            yield from self.cards.warm_up()

        steps = all_steps()
        self._warm_up_timer = timer = QTimer(self)
        timer.setInterval(0)

        def step() -> None:
            if next(steps, None) is None:
                timer.stop()
                self.warmed_up = True

        timer.timeout.connect(step)
        timer.start()

    # -- slots --------------------------------------------------------------------------------
    def focus_lookup(self) -> None:
        self.lookup_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.lookup_field.selectAll()
        if self.lookup_field.text():
            self.palette_popup.update_results(self.lookup_field.text())

    def open_card(self, kind: str, ident: str, record: bool = True) -> bool:
        if not self._restoring:
            self.view_switches.show_card()
        if kind == "timeline":
            self.card_area.show_timeline()
        elif kind == "blocs":
            self.card_area.show_blocs()
        elif kind == "lists":
            self.card_area.show_card("lists", self.context.lists.crosswalk())
        else:
            cold = kind == "country" and not self.cards.warm
            if cold:
                # A country card reads every mineral it supplies; until the idle warm-up has
                # read them all, that takes a noticeable moment: say so before it starts.
                self.busy.show()
                self.statusBar().showMessage("Reading the figures of every mineral…")
                self.busy.repaint()
                self.statusBar().repaint()
            try:
                card = self.cards.card(kind, ident)
            except UnknownEntity as exc:
                self.busy.hide()
                self.statusBar().showMessage(str(exc), 5000)
                return False
            if cold:
                self.statusBar().clearMessage()
            self.card_area.show_card(kind, card)
            panel = self.card_area.currentWidget()
            self.busy.setVisible(not panel.is_complete())
        if record:
            self.history.visit((kind, ident))
        self._update_history_actions()
        self.settings.set_last_card(kind, ident)
        self.card_opened.emit(kind, ident)
        return True

    def _busy_message(self, text: str) -> None:
        self.busy.show()
        self.statusBar().showMessage(text)

    def _idle_message(self, text: str) -> None:
        self.busy.hide()
        self.statusBar().showMessage(text, 8000)

    def _redraw_card(self, *_scheme) -> None:
        """Charts take their colours when built: rebuild the card after a theme change."""
        if self.history.current:
            self.open_card(*self.history.current, record=False)

    def go_back(self) -> None:
        location = self.history.back()
        if location:
            self.open_card(*location, record=False)

    def go_forward(self) -> None:
        location = self.history.forward()
        if location:
            self.open_card(*location, record=False)

    def _update_history_actions(self) -> None:
        self.back_action.setEnabled(self.history.can_go_back())
        self.forward_action.setEnabled(self.history.can_go_forward())

    def copy_memo_block(self, markup: str) -> None:
        """Into the open memo at its cursor; with no memo open, into a new blank memo; with no
        library at all (it could not be opened), to the clipboard."""
        if self.editor is not None and (self.editor.memo_id is None or
                                        not self.editor.isVisible()):
            self.new_memo("")
        if self.editor is not None and self.editor.memo_id is not None:
            self.editor.insert_block(stamp_markup(markup, self.block_resolver))
            self.statusBar().showMessage("Data block inserted into the memo", 5000)
            return
        QGuiApplication.clipboard().setText(markup)
        self.statusBar().showMessage("The memo library is unavailable, so the data block was "
                                     "copied to the clipboard", 6000)

    # -- memos --------------------------------------------------------------------------------
    def _connect_memo_actions(self, actions: MemoActions) -> None:
        memos = self.navigation.memos
        memos.filter_changed.connect(self._refresh_memos)
        memos.trash_requested.connect(self._trash_memo)
        memos.restore_requested.connect(actions.restore)
        memos.export_requested.connect(actions.export_markdown)
        memos.import_requested.connect(actions.ask_import)
        actions.changed.connect(self._refresh_memos)
        actions.opened.connect(self.open_memo)
        actions.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        recent = QMenu("Recent memos", self)
        recent.aboutToShow.connect(lambda: actions.fill_recent(recent))
        import_action = QAction("Import Markdown memos…", self)
        import_action.setShortcut(QKeySequence("Ctrl+I"))
        import_action.triggered.connect(actions.ask_import)
        export_md = QAction("Export memo as Markdown…", self)
        export_md.triggered.connect(self._export_open_memo_markdown)
        self.file_menu.insertMenu(self.quit_action, recent)
        self.file_menu.insertActions(self.quit_action, [import_action, export_md])
        self.file_menu.insertSeparator(self.quit_action)
        self.setAcceptDrops(True)

    def _refresh_memos(self) -> None:
        if self.memo_actions is not None:
            self.navigation.memos.set_memos(self.memo_actions.rows(*self.navigation.memos.query()))

    def _trash_memo(self, memo_id: int) -> None:
        if self.editor is not None and self.editor.memo_id == memo_id:
            self.editor.close_memo()
            self.editor.hide()
            self.settings.set_open_memo(None)
            self.view_switches.apply()  # a memo no longer open cannot keep the focus
        self.memo_actions.move_to_trash(memo_id)

    def _export_open_memo_markdown(self) -> None:
        if self.editor is None or self.editor.memo_id is None:
            self.statusBar().showMessage("Open a memo to export it as Markdown", 5000)
            return
        self.editor.flush()  # the file holds what is on screen, pending typing included
        self.memo_actions.export_markdown(self.editor.memo_id)

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if self.memo_actions is not None and markdown_paths(event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        paths = markdown_paths(event.mimeData().urls())
        if self.memo_actions is not None and paths:
            event.acceptProposedAction()
            self.memo_actions.import_paths(paths)

    def new_memo(self, template: str = "") -> int | None:
        if self.library is None:
            return None
        from pathlib import Path

        from desktop.domain.memo import Memo, parse_memo

        if template:
            memo = parse_memo(Path(template).read_text(encoding="utf-8"))
            memo = Memo(memo.front, stamp_unstamped(memo.body, self.block_resolver))
            memo = memo.dated_from_template(self.context.today())
        else:
            memo = Memo({"title": "Untitled memo", "marking": "OFFICIAL", "style": "compact"}, "")
        memo_id = self.library.create(memo)
        self._refresh_memos()
        self.open_memo(memo_id)
        return memo_id

    def open_memo(self, memo_id: int, share_width: bool = True) -> None:
        if self.editor is None:
            return
        self.editor.open_memo(memo_id)
        appears = self.editor.isHidden()
        self.editor.show()
        self.view_switches.apply()  # before sharing: a hidden navigation panel takes no share
        if appears and share_width:
            self._share_width()
        self.settings.set_open_memo(memo_id)

    def _share_width(self) -> None:
        """The memo has just appeared: the card and the memo get equal shares of what the
        navigation panel leaves (Qt would give the memo its preferred width and leave the card
        a sliver on a laptop screen). The user's own splits are restored at start instead."""
        total = max(sum(self.splitter.sizes()), self.width())
        navigation = min(260, total // 5) if self.navigation.isVisibleTo(self) else 0
        half = (total - navigation) // 2
        self.splitter.setSizes([navigation, half, total - navigation - half])

    def pick_block(self) -> None:
        """Ctrl+Shift+B: choose a data block with a live preview, insert it at the cursor."""
        from desktop.ui.memo.block_picker import BlockPicker

        presets = [spec for spec, _label in self.context.workbench.presets()]
        self.picker = BlockPicker(self.block_resolver, presets, self)
        self.picker.accepted.connect(
            lambda: self.editor.insert_block(stamp_markup(self.picker.block().to_markup(),
                                                          self.block_resolver)))
        self.picker.open()

    def _reopen_memo(self) -> None:
        """After a crash or a normal quit: the memo that was open, as last autosaved (the memo
        session has already dropped one that was trashed, and says which way it ended)."""
        memo_id = self.settings.open_memo()
        if self.library is None or memo_id is None:
            return
        try:
            self.library.get(memo_id)
        except Exception:
            return
        self.open_memo(memo_id, share_width=False)
        splits = self.settings.geometry("splitter")  # the splits the user left, memo shown
        if splits:
            self.splitter.restoreState(splits)
        else:
            self._share_width()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.palette_popup.isVisible():
            self.palette_popup.update_results(self.lookup_field.text())
