"""What the main window is built with, kept out of it: the toolbar and menus, the memo
templates on offer, and opening the user's memo library (with the damaged-library dialogue)."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar

from desktop.memos.library import LibraryDamaged, LibraryError, MemoLibrary


def templates() -> list[tuple[str, str]]:
    from desktop.paths import resources_dir

    folder = resources_dir() / "templates"
    return [(path.stem.replace("-", " ").capitalize(), str(path))
            for path in sorted(folder.glob("*.md"))]


def open_library(parent) -> MemoLibrary | None:
    """The user's library; a damaged one is reported and, if the user agrees, restored from
    its newest backup (the damaged file is kept beside it)."""
    from PySide6.QtWidgets import QMessageBox

    from desktop.paths import user_data_dir

    try:
        library = MemoLibrary(user_data_dir())
    except LibraryDamaged as exc:
        if exc.backups and QMessageBox.question(
                parent, "Memo library damaged", f"{exc} Restore it now?") == \
                QMessageBox.StandardButton.Yes:
            MemoLibrary.restore_backup(exc.path.parent, exc.backups[0])
            return MemoLibrary(user_data_dir())
        QMessageBox.warning(parent, "Memo library damaged", f"{exc} Memos are unavailable.")
        return None
    except LibraryError as exc:
        QMessageBox.warning(parent, "Memo library", str(exc))
        return None
    library.backup_if_due()
    return library


def _shortcuts(own: str, standard: QKeySequence.StandardKey) -> list[QKeySequence]:
    """Our shortcut plus the platform's, without listing one twice (Qt calls that ambiguous)."""
    keys = [QKeySequence(own)]
    for key in QKeySequence.keyBindings(standard):
        if key not in keys:
            keys.append(key)
    return keys


def build_toolbar_and_menus(window) -> None:
    """The toolbar (back, forward, lookup field, timeline) and the Go, View and File menus;
    the actions the window and tests reach are kept on it."""
    toolbar = QToolBar("Navigation")
    toolbar.setObjectName("main-toolbar")
    toolbar.setMovable(False)
    window.back_action = QAction("◀ Back", window)
    window.back_action.setShortcuts(_shortcuts("Alt+Left", QKeySequence.StandardKey.Back))
    window.back_action.triggered.connect(window.go_back)
    window.forward_action = QAction("Forward ▶", window)
    window.forward_action.setShortcuts(_shortcuts("Alt+Right", QKeySequence.StandardKey.Forward))
    window.forward_action.triggered.connect(window.go_forward)
    timeline = QAction("Timeline", window)
    timeline.triggered.connect(lambda: window.open_card("timeline", ""))
    for action in (window.back_action, window.forward_action):
        action.setEnabled(False)
        toolbar.addAction(action)
    toolbar.addSeparator()
    toolbar.addWidget(window.lookup_field)
    toolbar.addSeparator()
    toolbar.addAction(timeline)
    window.addToolBar(toolbar)
    go = window.menuBar().addMenu("&Go")
    go.addActions([window.back_action, window.forward_action, timeline])
    lookup = QAction("Look up…", window)
    lookup.triggered.connect(window.focus_lookup)
    go.addAction(lookup)
    blocs = window.blocs_action = QAction("Bloc dashboard", window)
    blocs.setShortcut(QKeySequence("Ctrl+Shift+D"))
    blocs.triggered.connect(lambda: window.open_card("blocs", ""))
    window.menuBar().addMenu("&View").addAction(blocs)
    file_menu = window.file_menu = window.menuBar().addMenu("&File")
    export_action = QAction("Export memo to PDF…", window)
    export_action.setShortcut(QKeySequence("Ctrl+E"))
    export_action.triggered.connect(lambda: window.memo_export.ask_and_export())
    file_menu.addAction(export_action)
    quit_action = window.quit_action = QAction("Quit", window)
    quit_action.setShortcut(QKeySequence.StandardKey.Quit)
    quit_action.triggered.connect(window.close)
    file_menu.addAction(quit_action)
